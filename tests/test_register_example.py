"""The shipped example register, the criteria data, the templates and `camau-gis register …`."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from camau_gis.cli import main
from camau_gis.register import (
    EXAMPLE_C19,
    EXAMPLE_MODELS,
    load_criteria,
    match_register,
    read_register,
    write_template,
)


@pytest.fixture(scope="module")
def example(_ca_mau_communes_cached):
    return match_register(read_register(), _ca_mau_communes_cached)


def test_every_example_row_joins(example):
    assert example.report.empty
    xa = example.models[example.models["level"] == "xã"]
    assert (xa["match_code"] != "").all()
    assert (example.c19["match_code"] != "").all()
    above = example.models[example.models["level"] != "xã"]
    assert (above["match_code"] == "").all() and len(above) == 150 - 84


def test_example_totals_follow_the_seed(example, _ca_mau_communes_cached):
    models = example.models
    xa = models[models["level"] == "xã"]
    assert len(models) == 150
    assert len(xa) == 84 and xa["match_code"].nunique() == 82
    all_xa = set(
        _ca_mau_communes_cached.loc[_ca_mau_communes_cached["unit_type"] == "xã", "gso_code"]
    )
    assert set(xa["match_code"]) == all_xa  # every xã of 2019 has a model
    pilots = xa.loc[xa["ntm_pilot"], "match_code"]
    assert pilots.nunique() == 10 and len(pilots) == 12  # 18 in the seed cannot fit: see README
    assert int(models["board_reg"].sum()) == 2
    assert set(models.loc[models["board_reg"], "source"]) == {"illustrative"}
    assert example.illustrative


def test_example_seed_rows(example):
    m = example.models
    seed = m[m["source"] == "seed"].set_index("match_code")
    assert set(seed.index) == {"32233", "32176", "32197"}  # Tam Giang Tây, Tân Tiến, Hiệp Tùng
    assert seed.loc["32233", "name"] == "Xây dựng khu dân cư không có tội phạm và tệ nạn xã hội"
    assert seed.loc["32233", "kind"] == "Dân vận khéo"
    # every pilot commune rests partly on illustrative rows, so maps say "Dữ liệu minh họa"
    pilots = set(m.loc[m["ntm_pilot"], "match_code"])
    illustrative = set(m.loc[m["source"] == "illustrative", "match_code"])
    assert pilots <= illustrative
    c = example.c19
    hiep_tung = c[(c["match_code"] == "32197") & (c["year"] == 2019)].iloc[0]
    assert hiep_tung["source"] == "seed" and bool(hiep_tung["achieved"])
    assert hiep_tung["first_year"] is None or str(hiep_tung["first_year"]) == "<NA>"
    assert "trước 2019" in hiep_tung["basis"]


def test_example_exercises_staff_spellings(example):
    raw = example.models[example.models["level"] == "xã"]
    written = raw["commune"].tolist()
    assert any(not w.startswith(("Xã ",)) for w in written)  # no prefix or abbreviated
    assert any(w.isascii() for w in written)  # no diacritics
    assert raw["district"].str.startswith(("TP", "H.")).any()


def test_example_years_differ_between_2018_and_2019(example):
    xa = example.models[example.models["level"] == "xã"]
    started = xa["year_start"]
    active_2018 = xa[started.isna() | (started <= 2018)]
    assert active_2018["match_code"].nunique() < 82 < 83
    assert started.dropna().min() < 2018
    c = example.c19
    by_year = c.pivot_table(index="match_code", columns="year", values="achieved", aggfunc="first")
    changed = by_year[(by_year[2018] == False) & (by_year[2019] == True)]  # noqa: E712
    assert len(changed) >= 3


def test_example_points_fall_in_their_commune(example, _ca_mau_communes_cached):
    import geopandas as gpd

    m = example.models.dropna(subset=["lon", "lat"])
    assert len(m) >= 3
    pts = gpd.GeoSeries(gpd.points_from_xy(m["lon"], m["lat"]), crs=4326, index=m["match_code"])
    polys = _ca_mau_communes_cached.set_index("gso_code").geometry
    assert all(polys.loc[code].contains(pt) for code, pt in pts.items())


def test_criteria_sets():
    data = load_criteria()
    assert [s["decision"] for s in data["sets"]] == [
        "Quyết định 1980/QĐ-TTg",
        "Quyết định 318/QĐ-TTg",
    ]
    for s in data["sets"]:
        assert [i["code"] for i in s["items"]] == ["19.1", "19.2"]
        assert all(i["vi"] and i["en"] for i in s["items"])
    assert load_criteria(year=2019)["id"] == "2016-2020"
    assert load_criteria(year=2023)["decision"] == "Quyết định 318/QĐ-TTg"
    with pytest.raises(KeyError, match="no criterion-19 set 2030"):
        load_criteria(year=2030)


# ---------------------------------------------------------------------------- templates


FILL = [
    [
        "M1",
        "Khu dân cư không có tội phạm",
        "Dân vận khéo",
        "xã",
        "Tam Giang Tây",
        "Ngọc Hiển",
        "",
        "2018",
        "",
        "Có",
        "x",
        "Công an xã",
        "",
        "",
        "",
        "",
    ],
    [
        "M2",
        "Tổ tự quản",
        "Tự quản",
        "",
        "P.1",
        "TP Cà Mau",
        "",
        "2019",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
    [
        "M3",
        "Camera",
        "Camera an ninh",
        "huyện",
        "",
        "Năm Căn",
        "",
        "2017",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
]
FILL_C19 = [
    [
        "Hiệp Tùng",
        "Năm Căn",
        "32197",
        "2019",
        "Đạt",
        "Đạt",
        "Đạt",
        "",
        "15/12/2019",
        "QĐ 1/QĐ-UBND",
        "",
    ]
]


def test_xlsx_template_filled_reads_and_joins(tmp_path, ca_mau_communes):
    from openpyxl import load_workbook

    (path,) = write_template(tmp_path, "xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["Mô hình", "Tiêu chí 19", "Hướng dẫn", "Danh mục"]  # lists: hidden
    ws = wb["Mô hình"]
    assert ws["A3"].value == "Mã mô hình" and "A1:P1" in {str(r) for r in ws.merged_cells.ranges}
    guide = [row for row in wb["Hướng dẫn"].iter_rows(values_only=True)]
    assert any(r[2] == "ntm_pilot" for r in guide) and any(
        r[1] == "Quyết định 318/QĐ-TTg" for r in guide
    )
    for row in FILL:
        ws.append(row)
    wb["Tiêu chí 19"].append(FILL_C19[0])
    wb.save(path)
    reg = read_register(path)
    assert reg.models["_row"].tolist() == [4, 5, 6] and reg.models["_sheet"].iloc[0] == "Mô hình"
    assert reg.models["board_reg"].tolist() == [True, False, False]
    assert "Hướng dẫn" in reg.skipped[0]
    matched = match_register(reg, ca_mau_communes)
    assert matched.report.empty
    assert matched.models["match_code"].tolist() == ["32233", "32005", ""]
    assert matched.c19["match_code"].tolist() == ["32197"]


def test_csv_templates_filled_read_and_join(tmp_path, ca_mau_communes):
    models, c19 = write_template(tmp_path, "csv")
    assert models.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel shows Vietnamese
    with open(models, "a", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\r\n").writerows(FILL)
    with open(c19, "a", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\r\n").writerows(FILL_C19)
    matched = match_register(read_register(models, c19), ca_mau_communes)
    assert matched.report.empty and matched.models["match_code"].tolist() == ["32233", "32005", ""]


def test_english_guide(tmp_path):
    from openpyxl import load_workbook

    (path,) = write_template(tmp_path / "mau.xlsx", "xlsx", lang="en")
    wb = load_workbook(path)
    assert path.name == "mau.xlsx"
    assert [c.value for c in wb["Hướng dẫn"][1]][:3] == [
        "Table",
        "Column (Vietnamese)",
        "Field (English alias)",
    ]
    assert wb["Mô hình"]["A1"].value == "REGISTER OF PUBLIC-SECURITY MODELS"
    assert wb["Mô hình"]["A3"].value == "Mã mô hình"  # headers stay Vietnamese


def test_template_bad_format():
    from camau_gis.errors import OptionError

    with pytest.raises(OptionError, match="định dạng mẫu 'ods': dùng xlsx hoặc csv"):
        write_template(".", "ods")


# ---------------------------------------------------------------------------- CLI


def test_cli_check_example_all_joined(tmp_path, ca_mau_shp, capsys):
    report = tmp_path / "mr.csv"
    code = main(
        [
            "register",
            "check",
            str(EXAMPLE_MODELS),
            "--c19",
            str(EXAMPLE_C19),
            "--boundaries",
            str(ca_mau_shp),
            "--report",
            str(report),
            "--lang",
            "en",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert (
        "rows: 170 (models 150, criterion 19 20); joined: 104; above commune level: 66; "
        "needs attention: 0" in out
    )
    assert "Illustrative data" in out
    with open(report, encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    # no row needs attention; the illustrative register's report says so in its own column
    assert rows == [["file", "sheet", "row", "table", "column", "value", "reason", "candidates",
                     "illustr"]]


def test_cli_check_rows_needing_attention(tmp_path, ca_mau_shp, capsys):
    reg = tmp_path / "so.csv"
    reg.write_text(
        "Tên mô hình;Xã;Huyện;Năm xây dựng\nMột;Tân Thành;TP Cà Mau;2019\n"
        "Hai;Hiệp Tùng;Năm Căn;2018\nBa;Dat Mui;Nam Can;2018\n",
        encoding="utf-8",
    )
    report = tmp_path / "out" / "match_report.csv"
    code = main(["register", "check", str(reg), "-b", str(ca_mau_shp), "--report", str(report)])
    out = capsys.readouterr().out
    assert code == 4  # rows need attention: invalid data (camau_gis.errors)
    assert "đã khớp xã: 1; cấp huyện/tỉnh: 0; cần xem lại: 2" in out
    with open(report, encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert [(r["row"], r["column"], r["value"]) for r in rows] == [
        ("2", "Xã", "Tân Thành"),  # the column as the register's header names it
        ("4", "Huyện", "Nam Can"),
    ]
    assert "Xã Đất Mũi (Huyện Ngọc Hiển, 32248)" in rows[1]["candidates"]


def test_cli_check_columns_option(tmp_path, ca_mau_shp, capsys):
    reg = tmp_path / "so.csv"
    reg.write_text("Nội dung,Địa phương,Huyện\nTổ tự quản,Hiệp Tùng,Năm Căn\n", encoding="utf-8")
    code = main(
        [
            "register",
            "check",
            str(reg),
            "-b",
            str(ca_mau_shp),
            "--report",
            str(tmp_path / "r.csv"),
            "--columns",
            "commune=Địa phương",
            "--columns",
            "name=Nội dung",
        ]
    )
    assert code == 0, capsys.readouterr()


def test_cli_check_bad_register_one_message_exit_2(tmp_path, ca_mau_shp, capsys):
    reg = tmp_path / "so.csv"
    reg.write_text("STT,Huyện\n1,Năm Căn\n", encoding="utf-8")
    code = main(["register", "check", str(reg), "-b", str(ca_mau_shp)])
    err = capsys.readouterr().err
    assert code == 4  # invalid data (camau_gis.errors)
    assert err.startswith("lỗi: so.csv: bảng mô hình thiếu cột bắt buộc name")
    assert "Traceback" not in err


def test_cli_check_invalid_rows_lists_every_problem(tmp_path, ca_mau_shp, capsys):
    reg = tmp_path / "so.csv"
    reg.write_text("Tên mô hình,Xã,Năm xây dựng\nMột,Hiệp Tùng,1890\nHai,,2019\n", encoding="utf-8")
    assert main(["register", "check", str(reg), "-b", str(ca_mau_shp)]) == 4
    out = capsys.readouterr().out.splitlines()  # per row: listed, the file not refused
    assert "số dòng: 2 (mô hình 2, tiêu chí 19 0); đã khớp xã: 0; cấp huyện/tỉnh: 0; " \
        "cần xem lại: 2" in out
    rows = [ln for ln in out if ln.startswith("  so.csv, dòng ")]
    assert rows[0].startswith('  so.csv, dòng 2, Năm xây dựng: giá trị "1890": năm ngoài')
    assert rows[1].startswith("  so.csv, dòng 3, Xã: trống")


def test_cli_template_then_check(tmp_path, ca_mau_shp, capsys):
    assert main(["register", "template", "--format", "csv", "--out", str(tmp_path)]) == 0
    listed = [Path(p) for p in capsys.readouterr().out.split()]
    assert sorted(p.name for p in listed) == ["criterion19_template.csv", "models_template.csv"]
    models = tmp_path / "models_template.csv"
    with open(models, "a", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(FILL)
    assert (
        main(
            [
                "register",
                "check",
                str(models),
                "-b",
                str(ca_mau_shp),
                "--report",
                str(tmp_path / "r.csv"),
            ]
        )
        == 0
    )


def test_cli_check_report_as_xlsx(tmp_path, ca_mau_shp):
    from openpyxl import load_workbook

    reg = tmp_path / "so.csv"
    reg.write_text("Tên mô hình,Xã,Huyện\nMột,Tân Thành,TP Cà Mau\n", encoding="utf-8")
    report = tmp_path / "doi_chieu.xlsx"
    assert (
        main(["register", "check", str(reg), "-b", str(ca_mau_shp), "--report", str(report)]) == 4
    )
    ws = load_workbook(report)["Đối chiếu"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("file", "sheet", "row", "table", "column", "value", "reason", "candidates")
    assert rows[1][2:6] == (2, "models", "Xã", "Tân Thành")
    assert "Xã Tân Thành (Thành phố Cà Mau, 32026)" in rows[1][7]


def test_filled_template_flows_into_the_analysis(tmp_path, ca_mau_communes):
    """Template -> filled -> read -> match -> analyze (the build's first stages)."""
    from openpyxl import load_workbook

    from camau_gis.analysis import analyze

    (path,) = write_template(tmp_path, "xlsx")
    wb = load_workbook(path)
    for row in FILL:
        wb["Mô hình"].append(row)
    wb["Tiêu chí 19"].append(FILL_C19[0])
    wb.save(path)
    result = analyze(ca_mau_communes, match_register(read_register(path), ca_mau_communes))
    c = result.communes.set_index("gso_code")
    assert c.loc["32233", "n_models"] == 1 and bool(c.loc["32233", "ntm_pilot"])
    assert c.loc["32005", "n_models"] == 1
    assert c.loc["32197", "c19_status"] == "achieved" and not bool(c.loc["32197", "covered"])
    assert int(c["n_models"].sum()) == 2  # the huyện-level model counts for no commune
    assert not result.illustrative and result.match_report.empty


def test_shipped_field_definitions_follow_the_schema():
    from camau_gis.normalize.register import C19_FIELDS, MODEL_FIELDS, header_keys
    from camau_gis.schema import C19_COLUMNS, MODEL_COLUMNS

    assert tuple(f.name for f in MODEL_FIELDS) == MODEL_COLUMNS
    assert tuple(f.name for f in C19_FIELDS) == C19_COLUMNS
    for fields in (MODEL_FIELDS, C19_FIELDS):  # no header answers to two fields of a table
        owners: dict[str, str] = {}
        for f in fields:
            for h in (f.header_vi, f.header_en, *f.aliases):
                for k in header_keys(h)[:1]:
                    assert owners.setdefault(k, f.name) == f.name, (h, owners[k], f.name)
