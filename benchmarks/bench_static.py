"""Time the four Cà Mau static maps at 300 dpi A4 against a plain ``gdf.plot()`` + savefig.

Usage (from the project root, ``../shared/data`` present)::

    python -m benchmarks.bench_static            # 3 repeats, median
    python -m benchmarks.bench_static --repeats 5 --dpi 300 --page A4-landscape
    python -m benchmarks.bench_static --documents   # also the atlas and the reports, once

Prints a Markdown table: per map the median time of ``plot_map`` (layout,
classification, label placement) and of ``save_figure`` (PNG), the total of
the four maps (the issue's target: under 10 s), and the ratio to a baseline
measured in the same run: ``GeoDataFrame.plot(column="n_models")`` plus
``savefig`` on the same page size and dpi (no labels, legend or furniture).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHP = ROOT.parent / "shared" / "data" / "boundaries" / "ca_mau_2019" / "ca_mau_communes.shp"
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


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--page", default="A4-landscape")
    parser.add_argument("--documents", action="store_true", help="also time the atlas and reports")
    args = parser.parse_args(argv)
    if not SHP.exists():
        print(f"skipped: {SHP} not found (../shared/data is absent)")
        return 0
    import matplotlib

    matplotlib.use("Agg")
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
