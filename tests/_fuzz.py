"""Shared pieces of the property tests: Hypothesis settings and a scratch folder.

``CAMAU_FUZZ_EXAMPLES=2000`` runs a deeper, randomised search (e.g. before a
release); by default runs are derandomised so CI is reproducible.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

DEEP = int(os.environ.get("CAMAU_FUZZ_EXAMPLES", "0"))


def fuzz_settings(examples: int) -> settings:
    """``examples`` derandomised runs, or ``CAMAU_FUZZ_EXAMPLES`` random ones when that is set."""
    return settings(
        max_examples=DEEP or examples,
        deadline=None,
        derandomize=not DEEP,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def scratch_dir(prefix: str):
    """One folder whose files are overwritten per example, and a module fixture deleting it.

    Hypothesis cannot use function-scoped ``tmp_path``; bind both names in
    the test module (``_DIR, _cleanup = scratch_dir("camau_fuzz_")``) so
    pytest finds the autouse fixture.
    """
    path = Path(tempfile.mkdtemp(prefix=prefix))

    @pytest.fixture(scope="module", autouse=True)
    def _cleanup():
        yield
        shutil.rmtree(path, ignore_errors=True)

    return path, _cleanup
