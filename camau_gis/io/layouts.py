"""How third-party boundary files name their columns: layouts and column candidates.

Knowledge of the files as they are (vietnam63, GADM, geoBoundaries, GSO-coded
layers), used by :mod:`camau_gis.io.boundaries` to name features in messages and
by :mod:`camau_gis.normalize.communes` to map columns to the canonical roles.
"""

from __future__ import annotations

#: Candidate source columns per role, in order of preference (case-insensitive).
#: vietnam63 (also with Shapefile-cut names), GADM, geoBoundaries, GSO-coded files.
COLUMN_CANDIDATES: dict[str, tuple[str, ...]] = {
    "commune": (
        "commune_vn",
        "name_3",
        "ten_xa",
        "tenxa",
        "ten_dvhc",
        "tendvhc",
        "shapename",
        "commune",
        "xa",
        "phuong_xa",
        "name",
    ),
    "district": (
        "district_vn",
        "district_v",
        "name_2",
        "ten_huyen",
        "tenhuyen",
        "huyen",
        "district",
    ),
    "province": ("province_vn", "province_v", "name_1", "ten_tinh", "tentinh", "tinh", "province"),
    "unit_type": ("type_3", "loai", "loai_dvhc", "cap", "unit_type"),
    "code": ("ma_xa", "maxa", "gso_code", "ma_dvhc", "madvhc", "ma_gso", "commune_co", "xa_id"),
}

#: Layouts recognised by :func:`detect_layout`: name -> columns that mark it (lower case).
LAYOUTS: dict[str, tuple[str, ...]] = {
    "vietnam63": ("commune_vn",),
    "GADM": ("name_3", "gid_3"),
    "geoBoundaries": ("shapename", "shapeid"),
    "GSO-coded": ("ma_xa", "maxa", "ma_dvhc", "madvhc", "gso_code"),
}


def detect_layout(columns: list[str]) -> str:
    """Name of the source layout a column list looks like (``"custom"`` if none)."""
    lower = {c.lower() for c in columns}
    for name, marks in LAYOUTS.items():
        if any(m in lower for m in marks):
            return name + (
                " (Shapefile-cut names)" if name == "vietnam63" and "district_v" in lower else ""
            )
    return "custom"
