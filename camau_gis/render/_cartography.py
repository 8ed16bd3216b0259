"""Label placement of static maps: commune names inside their polygon or on a leader line.

Placement works in display space on Axes whose data are in a metric CRS.
Dark commune labels carry a thin white halo (:func:`label_halo`): read on
hatching and across borders on the PNG. SVG and PDF output leave path effects out
(:func:`camau_gis.render.static.save_figure`), so their text stays selectable text.

The scale bar and north arrow are drawn by :mod:`camau_gis.render._furniture`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator

    from matplotlib.axes import Axes


#: Leader-line candidate offsets (points): directions x distances.
_DIRECTIONS = ((1, 0), (-1, 0), (1, 1), (-1, 1), (1, -1), (-1, -1), (0, 1), (0, -1))
_DISTANCES = (10, 18, 28, 40, 54)
#: Inside-polygon alternatives to the label anchor, in units of the inscribed radius.
_NUDGES = ((0.0, 0.5), (0.0, -0.5), (0.5, 0.0), (-0.5, 0.0), (0.0, 0.9), (0.0, -0.9))
#: How much wider than measured a label may print, as a share of its width. Boxes are
#: measured with the font hinted at the figure's 100 dpi; the same text is up to 5 % wider
#: in a 300-dpi PNG and up to 3 % in SVG/PDF (unhinted outlines), so a label placed
#: flush with the frame would run onto the frame's line (the frame test keeps this room).
PRINT_WIDTH_SLACK = 0.06


def print_growth(x0: float, x1: float) -> float:
    """Pixels a label measured from ``x0`` to ``x1`` may grow on each side when printed.

    Half of :data:`PRINT_WIDTH_SLACK` of its width on each side: two labels
    placed side by side keep the label gap between them as printed too (without
    it, "Tân Xuyên" and "An Xuyên" touched in the report's city inset).
    """
    return PRINT_WIDTH_SLACK / 2 * (x1 - x0)


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


@dataclass(frozen=True)
class _Labeller:
    """What one :func:`place_labels` pass works with, shared by its steps.

    The axes' display space (renderer, frame, font, transforms) and what has
    been placed so far: label boxes in a grid, leader lines, the outcome.
    """

    ax: Axes
    renderer: Any
    prop: Any  # FontProperties of the labels
    fontsize: float
    color: str
    px_per_pt: float
    gap: float  # smallest gap between labels, pixels
    frame: Any  # the inner edge of the axes' frame (display units): labels stay inside it
    line_h: float  # height of one text line, pixels
    to_data: Any  # display -> data transform
    dry_run: bool
    boxes: _BoxGrid
    out: LabelPlacement
    inside_colors: dict[int, str]
    widths: dict[str, float] = field(default_factory=dict)
    leaders: list[tuple[tuple[float, float], tuple[float, float]]] = field(default_factory=list)

    def size(self, text: str) -> tuple[float, float]:
        """Width and height (pixels) of a label of one or more lines, each line measured once."""
        lines = text.split("\n")
        for line in lines:
            if line not in self.widths:
                self.widths[line] = self.renderer.get_text_width_height_descent(
                    line, self.prop, ismath=False)[0]
        return max(self.widths[ln] for ln in lines), self.line_h * len(lines)

    def free(self, x0: float, y0: float, x1: float, y1: float) -> bool:
        """Whether a box lies in the frame, clear of placed labels and leader lines.

        Inside the frame means clear of its line by the label gap, with room
        for the printed text being up to :data:`PRINT_WIDTH_SLACK` wider than
        measured here.
        """
        if self.inward(x0, y0, x1, y1) != (0.0, 0.0):
            return False
        gap = self.gap
        grow = print_growth(x0, x1)  # this label printed wider (the placed ones were stored so)
        if self.boxes.hits(x0 - grow, y0, x1 + grow, y1, gap):
            return False
        box = (x0 - gap, y0 - gap, x1 + gap, y1 + gap)  # no label on a leader line
        return not any(segment_hits_box(p, q, box) for p, q in self.leaders
                       if min(p[0], q[0]) < box[2] and max(p[0], q[0]) > box[0]
                       and min(p[1], q[1]) < box[3] and max(p[1], q[1]) > box[1])

    def place(self, x0: float, y0: float, x1: float, y1: float) -> None:
        """Record a placed label's box, as wide as it may print (:func:`print_growth`)."""
        grow = print_growth(x0, x1)
        self.boxes.add(x0 - grow, y0, x1 + grow, y1)

    def inward(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float] | None:
        """Smallest shift (pixels) that brings a box inside the frame; None if it cannot fit.

        ``(0.0, 0.0)`` for a box already inside: clear of the frame's line by the
        label gap, with :data:`PRINT_WIDTH_SLACK` of its width to spare on each side.
        """
        frame, gap = self.frame, self.gap
        edge = gap + PRINT_WIDTH_SLACK * (x1 - x0)
        lo_x, hi_x = frame.x0 + edge - x0, frame.x1 - edge - x1
        lo_y, hi_y = frame.y0 + gap - y0, frame.y1 - gap - y1
        if lo_x > hi_x or lo_y > hi_y:
            return None
        return min(max(0.0, lo_x), hi_x), min(max(0.0, lo_y), hi_y)

    def inside(self, geom: Any, x0: float, y0: float, x1: float, y1: float,
               share: float = 0.5) -> bool:
        """Whether the middle ``share`` of a display box lies inside ``geom`` (data units)."""
        import shapely

        (a, b), (c, d) = self.to_data.transform([[x0, y0], [x1, y1]])
        cx, cy, hw, hh = (a + c) / 2, (b + d) / 2, abs(c - a) * share / 2, abs(d - b) * share / 2
        return bool(geom.contains(shapely.box(cx - hw, cy - hh, cx + hw, cy + hh)))


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
    eight directions with a thin leader line back to the anchor, then at the
    nearest position inside the frame of one that ran over it; if no
    position is free it is omitted (and listed as such). Every box stays
    inside the axes' frame, clear of its line by ``pad`` and by
    :data:`PRINT_WIDTH_SLACK` of its width (the text prints wider than it
    measures at the figure's resolution). Text boxes are
    measured with the renderer's font metrics (each distinct line once), so
    only placed labels become artists; placed boxes are kept in a grid, so
    each test looks at nearby labels only.

    The steps: :func:`_labeller` (the display space and what is placed),
    :func:`_with_room` (crowded maps: items without room skipped),
    :func:`_spots` (candidate anchors), :func:`_inside_spot` /
    :func:`_draw_inside` (inside the polygon), :func:`_leader_spot` /
    :func:`_draw_leader` (beside it, with a leader line).

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
    lab = _labeller(ax, items, fontsize=fontsize, color=color, avoid=avoid, pad=pad,
                    colors=colors, dry_run=dry_run)
    for item in _with_room(lab, items, min_room):
        spots_px = _spots(lab, item)
        chosen = _inside_spot(lab, item, spots_px)
        if chosen:
            _draw_inside(lab, item, *chosen)
            continue
        found = _leader_spot(lab, item[0], spots_px[0]) if leader else None
        if found:
            _draw_leader(lab, item, spots_px[0], *found)
        else:
            lab.out.omitted.append(item[0])
    return lab.out


def _labeller(ax: Axes, items: list[tuple[Any, ...]], *, fontsize: float, color: str,
              avoid: list[Any] | None, pad: float, colors: list[str] | None,
              dry_run: bool) -> _Labeller:
    """Return the display space of ``ax`` for labels of ``fontsize``, ``avoid`` already occupied."""
    from matplotlib.font_manager import FontProperties

    fig = ax.figure
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # Agg canvas
    px_per_pt = fig.dpi / 72.0
    line = max((s.get_linewidth() for s in ax.spines.values() if s.get_visible()), default=0.0)
    frame = ax.get_window_extent(renderer).padded(-line * px_per_pt / 2)  # the line's inner edge
    prop = FontProperties(size=fontsize)
    _, line_h, _ = renderer.get_text_width_height_descent("lpÁỹ", prop, ismath=False)
    line_h *= 1.05
    boxes = _BoxGrid(cell=8 * line_h)
    for b in avoid or []:
        boxes.add(b.x0, b.y0, b.x1, b.y1)
    return _Labeller(
        ax=ax, renderer=renderer, prop=prop, fontsize=fontsize, color=color,
        px_per_pt=px_per_pt, gap=pad * px_per_pt, frame=frame, line_h=line_h,
        to_data=ax.transData.inverted(), dry_run=dry_run, boxes=boxes, out=LabelPlacement(),
        inside_colors=dict(zip(map(id, items), colors, strict=True)) if colors else {},
    )


def _with_room(lab: _Labeller, items: list[tuple[Any, ...]],
               min_room: float) -> list[tuple[Any, ...]]:
    """Items whose room (fifth element) is at least ``min_room`` points; the others skipped."""
    import numpy as np

    room_px = min_room * lab.px_per_pt
    if not room_px:
        return items
    # crowded map: items without room are skipped in one pass, none measured
    t = lab.ax.transData
    data_px = abs(t.transform((1.0, 0.0))[0] - t.transform((0.0, 0.0))[0])
    radii = np.fromiter((it[4] if len(it) > 4 else 0.0 for it in items), float, len(items))
    room = radii * data_px >= room_px
    lab.out.skipped.extend(items[i][0] for i in np.flatnonzero(~room))
    return [items[i] for i in np.flatnonzero(room)]


def _spots(lab: _Labeller, item: tuple[Any, ...]) -> Any:
    """Display positions to try inside the polygon: the anchor, then nudges within its room."""
    x, y = item[1], item[2]
    radius = item[4] if len(item) > 4 else 0.0
    spots = [(x, y)] + (
        [(x + fx * radius, y + fy * radius) for fx, fy in _NUDGES] if radius else []
    )
    return lab.ax.transData.transform(spots)


def _inside_spot(lab: _Labeller, item: tuple[Any, ...],
                 spots_px: Any) -> tuple[str, float, float, tuple[float, ...]] | None:
    """First free spot (one line, then two) whose box is mostly inside the polygon."""
    import shapely

    text, geom = item[0], item[3]
    shapely.prepare(geom)
    for variant in (text, two_lines(text)):
        if variant is None:
            continue
        w, h = lab.size(variant)
        for sx, sy in spots_px:
            bb = (sx - w / 2, sy - h / 2, sx + w / 2, sy + h / 2)
            if lab.free(*bb) and lab.inside(geom, *bb):
                return variant, sx, sy, bb
    return None


#: Width (points) and opacity of the white halo under dark labels.
HALO_WIDTH, HALO_ALPHA = 1.4, 0.85


def label_halo(color: str) -> list[Any]:
    """Path effects of a label written in ``color``: a white halo, none under white text."""
    from matplotlib import colors, patheffects

    if colors.to_hex(color).lower() == "#ffffff":  # white on a dark fill: no halo
        return []
    return [patheffects.withStroke(linewidth=HALO_WIDTH, foreground=(1.0, 1.0, 1.0, HALO_ALPHA))]


def _draw_inside(lab: _Labeller, item: tuple[Any, ...], variant: str, sx: float, sy: float,
                 bb: tuple[float, ...]) -> None:
    """Write a label centred at display ``(sx, sy)`` and record its box."""
    from matplotlib.transforms import Bbox

    dx, dy = lab.to_data.transform((sx, sy))
    if not lab.dry_run:
        color = lab.inside_colors.get(id(item), lab.color)
        lab.ax.text(dx, dy, variant, fontsize=lab.fontsize, color=color, ha="center",
                    va="center", zorder=15, linespacing=1.0, path_effects=label_halo(color))
    lab.place(*bb)
    lab.out.inside.append(item[0])
    lab.out.boxes.append(Bbox.from_extents(*bb))


def _leader_spot(lab: _Labeller, text: str, anchor: Any) -> tuple[Any, ...] | None:
    """First free box at increasing offsets in eight directions, its leader crossing no label.

    When none is free, the first candidate that is free once moved inside the
    frame (:meth:`_Labeller.inward`), its leader still reaching its near edge
    without crossing it. Returns the direction ``(ux, uy)``, the offset
    ``(ox, oy)`` in pixels, the box and the leader line's end, or None.
    """
    start = (anchor[0], anchor[1])
    candidates = list(_leader_candidates(lab, text, anchor))
    for ux, uy, ox, oy, bb, end in candidates:
        # the leader line runs from the anchor to the label's near edge and
        # crosses no other label
        if lab.free(*bb) and not lab.boxes.crossed(start, end, lab.gap / 2):
            return ux, uy, ox, oy, bb, end
    for ux, uy, ox, oy, bb, end in candidates:  # the nearest position inside the frame
        shift = lab.inward(*bb)
        if shift is None or shift == (0.0, 0.0):
            continue
        dx, dy = shift
        moved = (bb[0] + dx, bb[1] + dy, bb[2] + dx, bb[3] + dy)
        end = (end[0] + dx, end[1] + dy)
        through = segment_hits_box(start, end, (moved[0] + 1, moved[1] + 1, moved[2] - 1,
                                                moved[3] - 1))
        if (not through and lab.free(*moved)
                and not lab.boxes.crossed(start, end, lab.gap / 2)):
            return ux, uy, ox + dx, oy + dy, moved, end
    return None


def _leader_candidates(lab: _Labeller, text: str, anchor: Any) -> Iterator[tuple[Any, ...]]:
    """Leader-line positions in order: :data:`_DISTANCES` x :data:`_DIRECTIONS`."""
    ax_px, ay_px = anchor
    w, h = lab.size(text)
    for dist in _DISTANCES:
        for ux, uy in _DIRECTIONS:
            norm = math.hypot(ux, uy)
            ox, oy = ux / norm * dist * lab.px_per_pt, uy / norm * dist * lab.px_per_pt
            tx, ty = ax_px + ox, ay_px + oy
            x0 = tx if ux > 0 else tx - w if ux < 0 else tx - w / 2
            y0 = ty if uy > 0 else ty - h if uy < 0 else ty - h / 2
            yield ux, uy, ox, oy, (x0, y0, x0 + w, y0 + h), (tx, ty)


def _draw_leader(lab: _Labeller, item: tuple[Any, ...], anchor: Any, ux: int, uy: int,
                 ox: float, oy: float, bb: tuple[float, ...], end: tuple[float, float]) -> None:
    """Write a label offset by ``(ox, oy)`` pixels with a leader line; record box and line."""
    from matplotlib.transforms import Bbox

    text, x, y = item[0], item[1], item[2]
    ha = "left" if ux > 0 else "right" if ux < 0 else "center"
    va = "bottom" if uy > 0 else "top" if uy < 0 else "center"
    if not lab.dry_run:
        lab.ax.annotate(
            text,
            xy=(x, y),
            xytext=(ox / lab.px_per_pt, oy / lab.px_per_pt),
            textcoords="offset points",
            fontsize=lab.fontsize,
            color=lab.color,
            ha=ha,
            va=va,
            zorder=16,
            path_effects=label_halo(lab.color),
            arrowprops={
                "arrowstyle": "-",
                "color": lab.color,
                "linewidth": 0.4,
                "shrinkA": 0.5,
                "shrinkB": 0.0,
            },
        )
    start = (anchor[0], anchor[1])
    lab.place(*bb)
    lab.leaders.append((start, end))
    lab.out.leader.append(text)
    lab.out.lines.append((start, end))
    lab.out.boxes.append(Bbox.from_extents(*bb))
