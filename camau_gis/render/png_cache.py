"""The build's PNG map from the cache when nothing it is drawn from has changed.

``camau-gis build`` writes a byte-reproducible PNG (no date, fixed metadata:
:mod:`camau_gis.render._png`), and drawing it is half of a warm build's CPU
time (importing matplotlib, laying out the page and its labels, rendering
and encoding 3508 x 2480 pixels). A build whose analysis and options are
those of an earlier build copies that build's file instead. The entry's key
(SHA-256) covers everything the drawing reads:

- the analysis: every table of :class:`~camau_gis.model.Analysis` (column
  names, dtypes, index and values by pandas' ``hash_pandas_object``,
  geometries as WKB, the CRS), ``summary``, ``meta`` and ``extra`` (JSON-like
  values by their ``repr``); a value of another kind makes the analysis
  unkeyable and the map is drawn, never guessed;
- the map's options (kind, language, page, dpi) and the public scalar
  settings and ``CAMAU_GIS_*`` environment variables;
- the code: :func:`camau_gis._caches.code_stamp` (this package's files,
  matplotlib's, numpy's, shapely's, pandas' and geopandas' entry files) and
  matplotlib's configuration: ``matplotlibrc`` files and the font list it
  picks fonts from (path, size and modification time).

An entry is two data files in :func:`camau_gis.settings.derived_dir` (one
cache policy, :mod:`camau_gis._caches`): ``png_<key>.png`` (the map), then
``png_<key>.json`` (key, language, the PNG's SHA-256, the warnings the
drawing raised, replayed on every hit). A missing, stale or damaged entry (a
PNG whose digest differs) is drawn again; a cache that cannot be written is
one warning. Only :data:`KEEP` entries are kept. A build that draws the map
again (other register, other options) costs what it did without the cache.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..model import Analysis

#: Bump when the entry's layout or the key's contents change.
FORMAT = 1
#: Entries kept (most recently used first).
KEEP = 8
#: Libraries whose version changes the pixels (besides this package).
_LIBRARIES = ("matplotlib", "numpy", "shapely", "pandas", "geopandas", "pyproj")


class _Unkeyable(Exception):
    """A value of the analysis that has no stable digest (the map is then drawn)."""


def _feed(h: Any, value: Any) -> None:
    """Add ``value`` to the digest ``h``, tagged by its kind; :class:`_Unkeyable` if unknown."""
    import numpy as np
    import pandas as pd

    if isinstance(value, pd.Series):
        value = value.to_frame()
    if isinstance(value, pd.DataFrame):
        _feed_frame(h, value)
    elif isinstance(value, pd.Index):
        _feed_frame(h, pd.DataFrame(index=value))
    elif isinstance(value, dict):
        h.update(b"D%d;" % len(value))
        for k in sorted(value, key=repr):
            _feed(h, k)
            _feed(h, value[k])
    elif isinstance(value, list | tuple):
        h.update(b"L%d;" % len(value))
        for v in value:
            _feed(h, v)
    elif isinstance(value, np.ndarray) and value.dtype != object:
        h.update(f"A{value.dtype.str}{value.shape};".encode())
        h.update(np.ascontiguousarray(value).tobytes())
    elif value is None or isinstance(value, str | int | float | bool | np.generic | PurePath):
        text = repr(value)
        h.update(b"S%d;" % len(text) + text.encode("utf-8", "surrogatepass"))
    else:
        raise _Unkeyable(type(value).__name__)


def _feed_frame(h: Any, frame: Any) -> None:
    import pandas as pd

    from .._caches import geometry_key

    geo = [c for c in frame.columns if getattr(frame[c].dtype, "name", None) == "geometry"]
    _feed(h, [repr(c) for c in frame.columns])
    _feed(h, [str(d) for d in frame.dtypes])
    _feed(h, [repr(n) for n in frame.index.names])
    _feed(h, frame.attrs)
    h.update(b"I")
    h.update(pd.util.hash_pandas_object(frame.index).to_numpy().tobytes())
    plain = frame.drop(columns=geo)
    if len(plain.columns):
        h.update(pd.util.hash_pandas_object(plain, index=False).to_numpy().tobytes())
    for c in geo:
        values = frame[c]
        crs = values.crs.to_wkt() if values.crs is not None else ""
        h.update(b"G" + geometry_key(values.array, {"crs": crs}).encode())


def _config_stamp() -> list[str]:
    """Path, size and mtime of the matplotlib configuration files a drawing may read."""
    from .. import settings

    out = []
    for p in settings.matplotlib_config_files():
        try:
            st = p.stat()
        except OSError:
            continue
        out.append(f"{p}:{st.st_size}:{st.st_mtime_ns}")
    return out


def png_key(result: Analysis, **options: Any) -> str | None:
    """Key of the PNG drawn from ``result`` with ``options``; None: not cacheable (draw it)."""
    from .. import settings
    from .._caches import code_stamp, settings_stamp

    h = hashlib.sha256()
    try:
        for name in ("communes", "models", "c19", "uncovered", "districts", "match_report",
                     "summary", "year", "illustrative", "meta", "extra"):
            h.update(name.encode() + b"=")
            _feed(h, getattr(result, name))
    except (_Unkeyable, TypeError, ValueError):
        return None
    blob = json.dumps({
        "format": FORMAT, "analysis": h.hexdigest(),
        "options": {k: repr(v) for k, v in sorted(options.items())},
        "settings": settings_stamp(),
        "env": settings.camau_environment(), "code": code_stamp(_LIBRARIES),
        "matplotlib": _config_stamp(),
    }, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _paths(key: str) -> tuple[Path, Path]:
    from .._caches import entry_path

    return entry_path("png", key, ".json"), entry_path("png", key, ".png")


def restore(key: str | None, path: Path) -> bool:
    """Copy the cached PNG of ``key`` to ``path`` and replay its warnings; False on a miss."""
    if key is None:
        return False
    from .._caches import Kept, kept_warnings, read_entry, replay

    doc_path, png_path = _paths(key)

    def read(p: Path) -> tuple[bytes, Kept] | None:
        doc = json.loads(p.read_text(encoding="utf-8"))
        if doc.get("format") != FORMAT or doc.get("key") != key:
            return None
        kept = kept_warnings(doc)  # None: its warnings in another language, drawn again
        if kept is None:
            return None
        data = png_path.read_bytes()
        if hashlib.sha256(data).hexdigest() != doc["sha256"]:
            return None  # a truncated or replaced file
        return data, kept

    hit = read_entry(doc_path, read)
    if hit is None:
        return False
    data, kept = hit
    try:
        path.write_bytes(data)  # into the run's staging folder (committed atomically)
        os.utime(png_path)  # most recently used (prune's order)
    except OSError:
        return False
    replay(kept, stacklevel=3)
    return True


def draw_and_keep(key: str | None, path: Path, draw: Callable[[Path], Path]) -> Path:
    """Run ``draw(path)`` (which writes the PNG); keep the file and its warnings under ``key``."""
    if key is None:
        return draw(path)
    from .._caches import recording, replay, warnings_meta, write_entry

    out, kept = recording(lambda: draw(path))
    replay(kept, stacklevel=2)
    doc_path, png_path = _paths(key)
    data = Path(out).read_bytes()
    doc = {"format": FORMAT, "key": key, "sha256": hashlib.sha256(data).hexdigest(),
           **warnings_meta(kept)}
    text = json.dumps(doc, ensure_ascii=False)

    def write_png(tmp: Path) -> None:
        tmp.write_bytes(data)

    def write_doc(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8")

    if write_entry(png_path, write_png) and write_entry(doc_path, write_doc):
        prune(png_path.parent)
    return out


def prune(folder: Path, keep: int = KEEP) -> None:
    """Delete all but the ``keep`` most recently used PNG entries of ``folder``."""
    from .. import _caches

    _caches.prune(folder, "png_*.png", keep, companions=(".json",))
