"""Layer geometry and drawing primitives of the static maps.

The layers that depend only on the boundary file (locator outline, district
outlines, label circles, print geometry) computed once per file and cached
(:mod:`camau_gis.render._geocache`), and the matplotlib primitives that draw them:
polygons as one path collection, lines, hatches, labels and their colours.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .captions import commune_label

if TYPE_CHECKING:
    import geopandas as gpd
    from matplotlib.axes import Axes

    from ..analysis.result import Analysis


_layer_cache: dict[int, tuple[Any, dict[str, Any]]] = {}


def _close_district(geom: Any, tol: float = 60.0, min_hole: float = 2e6) -> Any:
    """Close slivers between communes of one district and drop small holes."""
    from shapely.geometry import MultiPolygon, Polygon

    closed = geom.buffer(tol).buffer(-tol)
    parts = getattr(closed, "geoms", [closed])
    fixed = [
        Polygon(p.exterior, [r for r in p.interiors if Polygon(r).area >= min_hole])
        for p in parts
        if p.geom_type == "Polygon" and not p.is_empty
    ]
    return fixed[0] if len(fixed) == 1 else MultiPolygon(fixed)


#: Version of the static maps' cached layers (``static_<key>.npz``); bump to rebuild them.
LAYER_CACHE_VERSION = 1


def layers(
    communes: gpd.GeoDataFrame, *, cache: bool = True, cache_dir: Path | None = None
) -> dict[str, Any]:
    """Metric-CRS layers every static map draws, cached per commune table and on disk.

    The costly parts (the locator outline, a union of every commune; the
    closed district outlines; the label circles) are computed once per
    boundary file and kept in ``settings.shapefiles_dir / "cache"`` as
    ``static_<key>.npz``, keyed by the SHA-256 of the communes' geometries,
    their district names and the metric CRS (the cache of the HTML map's
    display coverage, :mod:`camau_gis.render._geocache`). Within a process the
    result is also kept in memory for the last table mapped.

    Parameters
    ----------
    communes : GeoDataFrame
        Canonical commune table (EPSG:4326; a missing CRS is taken as 4326).
    cache : bool, default True
        Read and write the disk cache.
    cache_dir : Path, optional
        Cache folder; default ``settings.shapefiles_dir / "cache"``.

    Returns
    -------
    dict
        ``communes`` (metric GeoDataFrame with ``lab_x``, ``lab_y``,
        ``lab_r``: centre and radius of the largest inscribed circle),
        ``districts`` (one closed polygon per district with its label point),
        ``province`` (EPSG:4326 outline for the inset), ``crs``, ``cache_file``
        (the disk cache used, or None), ``cache`` (its key and folder, for
        :func:`display_geometry`).
    """
    cached = _layer_cache.get(id(communes))
    if cached is not None and cached[0] is communes:
        return cached[1]
    import hashlib

    import geopandas as gpd
    import numpy as np
    import shapely

    from .. import settings
    from . import _geocache

    src = communes if communes.crs is not None else communes.set_crs(settings.default_crs)
    metric = src.to_crs(settings.metric_crs)
    groups = metric.groupby(["district", "dist_short"], sort=True)
    positions = dict(sorted(groups.indices.items()))  # district -> row positions
    names = list(positions)
    members = [np.asarray(idx, dtype=np.int64) for idx in positions.values()]
    n, k = len(metric), len(names)
    # the key: the file's geometries, its district names and the metric CRS
    h = hashlib.sha256("\x1f".join(f"{d}\x1e{s}" for d, s in names).encode())
    for idx in members:
        h.update(idx.tobytes() + b"|")
    key = _geocache.geometry_key(
        src.geometry.values,
        {
            "what": "static-layers",
            "version": LAYER_CACHE_VERSION,
            "crs": src.crs.to_json(),  # the same for a CRS read back from a cache (PROJJSON)
            "metric_crs": str(settings.metric_crs),
            "districts": h.hexdigest(),
        },
    )

    def compute() -> list[Any]:
        geoms = metric.geometry.values.to_numpy()
        circles = shapely.maximum_inscribed_circle(geoms)
        outlines = [_close_district(shapely.union_all(geoms[idx])) for idx in members]
        district_circles = shapely.maximum_inscribed_circle(np.asarray(outlines, dtype=object))
        province = shapely.union_all(src.to_crs(settings.default_crs).geometry.values)
        return [*circles, *outlines, *district_circles, province]

    derived = _geocache.cached_geometries(
        "static", key, n + 2 * k + 1, compute, cache=cache, cache_dir=cache_dir
    )
    circles, outlines = derived[:n], derived[n : n + k]
    centres = shapely.get_point(circles, 0)
    metric = metric.assign(
        lab_x=shapely.get_x(centres), lab_y=shapely.get_y(centres), lab_r=shapely.length(circles)
    )
    district_centres = shapely.get_point(derived[n + k : n + 2 * k], 0)
    districts = gpd.GeoDataFrame(
        {
            "district": [d for d, _ in names],
            "dist_short": [s for _, s in names],
            "n": [len(idx) for idx in members],
            "lab_x": shapely.get_x(district_centres),
            "lab_y": shapely.get_y(district_centres),
        },
        geometry=list(outlines),
        crs=metric.crs,
    )
    out = {
        "communes": metric,
        "districts": districts,
        "province": derived[-1],
        "crs": metric.crs,
        "cache_file": _geocache.cache_file("static", key, cache_dir) if cache else None,
        "cache": (key, cache_dir) if cache else None,
    }
    _layer_cache.clear()  # keep one table: the cache is for the maps of one run
    _layer_cache[id(communes)] = (communes, out)
    return out


def _ranks(result: Analysis) -> dict[str, int]:
    """GSO code -> priority rank of uncovered communes (order of the table if no ``rank``)."""
    unc = result.uncovered
    if unc is None or len(unc) == 0 or "gso_code" not in unc:
        return {}
    ranks = unc["rank"] if "rank" in unc else range(1, len(unc) + 1)
    return {str(code): int(r) for code, r in zip(unc["gso_code"], ranks, strict=True)}


def add_hatch(ax: Axes, paths: list[Any], scale: float = 1.0) -> Any:
    """Draw :data:`palette.HATCH` over ``paths`` (no fill, no outline)."""
    from matplotlib.collections import PathCollection

    from . import palette

    coll = PathCollection(paths, facecolors="none", edgecolors=palette.HATCH_COLOR,
                          linewidths=0, hatch=palette.HATCH, zorder=1.5)
    if hasattr(coll, "set_hatch_linewidth"):  # matplotlib >= 3.10; else rcParams
        coll.set_hatch_linewidth(0.45 * scale)
    ax.add_collection(coll, autolim=False)
    return coll


def _label_items(
    result: Analysis, metric: Any, kind: str, lang: str
) -> list[tuple[str, float, float, Any, float, str, str]]:
    """Label candidates ``(text, x, y, geometry, radius, district, code)``, roomiest first.

    A short name that two unit types share in the table (a xã and a phường
    both called "Tân Thành") carries the type's abbreviation: "X. Tân Thành",
    "P. Tân Thành" (:func:`camau_gis.render.captions.typed_label`).
    """
    from .captions import shared_names, typed_label

    ranks = _ranks(result) if kind == "priority" else {}
    shared = shared_names(result.communes)
    order = metric["lab_r"].to_numpy().argsort()[::-1]  # roomiest first
    names = metric["short_name"].to_numpy()[order]
    types = metric["unit_type"].to_numpy()[order]
    codes = metric["gso_code"].to_numpy()[order]
    dists = metric["district"].fillna("").astype(str).to_numpy()[order]
    xs = metric["lab_x"].to_numpy(dtype=float)[order]
    ys = metric["lab_y"].to_numpy(dtype=float)[order]
    rs = metric["lab_r"].to_numpy(dtype=float)[order]
    geoms = metric.geometry.values.to_numpy()[order]
    items = []
    for name, unit, code, dist, x, y, r, geom in zip(
        names, types, codes, dists, xs, ys, rs, geoms, strict=True
    ):
        # only numbered wards get a short form: skip the pattern for the other units
        text = commune_label(str(name), str(unit), lang) if unit == "phường" else str(name)
        if str(name) in shared:
            text = typed_label(text, str(unit), lang)
        if kind == "priority":
            rank = ranks.get(str(code))
            if rank is None:
                continue
            text = f"{rank}. {text}"
        items.append((text, float(x), float(y), geom, float(r), dist, str(code)))
    return items


#: Relative luminance of a fill below which its label is written in white.
DARK_FILL = 0.2


def label_colors(items: list[Any], metric: Any, face_index: Any, lut: Any) -> list[str]:
    """Text colour of each label item: white on a dark fill (top priority), else dark."""
    import numpy as np

    from . import palette

    # luminance of each class colour once; a label's fill is its commune's class (white if none)
    rgb = np.asarray(lut, dtype=float)[:, :3]
    dark = (rgb**2.2 @ np.array([0.2126, 0.7152, 0.0722])) < DARK_FILL
    dark_row = dark[np.asarray(face_index)]
    row = dict(zip(metric["gso_code"].astype(str), dark_row.tolist(), strict=True))
    return ["#FFFFFF" if len(item) > 6 and row.get(item[6], False) else palette.TEXT
            for item in items]


def polygon_paths(geoms: Any) -> list[Any]:
    """Matplotlib paths of (multi)polygons, one compound path per geometry, built vectorised.

    Equivalent to ``shapely.plotting.patch_from_polygon(g).get_path()`` for
    each geometry (rings oriented, exterior counter-clockwise, holes
    clockwise; each ring a MOVETO then LINETOs), without a Python loop over
    rings. An empty geometry gives an empty path.

    Parameters
    ----------
    geoms : array-like of shapely (Multi)Polygon

    Returns
    -------
    list of matplotlib.path.Path
    """
    import numpy as np
    from matplotlib.path import Path

    coords, codes, bounds = _polygon_arrays(geoms)
    return [
        Path(coords[a:b], codes[a:b]) if b > a else Path(np.zeros((0, 2)))
        for a, b in zip(bounds[:-1], bounds[1:], strict=True)
    ]


def _polygon_arrays(geoms: Any) -> tuple[Any, Any, Any]:
    """Vertices and path codes of (multi)polygons, all geometries in one pair of arrays.

    Returns
    -------
    coords : numpy.ndarray
        ``(n, 2)`` vertices, rings oriented as in :func:`polygon_paths`.
    codes : numpy.ndarray
        Matplotlib path code of each vertex (MOVETO at each ring's start).
    bounds : numpy.ndarray
        Vertices of geometry ``i`` are ``coords[bounds[i]:bounds[i + 1]]``.
    """
    import numpy as np
    import shapely
    from matplotlib.path import Path

    geoms = shapely.orient_polygons(np.asarray(geoms, dtype=object))
    parts, part_of = shapely.get_parts(geoms, return_index=True)
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    coords, coord_ring = shapely.get_coordinates(rings, return_index=True)
    coords = np.ascontiguousarray(coords[:, :2], dtype=float)
    codes = np.full(len(coords), Path.LINETO, dtype=Path.code_type)
    starts: Any = (np.flatnonzero(np.r_[True, coord_ring[1:] != coord_ring[:-1]]) if len(coords)
                   else [])
    codes[starts] = Path.MOVETO
    geom_of = part_of[ring_part[coord_ring]]
    bounds = np.searchsorted(geom_of, np.arange(len(geoms) + 1))
    return coords, codes, bounds


def add_polygons(
    ax: Axes,
    geoms: Any,
    facecolors: list[str],
    *,
    edgecolor: str,
    linewidth: float,
    zorder: float = 1,
    paths: list[Any] | None = None,
) -> Any:
    """Draw (multi)polygons with holes as one PathCollection (one face colour per path).

    Paths come from :func:`polygon_paths` (vectorised; the national layer's
    11,163 communes in a fraction of a second) unless ``paths`` (the same
    paths, precomputed for ``geoms``) is given.
    """
    from matplotlib.collections import PathCollection

    coll = PathCollection(
        polygon_paths(geoms) if paths is None else paths,
        facecolors=facecolors,
        edgecolors=edgecolor,
        linewidths=linewidth,
        zorder=zorder,
        joinstyle="bevel",  # thin outlines: as round to the eye, cheaper to stroke
    )
    ax.add_collection(coll, autolim=False)
    return coll


def boundary_path(geoms: Any) -> Any:
    """One compound matplotlib Path of the rings of (multi)polygons (each a MOVETO, then LINETOs).

    Parameters
    ----------
    geoms : array-like of shapely (Multi)Polygon

    Returns
    -------
    matplotlib.path.Path
        Every ring of every geometry, in order, as one path (an empty path
        when there is none).
    """
    import numpy as np
    import shapely
    from matplotlib.path import Path

    parts = shapely.get_parts(shapely.boundary(np.asarray(geoms, dtype=object)))
    coords, index = shapely.get_coordinates(parts, return_index=True)
    if not len(coords):
        return Path(np.zeros((0, 2)))
    codes = np.full(len(coords), Path.LINETO, dtype=Path.code_type)
    codes[np.r_[0, np.flatnonzero(index[1:] != index[:-1]) + 1]] = Path.MOVETO
    return Path(np.ascontiguousarray(coords[:, :2], dtype=float), codes)


def add_lines(
    ax: Axes,
    geoms: Any,
    *,
    color: str,
    linewidth: float,
    zorder: float = 3,
    linestyle: Any = "solid",
    path: Any = None,
) -> Any:
    """Draw the boundaries of polygons as one stroked compound path (one collection, no fill).

    ``path`` is :func:`boundary_path` of ``geoms``, when already built
    (e.g. cached per print tolerance).
    """
    from matplotlib.collections import PathCollection

    coll = PathCollection(
        [boundary_path(geoms) if path is None else path],
        facecolors="none",
        edgecolors=color,
        linewidths=linewidth,
        zorder=zorder,
        capstyle="round",
        joinstyle="round",
        linestyles=linestyle,
    )
    ax.add_collection(coll, autolim=False)
    return coll


def _fit_limits(ax: Axes, bounds: Iterable[float], pad: float = 0.03) -> None:
    """Set limits showing ``bounds`` with equal scale, filling the axes box."""
    minx, miny, maxx, maxy = bounds
    w, h = maxx - minx, maxy - miny
    minx, maxx, miny, maxy = minx - w * pad, maxx + w * pad, miny - h * pad, maxy + h * pad
    box = ax.get_position(original=True)
    fw, fh = ax.figure.get_size_inches()  # type: ignore[union-attr]
    box_ratio = (box.width * fw) / (box.height * fh)
    w, h = maxx - minx, maxy - miny
    if w / h < box_ratio:
        extra = (h * box_ratio - w) / 2
        minx, maxx = minx - extra, maxx + extra
    else:
        extra = (w / box_ratio - h) / 2
        miny, maxy = miny - extra, maxy + extra
    ax.set_xlim(minx, maxx)
    ax.set_ylim(miny, maxy)
    ax.set_aspect("equal", adjustable="box")
    ax.set_position(box)  # reset the active position an earlier aspect pass may have shrunk
    ax.apply_aspect()


#: Largest shift of a drawn vertex, in inches on the page: half a pixel at 300 dpi.
PRINT_TOLERANCE_IN = 0.5 / 300


def print_tolerance(ax: Axes) -> float:
    """Map units per :data:`PRINT_TOLERANCE_IN` on the page, for axes with final limits."""
    x0, x1 = ax.get_xlim()
    width_in = ax.get_position().width * ax.figure.get_size_inches()[0]  # type: ignore[union-attr]
    return abs(x1 - x0) / width_in * PRINT_TOLERANCE_IN


def display_geometry(lay: dict[str, Any], name: str, tolerance: float) -> Any:
    """Geometries of layer ``name`` simplified for print, cached per tolerance.

    Each polygon is simplified with ``preserve_topology=True`` so no vertex
    moves more than ``tolerance`` (:func:`print_tolerance`: half a pixel at
    300 dpi). Neighbours may then part or overlap by at most a pixel, which
    the commune outlines (0.35 pt, about 1.5 px at 300 dpi) cover, so the
    map looks the same while the national layer draws several times faster
    (district outlines, made by buffering, lose ~95% of their vertices).
    Labels still use the exact geometries.

    The tolerance is first rounded down to a step of a quarter octave
    (:func:`snap_tolerance`), so maps of one page size share one result,
    which is also kept in the layers' disk cache (``static_display_<key>.npz``,
    keyed by the boundary file's hash, the layer and the tolerance).

    Parameters
    ----------
    lay : dict
        What :func:`layers` returned.
    name : {"communes", "districts"}
        Layer.
    tolerance : float
        Distance in map units (metres).

    Returns
    -------
    numpy.ndarray of shapely geometries
        Same order as the layer's rows.
    """
    import hashlib

    import shapely

    from . import _geocache

    cache = lay.setdefault("display", {})
    tolerance = snap_tolerance(tolerance)
    key = (name, tolerance)
    if key not in cache:
        geoms = lay[name].geometry.values.to_numpy()

        def compute() -> Any:
            return shapely.simplify(geoms, tolerance, preserve_topology=True)

        disk = lay.get("cache")
        if disk is None:
            cache[key] = compute()
        else:
            file_key = hashlib.sha256(f"{disk[0]}|{name}|{tolerance!r}".encode()).hexdigest()
            cache[key] = _geocache.cached_geometries(
                "static_display", file_key, len(geoms), compute, cache_dir=disk[1]
            )
    return cache[key]


def snap_tolerance(tolerance: float) -> float:
    """Round a simplification tolerance down to a power of 2**(1/4) (at most 16% smaller)."""
    import math

    if not tolerance > 0:
        return 0.0
    return 2.0 ** (math.floor(math.log2(tolerance) * 4 + 1e-9) / 4)


def display_paths(lay: dict[str, Any], tolerance: float) -> list[Any]:
    """Matplotlib paths of the communes' :func:`display_geometry`, cached per tolerance."""
    cache = lay.setdefault("display", {})
    key = ("paths", snap_tolerance(tolerance))
    if key not in cache:
        cache[key] = polygon_paths(display_geometry(lay, "communes", tolerance))
    return cache[key]


def display_lines(lay: dict[str, Any], name: str, tolerance: float, mask: Any = None) -> Any:
    """:func:`boundary_path` of the :func:`display_geometry` of ``name`` (rows ``mask``), cached."""
    import hashlib

    import numpy as np

    cache = lay.setdefault("display", {})
    digest = None if mask is None else hashlib.blake2b(
        np.packbits(np.asarray(mask, dtype=bool)).tobytes(), digest_size=16).hexdigest()
    key = ("lines", name, snap_tolerance(tolerance), digest)
    if key not in cache:
        geoms = display_geometry(lay, name, tolerance)
        cache[key] = boundary_path(geoms if mask is None else geoms[np.asarray(mask, dtype=bool)])
    return cache[key]
