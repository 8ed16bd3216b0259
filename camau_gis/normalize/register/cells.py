"""Register cells as text: NFC, invisible characters removed, numbers and dates as typed."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
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


#: Text fields stored exactly as typed (after NFC) in the tables and the GeoPackage; the
#: others (commune, district, codes, kind) are matched or grouped, so their spaces are tidied.
AS_TYPED = frozenset({"name", "lead_unit", "notes", "basis"})


def as_typed(value: object) -> str:
    """Return a text cell as typed, only NFC-normalised (other values as :func:`cell_text`)."""
    return _nfc_form(value) if isinstance(value, str) else cell_text(value)


def cell_text(value: object) -> str:
    """Return a cell as NFC text: integral floats lose ``.0``, dates become ISO."""
    if type(value) is str:  # the common case, as text.nfc does it
        if value.isascii():
            return " ".join(value.split())
        return " ".join(_nfc_form(value.translate(INVISIBLE)).split())
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




#: Invisible characters people paste in with names (zero-width space, joiners, BOM, soft hyphen).
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


@dataclass(frozen=True)
class Problem:
    """A cell or row that needs attention: its location, the value and what to do.

    ``str(problem)`` is the whole message: ``so.csv, row 14, column "Năm":
    value "hai nghìn": expected a year…``. A problem about one year column of
    a wide criterion-19 row carries that ``year``; ``row=None`` is about the
    sheet as a whole.
    """

    file: str
    sheet: str
    row: int | None
    column: str
    value: str
    text: str
    year: int | None = None

    def __str__(self) -> str:
        return f"{where(self.file, self.sheet, self.row, self.column or None)}: {self.text}"
