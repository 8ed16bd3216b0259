"""write_tables: CSV with BOM, XLSX sheets, GeoPackage layers and summary.json, read back."""

from __future__ import annotations

import csv
import dataclasses
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from test_analysis_scenario import make_matched, scenario_communes, scenario_result, scenario_rows

from camau_gis import schema
from camau_gis.export.tables import GPKG_LAYERS, header, write_tables

DOC = Path(__file__).resolve().parent.parent / "docs" / "summary_schema.md"


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("tables")
    return out, write_tables(scenario_result(), out)


def _doc_fields(section: str) -> list[str]:
    """Field names (first-column backticked names) of a table under a heading of the doc."""
    text = DOC.read_text(encoding="utf-8")
    body = text.split(f"## {section}", 1)[1].split("\n## ", 1)[0]
    table = re.search(r"(?:^\|.*\n)+", body, flags=re.M).group(0)  # the first table
    return re.findall(r"^\| `([a-z0-9_]+)` \|", table, flags=re.M)


def _read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 BOM for Excel"
    return list(csv.reader(raw[3:].decode("utf-8").splitlines()))


def test_every_documented_file_is_written_and_no_temp_file_left(written):
    out, paths = written
    assert set(paths) == {"uncovered_communes.csv", "uncovered_communes.xlsx",
                          "district_summary.csv", "district_summary.xlsx", "communes.gpkg",
                          "match_report.csv", "summary.json", "year_comparison.csv",
                          "year_comparison.xlsx"}
    assert all(p.parent == out for p in paths.values())
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_uncovered_csv_has_vietnamese_headers_and_the_ranked_rows(written):
    _, paths = written
    rows = _read_csv(paths["uncovered_communes.csv"])
    header, body = rows[0], rows[1:]
    assert header[:5] == ["Thứ tự ưu tiên", "Thứ tự trong huyện", "Mức ưu tiên", "Mã đơn vị",
                          "Tên đơn vị"]
    result = scenario_result()
    names = [r[header.index("Tên đơn vị")] for r in body]
    assert names == result.uncovered["name"].tolist()
    status = [r[header.index("Tiêu chí 19")] for r in body]
    assert status[0] == "Chưa đạt" and set(status) <= {"Đạt", "Chưa đạt", "Không có dữ liệu"}


def test_english_tables(tmp_path):
    result = scenario_result()
    en = dataclasses.replace(result, meta={**result.meta, "lang": "en"})
    paths = write_tables(en, tmp_path)
    header, *body = _read_csv(paths["uncovered_communes.csv"])
    assert header[:5] == ["Rank", "Rank in district", "Priority", "GSO code", "Commune"]
    assert body[0][header.index("Reasons")].startswith("No commune-level model")
    import openpyxl

    wb = openpyxl.load_workbook(paths["uncovered_communes.xlsx"])
    assert wb.sheetnames[0] == "Province total" and wb.sheetnames[-1] == "Notes"
    summary = json.loads(paths["summary.json"].read_text(encoding="utf-8"))
    assert summary["lang"] == "en"


def test_uncovered_xlsx_sheets_headers_frozen_panes_and_formats(written):
    import openpyxl

    _, paths = written
    result = scenario_result()
    wb = openpyxl.load_workbook(paths["uncovered_communes.xlsx"])
    districts = result.districts.loc[~result.districts["is_total"], "district"].tolist()
    assert wb.sheetnames == ["Toàn tỉnh", *districts, "Cụm chưa có mô hình", "Ghi chú"]
    expected_header = [header(k, "vi") for k in (
        "rank", "dist_rank", "priority", "gso_code", "name", "district", "unit_type",
        "c19_status", "c19_first", "isolated", "cluster", "cluster_size", "dist_cov_km",
        "area_km2", "ntm_pilot", "illustr", "reasons")]
    for name in ["Toàn tỉnh", *districts]:
        ws = wb[name]
        assert [c.value for c in ws[1]] == expected_header
        assert ws.freeze_panes == "F2"  # header row and the name column (E) stay in view
        assert ws.column_dimensions["Q"].width > 20  # reasons column is widened
    province = wb["Toàn tỉnh"]
    assert province.max_row == 1 + len(result.uncovered)
    km_col = expected_header.index("Cách đơn vị có mô hình gần nhất (km)") + 1
    assert province.cell(2, km_col).number_format == "0.00"
    assert isinstance(province.cell(2, km_col).value, (int, float))
    for name in districts:
        n = int((result.uncovered["district"] == name).sum())
        assert wb[name].max_row == 1 + n
    assert wb["Huyện Năm Căn"]["E2"].value == "Xã Hiệp Tùng"
    notes = {r[0].value: r[1].value for r in wb["Ghi chú"].iter_rows()}
    assert notes["Năm số liệu"] == "2019"
    clusters = wb["Cụm chưa có mô hình"]
    assert [c.value for c in clusters[1]] == ["Cụm", "Số đơn vị", "Huyện/thành phố", "Các đơn vị"]
    first = [c.value for c in clusters[2]]
    assert first[0] == 1 and first[1] == 9 and first[2] == "Thành phố Cà Mau"
    assert sum(r[1].value for r in clusters.iter_rows(min_row=2)) == len(result.uncovered)


def test_year_comparison_csv_and_xlsx(written):
    import openpyxl

    _, paths = written
    header, *body = _read_csv(paths["year_comparison.csv"])
    assert header == ["Mã đơn vị", "Tên đơn vị", "Huyện/thành phố", "Số mô hình 2018",
                      "Số mô hình 2019", "Thay đổi số mô hình", "Có mô hình 2018",
                      "Có mô hình 2019", "Tiêu chí 19 năm 2018", "Tiêu chí 19 năm 2019",
                      "Thay đổi về mô hình", "Thay đổi về tiêu chí 19"]
    assert len(body) == 101
    rows = {r[1]: r for r in body}
    assert rows["Phường 7"][10] == "Mới có mô hình"
    assert rows["Thị trấn Năm Căn"][10] == "Không còn mô hình"
    assert rows["Xã Tam Giang"][11] == "Mới đạt"
    assert rows["Phường 5"][11] == "Không còn đạt"
    wb = openpyxl.load_workbook(paths["year_comparison.xlsx"])
    assert wb.sheetnames == ["So sánh 2018-2019", "Ghi chú"]
    assert wb["So sánh 2018-2019"].freeze_panes == "C2"


def test_district_summary_csv_and_xlsx(written):
    import openpyxl

    _, paths = written
    header, *body = _read_csv(paths["district_summary.csv"])
    assert header[:3] == ["Mã huyện", "Huyện/thành phố", "Số đơn vị cấp xã"]
    assert len(body) == 10 and body[-1][1] == "Toàn tỉnh" and body[-1][2] == "101"
    wb = openpyxl.load_workbook(paths["district_summary.xlsx"])
    assert wb.sheetnames == ["Tổng hợp theo huyện", "Ghi chú"]
    ws = wb["Tổng hợp theo huyện"]
    assert ws.freeze_panes == "C2"
    assert ws.auto_filter.ref.endswith("10")  # the total row (11) is outside the filter
    assert ws.cell(11, 2).value == "Toàn tỉnh" and ws.cell(11, 2).font.bold
    share = [c.value for c in ws[1]].index("Tỷ lệ có mô hình") + 1
    assert ws.cell(2, share).number_format == "0.0%"
    assert ws.cell(11, share).value == pytest.approx(80 / 101, abs=1e-4)


@pytest.mark.parametrize("layer", GPKG_LAYERS)
def test_gpkg_layers_carry_the_documented_fields(written, layer):
    import pyogrio

    _, paths = written
    assert [name for name, _ in pyogrio.list_layers(paths["communes.gpkg"])] == list(GPKG_LAYERS)
    info = pyogrio.read_info(paths["communes.gpkg"], layer=layer)
    section = {"communes": "`communes` layer", "uncovered": "`uncovered_communes` table",
               "districts": "`district_summary` table", "models": "`models` layer"}[layer]
    documented = _doc_fields(section)
    assert list(info["fields"]) == documented
    assert info["crs"] == "EPSG:4326"


def test_gpkg_content_reads_back_with_fiona_and_matches_the_result(written):
    import fiona
    import geopandas as gpd

    _, paths = written
    result = scenario_result()
    communes = gpd.read_file(paths["communes.gpkg"], layer="communes", engine="pyogrio")
    assert len(communes) == 101
    assert communes.set_index("gso_code")["n_models"].to_dict() == (
        result.communes.set_index("gso_code")["n_models"].to_dict())
    with fiona.open(paths["communes.gpkg"], layer="uncovered") as src:
        feats = list(src)
        assert [f["properties"]["name"] for f in feats] == result.uncovered["name"].tolist()
        assert src.schema["properties"]["reasons"].startswith("str")
    districts = gpd.read_file(paths["communes.gpkg"], layer="districts")
    assert len(districts) == 9
    metric = "EPSG:32648"  # dissolving removes the overlaps between neighbours (~0.2 %)
    assert districts.to_crs(metric).area.sum() == pytest.approx(
        communes.to_crs(metric).area.sum(), rel=0.01)
    assert set(districts["dist_code"]) == set(communes["dist_code"])
    models = gpd.read_file(paths["communes.gpkg"], layer="models")
    assert len(models) == 0  # the scenario gives no coordinates: empty layer, fields kept


def test_models_layer_has_one_point_per_model_with_coordinates(tmp_path):
    from camau_gis.analysis import analyze

    communes = scenario_communes()
    models, c19 = scenario_rows(communes)
    models[0].update(lon=105.15, lat=9.18)
    models[1].update(lon=105.02, lat=8.95)
    res = analyze(communes, make_matched(models, c19), permutations=0)
    paths = write_tables(res, tmp_path)
    import geopandas as gpd

    pts = gpd.read_file(paths["communes.gpkg"], layer="models")
    assert len(pts) == 2 and set(pts.geom_type) == {"Point"}
    assert pts["model_id"].tolist() == [models[0]["model_id"], models[1]["model_id"]]
    assert pts.geometry.x.tolist() == pytest.approx([105.15, 105.02])
    assert pts["src_row"].tolist() == [2, 3]


def test_match_report_always_written_with_header(written, tmp_path):
    _, paths = written
    rows = _read_csv(paths["match_report.csv"])
    assert rows == [list(schema.MATCH_REPORT_COLUMNS)]
    communes = scenario_communes()
    models, c19 = scenario_rows(communes)
    report = pd.DataFrame([dict(file="r.csv", sheet="", row=7, table="models", column="commune",
                                value="Xã Không Có", reason="không tìm thấy",
                                candidates="Xã Khánh An")])
    from camau_gis.analysis import analyze

    res = analyze(communes, make_matched(models, c19, report=report), permutations=0)
    paths2 = write_tables(res, tmp_path)
    header, *body = _read_csv(paths2["match_report.csv"])
    assert header == list(schema.MATCH_REPORT_COLUMNS)
    assert body == [["r.csv", "", "7", "models", "commune", "Xã Không Có", "không tìm thấy",
                     "Xã Khánh An"]]
    summary = json.loads(paths2["summary.json"].read_text(encoding="utf-8"))
    assert summary["match_report"]["rows"] == 1


def test_summary_json_is_documented_and_flags_illustrative(written, tmp_path):
    _, paths = written
    summary = json.loads(paths["summary.json"].read_text(encoding="utf-8"))
    documented = set(_doc_fields("`summary.json`"))
    assert set(summary) == documented
    assert summary["illustrative"] is False and summary["note"] is None
    assert summary["province"]["units"] == 101
    assert summary["reconciliation"]["any_mismatch"] is True
    assert summary["compare"]["coverage_change"]["newly_covered"] == 1
    assert summary["spatial"]["moran"]["p_value"] <= 0.05
    assert "summary.json" in summary["files"]

    communes = scenario_communes()
    models, c19 = scenario_rows(communes)
    for row in models[:5]:
        row["source"] = "illustrative"
    from camau_gis.analysis import analyze

    res = analyze(communes, make_matched(models, c19, illustrative=True), permutations=0)
    paths2 = write_tables(res, tmp_path)
    summary2 = json.loads(paths2["summary.json"].read_text(encoding="utf-8"))
    assert summary2["illustrative"] is True and summary2["note"] == "Dữ liệu minh họa"
    import openpyxl

    notes = openpyxl.load_workbook(paths2["uncovered_communes.xlsx"])["Ghi chú"]
    assert notes["A1"].value == "Dữ liệu minh họa"


def test_rewrite_replaces_files_atomically(tmp_path):
    result = scenario_result()
    first = write_tables(result, tmp_path)
    before = first["summary.json"].read_text(encoding="utf-8")
    again = write_tables(result, tmp_path)
    assert again["summary.json"].read_text(encoding="utf-8") == before
    import pyogrio

    assert len(pyogrio.list_layers(again["communes.gpkg"])) == 4
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_uncodable_units_keep_their_own_rows_and_shapes(tmp_path):
    """Units whose GSO code is "" are listed and mapped one by one, never merged."""
    import geopandas as gpd

    from camau_gis.analysis import analyze

    communes = scenario_communes()
    blank = communes["name"].isin(["Phường 4", "Phường 9"])
    communes.loc[blank, "gso_code"] = ""
    models, c19 = scenario_rows(communes)
    res = analyze(communes, make_matched(models, c19), permutations=0)
    assert {"Phường 4", "Phường 9"} <= set(res.uncovered["name"])
    paths = write_tables(res, tmp_path)
    layer = gpd.read_file(paths["communes.gpkg"], layer="uncovered").set_index("name")
    for name in ("Phường 4", "Phường 9"):
        original = communes.loc[communes["name"] == name].geometry.iloc[0]
        assert layer.loc[name, "gso_code"] in ("", None)
        assert layer.loc[name].geometry.equals_exact(original, tolerance=1e-9)


@pytest.mark.parametrize(("name", "expected"), [
    ("'Quoted'", "Quoted"),  # Excel refuses a sheet name starting or ending with '
    ("A[1]:b*c?d/e\\f", "A_1__b_c_d_e_f"),
    ("Huyện\x01 X", "Huyện\ufffd X"),  # control characters cannot go into workbook.xml
    ("'" * 5, "Sheet"),
    ("x" * 30 + "'y", "x" * 30),  # cut to 31 characters, then no trailing '
])
def test_sheet_names_are_valid_for_excel(name, expected):
    from camau_gis.export.tables import _sheet_name

    used: set[str] = set()
    assert _sheet_name(name, used) == expected
    assert _sheet_name(name, used) == (expected[:27] + " (2)")  # a repeat gets a number


def test_formula_like_text_is_text_in_csv_and_xlsx(tmp_path):
    from openpyxl import load_workbook

    result = scenario_result()
    first = result.uncovered.index[0]
    result.uncovered.loc[first, "name"] = '=HYPERLINK("http://x","y")'
    paths = write_tables(result, tmp_path)
    head, *body = _read_csv(paths["uncovered_communes.csv"])
    names = [dict(zip(head, r, strict=True))[header("name", "vi")] for r in body]
    assert '\'=HYPERLINK("http://x","y")' in names
    ws = load_workbook(paths["uncovered_communes.xlsx"]).worksheets[0]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == '=HYPERLINK("http://x","y")')
    assert cell.data_type == "s" and cell.quotePrefix


def test_xlsx_notes_name_the_boundaries_as_the_maps_credit_does(tmp_path):
    """The notes sheet names the boundary source with author and licence, never a folder."""
    import openpyxl

    from camau_gis.render.captions import boundary_sources

    result = scenario_result()
    result.meta["boundaries"] = "/home/office/ranh_gioi/vietnam63_communes.gpkg"
    paths = write_tables(result, tmp_path)
    notes = dict(openpyxl.load_workbook(paths["uncovered_communes.xlsx"])["Ghi chú"].values)
    assert notes["Ranh giới"] == boundary_sources(result, "vi")
    assert "giấy phép MIT" in notes["Ranh giới"] and "/home/office" not in notes["Ranh giới"]
