"""The interactive coverage map: one self-contained, offline HTML page built with Folium.

:func:`build_map` returns a :class:`folium.Map`; :func:`save_map` writes it
atomically. The page embeds **one** JSON payload (``<script
type="application/json" id="camau-gis-data">``) and builds every layer from it
in the browser, so each commune geometry is written once however many layers
use it. District and province outlines follow the communes' shared borders
(no second copy of the borders): both encodings carry them as runs of the
communes' ring vertices computed in Python (``borders``,
:func:`camau_gis.render._geometry.border_runs`).

The page script lives in ``render/templates/js/`` as ordered files joined at
build time (:func:`camau_gis.render._assets.script`). It lays the panels out
around the map (two columns on wide windows, a bar and one open panel on
narrow ones), fits the first view to the space they leave, places badges and
names without collisions, and offers the list of gaps, search, keyboard
access (a focus ring on the map for the commune of the focused gap row or
search result) and a print layout. The first frame draws the communes, borders
and overlays; the panels' contents, names and badges are built after the first
paint, in idle-time tasks (``window.camauGis.ready`` when all is built;
``window.camauGis.timings`` holds each phase, ms since the script began).

Embedded payload
----------------
``communes`` is a GeoJSON FeatureCollection, one Feature per commune (``id``
= GSO code), with these ``properties``:

================  ==================================================================
property          meaning
================  ==================================================================
``gso_code``      5-digit GSO commune code
``name``          full name (``"Xã Hiệp Tùng"``); ``short_name`` without prefix;
                  ``short_label`` the map label (``"P.5"``, as the static maps; ``""``:
                  the short name)
``unit_type``     ``"xã"``, ``"phường"``, ``"thị trấn"``; ``unit_label`` in the map's language
``district``      full district name; ``dist_code`` its 3-digit code
``n_models``      commune-level models (int)
``kinds``         ``"; "``-joined model kinds
``covered``       bool, ``n_models > 0``
``c19_status``    ``"achieved"``, ``"not_achieved"``, ``"no_data"``
``c19_first``     first year criterion 19 was achieved, or null
``ntm_pilot``     bool
``category``      ``<covered|partly|uncovered>_<c19|not_c19|no_c19>``; ``no_data`` outside
                  the register's scope (:mod:`camau_gis.analysis.classes`)
``models_10k``    models per 10 km²; ``dist_cov_km`` km to the nearest covered commune
``illustr``       bool, the commune's figures rest on illustrative rows
``uncov_rank``    priority rank among uncovered communes (null when covered)
``uncov_reasons`` reasons of that rank
``model_class``   class index of ``n_models`` in the "models per commune" legend
                  (``-1``: no register data)
``in_data``       only when the table has it: bool, the register covers the unit (False:
                  no data in every theme, never ranked or outlined as a gap)
``pred_names``    2025 units only: the 2019 units it was formed from
``geom_note``     2025 units only: why the drawn boundary is approximate (or ``""``)
``search``        diacritics-free search key (``"xa hiep tung nam can"``)
``label_pt``      ``[lon, lat]`` of a point inside the commune (label anchor)
================  ==================================================================

Other payload keys: ``models`` (``{gso_code: [[name, kind, year_start, active], …]}``),
``c19`` (``{gso_code: [[year, achieved], …]}``), ``points`` (models with
coordinates), ``districts`` (name and label point), ``themes`` and ``overlays``
(legends; overlays may carry a ``note``, legend rows a ``count``), ``labels``
(the catalogue's texts the page script reads, in the chosen language:
:func:`~camau_gis.render._html_parts.page_labels`), ``summary``, ``bounds``, ``options``,
``context`` (surrounding land or null), ``subtitle`` and ``credit`` (as the
static maps print them), ``search_prefixes`` (folded unit words -> unit type)
and ``n_models_total``. Each ``districts`` entry has ``name``, ``code``,
``pt``, ``n``, ``at`` (the commune under its label), ``label`` (map label),
``order`` (its place in the lists, Vietnamese alphabetical order of the listed
name) and, where it differs from ``name``, ``display`` (name in lists, in the
page's language).
:func:`read_payload` reads it back from a saved page.

Large layers (``compact=True``, default above :data:`COMPACT_THRESHOLD`
communes) carry ``communes`` as a ``CompactFeatureCollection`` instead:
columnar properties and delta-encoded integer rings packed as base64
varints (see :func:`camau_gis.render._geometry.encode_polygons` and
:func:`~camau_gis.render._geometry.pack_polygons`), about a quarter of the
size; the page and :func:`read_payload` turn it back into the GeoJSON above
(``search`` and ``unit_label`` are derived there).

Modules
-------
:func:`build_map` runs its steps top-down in this module (prepare the layer,
classify, build the payload head, add the communes, assemble the page); the
parts live beside it in ``render/``: ``_html_columns.py`` (the per-commune
property columns above, read column by column from the tables),
``_html_parts.py`` (classes, legends, overlays, summary, district labels,
context), ``_html_payload.py`` (both encodings and :func:`read_payload`) and
``_html_page.py`` (texts shared with the static maps, the page's head).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..analysis import classes as _classes
from ..errors import BoundaryError, MapOptionError, SchemaError
from ..i18n import Msg, check_lang, t
from ..text import nfc
from . import _assets, _geometry, _html_page, palette
from ._html_columns import _bools, _c19_history, _known, _model_tables, _properties, _uncovered
from ._html_parts import (
    UNCOVERED_EDGE,
    _classify_models,
    _context,
    _count_classes,
    _district_labels,
    _extra_themes,
    _label_zoom,
    _overlays,
    _present_categories,
    _summary,
    _themes,
    _title,
    check_scheme,
    page_labels,
)
from ._html_payload import PAYLOAD_ID, payload_text, read_payload

if TYPE_CHECKING:
    import folium
    import geopandas as gpd
    import numpy as np

    from ..analysis.result import Analysis

__all__ = ["build_map", "save_map", "read_payload", "check_scheme", "MapOptionError",
           "PAYLOAD_ID", "SCHEMES"]

#: mapclassify schemes accepted by ``scheme`` (one list: :mod:`camau_gis.analysis.classes`).
SCHEMES: tuple[str, ...] = _classes.SCHEMES

_REQUIRED = ("gso_code", "name", "district", "n_models", "c19_status", "geometry")
#: Above this many communes the polygons are drawn on one canvas instead of SVG paths.
CANVAS_THRESHOLD = 3000
#: Above this many communes the payload uses the compact encoding (``compact=None``).
COMPACT_THRESHOLD = 2000
#: Above this many communes, commune labels and priority-rank badges are made only for the
#: visible part of the map, and the badges only from the label zoom on (fast first render).
MARKER_THRESHOLD = 1000


# --------------------------------------------------------------------------- public API
def build_map(
    result: Analysis,
    *,
    lang: str | None = None,
    online: bool = False,
    scheme: str | None = None,
    k: int = 5,
    tiles: bool | None = None,
    max_zoom: int = 16,
    label_zoom: int | None = None,
    title: str | None = None,
    compact: bool | None = None,
    canvas: bool | None = None,
    context: gpd.GeoDataFrame | None = None,
    context_name: str = "name",
) -> folium.Map:
    """Build the interactive coverage map of an analysis.

    Parameters
    ----------
    result : Analysis
        Output of :func:`camau_gis.analysis.analyze`; ``communes`` needs the
        canonical and indicator columns (extra columns are ignored).
    lang : {"vi", "en"}, default "vi"
        Language of every label.
    online : bool, default False
        False inlines Leaflet (from XStatic-Leaflet) so the page loads nothing
        from the network; True keeps Folium's CDN links (a lighter file).
    scheme : str, default "NaturalBreaks"
        mapclassify scheme for models per commune (see :data:`SCHEMES`).
    k : int, default 5
        Number of classes of positive counts (fewer when fewer distinct values).
    tiles : bool, optional
        Offer an OpenStreetMap tile layer, off until the user ticks it.
        Default: only when ``online``.
    max_zoom : int, default 16
        Maximum zoom (streets of a commune); sets coordinate precision and
        simplification tolerance. The minimum zoom is set by the page: the
        province in the window, one step out.
    label_zoom : int, optional
        Commune names show from this zoom on; default: the zoom at which a
        typical commune is about 100 px wide (district names: typical district).
        Above :data:`MARKER_THRESHOLD` communes the priority-rank badges also
        show from this zoom on, and names and badges are made for the visible
        part of the map only.
    title : str, optional
        Map title; default the ``map_title`` label.
    compact : bool, optional
        Encode the communes compactly (columnar properties, delta-encoded
        integer coordinates; about 3x smaller). Default: above
        :data:`COMPACT_THRESHOLD` communes. :func:`read_payload` decodes both.
    canvas : bool, optional
        Draw the communes, their outlines and the borders on one canvas, straight
        from the payload's coordinates (one path per fill colour, no Leaflet
        object per commune; the page finds the commune under the pointer itself;
        "no data" hatched with a canvas pattern). Default: above
        :data:`CANVAS_THRESHOLD` communes.
    context : GeoDataFrame, optional
        Surrounding land (e.g. neighbouring provinces) drawn in grey beneath the
        communes, clipped to the map's surroundings; the background then reads as sea.
    context_name : str, default "name"
        Column of ``context`` with the names shown on it (skipped if absent).

    Returns
    -------
    folium.Map
        Save it with :func:`save_map`.

    Raises
    ------
    SchemaError
        When ``result.communes`` lacks a required column (the message lists them).
    BoundaryError
        When no commune has a geometry.
    MapOptionError
        For an unknown ``scheme`` or ``k < 1`` (a ``ValueError``).
    ValueError
        For an unknown ``lang``.

    Warns
    -----
    UserWarning
        For communes without geometry (kept in the data, not drawn).
    """
    lang = check_lang(lang)
    layer = _layer(result.communes, max_zoom)
    tiles = bool(online) if tiles is None else bool(tiles)
    if compact is None:
        compact = len(layer.communes) > COMPACT_THRESHOLD
    model_cls, model_classes, used_scheme = _model_classes(result, layer, scheme, k, lang)
    uncovered = _uncovered(result)
    head = _payload_head(result, layer, model_classes, used_scheme, uncovered, lang=lang,
                         title=title, tiles=tiles, context=context, context_name=context_name,
                         label_zoom=label_zoom, canvas=canvas)
    extra = _extra_themes(result, head, lang)
    cols = _properties(layer.communes, layer.label_pts, lang, model_cls, uncovered,
                       search=not compact)
    cols.update(extra)
    _count_classes(head["themes"], cols)
    payload = payload_text(head, cols, layer.display, layer.decimals, compact=compact)
    return _folium_map(head, payload, layer, online=online)


# --------------------------------------------------------------------------- the steps
@dataclass(frozen=True)
class _Layer:
    """The communes ready to draw: the table in EPSG:4326 and its display geometry."""

    communes: gpd.GeoDataFrame  # index 0..n-1
    display: np.ndarray  # cleaned, simplified, rounded polygons; None: no geometry
    label_pts: np.ndarray  # (n, 2) label anchors, NaN where no geometry
    known: np.ndarray  # bool per unit: the register covers it
    bounds: tuple[float, float, float, float]  # xmin, ymin, xmax, ymax of ``display``
    max_zoom: int
    decimals: int  # coordinate precision for ``max_zoom``
    tolerance: float  # simplification tolerance for ``max_zoom``


def _layer(communes: gpd.GeoDataFrame, max_zoom: int) -> _Layer:
    """Check the table, reproject it and make the display geometry and label points.

    The display coverage is cleaned, simplified, rounded and still a valid
    coverage (cached per boundary content, :func:`_geometry.display_coverage`).
    """
    import numpy as np
    import shapely

    _check_columns(communes)
    if communes.crs is not None and not communes.crs.equals("EPSG:4326"):
        communes = communes.to_crs("EPSG:4326")
    communes = communes.reset_index(drop=True)
    raw = np.asarray(communes.geometry.values, dtype=object)
    present = ~(shapely.is_missing(raw) | shapely.is_empty(raw))
    if not present.any():
        raise BoundaryError(Msg("html_no_geometry", n=len(raw)))
    if not present.all():
        warnings.warn(Msg("html_some_without_geometry", n=int((~present).sum()),
                          names=", ".join(nfc(n) for n in communes.loc[~present, "name"].head(10))),
                      stacklevel=3)  # the caller of build_map
    decimals = _geometry.decimals_for_zoom(max_zoom)
    tolerance = _geometry.tolerance_for_zoom(max_zoom)
    display = np.full(len(raw), None, dtype=object)
    display[present] = _geometry.display_coverage(raw[present], tolerance=tolerance,
                                                  decimals=decimals)
    label_pts = np.full((len(raw), 2), np.nan)
    label_pts[present] = np.round(
        shapely.get_coordinates(shapely.point_on_surface(display[present])), decimals)
    xmin, ymin, xmax, ymax = shapely.total_bounds(display)
    return _Layer(communes, display, label_pts, np.asarray(_known(communes), dtype=bool),
                  (xmin, ymin, xmax, ymax), max_zoom, decimals, tolerance)


def _check_columns(communes: gpd.GeoDataFrame) -> None:
    missing = [c for c in _REQUIRED if c not in communes.columns]
    if missing:
        raise SchemaError(Msg("html_lacks_columns", missing=", ".join(missing),
                              has=", ".join(map(str, communes.columns))))


def _model_classes(result: Analysis, layer: _Layer, scheme: str | None, k: int, lang: str,
                   ) -> tuple[np.ndarray, list[dict], str | None]:
    """Return the "models per commune" class per unit (-1: no data), the legend and the scheme.

    Units outside the register's coverage get no class and a hatched "no data" row.
    """
    import numpy as np

    communes, known = layer.communes, layer.known
    model_cls = np.full(len(communes), -1, dtype=int)
    scheme = scheme or result.meta.get("scheme") or _classes.DEFAULT_SCHEME
    model_cls[known], model_classes, used_scheme = _classify_models(
        communes.loc[known, "n_models"].astype(float).to_numpy(), scheme, k, lang)
    if not known.all():  # units outside the register's coverage
        model_classes.append({"value": "-1", "label": t("cat_no_data", lang),
                              "color": palette.CATEGORY["no_data"], "hatch": True})
    return model_cls, model_classes, used_scheme


def _payload_head(result: Analysis, layer: _Layer, model_classes: list[dict],
                  used_scheme: str | None, uncovered: dict, *, lang: str, title: str | None,
                  tiles: bool, context: gpd.GeoDataFrame | None, context_name: str,
                  label_zoom: int | None, canvas: bool | None) -> dict[str, Any]:
    """Return every payload entry but the communes: texts, legends, tables, view, options."""
    communes, display, decimals = layer.communes, layer.display, layer.decimals
    codes = {str(c) for c in communes["gso_code"].astype("string").fillna("")}
    per_models, points = _model_tables(result, codes)
    xmin, ymin, xmax, ymax = layer.bounds
    summary = _summary(result, communes, lang)
    districts = _district_labels(communes, display, layer.label_pts, lang)
    return {
        "version": 1,
        "lang": lang,
        "title": nfc(title) if title else _title(communes, lang),
        "subtitle": _html_page.subtitle(result, lang),
        "credit": _html_page.credit(result, lang),
        "search_prefixes": _html_page.search_prefixes(lang),
        "n_models_total": int(len(result.models)) if result.models is not None else 0,
        "labels": page_labels(lang, _assets.script("js")),
        "themes": _themes(lang, model_classes, used_scheme,
                          _present_categories(communes, layer.known)),
        "overlays": _overlays(lang, has_points=bool(points), tiles=tiles,
                              has_districts=bool(districts), counts={
                                  "ranked": sum(1 for c, k in zip(
                                      communes["gso_code"].astype(str), layer.known, strict=True)
                                      if k and uncovered.get(c, (None,))[0] is not None),
                                  "ntm": int(sum(_bools(communes, "ntm_pilot"))),
                                  "points": len(points),
                                  "models": int(summary["n_models"])}),
        "models": per_models,
        "c19": _c19_history(result, codes),
        "points": points,
        "districts": districts,
        "summary": summary,
        "bounds": [[round(ymin, decimals), round(xmin, decimals)],
                   [round(ymax, decimals), round(xmax, decimals)]],
        "context": _context(context, context_name, display, decimals, layer.tolerance),
        "options": _options(layer, len(districts), label_zoom=label_zoom, canvas=canvas,
                            context=context is not None),
    }


def _options(layer: _Layer, n_districts: int, *, label_zoom: int | None, canvas: bool | None,
             context: bool) -> dict[str, Any]:
    """Return the page's drawing options: label zooms, line weights, canvas, colours."""
    n, display, max_zoom = len(layer.communes), layer.display, layer.max_zoom
    return {"label_zoom": int(label_zoom if label_zoom is not None
                              else _label_zoom(display, len(display), max_zoom)),
            "district_label_zoom": _label_zoom(display, max(1, n_districts), max_zoom),
            "commune_weight": 0.8 if n <= 1000 else 0.25,
            "district_weight": 2 if n_districts <= 60 else 0.8,
            "max_zoom": int(max_zoom),
            "canvas": bool(n > CANVAS_THRESHOLD if canvas is None else canvas),
            "markers_in_view": n > MARKER_THRESHOLD,
            "decimals": layer.decimals,
            "colors": {"district": palette.DISTRICT_EDGE, "province": "#000000",
                       "commune": palette.COMMUNE_EDGE,
                       "highlight": "#000000", "uncovered": UNCOVERED_EDGE,
                       "hatch": palette.HATCH_COLOR,
                       "land": palette.LAND, "water": palette.WATER,
                       "background": palette.WATER if context else "#F7F7F5"}}


def _folium_map(head: dict[str, Any], payload: str, layer: _Layer, *, online: bool,
                ) -> folium.Map:
    """Return the Folium map carrying the payload, the page's head and (offline) Leaflet."""
    import folium

    xmin, ymin, xmax, ymax = layer.bounds
    max_zoom = layer.max_zoom
    m = folium.Map(
        location=[(ymin + ymax) / 2, (xmin + xmax) / 2],
        zoom_start=9,
        tiles=None,
        max_zoom=max_zoom,
        min_zoom=max(0, min(3, max_zoom - 1)),  # the page sets it from the province's extent
        control_scale=False,  # metric scale bar added by the page script
        zoom_control=False,  # added by the page script with titles in the page's language
        prefer_canvas=head["options"]["canvas"],
        zoom_snap=0.05,  # the first view fits the province to the free space, not to a power of 2
        zoom_delta=0.5,
    )
    _html_page.page_head(m, head["lang"], head["title"])
    if not online:
        _assets.inline_leaflet(m)
    m.add_child(_CoverageLayers(_assets.json_for_html(payload)))
    return m


def _CoverageLayers(payload: str):  # noqa: N802 - a factory named like the class it returns
    """Return the element carrying the payload, our CSS and the layer-building script."""
    from folium.elements import MacroElement

    css = _assets.script_safe(_assets.template("map.css"))
    js = _assets.script_safe(_assets.script("js"))
    body = _assets.template("body.html")

    class CoverageLayers(MacroElement):
        def __init__(self) -> None:
            super().__init__()
            self._name = "CoverageLayers"

        def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # branca's
            figure: Any = self.get_root()  # folium's Figure: header, html, script
            parent: Any = self._parent
            name = self.get_name()
            figure.header.add_child(_assets.raw_element(f"<style>{css}</style>"), name=name)
            figure.html.add_child(_assets.raw_element(
                f'<script type="application/json" id="{PAYLOAD_ID}">{payload}</script>{body}'),
                name=name)
            figure.script.add_child(_assets.raw_element(
                f"(function (map) {{ {js} }})({parent.get_name()});"), name=name)

    return CoverageLayers()


def save_map(m: folium.Map, path: str | Path) -> Path:
    """Write the map as one HTML file, atomically; return the path.

    Parameters
    ----------
    m : folium.Map
        From :func:`build_map`.
    path : str or Path
        Destination (``.html``); its folder is created.
    """
    from .._atomic import atomic_path

    path = Path(path)
    html = m.get_root().render()
    with atomic_path(path) as tmp:
        tmp.write_text(html, encoding="utf-8")
    return path
