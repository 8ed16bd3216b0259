"""Static maps: the locator outline and other costly layers are cached once per boundary file.

A small synthetic grid (no shared data needed) stands for a boundary file.
The assertions are on the cache file (written once, named by the file's
geometry hash, reused, rebuilt when broken) and on what the figure draws,
never on time. Also: PNG pixels equal matplotlib's own writer's, and
boundary paths hold every ring once.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import re

import numpy as np
import pytest
from _analysis_factory import make_analysis

from camau_gis.render import _geocache, static

N_COLS, N_ROWS, SIDE_M = 6, 4, 3_000.0


def _grid(shift: float = 0.0):
    """24 squares of 3 km (EPSG:4326) in 3 districts; ``shift`` moves the last one (metres)."""
    import geopandas as gpd
    import shapely

    from camau_gis import settings

    i = np.arange(N_COLS * N_ROWS)
    col, row = i % N_COLS, i // N_COLS
    x0, y0 = 500_000.0 + col * SIDE_M, 1_000_000.0 + row * SIDE_M
    x0[-1] += shift
    district = col // 2
    return gpd.GeoDataFrame(
        {
            "gso_code": [f"{k:05d}" for k in i],
            "dist_code": [f"{d:03d}" for d in district],
            "prov_code": "99",
            "name": [f"Xã {k + 1}" for k in i],
            "short_name": [str(k + 1) for k in i],
            "unit_type": "xã",
            "district": [f"Huyện Thử {d}" for d in district],
            "dist_short": [f"Thử {d}" for d in district],
            "province": "Tỉnh Thử",
            "area_km2": SIDE_M**2 / 1e6,
            "vintage": "2019",
        },
        geometry=shapely.box(x0, y0, x0 + SIDE_M, y0 + SIDE_M),
        crs=settings.metric_crs,
    ).to_crs("EPSG:4326")


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    """An empty ``shapefiles/`` folder; the in-memory layer cache emptied before and after."""
    from camau_gis import settings

    monkeypatch.setattr(settings, "shapefiles_dir", tmp_path / "shapefiles")
    monkeypatch.setattr(settings, "derived_cache_dir", tmp_path / "shapefiles" / "cache")
    static._layer_cache.clear()
    yield tmp_path / "shapefiles" / "cache"
    static._layer_cache.clear()


def _layer_files(cache_dir) -> list:
    """The layers' cache files ``static_<24 hex digits>.npz`` (not the display geometry's)."""
    return sorted(p for p in cache_dir.glob("static_*.npz")
                  if re.fullmatch(r"static_[0-9a-f]{24}", p.stem))


def _inset_outline(fig) -> np.ndarray:
    """Vertices of the province drawn in the locator inset (its PolyCollection)."""
    from matplotlib.collections import PolyCollection

    inset = fig.axes[1]
    (coll,) = [c for c in inset.collections if isinstance(c, PolyCollection)]
    return np.concatenate([p.vertices for p in coll.get_paths()])


def test_layers_are_cached_once_per_boundary_file_and_reused(cache_dir, monkeypatch):
    import shapely

    communes = _grid()
    lay = static.layers(communes)
    files = _layer_files(cache_dir)
    assert files == [lay["cache_file"]]
    assert lay["province"].equals(shapely.union_all(communes.geometry.values))
    written = files[0].read_bytes()

    # another process (empty memory) with another copy of the same file: read, not recomputed
    static._layer_cache.clear()

    def refuse(*args, **kwargs):
        raise AssertionError("recomputed although the cache holds it")

    with monkeypatch.context() as m:
        m.setattr(shapely, "union_all", refuse)
        m.setattr(shapely, "maximum_inscribed_circle", refuse)
        again = static.layers(communes.copy())
    assert again["cache_file"] == lay["cache_file"]
    assert _layer_files(cache_dir) == files
    assert files[0].read_bytes() == written
    assert again["province"].equals(lay["province"])
    assert again["districts"].geometry.equals(lay["districts"].geometry)
    np.testing.assert_allclose(again["communes"]["lab_r"], lay["communes"]["lab_r"])
    np.testing.assert_allclose(again["districts"]["lab_x"], lay["districts"]["lab_x"])
    assert list(again["districts"]["district"]) == ["Huyện Thử 0", "Huyện Thử 1", "Huyện Thử 2"]
    assert list(again["districts"]["n"]) == [8, 8, 8]


def test_cache_key_is_the_geometry_hash(cache_dir):
    lay = static.layers(_grid())
    moved = static.layers(_grid(shift=500.0))  # one commune moved: another boundary file
    assert moved["cache_file"] != lay["cache_file"]
    assert len(_layer_files(cache_dir)) == 2
    key = lay["cache_file"].stem.removeprefix("static_")
    communes = _grid()
    digest = _geocache.geometry_key(communes.geometry.values, {"x": 1})
    assert len(key) == 24 and all(c in "0123456789abcdef" for c in key)
    assert digest != _geocache.geometry_key(_grid(shift=500.0).geometry.values, {"x": 1})
    assert digest == _geocache.geometry_key(communes.copy().geometry.values, {"x": 1})


def test_a_table_read_back_from_the_canonical_cache_finds_the_same_layers(cache_dir, tmp_path):
    """The canonical cache restores the CRS from PROJJSON; the layers' key must not change.

    (It did: ``str(crs)`` is "EPSG:4326" for the table a first build makes and the
    whole PROJJSON for the table every later build reads, so the second build
    computed the layers again - 8 s nationally.)
    """
    from camau_gis.normalize._canonical_cache import read_frame, write_frame

    communes = _grid()
    lay = static.layers(communes)
    write_frame(tmp_path / "t.parquet", communes)
    back, _ = read_frame(tmp_path / "t.parquet")
    assert str(back.crs) != str(communes.crs) and back.crs == communes.crs
    static._layer_cache.clear()
    assert static.layers(back)["cache_file"] == lay["cache_file"]
    assert len(_layer_files(cache_dir)) == 1


def _commune_vertices(ax) -> np.ndarray:
    return np.concatenate([p.vertices for p in ax.collections[0].get_paths()])


def test_map_drawn_from_the_cache_equals_the_map_computed(cache_dir, monkeypatch, close_figures):
    import shapely

    analysis = make_analysis(_grid())
    fig, ax = static.plot_map(analysis, "coverage")
    first = _inset_outline(fig)
    assert len(_layer_files(cache_dir)) == 1
    # print geometry of the communes and of the districts, one file each for this page
    assert len(list(cache_dir.glob("static_display_*.npz"))) == 2
    static._layer_cache.clear()
    simplified = []
    simplify = shapely.simplify

    def spy(geoms, *args, **kwargs):
        simplified.append(np.size(geoms))
        return simplify(geoms, *args, **kwargs)

    with monkeypatch.context() as m:
        m.setattr(shapely, "union_all", None)  # the locator outline is not recomputed
        m.setattr(shapely, "simplify", spy)
        fig2, ax2 = static.plot_map(make_analysis(_grid()), "coverage")
    assert N_COLS * N_ROWS not in simplified and 3 not in simplified  # communes, districts read
    np.testing.assert_allclose(_inset_outline(fig2), first)
    np.testing.assert_allclose(_commune_vertices(ax2), _commune_vertices(ax))
    assert len(ax2.collections[0].get_paths()) == N_COLS * N_ROWS
    # the inset outlines the whole grid: 18 x 12 km around the squares' bounds
    lon, lat = first[:, 0], first[:, 1]
    west, south, east, north = analysis.communes.total_bounds
    assert np.isclose(lon.min(), west) and np.isclose(lon.max(), east)
    assert np.isclose(lat.min(), south) and np.isclose(lat.max(), north)
    texts = [t.get_text() for t in fig2.axes[0].texts]
    assert any(t.startswith("Thử ") for t in texts)  # district names from the cached layer


def test_broken_cache_file_is_rebuilt(cache_dir):
    lay = static.layers(_grid())
    good = lay["cache_file"].read_bytes()
    lay["cache_file"].write_bytes(b"not a cache")
    static._layer_cache.clear()
    again = static.layers(_grid())
    assert again["province"].equals(lay["province"])
    assert again["cache_file"].read_bytes() == good


def test_unwritable_cache_warns_and_the_map_is_still_drawn(tmp_path, close_figures):
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the cache folder should be")
    static._layer_cache.clear()
    with pytest.warns(UserWarning, match="cache"):
        lay = static.layers(_grid(), cache_dir=blocker / "cache")
    static._layer_cache.clear()
    assert lay["province"].area > 0 and len(lay["districts"]) == 3
    assert not static.layers(_grid(), cache=False)["cache_file"]
    static._layer_cache.clear()


def test_png_pixels_equal_matplotlibs_own_writer(tmp_path, cache_dir, close_figures):
    from PIL import Image

    fig, _ = static.plot_map(make_analysis(_grid()), "c19")
    ours = static.save_figure(fig, tmp_path / "ours.png", dpi=120)
    with static.rc_context():
        fig.savefig(tmp_path / "mpl.png", dpi=120)
    with Image.open(ours) as checked:
        checked.verify()  # chunk CRCs and structure
    with Image.open(ours) as a, Image.open(tmp_path / "mpl.png") as b:
        assert a.mode == "RGB" and a.size == b.size
        assert a.info["dpi"] == b.info["dpi"] == pytest.approx((120, 120), abs=0.05)
        assert not {k for k in a.info if k not in ("dpi",)}  # no text metadata
        np.testing.assert_array_equal(np.asarray(a), np.asarray(b.convert("RGB")))


def test_transparent_figure_keeps_its_alpha(tmp_path):
    from PIL import Image

    fig = static.new_figure("A4-landscape")
    fig.patch.set_alpha(0.0)
    fig.add_axes((0.1, 0.1, 0.3, 0.3)).plot([0, 1], [0, 1])
    with matplotlib.rc_context({"savefig.facecolor": "none"}):
        static.write_png(fig, tmp_path / "t.png", dpi=50)
    with Image.open(tmp_path / "t.png") as im:
        alpha = np.asarray(im)[..., 3]
        assert im.mode == "RGBA" and alpha.min() == 0 and alpha.max() == 255


def test_cropped_figure_falls_back_to_matplotlibs_png(tmp_path):
    """rcParams savefig.bbox="tight" crops the page: matplotlib writes that PNG itself."""
    from PIL import Image

    fig = static.new_figure("A4-landscape")
    fig.add_axes((0.1, 0.1, 0.3, 0.3)).plot([0, 1], [0, 1])
    with matplotlib.rc_context({"savefig.bbox": "tight"}):
        static.write_png(fig, tmp_path / "ours.png", dpi=50)
        fig.savefig(tmp_path / "mpl.png", format="png", dpi=50)
    full = tuple(int(v) for v in fig.get_size_inches() * 50)
    with Image.open(tmp_path / "ours.png") as a, Image.open(tmp_path / "mpl.png") as b:
        assert a.size == b.size and a.size != full  # cropped, not the page's buffer
        np.testing.assert_array_equal(np.asarray(a), np.asarray(b))


def test_snapped_tolerance_is_at_most_the_asked_one():
    for t in (0.001, 0.37, 1.0, 123.4, 5e4):
        snapped = static.snap_tolerance(t)
        assert t / 2**0.25 <= snapped * (1 + 1e-12) and snapped <= t * (1 + 1e-12)
    assert static.snap_tolerance(101.0) == static.snap_tolerance(102.0)
    assert static.snap_tolerance(0.0) == 0.0


def test_boundary_path_holds_every_ring_once():
    import shapely
    from matplotlib.path import Path

    hole = shapely.Polygon([(0, 0), (0, 10), (10, 10), (10, 0)], [[(2, 2), (4, 2), (4, 4)]])
    multi = shapely.MultiPolygon([shapely.box(20, 0, 25, 5), shapely.box(30, 0, 31, 1)])
    path = static.boundary_path([hole, multi])
    starts = np.flatnonzero(path.codes == Path.MOVETO)
    assert len(starts) == 4  # exterior + hole + two parts
    rings = np.split(path.vertices, starts[1:])
    expected = [np.asarray(r.coords) for r in (hole.exterior, *hole.interiors)] + [
        np.asarray(p.exterior.coords) for p in multi.geoms
    ]
    for got, want in zip(rings, expected, strict=True):
        np.testing.assert_allclose(got, want)
    assert len(static.boundary_path([]).vertices) == 0
