"""Our Moran's I and LISA against esda/libpysal (the reference) on the real Cà Mau adjacency.

The analysis computes both statistics itself (no libpysal import at run
time); esda and libpysal are test dependencies, used here only. Two
variables: the scenario's coverage (0/1, many ties among simulated values)
and a continuous one (no ties, so the permutation p-values must be equal).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from test_analysis_scenario import scenario_communes, scenario_result

from camau_gis.analysis import neighbours as nb

esda = pytest.importorskip("esda")
libpysal = pytest.importorskip("libpysal")

PERMS = 199
SEED = 12345


@pytest.fixture(scope="module")
def setup():
    communes = scenario_communes()
    pairs = nb.adjacency(communes)
    ours = nb.weights(communes, pairs)
    ref = libpysal.weights.WSP(nb.neighbour_matrix(len(communes), pairs)).to_W(
        silence_warnings=True)
    covered = scenario_result().communes.set_index("gso_code").loc[
        communes["gso_code"], "covered"].astype(float).reset_index(drop=True)
    rng = np.random.default_rng(7)
    centroids = communes.to_crs("EPSG:32648").geometry.centroid
    # continuous, spatially structured: a south-north trend plus noise
    smooth = pd.Series(centroids.y.to_numpy() / 1e4 + rng.normal(size=len(communes)))
    return communes, ours, ref, {"coverage": covered, "continuous": smooth}


def _esda_moran(y, w):
    state = np.random.get_state()
    try:
        np.random.seed(SEED)
        return esda.Moran(y, w, transformation="r", permutations=PERMS)
    finally:
        np.random.set_state(state)


def _esda_local(y, w):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return esda.Moran_Local(y, w, transformation="r", permutations=PERMS, seed=SEED,
                                keep_simulations=True)


def test_weights_match_libpysal(setup):
    _, ours, ref, _ = setup
    ref.transform = "r"
    assert ours.n == ref.n == 101
    assert ours.islands == ref.islands == []
    assert (abs(ours.standardised() - ref.sparse) > 1e-12).nnz == 0
    ref.transform = "b"
    assert ours.s0 == ref.s0


@pytest.mark.parametrize("variable", ["coverage", "continuous"])
def test_global_moran_matches_esda(setup, variable):
    _, ours, ref, values = setup
    y = values[variable]
    mine = nb.moran(y, ours, permutations=PERMS, seed=SEED)
    mi = _esda_moran(y.to_numpy(), ref)
    assert mine["I"] == pytest.approx(mi.I, rel=1e-12)
    assert mine["expected_I"] == pytest.approx(mi.EI, rel=1e-12)
    assert mine["z_rand"] == pytest.approx(mi.z_rand, rel=1e-9)
    assert mine["p_rand"] == pytest.approx(mi.p_rand, rel=1e-6, abs=1e-300)
    assert mine["p_normal"] == pytest.approx(mi.p_norm, rel=1e-6, abs=1e-300)
    # same permutations: same simulated distribution, hence the same z
    assert mine["z"] == pytest.approx(mi.z_sim, rel=1e-9)
    if variable == "continuous":
        assert mine["p_value"] == pytest.approx(mi.p_sim, rel=1e-12)
    else:  # ties count on both sides: never more significant than esda
        assert mine["p_value"] >= mi.p_sim - 1e-12


@pytest.mark.parametrize("variable", ["coverage", "continuous"])
def test_lisa_matches_esda(setup, variable):
    communes, ours, ref, values = setup
    y = values[variable]
    mine = nb.lisa(communes, y, ours, permutations=PERMS, seed=SEED)
    ml = _esda_local(y.to_numpy(), ref)
    np.testing.assert_allclose(mine["lisa_i"], ml.Is, rtol=1e-10, atol=1e-12)
    labels = np.array(["", "HH", "LH", "LL", "HL"], dtype=object)[np.asarray(ml.q, dtype=int)]
    assert (mine["quadrant"].to_numpy() == labels).all()
    assert set(mine["quadrant"]) <= {"HH", "LH", "LL", "HL"}
    p_esda = np.asarray(ml.p_sim, dtype=float)  # esda stores float32
    if variable == "continuous":
        np.testing.assert_allclose(mine["p_value"], p_esda, rtol=1e-6)
    else:
        assert (mine["p_value"].to_numpy() >= p_esda - 1e-6).all()
        # the conditional-permutation reference distributions are the same ones:
        # recount esda's simulations with our tie rule and compare exactly
        sims = np.asarray(ml.sim).T  # n × K
        recount = nb._directed_p(np.asarray(ml.Is), sims)
        np.testing.assert_allclose(mine["p_value"], recount, rtol=1e-12)
    sig = mine["p_value"] <= 0.05
    assert (mine["cluster_type"] == np.where(sig, mine["quadrant"], "ns")).all()


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # esda's z_sim of the island
def test_islands_stay_and_get_no_local_statistic():
    import geopandas as gpd
    from shapely.geometry import box

    communes = gpd.GeoDataFrame(
        {"gso_code": [str(k) for k in range(7)], "name": list("abcdefg"),
         "district": ["x"] * 7},
        geometry=[box(105.0 + 0.01 * k, 9.0, 105.01 + 0.01 * k, 9.01) for k in range(6)]
        + [box(105.5, 9.5, 105.51, 9.51)],
        crs="EPSG:4326",
    )
    values = pd.Series([1.0, 1.0, 1.0, 0.0, 0.0, 1.0, 0.0])
    pairs = nb.adjacency(communes, tolerance_m=10)
    w = nb.weights(communes, pairs)
    assert w.n == 7 and w.islands == [6]
    ref = libpysal.weights.WSP(nb.neighbour_matrix(7, pairs)).to_W(silence_warnings=True)
    mine = nb.moran(values, w, permutations=PERMS)
    mi = _esda_moran(values.to_numpy(), ref)
    assert mine["I"] == pytest.approx(mi.I, rel=1e-12)
    assert mine["z_rand"] == pytest.approx(mi.z_rand, rel=1e-9)
    table = nb.lisa(communes, values, w, permutations=PERMS)
    assert len(table) == 7
    island = table.iloc[6]
    assert island["quadrant"] == "" and island["cluster_type"] == "ns"
    assert np.isnan(island["lisa_i"]) and np.isnan(island["p_value"])
    ml = _esda_local(values.to_numpy(), ref)
    np.testing.assert_allclose(table["lisa_i"][:6], ml.Is[:6], rtol=1e-10, atol=1e-12)


def test_directed_p_counts_ties_on_both_sides():
    sims = np.array([[0.0, 1.0, 1.0, 2.0, 3.0]])
    # observed 1: four values >= 1, three <= 1 -> (min(4, 3) + 1) / 6
    assert nb._directed_p(np.array([1.0]), sims)[0] == pytest.approx(4 / 6)
    assert nb._directed_p(np.array([5.0]), sims)[0] == pytest.approx(1 / 6)
    assert nb._directed_p(np.array([-1.0]), sims)[0] == pytest.approx(1 / 6)
    # rounding noise is a tie, not a more extreme value
    assert nb._directed_p(np.array([3.0 + 1e-13]), sims)[0] == pytest.approx(2 / 6)


def test_components_match_scipy():
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components

    rng = np.random.default_rng(3)
    for n, m in [(1, 0), (5, 0), (30, 20), (200, 150), (500, 900)]:
        a = rng.integers(0, n, m)
        b = rng.integers(0, n, m)
        ours = nb._components(n, a, b)
        count, ref = connected_components(csr_matrix((np.ones(m), (a, b)), shape=(n, n)),
                                          directed=False)
        assert len(np.unique(ours)) == count
        # same partition: each of our labels maps to exactly one of scipy's and back
        pairs = set(zip(ours.tolist(), ref.tolist(), strict=True))
        assert len(pairs) == count


def test_lag_is_the_neighbours_mean(setup):
    _, ours, _, values = setup
    y = values["continuous"].to_numpy()
    expected = ours.standardised() @ y
    np.testing.assert_allclose(ours.lag(y), expected, rtol=1e-12)
    both = np.c_[y, 2 * y]
    np.testing.assert_allclose(ours.lag(both), np.c_[expected, 2 * expected], rtol=1e-12)


def test_build_does_not_import_libpysal_or_esda(tmp_path):
    """The analysis of the scenario imports neither esda/libpysal nor scipy (fresh process)."""
    import subprocess
    import sys

    code = (
        "import sys, warnings; warnings.simplefilter('ignore');"
        "from test_analysis_scenario import scenario_result; scenario_result();"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('esda', 'libpysal', 'sklearn', 'scipy')))"
    )
    from pathlib import Path

    tests_dir = Path(__file__).resolve().parent
    done = subprocess.run([sys.executable, "-c", code], cwd=tests_dir, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_blocks_do_not_change_the_results(setup, monkeypatch):
    """Permutations and communes processed in small blocks give the same numbers."""
    communes, ours, _, values = setup
    y = values["continuous"]
    whole_m = nb.moran(y, ours, permutations=PERMS)
    whole_l = nb.lisa(communes, y, ours, permutations=PERMS)
    monkeypatch.setattr(nb, "_BLOCK_CELLS", 1)
    assert nb.moran(y, ours, permutations=PERMS) == whole_m
    pd.testing.assert_frame_equal(nb.lisa(communes, y, ours, permutations=PERMS), whole_l)
