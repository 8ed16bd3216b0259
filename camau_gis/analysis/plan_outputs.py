"""Write a plan: ``plan.csv``, ``plan.xlsx`` and the ``plan`` layer of ``communes.gpkg``.

``plan.csv``/``plan.xlsx`` list the new models in order of marginal gain with
localised headers (``plan_col_*`` in :mod:`camau_gis.i18n`); the XLSX has a
second sheet with the coverage before and after and the options. The
``plan`` layer holds one polygon per commune with
:data:`~camau_gis.analysis.planning.UNIT_COLUMNS` (stable keys).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._atomic import atomic_path
from ..export.tables import NUMBER_FORMATS, _write_xlsx, write_csv
from ..i18n import t
from .planning import PLAN_COLUMNS

if TYPE_CHECKING:
    import pandas as pd

    from .planning import Plan

#: Excel number formats of the plan table.
PLAN_FORMATS = {"order": "0", "gain": "#,##0.##", "n_served": "0", "cum_served": "0",
                "cum_weight": "#,##0.##", "cum_share": "0.0%"}


def plan_frame(the_plan: Plan, lang: str = "vi") -> pd.DataFrame:
    """Return the plan table with localised headers and yes/no values."""
    table = the_plan.table.copy()
    table["forced"] = [t("yes" if v else "no", lang) for v in table["forced"]]
    return table.rename(columns={k: t(f"plan_col_{k}", lang) for k in PLAN_COLUMNS})


def summary_rows(the_plan: Plan, lang: str = "vi") -> list[tuple[str, str]]:
    """(label, value) rows: coverage before/after, minimum, options (XLSX sheet, report)."""
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


def subtitle(the_plan: Plan, lang: str = "vi") -> str:
    """One line saying what was solved: budget or minimum, service rule, weight."""
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


def write_plan_tables(the_plan: Plan, out: Path, *, lang: str = "vi") -> dict[str, Path]:
    """Write ``plan.csv`` and ``plan.xlsx`` into ``out``."""
    import pandas as pd

    frame = plan_frame(the_plan, lang)
    written = {"plan.csv": write_csv(out / "plan.csv", frame)}
    keys = list(PLAN_COLUMNS)
    saved = dict(NUMBER_FORMATS)
    NUMBER_FORMATS.update(PLAN_FORMATS)
    try:
        rows = summary_rows(the_plan, lang)
        info = pd.DataFrame({t("col_value", lang): [v for _, v in rows]},
                            index=[k for k, _ in rows]).reset_index(names=[""])
        written["plan.xlsx"] = _write_xlsx(
            out / "plan.xlsx",
            [(t("plan_title", lang), frame, keys, False),
             (t("plan_before", lang) + "–" + t("plan_after", lang), info, ["label", "value"],
              False)],
            [], lang)
    finally:
        NUMBER_FORMATS.clear()
        NUMBER_FORMATS.update(saved)
    return written


def add_plan_layer(the_plan: Plan, gpkg: str | Path) -> Path:
    """Add (or replace) the ``plan`` layer of ``gpkg`` (one polygon per commune)."""
    gpkg = Path(gpkg)
    units = the_plan.units.copy()
    for col in ("has_model", "served_before", "served_after"):
        units[col] = units[col].astype(bool)
    import shutil

    with atomic_path(gpkg) as tmp:
        shutil.copyfile(gpkg, tmp)  # the other layers stay; the file is replaced whole
        units.to_file(tmp, layer="plan", driver="GPKG", engine="pyogrio")
    return gpkg
