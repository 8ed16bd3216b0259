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
import itertools
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._atomic import staged
from ..i18n import t as _t
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

if TYPE_CHECKING:
    import geopandas as gpd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..analysis.result import Analysis

#: Map kinds drawn by :func:`plot_map`.
KINDS: tuple[str, ...] = ("coverage", "c19", "priority", "models")

#: Page presets: name -> (width, height) in millimetres.
PAGES: dict[str, tuple[float, float]] = {
    "A4-landscape": (297.0, 210.0),
    "A4-portrait": (210.0, 297.0),
    "A3-landscape": (420.0, 297.0),
    "A3-portrait": (297.0, 420.0),
}

#: Map kinds on which NTM pilot communes are outlined (dashed), and the dash pattern.
NTM_KINDS: tuple[str, ...] = ("coverage", "c19")
NTM_DASH = (0, (3, 2))

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

#: Above this many communes on one map the map is "crowded" (a region or the
#: whole country on one page): commune names are tried only inside communes
#: with room for them, without leader lines, and the footer gives the number
#: of names left out instead of the names.
CROWDED_COMMUNES = 400
#: Above this many districts on one map their names are not written (only
#: their outlines are drawn): hundreds of bold names would hide the map.
MAX_DISTRICT_LABELS = 60
#: On a crowded map, the room (inscribed radius) a commune needs on the page
#: for its name to be tried, in multiples of the label font size.
CROWDED_ROOM = 1.0
#: Smallest text on a map as printed, in points: commune labels, inset and credit text.
MIN_LABEL_PT = 6.0
#: Smallest legend text as printed, in points.
MIN_LEGEND_PT = 7.0

#: Footer note of a crowded map (too many names to list them).
_SCALE_NOTE = {
    "vi": "Không ghi tên {n}/{total} đơn vị (quá nhỏ ở tỉ lệ bản đồ này).",
    "en": "{n} of {total} units not labelled (too small at this map scale).",
}

_MM_PER_INCH = 25.4
_layer_cache: dict[int, tuple[Any, dict[str, Any]]] = {}


def _error(message: str) -> Exception:
    from ..errors import CamauGisError

    return CamauGisError(message)


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
    raise _error(f"page {page!r} is not a preset; use one of {', '.join(PAGES)}.")


@contextlib.contextmanager
def rc_context() -> Iterator[None]:
    """Apply :data:`RC` (font, text-as-text, fixed SVG ids) inside the block."""
    import matplotlib as mpl

    with mpl.rc_context(RC):
        yield


# --------------------------------------------------------------------------
# Layers (computed once per commune table)
# --------------------------------------------------------------------------


def _close_district(geom: Any, tol: float = 60.0, min_hole: float = 2e6) -> Any:
    """Close slivers between communes of one district and drop small holes."""
    from shapely.geometry import MultiPolygon, Polygon

    closed = geom.buffer(tol).buffer(-tol)
    parts = getattr(closed, "geoms", [closed])
    fixed = [
        Polygon(p.exterior, [r for r in p.interiors if Polygon(r).area >= min_hole])
        for p in parts
        if p.geom_type == "Polygon" and not p.is_empty
    ]
    return fixed[0] if len(fixed) == 1 else MultiPolygon(fixed)


#: Version of the static maps' cached layers (``static_<key>.npz``); bump to rebuild them.
LAYER_CACHE_VERSION = 1


def layers(
    communes: gpd.GeoDataFrame, *, cache: bool = True, cache_dir: Path | None = None
) -> dict[str, Any]:
    """Metric-CRS layers every static map draws, cached per commune table and on disk.

    The costly parts (the locator outline, a union of every commune; the
    closed district outlines; the label circles) are computed once per
    boundary file and kept in ``settings.shapefiles_dir / "cache"`` as
    ``static_<key>.npz``, keyed by the SHA-256 of the communes' geometries,
    their district names and the metric CRS (the cache of the HTML map's
    display coverage, :mod:`camau_gis.render._geocache`). Within a process the
    result is also kept in memory for the last table mapped.

    Parameters
    ----------
    communes : GeoDataFrame
        Canonical commune table (EPSG:4326; a missing CRS is taken as 4326).
    cache : bool, default True
        Read and write the disk cache.
    cache_dir : Path, optional
        Cache folder; default ``settings.shapefiles_dir / "cache"``.

    Returns
    -------
    dict
        ``communes`` (metric GeoDataFrame with ``lab_x``, ``lab_y``,
        ``lab_r``: centre and radius of the largest inscribed circle),
        ``districts`` (one closed polygon per district with its label point),
        ``province`` (EPSG:4326 outline for the inset), ``crs``, ``cache_file``
        (the disk cache used, or None), ``cache`` (its key and folder, for
        :func:`display_geometry`).
    """
    cached = _layer_cache.get(id(communes))
    if cached is not None and cached[0] is communes:
        return cached[1]
    import hashlib

    import geopandas as gpd
    import numpy as np
    import shapely

    from .. import settings
    from . import _geocache

    src = communes if communes.crs is not None else communes.set_crs(settings.default_crs)
    metric = src.to_crs(settings.metric_crs)
    groups = metric.groupby(["district", "dist_short"], sort=True)
    positions = dict(sorted(groups.indices.items()))  # district -> row positions
    names = list(positions)
    members = [np.asarray(idx, dtype=np.int64) for idx in positions.values()]
    n, k = len(metric), len(names)
    # the key: the file's geometries, its district names and the metric CRS
    h = hashlib.sha256("\x1f".join(f"{d}\x1e{s}" for d, s in names).encode())
    for idx in members:
        h.update(idx.tobytes() + b"|")
    key = _geocache.geometry_key(
        src.geometry.values,
        {
            "what": "static-layers",
            "version": LAYER_CACHE_VERSION,
            "crs": str(src.crs),
            "metric_crs": str(settings.metric_crs),
            "districts": h.hexdigest(),
        },
    )

    def compute() -> list[Any]:
        geoms = metric.geometry.values.to_numpy()
        circles = shapely.maximum_inscribed_circle(geoms)
        outlines = [_close_district(shapely.union_all(geoms[idx])) for idx in members]
        district_circles = shapely.maximum_inscribed_circle(np.asarray(outlines, dtype=object))
        province = shapely.union_all(src.to_crs(settings.default_crs).geometry.values)
        return [*circles, *outlines, *district_circles, province]

    derived = _geocache.cached_geometries(
        "static", key, n + 2 * k + 1, compute, cache=cache, cache_dir=cache_dir
    )
    circles, outlines = derived[:n], derived[n : n + k]
    centres = shapely.get_point(circles, 0)
    metric = metric.assign(
        lab_x=shapely.get_x(centres), lab_y=shapely.get_y(centres), lab_r=shapely.length(circles)
    )
    district_centres = shapely.get_point(derived[n + k : n + 2 * k], 0)
    districts = gpd.GeoDataFrame(
        {
            "district": [d for d, _ in names],
            "dist_short": [s for _, s in names],
            "n": [len(idx) for idx in members],
            "lab_x": shapely.get_x(district_centres),
            "lab_y": shapely.get_y(district_centres),
        },
        geometry=list(outlines),
        crs=metric.crs,
    )
    out = {
        "communes": metric,
        "districts": districts,
        "province": derived[-1],
        "crs": metric.crs,
        "cache_file": _geocache.cache_file("static", key, cache_dir) if cache else None,
        "cache": (key, cache_dir) if cache else None,
    }
    _layer_cache.clear()  # keep one table: the cache is for the maps of one run
    _layer_cache[id(communes)] = (communes, out)
    return out


# --------------------------------------------------------------------------
# Classes per map kind
# --------------------------------------------------------------------------


def _fixed_classes(
    values: Any,
    palette: dict[str, str],
    prefix: str,
    lang: str,
) -> tuple[list[str], list[tuple[str, str, str]]]:
    keys = _string_classes(values)
    if keys is None:
        keys = _object_classes(values)
    entries = [(k, c, _t(f"{prefix}{k}", lang)) for k, c in palette.items()]
    for k in sorted(set(keys) - set(palette)):  # unexpected values get their own class
        entries.append((k, "#999999", k))
    return keys, entries


def _string_classes(values: Any) -> list[str] | None:
    """Class key of each value (``"no_data"`` when missing or empty), one test per distinct value.

    Returns None unless every value present is a ``str`` (then
    :func:`_object_classes` keeps 1, 1.0 and True apart).
    """
    import numpy as np
    import pandas as pd

    try:
        codes, uniques = pd.factorize(pd.Series(values, copy=False), use_na_sentinel=True)
    except TypeError:  # unhashable values
        return None
    uniques = list(uniques)
    if not all(type(u) is str for u in uniques):
        return None
    lookup = np.asarray([u if u else "no_data" for u in uniques] + ["no_data"], dtype=object)
    return lookup[codes].tolist()  # code -1 (missing) takes the last entry


def _object_classes(values: Any) -> list[str]:
    import pandas as pd

    distinct: dict[Any, str] = {}  # one test per distinct value: a national table has 11k rows
    keys = []
    for v in values:
        try:
            key = distinct[type(v), v]
        except (KeyError, TypeError):  # unhashable values are classed one by one
            key = "no_data" if pd.isna(v) or not str(v) else str(v)
            with contextlib.suppress(TypeError):
                distinct[type(v), v] = key
        keys.append(key)
    return keys


def classify(
    result: Analysis,
    kind: str,
    lang: str = "vi",
) -> tuple[list[str], list[tuple[str, str, str]], str]:
    """Class of every commune for a map kind, with legend entries.

    Parameters
    ----------
    result : Analysis
        Analysis result.
    kind : {"coverage", "c19", "priority", "models"}
        Map kind.
    lang : {"vi", "en"}
        Legend language.

    Returns
    -------
    keys : list of str
        Class key of each row of ``result.communes``, in order.
    entries : list of (key, colour, label)
        Legend entries in display order (classes with no commune included).
    legend_title : str
    """
    from . import palette

    keys, entries, title = _classify(result, kind, lang)
    c = result.communes
    if "in_data" in c:  # units outside the register's coverage: "no data" in every kind
        known = c["in_data"].fillna(False).astype(bool).to_numpy()
        if not known.all():
            keys = [k if ok else "no_data" for k, ok in zip(keys, known, strict=True)]
            if "no_data" not in {e[0] for e in entries}:
                entries.append(("no_data", palette.CATEGORY["no_data"], _t("cat_no_data", lang)))
    return keys, entries, title


def _classify(result: Analysis, kind: str, lang: str) -> tuple[list[str], list, str]:
    from . import palette

    c = result.communes
    if kind == "coverage":
        return (*category_classes(c["category"], lang), _t("layer_category", lang))
    if kind == "c19":
        keys, entries = _fixed_classes(c["c19_status"], palette.C19, "c19_", lang)
        return keys, entries, _t("layer_c19", lang)
    if kind == "priority":
        ranks = _ranks(result)
        keys = []
        covered_flags = c["covered"].fillna(False).astype(bool)
        for code, covered in zip(c["gso_code"].astype(str), covered_flags, strict=True):
            rank = ranks.get(code)
            if rank is None:
                keys.append("covered" if bool(covered) else "rest")
            else:
                keys.append("top5" if rank <= 5 else "top10" if rank <= 10 else "rest")
        entries = [(k, col, _t(f"prio_{k}", lang)) for k, col in palette.PRIORITY.items()]
        return keys, entries, _t("layer_uncovered", lang)
    if kind == "models":
        keys, entries, used = _model_classes(c["n_models"], lang, result.meta.get("scheme"))
        title = _t("models_per_commune", lang)
        if used:  # the same note as the HTML map's legend
            title += "\n" + _t("classes_by", lang).format(scheme=f"{used} (mapclassify)")
        return keys, entries, title
    raise _error(f"map kind {kind!r} is unknown; use one of {', '.join(KINDS)}.")


def _ranks(result: Analysis) -> dict[str, int]:
    """GSO code -> priority rank of uncovered communes (order of the table if no ``rank``)."""
    unc = result.uncovered
    if unc is None or len(unc) == 0 or "gso_code" not in unc:
        return {}
    ranks = unc["rank"] if "rank" in unc else range(1, len(unc) + 1)
    return {str(code): int(r) for code, r in zip(unc["gso_code"], ranks, strict=True)}


def category_classes(values: Any, lang: str) -> tuple[list[str], list[tuple[str, str, str]]]:
    """Category key of every commune and the legend entries (analysis/classes.py, palette.py).

    Every category a 2019 run can produce is listed (with 0 when empty);
    partly covered (2025) and outside-the-register categories only when present.
    """
    from ..analysis.classes import CATEGORIES, CATEGORIES_2019
    from . import palette

    keys = _string_classes(values)
    if keys is None:
        keys = _object_classes(values)
    present = set(keys)
    entries = [(k, palette.CATEGORY[k], _t(f"cat_{k}", lang)) for k in CATEGORIES
               if k in CATEGORIES_2019 or k in present]
    for k in sorted(present - set(CATEGORIES)):  # unexpected values get their own class
        entries.append((k, "#999999", k))
    return keys, entries


def _model_classes(n_models: Any, lang: str, scheme: str | None = None,
                   ) -> tuple[list[str], list[tuple[str, str, str]], str | None]:
    """Models-per-commune classes: the run's scheme, shared with the HTML map."""
    from . import palette

    index, entries, used = palette.model_entries(n_models.fillna(0), scheme, None, lang)
    return [str(i) for i in index.tolist()], entries, used


# --------------------------------------------------------------------------
# Drawing
# --------------------------------------------------------------------------


def _face_classes(
    keys: list[str], entries: list[tuple[str, str, str]], mask: Any
) -> tuple[Any, Any]:
    """Colour index of every commune and the RGBA colours (last: pale grey, outside ``mask``)."""
    import numpy as np
    import pandas as pd
    from matplotlib.colors import to_rgba_array

    position = {k: i for i, (k, _, _) in enumerate(entries)}
    lut = to_rgba_array([colour for _, colour, _ in entries] + ["#F4F4F4"])
    codes, uniques = pd.factorize(np.asarray(keys, dtype=object))  # keys: a few distinct strings
    index = np.asarray([position[k] for k in uniques], dtype=np.int64)[codes]
    index[~np.asarray(mask, dtype=bool)] = len(entries)
    return index, lut


def hatch_keys(kind: str) -> frozenset[str]:
    """Class keys drawn hatched on a map kind: what is not known, as the HTML map hatches it."""
    from . import palette

    return palette.HATCHED if kind == "coverage" else frozenset({"no_data"})


def _hatched(keys: list[str], mask: Any, kind: str) -> Any:
    """Communes drawn hatched (:func:`hatch_keys`), inside ``mask``."""
    import numpy as np

    hatch = hatch_keys(kind)
    return np.fromiter((k in hatch for k in keys), bool, len(keys)) & np.asarray(mask, bool)


def add_hatch(ax: Axes, paths: list[Any], scale: float = 1.0) -> Any:
    """Draw :data:`palette.HATCH` over ``paths`` (no fill, no outline)."""
    from matplotlib.collections import PathCollection

    from . import palette

    coll = PathCollection(paths, facecolors="none", edgecolors=palette.HATCH_COLOR,
                          linewidths=0, hatch=palette.HATCH, zorder=1.5)
    if hasattr(coll, "set_hatch_linewidth"):  # matplotlib >= 3.10; else rcParams
        coll.set_hatch_linewidth(0.45 * scale)
    ax.add_collection(coll, autolim=False)
    return coll


def _headline(result: Analysis, lang: str) -> list[str]:
    c = result.communes
    n, known = units_in_data(result)
    covered = int(c["covered"].fillna(False).astype(bool).sum()) if "covered" in c else 0
    models = int(c["n_models"].fillna(0).sum()) if "n_models" in c else 0
    c19 = int((c["c19_status"] == "achieved").sum()) if "c19_status" in c else 0
    ntm = int(c["ntm_pilot"].fillna(False).astype(bool).sum()) if "ntm_pilot" in c else 0
    share = 100.0 * covered / known if known else 0.0  # among the units with data
    partly = int(c["category"].astype(str).str.startswith("partly_").sum()) if "category" in c \
        else 0  # 2025 units formed from 2019 communes of which some had no model
    names = c["district"].fillna("").astype(str).str.strip().ne("").any() if "district" in c \
        else True
    units = (f"{_t('sum_communes', lang)}: {n}" if names else
             f"{_t('sum_units', lang).format(types=unit_types(c, lang))}: {n}")
    lines = [units]
    if known < n:
        lines.append(_t("sum_in_data", lang).format(k=known, n=n))
    return lines + [
        f"{_t('sum_models', lang)}: {models}",
        f"{_t('sum_covered' if names else 'sum_covered_units', lang)}: {covered} "
        f"({fmt_number(share, lang, 1)}%)",
        *([f"{_t('coverage_partly', lang)}: {partly}"] if partly else []),
        f"{_t('sum_c19', lang)}: {c19}",
        f"{_t('ntm_pilot', lang)}: {ntm}",
    ]


def _label_items(
    result: Analysis, metric: Any, kind: str, lang: str
) -> list[tuple[str, float, float, Any, float, str, str]]:
    """Label candidates ``(text, x, y, geometry, radius, district, code)``, roomiest first.

    A short name that two unit types share in the table (a xã and a phường
    both called "Tân Thành") carries the type's abbreviation: "X. Tân Thành",
    "P. Tân Thành" (:func:`camau_gis.render.captions.typed_label`).
    """
    from .captions import shared_names, typed_label

    ranks = _ranks(result) if kind == "priority" else {}
    shared = shared_names(result.communes)
    order = metric["lab_r"].to_numpy().argsort()[::-1]  # roomiest first
    names = metric["short_name"].to_numpy()[order]
    types = metric["unit_type"].to_numpy()[order]
    codes = metric["gso_code"].to_numpy()[order]
    dists = metric["district"].fillna("").astype(str).to_numpy()[order]
    xs = metric["lab_x"].to_numpy(dtype=float)[order]
    ys = metric["lab_y"].to_numpy(dtype=float)[order]
    rs = metric["lab_r"].to_numpy(dtype=float)[order]
    geoms = metric.geometry.values.to_numpy()[order]
    items = []
    for name, unit, code, dist, x, y, r, geom in zip(
        names, types, codes, dists, xs, ys, rs, geoms, strict=True
    ):
        # only numbered wards get a short form: skip the pattern for the other units
        text = commune_label(str(name), str(unit), lang) if unit == "phường" else str(name)
        if str(name) in shared:
            text = typed_label(text, str(unit), lang)
        if kind == "priority":
            rank = ranks.get(str(code))
            if rank is None:
                continue
            text = f"{rank}. {text}"
        items.append((text, float(x), float(y), geom, float(r), dist, str(code)))
    return items


#: Relative luminance of a fill below which its label is written in white.
DARK_FILL = 0.2


def label_colors(items: list[Any], metric: Any, face_index: Any, lut: Any) -> list[str]:
    """Text colour of each label item: white on a dark fill (top priority), else dark."""
    from . import palette

    row = {code: i for i, code in enumerate(metric["gso_code"].astype(str))}
    out = []
    for item in items:
        i = row.get(item[6]) if len(item) > 6 else None
        r, g, b = (lut[face_index[i]][:3] if i is not None else (1.0, 1.0, 1.0))
        lum = 0.2126 * r**2.2 + 0.7152 * g**2.2 + 0.0722 * b**2.2
        out.append("#FFFFFF" if lum < DARK_FILL else palette.TEXT)
    return out


def polygon_paths(geoms: Any) -> list[Any]:
    """Matplotlib paths of (multi)polygons, one compound path per geometry, built vectorised.

    Equivalent to ``shapely.plotting.patch_from_polygon(g).get_path()`` for
    each geometry (rings oriented, exterior counter-clockwise, holes
    clockwise; each ring a MOVETO then LINETOs), without a Python loop over
    rings. An empty geometry gives an empty path.

    Parameters
    ----------
    geoms : array-like of shapely (Multi)Polygon

    Returns
    -------
    list of matplotlib.path.Path
    """
    import numpy as np
    from matplotlib.path import Path

    coords, codes, bounds = _polygon_arrays(geoms)
    return [
        Path(coords[a:b], codes[a:b]) if b > a else Path(np.zeros((0, 2)))
        for a, b in zip(bounds[:-1], bounds[1:], strict=True)
    ]


def _polygon_arrays(geoms: Any) -> tuple[Any, Any, Any]:
    """Vertices and path codes of (multi)polygons, all geometries in one pair of arrays.

    Returns
    -------
    coords : numpy.ndarray
        ``(n, 2)`` vertices, rings oriented as in :func:`polygon_paths`.
    codes : numpy.ndarray
        Matplotlib path code of each vertex (MOVETO at each ring's start).
    bounds : numpy.ndarray
        Vertices of geometry ``i`` are ``coords[bounds[i]:bounds[i + 1]]``.
    """
    import numpy as np
    import shapely
    from matplotlib.path import Path

    geoms = shapely.orient_polygons(np.asarray(geoms, dtype=object))
    parts, part_of = shapely.get_parts(geoms, return_index=True)
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    coords, coord_ring = shapely.get_coordinates(rings, return_index=True)
    coords = np.ascontiguousarray(coords[:, :2], dtype=float)
    codes = np.full(len(coords), Path.LINETO, dtype=Path.code_type)
    starts = np.flatnonzero(np.r_[True, coord_ring[1:] != coord_ring[:-1]]) if len(coords) else []
    codes[starts] = Path.MOVETO
    geom_of = part_of[ring_part[coord_ring]]
    bounds = np.searchsorted(geom_of, np.arange(len(geoms) + 1))
    return coords, codes, bounds


def add_polygons(
    ax: Axes,
    geoms: Any,
    facecolors: list[str],
    *,
    edgecolor: str,
    linewidth: float,
    zorder: float = 1,
    paths: list[Any] | None = None,
) -> Any:
    """Draw (multi)polygons with holes as one PathCollection (one face colour per path).

    Paths come from :func:`polygon_paths` (vectorised; the national layer's
    11,163 communes in a fraction of a second) unless ``paths`` (the same
    paths, precomputed for ``geoms``) is given.
    """
    from matplotlib.collections import PathCollection

    coll = PathCollection(
        polygon_paths(geoms) if paths is None else paths,
        facecolors=facecolors,
        edgecolors=edgecolor,
        linewidths=linewidth,
        zorder=zorder,
        joinstyle="bevel",  # thin outlines: as round to the eye, cheaper to stroke
    )
    ax.add_collection(coll, autolim=False)
    return coll


def boundary_path(geoms: Any) -> Any:
    """One compound matplotlib Path of the rings of (multi)polygons (each a MOVETO, then LINETOs).

    Parameters
    ----------
    geoms : array-like of shapely (Multi)Polygon

    Returns
    -------
    matplotlib.path.Path
        Every ring of every geometry, in order, as one path (an empty path
        when there is none).
    """
    import numpy as np
    import shapely
    from matplotlib.path import Path

    parts = shapely.get_parts(shapely.boundary(np.asarray(geoms, dtype=object)))
    coords, index = shapely.get_coordinates(parts, return_index=True)
    if not len(coords):
        return Path(np.zeros((0, 2)))
    codes = np.full(len(coords), Path.LINETO, dtype=Path.code_type)
    codes[np.r_[0, np.flatnonzero(index[1:] != index[:-1]) + 1]] = Path.MOVETO
    return Path(np.ascontiguousarray(coords[:, :2], dtype=float), codes)


def add_lines(
    ax: Axes,
    geoms: Any,
    *,
    color: str,
    linewidth: float,
    zorder: float = 3,
    linestyle: Any = "solid",
    path: Any = None,
) -> Any:
    """Draw the boundaries of polygons as one stroked compound path (one collection, no fill).

    ``path`` is :func:`boundary_path` of ``geoms``, when already built
    (e.g. cached per print tolerance).
    """
    from matplotlib.collections import PathCollection

    coll = PathCollection(
        [boundary_path(geoms) if path is None else path],
        facecolors="none",
        edgecolors=color,
        linewidths=linewidth,
        zorder=zorder,
        capstyle="round",
        joinstyle="round",
        linestyles=linestyle,
    )
    ax.add_collection(coll, autolim=False)
    return coll


def _fit_limits(ax: Axes, bounds: Iterable[float], pad: float = 0.03) -> None:
    """Set limits showing ``bounds`` with equal scale, filling the axes box."""
    minx, miny, maxx, maxy = bounds
    w, h = maxx - minx, maxy - miny
    minx, maxx, miny, maxy = minx - w * pad, maxx + w * pad, miny - h * pad, maxy + h * pad
    box = ax.get_position(original=True)
    fw, fh = ax.figure.get_size_inches()
    box_ratio = (box.width * fw) / (box.height * fh)
    w, h = maxx - minx, maxy - miny
    if w / h < box_ratio:
        extra = (h * box_ratio - w) / 2
        minx, maxx = minx - extra, maxx + extra
    else:
        extra = (w / box_ratio - h) / 2
        miny, maxy = miny - extra, maxy + extra
    ax.set_xlim(minx, maxx)
    ax.set_ylim(miny, maxy)
    ax.set_aspect("equal", adjustable="box")
    ax.set_position(box)  # reset the active position an earlier aspect pass may have shrunk
    ax.apply_aspect()


#: Largest shift of a drawn vertex, in inches on the page: half a pixel at 300 dpi.
PRINT_TOLERANCE_IN = 0.5 / 300


def print_tolerance(ax: Axes) -> float:
    """Map units per :data:`PRINT_TOLERANCE_IN` on the page, for axes with final limits."""
    x0, x1 = ax.get_xlim()
    width_in = ax.get_position().width * ax.figure.get_size_inches()[0]
    return abs(x1 - x0) / width_in * PRINT_TOLERANCE_IN


def display_geometry(lay: dict[str, Any], name: str, tolerance: float) -> Any:
    """Geometries of layer ``name`` simplified for print, cached per tolerance.

    Each polygon is simplified with ``preserve_topology=True`` so no vertex
    moves more than ``tolerance`` (:func:`print_tolerance`: half a pixel at
    300 dpi). Neighbours may then part or overlap by at most a pixel, which
    the commune outlines (0.35 pt, about 1.5 px at 300 dpi) cover, so the
    map looks the same while the national layer draws several times faster
    (district outlines, made by buffering, lose ~95% of their vertices).
    Labels still use the exact geometries.

    The tolerance is first rounded down to a step of a quarter octave
    (:func:`snap_tolerance`), so maps of one page size share one result,
    which is also kept in the layers' disk cache (``static_display_<key>.npz``,
    keyed by the boundary file's hash, the layer and the tolerance).

    Parameters
    ----------
    lay : dict
        What :func:`layers` returned.
    name : {"communes", "districts"}
        Layer.
    tolerance : float
        Distance in map units (metres).

    Returns
    -------
    numpy.ndarray of shapely geometries
        Same order as the layer's rows.
    """
    import hashlib

    import shapely

    from . import _geocache

    cache = lay.setdefault("display", {})
    tolerance = snap_tolerance(tolerance)
    key = (name, tolerance)
    if key not in cache:
        geoms = lay[name].geometry.values.to_numpy()

        def compute() -> Any:
            return shapely.simplify(geoms, tolerance, preserve_topology=True)

        disk = lay.get("cache")
        if disk is None:
            cache[key] = compute()
        else:
            file_key = hashlib.sha256(f"{disk[0]}|{name}|{tolerance!r}".encode()).hexdigest()
            cache[key] = _geocache.cached_geometries(
                "static_display", file_key, len(geoms), compute, cache_dir=disk[1]
            )
    return cache[key]


def snap_tolerance(tolerance: float) -> float:
    """Round a simplification tolerance down to a power of 2**(1/4) (at most 16% smaller)."""
    import math

    if not tolerance > 0:
        return 0.0
    return 2.0 ** (math.floor(math.log2(tolerance) * 4 + 1e-9) / 4)


def display_paths(lay: dict[str, Any], tolerance: float) -> list[Any]:
    """Matplotlib paths of the communes' :func:`display_geometry`, cached per tolerance."""
    cache = lay.setdefault("display", {})
    key = ("paths", snap_tolerance(tolerance))
    if key not in cache:
        cache[key] = polygon_paths(display_geometry(lay, "communes", tolerance))
    return cache[key]


def display_lines(lay: dict[str, Any], name: str, tolerance: float, mask: Any = None) -> Any:
    """:func:`boundary_path` of the :func:`display_geometry` of ``name`` (rows ``mask``), cached."""
    import hashlib

    import numpy as np

    cache = lay.setdefault("display", {})
    digest = None if mask is None else hashlib.blake2b(
        np.packbits(np.asarray(mask, dtype=bool)).tobytes(), digest_size=16).hexdigest()
    key = ("lines", name, snap_tolerance(tolerance), digest)
    if key not in cache:
        geoms = display_geometry(lay, name, tolerance)
        cache[key] = boundary_path(geoms if mask is None else geoms[np.asarray(mask, dtype=bool)])
    return cache[key]


def draw_map_panel(
    ax: Axes,
    result: Analysis,
    kind: str,
    *,
    lang: str = "vi",
    scale: float = 1.0,
    communes_mask: Any = None,
    label_all: bool = False,
    labels: bool = True,
    fontsize: float | None = None,
    detail: int = 0,
) -> dict[str, Any]:
    """Draw communes, district outlines, labels, scale bar and north arrow on ``ax``.

    Parameters
    ----------
    ax : Axes
        Empty axes placed on its figure (limits are set here).
    result : Analysis
        Analysis result.
    kind : str
        One of :data:`KINDS`.
    lang : {"vi", "en"}
        Language of labels.
    scale : float
        Text and line scale (1 for A4).
    communes_mask : array of bool, optional
        Draw and label only these communes (atlas pages); others are drawn pale.
    label_all : bool
        Label every commune, also on the priority map.
    labels : bool
        Label communes at all (False: district names only, e.g. an atlas cover).
    fontsize : float, optional
        Commune label size in points as printed (default: 6 pt, growing
        slowly with ``scale``); never below :data:`MIN_LABEL_PT`.
    detail : int
        Up to this many districts whose units are too small at this scale
        (:func:`camau_gis.render.insets.choose_details`) are not labelled
        here but in an enlarged inset, whose place is framed on this map.
        Their names are in ``detail``; 0: none.

    Returns
    -------
    dict
        ``keys``, ``entries``, ``legend_title``, ``counts`` (class -> communes),
        ``labels`` (:class:`~camau_gis.render._cartography.LabelPlacement`)
        and ``crowded`` (more than :data:`CROWDED_COMMUNES` communes shown).

    Notes
    -----
    Label density follows the map scale. With more than
    :data:`CROWDED_COMMUNES` communes shown, a commune's name is tried only
    when its inscribed circle is at least :data:`CROWDED_ROOM` times the
    font size in radius on the page (the others are ``skipped`` without
    measuring any text) and never with a leader line. District names are
    left out above :data:`MAX_DISTRICT_LABELS` districts.
    """
    import numpy as np
    from matplotlib.transforms import Bbox

    from . import _cartography as carto
    from . import palette

    lay = layers(result.communes)
    metric = lay["communes"]
    keys, entries, legend_title = classify(result, kind, lang)
    mask = (
        np.ones(len(metric), dtype=bool)
        if communes_mask is None
        else np.asarray(communes_mask, bool)
    )
    face_index, lut = _face_classes(keys, entries, mask)
    bounds = metric[mask].total_bounds if not mask.all() else metric.total_bounds
    _fit_limits(ax, bounds)
    tolerance = print_tolerance(ax)
    paths = display_paths(lay, tolerance)
    add_polygons(
        ax,
        None,
        lut[face_index],
        paths=paths,
        edgecolor=palette.COMMUNE_EDGE,
        linewidth=0.35 * scale,
        zorder=1,
    )
    hatched = _hatched(keys, mask, kind)
    if hatched.any():  # e.g. no criterion-19 data: a hatch over the coverage colour
        add_hatch(ax, [p for p, h in zip(paths, hatched, strict=True) if h], scale)
    districts = lay["districts"]
    named = districts["district"].fillna("").astype(str).str.strip().ne("").to_numpy()
    # units without districts (2025): outline the province instead, never "districts"
    add_lines(
        ax,
        None,
        path=display_lines(lay, "districts", tolerance, named if named.any() else None),
        color=palette.DISTRICT_EDGE,
        linewidth=0.9 * scale,
        zorder=3,
    )
    districts = districts[named]
    ntm = metric["ntm_pilot"].fillna(False).astype(bool).to_numpy() & mask
    if kind in NTM_KINDS and ntm.any():  # criterion 19 is an NTM criterion: outline the pilots
        add_lines(
            ax,
            None,
            path=display_lines(lay, "communes", tolerance, ntm),
            color=palette.NTM_EDGE,
            linewidth=0.8 * scale,
            zorder=2,
            linestyle=NTM_DASH,
        )
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    for spine in ax.spines.values():
        spine.set_linewidth(0.6 * scale)

    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    occupied = [  # keep corners free for the scale bar, north arrow and the illustrative badge
        Bbox.from_extents(
            frame.x1 - frame.width * 0.42, frame.y0, frame.x1, frame.y0 + frame.height * 0.09
        ),
        Bbox.from_extents(
            frame.x1 - frame.width * 0.13, frame.y1 - frame.height * 0.17, frame.x1, frame.y1
        ),
    ]
    if result.illustrative:
        badge = ax.text(
            0.015,
            0.985,
            _t("illustrative", lang),
            transform=ax.transAxes,
            ha="left",
            va="top",
            fontsize=9 * scale,
            fontweight="bold",
            color=palette.ILLUSTRATIVE,
            zorder=25,
            bbox={
                "boxstyle": "round,pad=0.3",
                "facecolor": "white",
                "edgecolor": palette.ILLUSTRATIVE,
                "linewidth": 0.8,
            },
        )
        occupied.append(badge.get_window_extent(renderer).expanded(1.15, 1.6))
    xmin, xmax = ax.get_xlim()
    ymin, ymax = ax.get_ylim()
    crowded = int(mask.sum()) > CROWDED_COMMUNES
    if len(districts) > MAX_DISTRICT_LABELS:
        districts = districts.iloc[:0]
    district_boxes: list[Any] = []
    for _, d in districts.sort_values("n", ascending=False).iterrows():
        if not (xmin <= d["lab_x"] <= xmax and ymin <= d["lab_y"] <= ymax):
            continue
        if not mask.all() and not metric[mask]["district"].eq(d["district"]).any():
            continue
        text = ax.text(
            d["lab_x"],
            d["lab_y"],
            district_label(d["district"], d["dist_short"], lang),
            ha="center",
            va="center",
            fontsize=8.5 * scale,
            fontweight="bold",
            color=palette.TEXT,
            zorder=18,
            # no box: a white box paled the communes under it, the gaps of the district
            # towns and of the city included (a halo would turn SVG text into paths)
        )
        box = text.get_window_extent(renderer)
        if any(box.overlaps(b) for b in district_boxes):  # a small map: names would collide
            text.remove()
            continue
        district_boxes.append(box)
        occupied.append(box)
    item_kind = "coverage" if label_all else kind
    # labels grow slower than the page: an A3 map shows more names, not just bigger ones
    fontsize = max(MIN_LABEL_PT, fontsize or MIN_LABEL_PT * scale**0.5)
    chosen: list[str] = []
    if not labels:
        items = []
    elif mask.all() and item_kind != "priority":  # the same names on every map of the table
        items = lay.setdefault("display", {}).get(("items", lang))
        if items is None:
            items = lay["display"][("items", lang)] = _label_items(result, metric, item_kind, lang)
    else:
        items = _label_items(result, metric[mask] if not mask.all() else metric, item_kind, lang)
    if detail and items and not crowded:  # districts labelled in an enlarged inset instead
        from .insets import choose_details, frame_detail, frame_edges

        chosen = choose_details(lay, ax, items, fontsize, mask, avoid=occupied, limit=detail)
        for name in chosen:
            occupied.extend(frame_edges(frame_detail(ax, lay, name, scale=scale)))
        items = [it for it in items if it[5] not in chosen]
    placement = carto.place_labels(
        ax,
        items,
        fontsize=fontsize,
        colors=label_colors(items, metric, face_index, lut),
        avoid=occupied,
        leader=not crowded,
        min_room=CROWDED_ROOM * fontsize if crowded else 0.0,
    )
    carto.add_scalebar(ax, fontsize=7 * scale, location="lower right")
    cx, cy = lay["province"].centroid.coords[0]
    carto.add_north_arrow(
        ax,
        letter=_t("north_letter", lang),
        angle=carto.north_angle(lay["crs"], cx, cy),
        xy=(0.95, 0.93),
        fontsize=9 * scale,
    )
    counts = {k: 0 for k, _, _ in entries}
    counts.update(Counter(itertools.compress(keys, mask)))
    return {
        "kind": kind,
        "keys": keys,
        "entries": entries,
        "legend_title": legend_title,
        "counts": counts,
        "labels": placement,
        "crowded": crowded,
        "ntm": int(ntm.sum()) if kind in NTM_KINDS else 0,
        "boundary": "layer_districts" if named.any() else "layer_province",
        "detail": chosen,
        "fontsize": fontsize,
        "face_index": face_index,
        "lut": lut,
        "label_kind": item_kind,  # the kind whose label items are drawn (atlas: coverage)
    }


def add_legend(
    fig: Figure,
    panel: dict[str, Any],
    anchor: tuple[float, float],
    *,
    lang: str = "vi",
    scale: float = 1.0,
    hide_empty: bool = True,
) -> Any:
    """Figure legend of a map panel: one patch per class with its commune count.

    Parameters
    ----------
    fig : Figure
        Figure.
    panel : dict
        What :func:`draw_map_panel` returned.
    anchor : tuple of float
        Upper-left corner in figure fraction.
    lang : {"vi", "en"}
        Language.
    scale : float
        Text scale.
    hide_empty : bool
        Leave out classes with no commune (default): a legend lists what the map shows.

    Returns
    -------
    matplotlib.legend.Legend
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    from . import palette

    hatch = hatch_keys(panel.get("kind", "coverage"))
    handles, texts = [], []
    for key, colour, label in panel["entries"]:
        n = panel["counts"].get(key, 0)
        if hide_empty and n == 0:
            continue
        handles.append(Patch(facecolor=colour, edgecolor="#777777", linewidth=0.4,
                             hatch=palette.HATCH if key in hatch else None))
        texts.append(f"{label} ({n})")
    if panel.get("ntm"):
        handles.append(
            Line2D([], [], color=palette.NTM_EDGE, linewidth=0.9 * scale, linestyle=NTM_DASH)
        )
        texts.append(f"{_t('layer_ntm', lang)} ({panel['ntm']})")
    handles.append(Line2D([], [], color=palette.DISTRICT_EDGE, linewidth=1.0 * scale))
    texts.append(_t(panel.get("boundary", "layer_districts"), lang))
    return fig.legend(
        handles,
        texts,
        loc="upper left",
        bbox_to_anchor=anchor,
        frameon=False,
        title=panel["legend_title"],
        fontsize=7.5 * scale,
        title_fontsize=8.5 * scale,
        alignment="left",
        handlelength=1.6,
        handleheight=1.1,
    )


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
        raise SchemaError(
            f"result.communes lacks column(s) {', '.join(missing)} needed by the {kind} map "
            f"(has: {', '.join(map(str, communes.columns))}); build the result with "
            "camau_gis.analysis.analyze() or add the schema.INDICATOR_COLUMNS."
        )
    if len(communes) == 0:
        raise SchemaError(
            "result.communes is empty: there is no commune to map; check the "
            "boundary file and --province."
        )


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
    lang: str = "vi",
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
        raise _error(f"map kind {kind!r} is unknown; use one of {', '.join(KINDS)}.")
    check_result(result, kind)
    aspect = layout.province_aspect(layers(result.communes)["communes"].total_bounds)
    if figure:
        width = layout.FIGURE_WIDTH_CM if width_cm is None else float(width_cm)
        lo, hi = layout.FIGURE_WIDTH_RANGE
        if not lo <= width <= hi:
            raise _error(f"figure width {width:g} cm is out of range; use {lo:g}-{hi:g} cm.")
        credit = credit_line(result, lang, date=True)
        chars = layout.credit_chars(width / 2.54 - 0.12)
        lines = -(-len(credit) // max(chars, 1)) + 2  # the credit and two lines of omitted names
        frame = layout.figure_frame(width, aspect, footer_lines=lines)
    else:
        frame = layout.page_frame(page_size(page), aspect)
    with rc_context():
        fig, ax, panel = layout.compose(result, kind, frame, lang=lang, title=title)
    fig.camau_labels = panel["labels"]
    fig.camau_insets = panel.get("insets", [])
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
        raise _error(f"{path}: cannot write {path.suffix!r} images; use .png, .svg or .pdf.")
    with rc_context(), atomic_path(path) as tmp:
        from .._sanitize import clean_figure_text

        clean_figure_text(fig)  # control characters would make the SVG ill-formed XML
        if fmt == "png":
            write_png(fig, tmp, dpi=dpi)
        else:
            fig.savefig(tmp, format=fmt, dpi=dpi, metadata=_METADATA[fmt])
    return path


@staged()  # all files or none; see camau_gis._atomic.staging
def save_maps(
    result: Analysis,
    out_dir: str | Path,
    *,
    kinds: Iterable[str] = KINDS,
    formats: Iterable[str] = ("png",),
    lang: str = "vi",
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
    formats = [f.lower().lstrip(".") for f in formats]
    bad = [f for f in formats if f not in FORMATS]
    kinds = list(kinds)
    bad_kinds = [k for k in kinds if k not in KINDS]
    if bad or bad_kinds:
        raise _error(
            "; ".join(
                (
                    [f"format(s) {', '.join(bad)} not supported: use {', '.join(FORMATS)}"]
                    if bad
                    else []
                )
                + (
                    [f"map kind(s) {', '.join(bad_kinds)} unknown: use {', '.join(KINDS)}"]
                    if bad_kinds
                    else []
                )
            )
            + "."
        )
    out = Path(out_dir)
    written: dict[str, Path] = {}
    for kind in kinds:
        fig, _ = plot_map(result, kind, lang=lang, page=page, figure=figure, width_cm=width_cm)
        for fmt in formats:
            name = f"{prefix}{kind}_map.{fmt}"
            written[name] = save_figure(fig, out / name, dpi=dpi)
    return written
