"""Register values as people type them: years, codes, yes/no, levels, numbers, dates."""

from __future__ import annotations

import datetime as _dt
import re

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


