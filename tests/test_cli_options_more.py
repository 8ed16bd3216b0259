"""CLI options shared by every command that runs the analysis, and exit codes of "not found".

``maps`` and ``report`` take ``--crs`` and ``--bac-lieu`` like ``build``;
``analyze --admin 2025`` writes ``no_data_units.csv`` like ``build``;
``--max-register-mb``/``--max-register-rows`` set the register limits for one run
(over the environment variables); options an ``--admin`` would ignore are refused
(exit 2); "…not found" errors exit 3 (InputError).
"""

from __future__ import annotations

import csv
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from camau_gis import settings
from camau_gis.cli import main

EXAMPLE = Path(__file__).resolve().parent.parent / "camau_gis" / "data" / "example"


@pytest.fixture(scope="session")
def no_prj_shp(ca_mau_shp, tmp_path_factory) -> Path:
    """Cà Mau in VN-2000 / TM-3 104°30' metres (EPSG:9207), without its .prj."""
    import geopandas as gpd

    folder = tmp_path_factory.mktemp("noprj")
    path = folder / "communes.shp"
    gpd.read_file(ca_mau_shp).to_crs("EPSG:9207").to_file(path, encoding="utf-8")
    path.with_suffix(".prj").unlink()
    return path


def _register(tmp_path: Path, rows: int | None = None) -> Path:
    """A copy of the example models table, cut to ``rows`` data rows."""
    lines = (EXAMPLE / "models.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "models.csv"
    path.write_text("".join(lines if rows is None else lines[: rows + 1]), encoding="utf-8")
    return path


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    cap = capsys.readouterr()
    return code, cap.out, cap.err


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


# -- --crs and --bac-lieu on maps and report ------------------------------------------------


@pytest.mark.parametrize("command", ["maps", "report"])
def test_maps_and_report_apply_crs(command, no_prj_shp, tmp_path, capsys):
    out = tmp_path / "out"
    base = [command, "--boundaries", no_prj_shp, "--out", out, "--dpi", "10"]
    code, _, err = _run(capsys, *base)
    assert code == 3 and "--crs" in err and "EPSG:9207" in err
    # a wrong TM-3 meridian is taken as given: the layer then sits ~50 km off
    code, _, err = _run(capsys, *base, "--crs", "EPSG:9206")
    assert code == 3 and "cách vị trí chính thức khoảng" in err
    assert not out.exists() or not any(out.iterdir())


def test_maps_with_the_right_crs_draws_every_commune(no_prj_shp, tmp_path, capsys):
    out = tmp_path / "out"
    code, stdout, err = _run(capsys, "maps", "--boundaries", no_prj_shp, "--crs", "EPSG:9207",
                             "--out", out, "--kind", "coverage", "--format", "svg",
                             "--dpi", "10", "--lang", "en")
    assert code == 0, err
    assert "coverage_map.svg" in stdout
    root = ET.parse(out / "coverage_map.svg").getroot()
    paths = [el for el in root.iter() if el.tag.endswith("path")]
    assert len(paths) >= 101  # one patch per commune at least


@pytest.mark.parametrize("command", ["maps", "report"])
def test_maps_and_report_take_bac_lieu(command, ca_mau_shp, tmp_path, capsys):
    missing = tmp_path / "bac_lieu_missing.shp"
    code, _, err = _run(capsys, command, "--admin", "2025", "--boundaries", ca_mau_shp,
                        "--bac-lieu", missing, "--out", tmp_path / "out", "--dpi", "10")
    assert code == 3, err
    assert "bac_lieu_missing.shp" in err


@pytest.mark.parametrize("command", ["build", "analyze", "maps", "report"])
def test_options_an_admin_would_ignore_are_refused(command, tmp_path, capsys):
    never = tmp_path / "never-read.shp"
    code, _, err = _run(capsys, command, "--admin", "2025", "--crs", "EPSG:9207",
                        "--layer", "xa", "--boundaries", never, "--out", tmp_path / "out")
    assert code == 2 and "--layer, --crs" in err and "boundaries import" in err
    # without --admin, --bac-lieu means the 2025 units; with --admin 2019 it is refused
    code, _, err = _run(capsys, command, "--admin", "2019", "--bac-lieu", never, "--boundaries",
                        never, "--out", tmp_path / "out")
    assert code == 2 and "--bac-lieu" in err and "--admin 2025" in err
    assert not (tmp_path / "out").exists()


# -- analyze --admin 2025 writes no_data_units.csv -------------------------------------------


def test_analyze_2025_writes_no_data_units(ca_mau_shp, bac_lieu_shp, tmp_path, capsys):
    from camau_gis.boundaries import load_communes

    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    code, stdout, err = _run(capsys, "analyze", "--admin", "2025", "--boundaries", ca_mau_shp,
                             "--bac-lieu", bac_lieu_shp, "--out", out, "--lang", "en")
    assert code == 0, err
    assert f"no_data_units.csv: {out / 'no_data_units.csv'}" in stdout
    rows = _read_csv(out / "no_data_units.csv")
    assert rows, "the example register covers old Cà Mau only: old Bạc Liêu has no data"
    bac_lieu = load_communes(bac_lieu_shp, province="Bạc Liêu")
    bl = {f"{n} ({d})" for n, d in zip(bac_lieu["name"], bac_lieu["district"], strict=True)}
    for row in rows:
        before = [s.strip() for s in row["Units before 1 July 2025"].split(";")]
        assert before and set(before) <= bl, row  # only former Bạc Liêu units
        assert "Bạc Liêu" in row["Reason"]
    covered = _read_csv(out / "uncovered_communes.csv")
    assert not {r["Unit code"] for r in rows} & {r.get("Unit code") for r in covered}

    # a 2019 run into the same folder removes the list it no longer writes, nothing else
    code, stdout, err = _run(capsys, "analyze", "--boundaries", ca_mau_shp, "--out", out)
    assert code == 0, err
    assert "no_data_units.csv" not in stdout
    assert not (out / "no_data_units.csv").exists()
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_analyze_rejects_a_bad_language_before_work(tmp_path, capsys):
    code, _, err = _run(capsys, "analyze", "--lang", "fr", "--out", tmp_path / "out",
                        "--boundaries", tmp_path / "never-read.shp")
    assert code == 2 and "fr" in err
    assert not (tmp_path / "out").exists()


# -- register limits as options ---------------------------------------------------------------


def test_register_check_row_limit_option(ca_mau_shp, tmp_path, capsys, monkeypatch):
    reg = _register(tmp_path)
    report = tmp_path / "report.csv"
    code, _, err = _run(capsys, "register", "check", reg, "--c19", EXAMPLE / "criterion19.csv",
                        "--boundaries", ca_mau_shp, "--report", report,
                        "--max-register-rows", "5")
    assert code == 3 and "giới hạn số dòng" in err and "models.csv" in err
    assert not report.exists()
    # the option wins over the environment variable, for this run only
    monkeypatch.setenv("CAMAU_GIS_MAX_REGISTER_ROWS", "5")
    before = settings.max_register_rows
    code, stdout, err = _run(capsys, "register", "check", reg, "--c19",
                             EXAMPLE / "criterion19.csv", "--boundaries", ca_mau_shp,
                             "--report", report, "--max-register-rows", "100000")
    assert "giới hạn số dòng" not in err and code in (0, 4)
    n_models = len(_read_csv(reg))
    assert f"mô hình {n_models}" in stdout  # every row was read
    assert os.environ["CAMAU_GIS_MAX_REGISTER_ROWS"] == "5"
    assert settings.max_register_rows == before
    # without the option the environment variable applies again
    code, _, err = _run(capsys, "register", "check", reg, "--boundaries", ca_mau_shp,
                        "--report", report)
    assert code == 3 and "giới hạn số dòng" in err


def test_register_check_size_limit_option(ca_mau_shp, tmp_path, capsys):
    reg = _register(tmp_path)
    assert reg.stat().st_size > 2048
    code, _, err = _run(capsys, "register", "check", reg, "--boundaries", ca_mau_shp,
                        "--report", tmp_path / "r.csv", "--max-register-mb", "0.001")
    assert code == 3 and "vượt giới hạn" in err and "1.0 KB" in err


@pytest.mark.parametrize("command", ["build", "analyze"])
def test_build_and_analyze_apply_the_limits(command, ca_mau_shp, tmp_path, capsys):
    out = tmp_path / "out"
    reg = _register(tmp_path, rows=20)
    base = [command, "--boundaries", ca_mau_shp, "--register", reg,
            "--c19", EXAMPLE / "criterion19.csv", "--out", out]
    code, _, err = _run(capsys, *base, "--max-register-rows", "10")
    assert code == 3 and "giới hạn số dòng" in err
    code, _, err = _run(capsys, *base, "--max-register-mb", "0.001")
    assert code == 3 and "vượt giới hạn" in err
    assert not out.exists() or not [p for p in out.iterdir() if not p.name.startswith(".")]
    assert settings.max_register_rows == 500_000 and settings.max_register_bytes == 50 * 2**20


@pytest.mark.parametrize(("option", "value"), [("--max-register-mb", "0"),
                                                ("--max-register-mb", "-3"),
                                                ("--max-register-rows", "0")])
def test_non_positive_limits_are_bad_options(option, value, tmp_path, capsys):
    code, _, err = _run(capsys, "analyze", option, value, "--out", tmp_path / "out",
                        "--boundaries", tmp_path / "never-read.shp")
    assert code == 2 and option in err


def test_limits_do_not_invalidate_the_boundary_cache(ca_mau_shp, monkeypatch):
    from camau_gis.normalize._canonical_cache import cache_key

    key = cache_key(ca_mau_shp, {"province": None})
    monkeypatch.setattr(settings, "max_register_rows", 7)
    monkeypatch.setenv("CAMAU_GIS_MAX_REGISTER_BYTES", "1M")
    assert cache_key(ca_mau_shp, {"province": None}) == key


# -- "not found" errors exit 3 ----------------------------------------------------------------


def test_unknown_admin_in_the_api_is_an_option_error():
    from camau_gis.errors import OptionError
    from camau_gis.pipeline import run_analysis

    with pytest.raises(OptionError, match="2019") as info:
        run_analysis(admin="2030")
    assert info.value.exit_code == 2


def test_missing_html_for_screenshot_exits_3(tmp_path):
    from camau_gis.cli._errors import describe
    from camau_gis.errors import InputError
    from camau_gis.render.screenshot import screenshot_html

    with pytest.raises(InputError, match="hãy tạo nó trước") as info:
        screenshot_html(tmp_path / "coverage_map.html", tmp_path / "shot.png")
    code, message = describe(info.value)
    assert code == 3 and "coverage_map.html" in message


def test_report_with_missing_map_images_exits_3(ca_mau_communes, tmp_path):
    from _analysis_factory import make_analysis

    from camau_gis.cli._errors import describe
    from camau_gis.errors import InputError
    from camau_gis.report import write_report

    result = make_analysis(ca_mau_communes)
    with pytest.raises(InputError, match="camau-gis maps") as info:
        write_report(result, tmp_path / "out", maps={"coverage": tmp_path / "gone.png"})
    assert describe(info.value)[0] == 3
    assert not (tmp_path / "out" / "report.docx").exists()


def test_no_plain_camau_gis_error_says_not_found():
    """Source check: a "not found … first" message is raised as InputError, not the base class."""
    import re

    root = Path(__file__).resolve().parent.parent / "camau_gis"
    offenders = []
    for path in root.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"raise CamauGisError\((.{0,300}?)\)\n", text, re.S):
            if "not found" in m.group(1) and "first" in m.group(1):
                offenders.append(f"{path.relative_to(root)}: {m.group(1)[:80]}")
    assert offenders == []
