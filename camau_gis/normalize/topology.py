"""Geometry checks of a commune layer: repair, overlaps, gaps, duplicates, position.

Policy (see ``docs/boundaries.md``):

- Invalid polygons (self-intersections, bow-ties) are repaired with
  ``shapely.make_valid`` keeping only polygonal parts; each repair is reported
  by feature name. Multipart communes (islands) stay multipart.
- A feature with empty or missing geometry is an error naming it: a commune
  without a shape cannot be mapped, and is never dropped silently.
- Overlaps and gaps between neighbours above a tolerance (m²), duplicate
  features, and communes outside the province outline are *reported*, not
  changed (low-resolution sources such as vietnam63 overlap by design).
- The position of coded communes is checked against the official centre
  points of ``vietnamadminunits``; a layer that sits kilometres away (wrong
  zone, meridian or false easting) is refused, naming the features.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import settings
from ..errors import BoundaryError, GeometryWarning  # noqa: F401  (re-exported)
from ..i18n import Msg, t

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

#: Overlaps and gaps smaller than this (m²) are not reported.
DEFAULT_TOLERANCE_M2 = 10_000.0
#: Share of a commune's area outside the province outline before it is reported.
OUTSIDE_SHARE = 0.5


@dataclass
class Problem:
    """One geometry problem, for ``inspect`` and warnings."""

    kind: str  # repaired | empty | overlap | gap | duplicate | outside | offset
    features: list[str]
    detail: str
    area_m2: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """Plain dict for JSON output."""
        out: dict[str, Any] = {"kind": self.kind, "features": self.features,
                               "detail": self.detail}
        if self.area_m2 is not None:
            out["area_m2"] = round(self.area_m2, 1)
        out.update(self.extra)
        return out

    def __str__(self) -> str:
        return f"{self.kind}: {', '.join(self.features)} - {self.detail}"


def _polygonal(geom):  # -> shapely geometry (Multi)Polygon or empty
    import shapely

    if geom is None:
        return geom
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    polys: list[Any] = []
    for p in parts:
        polys.extend(p.geoms if p.geom_type == "MultiPolygon" else [p])
    if not polys:
        return shapely.MultiPolygon()
    return polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)


def repair(
    geoms: gpd.GeoSeries, labels: pd.Series | list[str], source: str = ""
) -> tuple[gpd.GeoSeries, list[Problem]]:
    """Repair invalid polygons; refuse empty ones.

    Parameters
    ----------
    geoms : GeoSeries
        Polygons in any CRS.
    labels : Series or list of str
        Feature names for messages (``"Xã Hiệp Tùng (Huyện Năm Căn)"``).
    source : str
        File name for messages.

    Returns
    -------
    tuple
        ``(repaired GeoSeries, [Problem(kind="repaired"), …])``.

    Raises
    ------
    BoundaryError
        If any feature has no geometry (all such features are named).
    """
    import shapely

    labels = list(labels)
    values = geoms.values
    empty = [i for i, g in enumerate(values) if g is None or g.is_empty]
    if empty:
        shown = [Msg("topo_row", n=i + 1, label=labels[i]) for i in empty]
        raise BoundaryError(Msg("topo_empty", source=source or Msg("geo_boundaries"),
                                n=len(empty), shown=shown))
    arr = values
    invalid = ~shapely.is_valid(arr)
    problems: list[Problem] = []
    if not invalid.any():
        return geoms, problems
    out = geoms.copy()
    for i in invalid.nonzero()[0]:
        geom = arr[i]
        reason = shapely.is_valid_reason(geom)
        fixed = _polygonal(shapely.make_valid(geom))
        if fixed is None or fixed.is_empty:
            raise BoundaryError(Msg("topo_unrepairable", source=source or Msg("geo_boundaries"),
                                    label=labels[i], n=i + 1, reason=reason))
        out.iloc[i] = fixed
        problems.append(
            Problem(
                "repaired",
                [labels[i]],
                t("geo_repaired", None).format(reason=reason, before=geom.geom_type,
                                               after=fixed.geom_type),
            )
        )
    return out, problems


def overlaps_and_gaps(
    communes: gpd.GeoDataFrame, tolerance_m2: float = DEFAULT_TOLERANCE_M2, label: str = "name"
) -> list[Problem]:
    """Overlapping neighbours and enclosed gaps larger than ``tolerance_m2``."""
    import numpy as np
    import shapely

    metric = communes.geometry.to_crs(settings.metric_crs).values
    labels = _labels(communes, label)
    tree = shapely.STRtree(metric)
    left, right = tree.query(metric, predicate="intersects")
    keep = left < right
    left, right = left[keep], right[keep]
    problems: list[Problem] = []
    if len(left):
        inter = shapely.intersection(metric[left], metric[right])
        areas = shapely.area(inter)
        for i, j, a in zip(left, right, areas, strict=False):
            if a > tolerance_m2:
                problems.append(
                    Problem(
                        "overlap",
                        [labels[i], labels[j]],
                        f"the two communes overlap by {a / 1e6:.3f} km².",
                        float(a),
                    )
                )
    union = shapely.union_all(metric)
    holes: list[Any] = []
    for poly in getattr(union, "geoms", [union]):
        holes.extend(shapely.Polygon(r) for r in poly.interiors)
    if holes:
        hole_arr = np.array(holes, dtype=object)
        hole_areas = shapely.area(hole_arr)
        big = hole_arr[hole_areas > tolerance_m2]
        for hole in big:
            near = sorted(
                {labels[k] for k in tree.query(hole, predicate="touches")}
                | {labels[k] for k in tree.query(hole.buffer(1.0), predicate="intersects")}
            )
            problems.append(
                Problem(
                    "gap",
                    near[:6],
                    f"an enclosed gap of {hole.area / 1e6:.3f} km² between these communes.",
                    float(hole.area),
                )
            )
    return problems


def coverage_summary(communes: gpd.GeoDataFrame) -> dict[str, Any]:
    """Totals of the layer's coverage faults, whatever their size.

    Returns
    -------
    dict
        ``valid`` (``shapely.coverage_is_valid``), ``overlap_km2`` (sum of
        pairwise overlaps), ``overlap_pairs``, ``gaps`` (enclosed holes of the
        union) and ``gaps_km2``; areas in :data:`camau_gis.settings.metric_crs`.
    """
    import shapely

    metric = communes.geometry.to_crs(settings.metric_crs).values
    tree = shapely.STRtree(metric)
    left, right = tree.query(metric, predicate="intersects")
    keep = left < right
    areas = shapely.area(shapely.intersection(metric[left[keep]], metric[right[keep]]))
    union = shapely.union_all(metric)
    holes = [shapely.Polygon(r) for p in getattr(union, "geoms", [union]) for r in p.interiors]
    return {
        "valid": bool(shapely.coverage_is_valid(communes.geometry.values)),
        "overlap_km2": round(float(areas.sum()) / 1e6, 3),
        "overlap_pairs": int((areas > 0).sum()),
        "gaps": len(holes),
        "gaps_km2": round(sum(h.area for h in holes) / 1e6, 3),
    }


def duplicates(communes: gpd.GeoDataFrame, label: str = "name") -> list[Problem]:
    """Features that repeat another feature's geometry (or its code and name)."""
    import shapely

    labels = _labels(communes, label)
    wkb = shapely.to_wkb(shapely.normalize(communes.geometry.values))
    seen: dict[bytes, int] = {}
    problems = []
    for i, w in enumerate(wkb):
        if w in seen:
            problems.append(
                Problem(
                    "duplicate",
                    [labels[seen[w]], labels[i]],
                    t("geo_duplicate", None).format(a=seen[w] + 1, b=i + 1),
                )
            )
        else:
            seen[w] = i
    return problems


def outside_outline(
    communes: gpd.GeoDataFrame, outline, share: float = OUTSIDE_SHARE, label: str = "name"
) -> list[Problem]:
    """Communes with more than ``share`` of their area outside the province ``outline``.

    ``outline`` is a shapely geometry in EPSG:4326 (e.g. the union of a reference
    layer's communes).
    """
    import geopandas as gpd
    import shapely

    labels = _labels(communes, label)
    metric = communes.geometry.to_crs(settings.metric_crs).values
    out_m = gpd.GeoSeries([outline], crs=settings.default_crs).to_crs(settings.metric_crs).values[0]
    out_m = shapely.buffer(out_m, 200.0)  # low-resolution outlines
    areas = shapely.area(metric)
    inside = shapely.area(shapely.intersection(metric, out_m))
    problems = []
    for i, (a, b) in enumerate(zip(areas, inside, strict=False)):
        if a > 0 and (a - b) / a > share:
            problems.append(
                Problem(
                    "outside",
                    [labels[i]],
                    t("geo_outside", None).format(share=(a - b) / a),
                )
            )
    return problems


def _labels(communes: gpd.GeoDataFrame, label: str) -> list[str]:
    if label in communes.columns:
        names = communes[label].astype(str).tolist()
        if "district" in communes.columns:
            return [
                f"{n} ({d})" if d else n
                for n, d in zip(names, communes["district"].astype(str), strict=True)
            ]
        return names
    return [f"row {i + 1}" for i in range(len(communes))]


# ---------------------------------------------------------------------------
# Position: official centre points (vietnamadminunits) and a reference layer
# ---------------------------------------------------------------------------


def official_points(codes: pd.Series) -> gpd.GeoSeries:
    """Centre points of the 2019-era units from ``vietnamadminunits`` (EPSG:4326), by code."""
    import geopandas as gpd
    import pandas as pd

    from .gso import reference_points

    pts = reference_points()
    sel = pd.DataFrame({"gso_code": codes.values}, index=codes.index).join(pts, on="gso_code")
    return gpd.GeoSeries(
        gpd.points_from_xy(sel["lon"], sel["lat"]), index=codes.index, crs=settings.default_crs
    )


def point_fit(geoms: gpd.GeoSeries, points: gpd.GeoSeries) -> tuple[float, float, int]:
    """Share of points inside their polygon (500 m slack) and median distance in m."""
    import numpy as np
    import shapely

    ok = ~points.is_empty & points.notna() & ~np.isnan(points.x)
    if ok.sum() == 0:
        return 1.0, 0.0, 0
    g = geoms[ok].to_crs(settings.metric_crs).values
    p = points[ok].to_crs(settings.metric_crs).values
    dist = shapely.distance(g, p)
    return float((dist <= 500).mean()), float(np.median(dist)), int(ok.sum())


def misplaced(share: float, median_m: float, n: int) -> bool:
    """Whether a :func:`point_fit` result marks a wrong CRS.

    At least 5 points, fewer than half inside their polygon and a median
    distance over 5 km.
    """
    return n >= 5 and share < 0.5 and median_m > 5000


def position_check(
    communes: gpd.GeoDataFrame, source: str = "", raw: gpd.GeoDataFrame | None = None
) -> None:
    """Refuse a layer whose coded communes sit far from their official centre points.

    Raises
    ------
    BoundaryError
        When at least 5 communes are coded, fewer than half contain (within
        500 m) their official centre point and the median distance exceeds
        5 km - the mark of a wrong zone, central meridian or false easting. The
        message names the features and, for projected data, the CRS under
        which they would fit.
    """
    coded = communes[communes["gso_code"] != ""]
    if len(coded) < 5:
        return
    pts = official_points(coded["gso_code"])
    share, median, n = point_fit(coded.geometry, pts)
    if not misplaced(share, median, n):
        return
    names = ", ".join(coded["name"].head(5)) + (" …" if len(coded) > 5 else "")
    hint = ""
    if raw is not None and raw.crs is not None and raw.crs.is_projected:
        best = _best_candidate(raw, communes, pts)
        if best:
            hint = Msg("topo_fit_hint", epsg=best[0], name=best[1], share=f"{best[2]:.0%}")
    raise BoundaryError(Msg("topo_misplaced", source=source or Msg("geo_boundaries"),
                            km=f"{median / 1000:.0f}", names=names, share=f"{share:.0%}",
                            hint=hint))


def _best_candidate(raw, communes, pts):
    from pyproj import CRS

    from ..io.crs import as_bounds, candidates

    b = as_bounds(raw.total_bounds)
    coded = (communes["gso_code"] != "").to_numpy()
    best = None
    for c in candidates(b, _province_of(communes))[:6]:
        crs = CRS.from_epsg(c["epsg"])
        geoms = raw.geometry.set_crs(crs, allow_override=True).to_crs(settings.default_crs)
        geoms = geoms[coded]
        geoms.index = pts.index
        share, _, _ = point_fit(geoms, pts)
        if best is None or share > best[2]:
            best = (c["epsg"], c["name"], share)
    return best if best and best[2] >= 0.5 else None


def _province_of(communes: gpd.GeoDataFrame) -> str | None:
    coded = communes.loc[communes["gso_code"] != "", "province"]
    return str(coded.mode().iloc[0]) if len(coded) else None


def datum_offset(communes: gpd.GeoDataFrame, reference: gpd.GeoDataFrame) -> dict | None:
    """Median displacement of communes against a reference layer (matched by GSO code).

    Returns
    -------
    dict or None
        ``{"dx_m", "dy_m", "n", "vn2000_dx_m", "vn2000_dy_m", "looks_vn2000"}``:
        the median east/north shift of centroids, the shift VN-2000 coordinates
        labelled WGS 84 would show here, and whether the data matches it.
        ``None`` when fewer than 5 communes match.
    """
    import numpy as np
    from pyproj import Transformer

    mine = communes[communes["gso_code"] != ""].set_index("gso_code")
    ref = reference[reference["gso_code"] != ""].set_index("gso_code")
    common = mine.index.intersection(ref.index)
    if len(common) < 5:
        return None
    a = mine.loc[common].geometry.to_crs(settings.metric_crs).centroid
    b = (
        ref.loc[common]
        .geometry.set_crs(reference.crs, allow_override=True)
        .to_crs(settings.metric_crs)
        .centroid
    )
    dx = float(np.median(a.x.values - b.x.values))
    dy = float(np.median(a.y.values - b.y.values))
    c = ref.loc[common].geometry.union_all().centroid
    t = Transformer.from_crs("EPSG:4756", "EPSG:4326", always_xy=True)
    m = Transformer.from_crs("EPSG:4326", settings.metric_crs, always_xy=True)
    lon2, lat2 = t.transform(c.x, c.y)
    x1, y1 = m.transform(c.x, c.y)
    x2, y2 = m.transform(lon2, lat2)
    vx, vy = -(x2 - x1), -(y2 - y1)  # VN-2000 numbers read as WGS 84 sit -v from the truth
    err = float(np.hypot(dx - vx, dy - vy))
    size = float(np.hypot(vx, vy))
    return {
        "dx_m": round(dx, 1),
        "dy_m": round(dy, 1),
        "n": int(len(common)),
        "vn2000_dx_m": round(vx, 1),
        "vn2000_dy_m": round(vy, 1),
        "looks_vn2000": bool(err < 0.35 * size and np.hypot(dx, dy) > 0.5 * size),
    }


def check_all(
    communes: gpd.GeoDataFrame,
    *,
    tolerance_m2: float = DEFAULT_TOLERANCE_M2,
    reference: gpd.GeoDataFrame | None = None,
) -> list[Problem]:
    """Every report-only check: overlaps, gaps, duplicates, outside the outline, datum offset."""
    problems = overlaps_and_gaps(communes, tolerance_m2)
    problems += duplicates(communes)
    if reference is not None and len(reference):
        outline = reference.geometry.to_crs(settings.default_crs).union_all()
        problems += outside_outline(communes, outline)
        off = datum_offset(communes, reference)
        if off and off["looks_vn2000"]:
            problems.append(
                Problem(
                    "offset",
                    [t("geo_n_communes", None).format(n=off["n"])],
                    t("geo_offset", None).format(dx=off["dx_m"], dy=off["dy_m"],
                                                 vdx=off["vn2000_dx_m"], vdy=off["vn2000_dy_m"]),
                    extra=off,
                )
            )
    return problems
