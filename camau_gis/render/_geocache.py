"""Geometry derived from a boundary file, cached on disk beside the HTML's display coverage.

One cache mechanism for every renderer, the one of
:func:`camau_gis.render._geometry.display_coverage`: the key is the SHA-256 of
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
    import numpy as np

    from ._geometry import _digest

    return _digest(np.asarray(geoms, dtype=object), params)


def cache_file(name: str, key: str, cache_dir: Path | None = None) -> Path:
    """Path of the cache file ``<name>_<key[:24]>.npz`` (default folder ``shapefiles/cache``)."""
    from ._geometry import _cache_path

    return _cache_path(key, cache_dir).with_name(f"{name}_{key[:24]}.npz")


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

    from ._geometry import _load, _save

    path = cache_file(name, key, cache_dir) if cache else None
    if path is not None and path.exists():
        found = _load(path, count)
        if found is not None:
            return found
    geoms = np.asarray(compute(), dtype=object)
    if len(geoms) != count:
        raise ValueError(f"{name}: computed {len(geoms)} geometries, expected {count}")
    if path is not None:
        _save(path, geoms)
    return geoms
