"""Build the canonical commune table (see :mod:`camau_gis.schema`) from a raw boundary layer."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import settings
from ..errors import BoundaryError, SchemaError
from ..schema import COMMUNE_COLUMNS, VINTAGE_2019
from ..text import (
    ascii_key,
    full_name,
    nfc,
    split_unit_type,
    strip_district_prefix,
)
from . import gso

if TYPE_CHECKING:
    import geopandas as gpd

#: Candidate source columns per role, in order of preference (case-insensitive).
#: vietnam63 (also with Shapefile-cut names), GADM, geoBoundaries, GSO-coded files.
COLUMN_CANDIDATES: dict[str, tuple[str, ...]] = {
    "commune": ("commune_vn", "name_3", "ten_xa", "tenxa", "shapename", "commune", "name"),
    "district": ("district_vn", "district_v", "name_2", "ten_huyen", "tenhuyen", "district"),
    "province": ("province_vn", "province_v", "name_1", "ten_tinh", "tentinh", "province"),
    "unit_type": ("type_3", "loai", "unit_type"),
    "code": ("ma_xa", "maxa", "gso_code", "ma_dvhc"),
}


class CodingWarning(UserWarning):
    """Some units could not be given a GSO code; they are kept with an empty code."""


@dataclass
class ColumnMap:
    """Which source column plays which role (``None`` where absent)."""

    commune: str | None = None
    district: str | None = None
    province: str | None = None
    unit_type: str | None = None
    code: str | None = None
    seen: list[str] = field(default_factory=list)


def detect_columns(columns: list[str], mapping: dict[str, str] | None = None) -> ColumnMap:
    """Find the name, district, province, type and code columns of a boundary layer.

    Parameters
    ----------
    columns : list of str
        The layer's column names.
    mapping : dict, optional
        Explicit ``{role: column}`` that overrides detection; roles are
        ``commune``, ``district``, ``province``, ``unit_type``, ``code``.

    Raises
    ------
    SchemaError
        If neither a commune name nor a code column is found, or a mapped
        column does not exist; the message lists the columns seen.
    """
    lower = {c.lower(): c for c in columns if c != "geometry"}
    found = ColumnMap(seen=[c for c in columns if c != "geometry"])
    for role, candidates in COLUMN_CANDIDATES.items():
        for cand in candidates:
            if cand in lower:
                setattr(found, role, lower[cand])
                break
    for role, col in (mapping or {}).items():
        if role not in COLUMN_CANDIDATES:
            raise SchemaError(f"unknown column role {role!r}; use one of {sorted(COLUMN_CANDIDATES)}.")
        if col not in columns:
            raise SchemaError(f"mapped column {col!r} (for {role}) not found; columns seen: {found.seen}.")
        setattr(found, role, col)
    if found.commune is None and found.code is None:
        raise SchemaError(
            "no commune name or code column found; columns seen: "
            f"{found.seen}. Name one with --columns commune=COLUMN."
        )
    return found


def select_province(raw: "gpd.GeoDataFrame", province: str, cols: ColumnMap) -> "gpd.GeoDataFrame":
    """Keep the rows of one province (name with or without diacritics/prefix, or GSO code)."""
    if cols.province is None:
        return raw
    key = str(province).strip()
    if key.isdigit():
        units = gso.units_in_province(key)
        if not units:
            raise BoundaryError(f"no province with GSO code {key!r}.")
        key = units[0].province
    pk = gso.province_key(key)
    mask = raw[cols.province].map(gso.province_key) == pk
    if not mask.any():
        names = sorted({nfc(v) for v in raw[cols.province].dropna().unique()})
        raise BoundaryError(
            f"no feature of province {province!r} in column {cols.province!r}; "
            f"provinces present: {names[:10]}{' …' if len(names) > 10 else ''}."
        )
    return raw.loc[mask]


def to_canonical(
    raw: "gpd.GeoDataFrame",
    *,
    province: str | None = None,
    columns: dict[str, str] | None = None,
    source: str = "",
) -> "gpd.GeoDataFrame":
    """Return the canonical commune table for one province of a raw boundary layer.

    Parameters
    ----------
    raw : GeoDataFrame
        A boundary layer as read by :func:`camau_gis.io.boundaries.read_polygons`.
    province : str, optional
        Province name or GSO code; default :data:`camau_gis.settings.province`.
        Ignored when the layer has no province column.
    columns : dict, optional
        Explicit column mapping, see :func:`detect_columns`.
    source : str
        Name of the source, for messages.

    Returns
    -------
    GeoDataFrame
        Columns of :data:`camau_gis.schema.COMMUNE_COLUMNS`, EPSG:4326, sorted
        by GSO code. Units that cannot be coded keep ``gso_code == ""`` and
        raise a :class:`CodingWarning` naming them.
    """
    import geopandas as gpd
    import pandas as pd

    province = province or settings.province
    cols = detect_columns(list(raw.columns), columns)
    sub = select_province(raw, province, cols)
    if sub.crs is None:
        raise BoundaryError(f"{source or 'boundary layer'}: has no CRS; give one with --crs.")
    sub = sub.to_crs(settings.default_crs)

    records = []
    for _, row in sub.iterrows():
        src_name = nfc(row[cols.commune]) if cols.commune else ""
        utype, short = split_unit_type(src_name)
        if cols.unit_type is not None:
            from ..text import unit_type_from_text

            utype = unit_type_from_text(row[cols.unit_type]) or utype
        district = nfc(row[cols.district]) if cols.district else ""
        prov = nfc(row[cols.province]) if cols.province else province
        unit = None
        if cols.code is not None and nfc(row[cols.code]).isdigit():
            code = nfc(row[cols.code]).zfill(5)
            unit = next((u for u in gso.reference_units() if u.gso_code == code), None)
        if unit is None and short:
            unit = gso.lookup(prov, district, utype, short)
        if unit is not None:
            records.append({
                "gso_code": unit.gso_code, "dist_code": unit.dist_code, "prov_code": unit.prov_code,
                "name": unit.name, "short_name": unit.short_name, "unit_type": unit.unit_type,
                "district": unit.district, "dist_short": strip_district_prefix(unit.district),
                "province": unit.province,
            })
        else:
            shown = short if not short.isdigit() else f"Phường {short}"
            records.append({
                "gso_code": "", "dist_code": "", "prov_code": "",
                "name": full_name(utype, short) if utype else src_name, "short_name": shown,
                "unit_type": utype or "", "district": district,
                "dist_short": strip_district_prefix(district), "province": prov,
            })
    table = pd.DataFrame.from_records(records, index=sub.index)
    out = gpd.GeoDataFrame(table, geometry=sub.geometry.values, crs=settings.default_crs)
    out["area_km2"] = out.geometry.to_crs(settings.metric_crs).area / 1e6
    out["vintage"] = VINTAGE_2019
    out = out[[*COMMUNE_COLUMNS, "geometry"]]
    uncoded = out[out["gso_code"] == ""]
    if len(uncoded):
        names = ", ".join(f"{n} ({d})" for n, d in zip(uncoded["name"], uncoded["district"]))
        warnings.warn(
            f"{source or 'boundaries'}: {len(uncoded)} unit(s) could not be given a GSO code "
            f"and are kept with an empty code: {names}.",
            CodingWarning,
            stacklevel=2,
        )
    dup = out["gso_code"][(out["gso_code"] != "") & out["gso_code"].duplicated(keep=False)]
    if len(dup):
        raise BoundaryError(
            f"{source or 'boundaries'}: GSO codes {sorted(set(dup))} are given to more than one "
            "feature; the file holds duplicate features or ambiguous names."
        )
    out = out.sort_values(["gso_code", "name"], key=lambda s: s.map(ascii_key) if s.name == "name" else s)
    return out.reset_index(drop=True)


def uncoded(communes: "gpd.GeoDataFrame") -> "gpd.GeoDataFrame":
    """Rows of a canonical table that carry no GSO code."""
    return communes[communes["gso_code"] == ""]
