"""Fixed, colour-blind-safe colours of every static-map class.

Colours come from the Okabe-Ito palette (safe for the common colour-vision
deficiencies) and ColorBrewer's YlGnBu ramp, and are the same in every static
map, atlas page and report, so a reader who learns them once reads every
figure. Legend texts come from :mod:`camau_gis.i18n` (key in the comment).
"""

from __future__ import annotations

#: Coverage categories (``category`` indicator; labels ``cat_<key>``), in legend order.
CATEGORY: dict[str, str] = {
    "covered_c19": "#009E73",  # bluish green
    "covered_only": "#56B4E9",  # sky blue
    "c19_only": "#E69F00",  # orange
    "neither": "#D55E00",  # vermillion
    "no_data": "#CCCCCC",  # grey
}

#: Criterion-19 status (``c19_status`` indicator; labels ``c19_<key>``).
C19: dict[str, str] = {
    "achieved": "#009E73",
    "not_achieved": "#D55E00",
    "no_data": "#CCCCCC",
}

#: Priority tiers of uncovered communes by ``rank`` (labels ``prio_<key>``): a
#: ColorBrewer OrRd/RdBu pair; the lowest gap tier stays far from the covered blue
#: (CIEDE2000 ΔE >= 15, tested in tests/test_print_maps.py).
PRIORITY: dict[str, str] = {
    "top5": "#99000D",
    "top10": "#E34A33",
    "rest": "#FDBB84",
    "covered": "#92C5DE",
}

#: Models per commune: the zero class keeps its own colour so an uncovered
#: commune never looks merely "low"; then ColorBrewer YlGnBu (colour-blind safe).
MODELS_ZERO = "#F4E4D7"
MODELS_RAMP: tuple[str, ...] = ("#C7E9B4", "#7FCDBB", "#41B6C4", "#1D91C0", "#225EA8", "#0C2C84")

#: Lines, land, water and text shared by every map.
DISTRICT_EDGE = "#222222"
COMMUNE_EDGE = "#FFFFFF"
PROVINCE_HIGHLIGHT = "#D55E00"
#: Locator inset: the province in neutral dark grey on the light land, never a legend colour.
LOCATOR_PROVINCE = "#6B6B6B"
#: Frame of an enlarged inset on the main map and around the inset itself.
INSET_FRAME = "#1A1A1A"
NTM_EDGE = "#000000"
ILLUSTRATIVE = "#B2182B"
LAND = "#F2F2F2"
WATER = "#EAF3FA"
TEXT = "#1A1A1A"

# --- issue 22: plan and LISA classes (legend texts plan_status_<key>, lisa_<key>) ---
#: Plan status of a commune (``plan_status`` of the ``plan`` layer), in legend order.
PLAN: dict[str, str] = {
    "chosen": "#7B3294",  # purple: proposed new model
    "served_new": "#C2A5CF",  # light purple: served by a new model
    "has_model": "#009E73",  # bluish green: has a model
    "served_before": "#A6DBA0",  # light green: next to a model already
    "unserved": "#D55E00",  # vermillion: still not served
    "no_data": "#CCCCCC",
}
#: LISA cluster classes, GeoDa's colours (``cluster_type`` of the LISA table).
LISA: dict[str, str] = {
    "HH": "#E31A1C",  # red
    "LL": "#1F4FE0",  # blue
    "LH": "#A7ADF9",  # light blue
    "HL": "#F4ADA8",  # light red
    "ns": "#EEEEEE",
}
