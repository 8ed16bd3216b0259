"""One rule for caches that cannot be written: a single warning per folder, never silence.

A cache (parsed boundaries, canonical tables, geometry) only saves time; when
its folder is read-only or full the run still succeeds, but the user learns
once why every run is slow and which variable moves the cache.
"""

from __future__ import annotations

import warnings
from pathlib import Path


class CacheWarning(UserWarning):
    """A cache could not be written; the run goes on without it."""


#: Folders already warned about in this process.
_WARNED: set[str] = set()


def unwritable(path: Path, exc: BaseException) -> None:
    """Warn once per folder that cache file ``path`` could not be written."""
    folder = str(Path(path).parent)
    if folder in _WARNED:
        return
    _WARNED.add(folder)
    reason = getattr(exc, "strerror", None) or f"{type(exc).__name__}: {exc}"
    warnings.warn(
        f"{folder}: cannot write the cache ({reason}); every run recomputes it - set "
        "CAMAU_GIS_CACHE to a folder you can write (see `camau-gis paths`).",
        CacheWarning,
        stacklevel=3,
    )
