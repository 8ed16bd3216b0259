"""2019 -> 2025 crosswalk of the merged Cà Mau province, and the vintage guard.

Since 2025-07-01 Cà Mau and Bạc Liêu form one province of 64 commune-level
units without districts (Nghị quyết 1655/NQ-UBTVQH15). Records of the 2019
units (Cà Mau 101, Bạc Liêu 64) are carried to the new units through the
crosswalk read from the maintained package ``vietnamadminunits``, after the
2024-12-01 step (Phường 4 of Cà Mau city into Phường 2).

Every code and name carries its vintage; see :mod:`camau_gis.crosswalk.vintage`.
"""

from __future__ import annotations

from ._source import source_text
from .aggregate import CrosswalkWarning, dissolve_2025, to_2025
from .provinces import load_merged_communes
from .tables import (
    CROSSWALK_COLUMNS,
    NEW_UNIT_COLUMNS,
    crosswalk_table,
    divided_table,
    links_table,
    new_units_table,
)
from .vintage import check_same_vintage, join_by_code, join_by_name, vintage_of

__all__ = [
    "CROSSWALK_COLUMNS",
    "NEW_UNIT_COLUMNS",
    "CrosswalkWarning",
    "check_same_vintage",
    "crosswalk_table",
    "dissolve_2025",
    "divided_table",
    "join_by_code",
    "join_by_name",
    "links_table",
    "load_merged_communes",
    "new_units_table",
    "source_text",
    "to_2025",
    "vintage_of",
]
