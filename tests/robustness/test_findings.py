"""The red-team findings of issue 16, one parametrised test each: exit code, no traceback, message.

Every case builds its input the way a user ends up with it (a Shapefile
copied with one part from another export, a CSV with a stray quote, a zip
with a password, a folder named like a file) and runs the real command in
this process. The message must name the file (and the row or line), and
say what to do. Finding 2 (signals during the final move) is proven in
``test_commit_faults.py``.

Permission cases run the CLI in a subprocess as the unprivileged user
``nobody`` (``setpriv``): the tests run as root, which reads any file.
Disk-full cases write into a small ``tmpfs`` filled to the last byte
(``mount -t tmpfs``, root only); both are skipped when not possible.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from _data_paths import BAC_LIEU_SHP, let_others_reach

from camau_gis.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "camau_gis" / "data" / "example"
HEADER = "Tên mô hình,Xã/Phường/Thị trấn,Huyện/TP,Năm xây dựng\n"
RAW_TERMINAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def assert_message(err: str, *needles: str) -> None:
    assert "Traceback" not in err, err
    assert "lỗi: " in err, err
    for needle in needles:
        assert needle in err, (needle, err)


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def shp(ca_mau_shp, tmp_path) -> Path:
    """A copy of the real Cà Mau Shapefile (all its parts) in its own folder."""
    folder = tmp_path / "ranh_gioi"
    folder.mkdir()
    for part in ca_mau_shp.parent.glob(ca_mau_shp.stem + ".*"):
        shutil.copy2(part, folder / part.name)
    return folder / ca_mau_shp.name


def _short_dbf(shp: Path, n: int = 60) -> Path:
    """Keep the first ``n`` records of the .dbf (as when a part comes from another export)."""
    dbf = shp.with_suffix(".dbf")
    data = dbf.read_bytes()
    header, size = struct.unpack("<HH", data[8:12])
    dbf.write_bytes(data[:4] + struct.pack("<I", n) + data[8:header]
                    + data[header:header + n * size] + b"\x1a")
    return shp


def _stale_gpkg_count(shp: Path, tmp_path: Path) -> Path:
    """A GeoPackage whose gpkg_ogr_contents says 90 features while its table holds 101."""
    import sqlite3

    import geopandas as gpd

    path = tmp_path / "xa.gpkg"
    gpd.read_file(shp).to_file(path, layer="communes", driver="GPKG")
    con = sqlite3.connect(path)
    con.execute("UPDATE gpkg_ogr_contents SET feature_count = 90")
    con.commit()
    con.close()
    return path


def _encrypted_zip(shp: Path, tmp_path: Path) -> Path:
    """A zipped Shapefile whose members carry the "encrypted" flag (a password-protected zip)."""
    path = tmp_path / "ranh_gioi.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for part in shp.parent.glob(shp.stem + ".*"):
            zf.write(part, part.name)
    data = bytearray(path.read_bytes())
    for sig, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        i = data.find(sig)
        while i >= 0:
            data[i + flag_at] |= 1
            i = data.find(sig, i + 4)
    path.write_bytes(bytes(data))
    return path


def _register(tmp_path: Path, body: bytes, name: str = "so.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(HEADER.encode("utf-8") + body)
    return path


# -- findings 3, 5, 6: inputs that used to be misreported ----------------------------------------

CASES = {
    # 3: a .dbf with fewer records than the .shp silently dropped 41 communes
    "dbf_fewer_records": (lambda shp, tmp: ["boundaries", "inspect", _short_dbf(shp)], 3,
                          ["ca_mau_communes.shp", ".shp 101, .shx 101, .dbf 60", "xuất lại"]),
    "dbf_fewer_records_build": (
        lambda shp, tmp: ["build", "--boundaries", _short_dbf(shp), "--register",
                          EXAMPLE / "models.csv", "--out", tmp / "out"], 3,
        [".dbf 60", "xuất lại lớp"]),
    # 3: a GeoPackage layer whose declared count differs from its rows
    "gpkg_stale_count": (lambda shp, tmp: ["boundaries", "inspect", _stale_gpkg_count(shp, tmp)],
                         3, ["xa.gpkg", "90 khai báo, 101 trong bảng", "QGIS"]),
    # 5: encrypted zip members: RuntimeError, exit 1
    "encrypted_zip": (lambda shp, tmp: ["boundaries", "inspect", _encrypted_zip(shp, tmp)], 3,
                      ["ranh_gioi.zip", "mã hóa", "mật khẩu"]),
    # 6: a quote left open in a later cell was reported as missing columns
    "open_quote": (lambda shp, tmp: ["register", "check", _register(
        tmp, "Tổ 1,Xã Hiệp Tùng,Năm Căn,2019\nTổ 2,\"Xã Tân Thành,Cà Mau,2019\n"
             "Tổ 3,Xã An Xuyên,Cà Mau,2019\n".encode())], 4,
        ["so.csv, dòng 3", "dấu ngoặc kép", "đóng ngoặc"]),
    # 6: one NUL byte: "not a text file" with no row
    "nul_byte": (lambda shp, tmp: ["register", "check", _register(
        tmp, "Tổ 1,Xã Hiệp Tùng,Năm Căn,2019\nTổ 2,Xã Tân\x00 Thành,Cà Mau,2019\n".encode())], 3,
        ["so.csv, dòng 3 (byte thứ", "NUL", "lưu lại"]),
    # 6: a few invalid UTF-8 bytes made the whole file be read as a legacy encoding
    "invalid_utf8": (lambda shp, tmp: ["register", "check", _register(
        tmp, "Tổ 1,Xã Hiệp Tùng,Năm Căn,2019\n".encode() + b"T\xe1 2,X\xe3 T\xe2n,C\xe0 Mau,2019\n"
        + "Tổ 3,Xã Tân Thành,Cà Mau,2019\n".encode())], 3,
        ["so.csv, dòng 3 (byte thứ", "UTF-8 không hợp lệ", "CSV UTF-8"]),
    # 6: a .prj holding text that is not WKT
    "non_wkt_prj": (lambda shp, tmp: [
        "boundaries", "inspect",
        (shp.with_suffix(".prj").write_text("VN-2000 mui 3 do, kinh tuyen truc 104.5",
                                            encoding="utf-8"), shp)[1]], 3,
        ["ca_mau_communes.prj", "--crs EPSG:"]),
    # 6: a folder named like a Shapefile: "GDAL cannot open it"
    "folder_named_shp": (lambda shp, tmp: ["boundaries", "inspect",
                                           (tmp / "c.shp").mkdir() or tmp / "c.shp"], 3,
                         ["c.shp", "là thư mục", "hãy đưa chính tệp đó"]),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_bad_input_gets_its_documented_code_and_message(case, shp, tmp_path, capsys):
    build_args, code, needles = CASES[case]
    args = build_args(shp, tmp_path)
    got, _, err = run(capsys, *args)
    assert got == code, err
    assert_message(err, *needles)


def test_feff_and_other_junk_are_removed_at_the_input_with_a_warning(ca_mau_shp, tmp_path,
                                                                     capsys):
    """5: U+FEFF in a commune name crashed matplotlib's PDF backend (exit 1)."""
    from camau_gis._sanitize import clean_input_text

    reg = _register(tmp_path, "Tổ 1,\ufeffXã Hiệp Tùng,Năm Căn,2019\n".encode())
    code, out, err = run(capsys, "register", "check", reg, "--boundaries", ca_mau_shp)
    assert code == 0, err
    assert "so.csv, dòng 2, cột 2" in err and "U+FEFF" in err and "Xã Hiệp Tùng" in err
    assert "\ufeff" not in out + err
    assert clean_input_text("A\ufffeB\uffff\ud800C") == ("ABC", ["U+D800", "U+FFFE", "U+FFFF"])


def test_feff_in_boundary_names_no_longer_breaks_pdf_maps(shp, tmp_path, capsys):
    """5: ``maps --format pdf`` on names holding U+FEFF: exit 0, a warning naming the unit."""
    import geopandas as gpd

    gdf = gpd.read_file(shp)
    for col in ("commune_vn", "district_v"):  # the name columns the map shows
        gdf[col] = gdf[col].astype(object)
        gdf.loc[0, col] = "\ufeff" + str(gdf.loc[0, col]) + "\ufeff"
    path = tmp_path / "feff.gpkg"
    gdf.to_file(path, driver="GPKG")
    code, _, err = run(capsys, "maps", "--boundaries", path, "--register", EXAMPLE / "models.csv",
                       "--format", "pdf", "--kind", "coverage", "--dpi", "40",
                       "--out", tmp_path / "out")
    assert code == 0, err
    assert "Traceback" not in err
    assert "feff.gpkg, đối tượng 0" in err and "U+FEFF" in err
    assert (tmp_path / "out" / "coverage_map.pdf").read_bytes().startswith(b"%PDF")


def test_missing_glyph_warnings_are_one_per_run(capsys):
    from camau_gis.cli import _warning_printer

    show = _warning_printer()
    for code in (7913, 7915, 65279):
        show(UserWarning(f"Glyph {code} (x) missing from font(s) DejaVu Sans."), UserWarning, "", 0)
    err = capsys.readouterr().err
    assert err.count("cảnh báo:") == 1 and "--debug liệt kê chúng" in err


# -- finding 4 and 7: terminal output --------------------------------------------------------------

HOSTILE = {0: "Xã \x1b]0;pwned\x07A", 1: "Xã \x1b[2JB", 2: "Xã \x9b31mC", 3: "Xã \u202eD\u2066"}


@pytest.fixture
def hostile_gpkg(shp, tmp_path) -> Path:
    import geopandas as gpd

    gdf = gpd.read_file(shp)
    gdf["district_v"] = gdf["district_v"].astype(object)  # listed by inspect, with its count
    for i, text in HOSTILE.items():
        gdf.loc[i, "district_v"] = text
    path = tmp_path / "hostile.gpkg"
    gdf.to_file(path, driver="GPKG")
    return path


@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_inspect_prints_no_raw_control_or_bidi_character(hostile_gpkg, capsys, as_json):
    args = ["boundaries", "inspect", hostile_gpkg, "--province", "*"] + (["--json"] if as_json
                                                                        else [])
    code, out, err = run(capsys, *args)
    assert code == 0, err
    assert RAW_TERMINAL.search(out + err.replace("\t", "")) is None
    if as_json:
        text = json.dumps(json.loads(out), ensure_ascii=False)  # still valid JSON ...
        assert "\u202e" in text and "\x9b" in text  # ... holding the names as they are
    else:
        assert "\\u202e" in out or "\\u001b" in out  # shown, visibly


def test_bidi_override_in_a_register_cell_is_shown_not_applied(ca_mau_shp, tmp_path, capsys):
    reg = _register(tmp_path, "Tổ 1,Xã \u202eKhông Có,Năm Căn,2019\n".encode())  # listed: no match
    _, out, err = run(capsys, "register", "check", reg, "--boundaries", ca_mau_shp)
    assert "\u202e" not in out + err
    assert "\\u202e" in out + err


# -- finding 1 and 7: inputs and user files are never replaced -------------------------------------


def test_boundaries_import_into_the_inputs_folder_is_refused(shp, capsys):
    """1: ``boundaries import F.shp --out DIR`` with F in DIR rewrote the input (exit 0)."""
    before = digest(shp.parent)
    code, _, err = run(capsys, "boundaries", "import", shp, "--out", shp.parent)
    assert code == 2
    assert_message(err, "ca_mau_communes", "là tệp đầu vào của bạn", "Hãy chọn --out khác")
    assert digest(shp.parent) == before


@pytest.fixture
def fake_analysis(camau_analysis, monkeypatch):
    """Commands that analyse first use the session's analysis (what is under test is the write)."""
    from camau_gis import pipeline

    def run_analysis(**options):
        pipeline.note_inputs(**options)  # as run_analysis does
        return copy.deepcopy(camau_analysis)

    monkeypatch.setattr(pipeline, "run_analysis", run_analysis)


def _overlaps(shp: Path, reg: Path, tmp: Path) -> dict[str, list]:
    """Each command with a file option pointed at one of its inputs or a sidecar of one."""
    src = ["--boundaries", shp, "--register", reg]
    link = tmp / "link.csv"
    out = tmp / "ra"
    out.mkdir(exist_ok=True)
    shutil.copy2(reg, out / "match_report.csv")
    link.symlink_to(out / "match_report.csv")
    return {
        "build --out REGISTER": ["build", "--out", reg, "--dpi", "40", *src],
        "build register behind a link": ["build", "--out", out, "--dpi", "40",
                                         "--boundaries", shp, "--register", link],
        "analyze --out .dbf": ["analyze", "--out", shp.with_suffix(".dbf"), *src],
        "analyze register in --out": ["analyze", "--out", out, "--boundaries", shp,
                                      "--register", out / "match_report.csv"],
        "analyze --out C19": ["analyze", "--out", out / "c19.csv", *src, "--c19",
                              (shutil.copy2(EXAMPLE / "criterion19.csv", out / "c19.csv"),
                               out / "c19.csv")[1]],
        "maps --out REGISTER": ["maps", "--out", reg, "--dpi", "40", *src],
        "report --out .shx": ["report", "--out", shp.with_suffix(".shx"), "--dpi", "40", *src],
        "boundaries import --out .prj": ["boundaries", "import", shp, "--out",
                                         shp.with_suffix(".prj")],
        "register check --report REGISTER": ["register", "check", reg, "--boundaries", shp,
                                             "--report", reg],
        "register check --report .dbf": ["register", "check", reg, "--boundaries", shp,
                                         "--report", shp.with_suffix(".dbf")],
        "register check --fix REGISTER": ["register", "check", reg, "--boundaries", shp,
                                          "--fix", reg],
        "plan --out REGISTER": ["plan", "--out", reg, "--dpi", "40", *src],
        # the change map must be .html: a .html name that links to a sidecar of its input
        "crosswalk map --out link to .dbf": ["crosswalk", "map", "--out", _link(
            tmp / "map.html", shp.with_suffix(".dbf")), "--boundaries", shp,
            "--bac-lieu", BAC_LIEU_SHP],
    }


def _link(link: Path, target: Path) -> Path:
    if not link.is_symlink():
        link.symlink_to(target)
    return link


CASE_NAMES = [
    "build --out REGISTER", "build register behind a link", "analyze --out .dbf",
    "analyze register in --out", "analyze --out C19", "maps --out REGISTER", "report --out .shx",
    "boundaries import --out .prj", "register check --report REGISTER",
    "register check --report .dbf", "register check --fix REGISTER", "plan --out REGISTER",
    "crosswalk map --out link to .dbf"]


@pytest.mark.parametrize("case", CASE_NAMES)
def test_every_command_refuses_an_output_over_its_own_input(case, shp, tmp_path, capsys,
                                                            fake_analysis):
    reg = Path(shutil.copy2(EXAMPLE / "models.csv", tmp_path / "models.csv"))
    args = _overlaps(shp, reg, tmp_path)[case]
    before = {**digest(shp.parent), **digest(tmp_path / "ra"), "models.csv": digest(tmp_path)[
        "models.csv"]}
    code, _, err = run(capsys, *args)
    assert code == 2, err
    assert_message(err, "là tệp đầu vào của bạn", "tệp chưa bị thay đổi")
    after = {**digest(shp.parent), **digest(tmp_path / "ra"), "models.csv": digest(tmp_path)[
        "models.csv"]}
    assert after == before
    assert not [p for p in tmp_path.rglob(".camau-gis*")]  # no staging folder, lock or journal


def test_register_template_keeps_an_existing_file_unless_forced(tmp_path, capsys):
    """7: ``register template`` replaced an existing, possibly filled-in template."""
    folder = tmp_path / "mau"
    assert run(capsys, "register", "template", "--out", folder)[0] == 0
    path = folder / "register_template.xlsx"
    path.write_bytes(b"filled in")
    code, _, err = run(capsys, "register", "template", "--out", folder)
    assert code == 2
    assert_message(err, "register_template.xlsx", "đã có", "--force")
    assert path.read_bytes() == b"filled in"
    assert run(capsys, "register", "template", "--out", folder, "--force")[0] == 0
    assert path.read_bytes()[:2] == b"PK"


# -- finding 7: data as typed, no absolute paths -----------------------------------------------------


def test_register_text_is_stored_as_typed_and_inputs_are_named_by_file_name(ca_mau_shp, tmp_path,
                                                                            capsys):
    import pyogrio

    typed = "Tổ  tự quản\n ấp 3 "  # two spaces, a line break, a trailing space
    reg = tmp_path / "so.csv"
    note = "Ghi chú:  xem\tbiên bản "
    reg.write_text("Tên mô hình,Xã/Phường/Thị trấn,Huyện/TP,Năm xây dựng,Kinh độ,Vĩ độ,"
                   "Đơn vị chủ trì,Ghi chú\n"
                   f'"{typed}",Xã Hiệp Tùng,Năm Căn,2019,105.0,8.7," Công an  xã ","{note}"\n',
                   encoding="utf-8")
    out = tmp_path / "ket qua"
    code, _, err = run(capsys, "analyze", "--boundaries", ca_mau_shp, "--register", reg,
                       "--out", out)
    assert code == 0, err
    models = pyogrio.read_dataframe(out / "communes.gpkg", layer="models", read_geometry=False)
    assert models["name"].tolist() == [typed]
    assert models["notes"].tolist() == [note]
    assert models["lead_unit"].tolist() == [" Công an  xã "]
    summary = (out / "summary.json").read_text(encoding="utf-8")
    assert str(tmp_path) not in summary and str(ca_mau_shp.parent) not in summary
    assert json.loads(summary)["sources"] == ["so.csv"]


# -- finding 6: permission denied (run as the user nobody) -----------------------------------------


def _as_nobody(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to run the command as another user")
    return subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                           sys.executable, "-m", "camau_gis", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=300,
                          env={**os.environ, "HOME": str(cwd)})


PERMISSION = {
    "register file": (lambda shp, reg: (reg.chmod(0o600), ["register", "check", reg])[1],
                      ["models.csv", "không có quyền đọc"]),
    "register folder": (lambda shp, reg: (reg.parent.chmod(0o700), ["register", "check", reg])[1],
                        ["models.csv", "không có quyền mở thư mục"]),
    "dbf sidecar": (lambda shp, reg: (shp.with_suffix(".dbf").chmod(0o600),
                                      ["boundaries", "inspect", shp])[1],
                    ["ca_mau_communes.dbf", "không có quyền đọc", "một phần của Shapefile"]),
    "shapefile folder": (lambda shp, reg: (shp.parent.chmod(0o700),
                                           ["boundaries", "inspect", shp])[1],
                         ["ranh_gioi", "không có quyền mở thư mục này"]),
}


@pytest.mark.parametrize("case", list(PERMISSION))
def test_permission_denied_on_an_input_its_folder_or_a_sidecar_exits_3(case, shp, tmp_path):
    for p in [tmp_path, *tmp_path.rglob("*")]:
        p.chmod(0o755 if p.is_dir() else 0o644)
    let_others_reach(tmp_path)  # nobody reaches tmp_path (pytest makes it 0700) ...
    let_others_reach(Path(sys.executable).parent)  # ... and the project's interpreter
    folder = tmp_path / "so"
    folder.mkdir(mode=0o755)
    reg = Path(shutil.copy2(EXAMPLE / "models.csv", folder / "models.csv"))
    reg.chmod(0o644)
    setup, needles = PERMISSION[case]
    args = setup(shp, reg)
    proc = _as_nobody(*args, cwd=tmp_path)
    assert proc.returncode == 3, proc.stderr
    assert_message(proc.stderr, *needles)


# -- finding 6: disk full on every writer -------------------------------------------------------------


@pytest.fixture
def full_disk(tmp_path):
    """A 2 MiB tmpfs filled to the last byte."""
    mount = tmp_path / "full"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs",
                                            str(mount)], capture_output=True).returncode != 0:
        pytest.skip("needs root to mount a small tmpfs")
    try:
        with open(mount / "ballast", "wb") as fh:
            try:
                while True:
                    fh.write(b"\0" * 65536)
                    fh.flush()
            except OSError:
                pass
        yield mount
    finally:
        import gc

        gc.collect()  # a writer's unclosed file (zipfile, GDAL) would keep the mount busy
        if subprocess.run(["umount", str(mount)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(mount)], check=False)  # detach once released


def _writers():
    from camau_gis.export.tables import write_csv, write_gpkg
    from camau_gis.register import write_template
    from camau_gis.render.html import build_map, save_map
    from camau_gis.render.static import plot_map, save_figure
    from camau_gis.report._content import build_content
    from camau_gis.report.docx import write_docx
    from camau_gis.report.html import write_html

    def fig(result):
        return plot_map(result, kind="coverage", lang="vi")[0]

    def content(result, maps):
        return build_content(result, maps, lang="vi")

    return {
        "GeoPackage": lambda r, d, m: write_gpkg(r, d / "communes.gpkg"),
        "CSV": lambda r, d, m: write_csv(d / "district_summary.csv", r.districts),
        "XLSX": lambda r, d, m: write_template(d, "xlsx"),
        "PNG": lambda r, d, m: save_figure(fig(r), d / "coverage_map.png", dpi=40),
        "PDF": lambda r, d, m: save_figure(fig(r), d / "coverage_map.pdf"),
        "SVG": lambda r, d, m: save_figure(fig(r), d / "coverage_map.svg"),
        "DOCX": lambda r, d, m: write_docx(content(r, m), d / "report.docx"),
        "HTML report": lambda r, d, m: write_html(content(r, m), d / "report.html"),
        "HTML map": lambda r, d, m: save_map(build_map(r, lang="vi"), d / "coverage_map.html"),
    }


@pytest.fixture(scope="module")
def report_maps(camau_analysis, tmp_path_factory):
    from camau_gis.render.static import KINDS, save_maps

    out = tmp_path_factory.mktemp("report_maps")
    drawn = save_maps(camau_analysis, out, kinds=KINDS, formats=("png",), lang="vi", dpi=40)
    return {name.split("_map.")[0]: path for name, path in drawn.items()}


@pytest.mark.parametrize("writer", ["GeoPackage", "CSV", "XLSX", "PNG", "PDF", "SVG", "DOCX",
                                    "HTML report", "HTML map"])
def test_disk_full_on_each_writer_is_an_output_error(writer, full_disk, camau_analysis,
                                                     report_maps):
    from camau_gis.cli._errors import describe

    with pytest.raises(Exception) as caught:  # noqa: PT011 - whatever the writer raises ...
        _writers()[writer](copy.deepcopy(camau_analysis), full_disk, report_maps)
    code, message = describe(caught.value)
    assert code == 5, message  # ... is reported as "cannot write", never as a bad input
    assert "đĩa đã đầy" in message and "giải phóng" in message
    assert sorted(p.name for p in full_disk.iterdir()) == ["ballast"]  # no temporary file left


@pytest.mark.parametrize("command", [
    ["analyze"], ["build", "--dpi", "40"], ["maps", "--format", "pdf", "--dpi", "40"],
    ["report", "--dpi", "40"], ["register", "template"], ["register", "template", "-f", "csv"],
], ids=lambda c: " ".join(c[:3]))
def test_disk_full_exits_5_without_a_traceback(command, full_disk, capsys, fake_analysis,
                                               robust_inputs):
    src = [] if command[0] == "register" else ["--boundaries", robust_inputs["shp"],
                                                "--register", robust_inputs["models"]]
    code, _, err = run(capsys, *command, "--out", full_disk / "ra", *src)
    assert code == 5, err
    assert_message(err, "đĩa đã đầy", "giải phóng dung lượng đĩa")
    assert "Exception ignored" not in err
    assert ".camau-gis-staging" not in err  # the file is named as the user will look for it
    assert sorted(p.name for p in full_disk.rglob("*")) == ["ballast"]  # nothing left behind
