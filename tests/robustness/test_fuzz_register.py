"""Property tests of the register readers: whatever the file, a parsed register or our error.

Complements ``tests/test_register_properties.py`` (random bytes, random text,
tables of known headers) with what staff files really hold: hostile headers
(duplicates, blanks, very long, with and without diacritics), typed workbook
cells (numbers, NaN, booleans, dates, formulas, merged ranges, several and
empty sheets), legacy encodings and corrupted bytes, odd delimiters and
quotes, huge cells and wide tables. Hypothesis is derandomised here so a CI
run is reproducible.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import unicodedata
from pathlib import Path

import pytest
from _fuzz import fuzz_settings, scratch_dir
from hypothesis import given
from hypothesis import strategies as st

from camau_gis.errors import CamauGisError
from camau_gis.io.encoding import decode_column, encode_legacy, legacy_in_text
from camau_gis.io.sheets import decode, read_sheets
from camau_gis.normalize.register import cell_text, find_header, map_headers, parse_sheet
from camau_gis.register import read_register

FUZZ = fuzz_settings(25)

KNOWN = [
    "STT", "Mã mô hình", "Tên mô hình", "Loại mô hình", "Cấp", "Xã/Phường/Thị trấn", "Tên xã",
    "Huyện/TP", "Mã xã", "Năm xây dựng", "Năm kết thúc", "Xã điểm NTM", "Kinh độ", "Vĩ độ",
    "Năm", "Đạt tiêu chí 19", "Chỉ tiêu 19.1", "Ngày đánh giá", "Nguồn", "Ghi chú", "name",
    "commune", "district", "year", "achieved", "2019", "Năm 2020",
]


def _fold(text: str) -> str:
    """Drop diacritics the way a keyboard without Vietnamese input does."""
    nfd = unicodedata.normalize("NFD", text)
    return "".join(c for c in nfd if not unicodedata.combining(c)).replace("đ", "d").replace("Đ", "D")


HEADER = st.one_of(
    st.sampled_from(KNOWN),
    st.sampled_from(KNOWN).map(_fold),
    st.sampled_from(KNOWN).map(str.upper),
    st.sampled_from(KNOWN).map(lambda h: f"  {h} (bắt buộc) "),
    st.sampled_from(["", " ", "\t", "\u00a0", "#", "()", "(", "Cột 1", "Unnamed: 3"]),
    st.text(min_size=0, max_size=20),
    st.integers(1, 3000).map(lambda n: "Tên mô hình " * n),  # very long, up to ~36 KB
)

CELL = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([math.nan, 0.0, -0.0, 1e308, 32197.0, 2019.0, 105.25, 9.1]),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
    st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2100, 12, 31)),
    st.times(),
    st.sampled_from([
        "Có", "không", "x", "✓", "đạt", "xã", "huyện", "Xã Hiệp Tùng", "Hiep Tung", "P.1",
        "32197", "b'\\x00\\xff'", "\\x00", "=1+1", "=SUM(A1:A3)", "+84", "-", "@cmd",
        "<script>alert(1)</script>", "Tổng cộng", "I. HUYỆN NĂM CĂN", "Người lập biểu",
        "105°12'30\"E", "9,1", "31/12/2019", "2019-02-30", "năm 2018", "nan", "NULL", "None",
    ]),
    st.text(max_size=30),
)


_DIR, _cleanup = scratch_dir("camau_fuzz_")  # files overwritten per example


def _tmp(name: str, data: bytes) -> Path:
    path = _DIR / name
    path.write_bytes(data)
    return path


def _outcome(path: Path, **kw):
    """Read ``path``: a Register, or None after one of our errors with a message."""
    try:
        reg = read_register(path, **kw)
    except CamauGisError as exc:
        assert str(exc).strip()
        assert "Traceback" not in str(exc)
        return None
    for frame in (reg.models, reg.c19):
        assert set(frame["_file"]) <= {str(path)}
        assert frame["_row"].is_unique or frame is reg.c19  # wide c19 rows repeat a row number
    assert reg.models["model_id"].is_unique
    return reg


def _xlsx_safe(value: object) -> object:
    """Values openpyxl can store: strings without control characters, finite numbers kept."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)[:32767]
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53:
        return str(value)
    return value


# --------------------------------------------------------------------------- CSV


@FUZZ
@given(
    st.lists(HEADER, min_size=0, max_size=12),
    st.lists(st.lists(CELL, max_size=14), max_size=8),
    st.sampled_from([",", ";", "\t", "|", ":", " "]),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1258",
                     "tcvn3", "vni", "latin-1"]),
    st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_csv_with_random_headers_cells_encodings(headers, rows, sep, encoding, newline):
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=sep, lineterminator=newline)
    writer.writerows([headers, *[[cell_text(c) for c in r] for r in rows]])
    text = buf.getvalue()
    if encoding in ("tcvn3", "vni", "cp1258"):
        try:
            data = encode_legacy(text, encoding)
        except (ValueError, UnicodeEncodeError):
            data = text.encode("utf-8")
    else:
        data = text.encode(encoding, errors="replace")
    _outcome(_tmp("so.csv", data))


@FUZZ
@given(
    st.sampled_from(["models", "c19"]),
    st.lists(st.tuples(st.integers(0, 10**6), st.binary(min_size=1, max_size=3)), max_size=6),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1258", "tcvn3", "vni"]),
)
def test_example_register_with_corrupted_bytes(which, edits, encoding):
    """The shipped example, re-encoded, with random bytes overwritten or inserted."""
    from camau_gis.register import EXAMPLE_C19, EXAMPLE_MODELS

    text = (EXAMPLE_MODELS if which == "models" else EXAMPLE_C19).read_text(encoding="utf-8")
    text = "\n".join(text.splitlines()[:12]) + "\n"
    data = bytearray(
        encode_legacy(text, encoding) if encoding in ("tcvn3", "vni", "cp1258")
        else text.encode(encoding)
    )
    for pos, chunk in edits:
        pos %= len(data) + 1
        data[pos:pos + (len(chunk) if pos % 2 else 0)] = chunk
    _outcome(_tmp("so.csv", bytes(data)))


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"\n\n\r\n  \n",
        b",,,\n;;;\n",
        "Tên mô hình,Xã\n".encode(),
        "Tên mô hình,Xã\n,\n , \n".encode(),
        "Tên mô hình,Tên mô hình,Xã,Xã\nA,B,Hiệp Tùng,Tân Thành\n".encode(),
        "Tên mô hình,Xã\n\"Một, \"\"hai\"\"\",Hiệp Tùng\n\"unclosed,Hiệp Tùng\n".encode(),
        "Tên mô hình,Xã\nMột,Hiệp Tùng\x00\n".encode(),
        "Tên mô hình|Xã\nMột|Hiệp Tùng\n".encode(),
        "Tên mô hình,Xã\r\nMột,\"Hiệp\r\nTùng\"\r\n".encode(),
        ("Tên mô hình,Xã\n" + "x" * 2**20 + ",Hiệp Tùng\n").encode(),  # a 1 MB cell
        ("Tên mô hình,Xã\n\"" + "x" * 2**20 + "\",Hiệp Tùng\n").encode(),  # quoted 1 MB cell
        (",".join(["Tên mô hình", "Xã"] + [f"c{i}" for i in range(3000)]) + "\n"
         + ",".join(["Một", "Hiệp Tùng"] + ["1"] * 3000) + "\n").encode(),  # 3,002 columns
        "Tên mô hình,Xã\n".encode() + b"A,Hi\xe1\xbb\n",  # UTF-8 cut inside a character
    ],
    ids=["empty", "bom-only", "utf16-bom-only", "blank-lines", "separators-only",
         "header-only", "header-blank-rows", "duplicate-headers", "quotes", "nul",
         "pipe-delimiter", "newline-in-cell", "1mb-cell", "1mb-quoted-cell", "3000-columns",
         "cut-utf8"],
)
def test_edge_case_csv_files(body):
    reg = _outcome(_tmp("so.csv", body))
    if reg is not None:
        assert len(reg.models) >= 1


# --------------------------------------------------------------------------- XLSX


@st.composite
def workbooks(draw):
    """A workbook built with openpyxl: 0-4 sheets of typed cells, merges and formulas."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import MergedCell

    wb = Workbook()
    wb.remove(wb.active)
    n_sheets = draw(st.integers(0, 4))
    names = draw(st.lists(
        st.sampled_from(["Mô hình", "Tiêu chí 19", "Hướng dẫn", "Sheet1", "Ghi chú", "Dữ liệu",
                         "Mo hinh", "Trống"]),
        min_size=n_sheets, max_size=n_sheets, unique=True))
    for name in names:
        ws = wb.create_sheet(name)
        if draw(st.booleans()):
            ws.append([draw(st.sampled_from(["SỔ THEO DÕI", "", None]))])
        headers = draw(st.lists(HEADER, max_size=10))
        ws.append([_xlsx_safe(h) for h in headers])
        for row in draw(st.lists(st.lists(CELL, max_size=12), max_size=8)):
            ws.append([_xlsx_safe(v) for v in row])
        for _ in range(draw(st.integers(0, 3))):  # merged ranges anywhere, overlapping values
            r1, c1 = draw(st.integers(1, 8)), draw(st.integers(1, 8))
            r2, c2 = r1 + draw(st.integers(0, 3)), c1 + draw(st.integers(0, 3))
            try:
                ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
            except ValueError:
                pass
        if draw(st.booleans()):  # a formula without a cached value (not saved by Excel)
            cell = ws.cell(draw(st.integers(2, 6)), draw(st.integers(1, 4)))
            if not isinstance(cell, MergedCell):
                cell.value = "=A1&B1"
    if not wb.worksheets:
        wb.create_sheet("Trống")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@FUZZ
@given(workbooks(), st.sampled_from([None, "Mô hình", "mo hinh", "Không có"]))
def test_random_workbooks_parse_or_report(data, sheet):
    _outcome(_tmp("so.xlsx", data), sheet=sheet)


@FUZZ
@given(workbooks(), st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=4))
def test_workbooks_with_flipped_bytes(data, flips):
    buf = bytearray(data)
    for pos, value in flips:
        buf[pos % len(buf)] = value
    _outcome(_tmp("so.xlsx", bytes(buf)))


def _replace_in_zip(path: Path, old: bytes, new: bytes) -> None:
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, src.read(item).replace(old, new))


def test_edge_case_workbooks(tmp_path):
    """Empty sheets, a header-only sheet, a 1 MB cell, 2,000 columns: parsed or our error."""
    from openpyxl import Workbook

    cases = {}
    wb = Workbook()
    cases["empty"] = wb
    wb = Workbook()
    wb.active.append(["Tên mô hình", "Xã"])
    wb.create_sheet("Trống")
    cases["header-only"] = wb
    wb = Workbook()
    wb.active.append(["Tên mô hình", "Xã"])
    wb.active.append(["x" * 32767, "Hiệp Tùng"])  # openpyxl writes at most Excel's 32,767
    cases["1mb-cell"] = wb
    wb = Workbook()
    wb.active.append(["Tên mô hình", "Xã", *[f"c{i}" for i in range(2000)]])
    wb.active.append(["Một", "Hiệp Tùng", *range(2000)])
    cases["2000-columns"] = wb
    outcomes = {}
    for name, wb in cases.items():
        path = tmp_path / f"{name}.xlsx"
        wb.save(path)
        if name == "1mb-cell":  # grow the cell to 1 MB inside the saved file
            _replace_in_zip(path, b"x" * 32767, b"x" * 2**20)
        outcomes[name] = _outcome(path)
    assert outcomes["empty"] is None and outcomes["header-only"] is None
    assert outcomes["1mb-cell"].models["name"].str.len().tolist() == [2**20]
    assert outcomes["2000-columns"].models["commune"].tolist() == ["Hiệp Tùng"]


# --------------------------------------------------------------------------- pieces


@FUZZ
@given(st.lists(st.binary(max_size=40), max_size=10), st.sampled_from([None, "cp1258", "tcvn3"]))
def test_decode_column_accepts_any_bytes(raw, prior):
    enc, values, score = decode_column(raw, prior=prior)
    assert len(values) == len(raw) and all(isinstance(v, str) for v in values)
    assert 0.0 <= score <= 1.0 and isinstance(enc, str)


@FUZZ
@given(st.lists(st.text(max_size=30), max_size=10))
def test_legacy_in_text_accepts_any_text(values):
    enc, out, _ = legacy_in_text(values)
    assert enc in (None, "tcvn3", "vni") and len(out) == len(values)


@FUZZ
@given(st.binary(max_size=300))
def test_decode_gives_nfc_text_or_our_error(data):
    try:
        text, enc = decode(data)
    except CamauGisError:
        return
    assert unicodedata.is_normalized("NFC", text) and enc


@FUZZ
@given(st.lists(st.lists(CELL, max_size=8), max_size=8), st.sampled_from([None, "models", "c19"]))
def test_header_detection_and_parsing_of_typed_rows(rows, table):
    from camau_gis.io.sheets import Sheet

    sheet = Sheet(file="so.xlsx", sheet="S", rows=[(i + 1, r) for i, r in enumerate(rows)])
    idx, kind, n = find_header(sheet.rows, table)
    assert idx == -1 or (0 <= idx < len(rows) and kind in ("models", "c19") and n >= 2)
    for r in rows:
        for t in ("models", "c19"):
            assert all(0 <= i < len(r) for i in map_headers(r, t).values())
    try:
        parsed = parse_sheet(sheet, table)
    except CamauGisError:
        return
    assert parsed.records and all(r["_row"] > parsed.header_row for r in parsed.records)


def test_read_sheets_refuses_folders_and_old_formats(tmp_path):
    for name in ("old.xls", "calc.ods"):
        (tmp_path / name).write_bytes(b"\xd0\xcf\x11\xe0")
        with pytest.raises(CamauGisError, match="xlsx"):
            read_sheets(tmp_path / name)
    with pytest.raises(CamauGisError, match="thư mục"):
        read_sheets(tmp_path)
    with pytest.raises(CamauGisError, match="đường dẫn tệp|không tìm thấy") as err:
        read_sheets(tmp_path / ("x" * 5000 + ".csv"))  # longer than any file system allows
    assert len(str(err.value)) < 400


@FUZZ
@given(
    st.dictionaries(
        st.sampled_from(["name", "commune", "district", "gso_code", "year", "achieved",
                         "model_id", "lon", "level", "bogus", ""]),
        HEADER, max_size=3),
    st.sampled_from(["models", "c19"]),
)
def test_random_column_mappings(mapping, which):
    """``--columns FIELD=HEADER`` with any field and header: parsed, or our error naming it."""
    from camau_gis.register import EXAMPLE_C19, EXAMPLE_MODELS

    src = EXAMPLE_MODELS if which == "models" else EXAMPLE_C19
    lines = src.read_text(encoding="utf-8").splitlines()[:8]
    _outcome(_tmp(f"{which}.csv", ("\n".join(lines) + "\n").encode()), columns=mapping)


@pytest.mark.parametrize("encoding", ["cp1258", "tcvn3", "vni"])
def test_legacy_encoding_judged_on_a_sample_then_applied_to_all_lines(monkeypatch, encoding):
    """Large legacy files: the encoding chosen on a sample decodes every line; else all lines judged."""
    import camau_gis.io.sheets as reader

    monkeypatch.setattr(reader, "DECODE_SAMPLE_LINES", 3)
    names = ["Xã Hiệp Tùng", "Thị trấn Năm Căn", "Xã Đất Mũi", "Phường Tân Xuyên", "Xã Tạ An Khương"]
    text = "Tên mô hình,Xã\n" + "".join(f"Mô hình số {i},{names[i % 5]}\n" for i in range(40))
    data = encode_legacy(text, encoding)
    out, enc = decode(data)
    assert enc == encoding and out == unicodedata.normalize("NFC", text).replace("\r", "")
    # a byte CP1258 leaves undefined, after the sample: every line is judged again, no error
    out, enc = decode(data + b"Mo hinh cuoi,\x81\x8d\n")
    assert enc in ("cp1258", "tcvn3", "vni", "cp1252") and out.count("\n") == 42
    if encoding == "cp1258":
        assert enc != "cp1258"  # the undefined bytes ruled it out for the whole file
