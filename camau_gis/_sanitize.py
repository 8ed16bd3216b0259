r"""Make register text safe for the file formats it lands in (spreadsheets, XML, figures).

Register text (model names, communes as typed, notes) and boundary-file names
are data, never code. Each output format gets its own rule:

- **CSV** (:func:`neutralise_formula`, :func:`neutralise_frame`): a text cell
  starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (the
  OWASP "CSV injection" list) is written with a leading apostrophe ``'``, so a
  spreadsheet shows it as text instead of evaluating it. Only ``str`` cells
  change: numbers (also negative ones) stay numbers.
- **XLSX** (:func:`excel_cell`, :func:`excel_frame`, :func:`protect_worksheet`):
  such cells are stored as strings (``data_type "s"``, never a formula) with
  Excel's ``quotePrefix`` style, so the value read back is the register text
  unchanged and Excel keeps it text even after the cell is edited.
- **XML** (DOCX, XLSX, SVG; :func:`xml_text`): characters XML 1.0 forbids
  (C0 controls except tab, newline and carriage return; U+FFFE, U+FFFF and
  lone surrogates) become U+FFFD "�", so the reader sees that something was
  there. ``<``, ``&`` and quotes are escaped by the writers themselves
  (python-docx, openpyxl, matplotlib's SVG backend).
- **Terminal** (:func:`terminal_text`): everything the CLI prints, on stdout
  and stderr, ``--json`` included, goes through this one function (the CLI
  wraps both streams, :class:`TerminalStream`): C0 controls but tab and
  newline, DEL, C1 controls (U+0080-U+009F) and the bidirectional overrides
  and isolates (U+202A-U+202E, U+2066-U+2069) are shown as their escape
  ``\u001b``, ``\u202e`` - visible, never acted on by the terminal, and the
  same escape JSON uses, so ``--json`` output stays valid JSON with the same value.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

#: First characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")

#: Prefix that turns a formula-like CSV cell into text.
CSV_TEXT_PREFIX = "'"

#: Replacement of characters XML 1.0 cannot hold.
REPLACEMENT = "\ufffd"

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TERMINAL_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def is_formula_text(value: object) -> bool:
    """Return True when ``value`` is a ``str`` a spreadsheet would read as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def neutralise_formula(value: Any) -> Any:
    r"""Return ``value`` safe for a CSV cell.

    Parameters
    ----------
    value : object
        A cell value.

    Returns
    -------
    object
        ``"'" + value`` for a ``str`` starting with one of
        :data:`FORMULA_TRIGGERS`; any other value unchanged (numbers,
        negative ones included, stay numbers).

    Examples
    --------
    >>> neutralise_formula('=HYPERLINK("http://x")')
    '\'=HYPERLINK("http://x")'
    >>> neutralise_formula(-3)
    -3
    """
    return CSV_TEXT_PREFIX + value if is_formula_text(value) else value


def is_text_dtype(dtype: Any) -> bool:
    """Return True for a column dtype that can hold ``str`` values (object, string, str)."""
    from pandas.api.types import is_object_dtype, is_string_dtype

    return bool(is_object_dtype(dtype) or is_string_dtype(dtype))


def _text_columns(frame: pd.DataFrame) -> list[Any]:
    return [c for c, dt in frame.dtypes.items() if is_text_dtype(dt)]


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``frame`` for ``to_csv``, formula-like text cells and headers prefixed.

    Only text columns (``object`` or ``string`` dtype) are touched, and in
    them only ``str`` values (:func:`neutralise_formula`).
    """
    out = frame.copy()
    for col in _text_columns(out):
        values = out[col]
        if values.map(is_formula_text).any():
            out[col] = values.map(neutralise_formula)
    out.columns = [neutralise_formula(c) for c in out.columns]
    return out


def xml_text(value: str) -> str:
    """Return ``value`` with the characters XML 1.0 forbids replaced by U+FFFD."""
    return _XML_ILLEGAL.sub(REPLACEMENT, value)


def terminal_text(value: str) -> str:
    r"""Return ``value`` safe to print: control and bidi-override characters shown as escapes.

    Register text and boundary names echoed by the CLI could otherwise move
    the cursor, clear the screen, retitle the window, rewrite earlier lines
    or reverse the text shown (U+202E). Tab and newline stay.

    Examples
    --------
    >>> terminal_text("Xã\x1b[2J A\u202eB")
    'Xã\\u001b[2J A\\u202eB'
    """
    return _TERMINAL_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", value)


class TerminalStream(io.TextIOBase):
    """A text stream that passes everything written through :func:`terminal_text`.

    The CLI wraps ``sys.stdout`` and ``sys.stderr`` in it while a command
    runs, so no command can print a raw control character.
    """

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(terminal_text(text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return bool(getattr(self._stream, "isatty", lambda: False)())

    @property
    def raw(self) -> Any:
        """The stream wrapped: for writers whose escape sequences are their own (progress rows)."""
        return self._stream

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return str(getattr(self._stream, "encoding", None) or "utf-8")

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self._stream, "errors", None)

    def fileno(self) -> int:
        return int(self._stream.fileno())


#: Characters removed from input text at the boundary: the byte-order mark / zero-width
#: no-break space, the non-characters U+FFFE and U+FFFF, and lone surrogates. They are
#: invisible or invalid, and break backends (matplotlib's PDF fonts, XML, GDAL).
_INPUT_JUNK = re.compile("[\ufeff\ufffe\uffff\ud800-\udfff]")


def clean_input_text(value: str) -> tuple[str, list[str]]:
    """Remove the characters of :data:`_INPUT_JUNK` from ``value``.

    Returns
    -------
    tuple
        ``(cleaned text, sorted list of the code points removed, e.g. ["U+FEFF"])``.

    Examples
    --------
    >>> clean_input_text("\ufeffXã Tân Thành")
    ('Xã Tân Thành', ['U+FEFF'])
    """
    found = _INPUT_JUNK.findall(value)
    if not found:
        return value, []
    return _INPUT_JUNK.sub("", value), sorted({f"U+{ord(c):04X}" for c in found})


def excel_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``frame`` whose text openpyxl can store (:func:`xml_text` on str cells).

    Write it with ``to_excel`` and pass the sheet to :func:`protect_worksheet`
    so formula-like text is stored as text.
    """
    out = frame.copy()
    for col in _text_columns(out):
        values = out[col]
        bad = values.map(lambda v: isinstance(v, str) and _XML_ILLEGAL.search(v) is not None)
        if bad.any():
            out[col] = values.map(lambda v: xml_text(v) if isinstance(v, str) else v)
    out.columns = [xml_text(c) if isinstance(c, str) else c for c in out.columns]
    return out


def _as_text(cell: Any) -> Any:
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def excel_cell(ws: Any, value: Any) -> Any:
    """Return what to append to a write-only sheet ``ws`` for ``value``.

    A formula-like ``str`` becomes a ``WriteOnlyCell`` stored as text with
    ``quotePrefix``; other strings get :func:`xml_text`; anything else is
    returned unchanged.
    """
    if not isinstance(value, str):
        return value
    value = xml_text(value)
    if not is_formula_text(value):
        return value
    from openpyxl.cell import WriteOnlyCell

    return _as_text(WriteOnlyCell(ws, value=value))


def protect_worksheet(ws: Any) -> int:
    """Store every formula-like text cell of a (normal) worksheet as text; return how many.

    For sheets filled by ``DataFrame.to_excel``: openpyxl turns a ``str``
    starting with ``=`` into a formula; afterwards the cell holds the same
    text as a string.
    """
    n = 0
    for row in ws.iter_rows():
        for cell in row:
            if is_formula_text(cell.value):
                _as_text(cell)
                n += 1
    return n


def clean_figure_text(fig: Any) -> None:
    """Apply :func:`xml_text` to every text of a matplotlib figure (before an SVG is saved)."""
    from matplotlib.text import Text

    for text in fig.findobj(Text):
        s = text.get_text()
        if isinstance(s, str) and _XML_ILLEGAL.search(s):
            text.set_text(xml_text(s))
