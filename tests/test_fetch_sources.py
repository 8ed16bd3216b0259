"""GADM and geoBoundaries downloads: licence shown, cached, checksum pinned, offline mirrors.

The "upstream" files are written here from the shared Cà Mau Shapefile in the
two sources' layouts and served from a local folder or a local HTTP server.
"""

from __future__ import annotations

import functools
import http.server
import threading
import zipfile

import pytest

from camau_gis.errors import DownloadError

#: The API's messages follow settings.language: this module checks the English texts
#: (the Vietnamese default is checked through the CLI and in the *_vi tests).
pytestmark = pytest.mark.usefixtures("english_messages")


@pytest.fixture(scope="module")
def mirror(tmp_path_factory, ca_mau_shp):
    """A folder holding gadm41_VNM_3.json.zip and geoBoundaries-VNM-ADM3.geojson."""
    import geopandas as gpd

    from camau_gis.text import split_unit_type, strip_district_prefix

    folder = tmp_path_factory.mktemp("mirror")
    raw = gpd.read_file(ca_mau_shp, engine="pyogrio")
    split = [split_unit_type(v) for v in raw["commune_vn"]]
    gadm = gpd.GeoDataFrame(
        {
            "GID_3": [f"VNM.13.1.{i}_1" for i in range(len(raw))],
            "NAME_1": raw["province_v"],
            "NAME_2": [strip_district_prefix(d) for d in raw["district_v"]],
            "NAME_3": [s for _, s in split],
            "TYPE_3": [
                {"xã": "Xã", "phường": "Phường", "thị trấn": "Thị trấn"}[t] for t, _ in split
            ],
        },
        geometry=raw.geometry,
        crs=raw.crs,
    )
    json_path = folder / "gadm41_VNM_3.json"
    gadm.to_file(json_path, driver="GeoJSON", engine="pyogrio")
    with zipfile.ZipFile(folder / "gadm41_VNM_3.json.zip", "w") as zf:
        zf.write(json_path, json_path.name)
    json_path.unlink()
    gb = gpd.GeoDataFrame(
        {
            "shapeName": raw["commune_vn"],
            "shapeISO": "",
            "shapeID": [f"id{i}" for i in range(len(raw))],
            "shapeGroup": "VNM",
            "shapeType": "ADM3",
        },
        geometry=raw.geometry,
        crs=raw.crs,
    )
    gb.to_file(folder / "geoBoundaries-VNM-ADM3.geojson", driver="GeoJSON", engine="pyogrio")
    return folder


@pytest.fixture
def http_mirror(mirror):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(mirror))
    handler.log_message = lambda *a, **k: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    thread.join()


@pytest.mark.parametrize("name", ["gadm", "geoboundaries"])
def test_fetch_pins_checksum_on_first_use_and_verifies_later(name, mirror, tmp_path, monkeypatch):
    import pooch

    from camau_gis.io.sources import fetch_source, source

    monkeypatch.setenv("CAMAU_GIS_SOURCES_URL", str(mirror))
    first = fetch_source(name, cache_dir=tmp_path)
    src = source(name)
    assert first.sha256 == pooch.file_hash(str(mirror / src.filename))
    assert first.pinned == "first"
    assert (tmp_path / src.key / f"{src.filename}.sha256").read_text().split()[0] == first.sha256
    assert "licen" in first.source.licence.lower()
    again = fetch_source(name, cache_dir=tmp_path)
    assert again.pinned == "recorded" and again.path == first.path
    # A changed mirror file no longer matches the recorded hash.
    first.path.unlink()
    changed = tmp_path / "changed"
    changed.mkdir()
    (changed / src.filename).write_bytes((mirror / src.filename).read_bytes() + b" ")
    with pytest.raises(DownloadError, match="checksum mismatch"):
        fetch_source(name, base_url=str(changed), cache_dir=tmp_path)


def test_a_given_wrong_sha256_is_refused(mirror, tmp_path):
    from camau_gis.io.sources import fetch_source

    with pytest.raises(DownloadError, match=r"checksum mismatch.*expected sha256 0{64}"):
        fetch_source("gadm", base_url=str(mirror), sha256="0" * 64, cache_dir=tmp_path)


def test_http_mirror_download(http_mirror, tmp_path, monkeypatch):
    from camau_gis.io.sources import fetch_source

    monkeypatch.setenv("CAMAU_GIS_GADM_URL", http_mirror)
    got = fetch_source("gadm", cache_dir=tmp_path)
    assert zipfile.ZipFile(got.path).namelist() == ["gadm41_VNM_3.json"]
    with pytest.raises(DownloadError, match="download failed"):
        fetch_source("geoboundaries", base_url=http_mirror + "/nothing", cache_dir=tmp_path)


def test_unknown_source(tmp_path, vietnamese):
    from camau_gis.errors import OptionError
    from camau_gis.io.sources import fetch_source

    with pytest.raises(OptionError, match=r"nguồn ranh giới 'osm' không xác định.*gadm") as info:
        fetch_source("osm", cache_dir=tmp_path)
    assert info.value.exit_code == 2  # a bad option, not a failed download


@pytest.mark.parametrize("name", ["gadm", "geoboundaries"])
def test_cli_fetch_shows_licence_and_writes_canonical_layer(
    name, mirror, tmp_path, monkeypatch, capsys, vietnamese
):
    import geopandas as gpd

    from camau_gis.cli import main

    monkeypatch.setenv("CAMAU_GIS_SOURCES_URL", str(mirror))
    monkeypatch.delenv("CAMAU_GIS_DATA_URL", raising=False)
    rc = main(["boundaries", "fetch", "--source", name, "--out", str(tmp_path / "out")])
    captured = capsys.readouterr()
    assert rc == 0, captured.err
    assert "Giấy phép:" in captured.err and "sha256" in captured.err
    assert "lần tải đầu" in captured.err  # the pin said in the command's language
    gpkg = next((tmp_path / "out").glob("*.gpkg"))
    got = gpd.read_file(gpkg, layer="communes", engine="pyogrio")
    assert len(got) == 101 and got["gso_code"].str.fullmatch(r"\d{5}").all()
    assert got["gso_code"].is_unique
