"""Extra report sections: the spatial analysis (LISA map, Moran scatter) and the plan.

Each function returns a :class:`~camau_gis.report._content.Section` that
:func:`camau_gis.report.write_report` places after the list of uncovered
communes (Word and HTML report alike).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import check_lang, fmt_percent, t
from ._content import Section, Table

if TYPE_CHECKING:
    from ..analysis.planning import Plan
    from ..analysis.result import Analysis


def spatial_section(result: Analysis, out: Path, *, lang: str | None = None, dpi: int = 200
                    ) -> tuple[Section, dict[str, Path]] | None:
    """Draw ``lisa_map`` and ``moran_scatter`` (PNG and SVG) into ``out``; the section showing them.

    None when the analysis has no LISA table (nothing to show).
    """
    lang = check_lang(lang)
    if result.extra.get("lisa") is None or not len(result.extra["lisa"]):
        return None
    from ..render.lisa import lisa_report_figure
    from ..render.plan import lisa_figure, moran_figure, spatial_reading
    from ..render.static import save_figure

    written: dict[str, Path] = {}
    # the page (lisa_map) for printing alone; the report shows a figure of its text width
    for name, draw in (("lisa_map", lisa_figure), ("report_lisa_map", lisa_report_figure),
                       ("moran_scatter", moran_figure)):
        fig = draw(result, lang=lang)
        for ext in ("png", "svg"):  # PNG for the report, SVG for editing/printing
            written[f"{name}.{ext}"] = save_figure(fig, out / f"{name}.{ext}", dpi=dpi)
    return Section(
        heading=t("report_spatial", lang),
        paragraphs=[spatial_reading(result, lang)],
        images=[(t("lisa_title", lang), written["report_lisa_map.png"]),
                (t("moran_title", lang), written["moran_scatter.png"])],
    ), written


def plan_section(the_plan: Plan, image: Path, *, lang: str | None = None) -> Section:
    """Return the section "Đề xuất vị trí mô hình mới": reading, map, table of new models."""
    from ..analysis.plan_text import subtitle

    lang = check_lang(lang)
    s = the_plan.summary

    if len(the_plan.table):
        reading = t("plan_reading", lang).format(
            n=len(the_plan.table), before=fmt_percent(s["share_before"], lang),
            after=fmt_percent(s["share_after"], lang),
            names=", ".join(the_plan.table["name"]))
    else:
        reading = t("plan_none", lang)
    paragraphs = [subtitle(the_plan, lang), reading]
    if s.get("minimum_full"):
        paragraphs.append(t("plan_minimum", lang).format(n=s["minimum_full"]))
    paragraphs += the_plan.messages
    keys = ("order", "name", "district", "n_served", "serves", "cum_share")
    rows = [[str(r.order), r.name, r.district, str(r.n_served), r.serves,
             fmt_percent(r.cum_share, lang)] for r in the_plan.table.itertuples()]
    return Section(
        heading=t("plan_title", lang), paragraphs=paragraphs,
        images=[(t("plan_title", lang), Path(image))],
        table=Table([t(f"plan_col_{k}", lang) for k in keys], rows) if rows else None,
    )
