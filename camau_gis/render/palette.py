"""Fixed, colour-blind-safe colours of every map class (HTML map, static maps, atlas, report).

Colours come from the Okabe-Ito palette (safe for the common colour-vision
deficiencies) and ColorBrewer's YlGnBu ramp, and are the same in every static
map, atlas page and report, so a reader who learns them once reads every
figure. Legend texts come from :mod:`camau_gis.i18n` (key in the comment).
"""

from __future__ import annotations

from ..i18n import check_lang

#: Coverage categories (codes: :data:`camau_gis.analysis.classes.CATEGORIES`; labels
#: ``cat_<code>``), in legend order. Hue = model coverage (red: no model, the most
#: visible; purple: partly covered, 2025 units; pale blue/green: covered), shade =
#: criterion 19 (dark: not achieved, light: achieved); "no criterion-19 data" is the
#: middle shade with :data:`HATCH` over it. Grey: outside the register's scope. Checked
#: under simulated deuteranopia/protanopia in tests/test_categories.py (colorspacious).
CATEGORY: dict[str, str] = {
    "uncovered_not_c19": "#B2182B",  # dark red
    "uncovered_no_c19": "#D6604D",  # red, hatched
    "uncovered_c19": "#E08A3C",  # orange
    "partly_not_c19": "#807DBA",  # purple
    "partly_no_c19": "#9E9AC8",  # light purple, hatched
    "partly_c19": "#DADAEB",  # pale purple
    "covered_not_c19": "#92C5DE",  # light blue
    "covered_no_c19": "#C6DBEF",  # pale blue, hatched
    "covered_c19": "#EAF4EA",  # very pale green
    "no_data": "#BDBDBD",  # grey: outside the register's scope
}
#: Hatch drawn over the categories without criterion-19 data (matplotlib pattern, colour).
HATCH = "////"
HATCH_COLOR = "#4D4D4D"


def _hatched() -> frozenset[str]:
    from ..analysis.classes import NO_C19, OUTSIDE

    return NO_C19 | {OUTSIDE}


#: Categories drawn hatched: no criterion-19 data, and units outside the register's scope
#: (nothing known), as every theme of the HTML map draws them.
HATCHED: frozenset[str] = _hatched()


def category_style(code: str) -> dict[str, object]:
    """Fill colour and hatch of a category code (one place for every map)."""
    return {"color": CATEGORY.get(code, "#999999"), "hatch": code in HATCHED}


#: Criterion-19 status (``c19_status`` indicator; labels ``c19_<key>``).
C19: dict[str, str] = {
    "achieved": "#009E73",
    "not_achieved": "#D55E00",
    "no_data": CATEGORY["no_data"],  # the one "no data" grey of every map
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

#: Models per commune: the zero class has the strongest gap colour of the coverage map, so a
#: commune without a model is the most visible class and never looks merely "low"; then a
#: YlGnBu-like ramp kept lighter than it (checked under simulated colour-vision deficiency in
#: tests/test_categories.py).
MODELS_ZERO = CATEGORY["uncovered_not_c19"]
MODELS_RAMP: tuple[str, ...] = ("#F7FCCF", "#B6E3B6", "#6DC6BE", "#54ACC0", "#3A8EC0")

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

def model_colours(n: int) -> list[str]:
    """Colours of ``n`` positive models-per-commune classes, spread over :data:`MODELS_RAMP`."""
    ramp = MODELS_RAMP if n >= len(MODELS_RAMP) else MODELS_RAMP[1:]  # few: skip the palest
    if n <= 1:
        return [ramp[len(ramp) // 2]] * n
    return [ramp[min(len(ramp) - 1, round(j * (len(ramp) - 1) / (n - 1)))] for j in range(n)]


def model_entries(values: object, scheme: str | None = None, k: int | None = None,
                  lang: str | None = None) -> tuple[object, list[tuple[str, str, str]], str | None]:
    """Models-per-commune classes of one run, as every map draws them.

    Parameters
    ----------
    values : array-like of float
        Models per unit (units inside the register's scope).
    scheme, k : optional
        mapclassify scheme and number of classes
        (:func:`camau_gis.analysis.classes.model_breaks`).
    lang : {"vi", "en"}

    Returns
    -------
    index : ndarray of int
        Class of each value (0: no model).
    entries : list of (key, colour, label)
        Legend entries; ``key`` is ``str(index)``. The zero class is always listed.
    scheme : str or None
        The mapclassify scheme used (None: one class per value).
    """
    import numpy as np

    from ..analysis.classes import model_breaks
    from ..i18n import fmt_number, t

    lang = check_lang(lang)
    v = np.asarray(values, dtype=float)
    mc = model_breaks(v, scheme, k)
    index = mc.index(v)

    def fmt(x: float) -> str:
        return fmt_number(x, lang, None if float(x).is_integer() else 2)

    entries = [("0", MODELS_ZERO, t("no_models", lang))]  # "Chưa có mô hình (19)" with its count
    colours = model_colours(len(mc.uppers))
    for j, (lo, hi) in enumerate(mc.ranges(v)):
        span = fmt(lo) if lo == hi else f"{fmt(lo)}–{fmt(hi)}"
        entries.append((str(j + 1), colours[j], t("n_models_class", lang).format(n=span)))
    return index, entries, mc.scheme
