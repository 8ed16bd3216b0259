"""End-to-end job at a scale without a register: what ``camau-gis build`` does, synthetic register.

``camau-gis build`` reads one province and the project's register; the
Mekong and national scales have neither, so this script runs the same stages
(:func:`camau_gis.pipeline.build`) on the scale's canonical table and the
synthetic register of :func:`benchmarks.scales.synthetic_matched`::

    python -m benchmarks.job SCALE OUT_DIR

It prints ``RESULT {json}`` with the seconds of each stage; a stage that does
not import yet is reported as unavailable and the later stages that need it
are skipped.
"""

from __future__ import annotations

import json
import os
import sys
import time
import warnings
from pathlib import Path


def run_job(scale: str, out: Path) -> dict:
    """Run the stages in order; return ``{"stages": {name: seconds | "unavailable…"}}``."""
    warnings.simplefilter("ignore")
    stages: dict[str, object] = {}
    out.mkdir(parents=True, exist_ok=True)

    def stage(name, fn):
        t0 = time.perf_counter()
        try:
            value = fn()
        except ModuleNotFoundError as exc:
            stages[name] = f"unavailable: {exc.name}"
            return None
        except Exception as exc:  # reported in the table, the next stages are skipped
            stages[name] = f"error: {type(exc).__name__}: {exc}"[:300]
            return None
        stages[name] = round(time.perf_counter() - t0, 3)
        return value

    from camau_gis import settings

    from . import scales

    settings.shapefiles_dir = Path(os.environ.get("BENCH_SHAPEFILES_DIR") or out / "shapefiles")
    settings.derived_cache_dir = settings.shapefiles_dir / "cache"
    communes = stage("load_communes", lambda: scales.canonical(scale))
    matched = stage("register", lambda: scales.synthetic_matched(communes))

    def analyse():
        from camau_gis.analysis import analyze

        return analyze(communes, matched)

    result = stage("analyze", analyse)
    if result is None:
        return {"stages": stages, "complete": False}

    def tables():
        from camau_gis.export.tables import write_tables

        return write_tables(result, out)

    def html():
        from camau_gis.render.html import build_map, save_map

        return save_map(build_map(result, lang="vi", online=False, scheme="NaturalBreaks"),
                        out / "coverage_map.html")

    def png():
        import matplotlib

        matplotlib.use("Agg")
        from camau_gis.render.static import plot_map, save_figure

        fig, _ = plot_map(result, "coverage", lang="vi", page="A4-landscape")
        return save_figure(fig, out / "coverage_map.png", dpi=300)

    done = [stage("tables", tables), stage("html", html), stage("png", png)]
    return {"stages": stages, "complete": all(d is not None for d in done)}


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point.

    Runs as the ``camau-gis`` command does (:mod:`camau_gis.cli`): the
    collector's thresholds of a command while the job runs, and ``gc.freeze``
    before exiting (no last full collection over the objects the job made).
    """
    import gc

    from camau_gis.cli import GC_THRESHOLDS

    argv = sys.argv[1:] if argv is None else argv
    scale, out = argv[0], Path(argv[1])
    gc.set_threshold(*GC_THRESHOLDS)
    print("RESULT " + json.dumps(run_job(scale, out)), flush=True)
    gc.freeze()
    return 0


if __name__ == "__main__":
    sys.exit(main())
