"""The HTML map on planners' screens: phone, tablet, laptops, desktop; keyboard; print.

Every page is opened in Debian's headless Chromium with the network blocked
(only ``file:``/``data:`` requests pass). Boxes are read from the DOM
(``getBoundingClientRect``) and the map's own projection; nothing is timed.
"""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
from test_html_map import HIEP_TUNG

pytestmark = pytest.mark.browser

VIEWPORTS = [(390, 844), (768, 1024), (1280, 720), (1366, 768), (1920, 1080)]


@pytest.fixture(scope="module")
def pages(ca_mau_pages):
    """The Vietnamese and English pages of the real Cà Mau communes, and the analysis
    (``tests/conftest.py``: built once per session, shared with ``test_browser.py``)."""
    return ca_mau_pages


class Page:
    """One page at one viewport, network blocked; page errors collected."""

    def __init__(self, browser, path: Path, width: int, height: int) -> None:
        self.errors: list[str] = []
        self.blocked: list[str] = []
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.page = self.context.new_page()

        def route(r):
            if r.request.url.startswith(("file:", "data:")):
                r.continue_()
            else:
                self.blocked.append(r.request.url)
                r.abort()

        self.page.route("**/*", route)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(path.as_uri())
        self.page.wait_for_function("window.camauGis && window.camauGis.ready", timeout=15_000)

    def js(self, expr: str, arg=None):
        return self.page.evaluate(expr, arg)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def open_page(browser):
    opened: list[Page] = []

    def _open(path: Path, width: int = 1280, height: int = 720) -> Page:
        p = Page(browser, path, width, height)
        opened.append(p)
        return p

    yield _open
    for p in opened:
        assert p.errors == [] and p.blocked == []
        p.close()


# ------------------------------------------------------------------ geometry read in the page
_BOXES = """() => {
  const vis = e => { const s = getComputedStyle(e), r = e.getBoundingClientRect();
    return s.display !== 'none' && s.visibility !== 'hidden' && r.width > 0 && r.height > 0; };
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const g = window.camauGis, wide = g.isWide(), out = {};
  /* the panels as the reader sees them: wide windows, each panel of the two columns; narrow
     windows, the bar and the open section */
  const panels = wide ? [...document.querySelectorAll('.cg-col > .cg-panel')]
                      : [document.querySelector('.cg-col-left'), ...document.querySelectorAll('.cg-sheet .cg-sec.cg-open')];
  out.panels = panels.filter(vis).map(e => ({id: e.id || e.className, box: box(e)}));
  const badge = document.querySelector('.cg-badge');
  out.badge = badge && vis(badge) ? box(badge) : null;
  const legend = document.querySelector('#cg-sec-legend');
  out.legend = legend && vis(legend) && legend.classList.contains('cg-open') ? box(legend) : null;
  const pop = document.querySelector('.leaflet-popup');
  out.popup = pop && vis(pop) ? box(pop) : null;
  const content = document.querySelector('.leaflet-popup-content');
  out.popup_scroll = content ? [content.scrollWidth, content.clientWidth] : null;
  const b = L.latLngBounds(g.data.bounds), m = g.map, r = m.getContainer().getBoundingClientRect();
  const nw = m.latLngToContainerPoint(b.getNorthWest()), se = m.latLngToContainerPoint(b.getSouthEast());
  out.province = [nw.x + r.left, nw.y + r.top, se.x + r.left, se.y + r.top];
  out.viewport = [innerWidth, innerHeight];
  out.wide = wide;
  out.badges = [...document.querySelectorAll('.cg-rank span')].filter(vis).map(box);
  out.dlabels = [...document.querySelectorAll('.cg-dlabel span')].filter(vis).map(box);
  out.clabels = [...document.querySelectorAll('.cg-label span')].filter(vis).map(box);
  out.zoom = m.getZoom(); out.min_zoom = m.getMinZoom(); out.max_zoom = m.getMaxZoom();
  return out;
}"""


def _overlap(a, b, tol: float = 0.5) -> bool:
    return a[0] < b[2] - tol and a[2] > b[0] + tol and a[1] < b[3] - tol and a[3] > b[1] + tol


def _area(b) -> float:
    return max(0.0, b[2] - b[0]) * max(0.0, b[3] - b[1])


def _free_rect(boxes: dict) -> list[float]:
    """The part of the window the panels leave to the map (from the panels' own boxes)."""
    w, h = boxes["viewport"]
    left, top, right, bottom = 0.0, 0.0, float(w), float(h)
    for p in boxes["panels"]:
        b = p["box"]
        if boxes["wide"]:
            if b[0] < w / 2:
                left = max(left, b[2])
            else:
                right = min(right, b[0])
        else:
            top = max(top, b[3])
    return [left, top, right, bottom]


def _pairwise_disjoint(named: dict[str, list[float] | None], skip=()) -> list[tuple[str, str]]:
    keys = [k for k, v in named.items() if v is not None]
    return [(a, b) for i, a in enumerate(keys) for b in keys[i + 1:]
            if (a, b) not in skip and _overlap(named[a], named[b])]


def _named(boxes: dict) -> dict[str, list[float] | None]:
    named = {p["id"]: p["box"] for p in boxes["panels"]}
    named["badge"] = boxes["badge"]
    named["popup"] = boxes["popup"]
    if boxes["legend"] is not None:
        named["cg-sec-legend"] = boxes["legend"]
    return named


def _badge_skip(boxes: dict) -> set[tuple[str, str]]:
    """The badge sits inside the title panel (wide) or the bar (narrow): that is not an overlap."""
    keys = list(_named(boxes))
    host = "cg-panel cg-titlebox" if boxes["wide"] else "cg-col cg-col-left"
    return {(a, b) for a in keys for b in keys if {a, b} == {"badge", host}}


# ------------------------------------------------------------------ layout at five viewports
@pytest.mark.parametrize(("width", "height"), VIEWPORTS, ids=[f"{w}x{h}" for w, h in VIEWPORTS])
def test_layout_first_view_badges_and_popup_fit(open_page, pages, width, height):
    p = open_page(pages["vi"], width, height)
    boxes = p.js(_BOXES)
    assert boxes["wide"] == (width >= 900)
    # nothing overlaps: panels, badge, legend
    assert _pairwise_disjoint(_named(boxes), _badge_skip(boxes)) == []
    # the province fills the free part of the map, entirely visible
    free = _free_rect(boxes)
    prov = boxes["province"]
    assert prov[0] >= free[0] - 1 and prov[2] <= free[2] + 1
    assert prov[1] >= free[1] - 1 and prov[3] <= free[3] + 1
    assert _area(prov) / _area(free) >= 0.6, (prov, free)
    # zoom limits from the data: the province, one step out, to about zoom 16
    assert boxes["zoom"] - 1.5 <= boxes["min_zoom"] <= boxes["zoom"]
    assert 15 <= boxes["max_zoom"] <= 17
    # badges at the first view: no two overlap, nor a badge and a district name
    assert len(boxes["badges"]) >= 10
    labels = boxes["badges"] + boxes["dlabels"]
    assert not any(_overlap(a, b) for i, a in enumerate(labels) for b in labels[i + 1:])
    assert len(boxes["dlabels"]) == 9  # every district named in the first view
    # narrow windows: each section opens below the bar, alone, over nothing else
    if width < 900:
        for sec in ("legend", "layers", "gaps", "summary"):
            p.page.locator(f'.cg-tab[data-section="{sec}"]').click()
            opened = p.js(_BOXES)
            assert [x["id"] for x in opened["panels"]][1:] == [f"cg-sec-{sec}"]
            assert _pairwise_disjoint(_named(opened), _badge_skip(opened)) == []
            sheet = opened["panels"][1]["box"]
            assert sheet[3] <= height + 1 and sheet[1] >= opened["panels"][0]["box"][3] - 1
    # a popup (opened from the gap list) fits the window, clear of every panel
    if width < 900:
        p.page.locator('.cg-tab[data-section="gaps"]').click()
        if not p.js("window.camauGis.isWide()") and p.page.locator("#cg-body-gaps").is_hidden():
            p.page.locator('.cg-tab[data-section="gaps"]').click()
    p.page.locator(".cg-gap").nth(4).click()
    p.page.locator(".leaflet-popup .cg-popup").wait_for(state="visible")
    p.page.wait_for_timeout(350)  # the pan that brings the popup into the free part
    boxes = p.js(_BOXES)
    pop = boxes["popup"]
    assert pop is not None
    assert pop[0] >= 0 and pop[1] >= 0 and pop[2] <= width and pop[3] <= height
    assert pop[2] - pop[0] <= width - 20
    assert boxes["popup_scroll"][0] <= boxes["popup_scroll"][1] + 1  # no sideways scrolling
    assert _pairwise_disjoint(_named(boxes), _badge_skip(boxes)) == []


def test_badges_hide_on_overlap_and_show_on_zoom_in(open_page, pages):
    p = open_page(pages["vi"], 1280, 720)
    first = p.js("window.camauGis.labelStats()")
    assert first["hidden"]["rank"] + first["shown"]["rank"] == 19
    code = p.js("""() => { const f = window.camauGis.data.communes.features
        .filter(f => f.properties.uncov_rank === 1)[0]; return f.properties.gso_code; }""")
    p.js("c => window.camauGis.select(c)", code)
    stats = p.js("window.camauGis.labelStats()")
    boxes = p.js(_BOXES)
    labels = boxes["badges"] + boxes["dlabels"] + boxes["clabels"]
    assert not any(_overlap(a, b, 1.5) for i, a in enumerate(labels) for b in labels[i + 1:])
    assert stats["shown"]["commune"] >= 1
    # the legend says what the numbers are
    note = p.page.locator("#cg-legend-uncovered").text_content()
    assert "1–19: thứ tự ưu tiên các xã chưa có mô hình" in note


def test_label_colour_contrast_at_least_4_5(open_page, pages):
    p = open_page(pages["vi"], 1366, 768)
    for theme in ("models", "category", "c19"):
        p.js("t => window.camauGis.setTheme(t)", theme)
        pairs = p.js("""() => {
          const g = window.camauGis, out = [];
          const items = g.labelItems();
          for (const it of items.commune.concat(items.district)) {
            const e = it.marker.getElement();
            if (!e || getComputedStyle(e).visibility === 'hidden') continue;
            const f = it.f || g.byCode[it.d.at].feature, th = g.themes[g.activeTheme()];
            const c = th.byValue[String(f.properties[th.field])];
            out.push([getComputedStyle(e).color, c ? c.color : '#cccccc']);
          }
          return [out, g.data.options.colors.background];
        }""")
        rows, background = pairs
        assert rows
        for text, fill in rows:
            rgb = [int(v) for v in re.findall(r"\d+", text)[:3]]
            f = _hex(fill)
            bg = [round(0.8 * a + 0.2 * b) for a, b in zip(f, _hex(background), strict=True)]
            assert _contrast(rgb, bg) >= 4.5, (theme, text, fill)


def _hex(h: str) -> list[int]:
    h = h.lstrip("#")
    return [int(h[i:i + 2], 16) for i in (0, 2, 4)]


def _contrast(a, b) -> float:
    def lum(c):
        v = [x / 255 for x in c]
        v = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in v]
        return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]

    la, lb = lum(a), lum(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


# ------------------------------------------------------------------ search
def _code(analysis, name: str, district_part: str = "") -> str:
    c = analysis.communes
    hit = c[(c["name"] == name) & c["district"].str.contains(district_part)]
    assert len(hit) == 1, (name, district_part, len(hit))
    return str(hit["gso_code"].iloc[0])


def test_search_finds_each_spelling(open_page, pages):
    a = pages["analysis"]
    p1 = _code(a, "Phường 1", "Cà Mau")
    nam_can = _code(a, "Thị trấn Năm Căn")
    dat_mui = _code(a, "Xã Đất Mũi")
    cases = [("P.1", p1), ("p1", p1), ("P 1", p1), ("phuong 01", p1), ("phuong1", p1),
             ("Phường 1", p1), ("tt nam can", nam_can), ("TT. Năm Căn", nam_can),
             (HIEP_TUNG, HIEP_TUNG), ("x hiep tung", HIEP_TUNG), ("hiep tugn", HIEP_TUNG),
             ("hiep tun", HIEP_TUNG), ("dat mui", dat_mui), ("Đất Mũi", dat_mui)]
    p = open_page(pages["vi"], 1280, 720)
    box = p.page.locator("#cg-search-input")
    for query, code in cases:
        box.fill(query)
        first = p.page.locator(".cg-results li[data-gso]").first
        assert first.get_attribute("data-gso") == code, query
    # results show unit type and district
    box.fill("tan thanh")
    subs = p.page.locator(".cg-results li[data-gso] .cg-sub").all_inner_texts()
    assert any(s.startswith("Phường · ") for s in subs) and any(s.startswith("Xã · ") for s in subs)
    # the chosen unit is framed at a zoom where its name shows, above every badge
    box.fill("P.1")
    box.press("Enter")
    p.page.wait_for_function(f"window.camauGis.highlighted() === '{p1}'")
    shown = p.js("""code => window.camauGis.labelItems().commune.filter(it => it.at === code)
        .map(it => getComputedStyle(it.marker.getElement()).visibility)""", p1)
    assert shown == ["visible"]
    assert p.js("window.camauGis.map.getZoom()") >= 12


def test_escape_and_reset_clear_the_selection(open_page, pages):
    p = open_page(pages["vi"], 1366, 768)
    zoom0 = p.js("window.camauGis.map.getZoom()")
    box = p.page.locator("#cg-search-input")
    box.fill("hiep tung")
    box.press("Enter")
    p.page.wait_for_function(f"window.camauGis.highlighted() === '{HIEP_TUNG}'")
    assert p.page.locator("path.cg-selected").count() == 2
    p.page.keyboard.press("Escape")
    assert p.js("window.camauGis.highlighted()") is None
    assert p.page.locator("path.cg-selected").count() == 0
    p.page.wait_for_function("!document.querySelector('.cg-selected-tip')")  # after its fade
    p.js(f"window.camauGis.select('{HIEP_TUNG}')")
    assert p.page.locator("path.cg-selected").count() == 2
    p.page.locator("a.cg-reset").click()
    p.page.wait_for_function(f"Math.abs(window.camauGis.map.getZoom() - {zoom0}) < 0.01")
    assert p.js("window.camauGis.highlighted()") is None
    assert p.page.locator("path.cg-selected").count() == 0


# ------------------------------------------------------------------ gap list, districts, legend
def test_gap_list_zooms_to_the_commune_and_opens_its_popup(open_page, pages):
    p = open_page(pages["vi"], 1366, 768)
    items = p.page.locator(".cg-gap")
    assert items.count() == 19
    ranks = [int(r) for r in p.page.locator(".cg-gap-rank").all_inner_texts()]
    assert ranks == list(range(1, 20))
    code = items.nth(6).get_attribute("data-gso")
    want = p.js("c => window.camauGis.byCode[c].feature.properties.uncov_rank", code)
    assert want == 7
    assert "không có mô hình" in items.nth(6).inner_text()
    items.nth(6).click()
    popup = p.page.locator(".leaflet-popup .cg-popup")
    popup.wait_for(state="visible")
    assert popup.get_attribute("data-gso") == code
    assert p.js("window.camauGis.highlighted()") == code
    inside = p.js("""c => { const g = window.camauGis, b = g.byCode[c].getBounds();
        return g.map.getBounds().contains(b) && g.map.getZoom() >= 11; }""", code)
    assert inside


def test_district_selector_filters_the_list_and_frames_the_district(open_page, pages):
    p = open_page(pages["vi"], 1280, 720)
    select = p.page.locator(".cg-district-filter select")
    option = p.js("""() => [...document.querySelectorAll('.cg-district-filter option')]
        .map(o => [o.value, o.textContent]).filter(o => o[1].startsWith('Thành phố Cà Mau'))[0]""")
    select.select_option(option[0])
    visible = p.page.locator(".cg-gaplist li:not([hidden]) .cg-sub").all_inner_texts()
    assert visible and all(t.startswith("Thành phố Cà Mau") for t in visible)
    assert f"({len(visible)})" in option[1]
    # the view moves with an animation: wait for it (up to 5 s on a loaded machine)
    p.page.wait_for_function("""key => { const g = window.camauGis, b = L.latLngBounds([]);
        g.data.communes.features.forEach(f => { if ((f.properties.dist_code || f.properties.district) === key)
          b.extend(g.byCode[f.properties.gso_code].getBounds()); });
        return g.map.getBounds().contains(b) && g.map.getZoom() > 11; }""", arg=option[0],
                             timeout=5000)
    select.select_option("")
    assert p.page.locator(".cg-gaplist li:not([hidden])").count() == 19


def test_legend_counts_and_highlight(open_page, pages):
    p = open_page(pages["vi"], 1280, 720)
    rows = p.page.locator('#cg-legend-models button.cg-legend-item')
    counts = [int(c) for c in p.page.locator("#cg-legend-models .cg-count").all_inner_texts()]
    assert sum(counts) == 101
    zero = p.js("window.camauGis.data.communes.features.filter(f => f.properties.n_models === 0).length")
    assert counts[0] == zero
    rows.first.click()
    assert rows.first.get_attribute("aria-pressed") == "true"
    assert len(p.js("window.camauGis.classHighlighted()")) == zero
    assert p.page.locator("path.cg-class-outline").count() == zero
    rows.first.click()
    assert p.js("window.camauGis.classHighlighted()") == []
    points = p.page.locator("#cg-legend-points").text_content()
    assert re.search(r"\d+ / \d+ mô hình có tọa độ", points)


# ------------------------------------------------------------------ keyboard and screen readers
def test_focus_order_and_visible_focus_ring(open_page, pages):
    p = open_page(pages["vi"], 1280, 720)
    assert p.js("document.documentElement.lang") == "vi"
    assert p.js("document.title").startswith("Mô hình an ninh trật tự cấp xã")
    stops = []
    for _ in range(80):
        p.page.keyboard.press("Tab")
        info = p.js("""() => { const e = document.activeElement, s = getComputedStyle(e);
            return {tag: e.tagName, cls: String(e.className && e.className.baseVal !== undefined
                    ? e.className.baseVal : e.className), id: e.id,
                    inUi: !!e.closest('.cg-ui'), isMap: e.classList.contains('leaflet-container'),
                    ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2}; }""")
        stops.append(info)
        if info["isMap"]:
            break
    assert stops[0]["id"] == "cg-search-input"
    k = next(i for i, s in enumerate(stops) if s["isMap"])
    assert k < 60  # the communes are reached from the list, not one Tab stop each
    assert all(s["inUi"] for s in stops[:k])
    assert not any(s["tag"] == "path" for s in stops)
    assert all(s["ring"] for s in stops[: k + 1]), [s for s in stops if not s["ring"]]
    # Leaflet's own buttons speak the page's language
    assert p.page.locator(".leaflet-control-zoom-in").get_attribute("title") == "Phóng to"
    assert p.page.locator(".leaflet-control-zoom-out").get_attribute("title") == "Thu nhỏ"


_RING_STATE = """() => { const g = window.camauGis, e = document.activeElement;
    const rings = [...document.querySelectorAll('path.cg-focus-ring')];
    const box = rings.reduce((b, r) => { const q = r.getBoundingClientRect();
        return [Math.min(b[0], q.left), Math.min(b[1], q.top), Math.max(b[2], q.right), Math.max(b[3], q.bottom)]; },
        [1e9, 1e9, -1e9, -1e9]);
    const code = g.focusRing(), c = code ? g.byCode[code].getElement().getBoundingClientRect() : null;
    return {ring: code, active: e && e.getAttribute('data-gso'), n: rings.length, box: box,
            commune: c && [c.left, c.top, c.right, c.bottom],
            dashed: rings.map(r => r.getAttribute('stroke-dasharray')),
            selected: [...document.querySelectorAll('path.cg-selected')].map(r => r.getAttribute('stroke-dasharray')),
            pane: +getComputedStyle(rings.length ? rings[0].closest('.leaflet-pane') : document.body).zIndex,
            badges: +getComputedStyle(document.querySelector('.leaflet-marker-pane')).zIndex}; }"""


def _pixels(page, box):
    """The screen inside ``box`` (left, top, right, bottom; px) as an RGB array."""
    import io as _io

    import numpy as np
    from PIL import Image

    x0, y0 = max(0, int(box[0]) - 2), max(0, int(box[1]) - 2)
    clip = {"x": x0, "y": y0, "width": int(box[2]) + 2 - x0, "height": int(box[3]) + 2 - y0}
    return np.asarray(Image.open(_io.BytesIO(page.screenshot(clip=clip))).convert("RGB"), dtype=int)


def test_focus_ring_follows_the_keyboard_in_the_gap_list_and_goes_on_escape(open_page, pages):
    """Tab into the gap list, arrow keys and Tab: the focused row's commune has a dashed ring on
    the map (black on white, above the badges), unlike the selection; Esc removes it."""
    for width, height in ((1366, 768), (390, 844)):
        p = open_page(pages["vi"], width, height)
        if width < 900:  # phones: the list is one of the bar's sections
            p.page.locator('.cg-tab[data-section="gaps"]').click()
        rows = p.js("() => [...document.querySelectorAll('button.cg-gap')].map(b => b.dataset.gso)")
        assert len(rows) == 19 and p.js(_RING_STATE)["ring"] is None
        p.page.locator(".cg-district-filter select").focus()
        p.page.keyboard.press("Tab")  # into the list: its first row
        steps = [(None, 0), ("ArrowDown", 1), ("ArrowDown", 2), ("Tab", 3), ("ArrowUp", 2),
                 ("End", 18), ("Home", 0), ("ArrowDown", 1), ("ArrowDown", 2)]
        for key, at in steps:
            if key:
                p.page.keyboard.press(key)
            st = p.js(_RING_STATE)
            assert st["active"] == rows[at] and st["ring"] == rows[at], (width, key, st)
            assert st["n"] >= 2  # the white band and the black dashes
        # drawn around that commune, dashed unlike the selection, above the badges and names
        b, c = st["box"], st["commune"]
        assert b[0] <= c[0] + 1 and b[1] <= c[1] + 1 and b[2] >= c[2] - 1 and b[3] >= c[3] - 1
        assert "8 6" in st["dashed"] and st["pane"] > st["badges"]
        # ... and in the free part of the map (not under the open panel on a phone)
        pad = p.js("window.camauGis.freePadding()")
        cx, cy = (c[0] + c[2]) / 2, (c[1] + c[3]) / 2
        assert pad[0] <= cx <= width - pad[2] and pad[1] <= cy <= height - pad[3], (width, c, pad)
        ring = _pixels(p.page, b)
        dark = (ring.max(axis=2) < 60).mean()
        white = (ring.min(axis=2) > 235).mean()
        assert dark > 0.03 and white > 0.03, (width, dark, white)
        p.page.keyboard.press("Escape")
        st = p.js(_RING_STATE)
        assert st["ring"] is None and st["n"] == 0
        after = _pixels(p.page, b)
        assert (after.max(axis=2) < 60).mean() < dark / 2  # the dashes are gone from the screen
        # Enter selects the focused row's commune: the selection's outline is solid
        p.page.keyboard.press("ArrowDown")
        p.page.keyboard.press("Enter")
        p.page.wait_for_function(f"window.camauGis.highlighted() === '{rows[3]}'")
        st = p.js(_RING_STATE)
        assert st["selected"] and all(d is None for d in st["selected"])


def test_focus_ring_follows_the_active_search_result(open_page, pages):
    p = open_page(pages["vi"], 1280, 720)
    p.page.locator("#cg-search-input").focus()
    p.page.keyboard.type("phuong")
    seen = []
    for key in (None, "ArrowDown", "ArrowDown", "ArrowUp"):
        if key:
            p.page.keyboard.press(key)
        ring, active = p.js("""() => [window.camauGis.focusRing(),
            document.querySelector('#cg-results li.cg-active').dataset.gso]""")
        assert ring == active and p.page.locator("path.cg-focus-ring").count() >= 2
        seen.append(ring)
    assert len(set(seen)) == 3 and seen[3] == seen[1]
    p.page.keyboard.press("Escape")
    assert p.js("window.camauGis.focusRing()") is None
    assert p.page.locator("path.cg-focus-ring").count() == 0


def test_axe_core_reports_no_serious_or_critical_violation(open_page, pages):
    from _axe import axe_source

    source = axe_source()
    for width, height in ((390, 844), (1366, 768)):
        p = open_page(pages["vi"], width, height)
        p.page.add_script_tag(content=source)
        result = p.js("""() => axe.run(document, {resultTypes: ['violations']})
            .then(r => r.violations.map(v => ({id: v.id, impact: v.impact,
                   nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))""")
        bad = [v for v in result if v["impact"] in ("serious", "critical")]
        assert bad == [], (width, bad)


# ------------------------------------------------------------------ print
def test_print_pdf_has_map_title_legend_credits_and_no_controls(open_page, pages, tmp_path):
    from PIL import Image
    from pypdf import PdfReader

    p = open_page(pages["vi"], 1280, 720)
    p.page.emulate_media(media="print")
    p.page.wait_for_timeout(300)
    # controls: no search box, no zoom buttons, no layer panel, no list
    hidden = p.js("""() => ['.cg-search', '.leaflet-control-zoom', '#cg-sec-layers', '#cg-sec-gaps']
        .map(s => getComputedStyle(document.querySelector(s)).display)""")
    assert hidden == ["none"] * 4
    pdf = p.page.pdf(format="A4", landscape=True, print_background=True)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    flat = " ".join(text.split())
    assert "Mô hình an ninh trật tự cấp xã" in flat  # the title
    assert "Chú giải" in flat and "Số mô hình mỗi xã" in flat  # the legend
    assert "Ranh giới: vietnam63 (M. Choisy, giấy phép MIT)" in flat  # the one credit line
    assert re.search(r"\d+ k?m", flat)  # the scale bar
    for control in ("Lớp phủ", "Tìm xã", "Phóng to", "Toàn tỉnh (mọi huyện)"):
        assert control not in flat, control
    # the map fills the page: coloured commune fills across most of the page
    png = tmp_path / "print"
    (tmp_path / "print.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-singlefile", str(tmp_path / "print.pdf"),
                    str(png)], check=True, timeout=60)
    import numpy as np

    rgb = np.asarray(Image.open(f"{png}.png").convert("RGB"), dtype=int)
    h, w, _ = rgb.shape
    green = (rgb[..., 1] > rgb[..., 0] + 15) & (rgb[..., 1] > rgb[..., 2] + 10)  # class "1"
    rows, cols = np.nonzero(green)
    assert green.mean() > 0.05
    assert (rows.max() - rows.min()) / h > 0.6  # the province spans most of the page's height
    assert rows.min() > 0.08 * h  # below the printed title


# ------------------------------------------------------------------ one vocabulary
def test_english_page_translates_district_labels_and_uses_the_static_titles(open_page, pages):
    from camau_gis.i18n import t
    from camau_gis.render.static import credit_line

    p = open_page(pages["en"], 1366, 768)
    labels = p.js("[...document.querySelectorAll('.cg-dlabel span')].map(e => e.textContent)")
    assert "Cà Mau City" in labels and len(labels) == 9
    assert not any(label.startswith(("Huyện", "HUYỆN", "Thành phố")) for label in labels)
    assert p.js("document.documentElement.lang") == "en"
    title = p.page.locator(".cg-titlebox h1").inner_text()
    assert title.startswith(t("title_coverage", "en"))
    credit = p.page.locator(".cg-credit").inner_text()
    assert credit == credit_line(pages["analysis"], "en")
    gaps = p.page.locator(".cg-gaplist .cg-sub").all_inner_texts()
    assert gaps and not any("Huyện" in g or "Thành phố" in g for g in gaps)
    assert p.page.locator(".leaflet-control-zoom-in").get_attribute("title") == "Zoom in"


def test_district_names_are_their_own_overlay(open_page, pages):
    p = open_page(pages["vi"], 1366, 768)
    p.js("window.camauGis.setOverlay('districts', false)")
    assert p.page.locator("path.cg-district-line").count() == 0
    assert len(p.js(_BOXES)["dlabels"]) == 9  # the names stay
    p.js("window.camauGis.setOverlay('district_names', false)")
    assert p.page.locator(".cg-dlabel").count() == 0
    p.js("window.camauGis.setOverlay('labels', false)")
    assert p.page.locator(".cg-label").count() == 0
    p.js("window.camauGis.setOverlay('labels', true)")
    assert p.page.locator(".cg-label").count() == 101
