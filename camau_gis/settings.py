"""Typed, documented defaults read at call time (folders, CRS, language, data sources).

Functions across the package take ``None`` for these values and read the
setting when they are called, so tests and scripts can change them::

    from camau_gis import settings
    settings.outputs_dir = tmp_path
"""

from __future__ import annotations

import os
from pathlib import Path

#: Project root (the folder holding ``pyproject.toml`` in a source checkout).
project_root: Path = Path(__file__).resolve().parent.parent

#: Where ``boundaries fetch`` writes the canonical commune layer.
shapefiles_dir: Path = project_root / "shapefiles"

#: Where ``build`` writes maps and tables.
outputs_dir: Path = project_root / "outputs"

#: Download cache for upstream files (pooch); ``CAMAU_GIS_CACHE`` overrides.
cache_dir: Path = Path(os.environ.get("CAMAU_GIS_CACHE", "") or (project_root / ".cache"))

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
    return env_limit(LIMIT_ENV[name], int(globals()[name]), size=name == "max_register_bytes")


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
    raw = os.environ.get(env, "").strip()
    if not raw:
        return default
    text = raw.upper().replace("_", "").removesuffix("B")
    scale = {"K": 2**10, "M": 2**20, "G": 2**30}.get(text[-1:], 1)
    if scale > 1:
        text = text[:-1]
    if text.isdigit() and int(text) > 0:
        return int(text) * scale
    from .errors import OptionError

    example = f"{default} or {default // 2**20}M" if size and default >= 2**20 else str(default)
    raise OptionError(
        f"{env}={raw!r}: expected a positive whole number"
        + (" of bytes" if size else "")
        + f", e.g. {example}; unset it to use the default ({default})."
    )


#: Environment variable naming a reference boundary file for the position checks.
REFERENCE_ENV = "CAMAU_GIS_REFERENCE"


def reference_path() -> str | None:
    """Return the reference boundary file named by ``CAMAU_GIS_REFERENCE`` (at call time)."""
    return os.environ.get(REFERENCE_ENV) or None


def data_base_url() -> str:
    """Return the vietnam63 base URL, honouring ``CAMAU_GIS_DATA_URL``."""
    return os.environ.get("CAMAU_GIS_DATA_URL") or vietnam63_base_url
