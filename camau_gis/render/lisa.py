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
from typing import TYPE_CHECKING, Any

from ..i18n import check_lang, fmt_number, t

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..analysis.result import Analysis

#: LISA classes in legend order.
LISA_CLASSES = ("HH", "LL", "LH", "HL", "ns")
#: Significance level of the LISA classes (:func:`camau_gis.analysis.neighbours.lisa`).
ALPHA = 0.05


#: Legend and note size (points) as printed.
LEGEND_PT = 7.5


def lisa_table(result: Analysis) -> Any:
    """Return the LISA class of each commune of ``result`` (``""``: no data)."""
    c = result.communes
    table = result.extra.get("lisa")
    if table is None or not len(table):
        import pandas as pd

        return pd.Series("", index=c.index)
    by = dict(zip(table["gso_code"].astype(str), table["cluster_type"].astype(str), strict=True))
    return c["gso_code"].astype(str).map(by).fillna("")


def _lisa_note(result: Analysis, lang: str) -> str:
    k = int(result.meta.get("permutations") or (result.extra.get("moran") or {}).get(
        "permutations") or 0)
    return t("lisa_note", lang).format(k=k, alpha=fmt_number(ALPHA, lang, None))


def lisa_figure(result: Analysis, *, lang: str | None = None, page: str = "A4-landscape") -> Figure:
    """Return the LISA cluster map page (:func:`lisa_page_figure`)."""
    lang = check_lang(lang)
    return lisa_page_figure(result, lang=lang, page=page)


def moran_points(result: Analysis) -> tuple[Any, Any, Any]:
    """(standardised value, spatial lag, cluster class) of the communes with data."""
    import numpy as np

    from ..analysis import neighbours as nb

    table = result.extra["lisa"]
    codes = table["gso_code"].astype(str).tolist()
    c = result.communes
    pos = {code: i for i, code in enumerate(c["gso_code"].astype(str))}
    sub = c.iloc[[pos[k] for k in codes]].reset_index(drop=True)
    pairs = nb.adjacency(sub, tolerance_m=float(result.meta.get("tolerance_m") or nb.TOLERANCE_M))
    w = nb.weights(sub, pairs)
    y = table["value"].to_numpy(dtype=float)
    sd = y.std()
    z = (y - y.mean()) / sd if sd > 0 else np.zeros_like(y)
    return z, w.lag(z), table["cluster_type"].astype(str).to_numpy()


def moran_figure(result: Analysis, *, lang: str | None = None) -> Figure:
    """Return the Moran scatter plot: z against its spatial lag, slope = Moran's I."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    lang = check_lang(lang)
    fig = Figure(figsize=(7.5, 6.5), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.12, 0.30, 0.83, 0.55))
    fig.text(0.12, 0.97, t("moran_title", lang), fontsize=14, fontweight="bold", va="top")
    stat = draw_moran(ax, result, lang=lang)
    if stat:
        fig.text(0.12, 0.915, stat, fontsize=10, va="top")
    return fig


def spatial_reading(result: Analysis, lang: str | None = None) -> str:
    """Two plain sentences: where the uncovered communes cluster, and what Moran's I says."""
    import pandas as pd

    lang = check_lang(lang)
    table = result.extra.get("lisa")
    mo = result.extra.get("moran") or {}
    sentences = []
    ll = table[table["cluster_type"] == "LL"] if table is not None else pd.DataFrame()
    if len(ll):
        places = ll.groupby("district").size().sort_values(ascending=False)
        where = ", ".join(f"{d} ({n})" for d, n in places.items())
        sentences.append(t("lisa_reading_ll", lang).format(places=where, n=len(ll)))
    else:
        sentences.append(t("lisa_reading_none", lang))
    if mo.get("I") is not None:
        p = mo.get("p_value") or 1.0
        verdict = ("random" if p > ALPHA else "clustered" if mo["I"] > 0 else "dispersed")
        sentences.append(t("lisa_reading_moran", lang).format(
            i=fmt_number(mo["I"], lang, 2), p=fmt_number(p, lang, 3),
            verdict=t(f"moran_verdict_{verdict}", lang)))
    return " ".join(sentences)


def _draw_lisa(ax: Axes, result: Analysis, *, scale: float = 1.0) -> Any:
    """Fill the communes with their LISA class; returns the class of each commune (array)."""
    from . import palette
    from ._furniture import add_scalebar
    from ._layers import _fit_limits, add_lines, add_polygons, layers

    lay = layers(result.communes)
    _fit_limits(ax, lay["communes"].total_bounds)
    classes = lisa_table(result).to_numpy()
    no_data = palette.CATEGORY["no_data"]
    colors = [palette.LISA.get(v, no_data) if v else no_data for v in classes]
    add_polygons(ax, lay["communes"].geometry.values, colors, edgecolor=palette.COMMUNE_EDGE,
                 linewidth=0.35 * scale, zorder=1)
    add_lines(ax, lay["districts"].geometry.values, color=palette.DISTRICT_EDGE,
              linewidth=0.8 * scale)
    ax.set_axis_off()
    add_scalebar(ax, fontsize=7 * scale, location="lower right")
    return classes


def _legend(fig: Figure, result: Analysis, classes: Any, anchor: tuple[float, float], *,
            lang: str, size: float, wrap: int) -> Any:
    """Legend of the LISA classes present, with counts; bold title."""
    from matplotlib.patches import Patch

    from . import palette

    items = [(t(f"lisa_{k}", lang), palette.LISA[k], int((classes == k).sum()))
             for k in LISA_CLASSES]
    if (classes == "").any():
        items.append((t("cat_no_data", lang), palette.CATEGORY["no_data"],
                      int((classes == "").sum())))
    handles = [Patch(facecolor=c, edgecolor="#888888",
                     label="\n".join(textwrap.wrap(f"{label} ({n})", wrap)))
               for label, c, n in items if n]
    legend = fig.legend(handles=handles, loc="upper left", frameon=False, bbox_to_anchor=anchor,
                        fontsize=size, title=t("legend", lang), title_fontsize=size + 0.5,
                        alignment="left")
    legend.get_title().set_fontweight("bold")
    return legend


def draw_moran(ax: Axes, result: Analysis, *, lang: str | None = None, fontsize: float = 8.0,
               wrap: int = 80) -> str:
    """Draw the Moran scatter plot into ``ax``; returns the statistic's line (or ``""``).

    z of coverage against its spatial lag, jittered (a 0/1 variable stacks
    every point on two columns), the slope Moran's I, axes written with the
    reader's decimal mark.
    """
    import numpy as np
    from matplotlib.ticker import FuncFormatter

    from . import palette

    lang = check_lang(lang)
    z, lag, cls = moran_points(result)
    rng = np.random.default_rng(0)
    jz = z + rng.uniform(-0.04, 0.04, len(z))
    jl = lag + rng.uniform(-0.02, 0.02, len(z))
    for k in LISA_CLASSES:  # significant classes drawn over the not significant ones
        m = cls == k
        if m.any():
            ax.scatter(jz[m], jl[m], s=26 if k != "ns" else 20, color=palette.LISA[k],
                       edgecolor="#555555", linewidth=0.4, zorder=2 if k == "ns" else 3,
                       label="\n".join(textwrap.wrap(f"{t(f'lisa_{k}', lang)} ({int(m.sum())})",
                                                     wrap)))
    ax.axhline(0, color="#888888", lw=0.8)
    ax.axvline(0, color="#888888", lw=0.8)
    mo = result.extra.get("moran") or {}
    slope = mo.get("I")
    if slope is not None:
        xs = np.array([z.min() - 0.2, z.max() + 0.2])
        ax.plot(xs, slope * xs, color="#000000", lw=1.2)
    # "0,5" in Vietnamese; the minus sign of print (U+2212), as matplotlib writes it
    ticks = FuncFormatter(lambda v, _pos: fmt_number(v, lang, None).replace("-", "\u2212"))
    ax.xaxis.set_major_formatter(ticks)
    ax.yaxis.set_major_formatter(ticks)
    ax.tick_params(labelsize=fontsize)
    ax.set_xlabel(t("moran_x", lang), fontsize=fontsize + 1)
    ax.set_ylabel(t("moran_y", lang), fontsize=fontsize + 1)
    ax.legend(fontsize=fontsize, loc="upper left", bbox_to_anchor=(0.0, -0.12), frameon=False,
              title="\n".join(textwrap.wrap(_lisa_note(result, lang), wrap)),
              title_fontsize=fontsize, alignment="left")
    if slope is None:
        return ""
    return t("moran_stat", lang).format(
        i=fmt_number(slope, lang, 3), p=fmt_number(mo.get("p_value") or 0.0, lang, 3),
        k=mo.get("permutations"))


def lisa_page_figure(result: Analysis, *, lang: str | None = None, page: str = "A4-landscape"
                     ) -> Figure:
    """Return the LISA page: map as large as the page allows, legend, reading, Moran scatter.

    Laid out as the other map pages (:func:`camau_gis.render.layout.page_frame`):
    title and subtitle, the map beside the side columns; the legend, the
    settings and the plain reading in the first, the Moran scatter plot in the
    second (under the reading with one column), the locator where room is left.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from . import layout, palette
    from ._layers import layers
    from .captions import credit_line, subtitle
    from .static import page_size

    lang = check_lang(lang)
    aspect = layout.province_aspect(layers(result.communes)["communes"].total_bounds)
    frame = layout.page_frame(page_size(page), aspect)
    s, W, H, m = frame.text_scale, frame.width, frame.height, frame.margin
    fig = Figure(figsize=(W, H), dpi=100)
    FigureCanvasAgg(fig)
    fig.text(m / W, 1 - m / H, t("lisa_title", lang), ha="left", va="top", fontsize=15 * s,
             fontweight="bold", color=palette.TEXT)
    fig.text(m / W, 1 - (m + 0.36 * s) / H, subtitle(result, lang), ha="left", va="top",
             fontsize=9.5 * s, color="#444444")
    classes = _draw_lisa(fig.add_axes(layout._fraction(fig, frame.map)), result, scale=s)
    col = frame.columns[0]
    wrap = layout.credit_chars(col[2] - 0.4 * s, 8.5 * s)
    legend = _legend(fig, result, classes, (col[0] / W, (col[1] + col[3]) / H), lang=lang,
                     size=8.5 * s, wrap=wrap)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # Agg canvas
    top = legend.get_window_extent(renderer).y0 / fig.dpi - 0.15 * s
    for text in (_lisa_note(result, lang), spatial_reading(result, lang)):
        note = fig.text(col[0] / W + 0.01, top / H,
                        textwrap.fill(text, layout.credit_chars(col[2], 8.0 * s)), ha="left",
                        va="top", fontsize=8.0 * s, color=palette.TEXT, linespacing=1.4)
        top = note.get_window_extent(renderer).y0 / fig.dpi - 0.2 * s
    two = len(frame.columns) > 1
    x, w, scatter_top = ((frame.columns[1][0], frame.columns[1][2], col[1] + col[3]) if two
                         else (col[0], col[2], top))
    size = w - 0.55 * s  # the plot's width; its height up to 1.6 times, above its legend
    high = min(1.6 * size, scatter_top - col[1] - 0.55 * s - 1.3 * s)
    free: list[tuple[float, ...]] = [(col[0], col[1], col[2], top)]
    if size > 1.2 * s and high > 1.2 * s:
        fig.text(x / W, scatter_top / H, t("moran_title", lang), ha="left", va="top",
                 fontsize=9.5 * s, fontweight="bold", color=palette.TEXT)
        ax = fig.add_axes(((x + 0.55 * s) / W, (scatter_top - 0.55 * s - high) / H, size / W,
                           high / H))
        stat = draw_moran(ax, result, lang=lang, fontsize=7.0 * s,
                          wrap=layout.credit_chars(w - 1.3 * s, 7.0 * s))
        if stat:
            fig.text(x / W, (scatter_top - 0.25 * s) / H, stat, ha="left", va="top",
                     fontsize=7.5 * s, color="#444444")
        tight = ax.get_tightbbox(renderer)  # the plot with its labels and legend
        bottom = (tight.y0 if tight is not None else 0.0) / fig.dpi - 0.2 * s
        free = ([(x, col[1], w, bottom)] + free) if two else [(col[0], col[1], col[2], bottom)]
    layout.place_locator(fig, result, frame, free, lang=lang)
    chars = layout.credit_chars(W - 2 * m, layout.CREDIT_PT * max(s, 1.0))
    fig.text(m / W, 0.06 / H, textwrap.fill(credit_line(result, lang), chars), ha="left",
             va="bottom", fontsize=layout.CREDIT_PT * max(s, 1.0), linespacing=1.25,
             color=palette.ILLUSTRATIVE if result.illustrative else "#444444")
    return fig


def lisa_report_figure(result: Analysis, *, lang: str | None = None,
                       width_cm: float | None = None) -> Figure:
    """Return the LISA cluster map drawn for the report's text width (``width_cm``, 16.5 cm)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from . import layout, palette
    from ._layers import layers
    from .captions import credit_line

    lang = check_lang(lang)
    width = layout.FIGURE_WIDTH_CM if width_cm is None else float(width_cm)
    credit = credit_line(result, lang, date=True)
    chars = layout.credit_chars(width / 2.54 - 0.12)
    aspect = layout.province_aspect(layers(result.communes)["communes"].total_bounds)
    frame = layout.figure_frame(width, aspect, footer_lines=len(textwrap.wrap(credit, chars)) + 1)
    fig = Figure(figsize=(frame.width, frame.height), dpi=100)
    FigureCanvasAgg(fig)
    W, H = frame.width, frame.height
    classes = _draw_lisa(fig.add_axes(layout._fraction(fig, frame.map)), result)
    col = frame.columns[0]
    wrap = layout.credit_chars(col[2] - 0.35, LEGEND_PT)
    legend = _legend(fig, result, classes, (col[0] / W, (col[1] + col[3]) / H), lang=lang,
                     size=LEGEND_PT, wrap=wrap)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # Agg canvas
    top = legend.get_window_extent(renderer).y0 / fig.dpi - 0.1
    fig.text(col[0] / W + 0.01, top / H, textwrap.fill(_lisa_note(result, lang), wrap),
             ha="left", va="top", fontsize=LEGEND_PT, color="#444444")
    fig.text(frame.margin / W, 0.06 / H, textwrap.fill(credit, chars), ha="left", va="bottom",
             fontsize=layout.CREDIT_PT, linespacing=1.25,
             color=palette.ILLUSTRATIVE if result.illustrative else "#444444")
    return fig
