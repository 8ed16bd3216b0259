"""Geometry checks shared by the benchmarks and the shape test.

- :func:`embedded_collections` pulls every GeoJSON ``FeatureCollection`` and
  TopoJSON ``Topology`` out of a saved HTML map (folium writes them as JSON
  literals inside the page's script).
- :func:`topology_features` decodes a TopoJSON object to GeoJSON features.
- :func:`coverage_stats` measures how far a polygon layer is from a clean
  coverage: overlap area, gaps (holes of the union) and GEOS's verdict.
- :func:`clean_and_simplify` is the coverage-preserving simplification the
  issue asks for, used as the reference when the project has none yet.
"""

from __future__ import annotations

import json
import re
from typing import Any

_TYPE = re.compile(r'"type"\s*:\s*"(FeatureCollection|Topology)"')


def embedded_collections(html: str) -> list[dict]:
    """Return the GeoJSON FeatureCollections and TopoJSON Topologies embedded in ``html``.

    Parameters
    ----------
    html : str
        Text of a saved HTML map.

    Returns
    -------
    list of dict
        Decoded objects in page order; nested collections are not repeated.
    """
    decoder = json.JSONDecoder()
    found: list[dict] = []
    end_of_last = -1
    for match in _TYPE.finditer(html):
        if match.start() < end_of_last:
            continue  # inside an object already decoded
        start = match.start()
        for _ in range(8):  # the "type" key is usually the first one: try the nearest braces
            start = html.rfind("{", 0, start)
            if start < 0 or start <= end_of_last:
                break
            try:
                obj, end = decoder.raw_decode(html, start)
            except ValueError:
                continue
            if isinstance(obj, dict) and obj.get("type") == match.group(1):
                found.append(obj)
                end_of_last = end
                break
    return found


def _decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    transform = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            pts = []
            for dx, dy in arc:
                x += dx
                y += dy
                pts.append((x * sx + tx, y * sy + ty))
        else:
            pts = [tuple(p) for p in arc]
        arcs.append(pts)
    return arcs


def _ring(arcs: list, indexes: list[int]) -> list[tuple[float, float]]:
    coords: list[tuple[float, float]] = []
    for i in indexes:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        coords.extend(pts if not coords else pts[1:])
    return coords


def _geometry(arcs: list, geom: dict) -> dict | None:
    kind = geom.get("type")
    if kind == "Polygon":
        return {"type": "Polygon", "coordinates": [_ring(arcs, r) for r in geom["arcs"]]}
    if kind == "MultiPolygon":
        return {"type": "MultiPolygon",
                "coordinates": [[_ring(arcs, r) for r in poly] for poly in geom["arcs"]]}
    return None


def topology_features(topo: dict) -> dict[str, list[dict]]:
    """Decode a TopoJSON Topology: ``{object name: [GeoJSON feature, …]}`` (polygons only)."""
    arcs = _decode_arcs(topo)
    out: dict[str, list[dict]] = {}
    for name, obj in topo.get("objects", {}).items():
        geoms = obj.get("geometries", [obj])
        out[name] = [{"type": "Feature", "properties": g.get("properties", {}),
                      "geometry": _geometry(arcs, g)} for g in geoms]
    return out


def feature_layers(html: str) -> list[list[dict]]:
    """Every embedded layer of ``html`` as a list of GeoJSON features."""
    layers: list[list[dict]] = []
    for obj in embedded_collections(html):
        if obj["type"] == "FeatureCollection":
            layers.append(obj.get("features", []))
        else:
            layers.extend(topology_features(obj).values())
    return layers


def vertex_count(features: list[dict]) -> int:
    """Count the coordinate pairs of polygon features."""
    import shapely

    geoms = [shapely.geometry.shape(f["geometry"]) for f in features if f.get("geometry")]
    return int(shapely.get_num_coordinates(geoms).sum()) if geoms else 0


def coverage_stats(geoms: Any, metric_crs: str = "EPSG:32648") -> dict:
    """How far polygons in EPSG:4326 are from a clean coverage.

    Returns
    -------
    dict
        ``n``, ``vertices``, ``valid`` (:func:`shapely.coverage_is_valid`),
        ``overlap_km2`` (sum of areas minus area of the union), ``gaps`` and
        ``gap_km2`` (holes of the union, i.e. slivers enclosed between units).
    """
    import geopandas as gpd
    import numpy as np
    import shapely

    arr = np.asarray(geoms)
    metric = gpd.GeoSeries(arr, crs="EPSG:4326").to_crs(metric_crs).values
    union = shapely.union_all(metric)
    holes = [shapely.Polygon(r) for p in getattr(union, "geoms", [union])
             for r in p.interiors]
    return {
        "n": int(len(arr)),
        "vertices": int(shapely.get_num_coordinates(arr).sum()),
        "valid": bool(shapely.coverage_is_valid(arr)),
        "overlap_km2": round(float(shapely.area(metric).sum() - union.area) / 1e6, 3),
        "gaps": len(holes),
        "gap_km2": round(sum(h.area for h in holes) / 1e6, 3),
    }


def clean_and_simplify(geoms: Any, tolerance: float = 0.0005,
                       gap_width: float = 0.003) -> tuple[Any, Any]:
    """Clean a broken coverage (:func:`shapely.coverage_clean`) then simplify it.

    Parameters
    ----------
    geoms : array of Polygon/MultiPolygon
        Units in EPSG:4326.
    tolerance : float
        Simplification tolerance in degrees (0.0005° ≈ 55 m, about one
        pixel at zoom 12).
    gap_width : float
        Slivers narrower than this (degrees, 0.003° ≈ 330 m) are merged into
        a neighbour; the shared data's thinned borders leave such slivers.

    Returns
    -------
    tuple of arrays
        ``(cleaned, simplified)``.
    """
    import numpy as np
    import shapely

    arr = np.asarray(geoms)
    cleaned = shapely.coverage_clean(arr, gap_width=gap_width)
    simplified = shapely.coverage_simplify(cleaned, tolerance)
    return cleaned, simplified
