"""Canvas maps (large layers): the communes drawn from typed arrays on one scene canvas.

Above ``CANVAS_THRESHOLD`` communes (or with ``canvas=True``) the page makes no
Leaflet object per commune: it paints one path per fill colour and finds the
commune under the pointer itself. These tests open such a page (a synthetic
grid of square communes, compact and GeoJSON payloads) in headless Chromium
and read the scene canvas's pixels: every commune painted in its class colour,
recoloured on a theme change, outlines of the gap overlay drawn and removed,
hit-testing, tooltip, popup and search highlight as on an SVG map, "no data"
hatched as the legend shows it. The packed
payload (base64 varints) is checked for an exact round trip.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

#: Runs in a subprocess (tests/_page.py); ``extra`` is empty.
_SCRIPT = r"""
FRAME = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
page.wait_for_function("window.camauGis.timings.painted !== undefined", timeout=10000)
page.evaluate(FRAME)
# colour of the scene canvas under each commune's label point, and the colour it should have
COLOURS = '''() => { const g = window.camauGis, m = g.map, c = document.querySelector('canvas.cg-scene');
  const ctx = c.getContext('2d'), d = ctx.getImageData(0, 0, c.width, c.height).data;
  const org = L.DomUtil.getPosition(c), th = g.themes[g.activeTheme()];
  return g.data.communes.features.map(f => {
    const q = f.properties.label_pt;
    if (!q) { return null; }
    const p = m.latLngToLayerPoint([q[1], q[0]]);
    const x = Math.round(p.x - org.x), y = Math.round(p.y - org.y), i = 4 * (y * c.width + x);
    const cls = th.byValue[String(f.properties[th.field])];
    if (cls && cls.hatch) {  /* hatched: the lines and the class colour within a few pixels */
      const row = [];
      for (let k = -4; k <= 4; k++) { row.push(Array.from(d.slice(i + 4 * k, i + 4 * k + 4))); }
      return [row, "hatch:" + cls.color];
    }
    return [Array.from(d.slice(i, i + 4)), cls ? cls.color : null];
  }); }'''
# pixels of one colour anywhere on the scene canvas
COUNT = '''hex => { const c = document.querySelector('canvas.cg-scene');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  const r = parseInt(hex.slice(1, 3), 16), g = parseInt(hex.slice(3, 5), 16), b = parseInt(hex.slice(5, 7), 16);
  let n = 0;
  for (let i = 0; i < d.length; i += 4) {
    if (d[i + 3] > 250 && Math.abs(d[i] - r) < 8 && Math.abs(d[i + 1] - g) < 8 && Math.abs(d[i + 2] - b) < 8) { n++; }
  }
  return n; }'''
g = "window.camauGis"
out["n"] = page.evaluate(f"{g}.data.communes.features.length")
out["layers"] = page.evaluate(f"{g}.communes.getLayers().length")
out["drawn"] = page.evaluate(f"{g}.communes.drawn")
out["svg_paths"] = page.locator("path.leaflet-interactive").count()
out["scenes"] = page.locator(".leaflet-overlay-pane canvas.cg-scene").count()
out["hits"] = page.evaluate(f'''() => {g}.data.communes.features.map(f => f.properties.label_pt
    ? {g}.communes.hit(L.latLng(f.properties.label_pt[1], f.properties.label_pt[0])) : null)''')
out["bare"] = page.evaluate(f'''() => {g}.data.communes.features.filter(f => !f.properties.label_pt)
    .map(f => [f.properties.gso_code, {g}.select(f.properties.gso_code), f.properties.gso_code in {g}.byCode])''')
out["geometry"] = page.evaluate(f"() => [0, 40].map(k => {g}.data.communes.features[k].geometry)")
out["miss"] = page.evaluate(f"{g}.communes.hit(L.latLng({g}.data.bounds[0][0] - 1, {g}.data.bounds[0][1] - 1))")
out["colours"] = {"models": page.evaluate(COLOURS)}
out["uncovered_px"] = {"on": page.evaluate(COUNT, "#6A3D9A")}
page.evaluate(f"() => {g}.setTheme('c19')")
page.evaluate(FRAME)
out["colours"]["c19"] = page.evaluate(COLOURS)
page.evaluate(f"() => {g}.setOverlay('uncovered', false)")
page.evaluate(FRAME)
out["uncovered_px"]["off"] = page.evaluate(COUNT, "#6A3D9A")
out["black_px"] = {"ntm_off": page.evaluate(COUNT, "#000000")}
page.evaluate(f"() => {g}.setOverlay('ntm', true)")
page.evaluate(FRAME)
out["black_px"]["ntm_on"] = page.evaluate(COUNT, "#000000")
# zoom in on one commune: the scene is redrawn for the new view
code = page.evaluate(f"{g}.data.communes.features[40].properties.gso_code")
page.evaluate(f'''() => {{ const p = {g}.byCode["{code}"].feature.properties.label_pt;
    {g}.map.setView([p[1], p[0]], {g}.map.getZoom() + 2, {{animate: false}}); }}''')
page.evaluate(FRAME)
out["colours"]["zoomed"] = [c for c in page.evaluate(COLOURS)]
out["zoomed_in_view"] = page.evaluate(f'''() => {g}.data.communes.features.map(f => !!f.properties.label_pt
    && {g}.map.getBounds().contains([f.properties.label_pt[1], f.properties.label_pt[0]]))''')
# the pointer: tooltip on hover, popup on click (the map finds the commune)
POINT = '''code => { const g = window.camauGis, p = g.byCode[code].feature.properties.label_pt,
    pt = g.map.latLngToContainerPoint([p[1], p[0]]), r = g.map.getContainer().getBoundingClientRect();
    return [pt.x + r.left, pt.y + r.top]; }'''
x, y = page.evaluate(POINT, code)
page.mouse.move(x - 2, y - 2)
page.mouse.move(x, y)
tip = page.locator(".leaflet-tooltip .cg-tip")
tip.wait_for(state="visible", timeout=5000)
out["tip"] = tip.get_attribute("data-gso")
out["hover_outline"] = page.locator("path").count()
page.mouse.click(x, y)
pop = page.locator(".leaflet-popup .cg-popup")
pop.wait_for(state="visible", timeout=5000)
out["popup"] = pop.get_attribute("data-gso")
# search and highlight
other = page.evaluate(f"{g}.data.communes.features[3].properties.gso_code")
out["selected"] = page.evaluate(f"() => {g}.select('{other}')")
out["selected_paths"] = page.locator("path.cg-selected").count()
"""


def _hex(rgb: str) -> tuple[int, int, int]:
    return int(rgb[1:3], 16), int(rgb[3:5], 16), int(rgb[5:7], 16)


def _check_colours(pairs: list, in_view: list | None = None) -> int:
    """Assert each painted pixel is its class colour at 80 % opacity; return how many were checked."""
    checked = 0
    for k, pair in enumerate(pairs):
        if pair is None or (in_view is not None and not in_view[k]):
            continue
        rgba, colour = pair
        assert colour is not None
        if colour.startswith("hatch:"):  # the class colour and darker lines, at 80 % opacity
            base = _hex(colour[len("hatch:"):])
            assert all(abs(px[3] - 204) <= 3 for px in rgba), (k, rgba)
            assert any(max(abs(u - v) for u, v in zip(px[:3], base, strict=True)) <= 3
                       for px in rgba), (k, rgba, colour)  # the colour between the lines
            assert min(sum(px[:3]) for px in rgba) <= sum(base) - 90, (k, rgba)  # the lines
            checked += 1
            continue
        r, g, b, a = rgba
        assert abs(a - 204) <= 3, (k, rgba, colour)
        assert max(abs(u - v) for u, v in zip((r, g, b), _hex(colour), strict=True)) <= 3, (
            k, rgba, colour)
        checked += 1
    return checked


#: Row of the grid left without geometry on the GeoJSON page.
BARE = 7


@pytest.fixture(scope="module")
def grid_pages(tmp_path_factory):
    """The synthetic grid as a canvas map, with the compact and with the GeoJSON payload.

    One commune of the GeoJSON page has no geometry (kept in the data, not drawn).
    """
    from test_html_scale import _grid_analysis

    from camau_gis import settings
    from camau_gis.render.html import build_map, save_map

    base = tmp_path_factory.mktemp("canvas")
    mp = pytest.MonkeyPatch()
    mp.setattr(settings, "shapefiles_dir", base / "shapefiles")
    try:
        a = _grid_analysis()
        bare = _grid_analysis()
        bare.communes.loc[BARE, "geometry"] = None
        with pytest.warns(UserWarning, match="không có hình ranh giới"):
            geojson = build_map(bare, canvas=True, compact=False)
        pages = {"compact": save_map(build_map(a, canvas=True, compact=True), base / "compact.html"),
                 "geojson": save_map(geojson, base / "geojson.html")}
    finally:
        mp.undo()
    return a, pages


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["compact", "geojson"])
def test_canvas_map_paints_hit_tests_and_interacts(grid_pages, kind):
    import shapely
    from _page import run_page

    a, pages = grid_pages
    got = run_page(_SCRIPT, pages[kind], viewport=(1600, 1000))  # room for the side panels
    n = len(a.communes)
    assert got["n"] == n
    expected = list(range(n))
    if kind == "geojson":  # the commune without geometry: in the data, not drawn nor selectable
        code = str(a.communes.loc[BARE, "gso_code"])
        assert got["bare"] == [[code, False, False]]
        expected[BARE] = None
        n -= 1
    else:
        assert got["bare"] == []
    assert got["layers"] == got["drawn"] == n
    assert got["svg_paths"] == 0 and got["scenes"] == 1
    # the commune under each label point is that commune; outside the map, none
    assert got["hits"] == expected
    # a feature's GeoJSON geometry (built from the flat geometry on a compact page)
    for k, geom in zip((0, 40), got["geometry"], strict=True):
        drawn = shapely.from_geojson(json.dumps(geom))  # rings must be closed
        assert drawn.hausdorff_distance(a.communes.geometry.iloc[k]) < 1e-4
    assert got["miss"] == -1
    # every commune painted in its class colour, then in the new theme's colour
    assert _check_colours(got["colours"]["models"]) == n
    assert _check_colours(got["colours"]["c19"]) == n
    c19 = [p[1] for p in got["colours"]["c19"] if p]
    models = [p[1] for p in got["colours"]["models"] if p]
    assert c19 != models and len(set(c19)) == 3 and any(
        c.startswith("hatch:") for c in c19)  # no data: hatched over its colour
    # zoomed in: the communes in view are painted again, at their new place
    assert 0 < _check_colours(got["colours"]["zoomed"], got["zoomed_in_view"]) < n
    # the gap overlay's purple outlines are drawn, and gone when it is unticked
    assert got["uncovered_px"]["on"] > 100 and got["uncovered_px"]["off"] == 0
    # the pilot communes' dashed black outlines appear when that overlay is ticked
    assert got["black_px"]["ntm_on"] > got["black_px"]["ntm_off"] + 50
    code = got["popup"]
    assert got["tip"] == code and got["hover_outline"] >= 1
    assert got["selected"] is True and got["selected_paths"] == 2


def test_packed_polygons_round_trip():
    import shapely

    from camau_gis.render._geometry import (
        PACKING,
        decode_polygons,
        encode_polygons,
        pack_polygons,
        pack_varints,
        unpack_polygons,
        unpack_varints,
    )

    values = np.array([0, 1, -1, 63, -64, 64, -65, 127, 128, 16383, -16384, 2**31, -(2**40)])
    assert unpack_varints(pack_varints(values, signed=True), signed=True).tolist() == values.tolist()
    positive = np.abs(values)
    assert unpack_varints(pack_varints(positive, signed=False), signed=False).tolist() == (
        positive.tolist())
    with pytest.raises(ValueError, match="negative"):
        pack_varints([-1], signed=False)
    # small steps take one byte each (base64: 4 characters per 3 bytes)
    assert len(pack_varints(np.arange(-60, 60), signed=True)) == 160

    geoms = np.array([
        shapely.Polygon([(105.1, 9.1), (105.2, 9.1), (105.2, 9.2), (105.1, 9.2)],
                        holes=[[(105.12, 9.12), (105.15, 9.12), (105.15, 9.15)]]),
        None,
        shapely.MultiPolygon([shapely.box(104.5, 8.5, 104.6, 8.7),
                              shapely.box(104.7, 8.5, 104.75, 8.55)]),
    ], dtype=object)
    enc = encode_polygons(geoms, 5)
    packed = pack_polygons(enc)
    assert packed["packing"] == PACKING
    assert all(isinstance(packed[k], str) for k in ("coords", "rings", "polys", "geoms"))
    json.dumps(packed)  # JSON-ready
    assert unpack_polygons(packed) == enc
    assert unpack_polygons(enc) is enc  # a plain encoding is returned as is
    assert decode_polygons(packed) == decode_polygons(enc)
    out = decode_polygons(packed)
    assert out[1] is None
    assert shapely.from_geojson(json.dumps(out[0])).equals(geoms[0])
    assert shapely.from_geojson(json.dumps(out[2])).equals(geoms[2])
    with pytest.raises(ValueError, match="unknown packing"):
        unpack_polygons({**packed, "packing": "zstd"})
