"""axe-core (npm) for the accessibility test, installed into a test-only folder, never the product.

:func:`axe_source` returns the text of ``axe.min.js``: from ``CAMAU_GIS_AXE`` (a path to
the file), else from ``.ci/node/node_modules/axe-core`` (``.ci/run`` installs it there
with ``npm install --prefix .ci/node axe-core@4``), else it runs that ``npm install``
itself. Without npm (or the registry) the test is skipped locally and fails under CI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PREFIX = ROOT / ".ci" / "node"
AXE = PREFIX / "node_modules" / "axe-core" / "axe.min.js"
VERSION = "axe-core@4"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"axe-core is needed under CI: {reason}")
    pytest.skip(reason)


def axe_source() -> str:
    """Return ``axe.min.js`` (installing it with npm into ``.ci/node`` when missing)."""
    env = os.environ.get("CAMAU_GIS_AXE")
    if env:
        return Path(env).read_text(encoding="utf-8")
    if not AXE.is_file():
        npm = shutil.which("npm")
        if npm is None:
            _unavailable("npm is not installed (apt-get install npm) and CAMAU_GIS_AXE is unset")
        proc = subprocess.run(
            [npm, "install", "--prefix", str(PREFIX), "--no-audit", "--no-fund", "--silent",
             VERSION], capture_output=True, text=True, timeout=180, check=False)
        if proc.returncode != 0 or not AXE.is_file():
            _unavailable(f"`npm install --prefix {PREFIX} {VERSION}` failed: "
                         f"{(proc.stderr or proc.stdout)[-500:]}")
    return AXE.read_text(encoding="utf-8")
