"""From an analysis to a plan: demand weights, options, the solved plan and its tables.

:func:`make_plan` turns an :class:`~camau_gis.analysis.result.Analysis` into a
:class:`~camau_gis.analysis.plan.Problem` (who is served today, who may get a
model, how much each commune weighs), solves it (:func:`camau_gis.analysis.plan.solve`)
and returns a :class:`Plan` with the table a planner acts on.

Demand weights (``weight``):

* ``"equal"`` (default): 1 per commune; coverage then counts communes.
* ``"area"``: the commune's area in km² (``area_km2``).
* the name of a numeric column of the commune table (e.g. ``models_10k``), or
  of the table given with ``weights_file`` (CSV or XLSX; one row per commune
  with a GSO code column ``gso_code``/``Mã xã`` or a name column ``Tên xã``
  (with ``Huyện`` when names repeat), and the value column): e.g. population
  (persons), incidents (cases per year) or a priority score (unitless). The
  plan maximises the sum of the weights of the communes newly served; the
  unit of the weight is the unit of the table (``weight_unit`` is printed in
  the outputs).

Criterion 19 (``c19``): ``"ignore"``; ``"weight"`` multiplies the weight of a
commune that has not achieved criterion 19 by ``c19_factor``; ``"require"``
makes serving every such commune a constraint.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import OptionError, RegisterError
from ..i18n import Msg
from ..text import ascii_key, name_key, nfc, split_unit_type, strip_district_prefix
from .plan import C19_MODES, Problem, check_rule, service_matrix, solve

if TYPE_CHECKING:
    import pandas as pd

    from .result import Analysis

#: Header keys (ascii_key) recognised in a weights file.
CODE_HEADERS = ("gso code", "gso_code", "ma xa", "ma don vi", "ma dvhc", "ma", "code")
NAME_HEADERS = ("name", "ten xa", "ten don vi", "xa", "commune", "ten", "don vi")
DISTRICT_HEADERS = ("district", "huyen", "ten huyen", "huyen thanh pho", "quan huyen")

#: Columns of :attr:`Plan.table` (one row per new model, in order of marginal gain).
PLAN_COLUMNS = ("order", "gso_code", "name", "district", "forced", "gain", "n_served",
                "serves", "cum_served", "cum_weight", "cum_share")
#: Columns of :attr:`Plan.units` (one row per commune).
UNIT_COLUMNS = ("gso_code", "name", "district", "weight", "has_model", "served_before",
                "plan_order", "served_by", "served_after", "plan_status")
#: ``plan_status`` values, in legend order.
STATUSES = ("chosen", "served_new", "served_before", "has_model", "unserved", "no_data")


@dataclass
class Plan:
    """A solved plan.

    Attributes
    ----------
    table : DataFrame
        :data:`PLAN_COLUMNS`, one row per new model in order of marginal gain.
    units : GeoDataFrame
        :data:`UNIT_COLUMNS` + geometry, one row per commune (the ``plan`` layer).
    summary : dict
        Problem, options, coverage before/after, minimum for full service,
        greedy value, solver status and messages.
    analysis : Analysis
        The analysis planned on.
    """

    table: pd.DataFrame
    units: Any
    summary: dict[str, Any]
    analysis: Analysis
    messages: list[str] = field(default_factory=list)


def _cell_number(value: object) -> float | None:
    """Parse a weight cell: numbers, ``"1.234"``/``"1 234"`` thousands, ``"2,5"`` decimals."""
    import re

    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value) if value == value else None
    s = nfc(value).replace("\u00a0", "").replace(" ", "")
    if not s:
        return None
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+", s):
        s = s.replace(".", "")
    elif re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", s):
        s = s.replace(",", "")
    else:
        s = s.replace(",", ".")
    try:
        return float(s)
    except ValueError:
        return None


def read_weights(path: str | Path, column: str, communes: pd.DataFrame) -> Any:
    """Return the weight per commune (row order of ``communes``) from a CSV/XLSX table.

    Raises
    ------
    RegisterError
        The file cannot be read, a header is missing, or a commune has no
        usable value (each problem names the file, row and column). Rows that
        match no commune are reported in the message too, never dropped silently.
    """
    import numpy as np

    from ..io.sheets import read_sheets

    path = Path(path)
    sheet = read_sheets(path)[0]
    if not sheet.rows:
        raise RegisterError(Msg("plw_empty", path=path))
    head_row, header = sheet.rows[0]
    keys = [ascii_key(h) for h in header]

    def find(options: tuple[str, ...] | list[str]) -> int | None:
        for opt in options:
            if ascii_key(opt) in keys:
                return keys.index(ascii_key(opt))
        return None

    value_col = find([column])
    code_col, name_col, dist_col = find(CODE_HEADERS), find(NAME_HEADERS), find(DISTRICT_HEADERS)
    if value_col is None:
        raise RegisterError(Msg("plw_no_column", path=path, column=repr(column), row=head_row,
                                header=", ".join(map(str, header))))
    if code_col is None and name_col is None:
        raise RegisterError(Msg("plw_no_commune_column", path=path))
    codes = communes["gso_code"].astype(str).tolist()
    by_code = {c: i for i, c in enumerate(codes) if c}
    by_name: dict[str, list[int]] = {}
    for i, (nm, _dist) in enumerate(zip(communes["name"], communes["district"], strict=True)):
        unit, short = split_unit_type(nm)
        by_name.setdefault(name_key(short), []).append(i)
    dist_keys = [ascii_key(strip_district_prefix(d)) for d in communes["district"]]
    values = np.full(len(communes), np.nan)
    problems: list[Msg] = []
    for row, cells in sheet.rows[1:]:
        def cell(k: int | None, cells: list[object] = cells) -> object:
            return cells[k] if k is not None and k < len(cells) else None
        target = None
        raw_code = nfc(cell(code_col)).split(".")[0]
        if raw_code:
            target = by_code.get(raw_code.zfill(5))
        if target is None and name_col is not None:
            _, short = split_unit_type(cell(name_col))
            hits = by_name.get(name_key(short), [])
            if len(hits) > 1 and dist_col is not None:
                want = ascii_key(strip_district_prefix(cell(dist_col)))
                hits = [i for i in hits if dist_keys[i] == want]
            target = hits[0] if len(hits) == 1 else None
            if len(hits) > 1:
                problems.append(Msg("plw_row_ambiguous", row=row, name=repr(nfc(cell(name_col))),
                                    n=len(hits)))
                continue
        if target is None:
            problems.append(Msg("plw_row_no_commune", row=row,
                                name=repr(nfc(cell(name_col) or cell(code_col)))))
            continue
        number = _cell_number(cell(value_col))
        if number is None or number < 0:
            problems.append(Msg("plw_row_not_number", row=row, column=repr(header[value_col]),
                                value=repr(cell(value_col))))
            continue
        values[target] = number
    missing = [str(communes["name"].iloc[i]) for i in np.flatnonzero(np.isnan(values))]
    if missing:
        raise RegisterError(Msg(
            "plw_missing", path=path, n=len(missing), column=repr(column),
            names=", ".join(missing[:10]) + (" …" if len(missing) > 10 else ""),
            rows=Msg("plw_rows_not_used", problems=problems[:10]) if problems else ""))
    if problems:
        import warnings

        warnings.warn(Msg("plw_rows_warning", path=path, n=len(problems),
                          problems=problems[:20]), UserWarning, stacklevel=3)
    return values


def _select(communes: pd.DataFrame, names: list[str] | tuple[str, ...], option: str) -> Any:
    """Boolean mask of the communes named in ``names`` (GSO code, or name[, district])."""
    import numpy as np

    mask = np.zeros(len(communes), dtype=bool)
    if not names:
        return mask
    codes = communes["gso_code"].astype(str).to_numpy()
    shorts = [name_key(split_unit_type(n)[1]) for n in communes["name"]]
    dists = [ascii_key(strip_district_prefix(d)) for d in communes["district"]]
    for item in names:
        text = nfc(item)
        if text in codes:
            mask |= codes == text
            continue
        name, _, dist = text.partition(",")
        key = name_key(split_unit_type(name)[1])
        hits = [i for i, s in enumerate(shorts) if s == key
                and (not dist.strip() or dists[i] == ascii_key(strip_district_prefix(dist)))]
        if len(hits) != 1:
            raise OptionError(Msg("pl_select_none" if not hits else "pl_select_many",
                                  option=option, text=repr(text), n=len(hits)))
        mask[hits[0]] = True
    return mask


def _weights(result: Analysis, weight: str, weights_file: str | Path | None) -> Any:
    import numpy as np

    c = result.communes
    if weights_file is not None:
        if weight in ("equal", "area"):
            raise OptionError(Msg("pl_weights_file"))
        return read_weights(weights_file, weight, c)
    if weight == "equal":
        return np.ones(len(c))
    if weight == "area":
        return c["area_km2"].astype(float).fillna(0).to_numpy()
    if weight in c.columns:
        import pandas as pd

        values = pd.to_numeric(c[weight], errors="coerce")
        if values.isna().any() or (values < 0).any():
            raise OptionError(Msg("pl_weight_not_numeric", weight=repr(weight)))
        return values.to_numpy(dtype=float)
    raise OptionError(Msg("pl_weight_unknown", weight=repr(weight)))


def build_problem(result: Analysis, *, rule: str = "adjacent", distance_km: float | None = None,
                  distance_from: str = "centroid", weight: str = "equal",
                  weights_file: str | Path | None = None, exclude: tuple[str, ...] = (),
                  force: tuple[str, ...] = (), c19: str = "ignore", c19_factor: float = 2.0,
                  ) -> Problem:
    """Return the :class:`~camau_gis.analysis.plan.Problem` of ``result`` with these options."""
    import numpy as np

    check_rule(rule, distance_km, distance_from)
    if c19 not in C19_MODES:
        raise OptionError(Msg("pl_c19", c19=repr(c19), modes=", ".join(C19_MODES)))
    if not c19_factor > 0:
        raise OptionError(Msg("pl_c19_factor", factor=repr(c19_factor)))
    c = result.communes
    demand = (c["in_data"].fillna(False).astype(bool).to_numpy() if "in_data" in c
              else np.ones(len(c), dtype=bool))
    has_model = c["covered"].fillna(False).astype(bool).to_numpy() & demand
    w = np.asarray(_weights(result, weight, weights_file), dtype=float)
    not_c19 = c["c19_status"].astype(str).eq("not_achieved").to_numpy() & demand
    if c19 == "weight":
        w = np.where(not_c19, w * float(c19_factor), w)
    excluded = _select(c, list(exclude), "--exclude")
    forced = _select(c, list(force), "--force")
    clash = forced & (excluded | has_model | ~demand)
    if clash.any():
        names = ", ".join(c["name"].to_numpy()[clash][:5])
        raise OptionError(Msg("pl_force_clash", names=names))
    pairs = result.extra.get("adjacency")
    codes = c["gso_code"].astype(str)
    if pairs is None or codes.eq("").any() or codes.duplicated().any() or not (
            pairs["gso_a"].astype(str).isin(codes).all()
            and pairs["gso_b"].astype(str).isin(codes).all()):
        pairs = None  # recomputed from the polygons
    cover = service_matrix(c, rule=rule, distance_km=distance_km, distance_from=distance_from,
                           tolerance_m=result.meta.get("tolerance_m"), pairs=pairs)
    return Problem(cover=cover, weight=np.where(demand, w, 0.0), has_model=has_model,
                   candidate=demand & ~has_model & ~excluded, forced=forced,
                   required=not_c19 if c19 == "require" else np.zeros(len(c), dtype=bool),
                   demand=demand)


def make_plan(result: Analysis, models: int | None = None, *, rule: str = "adjacent",
              distance_km: float | None = None, distance_from: str = "centroid",
              weight: str = "equal", weights_file: str | Path | None = None,
              weight_unit: str = "", exclude: tuple[str, ...] = (),
              force: tuple[str, ...] = (), c19: str = "ignore", c19_factor: float = 2.0,
              time_limit: float | None = None, engine: str = "auto",
              lang: str | None = None) -> Plan:
    """Plan ``models`` new models (MCLP), or the fewest serving every commune (LSCP).

    Parameters are those of :func:`build_problem` and
    :func:`camau_gis.analysis.plan.solve`; ``weight_unit`` labels the weight in
    the outputs (e.g. ``"người"``). Messages (no gaps, budget above the
    minimum, islands, unreachable communes) are in ``Plan.messages`` in
    ``lang`` and also issued as warnings.
    """
    import warnings

    import numpy as np

    from .. import settings
    from ..i18n import check_lang, t

    lang = check_lang(lang or result.meta.get("lang") or settings.language)
    p = build_problem(result, rule=rule, distance_km=distance_km, distance_from=distance_from,
                      weight=weight, weights_file=weights_file, exclude=exclude, force=force,
                      c19=c19, c19_factor=c19_factor)
    c = result.communes
    names = c["name"].astype(str).to_numpy()
    sol = solve(p, models, time_limit=time_limit, engine=engine, names=names)
    chosen = [row for row in sol.chosen if p.forced[row[0]] or len(row[2])]
    codes = sol.messages + (["zero_gain"] if len(chosen) < len(sol.chosen) else [])
    degree = np.diff(p.cover.indptr)
    islands = np.flatnonzero(p.gaps & (degree <= 1))
    if len(islands):
        codes.append("islands:" + "; ".join(names[islands][:10]))
    messages = [_message(code, lang, t) for code in codes]
    for text in messages:
        warnings.warn(text, UserWarning, stacklevel=2)
    table, units = _tables(result, p, chosen)
    total = float(p.weight.sum())
    before = float(p.weight[p.served_before].sum())
    after = float(table["cum_weight"].iloc[-1]) if len(table) else before
    n_after = int(table["cum_served"].iloc[-1]) if len(table) else int(p.served_before.sum())
    summary = {
        "problem": sol.kind, "models": models, "placed": len(table),
        "minimum_full": sol.minimum, "status": sol.status,
        "solver": "spopt (PySAL) + PuLP/CBC",
        "rule": rule, "distance_km": distance_km,
        "distance_from": distance_from if rule == "distance" else None,
        "tolerance_m": result.meta.get("tolerance_m"),
        "weight": weight, "weight_unit": weight_unit,
        "weights_file": str(weights_file) if weights_file else None,
        "c19": c19, "c19_factor": c19_factor if c19 == "weight" else None,
        "exclude": list(exclude), "force": list(force),
        "units": p.n, "units_counted": int(p.demand.sum()),
        "gaps_before": int(p.gaps.sum()),
        "served_before": int(p.served_before.sum()), "served_after": n_after,
        "weight_total": total, "weight_before": before, "weight_after": after,
        "share_before": before / total if total else None,
        "share_after": after / total if total else None,
        "greedy_gain": sol.greedy_value,
        "plan_gain": after - before,
        "year": result.year, "admin": result.meta.get("admin", "2019"),
        "messages": messages,
    }
    return Plan(table=table, units=units, summary=summary, analysis=result, messages=messages)


def _message(code: str, lang: str, t: Any) -> str:
    key, _, arg = code.partition(":")
    return t(f"plan_msg_{key}", lang).format(arg=arg)


def _tables(result: Analysis, p: Problem, chosen: list[tuple[int, float, Any]]
            ) -> tuple[pd.DataFrame, Any]:
    """Return the plan table and the per-commune ``plan`` layer."""
    import geopandas as gpd
    import numpy as np
    import pandas as pd

    c = result.communes
    names = c["name"].astype(str).to_numpy()
    served = p.served_before.copy()
    total = float(p.weight.sum())
    order = np.zeros(p.n, dtype=np.int64)
    served_by = np.array([""] * p.n, dtype=object)
    rows = []
    for k, (j, gain, new) in enumerate(chosen, start=1):
        served[new] = True
        order[j] = k
        served_by[new] = str(c["gso_code"].iloc[j])
        cum_w = float(p.weight[served].sum())
        rows.append({"order": k, "gso_code": str(c["gso_code"].iloc[j]), "name": names[j],
                     "district": str(c["district"].iloc[j]), "forced": bool(p.forced[j]),
                     "gain": round(gain, 6), "n_served": int(len(new)),
                     "serves": "; ".join(names[new]), "cum_served": int(served.sum()),
                     "cum_weight": round(cum_w, 6),
                     "cum_share": round(cum_w / total, 6) if total else None})
    table = pd.DataFrame(rows, columns=list(PLAN_COLUMNS))
    if len(table) and np.all(np.mod(p.weight, 1) == 0):  # counts, persons: whole numbers
        table["gain"] = table["gain"].round().astype("int64")
        table["cum_weight"] = table["cum_weight"].round().astype("int64")
    status = np.select(
        [~p.demand, order > 0, served & ~p.served_before, p.has_model, p.served_before],
        ["no_data", "chosen", "served_new", "has_model", "served_before"], "unserved")
    units = gpd.GeoDataFrame({
        "gso_code": c["gso_code"].astype(str).to_numpy(), "name": names,
        "district": c["district"].astype(str).to_numpy(), "weight": p.weight,
        "has_model": p.has_model, "served_before": p.served_before,
        "plan_order": order,  # 0: no new model
        "served_by": served_by.astype(str), "served_after": served, "plan_status": status,
    }, geometry=c.geometry.to_numpy(), crs=c.crs)
    return table, units
