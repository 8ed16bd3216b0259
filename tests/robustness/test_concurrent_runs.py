"""Two runs writing into one output folder at once leave one complete run's set, not a mix.

Two processes build the same analysis, one in Vietnamese and one in English,
into the same folder, released together once their libraries are loaded.
Each keeps a copy of exactly what it was about to publish (its staging
folder), waits for the other to be ready to publish too, and its moves into
place are slowed down by random delays so that, without the lock, the two runs' moves would
interleave. Afterwards the folder must equal one
run's copy byte for byte, with nothing else in it.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import subprocess
import sys
import textwrap
import time

CHILD = textwrap.dedent(
    """
    import os, pickle, random, shutil, sys, time
    from pathlib import Path

    out, lang, snap, ready, go, analysis, base = sys.argv[1:]
    from camau_gis import _atomic, pipeline, settings

    settings.cache_dir = Path(base) / "cache"
    settings.shapefiles_dir = Path(base) / "shapefiles"
    with open(analysis, "rb") as f:
        result = pickle.load(f)
    pipeline.run_analysis = lambda **_: result

    real_commit = _atomic.commit
    def commit(stage, out_dir, **kwargs):
        shutil.copytree(stage, snap)  # keep what this run publishes
        Path(f"{go}.{lang}").touch()  # then wait for the other run: both move at once
        deadline = time.monotonic() + 60
        while len(list(Path(go).parent.glob(Path(go).name + ".*"))) < 2 and time.monotonic() < deadline:
            time.sleep(0.005)
        return real_commit(stage, out_dir, **kwargs)
    _atomic.commit = commit

    real_replace = os.replace
    def replace(src, dst, *args, **kwargs):  # slow, uneven moves: without a lock, runs interleave
        if _atomic.is_staging(src) and not _atomic.is_staging(dst):
            time.sleep(random.uniform(0.0, 0.1))
        return real_replace(src, dst, *args, **kwargs)
    os.replace = replace

    import camau_gis.export.tables, camau_gis.render.html, camau_gis.render.static  # noqa
    Path(ready).touch()
    while not Path(go).exists():
        time.sleep(0.005)
    pipeline.build(out, lang=lang, dpi=40)
    """
)


def _lang_of(folder) -> set[str]:
    """Languages the outputs themselves declare (summary.json, HTML map, CSV header)."""
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))["lang"]
    html = re.findall(r'"lang":"(vi|en)"', (folder / "coverage_map.html").read_text(encoding="utf-8"))
    header = (folder / "uncovered_communes.csv").read_text(encoding="utf-8-sig").split(",", 1)[0]
    return {summary, *html, "vi" if header == "Thứ tự ưu tiên" else "en"}


def test_two_builds_at_once_leave_one_complete_run(camau_analysis, tmp_path, robust):
    analysis = tmp_path / "analysis.pkl"
    analysis.write_bytes(pickle.dumps(camau_analysis))
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    out, go = tmp_path / "out", tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    procs = {}
    for lang in ("vi", "en"):
        argv = [sys.executable, str(script), str(out), lang, str(tmp_path / f"snap_{lang}"),
                str(tmp_path / f"ready_{lang}"), str(go), str(analysis), str(tmp_path / lang)]
        procs[lang] = subprocess.Popen(argv, env=env, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not all((tmp_path / f"ready_{lang}").exists() for lang in procs):
            for lang, proc in procs.items():
                assert proc.poll() is None, f"{lang} run failed:\n{proc.communicate()[1]}"
            assert time.monotonic() < deadline, "child processes did not start"
            time.sleep(0.01)
        go.touch()
        errors = {lang: proc.communicate(timeout=120)[1] for lang, proc in procs.items()}
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
    for lang, proc in procs.items():
        assert proc.returncode == 0, f"{lang} run failed:\n{errors[lang]}"

    state = robust.tree_state(out)
    snaps = {lang: robust.tree_state(tmp_path / f"snap_{lang}") for lang in procs}
    assert snaps["vi"].keys() == snaps["en"].keys()  # both runs publish the same file names
    winner = [lang for lang, snap in snaps.items() if snap == state]
    assert winner, {lang: robust.tree_diff(snap, state) for lang, snap in snaps.items()}
    assert _lang_of(out) == set(winner)
    assert robust.leftovers(out) == []  # no staging folder, temp file or lock file
