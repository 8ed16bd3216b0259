"""Parse the vietnam63 R data files (``sp::SpatialPolygonsDataFrame``) into GeoDataFrames."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..errors import BoundaryError
from ..i18n import Msg
from . import _rxdr

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd


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


def _frame(obj: _rxdr.RObject) -> pd.DataFrame:
    """Turn an R ``data.frame`` (as read by :mod:`._rxdr`) into pandas, as ``rdata`` would."""
    import pandas as pd

    names = obj.attr("names").value
    columns: dict[str, object] = {}
    for name, col in zip(names, obj.value, strict=True):
        levels = col.attr("levels")
        if levels is not None:  # factor: 1-based codes, NA as R's NA_integer_
            codes = np.where(col.value == _rxdr.NA_INTEGER, -1, col.value - 1)
            cat = pd.Categorical.from_codes(codes, categories=levels.value)
            columns[name] = pd.Series(cat.astype(object), dtype=object)
        elif col.type == 16:
            columns[name] = pd.Series([pd.NA if v is None else v for v in col.value], dtype=object)
        elif col.type == 13:  # rdata's nullable Int32, NA from R's NA_integer_
            ints = pd.array(col.value, dtype="Int32")
            ints[col.value == _rxdr.NA_INTEGER] = pd.NA
            columns[name] = ints
        elif col.type == 10:
            columns[name] = col.value.astype(bool)
        else:
            columns[name] = col.value
    return pd.DataFrame(columns)


def _geometries(polygons: list[_rxdr.RObject]) -> list[object]:
    """One MultiPolygon per ``sp::Polygons``, built with shapely's vectorised constructors."""
    import shapely

    coords: list[np.ndarray] = []
    ring_feature: list[int] = []
    hole: list[bool] = []
    for i, feature in enumerate(polygons):
        for ring in feature.attr("Polygons").value:
            xy = ring.attr("coords")
            n = int(xy.attr("dim").value[0])
            coords.append(xy.value.reshape(2, n).T)  # R matrices are column-major
            ring_feature.append(i)
            hole.append(bool(ring.attr("hole").value[0]))
    sizes = np.array([len(c) for c in coords])
    ring_of_point = np.repeat(np.arange(len(coords)), sizes)
    rings = shapely.linearrings(np.concatenate(coords), indices=ring_of_point)
    feature_of = np.array(ring_feature)
    is_hole = np.array(hole, dtype=bool)
    with_holes = set(feature_of[is_hole].tolist())
    geoms: list[object] = [None] * len(polygons)
    simple = ~np.isin(feature_of, list(with_holes))
    polys = shapely.polygons(rings[simple])
    owners, dense = np.unique(feature_of[simple], return_inverse=True)
    parts = shapely.multipolygons(polys, indices=dense)
    for i, geom in zip(owners, parts, strict=True):
        geoms[int(i)] = geom
    for i in with_holes:  # rare: give each hole to the shell that contains it, as below
        mine = feature_of == i
        shells = [shapely.Polygon(r) for r in rings[mine & ~is_hole]]
        hole_polys = [shapely.Polygon(r) for r in rings[mine & is_hole]]
        geoms[i] = shapely.MultiPolygon([
            shapely.Polygon(p.exterior.coords,
                            [h.exterior.coords for h in hole_polys
                             if p.contains(h.representative_point())])
            for p in shells])
    return [g if g is not None else shapely.MultiPolygon() for g in geoms]


def _read_fast(path: Path) -> gpd.GeoDataFrame:
    """Read with :mod:`._rxdr`; raise ``UnsupportedRData`` for anything unexpected."""
    import geopandas as gpd

    objects = _rxdr.read_rdata(path)
    if len(objects) != 1:
        raise _rxdr.UnsupportedRData(f"{len(objects)} objects")
    (obj,) = objects.values()
    if not isinstance(obj, _rxdr.RObject) or obj.attr("data") is None \
            or obj.attr("polygons") is None:
        raise _rxdr.UnsupportedRData("not an sp SpatialPolygonsDataFrame")
    try:
        with _rxdr.collector_paused():  # tens of thousands of rings (see _rxdr)
            data = _frame(obj.attr("data"))
            geoms = _geometries(obj.attr("polygons").value)
    except (AttributeError, TypeError, ValueError, IndexError) as exc:
        raise _rxdr.UnsupportedRData(f"unexpected sp layout ({exc})") from exc
    if len(geoms) != len(data):
        raise _rxdr.UnsupportedRData("polygons and attribute rows differ in number")
    return gpd.GeoDataFrame(data, geometry=geoms, crs="EPSG:4326")


def read_rda(path: str | Path, *, cache: bool = True) -> gpd.GeoDataFrame:
    """Read a vietnam63 ``.rda`` file (communes, districts or provinces).

    The parsed table is kept once per file content (SHA-256) as GeoParquet in
    the user cache (:func:`camau_gis.settings.cache_path`, ``vietnam63/``), so
    only the first read of a file parses it. Parsing uses the small reader in
    :mod:`._rxdr` (about 20 times faster than ``rdata`` on these files) and
    falls back to ``rdata`` for anything that reader does not know.

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
    path = Path(path)
    if not cache:
        return parse_rda(path)
    from . import _table_cache

    return _table_cache.cached("vietnam63", path, _parse_with_progress)


def cached_rda(path: str | Path) -> gpd.GeoDataFrame | None:
    """Return what :func:`read_rda` gives if this file's content was parsed before, else None."""
    from . import _table_cache

    return _table_cache.lookup("vietnam63", Path(path))


def _parse_with_progress(path: Path) -> gpd.GeoDataFrame:
    from .._progress import step

    with step("parse", path.name):
        return parse_rda(path)


def parse_rda(path: str | Path, *, engine: str = "auto") -> gpd.GeoDataFrame:
    """Parse a vietnam63 ``.rda`` file, without the cache.

    Parameters
    ----------
    path : str or Path
        The ``.rda`` file.
    engine : {"auto", "xdr", "rdata"}
        ``"xdr"``: the reader in :mod:`._rxdr` only; ``"rdata"``: the ``rdata``
        package only; ``"auto"``: the former, falling back to the latter.

    Returns
    -------
    GeoDataFrame
        As :func:`read_rda`.
    """
    path = Path(path)
    if engine != "rdata":
        try:
            return _read_fast(path)
        except (_rxdr.UnsupportedRData, OSError):
            if engine == "xdr":
                raise
    return _read_rdata(path)


def _read_rdata(path: Path) -> gpd.GeoDataFrame:
    import geopandas as gpd
    import rdata

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # rdata warns about every unknown S4 class
            parsed = rdata.parser.parse_file(path)
            converted = rdata.conversion.convert(parsed, default_encoding="utf-8")
    except Exception as exc:  # rdata raises many kinds of error on bad input
        raise BoundaryError(Msg("v63_unreadable", path=path, kind=type(exc).__name__,
                                exc=exc)) from exc
    if len(converted) != 1:
        raise BoundaryError(Msg("v63_objects", path=path, names=str(sorted(converted))))
    (obj,) = converted.values()
    if not hasattr(obj, "polygons") or not hasattr(obj, "data"):
        raise BoundaryError(Msg("v63_not_sp", path=path))
    data = obj.data.reset_index(drop=True)
    for col in data.columns:
        if str(data[col].dtype) in ("category", "string"):
            data[col] = data[col].astype(object)
    geoms = [_feature_geometry(f) for f in obj.polygons]
    if len(geoms) != len(data):
        raise BoundaryError(Msg("v63_rows", path=path, polygons=len(geoms), rows=len(data)))
    return gpd.GeoDataFrame(data, geometry=geoms, crs="EPSG:4326")
