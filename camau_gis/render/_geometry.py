"""Geometry for web maps: precision from the zoom range, coverage cleaning and simplification.

Commune layers are a *coverage*: neighbours share borders. The shared
vietnam63 boundaries are not a valid coverage (overlaps and slivers), so
:func:`display_coverage` first cleans it (``shapely.coverage_clean``), then
simplifies it with ``shapely.coverage_simplify`` (shared borders simplified
once, no gap or overlap added), and caches the result in
``settings.shapefiles_dir / "cache"`` keyed by the SHA-256 of the input
geometries and the parameters. Coordinates are rounded to the decimals that
keep every vertex within half a screen pixel at the map's maximum zoom.
"""

from __future__ import annotations

import hashlib
import json
import math
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

#: Web-Mercator tile size in pixels.
TILE_SIZE = 256
#: Version of the cached format and algorithm; bump to invalidate old caches.
CACHE_VERSION = 1
#: Default largest gap (degrees, ~330 m) filled by coverage cleaning.
GAP_WIDTH_DEG = 0.003


def pixel_degrees(zoom: float) -> float:
    """Return the width of one screen pixel in degrees of longitude at ``zoom``."""
    return 360.0 / (TILE_SIZE * 2.0**zoom)


def decimals_for_zoom(max_zoom: float) -> int:
    """Return the fewest decimals whose rounding error stays within half a pixel at ``max_zoom``.

    Rounding to ``d`` decimals moves a vertex by at most ``0.5 * 10**-d``
    degrees; ``d`` is the smallest value with that below ``pixel / 2``.

    Examples
    --------
    >>> decimals_for_zoom(14)
    5
    >>> decimals_for_zoom(10)
    3
    """
    return max(0, math.ceil(-math.log10(pixel_degrees(max_zoom)) - 1e-12))


def tolerance_for_zoom(max_zoom: float) -> float:
    """Return a simplification tolerance (degrees) of half a pixel at ``max_zoom``."""
    return pixel_degrees(max_zoom) / 2.0


def round_coordinates(geoms: np.ndarray, decimals: int, *, dedupe: bool = True) -> np.ndarray:
    """Round every coordinate to ``decimals``; drop repeated consecutive vertices if ``dedupe``.

    Shared borders hold the same vertices on both sides, so they round to the
    same values and the coverage stays gap-free on screen.
    """
    import numpy as np
    import shapely

    rounded = shapely.transform(np.asarray(geoms), lambda c: np.round(c, decimals))
    if not dedupe:
        return rounded
    try:
        return shapely.remove_repeated_points(rounded, 0.0)
    except shapely.errors.GEOSException:
        pass  # a tiny ring collapsed: keep that geometry's repeated vertices (harmless on screen)
    out = rounded.copy()
    for i, g in enumerate(rounded):
        try:
            out[i] = shapely.remove_repeated_points(g, 0.0)
        except shapely.errors.GEOSException:
            out[i] = g
    return out


def _digest(geoms: np.ndarray, params: dict) -> str:
    import shapely

    h = hashlib.sha256()
    h.update(json.dumps({"v": CACHE_VERSION, **params}, sort_keys=True).encode())
    for wkb in shapely.to_wkb(geoms, hex=False, output_dimension=2):
        h.update(len(wkb).to_bytes(8, "little"))
        h.update(wkb)
    return h.hexdigest()


def _cache_path(key: str, cache_dir: Path | None) -> Path:
    if cache_dir is None:
        from .. import settings

        cache_dir = Path(settings.shapefiles_dir) / "cache"
    return Path(cache_dir) / f"coverage_{key[:24]}.npz"


def _load(path: Path, n: int) -> np.ndarray | None:
    import numpy as np
    import shapely

    try:
        with np.load(path) as data:
            buf, offsets = data["wkb"].tobytes(), data["offsets"]
        if len(offsets) != n + 1:
            return None
        return shapely.from_wkb([buf[offsets[i] : offsets[i + 1]] for i in range(n)])
    except Exception:  # noqa: BLE001 - a broken cache is rebuilt, never fatal
        return None


def _save(path: Path, geoms: np.ndarray) -> None:
    import numpy as np
    import shapely

    from .._atomic import atomic_path

    wkbs = shapely.to_wkb(geoms, hex=False)
    offsets = np.zeros(len(wkbs) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(b) for b in wkbs])
    buf = np.frombuffer(b"".join(wkbs), dtype=np.uint8)
    try:
        with atomic_path(path, suffix=".npz") as tmp:
            np.savez(tmp, wkb=buf, offsets=offsets)
    except OSError as exc:
        warnings.warn(f"could not write the coverage cache {path}: {exc}", stacklevel=3)


def display_coverage(
    geoms: np.ndarray,
    *,
    tolerance: float,
    gap_width: float = GAP_WIDTH_DEG,
    decimals: int | None = None,
    cache: bool = True,
    cache_dir: Path | None = None,
) -> np.ndarray:
    """Return a cleaned, coverage-simplified copy of polygon ``geoms`` for display.

    Parameters
    ----------
    geoms : array of shapely geometries
        Commune (Multi)Polygons in a geographic CRS, one per commune.
    tolerance : float
        ``coverage_simplify`` tolerance in degrees (see :func:`tolerance_for_zoom`).
    gap_width : float, default 0.003
        Largest gap (degrees) between neighbours merged into them by ``coverage_clean``.
    decimals : int, optional
        Also round coordinates to this many decimals (:func:`decimals_for_zoom`)
        and keep the coverage valid: rounding can push a vertex across a
        neighbour's edge, so the rounded coverage is re-cleaned (snapping to the
        grid) and rounded again until valid (at most 3 rounds, else a warning).
    cache : bool, default True
        Read and write the result in ``cache_dir``.
    cache_dir : Path, optional
        Default ``settings.shapefiles_dir / "cache"``.

    Returns
    -------
    numpy.ndarray
        Geometries in the input order; an input that cleaning would empty (it
        lies wholly under a neighbour, e.g. one 0.003 km² ward of the national
        layer) keeps its original shape, overlapping, with a warning (never dropped).
    """
    import numpy as np
    import shapely

    geoms = np.asarray(geoms, dtype=object)
    params = {"tolerance": float(tolerance), "gap_width": float(gap_width),
              "decimals": decimals}
    path = _cache_path(_digest(geoms, params), cache_dir) if cache else None
    if path is not None and path.exists():
        cached = _load(path, len(geoms))
        if cached is not None:
            return cached

    try:
        cleaned = shapely.coverage_clean(geoms, gap_width=gap_width)
        simplified = shapely.coverage_simplify(cleaned, tolerance, simplify_boundary=True)
    except Exception as exc:  # noqa: BLE001 - GEOS failures fall back to plain geometry
        warnings.warn(
            f"coverage cleaning failed ({exc}); the map uses the boundaries unsimplified",
            stacklevel=2,
        )
        return geoms
    if decimals is not None:
        simplified = _round_coverage(simplified, decimals)
    empty = shapely.is_empty(simplified) | shapely.is_missing(simplified)
    if empty.any():  # a unit lying wholly under a neighbour: shown as drawn in the source
        warnings.warn(
            f"{int(empty.sum())} unit(s) lie wholly under a neighbour in the boundary data; "
            f"they keep their original shape and overlap it (rows {np.flatnonzero(empty)[:10]})",
            stacklevel=2,
        )
        fallback = geoms if decimals is None else round_coordinates(geoms, decimals)
        simplified = np.where(empty, fallback, simplified)
    if path is not None:
        _save(path, simplified)
    return simplified


def _round_coverage(geoms: np.ndarray, decimals: int, rounds: int = 3) -> np.ndarray:
    """Round a valid coverage to ``decimals``, re-cleaning until it is valid again."""
    import shapely

    out = round_coordinates(geoms, decimals)
    for _ in range(rounds):
        if shapely.coverage_is_valid(out):
            return out
        try:
            out = round_coordinates(
                shapely.coverage_clean(out, gap_width=0.0, snapping_distance=10.0**-decimals),
                decimals)
        except Exception as exc:  # noqa: BLE001 - GEOS failure: keep the rounded layer
            warnings.warn(f"re-cleaning the rounded coverage failed ({exc})", stacklevel=3)
            return out
    if not shapely.coverage_is_valid(out):
        warnings.warn(f"the coverage rounded to {decimals} decimals still has invalid edges; "
                      "neighbouring communes may overlap slightly on screen", stacklevel=3)
    return out


def encode_polygons(geoms: np.ndarray, decimals: int) -> dict:
    """Encode (Multi)Polygons as delta-encoded integers with flat offsets (compact payload).

    Returns
    -------
    dict
        ``scale`` (``10**decimals``); ``coords``: flat ``[x0, y0, dx1, dy1, …]``
        integers, each ring starting absolute, its closing vertex dropped;
        ``rings``: point offset of each ring; ``polys``: ring offset of each
        polygon; ``geoms``: polygon offset of each geometry (all with a final
        end offset). :func:`decode_polygons` inverts it.
    """
    import numpy as np
    import shapely

    geoms = np.asarray(geoms, dtype=object)
    missing = shapely.is_missing(geoms)
    if missing.any():  # encoded as a geometry without rings, decoded as null
        geoms = np.where(missing, shapely.Polygon(), geoms)
    gtype, coords, offsets = shapely.to_ragged_array(geoms)
    if gtype == shapely.GeometryType.POLYGON:
        ring_off, poly_off = offsets
        geom_off = np.arange(len(geoms) + 1)
    elif gtype == shapely.GeometryType.MULTIPOLYGON:
        ring_off, poly_off, geom_off = offsets
    else:
        raise ValueError(f"expected (Multi)Polygon geometries, got {gtype.name}")
    scale = 10**decimals
    ints = np.rint(np.asarray(coords[:, :2], dtype=float) * scale).astype(np.int64)
    lengths = np.diff(ring_off)
    keep = np.ones(len(ints), dtype=bool)
    keep[ring_off[1:][lengths > 0] - 1] = False  # drop each ring's closing vertex
    kept_len = np.where(lengths > 0, lengths - 1, 0)
    new_ring_off = np.concatenate([[0], np.cumsum(kept_len)])
    ints = ints[keep]
    deltas = ints.copy()
    deltas[1:] -= ints[:-1]
    is_start = np.zeros(len(ints), dtype=bool)
    is_start[new_ring_off[:-1][kept_len > 0]] = True
    deltas[is_start] = ints[is_start]
    # drop vertices repeated by rounding (zero step); later steps stay relative to the same point
    moved = is_start | (deltas != 0).any(axis=1)
    ring_id = np.repeat(np.arange(len(kept_len)), kept_len)
    counts = np.bincount(ring_id[moved], minlength=len(kept_len))
    new_ring_off = np.concatenate([[0], np.cumsum(counts)])
    deltas = deltas[moved]
    return {"scale": scale, "coords": deltas.ravel().tolist(), "rings": new_ring_off.tolist(),
            "polys": np.asarray(poly_off).tolist(), "geoms": np.asarray(geom_off).tolist()}


def decode_polygons(enc: dict) -> list[dict]:
    """Decode :func:`encode_polygons` output to GeoJSON geometry dicts (closed rings, or None)."""
    import numpy as np

    scale = float(enc["scale"])
    pts = np.asarray(enc["coords"], dtype=np.int64).reshape(-1, 2)
    rings = enc["rings"]
    decoded = []
    for r in range(len(rings) - 1):
        block = np.cumsum(pts[rings[r] : rings[r + 1]], axis=0) / scale
        ring = block.tolist()
        if ring:
            ring.append(ring[0])
        decoded.append(ring)
    polys = [decoded[enc["polys"][p] : enc["polys"][p + 1]] for p in range(len(enc["polys"]) - 1)]
    out = []
    g = enc["geoms"]
    for i in range(len(g) - 1):
        parts = [p for p in polys[g[i] : g[i + 1]] if p]
        if not parts:
            out.append(None)
        elif len(parts) == 1:
            out.append({"type": "Polygon", "coordinates": parts[0]})
        else:
            out.append({"type": "MultiPolygon", "coordinates": parts})
    return out
