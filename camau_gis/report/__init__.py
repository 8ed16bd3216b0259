"""Reports: Word and HTML documents for report writers."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._atomic import staged
from ..i18n import Msg, check_lang

if TYPE_CHECKING:
    from ..analysis.result import Analysis

__all__ = ["FIGURE_PREFIX", "write_report"]

#: File names of the report's own figures start with this (``report_coverage_map.png``).
FIGURE_PREFIX = "report_"


@staged()  # all files or none; see camau_gis._atomic.staging
def write_report(
    result: Analysis,
    out_dir: str | Path,
    *,
    lang: str | None = None,
    maps: dict[str, str | Path] | None = None,
    dpi: int = 200,
    page: str = "A4-landscape",
    basename: str = "report",
    sections: list[Any] | None = None,
    spatial: bool = True,
) -> dict[str, Path]:
    """Write the Word report and the standalone HTML report.

    Both hold the headline figures, the maps, the district summary table, the
    ranked list of uncovered communes and notes on data vintage and on
    register rows that matched no commune.

    Parameters
    ----------
    result : Analysis
        Analysis result.
    out_dir : str or Path
        Output folder (created if missing).
    lang : {"vi", "en"}
        Language of the reports.
    maps : dict, optional
        Map kind -> PNG already rendered (e.g. by ``camau-gis maps --for-report``);
        default: the four maps are drawn here as figures for the report's text
        width (:data:`camau_gis.render.layout.FIGURE_WIDTH_CM`), under names of
        their own (``report_<kind>_map.png``), so the stand-alone maps of
        ``build``/``maps`` in the same folder are never replaced.
    dpi : int
        Resolution of maps drawn here.
    page : str
        Kept for compatibility: report figures are sized for the page's text
        width, not for a map page.
    basename : str
        File name stem of the reports.
    sections : list of Section, optional
        Extra sections placed after the spatial analysis (e.g. the plan,
        :func:`camau_gis.report.sections.plan_section`).
    spatial : bool
        Add the spatial-analysis section (LISA map, Moran scatter plot, drawn
        into ``out_dir`` as ``lisa_map.png`` and ``moran_scatter.png``).

    Returns
    -------
    dict
        ``{"report.docx": path, "report.html": path}`` plus the maps drawn here.
    """
    from ..render.static import check_result
    from ._content import build_content
    from .docx import write_docx
    from .html import write_html

    lang = check_lang(lang)
    check_result(result)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    if maps is None:
        from ..render.static import KINDS, save_maps

        drawn = save_maps(result, out, kinds=KINDS, formats=("png",), lang=lang, page=page,
                          dpi=dpi, figure=True, prefix=FIGURE_PREFIX)
        written.update(drawn)
        maps = {name[len(FIGURE_PREFIX):].split("_map.")[0]: path for name, path in drawn.items()}
    missing = [f"{kind}: {p}" for kind, p in maps.items() if not Path(p).is_file()]
    if missing:
        from ..errors import InputError

        raise InputError(Msg(
            "rep_maps_missing", missing="; ".join(missing))
        )
    content = build_content(result, {k: Path(v) for k, v in maps.items()}, lang)
    if spatial:  # issue 22: LISA map and Moran scatter with a plain reading
        from .sections import spatial_section

        found = spatial_section(result, out, lang=lang, dpi=dpi)
        if found is not None:
            content.sections.append(found[0])
            written.update(found[1])
    content.sections.extend(sections or [])
    written[f"{basename}.docx"] = write_docx(content, out / f"{basename}.docx")
    written[f"{basename}.html"] = write_html(content, out / f"{basename}.html")
    return written
