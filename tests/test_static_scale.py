"""Static maps of large layers: label density follows the map scale, legend counts stay exact.

A synthetic grid of 5,000 square communes in 100 districts stands for a
region or the whole country on one A4 page (no shared data needed).
"""

from __future__ import annotations

import unicodedata
from collections import Counter

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from _analysis_factory import make_analysis

from camau_gis.render import palette, static
from camau_gis.render.static import plot_map, save_figure

N_COLS, N_ROWS, SIDE_M = 100, 50, 2_000.0


pytestmark = pytest.mark.usefixtures("layer_cache_in_tmp")


@pytest.fixture(scope="module")
def grid_analysis():
    """5,000 squares of 2 km (EPSG:4326) in 100 districts of 50, named "Xã 1"…"Xã 5000"."""
    import geopandas as gpd
    import shapely

    from camau_gis import settings

    i = np.arange(N_COLS * N_ROWS)
    col, row = i % N_COLS, i // N_COLS
    x0, y0 = 500_000.0 + col * SIDE_M, 1_000_000.0 + row * SIDE_M
    boxes = shapely.box(x0, y0, x0 + SIDE_M, y0 + SIDE_M)
    district = ((row // 2) * 2 + col // 50) * 2 + row % 2  # 100 districts of 50 (one row)
    names = [f"Xã {k + 1}" for k in i]
    gdf = gpd.GeoDataFrame(
        {
            "gso_code": [f"{k:05d}" for k in i],
            "dist_code": [f"{d:03d}" for d in district],
            "prov_code": "99",
            "name": names,
            "short_name": [n.removeprefix("Xã ") for n in names],
            "unit_type": "xã",
            "district": [f"Huyện Thử {d}" for d in district],
            "dist_short": [f"Thử {d}" for d in district],
            "province": "Tỉnh Thử",
            "area_km2": SIDE_M**2 / 1e6,
            "vintage": "2019",
        },
        geometry=boxes,
        crs=settings.metric_crs,
    ).to_crs("EPSG:4326")
    return make_analysis(gdf)


@pytest.fixture(scope="module")
def grid_map(grid_analysis, tmp_path_factory):
    fig, ax = plot_map(grid_analysis, "coverage", lang="vi", page="A4-landscape")
    png = save_figure(fig, tmp_path_factory.mktemp("scale") / "grid.png", dpi=100)
    return fig, ax, png


def test_every_commune_is_accounted_for_and_none_has_a_leader_line(grid_map):
    labels = grid_map[0].camau_labels
    outcome = labels.inside + labels.leader + labels.omitted + labels.skipped
    assert len(outcome) == N_COLS * N_ROWS
    assert labels.leader == []  # no leader lines on a crowded map
    # a 2 km square is ~1.5 pt on this page: far too small for a name
    assert len(labels.skipped) > 0.9 * N_COLS * N_ROWS
    assert len(labels.inside) <= len(labels.boxes)


def test_legend_counts_match_the_categories(grid_map, grid_analysis):
    fig = grid_map[0]
    legend = [t.get_text().replace("\n", " ") for t in fig.legends[0].get_texts()]
    expected = Counter(grid_analysis.communes["category"])
    counted = 0
    from camau_gis.analysis.classes import CATEGORIES_2019
    from camau_gis.i18n import t

    for key in CATEGORIES_2019:  # every category a 2019 legend shows
        label = t(f"cat_{key}", "vi")
        line = next((t for t in legend if t.startswith(label + " (")), None)
        if line is None:  # classes without a unit are not listed
            assert expected.get(key, 0) == 0
            continue
        n = int(line.rsplit("(", 1)[1].rstrip(")"))
        assert n == expected.get(key, 0)
        counted += n
    assert counted == N_COLS * N_ROWS


def test_no_district_names_and_a_count_instead_of_names_in_the_footer(grid_map):
    fig, ax, _ = grid_map
    texts = [unicodedata.normalize("NFC", t.get_text()) for t in fig.texts + ax.texts]
    assert not any(t.startswith("Thử ") for t in texts)  # 100 districts: outlines only
    footer = next(t for t in fig.texts if "Không ghi tên" in t.get_text()).get_text()
    labels = fig.camau_labels
    n_out = len(labels.omitted) + len(labels.skipped)
    assert f"{static.fmt_number(n_out, 'vi')}/{static.fmt_number(5000, 'vi')}" in footer
    assert "Xã" not in footer and ", 4999" not in footer  # no list of 5,000 names


def test_png_shows_the_category_colours(grid_map, grid_analysis):
    from PIL import Image

    pixels = np.asarray(Image.open(grid_map[2]).convert("RGB")).reshape(-1, 3)
    colours = {tuple(int(c) for c in p) for p in np.unique(pixels, axis=0)}
    for key in set(grid_analysis.communes["category"]):
        h = palette.CATEGORY[key].lstrip("#")
        assert tuple(int(h[i : i + 2], 16) for i in (0, 2, 4)) in colours


def test_polygon_paths_match_shapely_plotting():
    import shapely
    from shapely.plotting import patch_from_polygon

    hole = shapely.Polygon(
        [(0, 0), (0, 10), (10, 10), (10, 0)], [[(2, 2), (4, 2), (4, 4), (2, 4)]]
    )
    multi = shapely.MultiPolygon([hole, shapely.box(20, 0, 25, 5, ccw=False)])
    geoms = [hole, multi, shapely.box(1, 1, 2, 2)]
    for path, geom in zip(static.polygon_paths(geoms), geoms, strict=True):
        ref = patch_from_polygon(geom).get_path()
        np.testing.assert_allclose(path.vertices, ref.vertices)
        assert list(path.codes) == list(ref.codes)
