"""The map panel and its legend: everything drawn inside a static map's frame.

:func:`draw_map_panel` fills an axes with the classified communes, outlines, labels,
insets, scale bar and north arrow; :func:`add_legend` draws the legend with counts.
Page and figure layouts (:mod:`camau_gis.render.layout`) place them.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..i18n import check_lang
from ..i18n import t as _t
from .captions import district_label, fmt_number, unit_types, units_in_data

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..analysis.result import Analysis
from ._layers import (  # noqa: F401
    _fit_limits,
    _label_items,
    add_hatch,
    add_lines,
    add_polygons,
    display_lines,
    display_paths,
    label_colors,
    layers,
    print_tolerance,
)
from .classes import KINDS, _face_classes, _hatched, classify, hatch_keys  # noqa: F401

#: Map kinds on which NTM pilot communes are outlined (dashed), and the dash pattern.
NTM_KINDS: tuple[str, ...] = ("coverage", "c19")


NTM_DASH = (0, (3, 2))


#: Above this many communes on one map the map is "crowded" (a region or the
#: whole country on one page): commune names are tried only inside communes
#: with room for them, without leader lines, and the footer gives the number
#: of names left out instead of the names.
CROWDED_COMMUNES = 400


#: Above this many districts on one map their names are not written (only
#: their outlines are drawn): hundreds of bold names would hide the map.
MAX_DISTRICT_LABELS = 60


#: On a crowded map, the room (inscribed radius) a commune needs on the page
#: for its name to be tried, in multiples of the label font size.
CROWDED_ROOM = 1.0


#: Smallest text on a map as printed, in points: commune labels, inset and credit text.
MIN_LABEL_PT = 6.0


#: Smallest legend text as printed, in points.
MIN_LEGEND_PT = 7.0




def _headline(result: Analysis, lang: str) -> list[str]:
    c = result.communes
    n, known = units_in_data(result)
    covered = int(c["covered"].fillna(False).astype(bool).sum()) if "covered" in c else 0
    models = int(c["n_models"].fillna(0).sum()) if "n_models" in c else 0
    c19 = int((c["c19_status"] == "achieved").sum()) if "c19_status" in c else 0
    ntm = int(c["ntm_pilot"].fillna(False).astype(bool).sum()) if "ntm_pilot" in c else 0
    share = 100.0 * covered / known if known else 0.0  # among the units with data
    partly = int(c["category"].astype(str).str.startswith("partly_").sum()) if "category" in c \
        else 0  # 2025 units formed from 2019 communes of which some had no model
    names = c["district"].fillna("").astype(str).str.strip().ne("").any() if "district" in c \
        else True
    units = (f"{_t('sum_communes', lang)}: {n}" if names else
             f"{_t('sum_units', lang).format(types=unit_types(c, lang))}: {n}")
    lines = [units]
    if known < n:
        lines.append(_t("sum_in_data", lang).format(k=known, n=n))
    return lines + [
        f"{_t('sum_models', lang)}: {models}",
        f"{_t('sum_covered' if names else 'sum_covered_units', lang)}: {covered} "
        f"({fmt_number(share, lang, 1)}%)",
        *([f"{_t('coverage_partly', lang)}: {partly}"] if partly else []),
        f"{_t('sum_c19', lang)}: {c19}",
        f"{_t('ntm_pilot', lang)}: {ntm}",
    ]


def draw_map_panel(
    ax: Axes,
    result: Analysis,
    kind: str,
    *,
    lang: str | None = None,
    scale: float = 1.0,
    communes_mask: Any = None,
    label_all: bool = False,
    labels: bool = True,
    fontsize: float | None = None,
    detail: int = 0,
) -> dict[str, Any]:
    """Draw communes, district outlines, labels, scale bar and north arrow on ``ax``.

    Parameters
    ----------
    ax : Axes
        Empty axes placed on its figure (limits are set here).
    result : Analysis
        Analysis result.
    kind : str
        One of :data:`KINDS`.
    lang : {"vi", "en"}
        Language of labels.
    scale : float
        Text and line scale (1 for A4).
    communes_mask : array of bool, optional
        Draw and label only these communes (atlas pages); others are drawn pale.
    label_all : bool
        Label every commune, also on the priority map.
    labels : bool
        Label communes at all (False: district names only, e.g. an atlas cover).
    fontsize : float, optional
        Commune label size in points as printed (default: 6 pt, growing
        slowly with ``scale``); never below :data:`MIN_LABEL_PT`.
    detail : int
        Up to this many districts whose units are too small at this scale
        (:func:`camau_gis.render.insets.choose_details`) are not labelled
        here but in an enlarged inset, whose place is framed on this map.
        Their names are in ``detail``; 0: none.

    Returns
    -------
    dict
        ``keys``, ``entries``, ``legend_title``, ``counts`` (class -> communes),
        ``labels`` (:class:`~camau_gis.render._cartography.LabelPlacement`)
        and ``crowded`` (more than :data:`CROWDED_COMMUNES` communes shown).

    Notes
    -----
    Label density follows the map scale. With more than
    :data:`CROWDED_COMMUNES` communes shown, a commune's name is tried only
    when its inscribed circle is at least :data:`CROWDED_ROOM` times the
    font size in radius on the page (the others are ``skipped`` without
    measuring any text) and never with a leader line. District names are
    left out above :data:`MAX_DISTRICT_LABELS` districts.

    The steps, in drawing order: :func:`_fills` (limits, class fills, hatch),
    :func:`_outlines` (districts, NTM pilots), :func:`_plain_frame`,
    :func:`_furniture_room` (corners kept free, the illustrative badge),
    :func:`_district_names`, :func:`_commune_items` and :func:`_details`
    (enlarged insets framed here), the commune labels
    (:func:`~camau_gis.render._cartography.place_labels`) and
    :func:`_scale_and_north`.
    """
    from . import _cartography as carto

    lang = check_lang(lang)
    p = _fills(ax, result, kind, lang=lang, scale=scale, communes_mask=communes_mask)
    named, ntm = _outlines(p)
    _plain_frame(ax, scale)
    occupied = _furniture_room(p)
    crowded = int(p.mask.sum()) > CROWDED_COMMUNES
    _district_names(p, p.lay["districts"][named], occupied)
    item_kind = "coverage" if label_all else kind
    # labels grow slower than the page: an A3 map shows more names, not just bigger ones
    fontsize = max(MIN_LABEL_PT, fontsize or MIN_LABEL_PT * scale**0.5)
    items = _commune_items(p, item_kind) if labels else []
    chosen: list[str] = []
    if detail and items and not crowded:  # districts labelled in an enlarged inset instead
        chosen = _details(p, items, fontsize, occupied, detail)
        items = [it for it in items if it[5] not in chosen]
    placement = carto.place_labels(
        ax,
        items,
        fontsize=fontsize,
        colors=label_colors(items, p.metric, p.face_index, p.lut),
        avoid=occupied,
        leader=not crowded,
        min_room=CROWDED_ROOM * fontsize if crowded else 0.0,
    )
    _scale_and_north(p)
    counts = {k: 0 for k, _, _ in p.entries}
    counts.update(Counter(itertools.compress(p.keys, p.mask)))
    return {
        "kind": kind,
        "keys": p.keys,
        "entries": p.entries,
        "legend_title": p.legend_title,
        "counts": counts,
        "labels": placement,
        "crowded": crowded,
        "ntm": int(ntm.sum()) if kind in NTM_KINDS else 0,
        "boundary": "layer_districts" if named.any() else "layer_province",
        "detail": chosen,
        "fontsize": fontsize,
        "face_index": p.face_index,
        "lut": p.lut,
        "hatched": p.hatched,  # units hatched over their colour (the insets hatch them too)
        "label_kind": item_kind,  # the kind whose label items are drawn (atlas: coverage)
    }


@dataclass(frozen=True)
class _Panel:
    """What the steps of :func:`draw_map_panel` share once the communes are filled."""

    ax: Axes
    result: Analysis
    kind: str
    lang: str
    scale: float
    lay: dict[str, Any]  # :func:`~camau_gis.render._layers.layers` of the communes
    metric: Any  # the communes in the metric CRS
    mask: Any  # communes drawn and labelled (the others pale)
    keys: list[Any]  # class of each commune
    entries: list[Any]  # legend entries (key, colour, label)
    legend_title: str
    face_index: Any
    lut: Any
    hatched: Any  # communes hatched over their colour
    tolerance: float  # print tolerance of the outlines, map units


def _fills(ax: Axes, result: Analysis, kind: str, *, lang: str, scale: float,
           communes_mask: Any) -> _Panel:
    """Set the limits and fill the communes by class (hatched where a class says so)."""
    import numpy as np

    from . import palette

    lay = layers(result.communes)
    metric = lay["communes"]
    keys, entries, legend_title = classify(result, kind, lang)
    mask = (
        np.ones(len(metric), dtype=bool)
        if communes_mask is None
        else np.asarray(communes_mask, bool)
    )
    face_index, lut = _face_classes(keys, entries, mask)
    bounds = metric[mask].total_bounds if not mask.all() else metric.total_bounds
    _fit_limits(ax, bounds)
    tolerance = print_tolerance(ax)
    paths = display_paths(lay, tolerance)
    add_polygons(
        ax,
        None,
        lut[face_index],
        paths=paths,
        edgecolor=palette.COMMUNE_EDGE,
        linewidth=0.35 * scale,
        zorder=1,
    )
    hatched = _hatched(keys, mask, kind)
    if hatched.any():  # e.g. no criterion-19 data: a hatch over the coverage colour
        add_hatch(ax, [p for p, h in zip(paths, hatched, strict=True) if h], scale)
    return _Panel(ax=ax, result=result, kind=kind, lang=lang, scale=scale, lay=lay,
                  metric=metric, mask=mask, keys=keys, entries=entries,
                  legend_title=legend_title, face_index=face_index, lut=lut, hatched=hatched,
                  tolerance=tolerance)


def _outlines(p: _Panel) -> tuple[Any, Any]:
    """District (or province) outlines, NTM pilots dashed; returns named districts, pilots."""
    from . import palette

    districts = p.lay["districts"]
    named = districts["district"].fillna("").astype(str).str.strip().ne("").to_numpy()
    # units without districts (2025): outline the province instead, never "districts"
    add_lines(
        p.ax,
        None,
        path=display_lines(p.lay, "districts", p.tolerance, named if named.any() else None),
        color=palette.DISTRICT_EDGE,
        linewidth=0.9 * p.scale,
        zorder=3,
    )
    ntm = p.metric["ntm_pilot"].fillna(False).astype(bool).to_numpy() & p.mask
    if p.kind in NTM_KINDS and ntm.any():  # criterion 19 is an NTM criterion: outline the pilots
        add_lines(
            p.ax,
            None,
            path=display_lines(p.lay, "communes", p.tolerance, ntm),
            color=palette.NTM_EDGE,
            linewidth=0.8 * p.scale,
            zorder=2,
            linestyle=NTM_DASH,
        )
    return named, ntm


def _plain_frame(ax: Axes, scale: float) -> None:
    """No ticks or axis labels; the frame's line at the map's scale."""
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    for spine in ax.spines.values():
        spine.set_linewidth(0.6 * scale)


def _furniture_room(p: _Panel) -> list[Any]:
    """Display boxes kept free of labels: scale bar and north arrow corners, the badge.

    Draws the "illustrative data" badge when the register has illustrative rows.
    """
    from matplotlib.transforms import Bbox

    from . import palette

    ax = p.ax
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]  # Agg canvas
    frame = ax.get_window_extent(renderer)
    occupied = [  # keep corners free for the scale bar, north arrow and the illustrative badge
        Bbox.from_extents(
            frame.x1 - frame.width * 0.42, frame.y0, frame.x1, frame.y0 + frame.height * 0.09
        ),
        Bbox.from_extents(
            frame.x1 - frame.width * 0.13, frame.y1 - frame.height * 0.17, frame.x1, frame.y1
        ),
    ]
    if p.result.illustrative:
        badge = ax.text(
            0.015,
            0.985,
            _t("illustrative", p.lang),
            transform=ax.transAxes,
            ha="left",
            va="top",
            fontsize=9 * p.scale,
            fontweight="bold",
            color=palette.ILLUSTRATIVE,
            zorder=25,
            bbox={
                "boxstyle": "round,pad=0.3",
                "facecolor": "white",
                "edgecolor": palette.ILLUSTRATIVE,
                "linewidth": 0.8,
            },
        )
        occupied.append(badge.get_window_extent(renderer).expanded(1.15, 1.6))
    return occupied


def _district_names(p: _Panel, districts: Any, occupied: list[Any]) -> None:
    """Write the names of the districts shown, largest first, none on another.

    Their boxes are added to ``occupied``.

    Left out above :data:`MAX_DISTRICT_LABELS` districts.
    """
    from . import palette

    ax, mask, metric = p.ax, p.mask, p.metric
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]  # Agg canvas
    xmin, xmax = ax.get_xlim()
    ymin, ymax = ax.get_ylim()
    if len(districts) > MAX_DISTRICT_LABELS:
        districts = districts.iloc[:0]
    district_boxes: list[Any] = []
    for _, d in districts.sort_values("n", ascending=False).iterrows():
        if not (xmin <= d["lab_x"] <= xmax and ymin <= d["lab_y"] <= ymax):
            continue
        if not mask.all() and not metric[mask]["district"].eq(d["district"]).any():
            continue
        text = ax.text(
            d["lab_x"],
            d["lab_y"],
            district_label(d["district"], d["dist_short"], p.lang),
            ha="center",
            va="center",
            fontsize=8.5 * p.scale,
            fontweight="bold",
            color=palette.TEXT,
            zorder=18,
            # no box: a white box paled the communes under it, the gaps of the district
            # towns and of the city included (a halo would turn SVG text into paths)
        )
        box = text.get_window_extent(renderer)
        if any(box.overlaps(b) for b in district_boxes):  # a small map: names would collide
            text.remove()
            continue
        district_boxes.append(box)
        occupied.append(box)


def _commune_items(p: _Panel, item_kind: str) -> list[Any]:
    """Label items of the communes shown (cached per language when every commune is shown)."""
    metric, mask = p.metric, p.mask
    if mask.all() and item_kind != "priority":  # the same names on every map of the table
        items = p.lay.setdefault("display", {}).get(("items", p.lang))
        if items is None:
            items = p.lay["display"][("items", p.lang)] = _label_items(
                p.result, metric, item_kind, p.lang)
        return items
    return _label_items(p.result, metric[mask] if not mask.all() else metric, item_kind, p.lang)


def _details(p: _Panel, items: list[Any], fontsize: float, occupied: list[Any],
             detail: int) -> list[str]:
    """Districts to enlarge in insets (at most ``detail``), framed here; frames to ``occupied``."""
    from .insets import choose_details, frame_detail, frame_edges

    chosen = choose_details(p.lay, p.ax, items, fontsize, p.mask, avoid=occupied, limit=detail)
    for name in chosen:
        occupied.extend(frame_edges(frame_detail(p.ax, p.lay, name, scale=p.scale)))
    return chosen


def _scale_and_north(p: _Panel) -> None:
    """Scale bar (lower right) and north arrow (upper right, turned to true north)."""
    from . import _furniture as furniture

    furniture.add_scalebar(p.ax, fontsize=7 * p.scale, location="lower right")
    cx, cy = p.lay["province"].centroid.coords[0]
    furniture.add_north_arrow(
        p.ax,
        letter=_t("north_letter", p.lang),
        angle=furniture.north_angle(p.lay["crs"], cx, cy),
        xy=(0.95, 0.93),
        fontsize=9 * p.scale,
    )


def add_legend(
    fig: Figure,
    panel: dict[str, Any],
    anchor: tuple[float, float],
    *,
    lang: str | None = None,
    scale: float = 1.0,
    hide_empty: bool = True,
    width: float | None = None,
) -> Any:
    """Figure legend of a map panel: one patch per class with its commune count.

    Parameters
    ----------
    fig : Figure
        Figure.
    panel : dict
        What :func:`draw_map_panel` returned.
    anchor : tuple of float
        Upper-left corner in figure fraction.
    lang : {"vi", "en"}
        Language.
    scale : float
        Text scale.
    hide_empty : bool
        Leave out classes with no commune (default): a legend lists what the map shows.
    width : float, optional
        Inches the legend may take: longer entries are wrapped to it.

    Returns
    -------
    matplotlib.legend.Legend
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    from . import palette

    lang = check_lang(lang)
    hatch = hatch_keys(panel.get("kind", "coverage"))
    handles: list[Any] = []
    texts: list[str] = []
    for key, colour, label in panel["entries"]:
        n = panel["counts"].get(key, 0)
        if hide_empty and n == 0:
            continue
        handles.append(Patch(facecolor=colour, edgecolor="#777777", linewidth=0.4,
                             hatch=palette.HATCH if key in hatch else None))
        texts.append(f"{label} ({n})")
    if panel.get("ntm"):
        handles.append(
            Line2D([], [], color=palette.NTM_EDGE, linewidth=0.9 * scale, linestyle=NTM_DASH)
        )
        texts.append(f"{_t('layer_ntm', lang)} ({panel['ntm']})")
    handles.append(Line2D([], [], color=palette.DISTRICT_EDGE, linewidth=1.0 * scale))
    texts.append(_t(panel.get("boundary", "layer_districts"), lang))
    def draw(lines: list[str]) -> Any:
        return fig.legend(
            handles,
            lines,
            loc="upper left",
            bbox_to_anchor=anchor,
            frameon=False,
            title=panel["legend_title"],
            fontsize=7.5 * scale,
            title_fontsize=8.5 * scale,
            alignment="left",
            handlelength=1.6,
            handleheight=1.1,
        )

    legend = draw(texts)
    if width:  # entries wider than the room are wrapped to it, no more than needed
        import textwrap

        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # Agg canvas
        room = anchor[0] * fig.bbox.width + width * fig.dpi
        for chars in range(max(len(x) for x in texts) - 3, 11, -3):
            if legend.get_window_extent(renderer).x1 <= room:
                break
            legend.remove()
            legend = draw([textwrap.fill(x, chars) for x in texts])
    return legend
