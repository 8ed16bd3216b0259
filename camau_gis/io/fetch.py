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
from ..i18n import Msg, OsReason

_log = logging.getLogger(__name__)

#: Host names a plain ``http://`` mirror may use without opting in.
LOOPBACK_NAMES = ("localhost", "localhost.localdomain")

#: Hint appended to network failures (a catalogue message, in the command's language).
OFFLINE_HINT = Msg("dl_offline_hint")


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
        raise DownloadError(Msg("dl_plain_http", url=url))
    raise DownloadError(Msg("dl_scheme", url=url, scheme=scheme) if scheme
                        else Msg("dl_no_scheme", url=url))


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
        raise DownloadError(Msg("dl_bad_name", name=repr(name)))


def _cache(cache_dir: str | Path | None) -> Path:
    cache = Path(cache_dir or settings.cache_dir)
    try:
        cache.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(Msg("dl_cache_create", cache=cache, exc=OsReason(exc))) from exc
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
        # also ValueErrors: not to be reported as a checksum mismatch
        raise DownloadError(Msg("dl_invalid_url", url=url, exc=exc)) from exc
    except ValueError as exc:  # pooch's hash mismatch
        raise DownloadError(Msg("dl_checksum", url=url, exc=exc)) from exc
    except requests.exceptions.Timeout as exc:
        raise DownloadError(Msg("dl_timeout", url=url, wait=f"{wait:g}",
                                hint=OFFLINE_HINT)) from exc
    except requests.exceptions.HTTPError as exc:
        status = exc.response.status_code if exc.response is not None else "?"
        reason = exc.response.reason if exc.response is not None else ""
        raise DownloadError(Msg("dl_http_status", url=url, status=f"{status} {reason}".strip(),
                                hint=OFFLINE_HINT)) from exc
    except requests.exceptions.ConnectionError as exc:
        raise DownloadError(Msg("dl_connect", url=url, exc=_root(exc),
                                hint=OFFLINE_HINT)) from exc
    except requests.exceptions.RequestException as exc:  # truncated body, bad chunking …
        raise DownloadError(Msg("dl_broke_off", url=url, exc=_root(exc),
                                hint=OFFLINE_HINT)) from exc
    except OSError as exc:  # writing the cache: disk full, permissions
        raise OutputError(Msg("dl_cache_write", cache=cache, name=name,
                              exc=OsReason(exc))) from exc
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
                        raise DownloadError(Msg(
                            "dl_deadline", url=url, deadline=f"{self.deadline:g}",
                            got=f"{got:,}", hint=OFFLINE_HINT))
                    fh.write(chunk)
                if declared.isdigit() and got < int(declared):
                    raise requests.exceptions.ChunkedEncodingError(
                        Msg("dl_closed_early", got=got, declared=declared))
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
        return DownloadError(Msg("dl_too_big", url=url, size=f"{size:,}",
                                 limit=f"{self.limit:,}"))


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
            raise OutputError(Msg("dl_cache_copy", cache=cache, source=source,
                                  exc=OsReason(exc))) from exc
        got = pooch.file_hash(str(part))
        if got != sha256:
            raise DownloadError(Msg("dl_copy_checksum", source=source, sha256=sha256, got=got))
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
            raise DownloadError(Msg("dl_mirror_missing", source=source, name=name))
        with step("copy", name):
            return copy_verified(source, sha256=sha256, cache=cache, name=name)
    with step("download", name):
        return download(f"{base}/{name}", sha256=sha256, cache=cache, name=name)
