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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

#: Combining tone marks (grave, acute, tilde, hook above, dot below).
_TONES = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}
_TONE_OF = {v: k for k, v in _TONES.items()}
_VOWELS = set("aăâeêioôơuưy")

#: Prefixes staff write for each unit type (canonical lower-case Vietnamese).
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


#: Province names of the 2008 boundaries that the 2019-2025 table spells otherwise
#: (ASCII keys): Thừa Thiên Huế became Thành phố Huế on 2025-01-01.
PROVINCE_KEY_ALIASES: dict[str, str] = {"thua thien hue": "hue", "tp ho chi minh": "ho chi minh"}


def province_key(name: object) -> str:
    """Key for a province name: no ``Tỉnh``/``Thành phố`` prefix, no diacritics."""
    key = ascii_key(strip_province_prefix(name))
    return PROVINCE_KEY_ALIASES.get(key, key)


def commune_key(unit_type: str | None, short: str) -> str:
    """Return the matching key ``"<type>|<name_key>"`` of a commune within one district."""
    return f"{unit_type or '?'}|{name_key(short)}"


def district_key(name: object) -> str:
    """Return the matching key of a district: no prefix, no diacritics (``"nam can"``)."""
    return ascii_key(strip_district_prefix(name))


# --------------------------------------------------------------------------
# Vietnamese alphabetical order
# --------------------------------------------------------------------------

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def vi_sort_key(text: object) -> tuple:
    """Sort key in Vietnamese alphabetical order (a ă â … đ … ư), numbers by value.

    Tone marks only break ties, so ``"Hòa"`` and ``"Hoà"`` sort together and
    ``"Phường 2"`` precedes ``"Phường 10"``.
    """
    s = " ".join(unicodedata.normalize("NFC", str(text)).lower().split())
    base, tones = [], []
    for token in _TOKENS.findall(s):
        if token.isdecimal():  # not isdigit: superscript "²" is a digit but no number
            base.append((1, int(token)))
            continue
        letter, tone = _letter_key(token)
        base.append(letter)
        tones.append(tone)
    return tuple(base), tuple(tones)


def vi_sort_rank(values: pd.Series) -> np.ndarray:
    """Dense rank of each value in :func:`vi_sort_key` order (equal keys share a rank).

    Sorting by this integer array orders like sorting by the keys themselves,
    but each distinct value is keyed once and the sort compares integers.
    """
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    keys = [vi_sort_key(u) for u in uniques]
    rank = {key: k for k, key in enumerate(sorted(set(keys)))}
    return np.array([rank[key] for key in keys], dtype=np.int64)[codes]


_TOKENS = re.compile(r"[0-9]+|[^0-9]")


@lru_cache(maxsize=4096)
def _letter_key(char: str) -> tuple[tuple[int, int], int]:
    """Key of one (NFC) character: ``(class, position)`` without its tone mark, and the tone."""
    decomposed = unicodedata.normalize("NFD", char)
    tone = next((_TONE_MARKS.index(c) + 1 for c in decomposed if c in _TONE_MARKS), 0)
    letter = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    idx = _ALPHABET.find(letter)
    return ((2, idx) if idx >= 0 else (0, ord(letter[0]))), tone
