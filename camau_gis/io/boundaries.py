"""Read a polygon file as it is (Shapefile, zipped Shapefile, GeoPackage, GeoJSON, ``.rda``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BoundaryError

if TYPE_CHECKING:
    import geopandas as gpd

_POLYGON_TYPES = {"Polygon", "MultiPolygon"}


def _layers(path: Path) -> list[str]:
    import pyogrio

    try:
        return [str(name) for name, _ in pyogrio.list_layers(_gdal_path(path))]
    except Exception as exc:
        raise BoundaryError(
            f"{path}: GDAL cannot open it as a vector file ({exc}); give a Shapefile, "
            "zipped Shapefile, GeoPackage or GeoJSON."
        ) from exc


def _gdal_path(path: Path) -> str:
    return f"/vsizip/{path}" if path.suffix.lower() == ".zip" else str(path)


def read_polygons(path: str | Path, layer: str | None = None) -> "gpd.GeoDataFrame":
    """Read the polygons of a boundary file, with its attributes untouched.

    Parameters
    ----------
    path : str or Path
        Any polygon file GDAL reads; ``.zip`` is read through ``/vsizip/``;
        ``.rda`` is read as a vietnam63 R data file.
    layer : str, optional
        Layer name for multi-layer files; default: the file's only layer, or
        the layer named ``communes``.

    Returns
    -------
    GeoDataFrame
        The file's features, in the file's own CRS.

    Raises
    ------
    BoundaryError
        If the file is missing, unreadable, has no such layer or no polygons.
    """
    import geopandas as gpd

    path = Path(path)
    if not path.exists():
        raise BoundaryError(f"{path}: no such file; check the --boundaries path.")
    if path.suffix.lower() == ".rda":
        from .vietnam63 import read_rda

        return read_rda(path)
    layers = _layers(path)
    if layer is None:
        if len(layers) == 1:
            layer = layers[0]
        elif "communes" in layers:
            layer = "communes"
        else:
            raise BoundaryError(
                f"{path}: has layers {layers}; choose one with --layer."
            )
    elif layer not in layers:
        raise BoundaryError(f"{path}: no layer {layer!r}; its layers are {layers}.")
    try:
        gdf = gpd.read_file(_gdal_path(path), layer=layer, engine="pyogrio")
    except Exception as exc:
        raise BoundaryError(f"{path}, layer {layer!r}: cannot be read ({exc}).") from exc
    if len(gdf) == 0:
        raise BoundaryError(f"{path}, layer {layer!r}: holds no features.")
    kinds = set(gdf.geom_type.dropna())
    if not kinds or not kinds <= _POLYGON_TYPES:
        raise BoundaryError(
            f"{path}, layer {layer!r}: expected polygons, found {sorted(kinds) or 'no geometry'}."
        )
    gdf.columns = [str(c) for c in gdf.columns]
    return gdf
