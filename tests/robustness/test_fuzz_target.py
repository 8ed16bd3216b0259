"""The atheris fuzz target stays runnable: its TestOneInput accepts every seed of its corpus.

atheris itself is not needed: ``fuzz/fuzz_register.py`` imports it only in
``main()``, so this runs in the default test suite and the target cannot rot.
"""

from __future__ import annotations

import importlib.util
import io
import zipfile
from pathlib import Path

import pytest

TARGET = Path(__file__).resolve().parents[2] / "fuzz" / "fuzz_register.py"


@pytest.fixture(scope="module")
def target():
    if not TARGET.exists():
        pytest.skip(f"{TARGET} is absent")
    spec = importlib.util.spec_from_file_location("fuzz_register", TARGET)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_seed_corpus_covers_every_mode(target):
    seeds = target.corpus_files()
    assert {target.MODES[p.read_bytes()[0] % len(target.MODES)] for p in seeds} == set(
        target.MODES
    )


def test_target_runs_on_every_seed(target):
    seeds = target.corpus_files()
    assert seeds
    for path in seeds:
        target.TestOneInput(path.read_bytes())  # raises only on a crash (not our error)


def test_target_builds_the_files_it_claims(target):
    """Mode bytes: 0 CSV as is, 1 XLSX as is, 2 typed cells in a workbook, 3 sheet XML."""
    assert target.prepare(b"\x00a,b") == (".csv", b"a,b")
    assert target.prepare(b"\x01PK") == (".xlsx", b"PK")
    suffix, data = target.prepare(b"\x02\x01" + "Tên mô hình,Xã\nMột,=1+1\n".encode())
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert suffix == ".xlsx" and "xl/worksheets/sheet1.xml" in names
    suffix, data = target.prepare(b"\x03<worksheet/>")
    assert zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml") == b"<worksheet/>"
    for data in (b"", b"\x00", b"\x01", b"\x02", b"\x03", b"\x03\xff\xfe"):
        target.TestOneInput(data)


def test_target_reports_a_foreign_exception(target, monkeypatch):
    """A crash of the reader (not our error) escapes, so the fuzzer records it."""
    import camau_gis.register as register

    def boom(*args, **kwargs):
        raise IndexError("list index out of range")

    monkeypatch.setattr(register, "read_register", boom)
    with pytest.raises(IndexError):
        target.TestOneInput(b"\x00" + "Tên mô hình,Xã\n".encode())
