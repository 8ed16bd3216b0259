"""The ranked list of units without a model, and why each is listed.

Priority 1: no model and criterion 19 not achieved; 2: the other gaps that
border no covered unit (isolated); 3: the rest; 4 (2025 units only): partly
covered. Ties by district then name (Vietnamese alphabetical order). The
reasons are written in the run's language (:mod:`camau_gis.i18n`, ``reason_*``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import settings
from ..i18n import check_lang, fmt_number, t
from ..text import vi_sort_rank

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

#: Columns of ``Analysis.uncovered``, in order.
UNCOVERED_COLUMNS: tuple[str, ...] = (
    "rank", "dist_rank", "priority", "gso_code", "name", "district", "unit_type",
    "c19_status", "c19_first", "isolated", "cluster", "cluster_size", "dist_cov_km",
    "area_km2", "ntm_pilot", "illustr", "reasons",
)
#: Columns a 2025 build adds to ``Analysis.uncovered`` (former 2019 communes of the unit).
UNCOVERED_2025_COLUMNS: tuple[str, ...] = ("category", "pred_in", "pred_cov", "cov_share",
                                           "pred_uncov")

def _format_km(values: pd.Series, lang: str) -> pd.Series:
    return values.round(1).map(lambda v: fmt_number(v, lang, 1))


def format_reasons(uncovered: pd.DataFrame, lang: str | None = None) -> pd.Series:
    """Spell out why each uncovered commune is listed, in Vietnamese (default) or English.

    Parameters
    ----------
    uncovered : DataFrame
        Columns ``c19_status``, ``isolated``, ``cluster_size``, ``dist_cov_km``.
    lang : {"vi", "en"}, optional
        Default :data:`camau_gis.settings.language`.

    Returns
    -------
    Series of str
        Reasons joined with ``"; "``.
    """
    import pandas as pd

    lang = check_lang(lang)
    idx = uncovered.index
    status = uncovered["c19_status"].astype(str)
    c19 = status.map({"achieved": t("reason_c19_achieved", lang),
                      "not_achieved": t("reason_c19_not_achieved", lang)}).fillna(
        t("reason_c19_no_data", lang))
    first = pd.Series(t("reason_no_model", lang), index=idx)
    if "pred_cov" in uncovered and "category" in uncovered:
        partly = uncovered["category"].astype(str).str.startswith("partly_")
        if partly.any():
            text = [t("reason_partly", lang).format(
                k=int(r.pred_cov), n=int(r.pred_in), names=r.pred_uncov,
                pct=_format_km(pd.Series([100 * float(r.cov_share)]), lang).iloc[0])
                for r in uncovered.loc[partly].itertuples()]
            first = first.astype(object)
            first.loc[partly] = text
    parts = [first, c19]
    iso = uncovered["isolated"].astype(bool)
    parts.append(pd.Series(t("reason_isolated", lang), index=idx).where(iso, ""))
    size = uncovered["cluster_size"].fillna(1).astype(int)
    cluster_text = t("reason_cluster", lang).split("{n}")
    parts.append((cluster_text[0] + size.astype(str) + cluster_text[1]).where(size > 1, ""))
    km = uncovered["dist_cov_km"].astype(float)
    dist_text = t("reason_distance", lang).split("{km}")
    parts.append((dist_text[0] + _format_km(km.fillna(0), lang) + dist_text[1])
                 .where(km.notna() & (km > 0), ""))
    text = parts[0].astype(str)
    for part in parts[1:]:
        text = text + ("; " + part).where(part.ne(""), "")
    return text.rename("reasons")


def distance_to_covered(communes: gpd.GeoDataFrame, covered: pd.Series) -> pd.Series:
    """Kilometres from each commune's polygon to the nearest covered commune's polygon.

    Computed in :data:`camau_gis.settings.metric_crs`; 0 for covered communes,
    NaN for every commune when none is covered.
    """
    import numpy as np
    import pandas as pd
    import shapely

    cov = covered.to_numpy(dtype=bool)
    out = pd.Series(np.where(cov, 0.0, np.nan), index=communes.index, name="dist_cov_km")
    if not cov.any() or cov.all():
        return out
    geoms = np.asarray(communes.to_crs(settings.metric_crs).geometry.values, dtype=object)
    tree = shapely.STRtree(geoms[cov])
    gaps = np.flatnonzero(~cov)
    (_, _), dist = tree.query_nearest(geoms[gaps], return_distance=True, all_matches=False)
    out.iloc[gaps] = np.round(dist / 1000.0, 3)
    return out


def rank_uncovered(communes: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """Ranked priority list of communes without a commune-level model.

    Parameters
    ----------
    communes : DataFrame
        Commune indicators with ``isolated``, ``cluster`` and ``cluster_size``.
    lang : {"vi", "en"}, optional
        Language of ``reasons``.

    Returns
    -------
    DataFrame
        :data:`UNCOVERED_COLUMNS`; ``rank`` across the province, ``dist_rank``
        within the district, ``priority`` 1 (no model and criterion 19 not
        achieved), 2 (isolated), 3 (other) or 4 (partly covered 2025 unit; then also
        :data:`UNCOVERED_2025_COLUMNS`).
    """
    import numpy as np
    import pandas as pd

    partly = (communes["category"].astype(str).str.startswith("partly_")
              if "category" in communes else False)
    gaps = communes.loc[~communes["covered"].astype(bool) | partly].copy()
    gaps["priority"] = np.select(
        [gaps["category"].astype(str).str.startswith("partly_") if "category" in gaps
         else np.zeros(len(gaps), dtype=bool),
         gaps["c19_status"].eq("not_achieved"), gaps["isolated"].astype(bool)], [4, 1, 2], 3)
    gaps["_dkey"] = vi_sort_rank(gaps["dist_short"])
    gaps["_nkey"] = vi_sort_rank(gaps["name"])
    # partly covered units (priority 4): the least covered share of area first
    gaps["_share"] = gaps["cov_share"].astype(float) if "cov_share" in gaps else 0.0
    gaps = gaps.sort_values(["priority", "_share", "_dkey", "_nkey", "gso_code"], kind="stable")
    gaps["rank"] = np.arange(1, len(gaps) + 1)
    gaps["dist_rank"] = gaps.groupby("district").cumcount() + 1
    gaps["reasons"] = format_reasons(gaps, lang) if len(gaps) else pd.Series(dtype=str)
    extra = [c for c in UNCOVERED_2025_COLUMNS if c in gaps and "pred_cov" in gaps]
    out = pd.DataFrame(gaps[[*UNCOVERED_COLUMNS, *extra]]).reset_index(drop=True)
    return out.astype({"rank": int, "dist_rank": int, "priority": int})
