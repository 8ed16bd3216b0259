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


def read_polygons(
    path: str | Path,
    layer: str | None = None,
    *,
    crs: object = None,
    encoding: str | None = None,
    province: str | None = None,
) -> gpd.GeoDataFrame:
    """Read the polygons of a boundary file, with its attributes decoded to NFC Unicode.

    Parameters
    ----------
    path : str or Path
        Any polygon file GDAL reads; ``.zip`` is read through ``/vsizip/``;
        ``.rda`` is read as a vietnam63 R data file.
    layer : str, optional
        Layer name for multi-layer files; default: the file's only layer, or
        the layer named ``communes``.
    crs : optional
        CRS of the coordinates when the file has none or a wrong one
        (``"EPSG:9207"``); overrides the ``.prj``.
    encoding : str, optional
        Text encoding of a Shapefile's DBF (``"cp1258"``, ``"tcvn3"``, ``"vni"``,
        ``"utf-8"`` …); default: the ``.cpg``, else detected per column.
    province : str, optional
        Province the file should hold; only ranks CRS candidates in messages.

    Returns
    -------
    GeoDataFrame
        The file's features in the file's own CRS (made trustworthy, see
        :mod:`camau_gis.io.crs`). ``attrs["camau_gis"]`` holds what was
        detected: ``{"path", "layer", "driver", "encoding", "crs"}`` as plain dicts.

    Raises
    ------
    BoundaryError
        If the file is missing, unreadable, has no such layer, no polygons, no
        usable CRS, or lies outside Vietnam.
    """
    import geopandas as gpd

    from . import crs as crs_mod
    from . import encoding as enc_mod

    path = Path(path)
    if not path.exists():
        raise BoundaryError(f"{path}: no such file; check the --boundaries path.")
    if path.suffix.lower() == ".rda":
        from .vietnam63 import read_rda

        gdf = read_rda(path)
        gdf.attrs["camau_gis"] = {
            "path": str(path),
            "layer": None,
            "driver": "R data (vietnam63)",
            "encoding": {"declared": "UTF-8", "method": "format", "columns": {}},
            "crs": crs_mod.CrsReport(
                source="format (sp, WGS 84)",
                name="WGS 84",
                epsg=4326,
                datum="World Geodetic System 1984",
                transformation="none (WGS 84 datum)",
            ).as_dict(),
        }
        return gdf
    layers = _layers(path)
    if layer is None:
        if len(layers) == 1:
            layer = layers[0]
        elif "communes" in layers:
            layer = "communes"
        else:
            raise BoundaryError(f"{path}: has layers {layers}; choose one with --layer.")
    elif layer not in layers:
        raise BoundaryError(f"{path}: no layer {layer!r}; its layers are {layers}.")

    shapefile = enc_mod.is_shapefile(path)
    cpg = enc_mod.shapefile_cpg(path) if shapefile else None
    report = enc_mod.EncodingReport()
    legacy_given = encoding is not None and encoding.lower() in ("tcvn3", "vni")
    # GDAL's iconv CP1258 decoder drops the last character of field names: decode it here.
    cp1258 = shapefile and (enc_mod.is_cp1258(encoding) if encoding else enc_mod.is_cp1258(cpg))
    raw_bytes = shapefile and (cpg is None or legacy_given) and (encoding is None or legacy_given)
    read_encoding = "ISO-8859-1" if raw_bytes or cp1258 else (encoding if shapefile else None)
    if encoding is not None:
        report.declared, report.method = encoding, "--encoding"
    elif shapefile and cpg:
        report.declared, report.method = cpg, ".cpg"
    elif shapefile:
        report.declared, report.method = None, "no .cpg: detected per column"
    else:
        report.declared, report.method = "UTF-8", "format"
    try:
        try:
            gdf = gpd.read_file(
                _gdal_path(path), layer=layer, engine="pyogrio", encoding=read_encoding
            )
        except UnicodeDecodeError:
            if encoding is not None or raw_bytes:
                raise
            # Declared UTF-8 (e.g. MapInfo "Neutral" charset) but holds legacy bytes.
            gdf = gpd.read_file(
                _gdal_path(path), layer=layer, engine="pyogrio", encoding="ISO-8859-1"
            )
            raw_bytes = True
            report.method = f"declared {report.declared or '?'} but not valid: detected per column"
    except LookupError as exc:
        raise BoundaryError(f"--encoding {encoding!r}: unknown encoding ({exc}).") from exc
    except Exception as exc:
        raise BoundaryError(f"{path}, layer {layer!r}: cannot be read ({exc}).") from exc
    if len(gdf) == 0:
        raise BoundaryError(f"{path}, layer {layer!r}: holds no features.")
    kinds = set(gdf.geom_type.dropna())
    if not kinds or not kinds <= _POLYGON_TYPES:
        raise BoundaryError(
            f"{path}, layer {layer!r}: expected polygons, found {sorted(kinds) or 'no geometry'}."
        )
    gdf.columns = _unique_names([str(c) for c in gdf.columns])
    if cp1258:
        gdf = enc_mod.recode(gdf, "cp1258")
    if legacy_given:
        gdf, cols = _force_legacy(gdf, encoding.lower())
    else:
        gdf, cols = enc_mod.fix_columns(gdf, raw_bytes=raw_bytes)
    report.columns = cols
    gdf, crs_report = crs_mod.resolve(
        gdf, str(path), crs=crs, province=province or _province_hint(gdf)
    )
    gdf.attrs["camau_gis"] = {
        "path": str(path),
        "layer": layer,
        "driver": "ESRI Shapefile" if shapefile else _driver(path, layer),
        "encoding": report.as_dict(),
        "crs": crs_report.as_dict(),
    }
    return gdf


def _unique_names(names: list[str]) -> list[str]:
    """Make repeated column names unique (``name``, ``name_2`` …); GDAL can return repeats."""
    seen: dict[str, int] = {}
    out = []
    for n in names:
        seen[n] = seen.get(n, 0) + 1
        out.append(n if seen[n] == 1 else f"{n}_{seen[n]}")
    return out


#: Columns that may name the province (a hint for CRS candidates only).
_PROVINCE_COLUMNS = (
    "province_vn",
    "province_v",
    "name_1",
    "ten_tinh",
    "tentinh",
    "tinh",
    "province",
)


def _province_hint(gdf: gpd.GeoDataFrame) -> str | None:
    from .. import settings

    lower = {c.lower(): c for c in gdf.columns}
    for cand in _PROVINCE_COLUMNS:
        if cand in lower:
            values = gdf[lower[cand]].dropna()
            if len(values):
                return str(values.mode().iloc[0])
    return settings.province


def _force_legacy(gdf: gpd.GeoDataFrame, encoding: str):
    from . import encoding as enc_mod

    gdf = gdf.copy()
    cols = []
    for col in enc_mod.text_columns(gdf):
        mask = gdf[col].map(lambda v: isinstance(v, str))
        vals = gdf.loc[mask, col]
        gdf.loc[mask, col] = [enc_mod._convert(v, encoding) for v in vals]
        cols.append(enc_mod.ColumnEncoding(col, encoding, 1.0, int(mask.sum())))
    return gdf, cols


def _driver(path: Path, layer: str | None) -> str:
    import pyogrio

    try:
        return str(pyogrio.read_info(_gdal_path(path), layer=layer).get("driver") or "")
    except Exception:
        return ""
