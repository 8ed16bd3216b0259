"""The benchmark's browser clock (benchmarks/browser.py) on two small pages in real Chromium."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from _page import chromium_or_skip

ROOT = Path(__file__).resolve().parent.parent

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><script>var L = {{}};</script></head>
<body><div class="leaflet-container" style="width:400px;height:300px">
<div class="leaflet-overlay-pane"><svg width="400" height="300">
<path class="leaflet-interactive" d="M10 10 L200 10 L200 200 Z" fill="#c00"/></svg></div></div>
<script>var t0 = performance.now(); while (performance.now() - t0 < {busy}) {{}}</script>
</body></html>"""


@pytest.mark.browser
def test_the_clock_stops_in_the_page_and_includes_its_work(tmp_path):
    """Both pages rendered in turn; a page whose script works 150 ms longer is measured so."""
    chromium_or_skip()
    pages = {}
    for label, busy in (("light", 0), ("busy", 150)):
        pages[label] = tmp_path / f"{label}.html"
        pages[label].write_text(PAGE.format(busy=busy), encoding="utf-8")
    code = ("import json, sys; from benchmarks.browser import time_to_render; "
            "print(json.dumps(time_to_render(json.loads(sys.argv[1]), repeats=3)))")
    proc = subprocess.run([sys.executable, "-c", code,
                           json.dumps({k: str(v) for k, v in pages.items()})],
                          cwd=ROOT, capture_output=True, text=True, timeout=180, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    res = json.loads(proc.stdout.strip().splitlines()[-1])
    for label in pages:
        r = res[label]
        assert r["status"] == "ok", r
        assert len(r["times"]) == 3 and r["features_drawn"] == 1 and r["painted_share"] > 0
    assert res["busy"]["min_s"] >= res["light"]["min_s"] + 0.12, res
