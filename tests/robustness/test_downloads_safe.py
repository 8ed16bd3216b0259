"""Downloads: HTTPS only (or a local mirror), checksum before caching, nothing partial kept, timeouts.

Every server here listens on 127.0.0.1 and is built by the test: one that
serves the right bytes, one that closes the connection mid-body, one that
serves other bytes, one that redirects to plain HTTP elsewhere, one that
accepts connections and never answers. No other network is used: refused
URLs are refused before any connection.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.server
import socket
import threading
import time
from pathlib import Path

import pytest

from camau_gis.errors import DownloadError, OptionError
from camau_gis.io import fetch

#: The API's messages follow settings.language: this module checks the English texts
#: (the Vietnamese default is checked through the CLI and in the *_vi tests).
pytestmark = pytest.mark.usefixtures("english_messages")


GOOD = bytes(range(256)) * 400  # 100 kB
GOOD_SHA = hashlib.sha256(GOOD).hexdigest()


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output clean
        pass

    def do_GET(self):  # noqa: N802 - http.server API
        name = self.path.rsplit("/", 1)[-1]
        if name == "redirect.bin":
            self.send_response(302)
            self.send_header("Location", "http://example.com/evil.bin")
            self.end_headers()
            return
        if name == "missing.bin":
            self.send_error(404, "Not Found")
            return
        if name == "trickle.bin":  # one byte every 50 ms: each read is quick, the whole never ends
            self.send_response(200)
            self.send_header("Content-Length", str(len(GOOD)))
            self.end_headers()
            with contextlib.suppress(OSError):
                for i in range(len(GOOD)):
                    self.wfile.write(GOOD[i:i + 1])
                    self.wfile.flush()
                    time.sleep(0.05)
            return
        if name == "unsized.bin":  # no Content-Length: the size is only known by reading
            self.send_response(200)
            self.send_header("Connection", "close")
            self.end_headers()
            with contextlib.suppress(OSError):
                self.wfile.write(GOOD)
            self.close_connection = True
            return
        body = GOOD if name in ("good.bin", "short.bin") else GOOD[::-1]
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if name == "short.bin":  # promise the whole file, send a tenth, hang up
            self.wfile.write(body[: len(body) // 10])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    srv.daemon_threads = True
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/files"
    srv.shutdown()
    srv.server_close()


@pytest.fixture(scope="module")
def silent_server():
    """Accepts connections and never answers (a dead proxy, a captive portal)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept():
        sock.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
                held.append(conn)
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    stop.set()
    thread.join(timeout=2)
    for conn in held:
        conn.close()
    sock.close()


def cache_entries(cache: Path) -> list[str]:
    """Everything in the cache folder, temporary files included."""
    return sorted(p.name for p in cache.rglob("*")) if cache.exists() else []


# -- HTTPS only --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["http://example.com/data", "http://192.168.1.10/mirror", "ftp://example.com/data",
     "http://127.0.0.1.example.com/data"],
)
def test_plain_http_and_other_schemes_are_refused(url, tmp_path):
    cache = tmp_path / "cache"
    with pytest.raises(DownloadError, match=r"(plain http:// is refused|not supported)") as info:
        fetch.fetch_file("good.bin", sha256=GOOD_SHA, base_url=url, cache_dir=cache)
    assert url in str(info.value) and info.value.exit_code == 6
    assert cache_entries(cache) == []


@pytest.mark.parametrize(
    "url",
    ["https://example.com/x", "http://127.0.0.1:8000/x", "http://127.0.0.2/x",
     "http://localhost:8080/x", "http://[::1]:8080/x"],
)
def test_https_and_loopback_mirrors_are_allowed(url):
    fetch.check_url(url)  # no exception


def test_office_mirror_needs_an_explicit_opt_in(monkeypatch):
    with pytest.raises(DownloadError, match="CAMAU_GIS_ALLOW_HTTP=1"):
        fetch.check_url("http://192.168.1.10/mirror/communes.rda")
    monkeypatch.setenv("CAMAU_GIS_ALLOW_HTTP", "1")
    fetch.check_url("http://192.168.1.10/mirror/communes.rda")


def test_redirect_to_plain_http_elsewhere_is_refused(server, tmp_path):
    cache = tmp_path / "cache"
    with pytest.raises(DownloadError, match=r"http://example.com/evil.bin: plain http://"):
        fetch.fetch_file("redirect.bin", sha256=GOOD_SHA, base_url=server, cache_dir=cache)
    assert cache_entries(cache) == []


def test_a_file_name_cannot_leave_the_cache(server, tmp_path):
    with pytest.raises(DownloadError, match="not a plain file name"):
        fetch.fetch_file("../escape.bin", sha256=GOOD_SHA, base_url=server,
                         cache_dir=tmp_path / "cache")
    assert not (tmp_path / "escape.bin").exists()


# -- checksum before caching, nothing partial kept ---------------------------------------------


def test_verified_download_is_cached_alone(server, tmp_path):
    cache = tmp_path / "cache"
    path = fetch.fetch_file("good.bin", sha256=GOOD_SHA, base_url=server, cache_dir=cache)
    assert path == cache / "good.bin" and path.read_bytes() == GOOD
    assert cache_entries(cache) == ["good.bin"]


def test_connection_closed_mid_body_leaves_nothing(server, tmp_path):
    cache = tmp_path / "cache"
    with pytest.raises(DownloadError, match=r"short\.bin: download failed: the transfer broke off"):
        fetch.fetch_file("short.bin", sha256=GOOD_SHA, base_url=server, cache_dir=cache)
    assert cache_entries(cache) == []


def test_truncated_first_download_is_not_pinned(server, tmp_path):
    # trust-on-first-use downloads (no known hash) must not keep a short file either
    cache = tmp_path / "cache"
    cache.mkdir()
    with pytest.raises(DownloadError, match="broke off"):
        fetch.download(f"{server}/short.bin", sha256=None, cache=cache, name="short.bin")
    assert cache_entries(cache) == []


def test_wrong_bytes_are_not_cached(server, tmp_path):
    cache = tmp_path / "cache"
    with pytest.raises(DownloadError, match=r"wrong\.bin: checksum mismatch") as info:
        fetch.fetch_file("wrong.bin", sha256=GOOD_SHA, base_url=server, cache_dir=cache)
    assert GOOD_SHA in str(info.value)
    assert cache_entries(cache) == []


def test_a_corrupt_cached_copy_is_replaced_not_used(server, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "good.bin").write_bytes(b"half a file")
    path = fetch.fetch_file("good.bin", sha256=GOOD_SHA, base_url=server, cache_dir=cache)
    assert path.read_bytes() == GOOD and cache_entries(cache) == ["good.bin"]


def test_wrong_file_in_a_mirror_folder_is_not_cached(tmp_path):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / "good.bin").write_bytes(GOOD[:-1] + b"!")
    cache = tmp_path / "cache"
    with pytest.raises(DownloadError, match=r"good\.bin: checksum mismatch"):
        fetch.fetch_file("good.bin", sha256=GOOD_SHA, base_url=str(mirror), cache_dir=cache)
    assert cache_entries(cache) == []
    assert (mirror / "good.bin").read_bytes() == GOOD[:-1] + b"!"  # the mirror is not touched


def test_http_error_names_the_status(server, tmp_path):
    cache = tmp_path / "cache"
    with pytest.raises(DownloadError, match=r"missing\.bin: download failed: the server answered 404"):
        fetch.fetch_file("missing.bin", sha256=GOOD_SHA, base_url=server, cache_dir=cache)
    assert cache_entries(cache) == []


# -- timeouts and offline ----------------------------------------------------------------------


def test_silent_server_times_out_with_an_offline_message(silent_server, tmp_path, monkeypatch):
    monkeypatch.setenv("CAMAU_GIS_TIMEOUT", "1")
    cache = tmp_path / "cache"
    with pytest.raises(DownloadError, match=r"no answer within 1 s \(timeout\)") as info:
        fetch.fetch_file("good.bin", sha256=GOOD_SHA, base_url=silent_server, cache_dir=cache)
    message = str(info.value)
    assert "CAMAU_GIS_TIMEOUT" in message and "local mirror folder" in message
    assert cache_entries(cache) == []


def test_timeout_setting_and_its_variable(monkeypatch):
    from camau_gis import settings

    monkeypatch.delenv("CAMAU_GIS_TIMEOUT", raising=False)
    assert fetch.timeout() == settings.download_timeout == 30
    monkeypatch.setenv("CAMAU_GIS_TIMEOUT", "2.5")
    assert fetch.timeout() == 2.5
    for bad in ("0", "-3", "soon", "nan", "inf"):
        monkeypatch.setenv("CAMAU_GIS_TIMEOUT", bad)
        with pytest.raises(OptionError, match="CAMAU_GIS_TIMEOUT"):
            fetch.timeout()


def test_unreachable_server_says_offline(tmp_path):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(DownloadError, match=r"cannot connect .*offline"):
        fetch.fetch_file("good.bin", sha256=GOOD_SHA, base_url=f"http://127.0.0.1:{port}",
                         cache_dir=tmp_path / "cache")


def test_cli_timeout_exits_6_with_one_paragraph(silent_server, tmp_path, monkeypatch, capsys,
                                                 vietnamese):
    from camau_gis import settings
    from camau_gis.cli import main

    monkeypatch.setattr(settings, "shapefiles_dir", tmp_path / "shapefiles")
    monkeypatch.setenv("CAMAU_GIS_TIMEOUT", "1")
    code = main(["boundaries", "fetch", "--base-url", silent_server, "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 6
    assert "Traceback" not in err
    last = err.strip().splitlines()[-1]
    assert last.startswith("lỗi: ") and silent_server in last and "hết thời gian chờ" in last
    assert cache_entries(Path(settings.cache_dir)) == []


# -- bounded downloads (issue 16) ----------------------------------------------------------------


def test_a_trickling_server_is_stopped_by_the_overall_deadline(server, tmp_path, monkeypatch):
    """Each byte comes within the per-read timeout; the whole must end within the deadline."""
    monkeypatch.setenv("CAMAU_GIS_TIMEOUT", "3")
    monkeypatch.setenv("CAMAU_GIS_DOWNLOAD_DEADLINE", "1")
    cache = tmp_path / "cache"
    start = time.monotonic()
    with pytest.raises(DownloadError, match=r"trickle\.bin: download failed: not finished after "
                                            r"1 s .*CAMAU_GIS_DOWNLOAD_DEADLINE"):
        fetch.fetch_file("trickle.bin", sha256=GOOD_SHA, base_url=server, cache_dir=cache)
    assert time.monotonic() - start < 10
    assert cache_entries(cache) == []


@pytest.mark.parametrize("name", ["good.bin", "unsized.bin"])
def test_a_download_larger_than_the_cap_is_refused(server, tmp_path, monkeypatch, name):
    """A declared size over the cap is refused before the body; an undeclared one while reading."""
    monkeypatch.setenv("CAMAU_GIS_MAX_DOWNLOAD_BYTES", "10K")
    cache = tmp_path / "cache"
    with pytest.raises(DownloadError, match=rf"{name}: download refused: [0-9,]+ bytes, more than "
                                            r"the 10,240 accepted"):
        fetch.fetch_file(name, sha256=GOOD_SHA, base_url=server, cache_dir=cache)
    assert cache_entries(cache) == []
    monkeypatch.delenv("CAMAU_GIS_MAX_DOWNLOAD_BYTES")
    assert fetch.fetch_file(name, sha256=GOOD_SHA, base_url=server, cache_dir=cache).is_file()
