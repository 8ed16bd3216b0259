"""Neighbourhood of communes: adjacency from shared borders, gap clusters, Moran's I and LISA.

The vietnam63 polygons are thinned: neighbours overlap or leave slivers tens
of metres wide instead of sharing an exact border. Two communes are therefore
*adjacent* when their polygons, in :data:`camau_gis.settings.metric_crs`, are
no more than ``tolerance_m`` apart (default 100 m; queen contiguity: a shared
corner counts). Centroids are never used.

Moran's I and LISA are computed here on row-standardised weights held as
numpy edge arrays (:class:`Weights`), with the formulas and permutation draws
of esda, so that a build imports neither libpysal/esda (0.9 s after
geopandas on the benchmark machine) nor scipy (sparse 0.06 s, with stats and
csgraph 0.5 s); esda stays the reference the tests compare against.
"""

from __future__ import annotations

from dataclasses import dataclass
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


def adjacency(communes: gpd.GeoDataFrame, *, tolerance_m: float = TOLERANCE_M,
              border: bool = True) -> pd.DataFrame:
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
        With ``border=False`` ``border_m`` is NaN (the buffers and intersections
        it needs are most of the time at national scale; the plan needs pairs only).
    """
    import numpy as np
    import pandas as pd

    left, right, gap, border_m = _cached_pairs(communes, tolerance_m, border)
    codes = communes["gso_code"].to_numpy()
    names = communes["name"].to_numpy()
    return pd.DataFrame({
        "gso_a": codes[left], "gso_b": codes[right],
        "name_a": names[left], "name_b": names[right],
        "gap_m": np.round(gap, 1), "border_m": np.round(border_m, 1),
        "i": left, "j": right,
    })


#: Version of the cached pairs (``adjacency_<key>.npz``); bump when :func:`_pairs` changes.
PAIRS_CACHE_VERSION = 1


def _pairs(communes: gpd.GeoDataFrame, tolerance_m: float, border: bool) -> list[Any]:
    """Positions ``i < j`` of the pairs within ``tolerance_m``, their gaps and border lengths."""
    import numpy as np
    import shapely

    geoms = communes.to_crs(settings.metric_crs).geometry.values
    geoms = shapely.make_valid(np.asarray(geoms, dtype=object))
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="dwithin", distance=tolerance_m)
    keep = left < right
    left, right = left[keep], right[keep]
    gap = shapely.distance(geoms[left], geoms[right])
    if not border:
        border_m = np.full(len(left), np.nan)
    elif tolerance_m > 0:
        grown = shapely.buffer(geoms, tolerance_m)  # once per commune, not once per pair
        border_m = shapely.area(shapely.intersection(grown[left], grown[right])) / (
            2 * tolerance_m)
    else:
        border_m = shapely.length(shapely.intersection(geoms[left], geoms[right]))
    return [left, right, gap, border_m]


def _cached_pairs(communes: gpd.GeoDataFrame, tolerance_m: float, border: bool) -> list[Any]:
    """:func:`_pairs`, kept on disk per boundary geometry (:mod:`camau_gis._caches`).

    The pairs depend on the polygons, the CRSs and the two parameters only,
    and cost seconds nationally (a spatial index, distances, buffers and
    intersections of 11,163 polygons) for the same answer every build. The
    entry (``adjacency_<key>.npz``: the four arrays) is keyed by the
    geometries' WKB and those parameters; a missing or damaged entry is
    computed again, a failed write only warns.
    """
    import numpy as np

    from .._caches import entry_path, geometry_key, read_entry, write_entry

    crs = communes.crs.to_json() if communes.crs is not None else None
    key = geometry_key(communes.geometry.values, {
        "what": "adjacency", "version": PAIRS_CACHE_VERSION, "crs": crs,
        "metric_crs": str(settings.metric_crs), "tolerance_m": float(tolerance_m),
        "border": bool(border)})
    path = entry_path("adjacency", key, ".npz")
    names = ("left", "right", "gap", "border")

    def read(p: Any) -> list[Any] | None:
        with np.load(p, allow_pickle=False) as data:
            if str(data["key"]) != key:  # another entry with the same file name
                return None
            arrays = [data[n] for n in names]
        if len({len(a) for a in arrays}) != 1:
            return None
        return arrays

    found = read_entry(path, read)
    if found is not None:
        return found
    arrays = _pairs(communes, tolerance_m, border)
    write_entry(path, lambda tmp: np.savez(tmp, key=np.array(key),
                                           **dict(zip(names, arrays, strict=True))))
    return arrays


def neighbour_matrix(n: int, pairs: pd.DataFrame) -> Any:
    """Return the symmetric sparse 0/1 adjacency matrix (``n`` × ``n``) of ``pairs``.

    For callers that want scipy (e.g. libpysal's ``WSP``); the analysis itself
    works on :class:`Weights` and does not import scipy.
    """
    from scipy import sparse

    w = weights_from_pairs(n, pairs)
    data = [1.0] * len(w.i)
    return sparse.csr_matrix((data, (w.i, w.j)), shape=(n, n))


@dataclass(frozen=True, eq=False)
class Weights:
    """Binary contiguity of communes (ids = row positions), row-standardised on use.

    A light stand-in for :class:`libpysal.weights.W` on plain numpy arrays
    (with geopandas already loaded, importing libpysal took 0.76 s on the
    benchmark machine, 1.4 s under cProfile in
    ``benchmarks/results/profile-full-e2e-ca_mau.txt``; scipy.sparse 0.06 s):
    the attributes the analysis needs and nothing more. Communes without a
    neighbour are *islands*: they have no edge and stay in the weights
    (``n`` counts them).

    Attributes
    ----------
    n : int
        Number of communes.
    i, j : ndarray of int
        Directed edges ``i → j`` (each adjacent pair twice), sorted by ``i``
        then ``j``: row ``i`` of the CSR adjacency matrix.
    """

    n: int
    i: Any
    j: Any

    @property
    def cardinalities(self) -> Any:
        """Number of neighbours per commune (int array)."""
        import numpy as np

        return np.bincount(self.i, minlength=self.n)

    @property
    def islands(self) -> list[int]:
        """Row positions of the communes without a neighbour."""
        import numpy as np

        return np.flatnonzero(self.cardinalities == 0).tolist()

    @property
    def s0(self) -> float:
        """Sum of the binary weights (twice the number of adjacent pairs)."""
        return float(len(self.i))

    def edge_weights(self) -> Any:
        """Row-standardised weight of each edge: ``1 / cardinality(i)``."""
        return 1.0 / self.cardinalities[self.i]

    def lag(self, values: Any) -> Any:
        """Neighbours' mean of ``values`` (``n`` or ``n`` × k); 0 for islands."""
        import numpy as np

        values = np.asarray(values, dtype=float)
        out = np.zeros(values.shape)
        if not len(self.i):
            return out
        card = self.cardinalities
        rows = np.flatnonzero(card)
        starts = np.concatenate(([0], np.cumsum(card[rows])[:-1]))
        sums = np.add.reduceat(values[self.j], starts, axis=0)
        scale = card[rows].astype(float)
        out[rows] = sums / (scale if values.ndim == 1 else scale[:, None])
        return out

    def standardised(self) -> Any:
        """Row-standardised weights as a scipy CSR matrix (island rows empty); imports scipy."""
        from scipy import sparse

        return sparse.csr_matrix((self.edge_weights(), (self.i, self.j)),
                                 shape=(self.n, self.n))


def weights_from_pairs(n: int, pairs: pd.DataFrame) -> Weights:
    """Return the :class:`Weights` of ``n`` communes from adjacency ``pairs`` (positions)."""
    import numpy as np

    a = pairs["i"].to_numpy(dtype=np.int64)
    b = pairs["j"].to_numpy(dtype=np.int64)
    i, j = np.r_[a, b], np.r_[b, a]
    order = np.lexsort((j, i))
    i, j = i[order], j[order]
    if len(i):  # the same pair listed twice is one neighbour
        keep = np.r_[True, (np.diff(i) != 0) | (np.diff(j) != 0)] & (i != j)
        i, j = i[keep], j[keep]
    return Weights(n, i, j)


def weights(communes: gpd.GeoDataFrame, pairs: pd.DataFrame) -> Weights:
    """Return the :class:`Weights` of ``pairs`` (ids = row positions of ``communes``).

    Communes with no neighbour are islands (no edge), never dropped.
    """
    return weights_from_pairs(len(communes), pairs)


def _components(n: int, a: Any, b: Any) -> Any:
    """Connected-component label (smallest member position) of ``n`` nodes with edges ``a``–``b``.

    Min-label propagation with pointer jumping (vectorised, a few passes);
    replaces ``scipy.sparse.csgraph.connected_components``.
    """
    import numpy as np

    label = np.arange(n)
    while True:
        low = np.minimum(label[a], label[b])
        new = label.copy()
        np.minimum.at(new, a, low)
        np.minimum.at(new, b, low)
        new = new[new]  # label[x] <= x and in x's component: jump to its label
        if (new == label).all():
            return label
        label = new


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
    w = weights_from_pairs(len(cov), pairs)
    covered_neighbours = np.bincount(w.i, weights=cov[w.j].astype(float), minlength=len(cov))
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

    cov = covered.to_numpy(dtype=bool)
    n = len(cov)
    gap = ~cov
    out = pd.DataFrame({"cluster": pd.array([pd.NA] * n, dtype="Int64"),
                        "cluster_size": pd.array([pd.NA] * n, dtype="Int64")},
                       index=covered.index)
    if not gap.any():
        return out
    pos = np.flatnonzero(gap)
    a = pairs["i"].to_numpy(dtype=np.int64)
    b = pairs["j"].to_numpy(dtype=np.int64)
    both = gap[a] & gap[b]
    labels = _components(n, a[both], b[both])[pos]
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


def _two_tailed(z: float) -> float:
    """Two-tailed p-value of a standard normal deviate (no scipy.stats import)."""
    import math

    return math.erfc(abs(z) / math.sqrt(2.0))


def _directed_p(observed: Any, sims: Any) -> Any:
    """Pseudo p-value toward the observed side: ``(min(#sim ≥ obs, #sim ≤ obs) + 1) / (K + 1)``.

    ``sims`` has the K simulated values on its last axis. Equal values (up to
    rounding, 1e-9 relative) count on both sides, so a tie never makes a result
    look more extreme than it is. Without ties this is esda's "directed"
    p-value (``larger = #sim ≥ obs``, folded to ``K - larger`` if smaller).
    """
    import numpy as np

    obs = np.expand_dims(np.asarray(observed, dtype=float), -1)
    tol = 1e-9 * np.maximum(1.0, np.abs(obs))
    above = (sims >= obs - tol).sum(axis=-1)
    below = (sims <= obs + tol).sum(axis=-1)
    return (np.minimum(above, below) + 1.0) / (sims.shape[-1] + 1.0)


#: Largest number of cells of one block of simulated values (memory bound at scale).
_BLOCK_CELLS = 1_000_000


def moran(values: pd.Series, w: Weights, *, permutations: int = 999, seed: int = 12345
          ) -> dict[str, Any]:
    """Global Moran's I of ``values`` on row-standardised weights.

    Same statistic and inference as ``esda.Moran(y, w, transformation="r")``
    (cross-checked against esda in the tests): ``I = n / S0 · zᵀWz / zᵀz``,
    ``E[I] = -1 / (n - 1)``, variances under normality and under randomisation
    (Cliff and Ord), and a permutation test: ``permutations`` random
    permutations of the values, drawn from ``numpy.random.RandomState(seed)``
    exactly as esda draws them after ``numpy.random.seed(seed)``.

    Parameters
    ----------
    values : Series
        One value per commune, in the row order of the weights.
    w : Weights
        Output of :func:`weights`; islands have no lag (their row is empty).
    permutations : int
        Number of permutations (0: analytical inference only).
    seed : int
        Seed of the permutations.

    Returns
    -------
    dict
        ``I``, ``expected_I``; ``z`` and ``p_value``: from the permutations
        (``z`` = (I − mean) / std of the simulated I, ``p_value`` = pseudo
        p-value toward the observed side, see :func:`_directed_p`), or under
        randomisation when ``permutations`` is 0; ``z_rand`` and ``p_rand``
        (analytical, randomisation, two-tailed); ``p_normal`` (normality,
        two-tailed); ``permutations`` and ``seed``. Values are ``None`` with a
        ``note`` when the variable does not vary or no commune has a neighbour.
    """
    import numpy as np

    y = values.to_numpy(dtype=float)
    base = {"I": None, "expected_I": None, "z": None, "p_value": None, "p_normal": None,
            "z_rand": None, "p_rand": None, "permutations": permutations, "seed": seed,
            "note": ""}
    if len(y) < 4 or np.nanstd(y) == 0:
        return base | {"note": "no variation: every commune has the same value"}
    if not w.s0:
        return base | {"note": "no commune has a neighbour"}
    n = len(y)
    z = y - y.mean()
    z2ss = float(z @ z)
    card = w.cardinalities
    inv = w.edge_weights()  # w_ij = 1 / c_i; the reverse edge weighs 1 / c_j
    s0 = float((card > 0).sum())
    s1 = 0.5 * float(((inv + 1.0 / card[w.j]) ** 2).sum())
    s2 = float((((card > 0) + np.bincount(w.j, weights=inv, minlength=n)) ** 2).sum())
    i_obs = n / s0 * float(z @ w.lag(z)) / z2ss
    ei = -1.0 / (n - 1)
    vi_norm = (n * n * s1 - n * s2 + 3 * s0 * s0) / ((n - 1) * (n + 1) * s0 * s0) - ei * ei
    k = (z ** 4).sum() / n / ((z ** 2).sum() / n) ** 2
    a = n * ((n * n - 3 * n + 3) * s1 - n * s2 + 3 * s0 * s0)
    b = k * ((n * n - n) * s1 - 2 * n * s2 + 6 * s0 * s0)
    vi_rand = (a - b) / ((n - 1) * (n - 2) * (n - 3) * s0 * s0) - ei * ei
    z_norm = (i_obs - ei) / np.sqrt(vi_norm)
    z_rand = (i_obs - ei) / np.sqrt(vi_rand)
    out = base | {"I": i_obs, "expected_I": ei, "p_normal": _two_tailed(z_norm),
                  "z_rand": float(z_rand), "p_rand": _two_tailed(z_rand),
                  "z": float(z_rand), "p_value": _two_tailed(z_rand)}
    if not permutations:
        return out
    rs = np.random.RandomState(seed)
    sims = np.empty(permutations)
    step = max(1, _BLOCK_CELLS // max(n, len(w.i)))  # the lag gathers one value per edge
    for start in range(0, permutations, step):
        count = min(step, permutations - start)
        zp = z[np.stack([rs.permutation(n) for _ in range(count)], axis=1)]  # n × count
        sims[start:start + count] = n / s0 * (zp * w.lag(zp)).sum(axis=0) / z2ss
    sd = sims.std()
    return out | {"z": float((i_obs - sims.mean()) / sd) if sd > 0 else None,
                  "p_value": float(_directed_p(i_obs, sims))}


def lisa(communes: pd.DataFrame, values: pd.Series, w: Weights, *, permutations: int = 999,
         seed: int = 12345, alpha: float = 0.05) -> pd.DataFrame:
    """Local Moran's I (LISA) per commune, conditional permutation inference.

    Same statistic, quadrants and permutation draws as
    ``esda.Moran_Local(y, w, transformation="r", seed=seed)`` (cross-checked in
    the tests): ``Iᵢ = (n - 1) zᵢ lagᵢ / Σz²`` with ``z`` standardised and
    ``lag`` the neighbours' mean of ``z``; for each commune the values of its
    ``cᵢ`` neighbours are replaced ``permutations`` times by ``cᵢ`` values
    drawn without replacement from the other communes (the draw ``k`` is the
    first ``cᵢ`` of ``RandomState(seed)``'s ``k``-th permutation of ``n - 1``,
    as esda's pure-Python path draws them).

    Returns
    -------
    DataFrame
        :data:`LISA_COLUMNS`. ``quadrant`` is ``"HH"``, ``"LH"``, ``"LL"`` or
        ``"HL"`` (value vs neighbours' mean); ``p_value`` is the directed
        pseudo p-value of :func:`_directed_p` (esda's, ties counted on both
        sides); ``cluster_type`` is the quadrant when ``p_value <= alpha`` and
        ``"ns"`` (not significant) otherwise. An island commune (no neighbour)
        has no local statistic: ``lisa_i`` and ``p_value`` missing, ``quadrant``
        ``""``, ``"ns"`` (esda would give it Iᵢ = 0, p = 1/(K+1)). With no
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
    n = len(y)
    z = (y - y.mean()) / y.std()
    scaling = (n - 1) / float(z @ z)
    lag = w.lag(z)
    card = w.cardinalities
    has = card > 0
    local = np.where(has, scaling * z * lag, np.nan)
    quad = np.where(z > 0, np.where(lag > 0, "HH", "HL"), np.where(lag > 0, "LH", "LL"))
    quad = np.where(has, quad, "")
    out["lisa_i"] = local
    out["quadrant"] = quad
    if permutations:
        out["p_value"] = _conditional_p(z, lag, card, scaling, permutations, seed)
        out["significant"] = (out["p_value"] <= alpha).to_numpy()
    out["cluster_type"] = np.where(out["significant"], quad, "ns")
    return out


def _conditional_p(z: Any, lag: Any, card: Any, scaling: float, permutations: int,
                   seed: int) -> Any:
    """Conditional-permutation pseudo p-values of the local Moran's I (NaN for islands)."""
    import numpy as np

    n = len(z)
    rs = np.random.RandomState(seed)
    max_card = int(card.max())
    draws = np.stack([rs.permutation(n - 1)[:max_card] for _ in range(permutations)])
    p = np.full(n, np.nan)
    for c in np.unique(card[card > 0]):
        rows = np.flatnonzero(card == c)
        ids = draws[:, :c]  # K × c positions among the n - 1 other communes
        step = max(1, _BLOCK_CELLS // (permutations * int(c)))
        for start in range(0, len(rows), step):
            r = rows[start:start + step]
            # position among "the others" -> row position: skip commune r itself
            pos = ids[None, :, :] + (ids[None, :, :] >= r[:, None, None])
            sims = scaling * z[r, None] * z[pos].mean(axis=2)  # len(r) × K
            p[r] = _directed_p(scaling * z[r] * lag[r], sims)
    return p


def gap_structure(communes: gpd.GeoDataFrame, pairs: pd.DataFrame, order: pd.Series, *,
                  in_data: pd.Series | None = None, permutations: int = 999
                  ) -> tuple[pd.DataFrame, dict, pd.DataFrame]:
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
        covered: never isolated, in no gap cluster, outside Moran's I and LISA
        (their pairs are dropped from ``pairs``, not recomputed).
    permutations : int
        Permutations of the Moran and LISA tests.

    Returns
    -------
    tuple
        ``(columns, moran, lisa_table)``: a DataFrame on ``communes.index`` with
        ``isolated``, ``cluster``, ``cluster_size`` and ``lisa`` (``""`` where
        no data); :func:`moran`'s dict; :func:`lisa`'s table for communes with data.
    """
    import numpy as np
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
    mask = known.to_numpy()
    sub = communes[mask]
    sub_pairs = pairs
    if not mask.all():  # adjacency is pairwise: keep pairs of two known units, renumbered
        i, j = pairs["i"].to_numpy(), pairs["j"].to_numpy()
        keep = mask[i] & mask[j]
        position = np.cumsum(mask) - 1
        sub_pairs = pd.DataFrame({"i": position[i[keep]], "j": position[j[keep]]})
    w = weights(sub, sub_pairs)
    value = sub["covered"].astype(float)
    moran_result = moran(value, w, permutations=permutations)
    lisa_table = lisa(sub, value, w, permutations=permutations)
    out.loc[known.to_numpy(), "lisa"] = lisa_table["cluster_type"].to_numpy()
    return out, moran_result, lisa_table
