"""What ``camau-gis boundaries inspect`` reports about a boundary file.

:func:`inspect_boundaries` reads the file exactly as a build would (text
decoding, CRS, column layout, coding, repairs), then runs every report-only
check of :mod:`camau_gis.normalize.topology`, and returns a plain dict that
:func:`format_report` prints for people and ``--json`` prints for machines.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from .. import settings

#: Environment variable naming a reference boundary file (e.g. the vietnam63
#: national GeoPackage) for the outline and datum-offset checks.
REFERENCE_ENV = settings.REFERENCE_ENV

#: Headings of :func:`format_report`: i18n keys ``inspl_<name>``.
_HEADINGS = "inspl_"


def inspect_boundaries(
    path: str | Path,
    *,
    layer: str | None = None,
    province: str | None = None,
    columns: dict[str, str] | None = None,
    crs: object = None,
    encoding: str | None = None,
    tolerance_m2: float | None = None,
    reference: str | Path | None = None,
) -> dict[str, Any]:
    """Describe a boundary file: layout, encoding, CRS, counts and problems.

    Parameters
    ----------
    path : str or Path
        Boundary file.
    layer, province, columns, crs, encoding :
        As for :func:`camau_gis.normalize.communes.load_canonical`.
    tolerance_m2 : float, optional
        Smallest overlap or gap reported, m² (default
        :data:`camau_gis.normalize.topology.DEFAULT_TOLERANCE_M2`).
    reference : str or Path, optional
        A trusted boundary file holding the same province (default: the
        ``CAMAU_GIS_REFERENCE`` environment variable); enables the outline and
        the VN-2000-labelled-WGS84 checks.

    Returns
    -------
    dict
        JSON-ready: ``file``, ``layer``, ``driver``, ``layout``, ``columns``,
        ``encoding``, ``crs``, ``features``, ``province``, ``by_type``,
        ``by_district``, ``uncoded``, ``position``, ``problems``.

    Raises
    ------
    BoundaryError, SchemaError
        When the file cannot be read at all (the same errors a build gives).
    """
    from ..errors import CodingWarning, GeometryWarning
    from ..i18n import t
    from ..io.boundaries import read_polygons
    from . import topology
    from .communes import build_table

    tolerance = topology.DEFAULT_TOLERANCE_M2 if tolerance_m2 is None else float(tolerance_m2)
    raw = read_polygons(path, layer=layer, crs=crs, encoding=encoding, province=province)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CodingWarning)
        warnings.simplefilter("ignore", GeometryWarning)
        table, _ = build_table(raw, province=province, columns=columns, source=str(path))
    info = table.attrs.get("camau_gis", {})
    problems = [
        topology.Problem(**{k: v for k, v in p.items() if k in ("kind", "features", "detail")})
        for p in info.get("repaired", [])
    ]
    problems += topology.overlaps_and_gaps(table, tolerance)
    problems += topology.duplicates(table)
    coded = table[table["gso_code"] != ""]
    position: dict[str, Any] = {}
    if len(coded):
        share, median, n = topology.point_fit(
            coded.geometry, topology.official_points(coded["gso_code"])
        )
        position = {"communes": n, "share_inside": round(share, 3), "median_m": round(median, 1)}
        if topology.misplaced(share, median, n):
            problems.append(
                topology.Problem(
                    "position",
                    [t("geo_n_communes", None).format(n=n)],
                    t("geo_position", None).format(share=share, km=median / 1000),
                )
            )
    uncoded = table[table["gso_code"] == ""]
    ref_path = reference or settings.reference_path()
    if ref_path and Path(ref_path).resolve() != Path(path).resolve():
        from .communes import load_canonical

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ref = load_canonical(ref_path, province=province, check_position=False)
        problems += [
            p
            for p in topology.check_all(table, reference=ref, tolerance_m2=1e18)
            if p.kind in ("outside", "offset")
        ]
        off = topology.datum_offset(table, ref)
        if off:
            position["reference_shift_m"] = [off["dx_m"], off["dy_m"]]
        position["reference"] = str(ref_path)
    return {
        "file": str(path),
        "layer": info.get("layer"),
        "driver": info.get("driver"),
        "layout": info.get("layout"),
        "columns": info.get("columns"),
        "encoding": info.get("encoding"),
        "crs": info.get("crs"),
        "features": int(len(raw)),
        "province": province or settings.province,
        "selected": int(len(table)),
        "by_type": {
            k: int(v) for k, v in table["unit_type"].replace("", "?").value_counts().items()
        },
        "by_district": {
            k: int(v) for k, v in table["district"].value_counts().sort_index().items()
        },
        "uncoded": [
            {"name": n, "district": d}
            for n, d in zip(uncoded["name"], uncoded["district"], strict=True)
        ],
        "position": position,
        "coverage": topology.coverage_summary(table),
        "tolerance_m2": tolerance,
        "problems": [p.as_dict() for p in problems],
    }


def format_report(report: dict[str, Any], lang: str | None = None, max_items: int = 20) -> str:
    """Human-readable text of an :func:`inspect_boundaries` report (Vietnamese by default)."""
    from ..i18n import LABELS, check_lang
    from ..i18n import t as i18n_t

    code = check_lang(lang)
    t = {k[len(_HEADINGS):]: text for k in LABELS if k.startswith(_HEADINGS)
         for text in [i18n_t(k, code)]}

    def val(text: object) -> str:
        """Return a fixed English value of the report in the command's language."""
        s = str(text)
        for fixed, texts in LABELS.items():
            if fixed.startswith("insp_") and fixed[5:] in s and not fixed.startswith(
                    ("insp_kind_", "insp_overlap", "insp_gap")):
                s = s.replace(fixed[5:], texts[code])
        return s

    def kind(name: str) -> str:
        return LABELS.get(f"insp_kind_{name}", {}).get(code, name)

    def detail(p: dict[str, Any]) -> str:
        if p["kind"] in ("overlap", "gap") and p.get("area_m2") is not None:
            return LABELS[f"insp_{p['kind']}"][code].format(km2=p["area_m2"] / 1e6)
        return str(p["detail"])

    lines = [
        f"{t['file']}: {report['file']}  ({report.get('driver') or '?'}, "
        f"{t['layer']}: {report.get('layer') or '-'})"
    ]
    lines.append(f"{t['layout']}: {val(report.get('layout'))}")
    cols = {k: v for k, v in (report.get("columns") or {}).items() if v}
    lines.append(f"{t['columns']}: " + ", ".join(f"{k}={v}" for k, v in cols.items()))
    enc = report.get("encoding") or {}
    per_col = ", ".join(f"{c}={val(e)}" for c, e in (enc.get("columns") or {}).items())
    lines.append(f"{t['encoding']}: {enc.get('declared') or '?'} ({enc.get('method')}); {per_col}")
    crs = report.get("crs") or {}
    epsg = f"EPSG:{crs['epsg']}" if crs.get("epsg") else "?"
    lines.append(f"{t['crs']}: {crs.get('name')} [{epsg}] - {val(crs.get('source'))}")
    lines.append(f"{t['transformation']}: {val(crs.get('transformation'))}")
    for note in crs.get("notes", []):
        lines.append(f"  {t['notes']}: {note}")
    lines.append(
        f"{t['features']}: {report['features']}; {t['province']} {report['province']}: "
        f"{report['selected']}"
    )
    lines.append(f"{t['by_type']}: " + ", ".join(f"{k} {v}" for k, v in report["by_type"].items()))
    lines.append(f"{t['by_district']}:")
    for name, n in list(report["by_district"].items())[: max_items * 3]:
        lines.append(f"  {name}: {n}")
    unc = report["uncoded"]
    lines.append(f"{t['uncoded']}: {len(unc) or t['none']}")
    for u in unc[:max_items]:
        lines.append(f"  {u['name']} ({u['district']})")
    if len(unc) > max_items:
        lines.append(f"  … +{len(unc) - max_items}")
    pos = report.get("position") or {}
    if pos:
        lines.append(
            f"{t['position']}: {pos.get('share_inside', 0):.0%} {t['inside']}, {t['median']} "
            f"{pos.get('median_m', 0):.0f} m"
            + (f"; {t['shift']} {pos['reference_shift_m']} m" if "reference_shift_m" in pos else "")
        )
    cov = report.get("coverage") or {}
    if cov:
        lines.append(
            f"{t['coverage']}: {'OK' if cov['valid'] else t['invalid']}; "
            f"{t['overlap']} {cov['overlap_km2']} km² ({cov['overlap_pairs']}), "
            f"{t['gaps']} {cov['gaps']} ({cov['gaps_km2']} km²)"
        )
    probs = report["problems"]
    lines.append(f"{t['problems']}: {len(probs) or t['none']}")
    counts: dict[str, int] = {}
    for p in probs:
        counts[p["kind"]] = counts.get(p["kind"], 0) + 1
    if counts:
        lines.append("  " + ", ".join(f"{kind(k)}: {v}" for k, v in counts.items()))
    # repairs, communes outside the outline, an offset first; then overlaps and gaps by area
    for p in sorted(probs, key=lambda p: (p.get("area_m2") is not None,
                                          -(p.get("area_m2") or 0)))[:max_items]:
        lines.append(f"  - {kind(p['kind'])}: {', '.join(p['features'])} - {detail(p)}")
    return "\n".join(lines)
