"""Zipped boundary files: read in place (never extracted), hostile archives refused with our error.

Every archive is built here from a small Shapefile of three communes near
Cà Mau city. "Nothing extracted" is checked on the whole temporary tree -
the archive's folder, its parents, and the temporary folder GDAL and Python
would use (pointed at a watched folder) - before and after each read.
"""

from __future__ import annotations

import hashlib
import struct
import tempfile
import zipfile
from pathlib import Path

import pytest

from camau_gis.errors import BoundaryError
from camau_gis.io.boundaries import read_polygons, zip_member

NAMES = ["Phường 1", "Xã Tân Thành", "Xã An Xuyên"]


@pytest.fixture(scope="module")
def shp_parts(tmp_path_factory) -> dict[str, bytes]:
    """The files of a 3-commune Shapefile (UTF-8, WGS 84) as bytes, by suffix."""
    import geopandas as gpd
    from shapely.geometry import box

    folder = tmp_path_factory.mktemp("shp")
    cells = [box(105.10 + i * 0.05, 9.15, 105.15 + i * 0.05, 9.20) for i in range(3)]
    gdf = gpd.GeoDataFrame(
        {"commune": NAMES, "district": ["Thành phố Cà Mau"] * 3}, geometry=cells, crs="EPSG:4326"
    )
    gdf.to_file(folder / "xa.shp", engine="pyogrio", encoding="UTF-8")
    return {p.suffix: p.read_bytes() for p in folder.iterdir()}


def shapefile_members(parts: dict[str, bytes], stem: str) -> dict[str, bytes]:
    return {f"{stem}{suffix}": data for suffix, data in parts.items()}


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(zipfile.ZipInfo(name), data, zipfile.ZIP_DEFLATED)
    return path


def tree(root: Path) -> dict[str, str]:
    """Every file and folder under ``root`` -> hash (``<dir>`` for folders)."""
    return {
        p.relative_to(root).as_posix(): "<dir>" if p.is_dir()
        else hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
    }


@pytest.fixture
def watched_tmp(tmp_path, monkeypatch) -> Path:
    """Point Python's and GDAL's temporary folders at an empty folder inside tmp_path."""
    tmp = tmp_path / "tmpdir"
    tmp.mkdir()
    for var in ("TMPDIR", "TMP", "TEMP", "CPL_TMPDIR"):
        monkeypatch.setenv(var, str(tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    return tmp


def test_zipped_shapefile_is_read_in_place(shp_parts, tmp_path, watched_tmp):
    # the Shapefile sits in a sub-folder of the archive, as many portals ship it
    archive = make_zip(tmp_path / "in" / "ranh_gioi.zip",
                       shapefile_members(shp_parts, "ranh_gioi_xa/xa"))
    before = tree(tmp_path)
    gdf = read_polygons(archive)
    assert list(gdf["commune"]) == NAMES  # UTF-8 text intact, read through the .cpg
    assert gdf.attrs["camau_gis"]["encoding"]["declared"].upper().replace("-", "") == "UTF8"
    assert tree(tmp_path) == before  # nothing extracted, beside the archive or in a temp folder
    assert list(watched_tmp.iterdir()) == []


@pytest.mark.parametrize(
    "evil",
    ["../evil.shp", "../../evil.shp", "a/../../evil.shp", "/tmp/evil.shp", "..\\evil.shp",
     "C:/evil.shp"],
)
def test_traversal_members_are_refused_and_nothing_is_written(evil, shp_parts, tmp_path,
                                                                watched_tmp):
    members = shapefile_members(shp_parts, "xa")
    members[evil] = shp_parts[".shp"]
    archive = make_zip(tmp_path / "a" / "b" / "c" / "x.zip", members)
    before = tree(tmp_path)
    with pytest.raises(BoundaryError, match=r"đường dẫn tuyệt đối hoặc '\.\.'") as info:
        read_polygons(archive)
    assert evil in str(info.value) and str(archive) in str(info.value)
    assert tree(tmp_path) == before  # no evil.shp in a, a/b, a/b/c or anywhere else
    assert not Path("/tmp/evil.shp").exists()


def test_archive_without_a_shapefile_lists_its_members(tmp_path):
    archive = make_zip(tmp_path / "x.zip", {"doc/huong_dan.pdf": b"%PDF", "ds_xa.csv": b"a,b\n"})
    with pytest.raises(BoundaryError, match="không chứa Shapefile") as info:
        zip_member(archive)
    assert "doc/huong_dan.pdf" in str(info.value) and "ds_xa.csv" in str(info.value)


def test_several_shapefiles_need_a_layer(shp_parts, tmp_path):
    members = shapefile_members(shp_parts, "xa_2019") | shapefile_members(shp_parts, "xa_2025")
    archive = make_zip(tmp_path / "x.zip", members)
    with pytest.raises(BoundaryError, match=r"chứa 2 Shapefile") as info:
        read_polygons(archive)
    assert "xa_2019.shp" in str(info.value) and "xa_2025.shp" in str(info.value)
    assert "--layer" in str(info.value)
    gdf = read_polygons(archive, layer="xa_2025")
    assert len(gdf) == 3 and gdf.attrs["camau_gis"]["layer"] == "xa_2025"


def test_shapefile_without_its_dbf(shp_parts, tmp_path):
    members = {k: v for k, v in shapefile_members(shp_parts, "xa").items()
               if not k.endswith(".dbf")}
    with pytest.raises(BoundaryError, match=r"xa\.shp thiếu xa\.dbf"):
        zip_member(make_zip(tmp_path / "x.zip", members))


@pytest.mark.parametrize("content", [b"", b"<html>404 Not Found</html>", b"PK\x03\x04broken"],
                         ids=["empty", "html", "truncated"])
def test_not_a_zip_is_our_error(content, tmp_path):
    bad = tmp_path / "ranh_gioi.zip"
    bad.write_bytes(content)
    with pytest.raises(BoundaryError, match=r"ranh_gioi\.zip: không phải tệp nén zip"):
        read_polygons(bad)


def test_cut_off_download_of_a_zip_is_our_error(shp_parts, tmp_path):
    whole = make_zip(tmp_path / "whole.zip", shapefile_members(shp_parts, "xa")).read_bytes()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(BoundaryError, match=r"cut\.zip: không phải tệp nén zip"):
        read_polygons(cut)


def test_zip_bomb_ratio_is_refused(shp_parts, tmp_path):
    members = shapefile_members(shp_parts, "xa")
    members["xa.dbf"] = shp_parts[".dbf"] + b"\x00" * (8 * 2**20)  # 8 MB that packs to ~8 kB
    archive = make_zip(tmp_path / "bomb.zip", members)
    assert archive.stat().st_size < 100_000
    with pytest.raises(BoundaryError, match=r"xa\.dbf khi giải nén lớn hơn 200 lần"):
        read_polygons(archive)


def test_declared_size_above_the_limit_is_refused(shp_parts, tmp_path, monkeypatch):
    archive = make_zip(tmp_path / "huge.zip", shapefile_members(shp_parts, "xa"))
    # a central directory that claims a 4 GB member: refused before GDAL reads a byte
    data = bytearray(archive.read_bytes())
    at = data.index(b"PK\x01\x02")
    data[at + 24 : at + 28] = struct.pack("<I", 0xFFFF0000)
    archive.write_bytes(bytes(data))
    with pytest.raises(BoundaryError, match=r"huge\.zip: giải nén ra [\d,]+ MB, vượt giới hạn"):
        read_polygons(archive)
    # the limit is a setting: a small one refuses the honest archive too
    monkeypatch.setenv("CAMAU_GIS_MAX_ZIP_BYTES", "1000")
    honest = make_zip(tmp_path / "honest.zip", shapefile_members(shp_parts, "xa"))
    with pytest.raises(BoundaryError, match="CAMAU_GIS_MAX_ZIP_BYTES"):
        read_polygons(honest)


def test_geojson_in_a_zip_is_read(shp_parts, tmp_path):
    import geopandas as gpd

    gdf = read_polygons(make_zip(tmp_path / "x.zip", shapefile_members(shp_parts, "xa")))
    gj = tmp_path / "xa.json"
    gpd.GeoDataFrame(gdf[["commune"]], geometry=gdf.geometry, crs=4326).to_file(
        gj, driver="GeoJSON", engine="pyogrio")
    got = read_polygons(make_zip(tmp_path / "gadm.json.zip", {"xa.json": gj.read_bytes()}))
    assert list(got["commune"]) == NAMES


def test_cli_reports_a_hostile_archive_in_one_paragraph(shp_parts, tmp_path, capsys):
    from camau_gis.cli import main

    members = shapefile_members(shp_parts, "xa") | {"../../evil.txt": b"pwned"}
    archive = make_zip(tmp_path / "in" / "x.zip", members)
    before = tree(tmp_path)
    code = main(["boundaries", "import", str(archive), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 3
    assert err.startswith("lỗi: ") and "Traceback" not in err and "\n\n" not in err.strip()
    assert str(archive) in err and "../../evil.txt" in err
    assert tree(tmp_path) == before  # no evil.txt, and no half-written output folder


def test_macos_resource_forks_are_not_counted_as_shapefiles(shp_parts, tmp_path):
    members = shapefile_members(shp_parts, "xa")
    members |= {"__MACOSX/._xa.shp": b"\x00\x05\x16\x07", "._xa.shp": b"\x00\x05\x16\x07"}
    archive = make_zip(tmp_path / "mac.zip", members)
    assert zip_member(archive) == "xa.shp"
    assert list(read_polygons(archive)["commune"]) == NAMES
