"""Every console line of a command follows ``--lang``: Vietnamese by default, English with ``en``.

Each command runs as a user runs it (``camau_gis.cli.main``, stdout and stderr
captured) on the real Cà Mau boundaries and on bad input built the way users
make it: a Shapefile re-saved by another tool with VN-2000 coordinates labelled
WGS 84 and a self-intersecting polygon (so ``boundaries inspect`` reports the
repair, the communes outside the outline and the datum offset), an unknown
code, a wrong output name, an empty option value, a bad mapping and a bug.
Paths, file names, option names and code identifiers are left out before the
lines are searched for English words.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

#: Words of English sentences; none is a Vietnamese word written without diacritics.
ENGLISH = re.compile(
    r"\b(the|of|not|cannot|error|warning|file|files|and|with|is|are|has|no|found|missing|"
    r"invalid|rows|communes|without|repaired|outside|source|change|installed|use|write|give)\b",
    re.IGNORECASE,
)


def _prose(line: str) -> str:
    """``line`` without what is not prose: `code`, paths, options, identifiers, numbers."""
    line = re.sub(r"`[^`]*`", " ", line)
    line = re.sub(r"\([^()]*->[^()]*\)", " ", line)  # "(Polygon -> MultiPolygon)": GEOS names
    line = re.sub(r"[A-Z][a-z-]+\[[^\]]*\]", " ", line)  # GEOS's "Self-intersection[x y]"
    kept = [w for w in line.split()
            if not re.search(r"[/\\_=.]\w|^--|^-\w|EPSG|^\w+\.(csv|xlsx|shp|gpkg|json)", w)]
    return " ".join(kept)


def english_lines(text: str) -> list[str]:
    """Lines of ``text`` holding an English word outside paths, names and identifiers."""
    return [ln for ln in text.splitlines() if ENGLISH.search(_prose(ln))]


@pytest.fixture(scope="module")
def odd_shapefile(ca_mau_shp, tmp_path_factory) -> Path:
    """Cà Mau re-saved by another tool: VN-2000 coordinates labelled WGS 84, one bow-tie."""
    import geopandas as gpd
    from shapely.affinity import translate
    from shapely.geometry import Polygon

    gdf = gpd.read_file(ca_mau_shp)
    shifted = gdf.to_crs("EPSG:4756").set_crs("EPSG:4326", allow_override=True)
    x0, y0, x1, y1 = shifted.geometry.iloc[0].bounds
    shifted.loc[0, "geometry"] = Polygon([(x0, y0), (x1, y1), (x1, y0), (x0, y1)])  # bow-tie
    shifted.loc[1, "geometry"] = translate(shifted.geometry.iloc[1], xoff=-0.5)  # into the sea
    out = tmp_path_factory.mktemp("odd") / "xa_vn2000.shp"
    shifted.to_file(out, encoding="utf-8")
    return out


def _commands(ca_mau_shp: Path, odd: Path, tmp: Path) -> dict[str, list[str]]:
    return {
        "inspect": ["boundaries", "inspect", str(odd), "--reference", str(ca_mau_shp)],
        "import": ["boundaries", "import", str(ca_mau_shp), "--out", str(tmp / "imported")],
        "show": ["crosswalk", "show", "32188"],
        "show unknown": ["crosswalk", "show", "99999"],
        "table name": ["crosswalk", "table", "--out", str(tmp / "cw.json")],
        "empty value": ["build", "--out", ""],
        "mapping": ["build", "--columns", "commune", "--out", str(tmp / "o")],
        "bad format": ["maps", "--format", "gif", "--out", str(tmp / "m")],
        "bug": ["register", "template", "--out", str(tmp / "t")],
    }


def _run(capsys, argv: list[str]) -> tuple[int, str]:
    from camau_gis.cli import main

    code = main(argv)
    got = capsys.readouterr()
    return code, got.out + got.err


@pytest.fixture()
def a_bug(monkeypatch):
    """``register template`` fails with an exception camau-gis does not expect (a bug)."""
    import camau_gis.register as register_api

    def bug(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(register_api, "write_template", bug)


def test_every_console_line_is_vietnamese_by_default(ca_mau_shp, odd_shapefile, tmp_path,
                                                     capsys, a_bug):
    seen = {}
    for name, argv in _commands(ca_mau_shp, odd_shapefile, tmp_path).items():
        code, text = _run(capsys, argv)
        seen[name] = text
        assert text.strip(), name
        assert not english_lines(text), (name, english_lines(text))
    inspect = seen["inspect"]
    # the repair, the communes outside the outline and the datum offset, all in Vietnamese
    assert "đã sửa" in inspect and "make_valid" in inspect
    assert "ngoài ranh tỉnh" in inspect and "nằm ngoài đường ranh tỉnh" in inspect
    assert "lệch tọa độ" in inspect and "VN-2000 bị ghi nhầm là WGS 84" in inspect
    assert seen["show unknown"].startswith("lỗi: mã 99999")
    assert "lỗi nội bộ (ZeroDivisionError" in seen["bug"] and "--debug" in seen["bug"]
    assert "101 xã, 0 xã chưa có mã GSO" in seen["import"]


def test_lang_en_gives_english(ca_mau_shp, odd_shapefile, tmp_path, capsys, a_bug):
    expected = {
        "inspect": ["repaired with make_valid", "lies outside the province outline",
                    "the shift of VN-2000 coordinates labelled WGS 84"],
        "import": ["101 communes, 0 without a GSO code"],
        "show": ["formed from"],
        "show unknown": ["error: code 99999: not a 2019 or 2025 commune code"],
        "table name": ["error: --out", "write .csv or .xlsx"],
        "empty value": ["error: --out '': the value is empty"],
        "mapping": ["error: --columns 'commune': write ROLE=COLUMN"],
        "bad format": ["error: --format gif: not supported; use png, svg, pdf."],
        "bug": ["error: internal error (ZeroDivisionError", "this is a bug in camau-gis"],
    }
    for name, argv in _commands(ca_mau_shp, odd_shapefile, tmp_path).items():
        code, text = _run(capsys, [*argv, "--lang", "en"] if name != "bug" else
                          ["register", "template", "--lang", "en", "--out", str(tmp_path / "t")])
        for needle in expected[name]:
            assert needle in text, (name, text)
        assert "lỗi" not in text and "cảnh báo" not in text, (name, text)


def test_warnings_of_a_build_follow_lang(ca_mau_shp, tmp_path, capsys):
    """The register warning of a run (rows joining no commune) in the command's language."""
    reg = tmp_path / "so.csv"
    reg.write_text("Mã mô hình,Tên mô hình,Xã/Phường/Thị trấn,Huyện,Năm thành lập\n"
                   "M001,Tổ tự quản,Xã Không Có,Huyện Ảo,2019\n", encoding="utf-8-sig")
    argv = ["analyze", "-b", str(ca_mau_shp), "-r", str(reg), "--out", str(tmp_path / "o")]
    code, text = _run(capsys, argv)
    assert code == 0
    line = next(ln for ln in text.splitlines() if ln.startswith("cảnh báo: "))
    assert "không dòng nào trong 1 dòng của sổ" in line and not english_lines(line)
    code, text = _run(capsys, [*argv, "--lang", "en"])
    assert "warning: none of the 1 register row(s) joined a commune" in text


def test_the_filter_finds_english():
    """The check itself: an English sentence is found, paths and identifiers are not."""
    assert english_lines("error: nope.shp: no such file; check the --boundaries path.")
    assert not english_lines("lỗi: /tmp/the_file/of.shp: không có tệp; kiểm tra `camau-gis paths`.")


def test_cached_boundary_warnings_come_in_the_current_language(odd_shapefile, monkeypatch):
    """A canonical table read from the cache replays its warnings in the language of now."""
    from camau_gis import settings
    from camau_gis.boundaries import load_communes
    from camau_gis.errors import GeometryWarning

    for lang, words in [("vi", "đa giác không hợp lệ"), ("en", "invalid polygon(s) repaired"),
                        ("vi", "đa giác không hợp lệ")]:
        monkeypatch.setattr(settings, "language", lang)
        for _ in range(2):  # built (or rebuilt for the language), then read from the cache
            with pytest.warns(GeometryWarning) as rec:
                load_communes(odd_shapefile)
            assert any(words in str(w.message) for w in rec), (lang, [str(w.message) for w in rec])


def _bad_boundary_inputs(ca_mau_shp: Path, tmp: Path) -> dict[str, list[str]]:
    """Errors of the boundary readers and map options, made the way users meet them."""
    import zipfile

    parts = [p for p in ca_mau_shp.parent.iterdir() if p.stem == ca_mau_shp.stem]
    two = tmp / "hai_lop.zip"  # two Shapefiles zipped together: which one is the communes?
    with zipfile.ZipFile(two, "w") as zf:
        for p in parts:
            zf.write(p, f"xa{p.suffix}")
            zf.write(p, f"xa_cu{p.suffix}")
    lone = tmp / "thieu_dbf"
    lone.mkdir(exist_ok=True)
    for p in parts:
        if p.suffix.lower() in (".shp", ".shx", ".prj"):  # the .dbf was not copied
            (lone / f"xa{p.suffix}").write_bytes(p.read_bytes())
    return {
        "missing file": ["build", "--boundaries", str(tmp / "khong_co.shp"),
                         "--out", str(tmp / "o")],
        "two layers": ["boundaries", "inspect", str(two)],
        "no dbf": ["boundaries", "inspect", str(lone / "xa.shp")],
        "page": ["maps", "--page", "A9", "--out", str(tmp / "m")],
        "scheme": ["build", "--scheme", "Nope", "--out", str(tmp / "o")],
    }


#: What each error says in Vietnamese (default) and in English (``--lang en``).
BOUNDARY_ERRORS = {
    "missing file": ("không tìm thấy tệp; hãy kiểm tra lại đường dẫn --boundaries",
                     "no such file; check the --boundaries path"),
    "two layers": ("chứa 2 Shapefile (xa.shp, xa_cu.shp); hãy chọn một bằng --layer xa",
                   "holds 2 Shapefiles (xa.shp, xa_cu.shp); choose one with --layer xa"),
    "no dbf": ("xa.dbf bên cạnh tệp (một Shapefile gồm nhiều tệp",
               "xa.dbf missing beside it (a Shapefile is several files"),
    "page": ("khổ giấy 'A9' không có sẵn; dùng một trong A4-landscape",
             "page 'A9' is not a preset; use one of A4-landscape"),
    "scheme": ("không hỗ trợ phương pháp phân lớp 'Nope'; dùng một trong NaturalBreaks",
               "classification scheme 'Nope' is not supported; expected one of NaturalBreaks"),
}


def test_boundary_and_option_errors_follow_lang(ca_mau_shp, tmp_path, capsys):
    """Errors raised in io/boundaries, io/archives, render and classes: Vietnamese unless --lang en."""
    for name, argv in _bad_boundary_inputs(ca_mau_shp, tmp_path).items():
        vi, en = BOUNDARY_ERRORS[name]
        code, text = _run(capsys, argv)
        assert code != 0, name
        assert text.startswith("lỗi: ") and vi in text, (name, text)
        assert not english_lines(text), (name, english_lines(text))
        assert en not in text, name
        code, text = _run(capsys, [*argv, "--lang", "en"])
        assert text.startswith("error: ") and en in text, (name, text)
        assert vi not in text, name


# -- session 5: downloads, click's usage errors, the plan command, an unwritable cache ----------


def _console_cases(ca_mau_shp: Path, tmp: Path) -> dict[str, tuple[list[str], str, str]]:
    """argv, the Vietnamese text (default) and the English one (``--lang en``) of each error."""
    out = str(tmp / "o")
    return {
        "download": (["build", "--out", out],
                     "không tìm thấy tệp; hãy đặt CAMAU_GIS_DATA_URL (hoặc --base-url) tới thư "
                     "mục hoặc địa chỉ có chứa communes.rda",
                     "not found; set CAMAU_GIS_DATA_URL (or --base-url) to the folder or URL "
                     "that holds communes.rda"),
        "unknown option": (["build", "--nope", "--out", out],
                           "không có tùy chọn --nope", "No such option: --nope"),
        "missing argument": (["crosswalk", "show"], "thiếu đối số 'code'",
                             "Missing argument 'code'"),
        "not a number": (["plan", "--models", "abc", "--out", out],
                         "giá trị không hợp lệ cho '--models' / '-n': cần một số nguyên",
                         "Invalid value for '--models' / '-n': Input should be a valid integer"),
        "plan service": (["plan", "-b", str(ca_mau_shp), "--service", "nope", "--out", out],
                         "--service 'nope': hãy dùng một trong adjacent, distance (adjacent: xã "
                         "đó và các xã giáp ranh",
                         "--service 'nope': use one of adjacent, distance (adjacent: the commune "
                         "and those bordering it"),
        "plan weights": (["plan", "-b", str(ca_mau_shp), "--weights-file", str(tmp / "w.csv"),
                          "--out", out],
                         "--weights-file cần --weight-column, tên cột của tệp chứa trọng số",
                         "--weights-file needs --weight-column, the column of the file holding "
                         "the weight"),
    }


@pytest.fixture()
def no_mirror(tmp_path, monkeypatch) -> Path:
    """Empty user folders and CAMAU_GIS_DATA_URL at a local folder without communes.rda."""
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    monkeypatch.setenv("CAMAU_GIS_DATA_URL", str(mirror))
    monkeypatch.setenv("CAMAU_GIS_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("CAMAU_GIS_CACHE", str(tmp_path / "cache"))
    return mirror


def test_download_usage_and_plan_errors_follow_lang(ca_mau_shp, tmp_path, capsys, no_mirror):
    """A failed download, click's own usage errors and plan errors: Vietnamese unless --lang en."""
    (tmp_path / "w.csv").write_text("Mã xã,dan_so\n32002,1000\n", encoding="utf-8-sig")
    for name, (argv, vi, en) in _console_cases(ca_mau_shp, tmp_path).items():
        code, text = _run(capsys, argv)
        assert code != 0, name
        assert text.startswith("lỗi: ") and vi in text, (name, text)
        assert not english_lines(text), (name, english_lines(text))
        assert en not in text, (name, text)
        code, text = _run(capsys, [*argv, "--lang", "en"])
        assert code != 0, name
        assert text.startswith("error: ") and en in text, (name, text)
        assert vi not in text and "lỗi" not in text, (name, text)


def test_a_mirror_file_that_is_a_folder_fails_in_the_command_language(tmp_path, capsys,
                                                                         no_mirror):
    """CAMAU_GIS_DATA_URL at a missing folder: the download error and its hint in Vietnamese."""
    import os

    os.environ["CAMAU_GIS_DATA_URL"] = str(tmp_path / "khong_co_thu_muc")
    code, text = _run(capsys, ["boundaries", "fetch"])
    assert code == 6, text
    assert "không tìm thấy tệp; hãy đặt CAMAU_GIS_DATA_URL" in text and not english_lines(text)
    code, text = _run(capsys, ["boundaries", "fetch", "--lang", "en"])
    assert code == 6 and "not found; set CAMAU_GIS_DATA_URL" in text, text


def test_an_unwritable_cache_is_one_warning_in_the_command_language(ca_mau_shp, tmp_path,
                                                                    capsys, monkeypatch):
    """A cache folder that cannot be written (a file stands where it should be): one warning."""
    from camau_gis import settings

    for lang, words, other in [
            ("vi", "không ghi được bộ nhớ đệm", "cannot write the cache"),
            ("en", "cannot write the cache", "không ghi được bộ nhớ đệm")]:
        blocked = tmp_path / f"cache_{lang}"
        blocked.write_text("a file, not a folder\n", encoding="utf-8")
        monkeypatch.setenv("CAMAU_GIS_CACHE", str(blocked))
        monkeypatch.setattr(settings, "derived_cache_dir", blocked / "derived")
        monkeypatch.setenv("CAMAU_GIS_HOME", str(tmp_path / "home"))
        argv = ["analyze", "-b", str(ca_mau_shp), "--out", str(tmp_path / f"o_{lang}")]
        code, text = _run(capsys, argv + ["--lang", lang])
        assert code == 0, text
        lines = [ln for ln in text.splitlines() if words in ln]
        assert len(lines) == 1, text
        assert "CAMAU_GIS_CACHE" in lines[0] and other not in text
        if lang == "vi":
            assert lines[0].startswith("cảnh báo: ") and not english_lines(text), text


def test_click_help_texts_follow_lang(capsys):
    """``--help``: click's and typer's own words (Usage, Options, [default], the help option)."""
    vi = ["Cách dùng:", "build [TÙY CHỌN]", "Tùy chọn", "[mặc định: outputs]",
          "Hiện hướng dẫn này rồi thoát."]
    en = ["Usage:", "build [OPTIONS]", "Options", "[default: outputs]",
          "Show this message and exit."]
    for argv, want, gone in [(["build", "--help"], vi, en), (["build", "--help", "--lang", "en"], en, vi),
                             (["build", "--help"], vi, en)]:  # the English run left nothing behind
        code, text = _run(capsys, argv)
        flat = " ".join(text.replace("│", " ").split())  # help text wrapped inside the boxes
        assert code == 0, text
        assert all(" ".join(w.split()) in flat for w in want), (argv, text)
        assert not any(" ".join(w.split()) in flat for w in gone), (argv, text)
    code, text = _run(capsys, ["crosswalk", "show", "--help"])
    assert "Đối số" in text and "[bắt buộc]" in text, text
