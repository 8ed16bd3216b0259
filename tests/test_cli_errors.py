"""Bad input exits with its class's status (camau_gis.errors), one actionable line, no traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest


def run_cli(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "camau_gis", *args],
        capture_output=True, text=True, cwd=cwd, timeout=300,
    )


def assert_one_line_error(proc: subprocess.CompletedProcess, code: int, *needles: str) -> str:
    assert proc.returncode == code, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert lines and lines[0].startswith("lỗi: "), proc.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def test_missing_boundary_file(tmp_path):
    proc = run_cli("build", "--boundaries", str(tmp_path / "nope.shp"), "--out", str(tmp_path))
    assert_one_line_error(proc, 3, "nope.shp", "không tìm thấy tệp")


def test_unreadable_boundary_file(tmp_path):
    bad = tmp_path / "broken.gpkg"
    bad.write_bytes(b"this is not a geopackage")
    proc = run_cli("build", "--boundaries", str(bad), "--out", str(tmp_path / "o"))
    assert_one_line_error(proc, 3, "broken.gpkg", "không mở được")


def test_wrong_layer(national_gpkg, tmp_path):
    proc = run_cli("build", "--boundaries", str(national_gpkg), "--layer", "xa",
                   "--out", str(tmp_path))
    line = assert_one_line_error(proc, 3, "không có lớp 'xa'")
    assert "communes" in line and "provinces" in line


def test_polygon_file_without_name_column(ca_mau_shp, tmp_path):
    import geopandas as gpd

    gdf = gpd.read_file(ca_mau_shp)[["object_id", "geometry"]]
    path = tmp_path / "anon.gpkg"
    gdf.to_file(path, driver="GPKG")
    proc = run_cli("build", "--boundaries", str(path), "--out", str(tmp_path / "o"))
    assert_one_line_error(proc, 4, "không tìm thấy cột tên xã hoặc mã xã", "object_id", "--columns")


def test_empty_register(ca_mau_shp, tmp_path):
    reg = tmp_path / "empty.csv"
    reg.write_text("", encoding="utf-8")
    proc = run_cli("build", "--boundaries", str(ca_mau_shp), "--register", str(reg),
                   "--out", str(tmp_path / "o"))
    assert_one_line_error(proc, 4, "empty.csv")
    assert not (tmp_path / "o" / "coverage_map.html").exists()


def test_register_missing_required_column(ca_mau_shp, tmp_path):
    reg = tmp_path / "models.csv"
    reg.write_text("STT,Tên mô hình,Huyện\n1,Tự quản,Huyện Năm Căn\n", encoding="utf-8")
    proc = run_cli("build", "--boundaries", str(ca_mau_shp), "--register", str(reg),
                   "--out", str(tmp_path / "o"))
    line = assert_one_line_error(proc, 4, "models.csv")
    assert "commune" in proc.stderr.lower() or "xã" in proc.stderr.lower(), line


@pytest.mark.parametrize("option", ["--columns", "--register-columns"])
def test_bad_mapping_syntax(option, tmp_path):
    proc = run_cli("build", option, "commune", "--out", str(tmp_path))
    assert_one_line_error(proc, 2, "ROLE=COLUMN")
