"""Geometry derived from a boundary file, cached on disk beside the HTML's display coverage.

One cache mechanism for every renderer: the key is the SHA-256 of
the input geometries (WKB) and of the parameters, the file lives in
``settings.shapefiles_dir / "cache"`` and holds the result's WKB with offsets
(``.npz``), written atomically. A missing, stale or unreadable file is
rebuilt, never fatal. The HTML map caches its cleaned, simplified coverage
there (``coverage_<key>.npz``); the static maps cache their locator outline,
district outlines and label circles (``static_<key>.npz``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

#: Version of the cached format and algorithm; bump to invalidate old caches.
CACHE_VERSION = 1


def geometry_key(geoms: Any, params: dict[str, Any]) -> str:
    """Return the SHA-256 hex digest of ``geoms`` (WKB, 2D) and ``params`` (JSON).

    Parameters
    ----------
    geoms : array-like of shapely geometries
        The boundary geometries (e.g. every commune of the file, in order).
    params : dict
        JSON-serialisable parameters of the derived result (algorithm version,
        CRS, tolerances…); any change gives another key.
    """
    from .._caches import geometry_key as key

    return key(geoms, {"v": CACHE_VERSION, **params})


def cache_file(name: str, key: str, cache_dir: Path | None = None) -> Path:
    """Path of the cache file ``<name>_<key[:24]>.npz`` (default :func:`settings.derived_dir`)."""
    from .._caches import entry_path

    return entry_path(name, key, ".npz", cache_dir)


def load_geometries(path: Path, count: int) -> np.ndarray | None:
    """Return the ``count`` geometries of cache file ``path``; None if missing, stale or broken."""
    import numpy as np
    import shapely

    from .._caches import read_entry

    def read(p: Path) -> np.ndarray | None:
        with np.load(p, allow_pickle=False) as data:
            buf, offsets = data["wkb"].tobytes(), data["offsets"]
        if len(offsets) != count + 1:
            return None
        return shapely.from_wkb([buf[offsets[i] : offsets[i + 1]] for i in range(count)])

    return read_entry(path, read)


def save_geometries(path: Path, geoms: np.ndarray) -> None:
    """Write ``geoms`` (WKB and offsets) to cache file ``path`` atomically; failure only warns."""
    import numpy as np
    import shapely

    from .._caches import write_entry

    wkbs = shapely.to_wkb(geoms, hex=False)
    offsets = np.zeros(len(wkbs) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(b) for b in wkbs])
    buf = np.frombuffer(b"".join(wkbs), dtype=np.uint8)
    write_entry(path, lambda tmp: np.savez(tmp, wkb=buf, offsets=offsets))


def cached_geometries(
    name: str,
    key: str,
    count: int,
    compute: Callable[[], Any],
    *,
    cache: bool = True,
    cache_dir: Path | None = None,
) -> np.ndarray:
    """Return ``count`` geometries read from the cache file, or computed and written there.

    Parameters
    ----------
    name : str
        File-name prefix of the derived product (``"static"``…).
    key : str
        :func:`geometry_key` of the inputs and parameters.
    count : int
        Number of geometries expected; a file holding another number is stale
        and rebuilt.
    compute : callable
        Returns the geometries (array-like of ``count`` shapely geometries)
        when the cache cannot be used.
    cache : bool, default True
        Read and write the cache (False: always compute, write nothing).
    cache_dir : Path, optional
        Default ``settings.shapefiles_dir / "cache"``.

    Returns
    -------
    numpy.ndarray of shapely geometries
        A write failure only warns: the computed result is returned anyway.
    """
    import numpy as np

    path = cache_file(name, key, cache_dir) if cache else None
    found = load_geometries(path, count) if path is not None else None
    if found is not None:
        return found
    geoms = np.asarray(compute(), dtype=object)
    if len(geoms) != count:
        raise ValueError(f"{name}: computed {len(geoms)} geometries, expected {count}")
    if path is not None:
        save_geometries(path, geoms)
    return geoms
