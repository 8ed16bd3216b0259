"""The texts and tables of a plan: its table with localised headers, summary rows, subtitle.

``plan_col_*`` headers come from :mod:`camau_gis.i18n`; the files are written by
:mod:`camau_gis.export.plan`, the figures drawn by :mod:`camau_gis.render.plan`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..i18n import check_lang, t
from .planning import PLAN_COLUMNS

if TYPE_CHECKING:
    import pandas as pd

    from .planning import Plan

def plan_frame(the_plan: Plan, lang: str | None = None) -> pd.DataFrame:
    """Return the plan table with localised headers and yes/no values."""
    lang = check_lang(lang)
    table = the_plan.table.copy()
    table["forced"] = [t("yes" if v else "no", lang) for v in table["forced"]]
    return table.rename(columns={k: t(f"plan_col_{k}", lang) for k in PLAN_COLUMNS})


def summary_rows(the_plan: Plan, lang: str | None = None) -> list[tuple[str, str]]:
    """(label, value) rows: coverage before/after, minimum, options (XLSX sheet, report)."""
    lang = check_lang(lang)
    s = the_plan.summary

    def pct(v: Any) -> str:
        return "" if v is None else f"{100 * v:.1f}%"

    rows = [
        (t("plan_served_units", lang) + " — " + t("plan_before", lang),
         f"{s['served_before']}/{s['units_counted']}"),
        (t("plan_served_units", lang) + " — " + t("plan_after", lang),
         f"{s['served_after']}/{s['units_counted']}"),
        (t("plan_served_share", lang) + " — " + t("plan_before", lang), pct(s["share_before"])),
        (t("plan_served_share", lang) + " — " + t("plan_after", lang), pct(s["share_after"])),
    ]
    if s.get("minimum_full") is not None:
        rows.append(("LSCP", t("plan_minimum", lang).format(n=s["minimum_full"])))
    rows.append(("", subtitle(the_plan, lang)))
    rows += [("", m) for m in the_plan.messages]
    return rows


def subtitle(the_plan: Plan, lang: str | None = None) -> str:
    """One line saying what was solved: budget or minimum, service rule, weight."""
    lang = check_lang(lang)
    s = the_plan.summary
    if s["rule"] == "adjacent":
        rule = t("plan_rule_adjacent", lang)
    else:
        rule = t("plan_rule_distance", lang).format(
            d=f"{s['distance_km']:g}", frm=t(f"plan_from_{s['distance_from']}", lang))
    weight = (t(f"plan_weight_{s['weight']}", lang) if s["weight"] in ("equal", "area")
              else s["weight"] + (f" ({s['weight_unit']})" if s.get("weight_unit") else ""))
    if s["c19"] != "ignore":
        weight += f"; --c19 {s['c19']}"
    key = "plan_sub_lscp" if s["models"] is None else "plan_sub_mclp"
    n = s["placed"] if s["models"] is None else s["models"]
    return t(key, lang).format(n=n, rule=rule, weight=weight)
