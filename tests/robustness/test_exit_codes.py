"""Every failure class ends ``camau_gis.cli.main`` with its documented status and one paragraph.

Each case builds its input in ``tmp_path`` and runs the real command in
process; the status must be the one in :mod:`camau_gis.errors`, stderr one
paragraph (no blank line) starting ``error:`` and naming the file, URL or
option involved, and no traceback - unless ``--debug`` (or
``CAMAU_GIS_DEBUG=1``) asks for one.
"""

from __future__ import annotations

import errno
import shutil
import zipfile
from pathlib import Path

import pytest

from camau_gis import errors, settings
from camau_gis.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "camau_gis" / "data" / "example"


def run(capsys, *args: str) -> tuple[int, str]:
    code = main([*args])
    return code, capsys.readouterr().err


def assert_paragraph(err: str, *needles: str) -> None:
    """The error is the last paragraph: ``error:``, no blank line, no traceback, every needle.

    Notices printed before it (a source's licence) are allowed.
    """
    assert "Traceback" not in err, err
    lines = err.rstrip().splitlines()
    starts = [i for i, ln in enumerate(lines) if ln.startswith("lỗi: ")]
    assert len(starts) == 1, err
    text = "\n".join(lines[starts[0]:])
    assert all(ln.strip() for ln in text.splitlines()), err
    for needle in needles:
        assert needle in text, (needle, err)


@pytest.fixture
def no_boundaries(tmp_path, monkeypatch):
    """No canonical layer yet, so a command must fetch one first."""
    monkeypatch.setattr(settings, "shapefiles_dir", tmp_path / "shapefiles")


def test_documented_codes_are_distinct_and_carried_by_the_classes():
    codes = {
        errors.OptionError: 2,
        errors.InputError: 3,
        errors.BoundaryError: 3,
        errors.RegisterReadError: 3,
        errors.SchemaError: 4,
        errors.RegisterError: 4,
        errors.CrosswalkError: 4,
        errors.OutputError: 5,
        errors.DownloadError: 6,
    }
    for cls, code in codes.items():
        assert cls.exit_code == code, cls
        assert f"{code}  " in errors.__doc__ and cls.__name__ in errors.__doc__
    assert issubclass(errors.OutputError, OSError) and issubclass(errors.RegisterReadError,
                                                                   errors.RegisterError)
    # an error raised from a failed download is fixed by fixing the download
    try:
        try:
            raise errors.DownloadError("x")
        except errors.DownloadError as exc:
            raise errors.BoundaryError("no boundaries yet") from exc
    except errors.BoundaryError as exc:
        assert errors.exit_code(exc) == 6
    assert errors.exit_code(ValueError("bug")) == 1


# -- 2: bad arguments and options ------------------------------------------------------------


def test_unknown_option_is_a_usage_error(capsys):
    code, err = run(capsys, "build", "--no-such-option")
    assert code == 2
    assert_paragraph(err, "--no-such-option", "build --help")


def test_bad_option_value_names_the_file(tmp_path, capsys):
    out = tmp_path / "crosswalk.json"
    code, err = run(capsys, "crosswalk", "table", "--out", str(out))
    assert code == 2
    assert_paragraph(err, str(out), ".csv hoặc .xlsx")
    assert not out.exists()


def test_bad_environment_value_is_a_usage_error(tmp_path, capsys, monkeypatch, no_boundaries):
    monkeypatch.setenv("CAMAU_GIS_TIMEOUT", "soon")
    monkeypatch.setenv("CAMAU_GIS_DATA_URL", "https://127.0.0.1:9/none")
    code, err = run(capsys, "boundaries", "fetch", "--out", str(tmp_path / "o"))
    assert code == 2
    assert_paragraph(err, "CAMAU_GIS_TIMEOUT='soon'")


# -- 3: unreadable input -----------------------------------------------------------------------


def test_missing_register_file(tmp_path, capsys):
    missing = tmp_path / "so_mo_hinh.csv"
    code, err = run(capsys, "register", "check", str(missing))
    assert code == 3
    assert_paragraph(err, str(missing), "không tìm thấy tệp sổ")


def test_corrupt_workbook(tmp_path, capsys):
    bad = tmp_path / "so.xlsx"
    bad.write_bytes(b"PK\x03\x04 this was never a workbook")
    code, err = run(capsys, "register", "check", str(bad))
    assert code == 3
    assert_paragraph(err, "so.xlsx", "bảng tính Excel")


def test_not_a_zip_boundary_file(tmp_path, capsys):
    bad = tmp_path / "ranh_gioi.zip"
    bad.write_text("<html>404 Not Found</html>", encoding="utf-8")
    code, err = run(capsys, "boundaries", "inspect", str(bad))
    assert code == 3
    assert_paragraph(err, str(bad), "không phải tệp nén zip")


# -- 4: invalid data ---------------------------------------------------------------------------


def test_register_rows_failing_validation(tmp_path, capsys, ca_mau_shp):
    reg = tmp_path / "so.csv"
    reg.write_text("Tên mô hình,Xã,Năm xây dựng\nMột,Hiệp Tùng,1890\nHai,,2019\n",
                   encoding="utf-8")
    # issue 17: problems are per row; the rows are listed, the file is not refused
    code = main(["register", "check", str(reg), "-b", str(ca_mau_shp), "--lang", "en",
                 "--report", str(tmp_path / "r.csv")])
    out = capsys.readouterr().out
    assert code == 4
    assert "so.csv, row 2, Năm xây dựng" in out and "so.csv, row 3" in out and "1890" in out


def test_register_without_required_column(tmp_path, capsys):
    reg = tmp_path / "so.csv"
    reg.write_text("STT,Ghi chú\n1,không có tên\n", encoding="utf-8")
    code, err = run(capsys, "register", "check", str(reg))
    assert code == 4
    assert_paragraph(err, "so.csv")


# -- 5: output not writable --------------------------------------------------------------------


def test_output_folder_under_a_file(tmp_path, capsys):
    blocker = tmp_path / "outputs"
    blocker.write_text("a file where the output folder should be", encoding="utf-8")
    code, err = run(capsys, "register", "template", "--out", str(blocker / "templates"))
    assert code == 5
    assert_paragraph(err, str(blocker), "--out")
    assert blocker.read_text(encoding="utf-8").startswith("a file")


@pytest.mark.parametrize(
    "exc,code,needle",
    [
        (OSError(errno.ENOSPC, "No space left on device", "/data/out/map.png"), 5, "map.png"),
        (OSError(errno.EROFS, "Read-only file system", "/mnt/usb/map.png"), 5, "map.png"),
        (PermissionError(errno.EACCES, "Permission denied", "/nowhere/new.xlsx"), 5, "new.xlsx"),
        (FileNotFoundError(errno.ENOENT, "No such file", "/data/so.csv"), 3, "so.csv"),
        (MemoryError(), 3, "hết bộ nhớ"),
        (UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"), 3, "--encoding"),
        (zipfile.BadZipFile("File is not a zip file"), 3, "BadZipFile"),
    ],
    ids=["disk-full", "read-only", "permission", "not-found", "memory", "unicode", "badzip"],
)
def test_builtin_errors_escaping_a_reader_are_mapped(exc, code, needle, capsys, monkeypatch):
    import camau_gis.register as register_api

    def boom(*args, **kwargs):
        raise exc

    monkeypatch.setattr(register_api, "read_register", boom)
    got, err = run(capsys, "register", "check", str(EXAMPLE / "models.csv"))
    assert got == code
    assert_paragraph(err, needle)


def test_parser_errors_of_libraries_are_unreadable_input(capsys, monkeypatch):
    import pandas as pd

    import camau_gis.register as register_api

    def boom(*args, **kwargs):
        raise pd.errors.ParserError("Error tokenizing data. C error: Expected 3 fields in line 7")

    monkeypatch.setattr(register_api, "read_register", boom)
    code, err = run(capsys, "register", "check", str(EXAMPLE / "models.csv"))
    assert code == 3
    assert_paragraph(err, "ParserError", "line 7")


# -- 6: download failed ------------------------------------------------------------------------


def test_plain_http_download_is_refused(tmp_path, capsys, no_boundaries):
    url = "http://example.com/vietnam63"  # refused before any connection is tried
    code, err = run(capsys, "boundaries", "fetch", "--base-url", url, "--out", str(tmp_path))
    assert code == 6
    assert_paragraph(err, url, "https://")
    assert not list(Path(settings.cache_dir).glob("**/*.rda"))


def test_failed_first_download_inside_another_command(tmp_path, capsys, monkeypatch,
                                                      no_boundaries):
    # register check needs boundaries; fetching them fails: the download is what to fix
    monkeypatch.setenv("CAMAU_GIS_DATA_URL", "ftp://127.0.0.1/vietnam63")
    reg = Path(shutil.copy2(EXAMPLE / "models.csv", tmp_path / "models.csv"))
    code, err = run(capsys, "register", "check", str(reg))
    assert code == 6
    assert_paragraph(err, "ftp://127.0.0.1/vietnam63", "CAMAU_GIS_DATA_URL")


# -- 1: internal errors, and --debug -----------------------------------------------------------


def test_internal_error_asks_for_a_report(tmp_path, capsys, monkeypatch):
    import camau_gis.register as register_api

    def bug(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(register_api, "write_template", bug)
    code, err = run(capsys, "register", "template", "--out", str(tmp_path))
    assert code == 1
    assert_paragraph(err, "lỗi nội bộ", "ZeroDivisionError", "--debug", "nhóm phát triển")


@pytest.mark.parametrize("how", ["first", "last", "env"])
def test_debug_adds_the_traceback(how, tmp_path, capsys, monkeypatch):
    missing = tmp_path / "missing.csv"
    args = ["register", "check", str(missing)]
    if how == "first":
        args.insert(0, "--debug")
    elif how == "last":
        args.append("--debug")
    else:
        monkeypatch.setenv("CAMAU_GIS_DEBUG", "1")
    code, err = run(capsys, *args)
    assert code == 3
    assert err.startswith("Traceback (most recent call last):")
    assert "RegisterReadError" in err
    # the paragraph still ends the output
    assert err.strip().splitlines()[-1].startswith("lỗi: ") and str(missing) in err


def test_debug_is_listed_in_the_help(capsys):
    """``--debug`` and the exit codes in the root help, in the command's language."""
    for argv, needle in ((["--help"], "không tải về được"),
                         (["--help", "--lang", "en"], "download failed")):
        assert main(argv) == 0
        flat = " ".join(capsys.readouterr().out.replace("│", " ").split())
        assert "--debug" in flat and needle in flat and "6" in flat


@pytest.mark.parametrize(
    "args,needle",
    [
        (["maps", "--dpi", "0"], "--dpi"),
        (["report", "--dpi", "100000"], "--dpi"),
        (["analyze", "--admin", "2030"], "'2030': dùng 2019"),
        (["build", "--page", "B5"], "khổ giấy 'B5'"),
        (["maps", "--kind", "heat"], "--kind heat"),
    ],
)
def test_option_values_are_refused_before_any_work(args, needle, tmp_path, capsys):
    code, err = run(capsys, *args, "--out", str(tmp_path / "out"))
    assert code == 2
    assert_paragraph(err, needle)
    assert not (tmp_path / "out").exists()


def test_unknown_encoding_is_a_bad_option(tmp_path, capsys):
    # checked before the file is even opened: the option is what to fix
    code, err = run(capsys, "boundaries", "inspect", str(tmp_path / "xa.shp"),
                    "--encoding", "klingon")
    assert code == 2
    assert_paragraph(err, "--encoding 'klingon'", "cp1258")


def test_ctrl_c_exits_130_without_a_traceback(capsys, monkeypatch):
    import camau_gis.register as register_api

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(register_api, "read_register", interrupted)
    code, err = run(capsys, "register", "check", str(EXAMPLE / "models.csv"))
    assert code == 130
    assert "Traceback" not in err
