"""The main job: boundaries + register -> analysis -> maps, tables and images in one folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import settings

if TYPE_CHECKING:
    from .analysis import Analysis


def run_analysis(
    *,
    boundaries: str | Path | None = None,
    layer: str | None = None,
    province: str | None = None,
    columns: dict[str, str] | None = None,
    crs: str | None = None,
    register: str | Path | None = None,
    c19: str | Path | None = None,
    register_columns: dict[str, str] | None = None,
    year: int | None = None,
    compare: tuple[int, int] | None = None,
    admin: str = "2019",
    bac_lieu: str | Path | None = None,
    lang: str | None = None,
) -> Analysis:
    """Load boundaries and register, match them and analyse coverage.

    Parameters are those of :func:`build` without the output options. With
    ``admin="2025"`` the communes of old Cà Mau (``boundaries``) and old
    Bạc Liêu are matched and analysed in their 2019 units, then carried to the
    64 units of the merged province through the crosswalk.
    """
    from .errors import CamauGisError

    if admin not in ("2019", "2025"):
        raise CamauGisError(
            f"--admin {admin!r}: use 2019 (district era) or 2025 (merged province)."
        )
    if admin == "2025":
        from .crosswalk import load_merged_communes

        communes = load_merged_communes(ca_mau=boundaries, bac_lieu=bac_lieu)
    else:
        from .boundaries import load_communes

        communes = load_communes(
            boundaries, province=province, layer=layer, columns=columns, crs=crs
        )

    from .analysis import analyze
    from .register import match_register, read_register

    reg = read_register(register, c19, columns=register_columns)
    matched = match_register(reg, communes)
    result = analyze(communes, matched, year=year, compare=compare, lang=lang)
    if admin == "2025":
        from .crosswalk import to_2025

        result = to_2025(result, lang=lang)
    result.meta["admin"] = admin
    result.meta.setdefault("boundaries", str(boundaries or "vietnam63 (shapefiles/)"))
    return result


def build(
    out_dir: str | Path | None = None,
    *,
    lang: str | None = None,
    online: bool = False,
    dpi: int = 300,
    page: str = "A4-landscape",
    scheme: str = "NaturalBreaks",
    **analysis_options: Any,
) -> dict[str, Path]:
    """Run the whole job and write every output to ``out_dir``.

    Parameters
    ----------
    out_dir : str or Path, optional
        Output folder; default :data:`camau_gis.settings.outputs_dir`.
    lang : {"vi", "en"}, optional
        Language of maps and reports; default :data:`camau_gis.settings.language`.
    online : bool
        Keep CDN links in the HTML map instead of inlining the libraries.
    dpi : int
        Resolution of the PNG map.
    page : str
        Page preset of the static map, e.g. ``"A4-landscape"``.
    scheme : str
        mapclassify scheme for the models-per-commune layer.
    **analysis_options
        Passed to :func:`run_analysis` (boundaries, register, year, admin…).

    Returns
    -------
    dict
        Output name -> path.
    """
    from .i18n import check_lang
    from .render.html import check_scheme

    lang = check_lang(lang or settings.language)  # option errors before any work
    check_scheme(scheme)
    # input errors surface before anything is written
    result = run_analysis(lang=lang, **analysis_options)

    from .analysis.outputs import write_tables
    from .render.html import build_map, save_map
    from .render.static import plot_map, save_figure

    out = Path(out_dir or settings.outputs_dir)
    out.mkdir(parents=True, exist_ok=True)
    result.meta["lang"] = lang
    written: dict[str, Path] = {}
    written.update(write_tables(result, out, lang=lang))
    m = build_map(result, lang=lang, online=online, scheme=scheme)
    written["coverage_map.html"] = save_map(m, out / "coverage_map.html")
    fig, _ = plot_map(result, kind="coverage", lang=lang, page=page)
    written["coverage_map.png"] = save_figure(fig, out / "coverage_map.png", dpi=dpi)
    if result.meta.get("admin") == "2025":
        from .crosswalk import write_outputs

        written.update(write_outputs(result, out, lang=lang, online=online))
    return written
