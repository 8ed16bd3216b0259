"""Regression tests for failures found by driving the real CLI with careless or hostile input.

Each case builds its input in ``tmp_path``, runs ``camau_gis.cli.main`` in
process and checks the documented exit status, a one-paragraph message naming
the file and the fix, no traceback, and untouched inputs.
"""

from __future__ import annotations

import hashlib
import warnings
from pathlib import Path

import pytest
from _data_paths import CA_MAU_SHP

from camau_gis.cli import main

needs_ca_mau = pytest.mark.skipif(not CA_MAU_SHP.exists(), reason=f"reference data absent: {CA_MAU_SHP}")


def run(capsys, *args: str) -> tuple[int, str]:
    code = main([*args])
    return code, capsys.readouterr().err


def check_rows(capsys, reg: Path, shp: Path) -> tuple[int, str]:
    """``register check`` of a register whose rows need attention (issue 17: per row, not
    per file): the rows are read and matched, the bad cells listed on stdout."""
    code = main(["register", "check", str(reg), "-b", str(shp), "--lang", "en",
                 "--report", str(reg.parent / "report.csv")])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err, captured.err
    return code, captured.out


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_error(err: str, *needles: str) -> None:
    """One ``error:`` paragraph, no traceback, every needle in it."""
    assert "Traceback" not in err, err
    text = err[err.index("lỗi: "):]
    assert all(ln.strip() for ln in text.rstrip().splitlines()), err
    for needle in needles:
        assert needle in text, (needle, err)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_csv_without_bom_is_decoded(tmp_path, capsys, codec, ca_mau_shp):
    # Excel and some exporters write UTF-16 without a BOM; the reader used to call it "not text"
    reg = tmp_path / "sổ.csv"
    text = "Tên mô hình,Xã/Phường/Thị trấn,Năm xây dựng\nTổ tự quản,Xã Hiệp Tùng,1890\n"
    reg.write_bytes(text.encode(codec))
    before = digest(reg)
    code, out = check_rows(capsys, reg, ca_mau_shp)
    assert code == 4  # read; its row needs attention for the year
    assert 'sổ.csv, row 2, Năm xây dựng: value "1890": year out of range' in out
    assert digest(reg) == before


@needs_ca_mau
def test_shapefile_without_dbf_names_the_missing_file(tmp_path, capsys):
    # used to be "no commune name or code column found; columns seen: []" with status 4
    for suffix in (".shp", ".shx", ".prj"):
        (tmp_path / f"xa{suffix}").write_bytes(CA_MAU_SHP.with_suffix(suffix).read_bytes())
    before = {p.name: digest(p) for p in tmp_path.iterdir()}
    code, err = run(capsys, "boundaries", "import", str(tmp_path / "xa.shp"),
                    "--out", str(tmp_path / "out"))
    assert code == 3
    assert_error(err, "xa.shp", "thiếu xa.dbf bên cạnh tệp")
    assert {p.name: digest(p) for p in tmp_path.iterdir()} == before


def test_warnings_print_as_one_line_each_without_source_lines(capsys):
    from camau_gis.cli import _warning_printer

    show = _warning_printer()
    with warnings.catch_warnings():
        warnings.showwarning = show
        warnings.simplefilter("always")
        for _ in range(2):  # the same warning raised twice (two call sites) prints once
            warnings.warn("b.gpkg: 3 invalid polygon(s) repaired", UserWarning, stacklevel=1)
    err = capsys.readouterr().err
    assert err == "cảnh báo: b.gpkg: 3 invalid polygon(s) repaired\n"


def test_very_long_warning_is_cut_with_a_pointer_to_debug(capsys):
    # 101 repaired polygons made one 15,000-character line of stderr
    from camau_gis.cli import WARNING_CHARS, _warning_printer

    show = _warning_printer()
    show("b.gpkg: " + "; ".join(f"Xã {i}: repaired" for i in range(2000)), UserWarning, "x", 1)
    err = capsys.readouterr().err
    assert err.startswith("cảnh báo: b.gpkg: Xã 0: repaired")
    assert len(err) < WARNING_CHARS + 200
    assert "chạy lại với --debug" in err and err.count("\n") == 1


def test_output_folder_that_is_a_file_says_so(tmp_path, capsys):
    blocker = tmp_path / "ket_qua"
    blocker.write_text("not a folder", encoding="utf-8")
    code, err = run(capsys, "register", "template", "--out", str(blocker / "x"))
    assert code == 5
    assert_error(err, f"{blocker} là một tệp, không phải thư mục", "--out")
    assert blocker.read_text(encoding="utf-8") == "not a folder"


@pytest.mark.parametrize(
    "args,needle",
    [
        (["register", "template", "--lang", "xx"], "--lang 'xx'"),  # used to write the template
        (["register", "template", "--format", "ods"], "dùng xlsx hoặc csv"),  # used to be status 4
        (["register", "check", "--lang", "xx"], "--lang 'xx'"),  # used to run and exit 0
    ],
    ids=["template-lang", "template-format", "check-lang"],
)
def test_bad_register_options_are_usage_errors(tmp_path, capsys, args, needle):
    out = tmp_path / "out"
    extra = ["--report", str(out / "m.csv")] if args[1] == "check" else ["--out", str(out)]
    code, err = run(capsys, *args, *extra)
    assert code == 2
    assert_error(err, needle)
    assert not out.exists()


@needs_ca_mau
@pytest.mark.parametrize(
    "args,needle",
    [
        (["--compare", "2019", "2019"], "hai năm trùng nhau"),  # was exit 1 (pandas)
        (["--compare", "2019", "1800"], "--compare 1800: không phải một năm của sổ theo dõi"),  # was 0
        (["--year", "219"], "--year 219: không phải một năm của sổ theo dõi"),  # typo: was 0, empty maps
    ],
    ids=["same-years", "compare-1800", "year-typo"],
)
def test_impossible_years_are_usage_errors(tmp_path, capsys, args, needle):
    out = tmp_path / "out"
    code, err = run(capsys, "analyze", "-b", str(CA_MAU_SHP), "--out", str(out), *args)
    assert code == 2
    assert_error(err, needle)
    assert not out.exists()


def test_province_option_is_not_ignored_with_the_default_layer(
        tmp_path, capsys, monkeypatch, ca_mau_communes):
    # with no --boundaries the canonical Cà Mau layer used to be taken as is: --province
    # "Bạc Liêu" gave Cà Mau's maps with exit 0, and --columns foo=bar passed unchecked
    from camau_gis import settings
    from camau_gis.boundaries import canonical_paths

    monkeypatch.setattr(settings, "shapefiles_dir", tmp_path / "shapefiles")
    layer = canonical_paths()["gpkg"]
    layer.parent.mkdir()
    ca_mau_communes.to_file(layer, layer="communes", engine="pyogrio")
    out = tmp_path / "out"
    code, err = run(capsys, "analyze", "--province", "Bạc Liêu", "--out", str(out))
    assert code == 3
    assert_error(err, "'Bạc Liêu'", "Cà Mau", "--boundaries")
    code, err = run(capsys, "analyze", "--columns", "foo=bar", "--out", str(out))
    assert code == 4
    assert_error(err, "vai trò cột 'foo' không xác định")
    assert not out.exists()


def test_malformed_mirror_url_is_not_called_a_checksum_mismatch(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CAMAU_GIS_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("CAMAU_GIS_DATA_URL", "https://")  # a half-typed mirror address
    code, err = run(capsys, "boundaries", "fetch", "--out", str(tmp_path / "out"))
    assert code == 6
    assert_error(err, "địa chỉ không hợp lệ", "CAMAU_GIS_DATA_URL")
    assert "checksum" not in err
    assert not (tmp_path / "out").exists()
    assert not any(p.is_file() for p in (tmp_path / "cache").rglob("*"))


HEADER = "Mã mô hình,Tên mô hình,Xã/Phường/Thị trấn,Huyện/TP,Năm xây dựng\n"


def test_stray_quote_swallowing_rows_is_an_error_not_a_lost_row(tmp_path, capsys):
    # the quote opened on line 3 closed at the next quote (line 4): M003 vanished, exit 0
    reg = tmp_path / "so.csv"
    reg.write_text(
        HEADER
        + "M001,Tổ tự quản,Xã An Xuyên,Thành phố Cà Mau,2019\n"
        + '"M002,Camera an ninh,Xã Tắc Vân,Thành phố Cà Mau,2019\n'
        + 'M003,"Tuyên truyền, vận động",Xã Lý Văn Lâm,Thành phố Cà Mau,2019\n'
        + "M004,Tổ hòa giải,Xã Định Bình,Thành phố Cà Mau,2019\n",
        encoding="utf-8",
    )
    code, err = run(capsys, "register", "check", str(reg), "--report", str(tmp_path / "m.csv"))
    assert code == 4  # the file was read; a cell of it is malformed (issue 16: code 4)
    assert_error(err, "so.csv", "dòng 3", "dòng 4", "đóng ngoặc")
    assert not (tmp_path / "m.csv").exists()


def test_quoted_multiline_cell_still_reads(tmp_path, capsys, ca_mau_shp):
    reg = tmp_path / "so.csv"
    reg.write_text(
        HEADER
        + 'M001,"Dòng một\nDòng ""hai""",Xã An Xuyên,Thành phố Cà Mau,2019\n'
        + "M002,Tổ hòa giải,Xã Định Bình,Thành phố Cà Mau,1890\n",
        encoding="utf-8",
    )
    code, out = check_rows(capsys, reg, ca_mau_shp)
    assert code == 4  # read through; only the row with the year 1890 needs attention
    assert 'row 4, Năm xây dựng: value "1890"' in out and "needs attention: 1" in out
    assert "quote (" not in out  # no complaint about the quoted cell


def test_unquoted_comma_in_a_csv_cell_is_reported_not_dropped(tmp_path, capsys, ca_mau_shp):
    # "Ghi chú" is the last column: the text after the comma used to vanish with exit 0
    reg = tmp_path / "so.csv"
    reg.write_text(
        "Mã mô hình,Tên mô hình,Xã/Phường/Thị trấn,Huyện/TP,Năm xây dựng,Ghi chú\n"
        "M001,Tổ tự quản,Xã An Xuyên,Thành phố Cà Mau,2019,Đã nghiệm thu, còn thiếu kinh phí\n"
        "M002,Tổ hòa giải,Xã Định Bình,Thành phố Cà Mau,1890,\n",
        encoding="utf-8",
    )
    code, out = check_rows(capsys, reg, ca_mau_shp)
    assert code == 4
    assert "so.csv, row 2: 7 cells but the header has 6 columns" in out
    assert "còn thiếu kinh phí" in out and "double quotes" in out and "so.csv, row 3" in out


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize(
    "command",
    [["register", "check"], ["boundaries", "inspect"]],
    ids=["register", "boundaries"],
)
def test_a_pipe_given_as_input_is_refused_not_waited_on(tmp_path, capsys, command):
    # reading a FIFO (or /dev/zero) used to block forever, or fill the memory
    import os

    pipe = tmp_path / ("so.csv" if command[0] == "register" else "xa.gpkg")
    os.mkfifo(pipe)
    code, err = run(capsys, *command, str(pipe))
    assert code == 3
    assert_error(err, str(pipe), "không phải tệp thông thường" if command[0] == "register"
                 else "không phải tệp thông thường")


def _example_register(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((Path(__file__).resolve().parents[2] / "camau_gis" / "data" / "example"
                      / "models.csv").read_bytes())
    return path


@needs_ca_mau
def test_match_report_over_the_register_is_refused(tmp_path, capsys):
    # `register check so.csv --report so.csv` used to replace the register by the report
    reg = _example_register(tmp_path / "so.csv")
    before = digest(reg)
    code, err = run(capsys, "register", "check", str(reg), "-b", str(CA_MAU_SHP),
                    "--report", str(reg))
    assert code == 2
    assert_error(err, str(reg), "là tệp đầu vào của bạn", "--report")
    assert digest(reg) == before


@needs_ca_mau
def test_outputs_over_an_input_in_the_output_folder_are_refused(tmp_path, capsys):
    # a register kept in the output folder as match_report.csv was overwritten by `analyze`
    out = tmp_path / "ket qua"
    reg = _example_register(out / "match_report.csv")
    before = digest(reg)
    code, err = run(capsys, "analyze", "-b", str(CA_MAU_SHP), "-r", str(reg), "--out", str(out))
    assert code == 2
    assert_error(err, "match_report.csv", "--register", "--out")
    assert digest(reg) == before
    assert sorted(p.name for p in out.iterdir()) == ["match_report.csv"]  # nothing else left


def test_error_messages_quoting_cells_carry_no_terminal_escapes(tmp_path, capsys, ca_mau_shp):
    # a cell holding ESC ]0;…BEL (retitle the terminal) or ESC [2J (clear it) reached stderr
    reg = tmp_path / "so.csv"
    reg.write_text("Tên mô hình,Xã/Phường/Thị trấn,Năm xây dựng\n"
                   "Tổ,Xã Hiệp Tùng,\x1b]0;pwned\x07\x1b[2J2019\n", encoding="utf-8")
    code, out = check_rows(capsys, reg, ca_mau_shp)
    assert code == 4
    assert "so.csv, row 2" in out and "[2J2019" in out  # shown, not acted on
    assert "\x1b" not in out and "\x07" not in out


@needs_ca_mau
def test_register_joining_no_commune_warns_instead_of_a_silent_empty_map(tmp_path, capsys):
    import csv

    reg = tmp_path / "so.csv"
    reg.write_text(HEADER + "M001,Tổ tự quản,Xã Không Có,Huyện Ảo,2019\n"
                   "M002,Tổ hòa giải,Xã Cũng Không,Huyện Ảo,2019\n", encoding="utf-8")
    out = tmp_path / "out"
    code, err = run(capsys, "analyze", "-b", str(CA_MAU_SHP), "-r", str(reg), "--out", str(out))
    assert code == 0  # the outputs are valid; the warning says why they count nothing
    assert "Traceback" not in err
    assert "cảnh báo: không dòng nào trong 2 dòng của sổ khớp với một xã" in err
    with open(out / "match_report.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert sorted({r["row"] for r in rows}) == ["2", "3"]  # both rows kept, with a reason


@pytest.mark.parametrize(
    "args,needle",
    [
        (["analyze", "--out", ""], "--out ''"),  # was the current folder, exit 0
        (["register", "check", "--report="], "--report=''"),  # was exit 5 "resource busy"
        (["register", "template", "-o", ""], "-o ''"),
    ],
    ids=["out", "report=", "template"],
)
def test_empty_option_values_are_usage_errors(tmp_path, capsys, monkeypatch, args, needle):
    monkeypatch.chdir(tmp_path)
    code, err = run(capsys, *args)
    assert code == 2
    assert_error(err, needle, "giá trị rỗng")
    assert list(tmp_path.iterdir()) == []  # nothing written into the current folder


@pytest.mark.parametrize("name", ["tab\tdir", "new\nline"], ids=["tab", "newline"])
def test_output_folder_with_control_characters_is_an_output_error(tmp_path, capsys, name):
    # GDAL dropped the character: the GeoPackage failed as "input cannot be parsed … a bug"
    code, err = run(capsys, "register", "template", "--out", str(tmp_path / name))
    assert code == 5
    assert_error(err, "ký tự điều khiển", "--out")
    assert list(tmp_path.iterdir()) == []


def test_layer_of_empty_geometries_is_named_as_such(tmp_path, capsys):
    # used to be "features span nan…nan°E … holds metres: its .prj is wrong"
    import geopandas as gpd
    from shapely.geometry import Polygon

    path = tmp_path / "xa.gpkg"
    gpd.GeoDataFrame(
        {"ten_xa": ["Xã Hiệp Tùng", "Xã Tam Giang"], "huyen": ["Năm Căn", "Năm Căn"],
         "tinh": ["Cà Mau", "Cà Mau"]},
        geometry=[Polygon(), Polygon()], crs="EPSG:4326",
    ).to_file(path, engine="pyogrio")
    before = digest(path)
    code, err = run(capsys, "boundaries", "inspect", str(path))
    assert code == 3
    assert_error(err, "xa.gpkg", "2 đối tượng không có hình học", "Xã Hiệp Tùng")
    assert "nan" not in err
    assert digest(path) == before


def test_csv_saved_under_an_xlsx_name_is_read_as_csv(tmp_path, capsys, ca_mau_shp):
    # used to be "cannot open as an Excel workbook (BadZipFile …)" for a plain CSV
    reg = tmp_path / "so.xlsx"
    reg.write_text("Tên mô hình,Xã/Phường/Thị trấn,Năm xây dựng\nTổ,Xã Hiệp Tùng,1890\n",
                   encoding="utf-8")
    code, out = check_rows(capsys, reg, ca_mau_shp)
    assert code == 4  # read; its row needs attention for the year only
    assert 'so.xlsx, row 2, Năm xây dựng: value "1890"' in out


def test_old_excel_or_encrypted_workbook_says_so_whatever_its_name(tmp_path, capsys):
    reg = tmp_path / "so.xlsx"  # OLE2 container: a renamed .xls or a password-protected .xlsx
    reg.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(1024))
    code, err = run(capsys, "register", "check", str(reg))
    assert code == 3
    assert_error(err, "so.xlsx", "có mật khẩu", "lưu lại dạng .xlsx")


def test_spreadsheet_given_as_boundaries_is_named_as_such(tmp_path, capsys):
    # GDAL opens XLSX as a vector source: "has layers [...]; choose one with --layer"
    import openpyxl

    book = tmp_path / "so.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Tên mô hình", "Xã"])
    wb.create_sheet("Tiêu chí 19").append(["Xã", "Năm"])
    wb.save(book)
    code, err = run(capsys, "boundaries", "inspect", str(book))
    assert code == 3
    assert_error(err, "so.xlsx", "là bảng tính, không phải tệp ranh giới", "--register")


@needs_ca_mau
def test_unwritable_report_names_the_report_option(tmp_path, capsys):
    # the message said "(--out)" although `register check` has no --out
    reg = _example_register(tmp_path / "so.csv")
    (tmp_path / "blocker").write_text("not a folder", encoding="utf-8")
    code, err = run(capsys, "register", "check", str(reg), "-b", str(CA_MAU_SHP),
                    "--report", str(tmp_path / "blocker" / "report.csv"))
    assert code == 5
    assert_error(err, "blocker", "là một tệp, không phải thư mục", "(--report)")
    assert "--out" not in err


@pytest.mark.parametrize("name", ["change.csv", "change.png", "change"])
def test_change_map_refuses_a_non_html_out(tmp_path, capsys, monkeypatch, name):
    # `crosswalk map --out x.csv` wrote an HTML page into a .csv file
    from camau_gis import crosswalk

    def boom(*args, **kwargs):
        raise AssertionError("boundaries read before --out was checked")

    monkeypatch.setattr(crosswalk, "load_merged_communes", boom)
    code, err = run(capsys, "crosswalk", "map", "--out", str(tmp_path / name))
    assert code == 2
    assert_error(err, name, ".html")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "args,env,needle",
    [
        (["--source", "gadm", "--sha256", "zz"], {}, "--sha256 'zz'"),
        (["--source", "geoboundaries", "--sha256", "ab" * 31 + "zz"], {}, "--sha256"),
        (["--source", "gadm"], {"CAMAU_GIS_SHA256_GADM": "abc123"}, "CAMAU_GIS_SHA256_GADM"),
        (["--sha256", "0" * 64], {}, "vietnam63"),  # was silently ignored
    ],
    ids=["short", "not-hex", "env", "vietnam63"],
)
def test_malformed_checksum_is_refused_before_the_download(
    tmp_path, capsys, monkeypatch, args, env, needle
):
    # `--sha256 zz` used to download the file first, then fail as a checksum mismatch (exit 6)
    from camau_gis import boundaries, settings
    from camau_gis.io import fetch

    def boom(*a, **k):
        raise AssertionError("download started before the checksum was checked")

    for mod, name in ((fetch, "fetch_file"), (fetch, "download"), (boundaries, "fetch_boundaries")):
        monkeypatch.setattr(mod, name, boom)
    monkeypatch.setattr(settings, "cache_dir", tmp_path / "cache")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    code, err = run(capsys, "boundaries", "fetch", *args, "--out", str(tmp_path / "out"))
    assert code == 2
    assert_error(err, needle, "64 chữ số thập lục phân" if needle != "vietnam63" else "ghi sẵn")
    assert list(tmp_path.iterdir()) == []


def _square_shapefile(folder: Path, crs=None, **columns) -> Path:
    import geopandas as gpd
    from shapely.geometry import box

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "xa.shp"
    gpd.GeoDataFrame({"ten_xa": ["Xã Hiệp Tùng"], **columns},
                     geometry=[box(105.0, 8.9, 105.1, 9.0)], crs=crs).to_file(path, engine="pyogrio")
    return path


@pytest.mark.parametrize("zipped", [False, True], ids=["shp", "zip"])
def test_garbage_prj_is_unreadable_not_missing(tmp_path, capsys, zipped):
    # used to pass as "no .prj: WGS 84 assumed" although a .prj was there
    import zipfile

    shp = _square_shapefile(tmp_path / "src", crs="EPSG:4326")
    shp.with_suffix(".prj").write_text("hello", encoding="ascii")
    target = shp
    if zipped:
        target = tmp_path / "xa.zip"
        with zipfile.ZipFile(target, "w") as zf:
            for p in shp.parent.iterdir():
                zf.write(p, p.name)
    before = digest(target)
    code, err = run(capsys, "boundaries", "inspect", str(target))
    assert code == 3
    assert_error(err, "xa.prj", "không đọc được tệp .prj này", "'hello'", "--crs EPSG:")
    assert "assumed" not in err
    assert digest(target) == before
    # --crs overrides the broken .prj
    code, err = run(capsys, "boundaries", "inspect", str(target), "--crs", "EPSG:4326")
    assert code == 0, err


def test_mixed_geometry_types_name_the_features(tmp_path, capsys):
    # used to be "expected polygons, found ['LineString', 'Point', 'Polygon']" and nothing else
    import geopandas as gpd
    from shapely.geometry import LineString, Point, box

    geoms = [box(105.0, 8.9, 105.1, 9.0)] + [Point(105.0 + i / 100, 9.0) for i in range(11)]
    geoms.append(LineString([(105.0, 9.0), (105.1, 9.1)]))
    names = ["Xã Hiệp Tùng"] + [f"Điểm {i}" for i in range(11)] + ["Đường ranh"]
    path = tmp_path / "xa.geojson"
    gpd.GeoDataFrame({"ten_xa": names}, geometry=geoms, crs="EPSG:4326").to_file(
        path, driver="GeoJSON", engine="pyogrio")
    before = digest(path)
    code, err = run(capsys, "boundaries", "inspect", str(path))
    assert code == 3
    assert_error(err, "xa.geojson", "12/13 đối tượng không phải hình vùng",
                 "dòng 2 'Điểm 0' (Point)", "dòng 11 'Điểm 9' (Point)", "và 2 đối tượng khác")
    assert "Xã Hiệp Tùng" not in err and "dòng 12 " not in err  # the polygon, and the 11th offender
    assert digest(path) == before
