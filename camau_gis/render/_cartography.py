"""Map furniture for static maps: scale bar, north arrow, locator inset, label placement.

Every function draws on a matplotlib Axes whose data are in a metric CRS
(metres), so the scale bar needs no conversion. Text is drawn without path
effects so SVG and PDF output keep it as selectable text.

The locator inset does not read any file: it draws a small outline of southern
Vietnam kept in this module (derived from the vietnam63 provinces, MIT), clipped
to the Mekong delta and the south-east, and the province itself from the
analysed communes. It works wherever the tool runs, with or without
``../shared``. A national outline is deliberately not drawn: a map of Vietnam
must show its islands and archipelagos, which a locator cannot do at this size.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..i18n import check_lang

if TYPE_CHECKING:
    from collections.abc import Iterator

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

#: Reference city in the inset: (lon, lat, vi, en).
_REFERENCE_CITY = (106.70, 10.78, "TP. Hồ Chí Minh", "Ho Chi Minh City")


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


def add_scalebar(ax: Axes, *, fontsize: float = 7, location: str = "lower left") -> Any:
    """Add a scale bar in km/m to an Axes whose data units are metres.

    Parameters
    ----------
    ax : Axes
        Map axes in a metric CRS.
    fontsize : float
        Size of the scale label, in points.
    location : str
        Matplotlib location code.

    Returns
    -------
    matplotlib_scalebar.scalebar.ScaleBar
    """
    from matplotlib_scalebar.scalebar import ScaleBar

    bar = ScaleBar(
        1.0,
        "m",
        location=location,
        length_fraction=0.25,
        box_alpha=0.75,
        font_properties={"size": fontsize},
        border_pad=0.6,
        sep=2,
        width_fraction=0.008,
    )
    ax.add_artist(bar)
    return bar


def north_angle(crs: Any, lon: float, lat: float) -> float:
    """Angle in degrees (counter-clockwise from the page's up) of true north at a point.

    Parameters
    ----------
    crs : pyproj CRS or str
        The projected CRS the map is drawn in.
    lon, lat : float
        The point (usually the map centre), in degrees.
    """
    from pyproj import Transformer

    tr = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    x0, y0 = tr.transform(lon, lat)
    x1, y1 = tr.transform(lon, lat + 0.01)
    return math.degrees(math.atan2(-(x1 - x0), y1 - y0))


def add_north_arrow(
    ax: Axes,
    *,
    letter: str = "N",
    angle: float = 0.0,
    xy: tuple[float, float] = (0.93, 0.90),
    length: float = 0.07,
    fontsize: float = 10,
) -> None:
    """Draw a north arrow in axes coordinates, rotated by ``angle`` degrees.

    Parameters
    ----------
    ax : Axes
        Map axes.
    letter : str
        Letter above the arrow ("N", Vietnamese "B" for Bắc).
    angle : float
        Rotation of true north from the page's up, counter-clockwise, degrees.
    xy : tuple of float
        Arrow tip position in axes fraction.
    length : float
        Arrow length as a fraction of the axes height.
    fontsize : float
        Letter size in points.
    """
    from matplotlib.patches import FancyArrowPatch

    a = math.radians(angle)
    bbox = ax.get_position(original=True)
    fig_w, fig_h = ax.figure.get_size_inches()  # type: ignore[union-attr]  # a Figure here
    aspect = (bbox.height * fig_h) / (bbox.width * fig_w)  # axes-fraction x per y
    dx = -math.sin(a) * length * aspect
    dy = math.cos(a) * length
    tip = xy
    tail = (xy[0] - dx, xy[1] - dy)
    arrow = FancyArrowPatch(
        tail,
        tip,
        transform=ax.transAxes,
        arrowstyle="simple,head_length=1.2,head_width=1.0,tail_width=0.35",
        mutation_scale=fontsize * 1.2,
        color="#1A1A1A",
        zorder=20,
    )
    ax.add_patch(arrow)
    ax.text(
        tip[0] + dx * 0.25,
        tip[1] + dy * 0.25 + 0.005,
        letter,
        transform=ax.transAxes,
        ha="center",
        va="bottom",
        fontsize=fontsize,
        fontweight="bold",
        color="#1A1A1A",
        zorder=20,
    )


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
    lon, lat, vi, en = _REFERENCE_CITY
    ax.plot([lon], [lat], marker="o", markersize=2.5, color="#1A1A1A", zorder=5)
    ax.text(
        lon - 0.08,
        lat + 0.08,
        en if lang == "en" else vi,
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


# --------------------------------------------------------------------------
# Label placement
# --------------------------------------------------------------------------

#: Leader-line candidate offsets (points): directions x distances.
_DIRECTIONS = ((1, 0), (-1, 0), (1, 1), (-1, 1), (1, -1), (-1, -1), (0, 1), (0, -1))
_DISTANCES = (10, 18, 28, 40, 54)
#: Inside-polygon alternatives to the label anchor, in units of the inscribed radius.
_NUDGES = ((0.0, 0.5), (0.0, -0.5), (0.5, 0.0), (-0.5, 0.0), (0.0, 0.9), (0.0, -0.9))


@dataclass
class LabelPlacement:
    """Outcome of :func:`place_labels`.

    Attributes
    ----------
    inside : list of str
        Labels placed inside their polygon.
    leader : list of str
        Labels placed beside a small polygon with a leader line.
    omitted : list of str
        Labels left out because no free position was found.
    boxes : list
        Display-space bounding boxes of every placed label (for checks).
    skipped : list of str
        Labels not tried because their polygon is smaller on the page than
        ``min_room`` (see :func:`place_labels`): too small for the map scale.
    lines : list
        Display-space leader lines ``((x0, y0), (x1, y1))``, none crossing a label.
    """

    inside: list[str] = field(default_factory=list)
    leader: list[str] = field(default_factory=list)
    omitted: list[str] = field(default_factory=list)
    boxes: list[Any] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    lines: list[Any] = field(default_factory=list)


class _BoxGrid:
    """Display-space boxes bucketed in a uniform grid, for fast overlap queries.

    Parameters
    ----------
    cell : float
        Cell size in pixels (about the size of a label).
    """

    def __init__(self, cell: float) -> None:
        self.cell = max(float(cell), 1.0)
        self.cells: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}

    def _keys(self, x0: float, y0: float, x1: float, y1: float) -> Iterator[tuple[int, int]]:
        c = self.cell
        for i in range(math.floor(x0 / c), math.floor(x1 / c) + 1):
            for j in range(math.floor(y0 / c), math.floor(y1 / c) + 1):
                yield i, j

    def add(self, x0: float, y0: float, x1: float, y1: float) -> None:
        """Store a box."""
        for key in self._keys(x0, y0, x1, y1):
            self.cells.setdefault(key, []).append((x0, y0, x1, y1))

    def hits(self, x0: float, y0: float, x1: float, y1: float, gap: float) -> bool:
        """Return True if a stored box comes closer than ``gap`` to the box."""
        a0, b0, a1, b1 = x0 - gap, y0 - gap, x1 + gap, y1 + gap
        for key in self._keys(a0, b0, a1, b1):
            for bx0, by0, bx1, by1 in self.cells.get(key, ()):
                if bx0 < a1 and bx1 > a0 and by0 < b1 and by1 > b0:
                    return True
        return False

    def crossed(self, p: tuple[float, float], q: tuple[float, float], gap: float) -> bool:
        """Return True if the segment ``p``-``q`` passes through a stored box (grown by ``gap``)."""
        x0, x1 = sorted((p[0], q[0]))
        y0, y1 = sorted((p[1], q[1]))
        seen: set[tuple[float, float, float, float]] = set()
        for key in self._keys(x0 - gap, y0 - gap, x1 + gap, y1 + gap):
            for box in self.cells.get(key, ()):
                if box not in seen:
                    seen.add(box)
                    b = (box[0] - gap, box[1] - gap, box[2] + gap, box[3] + gap)
                    if segment_hits_box(p, q, b):
                        return True
        return False


def segment_hits_box(
    p: tuple[float, float], q: tuple[float, float], box: tuple[float, float, float, float]
) -> bool:
    """Whether the segment ``p``-``q`` meets the box ``(x0, y0, x1, y1)`` (Liang-Barsky clip)."""
    (px, py), (qx, qy) = p, q
    dx, dy = qx - px, qy - py
    t0, t1 = 0.0, 1.0
    for edge_p, edge_q in ((-dx, px - box[0]), (dx, box[2] - px), (-dy, py - box[1]),
                           (dy, box[3] - py)):
        if edge_p == 0:
            if edge_q < 0:
                return False
            continue
        r = edge_q / edge_p
        if edge_p < 0:
            t0 = max(t0, r)
        else:
            t1 = min(t1, r)
        if t0 > t1:
            return False
    return True


def two_lines(text: str) -> str | None:
    """Split a label of several words into two balanced lines, or None for one word."""
    words = text.split()
    if len(words) < 2:
        return None
    best = min(
        range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:])))
    )
    return " ".join(words[:best]) + "\n" + " ".join(words[best:])


def place_labels(
    ax: Axes,
    items: list[tuple[Any, ...]],
    *,
    fontsize: float = 6,
    color: str = "#1A1A1A",
    avoid: list[Any] | None = None,
    leader: bool = True,
    pad: float = 1.5,
    min_room: float = 0.0,
    colors: list[str] | None = None,
    dry_run: bool = False,
) -> LabelPlacement:
    """Place labels without overlap: inside polygons, else with a leader line, else omit.

    Greedy placement in the given order (put large polygons first): a label
    goes at its anchor (or a nudged spot nearby) when the middle of its box
    lies inside the polygon and it overlaps no placed label; one-line and
    two-line forms are tried. Otherwise it is tried at increasing offsets in
    eight directions with a thin leader line back to the anchor; if no
    position is free it is omitted (and listed as such). Text boxes are
    measured with the renderer's font metrics (each distinct line once), so
    only placed labels become artists; placed boxes are kept in a grid, so
    each test looks at nearby labels only.

    Parameters
    ----------
    ax : Axes
        Map axes with final limits (placement uses display coordinates).
    items : list of (text, x, y, geometry[, radius])
        Label, anchor in data coordinates, polygon in data coordinates and,
        optionally, the radius of room around the anchor: nudged positions
        within it are tried before a leader line.
    fontsize : float
        Text size in points.
    color : str
        Text colour.
    avoid : list of Bbox, optional
        Display-space boxes already occupied (district names…).
    leader : bool
        Allow leader lines for labels that do not fit inside their polygon.
    pad : float
        Minimum gap between labels, in points.
    dry_run : bool
        Only find out what would be placed and omitted: no artist is added.
    colors : list of str, optional
        Text colour of each item inside its polygon (white on dark fills);
        leader-line labels, outside, use ``color``.
    min_room : float
        Radius of room (the item's fifth element, shown on the page) below
        which an item is not tried at all, in points: it goes to
        ``skipped`` before any text is measured. Used for crowded maps
        (thousands of communes), where such polygons cannot hold a name.
        0 (the default) tries every item.

    Returns
    -------
    LabelPlacement
    """
    import numpy as np
    import shapely
    from matplotlib.font_manager import FontProperties
    from matplotlib.transforms import Bbox

    fig = ax.figure
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # Agg canvas
    px_per_pt = fig.dpi / 72.0
    gap = pad * px_per_pt
    frame = ax.get_window_extent(renderer)
    prop = FontProperties(size=fontsize)
    _, line_h, _ = renderer.get_text_width_height_descent("lpÁỹ", prop, ismath=False)
    line_h *= 1.05
    boxes = _BoxGrid(cell=8 * line_h)
    for b in avoid or []:
        boxes.add(b.x0, b.y0, b.x1, b.y1)
    to_data = ax.transData.inverted()
    out = LabelPlacement()
    widths: dict[str, float] = {}
    room_px = min_room * px_per_pt
    data_px = abs(ax.transData.transform((1.0, 0.0))[0] - ax.transData.transform((0.0, 0.0))[0])

    def width_of(line: str) -> float:
        if line not in widths:
            widths[line] = renderer.get_text_width_height_descent(line, prop, ismath=False)[0]
        return widths[line]

    def size(text: str) -> tuple[float, float]:
        lines = text.split("\n")
        return max(width_of(ln) for ln in lines), line_h * len(lines)

    leaders: list[tuple[tuple[float, float], tuple[float, float]]] = []

    def free(x0: float, y0: float, x1: float, y1: float) -> bool:
        if x0 < frame.x0 or x1 > frame.x1 or y0 < frame.y0 or y1 > frame.y1:
            return False
        if boxes.hits(x0, y0, x1, y1, gap):
            return False
        box = (x0 - gap, y0 - gap, x1 + gap, y1 + gap)  # no label on a leader line
        return not any(segment_hits_box(p, q, box) for p, q in leaders
                       if min(p[0], q[0]) < box[2] and max(p[0], q[0]) > box[0]
                       and min(p[1], q[1]) < box[3] and max(p[1], q[1]) > box[1])

    def inside(geom: Any, x0: float, y0: float, x1: float, y1: float, share: float = 0.5) -> bool:
        (a, b), (c, d) = to_data.transform([[x0, y0], [x1, y1]])
        cx, cy, hw, hh = (a + c) / 2, (b + d) / 2, abs(c - a) * share / 2, abs(d - b) * share / 2
        return bool(geom.contains(shapely.box(cx - hw, cy - hh, cx + hw, cy + hh)))

    inside_colors = dict(zip(map(id, items), colors, strict=True)) if colors else {}
    if room_px:  # crowded map: items without room are skipped in one pass, none measured
        radii = np.fromiter((it[4] if len(it) > 4 else 0.0 for it in items), float, len(items))
        room = radii * data_px >= room_px
        out.skipped.extend(items[i][0] for i in np.flatnonzero(~room))
        items = [items[i] for i in np.flatnonzero(room)]
    for item in items:
        text, x, y, geom = item[:4]
        radius = item[4] if len(item) > 4 else 0.0
        shapely.prepare(geom)
        spots = [(x, y)] + (
            [(x + fx * radius, y + fy * radius) for fx, fy in _NUDGES] if radius else []
        )
        spots_px = ax.transData.transform(spots)
        chosen = None
        for variant in (text, two_lines(text)):
            if variant is None:
                continue
            w, h = size(variant)
            for sx, sy in spots_px:
                bb = (sx - w / 2, sy - h / 2, sx + w / 2, sy + h / 2)
                if free(*bb) and inside(geom, *bb):
                    chosen = (variant, sx, sy, bb)
                    break
            if chosen:
                break
        if chosen:
            variant, sx, sy, bb = chosen
            dx, dy = to_data.transform((sx, sy))
            if not dry_run:
                ax.text(dx, dy, variant, fontsize=fontsize,
                        color=inside_colors.get(id(item), color), ha="center", va="center",
                        zorder=15, linespacing=1.0)
            boxes.add(*bb)
            out.inside.append(text)
            out.boxes.append(Bbox.from_extents(*bb))
            continue
        if not leader:
            out.omitted.append(text)
            continue
        ax_px, ay_px = spots_px[0]
        w, h = size(text)
        placed = False
        for dist in _DISTANCES:
            for ux, uy in _DIRECTIONS:
                norm = math.hypot(ux, uy)
                ox, oy = ux / norm * dist * px_per_pt, uy / norm * dist * px_per_pt
                tx, ty = ax_px + ox, ay_px + oy
                x0 = tx if ux > 0 else tx - w if ux < 0 else tx - w / 2
                y0 = ty if uy > 0 else ty - h if uy < 0 else ty - h / 2
                bb = (x0, y0, x0 + w, y0 + h)
                # the leader line runs from the anchor to the label's near edge and
                # crosses no other label
                end = (tx, ty)
                if free(*bb) and not boxes.crossed((ax_px, ay_px), end, gap / 2):
                    ha = "left" if ux > 0 else "right" if ux < 0 else "center"
                    va = "bottom" if uy > 0 else "top" if uy < 0 else "center"
                    _ = dry_run or ax.annotate(
                        text,
                        xy=(x, y),
                        xytext=(ox / px_per_pt, oy / px_per_pt),
                        textcoords="offset points",
                        fontsize=fontsize,
                        color=color,
                        ha=ha,
                        va=va,
                        zorder=16,
                        arrowprops={
                            "arrowstyle": "-",
                            "color": color,
                            "linewidth": 0.4,
                            "shrinkA": 0.5,
                            "shrinkB": 0.0,
                        },
                    )
                    boxes.add(*bb)
                    leaders.append(((ax_px, ay_px), end))
                    out.leader.append(text)
                    out.lines.append(((ax_px, ay_px), end))
                    out.boxes.append(Bbox.from_extents(*bb))
                    placed = True
                    break
            if placed:
                break
        if not placed:
            out.omitted.append(text)
    return out
