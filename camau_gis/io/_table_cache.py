"""Parsed boundary files kept as GeoParquet, once per file content (SHA-256).

Used for the national vietnam63 ``.rda`` files: parsing ``communes.rda`` takes
seconds, reading its GeoParquet a fraction of one, so every later province
selection, ``boundaries fetch`` and first build of another province reads the
cached table. Entries live in ``<cache home>/derived/<kind>/`` and hold data only.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import geopandas as gpd

#: Bump when the parsed table changes shape (older entries are then ignored).
FORMAT = 1


def file_sha256(path: Path) -> str:
    """SHA-256 (hex) of a file's content."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def entry(kind: str, path: Path) -> Path:
    """Cache file of ``path``'s parsed table."""
    from .. import settings

    return settings.derived_dir() / kind / f"{path.stem}_v{FORMAT}_{file_sha256(path)[:24]}.parquet"


def _restore_dtypes(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Give text columns back the ``object`` dtype (with ``pd.NA``) the parser returns."""
    import pandas as pd

    for col in gdf.columns:
        if col != gdf.geometry.name and isinstance(gdf[col].dtype, pd.StringDtype):
            values = gdf[col].astype(object)
            gdf[col] = pd.Series(values.where(values.notna(), pd.NA), dtype=object, index=gdf.index)
    return gdf


def cached(kind: str, path: Path, parse: Callable[[Path], gpd.GeoDataFrame]) -> gpd.GeoDataFrame:
    """Return ``parse(path)``, from the GeoParquet cache when this content was parsed before.

    A damaged entry is parsed again; a cache that cannot be written is one
    warning (:func:`camau_gis._caches.unwritable`), and the parsed table is returned.
    """
    from .._caches import write_entry

    target = entry(kind, path)
    found = lookup(kind, path, target)
    if found is not None:
        return found
    gdf = parse(path)
    write_entry(target, lambda tmp: gdf.to_parquet(tmp, index=False))
    return gdf


def lookup(kind: str, path: Path, target: Path | None = None) -> gpd.GeoDataFrame | None:
    """Return the cached table of ``path``'s content (entry ``target``, default :func:`entry`)."""
    from .._caches import read_entry

    return read_entry(target or entry(kind, path), _read)


def _read(target: Path) -> gpd.GeoDataFrame:
    import geopandas as gpd

    gdf = _restore_dtypes(gpd.read_parquet(target))
    epsg = gdf.crs.to_epsg() if gdf.crs is not None else None
    return gdf.set_crs(f"EPSG:{epsg}", allow_override=True) if epsg else gdf
