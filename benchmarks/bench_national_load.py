"""Benchmark: load the national commune layer and select one province (target < 5 s).

Run ``python benchmarks/bench_national_load.py [PATH] [--repeat N]``. Each
timing runs in a fresh interpreter (imports and reference tables included,
as a user pays them), against a same-run baseline: a plain
``geopandas.read_file`` of the same layer. Prints a table; exits 1 if the
median of "load + select" exceeds the target.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

DEFAULT = (
    Path(__file__).resolve().parents[1].parent
    / "shared"
    / "data"
    / "boundaries"
    / "vietnam_admin_2008.gpkg"
)
TARGET_S = 5.0

CASES = {
    "baseline gpd.read_file": (
        "import geopandas as gpd\n"
        "g = gpd.read_file({path!r}, layer='communes', engine='pyogrio')\n"
        "n = len(g)"
    ),
    "read_polygons (decode + CRS)": (
        "from camau_gis.io.boundaries import read_polygons\n"
        "n = len(read_polygons({path!r}, layer='communes'))"
    ),
    "load + select Cà Mau": (
        "import warnings\n"
        "from camau_gis.boundaries import load_communes\n"
        "warnings.simplefilter('ignore')\n"
        "n = len(load_communes({path!r}, province='Cà Mau'))"
    ),
    "load + select Hà Nội": (
        "import warnings\n"
        "from camau_gis.boundaries import load_communes\n"
        "warnings.simplefilter('ignore')\n"
        "n = len(load_communes({path!r}, province='Hà Nội'))"
    ),
    "load all 63 provinces": (
        "import warnings\n"
        "from camau_gis.boundaries import load_communes\n"
        "warnings.simplefilter('ignore')\n"
        "n = len(load_communes({path!r}, province='*'))"
    ),
}

_WRAPPER = "import time\nt0 = time.perf_counter()\n{body}\nprint(time.perf_counter() - t0, n)\n"


def _run(body: str) -> tuple[float, int]:
    out = subprocess.run(
        [sys.executable, "-c", _WRAPPER.format(body=body)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return float(out[-2]), int(out[-1])


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a table; return 1 if over target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    if not args.path.exists():
        print(f"{args.path}: not found (needs ../shared/data)", file=sys.stderr)
        return 2
    rows = []
    for name, body in CASES.items():
        times, n = [], 0
        for _ in range(args.repeat):
            t, n = _run(body.format(path=str(args.path)))
            times.append(t)
        rows.append((name, statistics.median(times), min(times), n))
    base = rows[0][1]
    print(f"{'case':32} {'median s':>9} {'min s':>7} {'rows':>7} {'x baseline':>11}")
    for name, med, low, n in rows:
        print(f"{name:32} {med:9.2f} {low:7.2f} {n:7d} {med / base:11.1f}")
    worst = max(r[1] for r in rows if r[0].startswith("load + select"))
    print(f"target: load + select < {TARGET_S:.0f} s -> {'OK' if worst < TARGET_S else 'TOO SLOW'}")
    return 0 if worst < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
