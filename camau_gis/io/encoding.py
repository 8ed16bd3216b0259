"""Text encodings of boundary attributes: ``.cpg``, UTF-8 vs CP1258, legacy TCVN3 and VNI.

Old provincial files carry Vietnamese text in many encodings. The policy
(see ``docs/boundaries.md``):

1. A Shapefile's ``.cpg`` is honoured; formats that define their encoding
   (GeoPackage, GeoJSON) are read as UTF-8.
2. A Shapefile without ``.cpg`` is read as raw bytes, and each text column is
   decoded with the candidate that yields the most valid Vietnamese syllables:
   UTF-8, CP1258 (Windows Vietnamese, which stores tone marks as combining
   characters), TCVN3 (ABC, ``.VnTime`` fonts), VNI-Windows, then CP1252.
3. Text that was decoded as Latin-1/CP1252 (or stored that way in a UTF-8
   file) is checked per column for TCVN3 and VNI and converted.
4. Everything ends NFC.

Detection looks at all values of a column together: a single short name is
ambiguous, a column of a hundred names is not. Conversion tables come from
the maintained PyPI package ``viparse`` (MIT).

TCVN3 has no upper-case toned vowels (``.VnTimeH`` fonts drew lower-case
bytes as capitals), so converted text has lower-case toned vowels where the
original showed capitals. For a column of names (words mostly title case),
the first letter of such words is restored to upper case; other text keeps
the lower case the bytes encode. Precisely: when at least 80 % of a column's words that start
with an ASCII letter start with a capital, a word that starts with a
non-ASCII (toned or modified) lower-case vowel gets a capital first letter
(``ấp`` -> ``Ấp``); words that start with an ASCII letter keep the case the
bytes give (``Thị trấn`` stays as is).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

#: Candidate decodings of raw bytes, in order of preference on equal scores.
RAW_CANDIDATES = ("utf-8", "cp1258", "tcvn3", "vni", "cp1252")

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_ONSET = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|q|r|s|t|v|x"
#: Vowel nuclei of Vietnamese syllables (tone marks removed), longest first.
_NUCLEI = sorted(
    "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê "
    "ui uô uơ uy ưa ưi ươ ưu yê iêu oai oao oay oeo uây uôi uya uyê uyu ươi ươu yêu".split(),
    key=len,
    reverse=True,
)
_SYLLABLE = re.compile(rf"^(?:{_ONSET})?(?:{'|'.join(_NUCLEI)})(?:ch|ng|nh|c|m|n|p|t)?$")
_EDGE_PUNCT = ".,;:()[]-/'\""
#: Minimum gain in valid-syllable share before a legacy conversion is applied.
MIN_GAIN = 0.05


@dataclass
class ColumnEncoding:
    """How one text column was decoded."""

    column: str
    encoding: str
    score: float | None
    changed: int = 0


@dataclass
class EncodingReport:
    """What the reader decided about text encodings."""

    declared: str | None = None  # from .cpg, or the format's own rule
    method: str = ""  # "cpg", "format", "detected per column"
    columns: list[ColumnEncoding] = field(default_factory=list)

    def legacy(self) -> dict[str, str]:
        """Columns converted from a legacy encoding: ``{column: encoding}``."""
        return {
            c.column: c.encoding for c in self.columns if c.encoding in ("tcvn3", "vni", "cp1258")
        }

    def as_dict(self) -> dict:
        """Plain dict for JSON output."""
        return {
            "declared": self.declared,
            "method": self.method,
            "columns": {c.column: c.encoding for c in self.columns},
        }


@lru_cache(maxsize=1)
def _charmaps() -> dict:
    from viparse.normalize.tcvn3 import TCVN3
    from viparse.normalize.vni import VNI

    return {"tcvn3": TCVN3, "vni": VNI}


def _convert(text: str, encoding: str) -> str:
    from viparse.normalize.tables import convert

    return convert(text, _charmaps()[encoding], "NFC")


def valid_syllable(word: str) -> bool:
    """Return True if ``word`` is one Vietnamese syllable (one tone mark at most, known form)."""
    nfd = unicodedata.normalize("NFD", word.lower())
    tones = sum(ch in _TONES for ch in nfd)
    if tones > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(ch for ch in nfd if ch not in _TONES))
    return bool(_SYLLABLE.match(base))


def syllable_score(values: list[str]) -> float:
    """Share of the words in ``values`` that are valid Vietnamese syllables.

    Words are split on white space and stripped of edge punctuation; numbers
    are ignored. Returns 1.0 when there is no word to judge.
    """
    good = total = 0
    for value in values:
        for word in value.split():
            word = word.strip(_EDGE_PUNCT)
            if not word or word.isdigit():
                continue
            total += 1
            good += word.isalpha() and valid_syllable(word)
    return good / total if total else 1.0


def _restore_title_case(values: list[str]) -> list[str]:
    words = [w for v in values for w in v.split() if w[:1].isalpha()]
    if not words:
        return values
    ascii_initial = [w for w in words if w[0].isascii()]
    upper = sum(w[0].isupper() for w in ascii_initial)
    if not ascii_initial or upper / len(ascii_initial) < 0.8:
        return values
    return [
        " ".join(
            w[:1].upper() + w[1:] if w[:1].isalpha() and not w[0].isascii() else w
            for w in v.split(" ")
        )
        for v in values
    ]


def _decode(raw: bytes, encoding: str) -> str | None:
    try:
        if encoding in ("tcvn3", "vni"):
            return _convert(raw.decode("latin-1"), encoding)
        if encoding == "cp1252":
            return raw.decode("cp1252", errors="strict")
        return unicodedata.normalize("NFC", raw.decode(encoding, errors="strict"))
    except UnicodeDecodeError:
        return None


def _candidates_raw(raw: list[bytes]) -> dict[str, tuple[list[str], float, int]]:
    out: dict[str, tuple[list[str], float, int]] = {}
    for enc in RAW_CANDIDATES:
        decoded = [_decode(b, enc) for b in raw]
        vals = [v for v in decoded if v is not None]
        if len(vals) != len(decoded):
            continue
        if enc == "tcvn3":
            vals = _restore_title_case(vals)
        out[enc] = (vals, syllable_score(vals), _n_words(vals))
    return out


def _candidates_text(values: list[str]) -> dict[str, tuple[list[str], float, int]]:
    vals = [unicodedata.normalize("NFC", v) for v in values]
    joined = "".join(vals)
    if joined.isascii() or max(joined, default=" ") > "\u00ff":
        # ASCII, or real Unicode Vietnamese (legacy text never goes above U+00FF): nothing to judge
        return {"as read": (vals, math.nan, 0)}
    out = {"as read": (vals, syllable_score(vals), _n_words(vals))}
    for enc in ("tcvn3", "vni"):
        conv = [_convert(v, enc) for v in vals]
        if enc == "tcvn3":
            conv = _restore_title_case(conv)
        out[enc] = (conv, syllable_score(conv), _n_words(conv))
    return out


def _n_words(values: list[str]) -> int:
    return sum(1 for v in values for w in v.split() if not w.strip(_EDGE_PUNCT).isdigit())


def _choose(cands: dict[str, tuple[list[str], float, int]], prior: str | None) -> str:
    """Best candidate; the file-level ``prior`` (or the first) wins unless beaten by MIN_GAIN."""
    order = list(cands)
    base = prior if prior is not None and prior in cands else order[0]
    best = base
    for enc in order:
        if cands[enc][1] > cands[best][1] + MIN_GAIN:
            best = enc
    return best


def decode_column(raw: list[bytes], prior: str | None = None) -> tuple[str, list[str], float]:
    """Decode a column of raw byte strings with the best-scoring candidate encoding.

    Parameters
    ----------
    raw : list of bytes
        The column's values.
    prior : str, optional
        Encoding that wins ties (the file-level choice).

    Returns
    -------
    tuple
        ``(encoding, decoded values (NFC), score)``; ``"ascii"`` for pure ASCII.
    """
    if all(b.isascii() for b in raw):
        vals = [b.decode("ascii") for b in raw]
        return "ascii", vals, syllable_score(vals)
    cands = _candidates_raw(raw)
    if not cands:  # pragma: no cover - cp1252 fails only on 5 unused bytes
        vals = [b.decode("latin-1") for b in raw]
        return "latin-1", vals, 0.0
    enc = _choose(cands, prior)
    return enc, cands[enc][0], cands[enc][1]


def decode_as(raw: list[bytes], encoding: str) -> list[str] | None:
    """Decode every value of ``raw`` with one candidate of :data:`RAW_CANDIDATES`.

    Returns
    -------
    list of str or None
        NFC values (TCVN3 with title case restored as in :func:`decode_column`),
        or None when a value cannot be decoded that way.
    """
    if encoding == "ascii":
        return [b.decode("ascii") for b in raw] if all(b.isascii() for b in raw) else None
    decoded = [_decode(b, encoding) for b in raw]
    vals = [v for v in decoded if v is not None]
    if len(vals) != len(decoded):
        return None
    return _restore_title_case(vals) if encoding == "tcvn3" else vals


def legacy_in_text(
    values: list[str], prior: str | None = None
) -> tuple[str | None, list[str], float]:
    """Check decoded text for TCVN3/VNI that was read as Latin-1/CP1252.

    Returns
    -------
    tuple
        ``(encoding or None, values (converted, or NFC as read), score)``.
    """
    cands = _candidates_text(values)
    enc = _choose(cands, prior)
    return (None if enc == "as read" else enc), cands[enc][0], cands[enc][1]


def text_columns(df: pd.DataFrame) -> list[str]:
    """Columns holding strings (object or string dtype, geometry excluded)."""
    from pandas.api.types import is_object_dtype, is_string_dtype

    return [
        c
        for c in df.columns
        if c != "geometry"
        and (is_object_dtype(df[c].dtype) or is_string_dtype(df[c].dtype))
        and df[c].map(lambda v: isinstance(v, str)).any()
    ]


def fix_columns(
    df: pd.DataFrame, *, raw_bytes: bool
) -> tuple[pd.DataFrame, list[ColumnEncoding]]:
    """Decode or convert every text column of ``df`` (returns a copy and a per-column report).

    Each column is judged on all its values together; the encoding that
    yields most valid syllables over the whole file breaks ties in columns
    whose few values are ambiguous on their own.

    Parameters
    ----------
    df : DataFrame
        Attributes as read. With ``raw_bytes`` the strings hold one character
        per byte (read as ISO-8859-1) and are decoded here.
    raw_bytes : bool
        Whether the strings are undecoded bytes.
    """
    df = df.copy()
    cols = text_columns(df)
    uniq: dict[str, list[str]] = {}
    cands: dict[str, dict] = {}
    for col in cols:
        vals = [v for v in df[col] if isinstance(v, str)]
        uniq[col] = list(dict.fromkeys(vals))
        if raw_bytes:
            raw = [v.encode("latin-1") for v in uniq[col]]
            cands[col] = {} if all(b.isascii() for b in raw) else _candidates_raw(raw)
        else:
            cands[col] = _candidates_text(uniq[col])
    totals: dict[str, float] = {}
    for c in cands.values():
        for enc, (_, score, n) in c.items():
            if n:
                totals[enc] = totals.get(enc, 0.0) + score * n
    prior = None
    if totals:
        first = RAW_CANDIDATES if raw_bytes else ("as read", "tcvn3", "vni")
        ranked = sorted(totals, key=lambda e: (-totals[e], first.index(e) if e in first else 99))
        prior = ranked[0]
        top = totals[prior]
        # keep the conservative reading unless the legacy one is clearly better overall
        for safe in ("utf-8", "cp1258") if raw_bytes else ("as read",):
            if safe in totals and totals[safe] >= top * (1 - MIN_GAIN):
                prior = safe
                break
    report = []
    for col in cols:
        if not cands[col]:
            enc, out, score = "ascii", uniq[col], None
        else:
            enc = _choose(cands[col], prior)
            out, score = cands[col][enc][0], cands[col][enc][1]
            score = None if score != score else round(score, 3)
        before = [unicodedata.normalize("NFC", v) for v in uniq[col]]
        if any(a != b for a, b in zip(uniq[col], out, strict=False)):
            mask = df[col].map(lambda v: isinstance(v, str))
            df.loc[mask, col] = df.loc[mask, col].map(dict(zip(uniq[col], out, strict=False)))
        changed = sum(a != b for a, b in zip(before, out, strict=False))
        report.append(ColumnEncoding(col, enc, score, changed))
    return df, report


def is_cp1258(name: str | None) -> bool:
    """Return True if a ``.cpg`` or ``--encoding`` value names Windows-1258."""
    key = "".join(ch for ch in str(name or "").lower() if ch.isalnum())
    return key in ("1258", "cp1258", "windows1258", "ansi1258", "ldid1258")


def recode(df: pd.DataFrame, encoding: str) -> pd.DataFrame:
    """Decode text read as ISO-8859-1 (one char per byte) with ``encoding``, names too."""
    df = df.copy()

    def dec(v: object) -> object:
        return (
            unicodedata.normalize("NFC", v.encode("latin-1").decode(encoding, "replace"))
            if isinstance(v, str)
            else v
        )

    for col in text_columns(df):
        df[col] = df[col].map(dec)
    df.columns = [dec(c) if c != "geometry" else c for c in df.columns]
    return df


def shapefile_cpg(path: str | Path) -> str | None:
    """Return the code page named by a Shapefile's ``.cpg`` (also inside a ``.zip``), or None."""
    path = Path(path)
    if path.suffix.lower() == ".zip":
        import zipfile

        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            shps = [n for n in names if n.lower().endswith(".shp")]
            if not shps:
                return None
            cpg = [n for n in names if n.lower() == shps[0][:-4].lower() + ".cpg"]
            return zf.read(cpg[0]).decode("ascii", "replace").strip() or None if cpg else None
    if path.suffix.lower() != ".shp":
        return None
    for cand in (path.with_suffix(".cpg"), path.with_suffix(".CPG")):
        if cand.exists():
            return cand.read_text("ascii", errors="replace").strip() or None
    return None


def is_shapefile(path: str | Path) -> bool:
    """Return True for ``.shp`` and for a ``.zip`` holding a ``.shp``."""
    path = Path(path)
    if path.suffix.lower() == ".shp":
        return True
    if path.suffix.lower() == ".zip":
        import zipfile

        try:
            with zipfile.ZipFile(path) as zf:
                return any(n.lower().endswith(".shp") for n in zf.namelist())
        except zipfile.BadZipFile:
            return False
    return False


# ---------------------------------------------------------------------------
# Writing legacy text (to build test files and to answer "what would it look like")
# ---------------------------------------------------------------------------


@lru_cache(maxsize=2)
def _inverse(encoding: str) -> dict[str, str]:
    inv: dict[str, str] = {}
    for legacy, uni in _charmaps()[encoding].pairs:
        inv.setdefault(uni, legacy)
    return inv


def encode_legacy(text: str, encoding: str) -> bytes:
    """Encode Unicode Vietnamese ``text`` as ``"tcvn3"``, ``"vni"`` or ``"cp1258"`` bytes.

    TCVN3 lacks upper-case toned vowels: they are written lower-case, as the
    old fonts did. Characters with no legacy form raise ``ValueError``.
    """
    text = unicodedata.normalize("NFC", text)
    if encoding == "cp1258":
        out = bytearray()
        for ch in text:
            try:
                out += ch.encode("cp1258")
            except UnicodeEncodeError:
                nfd = unicodedata.normalize("NFD", ch)
                base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONES))
                tone = "".join(c for c in nfd if c in _TONES)
                out += (base + tone).encode("cp1258")
        return bytes(out)
    inv = _inverse(encoding)
    chars = []
    for ch in text:
        if ch in inv:
            chars.append(inv[ch])
        elif ch.lower() in inv and encoding == "tcvn3":
            chars.append(inv[ch.lower()])
        else:
            chars.append(ch)
    return "".join(chars).encode("latin-1")
