"""Read a polygon file as it is (Shapefile, zipped Shapefile, GeoPackage, GeoJSON, ``.rda``).

Zip archives are never extracted: GDAL reads the chosen member in place
through ``/vsizip/``, so no file is written anywhere - not beside the
archive, not in a temporary folder. Before GDAL sees it, the archive is
checked with :mod:`zipfile` (:func:`zip_member`): it must be a zip; members
with absolute or ``..`` paths are refused; the unzipped size is limited
(:data:`MAX_ZIP_BYTES`, ``CAMAU_GIS_MAX_ZIP_BYTES``) and a member that
unzips to more than :data:`MAX_ZIP_RATIO` times its packed size is refused
as a zip bomb; the archive must hold exactly one Shapefile (or, without
one, exactly one other vector file such as GADM's ``.json``) unless
``layer`` names one of several.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BoundaryError, OptionError
from ..i18n import Msg
from .archives import (  # noqa: F401  (re-exported: zip checks of boundary files)
    MAX_ZIP_BYTES,
    MAX_ZIP_RATIO,
    ZIP_VECTOR_SUFFIXES,
    _zip_cpg,
    zip_member,
)

if TYPE_CHECKING:
    import geopandas as gpd

    from .encoding import EncodingReport

_POLYGON_TYPES = {"Polygon", "MultiPolygon"}

def _layers(path: Path, source: str | None = None) -> list[str]:
    import pyogrio

    try:
        return [str(name) for name, _ in pyogrio.list_layers(source or _gdal_path(path))]
    except Exception as exc:
        raise BoundaryError(Msg("bnd_gdal_open", path=path, exc=exc)) from exc


def _gdal_path(path: Path, member: str | None = None) -> str:
    """GDAL's name for ``path``: ``/vsizip/<zip>/<member>`` inside an archive (read in place)."""
    if path.suffix.lower() != ".zip":
        return str(path)
    return f"/vsizip/{path}/{member}" if member else f"/vsizip/{path}"


def _unparsed_prj(path: Path, member: str | None) -> tuple[str, str] | None:
    """Return ``(name, first line)`` of a non-empty ``.prj`` beside the Shapefile, or None.

    Called when GDAL found no CRS: a ``.prj`` that is there then could not be parsed.
    """
    if member is not None:
        import zipfile

        want = member[:-4].lower() + ".prj"
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                if info.filename.lower() == want:
                    text = zf.read(info)[:200].decode("utf-8", "replace")
                    return (f"{path} ({info.filename})", text) if text.strip() else None
        return None
    if path.suffix.lower() != ".shp" or not path.is_file():
        return None
    for cand in path.parent.iterdir():
        if cand.name.lower() == (path.stem + ".prj").lower() and cand.is_file():
            with open(cand, "rb") as f:
                text = f.read(200).decode("utf-8", "replace")
            return (str(cand), text) if text.strip() else None
    return None


#: Suffixes that name a file, never a folder (a folder with one of them is a mistake).
_FILE_SUFFIXES = (".shp", ".gpkg", ".geojson", ".json", ".zip", ".rda", ".kml", ".gml", ".fgb")


def _clean_text_columns(gdf: gpd.GeoDataFrame, where: str) -> None:
    """Remove U+FEFF, U+FFFE/U+FFFF and lone surrogates from text attributes (a warning each)."""
    import warnings

    from .._sanitize import clean_input_text, is_text_dtype

    for col in [c for c, dt in gdf.dtypes.items() if is_text_dtype(dt) and c != "geometry"]:
        for idx, value in gdf[col].items():
            if not isinstance(value, str):
                continue
            clean, removed = clean_input_text(value)
            if removed:
                gdf.at[idx, col] = clean
                warnings.warn(Msg("bnd_bad_chars", where=where, idx=idx, col=col, value=clean,
                                  chars=", ".join(removed)), UserWarning, stacklevel=3)


def _check_folder(path: Path) -> None:
    """Name a folder on the way to ``path`` that cannot be read (no permission): exit 3."""
    import os

    for folder in reversed([path.parent, *path.parent.parents]):
        if folder.is_dir() and not os.access(folder, os.X_OK | (os.R_OK if folder ==
                                                                 path.parent else 0)):
            raise BoundaryError(Msg("bnd_no_folder_access", folder=folder, name=path.name))


def _check_readable(path: Path) -> None:
    """Name the file, its folder or a sidecar that cannot be read (no permission): exit 3.

    Only regular files are opened: a pipe or device would block the open (they are
    refused as "not a regular file" by the caller).
    """
    if path.is_dir() or not path.is_file():
        return
    parts = [path]
    if path.suffix.lower() == ".shp":
        parts += sorted(p for p in path.parent.iterdir()
                        if p.stem == path.stem and p.suffix.lower() in (".shx", ".dbf", ".prj",
                                                                        ".cpg"))
    for part in parts:
        if not part.is_file():  # a device or pipe is refused elsewhere; never opened here
            continue
        try:
            with open(part, "rb") as fh:
                fh.read(1)
        except PermissionError as exc:
            which = "" if part == path else Msg("bnd_part_of", name=path.name)
            raise BoundaryError(Msg("bnd_no_read_access", part=part, which=which)) from exc


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
        Any polygon file GDAL reads; a ``.zip`` is checked by :func:`zip_member`
        and its member read in place through ``/vsizip/`` (never extracted);
        ``.rda`` is read as a vietnam63 R data file.
    layer : str, optional
        Layer name for multi-layer files; default: the file's only layer, or
        the layer named ``communes``. In a zip holding several Shapefiles:
        the one to read (file name without ``.shp``).
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
        If the file is missing, unreadable, an unsafe or ambiguous zip archive,
        has no such layer, no geometry, no polygons, no usable CRS (a ``.prj``
        that cannot be parsed and no ``crs``), or lies
        outside Vietnam.
    """
    from . import crs as crs_mod
    from . import encoding as enc_mod

    path = Path(path)
    _check_path(path, encoding)
    if path.suffix.lower() == ".rda":
        return _read_rda(path)
    member = zip_member(path, layer) if path.suffix.lower() == ".zip" else None
    source = _gdal_path(path, member)
    layer = _choose_layer(path, source, layer)
    gdf, shapefile, report, flags = _read_layer(path, source, layer, member, encoding)
    kinds = _check_features(gdf, path, source, layer, member, shapefile, crs)
    gdf.columns = _unique_names([str(c) for c in gdf.columns])
    cp1258, legacy_given, raw_bytes = flags
    if cp1258:
        gdf = enc_mod.recode(gdf, "cp1258")
    if legacy_given and encoding is not None:
        gdf, cols = _force_legacy(gdf, encoding.lower())
    else:
        gdf, cols = enc_mod.fix_columns(gdf, raw_bytes=raw_bytes)
    report.columns = cols
    _clean_text_columns(gdf, str(path))
    if not kinds <= _POLYGON_TYPES:  # after decoding, so the features are named readably
        raise _not_polygons_error(gdf, f"{path}, layer {layer!r}", kinds)
    gdf, crs_report = crs_mod.resolve(
        gdf, str(path), crs=crs, province=province or _province_hint(gdf)
    )
    gdf.attrs["camau_gis"] = {
        "path": str(path),
        "layer": layer,
        "driver": "ESRI Shapefile" if shapefile else _driver(source, layer),
        "encoding": report.as_dict(),
        "crs": crs_report.as_dict(),
    }
    return gdf


def _check_path(path: Path, encoding: str | None) -> None:
    """Refuse a path that is not a readable boundary file, with what to give instead."""
    from .._atomic import note_input

    _check_encoding(encoding)
    note_input(path, Msg("in_boundary_file"))  # no output of this command may replace it
    _check_folder(path)
    if not path.exists():
        raise BoundaryError(Msg("bnd_not_found", path=path))
    if path.is_dir() and path.suffix.lower() in _FILE_SUFFIXES:
        raise BoundaryError(Msg("bnd_is_folder", path=path, suffix=path.suffix))
    if not path.is_file() and not path.is_dir():  # /dev/zero, a pipe: GDAL would wait forever
        raise BoundaryError(Msg("bnd_not_regular", path=path))
    _check_readable(path)  # after the device/pipe check: opening a FIFO would block
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
        raise BoundaryError(Msg("bnd_spreadsheet", path=path))
    if path.suffix.lower() == ".shp" and path.is_file():
        beside = {p.name.lower() for p in path.parent.iterdir()}
        missing = [path.stem + s for s in (".shx", ".dbf") if (path.stem + s).lower() not in beside]
        if missing:
            raise BoundaryError(Msg("bnd_shp_parts_missing", path=path, missing=", ".join(missing)))


def _read_rda(path: Path) -> gpd.GeoDataFrame:
    """Read a vietnam63 R data file (WGS 84 by format)."""
    from . import crs as crs_mod
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


def _choose_layer(path: Path, source: str, layer: str | None) -> str:
    """Return the layer to read: the one asked for, the only one, or ``communes``."""
    layers = _layers(path, source)
    if layer is None:
        if len(layers) == 1:
            layer = layers[0]
        elif "communes" in layers:
            layer = "communes"
        else:
            raise BoundaryError(Msg("bnd_many_layers", path=path, layers=str(layers)))
    elif layer not in layers:
        raise BoundaryError(Msg("bnd_no_layer", path=path, layer=layer, layers=str(layers)))

    return layer


def _read_layer(path: Path, source: str, layer: str, member: str | None,
                encoding: str | None
                ) -> tuple[gpd.GeoDataFrame, bool, EncodingReport, tuple[bool, bool, bool]]:
    """Read the layer with the right text encoding; return it, whether a Shapefile, the report.

    The last item is ``(cp1258, legacy_given, raw_bytes)``: how the text must be decoded.
    """
    import geopandas as gpd

    from . import encoding as enc_mod

    if member is not None:
        shapefile = member.lower().endswith(".shp")
        cpg = _zip_cpg(path, member) if shapefile else None
    else:
        shapefile = enc_mod.is_shapefile(path)
        cpg = enc_mod.shapefile_cpg(path) if shapefile else None
    if shapefile and (member is not None or path.suffix.lower() == ".shp"):
        from .counts import check_shapefile

        check_shapefile(path, member)  # .shp/.shx/.dbf must hold as many records
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
            gdf = gpd.read_file(source, layer=layer, engine="pyogrio", encoding=read_encoding)
        except UnicodeDecodeError:
            if encoding is not None or raw_bytes:
                raise
            # Declared UTF-8 (e.g. MapInfo "Neutral" charset) but holds legacy bytes.
            gdf = gpd.read_file(source, layer=layer, engine="pyogrio", encoding="ISO-8859-1")
            raw_bytes = True
            report.method = f"declared {report.declared or '?'} but not valid: detected per column"
    except LookupError as exc:
        raise OptionError(Msg("bnd_encoding_why", encoding=encoding, exc=exc)) from exc
    except MemoryError as exc:
        raise BoundaryError(Msg("bnd_memory", path=path, layer=layer)) from exc
    except Exception as exc:
        raise BoundaryError(Msg("bnd_unreadable", path=path, layer=layer, exc=exc)) from exc
    return gdf, bool(shapefile), report, (bool(cp1258), legacy_given, bool(raw_bytes))


def _check_features(gdf: gpd.GeoDataFrame, path: Path, source: str, layer: str,
                    member: str | None, shapefile: bool, crs: object) -> set[str]:
    """Refuse a layer without geometry, features or a parseable .prj; return its geometry types."""
    if getattr(gdf, "_geometry_column_name", None) not in gdf.columns:
        seen = ", ".join(_printable(c) for c in list(gdf.columns)[:12])
        raise BoundaryError(Msg("bnd_no_geometry_col", path=path, layer=layer, seen=seen))
    if len(gdf) == 0:
        raise BoundaryError(Msg("bnd_no_features", path=path, layer=layer))
    if not shapefile:
        from .counts import check_layer, gpkg_rows

        gpkg = path.suffix.lower() == ".gpkg" and member is None
        check_layer(f"{path}, layer {layer!r}", _declared_count(source, layer),
                    gpkg_rows(path, layer) if gpkg else None, len(gdf))
    kinds = set(gdf.geom_type.dropna())
    if not kinds:
        raise BoundaryError(Msg("bnd_no_geometry", path=path, layer=layer))
    if shapefile and gdf.crs is None and crs is None:
        prj = _unparsed_prj(path, member)
        if prj is not None:  # GDAL ignores a .prj it cannot parse: never assume WGS 84 then
            head = _printable(prj[1].strip().splitlines()[0])[:60]
            raise BoundaryError(Msg("bnd_bad_prj", prj=prj[0], head=head))
    return kinds




def _not_polygons_error(gdf: gpd.GeoDataFrame, where: str, kinds: set[str]) -> BoundaryError:
    """Name up to ten features that are not polygons: row, name (when a column has one), type."""
    from .layouts import COLUMN_CANDIDATES

    geometry = gdf.geometry.name
    lower = {str(c).lower(): c for c in gdf.columns if c != geometry}
    name_col = next((lower[c] for c in COLUMN_CANDIDATES["commune"] if c in lower), None)
    if name_col is None:  # any column called like a name
        name_col = next((c for k, c in lower.items() if "name" in k or k.startswith("ten")), None)
    types = gdf.geom_type.tolist()
    bad = [i for i, t in enumerate(types) if t is not None and t not in _POLYGON_TYPES]
    shown = []
    for i in bad[:10]:
        name = gdf[name_col].iloc[i] if name_col is not None else None
        label = f" {_printable(name)!r}" if isinstance(name, str) and name.strip() else ""
        shown.append(Msg("bnd_row", n=i + 1, label=label, kind=types[i]))
    more = Msg("bnd_more", n=len(bad) - 10) if len(bad) > 10 else ""
    return BoundaryError(Msg("bnd_not_polygons", where=where, kinds=str(sorted(kinds)),
                             bad=len(bad), total=len(gdf), shown=shown, more=more))


def _check_encoding(encoding: str | None) -> None:
    """Refuse an ``--encoding`` Python cannot decode with (TCVN3 and VNI are ours)."""
    import codecs

    if encoding is None or encoding.lower() in ("tcvn3", "vni"):
        return
    try:
        codecs.lookup(encoding)
    except LookupError as exc:
        raise OptionError(Msg("bnd_encoding", encoding=encoding)) from exc


def _printable(value: object) -> str:
    """``value`` as text with control characters replaced, for messages."""
    return "".join(c if c.isprintable() else "?" for c in str(value))


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


def _declared_count(source: str, layer: str | None) -> int:
    """Feature count the layer declares (GeoPackage: ``gpkg_ogr_contents``), -1 if unknown."""
    import pyogrio

    try:
        return int(pyogrio.read_info(source, layer=layer)["features"])
    except Exception:  # noqa: BLE001 - no count: nothing to compare
        return -1


def _driver(source: str, layer: str | None) -> str:
    import pyogrio

    try:
        return str(pyogrio.read_info(source, layer=layer).get("driver") or "")
    except Exception:
        return ""
