"""Registers written in 2025 units, in 2019 units, and across the reform (issue 18).

Every register is built here the way an office keeps one: an XLSX workbook
with a title row (openpyxl) or a CSV saved by Excel (UTF-8 with BOM). The
expected codes are those of the crosswalk package (vietnamadminunits), the
boundaries the real files in ../shared/data.
"""

from __future__ import annotations

import csv
import json
import warnings
from pathlib import Path

import pytest

HEADERS = ["Mã mô hình", "Tên mô hình", "Loại mô hình", "Cấp", "Xã/Phường/Thị trấn", "Huyện/TP",
           "Mã xã", "Năm xây dựng", "Năm kết thúc"]

#: A register kept since 2025 in today's units: names and codes of 2025, no district.
ROWS_2025 = [
    ["M01", "Tổ tự quản khóm 3", "Tự quản", "xã", "Phường An Xuyên", "", "32002", 2025, None],
    ["M02", "Camera an ninh ấp Tân Long", "Camera an ninh", "xã", "Xã Tân Tiến", "", "32188",
     2026, None],
    ["M03", "Dân vận khéo khóm 5", "Dân vận khéo", "xã", "Phường Bạc Liêu", "", "31825", 2025,
     None],
    ["M04", "Tổ hòa giải ấp Mũi", "Hòa giải ở cơ sở", "xã", "Xã Phan Ngọc Hiển", "", "32244",
     2026, None],
    ["M05", "Camera khóm 1", "Camera an ninh", "xã", "Phường An Xuyên", "", "32002", 2026, None],
    ["M06", "Tổ tự quản ấp 7", "Tự quản", "xã", "Xã Nguyễn Việt Khái", "", "32227", 2026, None],
    ["M07", "Tổ tự quản ấp Kinh Tắc", "Tự quản", "xã", "Xã Hồng Dân", "", "31843", 2025, None],
]
#: The 2025 code and the 2019 name of one row, as the vintage-aware matcher must read them.
EXPECTED_2025 = {"M01": "32002", "M02": "32188", "M03": "31825", "M04": "32244", "M05": "32002",
                 "M06": "32227", "M07": "31843"}

#: A register of 2019 units (districts written).
ROWS_2019 = [
    ["A1", "Tổ tự quản ấp 1", "Tự quản", "xã", "Xã Tân Tiến", "Huyện Đầm Dơi", "", 2018, None],
    ["A2", "Camera an ninh", "Camera an ninh", "xã", "Phường 9", "Thành phố Cà Mau", "", 2019, None],
    ["A3", "Dân vận khéo", "Dân vận khéo", "xã", "Xã Nguyễn Việt Khái", "Huyện Phú Tân", "", 2017,
     None],
    ["A4", "Tổ hòa giải", "Hòa giải ở cơ sở", "xã", "Xã Tân Ân", "Huyện Ngọc Hiển", "", 2016, None],
]
EXPECTED_2019 = {"A1": "32176", "A2": "31999", "A3": "32230", "A4": "32245"}

#: Kept across the reform, 2024-2026: the same model in Xã Tân Tiến (2019) and its successor.
ROWS_MIXED = [
    ["X1", "Tổ tự quản ấp 3", "Tự quản", "xã", "Xã Tân Tiến", "Huyện Đầm Dơi", "", 2018, None],
    ["X2", "Tổ tự quản ấp 3", "Tự quản", "xã", "Xã Tân Tiến", "", "32188", 2026, None],
    ["X3", "Camera an ninh khóm 2", "Camera an ninh", "xã", "Phường 9", "Thành phố Cà Mau", "", 2024,
     None],
    ["X4", "Dân vận khéo khóm 4", "Dân vận khéo", "xã", "Phường An Xuyên", "", "", 2026, None],
    ["X5", "Tổ hòa giải ấp 2", "Hòa giải ở cơ sở", "xã", "Xã Khánh Bình", "Huyện Trần Văn Thời", "",
     2016, 2020],
    ["X6", "Tổ hòa giải ấp 9", "Hòa giải ở cơ sở", "xã", "Tân Ân", "", "", None, None],
    ["X7", "Camera an ninh khóm 6", "Camera an ninh", "xã", "Phường 9", "", "32002", 2026, None],
]


C19_HEADERS = ["Xã/Phường/Thị trấn", "Huyện/TP", "Mã xã", "Năm", "Đạt tiêu chí 19",
               "Ngày đánh giá"]
#: Criterion 19 across the reform: the 2019 communes of Xã Tân Tiến (2025), then the unit itself.
C19_MIXED = [
    ["Xã Tân Tiến", "Huyện Đầm Dơi", "", 2019, "Đạt", "15/12/2019"],
    ["Xã Nguyễn Huân", "Huyện Đầm Dơi", "", 2019, "Chưa đạt", "15/12/2019"],
    ["Xã Tân Tiến", "", "32188", 2025, "Đạt", "20/12/2025"],
]


def write_csv(path: Path, rows: list[list], headers: list[str] = HEADERS) -> Path:
    """A CSV as Excel saves it: UTF-8 with BOM, CRLF."""
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(headers)
        w.writerows([["" if v is None else v for v in r] for r in rows])
    return path


def write_xlsx(path: Path, rows: list[list]) -> Path:
    """A workbook with a title row above the header, codes typed as text."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Mô hình"
    ws.append(["SỔ THEO DÕI MÔ HÌNH BẢO ĐẢM AN NINH TRẬT TỰ (đơn vị hành chính từ 01/07/2025)"])
    ws.append(HEADERS)
    for r in rows:
        ws.append(r)
    for row in ws.iter_rows(min_row=3, min_col=7, max_col=7):
        for cell in row:
            cell.number_format = "@"
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def index(ca_mau_shp, bac_lieu_shp):
    from camau_gis.crosswalk import load_merged_communes
    from camau_gis.crosswalk.tables import matching_tables
    from camau_gis.normalize.vintage import VintageIndex

    communes = load_merged_communes(ca_mau_shp, bac_lieu_shp)
    return communes, VintageIndex(communes, matching_tables())


def _match(path: Path, index, admin=None, lang="vi"):
    from camau_gis.register import match_register, read_register

    communes, vindex = index
    return match_register(read_register(path), communes, vintages=vindex, admin=admin, lang=lang)


def _by_id(matched) -> dict[str, tuple[str, str]]:
    m = matched.models
    return {i: (v, c) for i, v, c in zip(m["model_id"], m["match_vint"], m["match_code"],
                                         strict=True)}


def _report(matched, row: int) -> dict:
    rep = matched.report[matched.report["row"] == row]
    assert len(rep) == 1, matched.report.to_dict("records")
    return rep.iloc[0].to_dict()


# --------------------------------------------------------------------------- matching


def test_all_2025_register_is_matched_in_2025_units(tmp_path, index):
    from camau_gis.normalize.vintage import register_vintage

    matched = _match(write_xlsx(tmp_path / "so_2025.xlsx", ROWS_2025), index)
    got = _by_id(matched)
    assert got == {k: ("2025", v) for k, v in EXPECTED_2025.items()}
    assert matched.report.empty, matched.report.to_dict("records")
    rv = register_vintage(list(matched.models["match_vint"]), 0, "vi")
    assert rv["text"] == "Sổ theo đơn vị hành chính 2025 (7 dòng)"
    assert register_vintage(list(matched.models["match_vint"]), 0, "en")["text"] == (
        "Register in the administrative units of 2025 (7 rows)")


def test_all_2019_register_is_matched_in_2019_units(tmp_path, index, ca_mau_shp):
    from camau_gis.pipeline import run_analysis

    path = write_csv(tmp_path / "so_2019.csv", ROWS_2019)
    matched = _match(path, index)
    assert _by_id(matched) == {k: ("2019", v) for k, v in EXPECTED_2019.items()}
    assert matched.report.empty
    # built on the 2019 units, as before: 101 communes in 9 districts
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = run_analysis(register=path, boundaries=ca_mau_shp)
    assert result.meta["admin"] == "2019" and len(result.communes) == 101
    assert result.communes["district"].nunique() == 9
    n = dict(zip(result.communes["gso_code"], result.communes["n_models"], strict=True))
    assert {c: k for c, k in n.items() if k} == {c: 1 for c in EXPECTED_2019.values()}
    assert result.summary["register_vintage"]["text"] == "Sổ theo đơn vị hành chính 2019 (4 dòng)"


def test_shared_name_without_year_is_ambiguous_with_both_candidates(tmp_path, index):
    rows = [["S1", "Tổ tự quản", "Tự quản", "xã", "Tân Tiến", "", "", None, None],
            ["S2", "Tổ tự quản", "Tự quản", "xã", "Xã Nguyễn Việt Khái", "", "", None, None],
            ["S3", "Tổ tự quản", "Tự quản", "xã", "Xã Nguyễn Việt Khái", "", "", 2018, None],
            ["S4", "Tổ tự quản", "Tự quản", "xã", "Xã Nguyễn Việt Khái", "", "", 2026, None]]
    matched = _match(write_csv(tmp_path / "so.csv", rows), index)
    got = _by_id(matched)
    assert got["S1"] == ("?", "") and got["S2"] == ("?", "")  # never joined silently
    assert got["S3"] == ("2019", "32230") and got["S4"] == ("2025", "32227")  # the year decides
    r = _report(matched, 2)
    assert r["reason"].startswith('Cần kiểm tra: không rõ thời kỳ. "Tân Tiến" có ở cả hai thời kỳ: '
                                  "Xã Tân Tiến (Huyện Đầm Dơi) (trước 01/07/2025) và Xã Tân Tiến "
                                  "(từ 01/07/2025)")
    assert r["candidates"] == ("Xã Tân Tiến (Huyện Đầm Dơi, 32176) [đơn vị hành chính 2019]; "
                               "Xã Tân Tiến (32188) [đơn vị hành chính 2025]")
    en = _match(write_csv(tmp_path / "so.csv", rows), index, lang="en")
    assert "ambiguous vintage" in _report(en, 3)["reason"]
    assert "Xã Nguyễn Việt Khái (32227) [2025 units]" in _report(en, 3)["candidates"]


@pytest.mark.parametrize(("year", "date", "expected"), [
    (2025, "2025-09-30", ("2025", "32188")), (2025, "2025-03-01", ("2019", "32176")),
    (2025, "", ("?", "")), (2024, "", ("2019", "32176")), (2026, "", ("2025", "32188"))])
def test_assessment_date_decides_a_shared_name(index, year, date, expected):
    from camau_gis.normalize.vintage import AMBIGUOUS, match_vintage

    vm = match_vintage("Xã Tân Tiến", "", "", index[1], year=year, date=date)
    got = (AMBIGUOUS if vm.match.reason == "vint_ambiguous" else vm.vintage, vm.match.code)
    assert got == expected


def test_assessment_before_the_unit_existed_is_noted(index):
    from camau_gis.normalize.vintage import match_vintage, vint_text

    vm = match_vintage("Phường An Xuyên", "", "", index[1], year=2019, assessment=True)
    assert (vm.vintage, vm.match.code) == ("2025", "32002")
    note = {k: v for k, v in vm.note.items() if k not in ("reason", "column")}
    assert vint_text(vm.note["reason"], note, index[1], "vi").startswith(
        "Phường An Xuyên là đơn vị từ 1/7/2025 (gồm Phường 1, Phường 2, Phường 4, Phường 9, …), "
        "nhưng dòng đánh giá ghi 2019, trước khi có đơn vị này")
    model = match_vintage("Phường An Xuyên", "", "", index[1], year=2019)
    assert (model.vintage, model.match.code, model.note) == ("2025", "32002", {})


def test_2025_code_with_2019_name_counts_for_the_2025_unit(tmp_path, index):
    rows = [["C1", "Camera", "Camera an ninh", "xã", "Phường 9", "", "32002", None, None],
            ["C2", "Camera", "Camera an ninh", "xã", "Phường 1", "", "32188", None, None]]
    matched = _match(write_csv(tmp_path / "so.csv", rows), index)
    got = _by_id(matched)
    assert got["C1"] == ("2025", "32002")  # 32002 was Phường 4 in 2019: only 2025 fits
    assert _report(matched, 2)["reason"] == (
        'Mã xã 32002 là Phường An Xuyên (đơn vị từ 1/7/2025); "Phường 9" là đơn vị trước sáp '
        "nhập, nay thuộc Phường An Xuyên: đã tính cho Phường An Xuyên; ghi tên mới cho khớp mã")
    assert got["C2"] == ("", "")
    r = _report(matched, 3)
    assert r["reason"] == ("Mã xã 32188: trước 01/07/2025 là Xã Nguyễn Huân (Huyện Đầm Dơi), từ "
                           '01/07/2025 là Xã Tân Tiến; dòng ghi "Phường 1", không khớp thời kỳ '
                           "nào: sửa mã hoặc tên")
    assert "đơn vị hành chính 2019" in r["candidates"] and "đơn vị hành chính 2025" in r["candidates"]


def test_admin_2019_names_the_2025_unit_and_what_to_do(tmp_path, index):
    rows = [["P1", "Camera", "Camera an ninh", "xã", "Phường An Xuyên", "", "", None, None],
            ["P2", "Camera", "Camera an ninh", "xã", "Xã Tân Tiến", "", "", None, None],
            ["P3", "Camera", "Camera an ninh", "xã", "Phường An Xuyên", "TP Cà Mau", "", None, None]]
    matched = _match(write_csv(tmp_path / "so.csv", rows), index, admin="2019")
    got = _by_id(matched)
    assert got["P1"] == ("2025", "")  # a 2025 row: reported, never put on a 2019 unit
    assert got["P2"] == ("2019", "32176")  # --admin 2019 decides a shared name
    r = _report(matched, 2)
    assert r["reason"] == ("Phường An Xuyên là đơn vị từ 1/7/2025 (gồm Phường 1, Phường 2, "
                           "Phường 4, Phường 9, …): dùng --admin 2025 hoặc ghi tên trước sáp nhập")
    cands = r["candidates"].split("; ")
    assert cands[0] == "Phường An Xuyên (32002) [đơn vị hành chính 2025]"
    assert any(c.startswith("Xã An Xuyên (Thành phố Cà Mau, 32023) [đơn vị hành chính 2019]")
               for c in cands)  # the old prefix fix is still offered, labelled 2019
    assert "dùng --admin 2025" in _report(matched, 4)["reason"]
    # without --admin 2019 a district marks a pre-2025 row
    auto = _match(write_csv(tmp_path / "so.csv", rows), index)
    assert _by_id(auto)["P1"] == ("2025", "32002")
    assert _report(auto, 4)["reason"].startswith(
        "Phường An Xuyên là đơn vị từ 1/7/2025 (gồm Phường 1, Phường 2, Phường 4, Phường 9, …), "
        'không thuộc huyện nào; dòng ghi huyện "TP Cà Mau"')


def test_phuong_4_after_its_merger_is_carried_with_a_note(tmp_path, index):
    rows = [["W1", "Camera", "Camera an ninh", "xã", "Phường 4", "Thành phố Cà Mau", "", 2025, None],
            ["W2", "Camera", "Camera an ninh", "xã", "Phường 4", "Thành phố Cà Mau", "", 2023, None]]
    matched = _match(write_csv(tmp_path / "so.csv", rows), index)
    assert _by_id(matched) == {"W1": ("2019", "32002"), "W2": ("2019", "32002")}
    assert _report(matched, 2)["reason"] == (
        "Phường 4 (Thành phố Cà Mau) không còn từ 1/12/2024 (nhập vào Phường 2); dòng năm 2025 "
        "được tính cho đơn vị kế thừa: ghi tên đơn vị mới")
    assert len(matched.report) == 1


# --------------------------------------------------------------------------- build


@pytest.fixture(scope="module")
def built_2025(tmp_path_factory, ca_mau_shp, bac_lieu_shp):
    from camau_gis.pipeline import build

    tmp = tmp_path_factory.mktemp("reg2025")
    register = write_xlsx(tmp / "so_2025.xlsx", ROWS_2025)
    seen = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        build(tmp / "out", dpi=40, register=register, boundaries=ca_mau_shp, bac_lieu=bac_lieu_shp,
              on_result=seen.append)
    return tmp / "out", seen[0]


def test_build_on_a_2025_register_writes_64_units_with_its_models(built_2025):
    import geopandas as gpd

    from camau_gis.render.html import read_payload

    out, result = built_2025
    assert result.meta["admin"] == "2025"  # no --admin needed
    units = gpd.read_file(out / "communes.gpkg", layer="communes")
    assert len(units) == 64 and set(units["vintage"]) == {"2025"}
    expected: dict[str, int] = {}
    for code in EXPECTED_2025.values():
        expected[code] = expected.get(code, 0) + 1
    got = dict(zip(units["gso_code"], units["n_models"], strict=True))
    assert {c: n for c, n in got.items() if n} == expected
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["province"]["units"] == 64
    assert summary["province"]["models_commune_level"] == len(ROWS_2025)
    assert summary["register_vintage"]["vintage"] == "2025"
    assert summary["register_vintage"]["text"] == "Sổ theo đơn vị hành chính 2025 (7 dòng)"
    with (out / "uncovered_communes.csv").open(encoding="utf-8-sig") as f:
        uncovered = list(csv.DictReader(f))
    assert len(uncovered) == summary["province"]["units_in_data"] - len(expected)
    payload = read_payload(out / "coverage_map.html")
    feats = {f["properties"]["gso_code"]: f["properties"] for f in payload["communes"]["features"]}
    assert len(feats) == 64
    assert {c: p["n_models"] for c, p in feats.items() if p["n_models"]} == expected
    # the register covers units of both old provinces: nothing is "outside the register"
    assert summary["crosswalk"]["old_provinces_no_data"] == []
    # 2025 polygons from the dissolve: approximate where a 2019 commune was divided
    assert not units.loc[units["gso_code"] == "32244", "geom_exact"].iloc[0]


def test_admin_2019_on_a_2025_register_is_refused_with_the_reason(tmp_path, ca_mau_shp):
    import subprocess
    import sys

    register = write_xlsx(tmp_path / "so_2025.xlsx", ROWS_2025)
    res = subprocess.run([sys.executable, "-m", "camau_gis", "build", "-r", str(register), "-b",
                          str(ca_mau_shp), "--admin", "2019", "-o", str(tmp_path / "out")],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 2, res.stderr
    assert res.stderr.startswith("lỗi: ") and "Traceback" not in res.stderr
    text = " ".join(res.stderr.split())
    assert "--admin 2019: sổ theo đơn vị hành chính 2025 (7 dòng, không dòng nào theo đơn vị " \
           'trước 01/07/2025), ví dụ so_2025.xlsx "Mô hình", dòng 3: Phường An Xuyên là đơn vị ' \
           "từ 1/7/2025 (gồm Phường 1, Phường 2, Phường 4, Phường 9, …): dùng --admin 2025" in text
    assert "Bỏ --admin 2019 (hoặc dùng --admin 2025)" in text
    assert not (tmp_path / "out" / "summary.json").exists()


def test_register_check_matches_rows_in_their_vintage(tmp_path, ca_mau_shp):
    import subprocess
    import sys

    register = write_xlsx(tmp_path / "so_2025.xlsx", ROWS_2025 + [
        ["M08", "Camera", "Camera an ninh", "xã", "Phường 1", "Thành phố Bạc Liêu", "", 2019, None]])
    res = subprocess.run([sys.executable, "-m", "camau_gis", "register", "check", str(register),
                          "-b", str(ca_mau_shp), "--report", str(tmp_path / "r.csv")],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stdout + res.stderr  # every row joined, Bạc Liêu 2019 too
    assert ("Sổ gồm 1 dòng theo đơn vị hành chính 2019 và 7 dòng theo đơn vị hành chính 2025"
            in res.stdout)


@pytest.fixture(scope="module")
def built_mixed(tmp_path_factory, ca_mau_shp, bac_lieu_shp):
    from camau_gis.pipeline import build

    tmp = tmp_path_factory.mktemp("mixed")
    register = write_csv(tmp / "so_2016_2026.csv", ROWS_MIXED)
    c19 = write_csv(tmp / "tieu_chi_19.csv", C19_MIXED, C19_HEADERS)
    seen = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        build(tmp / "out", dpi=40, register=register, c19=c19, boundaries=ca_mau_shp,
              bac_lieu=bac_lieu_shp, compare=(2019, 2026), on_result=seen.append)
    return tmp / "out", seen[0], [str(w.message) for w in caught]


def test_mixed_register_compare_across_the_reform_on_2025_units(built_mixed):
    out, result, messages = built_mixed
    with (out / "year_comparison.csv").open(encoding="utf-8-sig") as f:
        rows = {r["Mã đơn vị"]: r for r in csv.DictReader(f)}
    assert len(rows) == 64  # one row per 2025 unit
    an_xuyen, tan_tien, khanh_binh = rows["32002"], rows["32188"], rows["32110"]
    assert (an_xuyen["Số mô hình 2019"], an_xuyen["Số mô hình 2026"]) == ("0", "3")
    assert an_xuyen["Thay đổi về mô hình"] == "Mới có mô hình"
    assert "Phường 9 (Thành phố Cà Mau)" in an_xuyen["Đơn vị trước 01/07/2025"]
    # one model registered in Xã Tân Tiến (2019) and again in its successor: counted once
    assert (tan_tien["Số mô hình 2019"], tan_tien["Số mô hình 2026"]) == ("1", "1")
    assert (khanh_binh["Số mô hình 2019"], khanh_binh["Số mô hình 2026"]) == ("1", "0")
    # criterion 19: in 2019 the unit's territory did not all achieve it (Nguyễn Huân did not);
    # the 2025 unit's own assessment (20/12/2025) decides 2026
    assert (tan_tien["Tiêu chí 19 năm 2019"], tan_tien["Tiêu chí 19 năm 2026"]) == (
        "Chưa đạt", "Đạt")
    assert tan_tien["Thay đổi về tiêu chí 19"] == "Mới đạt"
    c19 = result.c19.set_index("_row")
    assert list(c19["match_vint"]) == ["2019", "2019", "2025"]
    assert list(c19["match_code"]) == ["32188", "32188", "32188"]  # all on the 2025 unit
    changed = {c for c, r in rows.items() if r["Số mô hình 2019"] != r["Số mô hình 2026"]}
    assert changed == {"32002", "32110"}
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["compare"]["crosses_reform"] is True and summary["compare"]["units"] == 64
    note = ("So sánh 2019 với 2026 qua mốc sáp nhập 01/07/2025: số liệu năm 2019 của các đơn vị "
            "trước sáp nhập được chuyển sang 64 đơn vị hành chính 2025 theo bảng chuyển đổi")
    assert summary["compare"]["note"] == note and note in messages
    assert summary["province"]["models_commune_level"] == 4  # X1=X2 once, X3, X4, X7; X5 ended
    rv = summary["register_vintage"]
    assert (rv["vintage"], rv["rows_2019"], rv["rows_2025"], rv["rows_ambiguous"]) == (
        "mixed", 5, 4, 1)  # models and criterion-19 rows
    with (out / "match_report.csv").open(encoding="utf-8-sig") as f:
        report = {int(r["row"]): r for r in csv.DictReader(f)}
    assert set(report) == {2, 7, 8}
    assert report[8]["reason"].startswith('Mã xã 32002 là Phường An Xuyên (đơn vị từ 1/7/2025); '
                                          '"Phường 9" là đơn vị trước sáp nhập')
    assert report[2]["reason"] == (
        'Có thể trùng với dòng 3: mô hình "Tổ tự quản ấp 3" ghi ở Xã Tân Tiến (Huyện Đầm Dơi) '
        "(trước 01/07/2025) và ở Xã Tân Tiến, đơn vị kế thừa (từ 01/07/2025); chỉ tính một lần "
        "(dòng 3, từ năm 2018): giữ một dòng")
    assert report[7]["reason"].startswith('Cần kiểm tra: không rõ thời kỳ. "Tân Ân"')
    models = result.models.set_index("model_id")
    assert models.loc["X2", "match_code"] == "32188" and models.loc["X1", "match_code"] == ""
    assert models.loc["X3", "match_code"] == "32002" and models.loc["X3", "match_2019"] == "31999"
    assert (models.loc["X7", "match_vint"], models.loc["X7", "match_code"]) == ("2025", "32002")
    assert (models.loc["X6", "match_vint"], models.loc["X6", "match_code"]) == ("?", "")


def test_year_before_the_reform_on_2025_units_says_so(tmp_path, ca_mau_shp, bac_lieu_shp):
    from camau_gis.pipeline import run_analysis

    register = write_csv(tmp_path / "so.csv", ROWS_MIXED)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = run_analysis(register=register, boundaries=ca_mau_shp, bac_lieu=bac_lieu_shp,
                              year=2019, lang="en")
    n = dict(zip(result.communes["gso_code"], result.communes["n_models"], strict=True))
    assert len(n) == 64 and (n["32002"], n["32188"], n["32110"]) == (0, 1, 1)
    note = result.summary["year_note"]
    assert note.startswith("2019 is before the merger of 1 July 2025")
    assert note in [str(w.message) for w in caught]


def test_official_2025_boundary_file_replaces_the_dissolve(tmp_path, ca_mau_shp, bac_lieu_shp,
                                                           monkeypatch):
    import geopandas as gpd

    from camau_gis import settings
    from camau_gis.boundaries import load_communes, write_canonical

    # 2019 rows still need the 2019 communes: the default layer (as `boundaries fetch` writes it)
    monkeypatch.setattr(settings, "shapefiles_dir", tmp_path / "shapefiles")
    write_canonical(load_communes(ca_mau_shp))
    from camau_gis.crosswalk import dissolve_2025, load_merged_communes
    from camau_gis.pipeline import run_analysis

    shapes = dissolve_2025(load_merged_communes(ca_mau_shp, bac_lieu_shp))
    official = gpd.GeoDataFrame({"ma_xa": shapes["gso_code"], "ten_xa": shapes["name"]},
                                geometry=shapes.geometry.to_numpy(), crs=shapes.crs)
    path = tmp_path / "ranh_gioi_2025.gpkg"
    official.to_file(path, layer="xa_2025", engine="pyogrio")
    register = write_csv(tmp_path / "so.csv", ROWS_2025)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = run_analysis(register=register, boundaries=path, bac_lieu=bac_lieu_shp)
    units = result.communes
    assert len(units) == 64 and units["geom_exact"].all() and (units["geom_note"] == "").all()
    assert result.summary["crosswalk"]["boundaries_2025"] == str(path)
    got = dict(zip(units["gso_code"], units["n_models"], strict=True))
    assert got["32002"] == 2 and sum(got.values()) == len(ROWS_2025)
    # a file whose names contradict its codes is refused, naming the row
    from camau_gis.crosswalk.bounds import read_2025_boundaries
    from camau_gis.errors import BoundaryError

    official.loc[0, "ten_xa"] = "Xã Không Có"
    bad = tmp_path / "bad.gpkg"
    official.to_file(bad, layer="xa_2025", engine="pyogrio")
    with pytest.raises(BoundaryError, match=r"mã 31825 năm 2025 là Phường Bạc Liêu, nhưng tệp "
                                            r"ghi 'Xã Không Có'"):
        read_2025_boundaries(bad)


def test_64_units_agree_with_vietnam_provinces():
    """The crosswalk's 2025 units (vietnamadminunits) against the maintained vietnam-provinces."""
    vp = pytest.importorskip("vietnam_provinces")
    from camau_gis.crosswalk import new_units_table
    from camau_gis.text import nfc

    ours = new_units_table()
    theirs = {str(w.code.value).zfill(5): w for w in vp.Ward.iter_by_province(vp.ProvinceCode(96))}
    assert set(theirs) == set(ours["gso_code"])
    disagree = [(r.gso_code, r.name, theirs[r.gso_code].name) for r in ours.itertuples()
                if nfc(theirs[r.gso_code].name) != nfc(r.name)
                or theirs[r.gso_code].division_type.value != r.unit_type]
    assert disagree == []
