"""The PNG map drawn in a forked child (``camau_gis._background``): same file, same errors."""

from __future__ import annotations

import os
import time
import warnings

import pytest

from camau_gis import _background, _progress
from camau_gis._background import background, can_fork
from camau_gis.errors import OutputError

needs_fork = pytest.mark.skipif(not can_fork(), reason="no os.fork or one core: runs in-process")


def glyph_warning() -> int:
    """A job: warn as matplotlib does; say its process."""
    warnings.warn("Glyph 7913 missing from font(s) DejaVu Sans.", UserWarning, stacklevel=1)
    return os.getpid()


def failing() -> None:
    raise OutputError("x.png: cannot write it, the disk is full (injected)")


@needs_fork
def test_the_job_runs_in_a_child_and_brings_back_its_value_and_warnings():
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        with background() as bg:
            bg.start(glyph_warning)
            assert bg._pid is not None
            child = bg.result()
    assert child != os.getpid()
    assert [str(w.message) for w in seen] == ["Glyph 7913 missing from font(s) DejaVu Sans."]


@needs_fork
def test_the_childs_error_is_raised_in_the_parent_with_its_class():
    with pytest.raises(OutputError, match="disk is full"), background() as bg:
        bg.start(failing)
        bg.result()


@needs_fork
def test_a_failing_parent_kills_the_child():
    started = time.perf_counter()
    with pytest.raises(ZeroDivisionError), background() as bg:
        bg.start(time.sleep, 60)
        pid = bg._pid
        _ = 1 / 0
    assert time.perf_counter() - started < 20
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped already


@needs_fork
def test_the_child_starts_with_the_parents_state():
    state = {"analysis": "in memory only"}  # a closure: nothing is pickled on the way there
    with background() as bg:
        bg.start(lambda: (os.getpid(), state["analysis"]))
        pid, seen = bg.result()
    assert pid != os.getpid() and seen == "in memory only"


def test_parallel_off_runs_in_the_process(monkeypatch):
    monkeypatch.setenv("CAMAU_GIS_PARALLEL", "0")
    assert not can_fork()
    with background() as bg:
        bg.start(os.getpid)
        assert bg.result() == os.getpid()
    monkeypatch.setenv("CAMAU_GIS_PARALLEL", "1")
    monkeypatch.setenv("CAMAU_GIS_FAULT", "write:1=SIGKILL")  # its signal must hit the command
    assert not can_fork()


def test_a_job_never_asked_for_is_an_error():
    with pytest.raises(RuntimeError, match="never asked"), background() as bg:
        bg.start(os.getpid)
    with background():  # never started (the analysis failed before): ended quietly
        pass


@needs_fork
def test_build_writes_the_same_png_in_a_child(ca_mau_shp, tmp_path, monkeypatch):
    from PIL import Image, ImageChops

    from camau_gis.pipeline import build

    child = build(tmp_path / "par", boundaries=ca_mau_shp, dpi=60)
    monkeypatch.setenv("CAMAU_GIS_PARALLEL", "0")
    # drawn again, not copied from the PNG cache (render.png_cache)
    monkeypatch.setattr("camau_gis.render.png_cache.restore", lambda key, path: False)
    same = build(tmp_path / "seq", boundaries=ca_mau_shp, dpi=60)
    assert list(child) == list(same)  # same outputs, in the same order
    with Image.open(child["coverage_map.png"]) as a, Image.open(same["coverage_map.png"]) as b:
        assert a.size == b.size and ImageChops.difference(a.convert("RGB"),
                                                          b.convert("RGB")).getbbox() is None
    assert _background.can_fork() is False


def test_meanwhile_work_runs_once_inside_its_block_and_never_raises():
    ran = []

    def ready() -> None:
        ran.append("ready")

    def broken() -> None:
        raise ImportError("matplotlib: the stage that needs it raises this, in its place")

    with _background.meanwhile(broken, ready):
        _background.run_meanwhile()
        _background.run_meanwhile()  # each piece of work at most once
    assert ran == ["ready"]
    with _background.meanwhile(ready):
        pass  # never asked for: dropped with the block
    _background.run_meanwhile()
    assert ran == ["ready"]


@needs_fork
def test_a_first_parse_runs_in_a_child_while_the_parent_prepares(raw_dir, tmp_path,
                                                                  monkeypatch):
    """A first run parses communes.rda in a child; the parent builds the GSO tables meanwhile."""
    from geopandas.testing import assert_geodataframe_equal

    from camau_gis import boundaries, settings
    from camau_gis.io import vietnam63

    monkeypatch.setattr(settings, "derived_cache_dir", tmp_path / "derived")  # nothing parsed
    from camau_gis.normalize import gso

    gso._tables.cache_clear()
    pids = tmp_path / "pids"
    real_parse = vietnam63.parse_rda

    def parse(path, **kwargs):
        with open(pids, "a", encoding="utf-8") as fh:
            fh.write(f"parse {os.getpid()}\n")
        return real_parse(path, **kwargs)

    def work() -> None:
        with open(pids, "a", encoding="utf-8") as fh:
            fh.write(f"meanwhile {os.getpid()}\n")

    class Steps:
        started: list[str] = []

        def start(self, name: str, detail: str) -> None:
            self.started.append(name)

        def stop(self, name: str, seconds: float) -> None:
            pass

        def note(self, name: str, **values: object) -> None:
            pass

    monkeypatch.setattr(vietnam63, "parse_rda", parse)
    previous = _progress.set_listener(Steps())
    try:
        with _background.meanwhile(work):
            national = boundaries._national_table(raw_dir / "communes.rda")
    finally:
        _progress.set_listener(previous)
    assert Steps.started == ["parse"]  # shown once, by the parent
    roles = dict(line.split() for line in pids.read_text(encoding="utf-8").splitlines())
    assert roles["meanwhile"] == str(os.getpid()) != roles["parse"]
    # the child stored the table (the next run reads it) and the parent the GSO tables
    assert vietnam63.cached_rda(raw_dir / "communes.rda") is not None
    assert list((tmp_path / "derived").glob("gso_reference_*.frame.parquet"))
    assert len(national) == 11163
    assert_geodataframe_equal(national, real_parse(raw_dir / "communes.rda"))
    gso._tables.cache_clear()
