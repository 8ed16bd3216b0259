"""Pictures of the plan and of the spatial analysis: static maps, Moran scatter, HTML themes.

* :func:`plan_figure`: the plan map (proposed communes numbered in order of
  gain, the communes they serve shaded, before/after shares in the legend).
* :func:`lisa_figure`: the LISA cluster map as GeoDa draws it (HH/LL/HL/LH/not
  significant, the permutation count and significance level in the legend).
* :func:`moran_figure`: the Moran scatter plot (standardised coverage against
  its spatial lag, slope = Moran's I).
* :func:`extra_themes` / :func:`plan_payload`: the LISA and plan themes and the
  plan panel data of the HTML map (:func:`camau_gis.render.html.build_map`
  calls them; nothing else of the page changes).

Colours are :data:`camau_gis.render.palette.PLAN` and
:data:`~camau_gis.render.palette.LISA`; texts come from :mod:`camau_gis.i18n`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..i18n import check_lang, fmt_percent, t
from . import palette
from .lisa import (  # noqa: F401 - the LISA figures, where callers found them
    ALPHA,
    LISA_CLASSES,
    _lisa_note,
    lisa_figure,
    lisa_table,
    moran_figure,
    moran_points,
    spatial_reading,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ..analysis.planning import Plan
    from ..analysis.result import Analysis

def _base(communes: Any, colors: list[str], title: str, subtitle: str, credit: str,
          page: str) -> tuple[Figure, Any]:
    """Draw a map page: communes filled with ``colors``, title, subtitle and credit line.

    District outlines are the dissolved communes closed by 60 m, holes under
    2 km² dropped (the data's slivers would otherwise draw as dashes and specks).
    """
    import textwrap

    from .static import new_figure

    fig = new_figure(page)
    ax = fig.add_axes((0.02, 0.06, 0.56, 0.80))
    ax.set_axis_off()
    ax.set_aspect("equal")
    geo = communes.to_crs("EPSG:32648")
    geo.plot(ax=ax, color=colors, edgecolor="#FFFFFF", linewidth=0.4)
    if "district" in geo and geo["district"].nunique() > 1:
        from .static import _close_district

        outline = geo[["district", "geometry"]].dissolve("district").geometry.map(
            _close_district)  # the static maps' rule: slivers closed, small holes dropped
        outline.boundary.plot(ax=ax, color=palette.DISTRICT_EDGE, linewidth=0.9)
    fig.text(0.02, 0.955, title, fontsize=16, fontweight="bold", va="top")
    fig.text(0.02, 0.905, "\n".join(textwrap.wrap(subtitle, 130)), fontsize=10, va="top")
    fig.text(0.02, 0.02, "\n".join(textwrap.wrap(credit, 190)), fontsize=7, color="#555555")
    return fig, ax


def _legend(fig: Figure, items: list[tuple[str, str, int]], anchor: tuple[float, float],
            title: str, notes: list[str]) -> None:
    """Legend of class patches with counts; ``notes`` as wrapped lines below it."""
    import textwrap

    from matplotlib.patches import Patch

    handles = [Patch(facecolor=c, edgecolor="#888888",
                     label="\n".join(textwrap.wrap(f"{label} ({n})", 48)))
               for label, c, n in items]
    leg = fig.legend(handles=handles, loc="upper left", bbox_to_anchor=anchor, frameon=False,
                     fontsize=9, title=title, title_fontsize=10, alignment="left")
    leg.get_title().set_fontweight("bold")
    box = leg.get_window_extent(fig.canvas.get_renderer()).transformed(  # type: ignore[attr-defined]
        fig.transFigure.inverted())
    y = box.y0 - 0.02
    for note in notes:
        text = "\n".join(textwrap.wrap(note, 52))
        fig.text(anchor[0] + 0.008, y, text, fontsize=9, va="top")
        y -= 0.032 * (text.count("\n") + 1) + 0.015


def plan_figure(the_plan: Plan, *, lang: str | None = None, page: str = "A4-landscape") -> Figure:
    """Return the static plan map (chosen communes numbered, served communes shaded)."""
    import shapely

    from ..analysis.plan_text import subtitle
    from ..analysis.planning import STATUSES
    from .static import credit_line

    lang = check_lang(lang)
    units = the_plan.units
    status = units["plan_status"].astype(str)
    colors = [palette.PLAN[s] for s in status]
    result = the_plan.analysis
    fig, ax = _base(units, colors, t("plan_title", lang), subtitle(the_plan, lang),
                    credit_line(result, lang), page)
    geo = units.to_crs("EPSG:32648")
    chosen = geo[(units["plan_order"] > 0).to_numpy()].sort_values("plan_order")
    pts = shapely.point_on_surface(chosen.geometry.to_numpy())
    for (_, row), pt in zip(chosen.iterrows(), pts, strict=True):
        ax.annotate(f"{int(row['plan_order'])}. {row['name']}", (pt.x, pt.y), fontsize=8,
                    ha="center", va="center", color="#000000", fontweight="bold",
                    bbox={"boxstyle": "round,pad=0.2", "fc": "#FFFFFF", "ec": "#7B3294",
                          "lw": 0.8, "alpha": 0.9})
    s = the_plan.summary
    items = [(t(f"plan_status_{k}", lang), palette.PLAN[k], int((status == k).sum()))
             for k in STATUSES if (status == k).any()]

    notes = [f"{t('plan_served_share', lang)}: {t('plan_before', lang)} "
             f"{fmt_percent(s['share_before'], lang)} → {t('plan_after', lang)} "
             f"{fmt_percent(s['share_after'], lang)}"]
    if s.get("minimum_full") is not None:
        notes.append(t("plan_minimum", lang).format(n=s["minimum_full"]))
    _legend(fig, items, (0.60, 0.86), t("legend", lang), notes)
    return fig


def extra_themes(result: Analysis, lang: str) -> list[tuple[dict, list]]:
    """``(theme, one value per commune)`` of the LISA theme and, with a plan, the plan theme."""
    themes: list[tuple[dict, list]] = []
    classes = lisa_table(result)
    if "lisa" in result.extra:
        items = [{"value": k, "label": t(f"lisa_{k}", lang), "color": palette.LISA[k],
                  "hatch": False} for k in LISA_CLASSES]
        if (classes == "").any():  # units outside the register's coverage (2025)
            items.append({"value": "", "label": t("cat_no_data", lang),
                          "color": palette.CATEGORY["no_data"], "hatch": True})
        themes.append(({"id": "lisa", "title": t("lisa_theme", lang), "field": "lisa",
                        "classes": items, "note": _lisa_note(result, lang)},
                       [str(v) for v in classes]))
    the_plan = result.extra.get("plan")
    if the_plan is not None:
        from ..analysis.planning import STATUSES

        present = set(the_plan.units["plan_status"].astype(str))
        items = [{"value": k, "label": t(f"plan_status_{k}", lang), "color": palette.PLAN[k],
                  "hatch": k == "no_data"} for k in STATUSES if k in present]
        themes.insert(0, ({"id": "plan", "title": t("plan_layer", lang), "field": "plan",
                           "classes": items, "note": ""},
                          the_plan.units["plan_status"].astype(str).tolist()))
    return themes


def plan_payload(result: Analysis, lang: str) -> dict | None:
    """Return the ``plan`` entry of the HTML payload: the list, before/after, options (or None)."""
    the_plan = result.extra.get("plan")
    if the_plan is None:
        return None
    from ..analysis.plan_text import subtitle

    s = the_plan.summary
    return {
        "title": t("plan_title", lang), "subtitle": subtitle(the_plan, lang),
        "rows": [{"order": int(r.order), "gso_code": r.gso_code, "name": r.name,
                  "district": r.district, "gain": float(r.gain), "serves": r.serves,
                  "cum_share": None if r.cum_share is None else float(r.cum_share)}
                 for r in the_plan.table.itertuples()],
        "before": {"served": s["served_before"], "share": s["share_before"]},
        "after": {"served": s["served_after"], "share": s["share_after"]},
        "units": s["units_counted"], "minimum_full": s["minimum_full"],
        "problem": s["problem"], "models": s["models"], "messages": the_plan.messages,
        "labels": {k: t(k, lang) for k in ("plan_before", "plan_after", "plan_served_share",
                                           "plan_served_units", "plan_col_order",
                                           "plan_col_name", "plan_col_serves")},
    }


#: Script of the plan panel: reads ``plan`` from the page's payload (through
#: ``window.camauGis``, set by map.js) and lists the proposed communes with the
#: coverage before and after; a row selects its commune. Text only through
#: ``textContent`` (register and boundary names are never parsed as HTML).
_PANEL_JS = """
(function start(tries) {
  var G = window.camauGis;
  if (!G || !G.ready) {  /* map.js runs after this script: wait for it */
    if (tries < 200) { setTimeout(function () { start(tries + 1); }, 50); }
    return;
  }
  if (!G.data || !G.data.plan) { return; }
  var P = G.data.plan, Lb = P.labels;
  function pct(v) { return v === null || v === undefined ? "–" : (100 * v).toFixed(1) + "%"; }
  var Panel = L.Control.extend({ options: { position: "bottomleft" },
    onAdd: function () {
      var box = L.DomUtil.create("div", "cg-plan-panel leaflet-bar");
      box.id = "cg-plan-panel";
      L.DomEvent.disableClickPropagation(box); L.DomEvent.disableScrollPropagation(box);
      var h = L.DomUtil.create("h4", "", box);
      var ba = L.DomUtil.create("div", "cg-plan-ba", box);
      var body = L.DomUtil.create("div", "cg-plan-body", box);
      /* phones: title and before/after only; the list opens on a tap of the title */
      var open = window.innerWidth >= 600;
      function show() { body.style.display = open ? "" : "none";
        h.textContent = (open ? "\u25BE " : "\u25B8 ") + P.title; }
      L.DomEvent.on(h, "click", function () { open = !open; show(); });
      show();
      var sub = L.DomUtil.create("div", "cg-plan-sub", body); sub.textContent = P.subtitle;
      ba.textContent = Lb.plan_served_share + ": " + Lb.plan_before + " " + pct(P.before.share)
        + " → " + Lb.plan_after + " " + pct(P.after.share) + " (" + P.before.served + " → "
        + P.after.served + "/" + P.units + ")";
      var ol = L.DomUtil.create("ol", "cg-plan-list", body);
      P.rows.forEach(function (r) {
        var li = L.DomUtil.create("li", "", ol);
        li.setAttribute("data-code", r.gso_code);
        var b = L.DomUtil.create("b", "", li); b.textContent = r.name;
        var s = L.DomUtil.create("span", "", li);
        s.textContent = " (" + r.district + ") → " + r.serves + " · " + pct(r.cum_share);
        L.DomEvent.on(li, "click", function () { G.select(r.gso_code); });
      });
      P.messages.forEach(function (m) {
        var p = L.DomUtil.create("p", "cg-plan-msg", body); p.textContent = m;
      });
      return box;
    } });
  new Panel().addTo(G.map);
})(0);
"""

_PANEL_CSS = """
.cg-plan-panel { background: #fff; padding: 6px 10px; max-width: min(360px, 80vw);
  max-height: 40vh; overflow: auto; font: 12px/1.35 system-ui, sans-serif; }
.cg-plan-panel h4 { margin: 0 0 4px; font-size: 14px; cursor: pointer; }
.cg-plan-sub, .cg-plan-msg { color: #444; margin: 2px 0; }
.cg-plan-ba { font-weight: bold; margin: 4px 0; }
.cg-plan-list { margin: 4px 0 0 18px; padding: 0; }
.cg-plan-list li { cursor: pointer; margin: 2px 0; }
.cg-plan-list li:hover { background: #f1e8f5; }
"""


def add_plan_panel(m: Any) -> Any:
    """Add the plan panel (:data:`_PANEL_JS`) to a map built with a plan; return ``m``."""
    from branca.element import Element

    css = Element("{{ this.text }}")
    css.text = f"<style>{_PANEL_CSS}</style>"  # type: ignore[attr-defined]
    js = Element("{{ this.text }}")
    js.text = _PANEL_JS  # type: ignore[attr-defined]
    m.get_root().header.add_child(css, name="cg_plan_css")
    m.get_root().script.add_child(js, name="cg_plan_js")
    return m
