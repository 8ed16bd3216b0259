"""Build the canonical commune table (see :mod:`camau_gis.schema`) from a raw boundary layer."""

from __future__ import annotations

import warnings
from functools import lru_cache
from typing import TYPE_CHECKING

from .. import settings
from ..errors import BoundaryError, CodingWarning, SchemaError
from ..i18n import Msg, t
from ..io.layouts import COLUMN_CANDIDATES, LAYOUTS, detect_layout  # noqa: F401  (re-exported)
from ..schema import COMMUNE_COLUMNS, VINTAGE_2019
from ..text import (
    ascii_key,
    commune_key,
    nfc,
    split_unit_type,
)
from . import gso
from .coding import ColumnMap, by_unique, code_units, fix_eth  # noqa: F401  (re-exported)

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

#: Values of ``province`` that keep every province of a national layer.
ALL_PROVINCES = ("*", "all")


def detect_columns(columns: list[str], mapping: dict[str, str] | None = None) -> ColumnMap:
    """Find the name, district, province, type and code columns of a boundary layer.

    Parameters
    ----------
    columns : list of str
        The layer's column names.
    mapping : dict, optional
        Explicit ``{role: column}`` that overrides detection; roles are
        ``commune``, ``district``, ``province``, ``unit_type``, ``code``.

    Raises
    ------
    SchemaError
        If neither a commune name nor a code column is found, or a mapped
        column does not exist; the message lists the columns seen.
    """
    lower = {c.lower(): c for c in columns if c != "geometry"}
    found = ColumnMap(seen=[c for c in columns if c != "geometry"])
    for role, candidates in COLUMN_CANDIDATES.items():
        for cand in candidates:
            if cand in lower:
                setattr(found, role, lower[cand])
                break
    for role, col in (mapping or {}).items():
        if role not in COLUMN_CANDIDATES:
            raise SchemaError(Msg("com_role_unknown", role=role,
                                  roles=str(sorted(COLUMN_CANDIDATES))))
        if col not in columns:
            raise SchemaError(Msg("com_mapped_missing", col=col, role=role, seen=str(found.seen)))
        setattr(found, role, col)
    if found.commune is None and found.code is None:
        raise SchemaError(Msg("com_no_name_col", seen=str(found.seen)))
    return found


def select_province(raw: gpd.GeoDataFrame, province: str, cols: ColumnMap) -> gpd.GeoDataFrame:
    """Keep the rows of one province (name with or without diacritics/prefix, or GSO code).

    ``"*"`` or ``"all"`` keeps every row (a national layer).
    """
    if str(province).strip().lower() in ALL_PROVINCES:
        return raw
    if cols.province is None:
        return _select_by_location(raw, province, cols)
    key = str(province).strip()
    if key.isdigit():
        units = gso.units_in_province(key)
        if not units:
            raise BoundaryError(Msg("com_no_gso_province", key=key))
        key = units[0].province
    pk = gso.province_key(key)
    mask = by_unique(raw[cols.province], gso.province_key) == pk
    if not mask.any():
        names = sorted({nfc(v) for v in raw[cols.province].dropna().unique()})
        raise BoundaryError(Msg("com_province_absent", province=province, col=cols.province,
                                names=str(names[:10]), more=" …" if len(names) > 10 else ""))
    return raw.loc[mask]


#: A layer without a province column is cut to the province only when less than
#: this share of its features lies in the province (else it is taken as provincial).
PROVINCIAL_SHARE = 0.8


def nearest_province(raw: gpd.GeoDataFrame) -> pd.Series:
    """2-digit province code of each feature, from the nearest official commune centre point.

    Features without a shape get ``""`` (kept by :func:`_select_by_location`, reported later).
    """
    import numpy as np
    import pandas as pd
    import shapely

    ref = gso.reference_frame().drop_duplicates("gso_code").set_index("gso_code")
    pts = gso.reference_points().join(ref["prov_code"], how="inner").dropna()
    tree_pts = shapely.points(pts["lon"].to_numpy(), pts["lat"].to_numpy())
    tree = shapely.STRtree(tree_pts)
    geoms = (
        raw.geometry
        if raw.crs is None or raw.crs.equals(settings.default_crs)
        else raw.geometry.to_crs(settings.default_crs)
    )
    codes = pts["prov_code"].to_numpy()
    centre = shapely.point_on_surface(geoms.values)
    placed = ~(shapely.is_missing(centre) | shapely.is_empty(centre))  # no shape: code ""
    out = np.full(len(centre), "", dtype=object)
    out[placed] = codes[tree.nearest(centre[placed])]
    # Prefer the province of the official points inside the polygon (majority vote).
    feat, pt = tree.query(geoms.values, predicate="contains")
    if len(feat):
        votes = pd.DataFrame({"f": feat, "p": codes[pt]}).value_counts().reset_index()
        best = votes.sort_values("count", ascending=False).drop_duplicates("f")
        out[best["f"].to_numpy()] = best["p"].to_numpy()
    return pd.Series(out, index=raw.index)


def _fix_by_name(raw, voted, cols) -> pd.Series:
    """Move a border feature to a neighbouring province when only that one has its name."""
    import shapely

    ref = gso.reference_frame()
    names = by_unique(raw[cols.commune], fix_eth)
    split = by_unique(names, split_unit_type)
    ck = [commune_key(t, s_) for t, s_ in split]
    have = set(zip(ref["prov_code"], ref["ck"], strict=False))
    bad = [i for i, (p, k) in enumerate(zip(voted, ck, strict=False)) if (p, k) not in have]
    if not bad:
        return voted
    pts = (
        gso.reference_points()
        .join(ref.drop_duplicates("gso_code").set_index("gso_code")["prov_code"], how="inner")
        .dropna()
    )
    tree = shapely.STRtree(shapely.points(pts["lon"].to_numpy(), pts["lat"].to_numpy()))
    geoms = (
        raw.geometry
        if raw.crs.equals(settings.default_crs)
        else raw.geometry.to_crs(settings.default_crs)
    )
    out = voted.copy()
    codes = pts["prov_code"].to_numpy()
    for i in bad:
        near = {codes[j] for j in tree.query(geoms.values[i], predicate="dwithin", distance=0.15)}
        fits = [p for p in near if (p, ck[i]) in have]
        if len(fits) == 1:
            out.iloc[i] = fits[0]
    return out


def _select_by_location(
    raw: gpd.GeoDataFrame, province: str, cols: ColumnMap | None = None
) -> gpd.GeoDataFrame:
    """Cut a layer without a province column (geoBoundaries) to one province, by location.

    A layer that lies mostly (:data:`PROVINCIAL_SHARE`) in the province is kept
    whole, so border communes of a provincial file are never lost.
    """
    units = gso.units_in_province(province)
    if not units:
        raise BoundaryError(Msg("com_province_2019", province=province))
    if raw.crs is None:
        return raw
    code = units[0].prov_code
    voted = nearest_province(raw)
    if cols is not None and cols.commune is not None:
        voted = _fix_by_name(raw, voted, cols)
    mine = (voted == code) | (voted == "")  # a feature without a shape is reported, not dropped
    if mine.mean() >= PROVINCIAL_SHARE:
        return raw
    if not mine.any():
        raise BoundaryError(Msg("com_province_nearest", province=province))
    return raw.loc[mine]


def to_canonical(
    raw: gpd.GeoDataFrame,
    *,
    province: str | None = None,
    columns: dict[str, str] | None = None,
    source: str = "",
) -> gpd.GeoDataFrame:
    """Return the canonical commune table for one province of a raw boundary layer.

    Parameters
    ----------
    raw : GeoDataFrame
        A boundary layer as read by :func:`camau_gis.io.boundaries.read_polygons`.
    province : str, optional
        Province name or GSO code; default :data:`camau_gis.settings.province`;
        ``"*"`` keeps every province. Ignored when the layer has no province column.
    columns : dict, optional
        Explicit column mapping, see :func:`detect_columns`.
    source : str
        Name of the source, for messages.

    Returns
    -------
    GeoDataFrame
        Columns of :data:`camau_gis.schema.COMMUNE_COLUMNS`, EPSG:4326, sorted
        by GSO code. Units that cannot be coded keep ``gso_code == ""`` and
        raise a :class:`CodingWarning` naming them.
    """
    out, _ = build_table(raw, province=province, columns=columns, source=source)
    return out


def build_table(raw, *, province, columns, source):
    """:func:`to_canonical` that also returns the source rows aligned with the output."""
    import geopandas as gpd

    from ..errors import GeometryWarning
    from .topology import repair

    province = province or settings.province
    cols = detect_columns(list(raw.columns), columns)
    sub = select_province(raw, province, cols)
    if sub.crs is None:
        raise BoundaryError(Msg("com_no_crs", source=source or Msg("geo_boundaries")))
    wgs = sub if sub.crs.equals(settings.default_crs) else sub.to_crs(settings.default_crs)
    table = code_units(sub, cols, province)
    pairs = zip(table["name"], table["district"], strict=True)
    labels = [f"{n} ({d})" if d else n for n, d in pairs]
    geoms, repaired = repair(wgs.geometry, labels, source)
    if repaired:
        warnings.warn(
            t("geo_warn_repaired", None).format(
                source=source or t("geo_boundaries", None), n=len(repaired),
                items="; ".join(f"{p.features[0]}: {p.detail}" for p in repaired)),
            GeometryWarning,
            stacklevel=3,
        )
    out = gpd.GeoDataFrame(table, geometry=geoms.values, crs=settings.default_crs)
    out["area_km2"] = out.geometry.to_crs(settings.metric_crs).area / 1e6
    out["vintage"] = VINTAGE_2019
    out = out[[*COMMUNE_COLUMNS, "geometry"]]
    uncoded = out[out["gso_code"] == ""]
    if len(uncoded):
        names = ", ".join(
            f"{n} ({d})"
            for n, d in zip(uncoded["name"][:50], uncoded["district"][:50], strict=True)
        )
        more = t("geo_more", None).format(n=len(uncoded) - 50) if len(uncoded) > 50 else ""
        warnings.warn(
            t("geo_warn_uncoded", None).format(source=source or t("geo_boundaries", None),
                                               n=len(uncoded), names=names, more=more),
            CodingWarning,
            stacklevel=3,
        )
    coded = out["gso_code"] != ""
    dup = out.loc[coded & out["gso_code"].duplicated(keep=False)]
    if len(dup):
        shown = "; ".join(
            f"{c}: {', '.join(g['name'] + ' (' + g['district'] + ')')}"
            for c, g in dup.groupby("gso_code")
        )
        raise BoundaryError(Msg("com_dup_codes", source=source or Msg("geo_boundaries"),
                                shown=shown))
    order = (out["gso_code"].where(coded, "~") + "|" + out["name"].map(ascii_key)).to_numpy()
    pos = order.argsort(kind="stable")
    out = out.iloc[pos].reset_index(drop=True)
    out.attrs = {
        "camau_gis": {
            **raw.attrs.get("camau_gis", {}),
            "layout": detect_layout(list(raw.columns)),
            "columns": {k: v for k, v in cols.__dict__.items() if k != "seen"},
            "repaired": [p.as_dict() for p in repaired],
        }
    }
    return out, sub.iloc[pos]


def uncoded(communes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Rows of a canonical table that carry no GSO code."""
    return communes[communes["gso_code"] == ""]


def load_canonical(
    path,
    *,
    province: str | None = None,
    layer: str | None = None,
    columns: dict[str, str] | None = None,
    crs: object = None,
    encoding: str | None = None,
    check_position: bool = True,
    cache: bool = True,
) -> gpd.GeoDataFrame:
    """Read any boundary file and return its canonical commune table, with every check.

    Reading decodes text (:mod:`camau_gis.io.encoding`) and settles the CRS
    (:mod:`camau_gis.io.crs`); building codes the units and repairs invalid
    polygons; finally the position of coded communes is checked against their
    official centre points (:func:`camau_gis.normalize.topology.position_check`).

    Parameters
    ----------
    path : str or Path
        Boundary file (Shapefile, ``.zip``, GeoPackage, GeoJSON, ``.rda``).
    province, layer, columns :
        As for :func:`to_canonical` and :func:`camau_gis.io.boundaries.read_polygons`.
    crs : optional
        CRS override (``--crs``).
    encoding : str, optional
        Text encoding override for a Shapefile's DBF.
    check_position : bool
        Refuse layers that sit kilometres from the official positions.
    cache : bool
        Reuse the table built last time from the same file bytes, arguments,
        settings and code (:mod:`camau_gis.normalize._canonical_cache`, in
        ``settings.shapefiles_dir / "cache"``); its warnings are raised again.

    Returns
    -------
    GeoDataFrame
        The canonical table; ``attrs["camau_gis"]`` holds what was detected.
    """
    from ._canonical_cache import cached_canonical

    def build() -> gpd.GeoDataFrame:
        from ..io.boundaries import read_polygons
        from .topology import position_check

        raw = read_polygons(path, layer=layer, crs=crs, encoding=encoding, province=province)
        out, sub = build_table(raw, province=province, columns=columns, source=str(path))
        if check_position:
            position_check(out, str(path), raw=sub)
            _warn_datum_offset(out, path, province)
        return out

    params = {"province": province, "layer": layer, "columns": columns, "crs": crs,
              "encoding": encoding, "check_position": check_position}
    return cached_canonical(path, params, build, cache=cache)


def _warn_datum_offset(out: gpd.GeoDataFrame, path, province: str | None) -> None:
    """With ``CAMAU_GIS_REFERENCE`` set, warn when the layer shows the VN-2000 shift."""
    from pathlib import Path

    from ..errors import GeometryWarning
    from .topology import datum_offset

    ref_path = settings.reference_path()
    if (
        not ref_path
        or not Path(ref_path).exists()
        or Path(ref_path).resolve() == Path(path).resolve()
    ):
        return
    off = datum_offset(
        out, _reference(str(Path(ref_path).resolve()), province or settings.province)
    )
    if off and off["looks_vn2000"]:
        warnings.warn(
            t("geo_warn_offset", None).format(path=path, dx=off["dx_m"], dy=off["dy_m"],
                                              ref=ref_path),
            GeometryWarning,
            stacklevel=3,
        )


@lru_cache(maxsize=4)
def _reference(path: str, province: str) -> gpd.GeoDataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_canonical(path, province=province, check_position=False)
