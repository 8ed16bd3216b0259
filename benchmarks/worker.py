"""Run one measurement (task × scale) in this process and print its result as JSON.

Called by :mod:`benchmarks.run` as a subprocess, one per measurement, so that
peak memory (``ru_maxrss``) and the cold first call belong to that task alone::

    python -m benchmarks.worker TASK SCALE --repeats 3 --workdir DIR [--profile]

The last line of stdout is ``RESULT {json}``. Status is ``ok``, ``unavailable``
(a camau-gis stage does not import yet) or ``error``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import statistics
import sys
import time
import traceback
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

A4_LANDSCAPE_IN = (11.69, 8.27)


class Unavailable(Exception):
    """A camau-gis stage this task needs does not exist yet."""


def _need(module: str, *names: str) -> Any:
    """Import ``names`` from ``module`` or raise :class:`Unavailable`."""
    import importlib

    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and (exc.name == module or module.startswith(exc.name + ".")):
            raise Unavailable(f"{module} not available yet") from exc
        raise
    if not names:
        return mod
    try:
        objs = [getattr(mod, n) for n in names]
    except AttributeError as exc:
        raise Unavailable(f"{module}: {exc}") from exc
    return objs[0] if len(objs) == 1 else objs


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def html_facts(path: Path) -> dict:
    """Bytes raw/gzip of an HTML page, external scripts and embedded layers."""
    import re

    from .geometry import feature_layers

    data = path.read_bytes()
    text = data.decode("utf-8")
    links = re.findall(r'<(?:script|link)[^>]+(?:src|href)="(https?://[^"]+)"', text)
    external = sorted(set(links))
    payload = None
    try:  # the project's reader decodes its compact encoding too
        from camau_gis.render.html import read_payload

        payload = read_payload(text)
    except (ImportError, ValueError, AttributeError):
        pass
    communes = (payload or {}).get("communes")
    if isinstance(communes, dict) and "features" in communes:
        layers = [communes["features"]]
    else:
        layers = feature_layers(text)
    facts = {
        "bytes": len(data),
        "gzip_bytes": len(gzip.compress(data, 6)),
        "self_contained": not external,
        "external": external,
        "layers": [len(f) for f in layers],
    }
    if layers:
        import shapely

        shapes = [shapely.geometry.shape(f["geometry"]) for f in layers[0] if f.get("geometry")]
        facts["coverage_valid"] = bool(shapely.coverage_is_valid(shapes))
        facts["vertices"] = int(shapely.get_num_coordinates(shapes).sum())
    if payload is not None:
        facts["themes"] = [t.get("id", t.get("name")) for t in payload.get("themes", [])]
        facts["overlays"] = [o.get("id", o.get("name")) for o in payload.get("overlays", [])]
        facts["canvas"] = payload.get("options", {}).get("canvas")
    return facts


# ----------------------------------------------------------------------------- context


class Context:
    """Inputs of a scale, built lazily and once per process."""

    def __init__(self, scale: str, workdir: Path) -> None:
        self.scale = scale
        self.workdir = workdir
        self._cache: dict[str, Any] = {}

    def get(self, key: str, make: Callable[[], Any]) -> Any:
        """Return ``make()``, computed once."""
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def communes(self):
        """Canonical commune table of the scale."""
        from . import scales

        return self.get("communes", lambda: scales.canonical(self.scale))

    def analysis(self):
        """Analysis of the scale (see :func:`benchmarks.scales.analysis`)."""
        def make():
            from . import scales

            _need("camau_gis.analysis.coverage", "analyze")
            result, kind = scales.analysis(self.scale, self.communes())
            self._cache["register_kind"] = kind
            return result

        return self.get("analysis", make)

    def plain_layer(self):
        """Return the table the baselines get: the analysis' communes (or canonical + a count)."""
        def make():
            try:
                return self.analysis().communes
            except Exception:  # noqa: BLE001 - baselines must not depend on our analysis
                gdf = self.communes().copy()
                gdf["n_models"] = [i % 3 for i in range(len(gdf))]
                return gdf

        return self.get("plain", make)


# ----------------------------------------------------------------------------- tasks
# Each task takes the context, does its untimed setup and returns the timed callable.


def _read(engine: str, arrow: bool):
    def task(ctx: Context):
        from . import scales

        def run():
            gdf = scales.read_raw(ctx.scale, engine=engine, use_arrow=arrow)
            return {"features": len(gdf)}

        return run

    return task


def t_load_communes(ctx: Context):
    """Time the canonical commune table of the scale."""
    from . import scales

    def run():
        gdf = scales.canonical(ctx.scale)
        return {"features": len(gdf), **gdf.attrs}

    return run


def t_analyze(ctx: Context):
    """Time ``analyze`` on the scale's communes and register."""
    from . import scales

    _need("camau_gis.analysis.coverage", "analyze")
    communes = ctx.communes()
    ctx.analysis()

    def run():
        result, kind = scales.analysis(ctx.scale, communes)
        return {"features": len(result.communes), "register": kind}

    return run


def t_explore(ctx: Context):
    """Time the baseline ``GeoDataFrame.explore()`` + ``Map.save``."""
    gdf = ctx.plain_layer()
    _need("folium", "Map")
    out = ctx.workdir / f"explore_{ctx.scale}.html"

    def run():
        m = gdf.explore(column="n_models")
        m.save(out)
        return {"path": str(out)}

    return run


def t_html(ctx: Context):
    """Time ``build_map`` + ``save_map`` (self-contained page)."""
    build_map, save_map = _need("camau_gis.render.html", "build_map", "save_map")
    result = ctx.analysis()
    out = ctx.workdir / f"ours_{ctx.scale}.html"

    def run():
        m = build_map(result, lang="vi", online=False, scheme="NaturalBreaks")
        save_map(m, out)
        return {"path": str(out)}

    return run


def t_plot(ctx: Context):
    """Time the baseline ``gdf.plot()`` + ``savefig`` (A4 landscape, 300 dpi)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    gdf = ctx.plain_layer()
    out = ctx.workdir / f"plot_{ctx.scale}.png"

    def run():
        fig, ax = plt.subplots(figsize=A4_LANDSCAPE_IN)
        gdf.plot(column="n_models", ax=ax, legend=True)
        fig.savefig(out, dpi=300)
        plt.close(fig)
        return {"bytes": out.stat().st_size}

    return run


def t_static(ctx: Context):
    """Time ``plot_map`` + ``save_figure`` (A4 landscape, 300 dpi)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plot_map, save_figure = _need("camau_gis.render.static", "plot_map", "save_figure")
    result = ctx.analysis()
    out = ctx.workdir / f"static_{ctx.scale}.png"

    def run():
        fig, _ = plot_map(result, "coverage", lang="vi", page="A4-landscape")
        save_figure(fig, out, dpi=300)
        plt.close(fig)
        return {"bytes": out.stat().st_size}

    return run


def t_coverage_clean(ctx: Context):
    """First build of a boundary file: coverage cleaning + simplification, cache write and hit.

    Uses the project's :func:`camau_gis.render._geometry.display_coverage`
    (cold: a new cache folder per call) when it exists, else the reference
    :func:`benchmarks.geometry.clean_and_simplify`. The last call's cache is
    copied to the run's shared boundary cache, so later tasks start warm.
    Coverage statistics are computed after the timing.
    """
    import inspect
    import shutil

    import shapely

    from . import geometry

    if not hasattr(shapely, "coverage_clean"):
        raise Unavailable(f"shapely {shapely.__version__} has no coverage_clean "
                          "(needs 2.1 with GEOS 3.14)")
    # the geometry build_map sees (the analysis' row order), so the cache written here is hit
    geoms = ctx.plain_layer().geometry.values
    try:
        geo = _need("camau_gis.render._geometry")
    except Unavailable:
        geo = None
    calls = iter(range(10**6))

    def run():
        extra: dict[str, Any] = {}
        if geo is not None:
            cache = ctx.workdir / f"coverage_cache_{ctx.scale}_{next(calls)}"
            # the arguments build_map uses (max_zoom 14), so later steps hit this cache
            kw: dict[str, Any] = {"tolerance": geo.tolerance_for_zoom(14), "cache_dir": cache}
            if "decimals" in inspect.signature(geo.display_coverage).parameters:
                kw["decimals"] = geo.decimals_for_zoom(14)
            simplified = geo.display_coverage(geoms, **kw)
            t0 = time.perf_counter()
            geo.display_coverage(geoms, **kw)
            tol = kw["tolerance"]
            extra.update(function="camau_gis.render._geometry.display_coverage",
                         tolerance=tol, cached_s=round(time.perf_counter() - t0, 4))
            from camau_gis import settings

            shared = settings.derived_dir()
            shared.mkdir(parents=True, exist_ok=True)
            for f in cache.iterdir():
                shutil.copy2(f, shared / f.name)
        else:
            _, simplified = geometry.clean_and_simplify(geoms)
            extra["function"] = "benchmarks.geometry.clean_and_simplify (reference)"
        extra["_post"] = lambda: {"simplified": geometry.coverage_stats(simplified),
                                  "before": geometry.coverage_stats(geoms)}
        return extra

    return run


TASKS: dict[str, Callable[[Context], Callable[[], dict]]] = {
    "read_fiona": _read("fiona", False),
    "read_pyogrio": _read("pyogrio", False),
    "read_arrow": _read("pyogrio", True),
    "load_communes": t_load_communes,
    "analyze": t_analyze,
    "explore": t_explore,
    "html": t_html,
    "plot": t_plot,
    "static": t_static,
    "coverage_clean": t_coverage_clean,
}


def measure(task: str, scale: str, repeats: int, workdir: Path, profile: bool = False,
            budget: float | None = None) -> dict:
    """Set the task up, time a cold first call, then ``repeats`` warm calls.

    When the first call takes longer than ``budget`` seconds the repeats are
    skipped (``repeats_skipped`` in the result) and it is the only sample.
    """
    out: dict[str, Any] = {"task": task, "scale": scale, "status": "ok"}
    workdir.mkdir(parents=True, exist_ok=True)
    ctx = Context(scale, workdir)
    # One boundary cache per scale and run, filled by the coverage_clean task
    # (the first build of the boundary file, measured there); later tasks are warm.
    from camau_gis import settings

    settings.shapefiles_dir = workdir / f"shapefiles_{scale}"
    settings.derived_cache_dir = workdir / f"shapefiles_{scale}" / "cache"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            t0 = time.perf_counter()
            run = TASKS[task](ctx)
            out["setup_s"] = round(time.perf_counter() - t0, 3)
            out["rss_setup_mb"] = round(_rss_mb(), 1)
            t0 = time.perf_counter()
            extra = run() or {}
            out["first_s"] = round(time.perf_counter() - t0, 4)
            times = []
            if profile:
                out["profile"] = _profile(run)
            # the HTML and static steps' first call may fill the boundary cache (static: the
            # locator outline, once per boundary file), the canonical table's fills the
            # per-file cache: their warm time is the target
            if budget is not None and out["first_s"] > budget and repeats and task not in (
                    "html", "static", "load_communes"):
                out["repeats_skipped"] = repeats
                repeats = 0
            for _ in range(repeats):
                t0 = time.perf_counter()
                extra = run() or {}
                times.append(time.perf_counter() - t0)
    except Unavailable as exc:
        return {**out, "status": "unavailable", "reason": str(exc)}
    except Exception as exc:  # reported, not raised: the table shows it
        tb = traceback.format_exc(limit=-3)
        return {**out, "status": "error", "reason": f"{type(exc).__name__}: {exc}"[:500],
                "traceback": tb[-2000:]}
    times = times or [out["first_s"]]
    out.update(times=[round(t, 4) for t in times], min_s=round(min(times), 4),
               median_s=round(statistics.median(times), 4), peak_rss_mb=round(_rss_mb(), 1))
    if "register_kind" in ctx._cache:
        out["register"] = ctx._cache["register_kind"]
    if "path" in extra:
        extra.update(html_facts(Path(extra["path"])))
    post = extra.pop("_post", None)
    if post is not None:
        extra.update(post())
    out["extra"] = extra
    return out


def _profile(run: Callable[[], Any], top: int = 30) -> str:
    """CProfile one call; the ``top`` functions by cumulative time, as text."""
    import cProfile
    import io
    import pstats

    prof = cProfile.Profile()
    prof.enable()
    run()
    prof.disable()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(top)
    text = buf.getvalue()
    root = str(Path(__file__).resolve().parent.parent)
    return text.replace(root + "/", "").replace(sys.prefix + "/", "")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point of the worker."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("task", choices=sorted(TASKS))
    parser.add_argument("scale")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--budget", type=float,
                        help="Skip repeats after a first call this slow (s).")
    args = parser.parse_args(argv)
    result = measure(args.task, args.scale, args.repeats, args.workdir, args.profile, args.budget)
    print("RESULT " + json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
