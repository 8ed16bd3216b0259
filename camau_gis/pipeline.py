"""The main job: boundaries + register -> analysis -> maps, tables and images in one folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import settings
from .analysis.classes import check_scheme  # the one scheme check (also for the CLI)

if TYPE_CHECKING:
    from collections.abc import Callable

    from ._background import Job
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
    admin: str | None = None,
    bac_lieu: str | Path | None = None,
    lang: str | None = None,
) -> Analysis:
    """Load boundaries and register, match them and analyse coverage.

    Parameters are those of :func:`build` without the output options. Each
    register row of Cà Mau is matched in its own administrative vintage
    (:mod:`camau_gis.normalize.vintage`). ``admin=None`` (default) follows the
    register: rows all of 2019 units give the 2019 analysis (districts); a
    register with rows in 2025 units is analysed on the 64 units of the
    merged province, its 2019 rows carried through the crosswalk
    (:mod:`camau_gis.crosswalk.history`). ``admin="2025"`` always does the
    latter; ``admin="2019"`` reports rows of 2025 units and refuses a
    register that has only such rows. With 2025 units, ``boundaries`` is old
    Cà Mau, or an official file of the 2025 units (GSO 2025 codes,
    :func:`camau_gis.crosswalk.bounds.read_2025_boundaries`) drawn instead of
    the dissolve.

    Raises
    ------
    OptionError
        ``admin`` is unknown, an option it would ignore is given
        (``province``/``layer``/``columns``/``crs`` with 2025, ``bac_lieu``
        with 2019), or ``admin="2019"`` on a register of 2025 units.
    """
    from .errors import OptionError

    note_inputs(boundaries=boundaries, register=register, c19=c19, bac_lieu=bac_lieu)
    if admin not in (None, "2019", "2025"):
        from .i18n import t

        raise OptionError(t("run_admin_unknown", None).format(value=admin))
    _check_admin_options(admin or "2019", province=province, layer=layer, columns=columns,
                         crs=crs, bac_lieu=bac_lieu if admin == "2019" else None)
    from .crosswalk.bounds import is_2025_file
    from .register import read_register

    two_nine = admin == "2019" or any((province, layer, columns, crs))  # options of 2019 layers
    official_file = boundaries if not two_nine and is_2025_file(boundaries) else None
    if official_file is not None:
        admin, boundaries = "2025", None
    if admin == "2025" or (admin is None and bac_lieu is not None):
        admin = "2025"
        _check_admin_options(admin, province=province, layer=layer, columns=columns, crs=crs)
        from .crosswalk import load_merged_communes

        communes = load_merged_communes(ca_mau=boundaries, bac_lieu=bac_lieu)
        reg = read_register(register, c19, columns=register_columns)
        matched = _match(reg, communes, admin, lang)
    else:
        from .boundaries import load_communes

        communes = load_communes(
            boundaries, province=province, layer=layer, columns=columns, crs=crs
        )
        reg = read_register(register, c19, columns=register_columns)
        matched = _match(reg, communes, admin, lang)
        if admin is None and _has_2025_rows(matched):
            admin = "2025"
            try:
                _check_admin_options(admin, province=province, layer=layer, columns=columns,
                                     crs=crs)
            except OptionError as exc:
                from .i18n import t

                rv = getattr(matched, "register_vintage", {}).get("text", "")
                raise OptionError(t("run_register_2025", None).format(rv=rv, exc=exc)) from exc
            from .crosswalk import load_merged_communes

            communes = load_merged_communes(ca_mau=boundaries, bac_lieu=bac_lieu)
            matched = _match(reg, communes, admin, lang)
        admin = admin or "2019"
        if admin == "2019":
            _refuse_2025_register(matched, lang)
    _warn_attention(matched, lang)
    result: Analysis
    if admin == "2025":
        from .crosswalk.across import analyze_2025

        result = analyze_2025(communes, matched, year=year, compare=compare, lang=lang,
                              bac_lieu=bac_lieu, official=official_file)
    else:
        from .analysis import analyze

        result = analyze(communes, matched, year=year, compare=compare, lang=lang)
    result.meta["admin"] = admin
    rv = getattr(matched, "register_vintage", None)
    if rv:
        result.summary["register_vintage"] = rv
    # the files read, so that no output is written over one of them (_atomic.guard_inputs)
    result.meta["inputs"] = {"--register": register, "--c19": c19,
                             "--boundaries": boundaries or official_file, "--bac-lieu": bac_lieu}
    result.meta.setdefault("boundaries", str(official_file or boundaries
                                             or "vietnam63 (shapefiles/)"))
    _inputs_by_name(result)
    return result


def _inputs_by_name(result: Analysis) -> None:
    """Name the input files by file name in what the outputs show (summary.json, maps, reports).

    The absolute paths stay in ``meta["inputs"]`` (never written): they are for the
    check that no output replaces an input. A user's folder layout (``/home/…``) does
    not leak into files that are shared.
    """
    def name(value: Any) -> Any:
        if isinstance(value, (list, tuple)):
            return type(value)(name(v) for v in value)
        if isinstance(value, Path) or (isinstance(value, str) and ("/" in value or "\\" in value)
                                       and Path(value).exists()):
            return Path(value).name
        return value

    for key in ("sources",):
        if key in result.summary:
            result.summary[key] = name(result.summary[key])
    if "sources" in result.meta:
        result.meta["sources"] = name(result.meta["sources"])
    if "boundaries" in result.meta:
        result.meta["boundaries"] = name(result.meta["boundaries"])


def note_inputs(**paths: Any) -> None:
    """Record the input files of :func:`run_analysis`: no output of the command may replace them."""
    from ._atomic import note_input

    for name in ("boundaries", "register", "c19", "bac_lieu"):
        note_input(paths.get(name), "--" + name.replace("_", "-"))


def _match(reg: Any, communes: Any, admin: str | None, lang: str | None) -> Any:
    """Match the register; Cà Mau rows in their own vintage (2019 or 2025 units)."""
    from .register import match_register

    prov = set(communes["prov_code"].astype(str)) if "prov_code" in communes else set()
    if not prov or not prov <= {"96", "95"} or "96" not in prov:
        return match_register(reg, communes, lang=lang)  # another province: 2019 units only
    from .crosswalk.tables import matching_tables
    from .normalize.vintage import AMBIGUOUS, VintageIndex, register_vintage

    index = VintageIndex(communes, matching_tables())
    matched = match_register(reg, communes, lang=lang, vintages=index, admin=admin)
    vints = [v for df in (matched.models, matched.c19)
             for v, c in zip(df["match_vint"], df["match_code"], strict=True) if c]
    undecided = sum(int((df["match_vint"] == AMBIGUOUS).sum())
                    for df in (matched.models, matched.c19))
    rv = register_vintage(vints, undecided, lang)
    matched.register_vintage = rv  # type: ignore[attr-defined]
    matched.vintage_index = index  # type: ignore[attr-defined]
    if admin != "2019":
        from .crosswalk.across import count_duplicates_once

        count_duplicates_once(matched, lang)
    return matched


def match_for_check(reg: Any, boundaries: str | Path | None = None, *,
                    lang: str | None = None) -> Any:
    """Match a register as :func:`run_analysis` would (``camau-gis register check``).

    Rows are matched in their own vintage; with rows of 2025 units the 2019
    rows are matched against old Cà Mau and Bạc Liêu (when the Bạc Liêu
    layer can be had; otherwise against ``boundaries`` alone).
    ``matched.register_vintage["text"]`` says what the register is. Old
    Bạc Liêu comes from its canonical layer when present, else from the
    crosswalk's list of 2019 units (names and codes, no polygons): a check
    never downloads.
    """
    import pandas as pd

    from .boundaries import canonical_paths, load_communes

    communes = load_communes(boundaries)
    matched = _match(reg, communes, None, lang)
    if _has_2025_rows(matched) and "95" not in set(communes["prov_code"].astype(str)):
        from .crosswalk import crosswalk_table, load_merged_communes

        if canonical_paths(basename="bac_lieu_communes")["gpkg"].exists():
            merged = load_merged_communes(ca_mau=boundaries)
        else:
            cw = crosswalk_table()
            bl = cw[cw["old_pcode"] == "95"]
            merged = pd.concat([communes, pd.DataFrame({
                "gso_code": bl["old_code"], "name": bl["old_name"], "unit_type": bl["old_type"],
                "district": bl["old_dist"], "dist_code": bl["old_dcode"], "prov_code": "95",
                "vintage": "2019"})], ignore_index=True)
        matched = _match(reg, merged, "2025", lang)
    return matched


def _has_2025_rows(matched: Any) -> bool:
    return any("match_vint" in df and bool(((df["match_vint"] == "2025")
                                            & (df["match_code"] != "")).any())
               for df in (matched.models, matched.c19))


def _refuse_2025_register(matched: Any, lang: str | None) -> None:
    """``--admin 2019`` on a register of 2025 units only: refuse, naming a row and the reason."""
    if not all("match_vint" in df for df in (matched.models, matched.c19)):
        return
    rows = [(df, i) for df in (matched.models, matched.c19)
            for i in df.index[df["match_vint"] == "2025"]]
    old = sum(int(((df["match_vint"] == "2019") & (df["match_code"] != "")).sum())
              for df in (matched.models, matched.c19))
    if not rows or old:
        return
    from .errors import OptionError
    from .i18n import t

    lang = lang or settings.language
    df, i = rows[0]
    hit = matched.report[(matched.report["row"] == int(df.at[i, "_row"]))
                         & (matched.report["file"] == df.at[i, "_file"])]
    where = t("vint_where", lang).format(
        file=Path(str(df.at[i, "_file"])).name + (f' "{df.at[i, "_sheet"]}"'
                                                  if df.at[i, "_sheet"] else ""),
        row=df.at[i, "_row"])
    example = f"{where}: " + (str(hit["reason"].iloc[0]) if len(hit) else str(df.at[i, "commune"]))
    raise OptionError(t("vint_refuse_2019", lang).format(n=len(rows), example=example) + ".")


def _check_admin_options(admin: str, **options: Any) -> None:
    """Refuse options the chosen ``admin`` would ignore (OptionError, exit 2), before any work."""
    from .errors import OptionError
    from .i18n import t

    def flag(name: str) -> str:
        return "--" + name.replace("_", "-")

    if admin == "2025":
        given = [flag(k) for k in ("province", "layer", "columns", "crs") if options.get(k)]
        if given:
            raise OptionError(t("run_admin_2025_options", None).format(
                given=", ".join(given), args=" ".join(f"{g} …" for g in given)))
    elif options.get("bac_lieu"):
        raise OptionError(t("run_bac_lieu_only_2025", None))


def _warn_attention(matched: Any, lang: str | None = None) -> None:
    """Warn when register rows need attention: the outputs would otherwise look complete.

    The warning is a :class:`~camau_gis.i18n.Msg`: the CLI prints it in ``--lang``.
    """
    s = matched.summary()
    if not s["needs_attention"]:
        return
    import warnings

    from .i18n import Msg

    none = s["joined"] == 0 and s["rows"] > 0
    text = (Msg("reg_warn_none_joined", rows=s["rows"]) if none else
            Msg("reg_warn_attention", n=s["needs_attention"], rows=s["rows"]))
    warnings.warn(Msg("reg_warn_see_report", text=text), UserWarning, stacklevel=3)


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
        :func:`camau_gis.export.tables.write_tables` and, for a 2025
        analysis with units outside the register's coverage,
        ``no_data_units.csv`` (as :func:`build` writes it).
    """
    from .export.crosswalk import write_no_data
    from .export.tables import write_tables

    def write(stage: Path) -> dict[str, Path]:
        written = write_tables(result, stage, lang=lang)
        style_gpkg(written, lang=lang)
        if str(result.meta.get("admin", "")) == "2025":
            written.update(write_no_data(result, stage, lang=lang))
        return written

    return _write_staged(result, out_dir, ANALYZE_MANIFEST, write)


def style_gpkg(written: dict[str, Path], *, lang: str | None = None) -> None:
    """Give ``communes.gpkg`` (if written) its QGIS layer styles (:mod:`camau_gis.render.qgis`)."""
    if "communes.gpkg" in written:
        from .render.qgis import write_layer_styles

        write_layer_styles(written["communes.gpkg"], lang=lang or settings.language)


def _write_staged(result: Analysis, out_dir: str | Path | None, manifest: str,
                  write: Callable[[Path], dict[str, Path]]) -> dict[str, Path]:
    """Run ``write(stage)`` in a staging folder, refuse to replace an input, move all into place.

    A failed run leaves the previous outputs of ``out_dir`` untouched; the
    returned paths are those in ``out_dir`` (:func:`camau_gis._atomic.staging`).
    """
    from ._atomic import guard_inputs, relocate, staging

    out = Path(out_dir or settings.outputs_dir)
    with staging(out, manifest=manifest) as stage:
        written: dict[str, Path] = relocate(write(stage), stage, out)
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
    on_result: Callable[[Analysis], None] | None = None,
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
    on_result : callable, optional
        Called with the analysis before anything is written (the CLI prints
        the register's vintage from ``result.summary["register_vintage"]``).
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
    from ._background import background, meanwhile
    from .i18n import check_lang

    lang = check_lang(lang or settings.language)  # option errors before any work
    scheme = check_scheme(scheme)  # once: the one classification of every map of the run
    # where a second core can work, a child process draws the PNG while the tables and
    # the HTML map are written (_background)
    with background() as png, meanwhile(_import_writers):
        # input errors surface before anything is written
        result = run_analysis(lang=lang, **analysis_options)
        if on_result is not None:
            on_result(result)

        result.meta["lang"] = lang
        result.meta["scheme"] = scheme
        # every file goes to a hidden per-run folder first, then moves into the
        # output folder under a lock: a failed run leaves the previous outputs,
        # two runs never mix
        return _write_staged(result, out_dir, BUILD_MANIFEST, lambda stage: _write_all(
            result, stage, lang=lang, online=online, dpi=dpi, page=page, scheme=scheme,
            png=png))


def _import_writers() -> None:
    """Import the libraries the writers of :func:`_write_all` load on first use.

    Registered with :func:`camau_gis._background.meanwhile`: a first build runs
    it while the national boundary file is parsed in a child, so that the time
    is not spent later, and the PNG child is forked with matplotlib imported.
    """
    import folium  # noqa: F401 - the HTML map
    import matplotlib.backends.backend_agg  # noqa: F401 - the PNG map
    import matplotlib.figure  # noqa: F401
    import openpyxl  # noqa: F401 - the Excel tables

    from .export import tables  # noqa: F401
    from .render import html, png_cache, qgis, static  # noqa: F401


def draw_png(result: Analysis, path: Path, lang: str, page: str, dpi: int,
             key: str | None = None) -> Path:
    """Draw the coverage map of :func:`build` and write it as ``path`` (PNG).

    With ``key`` (:func:`camau_gis.render.png_cache.png_key`) the file and the
    drawing's warnings are kept in the cache for the next build of the same analysis.
    """
    from .render.png_cache import draw_and_keep
    from .render.static import plot_map, save_figure

    def draw(target: Path) -> Path:
        fig, _ = plot_map(result, kind="coverage", lang=lang, page=page)
        return save_figure(fig, target, dpi=dpi)

    return draw_and_keep(key, path, draw)


def _write_all(result: Analysis, out: Path, *, lang: str, online: bool, dpi: int, page: str,
               scheme: str, png: Job) -> dict[str, Path]:
    """Write the outputs of :func:`build` into ``out`` (its staging folder)."""
    from ._progress import step
    from .export.tables import write_tables
    from .render.html import build_map, save_map
    from .render.png_cache import png_key, restore

    written: dict[str, Path] = {}
    png_path = out / "coverage_map.png"
    # the same analysis and options as an earlier build: its PNG, copied from the cache
    key = png_key(result, kind="coverage", lang=lang, page=page, dpi=dpi)
    cached = restore(key, png_path)
    if not cached:
        png.start(draw_png, result, png_path, lang, page, dpi, key)  # forks here
    with step("tables"):
        written.update(write_tables(result, out, lang=lang))
        style_gpkg(written, lang=lang)
    with step("html", "coverage_map.html"):
        m = build_map(result, lang=lang, online=online, scheme=scheme)
        written["coverage_map.html"] = save_map(m, out / "coverage_map.html")
    with step("png", "coverage_map.png"):
        written["coverage_map.png"] = png_path if cached else png.result()
    if result.meta.get("admin") == "2025":
        from .export.crosswalk import write_outputs

        written.update(write_outputs(result, out, lang=lang, online=online))
    return written


def template_communes(
    province: str | None = None, vintage: str = "2019"
) -> list[tuple[str, str, str]]:
    """Communes for the register template's drop-down: ``(name, district or "", GSO code)``.

    ``vintage="2019"``: the units of ``province`` with their districts
    (:func:`camau_gis.register.template_communes`); ``"2025"``: the 64 units
    of the merged province of Cà Mau (from the crosswalk).
    """
    from .errors import OptionError

    if str(vintage) == "2025":
        from .crosswalk.tables import new_units_table

        t = new_units_table()
        return [(n, "", c) for n, c in zip(t["name"], t["gso_code"], strict=True)]
    if str(vintage) != "2019":
        from .i18n import t as label

        raise OptionError(label("run_template_vintage", None).format(value=vintage))
    from .register import template_communes as communes_2019

    return communes_2019(province, vintage)
