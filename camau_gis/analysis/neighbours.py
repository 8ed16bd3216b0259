"""Neighbourhood of communes: adjacency from shared borders, gap clusters, Moran's I and LISA.

The vietnam63 polygons are thinned: neighbours overlap or leave slivers tens
of metres wide instead of sharing an exact border. Two communes are therefore
*adjacent* when their polygons, in :data:`camau_gis.settings.metric_crs`, are
no more than ``tolerance_m`` apart (default 100 m; queen contiguity: a shared
corner counts). Centroids are never used.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

from .. import settings

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

#: Default gap (metres) still counted as a shared border; the slivers of the
#: shared data are at most ~90 m wide, the nearest non-neighbours ~180 m apart.
TOLERANCE_M = 100.0

#: Columns of the adjacency table (one row per unordered pair).
ADJACENCY_COLUMNS = ("gso_a", "gso_b", "name_a", "name_b", "gap_m", "border_m")

#: Columns of the LISA table.
LISA_COLUMNS = ("gso_code", "name", "district", "value", "lisa_i", "quadrant", "p_value",
                "significant", "cluster_type")


def adjacency(communes: gpd.GeoDataFrame, *, tolerance_m: float = TOLERANCE_M) -> pd.DataFrame:
    """Return adjacent commune pairs from the polygons (shared borders, with a tolerance).

    Parameters
    ----------
    communes : GeoDataFrame
        Canonical commune table (``gso_code``, ``name``, geometry).
    tolerance_m : float
        Largest gap between two polygons, in metres, still read as a shared border.

    Returns
    -------
    DataFrame
        :data:`ADJACENCY_COLUMNS`, one row per unordered pair (``gso_a`` < ``gso_b``
        by row order), plus positional columns ``i`` and ``j``. ``gap_m`` is the
        polygon-to-polygon distance; ``border_m`` estimates the shared border
        length (overlap of both polygons grown by ``tolerance_m``, divided by
        twice the tolerance; a corner touch gives about ``tolerance_m``).
    """
    import numpy as np
    import pandas as pd
    import shapely

    geoms = communes.to_crs(settings.metric_crs).geometry.values
    geoms = shapely.make_valid(np.asarray(geoms, dtype=object))
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="dwithin", distance=tolerance_m)
    keep = left < right
    left, right = left[keep], right[keep]
    gap = shapely.distance(geoms[left], geoms[right])
    if tolerance_m > 0:
        grown = shapely.buffer(geoms, tolerance_m)  # once per commune, not once per pair
        border = shapely.area(shapely.intersection(grown[left], grown[right])) / (2 * tolerance_m)
    else:
        border = shapely.length(shapely.intersection(geoms[left], geoms[right]))
    codes = communes["gso_code"].to_numpy()
    names = communes["name"].to_numpy()
    return pd.DataFrame({
        "gso_a": codes[left], "gso_b": codes[right],
        "name_a": names[left], "name_b": names[right],
        "gap_m": np.round(gap, 1), "border_m": np.round(border, 1),
        "i": left, "j": right,
    })


def neighbour_matrix(n: int, pairs: pd.DataFrame) -> Any:
    """Return the symmetric sparse 0/1 adjacency matrix (``n`` × ``n``) of ``pairs``."""
    import numpy as np
    from scipy import sparse

    i = pairs["i"].to_numpy(dtype=int)
    j = pairs["j"].to_numpy(dtype=int)
    data = np.ones(2 * len(i), dtype=float)
    return sparse.csr_matrix((data, (np.r_[i, j], np.r_[j, i])), shape=(n, n))


def weights(communes: gpd.GeoDataFrame, pairs: pd.DataFrame) -> Any:
    """Return a :class:`libpysal.weights.W` built from ``pairs`` (ids = row positions).

    Communes with no neighbour are islands (empty neighbour list).
    """
    from libpysal.weights import WSP

    # W.from_sparse drops rows without neighbours; WSP keeps them as islands.
    return WSP(neighbour_matrix(len(communes), pairs)).to_W(silence_warnings=True)


def isolated(covered: pd.Series, pairs: pd.DataFrame) -> pd.Series:
    """Flag communes without a model that border no covered commune.

    Parameters
    ----------
    covered : Series of bool
        Coverage per commune, in the row order of the commune table.
    pairs : DataFrame
        Output of :func:`adjacency`.

    Returns
    -------
    Series of bool
        True for an uncovered commune none of whose neighbours is covered.
    """
    import numpy as np
    import pandas as pd

    cov = covered.to_numpy(dtype=bool)
    adj = neighbour_matrix(len(cov), pairs)
    covered_neighbours = np.asarray(adj @ cov.astype(float)).ravel()
    return pd.Series(~cov & (covered_neighbours == 0), index=covered.index, name="isolated")


def clusters(covered: pd.Series, pairs: pd.DataFrame, order: pd.Series | None = None
             ) -> pd.DataFrame:
    """Group contiguous uncovered communes into clusters.

    Parameters
    ----------
    covered : Series of bool
        Coverage per commune, in the row order of the commune table.
    pairs : DataFrame
        Output of :func:`adjacency`.
    order : Series, optional
        Sort key per commune (e.g. district then name) used to number clusters
        deterministically; default: row order.

    Returns
    -------
    DataFrame
        Indexed like ``covered`` with ``cluster`` (Int64, 1 = largest cluster;
        ties by the first commune in ``order``; ``<NA>`` for covered communes)
        and ``cluster_size`` (Int64).
    """
    import numpy as np
    import pandas as pd
    from scipy.sparse.csgraph import connected_components

    cov = covered.to_numpy(dtype=bool)
    n = len(cov)
    gap = ~cov
    sub = neighbour_matrix(n, pairs)[gap][:, gap]  # CSR row then column selection
    out = pd.DataFrame({"cluster": pd.array([pd.NA] * n, dtype="Int64"),
                        "cluster_size": pd.array([pd.NA] * n, dtype="Int64")},
                       index=covered.index)
    if not gap.any():
        return out
    _, labels = connected_components(sub, directed=False)
    pos = np.flatnonzero(gap)
    key = (order.to_numpy()[pos] if order is not None else pos)
    frame = pd.DataFrame({"label": labels, "key": key, "pos": pos})
    sizes = frame.groupby("label")["pos"].transform("size")
    frame["size"] = sizes
    first_key = frame.groupby("label")["key"].transform("min")
    frame["first"] = first_key
    ranking = (frame.drop_duplicates("label")
               .sort_values(["size", "first"], ascending=[False, True])
               .reset_index(drop=True))
    number = pd.Series(np.arange(1, len(ranking) + 1), index=ranking["label"])
    out.iloc[pos, 0] = number.loc[frame["label"]].to_numpy()
    out.iloc[pos, 1] = frame["size"].to_numpy()
    return out


def moran(values: pd.Series, w: Any, *, permutations: int = 999, seed: int = 12345
          ) -> dict[str, Any]:
    """Global Moran's I of ``values`` (row-standardised weights, permutation p-value).

    Returns
    -------
    dict
        ``I``, ``expected_I``, ``z``, ``p_value`` (pseudo p-value of ``permutations``
        random permutations, one-tailed toward the observed sign as in esda),
        ``p_normal`` and ``permutations``; values are ``None`` with a ``note``
        when the variable does not vary or no commune has a neighbour.
    """
    import numpy as np

    y = values.to_numpy(dtype=float)
    base = {"I": None, "expected_I": None, "z": None, "p_value": None, "p_normal": None,
            "permutations": permutations, "seed": seed, "note": ""}
    if len(y) < 3 or np.nanstd(y) == 0:
        return base | {"note": "no variation: every commune has the same value"}
    if not w.s0:
        return base | {"note": "no commune has a neighbour"}
    import esda

    state = np.random.get_state()
    try:
        np.random.seed(seed)
        mi = esda.Moran(y, w, transformation="r", permutations=permutations)
    finally:
        np.random.set_state(state)
    return base | {
        "I": float(mi.I), "expected_I": float(mi.EI),
        "z": float(mi.z_sim) if permutations else float(mi.z_norm),
        "p_value": float(mi.p_sim) if permutations else float(mi.p_norm),
        "p_normal": float(mi.p_norm),
    }


def lisa(communes: pd.DataFrame, values: pd.Series, w: Any, *, permutations: int = 999,
         seed: int = 12345, alpha: float = 0.05) -> pd.DataFrame:
    """Local Moran's I (LISA) per commune.

    Returns
    -------
    DataFrame
        :data:`LISA_COLUMNS`. ``quadrant`` is ``"HH"``, ``"LH"``, ``"LL"`` or
        ``"HL"`` (value vs neighbours' mean); ``p_value`` is esda's conditional
        permutation pseudo p-value (directed); ``cluster_type`` is the quadrant when
        ``p_value <= alpha`` and ``"ns"`` (not significant) otherwise. With no
        variation every statistic is missing and ``cluster_type`` is ``"ns"``;
        with ``permutations=0`` there is no p-value and every class is ``"ns"``.
    """
    import numpy as np
    import pandas as pd

    y = values.to_numpy(dtype=float)
    out = pd.DataFrame({
        "gso_code": communes["gso_code"].to_numpy(), "name": communes["name"].to_numpy(),
        "district": communes["district"].to_numpy(), "value": y,
        "lisa_i": np.nan, "quadrant": "", "p_value": np.nan, "significant": False,
        "cluster_type": "ns",
    })
    if len(y) < 3 or np.nanstd(y) == 0 or not w.s0:
        return out
    import esda

    with warnings.catch_warnings():  # esda warns that its default alternative will change
        warnings.filterwarnings("ignore", message="The alternative hypothesis",
                                category=DeprecationWarning)
        ml = esda.Moran_Local(y, w, transformation="r", permutations=permutations, seed=seed,
                              keep_simulations=False)
    quad = np.array(["", "HH", "LH", "LL", "HL"], dtype=object)[np.asarray(ml.q, dtype=int)]
    out["lisa_i"] = ml.Is
    out["quadrant"] = quad
    if permutations:
        out["p_value"] = ml.p_sim
        out["significant"] = ml.p_sim <= alpha
    out["cluster_type"] = np.where(out["significant"], quad, "ns")
    return out


def gap_structure(communes: gpd.GeoDataFrame, pairs: pd.DataFrame, order: pd.Series, *,
                  in_data: pd.Series | None = None, tolerance_m: float = TOLERANCE_M,
                  permutations: int = 999) -> tuple[pd.DataFrame, dict, pd.DataFrame]:
    """Isolation, gap clusters and LISA per commune, and Moran's I of coverage.

    Parameters
    ----------
    communes : GeoDataFrame
        Communes with a boolean ``covered`` column.
    pairs : DataFrame
        Adjacency pairs of ``communes`` (:func:`adjacency`).
    order : Series
        Position of each commune in reading order (numbers the clusters).
    in_data : Series of bool, optional
        Communes the register covers. The others are neither gaps nor
        covered: never isolated, in no gap cluster, outside Moran's I and LISA.
    tolerance_m : float
        Adjacency tolerance, to rebuild the pairs among communes with data.
    permutations : int
        Permutations of the Moran and LISA tests.

    Returns
    -------
    tuple
        ``(columns, moran, lisa_table)``: a DataFrame on ``communes.index`` with
        ``isolated``, ``cluster``, ``cluster_size`` and ``lisa`` (``""`` where
        no data); :func:`moran`'s dict; :func:`lisa`'s table for communes with data.
    """
    import pandas as pd

    covered = communes["covered"]
    known = (pd.Series(True, index=communes.index) if in_data is None
             else in_data.astype(bool).reindex(communes.index))
    groups = clusters(covered | ~known, pairs, order=order)
    out = pd.DataFrame({
        "isolated": isolated(covered, pairs) & known,
        "cluster": groups["cluster"],
        "cluster_size": groups["cluster_size"],
        "lisa": "",
    }, index=communes.index)
    sub = communes[known.to_numpy()]
    sub_pairs = pairs if known.all() else adjacency(sub, tolerance_m=tolerance_m)
    w = weights(sub, sub_pairs)
    value = sub["covered"].astype(float)
    moran_result = moran(value, w, permutations=permutations)
    lisa_table = lisa(sub, value, w, permutations=permutations)
    out.loc[known.to_numpy(), "lisa"] = lisa_table["cluster_type"].to_numpy()
    return out, moran_result, lisa_table
