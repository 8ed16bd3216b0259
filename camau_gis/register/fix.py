"""A corrected copy of a register for its keeper: GSO codes filled, decisions noted.

:func:`write_fixed_register` writes a copy of the register workbook (never
over the input) in which every row that joined a commune carries its GSO
code, and every row that needs a decision has the reason and the candidates
written beside it. Layout rows (titles, column numbers, totals, signature
block) are kept as they were, so the copy still prints as the office's
form, and next year's register joins by code.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._atomic import atomic_path
from ..errors import OptionError

if TYPE_CHECKING:
    from ..model import MatchedRegister, Register


def _codes_by_row(matched: MatchedRegister, file: str) -> dict[tuple[str, int], str]:
    """``{(sheet, row): GSO code}`` of the joined rows of ``file``."""
    out: dict[tuple[str, int], str] = {}
    for frame in (matched.models, matched.c19):
        if not len(frame):
            continue
        sub = frame[(frame["_file"] == file) & (frame["match_code"] != "")]
        for sheet, row, code in zip(sub["_sheet"], sub["_row"], sub["match_code"], strict=True):
            out.setdefault((str(sheet), int(row)), str(code))
    return out


def _notes_by_row(matched: MatchedRegister, file: str) -> dict[tuple[str, int], str]:
    """``{(sheet, row): "reason [candidates]"}`` of the rows of ``file`` that need attention."""
    out: dict[tuple[str, int], list[str]] = {}
    for rec in matched.report.to_dict("records"):
        if rec["file"] != file:
            continue
        text = str(rec["reason"]) + (f" [{rec['candidates']}]" if rec["candidates"] else "")
        out.setdefault((str(rec["sheet"]), int(rec["row"])), []).append(text)
    return {k: " | ".join(v) for k, v in out.items()}


def write_fixed_register(
    register: Register,
    matched: MatchedRegister,
    out: str | Path,
    *,
    lang: str | None = None,
) -> Path:
    """Write the corrected copy of the models register file to ``out`` (``.xlsx``).

    Parameters
    ----------
    register : Register
        As read (its ``sheets`` say where each table's header row is).
    matched : MatchedRegister
        The same register matched to the communes.
    out : str or Path
        The copy to write (an ``.xlsx``); never the register itself.
    lang : {"vi", "en"}, optional
        Language of the two added headers.

    Returns
    -------
    Path
        ``out``, written atomically.

    Raises
    ------
    OptionError
        ``out`` is not an ``.xlsx`` path, or is the register file itself.
    """
    from openpyxl import load_workbook

    from .._sanitize import is_formula_text, xml_text
    from ..i18n import Msg, t

    out = Path(out)
    source = Path(register.sources[0])
    if out.suffix.lower() != ".xlsx":
        raise OptionError(Msg("fix_not_xlsx", out=out))
    try:
        same = out.exists() and out.resolve() == source.resolve()
    except OSError:
        same = False
    if same:
        raise OptionError(Msg("fix_is_input", out=out))
    file = str(source)
    codes, notes = _codes_by_row(matched, file), _notes_by_row(matched, file)
    headers = {sh: row for f, sh, table, row, _ in register.sheets if table and f == file}
    code_cols = _code_columns(register, file)
    if source.suffix.lower() in (".xlsx", ".xlsm"):
        wb = load_workbook(source)
    else:
        wb = _workbook_from_text(source)
        headers = {wb.active.title: headers.get("", 1)}
        codes = {(wb.active.title, r): c for (_, r), c in codes.items()}
        notes = {(wb.active.title, r): n for (_, r), n in notes.items()}
        col = code_cols.get("")
        code_cols = {wb.active.title: col} if col is not None else {}
    for ws in wb.worksheets:
        header_row = headers.get(ws.title)
        if not header_row:
            continue
        last = ws.max_column
        code_col = code_cols.get(ws.title)
        if code_col is None:
            code_col = last + 1
            ws.cell(header_row, code_col, t("reg_fix_code", lang))
            last += 1
        note_col = last + 1
        ws.cell(header_row, note_col, t("reg_fix_suggestion", lang))
        from openpyxl.utils import get_column_letter

        ws.column_dimensions[get_column_letter(note_col)].width = 60
        if code_col == last:  # the added code column
            ws.column_dimensions[get_column_letter(code_col)].width = 12
        for (sheet, row), code in codes.items():
            if sheet == ws.title:
                cell = ws.cell(row, code_col)
                cell.value, cell.number_format = code, "@"  # text: the leading zeros stay
        for (sheet, row), note in notes.items():
            if sheet == ws.title:
                cell = ws.cell(row, note_col, xml_text(note))
                if is_formula_text(cell.value):  # register text: never a formula
                    cell.data_type, cell.quotePrefix = "s", True
    with atomic_path(out, option="--fix") as tmp:
        wb.save(tmp)
    return out


def _code_columns(register: Register, file: str) -> dict[str, int]:
    """``{sheet: 1-based column}`` of the GSO code column each sheet of ``file`` already has."""
    return {
        sheet: mapping["gso_code"] + 1
        for (f, sheet), mapping in register.mappings.items()
        if f == file and "gso_code" in mapping
    }


def _workbook_from_text(source: Path) -> Any:
    """Return a one-sheet workbook holding a CSV register's cells at their line numbers."""
    from openpyxl import Workbook

    from ..io.sheets import read_sheets
    from ..normalize.register import header_score

    (sheet,) = read_sheets(source, score=header_score)
    wb = Workbook()
    ws = wb.active
    ws.title = source.stem[:31] or "Sheet"
    for rownum, cells in sheet.rows:
        for c, value in enumerate(cells, start=1):
            if value not in (None, ""):
                ws.cell(rownum, c, value)
    return wb
