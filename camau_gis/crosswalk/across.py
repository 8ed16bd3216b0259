"""Analyse a register of 2025 units, or of both vintages, on the 64 units of the merged province.

Rows written in 2019 units are analysed on the 2019 communes and carried to
the 2025 units through the crosswalk (:func:`camau_gis.crosswalk.to_2025`);
rows written in 2025 units are counted on their unit directly
(:mod:`camau_gis.crosswalk.history`). ``--year`` and ``--compare`` give the
state of the 2025 units at any year, before or after the reform, and say
when a figure or a comparison crosses it.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import settings
from ..schema import VINTAGE_2019, VINTAGE_2025

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

    from ..analysis.result import Analysis


class ReformWarning(UserWarning):
    """A figure or a comparison of the 2025 units reaches back before the reform."""


def analyze_2025(
    communes: gpd.GeoDataFrame,
    matched: Any,
    *,
    year: int | None = None,
    compare: tuple[int, int] | None = None,
    lang: str | None = None,
    bac_lieu: str | Path | None = None,
    official: str | Path | None = None,
) -> Analysis:
    """Analyse ``matched`` (rows of 2019 and/or 2025 units) on the 64 units of 2025.

    Parameters
    ----------
    communes : GeoDataFrame
        The 2019 communes (old Cà Mau and Bạc Liêu) the 2019 rows were matched to.
    matched : MatchedRegister
        Matched with a :class:`~camau_gis.normalize.vintage.VintageIndex`
        (``match_vint`` per row; ``vintage_index`` attribute).
    year, compare : optional
        As in :func:`camau_gis.analyze`; both may reach across the reform.
    lang : {"vi", "en"}, optional
        Language of notes and reasons.
    bac_lieu : str or Path, optional
        Old Bạc Liêu boundaries when ``communes`` lacks them.
    official : str or Path, optional
        An official boundary file of the 2025 units, drawn instead of the dissolve.

    Returns
    -------
    Analysis
        As :func:`camau_gis.crosswalk.to_2025`; ``models``/``c19`` keep
        ``match_vint``; with ``compare``, ``extra["change"]`` is per 2025 unit
        and ``summary["compare"]["crosses_reform"]`` says whether the two
        years lie on both sides of 2025-07-01.
    """
    from ..analysis import analyze
    from ..i18n import t
    from .aggregate import to_2025
    from .bounds import read_2025_boundaries
    from .history import split_rows

    lang = lang or settings.language
    index = getattr(matched, "vintage_index", None)
    m19, m25 = split_rows(matched)
    result19 = analyze(communes, m19, year=year, compare=compare, lang=lang)
    shapes = read_2025_boundaries(official) if official is not None else None
    result = to_2025(result19, bac_lieu=bac_lieu, lang=lang, rows_2025=m25, official=shapes)
    _restore_codes(result, matched)
    reform_year = int((index.reform if index else "2025-07-01")[:4])
    n_units = int(len(result.communes))
    cross = result.summary["crosswalk"]
    n25 = int(result.models["match_vint"].eq(VINTAGE_2025).sum()) if len(result.models) else 0
    cross["model_rows_2025"] = n25
    counted = int(result.models["counted"].sum()) if "counted" in result.models else 0
    cross["models_reconciled"] = int(result.communes["n_models"].sum()) == counted
    if shapes is not None:
        cross["boundaries_2025"] = str(official)
        cross["rule_geometry"] = "official 2025 boundaries (" + str(official) + ")"
    if result.year is not None and result.year < reform_year:
        note = t("vint_cross_year", lang).format(y=result.year, n=n_units)
        result.summary["year_note"] = note
        warnings.warn(note, ReformWarning, stacklevel=2)
    if compare is not None:
        _compare(result, m19, m25, (int(compare[0]), int(compare[1])), reform_year, lang)
    return result


def count_duplicates_once(matched: Any, lang: str | None = None) -> None:
    """Report models registered in a 2019 commune and again in its 2025 successor; count once.

    Adds the records to ``matched.report`` (:func:`~camau_gis.crosswalk.history.merge_duplicates`).
    """
    import pandas as pd

    from .history import merge_duplicates

    index = getattr(matched, "vintage_index", None)
    if index is None:
        return
    names = {(VINTAGE_2019, u.code): f"{u.name} ({u.district})" for u in index.idx19.units}
    names.update({(VINTAGE_2025, u.code): u.name for u in index.idx25.units})
    dups = merge_duplicates(matched, index.successors, names, lang or settings.language)
    if dups:
        matched.report = pd.concat([matched.report, pd.DataFrame(dups)], ignore_index=True)
        matched.report["row"] = matched.report["row"].astype("int64")


def _restore_codes(result: Analysis, matched: Any) -> None:
    """Rows of 2025 units keep their 2025 code; ``counted`` follows the codes."""
    from ..analysis.years import active_mask, is_commune_level

    for name in ("models", "c19"):
        out = getattr(result, name)
        src = getattr(matched, name)
        if "match_vint" not in src.columns or not len(out):
            continue
        is25 = src["match_vint"].eq(VINTAGE_2025).to_numpy() & src["match_code"].ne("").to_numpy()
        out.loc[is25, "match_code"] = src.loc[is25, "match_code"].to_numpy()
        if "match_2019" in out:
            out.loc[is25, "match_2019"] = ""
        if "dup_of" in src:
            out["dup_of"] = src["dup_of"].to_numpy()
            out["year_start"] = src["year_start"].to_numpy()
        if name == "models":
            out["active"] = active_mask(out, result.year)
            out["counted"] = (out["active"] & is_commune_level(out).to_numpy(dtype=bool)
                              & out["match_code"].astype(str).ne("").to_numpy())


def state_2025(result: Analysis, m19: Any, m25: Any, year: int) -> pd.DataFrame:
    """State of the 2025 units at ``year`` (either side of the reform), in result.communes order."""
    from ..analysis.years import state_at
    from .history import carry_state, overlay, unit_state

    old = result.extra["vintage_2019"]["communes"]
    old = old[old["gso_code"].isin(result.extra["crosswalk"]["old_code"])]
    st = state_at(old, m19, year)
    frame = old[["gso_code", "new_code", "in_data"]].join(st)
    carried = carry_state(frame, result.extra["links"])
    codes = list(result.communes["gso_code"])
    state = overlay(carried.reindex(codes), unit_state(codes, m25, year))
    state["n_models"] = state["n_models"].fillna(0).astype("int64")
    state["covered"] = state["n_models"] > 0
    state["c19_first_given"] = state["c19_first"]
    return state.reset_index(drop=True)


def _compare(result: Analysis, m19: Any, m25: Any, years: tuple[int, int], reform_year: int,
             lang: str) -> None:
    from ..analysis.years import change_counts, change_from_states
    from ..i18n import t

    y1, y2 = years
    a, b = state_2025(result, m19, m25, y1), state_2025(result, m19, m25, y2)
    units = result.communes.reset_index(drop=True)
    change = change_from_states(units, a, b, y1)
    crosses = min(y1, y2) < reform_year < max(y1, y2) or reform_year in (y1, y2)
    if "pred_names" in units:
        change["pred_names"] = units["pred_names"].to_numpy()
    result.extra["change"] = change
    block: dict[str, Any] = {"year_1": y1, "year_2": y2, **change_counts(change),
                             "units": int(len(change)), "vintage": VINTAGE_2025,
                             "crosses_reform": bool(crosses)}
    if crosses:
        block["note"] = t("vint_cross_compare", lang).format(y1=min(y1, y2), y2=max(y1, y2),
                                                             n=len(change))
        warnings.warn(block["note"], ReformWarning, stacklevel=3)
    result.summary["compare"] = block
