"""Vietnamese text handling: NFC, tone marks, unit-type prefixes and match keys.

Two keys are derived from a name:

- :func:`name_key` keeps every diacritic but moves tone marks to one
  convention (``Hòa`` and ``Hoà`` give the same key), drops case, extra
  spaces and leading zeros of numbers (``Phường 01`` -> ``phường 1``).
- :func:`ascii_key` also drops diacritics (``Đất Mũi`` -> ``dat mui``), for
  searches and for a second, weaker matching pass.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Combining tone marks (grave, acute, tilde, hook above, dot below).
_TONES = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}
_TONE_OF = {v: k for k, v in _TONES.items()}
_VOWELS = set("aăâeêioôơuưy")

#: Unit types, canonical lower-case Vietnamese, with the prefixes staff write.
UNIT_TYPES = ("xã", "phường", "thị trấn")
_PREFIXES: list[tuple[str, str]] = [
    # (regex on the ascii-folded, lower-case text, unit type)
    (r"thi tran|tt\.?|t\.tr\.?", "thị trấn"),
    (r"phuong|p\.|p(?=\s*\d)", "phường"),
    (r"xa|x\.", "xã"),
]
_DISTRICT_PREFIX = re.compile(
    r"^(?:huyen|thanh pho|tp\.?|thi xa|tx\.?|quan|q\.|h\.)\s*", re.IGNORECASE
)
_PROVINCE_PREFIX = re.compile(r"^(?:tinh|thanh pho|tp\.?)\s+", re.IGNORECASE)


def nfc(text: object) -> str:
    """Return ``text`` as an NFC string with single spaces, ``""`` for missing values."""
    if text is None or (isinstance(text, float) and text != text):
        return ""
    s = unicodedata.normalize("NFC", str(text))
    return " ".join(s.split())


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese diacritics (``đ`` -> ``d``) from NFC text."""
    s = unicodedata.normalize("NFD", text)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return s.replace("đ", "d").replace("Đ", "D")


def _syllable_key(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    tone = ""
    kept = []
    for ch in decomposed:
        if ch in _TONES:
            tone = _TONES[ch]
        else:
            kept.append(ch)
    base = unicodedata.normalize("NFC", "".join(kept))
    return base + tone


def _number_key(word: str) -> str:
    return str(int(word)) if word.isdecimal() else word


def name_key(text: object) -> str:
    """Key that keeps diacritics but not their placement, case or spacing.

    Examples
    --------
    >>> name_key("Xã  Hoà Thành") == name_key("xã hòa thành")
    True
    >>> name_key("Phường 01") == name_key("Phường 1")
    True
    """
    s = nfc(text).lower()
    words = re.findall(r"\w+", s)
    return " ".join(_number_key(_syllable_key(w)) for w in words)


def ascii_key(text: object) -> str:
    """Key without diacritics, case, punctuation or leading zeros (``"dat mui"``)."""
    return _ascii_key(text if isinstance(text, str) else nfc(text))


@lru_cache(maxsize=1 << 16)  # header recognition asks for the same few hundred keys ~50,000 times
def _ascii_key(text: str) -> str:
    s = strip_diacritics(nfc(text)).lower()
    return " ".join(_number_key(w) for w in re.findall(r"\w+", s))


def split_unit_type(name: object) -> tuple[str | None, str]:
    """Split a commune name into its unit type and the name without prefix.

    Recognises ``Xã``/``X.``, ``Phường``/``P.``/``P1``, ``Thị trấn``/``TT``
    with or without diacritics. Numbered wards keep their number as the name
    (``"P.01"`` -> ``("phường", "1")``).

    Returns
    -------
    tuple
        ``(unit_type or None, short_name)``; ``short_name`` is NFC text.
    """
    s = nfc(name)
    folded = strip_diacritics(s).lower()
    for pattern, unit in _PREFIXES:
        m = re.match(rf"^(?:{pattern})\s*", folded)
        if m and (m.end() < len(folded)):
            rest = s[m.end():].strip(" .-")
            if unit == "xã" and not m.group(0).strip().startswith(("xa", "x.")):
                continue
            if rest:
                if rest.isdecimal():
                    rest = str(int(rest))
                return unit, rest
    return None, s


def unit_type_from_text(text: object) -> str | None:
    """Return the canonical unit type for ``"Xã"``, ``"phuong"``, ``"TT"`` …, else None."""
    t = ascii_key(text).replace(".", "")
    return {
        "xa": "xã", "x": "xã",
        "phuong": "phường", "p": "phường",
        "thi tran": "thị trấn", "tt": "thị trấn",
    }.get(t)


def full_name(unit_type: str, short: str) -> str:
    """Compose the official full name (``"thị trấn", "Năm Căn"`` -> ``"Thị trấn Năm Căn"``)."""
    prefix = {"xã": "Xã", "phường": "Phường", "thị trấn": "Thị trấn"}[unit_type]
    return f"{prefix} {nfc(short)}"


def strip_district_prefix(name: object) -> str:
    """Return a district name without ``Huyện``/``Thành phố``/``TP.``/``Thị xã`` (NFC)."""
    s = nfc(name)
    folded = strip_diacritics(s)
    m = _DISTRICT_PREFIX.match(folded)
    return s[m.end():].strip() if m else s


def strip_province_prefix(name: object) -> str:
    """Return a province name without ``Tỉnh``/``Thành phố`` (NFC)."""
    s = nfc(name)
    m = _PROVINCE_PREFIX.match(strip_diacritics(s))
    return s[m.end():].strip() if m else s


def commune_key(unit_type: str | None, short: str) -> str:
    """Return the matching key ``"<type>|<name_key>"`` of a commune within one district."""
    return f"{unit_type or '?'}|{name_key(short)}"


def district_key(name: object) -> str:
    """Return the matching key of a district: no prefix, no diacritics (``"nam can"``)."""
    return ascii_key(strip_district_prefix(name))
