"""Download pinned upstream files with checksum verification and a local cache.

The base URL may be an ``http(s)://`` URL (upstream or a mirror), a
``file://`` URL or a plain local folder, so the same code path serves an
office without internet (``CAMAU_GIS_DATA_URL=/path/to/mirror``).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlparse

from .. import settings
from ..errors import DownloadError


def _local_folder(base: str) -> Path | None:
    parsed = urlparse(base)
    if parsed.scheme == "file":
        return Path(unquote(parsed.path))
    if parsed.scheme in ("", ) or (len(parsed.scheme) == 1 and base[1:3] in (":\\", ":/")):
        return Path(base)
    return None


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
        URL, ``file://`` URL or folder; default :func:`camau_gis.settings.data_base_url`.
    cache_dir : str or Path, optional
        Cache folder; default :data:`camau_gis.settings.cache_dir`.

    Returns
    -------
    Path
        The cached, verified file.

    Raises
    ------
    DownloadError
        If the file cannot be fetched or its checksum differs.
    """
    import pooch

    base = (base_url or settings.data_base_url()).rstrip("/")
    cache = Path(cache_dir or settings.cache_dir)
    cache.mkdir(parents=True, exist_ok=True)
    target = cache / name
    if target.exists() and pooch.file_hash(str(target)) == sha256:
        return target

    folder = _local_folder(base)
    if folder is not None:
        source = folder / name
        if not source.is_file():
            raise DownloadError(
                f"{source}: not found; set CAMAU_GIS_DATA_URL (or --base-url) to the folder "
                f"or URL that holds {name}."
            )
        got = pooch.file_hash(str(source))
        if got != sha256:
            raise DownloadError(
                f"{source}: checksum mismatch (expected sha256 {sha256}, got {got}); "
                "the file is corrupt or not the pinned version - replace it."
            )
        with tempfile.NamedTemporaryFile(dir=cache, delete=False, suffix=".part") as tmp:
            shutil.copyfile(source, tmp.name)
        Path(tmp.name).replace(target)
        return target

    url = f"{base}/{name}"
    try:
        path = pooch.retrieve(
            url, known_hash=f"sha256:{sha256}", fname=name, path=cache, progressbar=False
        )
    except ValueError as exc:  # pooch's hash mismatch
        raise DownloadError(
            f"{url}: checksum mismatch ({exc}); the mirror serves a different file - "
            "check CAMAU_GIS_DATA_URL."
        ) from exc
    except Exception as exc:  # requests' connection and HTTP errors
        raise DownloadError(
            f"{url}: download failed ({type(exc).__name__}: {exc}); without internet, point "
            "CAMAU_GIS_DATA_URL at a local mirror folder holding the vietnam63 .rda files."
        ) from exc
    return Path(path)
