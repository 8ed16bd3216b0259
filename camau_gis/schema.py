"""The canonical commune table: column names, types and meaning.

Every stage reads and writes this one table (a GeoDataFrame indexed by
nothing special, one row per commune-level unit). Column names are at most
10 characters so the Shapefile copy keeps them unchanged.

==============  =======  ==========================================================
column          dtype    meaning
==============  =======  ==========================================================
``gso_code``    str      official 5-digit GSO commune code, ``""`` when not codable
``dist_code``   str      3-digit GSO district code
``prov_code``   str      2-digit GSO province code (Cà Mau ``"96"``)
``name``        str      full Vietnamese name with prefix, NFC (``"Xã Hiệp Tùng"``)
``short_name``  str      name without prefix (``"Hiệp Tùng"``; wards ``"Phường 1"``)
``unit_type``   str      ``"xã"``, ``"phường"`` or ``"thị trấn"``
``district``    str      full district name (``"Huyện Năm Căn"``)
``dist_short``  str      district without prefix (``"Năm Căn"``)
``province``    str      full province name (``"Tỉnh Cà Mau"``)
``area_km2``    float    area computed in :data:`camau_gis.settings.metric_crs`
``vintage``     str      administrative vintage of codes and names (``"2019"``)
``geometry``    geometry (Multi)Polygon in EPSG:4326
==============  =======  ==========================================================
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

COMMUNE_COLUMNS: tuple[str, ...] = (
    "gso_code",
    "dist_code",
    "prov_code",
    "name",
    "short_name",
    "unit_type",
    "district",
    "dist_short",
    "province",
    "area_km2",
    "vintage",
)

#: Vintage label of the pre-2025 (district-level) administrative units.
VINTAGE_2019 = "2019"
#: Vintage label of the units in force since 2025-07-01 (no districts).
VINTAGE_2025 = "2025"

# --------------------------------------------------------------------------
# Register (models and criterion 19) after reading: canonical columns.
# Readers map staff headers to these names; provenance columns start with "_".
# --------------------------------------------------------------------------

#: One row per model.
MODEL_COLUMNS: tuple[str, ...] = (
    "model_id",      # str, unique
    "name",          # str, model name as written (NFC)
    "kind",          # str, e.g. "Dân vận khéo", "Tự quản", "Camera an ninh"
    "level",         # "xã" | "huyện" | "tỉnh"; only "xã" counts for coverage
    "commune",       # str as written in the register (NFC), may carry a prefix
    "district",      # str as written (NFC)
    "gso_code",      # str 5 digits or "" (optional in the file)
    "year_start",    # Int64
    "year_end",      # Int64, <NA> while active
    "ntm_pilot",     # boolean, commune is an NTM pilot commune
    "board_reg",     # boolean, registered with the provincial Mass Mobilisation Board
    "lead_unit",     # str
    "lon",           # float or NaN
    "lat",           # float or NaN
    "notes",         # str
    "source",        # "seed" | "illustrative" | "" (real data)
)

#: One row per commune and year.
C19_COLUMNS: tuple[str, ...] = (
    "commune", "district", "gso_code",
    "year",          # Int64, the assessment year
    "achieved",      # boolean with <NA> = no data
    "c19_1",         # boolean/<NA>: sub-criterion 19.1 (militia, defence targets)
    "c19_2",         # boolean/<NA>: sub-criterion 19.2 (safe in security and order)
    "first_year",    # Int64, year first achieved
    "assessed_on",   # str ISO date or ""
    "basis",         # str, basis document
    "source",        # "seed" | "illustrative" | ""
)

#: Provenance columns every register row carries: file, sheet ("" for CSV), 1-based row.
PROVENANCE_COLUMNS: tuple[str, ...] = ("_file", "_sheet", "_row")

#: Columns of the match report (one row per register row that needs attention).
MATCH_REPORT_COLUMNS: tuple[str, ...] = (
    "file", "sheet", "row", "table", "column", "value", "reason", "candidates",
)

#: Per-commune indicators added to the canonical commune table by the analysis.
INDICATOR_COLUMNS: tuple[str, ...] = (
    "n_models",      # int, commune-level models active in the year
    "kinds",         # str, "; "-joined distinct kinds
    "covered",       # bool, n_models > 0
    "c19_status",    # "achieved" | "not_achieved" | "no_data"
    "c19_first",     # Int64, year first achieved
    "ntm_pilot",     # bool
    "models_10k",    # float, models per 10 km²
    "dist_cov_km",   # float, km to the nearest covered commune (0 if covered)
    "category",      # "covered_c19" | "covered_only" | "c19_only" | "neither" | "no_data"
    "illustr",       # bool, the commune's figures rest on illustrative rows
)


#: Columns of a matched register's tables that the analysis reads (besides the register's own).
MATCHED_MODEL_NEEDS: tuple[str, ...] = ("match_code", "level", "kind", "year_start", "year_end",
                                        "ntm_pilot")
MATCHED_C19_NEEDS: tuple[str, ...] = ("match_code", "year", "achieved", "first_year")
#: Indicator columns an analysis of 2019 units must hold to be carried to 2025.
CARRIED_NEEDS: tuple[str, ...] = ("gso_code", "geometry", "n_models", "kinds", "c19_status",
                                  "c19_first", "ntm_pilot", "illustr")


# -- one validation per contract ------------------------------------------------------------
def missing_columns(frame: Any, columns: Iterable[str], what: str) -> list[str]:
    """Return ``["<what>: missing column(s) …; columns seen: …"]``, or ``[]`` when none is."""
    have = list(getattr(frame, "columns", ()))
    missing = [c for c in columns if c not in have]
    if not missing:
        return []
    seen = ", ".join(map(str, have)) or "(none)"
    return [f"{what}: missing column(s) {', '.join(missing)}; columns seen: {seen}"]


def refuse(where: str, problems: list[str], fix: str) -> None:
    """Raise one :class:`~camau_gis.errors.SchemaError` listing every problem, and the fix."""
    if problems:
        from .errors import SchemaError

        raise SchemaError(f"{where}: " + "; ".join(problems) + f". {fix}")


def communes_problems(communes: Any) -> list[str]:
    """List what keeps ``communes`` from being the canonical table (:data:`COMMUNE_COLUMNS`)."""
    return missing_columns(communes, [*COMMUNE_COLUMNS, "geometry"], "communes")


def matched_problems(matched: Any) -> list[str]:
    """List what keeps ``matched`` from being a matched register the analysis can read."""
    problems: list[str] = []
    for table, columns in (("models", MATCHED_MODEL_NEEDS), ("c19", MATCHED_C19_NEEDS)):
        frame = getattr(matched, table, None)
        if frame is None:
            problems.append(f"matched register: no .{table} table")
        else:
            problems += missing_columns(frame, columns, f"register {table}")
    return problems


def check_analysis(communes: Any, where: str) -> None:
    """Refuse analysis communes without the indicators that are carried to 2025."""
    refuse(where, missing_columns(communes, CARRIED_NEEDS, "the analysis communes"),
           "Pass the result of camau_gis.analyze().")
