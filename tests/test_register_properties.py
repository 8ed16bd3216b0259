"""Property tests: random bytes, text, tables -> a parsed register or a register error."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from _fuzz import scratch_dir
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from camau_gis.errors import CamauGisError
from camau_gis.io.sheets import is_blank, read_sheets
from camau_gis.normalize.register import cell_text, header_keys
from camau_gis.register import match_register, read_register

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])

HEADERS = [
    "STT",
    "Tên mô hình",
    "Ten mo hinh",
    "name",
    "Xã/Phường/Thị trấn",
    "Tên xã",
    "Xa",
    "commune",
    "Huyện/TP",
    "Huyện",
    "Mã xã",
    "Năm xây dựng",
    "Năm kết thúc",
    "Xã điểm NTM",
    "Đăng ký BDV",
    "Cấp",
    "Kinh độ",
    "Vĩ độ",
    "Ghi chú",
    "Nguồn",
    "Cột lạ",
    "Đạt TC19",
]
VALUES = st.one_of(
    st.sampled_from(
        [
            "",
            "Có",
            "Không",
            "x",
            "✓",
            "đạt",
            "chưa đạt",
            "2018",
            "2019",
            "1890",
            "xã",
            "huyện",
            "tỉnh",
            "Xã Hiệp Tùng",
            "Tân Thành",
            "P.1",
            "Đất Mũi",
            "Năm Căn",
            "TP Cà Mau",
            "32197",
            "99999",
            "105.2",
            "9.1",
            "illustrative",
            "Hiệp Tùnh",
        ]
    ),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12),
    st.integers(-5, 3000).map(str),
)


_DIR, _cleanup = scratch_dir("camau_prop_")  # files overwritten per example


def _tmp(suffix: str, data: bytes) -> Path:
    path = _DIR / f"so{suffix}"
    path.write_bytes(data)
    return path


def _read(path: Path):
    try:
        return read_register(path)
    except CamauGisError as exc:  # RegisterError, SchemaError: a validation report
        assert str(exc)
        return None


@SETTINGS
@given(st.binary(max_size=400))
def test_random_bytes_never_crash(data):
    _read(_tmp(".csv", data))


@SETTINGS
@given(st.binary(max_size=200))
def test_random_bytes_as_xlsx_never_crash(data):
    _read(_tmp(".xlsx", b"PK\x03\x04" + data))


@SETTINGS
@given(st.text(max_size=400), st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_random_text_never_crashes(text, encoding):
    _read(_tmp(".csv", text.encode(encoding, errors="replace")))


@st.composite
def tables(draw):
    headers = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8, unique=True))
    rows = draw(
        st.lists(st.lists(VALUES, min_size=len(headers), max_size=len(headers)), max_size=12)
    )
    return headers, rows


def _expected_rows(headers, rows):
    """Return the data rows a reader must keep: non-blank, not repeating the header."""
    keys = [header_keys(h) for h in headers]
    return [
        r
        for r in rows
        if not all(is_blank(v) or not v.strip(" ,;\t") for v in r)
        and [header_keys(v) for v in r] != keys
    ]


def _assert_every_row_accounted(path: Path, reg, table: str = "models") -> None:
    """Each non-blank row read is a register row, listed as skipped, a title or the header."""
    import re

    frame = reg.models if table == "models" else reg.c19
    files = {str(path)}
    rows = [r for s in read_sheets(path) for r in s.rows]
    read = set(frame.loc[frame["_file"].isin(files), "_row"])
    # the layout rows skipped, from the structured list (the messages are in the run's
    # language: "dòng 6" by default, which a pattern for "row 6" never matched)
    skipped = {s.row for s in reg.layout if Path(s.file).name == Path(path).name}
    said = [line for line in reg.skipped if Path(path).name in line]
    for n in skipped:  # and each is said, with its row number, in the skipped list
        assert any(re.search(rf"\b{n}\b", line) for line in said), (n, said)
    left = [cells for n, cells in rows if n not in read and n not in skipped]
    several = [c for c in left if len({cell_text(v) for v in c} - {""}) > 1]
    assert len(several) <= 1, several  # only the header row holds several values


@SETTINGS
@given(tables(), st.sampled_from([",", ";", "\t"]), st.sampled_from(["utf-8", "utf-8-sig"]))
def test_random_csv_tables_parse_or_report_never_lose_rows(
    _ca_mau_communes_cached, table, sep, encoding
):
    headers, rows = table
    buf = io.StringIO()
    # as Excel saves a CSV: CRLF line ends, so a cell holding a line break (CR or LF) is
    # quoted; a bare CR outside quotes is a line end (old Mac files), two rows, not one
    csv.writer(buf, delimiter=sep, lineterminator="\r\n").writerows([headers, *rows])
    path = _tmp(".csv", buf.getvalue().encode(encoding))
    reg = _read(path)
    if reg is None:
        return
    _assert_every_row_accounted(path, reg)
    if not reg.skipped:  # rows listed as skipped are accounted for above
        assert len(reg.models) == len(_expected_rows(headers, rows))
    assert reg.models["model_id"].is_unique
    matched = match_register(reg, _ca_mau_communes_cached)
    reported = set(matched.report["row"])
    for rec in matched.models.to_dict("records"):
        assert rec["match_code"] or rec["_row"] in reported or rec["level"] != "xã"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(), st.integers(0, 3))
# found by Hypothesis in a newcomer run: a district heading row with a year in another column
# (two values, skipped and said) had been counted as lost
@example(table=(["STT", "Tên mô hình", "Ten mo hinh", "name", "Xã/Phường/Thị trấn", "Tên xã"],
                [[""] * 6] * 3 + [["", "", "", "", "", "Có"],
                                  ["", "", "", "", "2018", "TP Cà Mau"]]), title_rows=0)
def test_random_xlsx_tables_parse_or_report_never_lose_rows(table, title_rows):
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    headers, rows = table
    rows = [[ILLEGAL_CHARACTERS_RE.sub("", v) for v in r] for r in rows]
    wb = Workbook()
    ws = wb.active
    for i in range(title_rows):
        ws.append(["SỔ THEO DÕI"] if i == 0 else [])
    if title_rows:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(2, len(headers)))
    ws.append(headers)
    for r in rows:
        ws.append([int(v) if v.isascii() and v.isdigit() and len(v) < 6 else v for v in r])
    out = io.BytesIO()
    wb.save(out)
    path = _tmp(".xlsx", out.getvalue())
    reg = _read(path)
    if reg is None:
        return
    _assert_every_row_accounted(path, reg)
    if not reg.skipped:  # rows listed as skipped are accounted for above
        assert len(reg.models) == len(_expected_rows(headers, rows))


C19_HEADERS = [
    "Xã",
    "Huyện",
    "Mã xã",
    "Năm",
    "Đạt tiêu chí 19",
    "Chỉ tiêu 19.1",
    "Chỉ tiêu 19.2",
    "Năm đạt lần đầu",
    "Ngày đánh giá",
    "Văn bản căn cứ",
    "Cột lạ",
]


@SETTINGS
@given(st.lists(st.sampled_from(C19_HEADERS), min_size=1, max_size=8, unique=True), st.data())
def test_random_c19_tables_parse_or_report_never_lose_rows(_ca_mau_communes_cached, headers, data):
    rows = data.draw(
        st.lists(st.lists(VALUES, min_size=len(headers), max_size=len(headers)), max_size=10)
    )
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows([headers, *rows])
    models = _tmp(".csv", "Tên mô hình,Xã\nMột,Hiệp Tùng\n".encode())
    c19 = models.with_name("tc19.csv")
    c19.write_bytes(buf.getvalue().encode("utf-8"))
    try:
        reg = read_register(models, c19)
    except CamauGisError:
        return
    _assert_every_row_accounted(c19, reg, "c19")
    if not reg.skipped:  # rows listed as skipped are accounted for above
        assert len(reg.c19) == len(_expected_rows(headers, rows))
    matched = match_register(reg, _ca_mau_communes_cached)
    reported = set(matched.report.loc[matched.report["table"] == "c19", "row"])
    assert all(r["match_code"] or r["_row"] in reported for r in matched.c19.to_dict("records"))


def test_a_cell_holding_a_carriage_return_stays_one_row(_ca_mau_communes_cached, tmp_path):
    """The example Hypothesis found: "0\\r0" quoted (as Excel writes it) is one cell of one row."""
    path = tmp_path / "so.csv"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(
        [["STT", "Tên mô hình", "name", "Xã/Phường/Thị trấn"], ["1", "Tổ tự quản", "", "0\r0"]])
    path.write_bytes(buf.getvalue().encode("utf-8"))
    reg = _read(path)
    assert reg is not None and list(reg.models["_row"]) == [2]
    assert list(reg.models["name"]) == ["Tổ tự quản"]
