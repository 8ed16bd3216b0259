"""Read the 2019 -> 2025 commune crosswalk from the installed ``vietnamadminunits`` package.

The package (``converter_2025.json`` and the ``admin_units`` /
``admin_units_legacy`` tables of its SQLite database) describes the units as
they stood on 2025-06-30 and their successors from 2025-07-01. Our records
are of the 2019 vintage, so one earlier step is applied first (see
:data:`STEPS_2024`).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .._caches import read_entry, write_entry
from ..errors import CrosswalkError
from ..i18n import Msg
from ..text import nfc

#: Package keys of the old provinces merged into the new Cà Mau province.
OLD_PROVINCE_KEYS: tuple[str, ...] = ("tinhcamau", "tinhbaclieu")
#: Package key of the new (2025) province.
NEW_PROVINCE_KEY = "tinhcamau"

#: First day of the 2025 units (Nghị quyết 202/2025/QH15; units of Nghị quyết 1655/NQ-UBTVQH15).
REFORM_DATE = "2025-07-01"

#: Changes between the 2019 units and the package's legacy table (2025-06-30):
#: 2019 code -> (2019 name, package key of the unit it merged into, date, basis).
STEPS_2024: dict[str, tuple[str, str, str, str]] = {
    "32002": (
        "Phường 4", "tinhcamau_thanhphocamau_phuong2", "2024-12-01",
        "Nghị quyết 1251/NQ-UBTVQH15",
    ),
}
#: Units whose 2019 code differs from the package's legacy code:
#: package key -> 2019 code (the merged Phường 2 took Phường 4's code 32002).
CODES_2019: dict[str, str] = {"tinhcamau_thanhphocamau_phuong2": "32011"}

@dataclass(frozen=True)
class OldUnit:
    """A commune-level unit of the 2019 vintage."""

    code: str
    name: str
    unit_type: str
    district: str
    dist_code: str
    province: str
    prov_code: str
    key: str          # package key "province_district_ward" of the unit it is in on 2025-06-30
    step_2024: str    # "" or "date|merged into name|its 2019 code|basis" (see step_text)


@dataclass(frozen=True)
class NewUnit:
    """A commune-level unit of the 2025 vintage."""

    code: str
    name: str
    short_name: str
    unit_type: str
    province: str
    prov_code: str
    area_km2: float
    lat: float
    lon: float
    key: str


@dataclass(frozen=True)
class Link:
    """One old -> new relation; a divided old unit has one link per new unit."""

    old_code: str
    new_code: str
    relation: str      # "whole" | "divided"
    default: bool      # the official default successor of the old unit


def _official_name(name: object) -> str:
    return nfc(name).replace("Thị Trấn", "Thị trấn")


def package_version() -> str:
    """Version of the installed ``vietnamadminunits`` package."""
    import importlib.metadata as md

    try:
        return md.version("vietnamadminunits")
    except md.PackageNotFoundError:  # pragma: no cover - a declared dependency
        return "?"


def source_text(lang: str | None = None) -> str:
    """Credit line naming the package version and the resolutions applied (i18n ``cw_source``).

    Tables' ``attrs`` and ``summary.json`` keep the English line (stable metadata).
    """
    from ..i18n import t

    return t("cw_source", lang).format(version=package_version())


#: Bump when the stored form of :func:`read_source` changes (older entries are ignored).
CACHE_FORMAT = 1

Source = tuple[tuple[OldUnit, ...], tuple[NewUnit, ...], tuple[Link, ...]]


@lru_cache(maxsize=1)
def read_source() -> Source:
    """Read old units, new units and links for the merged Cà Mau province.

    Read once per installed package version and kept as JSON in
    :func:`camau_gis.settings.derived_dir`: importing ``vietnamadminunits``
    alone takes ~0.5 s (its address parsers load at import), more than the
    rest of a warm Cà Mau analysis's reading. The entry's name holds the
    package's entry file (path, size, mtime) and this module's, so a new
    version of either reads the package again.

    Returns
    -------
    tuple
        ``(old_units, new_units, links)``; 165 old units (vintage 2019),
        64 new units (vintage 2025), one link per old/new pair.

    Raises
    ------
    CrosswalkError
        When the package data do not cover every unit (all problems listed).
    """
    entry = _cache_file()
    cached = read_entry(entry, _read_cached)
    if cached is not None:
        return cached
    source = _read_package()
    write_entry(entry, lambda tmp: _write_cached(tmp, source))
    return source


def _cache_file() -> Path | None:
    """Cache entry of :func:`read_source` for the installed package; None if not found."""
    import importlib.util

    from .._caches import entry_path

    spec = importlib.util.find_spec("vietnamadminunits")  # finds it without importing it
    if spec is None or not spec.origin:
        return None
    stamp = []
    for origin in (spec.origin, __file__):
        st = os.stat(origin)
        stamp.append(f"{origin}:{st.st_size}:{st.st_mtime_ns}")
    key = hashlib.sha256(f"{CACHE_FORMAT}|{'|'.join(stamp)}".encode()).hexdigest()
    return entry_path("crosswalk_source", key, ".json")


def _read_cached(path: Path) -> Source:
    doc = json.loads(path.read_text(encoding="utf-8"))
    return (tuple(OldUnit(**u) for u in doc["old"]), tuple(NewUnit(**u) for u in doc["new"]),
            tuple(Link(**lk) for lk in doc["links"]))


def _write_cached(path: Path, source: Source) -> None:
    from dataclasses import asdict

    old, new, links = source
    doc = {"old": [asdict(u) for u in old], "new": [asdict(u) for u in new],
           "links": [asdict(lk) for lk in links]}
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def _read_package() -> Source:
    """Read :func:`read_source`'s units and links from the ``vietnamadminunits`` package."""
    from vietnamadminunits.database import query

    keys = ", ".join(f"'{k}'" for k in OLD_PROVINCE_KEYS)
    legacy = query(
        "SELECT province, district, ward, wardType, provinceCode, districtCode, wardCode, "
        f"provinceKey, districtKey, wardKey FROM admin_units_legacy WHERE provinceKey IN ({keys}) "
        "ORDER BY wardCode"
    )
    new_rows = query(
        "SELECT province, ward, wardShort, wardType, provinceCode, wardCode, wardAreaKm2, "
        f"wardLat, wardLon, wardKey FROM admin_units WHERE provinceKey = '{NEW_PROVINCE_KEY}' "
        "ORDER BY wardCode"
    )
    problems: list[Msg] = []
    old = _old_units(legacy, problems)
    new = {unit.code: unit for unit in map(_new_unit, new_rows)}
    succ_whole, succ_div = _successors({u.key: u for u in new.values()}, problems)
    links = _links(old, succ_whole, succ_div, problems)
    reached = {lk.new_code for lk in links}
    problems += [Msg("cws_no_predecessor", name=n.name, code=n.code)
                 for n in new.values() if n.code not in reached]
    if problems:
        raise CrosswalkError(Msg("cws_incomplete", version=package_version(),
                                 problems=problems))
    return tuple(old.values()), tuple(new.values()), tuple(links)


def _old_units(legacy: list[dict[str, Any]], problems: list[Msg]) -> dict[str, OldUnit]:
    """Return the 2019 units by code, with the 2024 steps (a ward merged before 2025) added."""
    old: dict[str, OldUnit] = {}
    by_key: dict[str, OldUnit] = {}
    for r in legacy:
        key = f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey']}"
        code = CODES_2019.get(key, r["wardCode"])
        u = OldUnit(
            code=code, name=_official_name(r["ward"]), unit_type=nfc(r["wardType"]).lower(),
            district=nfc(r["district"]), dist_code=r["districtCode"], province=nfc(r["province"]),
            prov_code=r["provinceCode"], key=key, step_2024="",
        )
        old[code] = u
        by_key[key] = u
    for code, (name, into, date, basis) in STEPS_2024.items():
        target = by_key.get(into)
        if target is None:
            problems.append(Msg("cws_2024_step", name=name, code=code, into=repr(into)))
            continue
        old[code] = OldUnit(
            code=code, name=name, unit_type=target.unit_type, district=target.district,
            dist_code=target.dist_code, province=target.province, prov_code=target.prov_code,
            key=into, step_2024=f"{date}|{target.name}|{target.code}|{basis}",
        )
    return old


def _new_unit(r: dict[str, Any]) -> NewUnit:
    return NewUnit(
        code=r["wardCode"], name=_official_name(r["ward"]), short_name=nfc(r["wardShort"]),
        unit_type=nfc(r["wardType"]).lower(), province=nfc(r["province"]),
        prov_code=r["provinceCode"], area_km2=float(r["wardAreaKm2"]),
        lat=float(r["wardLat"]), lon=float(r["wardLon"]), key=r["wardKey"],
    )


def _successors(new_by_key: dict[str, NewUnit], problems: list[Msg]
                ) -> tuple[dict[str, str], dict[str, list[tuple[str, bool]]]]:
    """Old package key -> new code (whole), and -> [(new code, default?)] (divided)."""
    from vietnamadminunits.converter.converter_2025 import (
        DICT_PROVINCE_WARD_DIVIDED,
        DICT_PROVINCE_WARD_NO_DIVIDED,
    )

    whole = DICT_PROVINCE_WARD_NO_DIVIDED.get(NEW_PROVINCE_KEY, {})
    divided = DICT_PROVINCE_WARD_DIVIDED.get(NEW_PROVINCE_KEY, {})
    succ_whole: dict[str, str] = {}
    for new_key, old_keys in whole.items():
        nu = new_by_key.get(new_key)
        if nu is None:
            problems.append(Msg("cws_new_key", key=repr(new_key)))
            continue
        for k in old_keys:
            if k.split("_")[0] in OLD_PROVINCE_KEYS:
                succ_whole[k] = nu.code
    succ_div: dict[str, list[tuple[str, bool]]] = {}
    for old_key, parts in divided.items():
        if old_key.split("_")[0] not in OLD_PROVINCE_KEYS:
            continue
        for p in parts:
            nu = new_by_key.get(p["newWardKey"])
            if nu is None:
                problems.append(Msg("cws_old_key", old=old_key, new=repr(p["newWardKey"])))
                continue
            succ_div.setdefault(old_key, []).append((nu.code, bool(p["isDefaultNewWard"])))
    return succ_whole, succ_div


def _links(old: dict[str, OldUnit], succ_whole: dict[str, str],
           succ_div: dict[str, list[tuple[str, bool]]], problems: list[Msg]) -> list[Link]:
    """One link per old/new pair; an old unit without exactly one default successor is a problem."""
    links: list[Link] = []
    for u in sorted(old.values(), key=lambda u: u.code):
        if u.key in succ_whole and u.key in succ_div:
            problems.append(Msg("cws_both", name=u.name, code=u.code, district=u.district))
        elif u.key in succ_whole:
            links.append(Link(u.code, succ_whole[u.key], "whole", True))
        elif u.key in succ_div:
            parts = succ_div[u.key]
            if sum(d for _, d in parts) != 1:
                problems.append(Msg("cws_default", name=u.name, code=u.code,
                                    district=u.district, codes=str([c for c, _ in parts])))
            links.extend(Link(u.code, c, "divided", d) for c, d in parts)
        else:
            problems.append(Msg("cws_no_successor", name=u.name, code=u.code,
                                district=u.district, key=repr(u.key)))
    return links


def step_text(step: str, lang: str | None = None) -> str:
    """Describe a 2024 step (``OldUnit.step_2024``) in Vietnamese or English; ``""`` if none."""
    from ..i18n import t

    if not step:
        return ""
    date, name, code, basis = step.split("|")
    verb = t("cw_merged_into", lang)
    return f"{date}: {verb} {name} ({code}), {basis}"
