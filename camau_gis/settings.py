"""Typed, documented defaults read at call time (folders, CRS, language, data sources).

Functions across the package take ``None`` for these values and read the
setting when they are called, so tests and scripts can change them::

    from camau_gis import settings
    settings.outputs_dir = tmp_path
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

#: The folder above the package: a source checkout's root (it holds
#: ``pyproject.toml``), or ``site-packages`` in an installed copy - never written to.
project_root: Path = Path(__file__).resolve().parent.parent

#: Application name of the platform's user folders (``platformdirs``).
APP_NAME = "camau-gis"

# -- where things live -------------------------------------------------------------------
#
# The rule, in one place (the README's "Where files go" repeats it):
#
# - code stays in the package; nothing is ever written inside it or beside it in
#   ``site-packages``;
# - user data (the canonical boundary layer, ``shapefiles/``) goes to the data home:
#   ``CAMAU_GIS_HOME`` if set; else the source checkout when camau-gis is run from
#   inside it (today's layout: ``shapefiles/`` beside the package); else the
#   platform's user data folder (``platformdirs.user_data_path("camau-gis")``);
# - downloads and derived caches (parsed boundary tables, canonical-table and
#   geometry caches) go to the cache home: ``CAMAU_GIS_CACHE`` if set; else the
#   checkout's ``.cache/`` when run from inside it; else the platform's user cache
#   folder;
# - outputs go to ``./outputs`` in the current folder unless ``--out`` says otherwise.
#
# Each folder is resolved when it is used. Assigning ``settings.shapefiles_dir``,
# ``settings.cache_dir``, ``settings.derived_cache_dir`` or ``settings.outputs_dir``
# (tests, scripts, benchmarks) overrides the rule for that folder.

#: Names that :func:`__getattr__` resolves at call time unless assigned.
_FOLDERS = ("shapefiles_dir", "cache_dir", "derived_cache_dir", "outputs_dir")


def _override(name: str) -> Path | None:
    value = globals().get(name)
    return None if value is None else Path(value)


def checkout_root() -> Path | None:
    """Return the source checkout when camau-gis runs from inside it, else ``None``.

    A checkout is :data:`project_root` holding this project's ``pyproject.toml``
    (an installed copy has ``site-packages`` there instead); "from inside it"
    means the current folder is that root or below it.
    """
    marker = project_root / "pyproject.toml"
    try:
        if not marker.is_file() or 'name = "camau-gis"' not in marker.read_text("utf-8"):
            return None
        cwd = Path.cwd().resolve()
    except OSError:
        return None
    return project_root if cwd == project_root or project_root in cwd.parents else None


def data_home() -> Path:
    """Folder of user data (``CAMAU_GIS_HOME``, the checkout, or the platform's user data)."""
    home = env("CAMAU_GIS_HOME")
    if home:
        return Path(home).expanduser()
    root = checkout_root()
    if root is not None:
        return root
    import platformdirs

    return Path(platformdirs.user_data_path(APP_NAME))


def cache_home() -> Path:
    """Folder of downloads and caches.

    ``CAMAU_GIS_CACHE``, else ``.cache/`` of the checkout, else the platform's user cache folder.
    """
    given = _override("cache_dir") or env("CAMAU_GIS_CACHE")
    if given:
        return Path(given).expanduser()
    root = checkout_root()
    if root is not None:
        return root / ".cache"
    import platformdirs

    return Path(platformdirs.user_cache_path(APP_NAME))


def boundaries_dir() -> Path:
    """Folder of the canonical boundary layer: ``<data home>/shapefiles``."""
    return _override("shapefiles_dir") or data_home() / "shapefiles"


def derived_dir() -> Path:
    """Folder of derived caches (tables, geometries keyed by SHA-256): ``<cache home>/derived``."""
    return _override("derived_cache_dir") or cache_home() / "derived"


def output_dir() -> Path:
    """Default output folder: ``./outputs`` in the current folder."""
    return _override("outputs_dir") or Path.cwd() / "outputs"


def folders() -> dict[str, Path]:
    """Every folder in use, by role (``camau-gis paths`` prints them)."""
    return {
        "data": data_home(),
        "boundaries": boundaries_dir(),
        "cache": cache_home(),
        "derived": derived_dir(),
        "outputs": output_dir(),
        "package": Path(__file__).resolve().parent,
    }


def __getattr__(name: str) -> Path:
    """Resolve the folder settings (:data:`_FOLDERS`) at call time unless assigned."""
    resolve = {"shapefiles_dir": boundaries_dir, "cache_dir": cache_home,
               "derived_cache_dir": derived_dir, "outputs_dir": output_dir}.get(name)
    if resolve is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return resolve()


# -- environment -------------------------------------------------------------------------

#: Every environment variable camau-gis reads, with its meaning (read at call time
#: through :func:`env`; ``CAMAU_GIS_<SOURCE>_URL`` and ``CAMAU_GIS_SHA256_<SOURCE>``
#: exist for each source of :mod:`camau_gis.io.sources`).
ENVIRONMENT: dict[str, str] = {
    "CAMAU_GIS_HOME": "user data folder (canonical boundary layer in shapefiles/)",
    "CAMAU_GIS_CACHE": "cache folder (downloads, parsed boundaries, derived caches)",
    "CAMAU_GIS_DATA_URL": "mirror URL or local folder of the vietnam63 files",
    "CAMAU_GIS_SOURCES_URL": "mirror of the gadm / geoboundaries files",
    "CAMAU_GIS_TIMEOUT": "download timeout, seconds (default 30)",
    "CAMAU_GIS_ALLOW_HTTP": "1: allow a plain http:// office mirror",
    "CAMAU_GIS_MAX_REGISTER_BYTES": "largest register file (default 50M)",
    "CAMAU_GIS_MAX_REGISTER_ROWS": "most rows of a register sheet (default 500000)",
    "CAMAU_GIS_MAX_ZIP_BYTES": "largest unzipped boundary archive (default 2G)",
    "CAMAU_GIS_REFERENCE": "trusted boundary file for the datum-offset check",
    "CAMAU_GIS_CHROMIUM": "headless Chromium binary",
    "CAMAU_GIS_DEBUG": "1: print tracebacks",
    "CAMAU_GIS_PROGRESS": "1: show progress rows even when stderr is not a terminal",
    "CAMAU_GIS_PARALLEL": "0: draw the PNG map in the command's own process (default: a second "
                          "process on a machine with two or more cores, Linux)",
    "CAMAU_GIS_DOWNLOAD_DEADLINE": "longest a whole download may take, seconds (default 900)",
    "CAMAU_GIS_MAX_DOWNLOAD_BYTES": "largest download accepted (default 512M)",
    "CAMAU_GIS_FAULT": "tests only: PHASE[:K]=SIGNAL fault injection in the final commit",
}


def env(name: str) -> str | None:
    """Return environment variable ``name`` now (``None`` when unset or blank)."""
    value = os.environ.get(name)
    return value if value and value.strip() else None


def camau_environment() -> dict[str, str]:
    """Every ``CAMAU_GIS_*`` variable set now, sorted (cache keys, bug reports)."""
    return {k: v for k, v in sorted(os.environ.items()) if k.startswith("CAMAU_GIS")}


def matplotlib_config_files() -> list[Path]:
    """Files matplotlib may read its settings and fonts from, by its own rules (cache keys).

    ``./matplotlibrc``, ``$MATPLOTLIBRC``, and in ``$MPLCONFIGDIR`` (else the
    XDG config and cache folders' ``matplotlib``) ``matplotlibrc`` and the font
    list ``fontlist-*.json``; those that exist.
    """
    home = Path.home()
    config = os.environ.get("MPLCONFIGDIR")
    folders = [Path(config)] if config else [
        Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config") / "matplotlib",
        Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache") / "matplotlib"]
    found = [Path.cwd() / "matplotlibrc"]
    if os.environ.get("MATPLOTLIBRC"):
        found.append(Path(os.environ["MATPLOTLIBRC"]))
    for folder in folders:
        found.append(folder / "matplotlibrc")
        with contextlib.suppress(OSError):
            found.extend(sorted(folder.glob("fontlist-*.json")))
    return [p for p in found if p.is_file()]


#: Seconds a download waits to connect and between received bytes before it
#: fails as offline; ``CAMAU_GIS_TIMEOUT`` overrides it at call time.
download_timeout: float = 30.0

#: Base URL (or local folder) of the vietnam63 raw files. ``CAMAU_GIS_DATA_URL``
#: overrides it, e.g. ``file:///path/to/shared/data/raw`` or a local HTTP mirror.
vietnam63_base_url: str = (
    "https://raw.githubusercontent.com/choisy/vietnam63/"
    "90ac14b5226cf3b9e0a3b1190e04f28fdb19899d/data"
)

#: SHA-256 of the pinned vietnam63 files (commit 90ac14b, 2017-05-12, MIT).
vietnam63_sha256: dict[str, str] = {
    "communes.rda": "d059503ef271a4d785eed4b0225708916ef1b03cbc21cd9bf5270907f7c8c35e",
    "districts.rda": "ccc846bea760d6259bc54972b53c80def3ace400d7d725c61383880f95f46eba",
    "provinces.rda": "cf071ee1d53f855d3b8e636f5ff1e686e176f15d47b5d95f9499116124511f72",
}

#: Default province (GSO code 96, Cà Mau).
province: str = "Cà Mau"

#: Geographic CRS of the canonical table and every output layer.
default_crs: str = "EPSG:4326"

#: Metric CRS for areas and distances (UTM 48N covers Cà Mau; WGS84 based).
metric_crs: str = "EPSG:32648"

#: Language of maps and reports: ``"vi"`` (default) or ``"en"``.
language: str = "vi"

#: Name of the canonical layer files written to :data:`shapefiles_dir`.
canonical_basename: str = "ca_mau_communes"


#: Largest register file read, in bytes (CSV file, or XLSX file). An XLSX
#: workbook may hold at most :data:`XLSX_EXPANSION` times this once unzipped.
#: ``CAMAU_GIS_MAX_REGISTER_BYTES`` overrides it.
max_register_bytes: int = 50 * 2**20

#: Most rows read from one register sheet or CSV file (header and titles
#: included). ``CAMAU_GIS_MAX_REGISTER_ROWS`` overrides it.
max_register_rows: int = 500_000

#: How many times :data:`max_register_bytes` an XLSX may hold unzipped (zip bombs).
XLSX_EXPANSION: int = 4

#: Environment variables of the register limits.
LIMIT_ENV = {
    "max_register_bytes": "CAMAU_GIS_MAX_REGISTER_BYTES",
    "max_register_rows": "CAMAU_GIS_MAX_REGISTER_ROWS",
}


def register_limit(name: str) -> int:
    """Return a register limit, honouring its environment variable (read at call time).

    Parameters
    ----------
    name : {"max_register_bytes", "max_register_rows"}
        The setting.

    Returns
    -------
    int
        The limit; byte values may be given in the environment with a ``K``,
        ``M`` or ``G`` suffix (powers of 1024), e.g. ``CAMAU_GIS_MAX_REGISTER_BYTES=200M``.

    Raises
    ------
    OptionError
        The environment variable is not a positive whole number.
    """
    if name in _GIVEN:
        return _GIVEN[name]
    return env_limit(LIMIT_ENV[name], int(globals()[name]), size=name == "max_register_bytes")


#: Limits given for one command (``--max-register-mb``/``--max-register-rows``): they win
#: over the environment and the module values while :func:`given_limits` is active.
_GIVEN: dict[str, int] = {}


@contextlib.contextmanager
def given_limits(**limits: int) -> Iterator[None]:
    """Use these register limits (keys of :data:`LIMIT_ENV`) inside the block, over the environment.

    Nothing is written to ``os.environ`` or to the module values; the previous
    limits are back when the block ends, also on an error.
    """
    unknown = set(limits) - set(LIMIT_ENV)
    if unknown:
        raise KeyError(f"unknown register limit(s) {sorted(unknown)}; known: {sorted(LIMIT_ENV)}")
    saved = dict(_GIVEN)
    _GIVEN.update({k: int(v) for k, v in limits.items()})
    try:
        yield
    finally:
        _GIVEN.clear()
        _GIVEN.update(saved)


def env_limit(env: str, default: int, *, size: bool) -> int:
    """Return a positive whole-number limit from environment variable ``env``, else ``default``.

    Parameters
    ----------
    env : str
        Name of the environment variable (read at call time).
    default : int
        Value when the variable is unset or blank.
    size : bool
        The limit is a number of bytes (said in the error message). A ``K``,
        ``M`` or ``G`` suffix (powers of 1024, optional ``B``) is accepted,
        e.g. ``200M``.

    Raises
    ------
    OptionError
        The variable is not a positive whole number.
    """
    raw = (os.environ.get(env) or "").strip()
    if not raw:
        return default
    text = raw.upper().replace("_", "").removesuffix("B")
    scale = {"K": 2**10, "M": 2**20, "G": 2**30}.get(text[-1:], 1)
    if scale > 1:
        text = text[:-1]
    if text.isdigit() and int(text) > 0:
        return int(text) * scale
    from .errors import OptionError, catalogue_message

    example = f"{default} or {default // 2**20}M" if size and default >= 2**20 else str(default)
    raise OptionError(catalogue_message("set_limit_bytes" if size else "set_limit", env=env,
                                        raw=repr(raw), example=example, default=default))


#: Environment variable naming a reference boundary file for the position checks.
REFERENCE_ENV = "CAMAU_GIS_REFERENCE"


def reference_path() -> str | None:
    """Return the reference boundary file named by ``CAMAU_GIS_REFERENCE`` (at call time)."""
    return env(REFERENCE_ENV)


def data_base_url() -> str:
    """Return the vietnam63 base URL, honouring ``CAMAU_GIS_DATA_URL``."""
    return env("CAMAU_GIS_DATA_URL") or vietnam63_base_url


def download_timeout_s() -> float:
    """Seconds to wait for a server: ``CAMAU_GIS_TIMEOUT`` if set, else :data:`download_timeout`."""
    raw = (env("CAMAU_GIS_TIMEOUT") or "").strip()
    if not raw:
        return float(download_timeout)
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 < value < 86400:  # also refuses nan and inf
        from .errors import OptionError, catalogue_message

        raise OptionError(catalogue_message("set_timeout", raw=repr(raw)))
    return value


def allow_http() -> bool:
    """``CAMAU_GIS_ALLOW_HTTP=1``: a plain ``http://`` mirror is trusted."""
    return env("CAMAU_GIS_ALLOW_HTTP") == "1"


def parallel_outputs() -> bool:
    """``CAMAU_GIS_PARALLEL`` is not ``0``: ``build`` may draw its PNG in a second process."""
    return (env("CAMAU_GIS_PARALLEL") or "1").strip().lower() not in ("0", "false", "no", "off")


def debug() -> bool:
    """``CAMAU_GIS_DEBUG`` is on (``1``, ``true``, ``yes``, ``on``)."""
    return (env("CAMAU_GIS_DEBUG") or "").strip().lower() in ("1", "true", "yes", "on")


# -- robustness (issue 16) -----------------------------------------------------------------

#: Longest a whole download may take, in seconds (``CAMAU_GIS_DOWNLOAD_DEADLINE``):
#: :data:`download_timeout` bounds each wait for the server, this the transfer as a whole,
#: so a server sending one byte a second cannot hold a command for hours.
download_deadline: float = 900.0

#: Largest download accepted, in bytes (``CAMAU_GIS_MAX_DOWNLOAD_BYTES``, ``K``/``M``/``G``
#: suffixes): the pinned files are under 30 MB, GADM/geoBoundaries national files under 200 MB.
max_download_bytes: int = 512 * 2**20


def download_limits() -> tuple[float, int]:
    """Return ``(deadline in seconds, largest size in bytes)`` of one download, read at call time.

    Raises
    ------
    OptionError
        An environment value is not a positive number.
    """
    deadline = float(env_limit("CAMAU_GIS_DOWNLOAD_DEADLINE", int(download_deadline), size=False))
    return deadline, env_limit("CAMAU_GIS_MAX_DOWNLOAD_BYTES", int(max_download_bytes), size=True)


#: Test hook of the commit (``camau_gis._commit.fault``): ``PHASE[:K]=SIGNAL``, e.g.
#: ``rename:2=SIGKILL`` sends SIGKILL to the process right after the third rename of
#: the final move. Phases: write, commit, journal, rename, prune, done. For tests only.
FAULT_ENV = "CAMAU_GIS_FAULT"


def fault_injection() -> tuple[str, int | None, int] | None:
    """Return ``(phase, k or None, signal number)`` from ``CAMAU_GIS_FAULT``, read at call time.

    Raises
    ------
    OptionError
        The value is not ``PHASE[:K]=SIGNAL`` with a known signal name.
    """
    raw = (env(FAULT_ENV) or "").strip()
    if not raw:
        return None
    import signal

    where, _, name = raw.partition("=")
    phase, _, k = where.partition(":")
    signum = getattr(signal, name.strip().upper(), None)
    if not phase or signum is None or (k and not k.isdigit()):
        from .errors import OptionError

        raise OptionError(f"{FAULT_ENV}={raw!r}: expected PHASE[:K]=SIGNAL, e.g. rename:2=SIGKILL.")
    return phase.strip(), int(k) if k else None, int(signum)
