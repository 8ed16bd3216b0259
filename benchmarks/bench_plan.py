"""Time ``plan`` (MCLP with a budget, and the LSCP minimum) at Cà Mau, Mekong and national scale.

Usage (from the project root, ``../shared/data`` present)::

    python -m benchmarks.bench_plan                      # all three scales, N = 5 / 30 / 100
    python -m benchmarks.bench_plan --scale national --models 100 --repeats 3

Per scale the canonical commune table (:func:`benchmarks.scales.canonical`,
not timed) gets a synthetic coverage: one commune in eight has a model (in
GSO-code order, so covered communes cluster the way codes do), which leaves
many communes unserved under the adjacency rule. Timed, in one process:

* ``matrix``: the service matrix (adjacency with the 100 m tolerance);
* ``plan``: :func:`camau_gis.analysis.planning.make_plan` with ``--models N``
  (service matrix, LSCP minimum, greedy, MCLP, ordering, tables);
* ``lscp``: ``make_plan`` without a budget;
* ``greedy``: the greedy heuristic alone on the same problem: the baseline of
  the ratio column (exact optimum vs the heuristic a planner might code by hand).

Prints a Markdown table (median of ``--repeats``) and writes it with the raw
numbers to ``benchmarks/results/plan-<UTC>.json`` and ``latest-plan.md``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
import warnings
from pathlib import Path
from typing import Any

from .scales import canonical

RESULTS = Path(__file__).resolve().parent / "results"
BUDGETS = {"ca_mau": 5, "mekong": 30, "national": 100}


def _analysis(scale: str) -> Any:
    import pandas as pd

    from camau_gis.analysis.result import Analysis

    c = canonical(scale).reset_index(drop=True)
    order = c["gso_code"].astype(str).rank(method="first").astype(int).to_numpy()
    c["covered"] = order % 8 == 0
    c["c19_status"] = "no_data"
    return Analysis(communes=c, models=pd.DataFrame(), c19=pd.DataFrame(),
                    uncovered=pd.DataFrame(), districts=pd.DataFrame(),
                    match_report=pd.DataFrame(), summary={}, meta={"tolerance_m": 100.0})


def _time(fn: Any, repeats: int) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), out


def run(scale: str, models: int, repeats: int) -> dict[str, Any]:
    """Time one scale; return the row of the table."""
    import sys

    from camau_gis.analysis import plan as pl
    from camau_gis.analysis.planning import build_problem, make_plan

    def say(what: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {scale}: {what}", file=sys.stderr, flush=True)

    say("canonical table (not timed)")
    result = _analysis(scale)
    say(f"{len(result.communes)} units; warm-up")
    make_plan(result, 1)  # warm-up: imports of spopt/pulp, CBC's first start
    t_matrix, _ = _time(lambda: pl.service_matrix(result.communes), repeats)
    p = build_problem(result)
    t_greedy, greedy = _time(lambda: pl.greedy(p, models), repeats)
    say("plan N")
    t_plan, plan = _time(lambda: make_plan(result, models), repeats)
    say("LSCP")
    t_lscp, lscp = _time(lambda: make_plan(result, None), repeats)
    say("done")
    return {
        "scale": scale, "units": len(result.communes), "gaps": int(p.gaps.sum()),
        "models": models, "matrix_s": t_matrix, "plan_s": t_plan, "lscp_s": t_lscp,
        "greedy_s": t_greedy, "plan_vs_greedy": t_plan / t_greedy if t_greedy else None,
        "served_gain_plan": plan.summary["plan_gain"],
        "served_gain_greedy": pl.objective(p, greedy),
        "lscp_minimum": lscp.summary["minimum_full"], "status": plan.summary["status"],
        "repeats": repeats,
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print/write its table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", choices=list(BUDGETS), action="append")
    ap.add_argument("--models", type=int, default=None, help="budget N (default per scale)")
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args(argv)
    rows = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for scale in args.scale or list(BUDGETS):
            rows.append(run(scale, args.models or BUDGETS[scale], args.repeats))
    head = ("| scale | units | gaps | N | service matrix (s) | plan N (s) | LSCP (s) | "
            "greedy (s) | plan / greedy | gain plan / greedy | LSCP minimum |")
    lines = [head, "|" + "---|" * 11]
    for r in rows:
        lines.append(
            f"| {r['scale']} | {r['units']:,} | {r['gaps']:,} | {r['models']} | "
            f"{r['matrix_s']:.2f} | {r['plan_s']:.2f} | {r['lscp_s']:.2f} | "
            f"{r['greedy_s']:.2f} | {r['plan_vs_greedy']:.1f}x | "
            f"{r['served_gain_plan']:.0f} / {r['served_gain_greedy']:.0f} | "
            f"{r['lscp_minimum']} |")
    table = "\n".join(lines)
    print(table)
    RESULTS.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%MZ", time.gmtime())
    (RESULTS / f"plan-{stamp}.json").write_text(json.dumps(rows, indent=2) + "\n")
    (RESULTS / "latest-plan.md").write_text(
        "Command: `python -m benchmarks.bench_plan`\n\n" + table + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
