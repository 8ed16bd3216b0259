"""Coordinate reference systems of Vietnamese boundary files (VN-2000 and WGS84).

Policy (see ``docs/boundaries.md``):

- A ``.prj``'s *parameters* are trusted over its *name*: the CRS is identified
  by comparing datum, projection method, central meridian, scale factor and
  false origin with the known VN-2000 and WGS84 systems (real files call a
  103° meridian "UTM 48N").
- A VN-2000 datum (by name, or by ``TOWGS84`` values of the Ministry's
  transformation) is re-based on EPSG:4756 so that PROJ applies EPSG:6960,
  the 7-parameter VN-2000 -> WGS 84 transformation for onshore Vietnam. The
  operation used is reported.
- A file without a CRS is refused unless its coordinates are plainly
  geographic; the message names the likely candidates from the coordinate
  ranges and asks for ``--crs``.
- Coordinates outside Vietnam after reprojection are refused with the likely cause.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from ..errors import BoundaryError
from ..i18n import Msg

if TYPE_CHECKING:
    import geopandas as gpd
    from pyproj import CRS

#: A bounding box ``(xmin, ymin, xmax, ymax)``.
Bounds = tuple[float, float, float, float]


def as_bounds(values: Any) -> Bounds:
    """Four numbers (e.g. ``total_bounds``) as a :data:`Bounds` tuple of floats."""
    x0, y0, x1, y1 = (float(v) for v in values)
    return x0, y0, x1, y1


#: Longitude/latitude box of Vietnam with its islands (Hoàng Sa, Trường Sa).
VIETNAM_BOUNDS = (102.0, 6.0, 118.0, 23.6)

#: VN-2000 -> WGS 84 operations PROJ knows, by name.
TRANSFORMATIONS = {
    "VN-2000 to WGS 84 (2)": "EPSG:6960",
    "VN-2000 to WGS 84 (1)": "EPSG:5194",
}

#: Systems a Vietnamese boundary file is likely to use.
CANDIDATE_EPSG = (
    4326,
    4756,
    32648,
    32649,
    3405,
    3406,
    5896,
    5897,
    5898,
    5899,
    *range(9205, 9219),
)

#: Provincial TM-3 central meridians (Circular 973/2001/TT-TCĐC) known to this tool.
PROVINCE_TM3 = {"ca mau": 9207, "bac lieu": 5897}


@dataclass
class CrsReport:
    """What was decided about a file's CRS."""

    source: str = ""  # ".prj/file", "--crs", "assumed (geographic coordinates)"
    name: str = ""
    epsg: int | None = None
    datum: str = ""
    transformation: str = ""
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Plain dict for JSON output."""
        return {
            "source": self.source,
            "name": self.name,
            "epsg": self.epsg,
            "datum": self.datum,
            "transformation": self.transformation,
            "notes": list(self.notes),
        }


def _key(text: str) -> str:
    return "".join(ch for ch in str(text).lower() if ch.isalnum())


def is_vn2000_datum(crs: CRS) -> bool:
    """Return True if the CRS's datum is VN-2000 by name or by its ``TOWGS84`` translation."""
    datum = crs.datum.name if crs.datum else ""
    k = _key(datum)
    if "vn2000" in k or "vietnam2000" in k:
        return True
    towgs = _towgs84(crs)
    return towgs is not None and len(towgs) >= 3 and abs(towgs[0] + 191.9) < 1.5 and abs(
        towgs[2] + 111.3) < 1.5


def _towgs84(crs: CRS) -> list[float] | None:
    import re

    m = re.search(r"TOWGS84\[([^\]]+)\]", crs.to_wkt("WKT1_GDAL") or "")
    if not m:
        return None
    try:
        return [float(v) for v in m.group(1).split(",")]
    except ValueError:
        return None


def _datum_family(crs: CRS) -> str:
    if is_vn2000_datum(crs):
        return "vn2000"
    k = _key(crs.datum.name if crs.datum else "")
    if "wgs84" in k or "wgs1984" in k or "worldgeodeticsystem1984" in k:
        return "wgs84"
    return k


def _datum_name(crs: CRS) -> str:
    return crs.datum.name if crs.datum is not None else "?"


def _method(crs: CRS) -> str:
    op = crs.coordinate_operation
    return _key(op.method_name) if op is not None else ""


def _params(crs: CRS) -> dict[str, float]:
    op = crs.coordinate_operation
    if op is None:
        return {}
    out: dict[str, float] = {}
    for p in op.params:
        n = p.name.lower()
        if "longitude" in n or "central meridian" in n:
            out["lon0"] = float(p.value)
        elif "latitude" in n:
            out["lat0"] = float(p.value)
        elif "scale" in n:
            out["k"] = float(p.value)
        elif "easting" in n:
            out["x0"] = float(p.value)
        elif "northing" in n:
            out["y0"] = float(p.value)
    return out


@cache
def _candidate(epsg: int) -> CRS:
    from pyproj import CRS

    return CRS.from_epsg(epsg)


def identify(crs: CRS) -> int | None:
    """EPSG code of a known system with the same datum and parameters (names ignored)."""
    fam = _datum_family(crs)
    mine = _params(crs)
    for code in CANDIDATE_EPSG:
        cand = _candidate(code)
        if cand.is_geographic != crs.is_geographic or _datum_family(cand) != fam:
            continue
        if crs.is_geographic:
            return code
        theirs = _params(cand)
        if _method(crs) != _method(cand):
            continue
        if all(abs(mine.get(k, math.nan) - theirs[k]) < 1e-6 for k in ("lon0", "k", "x0", "y0")):
            return code
    return None


def describe_params(crs: CRS) -> str:
    """Short human text of a projected CRS's parameters (``TM 104.5°, k=0.9999, E0=500000``)."""
    p = _params(crs)
    if crs.is_geographic or not p:
        return "geographic"
    return (
        f"TM central meridian {p.get('lon0')}°, k={p.get('k')}, "
        f"false easting {p.get('x0')}, false northing {p.get('y0')}"
    )


def normalize_crs(crs: CRS) -> tuple[CRS, list[str]]:
    """Return a CRS PROJ transforms correctly, with notes on what was changed.

    VN-2000 datums that PROJ cannot tie to EPSG:4756 (custom names, or a
    ``TOWGS84`` clause) are re-based on EPSG:4756 so EPSG:6960 applies.
    """
    from pyproj import CRS
    from pyproj.crs import ProjectedCRS

    notes: list[str] = []
    bound = crs
    if crs.is_bound and crs.source_crs is not None:  # WKT1 with TOWGS84: judge the base CRS
        crs = crs.source_crs
    code = identify(crs)
    name_code = crs.to_epsg(min_confidence=20)
    if code is not None and name_code not in (None, code):
        notes.append(
            f"the .prj is named {crs.name!r} (EPSG:{name_code}) but its parameters "
            f"({describe_params(crs)}, datum {_datum_name(crs)}) are EPSG:{code} "
            f"{_candidate(code).name}; the parameters are used."
        )
    elif code is None and name_code is not None and not crs.equals(_candidate_or_none(name_code)):
        notes.append(
            f"the .prj is named {crs.name!r} but its parameters ({describe_params(crs)}) "
            "match no standard system; the parameters are used."
        )
    if is_vn2000_datum(crs) or is_vn2000_datum(bound):
        towgs = _towgs84(bound)
        if code is not None:
            fixed = _candidate(code)
        elif crs.is_geographic:
            fixed = CRS.from_epsg(4756)
        else:
            fixed = ProjectedCRS(
                conversion=crs.coordinate_operation, name=crs.name, geodetic_crs=CRS.from_epsg(4756)
            )
        if towgs:
            notes.append(
                f"the .prj carries its own TOWGS84{towgs}; it is replaced by EPSG:6960 "
                "(VN-2000 to WGS 84 (2), Coordinate Frame rotations): TOWGS84 is read with the "
                "Position Vector convention, and the Ministry's values with flipped rotation "
                "signs differ by about 0.5 m."
            )
        elif not bound.equals(fixed):
            notes.append(
                f"VN-2000 datum {_datum_name(crs)!r} tied to EPSG:4756 so EPSG:6960 applies."
            )
        return fixed, notes
    if code is not None and not bound.equals(_candidate(code)):
        return _candidate(code), notes
    return bound, notes


def _candidate_or_none(code: int) -> CRS | None:
    try:
        return _candidate(code)
    except Exception:
        return None


def transformation_name(crs: CRS, bounds: tuple[float, float, float, float] | None = None) -> str:
    """Name (and EPSG code where known) of the operation PROJ uses from ``crs`` to WGS 84."""
    from pyproj.transformer import TransformerGroup

    if _datum_family(crs) == "wgs84":
        return "none (WGS 84 datum)" if crs.is_geographic else "map projection only (WGS 84 datum)"
    try:
        group = TransformerGroup(crs, "EPSG:4326", always_xy=True)
    except Exception as exc:  # pragma: no cover - PROJ database issues
        return f"unknown ({exc})"
    if not group.transformers:
        return "none available"
    desc = group.transformers[0].description
    for name, code in TRANSFORMATIONS.items():
        if name in desc:
            return f"{code} {name}"
    if "Ballpark" in desc:
        return f"ballpark (no datum shift): {desc}"
    return desc


def _inside(
    bounds: tuple[float, float, float, float], box: tuple[float, float, float, float]
) -> bool:
    x0, y0, x1, y1 = bounds
    return box[0] <= x0 and x1 <= box[2] and box[1] <= y0 and y1 <= box[3]


def plainly_geographic(bounds: tuple[float, float, float, float]) -> bool:
    """Return True if the coordinates can only be longitudes/latitudes (and lie near Vietnam)."""
    x0, y0, x1, y1 = bounds
    return -180 <= x0 <= x1 <= 180 and -90 <= y0 <= y1 <= 90


def candidates(
    bounds: tuple[float, float, float, float], province: str | None = None, datum: str | None = None
) -> list[dict]:
    """Systems under which projected ``bounds`` land in Vietnam, likeliest first.

    Each item: ``{"epsg", "name", "lon", "lat"}`` (centre after reprojection).
    The province's own TM-3 meridian (when known) comes first, then systems
    whose result is nearest the province's official centre; on ties the
    ``datum`` family (``"vn2000"``/``"wgs84"``) of the file, else VN-2000, first.
    """
    from pyproj import Transformer

    x = (bounds[0] + bounds[2]) / 2
    y = (bounds[1] + bounds[3]) / 2
    out = []
    for code in CANDIDATE_EPSG:
        cand = _candidate(code)
        if cand.is_geographic:
            continue
        lon, lat = Transformer.from_crs(cand, "EPSG:4326", always_xy=True).transform(x, y)
        if math.isfinite(lon) and _inside((lon, lat, lon, lat), VIETNAM_BOUNDS):
            out.append(
                {"epsg": code, "name": cand.name, "lon": round(lon, 3), "lat": round(lat, 3)}
            )
    prefer, centre = None, None
    if province:
        from ..text import province_key

        prefer = PROVINCE_TM3.get(province_key(province))
        centre = _province_centre(province)

    def rank(c: dict) -> tuple:
        dist = 0.0
        if centre is not None:  # degrees are fine for ranking
            dist = round(math.hypot(c["lon"] - centre[0], c["lat"] - centre[1]), 1)
        fam = _datum_family(_candidate(c["epsg"]))
        return (c["epsg"] != prefer, dist, fam != (datum or "vn2000"))

    out.sort(key=rank)
    return out


def missing_crs_error(
    source: str, bounds: tuple[float, float, float, float], province: str | None = None
) -> BoundaryError:
    """Build the error for a file without CRS whose coordinates are not plainly geographic."""
    cands = candidates(bounds, province)
    rng = f"x {bounds[0]:.0f}…{bounds[2]:.0f}, y {bounds[1]:.0f}…{bounds[3]:.0f}"
    if cands:
        shown = [Msg("crs_candidate", epsg=c["epsg"], name=c["name"], lon=c["lon"],
                     lat=c["lat"]) for c in cands[:6]]
        hint = Msg("crs_hint_candidates", shown=shown)
    else:
        hint = Msg("crs_hint_none")
    return BoundaryError(Msg("crs_missing", source=source, rng=rng, hint=hint))


def wgs84_bounds(crs: CRS, bounds: Bounds) -> Bounds:
    """``bounds`` in ``crs`` as longitude/latitude bounds (densified edges)."""
    from pyproj import Transformer

    if crs.equals("EPSG:4326"):
        return bounds
    try:
        t = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
        return as_bounds(t.transform_bounds(*bounds, densify_pts=5))
    except Exception:
        return (math.inf, math.inf, math.inf, math.inf)


def check_in_vietnam(
    crs: CRS, bounds: tuple[float, float, float, float], source: str, province: str | None = None
) -> None:
    """Refuse data that lies outside Vietnam after reprojection, naming the likely cause.

    Bounds that are not numbers (every geometry empty) are left to the
    geometry checks, which name the empty features.
    """
    if not all(math.isfinite(v) for v in bounds):
        return
    b = wgs84_bounds(crs, bounds)
    if all(math.isfinite(v) for v in b) and _inside(b, VIETNAM_BOUNDS):
        return
    ob = bounds
    causes = []
    if (
        crs is not None
        and crs.is_geographic
        and _inside((ob[1], ob[0], ob[3], ob[2]), VIETNAM_BOUNDS)
    ):
        causes.append(Msg("crs_cause_swapped"))
    elif crs is not None and crs.is_geographic and not plainly_geographic(ob):
        causes.append(Msg("crs_cause_metres"))

    elif crs is not None and crs.is_projected:
        cands = candidates(ob, province, _datum_family(crs))
        if cands:
            shown = ", ".join(f"EPSG:{c['epsg']} {c['name']}" for c in cands[:3])
            causes.append(Msg("crs_cause_projection", params=describe_params(crs), shown=shown))
        else:
            causes.append(Msg("crs_cause_no_system"))
    if not causes:
        causes.append(Msg("crs_cause_other"))
    raise BoundaryError(Msg("crs_outside", source=source, lon=f"{b[0]:.3f}…{b[2]:.3f}",
                            lat=f"{b[1]:.3f}…{b[3]:.3f}", cause=causes[0]))


def resolve(
    gdf: gpd.GeoDataFrame, source: str, *, crs: Any = None, province: str | None = None
) -> tuple[gpd.GeoDataFrame, CrsReport]:
    """Give ``gdf`` a trustworthy CRS (in place of a copy) and report the decision.

    Parameters
    ----------
    gdf : GeoDataFrame
        Features as read, with the CRS of their ``.prj`` (or none).
    source : str
        File name for messages.
    crs : optional
        User override (``--crs``): anything :class:`pyproj.CRS` accepts.
    province : str, optional
        Province name, to rank TM-3 candidates in the missing-CRS message.

    Returns
    -------
    tuple
        ``(gdf with CRS set, CrsReport)``; coordinates are unchanged.

    Raises
    ------
    BoundaryError
        No CRS and coordinates not plainly geographic; an unusable ``--crs``;
        coordinates outside Vietnam after reprojection.
    """
    from pyproj import CRS

    report = CrsReport()
    bounds = as_bounds(gdf.total_bounds)
    if crs is not None:
        try:
            given = CRS.from_user_input(crs)
        except Exception as exc:
            raise BoundaryError(Msg("crs_unknown", crs=repr(crs), exc=exc)) from exc
        if gdf.crs is not None and not gdf.crs.equals(given):
            report.notes.append(Msg("crs_overrides", name=gdf.crs.name))
        report.source = "--crs"
        current = given
    elif gdf.crs is None:
        if not plainly_geographic(bounds):
            raise missing_crs_error(source, bounds, province)
        report.source = "assumed: no .prj, coordinates are longitudes/latitudes (WGS 84)"
        report.notes.append(
            "no .prj: WGS 84 assumed; if the file is VN-2000 geographic it sits about 225 m off "
            "- then give --crs EPSG:4756."
        )
        current = CRS.from_epsg(4326)
    else:
        report.source = "file (.prj or format metadata)"
        current = gdf.crs
    fixed, notes = normalize_crs(current)
    report.notes.extend(notes)
    out = gdf.set_crs(fixed, allow_override=True)
    report.name = fixed.name
    report.epsg = identify(fixed)
    report.datum = fixed.datum.name if fixed.datum else ""
    report.transformation = transformation_name(fixed)
    if "ballpark" in report.transformation:
        report.notes.append(
            f"PROJ knows no datum shift from {report.datum!r} to WGS 84; positions may be off "
            "by hundreds of metres - give --crs with an EPSG code."
        )
    check_in_vietnam(fixed, bounds, source, province)
    return out, report


def _province_centre(province: object) -> tuple[float, float] | None:
    """Official centre point ``(lon, lat)`` of a province (``vietnamadminunits``), or None."""
    from vietnamadminunits.database import query

    from ..text import province_key

    pk = province_key(province)
    for r in query("SELECT DISTINCT province, provinceLon, provinceLat FROM admin_units_legacy"):
        if province_key(r["province"]) == pk and r["provinceLon"] is not None:
            return float(r["provinceLon"]), float(r["provinceLat"])
    return None
