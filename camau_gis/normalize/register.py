"""Register rows -> canonical fields: header recognition, value parsing and validation.

Staff write headers their own way ("Xã/Phường/Thị trấn", "Tên xã", "Huyện/TP",
"Năm xây dựng", "STT", with or without diacritics, or in English). Each field
of :data:`camau_gis.schema.MODEL_COLUMNS` and :data:`camau_gis.schema.C19_COLUMNS`
lists the headers it answers to (``data/register_fields.json``, compared by
:func:`header_keys`); an explicit ``{field: header}`` mapping covers the rest.

Problems are collected, never raised one by one: :func:`parse_sheet` returns
every problem found as a line naming file, sheet, row, column, value, what was
expected and the fix.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import RegisterError, SchemaError
from ..schema import C19_COLUMNS, MODEL_COLUMNS, PROVENANCE_COLUMNS
from ..text import ascii_key, nfc

if TYPE_CHECKING:
    import pandas as pd

    from ..io.register import Sheet

#: Earliest plausible year of a model or an assessment.
MIN_YEAR = 1990
#: Bounding box of Viet Nam (lon min, lat min, lon max, lat max) for point checks.
VN_BBOX = (102.0, 8.0, 110.0, 24.0)
#: How many rows from the top are searched for the header row.
HEADER_SCAN_ROWS = 30
#: Levels of a model: canonical value -> accepted spellings (ascii keys).
LEVELS: dict[str, tuple[str, ...]] = {
    "xã": (
        "xa",
        "cap xa",
        "x",
        "commune",
        "ward",
        "phuong",
        "thi tran",
        "xa phuong",
        "xa phuong thi tran",
        "co so",
        "cap co so",
    ),
    "huyện": (
        "huyen",
        "cap huyen",
        "h",
        "district",
        "thanh pho",
        "tp",
        "huyen tp",
        "huyen thanh pho",
        "thi xa",
    ),
    "tỉnh": ("tinh", "cap tinh", "province", "provincial"),
}
_TRUE = {"co", "x", "yes", "y", "true", "1", "dat", "da dat", "v", "ok", "c"}
_FALSE = {"khong", "no", "n", "false", "0", "chua dat", "chua", "khong dat", "k", "ko"}
_TRUE_MARKS = {"✓", "✔", "☑", "✅", "√", "+"}
_FALSE_MARKS = {"✗", "✘", "☐", "-", "–", "—"}


@dataclass(frozen=True)
class Field:
    """One canonical register field and the headers that name it.

    Attributes
    ----------
    name : str
        Canonical column name (:mod:`camau_gis.schema`).
    header_vi, header_en : str
        Template headers (Vietnamese, English alias).
    kind : str
        Parser: ``text``, ``level``, ``code``, ``year``, ``bool`` (blank = no),
        ``bool_na`` (blank = no data), ``float``, ``date``, ``source``.
    aliases : tuple of str
        Further accepted headers, compared by :func:`header_keys`.
    weak : tuple of str
        Headers used only when no column matches a main alias ("STT" for the id).
    help_vi, help_en : str
        Description written in the templates.
    example : str
        Example value written in the templates' guide.
    """

    name: str
    header_vi: str
    header_en: str
    kind: str = "text"
    aliases: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()
    help_vi: str = ""
    help_en: str = ""
    example: str = ""

    def keys(self) -> set[str]:
        """Ascii keys of every main header this field answers to."""
        out = {ascii_key(self.name), ascii_key(self.header_vi), ascii_key(self.header_en)}
        return out | {ascii_key(a) for a in self.aliases}


def _load_fields() -> dict[str, tuple[Field, ...]]:
    """Read the field definitions shipped in ``data/register_fields.json``."""
    import json

    path = Path(__file__).resolve().parent.parent / "data" / "register_fields.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, tuple[Field, ...]] = {}
    by_name: dict[str, Field] = {}
    for table in ("models", "c19"):
        fields = []
        for spec in data[table]:
            if "ref" in spec:
                fields.append(by_name[spec["ref"]])
                continue
            f = Field(
                **{**spec, "aliases": tuple(spec["aliases"]), "weak": tuple(spec.get("weak", ()))}
            )
            by_name.setdefault(f.name, f)
            fields.append(f)
        out[table] = tuple(fields)
    return out


#: Fields of each table, in template order (:data:`camau_gis.schema` column order).
FIELDS: dict[str, tuple[Field, ...]] = _load_fields()
MODEL_FIELDS: tuple[Field, ...] = FIELDS["models"]
C19_FIELDS: tuple[Field, ...] = FIELDS["c19"]
#: Fields whose presence says which table a sheet holds.
_SPECIFIC = {
    "models": {
        "model_id",
        "name",
        "kind",
        "level",
        "year_start",
        "year_end",
        "ntm_pilot",
        "board_reg",
        "lead_unit",
        "lon",
        "lat",
    },
    "c19": {"year", "achieved", "c19_1", "c19_2", "first_year", "assessed_on", "basis"},
}
#: Human names of the tables, for messages.
TABLE_NAMES = {"models": "models", "c19": "criterion-19"}


#: Longest text (after collapsing white space) still compared as a header.
MAX_HEADER_CHARS = 500


def header_keys(header: object) -> list[str]:
    """Ascii keys a header is compared by: whole text, text before and inside ``(...)``.

    Text longer than :data:`MAX_HEADER_CHARS` is a value, never a header: no keys.
    """
    s = nfc(header)
    if len(s) > MAX_HEADER_CHARS:
        return []
    keys = [ascii_key(s)]
    m = re.match(r"^(.*?)\((.*)\)\s*$", s)
    if m:
        keys += [ascii_key(m.group(1)), ascii_key(m.group(2))]
    return [k for k in keys if k]


def _lookup(table: str) -> tuple[dict[str, str], dict[str, str]]:
    strong: dict[str, str] = {}
    weak: dict[str, str] = {}
    for f in FIELDS[table]:
        for k in f.keys():
            strong.setdefault(k, f.name)
        for w in f.weak:
            weak.setdefault(ascii_key(w), f.name)
    return strong, weak


def map_headers(
    headers: list[object], table: str, columns: dict[str, str] | None = None
) -> dict[str, int]:
    """Map canonical fields to column positions.

    Parameters
    ----------
    headers : list
        Header cells of the table.
    table : {"models", "c19"}
        Which field set to use.
    columns : dict, optional
        Explicit ``{field: header}``; wins over recognition. Entries whose
        field is not in this table, or whose header is absent, are ignored
        here (see :func:`check_mapping`).

    Returns
    -------
    dict
        ``{field: 0-based column index}``; the first matching column wins.
    """
    strong, weak = _lookup(table)
    names = {f.name for f in FIELDS[table]}
    out: dict[str, int] = {}
    taken: set[int] = set()
    for fname, header in (columns or {}).items():
        if fname not in names:
            continue
        for i, h in enumerate(headers):
            if i not in taken and (
                nfc(h) == nfc(header) or set(header_keys(h)) & set(header_keys(header))
            ):
                out[fname] = i
                taken.add(i)
                break
    for lookup in (strong, weak):
        for i, h in enumerate(headers):
            if i in taken:
                continue
            for k in header_keys(h):
                fname = lookup.get(k)
                if fname and fname not in out:
                    out[fname] = i
                    taken.add(i)
                    break
    return out


def check_mapping(columns: dict[str, str] | None) -> None:
    """Raise :class:`RegisterError` when an explicit mapping names an unknown field."""
    known = {f.name for fs in FIELDS.values() for f in fs}
    bad = [f for f in (columns or {}) if f not in known]
    if bad:
        raise RegisterError(
            f"column mapping: unknown field(s) {', '.join(map(repr, bad))}; "
            f"use FIELD=HEADER with FIELD one of: {', '.join(sorted(known))}."
        )


def header_score(rows: list[tuple[int, list[object]]]) -> int:
    """Count the recognised headers in the best header row among the first rows."""
    return max(
        (len(map_headers(cells, t)) for _, cells in rows[:HEADER_SCAN_ROWS] for t in FIELDS),
        default=0,
    )


def find_header(
    rows: list[tuple[int, list[object]]],
    table: str | None = None,
    columns: dict[str, str] | None = None,
) -> tuple[int, str | None, int]:
    """Locate the header row: the row with the most recognised headers.

    Returns
    -------
    tuple
        ``(index into rows, table kind or None, number of recognised headers)``;
        index ``-1`` when no row has at least two recognised headers.
    """
    best: tuple[int, str | None, int] = (-1, None, 0)
    best_key = (1, 10**6)  # at least two recognised headers
    for idx, (_, cells) in enumerate(rows[:HEADER_SCAN_ROWS]):
        for t in (table,) if table else ("models", "c19"):
            mapped = map_headers(cells, t, columns)
            n, specific = len(mapped), len(set(mapped) & _SPECIFIC[t])
            if (
                t == "c19"
                and {"commune", "gso_code"} & set(mapped)
                and len(year_columns(cells, mapped)) >= 2
            ):
                n, specific = n + 1, specific + 1  # wide table: one column per year
            if (n, specific) > best_key:
                best, best_key = (idx, t, n), (n, specific)
    return best


def year_columns(headers: list[object], mapping: dict[str, int]) -> dict[int, int]:
    """Columns of a *wide* criterion-19 table, one per year (``2018``, ``"Năm 2019"``).

    Only when the table has neither a year nor an achieved column.

    Returns
    -------
    dict
        ``{column index: year}``.
    """
    if "year" in mapping or "achieved" in mapping:
        return {}
    used = set(mapping.values())
    out = {}
    for i, h in enumerate(headers):
        m = re.fullmatch(r"(?:n[aă]m|year)?\s*(\d{4})", cell_text(h), flags=re.IGNORECASE)
        if i not in used and m and MIN_YEAR <= int(m.group(1)) <= 2100:
            out[i] = int(m.group(1))
    return out


# --------------------------------------------------------------------------- values


def where(file: str, sheet: str, row: int | None = None, column: object = None) -> str:
    """Location prefix of a message: ``register.xlsx, sheet "Mô hình", row 14, column "Xã"``."""
    s = Path(file).name
    if sheet:
        s += f', sheet "{sheet}"'
    if row is not None:
        s += f", row {row}"
    if column is not None:
        s += f', column "{nfc(column)}"'
    return s


def _nfc_form(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFC", text)


#: Text fields stored exactly as typed (after NFC) in the tables and the GeoPackage; the
#: others (commune, district, codes, kind) are matched or grouped, so their spaces are tidied.
AS_TYPED = frozenset({"name", "lead_unit", "notes", "basis"})


def _as_typed(value: object) -> str:
    """Return a text cell as typed, only NFC-normalised (other values as :func:`cell_text`)."""
    return _nfc_form(value) if isinstance(value, str) else cell_text(value)


def cell_text(value: object) -> str:
    """Return a cell as NFC text: integral floats lose ``.0``, dates become ISO."""
    if type(value) is str:  # the common case, as text.nfc does it
        return " ".join((value if value.isascii() else _nfc_form(value)).split())
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value == value and value.is_integer():
        return str(int(value))
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return nfc(value)


class ValueProblem(ValueError):
    """A cell value that cannot be parsed; the message says what was expected."""


def parse_bool(value: object, blank: bool | None = False) -> bool | None:
    """Parse a Vietnamese/English yes-no cell.

    Accepts Có/Không, x, ✓, yes/no, 1/0, true/false, đạt/chưa đạt (any case,
    with or without diacritics). Blank gives ``blank``.
    """
    if isinstance(value, bool):
        return value
    text = cell_text(value)
    if not text:
        return blank
    if text in _TRUE_MARKS:
        return True
    if text in _FALSE_MARKS:
        return False
    key = ascii_key(text)
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise ValueProblem("expected yes/no: Có/Không, x, đạt/chưa đạt, yes/no or 1/0")


def parse_year(value: object, max_year: int | None = None) -> int | None:
    """Parse a year (``2018``, ``2018.0``, ``"năm 2018"``, a date) and check its range."""
    max_year = max_year or _dt.date.today().year
    if isinstance(value, (_dt.date, _dt.datetime)):
        year = value.year
    else:
        text = cell_text(value)
        if not text:
            return None
        m = re.fullmatch(r"(?:n[aă]m\s*)?(\d{4})(?:\.0+)?", text, flags=re.IGNORECASE)
        if m is None:
            m = re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-](\d{4})|(\d{4})-\d{1,2}-\d{1,2}", text)
        if m is None:
            raise ValueProblem(f"expected a year of 4 digits from {MIN_YEAR} to {max_year}")
        year = int(next(g for g in m.groups() if g))
    if not MIN_YEAR <= year <= max_year:
        raise ValueProblem(f"year out of range; expected {MIN_YEAR} to {max_year}")
    return year


_DMS = re.compile(
    r"^\s*(\d{1,3}(?:[.,]\d+)?)\s*[°º]\s*(?:(\d{1,2}(?:[.,]\d+)?)\s*['′’]\s*)?"
    r"(?:(\d{1,2}(?:[.,]\d+)?)\s*(?:\"|″|''|”)\s*)?([NSEWĐTB]?)\s*$",
    re.IGNORECASE,
)


def parse_float(value: object) -> float | None:
    """Parse a decimal number or a coordinate in degrees, minutes, seconds.

    A decimal comma is accepted (``"105,12"``), and so is ``105°12'30"E``
    (``S``/``W`` give a negative value; Vietnamese ``Đ``/``T``/``B`` = E/W/N).
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return None if value != value else float(value)
    text = cell_text(value)
    if not text:
        return None
    try:
        return float(text.replace(",", ".").replace(" ", ""))
    except ValueError:
        pass
    m = _DMS.match(text)
    if m is None:
        raise ValueProblem("expected a decimal number such as 105.02 (or 105°1'12\"E)")
    deg, minutes, seconds = (float((g or "0").replace(",", ".")) for g in m.groups()[:3])
    if minutes >= 60 or seconds >= 60:
        raise ValueProblem("minutes and seconds must be below 60")
    sign = -1.0 if m.group(4).upper() in ("S", "W", "T") else 1.0
    return sign * (deg + minutes / 60 + seconds / 3600)


def parse_date(value: object) -> str:
    """Parse a date (Excel date, ``dd/mm/yyyy``, ``yyyy-mm-dd``) to ISO text; blank -> ``""``."""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    text = cell_text(value)
    if not text:
        return ""
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d"):
        try:
            return _dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    raise ValueProblem("expected a date as dd/mm/yyyy or yyyy-mm-dd")


def parse_code(value: object) -> str:
    """Parse a GSO commune code to 5 digits (``32197``, ``"32197.0"``, ``"01"`` -> ``"00001"``)."""
    text = cell_text(value).replace(" ", "")
    if not text:
        return ""
    if not text.isdigit() or len(text) > 5:
        raise ValueProblem("expected the 5-digit GSO commune code, e.g. 32197")
    return text.zfill(5)


def parse_level(value: object) -> str:
    """Parse a model level to ``"xã"``, ``"huyện"`` or ``"tỉnh"``; blank -> ``""``."""
    text = cell_text(value)
    if not text:
        return ""
    key = ascii_key(text)
    for level, spellings in LEVELS.items():
        if key in spellings:
            return level
    raise ValueProblem("expected xã, huyện or tỉnh")


def parse_source(value: object) -> str:
    """Normalise the source column: ``"minh họa"`` -> ``"illustrative"``; other text kept."""
    text = cell_text(value)
    key = ascii_key(text)
    if key in ("illustrative", "minh hoa", "du lieu minh hoa", "illustration", "example"):
        return "illustrative"
    if key == "seed":
        return "seed"
    return text


_PARSERS = {
    "text": cell_text,
    "level": parse_level,
    "code": parse_code,
    "year": parse_year,
    "bool": parse_bool,
    "bool_na": lambda v: parse_bool(v, blank=None),
    "float": parse_float,
    "date": parse_date,
    "source": parse_source,
}


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
                # free text is kept as typed (NFC only); names to match are cleaned
                rec[fname] = _as_typed(cells[col]) if fname in AS_TYPED and texts[col] else \
                    texts[col]
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
TOTAL_LABELS = ("tong cong", "tong so", "tong", "cong", "total", "grand total")
SIGNATURE_LABELS = (
    "nguoi lap bieu",
    "nguoi lap",
    "thu truong",
    "ky ten",
    "xac nhan cua",
    "giam doc",
    "truong phong",
    "truong cong an",
    "tong cong",
    "tong so",
)


_NUMBER = re.compile(r"[\d.,\s%]+")
_ENUMERATOR = re.compile(r"^(?:[IVXLC]+|\d+|[A-Za-z])\s*[.)/-]\s*")


def _keys_of(text: str) -> list[str]:
    """:func:`header_keys` of a cell's text, cheap for the common case of a plain value."""
    return header_keys(text) if text else []


def _district_heading(cells: list[object], texts: list[str] | None = None) -> str:
    """Return the district a group heading row names ("I. HUYỆN NĂM CĂN"), else ``""``.

    A heading row holds one distinct text (often merged across the row) that
    starts, after an optional enumerator, with Huyện/Thành phố/TP/Thị xã.
    ``texts`` are the cells' :func:`cell_text`, when already computed.
    """
    from ..text import strip_district_prefix

    values = set(texts if texts is not None else map(cell_text, cells)) - {""}
    if len(values) != 1:
        return ""
    text = _ENUMERATOR.sub("", values.pop()).strip()
    rest = strip_district_prefix(text)
    if rest == text or not rest or len(text.split()) > 6:
        return ""
    return text


def _footer_label(
    cells: list[object], mapping: dict[str, int], texts: list[str] | None = None
) -> str:
    """Return the label of a total or signature row (no GSO code), else ``""``.

    Every text cell of the row must be such a label (numbers aside), so a
    model or commune whose name merely starts with "Công" is never skipped.
    ``texts`` are the cells' :func:`cell_text`, when already computed.
    """
    texts = texts if texts is not None else [cell_text(c) for c in cells]
    col = mapping.get("gso_code")
    if col is not None and col < len(cells) and texts[col]:
        return ""
    words = []
    for t in dict.fromkeys(texts):
        if t and not _NUMBER.fullmatch(t):
            words.append(t)
            if len(words) > 3:  # a data row has more distinct texts than a footer
                return ""
    if not words:
        return ""
    labels = (ascii_key(t) for t in words)
    if all(
        k in TOTAL_LABELS or any(k == f or k.startswith(f + " ") for f in SIGNATURE_LABELS)
        for k in labels
    ):
        return words[0]
    return ""


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
