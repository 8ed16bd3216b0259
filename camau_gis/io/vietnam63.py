"""Parse the vietnam63 R data files (``sp::SpatialPolygonsDataFrame``) into GeoDataFrames."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..errors import BoundaryError

if TYPE_CHECKING:
    import geopandas as gpd


def _ring(coords: object) -> np.ndarray:
    arr = np.asarray(getattr(coords, "values", coords), dtype="float64")
    return arr.reshape(-1, 2)


def _feature_geometry(feature: object):  # -> shapely MultiPolygon
    """Build a MultiPolygon from one ``sp::Polygons`` object (rings with hole flags)."""
    import shapely

    shells: list[np.ndarray] = []
    holes: list[np.ndarray] = []
    for ring in feature.Polygons:  # type: ignore[attr-defined]
        coords = _ring(ring.coords)
        (holes if bool(np.asarray(ring.hole).ravel()[0]) else shells).append(coords)
    polys = [shapely.Polygon(s) for s in shells]
    # sp keeps holes as separate rings: give each hole to the shell that contains it.
    if holes:
        polys_with_holes = []
        hole_polys = [shapely.Polygon(h) for h in holes]
        for poly in polys:
            inner = [h.exterior.coords for h in hole_polys
                     if poly.contains(h.representative_point())]
            polys_with_holes.append(shapely.Polygon(poly.exterior.coords, inner))
        polys = polys_with_holes
    return shapely.MultiPolygon(polys)


def read_rda(path: str | Path) -> gpd.GeoDataFrame:
    """Read a vietnam63 ``.rda`` file (communes, districts or provinces).

    Parameters
    ----------
    path : str or Path
        The ``.rda`` file, e.g. ``communes.rda``.

    Returns
    -------
    GeoDataFrame
        The attribute table as stored upstream, geometry in EPSG:4326.

    Raises
    ------
    BoundaryError
        If the file is not an R data file holding one ``SpatialPolygonsDataFrame``.
    """
    import geopandas as gpd
    import rdata

    path = Path(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # rdata warns about every unknown S4 class
            parsed = rdata.parser.parse_file(path)
            converted = rdata.conversion.convert(parsed, default_encoding="utf-8")
    except Exception as exc:  # rdata raises many kinds of error on bad input
        raise BoundaryError(
            f"{path}: not a readable R data file ({type(exc).__name__}: {exc}); "
            "download it again or check its checksum."
        ) from exc
    if len(converted) != 1:
        raise BoundaryError(f"{path}: expected one object, found {sorted(converted)}.")
    (obj,) = converted.values()
    if not hasattr(obj, "polygons") or not hasattr(obj, "data"):
        raise BoundaryError(f"{path}: the object is not an sp SpatialPolygonsDataFrame.")
    data = obj.data.reset_index(drop=True)
    for col in data.columns:
        if str(data[col].dtype) in ("category", "string"):
            data[col] = data[col].astype(object)
    geoms = [_feature_geometry(f) for f in obj.polygons]
    if len(geoms) != len(data):
        raise BoundaryError(f"{path}: {len(geoms)} polygons but {len(data)} attribute rows.")
    return gpd.GeoDataFrame(data, geometry=geoms, crs="EPSG:4326")
