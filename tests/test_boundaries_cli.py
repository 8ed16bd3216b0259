"""``camau-gis boundaries inspect`` and ``import``: what people and machines read."""

from __future__ import annotations

import json

import pytest

from camau_gis.cli import main


@pytest.fixture(scope="module")
def tm3_copy(tmp_path_factory, ca_mau_shp):
    import geopandas as gpd

    folder = tmp_path_factory.mktemp("cli")
    path = folder / "ca_mau_tm3.shp"
    gpd.read_file(ca_mau_shp, engine="pyogrio").to_crs("EPSG:9207").to_file(path, engine="pyogrio")
    return path


def test_inspect_json(tm3_copy, capsys):
    assert main(["boundaries", "inspect", str(tm3_copy), "--json", "--tolerance", "1e12"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["crs"]["epsg"] == 9207
    assert report["crs"]["transformation"] == "EPSG:6960 VN-2000 to WGS 84 (2)"
    assert report["layout"].startswith("vietnam63")
    assert report["selected"] == 101 and report["uncoded"] == []
    assert report["by_type"] == {"xã": 82, "phường": 10, "thị trấn": 9}
    assert sum(report["by_district"].values()) == 101 and len(report["by_district"]) == 9
    assert report["problems"] == []  # nothing above a 1e12 m² tolerance
    assert report["position"]["share_inside"] > 0.9


def test_inspect_text_is_vietnamese_by_default_and_lists_problems(ca_mau_shp, capsys):
    assert main(["boundaries", "inspect", str(ca_mau_shp), "--tolerance", "100000"]) == 0
    out = capsys.readouterr().out
    assert "Hệ tọa độ: WGS 84 [EPSG:4326]" in out
    assert "Vấn đề phát hiện" in out and "chồng lấn" in out  # problems in the command language
    assert main(["boundaries", "inspect", str(ca_mau_shp), "--lang", "en"]) == 0
    assert "Problems found" in capsys.readouterr().out


def test_inspect_with_reference_flags_vn2000_labelled_wgs84(ca_mau_shp, tmp_path, capsys):
    import geopandas as gpd

    shifted = gpd.read_file(ca_mau_shp, engine="pyogrio").to_crs("EPSG:4756")
    shifted = shifted.set_crs("EPSG:4326", allow_override=True)
    path = tmp_path / "labelled_wgs84.gpkg"
    shifted.to_file(path, engine="pyogrio")
    assert (
        main(
            [
                "boundaries",
                "inspect",
                str(path),
                "--json",
                "--reference",
                str(ca_mau_shp),
                "--tolerance",
                "1e12",
            ]
        )
        == 0
    )
    report = json.loads(capsys.readouterr().out)
    offsets = [p for p in report["problems"] if p["kind"] == "offset"]
    assert len(offsets) == 1 and "EPSG:4756" in offsets[0]["detail"]


def test_inspect_refuses_file_without_prj_in_one_line(tm3_copy, tmp_path, capsys):
    import shutil

    for part in tm3_copy.parent.glob(tm3_copy.stem + ".*"):
        if part.suffix != ".prj":
            shutil.copy(part, tmp_path / part.name)
    rc = main(["boundaries", "inspect", str(tmp_path / tm3_copy.name)])
    err = capsys.readouterr().err
    assert rc == 3  # unreadable input: no usable CRS
    assert err.startswith("lỗi: ") and "--crs" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_import_writes_the_canonical_layer(tm3_copy, tmp_path, capsys):
    import geopandas as gpd

    rc = main(["boundaries", "import", str(tm3_copy), "--out", str(tmp_path)])
    assert rc == 0, capsys.readouterr().err
    got = gpd.read_file(tmp_path / "ca_mau_communes.gpkg", layer="communes", engine="pyogrio")
    assert len(got) == 101 and got["gso_code"].is_unique
    assert got.crs.to_epsg() == 4326
    assert (tmp_path / "ca_mau_communes.cpg").read_text().strip() == "UTF-8"


def test_bad_columns_option(ca_mau_shp, capsys):
    rc = main(["boundaries", "inspect", str(ca_mau_shp), "--columns", "commune=nope"])
    assert rc == 4  # invalid data: the mapped column is missing
    assert "không tìm thấy cột 'nope'" in capsys.readouterr().err


def test_load_warns_about_vn2000_labelled_wgs84_with_a_reference(ca_mau_shp, tmp_path, monkeypatch):
    import geopandas as gpd

    from camau_gis.boundaries import load_communes
    from camau_gis.errors import GeometryWarning

    shifted = gpd.read_file(ca_mau_shp, engine="pyogrio").to_crs("EPSG:4756")
    path = tmp_path / "labelled_wgs84.gpkg"
    shifted.set_crs("EPSG:4326", allow_override=True).to_file(path, engine="pyogrio")
    monkeypatch.setenv("CAMAU_GIS_REFERENCE", str(ca_mau_shp))
    with pytest.warns(GeometryWarning, match=r"VN-2000 bị ghi nhầm là WGS 84.*EPSG:4756"):
        load_communes(path)
    fixed = load_communes(path, crs="EPSG:4756")  # the suggested fix puts it back in place
    ref = load_communes(ca_mau_shp)
    assert fixed.to_crs(32648).centroid.distance(ref.to_crs(32648).centroid).max() < 1.0
