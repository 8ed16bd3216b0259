"""The main job: boundaries + register -> analysis -> maps, tables and images in one folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import settings

if TYPE_CHECKING:
    from collections.abc import Callable

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

    Raises
    ------
    OptionError
        ``admin`` is unknown, or an option it would ignore is given
        (``province``/``layer``/``columns``/``crs`` with 2025, ``bac_lieu``
        with 2019).
    """
    from .errors import OptionError

    if admin not in ("2019", "2025"):
        raise OptionError(
            f"--admin {admin!r}: use 2019 (district era) or 2025 (merged province)."
        )
    _check_admin_options(admin, province=province, layer=layer, columns=columns, crs=crs,
                         bac_lieu=bac_lieu)
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
    _warn_attention(matched)
    result = analyze(communes, matched, year=year, compare=compare, lang=lang)
    if admin == "2025":
        from .crosswalk import to_2025

        result = to_2025(result, lang=lang)
    result.meta["admin"] = admin
    # the files read, so that no output is written over one of them (_atomic.guard_inputs)
    result.meta["inputs"] = {"--register": register, "--c19": c19, "--boundaries": boundaries,
                             "--bac-lieu": bac_lieu}
    result.meta.setdefault("boundaries", str(boundaries or "vietnam63 (shapefiles/)"))
    return result


def _check_admin_options(admin: str, **options: Any) -> None:
    """Refuse options the chosen ``admin`` would ignore (OptionError, exit 2), before any work."""
    from .errors import OptionError

    def flag(name: str) -> str:
        return "--" + name.replace("_", "-")

    if admin == "2025":
        given = [flag(k) for k in ("province", "layer", "columns", "crs") if options.get(k)]
        if given:
            raise OptionError(
                f"{', '.join(given)}: not used with --admin 2025, which reads old Cà Mau "
                "(--boundaries) and old Bạc Liêu (--bac-lieu) as whole canonical layers; "
                "convert a layer that needs them first (camau-gis boundaries import FILE "
                f"{' '.join(f'{g} …' for g in given)}) and pass the file it writes, "
                "or drop the option."
            )
    elif options.get("bac_lieu"):
        raise OptionError(
            "--bac-lieu: only used with --admin 2025 (the merged province); add --admin 2025 "
            "or drop the option."
        )


def _warn_attention(matched: Any) -> None:
    """Warn when register rows need attention: the outputs would otherwise look complete."""
    s = matched.summary()
    if not s["needs_attention"]:
        return
    import warnings

    none = s["joined"] == 0 and s["rows"] > 0
    warnings.warn(
        (f"none of the {s['rows']} register row(s) joined a commune of the boundaries: the "
         "outputs count no model; check the register's commune and district names (or "
         "--boundaries/--province). " if none else
         f"{s['needs_attention']} of {s['rows']} register row(s) need attention (not joined "
         "to a commune, or joined with a doubt) and may be left out of the counts. ")
        + "Each is listed with its reason in match_report.csv; `camau-gis register check` "
        "prints them.",
        UserWarning,
        stacklevel=3,
    )


#: Hidden file in the output folder listing the files of the last ``analyze``
#: run (see :data:`BUILD_MANIFEST`): a stale ``no_data_units.csv`` or
#: ``--compare`` table of an earlier run is removed, files of ``build`` are not.
ANALYZE_MANIFEST = ".camau-gis-analyze.json"


def write_analysis(result: Analysis, out_dir: str | Path | None = None, *,
                   lang: str | None = None) -> dict[str, Path]:
    """Write the tables of an analysis (``camau-gis analyze``): all of them or none.

    Parameters
    ----------
    result : Analysis
        Output of :func:`run_analysis`.
    out_dir : str or Path, optional
        Output folder; default :data:`camau_gis.settings.outputs_dir`.
    lang : {"vi", "en"}, optional
        Language of headers and reasons.

    Returns
    -------
    dict
        Output name -> path: the tables of
        :func:`camau_gis.analysis.outputs.write_tables` and, for a 2025
        analysis with units outside the register's coverage,
        ``no_data_units.csv`` (as :func:`build` writes it).
    """
    from .analysis.outputs import write_tables
    from .crosswalk.outputs import write_no_data

    def write(stage: Path) -> dict[str, Path]:
        written = write_tables(result, stage, lang=lang)
        if str(result.meta.get("admin", "")) == "2025":
            written.update(write_no_data(result, stage, lang=lang))
        return written

    return _write_staged(result, out_dir, ANALYZE_MANIFEST, write)


def _write_staged(result: Analysis, out_dir: str | Path | None, manifest: str,
                  write: Callable[[Path], dict[str, Path]]) -> dict[str, Path]:
    """Run ``write(stage)`` in a staging folder, refuse to replace an input, move all into place.

    A failed run leaves the previous outputs of ``out_dir`` untouched; the
    returned paths are those in ``out_dir`` (:func:`camau_gis._atomic.staging`).
    """
    from ._atomic import guard_inputs, relocate, staging

    out = Path(out_dir or settings.outputs_dir)
    with staging(out, manifest=manifest) as stage:
        written = relocate(write(stage), stage, out)
        guard_inputs(written.values(), result.meta.get("inputs", {}))
    return written


#: Hidden file in the output folder listing the files of the last build: a
#: build removes what the previous one wrote and it did not (a ``--compare``
#: table, the crosswalk files of an ``--admin 2025`` run), never other files.
BUILD_MANIFEST = ".camau-gis-build.json"


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
        mapclassify scheme of the models-per-commune classes of every map (HTML and static).
    **analysis_options
        Passed to :func:`run_analysis` (boundaries, register, year, admin…).

    Returns
    -------
    dict
        Output name -> path.

    Raises
    ------
    OutputError
        If ``out_dir`` cannot be written to.

    Notes
    -----
    All outputs are written into a hidden staging folder inside ``out_dir``
    and moved into place together, under a lock, at the end
    (:func:`camau_gis._atomic.staging`): a run that fails leaves the previous
    outputs untouched, and of two runs into one folder the folder ends with
    the complete set of one of them. Files of the previous build that this
    one does not write are removed (listed in :data:`BUILD_MANIFEST`).
    """
    from .i18n import check_lang
    from .render.html import check_scheme

    lang = check_lang(lang or settings.language)  # option errors before any work
    check_scheme(scheme)
    # input errors surface before anything is written
    result = run_analysis(lang=lang, **analysis_options)

    result.meta["lang"] = lang
    result.meta["scheme"] = check_scheme(scheme)  # one classification for every map of the run
    # every file goes to a hidden per-run folder first, then moves into the
    # output folder under a lock: a failed run leaves the previous outputs,
    # two runs never mix
    return _write_staged(result, out_dir, BUILD_MANIFEST, lambda stage: _write_all(
        result, stage, lang=lang, online=online, dpi=dpi, page=page, scheme=scheme))


def _write_all(result: Analysis, out: Path, *, lang: str, online: bool, dpi: int, page: str,
               scheme: str) -> dict[str, Path]:
    """Write the outputs of :func:`build` into ``out`` (its staging folder)."""
    from .analysis.outputs import write_tables
    from .render.html import build_map, save_map
    from .render.static import plot_map, save_figure

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
