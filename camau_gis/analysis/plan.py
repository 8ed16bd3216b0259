"""Where should the next models go? Maximal covering (MCLP) and set covering (LSCP).

A commune is *served* when it, or a unit within the service rule of it, has a
model. The rule is ``"adjacent"`` (the commune itself and the communes whose
polygons are within :data:`camau_gis.analysis.neighbours.TOLERANCE_M` of it,
the adjacency of :mod:`~camau_gis.analysis.neighbours`), or ``"distance"``:
within ``distance_km`` kilometres, measured centroid to centroid
(``distance_from="centroid"``) or polygon to polygon
(``distance_from="boundary"``), both in :data:`camau_gis.settings.metric_crs`.
Communes that already have a model serve themselves and the units within the
rule; the plan places new models in communes without one.

Two questions are answered:

* **MCLP** (``models=N``): choose ``N`` communes that maximise the served
  *need*, the sum of the demand weights of the communes they serve that are not
  served today.
* **LSCP** (``models=None``): the least number of new models so that every
  commune is served.

Both are solved exactly by CBC (bundled with PuLP) through PySAL's ``spopt``
(:class:`spopt.locate.MCLP`, :class:`spopt.locate.LSCP`). ``spopt`` builds its
constraint rows densely, one term per client × candidate (100 million terms
for the whole country, minutes in Python), so above :data:`SPOPT_MAX_CELLS`
cells the *same* formulation (same variables, objective and constraints) is
written with PuLP from the sparse coverage matrix and solved by the same CBC;
the tests check that both give the same optimum. The chosen set is then
ordered by marginal gain (:func:`order_by_gain`), and compared with the
greedy heuristic (:func:`greedy`), which the optimum never does worse than.

Imports of spopt, pulp and scipy happen inside the functions: ``import
camau_gis`` and ``build`` never load them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import settings
from ..errors import OptionError
from ..i18n import Msg

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

#: Service rules of :func:`service_matrix`.
RULES = ("adjacent", "distance")
#: How ``distance`` is measured.
DISTANCE_FROM = ("centroid", "boundary")
#: Largest client × candidate matrix handed to spopt's dense model builder;
#: larger problems are written sparsely with PuLP (same formulation).
SPOPT_MAX_CELLS = 40_000
#: Criterion-19 options: ignored, a weight multiplier, or a hard constraint.
C19_MODES = ("ignore", "weight", "require")


@dataclass
class Problem:
    """A covering problem on ``n`` communes (positions in the commune table).

    Attributes
    ----------
    cover : scipy.sparse.csr_matrix of bool, n × n
        ``cover[i, j]``: a model in commune ``j`` serves commune ``i`` (symmetric,
        diagonal set).
    weight : ndarray of float
        Demand weight of each commune (0: does not count).
    has_model : ndarray of bool
        Communes with a model today.
    candidate : ndarray of bool
        Communes where a new model may go (no model, not excluded).
    forced : ndarray of bool
        Communes that must get a new model.
    required : ndarray of bool
        Communes that must end up served (criterion-19 constraint).
    demand : ndarray of bool
        Communes that count at all (False: outside the register's coverage).
    """

    cover: Any
    weight: Any
    has_model: Any
    candidate: Any
    forced: Any
    required: Any
    demand: Any

    @property
    def n(self) -> int:
        """Number of communes."""
        return int(len(self.weight))

    def served_by(self, chosen: Any) -> Any:
        """Boolean array: communes served by the models of ``chosen`` (bool or positions)."""
        import numpy as np

        x = np.zeros(self.n, dtype=bool)
        idx = np.asarray(chosen)
        x[idx if idx.dtype == bool else idx.astype(np.int64)] = True
        return np.asarray(self.cover @ x.astype(np.int8)).ravel() > 0

    @property
    def served_before(self) -> Any:
        """Communes served by today's models."""
        import numpy as np

        return self.served_by(np.flatnonzero(self.has_model)) & self.demand

    @property
    def gaps(self) -> Any:
        """Communes that count and are not served today."""
        return self.demand & ~self.served_before


def service_matrix(communes: gpd.GeoDataFrame, *, rule: str = "adjacent",
                   distance_km: float | None = None, distance_from: str = "centroid",
                   tolerance_m: float | None = None, pairs: pd.DataFrame | None = None) -> Any:
    """Return the symmetric boolean n × n matrix "a model in ``j`` serves ``i``".

    Parameters
    ----------
    communes : GeoDataFrame
        Commune polygons (any CRS; distances in :data:`settings.metric_crs`).
    rule : {"adjacent", "distance"}
        Neighbours by shared border, or within ``distance_km``.
    distance_km : float
        Service radius for ``rule="distance"`` (kilometres, > 0).
    distance_from : {"centroid", "boundary"}
        Centroid-to-centroid or polygon-to-polygon distance.
    tolerance_m : float, optional
        Border tolerance of ``rule="adjacent"`` (default
        :data:`~camau_gis.analysis.neighbours.TOLERANCE_M`).
    pairs : DataFrame, optional
        The analysis' adjacency (``gso_a``, ``gso_b``; ``Analysis.extra["adjacency"]``),
        used for ``rule="adjacent"`` instead of computing it again when every
        code of ``communes`` is unique and present.
    """
    import numpy as np
    import shapely
    from scipy import sparse

    from . import neighbours as nb

    check_rule(rule, distance_km, distance_from)
    n = len(communes)
    if rule == "adjacent" and pairs is not None:  # the analysis' own adjacency (by code)
        pos = {c: i for i, c in enumerate(communes["gso_code"].astype(str))}
        a = pairs["gso_a"].astype(str).map(pos).to_numpy(dtype=np.int64)
        b = pairs["gso_b"].astype(str).map(pos).to_numpy(dtype=np.int64)
    elif rule == "adjacent":
        found = nb.adjacency(communes, tolerance_m=nb.TOLERANCE_M if tolerance_m is None
                             else float(tolerance_m), border=False)
        a, b = found["i"].to_numpy(dtype=np.int64), found["j"].to_numpy(dtype=np.int64)
    else:
        geoms = shapely.make_valid(np.asarray(
            communes.to_crs(settings.metric_crs).geometry.values, dtype=object))
        if distance_from == "centroid":
            geoms = shapely.centroid(geoms)
        tree = shapely.STRtree(geoms)
        radius = float(distance_km or 0) * 1000.0  # check_rule: > 0 here
        a, b = tree.query(geoms, predicate="dwithin", distance=radius)
        keep = a < b
        a, b = a[keep], b[keep]
    diag = np.arange(n)
    rows = np.concatenate([a, b, diag])
    cols = np.concatenate([b, a, diag])
    m = sparse.csr_matrix((np.ones(len(rows), dtype=bool), (rows, cols)), shape=(n, n))
    m.sum_duplicates()
    return m


def check_rule(rule: str, distance_km: float | None, distance_from: str) -> None:
    """Refuse an unknown service rule or a missing/invalid distance (OptionError)."""
    if rule not in RULES:
        raise OptionError(Msg("pl_service", rule=repr(rule), rules=", ".join(RULES)))
    if distance_from not in DISTANCE_FROM:
        raise OptionError(Msg("pl_distance_from", value=repr(distance_from)))
    if rule == "distance":
        if distance_km is None or not float(distance_km) > 0:
            raise OptionError(Msg("pl_distance_needed", value=repr(distance_km)))
    elif distance_km is not None:
        raise OptionError(Msg("pl_distance_unused"))


# ---------------------------------------------------------------- solving


def _reduce(p: Problem, clients: Any) -> tuple[Any, Any, Any]:
    """Return (client positions, candidate positions, client × candidate bool CSR)."""
    import numpy as np

    cl = np.flatnonzero(clients)
    sub = p.cover[cl]
    reach = np.asarray(sub.sum(axis=0)).ravel() > 0
    cand = np.flatnonzero((p.candidate & reach) | p.forced)
    return cl, cand, sub[:, cand].tocsr()


def _solver(time_limit: float | None) -> Any:
    """CBC as bundled with PuLP < 4 (no solver for the user to install)."""
    import warnings

    import pulp

    with warnings.catch_warnings():  # PuLP 3.3 announces 4.0's unbundling on each call
        warnings.simplefilter("ignore", DeprecationWarning)
        return pulp.PULP_CBC_CMD(msg=False, timeLimit=time_limit)


def _status(problem: Any) -> str:
    import pulp

    return str(pulp.LpStatus[problem.status])


def solve_mclp(p: Problem, budget: int, *, time_limit: float | None = None,
               engine: str = "auto") -> tuple[list[int], str]:
    """Return ``(positions of the new models, solver status)`` maximising served need.

    Exactly ``budget`` new models (forced ones included) are placed among the
    candidates; communes in ``p.required`` must end up served. ``engine``:
    ``"spopt"``, ``"pulp"`` (sparse, same formulation) or ``"auto"`` (spopt
    up to :data:`SPOPT_MAX_CELLS` cells).
    """
    import numpy as np

    w = np.where(p.gaps, p.weight, 0.0)
    clients = p.gaps & ((w > 0) | p.required)
    cl, cand, a = _reduce(p, clients)
    budget = min(int(budget), len(cand))
    forced = p.forced[cand]
    required = p.required[cl]
    weights = w[cl]
    use_spopt = engine == "spopt" or (engine == "auto"
                                      and len(cl) * len(cand) <= SPOPT_MAX_CELLS)
    if not len(cl) or not budget:
        return cand[forced].tolist(), "Optimal"
    if use_spopt:
        import pulp
        from spopt.locate import MCLP

        cost = np.where(a.toarray(), 0.0, 1.0)
        model = MCLP.from_cost_matrix(
            cost, weights, service_radius=0.5, p_facilities=budget,
            predefined_facilities_arr=forced.astype(int) if forced.any() else None,
            name="mclp")
        for i in np.flatnonzero(required):
            model.problem += model.cli_vars[i] == 1
        model.problem.solve(_solver(time_limit))
        picked = [j for j, v in enumerate(model.fac_vars) if (v.value() or 0) > 0.5]
        status = _status(model.problem)
        if model.problem.status != pulp.LpStatusOptimal:
            return cand[picked].tolist(), status
        return cand[picked].tolist(), status
    return _sparse_model(a, cand, weights, forced, required, budget, time_limit)


def _sparse_model(a: Any, cand: Any, weights: Any, forced: Any, required: Any,
                  budget: int | None, time_limit: float | None) -> tuple[list[int], str]:
    """Solve spopt's MCLP (``budget``) or LSCP (``None``) formulation written sparsely."""
    import warnings

    import numpy as np
    import pulp

    m = len(cand)
    with warnings.catch_warnings():  # PuLP 3.3: LpVariable(...) deprecated for 4.0
        warnings.simplefilter("ignore", DeprecationWarning)
        x = [pulp.LpVariable(f"x[{j}]", cat="Binary") for j in range(m)]
        y = ([] if budget is None else
             [pulp.LpVariable(f"y[{i}]", cat="Binary") for i in range(a.shape[0])])
    csc_rows = np.split(a.indices, a.indptr[1:-1])  # CSR: candidate columns of each client
    if budget is None:
        prob = pulp.LpProblem("lscp", pulp.LpMinimize)
        prob += pulp.lpSum(x)
        for cols in csc_rows:
            prob += pulp.lpSum(x[j] for j in cols) >= 1
    else:
        prob = pulp.LpProblem("mclp", pulp.LpMaximize)
        prob += pulp.lpSum(float(wi) * yi for wi, yi in zip(weights, y, strict=True))
        for i, cols in enumerate(csc_rows):
            prob += pulp.lpSum(x[j] for j in cols) >= y[i]
            if required[i]:
                prob += y[i] == 1
        prob += pulp.lpSum(x) == budget
    for j in np.flatnonzero(forced):
        prob += x[j] == 1
    prob.solve(_solver(time_limit))
    picked = [j for j in range(m) if (x[j].value() or 0) > 0.5]
    return cand[picked].tolist(), _status(prob)


def solve_lscp(p: Problem, clients: Any | None = None, *, time_limit: float | None = None,
               engine: str = "auto") -> tuple[list[int], str]:
    """Return ``(positions of the fewest new models serving every gap, solver status)``.

    ``clients`` (bool) restricts the communes that must be served (default:
    every gap). Status ``"Infeasible"`` when a client cannot be reached by any
    candidate (e.g. an excluded island).
    """
    import numpy as np

    clients = p.gaps if clients is None else (clients & p.gaps)
    cl, cand, a = _reduce(p, clients)
    forced = p.forced[cand]
    if not len(cl):
        return cand[forced].tolist(), "Optimal"
    if (np.diff(a.indptr) == 0).any():
        return [], "Infeasible"
    use_spopt = engine == "spopt" or (engine == "auto"
                                      and len(cl) * len(cand) <= SPOPT_MAX_CELLS)
    if use_spopt:
        from spopt.locate import LSCP

        cost = np.where(a.toarray(), 0.0, 1.0)
        model = LSCP.from_cost_matrix(
            cost, service_radius=0.5,
            predefined_facilities_arr=forced.astype(int) if forced.any() else None)
        model.problem.solve(_solver(time_limit))
        picked = [j for j, v in enumerate(model.fac_vars) if (v.value() or 0) > 0.5]
        return cand[picked].tolist(), _status(model.problem)
    return _sparse_model(a, cand, None, forced, None, None, time_limit)


def greedy(p: Problem, budget: int | None) -> list[int]:
    """Greedy marginal gain: repeatedly add the candidate serving the most unserved need.

    Forced communes come first. With ``budget=None`` it runs until every gap
    is served or nothing more can be gained (equal weights then count
    communes, so it also gives an upper bound for LSCP). Ties go to the
    lower position.
    """
    import numpy as np

    w = np.where(p.gaps, p.weight, 0.0)
    if budget is None:
        w = np.where(p.gaps, np.maximum(w, 1e-9), 0.0)  # every gap counts, weight or not
    served = np.zeros(p.n, dtype=bool)
    chosen: list[int] = []
    for f in np.flatnonzero(p.forced):
        chosen.append(int(f))
        served |= p.served_by([int(f)])
    cover = p.cover.tocsc()
    cand = np.flatnonzero(p.candidate & ~p.forced)
    limit = p.n if budget is None else int(budget)
    while len(chosen) < limit and len(cand):
        left = np.where(served, 0.0, w)
        gains = np.asarray(cover[:, cand].T @ left).ravel()
        k = int(np.argmax(gains))
        if gains[k] <= 0:
            break
        pick = int(cand[k])
        chosen.append(pick)
        served |= p.served_by([pick])
        cand = np.delete(cand, k)
    return chosen


def order_by_gain(p: Problem, chosen: list[int]) -> list[tuple[int, float, Any]]:
    """Order ``chosen`` by marginal gain (forced first); return ``(position, gain, newly served)``.

    Ties of gain are broken by position, so the order is deterministic.
    """
    import numpy as np

    w = np.where(p.gaps, p.weight, 0.0)
    served = p.served_before.copy()
    cover = p.cover.tocsc()  # column j: the communes a model in j serves (symmetric matrix)

    def reach(j: int) -> Any:
        return cover.indices[cover.indptr[j]:cover.indptr[j + 1]]

    rest = [j for j in chosen if not p.forced[j]]
    out: list[tuple[int, float, Any]] = []
    for j in [j for j in chosen if p.forced[j]]:
        r = reach(j)
        new = np.sort(r[~served[r] & p.demand[r]])
        out.append((j, float(w[new].sum()), new))
        served[new] = True
    while rest:
        news = [(r := reach(j))[~served[r] & p.demand[r]] for j in rest]
        gains = [float(w[nw].sum()) for nw in news]
        k = max(range(len(rest)), key=lambda i: (gains[i], len(news[i]), -rest[i]))
        out.append((rest[k], gains[k], np.sort(news[k])))
        served[news[k]] = True
        rest.pop(k)
    return out


def objective(p: Problem, chosen: list[int]) -> float:
    """Newly served need of ``chosen`` (the MCLP objective)."""
    import numpy as np

    new = p.served_by(chosen) & p.gaps if len(chosen) else np.zeros(p.n, dtype=bool)
    return float(np.where(new, p.weight, 0.0).sum())


@dataclass
class PlanSolution:
    """What :func:`solve` found (positions refer to the problem's communes)."""

    chosen: list[tuple[int, float, Any]]
    kind: str
    status: str
    budget: int | None
    minimum: int | None
    greedy_value: float | None
    messages: list[str] = field(default_factory=list)


def solve(p: Problem, budget: int | None, *, time_limit: float | None = None,
          engine: str = "auto", names: Any = None) -> PlanSolution:
    """Solve MCLP (``budget``) or LSCP (``None``) on ``p``, with the degenerate cases handled.

    Raises
    ------
    OptionError
        The budget is negative or smaller than the forced communes; the
        criterion-19 constraint needs more models than the budget; or some
        gap cannot be served by any allowed commune (LSCP).
    """
    import numpy as np

    label = (lambda i: str(names[i])) if names is not None else str  # noqa: E731
    msgs: list[str] = []
    n_forced = int(p.forced.sum())
    if budget is not None:
        if int(budget) < 1:
            raise OptionError(Msg("pl_models", budget=budget))
        if n_forced > int(budget):
            raise OptionError(Msg("pl_force_budget", n=n_forced, budget=budget))
    if not p.gaps.any():
        msgs.append("no_gaps")
        ordered = order_by_gain(p, np.flatnonzero(p.forced).tolist())
        return PlanSolution(ordered, "none", "Optimal", budget, 0, 0.0, msgs)
    if budget is not None and p.gaps.sum() > LSCP_ALWAYS_GAPS and int(budget) < packing_bound(p):
        # the budget cannot serve every gap: skip the (large) set-covering solve
        return _mclp_solution(p, int(budget), None, msgs, time_limit, engine)
    lscp, status = solve_lscp(p, time_limit=time_limit, engine=engine)
    minimum = len(lscp) if status == "Optimal" else None
    if status != "Optimal":
        cl, _, a = _reduce(p, p.gaps)
        stuck = [label(cl[i]) for i in np.flatnonzero(np.diff(a.indptr) == 0)]
        if budget is None:
            raise OptionError(Msg("pl_unservable", names=", ".join(stuck[:10]) or "?"))
        msgs.append("unreachable:" + "; ".join(stuck[:10]))
    if budget is None:
        return PlanSolution(order_by_gain(p, lscp), "lscp", status, None, minimum,
                            None, msgs)
    if p.required.any():
        req, st = solve_lscp(p, p.required, time_limit=time_limit, engine=engine)
        if st != "Optimal" or len(req) > int(budget):
            need = (Msg("pl_need_at_least", n=len(req)) if st == "Optimal"
                    else Msg("pl_need_any"))
            raise OptionError(Msg("pl_c19_require", need=need, budget=budget))
    if minimum is not None and int(budget) >= minimum:
        msgs.append(f"budget_exceeds:{minimum}")
        return PlanSolution(order_by_gain(p, lscp), "lscp", status, int(budget), minimum,
                            objective(p, greedy(p, budget)), msgs)
    return _mclp_solution(p, int(budget), minimum, msgs, time_limit, engine)


def _mclp_solution(p: Problem, budget: int, minimum: int | None, msgs: list[str],
                   time_limit: float | None, engine: str) -> PlanSolution:
    """Solve the MCLP and keep the greedy set if the solver (time limit) did worse."""
    greedy_set = greedy(p, budget)
    g_value = objective(p, greedy_set)
    chosen, status = solve_mclp(p, budget, time_limit=time_limit, engine=engine)
    if objective(p, chosen) < g_value - 1e-9:  # a time limit hit: never worse than greedy
        msgs.append("greedy_better")
        chosen = greedy_set
    return PlanSolution(order_by_gain(p, chosen), "mclp", status, budget, minimum,
                        g_value, msgs)


#: Up to this many gaps the LSCP minimum is always solved (and reported) with a budget.
LSCP_ALWAYS_GAPS = 500


def packing_bound(p: Problem) -> int:
    """Lower bound on the LSCP minimum: gaps whose possible servers are pairwise disjoint.

    Each such gap needs a model of its own (greedy packing, smallest sets first).
    """
    import numpy as np

    cl, cand, a = _reduce(p, p.gaps)
    sizes = np.diff(a.indptr)
    used = np.zeros(a.shape[1], dtype=bool)
    count = 0
    for i in np.argsort(sizes, kind="stable"):
        cols = a.indices[a.indptr[i]:a.indptr[i + 1]]
        if len(cols) and not used[cols].any():
            used[cols] = True
            count += 1
    return count
