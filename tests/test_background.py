"""The PNG map drawn in a forked child (``camau_gis._background``): same file, same errors."""

from __future__ import annotations

import os
import time
import warnings

import pytest

from camau_gis import _background
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
