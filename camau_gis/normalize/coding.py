"""Give each row of a boundary layer its 2019 GSO unit (code, official names) by key merges.

Order of evidence: a GSO code column (when its value is a known code), then the
name within province and district (aliases of ``name_aliases.csv`` applied; exact
key, then without diacritics; unique answers only), then - when the layer has no
district column - the name within the province if unique there, and last the
nearest same-named unit by location.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import settings
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
    import pandas as pd

@dataclass
class ColumnMap:
    """Which source column plays which role (``None`` where absent)."""

    commune: str | None = None
    district: str | None = None
    province: str | None = None
    unit_type: str | None = None
    code: str | None = None
    seen: list[str] = field(default_factory=list)


#: Reference fields a matched row receives.
FIELDS: tuple[str, ...] = ("gso_code", "dist_code", "prov_code", "name", "short_name",
                           "unit_type", "district", "province")


def by_unique(values: pd.Series, func) -> pd.Series:
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
    src = by_unique(sub[cols.commune], fix_eth) if cols.commune else empty
    split = by_unique(src, split_unit_type)
    utype = split.map(lambda t: t[0])
    short = split.map(lambda t: t[1])
    if cols.unit_type is not None:
        given = by_unique(sub[cols.unit_type], unit_type_from_text)
        utype = given.where(given.notna(), utype)
    district = by_unique(sub[cols.district], fix_eth) if cols.district else empty
    prov = by_unique(sub[cols.province], fix_eth) if cols.province else empty + nfc(province)
    keys = pd.DataFrame(
        {
            "pk": by_unique(prov, gso.province_key),
            "dk": by_unique(district, district_key),
        },
        index=sub.index,
    )
    pair = pd.Series(list(zip(utype, short, strict=False)), index=sub.index)
    keys["ck"] = by_unique(pair, lambda p: commune_key(p[0], p[1]))
    keys["lk"] = by_unique(pair, lambda p: f"{p[0]}|{ascii_key(p[1])}")
    _apply_aliases(keys, cols)
    ref = gso.reference_frame()
    found = _match(sub, keys, cols, ref)
    if cols.district is None and "geometry" in sub and found["gso_code"].isna().any():
        _code_by_location(sub, keys, found, ref, list(FIELDS))
    out = found.copy()
    miss = out["gso_code"].isna()
    out["dist_short"] = out["district"].map(
        lambda d: strip_district_prefix(d) if isinstance(d, str) else ""
    )
    if miss.any():
        _describe_unmatched(out, miss, keys, ref, src=src, utype=utype, short=short,
                            district=district, prov=prov)
    out.index = original_index
    return out.astype(object)


def _apply_aliases(keys: pd.DataFrame, cols: ColumnMap) -> None:
    """Replace the keys of aliased names (``name_aliases.csv``) by their official keys, in place."""
    import pandas as pd

    aliases = pd.DataFrame(list(gso.alias_rows()))
    if not len(aliases):
        return
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


def _match(sub: pd.DataFrame, keys: pd.DataFrame, cols: ColumnMap, ref: pd.DataFrame
           ) -> pd.DataFrame:
    """Find each row's reference fields (:data:`FIELDS`) by code, then by name keys."""
    import pandas as pd

    fields = list(FIELDS)
    found = pd.DataFrame(index=sub.index, columns=fields, dtype=object)
    if cols.code is not None:
        code = by_unique(sub[cols.code], lambda v: nfc(v).split(".")[0])
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

    return found


def _describe_unmatched(out: pd.DataFrame, miss: pd.Series, keys: pd.DataFrame,
                        ref: pd.DataFrame, *, src: pd.Series, utype: pd.Series,
                        short: pd.Series, district: pd.Series, prov: pd.Series) -> None:
    """Rows without a unit keep their own names; district and province where known (in place)."""
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
