"""On-disk cache of the canonical commune table, one entry per boundary file and arguments.

Building the canonical table (decode the DBF, code every unit against the
GSO reference, repair polygons, check positions) costs ~0.6 s for Cà Mau and
~4 s for the national layer, for the same answer every run. The result is
stored in :func:`camau_gis.settings.derived_dir` (beside the display
coverage) under a key made of:

- the SHA-256 of the file's bytes and of its sidecars (same stem: ``.dbf``,
  ``.shx``, ``.prj``, ``.cpg``…), and its resolved path (messages name it);
- the arguments (province, layer, column mapping, CRS, encoding, checks), the
  public scalar values of :mod:`camau_gis.settings` (not its folders nor the
  register limits) and the ``CAMAU_GIS_*`` environment variables
  (``CAMAU_GIS_REFERENCE``…; not the register limits);
- the code: size and modification time of every file of the ``camau_gis``
  package and of the entry files of the libraries that read and code the
  file (an upgrade replaces them).

Entries are data only, never pickles: the cache folder may sit on a shared
drive that others can write to, and loading a pickle runs code. Each entry
is one Parquet file (:func:`write_frame`): plain columns as Arrow types,
geometries as WKB, and a JSON document in the file's key-value metadata
holding what Parquet does not keep (dtypes, index, CRS as PROJJSON,
``attrs``, the key and the warnings). A file that is not such a Parquet
file - a planted pickle, a truncated write, an older format - is rebuilt,
never executed.

Warnings raised while building are stored with the table (category name and
message) and raised again on every hit, so a cached load says what a fresh
one says; the category is looked up in an allow-list (:data:`camau_gis._caches.WARNING_CLASSES`:
built-in warnings and this package's), never imported by name. A missing,
stale or unreadable entry is rebuilt, a failed write only skips the cache;
errors are never cached. Only the :data:`KEEP` most recently used entries
are kept.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import _caches
from .._caches import Kept, code_stamp, kept_warnings, recording, replay, warnings_meta
from ..i18n import Msg

#: Bump when the stored layout changes (1 was a pickle, never read again).
FORMAT = 2
#: Entries kept in the cache folder (most recently used first); older ones are deleted.
KEEP = 8
#: Key of the JSON document in a cache file's Parquet metadata.
META_KEY = b"camau_gis"
#: Version of the frame layout written by :func:`write_frame`.
LAYOUT = 1
#: Libraries that read and code the file (their entry files are part of the key).
_LIBRARIES = ("vietnamadminunits", "geopandas", "shapely", "pyogrio", "pyproj", "pandas",
              "pyarrow")

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


def _settings_stamp() -> dict[str, str]:
    """Public scalar settings (province, CRSs…); folders do not change the table.

    The language is left out: it changes only the text of the warnings kept,
    which an entry stores with their language (:func:`_load_entry`).
    """
    from .. import settings

    return _caches.settings_stamp(exclude={*settings.LIMIT_ENV, "language"})


def cache_key(path: Path, params: dict[str, Any]) -> str | None:
    """Key of the canonical table of ``path`` read with ``params``; None: do not cache."""
    digest = _file_digest(path)
    if digest is None:
        return None
    from .. import settings

    limits = set(settings.LIMIT_ENV.values())  # register limits do not change the table
    env = {k: v for k, v in settings.camau_environment().items() if k not in limits}
    blob = json.dumps({
        "format": FORMAT, "file": digest, "path": str(path.resolve()),
        "params": {k: repr(v) for k, v in sorted(params.items())},
        "settings": _settings_stamp(), "env": env, "code": code_stamp(_LIBRARIES),
    }, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def cache_path(key: str) -> Path:
    """File of the entry ``key`` in :func:`camau_gis.settings.derived_dir`."""
    from .._caches import entry_path

    return entry_path("canonical", key, ".parquet")


# -- warnings -----------------------------------------------------------------------------


# -- data-only frames -------------------------------------------------------------------


def _is_geometry(values: Any) -> bool:
    return getattr(getattr(values, "dtype", None), "name", None) == "geometry"


def write_frame(path: str | Path, frame: Any, meta: dict[str, Any] | None = None) -> None:
    """Write a DataFrame or GeoDataFrame to a data-only Parquet file, atomically.

    Geometry columns are stored as WKB; dtypes, the index, the CRS of each
    geometry column, ``attrs`` and ``meta`` go into a JSON document in the
    file's metadata. The written file is read back and compared with
    ``frame`` before it replaces ``path``.

    Parameters
    ----------
    path : str or Path
        Destination (replaced only when the round trip is exact).
    frame : pandas.DataFrame or geopandas.GeoDataFrame
        Table with unique string column names and JSON-compatible ``attrs``.
    meta : dict, optional
        JSON-compatible values stored with the table (:func:`read_frame` returns them).

    Raises
    ------
    ValueError
        When the table cannot be stored exactly (non-string or duplicate
        column names, object columns Arrow cannot hold, attrs that JSON
        changes, a round trip that differs).
    """
    import numpy as np
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq
    import shapely

    from .._atomic import atomic_path

    names = list(frame.columns)
    if not all(isinstance(n, str) for n in names) or len(set(names)) != len(names):
        raise ValueError(Msg("ccache_names"))
    attrs = dict(frame.attrs)
    if json.loads(json.dumps(attrs, ensure_ascii=False)) != attrs:
        raise ValueError(Msg("ccache_attrs"))
    index = frame.index
    plain_index = isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1 \
        and index.name is None
    data: dict[str, Any] = {}
    columns = []
    for name in names:
        values = frame[name]
        if _is_geometry(values):
            crs = values.crs
            data[name] = pa.array(shapely.to_wkb(np.asarray(values.array)), type=pa.binary())
            columns.append({"name": name, "kind": "geometry",
                            "crs": crs.to_json() if crs is not None else None})
        else:
            data[name] = pa.array(values.to_numpy() if values.dtype == object
                                  else values.array, from_pandas=True)
            columns.append({"name": name, "kind": "object" if values.dtype == object
                            else "value", "dtype": str(values.dtype)})
    levels = []
    if not plain_index:
        for i in range(index.nlevels):
            level = pd.Series(index.get_level_values(i))
            col = f"__index_level_{i}__"
            if col in data:
                raise ValueError(Msg("ccache_reserved", col=repr(col)))
            data[col] = pa.array(level.to_numpy() if level.dtype == object else level.array,
                                 from_pandas=True)
            levels.append({"name": index.names[i], "column": col,
                           "kind": "object" if level.dtype == object else "value",
                           "dtype": str(level.dtype)})
    doc = {
        "layout": LAYOUT, "columns": columns, "columns_dtype": str(frame.columns.dtype),
        "index": levels if not plain_index else None, "length": len(frame),
        "geometry": getattr(frame, "_geometry_column_name", None),
        "attrs": attrs, "meta": meta or {},
    }
    blob = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    table = pa.Table.from_pydict(data).replace_schema_metadata({META_KEY: blob})
    with atomic_path(path) as tmp:
        pq.write_table(table, tmp)
        back, _ = read_frame(tmp)
        _assert_same(back, frame)


def _assert_same(left: Any, right: Any) -> None:
    """Raise ValueError unless ``left`` equals ``right`` exactly (values, dtypes, CRS, attrs)."""
    import pandas as pd
    import shapely

    try:
        if type(left) is not type(right):
            raise AssertionError(f"{type(left).__name__} != {type(right).__name__}")
        pd.testing.assert_index_equal(left.columns, right.columns, exact=True)
        pd.testing.assert_index_equal(left.index, right.index, exact=True)
        geo = [n for n in right.columns if _is_geometry(right[n])]
        for n in geo:
            a, b = left[n], right[n]
            if not _is_geometry(a) or a.crs != b.crs:
                raise AssertionError(f"geometry column {n!r} or its CRS differs")
            ga, gb = a.to_numpy(), b.to_numpy()
            same = shapely.equals_exact(ga, gb, tolerance=0) | (
                shapely.is_missing(ga) & shapely.is_missing(gb))
            if not same.all():
                raise AssertionError(f"geometry column {n!r} differs")
        if getattr(left, "_geometry_column_name", None) != getattr(
                right, "_geometry_column_name", None):
            raise AssertionError("active geometry column differs")
        rest = [n for n in right.columns if n not in geo]
        pd.testing.assert_frame_equal(pd.DataFrame(left[rest]), pd.DataFrame(right[rest]),
                                      check_exact=True)
        if left.attrs != right.attrs:
            raise AssertionError("attrs differ")
    except AssertionError as exc:
        raise ValueError(Msg("ccache_differs", exc=exc)) from exc


def read_frame(path: str | Path) -> tuple[Any, dict[str, Any]]:
    """Read a file written by :func:`write_frame`; return the table and its ``meta``.

    Only Parquet is parsed and nothing in the file is executed: a file of
    another kind or layout raises (``ValueError`` or pyarrow's errors).
    """
    import pandas as pd
    import pyarrow.parquet as pq
    import shapely

    table = pq.read_table(path)
    raw = (table.schema.metadata or {}).get(META_KEY)
    if raw is None:
        raise ValueError(f"{path}: not a camau-gis cache file")
    doc = json.loads(raw)
    if doc.get("layout") != LAYOUT:
        raise ValueError(f"{path}: cache layout {doc.get('layout')!r}, expected {LAYOUT}")

    def values(col: str, spec: dict[str, Any]) -> Any:
        arr = table.column(col)
        if spec["kind"] == "geometry":
            return shapely.from_wkb(arr.to_numpy(zero_copy_only=False))
        if spec["kind"] == "object":
            return arr.to_numpy(zero_copy_only=False).astype(object, copy=False)
        s = arr.to_pandas()
        return s if str(s.dtype) == spec["dtype"] else s.astype(spec["dtype"])

    n = int(doc["length"])
    if doc["index"] is None:
        index = pd.RangeIndex(n)
    else:
        arrays = [pd.Index(values(lv["column"], lv), name=lv["name"], dtype=(
            object if lv["kind"] == "object" else None)) for lv in doc["index"]]
        index = arrays[0] if len(arrays) == 1 else pd.MultiIndex.from_arrays(
            arrays, names=[lv["name"] for lv in doc["index"]])
    names = [c["name"] for c in doc["columns"]]
    geo = {c["name"]: c for c in doc["columns"] if c["kind"] == "geometry"}
    if geo:
        import geopandas as gpd
        from pyproj import CRS
    data = {}
    for spec in doc["columns"]:
        v = values(spec["name"], spec)
        if spec["kind"] == "geometry":
            crs = CRS.from_json(spec["crs"]) if spec["crs"] else None
            data[spec["name"]] = gpd.GeoSeries(v, index=index, crs=crs)
        else:  # explicit dtype: pandas would turn object strings into "str"
            data[spec["name"]] = pd.Series(
                v if spec["kind"] == "object" else v.array, index=index,
                dtype=object if spec["kind"] == "object" else None, copy=False)
    frame = pd.DataFrame(data, index=index, columns=pd.Index(names, dtype=doc["columns_dtype"]))
    if geo:
        active = doc["geometry"]
        frame = gpd.GeoDataFrame(frame, geometry=active) if active else gpd.GeoDataFrame(frame)
    frame.attrs = doc["attrs"]
    return frame, doc["meta"]


# -- the cache ----------------------------------------------------------------------------


def _load_entry(target: Path, key: str) -> tuple[Any, Kept] | None:
    """Return the table and warnings of a valid entry, or None (missing, stale, damaged)."""
    from .._caches import read_entry

    def read(path: Path) -> tuple[Any, Kept] | None:
        table, meta = read_frame(path)
        if meta.get("format") != FORMAT or meta.get("key") != key:
            return None
        kept = kept_warnings(meta)  # None: in another language, rebuilt (the table is the same)
        return None if kept is None else (table, kept)

    return read_entry(target, read)


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
        Builds the table (``load_canonical``'s work, a (Geo)DataFrame); its
        warnings are kept. A table :func:`write_frame` cannot store exactly
        is returned but not cached.
    cache : bool
        False: always build, read and write nothing.
    """
    key = cache_key(Path(path), params) if cache else None
    target = cache_path(key) if key else None
    if key is not None and target is not None:
        hit = _load_entry(target, key)
        if hit is not None:
            replay(hit[1])
            _touch(target)
            return hit[0]
    from .._progress import step

    with step("canonical", Path(path).name):
        table, kept = recording(build)
    replay(kept)  # after the step: not inside its live progress row
    if target is not None:
        from .._caches import write_entry

        meta = {"format": FORMAT, "key": key, **warnings_meta(kept)}
        # a table write_frame cannot store exactly (ValueError) is not cached, by design
        if write_entry(target, lambda tmp: write_frame(tmp, table, meta), skip=(ValueError,)):
            prune(target.parent, KEEP)
    return table


def _touch(path: Path) -> None:
    """Mark an entry as used (its mtime orders :func:`prune`)."""
    try:
        os.utime(path)
    except OSError:
        pass


def prune(folder: Path, keep: int = KEEP) -> list[Path]:
    """Delete all but the ``keep`` most recently used entries in ``folder``; return the deleted.

    Entries of the old pickle format (``canonical_*.pkl``) are always deleted.
    """
    removed: list[Path] = []
    for p in folder.glob("canonical_*.pkl"):
        try:
            p.unlink()
            removed.append(p)
        except OSError:
            pass
    removed += _caches.prune(folder, "canonical_*.parquet", keep)
    return removed
