"""Public boundary sources for Vietnam besides vietnam63: GADM 4.1 level 3, geoBoundaries ADM3.

Every download goes through :func:`camau_gis.io.fetch.fetch_file`: cached and
checksum-verified. Upstream publishes no checksums for these files, so the
SHA-256 is pinned on first download ("trust on first use"): it is written
beside the cached file (``<name>.sha256``) and every later fetch - from the
cache, a mirror or upstream - must match it. Pin a known hash yourself with
``sha256=`` (CLI ``--sha256``) or the variable ``CAMAU_GIS_SHA256_<SOURCE>``.

Where files come from: the source's upstream URL, unless a mirror is set -
``CAMAU_GIS_<SOURCE>_URL`` (e.g. ``CAMAU_GIS_GADM_URL``) for one source, or
``CAMAU_GIS_SOURCES_URL`` for all - as an ``https://`` URL, ``file://`` URL
or plain folder holding the files under their upstream names (plain
``http://`` only on this computer or with ``CAMAU_GIS_ALLOW_HTTP=1``, see
:mod:`camau_gis.io.fetch`). Tests and offices without internet use a local folder.

The licence of each source is part of :class:`Source` and is returned with
the file (:class:`Fetched`); ``camau-gis boundaries fetch`` prints it before
the download.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import settings
from ..errors import DownloadError, OptionError
from ..i18n import Msg


@dataclass(frozen=True)
class Source:
    """One downloadable boundary dataset."""

    key: str
    title: str
    base_url: str
    filename: str
    layer: str | None
    licence: str
    citation: str
    sha256: str | None = None  # pinned upstream hash, when known

    @property
    def env(self) -> str:
        """Name of the environment variable with this source's mirror URL."""
        return f"CAMAU_GIS_{self.key.upper()}_URL"


SOURCES: dict[str, Source] = {
    "gadm": Source(
        key="gadm",
        title="GADM 4.1, Vietnam, level 3 (communes)",
        base_url="https://geodata.ucdavis.edu/gadm/gadm4.1/json",
        filename="gadm41_VNM_3.json.zip",
        layer=None,
        licence=(
            "GADM licence: free for academic and other non-commercial use; redistribution "
            "and commercial use are not allowed without prior permission (https://gadm.org/license.html)."
        ),
        citation="GADM, version 4.1 (2022), https://gadm.org",
    ),
    "geoboundaries": Source(
        key="geoboundaries",
        title="geoBoundaries gbOpen, Vietnam, ADM3",
        base_url="https://github.com/wmgeolab/geoBoundaries/raw/main/releaseData/gbOpen/VNM/ADM3",
        filename="geoBoundaries-VNM-ADM3.geojson",
        layer=None,
        licence=(
            "geoBoundaries gbOpen: an open licence stated in the boundary's metadata "
            "(geoBoundaries-VNM-ADM3-metaData.json); attribution required."
        ),
        citation=(
            "Runfola D. et al. (2020) geoBoundaries: A global database of political "
            "administrative boundaries. PLoS ONE 15(4): e0231866"
        ),
    ),
}


@dataclass(frozen=True)
class Fetched:
    """A verified local copy of a source file, with what the user must be told."""

    path: Path
    source: Source
    sha256: str
    pinned: str  # "upstream", "given", "recorded", "first" (first download, now recorded)


def check_sha256(value: str, option: str = "--sha256") -> str:
    """Return ``value`` as a lower-case SHA-256 hex digest, or refuse it.

    Raises
    ------
    OptionError
        Unless ``value`` is 64 hexadecimal digits (surrounding spaces allowed).
    """
    text = value.strip().lower()
    if len(text) != 64 or any(c not in "0123456789abcdef" for c in text):
        raise OptionError(Msg("src_sha256", option=option, value=value, n=len(text)))
    return text


def source(name: str) -> Source:
    """Return the :class:`Source` for ``name`` (``gadm``, ``geoboundaries``)."""
    key = name.strip().lower().replace("-", "").replace("_", "")
    if key not in SOURCES:
        raise OptionError(Msg("src_unknown", name=name, names=str(sorted(SOURCES))))
    return SOURCES[key]


def base_url_for(src: Source, base_url: str | None = None) -> str:
    """Where ``src`` is fetched from: argument, per-source variable, shared variable, upstream."""
    return (
        base_url
        or settings.env(src.env)
        or settings.env("CAMAU_GIS_SOURCES_URL")
        or src.base_url
    )


def download_unpinned(filename: str, *, base: str, cache: Path) -> str:
    """First download of a file without a known hash: fetch it, return its SHA-256.

    The same rules as every download apply (:mod:`camau_gis.io.fetch`: HTTPS
    or a loopback/opted-in mirror, timeout, a transfer shorter than its
    ``Content-Length`` is not kept); only the hash is not known yet.
    """
    import pooch

    from .fetch import _local_folder, download

    folder = _local_folder(base)
    if folder is not None:
        if not (folder / filename).is_file():
            raise DownloadError(Msg("src_mirror_missing", path=folder / filename,
                                    filename=filename))
        return pooch.file_hash(str(folder / filename))
    url = f"{base.rstrip('/')}/{filename}"
    return pooch.file_hash(str(download(url, sha256=None, cache=cache, name=filename)))


def fetch_source(
    name: str,
    *,
    base_url: str | None = None,
    sha256: str | None = None,
    cache_dir: str | Path | None = None,
) -> Fetched:
    """Download (or take from cache/mirror) one source file, verified by SHA-256.

    Parameters
    ----------
    name : str
        ``"gadm"`` or ``"geoboundaries"``.
    base_url : str, optional
        Mirror URL or local folder; see the module docstring for defaults.
    sha256 : str, optional
        Expected hash; default: the pinned or recorded one, else pin on first use.
    cache_dir : str or Path, optional
        Cache folder; default :data:`camau_gis.settings.cache_dir`.

    Returns
    -------
    Fetched
        Path, source (with licence) and the verified hash.

    Raises
    ------
    OptionError
        Unknown source, or a given hash that is not 64 hexadecimal digits.
    DownloadError
        Refused URL (plain ``http://``), unreachable file, timeout, or a
        checksum that differs from the pinned/recorded one.
    """
    from .fetch import fetch_file

    src = source(name)
    env_hash = settings.env(f"CAMAU_GIS_SHA256_{src.key.upper()}")
    given = ((sha256, "--sha256"), (env_hash, f"CAMAU_GIS_SHA256_{src.key.upper()}"))
    for value, option in given:  # checked before anything is created or downloaded
        if value:
            check_sha256(value, option)
    cache = Path(cache_dir or settings.cache_dir) / src.key
    cache.mkdir(parents=True, exist_ok=True)
    record = cache / f"{src.filename}.sha256"
    base = base_url_for(src, base_url)
    expected, pinned = None, ""
    for value, how in ((sha256, "given"), (env_hash, "given"), (src.sha256, "upstream")):
        if value:
            expected, pinned = value.strip().lower(), how
            break
    if expected is None and record.exists():
        expected, pinned = record.read_text("ascii").split()[0], "recorded"
    if expected is None:
        expected = download_unpinned(src.filename, base=base, cache=cache)
        pinned = "first"
    path = fetch_file(src.filename, sha256=expected, base_url=base, cache_dir=cache)
    if not record.exists():
        from .._atomic import write_text

        write_text(record, f"{expected}  {src.filename}\n")
    return Fetched(path=path, source=src, sha256=expected, pinned=pinned)
