"""Other names of a commune as registers write them ("Việt Khái" for Xã Nguyễn Việt Khái).

The names come from ``camau_gis/data/name_aliases.csv`` (the rows whose unit
keeps its type: a short form or an old spelling, not a conversion of a
thị trấn into a phường, which belongs to the vintage crosswalk). They are
compared without diacritics, so "Viet Khai" and "Xã Việt Khái" both name
Xã Nguyễn Việt Khái; a name that is itself the name of a unit is never
replaced.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

from ...text import ascii_key, full_name, split_unit_type


@cache
def commune_aliases() -> dict[str, tuple[str, str]]:
    """``{ascii key of the alias: (official full name, unit type)}`` of same-type aliases."""
    text = resources.files("camau_gis.data").joinpath("name_aliases.csv").read_text("utf-8")
    out: dict[str, tuple[str, str]] = {}
    for row in csv.DictReader(text.splitlines()):
        unit_type = row["unit_type"]
        if (row.get("official_type") or unit_type) != unit_type:
            continue
        _, official = split_unit_type(row["official"])
        out[ascii_key(row["alias"])] = (full_name(unit_type, official), unit_type)
    return out


def official_name(commune: str, known: set[str]) -> str:
    """Return the official name of an alias (``"Viet Khai"`` -> ``"Xã Nguyễn Việt Khái"``).

    A name that is no alias is returned as written.

    Parameters
    ----------
    commune : str
        The commune as written.
    known : set of str
        Ascii keys of the short names of the units matched against; a name
        among them is a unit's own name and is kept.
    """
    unit_type, short = split_unit_type(commune)
    key = ascii_key(short)
    hit = commune_aliases().get(key)
    if hit is None or key in known or unit_type not in (None, hit[1]):
        return commune
    return hit[0]
