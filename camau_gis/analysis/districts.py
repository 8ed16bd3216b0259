"""District summary of the per-commune indicators, with a province total row."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

#: Columns of :func:`district_summary`, in order.
DISTRICT_COLUMNS: tuple[str, ...] = (
    "dist_code", "district", "dist_short", "is_total",
    "n_units", "n_xa", "n_phuong", "n_thitran", "area_km2",
    "n_models", "n_covered", "n_uncovered", "covered_share",
    "n_c19", "n_c19_not", "n_c19_nodata", "c19_share",
    "models_per", "models_10k", "n_ntm", "n_isolated",
)


def district_summary(communes: gpd.GeoDataFrame | pd.DataFrame) -> pd.DataFrame:
    """Summarise indicators per district (GSO order) and add a province total row.

    Parameters
    ----------
    communes : DataFrame
        Canonical commune table with :data:`camau_gis.schema.INDICATOR_COLUMNS`
        (and ``isolated`` when available).

    Returns
    -------
    DataFrame
        :data:`DISTRICT_COLUMNS`: ``n_units`` by type (``n_xa``, ``n_phuong``,
        ``n_thitran``); ``n_models`` commune-level models; ``covered_share`` =
        ``n_covered / n_units``; ``n_c19``/``n_c19_not``/``n_c19_nodata`` units
        achieving, not achieving and without criterion-19 data;
        ``c19_share`` = ``n_c19 / n_units``; ``models_per`` = models per commune;
        ``models_10k`` = models per 10 km²; ``n_ntm`` NTM pilot communes;
        ``n_isolated`` uncovered communes bordering no covered commune. The last
        row (``is_total`` True, ``district`` = the province name) holds the
        province totals.
    """
    import pandas as pd

    frame = pd.DataFrame({
        "dist_code": communes["dist_code"].astype(str),
        "district": communes["district"].astype(str),
        "dist_short": communes["dist_short"].astype(str),
        "n_units": 1,
        "n_xa": communes["unit_type"].eq("xã").astype(int),
        "n_phuong": communes["unit_type"].eq("phường").astype(int),
        "n_thitran": communes["unit_type"].eq("thị trấn").astype(int),
        "area_km2": communes["area_km2"].astype(float),
        "n_models": communes["n_models"].astype(int),
        "n_covered": communes["covered"].astype(bool).astype(int),
        "n_uncovered": (~communes["covered"].astype(bool)).astype(int),
        "n_c19": communes["c19_status"].eq("achieved").astype(int),
        "n_c19_not": communes["c19_status"].eq("not_achieved").astype(int),
        "n_c19_nodata": communes["c19_status"].eq("no_data").astype(int),
        "n_ntm": communes["ntm_pilot"].astype(bool).astype(int),
        "n_isolated": (communes["isolated"].astype(bool).astype(int)
                       if "isolated" in communes else 0),
    })
    sums = [c for c in frame.columns if c.startswith("n_") or c == "area_km2"]
    by = (frame.groupby(["dist_code", "district", "dist_short"], sort=True)[sums].sum()
          .reset_index())
    total = frame[sums].sum().to_frame().T
    province = communes["province"].astype(str)
    total.insert(0, "dist_short", province.iloc[0] if len(province) else "")
    total.insert(0, "district", province.iloc[0] if len(province) else "")
    total.insert(0, "dist_code", communes["prov_code"].astype(str).iloc[0] if len(province) else "")
    out = pd.concat([by.assign(is_total=False), total.assign(is_total=True)], ignore_index=True)
    for col in sums:
        out[col] = out[col].astype(float if col == "area_km2" else int)
    units = out["n_units"].where(out["n_units"] > 0)
    out["covered_share"] = (out["n_covered"] / units).round(4)
    out["c19_share"] = (out["n_c19"] / units).round(4)
    out["models_per"] = (out["n_models"] / units).round(3)
    out["models_10k"] = (out["n_models"] / out["area_km2"].where(out["area_km2"] > 0) * 10
                         ).round(4)
    out["area_km2"] = out["area_km2"].round(2)
    return out[list(DISTRICT_COLUMNS)]
