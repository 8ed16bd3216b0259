"""The credit line names the register by the title its keeper wrote above the header.

An office workbook as a provincial office keeps it (letterhead, merged title,
header, column numbers, district headings, totals, signature) goes through
``build``, ``report`` and ``maps -f svg`` as a user runs them; every output that
carries the credit line (the map's SVG twin, the HTML map's embedded data, the
Word and HTML reports, the XLSX notes sheet, summary.json) names the title and
not the file, with the title's ``<script>`` and ``&`` escaped for each format.
"""

from __future__ import annotations

import json
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from _office import office_models

#: The title as the keeper typed it: decomposed diacritics (NFD), doubled spaces, markup.
TYPED = unicodedata.normalize(
    "NFD", "DANH SÁCH  MÔ HÌNH <script>alert(1)</script> & AN NINH TRẬT TỰ  NĂM 2019")
#: The title as every output must show it: NFC, whitespace collapsed, markup as text.
TITLE = "DANH SÁCH MÔ HÌNH <script>alert(1)</script> & AN NINH TRẬT TỰ NĂM 2019"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _office_workbook(path: Path, title: str) -> Path:
    from openpyxl import load_workbook

    office_models(path)  # letterhead rows 1-2, title row 4 (merged), header, data, totals
    wb = load_workbook(path)
    wb.active["A4"] = title
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def outputs(tmp_path_factory, ca_mau_shp) -> Path:
    """build, report and maps -f svg into one folder, from the office workbook."""
    from camau_gis.cli import main

    base = tmp_path_factory.mktemp("credit")
    register = _office_workbook(base / "so_mo_hinh_2019.xlsx", TYPED)
    out = base / "out"
    common = ["-r", str(register), "-b", str(ca_mau_shp), "-o", str(out)]
    for args in (["build", "--dpi", "40"], ["report", "--dpi", "40"],
                 ["maps", "-f", "svg", "-k", "coverage", "-k", "c19"]):
        assert main(args + common) == 0, args
    return out


def test_the_title_row_is_told_from_the_letterhead_above_the_header(tmp_path):
    from camau_gis.register import read_register

    reg = read_register(_office_workbook(tmp_path / "so.xlsx", TYPED))
    assert reg.titles == [TITLE]
    # the letterhead rows above the header are still listed as skipped, the title too
    assert {s.row for s in reg.layout if s.reason == "above_header"} == {1, 2, 4}


@pytest.mark.parametrize(("rows", "title"), [
    ([["CÔNG AN TỈNH CÀ MAU", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
      ["PHÒNG THAM MƯU", "Độc lập - Tự do - Hạnh phúc"], [""],
      ["BẢNG TỔNG HỢP KẾT QUẢ XÂY DỰNG MÔ HÌNH"], ["NĂM 2024"]],
     "BẢNG TỔNG HỢP KẾT QUẢ XÂY DỰNG MÔ HÌNH"),
    ([["UBND HUYỆN THỚI BÌNH"], ["Số: 12/BC-UBND"], ["(Kèm theo Báo cáo số 12/BC-UBND)"],
      ["Mô hình tự quản về an ninh trật tự các xã"]],
     "Mô hình tự quản về an ninh trật tự các xã"),
    ([["CÔNG AN TỈNH CÀ MAU"], ["Cà Mau, ngày 15 tháng 01 năm 2025"], ["Đơn vị tính: mô hình"]],
     ""),
])
def test_title_of_skips_agency_motto_numbers_and_dates(rows, title):
    from camau_gis.normalize.register.layout import title_of

    assert title_of(rows) == title


def test_summary_json_names_the_title(outputs):
    summary = json.loads((outputs / "summary.json").read_text(encoding="utf-8"))
    assert summary["register_title"] == [TITLE]
    assert summary["sources"] == ["so_mo_hinh_2019.xlsx"]  # the file stays known, by name


def test_svg_map_credit_names_the_title_escaped(outputs):
    for name in ("coverage_map.svg", "c19_map.svg"):
        raw = (outputs / name).read_text(encoding="utf-8")
        assert "<script>" not in raw  # the title's markup is text, escaped by the SVG writer
        texts = [nfc("".join(e.itertext())) for e in ET.fromstring(raw).iter()
                 if e.tag.endswith("}text") or e.tag.endswith("}g")]
        credit = next(t for t in texts if "Sổ theo dõi mô hình" in t)
        assert TITLE in credit
        assert "so_mo_hinh_2019" not in raw


def test_png_credit_is_the_captions_line_with_the_title(tmp_path, ca_mau_shp):
    """The PNG draws captions.credit_line: the analysis `build` makes gives it the title."""
    from camau_gis.pipeline import run_analysis
    from camau_gis.render.captions import credit_line

    register = _office_workbook(tmp_path / "so.xlsx", TYPED)
    result = run_analysis(boundaries=ca_mau_shp, register=register)
    line = credit_line(result)
    assert f"Sổ theo dõi mô hình: {TITLE}." in line and "so.xlsx" not in line


def test_html_map_embeds_the_title_as_text(outputs):
    from camau_gis.render.html import read_payload

    path = outputs / "coverage_map.html"
    raw = path.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in raw  # escaped inside the JSON payload
    summary = read_payload(path)["summary"]
    assert summary["sources"] == [TITLE]
    assert not any("so_mo_hinh_2019" in s for s in summary["sources"])


def test_word_and_html_reports_name_the_title(outputs):
    from docx import Document

    doc = Document(str(outputs / "report.docx"))
    text = nfc("\n".join(p.text for p in doc.paragraphs))
    assert TITLE in text
    assert "so_mo_hinh_2019" not in text
    html = (outputs / "report.html").read_text(encoding="utf-8")
    assert "DANH SÁCH MÔ HÌNH &lt;script&gt;alert(1)&lt;/script&gt; &amp; AN NINH" in html
    assert "<script>alert(1)" not in html


def test_xlsx_notes_name_the_title(outputs):
    from openpyxl import load_workbook

    ws = load_workbook(outputs / "uncovered_communes.xlsx").worksheets[-1]
    values = [nfc(str(c.value)) for row in ws.iter_rows() for c in row if c.value]
    assert TITLE in values


def test_a_csv_without_a_title_is_named_by_its_file(tmp_path, ca_mau_shp):
    from camau_gis.cli import main
    from camau_gis.render.html import read_payload

    csv = tmp_path / "mo_hinh_huyen.csv"
    csv.write_text("Huyện,Xã,Tên mô hình,Năm\nHuyện Thới Bình,Xã Biển Bạch,Camera an ninh,2019\n",
                   encoding="utf-8-sig")
    out = tmp_path / "out"
    assert main(["build", "-r", str(csv), "-b", str(ca_mau_shp), "-o", str(out), "--dpi",
                 "20"]) == 0
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["register_title"] is None
    assert "mo_hinh_huyen.csv" in read_payload(out / "coverage_map.html")["summary"]["sources"]
