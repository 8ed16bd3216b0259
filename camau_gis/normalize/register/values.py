"""Register values as people type them: years, codes, yes/no, levels, numbers, dates."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable

from ...text import ascii_key
from .cells import ValueProblem, cell_text

#: Earliest plausible year of a model or an assessment.
MIN_YEAR = 1990
#: Bounding box of Viet Nam (lon min, lat min, lon max, lat max) for point checks.
VN_BBOX = (102.0, 8.0, 110.0, 24.0)
#: How many rows from the top are searched for the header row.
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
    raise ValueProblem("val_bool")


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_YEAR_FORMS = (
    re.compile(r"(?:n[aă]m\s*)?(\d{4})(?:[.,]0+)?", re.IGNORECASE),  # 2018, 2018.0, năm 2018
    re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-](\d{4})"),  # 15/3/2018
    re.compile(r"(\d{4})[/.-]\d{1,2}(?:[/.-]\d{1,2})?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"),  # ISO
    re.compile(r"(?:th[aá]ng|t)?\s*\d{1,2}\s*[/.-]\s*(\d{4})", re.IGNORECASE),  # tháng 3/2018
    re.compile(r"(?:qu[yý]|q)\s*(?:[1-4]|i{1,3}|iv)\s*[/.-]?\s*(?:n[aă]m\s*)?(\d{4})",
               re.IGNORECASE),  # Quý I/2018
    re.compile(r"(?:6|sáu|sau)\s*th[aá]ng\s*(?:đầu|dau|cuối|cuoi)\s*n[aă]m\s*(\d{4})",
               re.IGNORECASE),
)
#: Excel date serials of 1990-01-01 .. 2100-12-31 (a date cell saved to CSV as its number).
_SERIALS = (32874, 73415)


def parse_year(value: object, max_year: int | None = None) -> int | None:
    """Parse a year and check its range.

    Accepts numbers (``2018``, ``2018.0``), Excel dates (cells or their
    serial numbers), text dates (``15/3/2018``, ``2018-03-15``), a month or
    quarter (``tháng 3/2018``, ``T3/2018``, ``Quý I/2018``) and
    ``năm 2018``.
    """
    max_year = max_year or _dt.date.today().year
    if isinstance(value, (_dt.date, _dt.datetime)):
        year = value.year
    else:
        if (isinstance(value, (int, float)) and not isinstance(value, bool)
                and _SERIALS[0] <= value <= _SERIALS[1]):
            value = _dt.date(1899, 12, 30) + _dt.timedelta(days=int(value))
            return parse_year(value, max_year)
        text = cell_text(value)
        if not text:
            return None
        for form in _YEAR_FORMS:
            m = form.fullmatch(text)
            if m:
                break
        else:
            raise ValueProblem("val_year", first=MIN_YEAR, last=max_year)
        year = int(m.group(1))
    if not MIN_YEAR <= year <= max_year:
        raise ValueProblem("val_year_range", first=MIN_YEAR, last=max_year)
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
        raise ValueProblem("val_float")
    deg, minutes, seconds = (float((g or "0").replace(",", ".")) for g in m.groups()[:3])
    if minutes >= 60 or seconds >= 60:
        raise ValueProblem("val_dms")
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
    raise ValueProblem("val_date")


#: Characters around a code as people type it: Excel's text apostrophe, quotes, spaces.
_CODE_WRAP = "'\u2018\u2019\"\u201c\u201d` \u00a0"


def parse_code(value: object) -> str:
    """Parse a GSO commune code to 5 digits.

    Accepts ``32197``, ``32197.0`` (a number cell or a CSV saved from one),
    ``'32197`` (Excel's text apostrophe), `` 32197 ``, ``032197`` (a 6-digit
    cell padded with a zero) and short codes that lost their leading zeros
    (``"01"`` -> ``"00001"``); blank -> ``""``.
    """
    if isinstance(value, float) and value == value and value.is_integer():
        value = int(value)
    text = cell_text(value).strip(_CODE_WRAP).replace(" ", "")
    if not text:
        return ""
    m = re.fullmatch(r"(\d+)(?:[.,]0+)?", text)
    if m is None:
        raise ValueProblem("val_code")
    digits = m.group(1)
    if len(digits) > 5:
        stripped = digits.lstrip("0")
        if len(stripped) > 5:
            raise ValueProblem("val_code_long", n=len(digits))
        digits = stripped
    return digits.zfill(5)


def parse_level(value: object) -> str:
    """Parse a model level to ``"xã"``, ``"huyện"`` or ``"tỉnh"``; blank -> ``""``."""
    text = cell_text(value)
    if not text:
        return ""
    key = ascii_key(text)
    for level, spellings in LEVELS.items():
        if key in spellings:
            return level
    raise ValueProblem("val_level")


def parse_source(value: object) -> str:
    """Normalise the source column: ``"minh họa"`` -> ``"illustrative"``; other text kept."""
    text = cell_text(value)
    key = ascii_key(text)
    if key in ("illustrative", "minh hoa", "du lieu minh hoa", "illustration", "example"):
        return "illustrative"
    if key == "seed":
        return "seed"
    return text


_PARSERS: dict[str, Callable[[object], object]] = {
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


