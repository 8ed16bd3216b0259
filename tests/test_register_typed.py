"""Values as people type them, in CSV and in XLSX: codes, criterion 19, years, names."""

from __future__ import annotations

import csv
import datetime as dt
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from camau_gis.register import match_register, read_register

MODEL_HEADERS = ["STT", "Tên mô hình", "Xã/Phường/Thị trấn", "Huyện/TP", "Năm xây dựng"]


def _csv(path: Path, rows: list[list[object]], encoding: str = "utf-8-sig") -> Path:
    with open(path, "w", newline="", encoding=encoding) as f:
        csv.writer(f).writerows(rows)
    return path


def _xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def _write(path: Path, rows: list[list[object]]) -> Path:
    return _csv(path, rows) if path.suffix == ".csv" else _xlsx(path, {"Mô hình": rows})


CODES = ["32197", "32197.0", "'32197", " 32197 ", "032197", "\u00a032197", 32197, 32197.0]


@pytest.mark.parametrize("header", ["Mã xã", "Mã đơn vị", "Mã ĐVHC", "Mã số"])
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("typed", CODES, ids=repr)
def test_codes_as_typed_join_by_code(tmp_path, ca_mau_communes, header, suffix, typed):
    if suffix == ".csv" and not isinstance(typed, str):
        typed = str(typed)
    rows = [["STT", "Tên mô hình", "Xã", header],
            [1, "Tổ tự quản", "Hiệp Tùng", typed],
            [2, "Camera", "Đất Mới", "32200"]]
    reg = read_register(_write(tmp_path / f"so{suffix}", rows))
    assert not reg.problems, reg.problems
    assert reg.models["gso_code"].tolist() == ["32197", "32200"]
    matched = match_register(reg, ca_mau_communes)
    assert matched.models["match_code"].tolist() == ["32197", "32200"]
    assert matched.report.empty
    assert header not in [h for _, _, h in reg.unused]  # the code column is read, not dropped


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_code_that_is_not_a_code_needs_attention_and_names_the_cell(tmp_path, ca_mau_communes,
                                                                      suffix):
    rows = [["Tên mô hình", "Xã", "Mã xã"], ["Tổ tự quản", "Hiệp Tùng", "32A97"],
            ["Camera", "Đất Mới", "1234567"], ["Loa", "Hàm Rồng", "32194"]]
    reg = read_register(_write(tmp_path / f"so{suffix}", rows))
    assert [(p.row, p.column, p.value) for p in reg.problems] == [
        (2, "Mã xã", "32A97"), (3, "Mã xã", "1234567")]
    matched = match_register(reg, ca_mau_communes)
    assert matched.models["match_code"].tolist() == ["", "", "32194"]
    assert matched.report["value"].tolist() == ["32A97", "1234567"]


C19_SPELLINGS = [("Đạt", True), ("Chưa đạt", False), ("Không đạt", False), ("x", True),
                 ("X", True), ("✓", True), ("Có", True), ("Không", False), ("1", True),
                 ("0", False), ("", None), ("dat", True), ("chua dat", False)]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_criterion19_spellings_long_and_wide(tmp_path, suffix):
    long = [["Xã", "Huyện", "Năm", "Đạt tiêu chí 19"]]
    wide = [["STT", "Xã", "Huyện", "2019", "Năm 2020"]]
    for i, (typed, _) in enumerate(C19_SPELLINGS):
        long.append([f"Xã {i}", "Năm Căn", 2019, typed])
        wide.append([i + 1, f"Xã {i}", "Năm Căn", typed, typed])
    models = _csv(tmp_path / "so.csv", [MODEL_HEADERS, [1, "Tổ tự quản", "Hiệp Tùng", "", 2019]])
    expected = [v for _, v in C19_SPELLINGS]
    for name, rows in (("long", long), ("wide", wide)):
        path = _write(tmp_path / f"{name}{suffix}", rows)
        reg = read_register(models, path)
        assert not reg.problems, reg.problems
        c = reg.c19
        if name == "wide":
            c = c[c["year"] == 2020]
        got = [None if pd.isna(v) else bool(v) for v in c["achieved"].astype(object)]
        assert got == expected, name


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_bad_criterion19_cell_is_a_problem_of_its_year_only(tmp_path, suffix):
    models = _csv(tmp_path / "so.csv", [MODEL_HEADERS, [1, "Tổ tự quản", "Hiệp Tùng", "", 2019]])
    wide = [["STT", "Xã", "Huyện", 2019, 2020, 2021],
            [1, "Hiệp Tùng", "Năm Căn", "Đạt", "có lẽ", "Đạt"]]
    reg = read_register(models, _write(tmp_path / f"tc19{suffix}", wide))
    assert [(p.row, p.year, p.column) for p in reg.problems] == [(2, 2020, "2020")]


YEARS = [(2018, 2018), (2018.0, 2018), ("2018", 2018), ("năm 2018", 2018),
         ("15/3/2018", 2018), ("2018-03-15", 2018), ("tháng 3/2018", 2018),
         ("Quý I/2018", 2018), ("quý 2/2019", 2019), (dt.date(2018, 3, 15), 2018),
         (dt.datetime(2019, 1, 2), 2019)]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_years_as_typed(tmp_path, suffix):
    rows = [MODEL_HEADERS]
    for i, (typed, _) in enumerate(YEARS):
        if suffix == ".csv" and isinstance(typed, dt.date):
            typed = typed.strftime("%d/%m/%Y")
        rows.append([i + 1, f"Mô hình {i}", "Hiệp Tùng", "Năm Căn", typed])
    reg = read_register(_write(tmp_path / f"so{suffix}", rows))
    assert not reg.problems, reg.problems
    assert reg.models["year_start"].tolist() == [y for _, y in YEARS]


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


NAMES = [
    ("Xã\u00a0Hiệp\u00a0Tùng", "Huyện Năm Căn", "32197"),  # NBSP
    ("\u200bHiệp Tùng\u200b", "Năm Căn\u200b", "32197"),  # zero-width spaces pasted in
    (_nfd("Xã Hiệp Tùng"), _nfd("Huyện Năm Căn"), "32197"),  # NFD (macOS, some web forms)
    ("X. Hiệp Tùng", "H. Năm Căn", "32197"),
    ("xa hiep tung", "nam can", "32197"),  # no diacritics
    ("P.1", "TP. Cà Mau", "32005"),
    ("P1", "TP Cà Mau", "32005"),
    ("Phường 01", "Thành phố Cà Mau", "32005"),
    ("TT. Năm Căn", "Năm Căn", "32191"),
    ("TT Nam Can", "Huyen Nam Can", "32191"),
    ("Việt Khái", "Phú Tân", "32230"),  # short form of Xã Nguyễn Việt Khái
    ("Viet Khai", "Phu Tan", "32230"),
    ("Xã Viet Khai", "", "32230"),
]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_names_with_invisible_characters_abbreviations_and_no_diacritics(tmp_path, suffix,
                                                                         ca_mau_communes):
    rows = [MODEL_HEADERS] + [[i + 1, f"Mô hình {i}", commune, district, 2019]
                              for i, (commune, district, _) in enumerate(NAMES)]
    reg = read_register(_write(tmp_path / f"so{suffix}", rows))
    matched = match_register(reg, ca_mau_communes)
    assert matched.models["match_code"].tolist() == [c for *_, c in NAMES], \
        matched.report[["row", "value", "reason"]].to_string()
    assert matched.report.empty


def test_viet_khai_without_diacritics_in_a_boundary_file(tmp_path, ca_mau_shp):
    """A boundary layer that writes "Viet Khai" (no diacritics) still gets GSO code 32230."""
    import geopandas as gpd

    from camau_gis.boundaries import load_communes

    gdf = gpd.read_file(ca_mau_shp)
    hit = gdf["commune_vn"] == "Xã Việt Khái"
    for written in ("Xa Viet Khai", "Viet Khai"):
        gdf.loc[hit, "commune_vn"] = written
        path = tmp_path / f"{written.replace(' ', '_')}.shp"
        gdf.to_file(path, encoding="utf-8")
        communes = load_communes(path)
        row = communes[communes["gso_code"] == "32230"]
        assert row["name"].tolist() == ["Xã Nguyễn Việt Khái"], written
