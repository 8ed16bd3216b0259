"""Adjacency from the polygons, clusters of gaps, Moran's I and LISA."""

from __future__ import annotations

import pandas as pd
import pytest
import shapely
from test_analysis_scenario import scenario_communes, scenario_result

from camau_gis import settings
from camau_gis.analysis import neighbours as nb


@pytest.fixture(scope="module")
def communes():
    return scenario_communes()


@pytest.fixture(scope="module")
def pairs(communes):
    return nb.adjacency(communes)


def _adjacent(pairs: pd.DataFrame, a: str, b: str) -> bool:
    names = set(zip(pairs["name_a"], pairs["name_b"], strict=False))
    return (a, b) in names or (b, a) in names


def test_known_neighbours(pairs):
    assert _adjacent(pairs, "Xã Hiệp Tùng", "Xã Tam Giang")
    assert _adjacent(pairs, "Phường 1", "Phường 9")
    assert not _adjacent(pairs, "Phường 1", "Phường 5")


def test_pairs_are_unique_unordered_and_not_self(pairs):
    assert (pairs["gso_a"] != pairs["gso_b"]).all()
    keys = pairs.apply(lambda r: frozenset((r["gso_a"], r["gso_b"])), axis=1)
    assert keys.is_unique
    assert (pairs["gap_m"] <= nb.TOLERANCE_M).all()


def test_tolerance_bridges_slivers_but_not_real_gaps(communes):
    # Phường 1 and Phường 2 are ~48 m apart in the thinned data: a sliver, not a gap
    strict = nb.adjacency(communes, tolerance_m=0)
    assert not _adjacent(strict, "Phường 1", "Phường 2")
    assert _adjacent(nb.adjacency(communes, tolerance_m=100), "Phường 1", "Phường 2")
    # the gap reported is the true polygon distance
    metric = communes.to_crs(settings.metric_crs).set_index("name").geometry
    wide = nb.adjacency(communes, tolerance_m=100)
    row = wide[(wide["name_a"] == "Phường 1") & (wide["name_b"] == "Phường 2")
               | (wide["name_a"] == "Phường 2") & (wide["name_b"] == "Phường 1")]
    assert row["gap_m"].item() == pytest.approx(
        shapely.distance(metric["Phường 1"], metric["Phường 2"]), abs=0.1)


def test_every_commune_has_a_neighbour(communes, pairs):
    w = nb.weights(communes, pairs)
    assert w.n == 101 and not w.islands
    assert w.s0 == 2 * len(pairs)


def test_clusters_are_connected_components_of_uncovered_communes(communes, pairs):
    result = scenario_result()
    c = result.communes.reset_index(drop=True)
    cluster = dict(zip(c["gso_code"], c["cluster"], strict=False))
    covered = dict(zip(c["gso_code"], c["covered"], strict=False))
    for a, b in zip(pairs["gso_a"], pairs["gso_b"], strict=False):
        if not covered[a] and not covered[b]:
            assert cluster[a] == cluster[b]
    sizes = c.dropna(subset=["cluster"]).groupby("cluster").size()
    assert (c.dropna(subset=["cluster"]).set_index("cluster")["clus_size"]
            == sizes.reindex(c.dropna(subset=["cluster"])["cluster"]).to_numpy()).all()
    assert c.loc[c["covered"], "cluster"].isna().all()
    # biggest cluster first: the wards of Cà Mau city without a model
    first = c[c["cluster"] == 1]
    assert set(first["dist_short"]) == {"Cà Mau"} and len(first) == 9
    # Hiệp Tùng and Tam Giang form one cluster of two
    u = result.uncovered.set_index("name")
    assert u.loc["Xã Hiệp Tùng", "cluster"] == u.loc["Xã Tam Giang", "cluster"]
    assert u.loc["Xã Hiệp Tùng", "cluster_size"] == 2
    table = result.extra["clusters"]
    assert table["size"].sum() == len(result.uncovered)


def test_isolated_needs_no_covered_neighbour(communes, pairs):
    covered = pd.Series(False, index=communes.index)
    covered[communes["name"] == "Xã Tam Giang"] = True
    iso = nb.isolated(covered, pairs)
    assert not iso[communes["name"] == "Xã Hiệp Tùng"].item()  # borders Tam Giang
    assert not iso[communes["name"] == "Xã Tam Giang"].item()  # covered
    assert iso[communes["name"] == "Phường 1"].item()


def test_moran_detects_clustered_gaps_and_lisa_labels_them(communes, pairs):
    result = scenario_result()
    moran = result.summary["spatial"]["moran"]
    assert moran["I"] > moran["expected_I"]
    assert moran["p_value"] <= 0.05
    lisa = result.extra["lisa"].set_index("name")
    # uncovered city wards surrounded by uncovered wards: low-low
    assert lisa.loc["Phường 4", "cluster_type"] == "LL"
    assert set(lisa["cluster_type"]) <= {"HH", "LL", "HL", "LH", "ns"}
    assert result.communes.set_index("name").loc["Phường 4", "lisa"] == "LL"


def test_moran_of_a_pattern_without_spatial_structure_is_not_significant(communes, pairs):
    # coverage spread by GSO code parity has no spatial structure
    w = nb.weights(communes, pairs)
    values = (communes["gso_code"].astype(int) // 3 % 2).astype(float)
    out = nb.moran(values, w, permutations=199)
    assert out["p_value"] > 0.01
    assert nb.moran(pd.Series(1.0, index=communes.index), w)["I"] is None


def test_weights_keep_communes_without_neighbours_as_islands():
    """An island commune (no neighbour) stays in the weights; Moran's I still runs."""
    import geopandas as gpd
    import pandas as pd
    from shapely.geometry import box

    from camau_gis.analysis import neighbours as nb

    communes = gpd.GeoDataFrame(
        {"gso_code": ["1", "2", "3", "4"], "name": list("abcd"), "district": ["x"] * 4,
         "covered": [True, False, True, False]},
        geometry=[box(105.0, 9.0, 105.01, 9.01), box(105.01, 9.0, 105.02, 9.01),
                  box(105.02, 9.0, 105.03, 9.01), box(105.5, 9.5, 105.51, 9.51)],
        crs="EPSG:4326",
    )
    pairs = nb.adjacency(communes, tolerance_m=10)
    w = nb.weights(communes, pairs)
    assert w.n == 4 and w.islands == [3]
    result = nb.moran(pd.Series([1.0, 0.0, 1.0, 0.0]), w, permutations=9)
    assert "I" in result


def test_pairs_are_kept_on_disk_per_boundary_geometry(ca_mau_communes, tmp_path, monkeypatch):
    """A second build reads the pairs of the same polygons from the cache, equal to computed."""
    import numpy as np

    monkeypatch.setattr(settings, "derived_cache_dir", tmp_path / "derived")
    first = nb.adjacency(ca_mau_communes)
    (entry,) = (tmp_path / "derived").glob("adjacency_*.npz")

    def refuse(*args, **kwargs):
        raise AssertionError("computed again although the cache holds the pairs")

    with monkeypatch.context() as m:
        m.setattr(nb, "_pairs", refuse)
        again = nb.adjacency(ca_mau_communes.copy())
    pd.testing.assert_frame_equal(again, first)
    assert len(first) > 200 and (first["border_m"] > 0).all()

    # a damaged entry is computed again and rewritten; other polygons or tolerance: own entry
    entry.write_bytes(b"not an npz")
    pd.testing.assert_frame_equal(nb.adjacency(ca_mau_communes), first)
    with np.load(entry) as data:
        assert len(data["left"]) == len(first)
    moved = ca_mau_communes.copy()
    moved.loc[moved.index[0], "geometry"] = shapely.affinity.translate(
        moved.geometry.iloc[0], 0.05)
    nb.adjacency(moved)
    nb.adjacency(ca_mau_communes, tolerance_m=50.0)
    assert len(list((tmp_path / "derived").glob("adjacency_*.npz"))) == 3
