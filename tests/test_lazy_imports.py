"""``import camau_gis`` and ``camau-gis --help`` must not load the heavy libraries.

Each check runs in a fresh interpreter (a subprocess), because this test
session has long since imported geopandas through other tests.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("geopandas", "folium", "matplotlib", "branca", "shapely", "pyogrio", "fiona")

_PROBE = """
import json, sys
{body}
heavy = {heavy!r}
print("\\n__LOADED__" + json.dumps(sorted(m for m in heavy if m in sys.modules)))
"""


def _loaded_after(body: str) -> tuple[list[str], str]:
    code = _PROBE.format(body=body, heavy=HEAVY)
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, f"probe failed:\n{proc.stdout}\n{proc.stderr}"
    out, marker, tail = proc.stdout.rpartition("__LOADED__")
    assert marker, f"probe printed no result:\n{proc.stdout}\n{proc.stderr}"
    return json.loads(tail.strip()), out


def test_import_package_is_light():
    loaded, _ = _loaded_after("import camau_gis\nassert camau_gis.__version__")
    assert loaded == [], f"`import camau_gis` loaded {loaded}; import them inside functions"


def test_light_modules_stay_light():
    # Settings, errors, schema, text keys and atomic writes are used by every command.
    body = (
        "import camau_gis\n"
        "from camau_gis import _atomic, errors, schema, settings, text\n"
        "assert set(camau_gis.__all__) >= {'build', 'load_communes'}\n"
    )
    loaded, _ = _loaded_after(body)
    assert loaded == [], f"light modules loaded {loaded}"


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["build", "--help"], ["boundaries", "--help"], ["register", "--help"]],
    ids=lambda a: " ".join(a),
)
def test_cli_help_is_light(argv):
    body = (
        "from camau_gis.cli import main\n"
        f"rc = main({argv!r})\n"
        "assert rc == 0, rc\n"
    )
    loaded, out = _loaded_after(body)
    assert "Cách dùng:" in out, f"no help text for {argv}:\n{out}"  # click's "Usage:", in vi
    cmd = " ".join(argv)
    assert loaded == [], f"`camau-gis {cmd}` loaded {loaded}; import them inside commands"


def test_console_script_help_is_light(tmp_path):
    """The installed entry point, as a user runs it (checked through ``-X importtime``)."""
    import shutil

    # the venv's scripts folder is not on PATH when the venv is not activated (as in CI)
    exe = shutil.which("camau-gis", path=str(Path(sys.executable).parent)) or shutil.which(
        "camau-gis")
    if exe is None:
        pytest.skip("console script camau-gis not on PATH (package not installed with pip -e)")
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", exe, "--help"],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Cách dùng:" in proc.stdout  # click's "Usage:" in the default language
    # importtime lines: "import time: self | cumulative | module"
    modules = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines()
               if line.startswith("import time:")}
    heavy = sorted(m for m in modules if m.split(".")[0] in HEAVY)
    assert heavy == [], f"`camau-gis --help` imported {heavy[:10]}"
