"""Time the static maps at 300 dpi A4 against a plain ``gdf.plot()`` + savefig, in one process.

Usage (from the project root, ``../shared/data`` present)::

    python -m benchmarks.bench_static            # Cà Mau, four maps, 3 repeats, median
    python -m benchmarks.bench_static --repeats 5 --dpi 300 --page A4-landscape
    python -m benchmarks.bench_static --documents   # also the atlas and the reports, once
    python -m benchmarks.bench_static --scale national --repeats 7

Cà Mau: prints a Markdown table: per map the median time of ``plot_map``
(layout, classification, label placement) and of ``save_figure`` (PNG), the
total of the four maps (the issue's target: under 10 s), and the ratio to a
baseline measured in the same run: ``GeoDataFrame.plot(column="n_models")``
plus ``savefig`` on the same page size and dpi (no labels, legend or furniture).

``--scale mekong`` or ``national`` (issue 9: the national PNG in at most 50%
of the baseline's time): the coverage map against the baseline of
``benchmarks.worker`` (``plt.subplots`` + ``gdf.plot(column="n_models",
legend=True)`` + ``savefig``), the two alternated so machine load hits both
alike; wall and CPU time, min and median, their ratios, and the first map's
time with the boundary file's layer cache cold and warm.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from .scales import SHARED_DATA  # ../shared/data, or CAMAU_GIS_SHARED_DATA

SHP = SHARED_DATA / "boundaries" / "ca_mau_2019" / "ca_mau_communes.shp"
KINDS = ("coverage", "c19", "priority", "models")


def _analysis():
    from camau_gis.pipeline import run_analysis

    return run_analysis(boundaries=SHP)


def _baseline(result, out: Path, page: str, dpi: int) -> float:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from camau_gis.render.static import page_size

    started = time.perf_counter()
    fig = Figure(figsize=page_size(page))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    result.communes.plot(column="n_models", ax=ax, legend=True)
    fig.savefig(out / "baseline.png", dpi=dpi)
    return time.perf_counter() - started


def _stats(values: list[float]) -> tuple[float, float]:
    return min(values), statistics.median(values)


def _scale_run(scale: str, repeats: int, page: str, dpi: int) -> int:
    """Coverage map of a large scale vs the worker's baseline, alternated; print a table."""
    import shutil

    import matplotlib.pyplot as plt

    from camau_gis import settings
    from camau_gis.render import static

    from . import scales

    result, kind = scales.analysis(scale)
    gdf = result.communes
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        settings.shapefiles_dir = out / "shapefiles"  # a cold layer cache, then a warm one
        settings.derived_cache_dir = out / "shapefiles" / "cache"
        first = {}
        for state in ("cold", "warm"):
            static._layer_cache.clear()
            t0 = time.perf_counter()
            fig, _ = static.plot_map(result, "coverage", page=page)
            static.save_figure(fig, out / "first.png", dpi=dpi)
            first[state] = time.perf_counter() - t0
        files = sorted(p.name for p in (out / "shapefiles" / "cache").glob("*.npz"))

        def ours() -> None:
            fig, _ = static.plot_map(result, "coverage", lang="vi", page=page)
            static.save_figure(fig, out / "ours.png", dpi=dpi)
            plt.close(fig)

        def baseline() -> None:
            fig, ax = plt.subplots(figsize=static.page_size(page))
            gdf.plot(column="n_models", ax=ax, legend=True)
            fig.savefig(out / "baseline.png", dpi=dpi)
            plt.close(fig)

        baseline()  # warm both
        ours()
        wall: dict[str, list[float]] = {"ours": [], "baseline": []}
        cpu: dict[str, list[float]] = {"ours": [], "baseline": []}
        for _ in range(repeats):
            for name, run in (("baseline", baseline), ("ours", ours)):
                w, c = time.perf_counter(), time.process_time()
                run()
                wall[name].append(time.perf_counter() - w)
                cpu[name].append(time.process_time() - c)
        sizes = {n: (out / f"{n}.png").stat().st_size for n in ("ours", "baseline")}
        shutil.rmtree(out / "shapefiles", ignore_errors=True)
    print(f"# Static coverage map, {scale} ({len(gdf):,} units, register {kind}), "
          f"{page} at {dpi} dpi, {repeats} alternated repeats\n")
    print("| step | wall min s | wall median s | CPU min s | CPU median s | PNG KB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, label in (("baseline", "baseline: gdf.plot() + savefig"),
                        ("ours", "ours: plot_map + save_figure")):
        (wm, wd), (cm, cd) = _stats(wall[name]), _stats(cpu[name])
        print(f"| {label} | {wm:.3f} | {wd:.3f} | {cm:.3f} | {cd:.3f} | {sizes[name] // 1024} |")
    ratios = [
        _stats(wall["ours"])[i] / _stats(wall["baseline"])[i] for i in (0, 1)
    ] + [_stats(cpu["ours"])[i] / _stats(cpu["baseline"])[i] for i in (0, 1)]
    print(f"| **ratio ours / baseline** | **{ratios[0]:.0%}** | {ratios[1]:.0%} | "
          f"{ratios[2]:.0%} | {ratios[3]:.0%} | |")
    print(f"\nfirst map of a process: {first['cold']:.2f} s with the layer cache cold "
          f"(computes and writes {', '.join(files) or 'nothing'}), "
          f"{first['warm']:.2f} s warm (cache read, then drawn)")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--page", default="A4-landscape")
    parser.add_argument("--documents", action="store_true", help="also time the atlas and reports")
    parser.add_argument("--scale", choices=("ca_mau", "mekong", "national"), default="ca_mau",
                        help="ca_mau: the four maps; mekong/national: the coverage map vs baseline")
    args = parser.parse_args(argv)
    if not SHP.exists():
        print(f"skipped: {SHP} not found (../shared/data is absent)")
        return 0
    import matplotlib

    matplotlib.use("Agg")
    if args.scale != "ca_mau":
        return _scale_run(args.scale, args.repeats, args.page, args.dpi)
    cold = time.perf_counter()
    from camau_gis.render.static import plot_map, save_figure

    result = _analysis()
    analysis_s = time.perf_counter() - cold
    plot_s: dict[str, list[float]] = {k: [] for k in KINDS}
    save_s: dict[str, list[float]] = {k: [] for k in KINDS}
    base_s: list[float] = []
    first_total = None
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for rep in range(args.repeats):
            total = 0.0
            for kind in KINDS:
                t0 = time.perf_counter()
                fig, _ = plot_map(result, kind, page=args.page)
                t1 = time.perf_counter()
                save_figure(fig, out / f"{kind}.png", dpi=args.dpi)
                t2 = time.perf_counter()
                plot_s[kind].append(t1 - t0)
                save_s[kind].append(t2 - t1)
                total += t2 - t0
            if rep == 0:
                first_total = total
            base_s.append(_baseline(result, out, args.page, args.dpi))
        extras = {}
        if args.documents:
            from camau_gis.render.atlas import write_atlas
            from camau_gis.report import write_report

            t0 = time.perf_counter()
            write_atlas(result, out / "atlas", dpi=200)
            extras["district atlas (PDF + 9 PNG at 200 dpi), once"] = time.perf_counter() - t0
            t0 = time.perf_counter()
            maps = {k: out / f"{k}.png" for k in KINDS}
            write_report(result, out / "report", maps=maps)
            extras["report.docx + report.html (maps given), once"] = time.perf_counter() - t0
    base = statistics.median(base_s)
    rows = []
    for kind in KINDS:
        p, s = statistics.median(plot_s[kind]), statistics.median(save_s[kind])
        rows.append((kind, p, s, p + s, (p + s) / base))
    total = sum(r[3] for r in rows)
    print(
        f"# Static maps, Cà Mau, {args.page} at {args.dpi} dpi "
        f"(median of {args.repeats}; analysis + imports {analysis_s:.2f} s)\n"
    )
    print("| map | plot_map s | save_figure s | total s | × baseline |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for kind, p, s, t, ratio in rows:
        print(f"| {kind} | {p:.2f} | {s:.2f} | {t:.2f} | {ratio:.1f} |")
    print(f"| **four maps** | | | **{total:.2f}** | {total / base:.1f} |")
    print(f"| baseline gdf.plot()+savefig | | | {base:.2f} | 1.0 |")
    print(
        f"\nfirst (cold) run of the four maps: {first_total:.2f} s; target < 10 s: "
        f"{'met' if total < 10 else 'NOT met'} (median)"
    )
    for label, seconds in extras.items():
        print(f"{label}: {seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
