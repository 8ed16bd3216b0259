"""Large-map features of the HTML map: Python-computed borders and markers in view.

1. Compact payloads carry the province outline and district borders as runs
   of the communes' ring vertices (``_geometry.border_runs``); checked here
   against an independent shapely computation on the same display geometry.
2. Above ``MARKER_THRESHOLD`` communes the rank badges and labels are made
   only from the label zoom on and only for the visible part of the map;
   checked in headless Chromium (in a subprocess, beside test_browser.py's
   in-process Playwright) on a synthetic grid of square communes.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from _analysis_factory import make_analysis

# --------------------------------------------------------------------------
# 1. district borders of the compact payload
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def compact_page(_ca_mau_communes_cached, tmp_path_factory):
    """The compact map of the real Cà Mau communes: its raw payload, decoded payload, analysis."""
    from camau_gis import settings
    from camau_gis.render import _geometry
    from camau_gis.render._html_payload import _PAYLOAD_RE
    from camau_gis.render.html import build_map, read_payload

    base = tmp_path_factory.mktemp("scale")
    mp = pytest.MonkeyPatch()
    mp.setattr(settings, "shapefiles_dir", base / "shapefiles")
    try:
        a = make_analysis(_ca_mau_communes_cached.copy())
        html = build_map(a, compact=True).get_root().render()
    finally:
        mp.undo()
    raw = json.loads(_PAYLOAD_RE.search(html).group(1))
    # the page's geometry is packed (base64 varints); the tests read the integers
    assert raw["communes"]["packing"] == _geometry.PACKING
    raw["communes"].update(_geometry.unpack_polygons(raw["communes"]))
    return raw, read_payload(html), a


def _rings(comp: dict) -> tuple[list[np.ndarray], np.ndarray]:
    """Integer vertices of every ring (closing vertex dropped) and the geometry of each ring."""
    pts = np.asarray(comp["coords"], dtype=np.int64).reshape(-1, 2)
    r_off, p_off, g_off = comp["rings"], comp["polys"], comp["geoms"]
    rings = [np.cumsum(pts[r_off[r]:r_off[r + 1]], axis=0) for r in range(len(r_off) - 1)]
    poly_of_ring = np.repeat(np.arange(len(p_off) - 1), np.diff(p_off))
    geom_of_poly = np.repeat(np.arange(len(g_off) - 1), np.diff(g_off))
    return rings, geom_of_poly[poly_of_ring]


def _segments(runs: list[int], rings: list[np.ndarray]) -> list[tuple[int, tuple, tuple]]:
    """(ring, start, end) of every non-degenerate segment of the ``ring, first, last`` runs."""
    assert len(runs) % 3 == 0
    out = []
    for ring, first, last in np.asarray(runs, dtype=np.int64).reshape(-1, 3):
        v = rings[ring]
        assert 0 <= first < last <= len(v), (ring, first, last, len(v))
        for k in range(first, last):
            a, b = tuple(v[k % len(v)]), tuple(v[(k + 1) % len(v)])
            if a != b:
                out.append((int(ring), a, b))
    return out


def _key(a: tuple, b: tuple) -> tuple:
    return (a, b) if a <= b else (b, a)


def test_compact_payload_district_borders_match_shapely(compact_page):
    import shapely

    raw, payload, a = compact_page
    comp = raw["communes"]
    scale = float(comp["scale"])
    feats = payload["communes"]["features"]
    geoms = np.array([shapely.geometry.shape(f["geometry"]) for f in feats], dtype=object)
    district = np.array([f["properties"]["district"] for f in feats], dtype=object)
    assert len(set(district)) == 9 and len(geoms) == 101

    rings, geom_of_ring = _rings(comp)
    inner = _segments(comp["borders"]["inner"], rings)
    outer = _segments(comp["borders"]["outer"], rings)
    assert inner and outer
    ikeys = [_key(a_, b_) for _, a_, b_ in inner]
    okeys = [_key(a_, b_) for _, a_, b_ in outer]
    # every segment drawn once, and never both as outline and as district border
    assert len(set(ikeys)) == len(ikeys) and len(set(okeys)) == len(okeys)
    assert not set(ikeys) & set(okeys)

    bounds = shapely.boundary(geoms)
    tree = shapely.STRtree(bounds)
    eps = 1e-3 / scale  # shared edges have the very same vertices
    province = shapely.union_all(geoms, grid_size=1 / scale).boundary

    def owners(a_, b_):
        seg = shapely.LineString(np.array([a_, b_], dtype=float) / scale)
        near = tree.query(seg, predicate="dwithin", distance=eps)
        return {int(i) for i in near if shapely.hausdorff_distance(
            seg, shapely.intersection(seg, shapely.buffer(bounds[i], eps))) < eps}, seg

    touched = set()
    for ring, a_, b_ in inner:
        own, _ = owners(a_, b_)
        touched |= {district[i] for i in own}
        assert geom_of_ring[ring] in own
        # between two communes of different districts
        assert len(own) == 2 and len({district[i] for i in own}) == 2, (a_, b_, own)
    for ring, a_, b_ in outer:
        own, seg = owners(a_, b_)
        assert own == {int(geom_of_ring[ring])}, (a_, b_, own)
        assert shapely.hausdorff_distance(
            seg, shapely.intersection(seg, shapely.buffer(province, eps))) < eps

    # lengths: the district borders are all the boundary shared by different districts
    shared = 0.0
    left, right = tree.query(bounds, predicate="intersects")
    for i, j in zip(left, right, strict=True):
        if i < j and district[i] != district[j]:
            shared += shapely.length(shapely.intersection(bounds[i], bounds[j]))
    drawn_inner = sum(np.hypot(*np.subtract(b_, a_)) for _, a_, b_ in inner) / scale
    drawn_outer = sum(np.hypot(*np.subtract(b_, a_)) for _, a_, b_ in outer) / scale
    assert drawn_inner == pytest.approx(shared, rel=1e-6)
    assert drawn_outer == pytest.approx(shapely.length(province), rel=1e-3)

    # each of the 9 districts touches some district border; runs join segments
    assert touched == set(district)
    n_runs = len(comp["borders"]["inner"]) // 3
    assert 9 <= n_runs < len(inner)

    # Phường 1 and Phường 9 (both in the city of Cà Mau) share a border but no district border
    names = [f["properties"]["name"] for f in feats]
    p1, p9 = names.index("Phường 1"), names.index("Phường 9")
    assert district[p1] == district[p9]
    common = shapely.intersection(bounds[p1], bounds[p9])
    assert shapely.length(common) > 0
    for ring, a_, b_ in inner:
        mid = shapely.Point((np.add(a_, b_) / 2) / scale)
        assert not (int(geom_of_ring[ring]) in (p1, p9)
                    and shapely.distance(mid, common) < eps), (a_, b_)


def test_border_runs_cache(compact_page, tmp_path, monkeypatch):
    from camau_gis.render import _geometry

    raw, payload, _ = compact_page
    comp = raw["communes"]
    enc = {k: comp[k] for k in ("scale", "coords", "rings", "polys", "geoms")}
    props = [f["properties"] for f in payload["communes"]["features"]]
    groups = np.array([p["dist_code"] or p["district"] for p in props], dtype=object)

    cache = tmp_path / "borders"
    assert _geometry.border_runs(enc, groups, cache_dir=cache, use_cache=False) == comp["borders"]
    assert not cache.exists() or not list(cache.iterdir())  # use_cache=False writes nothing
    first = _geometry.border_runs(enc, groups, cache_dir=cache)
    assert first == comp["borders"]
    files = list(cache.glob("borders_*.npz"))
    assert len(files) == 1
    # the second call reads the cache: the computation is not run again
    def boom(*args, **kwargs):
        raise AssertionError("border cache not used")

    monkeypatch.setattr(_geometry, "_border_runs", boom)
    assert _geometry.border_runs(enc, groups, cache_dir=cache) == first
    # other groups are another cache entry (all one district: no district border)
    monkeypatch.undo()
    one = _geometry.border_runs(enc, np.array(["x"] * len(groups), dtype=object), cache_dir=cache)
    assert one["inner"] == [] and one["outer"] == first["outer"]
    assert len(list(cache.glob("borders_*.npz"))) == 2


# --------------------------------------------------------------------------
# 2. markers only in view on maps above MARKER_THRESHOLD communes
# --------------------------------------------------------------------------

#: Side of the synthetic grid (> MARKER_THRESHOLD squares) and of one square (degrees).
SIDE = 34
CELL = 0.02


def _grid_analysis():
    import geopandas as gpd
    import shapely

    from camau_gis.render.html import MARKER_THRESHOLD

    assert SIDE * SIDE > MARKER_THRESHOLD
    x0, y0 = 104.7, 8.6
    ij = [(i, j) for j in range(SIDE) for i in range(SIDE)]
    geoms = [shapely.box(x0 + i * CELL, y0 + j * CELL, x0 + (i + 1) * CELL, y0 + (j + 1) * CELL)
             for i, j in ij]
    n = len(ij)
    unit = ["phường" if (i + j) % 2 else "xã" for i, j in ij]
    dist = [f"{(i // 12) * 3 + j // 12:02d}" for i, j in ij]
    communes = gpd.GeoDataFrame(
        {
            "gso_code": [f"9{k:04d}" for k in range(n)],
            "dist_code": dist,
            "prov_code": "96",
            "name": [f"{'Phường' if u == 'phường' else 'Xã'} Ô {k}" for k, u in enumerate(unit)],
            "short_name": [f"Ô {k}" for k in range(n)],
            "unit_type": unit,
            "district": [f"Huyện {d}" for d in dist],
            "dist_short": [f"H{d}" for d in dist],
            "province": "Tỉnh Thử",
            "area_km2": 4.9,
            "vintage": "2019",
        },
        geometry=geoms,
        crs="EPSG:4326",
    )
    return make_analysis(communes)


_SCRIPT = r"""
STATE = '''() => { const g = window.camauGis, b = g.map.getBounds().pad(0.2), q = {};
  q.zoom = g.map.getZoom(); q.label_zoom = g.data.options.label_zoom;
  q.markers_in_view = g.data.options.markers_in_view;
  q.ranks = [...document.querySelectorAll('.cg-rank span')].map(e => e.textContent);
  q.labels = [...document.querySelectorAll('.cg-label span')].map(e => e.textContent);
  q.n_ranked = g.data.communes.features.filter(f => f.properties.uncov_rank != null).length;
  q.ranks_in_view = g.data.communes.features.filter(f => f.properties.uncov_rank != null
      && b.contains([f.properties.label_pt[1], f.properties.label_pt[0]]))
      .map(f => String(f.properties.uncov_rank));
  q.labels_in_view = g.data.communes.features.filter(f =>
      b.contains([f.properties.label_pt[1], f.properties.label_pt[0]]))
      .map(f => f.properties.short_name);
  return q; }'''
out["states"] = {}
out["states"]["initial"] = page.evaluate(STATE)
# zoom on the south-west corner at the label zoom
page.evaluate('''() => { const g = window.camauGis, s = g.data.bounds[0];
    g.map.setView([s[0] + 0.05, s[1] + 0.05], g.data.options.label_zoom, {animate: false}); }''')
page.wait_for_timeout(300)
out["states"]["corner"] = page.evaluate(STATE)
# pan to the north-east corner
page.evaluate('''() => { const g = window.camauGis, n = g.data.bounds[1];
    g.map.setView([n[0] - 0.05, n[1] - 0.05], g.map.getZoom(), {animate: false}); }''')
page.wait_for_timeout(300)
out["states"]["panned"] = page.evaluate(STATE)
# untick the layers of gap ranks and labels
page.evaluate('''() => { const g = window.camauGis;
    g.setOverlay("uncovered", false); g.setOverlay("labels", false); }''')
page.wait_for_timeout(200)
out["states"]["off"] = page.evaluate(STATE)
# ... and pan again: nothing comes back
page.evaluate('''() => { const g = window.camauGis;
    g.map.panBy([-200, 150], {animate: false}); }''')
page.wait_for_timeout(200)
out["states"]["off_panned"] = page.evaluate(STATE)
"""


@pytest.mark.browser
def test_markers_only_in_view_on_large_maps(tmp_path, monkeypatch):
    from _page import run_page

    from camau_gis import settings
    from camau_gis.render.html import build_map, save_map

    monkeypatch.setattr(settings, "shapefiles_dir", tmp_path / "shapefiles")
    path = save_map(build_map(_grid_analysis()), tmp_path / "grid.html")
    got = run_page(_SCRIPT, path, viewport=(1000, 700))
    s = got["states"]
    init, corner, panned = s["initial"], s["corner"], s["panned"]
    assert init["markers_in_view"] is True
    assert init["zoom"] < init["label_zoom"]
    assert init["ranks"] == [] and init["labels"] == []

    assert corner["zoom"] >= corner["label_zoom"]
    n = SIDE * SIDE
    for st in (corner, panned):
        # markers exist, only for the communes in (the padded) view, one per commune
        assert st["ranks"] and st["labels"]
        assert sorted(st["ranks"]) == sorted(st["ranks_in_view"])
        assert sorted(st["labels"]) == sorted(st["labels_in_view"])
        assert len(st["labels"]) < n // 4 and len(st["ranks"]) < st["n_ranked"] // 4
    # after panning the markers followed the view: another set of communes
    assert not set(corner["labels"]) & set(panned["labels"])
    assert not set(corner["ranks"]) & set(panned["ranks"])
    # unticking the layers removes the markers, and panning does not bring them back
    assert s["off"]["ranks"] == [] and s["off"]["labels"] == []
    assert s["off_panned"]["ranks"] == [] and s["off_panned"]["labels"] == []
