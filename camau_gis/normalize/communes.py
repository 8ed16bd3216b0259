"""Build the canonical commune table (see :mod:`camau_gis.schema`) from a raw boundary layer."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from .. import settings
from ..errors import BoundaryError, CodingWarning, SchemaError
from ..i18n import t
from ..io.layouts import COLUMN_CANDIDATES, LAYOUTS, detect_layout  # noqa: F401  (re-exported)
from ..schema import COMMUNE_COLUMNS, VINTAGE_2019
from ..text import (
    ascii_key,
    commune_key,
    district_key,
    full_name,
    nfc,
    split_unit_type,
    strip_district_prefix,
    unit_type_from_text,
)
from . import gso

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

#: Values of ``province`` that keep every province of a national layer.
ALL_PROVINCES = ("*", "all")


@dataclass
class ColumnMap:
    """Which source column plays which role (``None`` where absent)."""

    commune: str | None = None
    district: str | None = None
    province: str | None = None
    unit_type: str | None = None
    code: str | None = None
    seen: list[str] = field(default_factory=list)


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
            raise SchemaError(
                f"unknown column role {role!r}; use one of {sorted(COLUMN_CANDIDATES)}."
            )
        if col not in columns:
            raise SchemaError(
                f"mapped column {col!r} (for {role}) not found; columns seen: {found.seen}."
            )
        setattr(found, role, col)
    if found.commune is None and found.code is None:
        raise SchemaError(
            "no commune name or code column found; columns seen: "
            f"{found.seen}. Name one with --columns commune=COLUMN."
        )
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
            raise BoundaryError(f"no province with GSO code {key!r}.")
        key = units[0].province
    pk = gso.province_key(key)
    mask = _by_unique(raw[cols.province], gso.province_key) == pk
    if not mask.any():
        names = sorted({nfc(v) for v in raw[cols.province].dropna().unique()})
        raise BoundaryError(
            f"no feature of province {province!r} in column {cols.province!r}; "
            f"provinces present: {names[:10]}{' …' if len(names) > 10 else ''}. Give one of "
            "those with --province, or a boundary file holding that province with "
            "--boundaries (`camau-gis boundaries fetch --province NAME` writes one)."
        )
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
    names = _by_unique(raw[cols.commune], fix_eth)
    split = _by_unique(names, split_unit_type)
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
        raise BoundaryError(f"no province {province!r} in the 2019 reference table.")
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
        raise BoundaryError(
            f"no feature lies in province {province!r} (the layer has no province column, and none "
            "of its features is nearest to one of the province's communes); check --province."
        )
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
        raise BoundaryError(
            f"{source or 'boundary layer'}: has no CRS; give one with --crs (e.g. --crs EPSG:4326)."
        )
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
        raise BoundaryError(
            f"{source or 'boundaries'}: GSO codes given to more than one feature ({shown}); "
            "the file holds duplicate features or ambiguous names - remove the duplicates "
            "(see `camau-gis boundaries inspect`) or map a code column with --columns code=COLUMN."
        )
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


def _code_by_location(sub, keys, found, ref, fields) -> None:
    """Layers without districts: among same-named units of the province, take the nearest.

    The distance is from the feature's polygon to each candidate's official centre
    point (``vietnamadminunits``); it settles numbered wards (``Phường 1`` exists in
    several districts) and other names repeated within a province.
    """
    import shapely

    todo = found.index[found["gso_code"].isna()]
    taken = set(found["gso_code"].dropna())
    cand = (
        keys.loc[todo, ["pk", "ck"]]
        .reset_index()
        .merge(ref[["pk", "ck", *fields]], on=["pk", "ck"], how="inner")
    )
    cand = cand[~cand["gso_code"].isin(taken)]
    if cand.empty or sub.crs is None:
        return
    pts = gso.reference_points().reindex(cand["gso_code"])
    geoms = (
        sub.geometry
        if sub.crs.equals(settings.default_crs)
        else sub.geometry.to_crs(settings.default_crs)
    )
    cand["dist"] = shapely.distance(
        geoms.values[cand["index"].to_numpy()],
        shapely.points(pts["lon"].to_numpy(), pts["lat"].to_numpy()),
    )
    cand = cand.dropna(subset=["dist"]).sort_values("dist")
    used: set[str] = set()
    for idx, grp in cand.groupby("index", sort=False):
        for _, row in grp.iterrows():
            if row["gso_code"] not in used and row["dist"] < 0.05:  # ~5 km
                found.loc[idx, fields] = row[fields].to_numpy()
                used.add(row["gso_code"])
                break


def _by_unique(values: pd.Series, func) -> pd.Series:
    """Apply ``func`` once per distinct value (names repeat a lot in national layers)."""
    uniq = values.drop_duplicates()
    return values.map(dict(zip(uniq, map(func, uniq), strict=False)))


def fix_eth(text: object) -> str:
    """NFC text with the Icelandic eth (``Ð``/``ð``, used by GADM) replaced by ``Đ``/``đ``."""
    return nfc(text).replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")


def code_units(sub: pd.DataFrame, cols: ColumnMap, province: str) -> pd.DataFrame:
    """Give each row its 2019 GSO unit by merges on key columns (no per-row lookups).

    Order of evidence: a GSO code column (when its value is a known code), then
    the name within province and district (aliases applied; exact key, then
    without diacritics; unique answers only), then - when the layer has no
    district column - the name within the province if unique there.

    Returns
    -------
    pandas.DataFrame
        The canonical attribute columns (no geometry, no area), index of ``sub``.
    """
    import pandas as pd

    original_index = sub.index
    sub = sub.reset_index(drop=True)
    n = len(sub)
    empty = pd.Series([""] * n, index=sub.index, dtype=object)
    src = _by_unique(sub[cols.commune], fix_eth) if cols.commune else empty
    split = _by_unique(src, split_unit_type)
    utype = split.map(lambda t: t[0])
    short = split.map(lambda t: t[1])
    if cols.unit_type is not None:
        given = _by_unique(sub[cols.unit_type], unit_type_from_text)
        utype = given.where(given.notna(), utype)
    district = _by_unique(sub[cols.district], fix_eth) if cols.district else empty
    prov = _by_unique(sub[cols.province], fix_eth) if cols.province else empty + nfc(province)
    keys = pd.DataFrame(
        {
            "pk": _by_unique(prov, gso.province_key),
            "dk": _by_unique(district, district_key),
        },
        index=sub.index,
    )
    pair = pd.Series(list(zip(utype, short, strict=False)), index=sub.index)
    keys["ck"] = _by_unique(pair, lambda p: commune_key(p[0], p[1]))
    keys["lk"] = _by_unique(pair, lambda p: f"{p[0]}|{ascii_key(p[1])}")
    aliases = pd.DataFrame(list(gso.alias_rows()))
    if len(aliases):
        hits: list[pd.DataFrame] = []
        # the alias as written, then without diacritics ("Viet Khai" for Xã Việt Khái)
        for key, other in (("ck", "lk"), ("lk", "ck")):
            on = ["pk", "dk", key] if cols.district else ["pk", key]
            table = aliases.drop(columns=[other])
            if key == "lk":  # also written without its prefix ("Viet Khai")
                bare = [table.assign(lk=[f"{t}|" + k.split("|", 1)[1] for k in table["lk"]])
                        for t in ("None", "nan")]  # no unit type read: None or NaN
                table = pd.concat([table, *bare], ignore_index=True)
            if not cols.district:  # no district to tell aliases apart: those unique in the province
                table = table[~table.duplicated(on, keep=False)].drop(columns=["dk"])
            done = keys.index.isin([i for h in hits for i in h.index])
            hits.append(
                keys[~done].reset_index().merge(table, on=on, how="inner").set_index("index"))
        hit = pd.concat(hits)
        keys.loc[hit.index, "dk"] = hit["official_dk"]
        keys.loc[hit.index, "ck"] = hit["official_ck"]
        keys.loc[hit.index, "lk"] = [
            f"{t}|{ascii_key(o)}"
            for t, o in zip(hit["official_type"], hit["official"], strict=True)
        ]

    ref = gso.reference_frame()
    fields = [
        "gso_code",
        "dist_code",
        "prov_code",
        "name",
        "short_name",
        "unit_type",
        "district",
        "province",
    ]
    found = pd.DataFrame(index=sub.index, columns=fields, dtype=object)
    if cols.code is not None:
        code = _by_unique(sub[cols.code], lambda v: nfc(v).split(".")[0])
        code = code.where(code.str.isdigit(), "").str.zfill(5)
        hit = (
            pd.DataFrame({"gso_code": code}, index=sub.index)
            .reset_index()
            .merge(ref[fields], on="gso_code", how="inner")
            .set_index("index")
        )
        found.loc[hit.index, fields] = hit[fields]
    passes = [
        (["pk", "dk", "ck"], ref[ref["n_ck"] == 1]),
        (["pk", "dk", "lk"], ref[ref["n_lk"] == 1]),
    ]
    if cols.district is None:
        passes.append((["pk", "ck"], ref[ref["n_pck"] == 1]))
    for i, (on, table) in enumerate(passes):
        todo = found["gso_code"].isna()
        if not todo.any():
            break
        if i:  # weaker passes: the source key must be unique and the unit not yet taken
            todo &= ~keys.duplicated(on, keep=False)
            table = table[~table["gso_code"].isin(found["gso_code"].dropna())]
        hit = (
            keys.loc[todo, on]
            .reset_index()
            .merge(table[[*on, *fields]], on=on, how="inner")
            .set_index("index")
        )
        found.loc[hit.index, fields] = hit[fields]

    if cols.district is None and "geometry" in sub and found["gso_code"].isna().any():
        _code_by_location(sub, keys, found, ref, fields)
    out = found.copy()
    miss = out["gso_code"].isna()
    out["dist_short"] = out["district"].map(
        lambda d: strip_district_prefix(d) if isinstance(d, str) else ""
    )
    if miss.any():
        m_short = short[miss]
        m_type = utype[miss]
        shown = [f"Phường {s}" if s.isdigit() else s for s in m_short]
        out.loc[miss, "gso_code"] = ""
        out.loc[miss, "dist_code"] = ""
        out.loc[miss, "prov_code"] = ""
        out.loc[miss, "name"] = [
            full_name(t, s) if isinstance(t, str) and t else n
            for t, s, n in zip(m_type, m_short, src[miss], strict=False)
        ]
        out.loc[miss, "short_name"] = shown
        out.loc[miss, "unit_type"] = [t if isinstance(t, str) else "" for t in m_type]
        out.loc[miss, "district"] = district[miss]
        out.loc[miss, "province"] = prov[miss]
        # The district and province are often known even when the commune is not.
        dists = ref.drop_duplicates(["pk", "dk"])
        dists = dists[~dists.duplicated(["pk", "dk"], keep=False)]
        hit = (
            keys.loc[miss, ["pk", "dk"]]
            .reset_index()
            .merge(
                dists[["pk", "dk", "dist_code", "prov_code", "district", "province"]],
                on=["pk", "dk"],
                how="inner",
            )
            .set_index("index")
        )
        out.loc[hit.index, ["dist_code", "prov_code", "district", "province"]] = hit[
            ["dist_code", "prov_code", "district", "province"]
        ]
        provs = ref.drop_duplicates("pk")[["pk", "prov_code", "province"]]
        rest = miss & (out["prov_code"] == "")
        hit = (
            keys.loc[rest, ["pk"]]
            .reset_index()
            .merge(provs, on="pk", how="inner")
            .set_index("index")
        )
        out.loc[hit.index, ["prov_code", "province"]] = hit[["prov_code", "province"]]
        out.loc[miss, "dist_short"] = out.loc[miss, "district"].map(strip_district_prefix)
    out.index = original_index
    return out.astype(object)


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
