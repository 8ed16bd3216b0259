"""A plain install of camau-gis for the end-to-end rows: what ``pip install camau-gis`` gives.

The project venv holds the ``test`` extra (pytest, playwright, libpysal…);
users do not. :func:`plain_install` builds a wheel of this checkout and
installs it with its declared dependencies only into a separate venv, kept
between runs in ``~/.cache/camau-gis-bench/plain-<hash of the dependencies>``
(the wheel itself is reinstalled every run, so the code measured is the
checkout's). :func:`check_plain` proves the test extra is absent.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Packages of the test extra that a plain install must not hold. (libpysal and esda are in
#: the test extra too, but spopt, a dependency, brings them into every install: their
#: presence says nothing about the test extra, so every run listed them as "present".)
TEST_ONLY = ("pytest", "hypothesis", "playwright", "pypdf")


def _deps_hash() -> str:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    deps = re.search(r"^dependencies = \[(.*?)^\]", text, re.S | re.M)
    return hashlib.sha256((deps.group(1) if deps else text).encode()).hexdigest()[:12]


def plain_install(workdir: Path) -> dict[str, str]:
    """Return ``{"python", "camau_gis", "venv"}`` of a venv holding the plain install."""
    base = Path(os.environ.get("BENCH_PLAIN_DIR") or
                Path.home() / ".cache" / "camau-gis-bench") / f"plain-{_deps_hash()}"
    py = base / "bin" / "python"
    wheels = workdir / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels),
                    str(ROOT)], check=True, capture_output=True)
    (wheel,) = wheels.glob("camau_gis-*.whl")
    if not py.exists():
        if base.exists():
            shutil.rmtree(base)
        subprocess.run([sys.executable, "-m", "venv", str(base)], check=True)
        subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)], check=True,
                       capture_output=True)
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall",
                    str(wheel)], check=True, capture_output=True)
    return {"python": str(py), "camau_gis": str(base / "bin" / "camau-gis"), "venv": str(base)}


def check_plain(python: str) -> dict[str, object]:
    """Say which test-extra packages the venv holds (none for a plain install) and pyarrow's."""
    code = ("import importlib.util, json, sys; "
            f"names = {list(TEST_ONLY)!r}; "
            "print(json.dumps({'test_extra_present': [n for n in names "
            "if importlib.util.find_spec(n)], 'pyarrow': bool(importlib.util.find_spec('pyarrow')),"
            " 'camau_gis': importlib.util.find_spec('camau_gis').origin}))")
    out = subprocess.run([python, "-c", code], check=True, capture_output=True, text=True,
                         cwd="/")
    return json.loads(out.stdout)
