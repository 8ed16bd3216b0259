"""Map furniture for static maps: scale bar, north arrow, label placement.

Every function draws on a matplotlib Axes whose data are in a metric CRS
(metres), so the scale bar needs no conversion. Text is drawn without path
effects so SVG and PDF output keep it as selectable text.

The locator inset is drawn by :mod:`camau_gis.render.locator`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator

    from matplotlib.axes import Axes

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
