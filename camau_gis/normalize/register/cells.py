"""Register cells as text: NFC, invisible characters removed, numbers and dates as typed."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from ...text import nfc

def where(file: str, sheet: str, row: int | None = None, column: object = None) -> str:
    """Location prefix of a message: ``register.xlsx, sheet "Mô hình", row 14, column "Xã"``."""
    s = Path(file).name
    if sheet:
        s += f', sheet "{sheet}"'
    if row is not None:
        s += f", row {row}"
    if column is not None:
        s += f', column "{cell_text(column)}"'
    return s


def _nfc_form(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFC", text)


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


