"""The vietnam63 download path: local HTTP mirror, checksum, cache, canonical layer written."""

from __future__ import annotations

import functools
import hashlib
import http.server
import threading

import pytest

from camau_gis import settings
from camau_gis.errors import DownloadError
from camau_gis.io.fetch import fetch_file

#: The API's messages follow settings.language: this module checks the English texts
#: (the Vietnamese default is checked through the CLI and in the *_vi tests).
pytestmark = pytest.mark.usefixtures("english_messages")


@pytest.fixture(scope="module")
def mirror(raw_dir):
    """Serve ../shared/data/raw on 127.0.0.1 (an ephemeral port) for the module's tests."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(raw_dir))
    handler.log_message = lambda *a, **k: None  # keep pytest output clean
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.requests = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def fetched(mirror, tmp_path_factory):
    """Run the real `boundaries fetch` once against the local mirror; return the written paths."""
    from camau_gis.boundaries import fetch_boundaries

    cache = tmp_path_factory.mktemp("cache")
    out = tmp_path_factory.mktemp("shapefiles")
    mp = pytest.MonkeyPatch()
    mp.setattr(settings, "cache_dir", cache)
    mp.setenv("CAMAU_GIS_DATA_URL", mirror)
    try:
        paths = fetch_boundaries(folder=out)
    finally:
        mp.undo()
    return paths, cache


def test_fetch_writes_canonical_gpkg_and_shapefile(fetched):
    import geopandas as gpd
    import pyogrio

    paths, cache = fetched
    gpkg = gpd.read_file(paths["gpkg"], layer="communes")
    assert len(gpkg) == 101
    assert gpkg["gso_code"].str.fullmatch(r"\d{5}").all() and gpkg["gso_code"].is_unique
    assert gpkg.crs.to_epsg() == 4326
    # the Shapefile keeps every canonical column name (all <= 10 characters) and declares UTF-8
    shp_info = pyogrio.read_info(paths["shp"])
    assert paths["shp"].with_suffix(".cpg").read_text().strip().upper() in {"UTF-8", "UTF8"}
    shp = gpd.read_file(paths["shp"])
    assert set(shp.columns) == set(gpkg.columns)
    assert shp_info["features"] == 101
    hiep_tung = shp.loc[shp["gso_code"] == "32197"].iloc[0]
    assert hiep_tung["name"] == "Xã Hiệp Tùng" and hiep_tung["district"] == "Huyện Năm Căn"
    # the verified download sits in the cache with the pinned checksum
    cached = cache / "communes.rda"
    assert hashlib.sha256(cached.read_bytes()).hexdigest() == settings.vietnam63_sha256["communes.rda"]


def test_cached_file_is_reused_without_the_mirror(fetched, monkeypatch):
    _, cache = fetched
    # an unreachable base URL: the verified cached copy must be used without a request
    path = fetch_file("communes.rda", sha256=settings.vietnam63_sha256["communes.rda"],
                      base_url="http://127.0.0.1:9/none", cache_dir=cache)
    assert path == cache / "communes.rda"


def test_wrong_checksum_is_rejected_over_http(mirror, tmp_path):
    with pytest.raises(DownloadError, match=r"checksum mismatch.*CAMAU_GIS_DATA_URL"):
        fetch_file("provinces.rda", sha256="0" * 64, base_url=mirror, cache_dir=tmp_path)
    assert not (tmp_path / "provinces.rda").exists()


def test_wrong_checksum_is_rejected_from_a_folder(raw_dir, tmp_path):
    bad = tmp_path / "mirror"
    bad.mkdir()
    data = (raw_dir / "provinces.rda").read_bytes()
    (bad / "provinces.rda").write_bytes(data[:-10] + b"corrupted!")
    with pytest.raises(DownloadError, match=r"provinces\.rda: checksum mismatch .*replace it"):
        fetch_file("provinces.rda", sha256=settings.vietnam63_sha256["provinces.rda"],
                   base_url=str(bad), cache_dir=tmp_path / "cache")


def test_local_folder_and_file_url_mirrors(raw_dir, tmp_path):
    sha = settings.vietnam63_sha256["provinces.rda"]
    a = fetch_file("provinces.rda", sha256=sha, base_url=str(raw_dir), cache_dir=tmp_path / "a")
    b = fetch_file("provinces.rda", sha256=sha, base_url=raw_dir.as_uri(), cache_dir=tmp_path / "b")
    assert a.read_bytes() == b.read_bytes() == (raw_dir / "provinces.rda").read_bytes()


def test_missing_file_names_the_fix(tmp_path):
    with pytest.raises(DownloadError, match=r"not found; set CAMAU_GIS_DATA_URL"):
        fetch_file("communes.rda", sha256="0" * 64, base_url=str(tmp_path), cache_dir=tmp_path / "c")


def test_unreachable_server_is_a_download_error(tmp_path):
    with pytest.raises(DownloadError, match=r"download failed.*local mirror") as info:
        fetch_file("communes.rda", sha256="0" * 64, base_url="http://127.0.0.1:9", cache_dir=tmp_path)
    assert info.value.exit_code == 6 and "cannot connect" in str(info.value)
    assert not list(tmp_path.iterdir())  # nothing cached, no temporary file left


def test_upstream_default_is_https_and_plain_http_is_refused(tmp_path, monkeypatch):
    monkeypatch.delenv("CAMAU_GIS_DATA_URL", raising=False)
    assert settings.data_base_url().startswith("https://")
    plain = settings.data_base_url().replace("https://", "http://", 1)
    with pytest.raises(DownloadError, match=r"plain http:// is refused"):
        fetch_file("communes.rda", sha256=settings.vietnam63_sha256["communes.rda"],
                   base_url=plain, cache_dir=tmp_path)
    assert not list(tmp_path.iterdir())
