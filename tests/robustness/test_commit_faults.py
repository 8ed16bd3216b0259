"""Fault injection in the final move: SIGINT, SIGTERM and SIGKILL at every phase of the commit.

Two real builds are made once (module fixtures): **A**, Vietnamese, year
2019 with a 2018/2019 comparison (so it has ``year_comparison.*``, which a
later build must remove), and **B**, English, year 2017 (fewer models). Every
file of A but the (empty) match report differs from its namesake in B, so a
folder mixing the two is seen.

Each case copies A into a folder, then runs a separate process that commits
B's files into it (:mod:`_committer`: the same ``staging``/``atomic_path``/
``commit`` calls that end ``pipeline.build``) with the test hook
``CAMAU_GIS_FAULT=PHASE[:K]=SIGNAL``, which makes the process signal itself
at that phase: while files are written to the staging folder, after the lock
is taken, after the journal is written, after each rename, after the stale
files are removed, after the journal is removed. Then:

* SIGINT/SIGTERM: exit 130/143 and the folder is *exactly* A (signal before
  the journal) or *exactly* B (after it: the commit is completed first); no
  staging folder, lock or journal;
* SIGKILL: before the journal the folder's outputs are exactly A; from the
  journal on, the next command (:func:`camau_gis._atomic.recover`) completes
  the commit, saying so, and the folder is exactly B;
* in every case, the next normal run (A again) leaves exactly A, nothing else.

"Exactly" means the listing and the SHA-256 of every file, hidden ones
included, equal those of the template. The CLI tests at the end run the real
``analyze``/``build`` commands and check that tables, GeoPackage, HTML and
``summary.json`` agree with each other.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from camau_gis._commit import JOURNAL_NAME

COMMITTER = Path(__file__).with_name("_committer.py")
DPI = 40


@pytest.fixture(scope="module")
def templates(robust_inputs, tmp_path_factory, robust):
    """Builds A (vi, 2019, --compare 2018 2019) and B (en, 2017): folder and tree state of each."""
    from camau_gis import pipeline

    base = tmp_path_factory.mktemp("commit_templates")
    runs = {"A": dict(lang="vi", year=2019, compare=(2018, 2019)),
            "B": dict(lang="en", year=2017, compare=None)}
    out = {}
    with robust.isolated_settings(base):
        for key, opts in runs.items():
            folder = base / key
            pipeline.build(folder, dpi=DPI, boundaries=robust_inputs["shp"],
                           register=robust_inputs["models"], c19=robust_inputs["c19"], **opts)
            out[key] = (folder, robust.tree_state(folder))
    a, b = out["A"][1], out["B"][1]
    assert {"year_comparison.csv", "year_comparison.xlsx"} <= a.keys() - b.keys()
    same = {name for name in a.keys() & b.keys() if a[name] == b[name]}
    assert same <= {"match_report.csv"}  # any mix would show (an empty report is the same)
    return out


def _phases(n_files: int) -> list[str]:
    return ["write:0", f"write:{n_files // 2}", "commit", "journal",
            *(f"rename:{k}" for k in range(n_files)), "prune", "done"]


#: Most files B may commit (its outputs and its manifest: 10 today): one rename case each.
#: Cases past B's real count check that the hook then never fires (a normal commit); if
#: builds ever write more files, raise this number (test_the_phase_list_covers_every_rename).
N_FILES = 12


def _after_journal(phase: str) -> bool:
    return not phase.startswith(("write", "commit"))


def _commit(template: Path, out: Path, fault: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CAMAU_GIS_FAULT"}
    if fault:
        env["CAMAU_GIS_FAULT"] = fault
    return subprocess.run([sys.executable, str(COMMITTER), str(template), str(out)],
                          capture_output=True, text=True, env=env, timeout=120)


def test_the_phase_list_covers_every_rename(templates):
    """B commits at most N_FILES files (its outputs and manifest): a rename case for each."""
    assert len(templates["B"][1]) <= N_FILES, "raise N_FILES: builds write more files now"


@pytest.mark.parametrize("phase", _phases(N_FILES))
@pytest.mark.parametrize("sig", ["SIGINT", "SIGTERM", "SIGKILL"])
def test_a_signal_at_any_phase_leaves_one_complete_run(templates, tmp_path, robust, sig, phase):
    (a_dir, a_state), (b_dir, b_state) = templates["A"], templates["B"]
    out = tmp_path / "out"
    shutil.copytree(a_dir, out)

    proc = _commit(b_dir, out, f"{phase}={sig}")

    signum = getattr(signal, sig)
    assert "Traceback" not in proc.stderr
    if phase.startswith("rename:") and int(phase[7:]) >= len(b_state):  # no such rename
        assert proc.returncode == 0, proc.stderr
        assert robust.tree_state(out) == b_state
        return
    expected = b_state if _after_journal(phase) else a_state
    if sig != "SIGKILL":
        assert proc.returncode == 128 + signum, proc.stderr
        assert robust.tree_state(out) == expected  # exactly one run, nothing else
    else:
        assert proc.returncode == -signum, proc.stderr
        state = robust.tree_state(out)
        left = {k for k in state if k.startswith((".camau-gis-staging-", ".camau-gis.lock",
                                                  JOURNAL_NAME))}
        if not _after_journal(phase) or phase == "done":  # the folder is already one run
            assert {k: v for k, v in state.items() if k not in left} == expected
        else:
            assert JOURNAL_NAME in state  # the half-done commit is recorded
            from camau_gis._atomic import recover

            with pytest.warns(UserWarning, match="lần chạy trước bị ngắt giữa chừng: đã hoàn tất"):
                assert recover(out) is True
            state = robust.tree_state(out)
            assert {k: v for k, v in state.items()
                    if not k.startswith(".camau-gis-staging-")} == b_state

    nxt = _commit(a_dir, out)  # the next normal run
    assert nxt.returncode == 0, nxt.stderr
    assert robust.tree_state(out) == a_state
    assert robust.leftovers(out) == []


def test_a_bad_fault_value_is_an_option_error(monkeypatch):
    from camau_gis import settings
    from camau_gis.errors import OptionError

    monkeypatch.setenv("CAMAU_GIS_FAULT", "rename:x=SIGNOPE")
    with pytest.raises(OptionError, match="CAMAU_GIS_FAULT"):
        settings.fault_injection()


# -- the real commands -------------------------------------------------------------------


def signature(folder: Path) -> dict[str, object]:
    """What each output says about its run: language and commune-level models, per file."""
    import pandas as pd
    import pyogrio

    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    gpkg = pyogrio.read_dataframe(folder / "communes.gpkg", layer="communes",
                                  read_geometry=False)
    dist = pd.read_csv(folder / "district_summary.csv", encoding="utf-8-sig")
    uncovered = (folder / "uncovered_communes.csv").read_text(encoding="utf-8-sig")
    sig: dict[str, object] = {
        "summary.json": (summary["lang"], summary["province"]["models_commune_level"]),
        "communes.gpkg": int(gpkg["n_models"].sum()),
        "district_summary.csv": ("vi" if dist.columns[0] == "Mã huyện" else "en",
                                 int(dist.iloc[-1, 7])),
        "uncovered_communes.csv": "vi" if "Mã đơn vị" in uncovered.splitlines()[0] else "en",
    }
    html = folder / "coverage_map.html"
    if html.exists():
        text = html.read_text(encoding="utf-8")
        sig["coverage_map.html"] = ("vi" if "Số mô hình mỗi xã" in text else
                                    "en" if "Models per commune" in text else "?")
    return sig


def assert_one_run(folder: Path, lang: str, robust) -> None:
    sig = signature(folder)
    models = sig["communes.gpkg"]
    assert sig["summary.json"] == (lang, models)
    assert sig["district_summary.csv"] == (lang, models)
    assert sig["uncovered_communes.csv"] == lang
    assert sig.get("coverage_map.html", lang) == lang
    assert robust.leftovers(folder) == [".camau-gis-analyze.json"] or \
        robust.leftovers(folder) == []


@pytest.fixture
def quick_cli(camau_analysis, monkeypatch, robust_inputs):
    """Run the CLI in this process on the session's analysis (the writing is under test)."""
    from camau_gis import pipeline
    from camau_gis.cli import main

    monkeypatch.setattr(pipeline, "run_analysis", lambda **_: copy.deepcopy(camau_analysis))

    def run(*args: str, fault: str | None = None) -> int:
        if fault:
            monkeypatch.setenv("CAMAU_GIS_FAULT", fault)
        else:
            monkeypatch.delenv("CAMAU_GIS_FAULT", raising=False)
        return main([*args, "--boundaries", str(robust_inputs["shp"]),
                     "--register", str(robust_inputs["models"])])

    return run


@pytest.mark.parametrize(("sig", "phase", "code"), [
    ("SIGINT", "rename:3", 130),
    ("SIGTERM", "rename:1", 143),
    ("SIGHUP", "write:2", 129),
])
def test_build_interrupted_exits_128_plus_signal_with_one_run(quick_cli, templates, tmp_path,
                                                             capsys, robust, sig, phase, code):
    """``camau-gis build`` over build A: before the journal A stays exactly, after it the new run."""
    a_dir, a_state = templates["A"]
    out = tmp_path / "out"
    shutil.copytree(a_dir, out)
    assert quick_cli("build", "--out", str(out), "--dpi", str(DPI), "--lang", "en",
                     fault=f"{phase}={sig}") == code
    err = capsys.readouterr().err
    assert "Traceback" not in err and sig in err
    if _after_journal(phase):
        assert_one_run(out, "en", robust)
        assert "year_comparison.csv" not in os.listdir(out)  # A's extra table went with A
    else:
        assert robust.tree_state(out) == a_state


def test_analyze_killed_mid_commit_is_completed_by_the_next_command(quick_cli, tmp_path, capsys,
                                                                     robust_inputs, robust):
    """A real ``camau-gis analyze`` process is SIGKILLed after its 3rd rename; the next one finishes it."""
    out = tmp_path / "out"
    assert quick_cli("analyze", "--out", str(out), "--lang", "vi") == 0
    env = {**os.environ, "CAMAU_GIS_FAULT": "rename:2=SIGKILL"}
    proc = subprocess.run(
        [sys.executable, "-m", "camau_gis", "analyze", "--out", str(out), "--lang", "en",
         "--boundaries", str(robust_inputs["shp"]), "--register", str(robust_inputs["models"])],
        capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert (out / JOURNAL_NAME).exists()
    capsys.readouterr()
    assert quick_cli("analyze", "--out", str(out), "--lang", "vi") == 0  # the next command
    err = capsys.readouterr().err
    assert "lần chạy trước bị ngắt giữa chừng: đã hoàn tất" in err
    assert_one_run(out, "vi", robust)
