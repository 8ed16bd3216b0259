"""Registers as provincial offices keep them: layout rows skipped and said, problems per row."""

from __future__ import annotations

import pytest
from _office import CODES, MODELS, office_models

from camau_gis.cli import main
from camau_gis.register import match_register, read_register

TRAPS = ["title", "column_numbers", "district_heading", "merged_district", "subtotal", "total",
         "note", "place_date", "signature", "blank", "unit_heading"]


def _layout(reg) -> dict[int, str]:
    return {s.row: s.reason for s in reg.layout}


def _expected_codes() -> list[str]:
    return [CODES[c] for items in MODELS.values() for c, *_ in items]


def test_office_workbook_with_every_trap(tmp_path, ca_mau_communes):
    info = office_models(tmp_path / "so.xlsx")
    reg = read_register(tmp_path / "so.xlsx")
    assert reg.models["_row"].tolist() == info["data"]
    got = _layout(reg)
    # every layout row the office put there is listed with its reason (blank rows
    # below the table too, which the builder leaves between blocks)
    assert {r: got[r] for r in info["layout"]} == info["layout"]
    assert set(got.values()) - set(info["layout"].values()) <= {"blank"}
    assert not reg.problems
    # merged district cells and district headings give the district of each row
    assert reg.models["district"].tolist() == [d for d, items in MODELS.items() for _ in items]
    # "Mã đơn vị" is the code column: typed as numbers, read as 5-digit codes
    assert reg.models["gso_code"].tolist()[:2] == ["32065", "32068"]
    matched = match_register(reg, ca_mau_communes)
    assert matched.models["match_code"].tolist() == _expected_codes()
    assert matched.report.empty
    totals = [s for s in reg.layout if s.reason in ("total", "subtotal")]
    assert totals and not any(s.total_differs for s in totals)


@pytest.mark.parametrize("trap", TRAPS)
def test_each_layout_trap_alone(tmp_path, ca_mau_communes, trap):
    info = office_models(tmp_path / "so.xlsx", traps={trap})
    reg = read_register(tmp_path / "so.xlsx")
    assert reg.models["_row"].tolist() == info["data"]
    got = _layout(reg)
    assert {r: got.get(r) for r in info["layout"]} == info["layout"]
    matched = match_register(reg, ca_mau_communes)
    if trap in ("merged_district", "district_heading"):
        assert matched.models["match_code"].tolist() == _expected_codes()
    assert not reg.problems


def test_check_cli_lists_layout_rows_and_exits_0(tmp_path, ca_mau_shp, capsys):
    info = office_models(tmp_path / "so.xlsx")
    report = tmp_path / "report.csv"
    code = main(["register", "check", str(tmp_path / "so.xlsx"), "-b", str(ca_mau_shp),
                 "--report", str(report)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert 'so.xlsx, trang "Mô hình": đọc là bảng mô hình (dòng tiêu đề 5)' in out
    for row, reason in [(6, "dòng đánh số cột"), (21, "dòng tổng cộng"),
                        (25, "dòng chữ ký"), (24, "dòng địa danh, ngày tháng")]:
        assert f'trang "Mô hình", dòng {row}: {reason}' in out
    assert "khớp với 6 dòng đã đọc" in out
    assert "cần xem lại: 0" in out and "đã khớp xã: 6" in out
    import csv

    with open(report, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    layout = {int(r["row"]): r["reason"] for r in rows if r["table"] == "layout"}
    assert set(info["layout"]) <= set(layout)
    assert layout[21].startswith("dòng tổng cộng")


def test_a_bad_cell_leaves_the_other_rows_unchanged(tmp_path, ca_mau_communes, ca_mau_shp,
                                                    capsys):
    clean = office_models(tmp_path / "clean.xlsx")
    good = match_register(read_register(tmp_path / "clean.xlsx"), ca_mau_communes).models
    rows = {d: list(items) for d, items in MODELS.items()}
    rows["Huyện Thới Bình"][1] = ("Xã Biển Bạch", "Camera an ninh", "hai nghìn", 32068)  # year
    rows["Huyện Năm Căn"][1] = ("Xã Đất Mới", "Camera an ninh", 2021, "32A00")  # code
    rows["Huyện Phú Tân"][0] = ("", "Tổ tự quản an ninh trật tự", 2019, None)  # no commune
    info = office_models(tmp_path / "so.xlsx", rows=rows)
    assert info["data"] == clean["data"]
    reg = read_register(tmp_path / "so.xlsx")
    bad = {(p.row, p.column) for p in reg.problems}
    r1, r2, r3 = info["data"][1], info["data"][4], info["data"][5]
    assert bad == {(r1, "Năm xây dựng"), (r2, "Mã đơn vị"), (r3, "Xã/Phường/Thị trấn")}
    matched = match_register(reg, ca_mau_communes)
    m = matched.models
    assert m.loc[m["_row"].isin([r1, r2, r3]), "match_code"].tolist() == ["", "", ""]
    keep = ~m["_row"].isin([r1, r2, r3])
    assert m.loc[keep, "match_code"].tolist() == good.loc[keep, "match_code"].tolist()
    assert m.loc[keep, "year_start"].tolist() == good.loc[keep, "year_start"].tolist()
    assert sorted(set(matched.report["row"])) == [r1, r2, r3]
    assert matched.summary()["needs_attention"] == 3
    code = main(["register", "check", str(tmp_path / "so.xlsx"), "-b", str(ca_mau_shp),
                 "--report", str(tmp_path / "r.csv")])
    out = capsys.readouterr().out
    assert code == 4  # some rows need attention; the file is not refused
    assert "cần xem lại: 3" in out and "đã khớp xã: 3" in out
    assert f'dòng {r1}, Năm xây dựng: value "hai nghìn": expected a year' in out


def test_totals_that_differ_from_the_rows_read_are_reported(tmp_path):
    from openpyxl import load_workbook

    info = office_models(tmp_path / "so.xlsx")
    total_row = next(r for r, why in info["layout"].items() if why == "total")
    wb = load_workbook(tmp_path / "so.xlsx")
    wb["Mô hình"].cell(total_row, 4, 7)  # the office wrote 7, the table holds 6 rows
    wb.save(tmp_path / "so.xlsx")
    reg = read_register(tmp_path / "so.xlsx")
    total = next(s for s in reg.layout if s.reason == "total")
    assert total.total_differs
    assert "ghi 7 nhưng đọc được 6 dòng" in total.message("vi")
    assert any("says 7 but 6 rows were read" in w for w in reg.warnings)
    assert len(reg.models) == 6


def test_analysis_goes_on_and_says_how_many_rows_need_attention(tmp_path, ca_mau_shp):
    from camau_gis.pipeline import run_analysis

    rows = {d: list(items) for d, items in MODELS.items()}
    rows["Huyện Thới Bình"][1] = ("Xã Biển Bạch", "Camera an ninh", "năm ngoái", 32068)
    office_models(tmp_path / "so.xlsx", rows=rows)
    with pytest.warns(UserWarning, match=r"1 trong 6 dòng của sổ theo dõi cần xem lại"):
        result = run_analysis(boundaries=ca_mau_shp, register=tmp_path / "so.xlsx", year=2024)
    report = result.match_report
    assert report["row"].tolist() == [10] and report["column"].tolist() == ["Năm xây dựng"]
    covered = set(result.communes.loc[result.communes["n_models"] > 0, "gso_code"])
    assert covered == set(_expected_codes()) - {"32068"}  # the other rows are analysed
