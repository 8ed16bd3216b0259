"""Read register files as they are: every sheet's cells, row by row, with their row numbers.

Nothing here knows about column meanings: :mod:`camau_gis.normalize.register`
finds the header row and maps headers to canonical fields. Readers accept

- XLSX/XLSM workbooks (python-calamine; openpyxl for formulas): every sheet,
  merged cells filled with their top-left value (merged title rows, district
  cells merged downwards);
- CSV/TSV text in UTF-8, UTF-8 with BOM, UTF-16 (Excel "Unicode text"),
  CP1258, TCVN3 or VNI, decoded then NFC-normalised (CP1258 decodes to partly
  decomposed text), with ``,``, ``;`` or tab separators;
- text typed with TCVN3/VNI fonts inside workbooks, converted to Unicode.

Long because: the two readers share their guards (size, rows, cells, merged
ranges, formulas, zip bombs, stray quotes); the XLSX half can move to its own
module once the decoder changes of the robustness work (issue 16) are merged.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

# RegisterReadError: the file cannot be read (exit 3); RegisterError: its data is wrong, e.g. a
# quote left open (exit 4)
from ..errors import RegisterError, RegisterReadError
from ..i18n import Msg, OsReason

#: Separators tried on text files, in order of preference on a tie.
SEPARATORS: tuple[str, ...] = (",", ";", "\t")

#: Lines (not ASCII) of a text file that is not UTF-8 judged to choose its encoding.
DECODE_SAMPLE_LINES = 2000

#: Records of a text file read to choose its separator.
SAMPLE_RECORDS = 60

#: Suffixes read as workbooks.
XLSX_SUFFIXES = (".xlsx", ".xlsm")


@dataclass
class Sheet:
    """The cells of one sheet (or one text file) as read.

    Attributes
    ----------
    file : str
        Path of the file, as given.
    sheet : str
        Sheet name; ``""`` for text files.
    rows : list of (int, list)
        ``(row number, cell values)``; row numbers are 1-based as a spreadsheet
        shows them (for text files: the line where the record starts). Rows
        whose cells are all empty are left out.
    separator : str
        Separator of a text file (``""`` for workbooks).
    encoding : str
        Encoding a text file was decoded with (``""`` for workbooks).
    blank_rows : list of int
        Row numbers of the blank rows between the first and the last row
        read (spacer rows), so that a reader can say it skipped them.
    """

    file: str
    sheet: str
    rows: list[tuple[int, list[object]]] = field(default_factory=list)
    separator: str = ""
    encoding: str = ""
    blank_rows: list[int] = field(default_factory=list)


def is_blank(value: object) -> bool:
    """Return True for ``None``, NaN and strings of white space only."""
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    return isinstance(value, str) and not value.strip()


def read_sheets(
    path: str | Path, score: Callable[[list], float] | None = None
) -> list[Sheet]:
    """Read every sheet of a workbook, or the one table of a text file.

    Parameters
    ----------
    path : str or Path
        An ``.xlsx``/``.xlsm`` workbook or a CSV/TSV/TXT text file.
    score : callable, optional
        Judge of a text file's separator (see :func:`read_text`).

    Returns
    -------
    list of Sheet
        One per sheet, in workbook order.

    Raises
    ------
    RegisterReadError
        The file is missing, is an old ``.xls``/``.ods`` file, or cannot be
        decoded or opened.
    """
    from .._atomic import note_input

    path = Path(path)
    note_input(path, Msg("in_register_file"))  # no output of this command may replace it
    try:
        exists, is_dir = path.exists(), path.is_dir()
    except PermissionError as exc:  # a folder on the way cannot be opened
        raise RegisterReadError(Msg("io_no_folder_access", path=path, why=OsReason(exc))) from exc
    except (OSError, ValueError) as exc:  # name too long, NUL in the path…
        why = OsReason(exc) if getattr(exc, "strerror", None) else exc
        raise RegisterReadError(Msg("io_bad_path", path=str(path)[:200], why=why)) from exc
    if not exists:
        raise RegisterReadError(Msg("io_not_found", path=path))
    if is_dir:
        raise RegisterReadError(Msg("io_folder", path=path))
    if not path.is_file():  # /dev/zero, a pipe: reading would never end
        raise RegisterReadError(Msg("io_not_regular", path=path))
    suffix = path.suffix.lower()
    if suffix in (".xls", ".ods", ".numbers"):
        raise RegisterReadError(Msg("io_suffix", file=path.name, suffix=suffix))
    check_size(path)
    try:
        data = path.read_bytes()
    except PermissionError as exc:
        raise RegisterReadError(Msg("io_no_read_access", path=path)) from exc
    except OSError as exc:
        why = OsReason(exc) if exc.strerror else exc
        raise RegisterReadError(Msg("io_unreadable", path=path, why=why)) from exc
    if data[:8] == bytes.fromhex("D0CF11E0A1B11AE1"):  # OLE2: .xls, or an encrypted .xlsx
        raise RegisterReadError(Msg("io_ole2", file=path.name))
    if data[:4] == b"PK\x03\x04" or (suffix in XLSX_SUFFIXES and not _is_text(data)):
        return _clean_cells(read_xlsx(path))
    # a CSV saved under an .xlsx name is read as the CSV
    return _clean_cells([read_text(path, data, score)])


def _clean_cells(sheets: list[Sheet]) -> list[Sheet]:
    """Remove U+FEFF, U+FFFE/U+FFFF and lone surrogates from text cells, warning per row."""
    import warnings

    from .._sanitize import clean_input_text

    for sheet in sheets:
        for row, cells in sheet.rows:
            for i, value in enumerate(cells):
                if isinstance(value, str):
                    cells[i], removed = clean_input_text(value)
                    if removed:
                        at = Msg("reg_at_file", file=Path(sheet.file).name)
                        if sheet.sheet:
                            at = Msg("reg_at_sheet", at=at, sheet=sheet.sheet)
                        at_row = Msg("reg_at_row", at=at, row=row)
                        warnings.warn(Msg("reg_warn_invisible", at=at_row, n=i + 1,
                                          chars=", ".join(removed), text=repr(cells[i])),
                                      UserWarning, stacklevel=2)
    return sheets


def _is_text(data: bytes) -> bool:
    """Whether ``data`` (its first 4 KiB) reads as register text rather than binary."""
    head = data[:4096]  # even: UTF-16 stays whole; a UTF-8 character cut here still decodes
    if not head:
        return False
    try:
        decode(head)
    except RegisterReadError:
        return False
    return True


def _mb(n: int) -> str:
    """Size for messages: ``52.4 MB``, ``35.2 KB`` or ``900 bytes``."""
    if n >= 2**20:
        return f"{n / 2**20:,.1f} MB"
    return f"{n / 2**10:,.1f} KB" if n >= 2**10 else f"{n:,} bytes"


def check_size(path: Path) -> None:
    """Refuse a register larger than :data:`camau_gis.settings.max_register_bytes`.

    Raises
    ------
    RegisterReadError
        The file is larger than the limit; the message names the setting and
        its environment variable.
    """
    from .. import settings

    limit = settings.register_limit("max_register_bytes")
    size = path.stat().st_size
    if size > limit:
        raise RegisterReadError(Msg("io_too_big", file=path.name, size=_mb(size), limit=_mb(limit),
                                env=settings.LIMIT_ENV["max_register_bytes"]))


def _too_many_rows(name: str, sheet: str, limit: int) -> RegisterReadError:
    from .. import settings

    at = Msg("reg_at_file", file=name)
    if sheet:
        at = Msg("reg_at_sheet", at=at, sheet=sheet)
    return RegisterReadError(Msg("io_too_many_rows", at=at, limit=f"{limit:,}",
                             env=settings.LIMIT_ENV["max_register_rows"]))


def read_xlsx(path: str | Path) -> list[Sheet]:
    """Read every worksheet of an XLSX workbook, filling merged cells.

    Values are those Excel last computed: numbers, strings, dates and
    booleans; strings are NFC. python-calamine (Rust) reads the values and
    the merged ranges; openpyxl reads a workbook holding formulas (to check
    each has a computed value) and one whose used area is too large to read
    densely (it visits only the cells that exist, so a stray cell at
    ``XFD1048576`` costs nothing). Rows end at their last non-empty cell, and
    merged ranges are filled within the area that holds values.
    """
    from .. import settings

    path = Path(path)
    raw = path.read_bytes()
    has_formulas = _scan_workbook(path, raw)
    max_rows = settings.register_limit("max_register_rows")
    if not has_formulas:
        sheets = _read_calamine(path, raw, max_rows)
        if sheets is not None:
            return sheets
    return _read_openpyxl(path, raw, has_formulas, max_rows)


#: Most cells (height x width of a sheet's used area) read densely by calamine.
MAX_DENSE_CELLS = 10_000_000


def _read_calamine(path: Path, raw: bytes, max_rows: int) -> list[Sheet] | None:
    """Read with python-calamine; None when openpyxl should read the file instead."""
    try:
        from python_calamine import CalamineWorkbook, SheetTypeEnum
    except ImportError:  # pragma: no cover - a dependency
        return None
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(raw))
    except Exception:  # noqa: BLE001 - openpyxl then names the fault of a corrupt workbook
        return None
    sheets = []
    try:
        for meta in wb.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue
            ws = wb.get_sheet_by_name(meta.name)
            if ws.height * ws.width > MAX_DENSE_CELLS:
                return None
            cells: dict[tuple[int, int], object] = {}
            for r, row in enumerate(ws.to_python(skip_empty_area=False), start=1):
                for c, value in enumerate(row, start=1):
                    if value != "" and value is not None:
                        cells[(r, c)] = value
            merged = [
                (r0 + 1, c0 + 1, r1 + 1, c1 + 1)
                for (r0, c0), (r1, c1) in (ws.merged_cell_ranges or [])
            ]
            sheets.append(_sheet_from_cells(path, meta.name, cells, merged, max_rows))
    except RegisterReadError:
        raise
    except Exception:  # noqa: BLE001 - an unusual part: let openpyxl read it
        return None
    finally:
        wb.close()
    return sheets


def _read_openpyxl(path: Path, raw: bytes, has_formulas: bool, max_rows: int) -> list[Sheet]:
    """Read with openpyxl (formulas checked for a computed value)."""
    from openpyxl import load_workbook

    try:
        # a file object: openpyxl refuses paths whose suffix is not .xlsx/.xlsm
        wb = load_workbook(io.BytesIO(raw), data_only=True)
    except Exception as exc:  # noqa: BLE001 - any failure of a corrupt workbook is reported as ours
        raise RegisterReadError(Msg("io_bad_xlsx", file=path.name,
                                why=f"{type(exc).__name__}: {exc}")) from exc
    sheets = []
    try:
        if has_formulas:
            _check_formulas(path, raw, wb)
        for ws in wb.worksheets:
            cells = {key: c.value for key, c in _cells(ws) if c.value is not None}
            merged = [
                (rng.min_row, rng.min_col, rng.max_row, rng.max_col)
                for rng in ws.merged_cells.ranges
            ]
            sheets.append(_sheet_from_cells(path, ws.title, cells, merged, max_rows))
    finally:
        wb.close()
    return sheets


def _sheet_from_cells(
    path: Path,
    title: str,
    cells: dict[tuple[int, int], object],
    merged: list[tuple[int, int, int, int]],
    max_rows: int,
) -> Sheet:
    """Build a :class:`Sheet` from ``{(row, column): value}`` (1-based) and merged ranges."""
    if len({r for r, _ in cells}) > max_rows:
        raise _too_many_rows(path.name, title, max_rows)
    _fill_merged(merged, cells)
    rows: dict[int, list[object]] = {}
    ends: dict[int, int] = {}
    for r, c in cells:
        ends[r] = max(ends.get(r, 0), c)
    used = sum(ends.values())
    if used > MAX_CELLS:
        raise RegisterReadError(Msg("io_spread", at=Msg("reg_at_sheet", at=path.name, sheet=title),
                                n=f"{used:,}", rows=f"{max(ends):,}",
                                columns=f"{max(ends.values()):,}"))
    for (r, c), value in cells.items():
        if isinstance(value, str):
            value = unicodedata.normalize("NFC", value)
        rows.setdefault(r, [None] * ends[r])[c - 1] = value
    _fix_legacy_text(rows)
    sheet = Sheet(file=str(path), sheet=title)
    for r in sorted(rows):
        values = rows[r]
        if not all(is_blank(v) for v in values):
            sheet.rows.append((r, values))
    if sheet.rows:
        present = {r for r, _ in sheet.rows}
        first, last = sheet.rows[0][0], sheet.rows[-1][0]
        sheet.blank_rows = [r for r in range(first, last) if r not in present]
    return sheet


#: Most cell slots one sheet may spread over (rows x their last used column).
MAX_CELLS = 25_000_000
#: Most merged cells a workbook may declare (openpyxl builds one object per merged cell).
MAX_MERGED_CELLS = 1_000_000


def _cells(ws: Any):  # noqa: ANN202 - iterator of ((row, column), cell)
    """Yield the cells a worksheet holds, without visiting the empty rectangle around them."""
    stored = getattr(ws, "_cells", None)
    if isinstance(stored, dict):
        return iter(list(stored.items()))
    return (((c.row, c.column), c) for row in ws.iter_rows() for c in row)  # pragma: no cover


def _fill_merged(
    merged: list[tuple[int, int, int, int]], cells: dict[tuple[int, int], object]
) -> None:
    """Give every cell of a merged range its top-left value, within the area holding values.

    ``merged`` holds ``(min_row, min_col, max_row, max_col)``, 1-based.
    """
    if not cells:
        return
    last_row = max(r for r, _ in cells)
    last_col = max(c for _, c in cells)
    for min_row, min_col, max_row, max_col in merged:
        top = cells.get((min_row, min_col))
        if top is None:
            continue
        for r in range(min_row, min(max_row, last_row) + 1):
            for c in range(min_col, min(max_col, last_col) + 1):
                cells[(r, c)] = top


_MERGE_REF = re.compile(
    rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Za-z]{1,3}\d{1,7}(?::[A-Za-z]{1,3}\d{1,7})?)\""
)
_FORMULA = re.compile(rb"<(?:\w+:)?f[ />]")


def _scan_workbook(path: Path, raw: bytes) -> bool:
    """Check a workbook's size unzipped and its merged ranges before openpyxl loads it.

    Returns
    -------
    bool
        Whether any worksheet holds a formula.

    Raises
    ------
    RegisterReadError
        The workbook unzips beyond ``XLSX_EXPANSION`` times the size limit
        (a zip bomb), or declares more than :data:`MAX_MERGED_CELLS` merged
        cells (openpyxl would build every one of them).
    """
    import zipfile

    from openpyxl.utils.cell import range_boundaries

    from .. import settings

    try:
        z = zipfile.ZipFile(io.BytesIO(raw))
        infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return False  # openpyxl reports the corrupt file
    limit = settings.register_limit("max_register_bytes") * settings.XLSX_EXPANSION
    total = sum(max(i.file_size, 0) for i in infos)
    if total > limit:
        raise RegisterReadError(Msg("io_unzips", file=path.name, size=_mb(total), limit=_mb(limit),
                                times=settings.XLSX_EXPANSION,
                                env=settings.LIMIT_ENV["max_register_bytes"]))
    formulas = False
    merged = 0
    biggest = ("", 0)
    for info in infos:
        if not info.filename.startswith("xl/worksheets/") or info.is_dir():
            continue
        try:
            data = z.read(info)  # bounded by the unzipped-size check above
        except Exception:  # noqa: BLE001 - corrupt member: openpyxl reports it
            continue
        formulas = formulas or bool(_FORMULA.search(data))
        for m in _MERGE_REF.finditer(data):
            ref = m.group(1).decode("ascii").upper()
            try:
                c1, r1, c2, r2 = range_boundaries(ref if ":" in ref else f"{ref}:{ref}")
            except (ValueError, TypeError):
                continue
            area = (abs(r2 - r1) + 1) * (abs(c2 - c1) + 1)
            merged += area
            if area > biggest[1]:
                biggest = (ref, area)
    if merged > MAX_MERGED_CELLS:
        raise RegisterReadError(Msg("io_merged", file=path.name, n=f"{merged:,}", ref=biggest[0],
                                area=f"{biggest[1]:,}", limit=f"{MAX_MERGED_CELLS:,}"))
    return formulas


def _fix_legacy_text(rows: dict[int, list[object]]) -> None:
    """Convert columns typed in TCVN3/VNI fonts (text within U+0080–U+00FF) to Unicode, in place."""
    from .encoding import legacy_in_text

    width = max((len(v) for v in rows.values()), default=0)
    for c in range(width):
        values: list[str] = list(
            dict.fromkeys(
                cell
                for v in rows.values()
                if c < len(v) and isinstance(cell := v[c], str) and not cell.isascii()
            )
        )
        if not values:
            continue
        # judged on a sample (a 50,000-row sheet has as many distinct names), applied to all
        enc, converted, _ = legacy_in_text(values[:DECODE_SAMPLE_LINES])
        if enc is None:
            continue
        if len(values) > DECODE_SAMPLE_LINES:
            enc, converted, _ = legacy_in_text(values, prior=enc)
            if enc is None:  # pragma: no cover - the sample said legacy, the whole did not
                continue
        table = dict(zip(values, converted, strict=True))
        for v in rows.values():
            if c < len(v) and isinstance(cell := v[c], str) and cell in table:
                v[c] = table[cell]


def _check_formulas(path: Path, raw: bytes, values_wb: object) -> None:
    """Refuse formulas without a computed value (a workbook not saved by a spreadsheet program).

    Their cells would read as empty and rows would lose values silently.
    """
    from openpyxl import load_workbook

    try:
        formulas = load_workbook(io.BytesIO(raw), data_only=False)
    except Exception:  # noqa: BLE001 - opened with values just before; nothing more to check
        return
    missing = []
    try:
        for ws in formulas.worksheets:
            vs = values_wb[ws.title]  # type: ignore[index]
            values = getattr(vs, "_cells", {})
            for (r, col), c in _cells(ws):
                if c.data_type == "f":
                    got = values.get((r, col))
                    if got is None or got.value is None:
                        missing.append(Msg("io_formula_cell", at=Msg(
                            "reg_at_sheet", at=path.name, sheet=ws.title), cell=c.coordinate,
                            formula=c.value))
    finally:
        formulas.close()
    if missing:
        more = [Msg("io_more", n=len(missing) - 20)] if len(missing) > 20 else []
        raise RegisterReadError(Msg("io_formulas", file=path.name, n=len(missing)),
                            missing[:20] + more)


def _bomless_utf16(data: bytes) -> str | None:
    """Return ``"utf-16-le"``/``"utf-16-be"`` for UTF-16 text saved without a BOM, else None.

    Judged on the first 4 KiB: in UTF-16 text of mostly ASCII letters (headers,
    digits, commas), one byte of each pair is NUL and the other almost never is.
    """
    head = data[:4096]
    if len(head) < 4 or b"\x00" not in head:
        return None
    even, odd = head[0::2], head[1::2]
    for enc, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) >= 0.3 * len(zeros) and other.count(0) <= 0.02 * len(other):
            return enc
    return None


def _where(data: bytes, offset: int) -> Msg:
    """``line N (byte offset O)`` of byte ``offset`` in ``data``."""
    line = data.count(b"\n", 0, offset) + 1
    return Msg("io_line_offset", line=line, offset=offset)


def _check_nul(data: bytes, name: str) -> None:
    """Refuse 8-bit text holding a NUL byte, naming its line and offset (no text file has one)."""
    offset = data.find(b"\x00")
    if offset >= 0:
        raise RegisterReadError(Msg("io_nul", file=name, at=_where(data, offset)))


def _check_mostly_utf8(data: bytes, exc: UnicodeDecodeError, name: str) -> None:
    """Refuse UTF-8 text with a few invalid bytes instead of reading it all in a legacy code.

    Legacy Vietnamese (CP1258, TCVN3, VNI) bytes almost never form valid UTF-8
    sequences; a file holding more valid multi-byte UTF-8 characters than
    invalid bytes is UTF-8 damaged in places, and reading it as a legacy code
    would garble every accented letter.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    if good >= bad:
        raise RegisterReadError(Msg("io_bad_utf8", file=name, at=_where(data, exc.start),
                                bytes=data[exc.start:exc.end].hex(" "), bad=bad, good=good))


def decode(data: bytes, name: str = "register") -> tuple[str, str]:
    """Decode register text: UTF-16 or UTF-8 (each with or without BOM), else a legacy code.

    Text that is not UTF-8 is judged line by line (valid Vietnamese syllables,
    :func:`camau_gis.io.encoding.decode_column`) among CP1258 (Windows
    Vietnamese), TCVN3 (ABC), VNI and CP1252; CP1258 wins ties.

    Returns
    -------
    tuple
        ``(NFC text, encoding name)``.
    """
    text = None
    bomless = _bomless_utf16(data)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            text, enc = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            text = None
    elif bomless is not None:
        try:
            text, enc = data.decode(bomless), bomless
        except UnicodeDecodeError:
            text = None
    else:
        _check_nul(data, name)
        try:
            text, enc = data.decode("utf-8-sig"), "utf-8"
        except UnicodeDecodeError as exc:
            _check_mostly_utf8(data, exc, name)
            from .encoding import decode_as, decode_column

            raw = data.split(b"\n")
            # judged on a sample of the lines that are not ASCII, applied to every line
            sample = [line for line in raw if not line.isascii()][:DECODE_SAMPLE_LINES]
            enc, _, _ = decode_column(sample, prior="cp1258")
            lines = decode_as(raw, enc)
            if lines is None:  # a line outside the sample does not decode that way
                enc, lines, _ = decode_column(raw, prior="cp1258")
            text = "\n".join(lines)
    if text is not None and "\x00" not in text:
        return unicodedata.normalize("NFC", text), enc
    raise RegisterReadError(Msg("io_not_text", file=name))


def _records(
    text: str, sep: str, limit: int | None = None, blank: list[int] | None = None
) -> list[tuple[int, list[str]]]:
    """Non-blank records of ``text`` as ``(line, fields)``; at most ``limit`` + 1 of them.

    Cells may be as long as the register size limit. A quote left open at
    the end of the file is an error (it would swallow every row after it).
    """
    from .. import settings

    biggest = settings.register_limit("max_register_bytes")
    if csv.field_size_limit() < biggest:
        csv.field_size_limit(biggest)  # only ever raised: other readers keep a larger one
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    out = []
    start = 1
    lines: list[str] | None = None
    try:
        for record in reader:
            if reader.line_num > start and any("\n" in v or "\r" in v for v in record):
                lines = lines or io.StringIO(text, newline="").readlines()
                _check_span(lines, start, reader.line_num, sep)
            if record and not all(not v.strip(" ,;\t") for v in record):
                out.append((start, record))
                if limit is not None and len(out) > limit:
                    return out
            elif blank is not None and out:
                blank.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise RegisterError(Msg("io_csv_error", line=start, why=exc)) from exc
    if out and reader.line_num > out[-1][0] and any("\n" in v or "\r" in v for v in out[-1][1]):
        _check_closed(text, out[-1][0], sep, reader.line_num)
    return out


def _check_span(lines: list[str], line: int, end: int, sep: str) -> None:
    """Raise when the cell spanning lines ``line``..``end`` is a stray quote, not a multi-line cell.

    A quote opened by mistake closes at the next quote further down, swallowing
    the rows between (they would be lost); text then follows the closing quote,
    which a well-formed CSV (as spreadsheets write it) never has.
    """
    try:
        for _ in csv.reader(io.StringIO("".join(lines[line - 1:end]), newline=""),
                            delimiter=sep, strict=True):
            pass
    except csv.Error as exc:
        raise RegisterError(Msg("io_quote_span", line=line, end=end)) from exc


def _check_closed(text: str, line: int, sep: str, end: int) -> None:
    """Raise when the record starting at ``line`` is a quote that is never closed."""
    tail = "".join(io.StringIO(text, newline="").readlines()[line - 1 :])
    try:
        for _ in csv.reader(io.StringIO(tail, newline=""), delimiter=sep, strict=True):
            pass
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            raise RegisterError(Msg("io_quote_open", line=line, n=end - line)) from exc


def _no_score(rows: list) -> float:
    return 0


def read_text(
    path: str | Path, data: bytes | None = None, score: Callable[[list], float] | None = None
) -> Sheet:
    """Read a delimited text file, choosing the separator that makes the best table.

    Parameters
    ----------
    path : str or Path
        The file (its name is used in messages).
    data : bytes, optional
        The file's bytes, when already read.
    score : callable, optional
        ``score(rows) -> number``; the separator with the highest score wins,
        then the most regular row width. The register API passes
        :func:`camau_gis.normalize.register.header_score` (recognised headers);
        without it only the row widths decide (``io`` knows no column meanings).
    """
    from .. import settings

    path = Path(path)
    if data is None:
        data = path.read_bytes()
    text, enc = decode(data, path.name)
    if score is None:
        score = _no_score
    max_rows = settings.register_limit("max_register_rows")
    ranked = []
    errors = []
    faults = []  # (score of the header line alone, error) of separators failing on a quote
    for i, sep in enumerate(SEPARATORS):
        try:  # judged on the first records; the whole file is split by the winner only
            rows = _records(text, sep, SAMPLE_RECORDS)
        except RegisterError as exc:
            errors.append((sep, exc.args[0]))
            with contextlib.suppress(RegisterError, csv.Error):
                faults.append((score(_records(text.split("\n", 1)[0], sep)), exc.args[0]))
            continue
        widths = [len(r) for _, r in rows[:50]]
        regular = max(widths.count(w) for w in set(widths)) if widths else 0
        ranked.append(((score(rows), regular > 1 and max(widths) > 1, regular, -i), sep))
    best = max(ranked)[0][0] if ranked else 0
    for head, fault in sorted(faults, reverse=True)[:1]:
        if head and head > best:  # the header splits with this separator: its fault is real
            raise RegisterError(Msg("io_at_text", file=path.name, text=fault))
    for _, sep in sorted(ranked, reverse=True):
        blank: list[int] = []
        try:
            rows = _records(text, sep, max_rows, blank)
        except RegisterError as exc:
            errors.append((sep, exc.args[0]))
            continue
        if len(rows) > max_rows:
            raise _too_many_rows(path.name, "", max_rows)
        last = rows[-1][0] if rows else 0
        return Sheet(file=str(path), sheet="", rows=cast("list[tuple[int, list[object]]]", rows),
                     separator=sep, encoding=enc,
                     blank_rows=[b for b in blank if b < last])
    if len({str(e) for _, e in errors}) == 1:  # the same fault whatever the separator
        raise RegisterError(Msg("io_at_text", file=path.name, text=errors[0][1]))
    raise RegisterReadError(Msg("io_no_columns", file=path.name, errors=[
        Msg("io_separator", sep=repr(sep), text=e) for sep, e in errors]))
