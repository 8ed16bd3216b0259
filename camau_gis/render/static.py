"""Static maps (PNG, SVG, PDF) drawn with matplotlib, without a browser.

Build and save are separate steps, as in osmnx::

    fig, ax = plot_map(result, "coverage", lang="vi", page="A4-landscape")
    save_figure(fig, "coverage_map.png", dpi=300)

Every map has a title and subtitle (year, data date), a legend with counts per
class (classes without a unit left out), a scale bar in km, a north arrow,
district outlines and names, non-overlapping commune labels (leader lines that
cross no label, or omission, the omitted ones named), an enlarged inset of the
district whose units are too small at the map's scale (Thành phố Cà Mau,
:mod:`camau_gis.render.insets`), a neutral locator inset and the credit line of
:mod:`camau_gis.render.captions` ("Dữ liệu minh họa" when illustrative register
rows were used). The page or document-figure layout is computed from the
province's shape (:mod:`camau_gis.render.layout`); the PNG encoder is
:mod:`camau_gis.render._png`.
Maps are drawn in :data:`camau_gis.settings.metric_crs` so the scale bar is
exact. Text uses DejaVu Sans (shipped with matplotlib; full Vietnamese
diacritics) and stays text in SVG and PDF. SVG and PDF files carry no date or
creator, so the same input gives byte-identical files.

What depends only on the boundary file (the locator outline, a union of every
commune; district outlines; label circles; geometry simplified to the print
resolution) is computed once per file and cached in
``settings.shapefiles_dir / "cache"`` beside the HTML map's display coverage,
keyed by the geometries' hash (:func:`layers`, :func:`display_geometry`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._atomic import staged
from ..i18n import Msg, check_lang
from ._layers import (  # noqa: F401  (re-exported: static.layers etc. are public names)
    DARK_FILL,
    LAYER_CACHE_VERSION,
    PRINT_TOLERANCE_IN,
    _close_district,
    _layer_cache,
    add_hatch,
    add_lines,
    add_polygons,
    boundary_path,
    display_geometry,
    display_lines,
    display_paths,
    label_colors,
    layers,
    polygon_paths,
    print_tolerance,
    snap_tolerance,
)
from ._panel import (  # noqa: F401  (re-exported)
    CROWDED_COMMUNES,
    CROWDED_ROOM,
    MAX_DISTRICT_LABELS,
    MIN_LABEL_PT,
    MIN_LEGEND_PT,
    NTM_DASH,
    NTM_KINDS,
    _headline,
    add_legend,
    draw_map_panel,
)
from ._png import PNG_COMPRESS_LEVEL, write_png  # noqa: F401  (re-exported)
from .captions import (  # noqa: F401  (re-exported: the atlas and reports use these names)
    commune_label,
    credit_line,
    data_date,
    district_label,
    fmt_number,
    subtitle,
    unit_types,
    units_in_data,
)
from .classes import (  # noqa: F401  (re-exported)
    KINDS,
    _error,
    _model_classes,
    category_classes,
    classify,
    hatch_keys,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..analysis.result import Analysis


#: Page presets: name -> (width, height) in millimetres.
PAGES: dict[str, tuple[float, float]] = {
    "A4-landscape": (297.0, 210.0),
    "A4-portrait": (210.0, 297.0),
    "A3-landscape": (420.0, 297.0),
    "A3-portrait": (297.0, 420.0),
}


#: Output formats :func:`save_figure` writes (from the file suffix).
FORMATS: tuple[str, ...] = ("png", "svg", "pdf")

#: matplotlib settings used while drawing and saving: a font with Vietnamese
#: diacritics, text kept as text, fixed SVG ids.
RC: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "svg.fonttype": "none",
    "svg.hashsalt": "camau-gis",
    "text.parse_math": False,  # names are text: "$x$" in a register is not mathtext
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "savefig.facecolor": "white",
}

#: Metadata written into files: none that changes between runs.
_METADATA: dict[str, dict[str, Any]] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}


_MM_PER_INCH = 25.4


def page_size(page: str) -> tuple[float, float]:
    """Return the ``(width, height)`` in inches of a page preset.

    Parameters
    ----------
    page : str
        ``"A4-landscape"``, ``"A4-portrait"``, ``"A3-landscape"`` or
        ``"A3-portrait"`` (case-insensitive; ``"A4"``/``"A3"`` mean landscape).

    Raises
    ------
    CamauGisError
        When the preset is unknown; the message lists the presets.
    """
    name = str(page).strip().lower().replace("_", "-").replace(" ", "-")
    if name in ("a4", "a3"):
        name += "-landscape"
    for key, (w, h) in PAGES.items():
        if key.lower() == name:
            return w / _MM_PER_INCH, h / _MM_PER_INCH
    raise _error(Msg("map_page", page=page, pages=", ".join(PAGES)))


@contextlib.contextmanager
def rc_context() -> Iterator[None]:
    """Apply :data:`RC` (font, text-as-text, fixed SVG ids) inside the block."""
    import matplotlib as mpl

    with mpl.rc_context(RC):  # type: ignore[arg-type]  # keys are rcParams names
        yield


# --------------------------------------------------------------------------
# Layers (computed once per commune table)
# --------------------------------------------------------------------------


# --------------------------------------------------------------------------
# Classes per map kind
# --------------------------------------------------------------------------


# --------------------------------------------------------------------------
# Drawing
# --------------------------------------------------------------------------


#: Columns of ``result.communes`` every map reads, and those of each kind.
BASE_COLUMNS: tuple[str, ...] = (
    "gso_code",
    "short_name",
    "unit_type",
    "district",
    "dist_short",
    "province",
    "covered",
    "n_models",
    "c19_status",
    "ntm_pilot",
)
KIND_COLUMNS: dict[str, tuple[str, ...]] = {
    "coverage": ("category",),
    "c19": (),
    "priority": (),
    "models": (),
}


def check_result(result: Analysis, kind: str = "coverage") -> None:
    """Raise :class:`~camau_gis.errors.SchemaError` unless ``result`` can be mapped as ``kind``.

    The message lists every missing column and the fix; an empty commune table
    is refused too.
    """
    from ..errors import SchemaError

    communes = result.communes
    needed = BASE_COLUMNS + KIND_COLUMNS.get(kind, ())
    missing = [c for c in needed if c not in communes.columns]
    if missing:
        raise SchemaError(Msg("map_lacks_columns", missing=", ".join(missing), kind=kind,
                              has=", ".join(map(str, communes.columns))))
    if len(communes) == 0:
        raise SchemaError(Msg("map_no_communes"))


def new_figure(page: str = "A4-landscape") -> Figure:
    """Return a blank figure of a page preset on the Agg canvas (no pyplot state)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    w, h = page_size(page)
    fig = Figure(figsize=(w, h), dpi=100)
    FigureCanvasAgg(fig)
    return fig


def plot_map(
    result: Analysis,
    kind: str = "coverage",
    *,
    lang: str | None = None,
    page: str = "A4-landscape",
    title: str | None = None,
    figure: bool = False,
    width_cm: float | None = None,
) -> tuple[Figure, Axes]:
    """Draw a print-ready static map of one indicator.

    Parameters
    ----------
    result : Analysis
        Analysis result (:class:`camau_gis.analysis.Analysis`).
    kind : {"coverage", "c19", "priority", "models"}
        Coverage category, criterion-19 status, uncovered communes by priority
        rank, or models per commune.
    lang : {"vi", "en"}
        Language of every text on the map.
    page : str
        Page preset (:data:`PAGES`) of a stand-alone map, e.g. ``"A4-landscape"``.
    title : str, optional
        Replaces the default title of ``kind`` (stand-alone maps).
    figure : bool
        A figure for a document instead of a page (:mod:`camau_gis.render.layout`):
        no title (the caption carries it), ``width_cm`` wide, text at its
        printed size (labels >= 6 pt, legend >= 7 pt), the height following
        the province's shape; ``page`` is ignored.
    width_cm : float, optional
        Printed width of a figure (default
        :data:`camau_gis.render.layout.FIGURE_WIDTH_CM`, 16.5 cm).

    Returns
    -------
    fig, ax : Figure, Axes
        The figure (not registered with pyplot) and its map axes. The label
        outcome is kept in ``fig.camau_labels``
        (:class:`~camau_gis.render._cartography.LabelPlacement`) and the
        enlarged insets in ``fig.camau_insets`` (``district``, ``ax``, ``labels``).

    Raises
    ------
    CamauGisError
        For an unknown kind, page preset or a width outside
        :data:`camau_gis.render.layout.FIGURE_WIDTH_RANGE`.
    """
    from ..i18n import check_lang
    from . import layout

    lang = check_lang(lang)
    if kind not in KINDS:
        raise _error(Msg("map_kind", kind=kind, kinds=", ".join(KINDS)))
    check_result(result, kind)
    aspect = layout.province_aspect(layers(result.communes)["communes"].total_bounds)
    if figure:
        width = layout.FIGURE_WIDTH_CM if width_cm is None else float(width_cm)
        lo, hi = layout.FIGURE_WIDTH_RANGE
        if not lo <= width <= hi:
            raise _error(Msg("map_width", width=f"{width:g}", lo=f"{lo:g}", hi=f"{hi:g}"))
        credit = credit_line(result, lang, date=True)
        chars = layout.credit_chars(width / 2.54 - 0.12)
        lines = -(-len(credit) // max(chars, 1)) + 2  # the credit and two lines of omitted names
        frame = layout.figure_frame(width, aspect, footer_lines=lines)
    else:
        frame = layout.page_frame(page_size(page), aspect)
    with rc_context():
        fig, ax, panel = layout.compose(result, kind, frame, lang=lang, title=title)
    fig.camau_labels = panel["labels"]  # type: ignore[attr-defined]  # read by the tests
    fig.camau_insets = panel.get("insets", [])  # type: ignore[attr-defined]
    return fig, ax


def save_figure(fig: Figure, path: str | Path, *, dpi: int = 300) -> Path:
    """Write a figure atomically as PNG, SVG or PDF (format from the suffix).

    Parameters
    ----------
    fig : Figure
        Figure from :func:`plot_map` (or any matplotlib figure).
    path : str or Path
        Destination; ``.png``, ``.svg`` or ``.pdf``.
    dpi : int
        Resolution of PNG output (and of rasterised parts of SVG/PDF).

    Returns
    -------
    Path
        ``path``. SVG/PDF carry no date or creator, so equal input gives
        byte-identical files; SVG text stays text (``svg.fonttype = "none"``),
        PDF embeds DejaVu Sans as TrueType.

    Raises
    ------
    CamauGisError
        For an unsupported suffix.
    """
    from .._atomic import atomic_path

    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise _error(Msg("map_format_suffix", path=path, suffix=repr(path.suffix)))
    with rc_context(), atomic_path(path) as tmp:
        from .._sanitize import clean_figure_text

        clean_figure_text(fig)  # control characters would make the SVG ill-formed XML
        if fmt == "png":
            write_png(fig, tmp, dpi=dpi)
        else:
            with _without_path_effects(fig):  # they would turn the text into paths
                fig.savefig(tmp, format=fmt, dpi=dpi, metadata=_METADATA[fmt])
    return path


@contextlib.contextmanager
def _without_path_effects(fig: Figure) -> Iterator[None]:
    """Leave the texts' path effects (the labels' halo) out while the block writes ``fig``."""
    from matplotlib.text import Text

    kept = [(text, text.get_path_effects()) for text in fig.findobj(Text)
            if text.get_path_effects()]
    for text, _ in kept:
        text.set_path_effects([])
    try:
        yield
    finally:
        for text, effects in kept:
            text.set_path_effects(effects)


@staged()  # all files or none; see camau_gis._atomic.staging
def save_maps(
    result: Analysis,
    out_dir: str | Path,
    *,
    kinds: Iterable[str] = KINDS,
    formats: Iterable[str] = ("png",),
    lang: str | None = None,
    page: str = "A4-landscape",
    dpi: int = 300,
    figure: bool = False,
    width_cm: float | None = None,
    prefix: str = "",
) -> dict[str, Path]:
    """Draw and write several maps in several formats.

    Parameters
    ----------
    result : Analysis
        Analysis result.
    out_dir : str or Path
        Output folder (created if missing).
    kinds : iterable of str
        Map kinds (:data:`KINDS`).
    formats : iterable of str
        ``"png"``, ``"svg"`` and/or ``"pdf"``.
    lang, page, dpi, figure, width_cm
        As in :func:`plot_map` and :func:`save_figure`.
    prefix : str
        Start of the file names: figures made for another use (the report's
        ``"report_"``) never take the names of the stand-alone maps.

    Returns
    -------
    dict
        File name (``"<prefix><kind>_map.<fmt>"``) -> path.
    """
    lang = check_lang(lang)
    formats = [f.lower().lstrip(".") for f in formats]
    bad = [f for f in formats if f not in FORMATS]
    kinds = list(kinds)
    bad_kinds = [k for k in kinds if k not in KINDS]
    if bad or bad_kinds:
        problems = ([Msg("map_formats", bad=", ".join(bad), formats=", ".join(FORMATS))]
                    if bad else []) + (
            [Msg("map_kinds", bad=", ".join(bad_kinds), kinds=", ".join(KINDS))]
            if bad_kinds else [])
        raise _error(Msg("map_problems", problems=problems))
    out = Path(out_dir)
    written: dict[str, Path] = {}
    for kind in kinds:
        fig, _ = plot_map(result, kind, lang=lang, page=page, figure=figure, width_cm=width_cm)
        for fmt in formats:
            name = f"{prefix}{kind}_map.{fmt}"
            written[name] = save_figure(fig, out / name, dpi=dpi)
    return written
