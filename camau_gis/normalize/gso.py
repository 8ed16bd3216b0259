"""Official GSO codes of the 2019-era (pre-2025) administrative units.

Codes come from the maintained package ``vietnamadminunits`` (its
``admin_units_legacy`` table, the 63-province units as of 2025-06-30), with
the corrections in ``camau_gis/data/codes_2019_overrides.csv`` for units whose
code changed between 2019 and 2025 (Cà Mau city: Phường 4 merged into
Phường 2 on 2024-12-01 and the merged ward took Phường 4's code 32002).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from ..text import (
    ascii_key,
    commune_key,
    district_key,
    nfc,
    province_key,
    split_unit_type,
)

if TYPE_CHECKING:
    import pandas as pd


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
    frame = _tables()["frame"]
    cols = list(Unit.__dataclass_fields__)
    return tuple(Unit(*row) for row in frame[cols].itertuples(index=False, name=None))


def _build_units() -> tuple[Unit, ...]:
    """Build :func:`reference_units` from ``vietnamadminunits`` and the overrides."""
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
            gso_code=r["wardCode"],
            dist_code=r["districtCode"],
            prov_code=r["provinceCode"],
            name=nfc(r["ward"]).replace("Thị Trấn", "Thị trấn"),
            short_name=_short(utype, short),
            unit_type=utype,
            district=nfc(r["district"]),
            province=nfc(r["province"]),
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
            gso_code=o["gso_code"],
            dist_code=o["dist_code"],
            prov_code=o["prov_code"],
            name=full_name(utype, bare),
            short_name=short,
            unit_type=utype,
            district=ref.district,
            province=ref.province,
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
def alias_rows() -> tuple[dict[str, str], ...]:
    """Rows of ``camau_gis/data/name_aliases.csv`` with their matching keys.

    Each alias maps a name as written in a source (``alias``, of unit type
    ``unit_type``, in district ``alias_district`` or else the official
    district) to the official unit (``official`` of type ``official_type``,
    default the same type) in district ``dist_code``. Only evidence-based
    renamings are listed there (the ``note`` column cites the act).
    """
    text = resources.files("camau_gis.data").joinpath("name_aliases.csv").read_text("utf-8")
    # district and province by district code, from the frame: building the
    # ~10,000 Unit objects of reference_units() costs ~0.3 s for ~20 lookups
    dist = reference_frame().drop_duplicates("dist_code").set_index("dist_code")
    by_dist = dict(zip(dist.index, zip(dist["district"], dist["province"], strict=True),
                       strict=True))
    out = []
    for a in csv.DictReader(text.splitlines()):
        district, province = by_dist[a["dist_code"]]
        src_district = nfc(a.get("alias_district") or "") or district
        off_type = nfc(a.get("official_type") or "") or a["unit_type"]
        off_prefix, off_bare = split_unit_type(a["official"])
        official = off_bare if off_prefix else nfc(a["official"])
        out.append(
            {
                "pk": province_key(province),
                "dk": district_key(src_district),
                "ck": commune_key(a["unit_type"], a["alias"]),
                # the same alias written without diacritics ("Viet Khai"), see communes.py
                "lk": f"{a['unit_type']}|{ascii_key(a['alias'])}",
                "official_dk": district_key(district),
                "official_ck": commune_key(off_type, official),
                "official_type": off_type,
                "official": official,
            }
        )
    return tuple(out)


def _aliases() -> dict[tuple[str, str, str], tuple[str, str, str]]:
    return {
        (a["pk"], a["dk"], a["ck"]): (a["official_dk"], a["official_type"], a["official"])
        for a in alias_rows()
    }


def reference_frame():  # -> pandas.DataFrame
    """Return the reference units as a DataFrame with matching keys, for vectorised lookups.

    Returns
    -------
    pandas.DataFrame
        One row per unit: the :class:`Unit` fields plus ``pk`` (province key),
        ``dk`` (district key), ``ck`` (exact commune key, see
        :func:`camau_gis.text.commune_key`), ``lk`` (key without diacritics)
        and ``n_ck``/``n_lk``/``n_pck`` (how many units share the key within the
        district, or within the province for ``n_pck``).
    """
    return _tables()["frame"]


def _build_frame(units: tuple[Unit, ...]):  # -> pandas.DataFrame
    import pandas as pd

    recs = []
    for u in units:
        _, bare = split_unit_type(u.name)
        recs.append(
            {
                **u.__dict__,
                "pk": province_key(u.province),
                "dk": district_key(u.district),
                "ck": commune_key(u.unit_type, bare),
                "lk": f"{u.unit_type}|{ascii_key(bare)}",
            }
        )
    df = pd.DataFrame.from_records(recs)
    df["n_ck"] = df.groupby(["pk", "dk", "ck"])["ck"].transform("size")
    df["n_lk"] = df.groupby(["pk", "dk", "lk"])["lk"].transform("size")
    df["n_pck"] = df.groupby(["pk", "ck"])["ck"].transform("size")
    return df


def lookup(province: object, district: object, unit_type: str | None, short: str) -> Unit | None:
    """Find the unit by province, district, unit type and name; ``None`` if not unique.

    Names are compared with :func:`camau_gis.text.name_key` first (diacritics
    kept, tone placement ignored), then without diacritics, and only a unique
    answer is returned. Known aliases (``camau_gis/data/name_aliases.csv``,
    e.g. vietnam63's "Việt Khái" for GSO's "Nguyễn Việt Khái") are applied first.
    """
    exact, loose = _index()
    pk, dk = province_key(province), district_key(district)
    alias = _aliases().get((pk, dk, commune_key(unit_type, short)))
    if alias is not None:
        dk, unit_type, short = alias
    hits = exact.get((pk, dk, commune_key(unit_type, short)), [])
    if len(hits) == 1:
        return hits[0]
    hits = loose.get((pk, dk, f"{unit_type}|{ascii_key(short)}"), [])
    return hits[0] if len(hits) == 1 else None


def reference_points():  # -> pandas.DataFrame
    """Official centre points of the 2019-era units (``vietnamadminunits``), by GSO code.

    Returns
    -------
    pandas.DataFrame
        Index ``gso_code``, columns ``lon`` and ``lat`` (EPSG:4326).
    """
    return _tables()["points"]


def _build_points():  # -> pandas.DataFrame
    import pandas as pd
    from vietnamadminunits.database import query

    rows = query("SELECT wardCode, wardLat, wardLon FROM admin_units_legacy")
    df = pd.DataFrame(rows).rename(
        columns={"wardCode": "gso_code", "wardLat": "lat", "wardLon": "lon"}
    )
    return df.drop_duplicates("gso_code").set_index("gso_code")[["lon", "lat"]].astype(float)


@cache
def _cache_key() -> str:
    import hashlib
    from importlib import metadata
    from pathlib import Path

    from .. import text

    h = hashlib.sha256(metadata.version("vietnamadminunits").encode())
    h.update(resources.files("camau_gis.data").joinpath("codes_2019_overrides.csv").read_bytes())
    h.update(Path(__file__).read_bytes())
    h.update(Path(text.__file__).read_bytes())
    return h.hexdigest()[:16]


@lru_cache(maxsize=1)
def _tables() -> dict:
    """Return reference units (with keys) and centre points, cached on disk between runs.

    Building them from ``vietnamadminunits`` takes about 2 s; two Parquet
    files in :func:`camau_gis.settings.derived_dir` (data only, never a pickle:
    :func:`camau_gis.normalize._canonical_cache.write_frame`) are keyed by the
    package version, the overrides file and the key functions' source, so any
    change rebuilds them. A missing or unreadable file is rebuilt.
    """
    from .. import settings
    from .._caches import read_entry, write_entry
    from ._canonical_cache import read_frame, write_frame

    stem = settings.derived_dir() / f"gso_reference_{_cache_key()}"
    paths = {name: stem.with_name(f"{stem.name}.{name}.parquet") for name in ("frame", "points")}

    def reader(name: str) -> Callable[[Path], pd.DataFrame | None]:
        def read(path: Path) -> pd.DataFrame | None:
            table, meta = read_frame(path)
            return table if meta.get("table") == name else None
        return read

    def writer(name: str, table: pd.DataFrame) -> Callable[[Path], None]:
        return lambda tmp: write_frame(tmp, table, {"table": name})

    found = {name: read_entry(paths[name], reader(name)) for name in paths}
    if all(table is not None for table in found.values()):
        return found
    tables = {"frame": _build_frame(_build_units()), "points": _build_points()}
    for name, path in paths.items():  # a table not storable exactly (ValueError): not cached
        write_entry(path, writer(name, tables[name]), skip=(ValueError,))
    for old in stem.parent.glob("gso_reference_*.pkl"):  # the former format, never read
        try:
            old.unlink()
        except OSError:
            pass
    return tables


def units_in_province(province: object) -> list[Unit]:
    """All reference units of a province given by name (any spelling) or 2-digit code."""
    key = str(province).strip()
    if key.isdigit():
        return [u for u in reference_units() if u.prov_code == key.zfill(2)]
    pk = province_key(key)
    return [u for u in reference_units() if province_key(u.province) == pk]
