"""Register validation: every problem named with file, row, column, value and the fix."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from camau_gis.errors import RegisterError, SchemaError
from camau_gis.normalize.register import (
    ValueProblem,
    parse_bool,
    parse_code,
    parse_date,
    parse_float,
    parse_level,
    parse_year,
)
from camau_gis.register import read_register

#: The API's messages follow settings.language: this module checks the English texts
#: (the Vietnamese default is checked through the CLI and in the *_vi tests).
pytestmark = pytest.mark.usefixtures("english_messages")


MODEL_HEADERS = [
    "Mã mô hình",
    "Tên mô hình",
    "Cấp",
    "Xã/Phường/Thị trấn",
    "Huyện/TP",
    "Mã xã",
    "Năm xây dựng",
    "Năm kết thúc",
    "Xã điểm NTM",
    "Kinh độ",
    "Vĩ độ",
]
GOOD = ["M1", "Tổ tự quản", "xã", "Xã Hiệp Tùng", "Năm Căn", "", "2018", "", "Có", "", ""]
C19_HEADERS = [
    "Xã",
    "Huyện",
    "Năm",
    "Đạt tiêu chí 19",
    "Chỉ tiêu 19.1",
    "Chỉ tiêu 19.2",
    "Năm đạt lần đầu",
]


def write(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return path


def model_row(**changes: str) -> list[str]:
    row = dict(zip(MODEL_HEADERS, GOOD, strict=False))
    assert set(changes) <= set(row), changes
    row.update(changes)
    return list(row.values())


def read_models(tmp_path: Path, *rows: list[str]):
    return read_register(write(tmp_path / "so.csv", [MODEL_HEADERS, *rows]), strict=True)


def test_good_row_reads(tmp_path):
    reg = read_models(tmp_path, model_row())
    assert reg.models.loc[0, "model_id"] == "M1" and reg.models.loc[0, "level"] == "xã"


@pytest.mark.parametrize(
    "changes, pattern",
    [
        (
            {"Năm xây dựng": "1890"},
            r'so\.csv, row 2, column "Năm xây dựng": value "1890": '
            r"year out of range; expected 1990 to",
        ),
        (
            {"Năm xây dựng": "2099"},
            r'row 2, column "Năm xây dựng": value "2099": year out of range',
        ),
        (
            {"Năm xây dựng": "hai nghìn"},
            r'column "Năm xây dựng": value "hai nghìn": expected a year of 4 digits',
        ),
        (
            {"Năm xây dựng": "2019", "Năm kết thúc": "2017"},
            r'column "Năm kết thúc": value "2017" is before the year started \(2019\)',
        ),
        (
            {"Xã/Phường/Thị trấn": ""},
            r'column "Xã/Phường/Thị trấn": empty, but the model is commune-level; '
            r"write the commune",
        ),
        ({"Cấp": "ấp"}, r'column "Cấp": value "ấp": expected xã, huyện or tỉnh'),
        ({"Xã điểm NTM": "có lẽ"}, r'column "Xã điểm NTM": value "có lẽ": expected yes/no'),
        (
            {"Mã xã": "32A97"},
            r'column "Mã xã": value "32A97": expected the 5-digit GSO commune code',
        ),
        (
            {"Kinh độ": "99.5", "Vĩ độ": "9.1"},
            r'column "Kinh độ": point \(99\.5, 9\.1\) is outside Viet Nam '
            r"\(longitude 102\.0–110\.0 E",
        ),
        ({"Kinh độ": "8.9", "Vĩ độ": "105.0"}, r"outside Viet Nam .*they look swapped"),
        ({"Kinh độ": "105.0"}, r'column "Vĩ độ": empty while lon is given; give both coordinates'),
        ({"Kinh độ": "đông"}, r'column "Kinh độ": value "đông": expected a decimal number'),
    ],
)
def test_each_model_problem(tmp_path, changes, pattern):
    with pytest.raises(RegisterError, match=pattern) as info:
        read_models(tmp_path, model_row(**changes))
    assert len(info.value.problems) == 1
    assert str(info.value).startswith("1 problem(s) in the register (so.csv)")


def test_commune_level_row_with_code_only_is_fine_and_district_level_needs_no_commune(tmp_path):
    reg = read_models(
        tmp_path,
        model_row(**{"Xã/Phường/Thị trấn": "", "Mã xã": "32197"}),
        model_row(**{"Mã mô hình": "M2", "Cấp": "cấp huyện", "Xã/Phường/Thị trấn": ""}),
    )
    assert reg.models["gso_code"].tolist() == ["32197", ""]
    assert reg.models["level"].tolist() == ["xã", "huyện"]


def test_duplicate_ids_name_every_row(tmp_path):
    with pytest.raises(
        RegisterError,
        match=r'row 2, column "Mã mô hình": model id "M1" is used '
        r"again at so\.csv, row 3; so\.csv, row 4",
    ):
        read_models(tmp_path, model_row(), model_row(), model_row())


def test_all_problems_are_collected_before_raising(tmp_path):
    with pytest.raises(RegisterError) as info:
        read_models(
            tmp_path,
            model_row(**{"Năm xây dựng": "1890"}),
            model_row(**{"Mã mô hình": "M2", "Xã/Phường/Thị trấn": ""}),
            model_row(**{"Mã mô hình": "M3", "Kinh độ": "200", "Vĩ độ": "9"}),
            model_row(**{"Mã mô hình": "M3"}),
        )
    problems = info.value.problems
    assert len(problems) == 5  # and row 5 repeats row 4 (same commune, model name, year)
    assert [p.split(",")[1].strip() for p in problems[:4]] == ["row 2", "row 3", "row 4", "row 5"]
    assert "same commune, model name and year as row 4" in problems[3]
    assert "4 problem" not in str(info.value) and str(info.value).startswith("5 problem(s)")


def test_missing_required_column_names_column_file_and_headers(tmp_path):
    path = write(
        tmp_path / "thieu_cot.csv", [["STT", "Xã", "Huyện"], ["1", "Hiệp Tùng", "Năm Căn"]]
    )
    with pytest.raises(
        SchemaError,
        match=r"thieu_cot\.csv: models table lacks required column\(s\) "
        r'name \(a header such as "Tên mô hình" or "name"\); '
        r'headers seen: "STT", "Xã", "Huyện"',
    ):
        read_register(path)


def test_no_header_at_all(tmp_path):
    path = write(tmp_path / "rac.csv", [["a", "b"], ["1", "2"]])
    with pytest.raises(
        SchemaError,
        match=r"rac\.csv: models table lacks required column.*"
        r'headers seen: "a", "b"',
    ):
        read_register(path)


@pytest.mark.parametrize(
    "content, pattern",
    [
        (b"", r"empty\.csv: the register is empty \(no rows\)"),
        (b"\r\n  \r\n;;\r\n", r"empty\.csv: the register is empty \(no rows\)"),
        (
            "Tên mô hình,Xã\r\n".encode(),
            r"empty\.csv: the register is empty \(a header row at row 1 "
            r"but no data rows",
        ),
    ],
)
def test_empty_register_names_the_file(tmp_path, content, pattern):
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    with pytest.raises(RegisterError, match=pattern):
        read_register(path)


def test_empty_workbook_names_the_file(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.create_sheet("Trống")
    wb.save(tmp_path / "rong.xlsx")
    with pytest.raises(RegisterError, match=r"rong\.xlsx: the register is empty"):
        read_register(tmp_path / "rong.xlsx")


def test_unknown_mapping_field_and_absent_mapped_header(tmp_path):
    path = write(tmp_path / "so.csv", [MODEL_HEADERS, model_row()])
    with pytest.raises(RegisterError, match=r"unknown field\(s\) 'xa'; use FIELD=HEADER"):
        read_register(path, columns={"xa": "Xã"})
    with pytest.raises(
        SchemaError,
        match=r"mapped header\(s\) notes='Ghi chú riêng' not found; "
        r'headers seen: "Mã mô hình"',
    ):
        read_register(path, columns={"notes": "Ghi chú riêng"})


@pytest.mark.parametrize(
    "changes, pattern",
    [
        ({"Năm": ""}, r'column "Năm": empty; write the assessment year'),
        ({"Năm": "1975"}, r'column "Năm": value "1975": year out of range'),
        (
            {"Chỉ tiêu 19.2": "Không"},
            r'column "Đạt tiêu chí 19": achieved, but sub-criterion 19\.2 '
            r"is not; criterion 19 needs both",
        ),
        (
            {"Năm đạt lần đầu": "2020", "Năm": "2019"},
            r'column "Năm đạt lần đầu": value "2020" is after the assessment year 2019',
        ),
        (
            {"Đạt tiêu chí 19": "Không", "Năm đạt lần đầu": "2019"},
            r'column "Năm đạt lần đầu": value "2019" says first achieved in 2019, '
            r"but the row says not",
        ),
        ({"Xã": ""}, r'column "Xã": empty; write the commune or its GSO code'),
    ],
)
def test_each_c19_problem(tmp_path, changes, pattern):
    row = dict(
        zip(C19_HEADERS, ["Hiệp Tùng", "Năm Căn", "2019", "Đạt", "Đạt", "Đạt", ""], strict=False)
    )
    row.update(changes)
    models = write(tmp_path / "so.csv", [MODEL_HEADERS, model_row()])
    c19 = write(tmp_path / "tc19.csv", [C19_HEADERS, list(row.values())])
    with pytest.raises(RegisterError, match=r"tc19\.csv, row 2, " + pattern):
        read_register(models, c19, strict=True)


def test_c19_missing_columns(tmp_path):
    models = write(tmp_path / "so.csv", [MODEL_HEADERS, model_row()])
    c19 = write(tmp_path / "tc19.csv", [["Xã", "Năm"], ["Hiệp Tùng", "2019"]])
    with pytest.raises(
        SchemaError,
        match=r"tc19\.csv: criterion-19 table lacks required "
        r"column\(s\) achieved",
    ):
        read_register(models, c19, strict=True)


# ---------------------------------------------------------------------------- value parsers


@pytest.mark.parametrize(
    "value, expected",
    [
        ("Có", True),
        ("có", True),
        ("CO", True),
        ("x", True),
        ("X", True),
        ("✓", True),
        ("✔", True),
        ("yes", True),
        ("1", True),
        (1, True),
        (1.0, True),
        (True, True),
        ("đạt", True),
        ("Đạt", True),
        ("Không", False),
        ("khong", False),
        ("no", False),
        ("0", False),
        (0, False),
        ("chưa đạt", False),
        ("Chưa đạt", False),
        ("-", False),
        ("", None),
        (None, None),
    ],
)
def test_parse_bool_vietnamese_words(value, expected):
    assert parse_bool(value, blank=None) is expected


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2018", 2018),
        (2018, 2018),
        (2018.0, 2018),
        ("năm 2018", 2018),
        ("15/06/2019", 2019),
        ("2019-06-15", 2019),
        (dt.date(2017, 1, 1), 2017),
        ("", None),
        (None, None),
    ],
)
def test_parse_year(value, expected):
    assert parse_year(value) == expected


@pytest.mark.parametrize(
    "parser, value",
    [
        (parse_year, "18"),
        (parse_year, 1989),
        (parse_float, "x1"),
        (parse_code, "123456"),
        (parse_level, "thôn"),
        (parse_date, "31/02/2019"),
        (parse_date, "hôm qua"),
        (parse_float, "105°75'"),
    ],
)
def test_parsers_refuse(parser, value):
    with pytest.raises(ValueProblem):
        parser(value)


def test_parse_other_values():
    assert parse_float("105,25") == 105.25
    assert parse_float("105°12'36\"E") == pytest.approx(105.21)
    assert parse_float("8°47′ N") == pytest.approx(8.78333, abs=1e-4)
    assert parse_float("105°12'W") == pytest.approx(-105.2)
    assert parse_code(32197.0) == "32197" and parse_code("1") == "00001"
    assert parse_level("Cấp tỉnh") == "tỉnh" and parse_level("TP") == "huyện"
    assert (
        parse_date("15/12/2019") == "2019-12-15"
        and parse_date(dt.datetime(2019, 1, 2)) == "2019-01-02"
    )
