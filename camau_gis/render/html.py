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
(texts in the chosen language), ``summary``, ``bounds``, ``options``,
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
"""

from __future__ import annotations

import json
import math
import re
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..analysis import classes as _classes
from ..errors import BoundaryError, MapOptionError, OptionError, SchemaError
from ..i18n import Msg, check_lang, fmt_number, labels, t
from ..text import ascii_key, nfc, vi_sort_key
from . import _assets, _geometry, _html_page, palette

if TYPE_CHECKING:
    import folium
    import geopandas as gpd
    import numpy as np
    import pandas as pd

    from ..analysis.result import Analysis

__all__ = ["build_map", "save_map", "read_payload", "check_scheme", "MapOptionError",
           "PAYLOAD_ID", "SCHEMES"]

#: ``id`` of the ``<script type="application/json">`` element holding the payload.
PAYLOAD_ID = "camau-gis-data"

#: mapclassify schemes accepted by ``scheme`` (one list: :mod:`camau_gis.analysis.classes`).
SCHEMES: tuple[str, ...] = _classes.SCHEMES

_REQUIRED = ("gso_code", "name", "district", "n_models", "c19_status", "geometry")
_CATEGORIES = _classes.CATEGORIES
_C19 = ("achieved", "not_achieved", "no_data")
#: Above this many communes the polygons are drawn on one canvas instead of SVG paths.
CANVAS_THRESHOLD = 3000
#: Outline of uncovered priority communes: dark purple, apart from every fill colour.
UNCOVERED_EDGE = "#6A3D9A"
#: Above this many communes the payload uses the compact encoding (``compact=None``).
COMPACT_THRESHOLD = 2000
#: Above this many communes, commune labels and priority-rank badges are made only for the
#: visible part of the map, and the badges only from the label zoom on (fast first render).
MARKER_THRESHOLD = 1000
_PAYLOAD_RE = re.compile(
    r'<script type="application/json" id="' + PAYLOAD_ID + r'">(.*?)</script>', re.DOTALL
)


# --------------------------------------------------------------------------- helpers
def _scalar(value: Any) -> Any:
    """Return a JSON-ready Python scalar: NaN/NA -> None, numpy -> int/float/bool."""
    import numpy as np
    import pandas as pd

    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if not math.isfinite(float(value)) else round(float(value), 3)
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return nfc(value)


def _column(df: pd.DataFrame, name: str, default: Any) -> pd.Series:
    import pandas as pd

    if name in df.columns:
        return df[name]
    return pd.Series([default] * len(df), index=df.index, dtype=object)


def _bool(value: Any) -> bool:
    v = _scalar(value)
    if isinstance(v, str):
        return v.strip().lower() in {"true", "1", "yes", "x", "có"}
    return bool(v)


def _year(value: Any) -> int | None:
    v = _scalar(value)
    try:
        return None if v is None else int(float(v))
    except (TypeError, ValueError):
        return None


def _check_columns(communes: pd.DataFrame) -> None:
    missing = [c for c in _REQUIRED if c not in communes.columns]
    if missing:
        raise SchemaError(Msg("html_lacks_columns", missing=", ".join(missing),
                              has=", ".join(map(str, communes.columns))))


def check_scheme(scheme: str) -> str:
    """Return the canonical name of a mapclassify ``scheme`` (``"natural_breaks"``: NaturalBreaks).

    The run's one scheme check (:func:`camau_gis.analysis.classes.check_scheme`), raised as
    the map's option error. Cheap (no import of mapclassify): call it before any output.

    Raises
    ------
    MapOptionError
        When the scheme is not one of :data:`SCHEMES`; the message lists them.
    """
    try:
        return _classes.check_scheme(scheme)
    except OptionError as exc:
        raise MapOptionError(exc.args[0]) from None


def _scheme_key(scheme: str) -> str:
    return check_scheme(scheme).lower()


def _classify_models(y: np.ndarray, scheme: str, k: int, lang: str | None = None,
                     ) -> tuple[np.ndarray, list[dict], str | None]:
    """Return the class per commune, the legend classes and the scheme used (None: by value).

    The classes of every map of a run (:func:`camau_gis.render.palette.model_entries`):
    zero models alone, positive counts classed with mapclassify ``scheme``.
    """
    lang = check_lang(lang)
    _scheme_key(scheme)
    if int(k) < 1:
        raise MapOptionError(Msg("cls_k", k=repr(k)))
    cls, entries, used = palette.model_entries(y, scheme, int(k), lang)
    classes = [{"value": key, "label": label, "color": colour} for key, colour, label in entries]
    return cls, classes, used  # type: ignore[return-value]  # palette returns the class array


def _themes(lang: str, model_classes: list[dict], scheme: str | None,
            categories: tuple[str, ...] = _classes.CATEGORIES_2019) -> list[dict]:
    note = t("classes_by", lang).format(scheme=f"{scheme} (mapclassify)") if scheme else ""
    return [
        {"id": "models", "title": t("layer_models", lang), "field": "model_class",
         "classes": model_classes, "note": note},
        {"id": "category", "title": t("layer_category", lang), "field": "category",
         "classes": [{"value": c, "label": t(f"cat_{c}", lang),
                      **palette.category_style(c)} for c in categories]},
        {"id": "c19", "title": t("layer_c19", lang), "field": "c19_status",
         "classes": [{"value": c, "label": t(f"c19_{c}", lang), "color": palette.C19[c],
                      "hatch": c == "no_data"} for c in _C19]},
    ]


def _count_classes(themes: list[dict], cols: dict[str, list]) -> None:
    """Give every legend class its number of units (``count``), as the static legends count.

    The page shows it once, in the legend's count column; the label stays the class name.
    """
    from collections import Counter

    for th in themes:
        counts = Counter(str(v) for v in cols.get(th["field"], []))
        for c in th["classes"]:
            c["count"] = int(counts.get(str(c["value"]), 0))


def _present_categories(communes: pd.DataFrame, known: np.ndarray) -> tuple[str, ...]:
    """Categories of the legend: every 2019 one, partly covered and outside only when present."""
    present = {v if k else _classes.OUTSIDE
               for v, k in zip(_strs(communes, "category"), known.tolist(), strict=True)}
    return tuple(c for c in _classes.CATEGORIES if c in _classes.CATEGORIES_2019 or c in present)


def _overlays(lang: str, *, has_points: bool, tiles: bool, has_districts: bool = True,
              counts: dict[str, int] | None = None) -> list[dict]:
    """Return the overlay layers and legend rows (``counts``: ranked, ntm, points, models).

    The priority outline's legend explains the badges' numbers (``1–19: …``); the
    model points say how many of the register's models have coordinates.
    """
    n = counts or {}
    ranked = int(n.get("ranked", 0))
    out = [
        {"id": "uncovered", "title": t("layer_uncovered", lang), "on": True,
         "legend": [{"symbol": "outline", "color": UNCOVERED_EDGE,
                     "label": t("layer_uncovered", lang), "count": ranked}],
         "note": (t("html_rank_legend", lang).format(first=1, last=ranked) + ". "
                  + t("html_rank_hidden", lang)) if ranked else ""},
        {"id": "ntm", "title": t("layer_ntm", lang), "on": False,
         "legend": [{"symbol": "dashed", "color": "#000000", "label": t("layer_ntm", lang),
                     "count": int(n.get("ntm", 0))}]},
        {"id": "districts", "title": t("layer_districts", lang), "on": True,
         "legend": [{"symbol": "line", "color": palette.DISTRICT_EDGE,
                     "label": t("layer_districts", lang)}]},
        {"id": "district_names", "title": t("html_district_names", lang), "on": True,
         "legend": []},
        {"id": "labels", "title": t("layer_labels", lang), "on": True, "legend": []},
    ]
    if not has_districts:  # e.g. the 2025 units: no district level any more
        out = [o for o in out if o["id"] not in ("districts", "district_names")]
    if has_points:
        out.insert(2, {"id": "points", "title": t("layer_points", lang), "on": True,
                       "legend": [{"symbol": "point", "color": "#F0E442",
                                   "label": t("layer_points", lang),
                                   "count": int(n.get("points", 0))}],
                       "note": t("html_points_note", lang).format(
                           n=int(n.get("points", 0)), total=int(n.get("models", 0)))})
    if tiles:
        out.append({"id": "tiles", "title": t("layer_tiles", lang), "on": False, "legend": []})
    return out


def _model_tables(result: Analysis, codes: set[str]) -> tuple[dict, list]:
    """Per-commune model lists and the model points (with coordinates)."""
    import numpy as np

    models = result.models if result.models is not None else None
    per: dict[str, list] = {}
    points: list = []
    if models is None or len(models) == 0:
        return per, points
    code = _per_value(_column(models, "match_code", ""), lambda v: "" if v is None else str(v))
    names = _per_value(_column(models, "name", ""), lambda v: _scalar(v) or "")
    kinds = _per_value(_column(models, "kind", ""), lambda v: _scalar(v) or "")
    years = _per_value(_column(models, "year_start", None), _year)
    active = _per_value(_column(models, "active", True), _bool)
    lon = _per_value(_column(models, "lon", np.nan), _scalar)
    lat = _per_value(_column(models, "lat", np.nan), _scalar)
    for c, name, kind, year, act, xf, yf in zip(code, names, kinds, years, active, lon, lat,
                                                strict=True):
        row = [name, kind, year, act]
        if c in codes:
            per.setdefault(c, []).append(row)
        if isinstance(xf, float | int) and isinstance(yf, float | int):
            points.append([round(float(xf), 5), round(float(yf), 5), row[0], row[1], row[2], c])
    for rows in per.values():
        rows.sort(key=lambda r: (r[2] is None, r[2] or 0, r[0]))
    return per, points


def _c19_history(result: Analysis, codes: set[str]) -> dict:
    c19 = result.c19
    out: dict[str, list] = {}
    if c19 is None or len(c19) == 0:
        return out
    code = _per_value(_column(c19, "match_code", ""), lambda v: "" if v is None else str(v))
    years = _per_value(_column(c19, "year", None), _year)
    achieved = _per_value(_column(c19, "achieved", None),
                          lambda v: None if _scalar(v) is None else _bool(v))
    for c, year, a in zip(code, years, achieved, strict=True):
        if c in codes:
            out.setdefault(c, []).append([year, a])
    for rows in out.values():
        rows.sort(key=lambda r: (r[0] is None, r[0] or 0))
    return out


def _uncovered(result: Analysis) -> dict[str, tuple[int | None, str]]:
    unc = result.uncovered
    if unc is None or len(unc) == 0 or "gso_code" not in unc.columns:
        return {}
    ranks = _per_value(_column(unc, "rank", None), _year)
    reasons = _per_value(_column(unc, "reasons", ""), lambda v: _scalar(v) or "")
    return {str(c): (r, why)
            for c, r, why in zip(unc["gso_code"].tolist(), ranks, reasons, strict=True)}


def _context(context: gpd.GeoDataFrame | None, name_col: str, communes: np.ndarray,
             decimals: int, tolerance: float) -> dict | None:
    """Surrounding land as a small GeoJSON FeatureCollection clipped around the communes.

    A context unit whose label point falls on a commune (the mapped province
    itself) keeps its shape but loses its label.
    """
    if context is None or len(context) == 0:
        return None
    import numpy as np
    import shapely

    if context.crs is not None and not context.crs.equals("EPSG:4326"):
        context = context.to_crs("EPSG:4326")
    xmin, ymin, xmax, ymax = shapely.total_bounds(communes)
    dx, dy = (xmax - xmin) * 0.6 + 0.05, (ymax - ymin) * 0.6 + 0.05
    geoms = shapely.clip_by_rect(np.asarray(context.geometry.values, dtype=object),
                                 xmin - dx, ymin - dy, xmax + dx, ymax + dy)
    geoms = shapely.simplify(geoms, tolerance * 4, preserve_topology=True)
    geoms = _geometry.round_coordinates(geoms, decimals, dedupe=False)
    names = _strs(context, name_col)
    keep = ~(shapely.is_empty(geoms) | shapely.is_missing(geoms))
    geo_json = shapely.to_geojson(geoms[keep])
    points = shapely.point_on_surface(geoms[keep])
    on_communes = np.zeros(len(points), dtype=bool)
    hit = shapely.STRtree(communes).query(points, predicate="within")[0]
    on_communes[hit] = True
    feats = []
    for name, g, pt, inside in zip(np.asarray(names, dtype=object)[keep], geo_json, points,
                                   on_communes, strict=True):
        feats.append({"type": "Feature", "properties": {
            "name": "" if inside else name,
            "label_pt": [round(pt.x, decimals), round(pt.y, decimals)]},
            "geometry": json.loads(g)})
    return {"type": "FeatureCollection", "features": feats}


def _label_zoom(geoms: np.ndarray, groups: int, max_zoom: int, pixels: float = 100.0) -> int:
    """Return the zoom at which a typical unit (``groups`` of the communes) is ``pixels`` wide.

    Labels shown from there on fit their unit most of the time instead of
    piling up (703 district names over Viet Nam at zoom 5).
    """
    import numpy as np
    import shapely

    areas = shapely.area(geoms)
    areas = areas[np.isfinite(areas)]
    typical = math.sqrt(max(float(np.median(areas)) * len(areas) / max(groups, 1), 1e-12))
    zoom = math.log2(pixels * 360.0 / (_geometry.TILE_SIZE * typical))
    return int(min(max_zoom, max(0, math.floor(zoom))))


def _title(communes: pd.DataFrame, lang: str) -> str:
    """Return the map title, naming the province when the communes lie in one."""
    from ..text import strip_province_prefix

    provinces = set(_strs(communes, "province")) - {""}
    base = t("title_coverage", lang)  # the static coverage map's title
    return f"{base} — {strip_province_prefix(provinces.pop())}" if len(provinces) == 1 else base


def _source_name(value: Any) -> str:
    """Return a source as shown to readers: a file's name without its local folder."""
    text = nfc(value)
    if "/" in text or "\\" in text:
        return Path(text.replace("\\", "/")).name or text
    return text


def _summary(result: Analysis, communes: pd.DataFrame, lang: str) -> dict:
    n = int(len(communes))
    known = _known(communes)
    n_known = int(sum(known))
    if "covered" in communes.columns:
        covered = int(sum(_bools(communes, "covered")))
    else:
        covered = int((communes["n_models"].fillna(0).astype(float) > 0).sum())
    n_models = int(communes["n_models"].fillna(0).astype(float).sum())
    c19 = int((communes["c19_status"].astype("string") == "achieved").sum())
    meta = result.meta or {}
    summ = result.summary or {}
    date = meta.get("data_date") or summ.get("data_date") or meta.get("date") or ""
    sources = meta.get("sources") or summ.get("sources") or []
    if isinstance(sources, str):
        sources = [sources]
    sources = list(dict.fromkeys(_source_name(s) for s in sources if nfc(s)))
    from .captions import boundary_credit, display_date

    boundary = boundary_credit(result, lang)  # the one credit definition (render/captions.py)
    titles: Any = meta.get("register_title")
    if titles:  # a register is named by the title its keeper gave it
        sources = [nfc(x) for x in ([titles] if isinstance(titles, str) else titles)]
    date = display_date(date)
    provinces = set(_strs(communes, "province")) - {""}
    return {
        "heading": t("summary" if len(provinces) <= 1 else "summary_all", lang),
        "n_communes": n,
        "n_models": n_models,
        "covered": covered,
        "n_in_data": n_known,  # units the register covers: the share's denominator
        "share": round(100.0 * covered / n_known, 1) if n_known else None,
        "units_label": _units_label(communes, lang),
        "covered_label": t("sum_covered" if _units_label(communes, lang) == t("sum_communes", lang)
                           else "sum_covered_units", lang),
        "c19_achieved": c19,
        # 2025 units formed from 2019 communes of which some had no model
        "partly": int(communes["category"].astype(str).str.startswith("partly_").sum())
        if "category" in communes.columns else 0,
        "year": result.year,
        "data_date": nfc(date),
        "sources": sources,
        "boundary_source": nfc(boundary),
        "illustrative": bool(result.illustrative),
    }


def _known(communes: pd.DataFrame) -> list[bool]:
    """Per unit: does the register cover it (``in_data``; True when the column is absent)."""
    return _bools(communes, "in_data", default=True) if "in_data" in communes.columns else \
        [True] * len(communes)


def _units_label(communes: pd.DataFrame, lang: str) -> str:
    """Label of the unit count: the 2019 wording, or the unit types present (no districts)."""
    if _column(communes, "district", "").astype(str).str.strip().ne("").any():
        return t("sum_communes", lang)
    from .static import unit_types

    return t("sum_units", lang).format(types=unit_types(communes, lang))


def _per_value(values: pd.Series, fn: Any) -> list:
    """Return ``fn`` of every cell of ``values``, calling ``fn`` once per distinct value.

    Parameters
    ----------
    values : Series
        A column.
    fn : callable
        Maps one cell to its output; missing cells (None, NaN, NA, NaT) are
        passed as ``None``.

    Returns
    -------
    list
        One output per row, in order.

    Notes
    -----
    Typed columns (numbers, booleans, strings) and object columns holding only
    strings or only booleans are factorised, so ``fn`` runs once per distinct
    value; other object columns (where ``1``, ``1.0`` and ``True`` would
    share a key) are mapped cell by cell.
    """
    import numpy as np
    import pandas as pd

    if values.dtype == object and pd.api.types.infer_dtype(values, skipna=True) not in {
            "string", "boolean", "empty"}:
        return [fn(None if _missing(v) else v) for v in values.tolist()]
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    mapped = np.empty(len(uniques) + 1, dtype=object)
    mapped[:-1] = [fn(u) for u in np.asarray(uniques, dtype=object).tolist()]
    mapped[-1] = fn(None)  # code -1: a missing cell
    return mapped[codes].tolist()


def _missing(value: Any) -> bool:
    import pandas as pd

    return value is None or value is pd.NA or value is pd.NaT or (
        isinstance(value, float) and value != value)


def _strs(df: pd.DataFrame, name: str) -> list[str]:
    """Return NFC text of column ``name`` (``""`` for missing cells or an absent column)."""
    if name not in df.columns:
        return [""] * len(df)
    return _per_value(df[name], lambda v: "" if v is None else nfc(v))


def _numbers(df: pd.DataFrame, name: str, digits: int) -> np.ndarray:
    """Return column ``name`` as floats rounded to ``digits`` (NaN: missing or not a number)."""
    import numpy as np
    import pandas as pd

    v = pd.to_numeric(df[name], errors="coerce").astype(float).to_numpy()
    return np.round(v, digits)


def _floats(df: pd.DataFrame, name: str, digits: int = 3) -> list[float | None]:
    """Return rounded floats of column ``name``, ``None`` where missing or not finite."""
    import numpy as np

    if name not in df.columns:
        return [None] * len(df)
    r = _numbers(df, name, digits)
    out = r.astype(object)
    out[~np.isfinite(r)] = None
    return out.tolist()


def _ints(df: pd.DataFrame, name: str) -> list[int | None]:
    """Return rounded integers of column ``name``, ``None`` where missing or not finite."""
    import numpy as np

    if name not in df.columns:
        return [None] * len(df)
    r = _numbers(df, name, 0)
    ok = np.isfinite(r)
    out = np.full(len(r), None, dtype=object)
    out[ok] = r[ok].astype(np.int64).astype(object)
    return out.tolist()


def _bools(df: pd.DataFrame, name: str, default: bool = False) -> list[bool]:
    """Return booleans of column ``name`` (see :func:`_bool`; missing cells are False)."""
    if name not in df.columns:
        return [default] * len(df)
    return _per_value(df[name], lambda v: False if v is None else _bool(v))


def _properties(communes: pd.DataFrame, label_pts: np.ndarray, lang: str,
                model_cls: np.ndarray, uncovered: dict, *, search: bool = True,
                ) -> dict[str, list]:
    """Return the documented properties of every commune as columns, in table order.

    Built column by column (text is normalised once per distinct value), not
    cell by cell; :func:`_rows` turns the columns into one dict per commune.
    """
    import numpy as np

    n = len(communes)
    code = _strs(communes, "gso_code")
    name = _strs(communes, "name")
    short = [s or nm for s, nm in zip(_strs(communes, "short_name"), name, strict=True)]
    unit = _strs(communes, "unit_type")
    district = _strs(communes, "district")
    n_models = [x or 0 for x in _ints(communes, "n_models")]
    covered = (_bools(communes, "covered") if "covered" in communes.columns
               else [k > 0 for k in n_models])
    known = np.asarray(_known(communes), dtype=bool)
    # outside the register: no data in every theme, never a ranked gap
    status = [v if v in _C19 and k else "no_data"
              for v, k in zip(_strs(communes, "c19_status"), known.tolist(), strict=True)]
    category = [v if v in _CATEGORIES and k else "no_data"
                for v, k in zip(_strs(communes, "category"), known.tolist(), strict=True)]
    unit_label = {u: (t(f"unit_{u}", lang) if f"unit_{u}" in _UNIT_KEYS else u) for u in set(unit)}
    ranks = [uncovered.get(c) if k else None for c, k in zip(code, known.tolist(), strict=True)]
    pts = label_pts.tolist()
    cols = {
        "gso_code": code, "name": name, "short_name": short,
        "short_label": _html_page.short_labels(short, unit, lang), "unit_type": unit,
        "unit_label": [unit_label[u] for u in unit], "district": district,
        "dist_code": _strs(communes, "dist_code"), "n_models": n_models,
        "kinds": _strs(communes, "kinds"), "covered": covered, "c19_status": status,
        "c19_first": _ints(communes, "c19_first"), "ntm_pilot": _bools(communes, "ntm_pilot"),
        "category": category, "models_10k": _floats(communes, "models_10k"),
        "dist_cov_km": _floats(communes, "dist_cov_km"), "illustr": _bools(communes, "illustr"),
        "uncov_rank": [None if r is None else r[0] for r in ranks],
        "uncov_reasons": ["" if r is None else r[1] for r in ranks],
        "model_class": np.where(known, np.asarray(model_cls, dtype=np.int64), -1).tolist(),
        "search": (_search_keys(name, short, district) if search else [""] * n),
        "label_pt": [None if math.isnan(p[0]) else p for p in pts],
    }
    # 2025 units only (2019 payloads keep their documented properties)
    if "in_data" in communes.columns:
        cols["in_data"] = known.tolist()
    for extra in ("pred_names", "geom_note"):
        if extra in communes.columns:
            cols[extra] = _strs(communes, extra)
    if "pred_cov" in communes.columns and "pred_in" in communes.columns:
        cols["pred_covered"] = pred_covered_texts(communes, lang, known)
    return cols


def pred_covered_texts(communes: pd.DataFrame, lang: str, known: Any = None) -> list[str]:
    """Per 2025 unit formed from several 2019 communes: "covered k of n former communes (p% area)".

    Empty for a unit of one former commune and outside the register's scope.
    """
    import numpy as np

    known = np.ones(len(communes), bool) if known is None else np.asarray(known, bool)
    out = []
    for k, n, share, ok in zip(_ints(communes, "pred_cov"), _ints(communes, "pred_in"),
                               _floats(communes, "cov_share"), known.tolist(), strict=True):
        if not ok or not n or n < 2:
            out.append("")
            continue
        out.append(t("pred_covered", lang).format(
            k=k or 0, n=n, pct=fmt_number(100 * (share or 0), lang, 1)))
    return out


def _search_keys(name: list[str], short: list[str], district: list[str]) -> list[str]:
    """Return the diacritics-free search key per commune, folding each district once."""
    folded = {d: ascii_key(d) for d in set(district)}
    out = []
    for a, b, c in zip(name, short, district, strict=True):
        key = ascii_key(f"{a} {b}")
        out.append(f"{key} {folded[c]}" if folded[c] and key else (key or folded[c]))
    return out


def _rows(cols: dict[str, list]) -> list[dict]:
    """Return one property dict per commune from the columns of :func:`_properties`."""
    keys = list(cols)
    return [dict(zip(keys, row, strict=True)) for row in zip(*cols.values(), strict=True)]


#: Properties the page derives itself in the compact encoding (see :func:`_compact`).
_DERIVED = ("search", "unit_label")


def _geojson(cols: dict[str, list], geoms: np.ndarray, decimals: int) -> str:
    """Serialise the communes (columns of :func:`_properties`) as one GeoJSON FeatureCollection.

    ``borders`` (a foreign member) holds the province outline and district borders as
    runs of the rings' vertices (closing vertex dropped), as in :func:`_compact`.
    """
    import shapely

    props = _rows(cols)
    geo_json = shapely.to_geojson(geoms)
    parts = [
        '{"type":"Feature","id":' + json.dumps(p["gso_code"]) + ',"properties":'
        + json.dumps(p, ensure_ascii=False, separators=(",", ":")) + ',"geometry":'
        + (g if g is not None else "null") + "}"
        for p, g in zip(props, geo_json, strict=True)
    ]
    groups = [c or d for c, d in zip(cols["dist_code"], cols["district"], strict=True)]
    borders = _geometry.border_runs(_geometry.encode_polygons(geoms, decimals, arrays=True), groups)
    return ('{"type":"FeatureCollection","features":[' + ",".join(parts) + '],"borders":'
            + json.dumps(borders, separators=(",", ":")) + "}")


def _compact(cols: dict[str, list], geoms: np.ndarray, decimals: int) -> str:
    """Serialise the communes compactly: columnar properties, delta-encoded integer rings.

    ``cols`` are the columns of :func:`_properties`. The page (and
    :func:`read_payload`) turns it back into the same GeoJSON
    FeatureCollection; ``search`` and ``unit_label`` are derived there.
    ``borders`` holds the province outline and district borders as runs of
    ring vertices (:func:`camau_gis.render._geometry.border_runs`, cached
    beside the display coverage), so the page need not find shared borders.
    """
    n = len(geoms)
    columns = {k: _dict_encode(v) for k, v in cols.items() if k not in _DERIVED} if n else {}
    enc = _geometry.encode_polygons(geoms, decimals, arrays=True)
    # district borders between communes of different districts (dist_code, else the name)
    groups = [c or d for c, d in zip(cols["dist_code"], cols["district"], strict=True)]
    body = {"type": "CompactFeatureCollection", "n": n, "properties": columns,
            **_geometry.pack_polygons(enc), "borders": _geometry.border_runs(enc, groups)}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def _dict_encode(values: list) -> list | dict:
    """Return ``values``, or ``{"dict": uniques, "codes": indexes}`` when few values repeat.

    District names, statuses, categories and flags take a few distinct values
    over thousands of communes; codes into a small dictionary are much shorter.
    """
    try:
        uniques = list(dict.fromkeys(values))
    except TypeError:  # unhashable (label points): kept as is
        return values
    if len(uniques) > max(1, len(values) // 4):
        return values
    index = {v: i for i, v in enumerate(uniques)}
    return {"dict": uniques, "codes": [index[v] for v in values]}


def _dict_decode(column: list | dict) -> list:
    if isinstance(column, dict):
        return [column["dict"][i] for i in column["codes"]]
    return column


_UNIT_KEYS = {"unit_xã", "unit_phường", "unit_thị trấn"}


def _district_labels(communes: pd.DataFrame, geoms: np.ndarray, label_pts: np.ndarray,
                     lang: str | None = None) -> list[dict]:
    """One label point per district: the commune label point nearest their area-weighted mean.

    Always inside the district (it is inside one of its communes: ``at``, its GSO
    code), and needs no union, so invalid or national-size inputs cost nothing
    extra. ``label`` is the name drawn on the map (as on the static maps) and
    ``display`` the name in lists, both in ``lang``.
    """
    import numpy as np
    import pandas as pd
    import shapely

    lang = check_lang(lang)
    names = np.asarray(_strs(communes, "district"), dtype=object)
    codes = np.asarray(_strs(communes, "dist_code"), dtype=object)
    # group by district code: one name can recur in several provinces ("Huyện Châu Thành")
    keys = np.where(codes != "", codes, names)
    w = np.maximum(np.nan_to_num(shapely.area(geoms), nan=0.0), 1e-12)
    ok = ~np.isnan(label_pts[:, 0])
    names, keys, w, label_pts = names[ok], keys[ok], w[ok], label_pts[ok]
    df = pd.DataFrame({"d": keys, "name": names, "w": w,
                       "wx": label_pts[:, 0] * w, "wy": label_pts[:, 1] * w,
                       "lx": label_pts[:, 0], "ly": label_pts[:, 1]})
    sums = df.groupby("d", sort=False)[["wx", "wy", "w"]].transform("sum")
    df["dist"] = (df["lx"] - sums["wx"] / sums["w"]) ** 2 + (df["ly"] - sums["wy"] / sums["w"]) ** 2
    best = df.loc[df.groupby("d", sort=False)["dist"].idxmin()]
    counts = df.groupby("d", sort=False).size()
    gso = np.asarray(_strs(communes, "gso_code"), dtype=object)[ok]
    out: list[dict] = []
    for i, d, name, x, y in zip(best.index, best["d"], best["name"], best["lx"], best["ly"],
                                strict=True):
        if not name:
            continue
        entry = {"name": name, "code": d if d != name else "", "pt": [float(x), float(y)],
                 "n": int(counts[d]), "at": str(gso[i]),
                 "label": _html_page.district_map_label(name, lang)}
        display = _html_page.district_display(name, lang)
        if display != name:  # the page shows ``name`` when ``display`` is absent
            entry["display"] = display
        out.append(entry)
    # the order of the lists (Vietnamese alphabet), so the page needs no collator to sort
    order = sorted(range(len(out)),
                   key=lambda k: vi_sort_key(out[k].get("display", out[k]["name"])))
    for rank, k in enumerate(order):
        out[k]["order"] = rank
    return out


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
    import folium
    import numpy as np
    import shapely

    lang = check_lang(lang)
    communes = result.communes
    _check_columns(communes)
    if communes.crs is not None and not communes.crs.equals("EPSG:4326"):
        communes = communes.to_crs("EPSG:4326")
    communes = communes.reset_index(drop=True)
    tiles = bool(online) if tiles is None else bool(tiles)

    raw = np.asarray(communes.geometry.values, dtype=object)
    present = ~(shapely.is_missing(raw) | shapely.is_empty(raw))
    if not present.any():
        raise BoundaryError(Msg("html_no_geometry", n=len(raw)))
    if not present.all():
        warnings.warn(Msg("html_some_without_geometry", n=int((~present).sum()),
                          names=", ".join(nfc(n) for n in communes.loc[~present, "name"].head(10))),
                      stacklevel=2)
    decimals = _geometry.decimals_for_zoom(max_zoom)
    if compact is None:
        compact = len(communes) > COMPACT_THRESHOLD
    display = np.full(len(raw), None, dtype=object)
    # cleaned, simplified, rounded and still a valid coverage (cached per boundary content)
    display[present] = _geometry.display_coverage(
        raw[present], tolerance=_geometry.tolerance_for_zoom(max_zoom), decimals=decimals)
    label_pts = np.full((len(raw), 2), np.nan)
    label_pts[present] = np.round(
        shapely.get_coordinates(shapely.point_on_surface(display[present])), decimals)

    codes = {str(c) for c in communes["gso_code"].astype("string").fillna("")}
    known = np.asarray(_known(communes), dtype=bool)
    model_cls = np.full(len(communes), -1, dtype=int)
    scheme = scheme or result.meta.get("scheme") or _classes.DEFAULT_SCHEME
    model_cls[known], model_classes, used_scheme = _classify_models(
        communes.loc[known, "n_models"].astype(float).to_numpy(), scheme, k, lang)
    if not known.all():  # units outside the register's coverage
        model_classes.append({"value": "-1", "label": t("cat_no_data", lang),
                              "color": palette.CATEGORY["no_data"], "hatch": True})
    uncovered = _uncovered(result)
    per_models, points = _model_tables(result, codes)
    xmin, ymin, xmax, ymax = shapely.total_bounds(display)
    summary = _summary(result, communes, lang)
    districts = _district_labels(communes, display, label_pts, lang)
    payload_head: dict[str, Any] = {
        "version": 1,
        "lang": lang,
        "title": nfc(title) if title else _title(communes, lang),
        "subtitle": _html_page.subtitle(result, lang),
        "credit": _html_page.credit(result, lang),
        "search_prefixes": _html_page.search_prefixes(lang),
        "n_models_total": int(len(result.models)) if result.models is not None else 0,
        "labels": labels(lang),
        "themes": _themes(lang, model_classes, used_scheme, _present_categories(communes, known)),
        "overlays": _overlays(lang, has_points=bool(points), tiles=tiles,
                              has_districts=bool(districts), counts={
                                  "ranked": sum(1 for c, k in zip(
                                      communes["gso_code"].astype(str), known, strict=True)
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
        "context": _context(context, context_name, display, decimals,
                            _geometry.tolerance_for_zoom(max_zoom)),
        "options": {"label_zoom": int(label_zoom if label_zoom is not None
                                      else _label_zoom(display, len(display), max_zoom)),
                    "district_label_zoom": _label_zoom(display, max(1, len(districts)), max_zoom),
                    "commune_weight": 0.8 if len(communes) <= 1000 else 0.25,
                    "district_weight": 2 if len(districts) <= 60 else 0.8,
                    "max_zoom": int(max_zoom),
                    "canvas": bool(len(communes) > CANVAS_THRESHOLD if canvas is None else canvas),
                    "markers_in_view": len(communes) > MARKER_THRESHOLD,
                    "decimals": decimals,
                    "colors": {"district": palette.DISTRICT_EDGE, "province": "#000000",
                               "commune": palette.COMMUNE_EDGE,
                               "highlight": "#000000", "uncovered": UNCOVERED_EDGE,
                               "hatch": palette.HATCH_COLOR,
                               "land": palette.LAND, "water": palette.WATER,
                               "background": palette.WATER if context is not None else "#F7F7F5"}},
    }
    extra = _extra_themes(result, payload_head, lang)
    cols = _properties(communes, label_pts, lang, model_cls, uncovered, search=not compact)
    cols.update(extra)
    _count_classes(payload_head["themes"], cols)
    head = json.dumps(payload_head, ensure_ascii=False, separators=(",", ":"))
    features = (_compact(cols, display, decimals) if compact
                else _geojson(cols, display, decimals))
    payload = head[:-1] + ',"communes":' + features + "}"

    m = folium.Map(
        location=[(ymin + ymax) / 2, (xmin + xmax) / 2],
        zoom_start=9,
        tiles=None,
        max_zoom=max_zoom,
        min_zoom=max(0, min(3, max_zoom - 1)),  # the page sets it from the province's extent
        control_scale=False,  # metric scale bar added by the page script
        zoom_control=False,  # added by the page script with titles in the page's language
        prefer_canvas=payload_head["options"]["canvas"],
        zoom_snap=0.05,  # the first view fits the province to the free space, not to a power of 2
        zoom_delta=0.5,
    )
    _html_page.page_head(m, lang, payload_head["title"])
    if not online:
        _assets.inline_leaflet(m)
    m.add_child(_CoverageLayers(_assets.json_for_html(payload)))
    return m


def _extra_themes(result: Analysis, payload_head: dict, lang: str) -> dict[str, list]:
    """Add the LISA and plan themes and the ``plan`` entry (:mod:`camau_gis.render.plan`).

    Returns the per-commune property columns of those themes (``lisa``, ``plan``).
    """
    from .plan import extra_themes, plan_payload

    cols: dict[str, list] = {}
    for theme, values in extra_themes(result, lang):
        if theme["id"] == "plan":  # the plan map opens on its plan
            payload_head["themes"].insert(0, theme)
        else:
            payload_head["themes"].append(theme)
        cols[theme["field"]] = values
    entry = plan_payload(result, lang)
    if entry is not None:
        payload_head["plan"] = entry
        for overlay in payload_head["overlays"]:  # the plan's shading, not the gap outlines
            if overlay["id"] == "uncovered":
                overlay["on"] = False
    return cols


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


def read_payload(html: str | Path) -> dict:
    """Return the JSON payload embedded in a saved map (for tests and tools).

    Parameters
    ----------
    html : str or Path
        The page's text, or the path of a saved ``.html`` file.

    Raises
    ------
    ValueError
        When the page holds no payload (not a camau-gis map).
    """
    text = html
    if isinstance(html, Path) or (isinstance(html, str) and len(html) < 4096
                                  and html.endswith((".html", ".htm"))):
        text = Path(html).read_text(encoding="utf-8")
    match = _PAYLOAD_RE.search(str(text))
    if not match:
        raise ValueError(Msg("html_no_payload", id=PAYLOAD_ID))
    data = json.loads(match.group(1))
    if data.get("communes", {}).get("type") == "CompactFeatureCollection":
        data["communes"] = _decode_compact(data["communes"], data.get("labels", {}))
    return data


def _decode_compact(comp: dict, texts: dict) -> dict:
    """Turn a ``CompactFeatureCollection`` back into the GeoJSON FeatureCollection."""
    geoms = _geometry.decode_polygons(comp)
    cols = {k: _dict_decode(v) for k, v in comp["properties"].items()}
    feats = []
    for i in range(comp["n"]):
        p = {k: v[i] for k, v in cols.items()}
        code = p.get("gso_code", "")
        p["unit_label"] = texts.get(f"unit_{p.get('unit_type', '')}", p.get("unit_type", ""))
        p["search"] = ascii_key(f"{p.get('name', '')} {p.get('short_name', '')} "
                                f"{p.get('district', '')}")
        feats.append({"type": "Feature", "id": code, "properties": p, "geometry": geoms[i]})
    out: dict = {"type": "FeatureCollection", "features": feats}
    if "borders" in comp:
        out["borders"] = comp["borders"]
    return out
