"""Inputs are read-only: no command creates, changes or deletes anything under its input paths.

Every command of ``camau-gis --help`` runs once on copies of real inputs
(the example register as CSV and XLSX, the Cà Mau and Bạc Liêu Shapefiles, a
zipped Shapefile, a geoBoundaries mirror folder). The input folder is hashed
file by file, hidden files included, before and after each command: a
sidecar (``.aux.xml``, ``.qix``, ``.cpg``), an extracted archive or a cache
written beside an input shows up as a created file.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from pathlib import Path

import pytest


def _inputs(folder: Path, ca_mau_shp: Path, bac_lieu_shp: Path, robust) -> dict[str, Path]:
    import geopandas as gpd
    import pandas as pd

    reg = robust.copy_register(folder / "register")
    for name, csv in reg.items():  # the same register as XLSX workbooks
        pd.read_csv(csv, dtype=str, keep_default_na=False).to_excel(
            folder / "register" / f"{name}.xlsx", index=False)
    shp = robust.copy_shapefile(ca_mau_shp, folder / "ca_mau")
    bl = robust.copy_shapefile(bac_lieu_shp, folder / "bac_lieu")
    with zipfile.ZipFile(folder / "ca_mau.zip", "w") as zf:
        for part in sorted(shp.parent.iterdir()):
            zf.write(part, f"ca_mau/{part.name}")
    raw = gpd.read_file(shp, engine="pyogrio")
    mirror = folder / "mirror"
    mirror.mkdir()
    gpd.GeoDataFrame(
        {"shapeName": raw["commune_vn"], "shapeISO": "", "shapeID": [f"id{i}" for i in range(len(raw))],
         "shapeGroup": "VNM", "shapeType": "ADM3"},
        geometry=raw.geometry, crs=raw.crs,
    ).to_file(mirror / "geoBoundaries-VNM-ADM3.geojson", driver="GeoJSON", engine="pyogrio")
    return {"models": reg["models"], "c19": reg["criterion19"],
            "models_xlsx": folder / "register" / "models.xlsx",
            "c19_xlsx": folder / "register" / "criterion19.xlsx",
            "shp": shp, "bac_lieu": bl, "zip": folder / "ca_mau.zip", "mirror": mirror}


def _commands(i: dict[str, Path], out: Path) -> dict[str, tuple[list[str], tuple[int, ...]]]:
    """Command id -> (argv, accepted exit codes). Every command of the CLI, each on real work."""
    reg = ["-r", str(i["models"]), "--c19", str(i["c19"])]
    shp = str(i["shp"])
    return {
        "build": (["build", "-b", shp, *reg, "--out", str(out / "build"), "--dpi", "40"], (0,)),
        "analyze": (["analyze", "-b", shp, "-r", str(i["models_xlsx"]), "--c19", str(i["c19_xlsx"]),
                     "--out", str(out / "analyze")], (0,)),
        "maps": (["maps", "-b", shp, *reg, "--out", str(out / "maps"), "--kind", "c19",
                  "--format", "svg"], (0,)),
        "report": (["report", "-b", shp, *reg, "--out", str(out / "report"), "--dpi", "30"], (0,)),
        "plan": (["plan", "--models", "2", "--year", "2016", "-b", shp, *reg, "--out",
                  str(out / "plan"), "--dpi", "30"], (0,)),
        # exit 4: the example register has rows that need attention (that is its point)
        "register check": (["register", "check", str(i["models"]), "--c19", str(i["c19"]), "-b", shp,
                            "--report", str(out / "match_report.xlsx")], (0, 4)),
        "register template": (["register", "template", "-f", "csv", "--out", str(out / "tpl")], (0,)),
        "boundaries inspect": (["boundaries", "inspect", str(i["zip"]), "--json"], (0,)),
        "boundaries import": (["boundaries", "import", shp, "--out", str(out / "import")], (0,)),
        "boundaries fetch": (["boundaries", "fetch", "--source", "geoboundaries", "--base-url",
                              str(i["mirror"]), "--out", str(out / "fetch")], (0,)),
        "crosswalk table": (["crosswalk", "table", "--out", str(out / "crosswalk.xlsx")], (0,)),
        "crosswalk map": (["crosswalk", "map", "-b", shp, "--bac-lieu", str(i["bac_lieu"]),
                           "--out", str(out / "change_map.html")], (0,)),
        "crosswalk show": (["crosswalk", "show", "32197"], (0,)),
    }


COMMANDS = list(_commands({k: Path(k) for k in ("models", "c19", "models_xlsx", "c19_xlsx", "shp",
                                                  "bac_lieu", "zip", "mirror")}, Path("o")))


@pytest.fixture(scope="module")
def runs(ca_mau_shp, bac_lieu_shp, tmp_path_factory, robust):
    """Run every command once; command id -> (exit code, accepted codes, stderr, input changes)."""
    from camau_gis.cli import main

    base = tmp_path_factory.mktemp("readonly")
    inputs = _inputs(base / "inputs", ca_mau_shp, bac_lieu_shp, robust)
    results = {}
    with robust.isolated_settings(base / "settings"):
        for name, (argv, ok) in _commands(inputs, base / "out").items():
            before = robust.tree_state(base / "inputs")
            err = io.StringIO()
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                code = main(argv)
            after = robust.tree_state(base / "inputs")
            results[name] = (code, ok, err.getvalue(), robust.tree_diff(before, after))
    return results


def test_every_cli_command_is_covered():
    """A new command must be added to the read-only check."""
    import typer

    from camau_gis.cli import _register_commands, app

    _register_commands()
    group = typer.main.get_command(app)
    names = set()
    for name, cmd in group.commands.items():
        subs = getattr(cmd, "commands", None)
        names |= {f"{name} {s}" for s in subs} if subs else {name}
    assert names - {"versions", "paths"} == set(COMMANDS)  # these two read no input


@pytest.mark.parametrize("command", COMMANDS)
def test_command_leaves_its_inputs_untouched(runs, command):
    code, ok, err, changes = runs[command]
    assert code in ok, f"{command} failed (exit {code}), so it did not exercise its inputs:\n{err}"
    assert changes == [], f"{command} touched its inputs: {changes}"
