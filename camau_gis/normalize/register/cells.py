"""Register cells as text: NFC, invisible characters removed, numbers and dates as typed."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

from ...i18n import Msg, say
from ...text import nfc


def where(file: str, sheet: str, row: int | None = None, column: object = None) -> Msg:
    """Location prefix of a message: ``so.xlsx, trang "Mô hình", dòng 14, cột "Xã"``.

    A :class:`Msg`: its text is in :data:`camau_gis.settings.language`, and
    ``say(lang)`` gives it in another (``so.xlsx, sheet "Mô hình", row 14``).
    """
    loc = Msg("reg_at_file", file=Path(file).name)
    if sheet:
        loc = Msg("reg_at_sheet", at=loc, sheet=sheet)
    if row is not None:
        loc = Msg("reg_at_row", at=loc, row=row)
    if column is not None:
        loc = Msg("reg_at_column", at=loc, column=cell_text(column))
    return loc


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
    """A cell value that cannot be parsed; :attr:`msg` says what was expected (any language)."""

    def __init__(self, key: str, /, **params: object) -> None:
        self.msg = Msg(key, **params)
        super().__init__(self.msg)


#: Invisible characters people paste in with names (zero-width space, joiners, BOM, soft hyphen).
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


@dataclass(frozen=True)
class Problem:
    """A cell or row that needs attention: its location, the value and what to do.

    ``str(problem)`` is the whole message in :data:`camau_gis.settings.language`:
    ``so.csv, dòng 14, cột "Năm": giá trị "hai nghìn": cần năm…``;
    :meth:`say` gives it in another language. ``text`` is the message without
    its location (a :class:`Msg`). A problem about one year column of a wide
    criterion-19 row carries that ``year``; ``row=None`` is about the sheet
    as a whole.
    """

    file: str
    sheet: str
    row: int | None
    column: str
    value: str
    text: str
    year: int | None = None

    def say(self, lang: str | None = None) -> str:
        """Return the whole message (location, then what is wrong) in ``lang``."""
        loc = where(self.file, self.sheet, self.row, self.column or None)
        return f"{loc.say(lang)}: {say(self.text, lang)}"

    def __str__(self) -> str:
        return self.say(None)
