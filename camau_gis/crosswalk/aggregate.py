"""Carry an analysis of 2019 units onto the 64 units of the merged Cà Mau province (2025).

Rules (also in ``docs/admin_2025.md``):

- **Models** follow their 2019 commune. A commune that went whole into one
  2025 unit passes its models to it; a *divided* commune passes all its
  models to its official default successor (``isDefaultNewWard`` of the
  source), because a register row does not say in which part a model works.
  ``n_models`` of a 2025 unit is therefore the sum over the 2019 communes
  assigned to it, and the province total is unchanged.
- **Criterion 19** is a property of territory: a 2025 unit counts every 2019
  commune it holds all or part of. It is ``"achieved"`` only if all of them
  achieved it, ``"not_achieved"`` if any did not, else ``"no_data"``.
  ``c19_first`` is the latest first-achievement year among them.
  ``ntm_pilot`` and ``illustr`` are true if any of them is.
- **Model coverage** is also told per former commune: ``pred_in`` 2019
  communes (whole or part, inside the register's scope) formed the unit,
  ``pred_cov`` of them had a commune-level model, ``cov_share`` is the share of
  the unit's drawn area (in scope) that lay in those covered communes and
  ``pred_uncov`` names the others. A unit is ``covered`` when every one of them
  had a model (and the unit holds models), ``uncovered`` when none did and it
  holds none, else **partly covered** (categories ``partly_*``, ranked in the
  uncovered table): a 2025 unit never hides a 2019 gap.
- **Polygons** are dissolved from the 2019 polygons assigned as for models.
  No boundary is invented inside a divided commune: it is drawn whole in its
  default successor, and every 2025 unit touching a divided commune is
  flagged (``divided_parts``, ``geom_exact`` False, ``geom_note``).
"""

from __future__ import annotations

import copy
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import settings
from ..analysis.classes import OUTSIDE, category_of
from ..errors import BoundaryError, CrosswalkError, CrosswalkWarning, SchemaError
from ..schema import COMMUNE_COLUMNS, INDICATOR_COLUMNS, VINTAGE_2019, VINTAGE_2025
from .bounds import use_official
from .history import _c19, carry_state, overlay, unit_state  # noqa: F401 - _c19 kept here
from .vintage import vintage_of

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

    from ..model import Analysis, Meta

#: Province of the 2025 units.
NEW_PROVINCE = "Tỉnh Cà Mau"
#: Old provinces merged into it: GSO code -> name used by ``load_communes``.
OLD_PROVINCES = {"96": "Cà Mau", "95": "Bạc Liêu"}

#: Columns added to the 2025 commune table besides the canonical and indicator ones.
EXTRA_2025_COLUMNS: tuple[str, ...] = (
    "area_off", "off_lat", "off_lon", "n_pred", "pred_codes", "pred_names", "divided_parts",
    "geom_exact",
    "div_names", "pred_miss", "geom_note", "in_data", "pred_in", "pred_cov", "cov_share",
    "pred_uncov",
)

_TEXT = {
    "vi": {
        "approx": "Ranh giới gần đúng: gồm một phần xã bị chia {names}; "
                  "mỗi xã bị chia được vẽ nguyên trong đơn vị kế thừa mặc định.",
        "here": "vẽ ở đây", "there": "vẽ ở {name}",
        "missing": "Thiếu ranh giới cũ của mã: {names}.",
    },
    "en": {
        "approx": "Approximate boundary: holds part of divided commune(s) {names}; "
                  "each divided commune is drawn whole in its default successor.",
        "here": "drawn here", "there": "drawn in {name}",
        "missing": "Old boundaries missing for codes: {names}.",
    },
}


#: Headers of :func:`no_data_table`: column -> (vi, en).
NO_DATA_HEADERS: dict[str, tuple[str, str]] = {
    "gso_code": ("Mã đơn vị", "Unit code"),
    "name": ("Tên đơn vị", "Unit"),
    "unit_type": ("Loại đơn vị", "Unit type"),
    "pred_names": ("Đơn vị trước 01/07/2025", "Units before 1 July 2025"),
    "reason": ("Lý do", "Reason"),
}
_NO_DATA_REASON = {
    "vi": "Không có dữ liệu: ngoài phạm vi sổ theo dõi ({provs} cũ); không xếp thứ tự ưu tiên",
    "en": "No data: outside the register's coverage (former {provs}); not ranked as a gap",
}


def no_data_table(result: Analysis, lang: str | None = None) -> pd.DataFrame:
    """2025 units outside the register's coverage (``in_data`` False), with localised headers.

    These units are not priority gaps: :attr:`Analysis.uncovered` leaves them
    out and this table lists them instead (``no_data_units.csv``).

    Parameters
    ----------
    result : Analysis
        Result of :func:`to_2025`.
    lang : {"vi", "en"}, optional
        Language of headers and reasons.

    Returns
    -------
    DataFrame
        One row per unit without data, in code order; empty (headers only) if none.
    """
    import pandas as pd

    lang = lang or result.meta.get("lang") or settings.language
    k = 1 if lang == "en" else 0
    c = result.communes
    known = c["in_data"].fillna(False).astype(bool) if "in_data" in c else pd.Series(True, c.index)
    rows = c.loc[~known].sort_values("gso_code")
    provs = ", ".join(result.summary.get("crosswalk", {}).get("old_provinces_no_data") or [])
    reason = _NO_DATA_REASON.get(lang, _NO_DATA_REASON["vi"]).format(provs=provs or "?")
    out = pd.DataFrame({col: rows[col].astype(str).to_numpy() if col in rows else ""
                        for col in NO_DATA_HEADERS if col != "reason"})
    out["reason"] = reason if len(out) else pd.Series(dtype=str)
    return out.rename(columns={col: h[k] for col, h in NO_DATA_HEADERS.items()})


def load_merged_communes(
    ca_mau: str | Path | None = None,
    bac_lieu: str | Path | None = None,
) -> gpd.GeoDataFrame:
    """Load the 2019 communes of Cà Mau and Bạc Liêu as one canonical table.

    Parameters
    ----------
    ca_mau, bac_lieu : str or Path, optional
        Boundary files; default: the canonical layers written by
        ``camau-gis boundaries fetch`` and
        ``camau-gis boundaries fetch --province "Bạc Liêu"`` in
        :data:`camau_gis.settings.shapefiles_dir`.

    Returns
    -------
    GeoDataFrame
        165 rows expected (101 + 64), vintage 2019.
    """
    import pandas as pd

    parts = [_load_province("96", ca_mau), _load_province("95", bac_lieu)]
    return pd.concat(parts, ignore_index=True)


def _load_province(prov_code: str, path: str | Path | None) -> gpd.GeoDataFrame:
    """One old province's canonical table; the default layer is fetched on first use."""
    from ..boundaries import canonical_paths, fetch_boundaries, load_communes, province_slug
    from ..errors import DownloadError

    province = OLD_PROVINCES[prov_code]
    if path is not None:
        return load_communes(path, province=province)
    if prov_code == "96":
        return load_communes(None)
    path = canonical_paths(basename=f"{province_slug(province)}_communes")["gpkg"]
    if not path.exists():
        try:
            path = fetch_boundaries(province)["gpkg"]
        except DownloadError as exc:
            raise BoundaryError(
                f"{path}: no {province} boundaries for the merged 2025 province and the "
                f"download failed ({exc}); run `camau-gis boundaries fetch --province "
                f"\"{province}\"` with CAMAU_GIS_DATA_URL set, or pass the file "
                "(--bac-lieu PATH)."
            ) from exc
    import geopandas as gpd

    gdf = gpd.read_file(path, layer="communes", engine="pyogrio")
    for col in COMMUNE_COLUMNS:
        if col != "area_km2":
            gdf[col] = gdf[col].fillna("").astype(str)
    return gdf


def _no_data_rows(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Return ``gdf`` with "no data" indicators (communes outside the analysis)."""
    import pandas as pd

    out = gdf.copy()
    out["n_models"] = 0
    out["kinds"] = ""
    out["covered"] = False
    out["c19_status"] = "no_data"
    out["c19_first"] = pd.array([pd.NA] * len(out), dtype="Int64")
    out["ntm_pilot"] = False
    out["models_10k"] = 0.0
    out["dist_cov_km"] = float("nan")
    out["category"] = OUTSIDE
    out["illustr"] = False
    out["in_data"] = False
    return out


def register_provinces(result: Analysis, pcode: pd.Series, rows_2025: Any = None,
                       links: pd.DataFrame | None = None) -> set[str]:
    """GSO codes of the old provinces in which a register row (model or criterion 19) matched.

    Parameters
    ----------
    result : Analysis
        Analysis of 2019 communes; ``models``/``c19`` with ``match_code``.
    pcode : Series
        Old commune code -> old province code (the crosswalk's ``old_pcode``).

    Returns
    -------
    set of str
        Empty when no row matched at all (then no province can be told apart).
    """
    codes: set[str] = set()
    for table in (result.models, result.c19):
        if table is not None and "match_code" in getattr(table, "columns", ()):
            codes |= {str(c) for c in table["match_code"].dropna() if str(c)}
    if rows_2025 is not None and links is not None:  # 2025 rows: the predecessors' provinces
        new = {str(c) for t in (rows_2025.models, rows_2025.c19)
               for c in t["match_code"].dropna() if str(c)}
        codes |= set(links.loc[links["new_code"].isin(new), "old_code"])
    return {pcode[c] for c in codes if c in pcode.index}


def _coverage(n_models: int, pred_in: int, pred_cov: int) -> str:
    """Model coverage of a 2025 unit from its former communes (see the module docstring)."""
    if pred_cov == 0 and n_models == 0:
        return "uncovered"
    if pred_cov >= pred_in and n_models > 0:
        return "covered"
    return "partly"


def dissolve_2025(
    communes: gpd.GeoDataFrame,
    *,
    lang: str | None = None,
    _checked: tuple | None = None,
) -> gpd.GeoDataFrame:
    """Polygons of the 2025 units dissolved from 2019 communes, with their predecessors.

    Parameters
    ----------
    communes : GeoDataFrame
        2019 communes (vintage 2019) with ``gso_code``; rows whose code is not a
        2019 code of Cà Mau or Bạc Liêu are ignored (:func:`to_2025` reports them).
    lang : {"vi", "en"}, optional
        Language of ``pred_names`` and ``geom_note``.

    Returns
    -------
    GeoDataFrame
        One row per 2025 unit (64): the columns of
        :func:`~camau_gis.crosswalk.new_units_table` (``lat``/``lon`` renamed
        ``off_lat``/``off_lon``) plus ``area_km2`` (of the drawn polygon),
        ``div_names`` (divided 2019 units it holds part of), ``pred_miss``
        (predecessor codes without a polygon) and ``geom_note``. A divided
        commune's polygon is drawn whole in its default successor.
    """
    import geopandas as gpd

    from .tables import crosswalk_table, new_units_table

    lang = lang or settings.language
    txt = _TEXT.get(lang, _TEXT["vi"])
    if _checked is None:
        vint = vintage_of(communes, "communes")
        if vint != VINTAGE_2019:
            raise CrosswalkError(f"dissolve_2025: communes are of vintage {vint}, "
                                 f"expected {VINTAGE_2019}.")
        cw, units = crosswalk_table(lang), new_units_table(lang)
    else:
        cw, units = _checked
    cwi = cw.set_index("old_code")
    old = communes[communes["gso_code"].isin(cwi.index)]
    assigned = old[["geometry"]].assign(new_code=old["gso_code"].map(cwi["new_code"]).values)
    geo = gpd.GeoDataFrame(assigned, geometry="geometry", crs=communes.crs).dissolve(
        by="new_code")
    new = units.rename(columns={"lat": "off_lat", "lon": "off_lon"}).set_index("gso_code")
    new = new.join(geo, how="left")
    new = gpd.GeoDataFrame(new, geometry="geometry", crs=communes.crs).reset_index()
    new["geometry"] = new["geometry"].make_valid()
    new["area_km2"] = new.to_crs(settings.metric_crs).area / 1e6
    present = set(old["gso_code"])
    div = cw[cw["relation"] == "divided"]
    div_names, missing, notes = [], [], []
    for code, preds in zip(new["gso_code"], new["pred_codes"], strict=True):
        parts = div[div["new_codes"].str.split("; ").map(lambda c, code=code: code in c)]
        names = "; ".join(f"{n} ({d})" for n, d in
                          zip(parts["old_name"], parts["old_dist"], strict=True))
        where = ", ".join(
            f"{n} ({txt['here'] if dflt == code else txt['there'].format(name=dn)})"
            for n, dflt, dn in zip(parts["old_name"], parts["new_code"], parts["new_name"],
                                   strict=True))
        miss = "; ".join(p for p in preds.split("; ") if p not in present)
        note = []
        if names:
            note.append(txt["approx"].format(names=where))
        if miss:
            note.append(txt["missing"].format(names=miss))
        div_names.append(names)
        missing.append(miss)
        notes.append(" ".join(note))
    new["div_names"] = div_names
    new["pred_miss"] = missing
    new["geom_note"] = notes
    new.attrs["vintage"] = VINTAGE_2025
    return new


def to_2025(
    result: Analysis,
    *,
    bac_lieu: str | Path | None = None,
    lang: str | None = None,
    rows_2025: Any = None,
    official: gpd.GeoDataFrame | None = None,
) -> Analysis:
    """Re-aggregate an analysis of 2019 communes onto the 64 units of 2025.

    Parameters
    ----------
    result : Analysis
        Analysis whose ``communes`` are of vintage 2019 (Cà Mau, optionally
        with Bạc Liêu). Old units of a province missing from it are loaded
        (:func:`load_merged_communes`) and shown as "no data".
    bac_lieu : str or Path, optional
        Bạc Liêu boundary file used when ``result`` lacks Bạc Liêu.
    lang : {"vi", "en"}, optional
        Language of notes and reasons; default ``result.meta["lang"]`` or
        :data:`camau_gis.settings.language`.
    rows_2025 : MatchedRegister, optional
        Register rows written in 2025 units (``match_code`` in 2025 codes,
        other rows ``""``; :func:`camau_gis.crosswalk.history.split_rows`):
        added to what the 2019 rows carry (:func:`~camau_gis.crosswalk.history.overlay`).
    official : GeoDataFrame, optional
        Official 2025 polygons (``gso_code``, ``name``, geometry;
        :func:`camau_gis.crosswalk.bounds.read_2025_boundaries`) drawn instead
        of the dissolve.

    Returns
    -------
    Analysis
        ``communes`` = the 64 units (vintage 2025, codes and official names
        of 2025) with :data:`~camau_gis.schema.INDICATOR_COLUMNS` and
        :data:`EXTRA_2025_COLUMNS`; ``models``/``c19`` with ``match_code``
        in 2025 codes and ``match_2019`` keeping the old one; the 2019
        tables under ``extra["vintage_2019"]``; the crosswalk under
        ``extra["crosswalk"]``.

    Raises
    ------
    CrosswalkError
        If ``result.communes`` is not of vintage 2019, or a 2019 code appears twice.
    SchemaError
        If ``result.communes`` lacks an indicator column.
    """
    import geopandas as gpd
    import pandas as pd

    from .tables import crosswalk_table, links_table, new_units_table

    lang = lang or result.meta.get("lang") or settings.language
    old_in = result.communes
    need = ["gso_code", "geometry", "n_models", "kinds", "c19_status", "c19_first",
            "ntm_pilot", "illustr"]
    missing = [c for c in need if c not in old_in.columns]
    if missing:
        raise SchemaError(
            f"to_2025: the analysis communes lack {missing} (columns seen: "
            f"{list(old_in.columns)}); pass the result of camau_gis.analyze().")
    vint = vintage_of(old_in, "analysis communes")
    if vint != VINTAGE_2019:
        raise CrosswalkError(
            f"to_2025: the analysis communes are of vintage {vint}, expected {VINTAGE_2019}; "
            "only 2019-era results can be carried to the 2025 units."
        )
    cw = crosswalk_table(lang)
    links = links_table()
    units = new_units_table(lang)
    known = set(cw["old_code"])

    old = old_in.copy()
    old["in_data"] = True
    pcode = cw.set_index("old_code")["old_pcode"]
    present_provs = set(old["gso_code"].map(pcode).dropna())
    for prov_code in ("96", "95"):
        if prov_code not in present_provs:
            extra_old = _load_province(prov_code, bac_lieu if prov_code == "95" else None)
            extra_old = extra_old.to_crs(old.crs) if old.crs else extra_old
            old = pd.concat([old, _no_data_rows(extra_old)], ignore_index=True)
    old = gpd.GeoDataFrame(old, geometry="geometry", crs=old_in.crs or "EPSG:4326")
    old["in_data"] = old["in_data"].fillna(False).astype(bool)
    # An old province analysed but without a single register row (model or criterion
    # 19) while another has some is outside the register's coverage: "no data".
    with_rows = register_provinces(result, pcode, rows_2025, links)
    prov_of = old["gso_code"].map(pcode)
    outside = old["in_data"] & prov_of.notna() & ~prov_of.isin(with_rows)
    if with_rows and outside.any():
        old = pd.concat([old[~outside], _no_data_rows(old[outside])])
        old = gpd.GeoDataFrame(old.sort_index(), geometry="geometry", crs=old.crs)

    # Rows that cannot be carried: uncoded, unknown, or duplicated codes.
    unplaced_mask = ~old["gso_code"].isin(known)
    unplaced = old.loc[unplaced_mask, ["gso_code", "name", "district", "province"]].copy()
    dup = old.loc[~unplaced_mask & old["gso_code"].duplicated(keep=False), "gso_code"]
    if len(dup):
        raise CrosswalkError(
            "to_2025: 2019 codes appear on several boundary rows: "
            f"{sorted(set(dup))}; each commune must appear once."
        )
    if len(unplaced):
        from ..i18n import t

        listed = "; ".join(t("cw_unplaced_item", None).format(
            name=r.name, district=r.district, code=r.gso_code or "∅")
            for r in unplaced.head(10).itertuples())
        if len(unplaced) > 10:
            listed += t("cw_unplaced_more", None).format(n=len(unplaced) - 10)
        warnings.warn(
            t("cw_warn_unplaced", None).format(n=len(unplaced), listed=listed),
            CrosswalkWarning, stacklevel=2,
        )
    old = old[~unplaced_mask].copy()
    cwi = cw.set_index("old_code")
    old["new_code"] = old["gso_code"].map(cwi["new_code"])
    old["relation"] = old["gso_code"].map(cwi["relation"])
    old["new_name"] = old["gso_code"].map(cwi["new_name"])
    old["new_names"] = old["gso_code"].map(cwi["new_names"])

    # Models follow the default successor, criterion 19 follows territory
    # (history.carry_state); rows written in 2025 units add to that (history.overlay).
    state = carry_state(old, links)
    own_models = None
    if rows_2025 is not None:
        own = unit_state(list(state.index), rows_2025, result.year)
        state = overlay(state, own)
        own_models = own["n_models"].fillna(0)
    pred = _predecessor_coverage(old, links)

    new = dissolve_2025(old, lang=lang, _checked=(cw, units))
    new["dist_code"] = ""
    new["district"] = ""
    new["dist_short"] = ""
    new["vintage"] = VINTAGE_2025
    if official is not None:
        new = use_official(new, official, lang)
    new["n_models"] = new["gso_code"].map(state["n_models"]).fillna(0).astype("int64")
    new["kinds"] = new["gso_code"].map(state["kinds"]).fillna("")
    for col in ("c19_status", "c19_first", "ntm_pilot", "illustr", "in_data"):
        new[col] = new["gso_code"].map(state[col])
    for col in ("pred_in", "pred_cov"):
        new[col] = new["gso_code"].map(pred[col]).fillna(0).astype("int64")
    new["pred_uncov"] = new["gso_code"].map(pred["pred_uncov"]).fillna("").astype(str)
    new["cov_share"] = new["gso_code"].map(_covered_area_share(old)).fillna(0.0).round(4)
    # a unit with a model of its own (a row written in 2025 units) is covered
    own_n = (new["gso_code"].map(own_models).fillna(0) if own_models is not None
             else pd.Series(0, index=new.index))
    new["c19_first"] = new["c19_first"].astype("Int64")
    new["covered"] = new["n_models"] > 0
    with_area = new["area_km2"].where(new["area_km2"] > 0)
    new["models_10k"] = (new["n_models"] / with_area * 10).fillna(0.0)
    new["category"] = [
        category_of("covered" if own > 0 else _coverage(int(n), int(pi), int(pc)), str(st),
                    bool(k))
        for n, pi, pc, st, k, own in zip(new["n_models"], new["pred_in"], new["pred_cov"],
                                         new["c19_status"], new["in_data"].fillna(False), own_n,
                                         strict=True)]
    new = new.sort_values("gso_code").reset_index(drop=True)
    new, uncovered, districts, spatial = _derive(new, result, lang)
    new.attrs["vintage"] = VINTAGE_2025
    return _assemble(result, old, new, uncovered, districts, spatial, cw, links, unplaced)


def _predecessor_coverage(old: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """Count the former communes of each 2025 unit that are in scope and have a model.

    New code -> ``pred_in``, ``pred_cov`` (former communes in scope, with a model) and
    ``pred_uncov`` (those without one, "name (district)").
    """
    import pandas as pd

    by_old = old.set_index("gso_code")
    rows: dict[str, dict[str, Any]] = {}
    for code, lk in links.groupby("new_code"):
        have = [c for c in lk["old_code"] if c in by_old.index]
        sub = by_old.loc[have] if have else by_old.iloc[0:0]
        in_data = sub[sub["in_data"].fillna(False).astype(bool)]
        cov_flags = pd.to_numeric(in_data["n_models"], errors="coerce").fillna(0) > 0
        uncov = in_data[~cov_flags.to_numpy()]
        rows[str(code)] = {
            "pred_in": int(len(in_data)),
            "pred_cov": int(cov_flags.sum()),
            "pred_uncov": "; ".join(f"{n} ({d})" for n, d in
                                    zip(uncov["name"], uncov["district"], strict=True)),
        }
    return pd.DataFrame.from_dict(rows, orient="index",
                                  columns=["pred_in", "pred_cov", "pred_uncov"])


def _covered_area_share(old: pd.DataFrame) -> pd.Series:
    """Return new code -> share of its in-scope area (2019 polygons) in covered communes."""
    import pandas as pd

    inside = old[old["in_data"].fillna(False).astype(bool)]
    area = pd.to_numeric(inside["area_km2"], errors="coerce").fillna(0.0)
    covered = pd.to_numeric(inside["n_models"], errors="coerce").fillna(0) > 0
    total = area.groupby(inside["new_code"]).sum()
    part = area.where(covered, 0.0).groupby(inside["new_code"]).sum()
    return (part / total.where(total > 0)).fillna(0.0)


def _derive(new: gpd.GeoDataFrame, result: Analysis, lang: str) -> tuple:
    """Distance, neighbours, clusters, LISA, ranked gaps and totals, as the analysis does."""
    import pandas as pd

    from ..analysis import neighbours as nb
    from ..analysis.coverage import distance_to_covered, rank_uncovered, vi_sort_rank
    from ..analysis.districts import district_summary

    tolerance = float(result.meta.get("tolerance_m", nb.TOLERANCE_M))
    permutations = int(result.meta.get("permutations", 999))
    new["models_10k"] = new["models_10k"].round(4)
    new["dist_cov_km"] = distance_to_covered(new, new["covered"])
    new = new[[*COMMUNE_COLUMNS, *INDICATOR_COLUMNS, *EXTRA_2025_COLUMNS, "geometry"]].copy()
    pairs = nb.adjacency(new, tolerance_m=tolerance)
    order = pd.Series(vi_sort_rank(new["name"]), index=new.index)
    rank_of = pd.Series(range(len(new)), index=order.sort_values(kind="stable").index
                        ).reindex(new.index)
    # Units outside the register's coverage are neither gaps nor covered: they are
    # never isolated, belong to no gap cluster and stay out of Moran's I and LISA.
    in_data = new["in_data"].to_numpy(dtype=bool)
    new.loc[~in_data, "dist_cov_km"] = float("nan")
    gaps, moran, lisa = nb.gap_structure(new, pairs, rank_of, in_data=new["in_data"],
                                         permutations=permutations)
    for col in gaps.columns:
        new[col] = gaps[col]
    uncovered = rank_uncovered(new[in_data], lang)
    new = new.rename(columns={"cluster_size": "clus_size"})
    new = new[[c for c in new.columns if c != "geometry"] + ["geometry"]]
    districts = district_summary(new)
    districts = districts[districts["is_total"]].reset_index(drop=True)
    # the total counts gaps and the share among the units the register covers
    n_known = int(in_data.sum())
    districts["n_uncovered"] = n_known - districts["n_covered"]
    for col, num, digits in (("covered_share", "n_covered", 4), ("c19_share", "n_c19", 4),
                             ("models_per", "n_models", 3)):
        districts[col] = (districts[num] / n_known).round(digits) if n_known else float("nan")
    area_known = float(new.loc[in_data, "area_km2"].sum())
    districts["models_10k"] = round(int(districts["n_models"].iloc[0]) / area_known * 10, 4
                                    ) if area_known > 0 else float("nan")
    spatial = {
        "variable": "covered",
        "neighbours": {"rule": "queen, polygons within tolerance", "tolerance_m": tolerance,
                       "crs": settings.metric_crs, "pairs": int(len(pairs))},
        "moran": moran,
        "lisa": {t: int(lisa["cluster_type"].eq(t).sum()) for t in ("HH", "LL", "HL", "LH", "ns")},
        "adjacency": pairs.drop(columns=["i", "j"]),
        "lisa_table": lisa,
    }
    return new, uncovered, districts, spatial


def _assemble(result, old, new, uncovered, districts, spatial, cw, links, unplaced
              ) -> Analysis:
    from ..analysis.coverage import province_summary
    from ..analysis.result import Analysis
    from ._source import source_text

    default = cw.set_index("old_code")["new_code"]
    divided = set(cw.loc[cw["relation"] == "divided", "old_code"])

    def remap(df: pd.DataFrame) -> pd.DataFrame:
        out = df.copy()
        if "match_code" in out.columns:
            codes = out["match_code"].fillna("").astype(str)
            out["match_2019"] = codes
            out["match_code"] = codes.map(default).fillna("")
            out["match_div"] = codes.isin(divided)
        out.attrs["vintage"] = VINTAGE_2025
        return out

    import pandas as pd

    n_old = int(pd.to_numeric(result.communes["n_models"], errors="coerce").fillna(0).sum())
    n_new = int(new["n_models"].sum())
    cross = {
        "source": source_text(),
        "old_units": int(len(cw)), "new_units": int(len(new)),
        "old_units_in_data": int(old["in_data"].sum()),
        "old_provinces_no_data": [
            OLD_PROVINCES[p] for p in sorted(set(cw["old_pcode"]))
            if p in OLD_PROVINCES and not old.loc[old["gso_code"].map(
                cw.set_index("old_code")["old_pcode"]).eq(p), "in_data"].any()],
        "divided": [f"{r.old_name} ({r.old_dist}, {r.old_code}) → {r.new_names}"
                    for r in cw[cw["relation"] == "divided"].itertuples()],
        "unplaced": [f"{r.name} ({r.district}) code {r.gso_code or '∅'}"
                     for r in unplaced.itertuples()],
        "rule_models": "models of a divided 2019 commune go to its official default successor",
        "rule_c19": "achieved only if every 2019 commune (whole or part) in the unit achieved "
                    "it; not_achieved if any did not; otherwise no_data",
        "rule_geometry": "dissolved from 2019 polygons; a divided commune is drawn whole in "
                         "its default successor (geom_exact = False)",
        "models_2019": n_old, "models_2025": n_new, "models_reconciled": n_old == n_new,
    }
    summary = copy.deepcopy({k: v for k, v in result.summary.items()
                             if k not in ("province", "spatial", "vintage")})
    summary.update({
        "vintage": VINTAGE_2025, "admin": VINTAGE_2025,
        "province": province_summary(new, uncovered),
        "spatial": {k: v for k, v in spatial.items() if k not in ("adjacency", "lisa_table")},
        "crosswalk": cross,
        "vintage_2019": {k: copy.deepcopy(result.summary.get(k))
                         for k in ("province", "spatial", "vintage")},
    })
    summary["province"]["districts"] = 0
    meta: Meta = {**result.meta, "admin": VINTAGE_2025, "vintage": VINTAGE_2025,
            "crosswalk": source_text(), "province": NEW_PROVINCE}
    extra = {
        "adjacency": spatial["adjacency"],
        "lisa": spatial["lisa_table"],
        "moran": spatial["moran"],
        "vintage_2019": {
            "communes": old, "uncovered": result.uncovered, "districts": result.districts,
            "extra": result.extra,
        },
        "crosswalk": cw,
        "links": links,
        "unplaced": unplaced.reset_index(drop=True),
    }
    for key in ("years",):
        if key in result.extra:
            extra[key] = result.extra[key]
    return Analysis(
        communes=new, models=remap(result.models), c19=remap(result.c19),
        uncovered=uncovered, districts=districts, match_report=result.match_report,
        summary=summary, year=result.year, illustrative=result.illustrative,
        meta=meta, extra=extra,
    )
