"""Compare the shipped example's outputs built by two source trees, file by file.

Used to show that a restructuring changed no output: run it with the tree before
the change as ``--ref`` (e.g. a ``git worktree`` of the previous commit) and this
checkout as ``--new``::

    git worktree add /tmp/ref HEAD~1
    python scripts/compare_outputs.py --ref /tmp/ref --new .

Each tree is run in its own processes (``PYTHONPATH`` pointing at it) with the same
local mirror of the boundary data, into its own scratch folder. Files whose bytes are
reproducible (SVG, PDF, PNG, CSV, JSON apart from run-specific keys) are compared
byte for byte; the GeoPackage layer by layer (attributes and geometry), the XLSX
cell by cell, the HTML by its embedded data. Exit status 0 when everything agrees.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

#: The commands whose outputs are compared (the README's main job, all static maps, the report).
COMMANDS: tuple[tuple[str, ...], ...] = (
    ("build", "--out", "{out}/build"),
    ("maps", "--format", "png,svg,pdf", "--atlas", "--out", "{out}/maps"),
    ("build", "--admin", "2025", "--out", "{out}/build2025"),
)

#: summary.json keys that name the run rather than its content (paths, times).
RUN_KEYS = {"generated", "generated_at", "run", "inputs", "paths"}

#: Absolute paths of the two source trees, replaced by ``<tree>`` before comparing text:
#: the example register's path (``_file`` columns, sources) names the tree it ships in.
TREES: list[str] = []


def _norm(value: object) -> object:
    if isinstance(value, str):
        for tree in TREES:
            value = value.replace(tree, "<tree>")
        return value
    if isinstance(value, list):
        return [_norm(v) for v in value]
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in value.items()}
    return value


def _run(tree: Path, work: Path, data_url: str) -> Path:
    out = work / "out"
    env = {**os.environ, "PYTHONPATH": str(tree), "CAMAU_GIS_DATA_URL": data_url,
           "SOURCE_DATE_EPOCH": "1700000000"}
    for command in COMMANDS:
        args = [a.format(out=out) for a in command]
        done = subprocess.run([sys.executable, "-m", "camau_gis", *args], cwd=work, env=env,
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"{tree}: camau-gis {' '.join(args)} failed "
                             f"({done.returncode}):\n{done.stderr[-2000:]}")
    return out


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _same_gpkg(a: Path, b: Path) -> str | None:
    import pyogrio

    layers_a = [name for name, _ in pyogrio.list_layers(a)]
    layers_b = [name for name, _ in pyogrio.list_layers(b)]
    if layers_a != layers_b:
        return f"layers {layers_a} != {layers_b}"
    for layer in layers_a:
        fa, fb = pyogrio.read_dataframe(a, layer=layer), pyogrio.read_dataframe(b, layer=layer)
        if list(fa.columns) != list(fb.columns) or len(fa) != len(fb):
            return f"layer {layer}: columns/rows differ"
        spatial = "geometry" in fa.columns  # layer_styles is a table without geometry
        drop = [c for c in ("geometry", "update_time") if c in fa.columns]  # the write's time
        attrs_a = fa.drop(columns=drop).map(_norm)
        attrs_b = fb.drop(columns=drop).map(_norm)
        if not attrs_a.equals(attrs_b):
            return f"layer {layer}: attributes differ"
        if spatial and not fa.geometry.geom_equals_exact(fb.geometry, tolerance=0).all():
            return f"layer {layer}: geometry differs"
    return None


def _same_xlsx(a: Path, b: Path) -> str | None:
    import openpyxl

    wa, wb = openpyxl.load_workbook(a), openpyxl.load_workbook(b)
    if wa.sheetnames != wb.sheetnames:
        return f"sheets {wa.sheetnames} != {wb.sheetnames}"
    for name in wa.sheetnames:
        va = [[_norm(c) for c in row] for row in wa[name].iter_rows(values_only=True)]
        vb = [[_norm(c) for c in row] for row in wb[name].iter_rows(values_only=True)]
        if va != vb:
            return f"sheet {name!r}: cells differ"
    return None


def _same_json(a: Path, b: Path) -> str | None:
    ja, jb = json.loads(a.read_text("utf-8")), json.loads(b.read_text("utf-8"))
    if a.name == ".camau-gis-build.json":  # the build's manifest: which files, not where or when
        return None if _files(ja) == _files(jb) else "manifest lists other files"
    for key in RUN_KEYS:
        ja.pop(key, None)
        jb.pop(key, None)
    return None if _norm(ja) == _norm(jb) else "content differs"


def _files(manifest: object) -> list[str]:
    """File names a build manifest lists (wherever they are named in it)."""
    found: list[str] = []
    if isinstance(manifest, dict):
        for value in manifest.values():
            found += _files(value)
    elif isinstance(manifest, list):
        for value in manifest:
            found += _files(value)
    elif isinstance(manifest, str) and "." in manifest:
        found.append(Path(manifest).name)
    return sorted(set(found))


def _same_html(a: Path, b: Path) -> str | None:
    import re

    def data(p: Path) -> list[str]:
        text = p.read_text("utf-8")
        return re.findall(r"<script[^>]*type=\"application/json\"[^>]*>(.*?)</script>", text, re.S)

    return None if data(a) == data(b) else "embedded data differs"


def compare(ref: Path, new: Path) -> list[tuple[str, str]]:
    """Return ``(relative path, verdict)`` for every file of either output folder."""
    files = sorted({p.relative_to(ref) for p in ref.rglob("*") if p.is_file()}
                   | {p.relative_to(new) for p in new.rglob("*") if p.is_file()})
    rows = []
    for rel in files:
        a, b = ref / rel, new / rel
        if not a.exists() or not b.exists():
            rows.append((str(rel), "only in " + ("new" if b.exists() else "ref")))
            continue
        if _digest(a) == _digest(b):
            rows.append((str(rel), "identical"))
            continue
        checker = {".gpkg": _same_gpkg, ".xlsx": _same_xlsx, ".json": _same_json,
                   ".html": _same_html}.get(a.suffix)
        problem = checker(a, b) if checker else "bytes differ"
        rows.append((str(rel), "same content" if problem is None else f"DIFFERENT: {problem}"))
    return rows


def main(argv: list[str] | None = None) -> int:
    """Build with both trees, compare, print one line per file; 0 when all agree."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", type=Path, required=True, help="source tree before the change")
    parser.add_argument("--new", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--data-url", default=None,
                        help="local mirror of the vietnam63 files (default ../shared/data/raw)")
    args = parser.parse_args(argv)
    new = args.new.resolve()
    data_url = args.data_url or str(new.parent / "shared" / "data" / "raw")
    with tempfile.TemporaryDirectory() as tmp:
        outs = []
        TREES.extend(str(t) for t in (args.ref.resolve(), new))
        for name, tree in (("ref", args.ref.resolve()), ("new", new)):
            work = Path(tmp) / name
            work.mkdir()
            outs.append(_run(tree, work, data_url))
        rows = compare(*outs)
    width = max(len(r[0]) for r in rows)
    for rel, verdict in rows:
        print(f"{rel:<{width}}  {verdict}")
    bad = [r for r in rows if r[1] not in ("identical", "same content")]
    print(f"{len(rows)} files: {len(rows) - len(bad)} agree, {len(bad)} differ")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
