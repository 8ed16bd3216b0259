"""The one on-disk cache policy of the package: where entries live, how they are read and written.

Every cache (the parsed national ``.rda`` tables, the canonical commune tables,
the GSO reference tables, the HTML map's display coverage and border runs, the
static maps' outlines) keeps its entries in :func:`camau_gis.settings.derived_dir`
and goes through :func:`read_entry` and :func:`write_entry`:

- an entry is a data file (GeoParquet, Parquet or ``.npz``, never a pickle),
  named ``<kind>_<key>`` where the key is a digest of everything that changes it;
- a missing, stale, damaged or foreign entry is rebuilt, never fatal;
- an entry is written atomically (:func:`camau_gis._atomic.atomic_path`); a cache
  that cannot be written (read-only folder, full disk) is a single warning per
  folder (:class:`CacheWarning`) and the run goes on without it.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from .errors import CacheWarning
from .i18n import Msg, OsReason

T = TypeVar("T")
__all__ = ["CacheWarning", "entry_path", "read_entry", "unwritable", "write_entry"]

#: Folders already warned about in this process.
_WARNED: set[str] = set()


def unwritable(path: Path, exc: BaseException) -> None:
    """Warn once per folder that cache file ``path`` could not be written."""
    folder = str(Path(path).parent)
    if folder in _WARNED:
        return
    _WARNED.add(folder)
    warnings.warn(Msg("cache_unwritable", folder=folder, reason=OsReason(exc)), CacheWarning,
                  stacklevel=3)


def entry_path(kind: str, key: str, suffix: str, folder: Path | None = None) -> Path:
    """Path of the entry ``<kind>_<key[:24]><suffix>`` (default: in ``settings.derived_dir()``)."""
    if folder is None:
        from . import settings

        folder = settings.derived_dir()
    return Path(folder) / f"{kind}_{key[:24]}{suffix}"


def read_entry(path: Path | None, read: Callable[[Path], T | None]) -> T | None:
    """Return ``read(path)``; None when there is no entry or it cannot be used (it is rebuilt).

    ``read`` returns None for a stale entry, or raises for a damaged one.
    """
    if path is None or not path.is_file():
        return None
    try:
        return read(path)
    except Exception:  # noqa: BLE001 - a damaged or foreign entry is rebuilt, never fatal
        return None


def write_entry(path: Path | None, write: Callable[[Path], None], *,
                skip: tuple[type[BaseException], ...] = ()) -> bool:
    """Write an entry atomically with ``write(temporary path)``; False when it was not written.

    ``skip``: exceptions meaning "not cacheable, by design" (no warning). Any
    other failure is one :class:`CacheWarning` per folder (:func:`unwritable`).
    """
    if path is None:
        return False
    from ._atomic import atomic_path

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(path, suffix=path.suffix) as tmp:
            write(tmp)
    except skip:
        return False
    except Exception as exc:  # noqa: BLE001 - read-only, full disk, pyarrow missing: go on
        unwritable(path, exc)
        return False
    return True
