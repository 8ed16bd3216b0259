"""uncovered_communes.xlsx above MAX_DISTRICT_SHEETS districts: one sheet grouped by district."""

from __future__ import annotations

from test_analysis_scenario import scenario_result

from camau_gis.export import tables as outputs
from camau_gis.export.tables import header, write_tables


def test_many_districts_share_one_sheet_grouped_by_district(tmp_path, monkeypatch):
    import openpyxl

    result = scenario_result()
    monkeypatch.setattr(outputs, "MAX_DISTRICT_SHEETS", 3)  # Cà Mau has 9 districts
    paths = write_tables(result, tmp_path)
    wb = openpyxl.load_workbook(paths["uncovered_communes.xlsx"])
    assert wb.sheetnames == ["Toàn tỉnh", "Theo huyện", "Cụm chưa có mô hình", "Ghi chú"]
    ws = wb["Theo huyện"]
    head = [c.value for c in ws[1]]
    assert head == [c.value for c in wb["Toàn tỉnh"][1]]
    assert ws.freeze_panes == "F2"  # header row and the name column (E) stay in view
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(result.uncovered)
    district = [r[head.index(header("district", "vi"))] for r in rows]
    dist_rank = [r[head.index(header("dist_rank", "vi"))] for r in rows]
    code = [r[head.index(header("gso_code", "vi"))] for r in rows]
    assert sorted(code) == sorted(result.uncovered["gso_code"])
    order = result.districts.loc[~result.districts["is_total"], "district"].tolist()
    groups = list(dict.fromkeys(district))
    assert groups == [d for d in order if d in set(district)]  # contiguous, summary order
    for name in groups:
        ranks = [r for d, r in zip(district, dist_rank, strict=True) if d == name]
        assert ranks == list(range(1, len(ranks) + 1))


def test_few_districts_keep_one_sheet_each(tmp_path):
    import openpyxl

    result = scenario_result()
    paths = write_tables(result, tmp_path)
    names = openpyxl.load_workbook(paths["uncovered_communes.xlsx"], read_only=True).sheetnames
    order = result.districts.loc[~result.districts["is_total"], "district"].tolist()
    assert len(order) <= outputs.MAX_DISTRICT_SHEETS
    assert names[1:-2] == order
