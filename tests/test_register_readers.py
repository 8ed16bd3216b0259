"""Register readers: CSV in every encoding and separator, XLSX with titles and merges."""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from pathlib import Path

import pytest

from camau_gis.errors import RegisterError, SchemaError
from camau_gis.register import read_register

#: The API's messages follow settings.language: this module checks the English texts
#: (the Vietnamese default is checked through the CLI and in the *_vi tests).
pytestmark = pytest.mark.usefixtures("english_messages")


HEADERS = [
    "STT",
    "Tên mô hình",
    "Loại mô hình",
    "Xã/Phường/Thị trấn",
    "Huyện/TP",
    "Năm xây dựng",
    "Xã điểm NTM",
]
ROWS = [
    [
        "1",
        "Khu dân cư không có tội phạm",
        "Dân vận khéo",
        "Xã Tam Giang Tây",
        "Huyện Ngọc Hiển",
        "2018",
        "Có",
    ],
    ["2", "Tổ tự quản ấp Ông Do", "Tự quản", "Xã Hiệp Tùng", "Huyện Năm Căn", "2019", "Không"],
    ["3", "Camera an ninh ấp Chợ", "Camera an ninh", "Phường Tân Thành", "TP. Cà Mau", "2017", "x"],
]
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258_text(text: str) -> str:
    """Text as CP1258 stores it: base letters precomposed, tone marks as combining characters."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(p for p in parts if p in _TONES)
        base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in _TONES))
        out.append(base + tones)
    return "".join(out)


def write_csv(
    path: Path, rows: list[list[str]], *, sep: str = ",", encoding: str = "utf-8"
) -> Path:
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="\r\n").writerows(rows)
    text = buf.getvalue()
    if encoding == "cp1258":
        text = to_cp1258_text(text)
    path.write_bytes(text.encode(encoding))
    return path


def write_xlsx(path: Path, sheets: dict[str, list[list]]) -> Path:
    """A workbook with one sheet per item (title -> rows), in order."""
    from openpyxl import Workbook

    wb = Workbook()
    for i, (title, rows) in enumerate(sheets.items()):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = title
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


@pytest.mark.parametrize("sep", [",", ";", "\t"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1258", "utf-16"])
def test_csv_each_encoding_and_separator(tmp_path, sep, encoding):
    path = write_csv(tmp_path / "so.csv", [HEADERS, *ROWS], sep=sep, encoding=encoding)
    reg = read_register(path)
    m = reg.models
    assert m["commune"].tolist() == ["Xã Tam Giang Tây", "Xã Hiệp Tùng", "Phường Tân Thành"]
    # decoded text is NFC even where the file held decomposed tone marks (CP1258)
    assert all(unicodedata.is_normalized("NFC", s) for s in m["name"])
    assert m["district"].tolist()[2] == "TP. Cà Mau"
    assert m["year_start"].tolist() == [2018, 2019, 2017]
    assert m["ntm_pilot"].tolist() == [True, False, True]
    assert m["model_id"].tolist() == ["1", "2", "3"]
    assert m["_row"].tolist() == [2, 3, 4]
    assert set(m["_sheet"]) == {""}
    assert reg.c19.empty and reg.sources == [str(path)]


def test_cp1258_bytes_really_differ_from_utf8(tmp_path):
    # guard for the test above: the CP1258 file holds combining tone marks
    path = write_csv(tmp_path / "so.csv", [HEADERS, *ROWS], encoding="cp1258")
    raw = path.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert "\u0300" in raw.decode("cp1258") or "\u0301" in raw.decode("cp1258")


def test_csv_title_lines_before_header_and_blank_lines(tmp_path):
    rows = [
        ["SỔ THEO DÕI MÔ HÌNH"],
        ["Công an tỉnh Cà Mau, năm 2019"],
        [],
        HEADERS,
        ROWS[0],
        [],
        ROWS[1],
    ]
    reg = read_register(write_csv(tmp_path / "so.csv", rows, sep=";"))
    assert reg.models["_row"].tolist() == [5, 7]
    assert reg.models["commune"].tolist() == ["Xã Tam Giang Tây", "Xã Hiệp Tùng"]


def test_csv_quoted_multiline_cell_keeps_row_numbers(tmp_path):
    rows = [
        HEADERS,
        ["1", "Mô hình\nhai dòng", "Tự quản", "Xã Hiệp Tùng", "Năm Căn", "2019", ""],
        ROWS[1],
    ]
    reg = read_register(write_csv(tmp_path / "so.csv", rows))
    assert reg.models["_row"].tolist() == [2, 4]
    assert reg.models["name"].iloc[0] == "Mô hình\nhai dòng"  # stored as typed (issue 16)


@pytest.mark.parametrize(
    "headers",
    [
        ["STT", "Ten mo hinh", "Loai", "Xa", "Huyen", "Nam xay dung", "Xa diem NTM"],
        ["No.", "name", "kind", "commune", "district", "year_start", "ntm_pilot"],
        [
            "Số TT",
            "Tên mô hình",
            "Hình thức",
            "Tên xã",
            "Huyện/Thành phố",
            "Năm bắt đầu",
            "Xã điểm nông thôn mới",
        ],
        ["stt", "TÊN MÔ HÌNH", "loại mô hình", "xã, phường, thị trấn", "huyện", "năm", "điểm ntm"],
        [
            "STT",
            "Tên mô hình (name)",
            "Loại (kind)",
            "Địa bàn (commune)",
            "Huyện/TP (district)",
            "Năm (year_start)",
            "Xã điểm NTM (ntm_pilot)",
        ],
    ],
)
def test_header_variants(tmp_path, headers):
    reg = read_register(write_csv(tmp_path / "so.csv", [headers, *ROWS]))
    m = reg.models
    assert m["commune"].tolist()[1] == "Xã Hiệp Tùng"
    assert m["district"].tolist()[1] == "Huyện Năm Căn"
    assert m["year_start"].tolist() == [2018, 2019, 2017]
    assert m["ntm_pilot"].tolist() == [True, False, True]
    assert m["kind"].tolist()[0] == "Dân vận khéo"


def test_explicit_mapping_for_unknown_headers(tmp_path):
    headers = ["TT", "Nội dung", "Địa phương", "Cấp huyện"]
    rows = [headers, ["1", "Tổ tự quản", "Hiệp Tùng", "Năm Căn"]]
    path = write_csv(tmp_path / "so.csv", rows)
    with pytest.raises(SchemaError, match=r"so\.csv.*commune.*headers seen: .*\"Địa phương\""):
        read_register(path)
    reg = read_register(
        path, columns={"commune": "Địa phương", "district": "Cấp huyện", "name": "nội dung"}
    )
    assert reg.models.loc[0, ["commune", "district", "name"]].tolist() == [
        "Hiệp Tùng",
        "Năm Căn",
        "Tổ tự quản",
    ]


def test_id_column_wins_over_stt_and_missing_ids_are_filled(tmp_path):
    rows = [
        ["STT", "Mã mô hình", "Tên mô hình", "Xã"],
        ["1", "A-7", "Một", "Hiệp Tùng"],
        ["2", "", "Hai", "Tân Tiến"],
    ]
    reg = read_register(write_csv(tmp_path / "so.csv", rows))
    assert reg.models["model_id"].tolist() == ["A-7", "so:3"]


# ---------------------------------------------------------------------------- XLSX


def _workbook(path: Path, *, with_c19: bool = True, guide: bool = True) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách mô hình"
    ws["A1"] = "DANH SÁCH MÔ HÌNH BẢO ĐẢM AN NINH TRẬT TỰ NĂM 2019"
    ws.merge_cells("A1:H1")
    ws["A2"] = "(Kèm theo báo cáo của Công an tỉnh)"
    ws.merge_cells("A2:H2")
    ws.append([])  # row 3 blank
    ws.append(
        [
            "STT",
            "Tên mô hình",
            "Xã/Phường/Thị trấn",
            "Huyện/TP",
            "Năm xây dựng",
            "Xã điểm NTM",
            "Đăng ký BDV",
            "Kinh độ",
        ]
    )  # row 4
    ws.append(
        [
            1,
            "Khu dân cư không có tội phạm",
            "Xã Tam Giang Tây",
            "Huyện Ngọc Hiển",
            2018,
            "Có",
            "✓",
            None,
        ]
    )
    ws.append([2, "Tổ tự quản", "Xã Tân Ân", None, 2019.0, "Không", "", None])
    ws.append([3, "Camera ấp Chợ", "Xã Đất Mũi", None, dt.datetime(2017, 5, 1), "x", "không", None])
    # district written once and merged down over rows 5-7, as staff do
    ws.merge_cells("D5:D7")
    if with_c19:
        c = wb.create_sheet("TC19")
        c["A1"] = "KẾT QUẢ TIÊU CHÍ 19"
        c.merge_cells("A1:E1")
        c.append(
            [
                "Xã",
                "Huyện",
                "Năm",
                "Đạt tiêu chí 19",
                "Chỉ tiêu 19.1",
                "Chỉ tiêu 19.2",
                "Ngày đánh giá",
            ]
        )
        c.append(["Hiệp Tùng", "Năm Căn", 2019, "Đạt", "đạt", "Đạt", dt.date(2019, 12, 15)])
        c.append(["Tân Tiến", "Đầm Dơi", 2019, "chưa đạt", "Đạt", "Chưa đạt", "20/12/2019"])
        c.append(["Tân Ân", "Ngọc Hiển", 2018, None, None, None, None])
    if guide:
        g = wb.create_sheet("Hướng dẫn")
        g.append(["Cột", "Ý nghĩa"])
        g.append(["Tên mô hình", "Xã/Phường/Thị trấn"])
    wb.save(path)
    return path


def test_xlsx_title_rows_merged_cells_and_both_tables(tmp_path):
    path = _workbook(tmp_path / "so.xlsx")
    reg = read_register(path)
    m = reg.models
    assert m["_row"].tolist() == [5, 6, 7]
    assert set(m["_sheet"]) == {"Danh sách mô hình"}
    assert m["district"].tolist() == ["Huyện Ngọc Hiển"] * 3  # merged cell filled downwards
    assert m["year_start"].tolist() == [2018, 2019, 2017]
    assert m["ntm_pilot"].tolist() == [True, False, True]
    assert m["board_reg"].tolist() == [True, False, False]
    assert m["model_id"].tolist() == ["1", "2", "3"]
    c = reg.c19
    assert c["_row"].tolist() == [3, 4, 5] and set(c["_sheet"]) == {"TC19"}
    assert c["achieved"].tolist()[:2] == [True, False] and c["achieved"].isna().tolist()[2]
    assert c["c19_2"].tolist()[:2] == [True, False]
    assert c["assessed_on"].tolist() == ["2019-12-15", "2019-12-20", ""]
    assert reg.skipped[0] == 'so.xlsx, sheet "Hướng dẫn": a guide or notes sheet, not read'
    assert all("title row above the table" in s for s in reg.skipped[1:])


def test_xlsx_sheet_argument_and_separate_c19_file(tmp_path):
    path = _workbook(tmp_path / "so.xlsx", with_c19=False)
    c19 = tmp_path / "tc19.csv"
    write_csv(c19, [["Mã xã", "Năm", "Đạt TC19"], ["32197", "2019", "Có"]])
    reg = read_register(path, c19, sheet="danh sach mo hinh")
    assert len(reg.models) == 3 and reg.c19["gso_code"].tolist() == ["32197"]
    assert reg.sources == [str(path), str(c19)]
    with pytest.raises(RegisterError, match=r'no sheet "Mô hình"; sheets: "Danh sách mô hình"'):
        read_register(path, sheet="Mô hình")
    with pytest.raises(RegisterError, match=r"tc19\.csv: a text file has no sheets"):
        read_register(c19, sheet="Mô hình")


def test_xlsx_models_missing_column_names_sheet_and_headers(tmp_path):
    write_xlsx(tmp_path / "so.xlsx", {"MH": [["STT", "Tên mô hình", "Năm xây dựng"],
                                             [1, "Tổ tự quản", 2019]]})
    with pytest.raises(
        SchemaError,
        match=r'so\.xlsx, sheet "MH": models table lacks required '
        r'column\(s\) commune .*headers seen: "STT", "Tên mô hình"',
    ):
        read_register(tmp_path / "so.xlsx")


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_old_spreadsheet_formats_are_refused_with_a_fix(tmp_path, suffix):
    path = tmp_path / f"so{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0 old")
    with pytest.raises(RegisterError, match=r"save it as \.xlsx"):
        read_register(path)


def test_broken_xlsx_is_a_register_error(tmp_path):
    path = tmp_path / "so.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(RegisterError, match=r"so\.xlsx: cannot open as an Excel workbook"):
        read_register(path)


def test_missing_file_names_the_file(tmp_path):
    with pytest.raises(RegisterError, match=r"khong_co\.csv: register file not found"):
        read_register(tmp_path / "khong_co.csv")


def test_undecodable_bytes_are_a_register_error(tmp_path):
    path = tmp_path / "so.csv"
    path.write_bytes(b"Ten,Xa\n\x00\x01\x02,\xff\xfe\x00")
    with pytest.raises(RegisterError, match=r"so\.csv"):
        read_register(path)


def test_one_sheet_per_district_numbered_from_one(tmp_path):
    districts = {"Năm Căn": ["Hiệp Tùng", "Hàm Rồng"], "Đầm Dơi": ["Tân Tiến", "Tân Đức"]}
    write_xlsx(tmp_path / "so.xlsx", {
        district: [["STT", "Tên mô hình", "Xã", "Huyện"],
                   *([n, f"Mô hình {c}", c, district] for n, c in enumerate(communes, start=1))]
        for district, communes in districts.items()
    })
    reg = read_register(tmp_path / "so.xlsx")
    assert reg.models["model_id"].tolist() == [
        "so:Năm Căn:2",
        "so:Năm Căn:3",
        "so:Đầm Dơi:2",
        "so:Đầm Dơi:3",
    ]
    assert reg.models["_sheet"].tolist() == ["Năm Căn", "Năm Căn", "Đầm Dơi", "Đầm Dơi"]


def test_two_row_header_with_merged_parent_and_footer_rows(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "TC19"
    ws.append(["Xã", "Huyện", "Năm", "Tiêu chí 19", None, None])
    ws.append([None, None, None, "Đạt", "19.1", "19.2"])
    for col in "ABC":
        ws.merge_cells(f"{col}1:{col}2")
    ws.merge_cells("D1:F1")
    ws.append(["Hiệp Tùng", "Năm Căn", 2019, "x", "x", "x"])
    ws.append(["Tân Tiến", "Đầm Dơi", 2019, "", "x", ""])
    ws.append(["Tổng cộng", None, None, 1, 2, 1])
    ws.append([None, None, None, "Người lập biểu", None, None])
    wb.save(tmp_path / "tc19.xlsx")
    models = write_csv(tmp_path / "so.csv", [HEADERS, *ROWS])
    reg = read_register(models, tmp_path / "tc19.xlsx")
    c = reg.c19
    assert c["_row"].tolist() == [3, 4]
    assert c["achieved"].tolist()[0] is True and c["achieved"].isna().tolist() == [False, True]
    assert c["c19_1"].tolist() == [True, True] and c["c19_2"].tolist()[0] is True
    assert [s.split(": ", 1)[0] for s in reg.skipped] == [
        'tc19.xlsx, sheet "TC19", row 1',
        'tc19.xlsx, sheet "TC19", row 5',
        'tc19.xlsx, sheet "TC19", row 6',
    ]
    assert 'title row above the table ("Xã")' in reg.skipped[0]
    assert 'totals row ("Tổng cộng")' in reg.skipped[1]
    assert 'signature line ("Người lập biểu")' in reg.skipped[2]


def test_names_that_merely_start_like_a_total_are_read(tmp_path):
    rows = [
        HEADERS,
        ["1", "Cộng đồng tự quản", "", "Công Hải", "Năm Căn", "2019", ""],
        ["2", "Tống Sơn", "", "Tống Sơn", "", "", ""],
    ]
    reg = read_register(write_csv(tmp_path / "so.csv", rows))
    assert reg.models["commune"].tolist() == ["Công Hải", "Tống Sơn"] and not reg.skipped


def test_wide_criterion19_table_one_column_per_year(tmp_path):
    models = write_csv(tmp_path / "so.csv", [HEADERS, *ROWS])
    c19 = write_csv(
        tmp_path / "tc19.csv",
        [
            ["Xã", "Huyện", "2018", "Năm 2019"],
            ["Hiệp Tùng", "Năm Căn", "Đạt", "Đạt"],
            ["Tân Tiến", "Đầm Dơi", "Chưa đạt", ""],
        ],
    )
    c = read_register(models, c19).c19
    assert list(
        zip(
            c["commune"],
            c["year"],
            c["achieved"].astype(object).where(c["achieved"].notna(), None),
            strict=False,
        )
    ) == [
        ("Hiệp Tùng", 2018, True),
        ("Hiệp Tùng", 2019, True),
        ("Tân Tiến", 2018, False),
        ("Tân Tiến", 2019, None),
    ]
    assert c["_row"].tolist() == [2, 2, 3, 3]


def test_wide_criterion19_sheet_in_a_workbook_and_its_problems(tmp_path):
    write_xlsx(tmp_path / "so.xlsx", {
        "Mô hình": [HEADERS, ROWS[1]],
        "TC19 theo năm": [["Xã", "Huyện", 2018, 2019], ["Hiệp Tùng", "Năm Căn", "x", "có lẽ"]],
    })
    with pytest.raises(
        RegisterError,
        match=r'sheet "TC19 theo năm", row 2, column "2019": '
        r'value "có lẽ": expected yes/no',
    ):
        read_register(tmp_path / "so.xlsx", strict=True)
    reg = read_register(tmp_path / "so.xlsx")  # default: that cell's year needs attention
    assert [(p.row, p.year, p.column) for p in reg.problems] == [(2, 2019, "2019")]
    assert reg.c19["year"].tolist() == [2018, 2019]


@pytest.mark.parametrize("legacy", ["tcvn3", "vni"])
def test_csv_in_legacy_vietnamese_encodings(tmp_path, legacy):
    from camau_gis.io.encoding import encode_legacy

    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows([HEADERS, *ROWS])
    path = tmp_path / "so.csv"
    path.write_bytes(encode_legacy(buf.getvalue(), legacy))
    reg = read_register(path)
    assert reg.models["commune"].tolist() == [
        "Xã Tam Giang Tây",
        "Xã Hiệp Tùng",
        "Phường Tân Thành",
    ]
    assert reg.models["district"].tolist()[0] == "Huyện Ngọc Hiển"
    assert reg.models["ntm_pilot"].tolist() == [True, False, True]


def test_xlsx_cells_typed_in_tcvn3_fonts(tmp_path):
    from camau_gis.io.encoding import encode_legacy

    def old_font(text: str) -> str:  # what a .VnTime cell holds: TCVN3 bytes as characters
        return encode_legacy(text, "tcvn3").decode("latin-1")

    write_xlsx(tmp_path / "so.xlsx",
               {"Sheet": [[old_font(v) for v in row] for row in [HEADERS, *ROWS]]})
    reg = read_register(tmp_path / "so.xlsx")
    assert reg.models["commune"].tolist() == [
        "Xã Tam Giang Tây",
        "Xã Hiệp Tùng",
        "Phường Tân Thành",
    ]
    assert reg.models["year_start"].tolist() == [2018, 2019, 2017]


def test_specific_headers_win_over_generic_ones(tmp_path):
    headers = ["Năm", "Tên", "Tên mô hình", "Năm xây dựng", "Xã"]
    rows = [headers, ["2020", "Nguyễn Văn A", "Tổ tự quản", "2018", "Hiệp Tùng"]]
    reg = read_register(write_csv(tmp_path / "so.csv", rows))
    assert reg.models.loc[0, ["name", "year_start"]].tolist() == ["Tổ tự quản", 2018]


def test_formulas_without_computed_values_are_refused(tmp_path):
    write_xlsx(tmp_path / "so.xlsx", {"MH": [["Tên mô hình", "Xã", "Năm xây dựng"],
                                             ["Tổ tự quản", "Hiệp Tùng", "=2017+1"]]})
    # openpyxl stores the formula, not its value
    with pytest.raises(
        RegisterError,
        match=r'1 formula cell\(s\) have no computed value.*\n  - so\.xlsx, sheet "MH", cell C2: =2017\+1',
    ):
        read_register(tmp_path / "so.xlsx")


def test_district_heading_rows_give_the_district(tmp_path, ca_mau_communes):
    from openpyxl import Workbook

    from camau_gis.register import match_register

    wb = Workbook()
    ws = wb.active
    ws.append(["STT", "Tên mô hình", "Xã"])
    ws.append(["I. HUYỆN NĂM CĂN"])
    ws.merge_cells("A2:C2")
    ws.append([1, "Tổ tự quản", "Đất Mới"])
    ws.append([2, "Camera", "Hiệp Tùng"])
    ws.append(["II. Huyện Ngọc Hiển"])
    ws.append([3, "Tổ tự quản", "Đất Mũi"])
    wb.save(tmp_path / "so.xlsx")
    reg = read_register(tmp_path / "so.xlsx")
    m = reg.models
    assert m["district"].tolist() == ["HUYỆN NĂM CĂN"] * 2 + ["Huyện Ngọc Hiển"]
    assert m["_row"].tolist() == [3, 4, 6]
    assert [s.split(": ", 1)[0] for s in reg.skipped] == [
        'so.xlsx, sheet "Sheet", row 2',
        'so.xlsx, sheet "Sheet", row 5',
    ]
    matched = match_register(reg, ca_mau_communes)
    assert matched.models["match_code"].tolist() == ["32200", "32197", "32248"]
