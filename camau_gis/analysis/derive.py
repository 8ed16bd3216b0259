"""The derivation both vintages share: from per-unit coverage to gaps, ranks and statistics.

:func:`camau_gis.analysis.coverage.analyze` (2019 communes) and
:func:`camau_gis.crosswalk.aggregate.to_2025` (the 64 units of 2025) both fill
a unit table with the register's state (``n_models``, ``covered``,
``c19_status`` …) and then call :func:`derive` once: distance to the nearest
covered unit, adjacency, isolation, gap clusters, Moran's I and LISA, the ranked
list of uncovered units, the district summary and the cluster table. Units
outside the register's scope (``in_data`` False, a 2025 build with part of the
province unregistered) are neither gaps nor covered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import settings

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

#: Columns of :attr:`Derived.clusters`.
CLUSTER_COLUMNS: tuple[str, ...] = ("cluster", "size", "districts", "communes", "gso_codes")


@dataclass
class Derived:
    """What :func:`derive` adds to a unit table.

    ``communes`` carries ``dist_cov_km``, ``isolated``, ``cluster``,
    ``clus_size`` and ``lisa``; ``spatial`` is the ``summary.json`` block.
    """

    communes: gpd.GeoDataFrame
    uncovered: pd.DataFrame
    districts: pd.DataFrame
    clusters: pd.DataFrame
    pairs: pd.DataFrame
    moran: dict[str, Any]
    lisa: pd.DataFrame
    spatial: dict[str, Any]


def cluster_table(uncovered: pd.DataFrame) -> pd.DataFrame:
    """One row per cluster of contiguous uncovered units (:data:`CLUSTER_COLUMNS`)."""
    import pandas as pd

    if not len(uncovered):
        return pd.DataFrame(columns=list(CLUSTER_COLUMNS))
    return (uncovered.dropna(subset=["cluster"])
            .groupby("cluster", sort=True)
            .agg(size=("gso_code", "size"),
                 districts=("district", lambda s: "; ".join(dict.fromkeys(s))),
                 communes=("name", "; ".join), gso_codes=("gso_code", "; ".join))
            .reset_index())


def reading_order(units: pd.DataFrame) -> pd.Series:
    """Position of each unit in reading order: district, then name (Vietnamese collation)."""
    import pandas as pd

    from ..text import vi_sort_rank

    keys = pd.DataFrame({"d": vi_sort_rank(units["dist_short"]),
                         "n": vi_sort_rank(units["name"])}, index=units.index)
    ordered = keys.sort_values(["d", "n"], kind="stable").index
    return pd.Series(range(len(units)), index=ordered).reindex(units.index)


def derive(
    units: gpd.GeoDataFrame,
    columns: list[str],
    *,
    tolerance_m: float,
    permutations: int,
    lang: str | None = None,
    in_data: pd.Series | None = None,
) -> Derived:
    """Derive gaps, ranks, district totals and spatial statistics of a unit table.

    Parameters
    ----------
    units : GeoDataFrame
        Units with the register's state (``covered`` …) and the columns of ``columns``
        except ``dist_cov_km``, which is computed here.
    columns : list of str
        Columns kept, in order (``geometry`` last).
    tolerance_m : float
        Gap in metres still read as a shared border.
    permutations : int
        Permutations of the Moran and LISA tests (fixed seed).
    lang : {"vi", "en"}, optional
        Language of the uncovered units' reasons.
    in_data : Series of bool, optional
        Units the register covers (default: all).
    """
    from . import neighbours as nb
    from .districts import district_summary
    from .gaps import distance_to_covered, rank_uncovered

    out = units.copy()
    out["dist_cov_km"] = distance_to_covered(out, out["covered"])
    out = out[columns].copy()
    pairs = nb.adjacency(out, tolerance_m=tolerance_m)
    inside = None if in_data is None else in_data.reindex(out.index).fillna(False).astype(bool)
    if inside is not None:
        out.loc[~inside.to_numpy(), "dist_cov_km"] = float("nan")
    gaps, moran, lisa = nb.gap_structure(out, pairs, reading_order(out), in_data=inside,
                                         permutations=permutations)
    for col in gaps.columns:
        out[col] = gaps[col]
    uncovered = rank_uncovered(out if inside is None else out[inside.to_numpy()], lang)
    out = out.rename(columns={"cluster_size": "clus_size"})
    out = out[[c for c in out.columns if c != "geometry"] + ["geometry"]]
    linked = set(pairs["i"]) | set(pairs["j"])
    spatial = {
        "variable": "covered",
        "neighbours": {"rule": "queen, polygons within tolerance", "tolerance_m": tolerance_m,
                       "crs": settings.metric_crs, "pairs": int(len(pairs)),
                       "islands": int(len(out) - len(linked))},
        "moran": moran,
        "lisa": {t: int(lisa["cluster_type"].eq(t).sum()) for t in ("HH", "LL", "HL", "LH", "ns")},
    }
    return Derived(communes=out, uncovered=uncovered, districts=district_summary(out),
                   clusters=cluster_table(uncovered), pairs=pairs, moran=moran,
                   lisa=lisa, spatial=spatial)

