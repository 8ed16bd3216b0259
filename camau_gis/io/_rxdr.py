"""A small reader of R's XDR serialization (``.rda`` version 2/3) for ``sp`` objects.

Why this exists: profiling ``rdata`` on the national ``communes.rda`` (11,163
``sp::Polygons``, about 806,000 R objects) showed 27-57 s, split about evenly
between ``rdata.parser.parse_file`` (a generic, pure-Python walk that builds
one dataclass and several enum look-ups per object: ``parse_R_object``,
``parse_r_object_info``, ``enum.__hash__``) and ``rdata.conversion.convert``
(one ``xarray.DataArray`` per coordinate matrix). ``rdata`` has no lower-level
entry point that skips the per-object work, so this module reads the same
format directly into plain Python values (NumPy arrays, lists of ``str``,
dicts of attributes) - about 20 times faster.

It reads what ``sp`` objects and data frames are made of (vectors, strings,
lists, pairlists, symbols, S4 objects, references, environments and
namespaces as placeholders). Anything else raises :class:`UnsupportedRData`,
and :func:`camau_gis.io.vietnam63.read_rda` then falls back to ``rdata``, so
an unexpected file is still read by the maintained parser. Its output is
tested against ``rdata``'s on all 11,163 communes (``tests/test_vietnam63_reader.py``).

Speed (national ``communes.rda``, 11 MB once decompressed, about 490,000 R
objects): the walk builds one small container per object, and Python's cyclic
collector ran many times during it, each pass costlier as the tree grew:
about half of the walk's 1.9 s. The tree holds no cycles, so the collector is
paused while it is built (:func:`collector_paused`): 0.85 s. Types are tested
in the order of their frequency in such files (references, strings,
pairlists, vectors) and :class:`RObject` has slots.
"""

from __future__ import annotations

import bz2
import contextlib
import gc
import gzip
import lzma
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

#: R's NA for integers (and the codes of factors).
NA_INTEGER = -(2**31)

_INT = struct.Struct(">i")
_VECTOR_DTYPES = {10: ">i4", 13: ">i4", 14: ">f8", 15: ">c16"}
_NATIVE = {k: np.dtype(v[1:]) for k, v in _VECTOR_DTYPES.items()}


class UnsupportedRData(ValueError):
    """The file holds something this reader does not parse (use ``rdata`` instead)."""


_NO_ATTRS: dict[str, Any] = {}


class RObject:
    """One R value: ``value`` (array, list of str/None, list of RObject), ``attrs`` by name."""

    __slots__ = ("type", "value", "attrs")

    def __init__(self, type: int, value: Any, attrs: dict[str, Any] | None = None) -> None:
        self.type = type
        self.value = value
        #: replaced when the attributes are read, never changed in place
        self.attrs: dict[str, Any] = _NO_ATTRS if attrs is None else attrs

    def attr(self, name: str) -> Any:
        """Return attribute ``name`` (an :class:`RObject` or ``None``)."""
        return self.attrs.get(name)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector inside the block (see the module's docstring)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _decompress(raw: bytes) -> bytes:
    if raw[:2] == b"\x1f\x8b":
        return gzip.decompress(raw)
    if raw[:3] == b"BZh":
        return bz2.decompress(raw)
    if raw[:6] == b"\xfd7zXZ\x00":
        return lzma.decompress(raw)
    return raw


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0
        self.refs: list[Any] = []

    def read_int(self) -> int:
        (v,) = _INT.unpack_from(self.data, self.pos)
        self.pos += 4
        return int(v)

    def length(self) -> int:
        n = self.read_int()
        if n == -1:
            hi, lo = self.read_int(), self.read_int()
            n = (hi << 32) + lo
        return n

    def charsxp(self, levels: int) -> str | None:
        n = self.read_int()
        if n == -1:
            return None
        raw = self.data[self.pos:self.pos + n]
        self.pos += n
        return raw.decode("latin-1" if levels & 4 else "utf-8", errors="replace")

    def attributes(self, obj: RObject) -> None:
        pairs = self.item()
        if isinstance(pairs, RObject) and pairs.type == 2:
            obj.attrs = dict(pairs.value)

    def item(self) -> Any:  # noqa: C901 - one branch per SEXP type, as in R's serialize.c
        data = self.data
        (flags,) = _INT.unpack_from(data, self.pos)
        self.pos += 4
        t = flags & 0xFF
        if t == 255:  # reference to an earlier symbol / environment
            index = flags >> 8
            return self.refs[(index or self.read_int()) - 1]
        has_attr = flags & 512
        if t == 16:  # character vector
            n = self.length()
            strings = []
            for _ in range(n):
                (f,) = _INT.unpack_from(data, self.pos)
                self.pos += 4
                strings.append(self.charsxp(f >> 12))
            obj = RObject(16, strings)
        elif t == 2 or t in (6, 17, 239, 240):  # pairlist, call: (tag, car) items up to NULL
            items: list[tuple[str | None, Any]] = []
            obj = RObject(2 if t in (2, 239) else t, items)
            item = self.item
            while True:
                attrs = item() if has_attr else None
                tag = item() if flags & 1024 else None
                items.append((tag, item()))
                if attrs is not None and isinstance(attrs, RObject) and not obj.attrs:
                    obj.attrs = dict(attrs.value)
                (flags,) = _INT.unpack_from(data, self.pos)
                self.pos += 4
                t2 = flags & 0xFF
                if t2 == 254:
                    return obj
                if t2 not in (2, 6, 17, 239, 240):
                    raise UnsupportedRData(f"pairlist ends with SEXP type {t2}")
                has_attr = flags & 512
        elif t in _VECTOR_DTYPES:
            n = self.length()
            dtype = _NATIVE[t]
            value = np.frombuffer(data, dtype=_VECTOR_DTYPES[t], count=n, offset=self.pos)
            self.pos += dtype.itemsize * n
            obj = RObject(t, value.astype(dtype))
        elif t == 19 or t == 20:  # list
            n = self.length()
            item = self.item
            obj = RObject(19, [item() for _ in range(n)])
        elif t == 25:  # S4 object: its slots are its attributes
            obj = RObject(25, None)
        elif t in (254, 253, 252, 251, 242, 241, 250):  # NULL, environments, missing
            return None
        elif t == 1:  # symbol: a CHARSXP follows
            name = self.charsxp(self.read_int() >> 12)
            self.refs.append(name)
            return name
        elif t in (248, 249):  # package / namespace: a string vector, kept as a reference
            self.read_int()
            n = self.read_int()
            names = [self.item() for _ in range(n)]
            self.refs.append(names)
            return names
        elif t == 4:  # environment: placeholder registered before its contents
            obj = RObject(4, None)
            self.refs.append(obj)
            self.read_int()
            for _ in range(4):  # enclosure, frame, hash table, attributes
                self.item()
            return obj
        elif t == 9:
            return self.charsxp(flags >> 12)
        elif t == 24:  # raw bytes
            n = self.length()
            obj = RObject(24, data[self.pos:self.pos + n])
            self.pos += n
        else:
            raise UnsupportedRData(f"SEXP type {t} is not read by this reader")
        if has_attr:
            self.attributes(obj)
        return obj


def read_rdata(path: str | Path) -> dict[str, Any]:
    """Read an ``.rda`` file into ``{name: RObject}``.

    Parameters
    ----------
    path : str or Path
        An R data file (``save()`` output; gzip, bzip2, xz or uncompressed).

    Returns
    -------
    dict
        The saved objects by name.

    Raises
    ------
    UnsupportedRData
        Not an XDR R data file of version 2 or 3, or it holds a type this
        reader does not parse.
    """
    raw = Path(path).read_bytes()
    try:
        data = _decompress(raw)
    except (OSError, EOFError, ValueError, zlib.error, lzma.LZMAError) as exc:
        raise UnsupportedRData(f"cannot decompress ({type(exc).__name__}: {exc})") from exc
    if data[:5] not in (b"RDX2\n", b"RDX3\n") or data[5:7] != b"X\n":
        raise UnsupportedRData("not an XDR R data file (RDX2/RDX3)")
    reader = _Reader(data)
    reader.pos = 7
    try:
        version = reader.read_int()
        reader.read_int()
        reader.read_int()
        if version == 3:
            reader.pos += reader.read_int()
        elif version != 2:
            raise UnsupportedRData(f"serialization version {version}")
        with collector_paused():
            top = reader.item()
    except (struct.error, IndexError, ValueError, TypeError, KeyError, RecursionError,
            MemoryError, OverflowError) as exc:
        if isinstance(exc, UnsupportedRData):
            raise
        raise UnsupportedRData(f"cannot parse ({type(exc).__name__}: {exc})") from exc
    if not isinstance(top, RObject) or top.type != 2:
        raise UnsupportedRData("the file does not hold a list of named objects")
    return {str(tag): value for tag, value in top.value}
