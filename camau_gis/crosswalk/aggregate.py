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
from ..analysis.classes import category_of
from ..errors import CrosswalkError, CrosswalkWarning
from ..i18n import Msg
from ..schema import (
    COMMUNE_COLUMNS,
    INDICATOR_COLUMNS,
    VINTAGE_2019,
    VINTAGE_2025,
    check_analysis,
)
from .bounds import use_official
from .history import _c19, carry_state, overlay, unit_state  # noqa: F401 - _c19 kept here
from .provinces import (  # noqa: F401  (load_merged_communes, OLD_PROVINCES: re-exported)
    OLD_PROVINCES,
    load_merged_communes,
    load_province,
    no_data_rows,
    register_provinces,
)
from .vintage import vintage_of

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

    from ..model import Analysis, Meta

#: Province of the 2025 units.
NEW_PROVINCE = "Tỉnh Cà Mau"

#: Columns added to the 2025 commune table besides the canonical and indicator ones.
EXTRA_2025_COLUMNS: tuple[str, ...] = (
    "area_off", "off_lat", "off_lon", "n_pred", "pred_codes", "pred_names", "divided_parts",
    "geom_exact",
    "div_names", "pred_miss", "geom_note", "in_data", "pred_in", "pred_cov", "cov_share",
    "pred_uncov",
)

#: Columns of :func:`no_data_table` (headers ``nodata_col_<column>`` in i18n).
NO_DATA_COLUMNS: tuple[str, ...] = ("gso_code", "name", "unit_type", "pred_names", "reason")


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

    from ..i18n import check_lang, t

    lang = check_lang(lang or result.meta.get("lang"))
    c = result.communes
    known = c["in_data"].fillna(False).astype(bool) if "in_data" in c else pd.Series(True, c.index)
    rows = c.loc[~known].sort_values("gso_code")
    provs = ", ".join(result.summary.get("crosswalk", {}).get("old_provinces_no_data") or [])
    reason = t("nodata_reason", lang).format(provs=provs or "?")
    out = pd.DataFrame({col: rows[col].astype(str).to_numpy() if col in rows else ""
                        for col in NO_DATA_COLUMNS if col != "reason"})
    out["reason"] = reason if len(out) else pd.Series(dtype=str)
    return out.rename(columns={col: t(f"nodata_col_{col}", lang) for col in NO_DATA_COLUMNS})


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

    from ..i18n import check_lang, t
    from .tables import crosswalk_table, new_units_table

    lang = check_lang(lang)
    txt = {k: t(f"cw_{k}", lang) for k in ("approx", "here", "there", "missing")}
    if _checked is None:
        vint = vintage_of(communes, Msg("vint_communes"))
        if vint != VINTAGE_2019:
            raise CrosswalkError(Msg("cw_dissolve_vintage", vint=vint, expected=VINTAGE_2019))
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
    from .tables import crosswalk_table, links_table, new_units_table

    lang = lang or result.meta.get("lang") or settings.language
    old_in = result.communes
    check_analysis(old_in, "to_2025")
    vint = vintage_of(old_in, Msg("vint_analysis"))
    if vint != VINTAGE_2019:
        raise CrosswalkError(Msg("cw_to_2025_vintage", vint=vint, expected=VINTAGE_2019))
    cw = crosswalk_table(lang)
    links = links_table()
    units = new_units_table(lang)
    old = _old_units(result, cw, links, bac_lieu=bac_lieu, rows_2025=rows_2025)
    old, unplaced = _place(old, cw)
    new = _carry(old, result, cw, units, links, lang=lang, rows_2025=rows_2025,
                 official=official)
    new, uncovered, districts, spatial = _derive(new, result, lang)
    new.attrs["vintage"] = VINTAGE_2025
    return _assemble(result, old, new, uncovered, districts, spatial, cw, links, unplaced)


def _old_units(result: Analysis, cw: pd.DataFrame, links: pd.DataFrame, *,
               bac_lieu: str | Path | None, rows_2025: Any) -> gpd.GeoDataFrame:
    """Return the 2019 units of both old provinces, ``in_data`` False where no register row is."""
    import geopandas as gpd
    import pandas as pd

    old_in = result.communes
    old = old_in.copy()
    old["in_data"] = True
    pcode = cw.set_index("old_code")["old_pcode"]
    present_provs = set(old["gso_code"].map(pcode).dropna())
    for prov_code in ("96", "95"):
        if prov_code not in present_provs:
            extra_old = load_province(prov_code, bac_lieu if prov_code == "95" else None)
            extra_old = extra_old.to_crs(old.crs) if old.crs else extra_old
            old = pd.concat([old, no_data_rows(extra_old)], ignore_index=True)
    old = gpd.GeoDataFrame(old, geometry="geometry", crs=old_in.crs or "EPSG:4326")
    old["in_data"] = old["in_data"].fillna(False).astype(bool)
    # An old province analysed but without a single register row (model or criterion
    # 19) while another has some is outside the register's coverage: "no data".
    with_rows = register_provinces(result, pcode, rows_2025, links)
    prov_of = old["gso_code"].map(pcode)
    outside = old["in_data"] & prov_of.notna() & ~prov_of.isin(with_rows)
    if with_rows and outside.any():
        old = pd.concat([old[~outside], no_data_rows(old[outside])])
        old = gpd.GeoDataFrame(old.sort_index(), geometry="geometry", crs=old.crs)

    return old


def _place(old: gpd.GeoDataFrame, cw: pd.DataFrame) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """Give each 2019 unit its 2025 successor; return them and the units that cannot be placed."""
    known = set(cw["old_code"])
    # Rows that cannot be carried: uncoded, unknown, or duplicated codes.
    unplaced_mask = ~old["gso_code"].isin(known)
    unplaced = old.loc[unplaced_mask, ["gso_code", "name", "district", "province"]].copy()
    dup = old.loc[~unplaced_mask & old["gso_code"].duplicated(keep=False), "gso_code"]
    if len(dup):
        raise CrosswalkError(Msg("cw_dup_rows", codes=str(sorted(set(dup)))))
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

    return old, unplaced


def _carry(old: gpd.GeoDataFrame, result: Analysis, cw: pd.DataFrame, units: pd.DataFrame,
           links: pd.DataFrame, *, lang: str, rows_2025: Any,
           official: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame:
    """Return the 64 units with the state their 2019 units carry (and rows in 2025 units)."""
    import pandas as pd

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
    return new.sort_values("gso_code").reset_index(drop=True)


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
    """Run the analysis' own derivation (:func:`camau_gis.analysis.derive.derive`) on 2025 units.

    Units outside the register's coverage are neither gaps nor covered; the
    district summary keeps the province total only (2025 has no districts), its
    shares among the units the register covers.
    """
    from ..analysis import neighbours as nb
    from ..analysis.derive import derive

    tolerance = float(result.meta.get("tolerance_m", nb.TOLERANCE_M))
    permutations = int(result.meta.get("permutations", 999))
    new["models_10k"] = new["models_10k"].round(4)
    d = derive(new, [*COMMUNE_COLUMNS, *INDICATOR_COLUMNS, *EXTRA_2025_COLUMNS, "geometry"],
               tolerance_m=tolerance, permutations=permutations, lang=lang,
               in_data=new["in_data"].astype(bool))
    new, in_data = d.communes, new["in_data"].to_numpy(dtype=bool)
    districts = d.districts[d.districts["is_total"]].reset_index(drop=True)
    # the total counts gaps and the share among the units the register covers
    n_known = int(in_data.sum())
    districts["n_uncovered"] = n_known - districts["n_covered"]
    for col, num, digits in (("covered_share", "n_covered", 4), ("c19_share", "n_c19", 4),
                             ("models_per", "n_models", 3)):
        districts[col] = (districts[num] / n_known).round(digits) if n_known else float("nan")
    area_known = float(new.loc[in_data, "area_km2"].sum())
    districts["models_10k"] = round(int(districts["n_models"].iloc[0]) / area_known * 10, 4
                                    ) if area_known > 0 else float("nan")
    spatial = {**d.spatial, "adjacency": d.pairs.drop(columns=["i", "j"]),
               "lisa_table": d.lisa, "clusters": d.clusters}
    return new, d.uncovered, districts, spatial


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
        "source": source_text("en"),
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
        "spatial": {k: v for k, v in spatial.items()
                    if k not in ("adjacency", "lisa_table", "clusters")},
        "crosswalk": cross,
        "vintage_2019": {k: copy.deepcopy(result.summary.get(k))
                         for k in ("province", "spatial", "vintage")},
    })
    summary["province"]["districts"] = 0
    meta: Meta = {**result.meta, "admin": VINTAGE_2025, "vintage": VINTAGE_2025,
            "crosswalk": source_text("en"), "province": NEW_PROVINCE}
    extra = {
        "adjacency": spatial["adjacency"],
        "clusters": spatial["clusters"],
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
