"""Enlarged insets of districts whose units are too small at the map's scale (Thành phố Cà Mau).

On a provincial map the wards of a city are a few millimetres across: their
names collide or need long leader lines. :func:`detail_districts` picks the
districts whose units have too little room on the page; the main map frames
them (:func:`frame_detail`) and leaves their units unlabelled, and
:func:`add_detail_inset` draws each one enlarged beside the map, in the same
colours, with every unit labelled by the same collision-checked placement
(:func:`camau_gis.render._cartography.place_labels`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..i18n import check_lang

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..analysis.result import Analysis

#: A district is enlarged when the median room of its units on the page (radius
#: of the largest inscribed circle) is below this many label font sizes.
DETAIL_ROOM = 1.6
#: Districts whose median room exceeds the smallest district's by this factor are
#: not enlarged (an inset is for the clearly crowded ones).
DETAIL_SPREAD = 1.5
#: At most this many enlarged insets on one map.
MAX_DETAIL_INSETS = 2
#: Padding of an inset's extent around its district, as a share of the extent.
DETAIL_PAD = 0.04


def _room_pt(ax: Axes, radius: Any) -> Any:
    """Radius in map units -> points on the page, for axes with final limits."""
    import numpy as np

    px = abs(ax.transData.transform((1.0, 0.0))[0] - ax.transData.transform((0.0, 0.0))[0])
    return np.asarray(radius, dtype=float) * px * 72.0 / ax.figure.dpi


def detail_districts(lay: dict[str, Any], ax: Axes, fontsize: float, mask: Any = None) -> list[str]:
    """Districts whose units are too small to label at this map's scale, smallest first.

    A district qualifies when it has at least three units and the median
    room of its units (inscribed-circle radius, in points as printed) is below
    :data:`DETAIL_ROOM` times ``fontsize``; at most :data:`MAX_DETAIL_INSETS`.
    """
    import numpy as np

    metric = lay["communes"]
    districts = metric["district"].fillna("").astype(str).str.strip()
    keep = np.ones(len(metric), bool) if mask is None else np.asarray(mask, bool)
    room = _room_pt(ax, metric["lab_r"].to_numpy())
    found = []
    for name in sorted(set(districts[keep]) - {""}):
        sel = keep & (districts == name).to_numpy()
        if sel.sum() >= 3:
            median = float(np.median(room[sel]))
            if median < DETAIL_ROOM * fontsize:
                found.append((median, name))
    found.sort()
    # the clear cases only: a district much roomier than the smallest keeps its labels
    found = [f for f in found if f[0] < found[0][0] * DETAIL_SPREAD]
    return [name for _, name in found[:MAX_DETAIL_INSETS]]


#: A district whose units would lose at least this many labels on the main map is
#: enlarged too, when the layout has room for another inset.
DETAIL_OMITTED = 3


def choose_details(
    lay: dict[str, Any], ax: Axes, items: list[Any], fontsize: float, mask: Any = None, *,
    avoid: list[Any] | None = None, limit: int = MAX_DETAIL_INSETS,
) -> list[str]:
    """Choose the districts to enlarge.

    The crowded ones (:func:`detail_districts`), then, while the layout has room
    (``limit``), those where a trial placement leaves most names out.
    """
    from collections import Counter

    from ._cartography import place_labels

    chosen = detail_districts(lay, ax, fontsize, mask)[:limit]
    if len(chosen) < limit:
        trial = place_labels(ax, [it for it in items if it[5] not in chosen], fontsize=fontsize,
                             avoid=avoid, dry_run=True)
        district_of = {it[0]: it[5] for it in reversed(items)}
        lost = Counter(district_of[t] for t in trial.omitted if district_of.get(t))
        chosen += [d for d, n in lost.most_common() if n >= DETAIL_OMITTED][: limit - len(chosen)]
    return chosen


def detail_bounds(lay: dict[str, Any], district: str) -> tuple[float, float, float, float]:
    """Extent (map units) an inset of ``district`` shows: its units plus :data:`DETAIL_PAD`."""
    metric = lay["communes"]
    minx, miny, maxx, maxy = metric[metric["district"] == district].total_bounds
    dx, dy = (maxx - minx) * DETAIL_PAD, (maxy - miny) * DETAIL_PAD
    return minx - dx, miny - dy, maxx + dx, maxy + dy


def frame_detail(ax: Axes, lay: dict[str, Any], district: str, *, scale: float = 1.0) -> Any:
    """Frame on the main map where an inset enlarges ``district``; returns its display box."""
    from matplotlib.patches import Rectangle

    from .palette import INSET_FRAME

    x0, y0, x1, y1 = detail_bounds(lay, district)
    rect = Rectangle(
        (x0, y0), x1 - x0, y1 - y0, fill=False, edgecolor=INSET_FRAME,
        linewidth=0.9 * scale, linestyle=(0, (4, 2)), zorder=19,
    )
    ax.add_patch(rect)
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]  # Agg canvas
    return rect.get_window_extent(renderer)


def frame_edges(box: Any, width: float = 1.5) -> list[Any]:
    """Return the four edges of a frame's display box as thin boxes.

    Labels may sit inside the frame (neighbouring units) but not on its line.
    """
    from matplotlib.transforms import Bbox

    x0, y0, x1, y1 = box.x0, box.y0, box.x1, box.y1
    return [Bbox.from_extents(x0 - width, y0 - width, x1 + width, y0 + width),
            Bbox.from_extents(x0 - width, y1 - width, x1 + width, y1 + width),
            Bbox.from_extents(x0 - width, y0 - width, x0 + width, y1 + width),
            Bbox.from_extents(x1 - width, y0 - width, x1 + width, y1 + width)]


def detail_aspect(lay: dict[str, Any], district: str) -> float:
    """Width / height of the inset of ``district``."""
    x0, y0, x1, y1 = detail_bounds(lay, district)
    return (x1 - x0) / (y1 - y0)


def add_detail_inset(
    fig: Figure,
    rect: tuple[float, float, float, float],
    result: Analysis,
    panel: dict[str, Any],
    district: str,
    *,
    lang: str | None = None,
    fontsize: float = 6.0,
    title: str | None = None,
) -> tuple[Axes, Any]:
    """Draw ``district`` enlarged in ``rect`` (figure fraction), its units labelled.

    Colours come from the main map's ``panel`` (:func:`~camau_gis.render.static.draw_map_panel`),
    so the inset shows the same classes. Returns the inset axes and its
    :class:`~camau_gis.render._cartography.LabelPlacement`.
    """
    import shapely

    from . import _cartography as carto
    from . import palette
    from ._furniture import add_scalebar
    from ._layers import (
        _fit_limits,
        _label_items,
        add_hatch,
        add_lines,
        add_polygons,
        label_colors,
        layers,
        polygon_paths,
    )

    lang = check_lang(lang)
    lay = layers(result.communes)
    metric = lay["communes"]
    ax = fig.add_axes(rect)
    x0, y0, x1, y1 = detail_bounds(lay, district)
    _fit_limits(ax, (x0, y0, x1, y1), pad=0.0)
    xmin, xmax = ax.get_xlim()
    ymin, ymax = ax.get_ylim()
    view = shapely.box(xmin, ymin, xmax, ymax)
    near = shapely.intersects(metric.geometry.values.to_numpy(), view)
    add_polygons(
        ax, metric.geometry.values[near], panel["lut"][panel["face_index"][near]],
        edgecolor=palette.COMMUNE_EDGE, linewidth=0.5, zorder=1,
    )
    hatched = panel.get("hatched")
    if hatched is not None and (near & hatched).any():  # as on the main map and its legend
        add_hatch(ax, polygon_paths(metric.geometry.values[near & hatched]))
    districts = lay["districts"]
    add_lines(ax, districts.geometry.values, color=palette.DISTRICT_EDGE, linewidth=1.0, zorder=3)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor(palette.INSET_FRAME)
        spine.set_linewidth(0.9)
        spine.set_linestyle((0, (4, 2)))
    if title:
        ax.set_title(title, fontsize=fontsize + 1, fontweight="bold", pad=2, loc="left")
    items = [
        it for it in _label_items(result, metric, panel.get("label_kind", "coverage"), lang)
        if it[5] == district
    ]
    from matplotlib.transforms import Bbox

    frame = ax.get_window_extent(fig.canvas.get_renderer())  # type: ignore[attr-defined]
    scalebar = Bbox.from_extents(frame.x1 - frame.width * 0.4, frame.y0, frame.x1,
                                 frame.y0 + frame.height * 0.13)
    placement = carto.place_labels(
        ax, items, fontsize=fontsize, leader=True, avoid=[scalebar],
        colors=label_colors(items, metric, panel["face_index"], panel["lut"]))
    add_scalebar(ax, fontsize=fontsize, location="lower right")
    return ax, placement
