"""Open a saved map in Debian's headless Chromium in a subprocess (network blocked).

Tests that need a second Playwright instance beside ``test_browser.py``'s
session browser run a short script in a subprocess: :data:`PRELUDE` opens the
page, blocks every request that is not ``file:``/``data:`` and records page
errors; the test's own script body then reads the page into ``out``, which is
printed as JSON and returned by :func:`run_page`.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

#: Script start: ``exe url width height timeout_ms *extra`` on the command line;
#: leaves ``page``, ``extra`` and ``out`` (with ``errors`` and ``blocked``) for the body.
PRELUDE = r"""
import json, sys
from playwright.sync_api import sync_playwright
exe, url, width, height, timeout_ms, *extra = sys.argv[1:]
args = [a for a in extra if a.startswith("--")]
extra = [a for a in extra if not a.startswith("--")]
out = {"errors": [], "blocked": []}
pw = sync_playwright().start()
browser = pw.chromium.launch(executable_path=exe, args=args)
page = browser.new_context(viewport={"width": int(width), "height": int(height)}).new_page()
def _route(r):
    if r.request.url.startswith(("file:", "data:")):
        r.continue_()
    else:
        out["blocked"].append(r.request.url)
        r.abort()
page.route("**/*", _route)
page.on("pageerror", lambda e: out["errors"].append(str(e)))
page.goto(url)
page.wait_for_function("window.camauGis && window.camauGis.ready", timeout=int(timeout_ms))
"""

_EPILOGUE = r"""
browser.close()
pw.stop()
print(json.dumps(out, ensure_ascii=False))
"""


def chromium_or_skip() -> str:
    """Return Chromium's path (as the package finds it), or skip with the reason and the fix."""
    from camau_gis.render.screenshot import find_chromium

    exe = find_chromium()
    if exe is None:
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium missing); "
                    "run `bash .ci/install_browser.sh` as root to install it")
    pytest.importorskip("playwright", reason="playwright is not installed; "
                        "run `pip install -e .[test]`")
    return exe


def run_page(body: str, html: Path, *extra: str, viewport=(1280, 900),
             timeout_ms: int = 20000) -> dict:
    """Run ``body`` against the saved page ``html``; return its ``out`` dict.

    Asserts that the script succeeded, that the page raised no error and that
    it asked for nothing outside the file (no request was blocked).
    """
    exe = chromium_or_skip()
    script = PRELUDE + body + _EPILOGUE
    proc = subprocess.run(
        [sys.executable, "-c", script, exe, Path(html).as_uri(), str(viewport[0]),
         str(viewport[1]), str(timeout_ms), *extra, *CHROMIUM_ARGS],
        capture_output=True, text=True, encoding="utf-8", check=False, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    got = json.loads(proc.stdout)
    assert got["errors"] == [] and got["blocked"] == []
    return got
