"""``camau_gis.plan``: analyse, plan N new models (or the fewest for full service), write it all.

Outputs (all written together or none, :func:`camau_gis._atomic.staging`):
``plan.csv`` / ``plan.xlsx`` (new models in order of marginal gain), the
analysis tables with ``communes.gpkg`` carrying a ``plan`` layer and QGIS
styles, ``plan_map.html`` (the HTML map with the plan theme and panel),
``plan_map.png`` (static plan map) and, with ``report=True``, the Word report
with the section "Đề xuất vị trí mô hình mới".
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import settings

if TYPE_CHECKING:
    from .analysis.planning import Plan

#: Hidden manifest of the files a plan run wrote (see :mod:`camau_gis.pipeline`).
PLAN_MANIFEST = ".camau-gis-plan.json"

#: Options of :func:`camau_gis.analysis.planning.make_plan` accepted by :func:`plan`.
PLAN_OPTIONS = ("rule", "distance_km", "distance_from", "weight", "weights_file", "weight_unit",
                "exclude", "force", "c19_mode", "c19_factor", "time_limit")


def plan(out_dir: str | Path | None = None, *, models: int | None = None,
         lang: str | None = None, report: bool = False, dpi: int = 200,
         write: bool = True, **options: Any) -> tuple[Plan, dict[str, Path]]:
    """Plan new models on the analysis of a year and write the plan's outputs.

    Parameters
    ----------
    out_dir : str or Path, optional
        Output folder; default :data:`camau_gis.settings.outputs_dir`.
    models : int, optional
        Budget N of new models (MCLP). None: the fewest models that serve
        every commune (LSCP).
    lang : {"vi", "en"}, optional
        Language of every output; default :data:`camau_gis.settings.language`.
    report : bool
        Also write ``report.docx``/``report.html`` with the plan section.
    dpi : int
        Resolution of ``plan_map.png``.
    write : bool
        False: return the plan only (no file written).
    **options
        Planning options (:data:`PLAN_OPTIONS`: ``rule``, ``distance_km``,
        ``distance_from``, ``weight``, ``weights_file``, ``weight_unit``,
        ``exclude``, ``force``, ``c19_mode`` (criterion 19: ignore, weight,
        require), ``c19_factor``, ``time_limit`` in seconds), and the analysis
        options of :func:`camau_gis.pipeline.run_analysis` (``boundaries``,
        ``register``, ``c19``, ``year``, ``admin`` …), or ``result=`` an
        :class:`~camau_gis.analysis.result.Analysis` already computed.

    Returns
    -------
    tuple
        ``(plan, {file name: path})``.
    """
    from .analysis.planning import make_plan
    from .i18n import check_lang

    lang = check_lang(lang or settings.language)
    plan_opts = {k: options.pop(k) for k in list(options) if k in PLAN_OPTIONS}
    if "c19_mode" in plan_opts:
        plan_opts["c19"] = plan_opts.pop("c19_mode")
    for key in ("exclude", "force"):
        if key in plan_opts:
            plan_opts[key] = tuple(plan_opts[key] or ())
    result = options.pop("result", None)
    if result is None:
        from .pipeline import run_analysis

        result = run_analysis(lang=lang, **options)
    elif options:
        from .errors import OptionError
        from .i18n import Msg

        raise OptionError(Msg("pl_result_options", options=str(sorted(options))))
    result.meta["lang"] = lang
    the_plan = make_plan(result, models, lang=lang, **plan_opts)
    if not write:
        return the_plan, {}
    from .pipeline import _write_staged

    written = _write_staged(result, out_dir, PLAN_MANIFEST, lambda stage: write_plan(
        the_plan, stage, lang=lang, report=report, dpi=dpi))
    return the_plan, written


def write_plan(the_plan: Plan, out: Path, *, lang: str, report: bool = False, dpi: int = 200
               ) -> dict[str, Path]:
    """Write every output of ``the_plan`` into ``out`` (a staging folder)."""
    from .export.plan import add_plan_layer, write_plan_tables
    from .export.tables import write_tables
    from .pipeline import style_gpkg
    from .render.html import build_map, save_map
    from .render.plan import add_plan_panel, plan_figure
    from .render.static import save_figure

    result = the_plan.analysis
    written: dict[str, Path] = dict(write_tables(result, out, lang=lang))
    written.update(write_plan_tables(the_plan, out, lang=lang))
    add_plan_layer(the_plan, written["communes.gpkg"])
    style_gpkg(written, lang=lang)
    result.extra["plan"] = the_plan
    try:
        m = build_map(result, lang=lang)
    finally:
        result.extra.pop("plan", None)
    written["plan_map.html"] = save_map(add_plan_panel(m), out / "plan_map.html")
    fig = plan_figure(the_plan, lang=lang)
    written["plan_map.png"] = save_figure(fig, out / "plan_map.png", dpi=dpi)
    if report:
        from .report import write_report
        from .report.sections import plan_section

        sections = [plan_section(the_plan, written["plan_map.png"], lang=lang)]
        result.extra["plan"] = the_plan
        written.update(write_report(result, out, lang=lang, dpi=dpi, sections=sections))
    return written
