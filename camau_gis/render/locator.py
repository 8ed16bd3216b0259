"""The locator inset of static maps: southern Vietnam with the province highlighted.

The inset does not read any file: it draws a small outline of southern Vietnam
kept in this module (derived from the vietnam63 provinces, MIT), clipped to the
Mekong delta and the south-east, and the province itself from the analysed
communes. It works wherever the tool runs, with or without ``../shared``. A
national outline is deliberately not drawn: a map of Vietnam must show its
islands and archipelagos, which a locator cannot do at this size.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from ..i18n import check_lang, t

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Coastline and border of southern Vietnam (vietnam63 provinces, MIT; dissolved, clipped to
#: 103.3–107.6°E 8.0–11.8°N, simplified to 0.02°): lon,lat pairs of each polygon.
_SOUTH_VIETNAM = (
    (
        "106.21,9.48 106.16,9.35 105.83,9.24 105.48,9.08 105.42,9.03 105.33,8.83 105.27,8.77 "
        "105.18,8.74 105.12,8.64 104.83,8.56 104.73,8.59 104.71,8.64 104.80,8.66 104.78,8.70 "
        "104.81,8.75 104.78,8.82 104.85,9.70 104.89,9.84 104.96,9.85 105.09,9.98 104.99,10.10 "
        "104.89,10.09 104.76,10.22 104.71,10.21 104.65,10.14 104.60,10.14 104.57,10.27 "
        "104.53,10.28 104.48,10.38 104.44,10.37 104.44,10.42 104.50,10.41 104.59,10.53 "
        "104.87,10.52 104.96,10.64 105.10,10.72 105.03,10.89 105.08,10.96 105.12,10.95 "
        "105.10,10.92 105.34,10.86 105.43,10.97 105.50,10.95 105.78,11.03 105.86,10.90 "
        "105.85,10.86 105.94,10.84 105.94,10.92 106.07,10.81 106.19,10.79 106.14,10.91 "
        "106.15,10.98 106.20,10.98 106.15,11.10 106.10,11.07 106.02,11.14 106.01,11.19 "
        "105.94,11.21 105.91,11.28 105.86,11.28 105.87,11.40 105.90,11.45 105.88,11.46 "
        "105.88,11.55 105.82,11.57 105.81,11.62 105.88,11.68 105.95,11.64 106.02,11.77 "
        "106.19,11.75 106.30,11.67 106.37,11.70 106.45,11.67 106.41,11.77 106.43,11.80 "
        "107.60,11.80 107.60,10.58 107.51,10.50 107.33,10.45 107.26,10.38 107.17,10.40 "
        "107.08,10.32 107.06,10.38 107.10,10.42 107.05,10.48 107.00,10.48 107.01,10.52 "
        "106.97,10.41 106.88,10.38 106.86,10.41 106.84,10.36 106.82,10.39 106.78,10.38 "
        "106.75,10.26 106.80,10.21 106.79,10.10 106.66,9.97 106.64,9.94 106.69,9.88 106.58,9.76 "
        "106.56,9.62 106.49,9.55 106.34,9.54 106.21,9.48 "
    ),
    (
        "103.86,10.30 103.84,10.38 103.92,10.36 103.98,10.45 104.06,10.40 104.08,10.24 "
        "104.02,10.08 104.05,10.01 104.01,10.01 103.99,10.05 103.94,10.25 103.86,10.30 "
    ),
    (
        "106.56,8.68 106.66,8.76 106.67,8.75 106.64,8.72 106.66,8.69 106.60,8.68 106.61,8.64 "
        "106.56,8.68 "
    ),
)

#: Reference city in the inset (lon, lat); its name is the label ``locator_city``.
_REFERENCE_CITY = (106.70, 10.78)


def south_vietnam_outline() -> list[list[tuple[float, float]]]:
    """Return the inset's outline of southern Vietnam as lists of (lon, lat) rings."""
    rings = []
    for text in _SOUTH_VIETNAM:
        ring = []
        for pair in text.split():
            lon, lat = pair.split(",")
            ring.append((float(lon), float(lat)))
        rings.append(ring)
    return rings


_outline_cache: dict[tuple[int, float], tuple[Any, list[Any]]] = {}


def inset_outlines(geom: Any, tolerance: float) -> list[Any]:
    """Exterior rings of a (multi)polygon simplified by ``tolerance``, as (n, 2) arrays.

    Computed in one vectorised pass and kept for the last geometry drawn
    (every map of a run draws the same locator outline).
    """
    import numpy as np
    import shapely

    key = (id(geom), round(float(tolerance), 9))
    hit = _outline_cache.get(key)
    if hit is not None and hit[0] is geom:
        return hit[1]
    parts = shapely.get_parts(np.asarray([geom], dtype=object))
    parts = parts[(shapely.get_type_id(parts) == 3) & ~shapely.is_empty(parts)]  # polygons
    rings = shapely.simplify(shapely.get_exterior_ring(parts), tolerance)
    coords, index = shapely.get_coordinates(rings, return_index=True)
    cuts = np.flatnonzero(index[1:] != index[:-1]) + 1
    outlines = np.split(coords, cuts) if len(coords) else []
    _outline_cache.clear()
    _outline_cache[key] = (geom, outlines)
    return outlines


def add_inset(
    fig: Figure,
    rect: tuple[float, float, float, float],
    province: Any,
    *,
    lang: str | None = None,
    title: str | None = None,
    fontsize: float = 6,
) -> Axes:
    """Add a locator inset of southern Vietnam with the province highlighted.

    Parameters
    ----------
    fig : Figure
        Figure to draw on.
    rect : tuple of float
        ``(left, bottom, width, height)`` in figure fraction.
    province : shapely geometry
        The province outline in EPSG:4326 (e.g. the union of its communes).
    lang : {"vi", "en"}
        Language of the reference-city label.
    title : str, optional
        Title above the inset.
    fontsize : float
        Text size in points.

    Returns
    -------
    Axes
    """
    from matplotlib.collections import PolyCollection
    from matplotlib.patches import Polygon, Rectangle

    from .palette import LAND, LOCATOR_PROVINCE, WATER

    lang = check_lang(lang)
    ax = fig.add_axes(rect)
    ax.set_facecolor(WATER)
    for ring in south_vietnam_outline():
        ax.add_patch(Polygon(ring, closed=True, facecolor=LAND, edgecolor="#888888", linewidth=0.4))
    minx, miny, maxx, maxy = province.bounds
    x0, x1 = min(103.3, minx - 0.3), max(107.6, maxx + 0.3)
    y0, y1 = min(8.0, miny - 0.3), max(11.8, maxy + 0.3)
    # one collection for all parts (a country-wide "province" has hundreds of islands),
    # simplified to half a pixel at 300 dpi on the inset (the width it gets at most)
    tolerance = (x1 - x0) / (rect[2] * fig.get_size_inches()[0]) * 0.5 / 300
    outlines = inset_outlines(province, tolerance)
    if outlines:
        ax.add_collection(
            PolyCollection(
                outlines,
                closed=True,
                facecolors=LOCATOR_PROVINCE,
                edgecolors=LOCATOR_PROVINCE,
                linewidths=0.3,
                joinstyle="miter",
                capstyle="butt",
                zorder=3,
            ),
            autolim=False,
        )
    pad = 0.12
    ax.add_patch(
        Rectangle(
            (minx - pad, miny - pad),
            maxx - minx + 2 * pad,
            maxy - miny + 2 * pad,
            fill=False,
            edgecolor="#1A1A1A",
            linewidth=0.6,
            zorder=4,
        )
    )
    lon, lat = _REFERENCE_CITY
    ax.plot([lon], [lat], marker="o", markersize=2.5, color="#1A1A1A", zorder=5)
    ax.text(
        lon - 0.08,
        lat + 0.08,
        t("locator_city", lang),
        fontsize=fontsize,
        color="#1A1A1A",
        ha="right",
        va="bottom",
        zorder=5,
    )
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect(1.0 / math.cos(math.radians((y0 + y1) / 2)), adjustable="box", anchor="SW")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_linewidth(0.6)
    if title:
        ax.set_title(title, fontsize=fontsize + 1, pad=2)
    return ax
