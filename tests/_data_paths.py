"""Where the real reference data lives (``../shared/data``, or ``CAMAU_GIS_SHARED_DATA``).

A plain module rather than ``conftest`` attributes: ``from conftest import`` is
ambiguous once ``tests/robustness/conftest.py`` is loaded.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("CAMAU_GIS_SHARED_DATA", ROOT.parent / "shared" / "data"))
CA_MAU_SHP = SHARED_DATA / "boundaries" / "ca_mau_2019" / "ca_mau_communes.shp"
BAC_LIEU_SHP = SHARED_DATA / "boundaries" / "bac_lieu_2019" / "bac_lieu_communes.shp"
NATIONAL_GPKG = SHARED_DATA / "boundaries" / "vietnam_admin_2008.gpkg"
RAW_DIR = SHARED_DATA / "raw"


def under_ci() -> bool:
    """True when running under CI (``CI=true``), where missing shared data is a failure."""
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def need(path: Path) -> Path:
    """Return ``path``; skip the test when it is absent, or fail it under CI."""
    import pytest

    if not path.exists():
        message = f"real boundary data not found at {path} (../shared/data is absent)"
        if under_ci():
            pytest.fail(message + "; under CI the shared data must be beside the project")
        pytest.skip(message)
    return path


def let_others_reach(path: Path) -> None:
    """Give every folder above ``path`` the search bit for others (``o+x``, no listing).

    Tests that run a command as the unprivileged user ``nobody`` need it to reach their
    temporary folder and the project's interpreter: ``mktemp -d`` and pytest make folders
    ``0700``, which would hide even a readable venv from that user.
    """
    for parent in [path, *path.parents]:
        mode = parent.stat().st_mode
        if parent.is_dir() and not mode & 0o001:
            parent.chmod(mode | 0o001)
