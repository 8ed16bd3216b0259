"""Counts that must agree: a Shapefile's ``.shp``/``.shx``/``.dbf`` records, a layer's features.

GDAL reads a Shapefile whose ``.dbf`` holds fewer records than its ``.shp``
without complaint and returns the shorter table, so communes would silently
disappear. The three counts are read from the files themselves: the
``.shp`` by walking its record headers, the ``.shx`` from its length (8 bytes
per record after a 100-byte header) and the ``.dbf`` from the record count
in its header (bytes 4-7). A disagreement is a :class:`BoundaryError` (exit 3)
naming the three.

Nothing here imports a heavy library.
"""

from __future__ import annotations

import contextlib
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

from ..errors import BoundaryError
from ..i18n import Msg

_HEADER = 100  # bytes of the .shp and .shx headers


def _shp_records(data: bytes) -> int:
    """Count the records of a ``.shp`` file's bytes (walking the record headers)."""
    end = min(len(data), struct.unpack(">i", data[24:28])[0] * 2) if len(data) >= _HEADER else 0
    n, offset = 0, _HEADER
    while offset + 8 <= end:
        words = struct.unpack(">i", data[offset + 4:offset + 8])[0]
        if words < 0:
            break
        offset += 8 + 2 * words
        n += 1
    return n


def _shx_records(data: bytes) -> int:
    return max(0, (len(data) - _HEADER) // 8)


def _dbf_records(data: bytes) -> int:
    return struct.unpack("<I", data[4:8])[0] if len(data) >= 32 else 0


def shapefile_counts(read: Callable[[str], bytes | None]) -> dict[str, int]:
    """Return ``{".shp": n, ".shx": n, ".dbf": n}`` from ``read(ext)`` (a part's bytes or None)."""
    counts = {}
    for ext, count in ((".shp", _shp_records), (".shx", _shx_records), (".dbf", _dbf_records)):
        data = read(ext)
        if data is not None:
            counts[ext] = count(data)
    return counts


def _reader(path: Path, member: str | None) -> Callable[[str], bytes | None]:
    """Read the parts of the Shapefile ``path`` (or of ``member`` inside the zip ``path``)."""
    if member is None:
        parts = {p.suffix.lower(): p for p in path.parent.iterdir()
                 if p.stem == path.stem and p.is_file()}
        return lambda ext: parts[ext].read_bytes() if ext in parts else None
    stem = member[:-4]

    def read(ext: str) -> bytes | None:
        with zipfile.ZipFile(path) as zf:
            names = {n.lower(): n for n in zf.namelist()}
            name = names.get((stem + ext).lower())
            return zf.read(name) if name else None

    return read


def check_shapefile(path: Path, member: str | None = None) -> None:
    """Refuse a Shapefile whose ``.shp``, ``.shx`` and ``.dbf`` disagree on the number of records.

    Parameters
    ----------
    path : Path
        The ``.shp`` file, or a ``.zip`` holding ``member``.
    member : str, optional
        The ``.shp`` inside the zip.

    Raises
    ------
    BoundaryError
        The counts differ; the message gives all three and what to do.
    """
    try:
        counts = shapefile_counts(_reader(path, member))
    except (OSError, zipfile.BadZipFile, struct.error):
        return  # unreadable parts are reported by the reader itself
    if len(set(counts.values())) > 1:
        where = f"{path}:{member}" if member else str(path)
        said = ", ".join(f"{ext} {n}" for ext, n in counts.items())
        raise BoundaryError(Msg("cnt_shp_parts", where=where, said=said))


def gpkg_rows(path: Path, layer: str) -> int | None:
    """Rows of the GeoPackage table ``layer``, counted by SQLite (read-only, no sidecar written)."""
    import sqlite3

    try:
        uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
        with contextlib.closing(sqlite3.connect(uri, uri=True)) as con:
            quoted = '"' + layer.replace('"', '""') + '"'
            return int(con.execute(f"SELECT COUNT(*) FROM {quoted}").fetchone()[0])
    except (sqlite3.Error, OSError, ValueError, TypeError):
        return None


def check_layer(where: str, declared: int, rows: int | None, read: int) -> None:
    """Refuse a layer whose declared feature count, table rows and rows read do not agree.

    GDAL stops reading a GeoPackage layer at the count its ``gpkg_ogr_contents``
    table declares, so a stale count silently drops features. ``declared`` or
    ``rows`` may be -1/None (unknown).
    """
    counts = {"cnt_declared": declared, "cnt_in_table": rows, "cnt_read": read}
    known = {k: v for k, v in counts.items() if v is not None and v >= 0}
    if len(set(known.values())) > 1:
        said = ", ".join(f"{n} {Msg(k)}" for k, n in known.items())
        raise BoundaryError(Msg("cnt_layer", where=where, said=said))
