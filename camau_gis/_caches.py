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

import builtins
import hashlib
import os
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from .errors import CacheWarning
from .i18n import Msg, OsReason

T = TypeVar("T")
__all__ = ["WARNING_CLASSES", "CacheWarning", "Kept", "code_stamp", "entry_path", "geometry_key",
           "kept_warnings", "read_entry", "recording", "replay", "unwritable", "warning_class",
           "warning_name", "warnings_meta", "write_entry"]

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


def geometry_key(geoms: object, params: dict[str, object]) -> str:
    """SHA-256 hex digest of ``geoms`` (WKB, 2D, in order) and ``params`` (JSON, sorted keys).

    The key of an entry derived from boundary geometries: any moved vertex,
    reordered commune or changed parameter gives another key.
    """
    import json

    import numpy as np
    import shapely

    h = hashlib.sha256()
    h.update(json.dumps(params, sort_keys=True).encode())
    for wkb in shapely.to_wkb(np.asarray(geoms, dtype=object), hex=False, output_dimension=2):
        h.update(b"-" if wkb is None else len(wkb).to_bytes(8, "little") + wkb)  # None: missing
    return h.hexdigest()


def settings_stamp(exclude: Iterable[str] = ()) -> dict[str, str]:
    """Return the public scalar settings (province, CRSs, language…) by name, for a cache key.

    Folders and other non-scalar settings are left out, and so are the names in ``exclude``
    (settings that do not change what the entry holds).
    """
    from . import settings

    skip = set(exclude)
    return {k: repr(v) for k, v in sorted(vars(settings).items())
            if not k.startswith("_") and k not in skip
            and isinstance(v, str | int | float | bool | tuple)}


def code_stamp(libraries: Iterable[str]) -> str:
    """Digest of the code an entry depends on: this package's files and ``libraries``' entry files.

    Size and modification time of every file of the ``camau_gis`` package (a
    checkout's edit or a new install changes them), and path, size and mtime
    of each library's entry file (an upgrade replaces it; cheaper than
    ``importlib.metadata``, ~0.1 s to scan the distributions the first time).
    """
    import importlib.util

    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            st = os.stat(os.path.join(dirpath, name))
            h.update(f"{dirpath[len(str(root)):]}/{name}:{st.st_size}:{st.st_mtime_ns}\n"
                     .encode())
    for lib in libraries:
        spec = importlib.util.find_spec(lib)
        origin = spec.origin if spec and spec.origin else "-"
        lib_st = os.stat(origin) if origin != "-" else None
        h.update(f"{lib}={origin}:{lib_st and lib_st.st_size}:{lib_st and lib_st.st_mtime_ns}\n"
                 .encode())
    return h.hexdigest()


#: Warning classes a cached entry may replay, by stored name. Built-in
#: warnings are listed by their bare name, this package's by module path;
#: the modules are imported only when such a warning is replayed.
WARNING_CLASSES: dict[str, str] = {
    **{name: "builtins" for name in (
        "Warning", "UserWarning", "DeprecationWarning", "PendingDeprecationWarning",
        "SyntaxWarning", "RuntimeWarning", "FutureWarning", "ImportWarning",
        "UnicodeWarning", "BytesWarning", "ResourceWarning", "EncodingWarning",
    )},
    **{f"camau_gis.errors.{name}": "camau_gis.errors"
       for name in ("CodingWarning", "GeometryWarning", "CrosswalkWarning")},
}


def warning_name(category: type[Warning]) -> str:
    """Return the name stored for ``category``: its own or its nearest allowed base's."""
    for cls in category.__mro__:
        name = (cls.__name__ if cls.__module__ == "builtins"
                else f"{cls.__module__}.{cls.__qualname__}")
        if name in WARNING_CLASSES:
            return name
    return "UserWarning"


def warning_class(name: str) -> type[Warning]:
    """Return the warning class stored as ``name``; ValueError if not in the allow-list."""
    import importlib

    module = WARNING_CLASSES.get(name) if isinstance(name, str) else None
    if module is None:
        raise ValueError(f"warning category {name!r} is not in the allow-list")
    if module == "builtins":
        cls = getattr(builtins, name)
    else:
        cls = getattr(importlib.import_module(module), name.rsplit(".", 1)[1])
    if not (isinstance(cls, type) and issubclass(cls, Warning)):
        raise ValueError(f"{name!r} is not a warning class")
    return cls


#: Warnings an entry was built with: ``[(category, message), …]``, replayed on every hit.
Kept = list[tuple[type[Warning], str]]


def recording(build: Callable[[], T]) -> tuple[T, Kept]:
    """Return ``build()`` and the warnings it raised, held back for the caller to replay.

    What an entry stores (:func:`warnings_meta`) so that a hit says what a fresh build said.
    The caller raises them once its progress step has ended, so that a warning is not
    printed inside a live progress row.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = build()
    return value, [(w.category, str(w.message)) for w in caught]


def replay(kept: Kept, stacklevel: int = 4) -> None:
    """Raise the warnings an entry keeps (:func:`recording`) again."""
    for category, message in kept:
        warnings.warn(message, category, stacklevel=stacklevel)


def warnings_meta(kept: Kept) -> dict[str, object]:
    """Return the part of an entry's metadata that holds its warnings and their language."""
    from . import settings

    return {"lang": settings.language,
            "warnings": [{"category": warning_name(c), "message": m} for c, m in kept]}


def kept_warnings(meta: dict[str, Any]) -> Kept | None:
    """Return the warnings of an entry's metadata; None when in another language (rebuild).

    An entry whose warnings were written in another language than the run's is
    not used: its data is the same, but what it would say is not.
    """
    from . import settings

    stored = meta["warnings"]
    if stored and meta.get("lang") != settings.language:
        return None
    return [(warning_class(w["category"]), str(w["message"])) for w in stored]


def prune(folder: Path, pattern: str, keep: int, companions: tuple[str, ...] = ()) -> list[Path]:
    """Delete all but the ``keep`` most recently used entries ``folder/pattern``; return them.

    An entry's ``companions`` (other suffixes of the same name, e.g. ``".json"`` beside a
    ``.png``) go with it. A file another run removed meanwhile is skipped.
    """
    entries, removed = [], []
    for p in folder.glob(pattern):
        try:
            entries.append((p.stat().st_mtime_ns, p))
        except OSError:  # removed meanwhile by another run
            continue
    for _, p in sorted(entries, reverse=True)[keep:]:
        for q in (p, *(p.with_suffix(s) for s in companions)):
            try:
                q.unlink()
                removed.append(q)
            except OSError:
                pass
    return removed
