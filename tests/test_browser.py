"""The HTML coverage map in headless Chromium (Debian's package) with the network blocked.

Playwright for Python drives Debian's ``/usr/bin/chromium`` (never a browser
download). Every request that is not ``file:`` or ``data:`` is aborted and
counted; a page that needs the network fails these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_html_map import HIEP_TUNG, XSS, make_analysis

pytestmark = pytest.mark.browser

@pytest.fixture(scope="session")
def pages_dir(ca_mau_pages, _ca_mau_communes_cached):
    """The folder of the pages the browser opens: Vietnamese and English (``tests/conftest.py``,
    shared with ``test_html_screens.py``), compact and canvas (built here)."""
    from camau_gis import settings
    from camau_gis.render.html import build_map, save_map

    base = ca_mau_pages["dir"]
    mp = pytest.MonkeyPatch()
    mp.setattr(settings, "shapefiles_dir", base / "shapefiles")
    a = ca_mau_pages["analysis"]
    save_map(build_map(make_analysis(_ca_mau_communes_cached, illustrative=False),
                       compact=True),
             base / "plain.html")  # also exercises the compact payload decoder
    save_map(build_map(a, canvas=True, compact=True, tiles=True), base / "canvas.html")
    mp.undo()
    return base


class Loaded:
    """A page opened with the network blocked, and what went wrong while it ran."""

    def __init__(self, browser, path: Path) -> None:
        self.blocked: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = self.page = self.context.new_page()

        def route(r):
            if r.request.url.startswith(("file:", "data:")):
                r.continue_()
            else:
                self.blocked.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.on("requestfailed", lambda req: self.failed.append(req.url))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.goto(path.as_uri())
        page.wait_for_function("window.camauGis && window.camauGis.ready", timeout=15_000)

    def js(self, expr: str, arg=None):
        """Evaluate ``expr`` in the page."""
        return self.page.evaluate(expr, arg)

    def point_of(self, code: str) -> tuple[float, float]:
        """Viewport pixel of the label point (a point inside) of commune ``code``."""
        xy = self.js("""code => {
            const g = window.camauGis, p = g.byCode[code].feature.properties.label_pt;
            const pt = g.map.latLngToContainerPoint([p[1], p[0]]);
            const r = g.map.getContainer().getBoundingClientRect();
            return [pt.x + r.left, pt.y + r.top];
        }""", code)
        return xy[0], xy[1]


@pytest.fixture
def vi(browser, pages_dir):
    loaded = Loaded(browser, pages_dir / "vi.html")
    yield loaded
    loaded.context.close()


def test_small_window_still_names_the_districts(browser, pages_dir):
    ctx = browser.new_context(viewport={"width": 500, "height": 400})
    try:
        page = ctx.new_page()
        page.goto((pages_dir / "vi.html").as_uri())
        page.wait_for_function("window.camauGis && window.camauGis.ready")
        assert page.evaluate("window.camauGis.map.getZoom()") < 9
        assert page.locator(".cg-dlabel").count() == 9
    finally:
        ctx.close()


def test_page_loads_offline_and_draws_101_communes(vi):
    assert vi.blocked == [] and vi.failed == []
    assert vi.errors == []
    assert vi.page.locator("path.cg-commune").count() == 101
    assert vi.js("window.camauGis.communes.getLayers().length") == 101
    # district and province outlines come from the shared borders
    assert vi.page.locator("path.cg-district-line").count() == 1
    assert len(vi.page.locator("path.cg-province").get_attribute("d")) > 1000
    assert vi.page.locator(".cg-dlabel").count() == 9
    scale = vi.page.locator(".leaflet-control-scale-line")
    assert scale.count() == 1 and scale.inner_text().endswith(("km", " m"))  # metric only
    # uncovered communes carry their priority rank, 1..n
    ranks = sorted(int(t) for t in vi.js(
        "[...document.querySelectorAll('.cg-rank')].map(e => e.textContent)"))
    n_uncovered = vi.js("window.camauGis.data.communes.features"
                        ".filter(f => f.properties.uncov_rank !== null).length")
    assert ranks == list(range(1, n_uncovered + 1)) and n_uncovered == 19


def test_hover_shows_tooltip_of_hiep_tung(vi):
    x, y = vi.point_of(HIEP_TUNG)
    vi.page.mouse.move(x, y)
    tip = vi.page.locator(".leaflet-tooltip .cg-tip")
    tip.wait_for(state="visible", timeout=5_000)
    text = tip.inner_text()
    assert "Xã Hiệp Tùng" in text and "Huyện Năm Căn" in text
    assert "Số mô hình" in text and "Tiêu chí 19" in text and "Đạt" in text
    assert tip.get_attribute("data-gso") == HIEP_TUNG


def test_search_without_diacritics_zooms_to_and_highlights(vi):
    zoom0 = vi.js("window.camauGis.map.getZoom()")
    box = vi.page.locator(".cg-search input")
    box.fill("hiep tung")
    first = vi.page.locator(".cg-results li").first
    assert first.get_attribute("data-gso") == HIEP_TUNG
    assert "Hiệp Tùng" in first.inner_text()
    box.press("Enter")
    vi.page.wait_for_function(f"window.camauGis.highlighted() === '{HIEP_TUNG}'")
    # the zoom is animated: wait (without a fixed delay) until the view is on the commune
    vi.page.wait_for_function("""([code, z0]) => {
        const g = window.camauGis, c = g.map.getCenter();
        return g.map.getZoom() > z0 && g.byCode[code].getBounds().pad(0.05).contains(c);
    }""", arg=[HIEP_TUNG, zoom0], timeout=15_000)
    selected_tip = vi.page.locator(".cg-selected-tip .cg-tip")
    assert selected_tip.get_attribute("data-gso") == HIEP_TUNG
    assert "Xã Hiệp Tùng" in selected_tip.inner_text()
    # highlighted: an outline on a halo, drawn around exactly that commune
    assert vi.page.locator("path.cg-selected").count() == 2
    same = vi.js("""code => {
        const own = window.camauGis.byCode[code].getElement().getAttribute('d');
        const d = document.querySelectorAll('path.cg-selected');
        return d.length === 2 && d[0].getAttribute('d') === own;
    }""", HIEP_TUNG)
    assert same
    # and "tan tien" finds Tân Tiến
    found = vi.js("window.camauGis.search('tan tien').map(f => f.properties.name)")
    assert found[0] == "Xã Tân Tiến"


def test_layer_toggles_hide_their_legends(vi):
    vi.js("window.camauGis.openSection('layers', true)")
    legend = vi.page.locator("#cg-legend-c19")
    assert not legend.is_visible()
    vi.page.locator('.cg-layers input[data-layer="c19"]').check()
    assert legend.is_visible()
    assert not vi.page.locator("#cg-legend-models").is_visible()
    assert vi.js("window.camauGis.activeTheme()") == "c19"
    # the no-data class is hatched
    assert vi.page.locator("path.cg-commune.cg-hatch").count() == sum(
        1 for s in vi.js("window.camauGis.data.communes.features.map(f => f.properties.c19_status)")
        if s == "no_data")
    vi.page.locator('.cg-layers input[data-layer="category"]').check()
    assert not legend.is_visible()
    assert vi.page.locator("#cg-legend-category").is_visible()
    districts = vi.page.locator("#cg-legend-districts")
    assert districts.is_visible()
    vi.page.locator('.cg-layers input[data-layer="districts"]').uncheck()
    assert not districts.is_visible()
    assert vi.page.locator("path.cg-district-line").count() == 0
    vi.page.locator('.cg-layers input[data-layer="districts"]').check()
    assert districts.is_visible()


def test_xss_model_name_renders_as_text(vi):
    x, y = vi.point_of(HIEP_TUNG)
    vi.page.mouse.click(x, y)
    popup = vi.page.locator(".leaflet-popup .cg-popup")
    popup.wait_for(state="visible", timeout=5_000)
    names = popup.locator(".cg-model-name").all_inner_texts()
    assert XSS in names
    assert popup.locator("img").count() == 0
    assert "2018" in popup.inner_text() and "Chưa đạt" in popup.inner_text()
    assert "(đã kết thúc)" in popup.locator("tr.cg-ended").inner_text()
    assert vi.dialogs == [] and vi.failed == [] and vi.blocked == [] and vi.errors == []


def _shown_labels(vi) -> int:
    return vi.js("[...document.querySelectorAll('.cg-label')]"
                 ".filter(e => getComputedStyle(e).visibility !== 'hidden').length")


def test_labels_that_fit_show_at_every_zoom_and_reset_view(vi):
    zoom0 = vi.js("window.camauGis.map.getZoom()")
    assert vi.page.locator(".cg-label").count() == 101  # one marker per commune, always
    first = _shown_labels(vi)
    assert 10 <= first < 101  # the names that fit, already in the first view
    vi.js(f"void window.camauGis.map.setZoom({zoom0 + 2}, {{animate: false}})")
    assert _shown_labels(vi) > first
    vi.page.locator("a.cg-reset").click()
    vi.page.wait_for_function(
        "window.camauGis.map.getBounds().contains(window.camauGis.communes.getBounds())",
        timeout=15_000)
    assert abs(vi.js("window.camauGis.map.getZoom()") - zoom0) < 0.01


def test_summary_and_illustrative_badge(vi, browser, pages_dir):
    badge = vi.page.locator(".cg-badge")
    assert badge.is_visible() and badge.inner_text() == "Dữ liệu minh họa"
    row = vi.page.locator('#cg-body-summary tr[data-key="sum_covered"] td.cg-num').inner_text()
    assert row == "82 / 101"
    assert "register_example.csv" in vi.page.locator("#cg-body-summary .cg-meta").first.inner_text()
    plain = Loaded(browser, pages_dir / "plain.html")
    try:
        assert plain.page.locator(".cg-badge").count() == 0
        assert plain.errors == [] and plain.failed == [] and plain.blocked == []
        # the compact payload is decoded in the page: same polygons, outlines and search
        assert plain.page.locator("path.cg-commune").count() == 101
        assert plain.page.locator(".cg-dlabel").count() == 9
        assert plain.js("window.camauGis.search('hiep tung')[0].properties.gso_code") == HIEP_TUNG
        assert plain.js(
            f"window.camauGis.byCode['{HIEP_TUNG}'].feature.properties.unit_label") == "Xã"
    finally:
        plain.context.close()


def test_english_page_shows_english_labels(browser, pages_dir):
    en = Loaded(browser, pages_dir / "en.html")
    try:
        assert en.errors == [] and en.blocked == [] and en.failed == []
        panel = en.page.locator(".cg-layers").text_content()
        assert "Models per commune" in panel and "District boundaries" in panel
        assert "Số mô hình" not in panel
        assert en.page.locator(".cg-search input").get_attribute("placeholder").startswith(
            "Find")
        assert "Province summary" in en.page.locator("#cg-sec-summary").inner_text()
        assert en.page.locator(".cg-badge").inner_text() == "Illustrative data"
        assert "Models per commune" in en.page.locator("#cg-legend-models").inner_text()
        x, y = en.point_of(HIEP_TUNG)
        en.page.mouse.move(x, y)
        tip = en.page.locator(".leaflet-tooltip .cg-tip")
        tip.wait_for(state="visible", timeout=5_000)
        assert "Unit type" in tip.inner_text() and "Commune" in tip.inner_text()
    finally:
        en.context.close()


def test_fullscreen_button_toggles(vi):
    vi.page.locator("a.cg-fullscreen").click()
    vi.page.wait_for_function(
        "!!document.fullscreenElement || "
        "window.camauGis.map.getContainer().classList.contains('cg-fullscreen-on')",
        timeout=10_000)


def test_canvas_rendering_for_large_layers(browser, pages_dir):
    page = Loaded(browser, pages_dir / "canvas.html")
    try:
        assert page.errors == [] and page.failed == [] and page.blocked == []
        assert page.page.locator("path.cg-commune").count() == 0
        assert page.page.locator(".leaflet-overlay-pane canvas").count() >= 1
        assert page.js("window.camauGis.communes.getLayers().length") == 101
        x, y = page.point_of(HIEP_TUNG)
        page.page.mouse.move(x - 3, y - 3)
        page.page.mouse.move(x, y)
        tip = page.page.locator(".leaflet-tooltip .cg-tip")
        tip.wait_for(state="visible", timeout=5_000)
        assert tip.get_attribute("data-gso") == HIEP_TUNG
        # the online base map is opt-in: no request until the user ticks it
        assert page.blocked == []
        page.js("window.camauGis.openSection('layers', true)")
        page.page.locator('.cg-layers input[data-layer="tiles"]').check()
        page.page.wait_for_function("document.querySelectorAll('img.leaflet-tile').length > 0")
        for _ in range(100):  # the route handler records the aborted requests
            if page.blocked:
                break
            page.page.wait_for_timeout(50)
        assert page.blocked and all("tile.openstreetmap.org" in u for u in page.blocked)
    finally:
        page.context.close()


def test_search_keyboard_navigation(vi):
    box = vi.page.locator(".cg-search input")
    box.fill("tan")
    items = vi.page.locator(".cg-results li[data-gso]")
    assert items.count() > 2
    assert all(n.lower().startswith(("xã tân", "phường tân", "thị trấn tân"))
               or " tân" in n.lower() for n in items.all_inner_texts())
    box.press("ArrowDown")
    second = items.nth(1).get_attribute("data-gso")
    assert "cg-active" in items.nth(1).get_attribute("class")
    box.press("Enter")
    vi.page.wait_for_function(f"window.camauGis.highlighted() === '{second}'")
    box.press("Escape")
    assert items.count() == 0
    assert vi.js("window.camauGis.highlighted()") is None
