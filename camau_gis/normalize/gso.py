"""Official GSO codes of the 2019-era (pre-2025) administrative units.

Codes come from the maintained package ``vietnamadminunits`` (its
``admin_units_legacy`` table, the 63-province units as of 2025-06-30), with
the corrections in ``camau_gis/data/codes_2019_overrides.csv`` for units whose
code changed between 2019 and 2025 (Cà Mau city: Phường 4 merged into
Phường 2 on 2024-12-01 and the merged ward took Phường 4's code 32002).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..text import (
    ascii_key,
    commune_key,
    district_key,
    nfc,
    split_unit_type,
    strip_province_prefix,
)


@dataclass(frozen=True)
class Unit:
    """One commune-level unit of the reference table."""

    gso_code: str
    dist_code: str
    prov_code: str
    name: str
    short_name: str
    unit_type: str
    district: str
    province: str


def province_key(name: object) -> str:
    """Key for a province name: no ``Tỉnh``/``Thành phố`` prefix, no diacritics."""
    return ascii_key(strip_province_prefix(name))


def _short(unit_type: str, short: str) -> str:
    return f"Phường {short}" if short.isdigit() else short


@lru_cache(maxsize=1)
def reference_units() -> tuple[Unit, ...]:
    """Return every 2019-era commune-level unit with its GSO code.

    Returns
    -------
    tuple of Unit
        About 10,000 units; overrides applied, units dissolved before 2025
        (e.g. Phường 4 of Cà Mau city) added back.
    """
    from vietnamadminunits.database import query

    rows = query(
        "SELECT province, district, ward, wardType, provinceCode, districtCode, wardCode "
        "FROM admin_units_legacy"
    )
    units: dict[tuple[str, str, str], Unit] = {}
    for r in rows:
        utype = nfc(r["wardType"]).lower()
        _, short = split_unit_type(r["ward"])
        u = Unit(
            gso_code=r["wardCode"], dist_code=r["districtCode"], prov_code=r["provinceCode"],
            name=nfc(r["ward"]).replace("Thị Trấn", "Thị trấn"), short_name=_short(utype, short),
            unit_type=utype, district=nfc(r["district"]), province=nfc(r["province"]),
        )
        units[(u.dist_code, utype, u.short_name)] = u
    by_dist = {u.dist_code: u for u in units.values()}
    text = resources.files("camau_gis.data").joinpath("codes_2019_overrides.csv").read_text("utf-8")
    for o in csv.DictReader(text.splitlines()):
        ref = by_dist[o["dist_code"]]
        utype, short = o["unit_type"], nfc(o["short_name"])
        _, bare = split_unit_type(short)
        from ..text import full_name

        units[(o["dist_code"], utype, short)] = Unit(
            gso_code=o["gso_code"], dist_code=o["dist_code"], prov_code=o["prov_code"],
            name=full_name(utype, bare), short_name=short, unit_type=utype,
            district=ref.district, province=ref.province,
        )
    return tuple(units.values())


@lru_cache(maxsize=1)
def _index() -> tuple[dict, dict]:
    exact: dict[tuple[str, str, str], list[Unit]] = {}
    loose: dict[tuple[str, str, str], list[Unit]] = {}
    for u in reference_units():
        _, bare = split_unit_type(u.name)
        pk, dk = province_key(u.province), district_key(u.district)
        exact.setdefault((pk, dk, commune_key(u.unit_type, bare)), []).append(u)
        loose.setdefault((pk, dk, f"{u.unit_type}|{ascii_key(bare)}"), []).append(u)
    return exact, loose


@lru_cache(maxsize=1)
def _aliases() -> dict[tuple[str, str, str], str]:
    text = resources.files("camau_gis.data").joinpath("name_aliases.csv").read_text("utf-8")
    by_dist = {u.dist_code: u for u in reference_units()}
    out = {}
    for a in csv.DictReader(text.splitlines()):
        d = by_dist[a["dist_code"]]
        out[(province_key(d.province), district_key(d.district),
             commune_key(a["unit_type"], a["alias"]))] = nfc(a["official"])
    return out


def lookup(province: object, district: object, unit_type: str | None, short: str) -> Unit | None:
    """Find the unit by province, district, unit type and name; ``None`` if not unique.

    Names are compared with :func:`camau_gis.text.name_key` first (diacritics
    kept, tone placement ignored), then without diacritics, and only a unique
    answer is returned. Known aliases (``camau_gis/data/name_aliases.csv``,
    e.g. vietnam63's "Việt Khái" for GSO's "Nguyễn Việt Khái") are applied first.
    """
    exact, loose = _index()
    pk, dk = province_key(province), district_key(district)
    short = _aliases().get((pk, dk, commune_key(unit_type, short)), short)
    hits = exact.get((pk, dk, commune_key(unit_type, short)), [])
    if len(hits) == 1:
        return hits[0]
    hits = loose.get((pk, dk, f"{unit_type}|{ascii_key(short)}"), [])
    return hits[0] if len(hits) == 1 else None


def units_in_province(province: object) -> list[Unit]:
    """All reference units of a province given by name (any spelling) or 2-digit code."""
    key = str(province).strip()
    if key.isdigit():
        return [u for u in reference_units() if u.prov_code == key.zfill(2)]
    pk = province_key(key)
    return [u for u in reference_units() if province_key(u.province) == pk]
