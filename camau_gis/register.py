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

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import settings
from ._atomic import atomic_path, staged
from .errors import OptionError, RegisterError, SchemaError
from .model import MatchedRegister, Register

if TYPE_CHECKING:
    import pandas as pd

    from .io.register import Sheet
    from .normalize.register import Parsed

#: Folder of the shipped data files.
DATA_DIR = Path(__file__).resolve().parent / "data"
#: The example register built from the seed article (see its README.md).
EXAMPLE_DIR = DATA_DIR / "example"
EXAMPLE_MODELS = EXAMPLE_DIR / "models.csv"
EXAMPLE_C19 = EXAMPLE_DIR / "criterion19.csv"
#: Sheet names of the XLSX template.
TEMPLATE_SHEETS = {"models": "Mô hình", "c19": "Tiêu chí 19", "guide": "Hướng dẫn"}
#: Sheet names (ascii keys) never read as tables: guides and notes.
GUIDE_SHEETS = {"huong dan", "guide", "instructions", "readme", "ghi chu", "notes"}


# --------------------------------------------------------------------------- reading


def _select_sheet(sheets: list[Sheet], name: str, path: Path) -> Sheet:
    from .text import ascii_key, nfc

    if len(sheets) == 1 and not sheets[0].sheet:
        raise RegisterError(
            f'{path.name}: a text file has no sheets; drop the sheet name "{name}" '
            "(it applies to .xlsx workbooks)."
        )
    for s in sheets:
        if nfc(s.sheet) == nfc(name):
            return s
    for s in sheets:
        if ascii_key(s.sheet) == ascii_key(name):
            return s
    seen = ", ".join(f'"{s.sheet}"' for s in sheets)
    raise RegisterError(f'{path.name}: no sheet "{name}"; sheets: {seen}. Pick one of them.')


def _parse_file(
    path: Path, want: str, columns: dict[str, str] | None, sheet: str | None, other: bool
) -> tuple[list[Parsed], list[str], list[list[str]]]:
    """Parse the tables of one file: ``want`` is required, the other table taken if ``other``."""
    from .io.register import read_sheets
    from .normalize.register import find_header, parse_sheet, where
    from .text import ascii_key

    sheets = read_sheets(path)
    if sheet is not None:
        chosen = _select_sheet(sheets, sheet, path)
        parsed = [parse_sheet(chosen, want, columns)]
        rest = [s for s in sheets if s is not chosen] if other else []
    elif len(sheets) == 1:
        seen = [sheets[0].rows[0][1]] if sheets[0].rows else []
        return [parse_sheet(sheets[0], want, columns)], [], seen
    else:
        parsed, rest = [], sheets
    skipped, headers_seen = [], []
    for s in rest:
        idx, kind, _ = find_header(s.rows, None, columns)
        if ascii_key(s.sheet) in GUIDE_SHEETS:
            idx = -1
        if idx < 0 or (kind != want and not other):
            if s.rows:
                why = (
                    "a guide or notes sheet"
                    if ascii_key(s.sheet) in GUIDE_SHEETS
                    else f"a {kind} table, read from the other file"
                    if idx >= 0
                    else "no recognisable header row (map headers with --columns)"
                )
                skipped.append(f"{where(s.file, s.sheet)}: {why}, not read")
                headers_seen.append(s.rows[0][1])
            continue
        parsed.append(parse_sheet(s, kind, columns))
    if not any(p.table == want for p in parsed):
        nonempty = [s for s in sheets if s.rows]
        if not nonempty:
            raise RegisterError(
                f"{path.name}: the register is empty (no rows in any sheet); "
                "fill in the template from `camau-gis register template`."
            )
        parse_sheet(nonempty[0], want, columns)  # raises the SchemaError naming what is missing
        raise SchemaError(f"{path.name}: no sheet holds the {want} table.")  # pragma: no cover
    return parsed, skipped, headers_seen


def read_register(
    models: str | Path | None = None,
    c19: str | Path | None = None,
    *,
    columns: dict[str, str] | None = None,
    sheet: str | None = None,
) -> Register:
    """Read a register of models (and its criterion-19 table).

    Parameters
    ----------
    models : str or Path, optional
        CSV or XLSX file of models. An XLSX may hold the criterion-19 table
        too, as another sheet (found by its headers). Default: the shipped
        example register (``data/example/models.csv`` and ``criterion19.csv``).
    c19 : str or Path, optional
        CSV or XLSX file of criterion-19 status per commune and year.
    columns : dict, optional
        Explicit ``{field: header}`` for headers that are not recognised,
        e.g. ``{"commune": "Địa phương"}``; fields are those of
        :data:`camau_gis.schema.MODEL_COLUMNS` and ``C19_COLUMNS``.
    sheet : str, optional
        Sheet of ``models`` holding the models table (default: found by headers).

    Returns
    -------
    Register

    Raises
    ------
    SchemaError
        A required column is missing (the message names the file and lists
        the headers seen).
    RegisterError
        The file is unreadable or empty, or rows are invalid; ``.problems``
        lists every problem (file, sheet, row, column, value, expected).
    """
    from .normalize.register import (
        check_duplicate_ids,
        check_mapping,
        fill_ids,
        header_keys,
        to_frame,
    )

    check_mapping(columns)
    if models is None:
        models = EXAMPLE_MODELS
        if c19 is None:
            c19 = EXAMPLE_C19
    models = Path(models)
    parsed, skipped, seen = _parse_file(models, "models", columns, sheet, other=c19 is None)
    sources = [str(models)]
    if c19 is not None:
        c19 = Path(c19)
        more, skipped2, seen2 = _parse_file(c19, "c19", columns, None, other=False)
        parsed += more
        skipped += skipped2
        seen += seen2
        sources.append(str(c19))
    if columns:
        all_headers = [p.headers for p in parsed] + seen
        keys = {k for hs in all_headers for h in hs for k in header_keys(h)}
        absent = {f: h for f, h in columns.items() if not set(header_keys(h)) & keys}
        if absent:
            names = dict.fromkeys(h for hs in all_headers for h in hs if h)
            shown = ", ".join(f'"{h}"' for h in names)
            raise SchemaError(
                f"{', '.join(Path(s).name for s in sources)}: mapped header(s) "
                f"{', '.join(f'{f}={h!r}' for f, h in absent.items())} not found; "
                f"headers seen: {shown}. Correct the mapping."
            )
    skipped += [s for p in parsed for s in p.skipped]
    model_recs = [r for p in parsed if p.table == "models" for r in p.records]
    c19_recs = [r for p in parsed if p.table == "c19" for r in p.records]
    problems = [q for p in parsed for q in p.problems]
    fill_ids(model_recs)
    problems += check_duplicate_ids(model_recs)
    if problems:
        raise RegisterError(
            f"{len(problems)} problem(s) in the register "
            f"({', '.join(Path(s).name for s in sources)}); correct them and run again:",
            problems,
        )
    return Register(
        models=to_frame(model_recs, "models"),
        c19=to_frame(c19_recs, "c19"),
        sources=sources,
        skipped=skipped,
    )


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

    from .normalize.matching import (
        CommuneIndex,
        duplicate_c19,
        match_table,
        points_outside,
    )
    from .schema import MATCH_REPORT_COLUMNS

    index = CommuneIndex(communes)
    models = register.models.copy()
    c19 = register.c19.copy()
    codes, report = match_table(models, "models", index, lang)
    models["match_code"] = pd.Series(codes, index=models.index, dtype=object).astype(str)
    codes, report_c19 = match_table(c19, "c19", index, lang)
    c19["match_code"] = pd.Series(codes, index=c19.index, dtype=object).astype(str)
    report += report_c19 + duplicate_c19(c19, lang)
    try:
        report += points_outside(models, communes, lang)
    except ImportError:  # pragma: no cover - geopandas is a dependency
        pass
    frame = pd.DataFrame(report, columns=list(MATCH_REPORT_COLUMNS))
    frame["row"] = frame["row"].astype("int64")
    return MatchedRegister(models=models, c19=c19, report=frame, sources=list(register.sources))


def _match_vintages(register: Register, communes: pd.DataFrame, vintages: Any, *,
                    admin: str | None, lang: str | None) -> MatchedRegister:
    """:func:`match_register` with each row matched in its administrative vintage."""
    import pandas as pd

    from .normalize.matching import duplicate_c19, points_outside
    from .normalize.vintage import match_table_vintages
    from .schema import MATCH_REPORT_COLUMNS, VINTAGE_2019

    models = register.models.copy()
    c19 = register.c19.copy()
    report: list[dict] = []
    for df, table in ((models, "models"), (c19, "c19")):
        codes, vints, rep = match_table_vintages(df, table, vintages, admin=admin, lang=lang)
        df["match_code"] = pd.Series(codes, index=df.index, dtype=object).astype(str)
        df["match_vint"] = pd.Series(vints, index=df.index, dtype=object).astype(str)
        report += rep
    # 2025 rows never join the 2019 units, whatever --admin says
    if admin == VINTAGE_2019:
        for df in (models, c19):
            df.loc[df["match_vint"] != VINTAGE_2019, "match_code"] = ""
    keyed = [f"{v}:{c}" if c else "" for v, c in zip(c19["match_vint"], c19["match_code"],
                                                        strict=True)]
    report += duplicate_c19(c19.assign(match_code=keyed), lang)
    old = models[models["match_vint"] == VINTAGE_2019]
    try:
        report += points_outside(old, communes, lang)
    except ImportError:  # pragma: no cover - geopandas is a dependency
        pass
    frame = pd.DataFrame(report, columns=list(MATCH_REPORT_COLUMNS))
    frame["row"] = frame["row"].astype("int64")
    return MatchedRegister(models=models, c19=c19, report=frame, sources=list(register.sources))


def write_match_report(
    matched: MatchedRegister, path: str | Path, *, option: str = "--report"
) -> Path:
    """Write the match report atomically: ``.xlsx`` as a workbook, else CSV.

    CSV is UTF-8 with BOM, so Excel shows Vietnamese; the workbook has one
    sheet "Đối chiếu" with a header row that stays in view. ``option`` is the
    command-line option named when ``path`` cannot be written.
    """
    path = Path(path)
    with atomic_path(path, option=option) as tmp:
        if path.suffix.lower() == ".xlsx":
            import pandas as pd
            from openpyxl.utils import get_column_letter

            from ._sanitize import excel_frame, protect_worksheet

            with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
                excel_frame(matched.report).to_excel(writer, sheet_name="Đối chiếu", index=False)
                ws = writer.sheets["Đối chiếu"]
                protect_worksheet(ws)  # register text starting with "=" stays text
                ws.freeze_panes = "A2"
                for i, width in enumerate((24, 12, 6, 8, 10, 24, 70, 60), start=1):
                    ws.column_dimensions[get_column_letter(i)].width = width
        else:
            from ._sanitize import neutralise_frame

            neutralise_frame(matched.report).to_csv(tmp, index=False, encoding="utf-8-sig")
    return path


# --------------------------------------------------------------------------- criteria


@cache
def _criteria() -> dict[str, Any]:
    return json.loads((DATA_DIR / "criteria.json").read_text(encoding="utf-8"))


def load_criteria(set_id: str | None = None, *, year: int | None = None) -> dict[str, Any]:
    """Return the shipped definitions of NTM criterion 19.

    Parameters
    ----------
    set_id : {"2016-2020", "2021-2025"}, optional
        Criteria set (Decision 1980/QĐ-TTg or 318/QĐ-TTg).
    year : int, optional
        Pick the set in force that year instead.

    Returns
    -------
    dict
        ``{"id", "period", "decision", "decision_date", "code", "title_vi",
        "title_en", "items": [{"code", "vi", "en", "target"}...]}``; with
        neither argument, ``{"sets": [...], "notes": ...}``.

    Raises
    ------
    KeyError
        Unknown set, or no set for that year.
    """
    data = _criteria()
    if set_id is None and year is None:
        return data
    for s in data["sets"]:
        first, last = s["period"]
        if s["id"] == set_id or (year is not None and first <= year <= last):
            return s
    raise KeyError(
        f"no criterion-19 set {set_id or year!r}; sets: {', '.join(s['id'] for s in data['sets'])}"
    )


# --------------------------------------------------------------------------- templates


def write_template(
    path: str | Path | None = None, format: str = "xlsx", *, lang: str | None = None
) -> list[Path]:
    """Write empty register templates with Vietnamese headers.

    Parameters
    ----------
    path : str or Path, optional
        Output folder (default :data:`camau_gis.settings.outputs_dir`); a path
        ending in ``.xlsx`` is taken as the workbook itself.
    format : {"xlsx", "csv"}
        ``xlsx``: one workbook with sheets "Mô hình", "Tiêu chí 19" and
        "Hướng dẫn" (guide with English aliases and the criterion-19 texts);
        ``csv``: ``models_template.csv`` and ``criterion19_template.csv``
        (UTF-8 with BOM).
    lang : {"vi", "en"}, optional
        Language of the workbook's title and guide.

    Returns
    -------
    list of Path
        Files written (atomically).
    """
    from .i18n import check_lang

    lang = check_lang(lang)
    fmt = format.lower().lstrip(".")
    target = Path(path) if path is not None else Path(settings.outputs_dir)
    if fmt == "xlsx":
        file = target if target.suffix.lower() == ".xlsx" else target / "register_template.xlsx"
        return [_write_xlsx_template(file, lang or settings.language)]
    if fmt == "csv":
        return _write_csv_templates(target)
    raise OptionError(f"template format {format!r}: use xlsx or csv (--format xlsx|csv).")


@staged("folder")  # both files or none
def _write_csv_templates(folder: Path) -> list[Path]:
    import csv
    import io

    from .normalize.register import FIELDS

    out = []
    for table, name in (("models", "models_template.csv"), ("c19", "criterion19_template.csv")):
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\r\n").writerow([f.header_vi for f in FIELDS[table]])
        path = folder / name
        with atomic_path(path) as tmp:
            tmp.write_bytes(buf.getvalue().encode("utf-8-sig"))
        out.append(path)
    return out


_GUIDE = {
    "vi": {
        "title_models": "SỔ THEO DÕI MÔ HÌNH BẢO ĐẢM AN NINH TRẬT TỰ",
        "title_c19": "KẾT QUẢ THỰC HIỆN TIÊU CHÍ SỐ 19 (QUỐC PHÒNG VÀ AN NINH)",
        "subtitle": "Mỗi dòng một mô hình. Cột bắt buộc: Tên mô hình; "
        "Xã/Phường/Thị trấn hoặc Mã xã.",
        "subtitle_c19": "Mỗi dòng một xã, một năm. Cột bắt buộc: Xã/Phường/Thị trấn "
        "hoặc Mã xã; Năm; Đạt tiêu chí 19.",
        "guide": [
            "Bảng",
            "Cột (tiếng Việt)",
            "Tên trường (tiếng Anh)",
            "Bắt buộc",
            "Mô tả",
            "Ví dụ",
        ],
        "yes": "Có",
        "no": "",
        "criteria": "Tiêu chí số 19 (các bộ tiêu chí xã nông thôn mới)",
    },
    "en": {
        "title_models": "REGISTER OF PUBLIC-SECURITY MODELS",
        "title_c19": "CRITERION 19 (DEFENCE AND SECURITY) BY COMMUNE AND YEAR",
        "subtitle": "One row per model. Required: Tên mô hình; Xã/Phường/Thị trấn or Mã xã.",
        "subtitle_c19": "One row per commune and year. Required: commune or code; "
        "Năm; Đạt tiêu chí 19.",
        "guide": [
            "Table",
            "Column (Vietnamese)",
            "Field (English alias)",
            "Required",
            "Description",
            "Example",
        ],
        "yes": "yes",
        "no": "",
        "criteria": "Criterion 19 (sets of New Rural Development criteria)",
    },
}
_REQUIRED = {
    ("models", "name"),
    ("models", "commune"),
    ("c19", "commune"),
    ("c19", "year"),
    ("c19", "achieved"),
}


def _write_xlsx_template(path: Path, lang: str) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from .normalize.register import FIELDS

    text = _GUIDE["en" if lang == "en" else "vi"]
    wb = Workbook()
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    header_row = 3
    for i, table in enumerate(("models", "c19")):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = TEMPLATE_SHEETS[table]
        fields = FIELDS[table]
        ws.cell(1, 1, text["title_models" if table == "models" else "title_c19"]).font = Font(
            bold=True, size=14
        )
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(fields))
        ws.cell(2, 1, text["subtitle" if table == "models" else "subtitle_c19"]).font = Font(
            italic=True
        )
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(fields))
        yes_no = DataValidation(type="list", formula1='"Có,Không"', allow_blank=True)
        level = DataValidation(type="list", formula1='"xã,huyện,tỉnh"', allow_blank=True)
        ws.add_data_validation(yes_no)
        ws.add_data_validation(level)
        for col, f in enumerate(fields, start=1):
            cell = ws.cell(header_row, col, f.header_vi)
            cell.font, cell.fill = bold, fill
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            letter = get_column_letter(col)
            ws.column_dimensions[letter].width = max(12, min(40, len(f.header_vi) + 6))
            rng = f"{letter}{header_row + 1}:{letter}1000"
            if f.kind in ("bool", "bool_na"):
                yes_no.add(rng)
            elif f.kind == "level":
                level.add(rng)
        ws.freeze_panes = ws.cell(header_row + 1, 1)
    guide = wb.create_sheet(TEMPLATE_SHEETS["guide"])
    guide.append(text["guide"])
    for c in guide[1]:
        c.font, c.fill = bold, fill
    for table in ("models", "c19"):
        for f in FIELDS[table]:
            guide.append(
                [
                    TEMPLATE_SHEETS[table],
                    f.header_vi,
                    f.header_en,
                    text["yes"] if (table, f.name) in _REQUIRED else text["no"],
                    f.help_en if lang == "en" else f.help_vi,
                    f.example,
                ]
            )
    guide.append([])
    guide.append([text["criteria"]])
    guide.cell(guide.max_row, 1).font = bold
    for s in load_criteria()["sets"]:
        guide.append(
            [s["id"], s["decision"], s["code"], s["title_en"] if lang == "en" else s["title_vi"]]
        )
        for item in s["items"]:
            guide.append(["", "", item["code"], item["en"] if lang == "en" else item["vi"]])
    for letter, width in zip("ABCDEF", (14, 30, 18, 10, 70, 30), strict=True):
        guide.column_dimensions[letter].width = width
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path
