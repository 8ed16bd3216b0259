"""One history on the 2025 units: 2019 rows carried by the crosswalk, 2025 rows as they are.

A register kept across the reform holds rows of both vintages
(:mod:`camau_gis.normalize.vintage`). The state of a 2025 unit at a year is:

- **models**: the models of its 2019 communes (a divided commune's go to its
  default successor, :func:`carry_state`) plus the models registered on the
  unit itself;
- **criterion 19**: the latest assessment of the unit itself (2025 rows) at
  or before the year; without one, the territorial rule over its 2019
  communes (achieved only if all of them achieved it);
- a model registered in a 2019 commune and again in its 2025 successor
  (same name) is one model: :func:`merge_duplicates` keeps the 2025 row,
  from the earlier start year, and reports the 2019 row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..schema import VINTAGE_2019, VINTAGE_2025

if TYPE_CHECKING:
    import pandas as pd

#: Columns of :func:`carry_state` / :func:`unit_state`.
STATE_2025 = ("n_models", "kinds", "c19_status", "c19_first", "ntm_pilot", "illustr")


def _c19(statuses: list[str]) -> str:
    if statuses and all(s == "achieved" for s in statuses):
        return "achieved"
    if any(s == "not_achieved" for s in statuses):
        return "not_achieved"
    return "no_data"


def _kinds(values: Any) -> str:
    return "; ".join(sorted({k.strip() for v in values for k in str(v).split(";") if k.strip()}))


def carry_state(old: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """State of the 2025 units carried from the state of their 2019 communes.

    Parameters
    ----------
    old : DataFrame
        One row per 2019 commune: ``gso_code``, ``new_code`` (default
        successor), ``n_models``, ``kinds``, ``c19_status``, ``c19_first``,
        ``ntm_pilot``, ``illustr``, ``in_data``.
    links : DataFrame
        :func:`camau_gis.crosswalk.links_table`.

    Returns
    -------
    DataFrame
        Indexed by 2025 code: :data:`STATE_2025` and ``in_data``. Models
        follow the default successor; criterion 19, pilots and the
        illustrative flag follow territory (every predecessor, whole or part;
        one without data or boundaries counts as "no data").
    """
    import pandas as pd

    n = pd.to_numeric(old["n_models"], errors="coerce").fillna(0).astype("int64")
    grouped = old.assign(n_models=n).groupby("new_code")
    n_models = grouped["n_models"].sum()
    kinds = grouped["kinds"].agg(_kinds)
    present = set(old["gso_code"])
    by_old = old.set_index("gso_code")
    rows: dict[str, dict[str, Any]] = {}
    for code, lk in links.groupby("new_code"):
        have = [c for c in lk["old_code"] if c in present]
        miss = [c for c in lk["old_code"] if c not in present]
        sub = by_old.loc[have] if have else by_old.iloc[0:0]
        status = _c19([str(s) for s in sub["c19_status"]] + ["no_data"] * len(miss))
        in_data = sub[sub["in_data"].fillna(False).astype(bool)]
        firsts = pd.to_numeric(in_data["c19_first"], errors="coerce")
        rows[code] = {
            "n_models": int(n_models.get(code, 0)),
            "kinds": str(kinds.get(code, "")),
            "c19_status": status,
            "c19_first": int(firsts.max()) if status == "achieved" and firsts.notna().all()
            and len(firsts) else pd.NA,
            "ntm_pilot": bool(sub["ntm_pilot"].fillna(False).astype(bool).any()),
            "illustr": bool(sub["illustr"].fillna(False).astype(bool).any()),
            "in_data": bool(sub["in_data"].fillna(False).astype(bool).any()),
        }
    out = pd.DataFrame.from_dict(rows, orient="index")
    out["c19_first"] = out["c19_first"].astype("Int64")
    return out


def unit_state(codes: list[str], rows: Any, year: int | None) -> pd.DataFrame:
    """State of the 2025 units from the register rows written in 2025 units.

    ``rows`` has ``.models`` and ``.c19`` with ``match_code`` in 2025 codes
    (other rows with ``""``); see :func:`camau_gis.analysis.years.state_at`.
    """
    import pandas as pd

    from ..analysis.years import state_at

    frame = pd.DataFrame({"gso_code": codes})
    state = state_at(frame, rows, year)
    state.index = pd.Index(codes)
    return state


def overlay(carried: pd.DataFrame, own: pd.DataFrame) -> pd.DataFrame:
    """Add the 2025 rows' state (``own``, :func:`unit_state`) to the carried one.

    Models add up; a unit's own criterion-19 assessment replaces the
    territorial status of its predecessors; ``c19_first`` is the earliest
    first achievement that still holds.
    """
    import pandas as pd

    out = carried.copy()
    own = own.reindex(out.index)
    out["n_models"] = out["n_models"] + own["n_models"].fillna(0).astype("int64")
    out["kinds"] = [_kinds([a, b]) for a, b in zip(out["kinds"], own["kinds"].fillna(""),
                                                    strict=True)]
    has = own["c19_status"].fillna("no_data").ne("no_data")
    before = out["c19_status"].copy()
    out.loc[has, "c19_status"] = own.loc[has, "c19_status"]
    carried_first = out["c19_first"].where(before.eq("achieved"))
    first = pd.concat([carried_first.astype("Float64"),
                       own["c19_first"].astype("Float64")], axis=1).min(axis=1)
    out["c19_first"] = first.where(out["c19_status"].eq("achieved")).astype("Int64")
    out["ntm_pilot"] = out["ntm_pilot"].astype(bool) | own["ntm_pilot"].fillna(False).astype(bool)
    out["illustr"] = out["illustr"].astype(bool) | own["illustr"].fillna(False).astype(bool)
    return out


def split_rows(matched: Any) -> tuple[Any, Any]:
    """Return the register seen by each vintage: ``(rows of 2019 codes, rows of 2025 codes)``.

    Both keep every row (so years and counts of the register stay whole);
    ``match_code`` is emptied for the rows of the other vintage.
    """
    import copy

    def keep(vint: str) -> Any:
        part = copy.copy(matched)
        for name in ("models", "c19"):
            df = getattr(matched, name).copy()
            if "match_vint" in df.columns:
                df.loc[df["match_vint"] != vint, "match_code"] = ""
            elif vint == VINTAGE_2025:
                df["match_code"] = ""
            setattr(part, name, df)
        return part

    return keep(VINTAGE_2019), keep(VINTAGE_2025)


def merge_duplicates(matched: Any, successors: dict[str, tuple[str, ...]],
                     names: dict[tuple[str, str], str] | None = None,
                     lang: str | None = None) -> list[dict]:
    """Find models registered in a 2019 commune and again in its 2025 successor; count them once.

    Two model rows are one model when their names agree (case, diacritics and
    spacing aside), one is a 2019 row, the other a 2025 row in a successor of
    that 2019 commune, and their kinds do not differ. The 2025 row is kept,
    starting at the earlier of the two start years; the 2019 row is no
    longer joined (``match_code`` ``""``, ``dup_of`` = the kept row) and is
    reported.

    ``names`` maps ``(vintage, code)`` to the unit's label in messages.

    Returns
    -------
    list of dict
        Match-report records (:data:`camau_gis.schema.MATCH_REPORT_COLUMNS`).
    """
    import pandas as pd

    from .. import settings
    from ..i18n import t
    from ..text import ascii_key

    lang = lang or settings.language
    m = matched.models
    if "match_vint" not in m.columns:
        return []
    m["dup_of"] = ""
    key = m["name"].map(ascii_key)
    kind = m["kind"].map(ascii_key)
    joined = m["match_code"].astype(str).ne("")
    new_rows = m[joined & m["match_vint"].eq(VINTAGE_2025)]
    old_rows = m[joined & m["match_vint"].eq(VINTAGE_2019)]
    by_key: dict[str, list[Any]] = {}
    for i in old_rows.index:
        by_key.setdefault(key[i], []).append(i)
    names = names or {}
    report: list[dict] = []
    for j in new_rows.index:
        for i in by_key.get(key[j], []):
            if m.at[i, "match_code"] == "" or (kind[i] and kind[j] and kind[i] != kind[j]):
                continue
            if m.at[j, "match_code"] not in successors.get(m.at[i, "match_code"], ()):
                continue
            starts = pd.to_numeric(pd.Series([m.at[i, "year_start"], m.at[j, "year_start"]]),
                                   errors="coerce").dropna()
            if len(starts):
                m.at[j, "year_start"] = int(starts.min())
            u19 = names.get(("2019", m.at[i, "match_code"]), m.at[i, "match_code"])
            u25 = names.get(("2025", m.at[j, "match_code"]), m.at[j, "match_code"])
            text = t("vint_duplicate", lang).format(
                other=int(m.at[j, "_row"]), name=m.at[i, "name"], u19=u19, u25=u25,
                start=m.at[j, "year_start"] if len(starts) else "?")
            report.append({"file": m.at[i, "_file"], "sheet": m.at[i, "_sheet"],
                           "row": int(m.at[i, "_row"]), "table": "models", "column": "name",
                           "value": str(m.at[i, "name"]), "reason": text,
                           "candidates": f"{u25} [{t('vint_tag_2025', lang)}]"})
            m.at[i, "match_code"] = ""
            m.at[i, "dup_of"] = str(m.at[j, "_row"])
            break
    return report
