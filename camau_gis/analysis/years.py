"""State of the register at a year, and the change between two years.

Rules (documented in ``docs/summary_schema.md``):

- a model is *active* in year ``Y`` when ``year_start <= Y`` (or ``year_start``
  is missing) and ``year_end`` is missing or ``>= Y``;
- only models of level ``"xã"`` joined to a commune (``match_code != ""``)
  count toward ``n_models``;
- the criterion-19 status at ``Y`` is that of the latest assessment dated at or
  before ``Y`` whose ``achieved`` is known (undated rows rank before dated ones);
  without one it is ``"no_data"``;
- ``c19_first`` is the earliest of ``first_year`` and of the years assessed as
  achieved, counting only rows dated at or before ``Y`` (``<NA>`` if later than ``Y``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..text import ascii_key, vi_sort_rank

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

#: Columns of :func:`state_at`.
STATE_COLUMNS = ("n_models", "kinds", "covered", "c19_status", "c19_first", "ntm_pilot",
                 "illustr")

#: Columns of :func:`compare_years` (besides the commune identity columns).
CHANGE_COLUMNS = ("n_models_1", "n_models_2", "d_models", "covered_1", "covered_2",
                  "c19_status_1", "c19_status_2", "coverage_change", "c19_change")


def _sort_rank(values: pd.Series) -> np.ndarray:
    return vi_sort_rank(values)


def _int(series: pd.Series) -> pd.Series:
    import pandas as pd

    return pd.to_numeric(series, errors="coerce").astype("Int64")


def flag(series: pd.Series) -> pd.Series:
    """Booleans from bool/str columns (``True``, ``"1"``, ``"có"``…); missing -> False."""
    import pandas as pd

    if series.dtype == bool or str(series.dtype) == "boolean":
        return series.fillna(False).astype(bool)
    text = series.astype("string").fillna("").str.strip().str.lower()
    return pd.Series(text.isin(["true", "1", "yes", "x", "có", "co", "y"]).to_numpy(),
                     index=series.index)


def register_years(matched: Any) -> list[int]:
    """Sorted years that appear in the register (model start/end, criterion-19 assessments)."""
    import pandas as pd

    parts = [_int(matched.models["year_start"]), _int(matched.models["year_end"]),
             _int(matched.c19["year"])]
    years = pd.concat(parts, ignore_index=True).dropna()
    return sorted({int(y) for y in years.unique()})


def latest_year(matched: Any) -> int | None:
    """Return the latest year present in the register, or None when it has none."""
    years = register_years(matched)
    return years[-1] if years else None


def is_commune_level(models: pd.DataFrame) -> pd.Series:
    """Flag models of level ``"xã"`` (written with or without diacritics)."""
    return models["level"].map(ascii_key).isin(["xa"])


def active_mask(models: pd.DataFrame, year: int | None) -> np.ndarray:
    """Boolean array: model active in ``year`` (all True when ``year`` is None)."""
    import numpy as np

    if year is None:
        return np.ones(len(models), dtype=bool)
    start, end = _int(models["year_start"]), _int(models["year_end"])
    mask = (start.isna() | (start <= year)) & (end.isna() | (end >= year))
    return mask.fillna(False).to_numpy(dtype=bool)


def active_models(models: pd.DataFrame, year: int | None) -> pd.DataFrame:
    """Models active in ``year`` (every model when ``year`` is None)."""
    return models[active_mask(models, year)]


def _illustrative(frame: pd.DataFrame) -> pd.Series:
    import pandas as pd

    if "source" not in frame:
        return pd.Series(False, index=frame.index)
    return frame["source"].astype("string").fillna("").str.strip().str.lower().eq("illustrative")


def model_state(models: pd.DataFrame, codes: pd.Index, year: int | None) -> pd.DataFrame:
    """Per-commune model indicators at ``year``, indexed by ``codes`` (GSO codes).

    Returns
    -------
    DataFrame
        ``n_models`` (int), ``kinds`` (str), ``covered`` (bool), ``ntm_pilot`` (bool,
        any model of the commune flags it, whatever its level or year),
        ``models_illustr`` (bool).
    """
    import pandas as pd

    joined = models[models["match_code"].astype("string").fillna("").ne("")]
    active = active_models(joined, year)
    active = active[is_commune_level(active).to_numpy(dtype=bool)]
    code = active["match_code"].astype(str)
    n = code.value_counts().reindex(codes, fill_value=0).astype(int)
    pairs = pd.DataFrame({"code": code.to_numpy(),
                          "kind": active["kind"].astype("string").fillna("").str.strip()
                          .to_numpy(dtype=object)})
    pairs = pairs[pairs["kind"] != ""].drop_duplicates()
    pairs = pairs.assign(_key=_sort_rank(pairs["kind"])).sort_values(["code", "_key"])
    kinds = pairs.groupby("code")["kind"].agg("; ".join).reindex(codes, fill_value="")
    pilot = (flag(joined["ntm_pilot"]).groupby(joined["match_code"].astype(str)).any()
             .reindex(codes, fill_value=False).astype(bool))
    illustr = (_illustrative(active).groupby(code).any().reindex(codes, fill_value=False)
               .astype(bool))
    return pd.DataFrame({"n_models": n, "kinds": kinds.astype(str), "covered": n > 0,
                         "ntm_pilot": pilot, "models_illustr": illustr}, index=codes)


def c19_state(c19: pd.DataFrame, codes: pd.Index, year: int | None) -> pd.DataFrame:
    """Per-commune criterion-19 status at ``year``, indexed by ``codes``.

    Returns
    -------
    DataFrame
        ``c19_status`` (``"achieved"``, ``"not_achieved"``, ``"no_data"``),
        ``c19_year`` (Int64, year of the assessment used), ``c19_first`` (Int64),
        ``c19_first_given`` (Int64, from ``first_year`` only),
        ``c19_illustr`` (bool, the assessment used is illustrative).
    """
    import pandas as pd

    rows = c19[c19["match_code"].astype("string").fillna("").ne("")].copy()
    rows["_code"] = rows["match_code"].astype(str)
    rows["_year"] = _int(rows["year"])
    if year is not None:
        rows = rows[(rows["_year"].isna() | (rows["_year"] <= year)).to_numpy(dtype=bool)]
    ach = rows["achieved"]
    if str(ach.dtype) not in ("bool", "boolean"):
        text = ach.astype("string").str.strip().str.lower()
        ach = text.map({"true": True, "1": True, "false": False, "0": False}).astype("boolean")
    rows["_ach"] = ach.astype("boolean")
    known = rows[rows["_ach"].notna().to_numpy(dtype=bool)]
    known = known.assign(_order=known["_year"].fillna(-1)).sort_values(["_code", "_order"],
                                                                       kind="stable")
    latest = known.groupby("_code").tail(1).set_index("_code")
    status = (latest["_ach"].map({True: "achieved", False: "not_achieved"})
              .reindex(codes).fillna("no_data").astype(str))
    first_candidates = pd.concat([
        _int(rows["first_year"]).groupby(rows["_code"]).min(),
        rows.loc[rows["_ach"].fillna(False).to_numpy(dtype=bool)].groupby("_code")["_year"].min(),
    ], axis=1).min(axis=1)
    first = _int(first_candidates.reindex(codes))
    if year is not None:
        first = first.where(first <= year)
    given = _int(_int(rows["first_year"]).groupby(rows["_code"]).min().reindex(codes))
    if year is not None:
        given = given.where(given <= year)
    illustr = _illustrative(latest).reindex(codes, fill_value=False).astype(bool)
    return pd.DataFrame({"c19_status": status, "c19_year": _int(latest["_year"].reindex(codes)),
                         "c19_first": first.astype("Int64"), "c19_first_given": given,
                         "c19_illustr": illustr}, index=codes)


def state_at(communes: pd.DataFrame, matched: Any, year: int | None) -> pd.DataFrame:
    """Per-commune state at ``year``, in the row order of ``communes``.

    Returns
    -------
    DataFrame
        :data:`STATE_COLUMNS` (``illustr``: the commune's models or criterion-19
        status rest on an illustrative row) and ``c19_first_given``, indexed like
        ``communes``.
    """
    import pandas as pd

    codes = pd.Index(communes["gso_code"].astype(str), name="gso_code")
    uniq = codes.unique()
    m = model_state(matched.models, uniq, year)
    c = c19_state(matched.c19, uniq, year)
    state = m.join(c)
    state["illustr"] = state["models_illustr"] | state["c19_illustr"]
    out = state.reindex(codes)[[*STATE_COLUMNS, "c19_first_given"]]
    out.index = communes.index
    return out


def compare_years(communes: pd.DataFrame, matched: Any, year_1: int, year_2: int
                  ) -> pd.DataFrame:
    """Per-commune change between ``year_1`` and ``year_2``.

    Returns
    -------
    DataFrame
        ``gso_code``, ``name``, ``district`` and :data:`CHANGE_COLUMNS`.
        ``coverage_change``: ``"newly_covered"``, ``"lost"`` (had a model, has
        none), ``"still_covered"``, ``"still_uncovered"``. ``c19_change``:
        ``"newly_achieving"`` (achieved in ``year_2``; not achieved in ``year_1``, or
        no data then but the register's ``first_year`` is after ``year_1``), ``"lost"`` (achieved in
        ``year_1``, not achieved in ``year_2``), ``"still_achieving"``,
        ``"still_not_achieved"`` (not achieved in ``year_2``, not achieved or unknown in
        ``year_1``), ``"no_data"`` (``year_2`` unknown) or
        ``"unknown_before"`` (achieved in ``year_2``, ``year_1`` unknown, first
        year unknown or not after ``year_1``).
    """
    a = state_at(communes, matched, year_1)
    b = state_at(communes, matched, year_2)
    return change_from_states(communes, a, b, year_1)


def change_from_states(communes: pd.DataFrame, a: pd.DataFrame, b: pd.DataFrame,
                       year_1: int) -> pd.DataFrame:
    """Return the table of :func:`compare_years` from the states at the two years.

    ``a`` and ``b`` hold ``n_models``, ``covered``, ``c19_status`` and
    ``c19_first_given`` in the row order of ``communes`` (as :func:`state_at`
    returns them); used for units whose state is carried across a reform.
    """
    import numpy as np
    import pandas as pd

    out = pd.DataFrame({
        "gso_code": communes["gso_code"].to_numpy(), "name": communes["name"].to_numpy(),
        "district": communes["district"].to_numpy(),
        "n_models_1": a["n_models"].to_numpy(), "n_models_2": b["n_models"].to_numpy(),
    }, index=communes.index)
    out["d_models"] = out["n_models_2"] - out["n_models_1"]
    out["covered_1"] = a["covered"].to_numpy(dtype=bool)
    out["covered_2"] = b["covered"].to_numpy(dtype=bool)
    out["c19_status_1"] = a["c19_status"].to_numpy()
    out["c19_status_2"] = b["c19_status"].to_numpy()
    c1, c2 = out["covered_1"], out["covered_2"]
    out["coverage_change"] = np.select(
        [~c1 & c2, c1 & ~c2, c1 & c2], ["newly_covered", "lost", "still_covered"],
        "still_uncovered")
    s1, s2 = out["c19_status_1"], out["c19_status_2"]
    first = pd.Series(pd.array(b["c19_first_given"], dtype="Int64"), index=out.index)
    new_after = (first > year_1).fillna(False).to_numpy(dtype=bool)
    out["c19_change"] = np.select(
        [s2.eq("no_data"),
         s2.eq("achieved") & (s1.eq("not_achieved") | (s1.eq("no_data") & new_after)),
         s2.eq("achieved") & s1.eq("achieved"),
         s2.eq("achieved"),
         s1.eq("achieved") & s2.eq("not_achieved")],
        ["no_data", "newly_achieving", "still_achieving", "unknown_before", "lost"],
        "still_not_achieved")
    return out


def change_counts(change: pd.DataFrame) -> dict[str, dict[str, int]]:
    """Count each ``coverage_change`` and ``c19_change`` value (for summary.json)."""
    return {
        col: {str(k): int(v) for k, v in change[col].value_counts().sort_index().items()}
        for col in ("coverage_change", "c19_change")
    }
