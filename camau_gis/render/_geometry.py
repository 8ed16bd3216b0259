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
import math
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._caches import read_entry, write_entry
from ..i18n import Msg
from ._geocache import CACHE_VERSION, cache_file, geometry_key, load_geometries, save_geometries

if TYPE_CHECKING:
    import numpy as np

#: Web-Mercator tile size in pixels.
TILE_SIZE = 256
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
        Default :func:`camau_gis.settings.derived_dir`.

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
    path = cache_file("coverage", geometry_key(geoms, params), cache_dir) if cache else None
    if path is not None and path.exists():
        cached = load_geometries(path, len(geoms))
        if cached is not None:
            return cached

    from .._progress import step

    try:
        with step("coverage", f"({len(geoms):,})"):
            cleaned = shapely.coverage_clean(geoms, gap_width=gap_width)
            simplified = shapely.coverage_simplify(cleaned, tolerance, simplify_boundary=True)
    except Exception as exc:  # noqa: BLE001 - GEOS failures fall back to plain geometry
        warnings.warn(Msg("geo_clean_failed", exc=exc), stacklevel=2)
        return geoms
    if decimals is not None:
        simplified = _round_coverage(simplified, decimals)
    empty = shapely.is_empty(simplified) | shapely.is_missing(simplified)
    if empty.any():  # a unit lying wholly under a neighbour: shown as drawn in the source
        warnings.warn(Msg("geo_under_neighbour", n=int(empty.sum()),
                          rows=str(np.flatnonzero(empty)[:10])), stacklevel=2)
        fallback = geoms if decimals is None else round_coordinates(geoms, decimals)
        simplified = np.where(empty, fallback, simplified)
    if path is not None:
        save_geometries(path, simplified)
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
            warnings.warn(Msg("geo_reclean_failed", exc=exc), stacklevel=3)
            return out
    if not shapely.coverage_is_valid(out):
        warnings.warn(Msg("geo_rounded_invalid", decimals=decimals), stacklevel=3)
    return out


def encode_polygons(geoms: np.ndarray, decimals: int, *, arrays: bool = False) -> dict:
    """Encode (Multi)Polygons as delta-encoded integers with flat offsets (compact payload).

    Parameters
    ----------
    geoms : array of shapely geometries
        (Multi)Polygons, or missing values (encoded without rings).
    decimals : int
        Coordinates become integers of ``10**decimals`` units.
    arrays : bool, default False
        Return int64 numpy arrays instead of lists (for :func:`pack_polygons`
        and :func:`border_runs`, without a round trip through Python lists).

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
    out = {"scale": scale, "coords": deltas.ravel(), "rings": new_ring_off.astype(np.int64),
           "polys": np.asarray(poly_off, dtype=np.int64),
           "geoms": np.asarray(geom_off, dtype=np.int64)}
    if not arrays:
        out.update({k: v.tolist() for k, v in out.items() if k != "scale"})
    return out


#: Value of ``packing`` in a packed encoding (see :func:`pack_polygons`).
PACKING = "varint-base64"
_OFFSETS = ("rings", "polys", "geoms")


def pack_varints(values, *, signed: bool) -> str:
    """Return integers as base64 of their LEB128 varints (zigzag first when ``signed``).

    Small numbers (the coordinate steps of a delta-encoded ring) take one or two
    bytes instead of four to eight JSON characters; the page reads them back
    with ``atob`` and one loop. :func:`unpack_varints` inverts it.
    """
    import base64

    import numpy as np

    v = np.asarray(values, dtype=np.int64).ravel()
    if signed:
        z = ((v << 1) ^ (v >> 63)).astype(np.uint64)
    else:
        if (v < 0).any():
            raise ValueError("pack_varints(signed=False) got a negative value")
        z = v.astype(np.uint64)
    if not len(z):
        return ""
    width = max(1, -(-int(z.max()).bit_length() // 7))  # bytes of the largest value
    nbytes = np.ones(len(z), dtype=np.int64)
    for k in range(1, width):
        nbytes += z >= np.uint64(1) << np.uint64(7 * k)
    # one row per value, one column per 7-bit group, continuation bit on all but its last byte
    groups = np.empty((len(z), width), dtype=np.uint8)
    for k in range(width):
        low = ((z >> np.uint64(7 * k)) & np.uint64(0x7F)).astype(np.uint8)
        groups[:, k] = np.where(nbytes - 1 > k, low | np.uint8(0x80), low)
    used = np.arange(width) < nbytes[:, None]
    return base64.b64encode(groups[used].tobytes()).decode("ascii")


def unpack_varints(text: str, *, signed: bool) -> np.ndarray:
    """Return the int64 array packed by :func:`pack_varints`."""
    import base64

    import numpy as np

    b = np.frombuffer(base64.b64decode(text), dtype=np.uint8).astype(np.uint64)
    if not len(b):
        return np.zeros(0, dtype=np.int64)
    last = b < 128
    if not last[-1]:
        raise ValueError("packed integers end inside a varint")
    owner = np.concatenate([[0], np.cumsum(last[:-1])]).astype(np.int64)
    first = np.concatenate([[0], np.flatnonzero(last[:-1]) + 1])
    k = (np.arange(len(b)) - first[owner]).astype(np.uint64)
    z = np.zeros(int(last.sum()), dtype=np.uint64)
    np.add.at(z, owner, (b & np.uint64(0x7F)) << (np.uint64(7) * k))
    if not signed:
        return z.astype(np.int64)
    return (z >> np.uint64(1)).astype(np.int64) ^ -(z & np.uint64(1)).astype(np.int64)


def pack_polygons(enc: dict) -> dict:
    """Pack :func:`encode_polygons` output for the page: base64 varints instead of JSON lists.

    ``coords`` (signed steps) and the lengths of rings, polygons and geometries
    (``rings``, ``polys``, ``geoms``: differences of the offsets) become base64
    strings; ``packing`` names the format. About 40% of the JSON size, and the
    page decodes it without building a JavaScript array of numbers.
    :func:`unpack_polygons` inverts it.
    """
    import numpy as np

    out = {"scale": enc["scale"], "packing": PACKING,
           "coords": pack_varints(enc["coords"], signed=True)}
    for name in _OFFSETS:
        out[name] = pack_varints(np.diff(np.asarray(enc[name], dtype=np.int64)), signed=False)
    return out


def unpack_polygons(enc: dict) -> dict:
    """Return the :func:`encode_polygons` dict of a packed (or already plain) encoding."""
    import numpy as np

    if enc.get("packing") is None:
        return enc
    if enc["packing"] != PACKING:
        raise ValueError(f"unknown packing {enc['packing']!r} of the compact payload; "
                         f"expected {PACKING!r} (a map from a newer camau-gis?)")
    out = {"scale": enc["scale"], "coords": unpack_varints(enc["coords"], signed=True).tolist()}
    for name in _OFFSETS:
        lengths = unpack_varints(enc[name], signed=False)
        out[name] = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64).tolist()
    return out


def decode_polygons(enc: dict) -> list[dict[str, Any] | None]:
    """Decode :func:`encode_polygons` output to GeoJSON geometry dicts (closed rings, or None).

    A packed encoding (:func:`pack_polygons`) is unpacked first.
    """
    import numpy as np

    enc = unpack_polygons(enc)
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
    out: list[dict[str, Any] | None] = []
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


def border_runs(enc: dict, groups: Sequence[Any] | np.ndarray, *, cache_dir: Path | None = None,
                use_cache: bool = True) -> dict[str, list[int]]:
    """Province outline and district borders of an encoded coverage, as runs of ring vertices.

    A border segment used by one polygon ring is on the outline; one used by
    rings of two different groups (districts) is a group border, drawn once
    (at its first use). Consecutive such segments of a ring form one run.

    Parameters
    ----------
    enc : dict
        Output of :func:`encode_polygons` (rings without their closing vertex).
    groups : array-like
        Group key (district) of each geometry, ``len(enc["geoms"]) - 1`` of them.
    cache_dir : Path, optional
        Cache folder; default ``settings.shapefiles_dir / "cache"`` (beside the
        display coverage). The result is cached under a digest of ``enc`` and
        ``groups``.
    use_cache : bool, default True
        Read and write the cache.

    Returns
    -------
    dict
        ``{"outer": [...], "inner": [...]}``, each a flat list of
        ``ring, first, last`` triples: vertices ``first..last`` (inclusive) of
        ring ``ring`` once closed (vertex ``n`` of an ``n``-vertex ring is its
        first vertex again), in the rings' order.
    """
    import numpy as np

    group_keys = [str(g) for g in groups]
    path = None
    if use_cache:
        h = hashlib.blake2b(digest_size=20)
        h.update(f"borders-v{CACHE_VERSION}".encode())
        for name in ("scale", "coords", "rings", "polys", "geoms"):
            h.update(np.asarray(enc[name], dtype=np.int64).tobytes())
        h.update("\x1f".join(group_keys).encode())
        path = cache_file("borders", h.hexdigest(), cache_dir)
        found = read_entry(path, _read_runs)
        if found is not None:
            return found
    out = _border_runs(enc, np.unique(np.asarray(group_keys, dtype=object),
                                      return_inverse=True)[1] if group_keys else np.zeros(0, int))
    write_entry(path, lambda tmp: np.savez(tmp, outer=np.asarray(out["outer"], dtype=np.int64),
                                           inner=np.asarray(out["inner"], dtype=np.int64)))
    return out


def _read_runs(path: Path) -> dict[str, list[int]]:
    import numpy as np

    with np.load(path, allow_pickle=False) as data:
        return {"outer": data["outer"].tolist(), "inner": data["inner"].tolist()}


def _border_runs(enc: dict, group_ids: np.ndarray) -> dict[str, list[int]]:
    import numpy as np

    ring_off = np.asarray(enc["rings"], dtype=np.int64)
    poly_off = np.asarray(enc["polys"], dtype=np.int64)
    geom_off = np.asarray(enc["geoms"], dtype=np.int64)
    pts = np.asarray(enc["coords"], dtype=np.int64).reshape(-1, 2)
    n_rings = len(ring_off) - 1
    lengths = np.diff(ring_off)
    empty: dict[str, list[int]] = {"outer": [], "inner": []}
    if n_rings <= 0 or len(pts) == 0:
        return empty
    ring_of_pt = np.repeat(np.arange(n_rings), lengths)
    # absolute integer vertices: cumulative sums restarted at each ring
    csum = np.cumsum(pts, axis=0)
    starts = ring_off[:-1]
    base = np.zeros((n_rings, 2), dtype=np.int64)
    base[starts > 0] = csum[starts[starts > 0] - 1]
    xy = csum - base[ring_of_pt]
    # group of each ring: ring -> polygon -> geometry
    poly_of_ring = np.repeat(np.arange(len(poly_off) - 1), np.diff(poly_off))
    geom_of_poly = np.repeat(np.arange(len(geom_off) - 1), np.diff(geom_off))
    ring_group = np.asarray(group_ids, dtype=np.int64)[geom_of_poly[poly_of_ring]]
    # segment k of a ring joins vertex k to vertex k + 1 (the last one back to vertex 0)
    nxt = np.arange(len(xy)) + 1
    ends = ring_off[1:][lengths > 0] - 1
    nxt[ends] = starts[lengths > 0]
    pkey = (xy[:, 0] + (1 << 31)).astype(np.uint64) << np.uint64(32) | (
        xy[:, 1] + (1 << 31)).astype(np.uint64)
    _, pid = np.unique(pkey, return_inverse=True)
    pid = pid.ravel().astype(np.int64)
    a, b = pid, pid[nxt]
    real = (a != b) & (lengths[ring_of_pt] > 1)
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    skey = lo * (int(pid.max()) + 1) + hi
    sid = np.full(len(xy), -1, dtype=np.int64)
    uniq, first, inv, count = np.unique(skey[real], return_index=True, return_inverse=True,
                                        return_counts=True)
    sid[real] = inv.ravel()
    g = ring_group[ring_of_pt[real]]
    gmin = np.full(len(uniq), np.iinfo(np.int64).max)
    gmax = np.full(len(uniq), -1)
    np.minimum.at(gmin, inv.ravel(), g)
    np.maximum.at(gmax, inv.ravel(), g)
    first_use = np.zeros(len(xy), dtype=bool)
    first_use[np.flatnonzero(real)[first]] = True
    # zero-length segments (a repeated vertex) neither break nor start a run
    outer = np.where(real, np.where(sid >= 0, count[np.maximum(sid, 0)] == 1, False), False)
    inner = real & first_use & (gmin[np.maximum(sid, 0)] != gmax[np.maximum(sid, 0)])
    return {"outer": _runs(outer, real, ring_of_pt, starts),
            "inner": _runs(inner, real, ring_of_pt, starts)}


def _runs(flag: np.ndarray, real: np.ndarray, ring_of: np.ndarray, starts: np.ndarray) -> list[int]:
    """Flat ``ring, first, last`` triples of the runs of flagged segments within each ring."""
    import numpy as np

    if not flag.any():
        return []
    # a zero-length segment continues a run it sits in (it adds no visible vertex)
    on = flag.copy()
    idx = np.flatnonzero(~real)
    for i in idx:  # rare: repeated vertices only
        prev_on = i > 0 and on[i - 1] and ring_of[i - 1] == ring_of[i]
        on[i] = bool(prev_on)
    prev = np.zeros(len(on), dtype=bool)
    prev[1:] = on[:-1] & (ring_of[1:] == ring_of[:-1])
    nxt = np.zeros(len(on), dtype=bool)
    nxt[:-1] = on[1:] & (ring_of[1:] == ring_of[:-1])
    run_start = np.flatnonzero(on & ~prev)
    run_end = np.flatnonzero(on & ~nxt)
    # drop runs made of zero-length segments only
    keep = np.add.reduceat(flag.astype(np.int64), run_start) > 0 if len(run_start) else run_start
    run_start, run_end = run_start[keep], run_end[keep]
    ring = ring_of[run_start]
    out = np.empty((len(ring), 3), dtype=np.int64)
    out[:, 0] = ring
    out[:, 1] = run_start - starts[ring]
    out[:, 2] = run_end - starts[ring] + 1
    return out.ravel().tolist()
