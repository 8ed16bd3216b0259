"""Download pinned upstream files with checksum verification and a local cache.

The base URL may be an ``https://`` URL (upstream or a mirror), a ``file://``
URL or a plain local folder, so the same code path serves an office without
internet (``CAMAU_GIS_DATA_URL=/path/to/mirror``).

Safety rules, checked for every download:

- **HTTPS only.** A plain ``http://`` URL is refused - also as the target of
  a redirect - except for a mirror on this computer (``localhost``,
  ``127.0.0.0/8``, ``::1``) or when ``CAMAU_GIS_ALLOW_HTTP=1`` opts in for a
  trusted office mirror. Other schemes (``ftp://`` …) are refused.
- **Checksum before use.** The file is streamed to a temporary file in the
  cache folder, its SHA-256 compared with the pinned one, and only then
  renamed to its cached name. A failed, interrupted, truncated (shorter than
  its ``Content-Length``) or mismatching download leaves nothing in the cache.
- **Timeout.** A server that does not connect or stops sending for
  :data:`camau_gis.settings.download_timeout` seconds (30; ``CAMAU_GIS_TIMEOUT``
  overrides) fails with a message on working offline.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlparse

from .. import settings
from .._progress import step
from ..errors import DownloadError, OutputError

_log = logging.getLogger(__name__)

#: Host names a plain ``http://`` mirror may use without opting in.
LOOPBACK_NAMES = ("localhost", "localhost.localdomain")

#: Hint appended to network failures.
OFFLINE_HINT = (
    "without internet, point CAMAU_GIS_DATA_URL (vietnam63) or CAMAU_GIS_SOURCES_URL "
    "(gadm, geoboundaries) at a local mirror folder holding the files"
)


def _local_folder(base: str) -> Path | None:
    parsed = urlparse(base)
    if parsed.scheme == "file":
        return Path(unquote(parsed.path))
    if parsed.scheme == "" or (len(parsed.scheme) == 1 and base[1:3] in (":\\", ":/")):
        return Path(base)
    return None


def _is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_url(url: str) -> None:
    """Refuse a URL the downloader must not use.

    Parameters
    ----------
    url : str
        An ``https://`` URL; ``http://`` only on a loopback host or with
        ``CAMAU_GIS_ALLOW_HTTP=1``.

    Raises
    ------
    DownloadError
        For plain HTTP to another host, or any other scheme.
    """
    parsed = urlparse(url)
    scheme = parsed.scheme.lower()
    if scheme == "https":
        return
    if scheme == "http":
        if _is_loopback(parsed.hostname) or settings.allow_http():
            return
        raise DownloadError(
            f"{url}: plain http:// is refused (the file could be altered on the way); use "
            "https://, a local mirror folder (CAMAU_GIS_DATA_URL=/path/to/folder), or set "
            "CAMAU_GIS_ALLOW_HTTP=1 for a trusted office mirror."
        )
    raise DownloadError(
        f"{url}: {scheme or 'no'} scheme is not supported; use an https:// URL or a local folder."
    )


def timeout() -> float:
    """Return the seconds to wait for a server.

    ``CAMAU_GIS_TIMEOUT`` if set, else :data:`camau_gis.settings.download_timeout`.
    """
    return settings.download_timeout_s()


def _redirect_guard(response, *args, **kwargs):  # noqa: ANN001, ARG001 - requests hook
    """Refuse a redirect to a URL :func:`check_url` refuses (a requests response hook)."""
    if response.is_redirect:
        check_url(urljoin(response.url, response.headers.get("location", "")))
    return response


def _check_name(name: str) -> None:
    if not name or name in (".", "..") or "/" in name or "\\" in name or "\x00" in name:
        raise DownloadError(
            f"{name!r}: not a plain file name; a download is one file of the cache."
        )


def _cache(cache_dir: str | Path | None) -> Path:
    cache = Path(cache_dir or settings.cache_dir)
    try:
        cache.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"{cache}: cannot create the download cache ({exc.strerror or exc}); set "
            "CAMAU_GIS_CACHE to a folder you can write."
        ) from exc
    return cache


def download(url: str, *, sha256: str | None, cache: Path, name: str) -> Path:
    """Download ``url`` into ``cache/name``, verified against ``sha256`` before it lands there.

    Parameters
    ----------
    url : str
        ``https://`` URL (see :func:`check_url`).
    sha256 : str or None
        Expected SHA-256 (hex); ``None`` only for a first "trust on first use"
        download (:func:`camau_gis.io.sources.download_unpinned`).
    cache : Path
        Existing cache folder.
    name : str
        File name in the cache.

    Returns
    -------
    Path
        ``cache / name``.

    Raises
    ------
    DownloadError
        Refused URL, timeout, unreachable server, HTTP error, interrupted
        transfer or checksum mismatch; nothing is left in the cache.
    OutputError
        The cache folder cannot be written.
    """
    import pooch
    import requests

    check_url(url)
    _check_name(name)
    wait = timeout()
    deadline, limit = settings.download_limits()
    downloader = _BoundedDownloader(wait, deadline, limit)
    known = f"sha256:{sha256}" if sha256 else None
    # pooch's own logger writes to the stderr of the moment it was imported; the
    # CLI says what is downloaded (licence, sha256) itself.
    pooch_log = pooch.get_logger()
    level = pooch_log.level
    pooch_log.setLevel(logging.WARNING)
    _log.info("downloading %s", url)
    try:
        path = pooch.retrieve(url, known_hash=known, fname=name, path=cache,
                              downloader=downloader, progressbar=False)
    except DownloadError:
        raise
    except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema) as exc:
        raise DownloadError(  # also ValueErrors: not to be reported as a checksum mismatch
            f"{url}: not a valid URL ({exc}); set CAMAU_GIS_DATA_URL / CAMAU_GIS_SOURCES_URL "
            "or --base-url to an https:// address or a local mirror folder."
        ) from exc
    except ValueError as exc:  # pooch's hash mismatch
        raise DownloadError(
            f"{url}: checksum mismatch ({exc}); the server or mirror sent a different file than "
            "the pinned one - check CAMAU_GIS_DATA_URL / CAMAU_GIS_SOURCES_URL, or retry later."
        ) from exc
    except requests.exceptions.Timeout as exc:
        raise DownloadError(
            f"{url}: download failed: no answer within {wait:g} s (timeout); check the internet "
            f"connection or proxy, raise CAMAU_GIS_TIMEOUT, or {OFFLINE_HINT}."
        ) from exc
    except requests.exceptions.HTTPError as exc:
        status = exc.response.status_code if exc.response is not None else "?"
        reason = exc.response.reason if exc.response is not None else ""
        raise DownloadError(
            f"{url}: download failed: the server answered {status} {reason}; check the URL "
            f"(mirror variables, --base-url), or {OFFLINE_HINT}."
        ) from exc
    except requests.exceptions.ConnectionError as exc:
        raise DownloadError(
            f"{url}: download failed: cannot connect ({_root(exc)}); the computer seems offline "
            f"or the server is down - {OFFLINE_HINT}."
        ) from exc
    except requests.exceptions.RequestException as exc:  # truncated body, bad chunking …
        raise DownloadError(
            f"{url}: download failed: the transfer broke off ({_root(exc)}); nothing was "
            f"cached - run the command again, or {OFFLINE_HINT}."
        ) from exc
    except OSError as exc:  # writing the cache: disk full, permissions
        raise OutputError(
            f"{cache}: cannot write the downloaded {name} ({exc.strerror or exc}); free disk "
            "space or set CAMAU_GIS_CACHE to a folder you can write."
        ) from exc
    finally:
        pooch_log.setLevel(level)
    return Path(path)


class _BoundedDownloader:
    """A pooch downloader reading the body in pieces, under an overall deadline and a size cap.

    ``requests``' timeout bounds each wait for the server; a server trickling
    bytes never trips it. Here the transfer as a whole must end within
    ``deadline`` seconds and ``limit`` bytes (a larger ``Content-Length`` is
    refused before the body is read), else a :class:`DownloadError` is raised
    and pooch leaves nothing in the cache.
    """

    def __init__(self, wait: float, deadline: float, limit: int) -> None:
        self.wait, self.deadline, self.limit = wait, deadline, limit

    def __call__(self, url: str, output_file: Any, pooch_obj: Any, check_only: bool = False
                 ) -> Any:
        import time

        import requests

        start = time.monotonic()
        with requests.get(url, stream=True, timeout=self.wait,
                          hooks={"response": [_redirect_guard]}) as response:
            response.raise_for_status()
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.limit:
                raise self._too_big(url, int(declared))
            if check_only:
                return True
            ispath = not hasattr(output_file, "write")
            fh = open(output_file, "w+b") if ispath else output_file  # noqa: SIM115
            try:
                got = 0
                while True:
                    # read1: what has arrived (at most 64 KiB), so the deadline is checked often
                    chunk = self._read(response)
                    if not chunk:
                        break
                    got += len(chunk)
                    if got > self.limit:
                        raise self._too_big(url, got)
                    if time.monotonic() - start > self.deadline:
                        raise DownloadError(
                            f"{url}: download failed: not finished after {self.deadline:g} s "
                            f"({got:,} bytes received; CAMAU_GIS_DOWNLOAD_DEADLINE); the server "
                            f"or connection is too slow - retry later, raise the deadline, or "
                            f"{OFFLINE_HINT}."
                        )
                    fh.write(chunk)
                if declared.isdigit() and got < int(declared):
                    raise requests.exceptions.ChunkedEncodingError(
                        f"connection closed after {got} of {declared} bytes")
            finally:
                if ispath:
                    fh.close()
        return None

    @staticmethod
    def _read(response: Any) -> bytes:
        """Return what has arrived of the body (at most 64 KiB); urllib3 errors as requests'."""
        import requests
        import urllib3

        try:
            return bytes(response.raw.read1(65536, decode_content=True))
        except urllib3.exceptions.ReadTimeoutError as exc:
            raise requests.exceptions.ReadTimeout(exc) from exc
        except urllib3.exceptions.HTTPError as exc:  # connection broken, bad chunking
            raise requests.exceptions.ChunkedEncodingError(exc) from exc

    def _too_big(self, url: str, size: int) -> DownloadError:
        return DownloadError(
            f"{url}: download refused: {size:,} bytes, more than the {self.limit:,} accepted "
            "(CAMAU_GIS_MAX_DOWNLOAD_BYTES); the server sent something else than the expected "
            "file - check the URL or mirror variables."
        )


def _root(exc: BaseException) -> str:
    """Return the innermost reason's message (urllib3's), not requests' wrapper text."""
    inner = exc
    for _ in range(6):
        nxt = inner.args[0] if inner.args else None
        if not isinstance(nxt, BaseException):
            nxt = getattr(inner, "reason", None)
        if not isinstance(nxt, BaseException):
            break
        inner = nxt
    text = str(inner)
    return text if len(text) < 300 else text[:300] + "…"


def copy_verified(source: Path, *, sha256: str, cache: Path, name: str) -> Path:
    """Copy a mirror folder's file into ``cache/name`` after checking the copy's SHA-256."""
    import pooch

    fd, tmp = tempfile.mkstemp(dir=cache, prefix=f".{name}.", suffix=".part")
    os.close(fd)
    part = Path(tmp)
    try:
        try:
            shutil.copyfile(source, part)
        except OSError as exc:
            raise OutputError(
                f"{cache}: cannot copy {source} into the download cache "
                f"({exc.strerror or exc}); free disk space or set CAMAU_GIS_CACHE."
            ) from exc
        got = pooch.file_hash(str(part))
        if got != sha256:
            raise DownloadError(
                f"{source}: checksum mismatch (expected sha256 {sha256}, got {got}); "
                "the file is corrupt or not the pinned version - replace it."
            )
        part.replace(cache / name)
    finally:
        part.unlink(missing_ok=True)
    return cache / name


def fetch_file(
    name: str,
    *,
    sha256: str,
    base_url: str | None = None,
    cache_dir: str | Path | None = None,
) -> Path:
    """Return a verified local copy of ``name`` from ``base_url``, downloading once.

    Parameters
    ----------
    name : str
        File name under the base URL, e.g. ``"communes.rda"``.
    sha256 : str
        Expected SHA-256 (hex). A file that does not match is rejected.
    base_url : str, optional
        ``https://`` URL, ``file://`` URL or folder; default
        :func:`camau_gis.settings.data_base_url`.
    cache_dir : str or Path, optional
        Cache folder; default :data:`camau_gis.settings.cache_dir`.

    Returns
    -------
    Path
        The cached, verified file.

    Raises
    ------
    DownloadError
        The URL is refused, the file cannot be fetched, or its checksum differs;
        nothing is cached then.
    OutputError
        The cache folder cannot be written.
    """
    import pooch

    _check_name(name)
    base = (base_url or settings.data_base_url()).rstrip("/")
    cache = _cache(cache_dir)
    target = cache / name
    if target.is_file() and pooch.file_hash(str(target)) == sha256:
        return target

    folder = _local_folder(base)
    if folder is not None:
        source = folder / name
        if not source.is_file():
            raise DownloadError(
                f"{source}: not found; set CAMAU_GIS_DATA_URL (or --base-url) to the folder "
                f"or URL that holds {name}."
            )
        with step("copy", name):
            return copy_verified(source, sha256=sha256, cache=cache, name=name)
    with step("download", name):
        return download(f"{base}/{name}", sha256=sha256, cache=cache, name=name)
