"""Matching register rows to the real Cà Mau communes: codes, prefixes, diacritics, traps."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from camau_gis.normalize.matching import CommuneIndex, match_one, reason_text
from camau_gis.register import match_register, read_register
from camau_gis.schema import MATCH_REPORT_COLUMNS


@pytest.fixture(scope="module")
def index(_ca_mau_communes_cached):
    return CommuneIndex(_ca_mau_communes_cached)


@pytest.mark.parametrize(
    "commune, district, code, expected",
    [
        # by GSO code, whatever the name's spelling
        ("Hiep Tung", "Nam Can", "32197", "32197"),
        ("", "", "32197", "32197"),
        # Phường and Xã Tân Thành: same district, same name, told apart by the prefix
        ("Phường Tân Thành", "Thành phố Cà Mau", "", "32025"),
        ("P. Tân Thành", "TP Cà Mau", "", "32025"),
        ("Xã Tân Thành", "TP. Cà Mau", "", "32026"),
        ("Xa Tan Thanh", "Ca Mau", "", "32026"),
        ("X. Tân Thành", "Cà Mau", "", "32026"),
        # Thị trấn and Xã Thới Bình in Huyện Thới Bình
        ("TT Thới Bình", "Thới Bình", "", "32065"),
        ("Thị trấn Thới Bình", "Huyện Thới Bình", "", "32065"),
        ("Xã Thới Bình", "H. Thới Bình", "", "32077"),
        # near twins Đất Mới (Năm Căn) / Đất Mũi (Ngọc Hiển)
        ("Đất Mới", "Năm Căn", "", "32200"),
        ("Đất Mũi", "Ngọc Hiển", "", "32248"),
        ("Dat Mui", "Ngoc Hien", "", "32248"),
        ("Dat Moi", "", "", "32200"),
        # numbered wards
        ("P.1", "TP Cà Mau", "", "32005"),
        ("P1", "Thành phố Cà Mau", "", "32005"),
        ("Phường 01", "Cà Mau", "", "32005"),
        ("phuong 9", "", "", "31999"),
        # case, tone-mark placement, missing diacritics, spacing
        ("Xã Hoà Thành", "TP Cà Mau", "", "32038"),
        ("XÃ HÒA THÀNH", "thành phố cà mau", "", "32038"),
        ("Khánh Hoà", "U Minh", "", "32047"),
        ("Hiep  Tung", "huyen Nam Can", "", "32197"),
        ("Tam Giang Tay", "Ngọc Hiển", "", "32233"),
        # township prefixes
        ("TT. Năm Căn", "Năm Căn", "", "32191"),
        ("Thi tran Song Doc", "Tran Van Thoi", "", "32098"),
        # codes written where names are expected
        ("32197", "", "", "32197"),
        ("Hiệp Tùng", "971", "", "32197"),
        ("Phường Tân Thành", "964", "", "32025"),
    ],
)
def test_rows_that_join(index, commune, district, code, expected):
    m = match_one(commune, district, code, index)
    assert (m.code, m.reason) == (expected, "")


@pytest.mark.parametrize(
    "commune, district, code, reason, column, candidate",
    [
        (
            "Tân Thành",
            "TP Cà Mau",
            "",
            "ambiguous",
            "commune",
            "Phường Tân Thành (Thành phố Cà Mau, 32025)",
        ),
        (
            "Tan Thanh",
            "Ca Mau",
            "",
            "ambiguous",
            "commune",
            "Xã Tân Thành (Thành phố Cà Mau, 32026)",
        ),
        (
            "Thới Bình",
            "Thới Bình",
            "",
            "ambiguous",
            "commune",
            "Thị trấn Thới Bình (Huyện Thới Bình, 32065)",
        ),
        (
            "Đất Mũi",
            "Năm Căn",
            "",
            "district_conflict",
            "district",
            "Xã Đất Mũi (Huyện Ngọc Hiển, 32248)",
        ),
        (
            "Xã Hiệp Tùng",
            "Đầm Dơi",
            "",
            "district_conflict",
            "district",
            "Xã Hiệp Tùng (Huyện Năm Căn, 32197)",
        ),
        ("Hiệp Tùnh", "Năm Căn", "", "not_found", "commune", "Xã Hiệp Tùng (Huyện Năm Căn, 32197)"),
        ("Khánh Hộ", "U Minh", "", "not_found", "commune", "Xã Khánh Hội (Huyện U Minh, 32062)"),
        (
            "Xã Hiệp Tùng",
            "Năm Căn",
            "32176",
            "code_conflict",
            "commune",
            "Xã Tân Tiến (Huyện Đầm Dơi, 32176)",
        ),
        ("", "Năm Căn", "32176", "code_conflict", "district", "Xã Tân Tiến (Huyện Đầm Dơi, 32176)"),
        (
            "Hiệp Tùng",
            "",
            "99999",
            "code_unknown",
            "gso_code",
            "Xã Hiệp Tùng (Huyện Năm Căn, 32197)",
        ),
        ("Hiệp Tùng", "Năm Cănn", "", "district_unknown", "district", "Huyện Năm Căn"),
        (
            "Xã Tân Xuyên",
            "Cà Mau",
            "",
            "type_conflict",
            "commune",
            "Phường Tân Xuyên (Thành phố Cà Mau, 32022)",
        ),
        ("", "Năm Căn", "", "empty", "commune", ""),
        ("Hiệp Tùng", "970", "", "district_conflict", "district", "Xã Hiệp Tùng (Huyện Năm Căn"),
        ("32197", "Đầm Dơi", "", "code_conflict", "district", "Xã Hiệp Tùng (Huyện Năm Căn"),
    ],
)
def test_rows_reported_not_joined(index, commune, district, code, reason, column, candidate):
    m = match_one(commune, district, code, index)
    assert m.code == "" and m.reason == reason and m.column == column
    assert candidate == "" or any(c.startswith(candidate) for c in m.candidates)


def test_one_wrong_letter_is_suggested_with_a_score_never_joined(index):
    m = match_one("Xã Hiệp Tùnh", "Huyện Năm Căn", "", index)
    assert m.code == ""
    assert m.candidates[0].startswith("Xã Hiệp Tùng (Huyện Năm Căn, 32197) ~")
    assert 75 <= float(m.candidates[0].rsplit("~", 1)[1].rstrip("%")) < 100


def test_district_conflict_lists_both_values_and_the_near_twin(index):
    m = match_one("Đất Mũi", "Huyện Năm Căn", "", index)
    text = reason_text(m, "en")
    assert "Huyện Ngọc Hiển" in text and '"Huyện Năm Căn"' in text
    assert any(c.startswith("Xã Đất Mới (Huyện Năm Căn, 32200)") for c in m.candidates)
    assert "thuộc Huyện Ngọc Hiển" in reason_text(m, "vi")


def test_ambiguous_reason_in_both_languages(index):
    m = match_one("Tân Thành", "Cà Mau", "", index)
    assert "names several units" in reason_text(m, "en")
    assert "trùng tên" in reason_text(m, "vi")


def test_ward_that_no_longer_exists_is_reported(index):
    m = match_one("Phường 3", "TP Cà Mau", "", index)  # there is no Phường 3 in Cà Mau city
    assert m.code == "" and m.reason == "not_found"


# ---------------------------------------------------------------------------- through the API


def _write(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return path


MODELS = [
    [
        "Mã mô hình",
        "Tên mô hình",
        "Cấp",
        "Xã/Phường/Thị trấn",
        "Huyện/TP",
        "Mã xã",
        "Kinh độ",
        "Vĩ độ",
    ],
    ["M1", "Một", "xã", "Xã Tân Thành", "TP Cà Mau", "", "", ""],
    ["M2", "Hai", "xã", "Tân Thành", "TP Cà Mau", "", "", ""],
    ["M3", "Ba", "xã", "Hiệp Tùnh", "Năm Căn", "", "", ""],
    ["M4", "Bốn", "huyện", "", "Huyện Năm Căn", "", "", ""],
    ["M5", "Năm", "tỉnh", "", "", "", "", ""],
    ["M6", "Sáu", "xã", "Đất Mũi", "Năm Căn", "", "", ""],
    ["M7", "Bảy", "xã", "", "", "32197", "", ""],
    ["M8", "Tám", "xã", "Xã Hiệp Tùng", "Năm Căn", "", "105.30", "9.60"],  # far outside
]
C19 = [
    ["Xã", "Huyện", "Năm", "Đạt TC19"],
    ["Hiệp Tùng", "Năm Căn", "2019", "Đạt"],
    ["X. Hiệp Tùng", "Năm Căn", "2019", "Không"],
    ["Dat Moi", "Năm Căn", "2019", ""],
    ["Tân Thành", "Cà Mau", "2019", "Có"],
    ["P.1", "Cà Mau", "2019", "Có"],
]


@pytest.fixture
def matched(tmp_path, ca_mau_communes):
    reg = read_register(_write(tmp_path / "so.csv", MODELS), _write(tmp_path / "tc19.csv", C19))
    return match_register(reg, ca_mau_communes, lang="en")


def test_match_register_codes_and_report(matched):
    assert matched.models["match_code"].tolist() == ["32026", "", "", "", "", "", "32197", "32197"]
    assert matched.c19["match_code"].tolist() == ["32197", "32197", "32200", "", "32005"]
    rep = matched.report
    assert list(rep.columns) == list(MATCH_REPORT_COLUMNS)
    models_rep = rep[rep["table"] == "models"].set_index("row")
    assert models_rep.loc[3, "candidates"] == (
        "Phường Tân Thành (Thành phố Cà Mau, 32025); Xã Tân Thành (Thành phố Cà Mau, 32026)"
    )
    # the column as the register's header names it
    assert models_rep.loc[3, ["column", "value"]].tolist() == ["Xã/Phường/Thị trấn", "Tân Thành"]
    assert "Xã Hiệp Tùng (Huyện Năm Căn, 32197)" in models_rep.loc[4, "candidates"]
    assert models_rep.loc[7, "column"] == "Huyện/TP"
    assert (
        models_rep.loc[9, "column"] == "Kinh độ"
        and "lies outside Xã Hiệp Tùng" in models_rep.loc[9, "reason"]
    )
    c19_rep = rep[rep["table"] == "c19"].set_index("row")
    assert "Same commune and year as row 2, with a different result" in c19_rep.loc[3, "reason"]
    assert c19_rep.loc[5, "candidates"].count(";") == 1
    assert (
        "Phường 1 is a phường: criterion 19 (New Rural Development) applies to xã only"
        in (c19_rep.loc[6, "reason"])
    )
    assert set(rep["file"].map(lambda f: Path(f).name)) == {"so.csv", "tc19.csv"}


def test_every_row_is_joined_or_reported_never_lost(matched):
    for table, df in (("models", matched.models), ("c19", matched.c19)):
        reported = set(matched.report.loc[matched.report["table"] == table, "row"])
        for rec in df.to_dict("records"):
            above = table == "models" and rec["level"] != "xã"
            assert bool(rec["match_code"]) or rec["_row"] in reported or above, rec
    s = matched.summary()
    assert (s["rows"], s["above_commune"]) == (13, 2)
    assert s["needs_attention"] == len(matched.report.drop_duplicates(["file", "row", "table"]))


def test_levels_above_commune_are_not_reported(matched):
    rows = set(matched.report.loc[matched.report["table"] == "models", "row"])
    assert 5 not in rows and 6 not in rows


def test_vietnamese_reasons_by_default(tmp_path, ca_mau_communes):
    reg = read_register(_write(tmp_path / "so.csv", MODELS[:3]))
    rep = match_register(reg, ca_mau_communes).report
    assert rep["reason"].str.contains("trùng tên").any()


def test_unit_without_code_is_reported_not_lost(_ca_mau_communes_cached):
    communes = _ca_mau_communes_cached.copy()
    communes.loc[communes["gso_code"] == "32197", "gso_code"] = ""
    m = match_one("Hiệp Tùng", "Năm Căn", "", CommuneIndex(communes))
    assert m.code == "" and m.reason == "uncoded"
    assert "Xã Hiệp Tùng has no GSO code" in reason_text(m, "en")


@pytest.fixture(scope="module")
def two_provinces(_ca_mau_communes_cached, bac_lieu_shp):
    import pandas as pd

    from camau_gis.boundaries import load_communes

    bac_lieu = load_communes(bac_lieu_shp, province="Bạc Liêu")
    return CommuneIndex(pd.concat([_ca_mau_communes_cached, bac_lieu], ignore_index=True))


@pytest.mark.parametrize(
    "commune, district, expected",
    [
        ("Phường 1", "TP Bạc Liêu", "31825"),
        ("P.1", "Thị xã Giá Rai", "31942"),
        ("Phường 01", "TX. Giá Rai", "31942"),
        ("P1", "Cà Mau", "32005"),
    ],
)
def test_same_name_in_different_districts_joined_by_district(
    two_provinces, commune, district, expected
):
    assert match_one(commune, district, "", two_provinces).code == expected


def test_same_name_in_different_districts_without_district_is_ambiguous(two_provinces):
    m = match_one("Phường 1", "", "", two_provinces)
    assert m.reason == "ambiguous"
    assert [c.split(" (")[1].split(",")[0] for c in m.candidates] == [
        "Thành phố Cà Mau",
        "Thành phố Bạc Liêu",
        "Thị xã Giá Rai",
    ]
