"""Register API: read the register of models and criterion-19 status, match it, write templates.

The register is what staff keep by hand, in Excel or CSV, in Vietnamese:

- :func:`read_register` reads it (any header spelling, several sheets,
  several encodings) into canonical tables, or raises one
  :class:`~camau_gis.errors.RegisterError` listing every problem;
- :func:`match_register` joins its rows to the canonical communes; every
  row is joined or listed in the match report, never lost;
- :func:`write_template` writes empty templates (XLSX or CSV);
- :func:`load_criteria` returns the criterion-19 definitions the tool ships.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._atomic import atomic_path
from ..data import FOLDER as DATA_DIR  # the shipped data folder, defined once
from ..errors import RegisterError, SchemaError
from ..model import MatchedRegister, Register
from .template import (  # criteria and templates; their API names stay here
    LIST_SHEET,
    TEMPLATE_SHEETS,
    load_criteria,
    template_communes,
    write_template,
)

if TYPE_CHECKING:
    import pandas as pd

    from ..io.sheets import Sheet
    from ..normalize.register import Parsed

#: The example register built from the seed article (see its README.md).
EXAMPLE_DIR = DATA_DIR / "example"
EXAMPLE_MODELS = EXAMPLE_DIR / "models.csv"
EXAMPLE_C19 = EXAMPLE_DIR / "criterion19.csv"
#: Sheet names (ascii keys) never read as tables: guides and notes.
GUIDE_SHEETS = {"huong dan", "guide", "instructions", "readme", "ghi chu", "notes", "danh muc",
                "lists"}


# --------------------------------------------------------------------------- reading


def _select_sheet(sheets: list[Sheet], name: str, path: Path) -> Sheet:
    from ..normalize.register import Msg
    from ..text import ascii_key, nfc

    if len(sheets) == 1 and not sheets[0].sheet:
        raise RegisterError(Msg("reg_err_text_no_sheets", file=path.name, name=name))
    for s in sheets:
        if nfc(s.sheet) == nfc(name):
            return s
    for s in sheets:
        if ascii_key(s.sheet) == ascii_key(name):
            return s
    seen = ", ".join(f'"{s.sheet}"' for s in sheets)
    raise RegisterError(Msg("reg_err_no_sheet", file=path.name, name=name, sheets=seen))


def _sheet_kind(s: Sheet, columns: dict[str, str] | None) -> tuple[int, str | None, str]:
    """``(header index, table, why not a table)`` of a sheet, judged by its name and content."""
    from ..normalize.register import find_header
    from ..text import ascii_key

    if ascii_key(s.sheet) in GUIDE_SHEETS:
        return -1, None, "guide"
    idx, kind, _ = find_header(s.rows, None, columns)
    if idx >= 0:
        return idx, kind, ""
    # no header row: prose (a cover page, notes) has few cells per row
    widths = [sum(1 for v in cells if v is not None and str(v).strip()) for _, cells in s.rows]
    if widths and max(widths) <= 2:
        return -1, None, "cover"
    return -1, None, "no_header"


def _parse_file(
    path: Path, want: str, columns: dict[str, str] | None, sheet: str | None, other: bool
) -> tuple[list[Parsed], list[str], list[list[object]],
           list[tuple[str, str, str, int, str]]]:
    """Parse the tables of one file: ``want`` is required, the other table taken if ``other``.

    Returns ``(tables, sheets skipped, header rows seen, what each sheet was read as)``.
    """
    from ..io.sheets import read_sheets
    from ..normalize.register import Msg, header_score, parse_sheet, where

    sheets = read_sheets(path, score=header_score)
    kinds: list[tuple[str, str, str, int, str]] = []

    def took(p: Parsed, s: Sheet) -> Parsed:
        kinds.append((s.file, s.sheet, p.table, p.header_row, ""))
        return p

    if sheet is not None:
        chosen = _select_sheet(sheets, sheet, path)
        parsed = [took(parse_sheet(chosen, want, columns), chosen)]
        rest = [s for s in sheets if s is not chosen] if other else []
    elif len(sheets) == 1:
        seen = [sheets[0].rows[0][1]] if sheets[0].rows else []
        return [took(parse_sheet(sheets[0], want, columns), sheets[0])], [], seen, kinds
    else:
        parsed, rest = [], sheets
    skipped: list[str] = []
    headers_seen: list[list[object]] = []
    for s in rest:
        idx, kind, why = _sheet_kind(s, columns)
        if idx < 0 or (kind != want and not other):
            if s.rows:
                text = (Msg("reg_why_" + why) if why else
                        Msg("reg_why_other", table=Msg("reg_table_" + str(kind))))
                skipped.append(Msg("reg_sheet_not_read", at=where(s.file, s.sheet), why=text))
                kinds.append((s.file, s.sheet, "", 0, why or f"other:{kind}"))
                headers_seen.append(s.rows[0][1])
            continue
        try:
            parsed.append(took(parse_sheet(s, kind, columns), s))
        except RegisterError:
            if kind == want:
                raise
            # the optional other table, header only (an unfilled template sheet)
            skipped.append(Msg("reg_sheet_not_read", at=where(s.file, s.sheet),
                               why=Msg("reg_why_empty_table", table=Msg(f"reg_table_{kind}"))))
            kinds.append((s.file, s.sheet, "", 0, "empty"))
    if not any(p.table == want for p in parsed):
        nonempty = [s for s in sheets if s.rows]
        if not nonempty:
            raise RegisterError(Msg("reg_err_empty_book", file=path.name))
        parse_sheet(nonempty[0], want, columns)  # raises the SchemaError naming what is missing
        raise SchemaError(Msg("reg_err_no_table", file=path.name,  # pragma: no cover
                              table=Msg("reg_table_" + want)))
    return parsed, skipped, headers_seen, kinds


def read_register(
    models: str | Path | None = None,
    c19: str | Path | None = None,
    *,
    columns: dict[str, str] | None = None,
    sheet: str | None = None,
    c19_sheet: str | None = None,
    strict: bool = False,
) -> Register:
    """Read a register of models (and its criterion-19 table).

    Parameters
    ----------
    models : str or Path, optional
        CSV or XLSX file of models. An XLSX may hold the criterion-19 table
        too, as another sheet (found by its headers). Default: the shipped
        example register (``data/example/models.csv`` and ``criterion19.csv``).
    c19 : str or Path, optional
        CSV or XLSX file of criterion-19 status per commune and year; in a
        workbook of several sheets the criterion-19 sheet is found by content.
    columns : dict, optional
        Explicit ``{field: header}`` for headers that are not recognised,
        e.g. ``{"commune": "Địa phương"}``; fields are those of
        :data:`camau_gis.schema.MODEL_COLUMNS` and ``C19_COLUMNS``.
    sheet : str, optional
        Sheet of ``models`` holding the models table (default: found by content).
    c19_sheet : str, optional
        Sheet holding the criterion-19 table (of ``c19``, or of ``models``
        when no ``c19`` file is given).
    strict : bool
        Raise :class:`~camau_gis.errors.RegisterError` listing every problem
        when any row has one. Default: rows with a problem are kept in
        :attr:`Register.problems` (needs attention) and the others are read.

    Returns
    -------
    Register

    Raises
    ------
    SchemaError
        A required column is missing (the message names the file, lists the
        headers seen and, when the text looks garbled, the encoding fault).
    RegisterError
        The file is unreadable or empty; with ``strict``, rows are invalid
        (``.problems`` lists every problem: file, sheet, row, column, value).
    """
    from ..normalize.register import Msg, check_duplicate_ids, check_mapping, fill_ids, to_frame

    check_mapping(columns)
    if models is None:
        models = EXAMPLE_MODELS
        if c19 is None:
            c19 = EXAMPLE_C19
    models = Path(models)
    sources = [str(models)]
    parsed, skipped, seen, kinds = _parse_file(
        models, "models", columns, sheet, other=c19 is None and c19_sheet is None)
    if c19 is not None or c19_sheet is not None:
        c19_path = Path(c19) if c19 is not None else models
        more, skipped2, seen2, kinds2 = _parse_file(
            c19_path, "c19", columns, c19_sheet, other=False)
        if c19 is None:  # the models file again: keep only its criterion-19 table
            more = [p for p in more if p.table == "c19"]
            kinds2 = [k for k in kinds2 if k[2] == "c19"]
            skipped2 = []
        else:
            sources.append(str(c19_path))
        parsed += more
        skipped += skipped2
        seen += seen2
        kinds += kinds2
    _check_columns_found(columns, parsed, seen, sources)
    layout = [s for p in parsed for s in p.skipped]
    skipped += [Msg("reg_plain", text=s) for s in layout]
    model_recs = [r for p in parsed if p.table == "models" for r in p.records]
    c19_recs = [r for p in parsed if p.table == "c19" for r in p.records]
    problems = [q for p in parsed for q in p.problems]
    fill_ids(model_recs)
    problems += check_duplicate_ids(model_recs)
    if problems and strict:
        raise RegisterError(
            Msg("reg_err_strict", n=len(problems), files=", ".join(Path(s).name for s in sources)),
            [str(q) for q in problems],
        )
    return Register(
        models=to_frame(model_recs, "models"),
        c19=to_frame(c19_recs, "c19"),
        sources=sources,
        skipped=skipped,
        problems=problems,
        layout=layout,
        sheets=kinds,
        unused=[(_file(p), _sheet(p), h) for p in parsed for h in p.unused],
        warnings=[w for p in parsed for w in p.warnings],
        mappings={(_file(p), _sheet(p)): dict(p.mapping) for p in parsed},
        typed={(r["_file"], r["_sheet"], r["_row"]): r["_typed"]
               for r in (*model_recs, *c19_recs) if r.get("_typed")},
        headers={(_file(p), _sheet(p)): list(p.headers) for p in parsed},
        titles=[next((p.title for p in parsed if p.title and _file(p) == s), "") for s in sources],
    )


def _file(p: Parsed) -> str:
    return str(p.records[0]["_file"]) if p.records else ""


def _sheet(p: Parsed) -> str:
    return str(p.records[0]["_sheet"]) if p.records else ""


def _check_columns_found(
    columns: dict[str, str] | None, parsed: list[Parsed], seen: list[list[Any]],
    sources: list[str],
) -> None:
    """Refuse a ``--columns`` mapping whose header is in no sheet read."""
    from ..normalize.register import Msg, header_keys

    if not columns:
        return
    all_headers = [p.headers for p in parsed] + seen
    keys = {k for hs in all_headers for h in hs for k in header_keys(h)}
    absent = {f: h for f, h in columns.items() if not set(header_keys(h)) & keys}
    if absent:
        names = dict.fromkeys(h for hs in all_headers for h in hs if h)
        shown = ", ".join(f'"{h}"' for h in names)
        raise SchemaError(Msg(
            "reg_err_mapped_absent", files=", ".join(Path(s).name for s in sources),
            mapped=", ".join(f"{f}={h!r}" for f, h in absent.items()), seen=shown))


# --------------------------------------------------------------------------- matching


def match_register(
    register: Register, communes: pd.DataFrame, *, lang: str | None = None,
    vintages: Any = None, admin: str | None = None,
) -> MatchedRegister:
    """Join register rows to communes (see :mod:`camau_gis.normalize.matching` for the rules).

    Parameters
    ----------
    register : Register
        As returned by :func:`read_register`.
    communes : GeoDataFrame
        Canonical commune table (:func:`camau_gis.boundaries.load_communes`).
    lang : {"vi", "en"}, optional
        Language of the report's reasons; default :data:`camau_gis.settings.language`.
    vintages : camau_gis.normalize.vintage.VintageIndex, optional
        Units of both administrative vintages: each row is then matched in its
        own vintage (:mod:`camau_gis.normalize.vintage`), ``match_code`` is a
        code of that vintage and ``match_vint`` says which (``"2019"``,
        ``"2025"``, ``""``).
    admin : {"2019", "2025"}, optional
        With ``vintages``: the vintage the user asked for.

    Returns
    -------
    MatchedRegister
        Every row is joined (``match_code``) or in ``.report``; models above
        commune level are neither.
    """
    if vintages is not None:
        return _match_vintages(register, communes, vintages, admin=admin, lang=lang)
    import pandas as pd

    from ..normalize.matching import (
        CommuneIndex,
        match_table,
    )

    index = CommuneIndex(communes)
    models = register.models.copy()
    c19 = register.c19.copy()
    known = {u.ascii for u in index.units}
    codes, report = match_table(_aliased(models, known), "models", index, lang)
    models["match_code"] = pd.Series(codes, index=models.index, dtype=object).astype(str)
    codes, report_c19 = match_table(_aliased(c19, known), "c19", index, lang)
    c19["match_code"] = pd.Series(codes, index=c19.index, dtype=object).astype(str)
    report += report_c19
    return _matched(register, models, c19, report, communes, lang)


def _matched(register: Register, models: pd.DataFrame, c19: pd.DataFrame, report: list[dict],
             communes: pd.DataFrame, lang: str | None) -> MatchedRegister:
    """Finish a match: rows with a problem unjoined and reported, duplicates, points outside.

    With rows matched in their vintage (a ``match_vint`` column), criterion-19 rows
    contradict each other only within one vintage, and only 2019 models' points are
    checked against the (2019) ``communes``.
    """
    import pandas as pd

    from ..normalize.matching import duplicate_c19, points_outside
    from ..schema import MATCH_REPORT_COLUMNS, VINTAGE_2019

    # a row with a cell that cannot be used is "needs attention" and never joined (issue 17)
    attention = _attention_rows(register.problems, models, c19, lang)
    report = [r for r in report if not (_row_key(r) in attention and r["column"] == "commune"
                                        and not r["value"])]  # "empty" is said by the problem
    report += attention.pop("_report")
    located = models
    if "match_vint" in c19 and "match_vint" in models:
        keyed = [f"{v}:{c}" if c else "" for v, c in zip(c19["match_vint"], c19["match_code"],
                                                            strict=True)]
        report += duplicate_c19(c19.assign(match_code=keyed), lang)
        located = models[models["match_vint"] == VINTAGE_2019]
    else:
        report += duplicate_c19(c19, lang)
    try:
        report += points_outside(located, communes, lang)
    except ImportError:  # pragma: no cover - geopandas is a dependency
        pass
    for rec in report:
        typed = register.typed.get(_row_key(rec), {}).get("gso_code")
        if typed:
            _quote_as_typed(rec, typed, lang)
        rec["column"] = _header_of(register, rec)
    frame = pd.DataFrame(report, columns=list(MATCH_REPORT_COLUMNS))
    frame["row"] = frame["row"].astype("int64")
    frame = frame.sort_values(["file", "sheet", "row"], kind="stable").reset_index(drop=True)
    return MatchedRegister(models=models, c19=c19, report=frame, sources=list(register.sources),
                           layout=list(register.layout), titles=list(register.titles))


def _header_of(register: Register, rec: dict) -> str:
    """Return the report row's column as the header names it (``"Mã đơn vị"``, not ``gso_code``)."""
    sheet = (str(rec["file"]), str(rec["sheet"]))
    col = register.mappings.get(sheet, {}).get(str(rec["column"]))
    headers = register.headers.get(sheet, [])
    return headers[col] if col is not None and col < len(headers) and headers[col] \
        else str(rec["column"])


def _quote_as_typed(rec: dict, typed: str, lang: str | None) -> None:
    """Quote a code as the keeper typed it in a report row: ``3219 (đọc là 03219)``.

    The code is matched as read (padded to 5 digits, ``.0`` and apostrophe
    dropped); the report shows the cell as typed and how it was read.
    """
    import re

    from ..i18n import t
    from ..normalize.register import parse_code

    code = parse_code(typed)
    if rec["column"] == "gso_code" or rec["value"] == code:  # before _header_of
        rec["value"] = typed
    shown = t("reg_code_as_read", lang)
    rec["reason"] = re.sub(
        rf'"{code}"|(?<![\d.]){code}(?![\d])',
        lambda m: shown.format(typed=f'"{typed}"' if m.group().startswith('"') else typed,
                               code=code),
        str(rec["reason"]), count=1)


def _aliased(frame: pd.DataFrame, known: set[str]) -> pd.DataFrame:
    """``frame`` with communes written by another name ("Việt Khái") given their official name."""
    from ..normalize.register.aliases import official_name

    if not len(frame):
        return frame
    names = {c: official_name(c, known) for c in set(frame["commune"]) if c}
    if all(k == v for k, v in names.items()):
        return frame
    out = frame.copy()
    out["commune"] = [names.get(c, c) for c in frame["commune"]]
    return out


def _row_key(rec: dict) -> tuple[str, str, int]:
    return (str(rec["file"]), str(rec["sheet"]), int(rec["row"]))


def _attention_rows(problems: list[Any], models: pd.DataFrame, c19: pd.DataFrame,
                    lang: str | None = None) -> dict:
    """Unjoin the rows that have a problem and build their report rows (in place).

    Returns ``{(file, sheet, row): True, ..., "_report": [report rows]}``.
    """
    from ..normalize.register import say

    out: dict[Any, Any] = {"_report": []}
    if not problems:
        return out
    whole = {(p.file, p.sheet, p.row) for p in problems if p.year is None}
    by_year = {(p.file, p.sheet, p.row, p.year) for p in problems if p.year is not None}
    tables: dict[tuple[str, str, int], str] = {}
    for table, frame in (("models", models), ("c19", c19)):
        if not len(frame):
            continue
        keys = list(zip(frame["_file"], frame["_sheet"], frame["_row"], strict=True))
        years = frame["year"].tolist() if table == "c19" else [None] * len(frame)
        hit = [k in whole or (*k, y) in by_year for k, y in zip(keys, years, strict=True)]
        if any(hit):
            codes = frame["match_code"].where(~_pd_series(hit, frame.index), "")
            frame["match_code"] = codes.astype(str)
        for k in keys:
            tables.setdefault(k, table)
    for p in problems:
        key = (p.file, p.sheet, p.row)
        out[key] = True
        out["_report"].append({
            "file": p.file, "sheet": p.sheet, "row": int(p.row or 0),
            "table": tables.get(key, "models"), "column": p.column, "value": p.value,
            "reason": say(p.text, lang), "candidates": "",
        })
    return out


def _pd_series(values: list[bool], index: Any) -> Any:
    """Return a boolean Series of ``values`` on ``index``."""
    import pandas as pd

    return pd.Series(values, index=index, dtype=bool)


def layout_frame(layout: list[Any], lang: str | None = None) -> pd.DataFrame:
    """Layout rows skipped, as match-report rows (table ``"layout"``, the reason in ``lang``)."""
    import pandas as pd

    from ..i18n import t
    from ..schema import MATCH_REPORT_COLUMNS

    rows = []
    for s in layout:
        reason = t("reg_skip_" + s.reason, lang)
        if s.note:
            reason += "; " + t(s.note, lang).format(**dict(s.params))
        rows.append({"file": s.file, "sheet": s.sheet, "row": int(s.row), "table": "layout",
                     "column": "", "value": s.text, "reason": reason, "candidates": ""})
    frame = pd.DataFrame(rows, columns=list(MATCH_REPORT_COLUMNS))
    frame["row"] = frame["row"].astype("int64")
    return frame


def _match_vintages(register: Register, communes: pd.DataFrame, vintages: Any, *,
                    admin: str | None, lang: str | None) -> MatchedRegister:
    """:func:`match_register` with each row matched in its administrative vintage."""
    import pandas as pd

    from ..normalize.matching import CommuneIndex
    from ..normalize.vintage import match_table_vintages
    from ..schema import VINTAGE_2019

    models = register.models.copy()
    c19 = register.c19.copy()
    known = {u.ascii for u in CommuneIndex(communes).units}
    report: list[dict] = []
    for df, table in ((models, "models"), (c19, "c19")):
        codes, vints, rep = match_table_vintages(_aliased(df, known), table, vintages,
                                                 admin=admin, lang=lang)
        df["match_code"] = pd.Series(codes, index=df.index, dtype=object).astype(str)
        df["match_vint"] = pd.Series(vints, index=df.index, dtype=object).astype(str)
        report += rep
    # 2025 rows never join the 2019 units, whatever --admin says
    if admin == VINTAGE_2019:
        for df in (models, c19):
            df.loc[df["match_vint"] != VINTAGE_2019, "match_code"] = ""
    return _matched(register, models, c19, report, communes, lang)


def write_match_report(
    matched: MatchedRegister, path: str | Path, *, option: str = "--report",
    lang: str | None = None,
) -> Path:
    """Write the match report atomically: ``.xlsx`` as a workbook, else CSV.

    The rows that need attention come first; the layout rows skipped
    (:attr:`MatchedRegister.layout`) follow with ``table = "layout"`` and
    their reason, so the keeper sees that nothing was lost (in a workbook
    they are a second sheet, "Dòng bỏ qua"). CSV is UTF-8 with BOM, so
    Excel shows Vietnamese; each sheet's header row stays in view.
    ``option`` is the command-line option named when ``path`` cannot be written.
    """
    import pandas as pd

    path = Path(path)
    skipped = layout_frame(matched.layout, lang)
    report = matched.report
    if matched.illustrative:  # the maps' words on every row, as the analysis tables say it
        from ..i18n import t

        report = report.assign(illustr=t("illustrative", lang))
        skipped = skipped.assign(illustr=t("illustrative", lang)) if len(skipped) else skipped
    with atomic_path(path, option=option) as tmp:
        if path.suffix.lower() == ".xlsx":
            from openpyxl.utils import get_column_letter

            from .._sanitize import excel_frame, protect_worksheet

            with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
                for name, frame in (("Đối chiếu", report), ("Dòng bỏ qua", skipped)):
                    if name == "Dòng bỏ qua" and not len(frame):
                        continue
                    excel_frame(frame).to_excel(writer, sheet_name=name, index=False)
                    ws = writer.sheets[name]
                    protect_worksheet(ws)  # register text starting with "=" stays text
                    ws.freeze_panes = "A2"
                    for i, width in enumerate((24, 12, 6, 8, 10, 24, 70, 60), start=1):
                        ws.column_dimensions[get_column_letter(i)].width = width
        else:
            from .._sanitize import neutralise_frame

            both = pd.concat([report, skipped], ignore_index=True) if len(skipped) else report
            neutralise_frame(both).to_csv(tmp, index=False, encoding="utf-8-sig")
    return path


__all__ = [
    "LIST_SHEET", "TEMPLATE_SHEETS", "load_criteria", "match_register", "read_register",
    "template_communes", "write_match_report", "write_template",
]
