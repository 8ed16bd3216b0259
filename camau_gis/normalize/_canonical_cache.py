"""On-disk cache of the canonical commune table, one entry per boundary file and arguments.

Building the canonical table (decode the DBF, code every unit against the
GSO reference, repair polygons, check positions) costs ~0.6 s for Cà Mau and
~4 s for the national layer, for the same answer every run. The result is
pickled in ``settings.shapefiles_dir / "cache"`` (beside the display
coverage) under a key made of:

- the SHA-256 of the file's bytes and of its sidecars (same stem: ``.dbf``,
  ``.shx``, ``.prj``, ``.cpg``…), and its resolved path (messages name it);
- the arguments (province, layer, column mapping, CRS, encoding, checks), the
  public scalar values of :mod:`camau_gis.settings` (not its folders) and
  the ``CAMAU_GIS_*`` environment variables (``CAMAU_GIS_REFERENCE``…);
- the code: size and modification time of every file of the ``camau_gis``
  package and of the entry files of the libraries that read and code the
  file (an upgrade replaces them).

Warnings raised while building are stored with the table and raised again
on every hit, so a cached load says what a fresh one says. A missing, stale
or unreadable entry is rebuilt, a failed write only skips the cache; errors
are never cached. Only the :data:`KEEP` most recently used entries are kept.
"""

from __future__ import annotations

import hashlib
import json
import os
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: Bump when the pickled layout changes.
FORMAT = 1
#: Entries kept in the cache folder (most recently used first); older ones are deleted.
KEEP = 8


def _file_digest(path: Path) -> str | None:
    """SHA-256 of ``path`` and of its sidecar files; None when it is not a plain file."""
    if not path.is_file():
        return None
    stem = path.name.rsplit(".", 1)[0].lower()
    members = sorted(p for p in path.parent.iterdir()
                     if p.is_file() and p.name.rsplit(".", 1)[0].lower() == stem)
    h = hashlib.sha256()
    for p in members:
        h.update(p.name.encode("utf-8") + b"\0")
        with open(p, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()


def _code_stamp() -> str:
    """Size and mtime of every file of the package, and of the reading libraries' entry files."""
    import importlib.util

    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            st = os.stat(os.path.join(dirpath, name))
            h.update(f"{dirpath[len(str(root)):]}/{name}:{st.st_size}:{st.st_mtime_ns}\n"
                     .encode())
    for lib in ("vietnamadminunits", "geopandas", "shapely", "pyogrio", "pyproj", "pandas"):
        # the installed package's entry file (path, size, mtime): a new version changes it;
        # cheaper than importlib.metadata (~0.1 s to scan the distributions the first time)
        spec = importlib.util.find_spec(lib)
        origin = spec.origin if spec and spec.origin else "-"
        st = os.stat(origin) if origin != "-" else None
        h.update(f"{lib}={origin}:{st and st.st_size}:{st and st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def _settings_stamp() -> dict[str, str]:
    """Public scalar settings (province, CRSs, language…); folders do not change the table."""
    from .. import settings

    return {k: repr(v) for k, v in sorted(vars(settings).items())
            if not k.startswith("_") and isinstance(v, str | int | float | bool | tuple)}


def cache_key(path: Path, params: dict[str, Any]) -> str | None:
    """Key of the canonical table of ``path`` read with ``params``; None: do not cache."""
    digest = _file_digest(path)
    if digest is None:
        return None
    env = {k: v for k, v in sorted(os.environ.items()) if k.startswith("CAMAU_GIS")}
    blob = json.dumps({
        "format": FORMAT, "file": digest, "path": str(path.resolve()),
        "params": {k: repr(v) for k, v in sorted(params.items())},
        "settings": _settings_stamp(), "env": env, "code": _code_stamp(),
    }, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def cache_path(key: str) -> Path:
    """File of the entry ``key`` in ``settings.shapefiles_dir / "cache"``."""
    from .. import settings

    return Path(settings.shapefiles_dir) / "cache" / f"canonical_{key[:24]}.pkl"


def _replay(caught: list[warnings.WarningMessage]) -> None:
    for w in caught:
        warnings.warn(w.message, stacklevel=4)


def cached_canonical(path: str | Path, params: dict[str, Any], build: Callable[[], Any],
                     *, cache: bool = True) -> Any:
    """Return ``build()``'s table for ``path`` and ``params``, from the cache when it is valid.

    Parameters
    ----------
    path : str or Path
        The boundary file (only plain files are cached).
    params : dict
        Every argument that changes the result or its warnings.
    build : callable
        Builds the table (``load_canonical``'s work); its warnings are kept.
    cache : bool
        False: always build, read and write nothing.
    """
    import pickle

    key = cache_key(Path(path), params) if cache else None
    target = cache_path(key) if key else None
    if target is not None and target.exists():
        try:
            with open(target, "rb") as f:
                entry = pickle.load(f)
            if entry.get("format") == FORMAT and entry.get("key") == key:
                _replay(entry["warnings"])
                _touch(target)
                return entry["table"]
        except Exception:  # noqa: BLE001 - a damaged entry is rebuilt
            pass
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = build()
    _replay(caught)
    if target is not None:
        try:
            from .._atomic import atomic_path

            target.parent.mkdir(parents=True, exist_ok=True)
            entry = {"format": FORMAT, "key": key, "table": table,
                     "warnings": [_Kept(w.message, w.category) for w in caught]}
            with atomic_path(target) as tmp, open(tmp, "wb") as f:
                pickle.dump(entry, f, protocol=pickle.HIGHEST_PROTOCOL)
            prune(target.parent, KEEP)
        except Exception:  # noqa: BLE001 - read-only or full disk: work without the cache
            pass
    return table


def _touch(path: Path) -> None:
    """Mark an entry as used (its mtime orders :func:`prune`)."""
    try:
        os.utime(path)
    except OSError:
        pass


def prune(folder: Path, keep: int = KEEP) -> list[Path]:
    """Delete all but the ``keep`` most recently used entries in ``folder``; return the deleted."""
    entries = []
    for p in folder.glob("canonical_*.pkl"):
        try:
            entries.append((p.stat().st_mtime_ns, p))
        except OSError:  # removed meanwhile by another run
            continue
    removed = []
    for _, p in sorted(entries, reverse=True)[keep:]:
        try:
            p.unlink()
            removed.append(p)
        except OSError:
            pass
    return removed


class _Kept:
    """A recorded warning, picklable (``warnings.WarningMessage`` holds frames' files)."""

    def __init__(self, message: Warning | str, category: type[Warning]) -> None:
        self.message = message if isinstance(message, Warning) else category(str(message))
        self.category = category
