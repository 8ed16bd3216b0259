"""Register rows -> canonical records: header row, layout rows, values, per-row problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import RegisterError, SchemaError
from ...schema import C19_COLUMNS, MODEL_COLUMNS, PROVENANCE_COLUMNS
from .cells import ValueProblem, cell_text, where
from .fields import FIELDS, TABLE_NAMES, _lookup, find_header, header_keys, map_headers, year_columns
from .layout import _district_heading, _footer_label, _keys_of
from .values import _PARSERS, VN_BBOX, parse_bool

if TYPE_CHECKING:
    import pandas as pd

    from ...io.register import Sheet

# --------------------------------------------------------------------------- tables


@dataclass
class Parsed:
    """One sheet read as a register table.

    Attributes
    ----------
    table : str
        ``"models"`` or ``"c19"``.
    records : list of dict
        Canonical fields plus ``_file``, ``_sheet``, ``_row`` (1-based) and
        ``_cols`` (``{field: header}`` of the columns read, for messages).
    problems : list of str
        Every problem found in the sheet.
    headers : list of str
        The header row as written.
    skipped : list of str
        Rows deliberately not read (totals, signature lines), with the reason.
    """

    table: str
    records: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    header_row: int = 0
    mapping: dict[str, int] = field(default_factory=dict)


def _missing_required(table: str, mapping: dict[str, int], wide: bool = False) -> list[str]:
    missing = []
    if table == "models" and "name" not in mapping:
        missing.append("name")
    if "commune" not in mapping and "gso_code" not in mapping:
        missing.append("commune")
    if table == "c19" and not wide:
        missing += [f for f in ("year", "achieved") if f not in mapping]
    return missing


def schema_error(
    sheet: Sheet, table: str, missing: list[str], headers: list[object]
) -> SchemaError:
    """Build the missing-columns error: names the file, the fields and the headers seen."""
    by_name = {f.name: f for f in FIELDS[table]}
    wanted = "; ".join(
        f'{m} (a header such as "{by_name[m].header_vi}" or "{by_name[m].header_en}"'
        + (' or "Mã xã"' if m == "commune" else "")
        + ")"
        for m in missing
    )
    seen = ", ".join(f'"{cell_text(h)}"' for h in headers if cell_text(h)) or "none"
    return SchemaError(
        f"{where(sheet.file, sheet.sheet)}: {TABLE_NAMES[table]} table lacks required "
        f"column(s) {wanted}; headers seen: {seen}. Rename the header or map it with "
        f"--columns FIELD=HEADER (API: columns={{'{missing[0]}': 'HEADER'}})."
    )


def parse_sheet(
    sheet: Sheet, table: str | None = None, columns: dict[str, str] | None = None
) -> Parsed:
    """Read one sheet as a models or criterion-19 table.

    Parameters
    ----------
    sheet : Sheet
        Cells as read by :mod:`camau_gis.io.register`.
    table : {"models", "c19"}, optional
        The expected table; default: decided from the headers.
    columns : dict, optional
        Explicit ``{field: header}`` mapping.

    Returns
    -------
    Parsed
        Records and every problem found (none raised here).

    Raises
    ------
    RegisterError
        The sheet has no data rows or no header row.
    SchemaError
        A required column is missing.
    """
    if not sheet.rows:
        raise RegisterError(
            f"{where(sheet.file, sheet.sheet)}: the register is empty (no rows); "
            "fill in the template from `camau-gis register template`."
        )
    idx, kind, _ = find_header(sheet.rows, table, columns)
    if idx < 0:
        headers = sheet.rows[0][1]
        kind = table or "models"
        raise schema_error(sheet, kind, _missing_required(kind, {}), headers)
    kind = table or kind
    header_rownum, headers = sheet.rows[idx]
    mapping = map_headers(headers, kind, columns)
    wide = year_columns(headers, mapping) if kind == "c19" else {}
    missing = _missing_required(kind, mapping, bool(wide))
    if missing:
        raise schema_error(sheet, kind, missing, headers)
    out = Parsed(
        table=kind,
        headers=[cell_text(h) for h in headers],
        header_row=header_rownum,
        mapping=mapping,
    )
    fields = {f.name: f for f in FIELDS[kind]}
    strong, _ = _lookup(kind)
    id_col = mapping.get("model_id")
    # an id read from "STT" is a row number: it may repeat across sheets
    weak_id = (
        id_col is not None
        and not (columns or {}).get("model_id")
        and not any(strong.get(k) == "model_id" for k in header_keys(headers[id_col]))
    )
    header_key_row = [header_keys(h) for h in headers]
    for rownum, cells in sheet.rows[:idx]:
        values = {cell_text(c) for c in cells} - {""}
        if len(values) > 1:  # a title is one (merged) value; this row has several
            out.skipped.append(
                f"{where(sheet.file, sheet.sheet, rownum)}: above the header row "
                f"(row {header_rownum}), not read"
            )
    group_district = ""  # from a heading row such as "I. HUYỆN NĂM CĂN"
    probe = min(mapping.values())  # a mapped column: cheap test before comparing whole rows
    # parsed once per distinct (kind, value): registers repeat districts, years, levels
    memo: dict[tuple[str, object], object] = {}
    blank = {fname: _PARSERS[f.kind](None) for fname, f in fields.items()}
    cols_read = {fname: cell_text(headers[i]) for fname, i in mapping.items()}  # shared, read only
    # ASCII text never has a longer key than itself: short ids/numbers skip the key computation
    probe_len = min((len(k) for k in header_key_row[probe]), default=0)
    for rownum, cells in sheet.rows[idx + 1 :]:
        texts = [cell_text(c) for c in cells]
        if (
            probe < len(cells)
            and (len(texts[probe]) >= probe_len or not texts[probe].isascii())
            and _keys_of(texts[probe]) == header_key_row[probe]
            and [_keys_of(t) for t in texts] == header_key_row
        ):
            out.skipped.append(f"{where(sheet.file, sheet.sheet, rownum)}: header repeated")
            continue
        heading = _district_heading(cells, texts)
        if heading:
            group_district = heading
            out.skipped.append(
                f"{where(sheet.file, sheet.sheet, rownum)}: heading "
                f'"{heading}", used as the district of the rows below that give none'
            )
            continue
        footer = _footer_label(cells, mapping, texts)
        if footer:
            out.skipped.append(
                f"{where(sheet.file, sheet.sheet, rownum)}: "
                f'"{footer}" (total or signature line) not read as a {kind} row'
            )
            continue
        extra = [t for t in texts[len(headers):] if t.strip()]
        if extra and sheet.separator:  # a text row wider than its header: cells shifted
            sep = "tab" if sheet.separator == "\t" else f'"{sheet.separator}"'
            out.problems.append(
                f"{where(sheet.file, sheet.sheet, rownum)}: {len(texts)} cells but the header "
                f"has {len(headers)} columns (extra: \"{extra[0][:40]}\"); a {sep} inside a "
                "cell shifts the cells after it - put that cell in double quotes, or give "
                "the extra cells a header."
            )
        rec: dict[str, object] = {"_file": sheet.file, "_sheet": sheet.sheet, "_row": rownum}
        for fname, f in fields.items():
            col = mapping.get(fname)
            if col is None or col >= len(cells):
                rec[fname] = blank[fname]
                continue
            if f.kind == "text":
                rec[fname] = texts[col]
                continue
            value = cells[col]
            key = (f.kind, value if isinstance(value, str) else (type(value), value))
            try:
                got = memo[key]
            except KeyError:
                try:
                    got = _PARSERS[f.kind](value)
                except ValueProblem as exc:
                    got = exc
                except TypeError:  # unhashable cell (never from the readers): parse uncached
                    got = key = None
                if key is not None:
                    memo[key] = got
                else:
                    try:
                        got = _PARSERS[f.kind](value)
                    except ValueProblem as exc:
                        got = exc
            if isinstance(got, ValueProblem):
                rec[fname] = blank[fname]
                out.problems.append(
                    f"{where(sheet.file, sheet.sheet, rownum, headers[col])}: "
                    f'value "{texts[col]}": {got}.'
                )
            else:
                rec[fname] = got
        rec["_cols"] = cols_read
        rec["_weak_id"] = weak_id
        if group_district and not rec["district"]:
            rec["district"] = group_district
        for one in _widen(rec, cells, headers, wide, out.problems) if wide else [rec]:
            out.problems += _check_record(one, kind)
            out.records.append(one)
    if not out.records:
        raise RegisterError(
            f"{where(sheet.file, sheet.sheet)}: the register is empty (a header row at row "
            f"{header_rownum} but no data rows below it); add one row per "
            f"{'model' if kind == 'models' else 'commune and year'}."
        )
    return out


#: Labels of rows that are not data (ascii keys): totals (whole cell) and
#: signature blocks (start of the cell).

def _widen(
    rec: dict, cells: list[object], headers: list[object], wide: dict[int, int], problems: list[str]
) -> list[dict]:
    """One record per year column of a wide criterion-19 row (blank cell = no data)."""
    out = []
    for col, year in wide.items():
        value = cells[col] if col < len(cells) else None
        new = {
            **rec,
            "year": year,
            "_cols": {
                **rec["_cols"],
                "achieved": cell_text(headers[col]),
                "year": cell_text(headers[col]),
            },
        }
        try:
            new["achieved"] = parse_bool(value, blank=None)
        except ValueProblem as exc:
            new["achieved"] = None
            problems.append(
                f"{where(rec['_file'], rec['_sheet'], rec['_row'], headers[col])}: "
                f'value "{cell_text(value)}": {exc}.'
            )
        out.append(new)
    return out


def _check_record(rec: dict, table: str) -> list[str]:
    """Check one row: impossible combinations, coordinates."""
    cols = rec["_cols"]
    loc = lambda f: where(rec["_file"], rec["_sheet"], rec["_row"], cols.get(f, f))  # noqa: E731
    problems = []
    if table == "models":
        if not rec["level"]:
            rec["level"] = "xã"
        if rec["level"] == "xã" and not rec["commune"] and not rec["gso_code"]:
            problems.append(
                f"{loc('commune')}: empty, but the model is commune-level; "
                "write the commune (or its GSO code in Mã xã), or set Cấp to huyện/tỉnh."
            )
        ys, ye = rec["year_start"], rec["year_end"]
        if ys is not None and ye is not None and ye < ys:
            problems.append(
                f'{loc("year_end")}: value "{ye}" is before the year started ({ys}); '
                "correct one of the two years."
            )
        lon, lat = rec["lon"], rec["lat"]
        if (lon is None) != (lat is None):
            problems.append(
                f"{loc('lon' if lon is None else 'lat')}: empty while "
                f"{'lat' if lon is None else 'lon'} is given; give both coordinates or neither."
            )
        elif lon is not None:
            x0, y0, x1, y1 = VN_BBOX
            if not (x0 <= lon <= x1 and y0 <= lat <= y1):
                hint = (
                    " (they look swapped: longitude first, e.g. 105.0 then 8.9)"
                    if x0 <= lat <= x1 and y0 <= lon <= y1
                    else ""
                )
                problems.append(
                    f"{loc('lon')}: point ({lon}, {lat}) is outside Viet Nam "
                    f"(longitude {x0}–{x1} E, latitude {y0}–{y1} N){hint}; "
                    "correct the coordinates (decimal degrees, WGS84) or leave them empty."
                )
    else:
        if not rec["commune"] and not rec["gso_code"]:
            problems.append(f"{loc('commune')}: empty; write the commune or its GSO code.")
        if rec["year"] is None:
            problems.append(f"{loc('year')}: empty; write the assessment year.")
        fy, y = rec["first_year"], rec["year"]
        if fy is not None and y is not None and fy > y:
            problems.append(
                f'{loc("first_year")}: value "{fy}" is after the assessment year {y}; '
                "correct the year first achieved."
            )
        if rec["achieved"] is True and False in (rec["c19_1"], rec["c19_2"]):
            sub = "19.1" if rec["c19_1"] is False else "19.2"
            problems.append(
                f"{loc('achieved')}: achieved, but sub-criterion {sub} is not; criterion 19 "
                "needs both 19.1 and 19.2: correct one of them."
            )
        if rec["achieved"] is False and fy is not None and y is not None and fy == y:
            problems.append(
                f'{loc("first_year")}: value "{fy}" says first achieved in {y}, but the row '
                "says not achieved that year; correct one of them."
            )
    return problems


def check_duplicate_ids(records: list[dict]) -> list[str]:
    """One problem per model id used more than once, naming every row that uses it."""
    seen: dict[str, list[dict]] = {}
    for rec in records:
        if rec.get("model_id"):
            seen.setdefault(rec["model_id"], []).append(rec)
    problems = []
    for mid, recs in seen.items():
        if len(recs) > 1:
            first, *rest = recs
            others = "; ".join(where(r["_file"], r["_sheet"], r["_row"]) for r in rest)
            column = first["_cols"].get("model_id", "model_id")
            problems.append(
                f"{where(first['_file'], first['_sheet'], first['_row'], column)}: "
                f'model id "{mid}" is used again at {others}; give each model its own id.'
            )
    return problems


def fill_ids(records: list[dict]) -> None:
    """Give models an id from their location (``models.csv:12``) when they lack one.

    Ids read from a row-number column ("STT") that repeat (one numbering per
    sheet) are replaced by their location too; real ids are kept, and their
    duplicates reported by :func:`check_duplicate_ids`.
    """
    from collections import Counter

    counts = Counter(rec.get("model_id") for rec in records)
    for rec in records:
        repeated = rec.get("_weak_id") and counts[rec.get("model_id")] > 1
        if not rec.get("model_id") or repeated:
            sheet = f"{rec['_sheet']}:" if rec["_sheet"] else ""
            rec["model_id"] = f"{Path(rec['_file']).stem}:{sheet}{rec['_row']}"


def to_frame(records: list[dict], table: str) -> pd.DataFrame:
    """Turn records into a DataFrame with the canonical columns, dtypes and provenance."""
    import pandas as pd

    cols = MODEL_COLUMNS if table == "models" else C19_COLUMNS
    kinds = {f.name: f.kind for f in FIELDS[table]}
    data = {c: [r.get(c) for r in records] for c in (*cols, *PROVENANCE_COLUMNS)}
    df = pd.DataFrame(data, columns=[*cols, *PROVENANCE_COLUMNS])
    for c in cols:
        kind = kinds[c]
        if kind == "year":
            df[c] = pd.array(df[c].tolist(), dtype="Int64")
        elif kind in ("bool", "bool_na"):
            df[c] = pd.array(df[c].tolist(), dtype="boolean")
        elif kind == "float":
            df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
        else:
            df[c] = df[c].fillna("").astype(str)
    df["_file"] = df["_file"].astype(str)
    df["_sheet"] = df["_sheet"].astype(str)
    df["_row"] = df["_row"].astype("int64")
    return df
