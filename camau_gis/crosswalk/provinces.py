"""The two old provinces merged into the 2025 Cà Mau province: their 2019 units and their data.

:func:`load_merged_communes` reads the 2019 communes of Cà Mau and Bạc Liêu
(fetching Bạc Liêu's layer on first use); :func:`register_provinces` tells which
old provinces the register has rows in, so that the other's units are "no data"
(:func:`no_data_rows`) rather than gaps.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..analysis.classes import OUTSIDE
from ..errors import BoundaryError
from ..i18n import Msg
from ..schema import COMMUNE_COLUMNS

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

    from ..model import Analysis

#: Old provinces merged into it: GSO code -> name used by ``load_communes``.
OLD_PROVINCES = {"96": "Cà Mau", "95": "Bạc Liêu"}


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

    parts = [load_province("96", ca_mau), load_province("95", bac_lieu)]
    return pd.concat(parts, ignore_index=True)


def load_province(prov_code: str, path: str | Path | None) -> gpd.GeoDataFrame:
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
            raise BoundaryError(Msg("cw_province_download", path=path, province=province,
                                    exc=exc)) from exc
    import geopandas as gpd

    gdf = gpd.read_file(path, layer="communes", engine="pyogrio")
    for col in COMMUNE_COLUMNS:
        if col != "area_km2":
            gdf[col] = gdf[col].fillna("").astype(str)
    return gdf


def no_data_rows(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
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
