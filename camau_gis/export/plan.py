"""Write a plan: ``plan.csv``, ``plan.xlsx`` and the ``plan`` layer of ``communes.gpkg``.

``plan.csv``/``plan.xlsx`` list the new models in order of marginal gain with
localised headers (``plan_col_*`` in :mod:`camau_gis.i18n`); the XLSX has a
second sheet with the coverage before and after and the options. The
``plan`` layer holds one polygon per commune with
:data:`~camau_gis.analysis.planning.UNIT_COLUMNS` (stable keys).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .._atomic import atomic_path
from ..analysis.plan_text import plan_frame, summary_rows
from ..analysis.planning import PLAN_COLUMNS
from ..i18n import check_lang, t
from .tables import NUMBER_FORMATS, _write_xlsx, write_csv

if TYPE_CHECKING:
    from ..analysis.planning import Plan

#: Excel number formats of the plan table.
PLAN_FORMATS = {"order": "0", "gain": "#,##0.##", "n_served": "0", "cum_served": "0",
                "cum_weight": "#,##0.##", "cum_share": "0.0%"}


def write_plan_tables(the_plan: Plan, out: Path, *, lang: str | None = None) -> dict[str, Path]:
    """Write ``plan.csv`` and ``plan.xlsx`` into ``out``."""
    import pandas as pd

    lang = check_lang(lang)
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
