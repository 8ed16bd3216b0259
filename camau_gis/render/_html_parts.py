"""The interactive map's page parts: legends, classes, overlays, summary, names, context.

Part of :mod:`camau_gis.render.html`: the payload entries other than the communes
themselves. The "models per commune" classes (:func:`_classify_models`, the one
classification of every map of a run) and the themes' legends (:func:`_themes`,
:func:`_count_classes`, :func:`_extra_themes` for LISA and the plan); the
overlays and their legend rows (:func:`_overlays`); the summary panel
(:func:`_summary`) and the title; the district labels (:func:`_district_labels`);
the surrounding land (:func:`_context`) and the zoom from which names show
(:func:`_label_zoom`).
"""

from __future__ import annotations

import functools
import json
import math
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..analysis import classes as _classes
from ..errors import MapOptionError, OptionError
from ..i18n import Msg, check_lang, labels, t
from ..text import nfc, vi_sort_key
from . import _geometry, _html_page, palette
from ._html_columns import _C19, _bools, _column, _known, _strs

if TYPE_CHECKING:
    import geopandas as gpd
    import numpy as np
    import pandas as pd

    from ..analysis.result import Analysis


#: Outline of uncovered priority communes: dark purple, apart from every fill colour.
UNCOVERED_EDGE = "#6A3D9A"


def check_scheme(scheme: str) -> str:
    """Return the canonical name of a mapclassify ``scheme`` (``"natural_breaks"``: NaturalBreaks).

    The run's one scheme check (:func:`camau_gis.analysis.classes.check_scheme`), raised as
    the map's option error. Cheap (no import of mapclassify): call it before any output.

    Raises
    ------
    MapOptionError
        When the scheme is not one of :data:`camau_gis.render.html.SCHEMES`; the message lists them.
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


def _present_categories(communes: pd.DataFrame, known: np.ndarray) -> tuple[str, ...]:
    """Categories of the legend: every 2019 one, partly covered and outside only when present."""
    present = {v if k else _classes.OUTSIDE
               for v, k in zip(_strs(communes, "category"), known.tolist(), strict=True)}
    return tuple(c for c in _classes.CATEGORIES if c in _classes.CATEGORIES_2019 or c in present)


def _count_classes(themes: list[dict], cols: dict[str, list]) -> None:
    """Give every legend class its number of units (``count``), as the static legends count.

    The page shows it once, in the legend's count column; the label stays the class name.
    """
    from collections import Counter

    for th in themes:
        counts = Counter(str(v) for v in cols.get(th["field"], []))
        for c in th["classes"]:
            c["count"] = int(counts.get(str(c["value"]), 0))


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


def _source_name(value: Any) -> str:
    """Return a source as shown to readers: a file's name without its local folder."""
    text = nfc(value)
    if "/" in text or "\\" in text:
        return Path(text.replace("\\", "/")).name or text
    return text


def _units_label(communes: pd.DataFrame, lang: str) -> str:
    """Label of the unit count: the 2019 wording, or the unit types present (no districts)."""
    if _column(communes, "district", "").astype(str).str.strip().ne("").any():
        return t("sum_communes", lang)
    from .static import unit_types

    return t("sum_units", lang).format(types=unit_types(communes, lang))


def _title(communes: pd.DataFrame, lang: str) -> str:
    """Return the map title, naming the province when the communes lie in one."""
    from ..text import strip_province_prefix

    provinces = set(_strs(communes, "province")) - {""}
    base = t("title_coverage", lang)  # the static coverage map's title
    return f"{base} — {strip_province_prefix(provinces.pop())}" if len(provinces) == 1 else base


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


@functools.cache
def _script_label_keys(script: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """Catalogue keys the page script can read from ``T``: named, quoted, or by a prefix.

    ``T.key`` and quoted words (rows such as ``["sum_c19", …]`` looked up as ``T[r[0]]``) name
    keys; ``T["unit_" + …]`` names a prefix. A superset is harmless: a word that is not a key
    is not in the catalogue.
    """
    keys = set(re.findall(r"\bT\.([A-Za-z_]\w*)", script))
    keys |= set(re.findall(r"[\"']([a-z][a-z0-9_]*)[\"']", script))
    prefixes = tuple(sorted(set(re.findall(r"\bT\[\s*[\"']([a-z][a-z0-9_]*)[\"']\s*\+", script))))
    return frozenset(keys), prefixes


def page_labels(lang: str, script: str) -> dict[str, str]:
    """Return the catalogue's labels in ``lang`` that the page ``script`` reads (not all ~1,000)."""
    keys, prefixes = _script_label_keys(script)
    return {k: v for k, v in labels(lang).items() if k in keys or k.startswith(prefixes)}
