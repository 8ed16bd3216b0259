"""Browser time-to-render of saved HTML maps in headless Debian Chromium (Playwright).

Chromium comes from Debian (``apt-get install chromium``, see
``.ci/install_browser.sh``); Playwright drives it through
``executable_path`` and never downloads a browser.

Time-to-render is measured from navigation start to the second animation
frame after the ``load`` event, in the page itself (a script installed before the
page's own, so the harness's round trip to the browser is not counted), when Leaflet has drawn every layer (SVG paths
are added synchronously, the Canvas renderer draws on the next frame). The
frame one animation frame later has been painted. The page reports the
result as a console line, so no script of Playwright's runs in it before the
clock stops; the pages of one comparison are rendered in alternation.

A render counts only when the polygons are on screen, checked right after
the clock stops (not timed) and the same for both pages: the polygons drawn
(``features_drawn``: explore()'s interactive SVG paths, our SVG maps' commune
paths, or the communes our canvas scene painted in its last paint) must be every
feature of the layer, and the share of painted pixels of the map
(``painted_share``: SVG paths' area, or the scene canvas's non-transparent
pixels) must not be empty; otherwise the page's status is ``"error"``.

Network requests of a page (explore()'s CDN links) are answered from local
copies of the same libraries (XStatic packages: Leaflet, jQuery, D3,
Font Awesome); libraries without a local copy (Bootstrap, awesome-markers,
glyphicons) are answered with an empty file, which only makes the baseline
page faster. The answer lists what was stubbed.
"""

from __future__ import annotations

import os
import shutil
import statistics
from pathlib import Path

CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")

_ALIASES = {"d3.min.js": "d3.js", "jquery-3.7.1.min.js": "jquery.min.js"}
_TYPES = {".js": "application/javascript", ".css": "text/css", ".woff2": "font/woff2",
          ".woff": "font/woff", ".ttf": "font/ttf", ".png": "image/png", ".svg": "image/svg+xml"}

#: Console line by which the page reports its measurement (see :data:`_MEASURE`).
MEASURED_PREFIX = "__cg_measured "

#: Installed before the page's own scripts (``add_init_script``): at the second animation frame
#: after ``load`` the clock stops in the page itself, so the harness's round trip to the
#: browser (Playwright's ``goto`` returning, then an ``evaluate``) is not counted; what is on
#: screen is checked in the same callback, after the clock has stopped. The result comes back
#: as a console line: waiting with ``wait_for_function`` ran Playwright's injected script in
#: the page between ``load`` and the frames measured (about 20 ms of its main thread).
_MEASURE = """window.addEventListener('load', () => requestAnimationFrame(() => requestAnimationFrame(() => {
  const ms = performance.now();  /* the clock stops here; what follows checks what is on screen */
  const paths = document.querySelectorAll('.leaflet-overlay-pane path.leaflet-interactive');
  const box = document.querySelector('.leaflet-container');
  const area = box ? box.clientWidth * box.clientHeight : 0;
  const g = window.camauGis;
  const scene = document.querySelector('.leaflet-overlay-pane canvas.cg-scene');
  /* polygons: explore()'s interactive paths, our SVG maps' commune paths, our scene's count */
  let drawn = g ? document.querySelectorAll('.leaflet-overlay-pane path.cg-commune').length
                : paths.length;
  let painted = 0;
  if (scene && g && g.communes) {
    drawn = g.communes.drawn;
    const d = scene.getContext('2d').getImageData(0, 0, scene.width, scene.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 16) { if (d[i]) { n++; } }
    painted = 4 * n;  /* every fourth pixel sampled */
  } else {
    for (const p of paths) { const r = p.getBoundingClientRect(); painted += r.width * r.height; }
  }
  window.__cgMeasured = {
    ms: ms,
    paths: paths.length,
    canvases: document.querySelectorAll('.leaflet-overlay-pane canvas').length,
    leaflet: typeof L !== 'undefined',
    features_drawn: drawn,
    painted_share: area ? Math.min(1, painted / area) : 0,
    phases: (g && g.timings) || null,
  };
  /* the harness waits for this line: no script of Playwright's runs in the page before */
  console.log(MEASURED + JSON.stringify(window.__cgMeasured));
})));""".replace("MEASURED", repr(MEASURED_PREFIX))


def find_chromium() -> str | None:
    """Path of a Chromium executable (``CAMAU_GIS_CHROMIUM`` first), or ``None``."""
    env = os.environ.get("CAMAU_GIS_CHROMIUM")
    for cand in (env, *CANDIDATES, shutil.which("chromium")):
        if cand and Path(cand).exists():
            return cand
    return None


def local_assets() -> dict[str, Path]:
    """File name -> local copy, from the installed XStatic packages."""
    index: dict[str, Path] = {}
    try:
        import xstatic.pkg as pkg
    except ImportError:
        return index
    for base in pkg.__path__:
        for root, _, files in sorted(os.walk(base)):
            for name in files:
                if Path(name).suffix in _TYPES and name not in index:
                    index[name] = Path(root) / name
    return index


def _route(assets: dict[str, Path], stubbed: set[str]):
    def handle(route):
        url = route.request.url
        name = url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
        name = _ALIASES.get(name, name)
        ctype = _TYPES.get(Path(name).suffix, "application/octet-stream")
        if name in assets:
            route.fulfill(status=200, body=assets[name].read_bytes(), content_type=ctype)
        else:
            stubbed.add(url)
            route.fulfill(status=200, body=b"", content_type=ctype)

    return handle


def time_to_render(pages: dict[str, Path], repeats: int = 3,
                   executable: str | None = None, timeout_s: float = 120,
                   features: int | None = None) -> dict:
    """Render each page ``repeats`` times in a fresh browser context.

    Parameters
    ----------
    pages : dict
        Label -> saved HTML file.
    repeats : int
        Renders per page (each in a new context, so nothing is cached).
    executable : str, optional
        Chromium path; default :func:`find_chromium`.
    timeout_s : float
        Limit for one page load.
    features : int, optional
        Polygons each page must have drawn when the clock stops; default: as
        many as the page that drew the most (the pages show the same layer).

    Returns
    -------
    dict
        Label -> ``{"status", "times", "min_s", "median_s", "paths", "canvases",
        "features_drawn", "painted_share", "stubbed"}``; ``{"status":
        "unavailable", "reason"}`` when Chromium or Playwright is missing; status
        ``"error"`` with the reason when a page did not load or did not draw
        every polygon.
    """
    executable = executable or find_chromium()
    if executable is None:
        return {k: {"status": "unavailable",
                    "reason": "no Chromium; run .ci/install_browser.sh (apt-get install chromium)"}
                for k in pages}
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {k: {"status": "unavailable", "reason": "playwright not installed"} for k in pages}
    assets = local_assets()
    out: dict[str, dict] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, headless=True,
                                    args=["--no-sandbox", "--disable-gpu"])
        try:
            out = _measure_pages(browser, {k: Path(v) for k, v in pages.items()}, repeats,
                                 assets, timeout_s)
        finally:
            browser.close()
    _check_drawn(out, features)
    return out


def _check_drawn(out: dict[str, dict], features: int | None) -> None:
    """Mark a page that drew fewer polygons than ``features`` (default: the most any page drew)."""
    ok = [r for r in out.values() if r.get("status") == "ok"]
    want = features if features is not None else max(
        (r["features_drawn"] for r in ok), default=0)
    for r in ok:
        if r["features_drawn"] < want:
            r["status"] = "error"
            r["reason"] = f"drew {r['features_drawn']} of {want} polygons when the clock stopped"


def _render_once(browser, path: Path, assets: dict, stubbed: set[str], errors: list[str],
                 timeout_s: float) -> dict:
    """One render of ``path`` in a fresh context: the facts the page measured (:data:`_MEASURE`)."""
    import json

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        context.route("http*://**/*", _route(assets, stubbed))
        context.add_init_script(_MEASURE)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)[:200]))
        with page.expect_console_message(lambda m: m.text.startswith(MEASURED_PREFIX),
                                         timeout=timeout_s * 1000) as message:
            page.goto(path.resolve().as_uri(), wait_until="load", timeout=timeout_s * 1000)
        return json.loads(message.value.text[len(MEASURED_PREFIX):])
    finally:
        context.close()


def _measure_pages(browser, pages: dict[str, Path], repeats: int, assets: dict,
                   timeout_s: float) -> dict[str, dict]:
    """Render every page ``repeats + 1`` times, in turn (a, b, a, b…), each in a fresh context.

    Taking the pages in alternation gives each the same share of a machine
    whose speed drifts during the run (their ratio is the target); the first
    render of each warms Chromium's process and is reported apart.
    """
    state = {label: {"stubbed": set(), "times": [], "drawn": [], "painted": [], "errors": [],
                     "facts": {}, "failed": None} for label in pages}
    for _ in range(repeats + 1):
        for label, path in pages.items():
            st = state[label]
            if st["failed"]:
                continue
            try:
                facts = _render_once(browser, path, assets, st["stubbed"], st["errors"], timeout_s)
            except Exception as exc:  # a page that does not load is reported, not raised
                st["failed"] = f"{type(exc).__name__}: {exc}"[:300]
                continue
            st["facts"] = facts
            st["times"].append(facts["ms"] / 1000)
            st["drawn"].append(facts.get("features_drawn") or 0)
            st["painted"].append(facts.get("painted_share") or 0.0)
    return {label: _page_result(st) for label, st in state.items()}


def _page_result(st: dict) -> dict:
    if st["failed"]:
        return {"status": "error", "reason": st["failed"]}
    times, facts, stubbed = st["times"], st["facts"], st["stubbed"]
    warm = times[1:] or times
    reason = ("Leaflet did not load" if not facts.get("leaflet")
              else "no polygon on screen when the clock stopped" if min(st["painted"]) <= 0
              else "")
    return {
        "status": "error" if reason else "ok",
        "reason": reason,
        "first_s": round(times[0], 3),
        "times": [round(t, 3) for t in warm],
        "min_s": round(min(warm), 3),
        "median_s": round(statistics.median(warm), 3),
        "paths": facts.get("paths"),
        "canvases": facts.get("canvases"),
        # checked in every render (the fewest): polygons drawn, share of the map painted
        "features_drawn": min(st["drawn"]),
        "painted_share": round(min(st["painted"]), 3),
        # our page's own timings (map.js), ms since its script began
        "phases_ms": facts.get("phases"),
        "stubbed": sorted(u for u in stubbed if "tile.openstreetmap" not in u),
        "tiles_stubbed": sum("tile.openstreetmap" in u for u in stubbed),
        "page_errors": sorted(set(st["errors"]))[:5],
    }


def js_profile(path: Path, executable: str | None = None, top: int = 25) -> str:
    """Chromium CPU profile of one render of ``path``: the ``top`` JS functions by self time.

    For finding out why a page renders slowly (DevTools protocol ``Profiler``,
    sampling every 100 µs). Returns a text table (self ms, function, url:line).
    """
    import json

    executable = executable or find_chromium()
    if executable is None:
        return "no Chromium"
    from playwright.sync_api import sync_playwright

    assets = local_assets()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, headless=True,
                                    args=["--no-sandbox", "--disable-gpu"])
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.route("http*://**/*", _route(assets, set()))
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Profiler.enable")
            cdp.send("Profiler.setSamplingInterval", {"interval": 100})
            cdp.send("Profiler.start")
            context.add_init_script(_MEASURE)
            with page.expect_console_message(lambda m: m.text.startswith(MEASURED_PREFIX),
                                             timeout=300_000) as message:
                page.goto(Path(path).resolve().as_uri(), wait_until="load", timeout=300_000)
            total_ms = json.loads(message.value.text[len(MEASURED_PREFIX):])["ms"]
            prof = cdp.send("Profiler.stop")["profile"]
        finally:
            browser.close()
    nodes = {n["id"]: n for n in prof["nodes"]}
    deltas = prof.get("timeDeltas", [])
    self_us: dict[int, float] = {}
    for node_id, dt_us in zip(prof.get("samples", []), deltas[1:] + [0], strict=False):
        self_us[node_id] = self_us.get(node_id, 0.0) + dt_us
    by_fn: dict[str, float] = {}
    for node_id, us in self_us.items():
        cf = nodes[node_id]["callFrame"]
        url = cf.get("url", "").rsplit("/", 1)[-1][:40]
        key = f"{cf.get('functionName') or '(anonymous)'}  {url}:{cf.get('lineNumber', 0) + 1}"
        by_fn[key] = by_fn.get(key, 0.0) + us
    lines = [f"render {total_ms:.0f} ms; top functions by self time (ms):"]
    for key, us in sorted(by_fn.items(), key=lambda kv: -kv[1])[:top]:
        lines.append(f"{us / 1000:9.1f}  {key}")
    return "\n".join(lines)
