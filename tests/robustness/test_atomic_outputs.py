"""Atomic outputs: a run that fails half-way leaves the previous outputs byte for byte.

``build`` runs once (Vietnamese); each test copies that folder and reruns in
English with a failure injected while a file is written. Had any new file
reached the folder, its bytes (English headers, ``"lang": "en"``) would differ.
"""

from __future__ import annotations

import copy
import errno
import json
import os
import shutil
from pathlib import Path

import pytest

from camau_gis._atomic import STAGING_PREFIX, is_staging
from camau_gis.errors import OutputError

DPI = 40


@pytest.fixture
def quick_build(camau_analysis, monkeypatch):
    """``build`` on the session's analysis (the writing is under test, not the analysis)."""
    from camau_gis import pipeline

    monkeypatch.setattr(pipeline, "run_analysis", lambda **_: copy.deepcopy(camau_analysis))
    return lambda out, lang="vi": pipeline.build(out, lang=lang, dpi=DPI)


@pytest.fixture(scope="module")
def previous(camau_analysis, tmp_path_factory, robust):
    """A complete Vietnamese build: the outputs a failed run must not touch."""
    from camau_gis import pipeline

    out = tmp_path_factory.mktemp("previous") / "out"
    with pytest.MonkeyPatch.context() as mp, robust.isolated_settings(out.parent):
        mp.setattr(pipeline, "run_analysis", lambda **_: copy.deepcopy(camau_analysis))
        pipeline.build(out, lang="vi", dpi=DPI)
    return out


@pytest.fixture
def out(previous, tmp_path, robust):
    """A copy of the previous outputs, and its state (hashes and listing)."""
    folder = tmp_path / "out"
    shutil.copytree(previous, folder)
    return folder, robust.tree_state(folder)


def test_a_successful_rerun_replaces_every_file_and_leaves_nothing_else(out, quick_build, robust):
    """The control: an English rerun changes the files (so the failure tests below can fail).

    It also removes what the previous build wrote and this one does not (listed in
    the build's manifest with the hash it still has), and nothing else: not a
    user's file, not a file the manifest lists with another hash (a hand-edited
    manifest), not a path the manifest names outside the folder.
    """
    import hashlib

    from camau_gis.pipeline import BUILD_MANIFEST

    folder, _ = out
    manifest = folder / BUILD_MANIFEST
    data = json.loads(manifest.read_text(encoding="utf-8"))
    listed = list(data["files"])
    outside = folder.parent / "outside.csv"
    for path in (folder / "year_comparison.csv", folder / "notes.txt", folder / "mine.csv",
                 outside):
        path.write_text("keep?", encoding="utf-8")
    digest = hashlib.sha256(b"keep?").hexdigest()
    data["files"] += ["year_comparison.csv", "mine.csv", "../outside.csv"]
    data["sha256"].update({"year_comparison.csv": digest, "../outside.csv": digest,
                           "mine.csv": "0" * 64})  # listed by hand: its hash does not match
    manifest.write_text(json.dumps(data), encoding="utf-8")
    before = robust.tree_state(folder)

    written = quick_build(folder, lang="en")

    after = robust.tree_state(folder)
    assert sorted(after) == sorted([*written, BUILD_MANIFEST, "notes.txt", "mine.csv"])
    assert sorted(written) == sorted(listed)
    assert all(path == folder / name for name, path in written.items())  # not the staging folder
    assert outside.read_text(encoding="utf-8") == "keep?"
    assert (folder / "mine.csv").read_text(encoding="utf-8") == "keep?"
    hashes = json.loads(manifest.read_text(encoding="utf-8"))["sha256"]
    assert hashes == {name: after[name] for name in written}  # one hash per written file
    assert json.loads((folder / "summary.json").read_text(encoding="utf-8"))["lang"] == "en"
    changed = [name for name in written if after[name] != before[name]]
    assert {"summary.json", "uncovered_communes.csv", "coverage_map.html",
            "coverage_map.png"} <= set(changed)
    assert json.loads(manifest.read_text(encoding="utf-8"))["files"] == sorted(written)


def _fail_png(monkeypatch):
    """Whoever writes the PNG file (matplotlib, Pillow or our own encoder) writes half of it, then fails."""
    from matplotlib.figure import Figure
    from PIL import Image

    def failing(real):
        def write(self, fp, *args, **kwargs):
            if not isinstance(fp, (str, os.PathLike)) or not str(fp).endswith(".png"):
                return real(self, fp, *args, **kwargs)  # in-memory renders
            with open(fp, "wb") as f:  # half a PNG, then the disk is "full"
                f.write(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
            raise OSError(errno.ENOSPC, "No space left on device (injected)")

        return write

    monkeypatch.setattr(Figure, "savefig", failing(Figure.savefig))
    monkeypatch.setattr(Image.Image, "save", failing(Image.Image.save))
    # camau_gis.render.static.write_png encodes the PNG itself and writes its bytes
    real_write_bytes = Path.write_bytes

    def write_bytes(self, data):
        if self.suffix != ".png":
            return real_write_bytes(self, data)
        real_write_bytes(self, bytes(data[: len(data) // 2]))  # half a PNG, then "disk full"
        raise OSError(errno.ENOSPC, "No space left on device (injected)")

    monkeypatch.setattr(Path, "write_bytes", write_bytes)


def _fail_gpkg(monkeypatch):
    import geopandas as gpd

    real = gpd.GeoDataFrame.to_file

    def to_file(self, filename, *args, **kwargs):
        if kwargs.get("layer") == "districts":  # communes and uncovered already written
            raise RuntimeError("GDAL error while writing layer 'districts' (injected)")
        return real(self, filename, *args, **kwargs)

    monkeypatch.setattr(gpd.GeoDataFrame, "to_file", to_file)


def _fail_move(monkeypatch):
    """Fail the 4th move from the staging folder into the output folder."""
    real, moves = os.replace, []

    def replace(src, dst, *args, **kwargs):
        if is_staging(src) and not is_staging(dst):
            moves.append(dst)
            if len(moves) == 4:
                raise OSError(errno.EIO, "Input/output error (injected)")
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)


@pytest.mark.parametrize(
    ("inject", "error"),
    [(_fail_png, OSError), (_fail_gpkg, RuntimeError)],
    ids=["during-png-write", "during-gpkg-write"],
)
def test_failed_rerun_keeps_previous_outputs_byte_identical(out, quick_build, monkeypatch, robust,
                                                            inject, error):
    folder, before = out
    inject(monkeypatch)
    with pytest.raises(error, match="injected"):
        quick_build(folder, lang="en")
    assert robust.tree_diff(before, robust.tree_state(folder)) == []  # no partial/temp/staging file


@pytest.mark.parametrize(
    ("inject", "error"), [(_fail_gpkg, RuntimeError), (_fail_move, OutputError)],
    ids=["during-gpkg-write", "during-final-move"],
)
def test_failed_write_tables_call_keeps_previous_tables(out, camau_analysis, monkeypatch, robust,
                                                        inject, error):
    """The API's multi-file writers are staged on their own too; a failed move is undone."""
    from camau_gis.export.tables import write_tables

    folder, before = out
    inject(monkeypatch)
    with pytest.raises(error, match="injected"):
        write_tables(camau_analysis, folder, lang="en")
    assert robust.tree_diff(before, robust.tree_state(folder)) == []


def test_failed_first_run_leaves_no_output_folder(tmp_path, camau_analysis, monkeypatch):
    from camau_gis.export.tables import write_tables

    _fail_gpkg(monkeypatch)
    with pytest.raises(RuntimeError, match="injected"):
        write_tables(camau_analysis, tmp_path / "new" / "out")
    assert not (tmp_path / "new" / "out").exists()


def test_unwritable_output_folder_is_an_output_error(tmp_path, quick_build, robust):
    blocker = tmp_path / "report.txt"  # a file where the folder should be
    blocker.write_text("keep me", encoding="utf-8")
    before = robust.tree_state(tmp_path)
    with pytest.raises(OutputError, match=r"report\.txt.*không thể ghi .*hãy chọn một thư mục"):
        quick_build(blocker / "out")
    assert robust.tree_diff(before, robust.tree_state(tmp_path)) == []


def test_cli_reports_unwritable_folder_with_exit_5(tmp_path, camau_analysis, monkeypatch, capsys):
    from camau_gis import pipeline
    from camau_gis.cli import main

    monkeypatch.setattr(pipeline, "run_analysis", lambda **_: copy.deepcopy(camau_analysis))
    (tmp_path / "f").write_text("x", encoding="utf-8")
    assert main(["build", "--out", str(tmp_path / "f" / "out"), "--dpi", str(DPI)]) == 5
    err = capsys.readouterr().err
    assert err.startswith("lỗi: ") and str(tmp_path / "f") in err and "Traceback" not in err


def test_staging_left_by_a_killed_run_is_removed_by_the_next(out, camau_analysis, robust):
    from camau_gis._atomic import _host
    from camau_gis.export.tables import write_tables

    folder, before = out
    dead_pid = max(int(p) for p in os.listdir("/proc") if p.isdigit()) + 10_000 \
        if os.path.isdir("/proc") else 999_999
    dead = folder / f"{STAGING_PREFIX}{dead_pid}-{_host()}-x1"
    alive = folder / f"{STAGING_PREFIX}{os.getppid()}-{_host()}-x2"  # a running process
    for stage in (dead, alive):
        stage.mkdir()
        (stage / "summary.json").write_text("{half", encoding="utf-8")
    write_tables(camau_analysis, folder)
    assert not dead.exists()
    assert (alive / "summary.json").read_text(encoding="utf-8") == "{half"
    # same listing plus the live run's folder (GeoPackage/XLSX bytes carry timestamps)
    assert sorted(robust.tree_state(folder)) == sorted(
        [*before, alive.name, f"{alive.name}/summary.json"])
