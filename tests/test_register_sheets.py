"""Sheets told apart by content; nothing dropped silently; encoding faults named; --fix; template."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from _office import CODES, office_models

from camau_gis.cli import main
from camau_gis.errors import SchemaError
from camau_gis.register import match_register, read_register, write_template


def _office_workbook(path: Path) -> Path:
    """Cover sheet, models sheet (office layout), wide criterion-19 sheet with STT, notes."""
    from openpyxl import load_workbook

    office_models(path)
    wb = load_workbook(path)
    cover = wb.create_sheet("Bìa", 0)
    cover["A3"] = "CÔNG AN TỈNH CÀ MAU"
    cover["A5"] = "BÁO CÁO KẾT QUẢ XÂY DỰNG MÔ HÌNH"
    cover["A6"] = "Năm 2024"
    c19 = wb.create_sheet("KQ TC19")
    c19.append(["KẾT QUẢ THỰC HIỆN TIÊU CHÍ SỐ 19"])
    c19.merge_cells("A1:F1")
    c19.append(["STT", "Huyện", "Xã", "Năm 2022", "Năm 2023", "Năm 2024"])
    c19.append(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"])
    c19.append([1, "Huyện Năm Căn", "Xã Hiệp Tùng", "Đạt", "Đạt", "x"])
    c19.append([2, "Huyện Năm Căn", "Xã Đất Mới", "Chưa đạt", "Đạt", "Đạt"])
    c19.append([3, "Huyện Phú Tân", "Xã Việt Khái", "", "Không đạt", "Đạt"])
    c19.append(["Tổng cộng", None, None, 1, 2, 3])
    c19.merge_cells("A7:C7")
    notes = wb.create_sheet("Ghi chú")
    notes.append(["Số liệu do Phòng Tham mưu tổng hợp."])
    notes.append(["Tiêu chí 19 theo Quyết định 318/QĐ-TTg."])
    wb.save(path)
    return path


def test_sheets_are_recognised_by_content_and_said(tmp_path, ca_mau_shp, capsys):
    path = _office_workbook(tmp_path / "so.xlsx")
    reg = read_register(path)
    kinds = {sheet: (table, row, why) for _, sheet, table, row, why in reg.sheets}
    assert kinds["Mô hình"] == ("models", 5, "")
    assert kinds["KQ TC19"] == ("c19", 2, "")  # wide by year, with STT and district columns
    assert kinds["Bìa"][0] == "" and kinds["Bìa"][2] == "cover"
    assert kinds["Ghi chú"][2] == "guide"
    c = reg.c19
    assert sorted(set(c["year"])) == [2022, 2023, 2024] and len(c) == 9
    assert {s.reason for s in reg.layout if s.sheet == "KQ TC19"} >= {"column_numbers", "total"}
    total = next(s for s in reg.layout if s.sheet == "KQ TC19" and s.reason == "total")
    assert not total.total_differs  # 1, 2 and 3 communes achieved in 2022, 2023, 2024
    code = main(["register", "check", str(path), "-b", str(ca_mau_shp),
                 "--report", str(tmp_path / "r.csv")])
    out = capsys.readouterr().out
    assert code == 0, out
    assert 'so.xlsx, trang "KQ TC19": đọc là bảng tiêu chí 19 (dòng tiêu đề 2)' in out
    assert 'so.xlsx, trang "Bìa": không đọc (trang bìa hoặc ghi chú, không có bảng)' in out


def test_c19_option_reads_a_multi_sheet_workbook(tmp_path, ca_mau_communes):
    office_models(tmp_path / "mo_hinh.xlsx")
    path = _office_workbook(tmp_path / "tc19.xlsx")
    reg = read_register(tmp_path / "mo_hinh.xlsx", path)
    assert len(reg.c19) == 9 and set(reg.c19["_sheet"]) == {"KQ TC19"}
    matched = match_register(reg, ca_mau_communes)
    assert set(matched.c19["match_code"]) == {"32197", "32200", "32230"}
    # --c19-sheet picks the sheet when the content alone would not
    reg = read_register(tmp_path / "mo_hinh.xlsx", path, c19_sheet="KQ TC19")
    assert len(reg.c19) == 9
    # and the criterion-19 sheet of the models workbook itself
    reg = read_register(path, c19_sheet="KQ TC19")
    assert len(reg.c19) == 9 and len(reg.models) == 6


def test_unused_and_look_alike_columns_are_said(tmp_path, ca_mau_shp, capsys):
    rows = [["STT", "Tên mô hình", "Xã", "Mã xã", "Mã xã (cũ)", "Người phụ trách"],
            [1, "Tổ tự quản", "Hiệp Tùng", "32197", "32197", "Ông A"],
            [2, "Camera", "Đất Mới", "32200", "32200", "Bà B"]]
    path = tmp_path / "so.csv"
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        csv.writer(f).writerows(rows)
    reg = read_register(path)
    assert [h for *_, h in reg.unused] == ["Mã xã (cũ)", "Người phụ trách"]
    warn = [w for w in reg.warnings if "Mã xã (cũ)" in w]
    assert warn and '--columns gso_code="Mã xã (cũ)"' in warn[0]
    main(["register", "check", str(path), "-b", str(ca_mau_shp), "--report",
          str(tmp_path / "r.csv")])
    out = capsys.readouterr().out
    assert 'cột không dùng (so.csv): "Mã xã (cũ)", "Người phụ trách"' in out
    assert 'lưu ý: so.csv, cột "Mã xã (cũ)": giống cột gso_code' in out


def test_duplicate_stt_rows_and_contradictory_c19_are_reported(tmp_path, ca_mau_communes):
    models = tmp_path / "so.csv"
    with open(models, "w", newline="", encoding="utf-8-sig") as f:
        csv.writer(f).writerows([
            ["STT", "Tên mô hình", "Xã", "Năm xây dựng"],
            [1, "Tổ tự quản", "Hiệp Tùng", 2018],
            [2, "Camera", "Đất Mới", 2019],
            [2, "Loa truyền thanh", "Hàm Rồng", 2019],  # STT 2 again
            [4, "Tổ tự quản", "Hiệp Tùng", 2018],  # the same model as row 2
        ])
    c19 = tmp_path / "tc19.csv"
    with open(c19, "w", newline="", encoding="utf-8-sig") as f:
        csv.writer(f).writerows([
            ["Xã", "Năm", "Đạt tiêu chí 19"],
            ["Hiệp Tùng", 2019, "Đạt"],
            ["Hiệp Tùng", 2019, "Chưa đạt"],  # contradicts row 2
        ])
    reg = read_register(models, c19)
    assert any('STT "2" bị lặp lại (lần đầu ở dòng 3)' in w for w in reg.warnings)
    assert [(p.row, p.text.say("en").split(":")[0]) for p in reg.problems] == [
        (5, "same commune, model name and year as row 2")]
    matched = match_register(reg, ca_mau_communes, lang="vi")
    rep = matched.report
    assert rep.loc[rep["table"] == "models", "row"].tolist() == [5]
    c19_rep = rep[rep["table"] == "c19"]
    assert c19_rep["row"].tolist() == [3] and "kết quả khác nhau" in c19_rep["reason"].iloc[0]
    assert matched.models["match_code"].tolist() == ["32197", "32200", "32194", ""]


def _legacy(text: str, kind: str) -> str:
    from camau_gis.io.encoding import encode_legacy

    if kind == "ansi":
        return text.encode("cp1252", errors="replace").decode("cp1252")
    if kind == "mojibake":
        return text.encode("utf-8").decode("cp1252", errors="replace")
    return encode_legacy(text, kind).decode("latin-1")


@pytest.mark.parametrize("kind, pattern", [
    ("ansi", r'bị thay bằng "\?".*lưu bằng mã ANSI.*CSV UTF-8'),
    ("mojibake", r"UTF-8 bị đọc thành Windows-1252"),
    ("tcvn3", r"phông \.VnTime \(TCVN3/ABC\).*Unikey"),
    ("vni", r"phông VNI-Times \(VNI\).*Unikey"),
])
def test_encoding_faults_are_named_with_cause_and_fix(tmp_path, kind, pattern):
    text = "Tên mô hình,Xã/Phường/Thị trấn,Năm xây dựng\nTổ tự quản,Hiệp Tùng,2018\n" \
           "Camera an ninh,Đất Mới,2019\n"
    path = tmp_path / "so.csv"
    path.write_text(_legacy(text, kind), encoding="utf-8")
    with pytest.raises(SchemaError, match=pattern):
        read_register(path)


def test_fix_writes_a_copy_that_joins_by_code(tmp_path, ca_mau_communes, ca_mau_shp, capsys):
    from openpyxl import load_workbook

    rows = {"Huyện Năm Căn": [("Xã Hiệp Tùng", "Tổ tự quản an ninh trật tự", 2018, None),
                              ("Xã Đất Mới", "Camera an ninh", 2021, None),
                              ("Xã Hàm Rồng", "Loa", "sai năm", None),
                              ("Xã Hiệp Tùnh", "Tổ hòa giải", 2020, None)]}  # a typo
    info = office_models(tmp_path / "so.xlsx", rows=rows)
    before = (tmp_path / "so.xlsx").read_bytes()
    fixed = tmp_path / "so_da_sua.xlsx"
    code = main(["register", "check", str(tmp_path / "so.xlsx"), "-b", str(ca_mau_shp),
                 "--report", str(tmp_path / "r.csv"), "--fix", str(fixed)])
    assert code == 4
    assert (tmp_path / "so.xlsx").read_bytes() == before  # the input is never modified
    ws = load_workbook(fixed)["Mô hình"]
    header = [c.value for c in ws[5]]
    code_col = header.index("Mã đơn vị") + 1  # the sheet's own code column is filled
    note_col = header.index("Cần xem lại / gợi ý") + 1
    data = info["data"]
    assert [ws.cell(r, code_col).value for r in data] == ["32197", "32200", None, None]
    assert "cần năm có 4 chữ số" in ws.cell(data[2], note_col).value
    assert "Hiệp Tùng" in ws.cell(data[3], note_col).value  # the suggestion beside the row
    for r, reason in info["layout"].items():  # layout rows kept
        if reason in ("total", "signature", "column_numbers"):
            assert any(c.value for c in ws[r]), r
    reg = read_register(fixed)
    assert reg.models["gso_code"].tolist() == ["32197", "32200", "", ""]
    matched = match_register(reg, ca_mau_communes)
    assert matched.models["match_code"].tolist()[:2] == ["32197", "32200"]
    assert "Cần xem lại / gợi ý" in [h for *_, h in reg.unused]
    # refusing to write over the input
    code = main(["register", "check", str(tmp_path / "so.xlsx"), "-b", str(ca_mau_shp),
                 "--report", str(tmp_path / "r.csv"), "--fix", str(tmp_path / "so.xlsx")])
    assert code == 2 and (tmp_path / "so.xlsx").read_bytes() == before


def test_fix_of_a_csv_register_adds_the_code_column(tmp_path, ca_mau_communes, ca_mau_shp):
    path = tmp_path / "so.csv"
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        csv.writer(f).writerows([["Tên mô hình", "Xã", "Huyện"],
                                 ["Tổ tự quản", "Hiệp Tùng", "Năm Căn"],
                                 ["Loa", "Viet Khai", "Phu Tan"]])
    fixed = tmp_path / "so.xlsx"
    assert main(["register", "check", str(path), "-b", str(ca_mau_shp), "--report",
                 str(tmp_path / "r.csv"), "--fix", str(fixed)]) == 0
    reg = read_register(fixed)
    assert reg.models["gso_code"].tolist() == ["32197", CODES["Xã Việt Khái"]]


@pytest.mark.parametrize("vintage, n, first", [("2019", 101, "Phường 9 (31999)"),
                                               ("2025", 64, "Phường Bạc Liêu (31825)")])
def test_template_has_commune_and_criterion19_drop_downs(tmp_path, vintage, n, first):
    from openpyxl import load_workbook

    from camau_gis.pipeline import template_communes

    (path,) = write_template(tmp_path / "mau.xlsx", communes=template_communes(vintage=vintage))
    wb = load_workbook(path)
    lists = wb["Danh mục"]
    assert lists.sheet_state == "hidden" and lists.max_row == n + 1
    assert lists["A2"].value == first
    ws = wb["Tiêu chí 19"]
    header = [c.value for c in ws[3]]
    rules = {str(dv.sqref).split()[0][:1]: dv.formula1 for dv in ws.data_validations.dataValidation}
    col = "ABCDEFGHIJ"[header.index("Xã/Phường/Thị trấn")]
    assert rules[col] == f"'Danh mục'!$A$2:$A${n + 1}"
    col = "ABCDEFGHIJ"[header.index("Đạt tiêu chí 19")]
    assert rules[col] == '"Đạt,Chưa đạt"'
    # a value picked from the drop-down reads as the commune and its code
    ws = wb["Mô hình"]
    header = [c.value for c in ws[3]]
    ws.cell(4, header.index("Tên mô hình") + 1, "Tổ tự quản")
    ws.cell(4, header.index("Xã/Phường/Thị trấn") + 1, lists["A3"].value)
    wb.save(tmp_path / "dien.xlsx")
    reg = read_register(tmp_path / "dien.xlsx")
    assert reg.models["gso_code"].tolist() == [lists["C3"].value]
    assert f"({reg.models['gso_code'].iloc[0]})" not in reg.models["commune"].iloc[0]
