"""Page and figure layouts of a static map, computed from the province's shape and the page.

Two layouts share every part (:func:`compose`):

* **page** (stand-alone map, ``maps``): title and subtitle, the map as large as
  the page height allows for the province's shape, and beside it a column
  with the legend, the summary, the enlarged insets and the locator. When the
  column is wide enough for two, the insets get a column of their own, so
  the page has no empty block.
* **figure** (``maps --for-report``, the report): no title (the document's
  caption carries it), a given printed width (16.5 cm: the text width of an
  A4 portrait page with the margins of Nghị định 30/2020/NĐ-CP), text at its
  printed size (labels >= 6 pt, legend >= 7 pt), the height following the
  province's shape, legend, insets and scale bar inside the figure and the
  credit line (with the data date) at its foot.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..i18n import t as _t
from .insets import MAX_DETAIL_INSETS

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..analysis.result import Analysis

_MM_PER_INCH = 25.4
#: Printed width of a report figure, cm: the text width of A4 portrait with
#: margins of 30 mm (left) and 15 mm (right).
FIGURE_WIDTH_CM = 16.5
#: Narrowest and widest figure widths accepted, cm (below 12 cm a province of a
#: hundred units cannot show its names at 6 pt beside a legend).
FIGURE_WIDTH_RANGE = (12.0, 40.0)
#: Narrowest side column (legend, insets), inches at A4 scale.
SIDE_MIN_IN = 2.3


@dataclass
class Frame:
    """Where the parts of a map go, in inches from the figure's lower-left corner."""

    width: float
    height: float
    margin: float
    map: tuple[float, float, float, float]  # left, bottom, width, height
    columns: list[tuple[float, float, float, float]]  # side columns (left, bottom, w, h)
    text_scale: float
    figure: bool


def province_aspect(bounds: Any) -> float:
    """Width / height of the communes' extent (map units)."""
    minx, miny, maxx, maxy = bounds
    return max((maxx - minx) / max(maxy - miny, 1e-9), 0.05)


def page_frame(size: tuple[float, float], aspect: float, *, title: bool = True) -> Frame:
    """Layout of a stand-alone page of ``size`` inches for a province of ``aspect``."""
    W, H = size
    s = min(W, H) / (210.0 / _MM_PER_INCH)
    m, gap = 0.35, 0.2
    header = m + (0.85 * s if title else 0.0)
    footer = 0.62 * s
    map_h = H - header - footer - 0.1
    side_min = SIDE_MIN_IN * s
    map_w = min(W - 2 * m - side_min - gap, map_h * aspect * 1.06)
    if map_w < W * 0.45:  # a tall province on a wide page: use the width, scale by height
        map_w = min(W - 2 * m - side_min - gap, max(map_w, map_h * aspect * 1.06))
    side = W - 2 * m - gap - map_w
    x0, bottom, top = m + map_w + gap, footer + 0.1, H - header
    if side >= 2 * side_min + gap:  # two columns: legend/summary/locator | insets
        half = (side - gap) / 2
        columns = [(x0, bottom, half, top - bottom), (x0 + half + gap, bottom, half, top - bottom)]
    else:
        columns = [(x0, bottom, side, top - bottom)]
    return Frame(W, H, m, (m, bottom, map_w, map_h), columns, s, False)


#: Credit text size (points) and line height (inches) at the foot of a map.
CREDIT_PT = 6.0
CREDIT_LINE_IN = CREDIT_PT * 1.25 / 72


def credit_chars(width_in: float, size: float = CREDIT_PT) -> int:
    """Characters of credit text per line across ``width_in`` inches."""
    return int(width_in * 72 / (size * 0.56))


def figure_frame(width_cm: float, aspect: float, footer_lines: int = 4) -> Frame:
    """Layout of a report figure ``width_cm`` wide: its height follows the province's shape.

    ``footer_lines`` lines of credit text fit under the map.
    """
    W = width_cm / 2.54
    m, gap = 0.06, 0.15
    side = max(SIDE_MIN_IN * 0.95, 0.34 * W)
    map_w = W - 2 * m - gap - side
    # tall enough for the legend and an enlarged inset beside the map, whatever the shape
    map_h = max(map_w / (aspect * 1.02), 3.4)
    footer = footer_lines * CREDIT_LINE_IN + 0.12
    H = map_h + footer + 2 * m
    bottom = footer + m
    return Frame(W, H, m, (m, bottom, map_w, map_h),
                 [(m + map_w + gap, bottom, side, map_h)], 1.0, True)


def _fraction(fig: Figure, box: tuple[float, float, float, float],
              ) -> tuple[float, float, float, float]:
    W, H = fig.get_size_inches()
    x, y, w, h = box
    return (x / W, y / H, w / W, h / H)


def compose(
    result: Analysis, kind: str, frame: Frame, *, lang: str, title: str | None
) -> tuple[Figure, Axes, dict[str, Any]]:
    """Draw a whole map into a new figure laid out as ``frame``; returns fig, map axes, panel."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from . import palette
    from ._panel import add_legend, draw_map_panel
    from .captions import subtitle

    fig = Figure(figsize=(frame.width, frame.height), dpi=100)
    FigureCanvasAgg(fig)
    s, W, H, m = frame.text_scale, frame.width, frame.height, frame.margin
    if not frame.figure:
        fig.text(m / W, 1 - m / H, title or _t(f"title_{kind}", lang), ha="left", va="top",
                 fontsize=15 * s, fontweight="bold", color=palette.TEXT)
        fig.text(m / W, 1 - (m + 0.36 * s) / H, subtitle(result, lang), ha="left", va="top",
                 fontsize=9.5 * s, color="#444444")
    ax = fig.add_axes(_fraction(fig, frame.map))
    # a page has room for a second enlarged district (the names the main map leaves out)
    panel = draw_map_panel(ax, result, kind, lang=lang, scale=s,
                           detail=1 if frame.figure else MAX_DETAIL_INSETS)
    col = frame.columns[0]
    top = col[1] + col[3]
    legend = add_legend(fig, panel, ((col[0] - 0.05 * s) / W, top / H), lang=lang, scale=s,
                        width=W - col[0] - (0.02 if frame.figure else m))
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # Agg canvas
    top = legend.get_window_extent(renderer).y0 / fig.dpi - 0.12 * s
    if not frame.figure:  # the report says the figures in its text
        from ._panel import _headline

        summary = fig.text(col[0] / W, top / H,
                           "\n".join([_t("summary", lang) + ":"] + _headline(result, lang)),
                           ha="left", va="top", fontsize=7.2 * s, color=palette.TEXT,
                           linespacing=1.5)
        top = summary.get_window_extent(renderer).y0 / fig.dpi - 0.2 * s
    panel["note_top"] = top
    insets = _place_insets(fig, result, panel, frame, top, lang=lang)
    panel["insets"] = insets
    note_bottom = _footer(fig, result, panel, frame, lang=lang)
    if len(frame.columns) > 1:  # under the legend, summary and notes, beside the insets
        panel["free"].append((col[0], col[1], col[2], note_bottom))
    panel["locator"] = place_locator(fig, result, frame, panel["free"], lang=lang)
    return fig, ax, panel


def _place_insets(
    fig: Figure, result: Analysis, panel: dict[str, Any], frame: Frame, top: float, *, lang: str
) -> list[dict[str, Any]]:
    """Enlarged district insets in the side column(s), sized to the room left.

    With two columns the insets take the second one whole (the locator goes
    where most room is left, :func:`place_locator`); with one they come under
    the summary, above the room kept for the locator at the column's foot.
    Sets ``panel["free"]``: the side areas left empty, ``(left, bottom, width, top)``.
    """
    from ._layers import layers
    from .captions import district_label
    from .insets import add_detail_inset, detail_aspect

    s = frame.text_scale
    lay = layers(result.communes)
    fontsize = max(6.0, 6.0 * s**0.5)
    col0 = frame.columns[0]
    bottom = col0[1]
    details = panel.get("detail", [])
    two = len(frame.columns) > 1
    if two:
        ins_x, ins_w, ins_top = frame.columns[1][0], frame.columns[1][2], col0[1] + col0[3]
        room = ins_top - bottom
        # the locator goes under the notes if it fits there at 1.6 in, else under the insets
        if top - bottom - _note_height(panel, frame, lang) < 1.9 * s:
            room -= min(ins_w / 1.15, 2.6 * s) + 0.35 * s
    else:  # the insets first: the locator takes what is left, or is left out
        locator_h = min(col0[2] / 1.15, 2.4 * s) if not frame.figure else min(col0[2] / 1.35, 1.5)
        ins_x, ins_w, ins_top = col0[0], col0[2], top
        room = top - bottom - (locator_h + 0.3 * s)
        if room < (1.2 * s + 0.22 * s) * max(len(details), 1):
            room = top - bottom - 0.1 * s
    out: list[dict[str, Any]] = []
    title_h = 0.22 * s
    districts = lay["districts"].set_index("district")
    plan = []
    for name in details:  # in order: the most crowded district at full width, the next below
        h = min(ins_w / detail_aspect(lay, name), room - title_h)
        plan.append((name, h))
        room -= title_h + max(h, 0.0) + 0.15 * s
    if plan and room > 0.3 * s:  # the room left goes to the first inset, its view widened
        name, h = plan[0]  # around the district up to 3:5 (width:height)
        plan[0] = (name, h + max(0.0, min(room - 0.3 * s, ins_w / 0.6 - h)))
    for name, h in plan:
        w = ins_w  # a district cut by the column's height shows its surroundings beside it
        if h < 1.0 * s:  # no room for it: its names are listed with those left out
            panel["labels"].omitted.extend(_names_of(result, panel, name, lang))
            continue
        ins_top -= title_h
        label = district_label(name, str(districts.loc[name, "dist_short"]), lang)
        rect = (ins_x / frame.width, (ins_top - h) / frame.height,
                w / frame.width, h / frame.height)
        ax, placement = add_detail_inset(fig, rect, result, panel, name, lang=lang,
                                         fontsize=fontsize, title=label)
        out.append({"district": name, "ax": ax, "labels": placement})
        ins_top -= h + 0.15 * s
    panel["free"] = [(ins_x, bottom, ins_w, ins_top)]
    return out


def _note_height(panel: dict[str, Any], frame: Frame, lang: str) -> float:
    """Height (inches) the note of the main map's names left out will take in the first column."""
    omitted = panel["labels"].omitted
    if not omitted or panel.get("crowded"):
        return 0.0
    s = frame.text_scale
    note = _t("labels_omitted", lang).format(names=", ".join(omitted))
    lines = len(textwrap.wrap(note, width=credit_chars(frame.columns[0][2], 7.0 * s)))
    return (lines + 1) * 7.0 * s * 1.35 / 72 + 0.15 * s


def _names_of(result: Analysis, panel: dict[str, Any], district: str, lang: str) -> list[str]:
    """Label texts of the units of ``district`` (an enlarged inset that found no room)."""
    from ._layers import _label_items, layers

    metric = layers(result.communes)["communes"]
    return [str(it[0]) for it in _label_items(result, metric, panel.get("label_kind", "coverage"),
                                              lang) if it[5] == district]


def place_locator(fig: Figure, result: Analysis, frame: Frame, areas: list[tuple[float, ...]],
                  *, lang: str) -> tuple[float, float, float, float] | None:
    """Draw the locator in the free side area where it is largest; returns its box (inches).

    ``areas`` are ``(left, bottom, width, top)`` in inches. The locator keeps
    its shape (width = 1.15 x height), up to 2.6 in x text scale high, and
    is left out when no area holds it at 0.7 in.
    """
    from . import locator
    from ._layers import layers

    s = frame.text_scale
    cap = 2.6 * s if not frame.figure else 1.5
    best = None
    for x, bottom, w, top in areas:
        h = min(w / 1.15, top - bottom - 0.2 * s, cap)
        if best is None or h > best[3]:
            best = (x, bottom, min(w, h * 1.15), h)
    if best is None or best[3] <= 0.7 * s:
        return None
    x, bottom, w, h = best
    locator.add_inset(
        fig, (x / frame.width, bottom / frame.height, w / frame.width, h / frame.height),
        layers(result.communes)["province"], lang=lang, title=_t("inset_title", lang),
        fontsize=6 * max(s, 1.0),
    )
    return best


def _footer(
    fig: Figure, result: Analysis, panel: dict[str, Any], frame: Frame, *, lang: str
) -> float:
    """Credit line (and labels left out) at the foot, wrapped to the figure's width.

    Returns the lowest point (inches) of the side column's text: the note of
    the names left out when it is there, else ``panel["note_top"]``.
    """
    from . import palette
    from .captions import credit_line, fmt_number

    s = frame.text_scale
    credit = credit_line(result, lang, date=frame.figure)
    placed = panel["labels"]
    bottom = float(panel.get("note_top") or 0.0)
    if panel.get("crowded"):
        n_out = len(placed.omitted) + len(placed.skipped)
        if n_out:
            total = n_out + len(placed.inside) + len(placed.leader)
            credit += " " + _t("panel_scale_note", lang).format(
                n=fmt_number(n_out, lang), total=fmt_number(total, lang))
    else:
        omitted = placed.omitted + [n for ins in panel.get("insets", [])
                                    for n in ins["labels"].omitted]
        if omitted and len(frame.columns) > 1 and panel.get("note_top"):
            col = frame.columns[0]
            note = _t("labels_omitted", lang).format(names=", ".join(omitted))
            text = fig.text(col[0] / frame.width, panel["note_top"] / frame.height,
                            textwrap.fill(note, width=credit_chars(col[2], 7.0 * s)),
                            ha="left", va="top", fontsize=7.0 * s, color="#444444",
                            linespacing=1.35)
            renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # Agg canvas
            bottom = text.get_window_extent(renderer).y0 / fig.dpi - 0.15 * s
        elif omitted:
            credit = _with_omitted(credit, omitted, frame, lang)
    size = CREDIT_PT * max(s, 1.0)
    chars = credit_chars(frame.width - 2 * frame.margin, size)
    fig.text(frame.margin / frame.width, 0.06 / frame.height, textwrap.fill(credit, width=chars),
             ha="left", va="bottom", fontsize=size,
             color=palette.ILLUSTRATIVE if result.illustrative else "#444444", linespacing=1.25)
    return bottom


def _with_omitted(credit: str, omitted: list[str], frame: Frame, lang: str) -> str:
    """Credit plus the names left out, cut ("… (+n)") to the lines the footer holds."""
    size = CREDIT_PT * max(frame.text_scale, 1.0)
    chars = credit_chars(frame.width - 2 * frame.margin, size)
    room = (frame.map[1] - 0.08) / (size * 1.25 / 72)
    for keep in range(len(omitted), 0, -1):
        names = ", ".join(omitted[:keep]) + (f" … (+{len(omitted) - keep})" if keep < len(omitted)
                                             else "")
        text = credit + " " + _t("labels_omitted", lang).format(names=names)
        if len(textwrap.wrap(text, width=chars)) <= room:
            return text
    return credit
