"""The crosswalk as tables: old -> new (one row per 2019 unit), links, and the 2025 units."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..schema import VINTAGE_2019, VINTAGE_2025
from ._source import REFORM_DATE, STEPS_2024, read_source, source_text, step_text

if TYPE_CHECKING:
    import pandas as pd

#: Columns of :func:`crosswalk_table` (one row per 2019 unit).
CROSSWALK_COLUMNS: tuple[str, ...] = (
    "old_code",     # 2019 GSO code
    "old_name",     # 2019 official name ("Phường 1")
    "old_type",     # "xã" | "phường" | "thị trấn"
    "old_dist",     # 2019 district ("Thành phố Bạc Liêu")
    "old_dcode",    # 2019 district code
    "old_prov",     # 2019 province ("Tỉnh Bạc Liêu")
    "old_pcode",    # 2019 province code
    "old_vint",     # "2019"
    "step_2024",    # "" or the 2024 change applied first (Phường 4 -> Phường 2)
    "relation",     # "whole" | "divided"
    "new_code",     # 2025 code of the successor (the official default one if divided)
    "new_name",     # 2025 official name
    "new_type",     # "xã" | "phường"
    "new_vint",     # "2025"
    "n_new",        # number of 2025 units sharing the old unit (1 if whole)
    "new_codes",    # "; "-joined codes of every 2025 unit sharing it
    "new_names",    # "; "-joined names, in the same order
)

#: Columns of :func:`new_units_table` (one row per 2025 unit).
NEW_UNIT_COLUMNS: tuple[str, ...] = (
    "gso_code", "prov_code", "name", "short_name", "unit_type", "province",
    "area_off",      # official area, km² (package)
    "lat", "lon",    # official centre point (package)
    "vintage",       # "2025"
    "n_pred",        # number of 2019 units (whole or part) in it
    "pred_codes",    # "; "-joined 2019 codes
    "pred_names",    # "; "-joined "Xã A (Huyện B)"; "(một phần)" marks a part of a divided unit
    "divided_parts", # bool: receives part of a divided 2019 unit
    "geom_exact",    # bool: every predecessor went whole, so the dissolved polygon is exact
)


def links_table() -> pd.DataFrame:
    """One row per old/new pair: ``old_code, new_code, relation, default`` plus names.

    A 2019 unit that went whole has one row (``default`` True); a divided
    one has a row per 2025 unit that received a part, exactly one of them
    the official default successor.
    """
    import pandas as pd

    old, new, links = read_source()
    o = {u.code: u for u in old}
    n = {u.code: u for u in new}
    rows = [
        {
            "old_code": lk.old_code, "old_name": o[lk.old_code].name,
            "old_dist": o[lk.old_code].district, "old_vint": VINTAGE_2019,
            "new_code": lk.new_code, "new_name": n[lk.new_code].name, "new_vint": VINTAGE_2025,
            "relation": lk.relation, "default": lk.default,
        }
        for lk in links
    ]
    return pd.DataFrame(rows)


def crosswalk_table(lang: str | None = None) -> pd.DataFrame:
    """Return the 2019 -> 2025 crosswalk of the merged Cà Mau province.

    Parameters
    ----------
    lang : {"vi", "en"}
        Language of ``step_2024``.

    Returns
    -------
    DataFrame
        One row per 2019 unit (165: Cà Mau 101, Bạc Liêu 64), columns
        :data:`CROSSWALK_COLUMNS`; ``new_code`` is the unit it went into
        whole, or the official default successor of a divided unit.
        ``attrs["source"]`` names the data source.

    Examples
    --------
    >>> cw = crosswalk_table()                          # doctest: +SKIP
    >>> cw.set_index("old_code").loc["31825", "new_name"]  # doctest: +SKIP
    'Phường Bạc Liêu'
    """
    import pandas as pd

    old, new, links = read_source()
    n = {u.code: u for u in new}
    by_old: dict[str, list] = {}
    for lk in links:
        by_old.setdefault(lk.old_code, []).append(lk)
    rows = []
    for u in sorted(old, key=lambda u: u.code):
        lks = sorted(by_old[u.code], key=lambda lk: (not lk.default, lk.new_code))
        d = n[lks[0].new_code]
        rows.append({
            "old_code": u.code, "old_name": u.name, "old_type": u.unit_type,
            "old_dist": u.district, "old_dcode": u.dist_code, "old_prov": u.province,
            "old_pcode": u.prov_code, "old_vint": VINTAGE_2019,
            "step_2024": step_text(u.step_2024, lang),
            "relation": lks[0].relation, "new_code": d.code, "new_name": d.name,
            "new_type": d.unit_type, "new_vint": VINTAGE_2025, "n_new": len(lks),
            "new_codes": "; ".join(lk.new_code for lk in lks),
            "new_names": "; ".join(n[lk.new_code].name for lk in lks),
        })
    df = pd.DataFrame(rows, columns=list(CROSSWALK_COLUMNS))
    df["n_new"] = df["n_new"].astype("int64")
    df.attrs["source"] = source_text("en")
    return df


def divided_table() -> pd.DataFrame:
    """Return the 2019 units divided between several 2025 units (:func:`crosswalk_table` rows)."""
    cw = crosswalk_table()
    return cw[cw["relation"] == "divided"].reset_index(drop=True)


def predecessor_label(name: str, district: str, part: bool, lang: str | None = None) -> str:
    """Label of a predecessor, e.g. ``"Xã Tân Tiến (Huyện Đầm Dơi, một phần)"``."""
    from ..i18n import t

    extra = t("cw_part", lang) if part else ""
    return f"{name} ({district}{extra})"


def new_units_table(lang: str | None = None) -> pd.DataFrame:
    """Return the 64 units of the merged Cà Mau province (vintage 2025) with their predecessors.

    Parameters
    ----------
    lang : {"vi", "en"}
        Language of the "part" marker in ``pred_names``.

    Returns
    -------
    DataFrame
        Columns :data:`NEW_UNIT_COLUMNS`, ordered by code.
    """
    import pandas as pd

    old, new, links = read_source()
    o = {u.code: u for u in old}
    preds: dict[str, list] = {}
    for lk in links:
        preds.setdefault(lk.new_code, []).append(lk)
    rows = []
    for u in sorted(new, key=lambda u: u.code):
        lks = sorted(preds[u.code], key=lambda lk: lk.old_code)
        rows.append({
            "gso_code": u.code, "prov_code": u.prov_code, "name": u.name,
            "short_name": u.short_name, "unit_type": u.unit_type, "province": u.province,
            "area_off": u.area_km2, "lat": u.lat, "lon": u.lon, "vintage": VINTAGE_2025,
            "n_pred": len(lks),
            "pred_codes": "; ".join(lk.old_code for lk in lks),
            "pred_names": "; ".join(
                predecessor_label(o[lk.old_code].name, o[lk.old_code].district,
                                  lk.relation == "divided", lang)
                for lk in lks
            ),
            "divided_parts": any(lk.relation == "divided" for lk in lks),
            "geom_exact": all(lk.relation == "whole" for lk in lks),
        })
    df = pd.DataFrame(rows, columns=list(NEW_UNIT_COLUMNS))
    df.attrs["source"] = source_text("en")
    return df


def matching_tables() -> dict:
    """Return what the vintage-aware matcher needs to know of both vintages, as plain data.

    Returns
    -------
    dict
        ``units_2025``: the 64 units (:func:`new_units_table` with an empty
        ``district``); ``successors``: 2019 code -> 2025 codes (default first);
        ``predecessors``: 2025 code -> 2019 codes; ``ended``: 2019 code ->
        ``(first day without it, name of the unit it went into)`` for units
        that ended before the reform (Phường 4 on 2024-12-01);
        ``reform``: first day of the 2025 units (ISO date).
        Passed to :class:`camau_gis.normalize.vintage.VintageIndex`.
    """
    cw = crosswalk_table()
    units = new_units_table().copy()
    units["district"] = ""
    units["dist_code"] = ""
    succ = {r.old_code: tuple(r.new_codes.split("; ")) for r in cw.itertuples()}
    preds: dict[str, list[str]] = {}
    for old, news in succ.items():
        for n in news:
            preds.setdefault(n, []).append(old)
    old, _, _ = read_source()
    by_code = {u.code: u for u in old}
    ended = {code: (date, by_code[code].step_2024.split("|")[1])
             for code, (_, _, date, _) in STEPS_2024.items() if code in by_code}
    return {"units_2025": units, "successors": succ,
            "predecessors": {k: tuple(v) for k, v in preds.items()},
            "ended": ended, "reform": REFORM_DATE}
