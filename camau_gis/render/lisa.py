"""The LISA cluster map as a report figure: the text width, text at its printed size.

The stand-alone LISA page (:func:`camau_gis.render.plan.lisa_figure`) is a
whole A4-landscape page; pasted into the report at the text width its map
and legend printed at a third of their size. The report's figure is laid out
as the other report maps are (:func:`camau_gis.render.layout.figure_frame`):
map and legend side by side, 16.5 cm wide, legend at 7.5 pt, the credit line
with the data date at its foot, no title (the caption carries it).
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from ..i18n import t

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ..analysis.result import Analysis

#: Legend and note size (points) as printed.
LEGEND_PT = 7.5


def lisa_report_figure(result: Analysis, *, lang: str = "vi",
                       width_cm: float | None = None) -> Figure:
    """Return the LISA cluster map drawn for the report's text width (``width_cm``, 16.5 cm)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    from . import _cartography as carto
    from . import layout, palette
    from ._layers import _fit_limits, add_lines, add_polygons, layers
    from .captions import credit_line
    from .plan import LISA_CLASSES, _lisa_note, lisa_table

    lay = layers(result.communes)
    metric = lay["communes"]
    width = layout.FIGURE_WIDTH_CM if width_cm is None else float(width_cm)
    credit = credit_line(result, lang, date=True)
    chars = layout.credit_chars(width / 2.54 - 0.12)
    frame = layout.figure_frame(width, layout.province_aspect(metric.total_bounds),
                                footer_lines=len(textwrap.wrap(credit, chars)) + 1)
    fig = Figure(figsize=(frame.width, frame.height), dpi=100)
    FigureCanvasAgg(fig)
    W, H = frame.width, frame.height
    ax = fig.add_axes(layout._fraction(fig, frame.map))
    _fit_limits(ax, metric.total_bounds)
    classes = lisa_table(result).to_numpy()
    no_data = palette.CATEGORY["no_data"]
    colors = [palette.LISA.get(v, no_data) if v else no_data for v in classes]
    add_polygons(ax, metric.geometry.values, colors, edgecolor=palette.COMMUNE_EDGE,
                 linewidth=0.35, zorder=1)
    add_lines(ax, lay["districts"].geometry.values, color=palette.DISTRICT_EDGE, linewidth=0.8)
    ax.set_axis_off()
    carto.add_scalebar(ax, fontsize=7, location="lower right")
    items = [(t(f"lisa_{k}", lang), palette.LISA[k], int((classes == k).sum()))
             for k in LISA_CLASSES]
    if (classes == "").any():
        items.append((t("cat_no_data", lang), no_data, int((classes == "").sum())))
    col = frame.columns[0]
    wrap = layout.credit_chars(col[2] - 0.35, LEGEND_PT)
    handles = [Patch(facecolor=c, edgecolor="#888888",
                     label="\n".join(textwrap.wrap(f"{label} ({n})", wrap)))
               for label, c, n in items if n]
    legend = fig.legend(handles=handles, loc="upper left", frameon=False,
                        bbox_to_anchor=(col[0] / W, (col[1] + col[3]) / H),
                        fontsize=LEGEND_PT, title=t("legend", lang),
                        title_fontsize=LEGEND_PT + 0.5, alignment="left")
    legend.get_title().set_fontweight("bold")
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # Agg canvas
    top = legend.get_window_extent(renderer).y0 / fig.dpi - 0.1
    fig.text(col[0] / W + 0.01, top / H, textwrap.fill(_lisa_note(result, lang), wrap),
             ha="left", va="top", fontsize=LEGEND_PT, color="#444444")
    fig.text(frame.margin / W, 0.06 / H, textwrap.fill(credit, chars), ha="left", va="bottom",
             fontsize=layout.CREDIT_PT, linespacing=1.25,
             color=palette.ILLUSTRATIVE if result.illustrative else "#444444")
    return fig
