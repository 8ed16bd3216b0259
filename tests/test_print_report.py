"""The Word report as a Vietnamese office sends it: styles, fields and tables in the DOCX,
and what the PDF that LibreOffice makes of it shows (captions, page numbers, fonts)."""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET

import matplotlib

matplotlib.use("Agg")

import pytest
from _analysis_factory import make_analysis
from _docx import docx_to_pdf

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@pytest.fixture(scope="module")
def analysis(_ca_mau_communes_cached):
    from camau_gis.analysis.districts import district_summary

    result = make_analysis(_ca_mau_communes_cached)
    result.districts = district_summary(result.communes)
    return result


@pytest.fixture(scope="module")
def report(analysis, tmp_path_factory):
    from camau_gis.report import write_report

    return write_report(analysis, tmp_path_factory.mktemp("report"), lang="vi", dpi=60)


@pytest.fixture(scope="module")
def doc(report):
    from docx import Document

    return Document(str(report["report.docx"]))


@pytest.fixture(scope="module")
def pdf(report):
    from pypdf import PdfReader

    return PdfReader(str(docx_to_pdf(report["report.docx"])))


def _pages(pdf) -> list[str]:
    return [nfc(p.extract_text() or "") for p in pdf.pages]


def test_page_margins_font_and_language(doc):
    s = doc.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    margins = [round(m.mm, 1) for m in (s.top_margin, s.bottom_margin, s.left_margin,
                                        s.right_margin)]
    assert margins == [20.0, 20.0, 30.0, 15.0]  # Nghị định 30/2020: 20-25, 20-25, 30-35, 15-20
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and 13 <= normal.font.size.pt <= 14
    checked = 0
    for style in doc.styles:
        rpr = style.element.find(f"{W}rPr")
        if rpr is None:
            continue
        lang = rpr.find(f"{W}lang")
        assert lang is not None and lang.get(f"{W}val") == "vi-VN", style.name
        fonts = rpr.find(f"{W}rFonts")
        assert fonts.get(f"{W}ascii") == "Times New Roman", style.name
        checked += 1
    assert checked > 20
    defaults = doc.styles.element.find(f"{W}docDefaults").find(f".//{W}lang")
    assert defaults.get(f"{W}val") == "vi-VN"


def _fields(element) -> list[str]:
    return [nfc(t.text.strip()) for t in element.iter(f"{W}instrText")]


def test_captions_are_numbered_seq_fields_in_the_caption_style(doc):
    captions = [p for p in doc.paragraphs if p.style.name == "Caption"]
    figures = [nfc(p.text) for p in captions if p.text.startswith("Hình")]
    tables = [nfc(p.text) for p in captions if p.text.startswith("Bảng")]
    assert [f.split(".")[0] for f in figures] == ["Hình 1", "Hình 2", "Hình 3", "Hình 4"]
    assert figures[0] == "Hình 1. Mô hình an ninh trật tự cấp xã và tiêu chí 19"
    assert [t.split(".")[0] for t in tables] == [f"Bảng {i}" for i in range(1, len(tables) + 1)]
    assert len(tables) >= 3
    for p in captions:
        assert any(f.startswith("SEQ ") for f in _fields(p._p)), p.text


def test_each_figure_keeps_with_its_caption_and_has_alt_text(doc):
    paras = doc.paragraphs
    pictures = [i for i, p in enumerate(paras) if p._p.findall(".//{*}inline")]
    assert len(pictures) == 4
    for i in pictures:
        assert paras[i].paragraph_format.keep_with_next
        assert paras[i + 1].style.name == "Caption"
    for shape in doc.inline_shapes:
        pr = shape._inline.find("{*}docPr")
        assert len(pr.get("descr", "")) > 40, pr.get("descr")
        assert 16.0 <= shape.width.cm <= 17.0


def test_national_heading_block_opens_the_report(doc):
    block = doc.tables[0]
    left, right = (nfc(c.text) for c in block.rows[0].cells)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right and "Độc lập - Tự do - Hạnh phúc" in right
    assert "Cà Mau, ngày" in right and left.startswith("TÊN CƠ QUAN")


def test_toc_header_and_page_number_fields(doc):
    body = _fields(doc.element.body)
    assert any(f.startswith("TOC ") for f in body)
    header = nfc(doc.sections[0].header.paragraphs[0].text)
    assert header.startswith("Báo cáo bao phủ mô hình")
    assert "PAGE" in _fields(doc.sections[0].footer._element)


def test_tables_repeat_headers_never_split_rows_and_size_columns_by_content(doc):
    uncovered = next(t for t in doc.tables if nfc(t.rows[0].cells[-1].text) == "Lý do")
    data = [t for t in doc.tables if t.style.name == "Table Grid"]  # not the heading block
    assert len(data) >= 3
    for table in data:
        first = table.rows[0]._tr.trPr
        assert first.find(f"{W}tblHeader") is not None
        for row in table.rows:
            assert row._tr.trPr.find(f"{W}cantSplit") is not None
    widths = [c.width for c in uncovered.columns]
    assert widths[-1] == max(widths) and widths[-1] > 2 * min(widths)
    assert sum(w.cm for w in widths) == pytest.approx(16.5, abs=0.05)


def test_report_figures_print_labels_of_at_least_6_pt(doc, analysis, tmp_path):
    """The SVG twin of a report figure, scaled to its printed width, has no text under 6 pt."""
    from camau_gis.render.static import plot_map, save_figure

    printed_pt = doc.inline_shapes[0].width.pt
    fig, _ = plot_map(analysis, "coverage", figure=True)
    root = ET.parse(save_figure(fig, tmp_path / "twin.svg")).getroot()
    scale = printed_pt / float(root.get("width").removesuffix("pt"))
    sizes = [float(m.group(1)) * scale
             for el in root.iter("{http://www.w3.org/2000/svg}text")
             if (m := re.search(r"([\d.]+)px", el.get("style", "")))]
    assert len(sizes) > 80 and min(sizes) >= 6.0


def test_pdf_numbers_pages_orders_captions_and_uses_times(pdf, doc):
    pages = _pages(pdf)
    assert len(pages) >= 4
    for number, text in enumerate(pages, start=1):
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        assert str(number) in lines, f"page {number} has no page number"
    joined = "\n".join(pages)
    found = re.findall(r"Hình (\d+)\.", joined)
    assert found == ["1", "2", "3", "4"]
    tables = [int(n) for n in re.findall(r"Bảng (\d+)\.", joined)]
    assert tables == sorted(tables) and tables[0] == 1
    fonts = set()
    for page in pdf.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object().get("/BaseFont")))
    assert any("Times" in f or "LiberationSerif" in f for f in fonts), fonts


def test_pdf_never_splits_a_table_row(pdf, doc):
    pages = [re.sub(r"\s+", "", t) for t in _pages(pdf)]
    uncovered = next(t for t in doc.tables if nfc(t.rows[0].cells[-1].text) == "Lý do")
    for row in uncovered.rows[1:]:
        cells = [re.sub(r"\s+", "", nfc(c.text)) for c in row.cells]
        code, reasons = cells[1], cells[-1]
        on = [i for i, p in enumerate(pages) if code in p]
        assert on, code
        assert reasons[-12:] in pages[on[0]], f"row {code} continues on the next page"


def test_build_then_report_keeps_the_300_dpi_maps(analysis, tmp_path):
    """`report` into the folder of `build` writes its own figures and leaves coverage_map.png."""
    import struct

    from camau_gis.render.static import save_maps
    from camau_gis.report import write_report

    built = save_maps(analysis, tmp_path, kinds=("coverage",), dpi=300)  # what build writes
    before = built["coverage_map.png"].read_bytes()
    written = write_report(analysis, tmp_path, dpi=60)
    after = (tmp_path / "coverage_map.png").read_bytes()
    assert after == before
    i = after.index(b"pHYs")
    per_metre = struct.unpack(">I", after[i + 4:i + 8])[0]
    assert round(per_metre * 0.0254) == 300
    assert "coverage_map.png" not in written and "report_coverage_map.png" in written


def test_excel_tables_are_ready_to_print(tmp_path):
    """A district summary sheet as write_tables lays it out: print setup read back with openpyxl."""
    import pandas as pd
    from openpyxl import Workbook, load_workbook

    from camau_gis.export.tables import _add_sheet

    frame = pd.DataFrame({"Mã": ["01", "02", ""], "Huyện": ["Huyện U Minh", "Huyện Năm Căn",
                                                             "Toàn tỉnh"], "Số xã": [8, 7, 15]})
    book = Workbook(write_only=True)
    _add_sheet(book, "Tổng hợp", frame, ["code", "district", "n_units"], bold_last=True)
    book.save(tmp_path / "t.xlsx")
    ws = load_workbook(tmp_path / "t.xlsx").worksheets[0]
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$1:$1"
    assert ws.freeze_panes == "C2"  # header row and the name column stay in view
    assert ws.auto_filter.ref == "A1:C3"  # the total row (4) is outside the filter


def test_html_report_has_the_same_structure(report):
    from html.parser import HTMLParser

    class Parser(HTMLParser):
        def __init__(self):
            super().__init__()
            self.stack, self.captions, self.figcaptions, self.links, self.alts = [], [], [], [], []

        def handle_starttag(self, tag, attrs):
            self.stack.append(tag)
            attrs = dict(attrs)
            if tag == "a":
                self.links.append(attrs.get("href"))
            if tag == "img":
                self.alts.append(attrs.get("alt", ""))

        def handle_endtag(self, tag):
            self.stack.pop() if self.stack else None

        def handle_data(self, data):
            if self.stack and self.stack[-1] == "caption":
                self.captions.append(nfc(data))
            if self.stack and self.stack[-1] == "figcaption":
                self.figcaptions.append(nfc(data))

    p = Parser()
    p.feed(report["report.html"].read_text(encoding="utf-8"))
    assert [c.split(".")[0] for c in p.figcaptions] == [f"Hình {i}" for i in range(1, 5)]
    assert [c.split(".")[0] for c in p.captions] == [f"Bảng {i}" for i in
                                                     range(1, len(p.captions) + 1)]
    assert p.links[:5] == ["#headline", "#maps", "#districts", "#uncovered", "#notes"]
    assert all(len(a) > 40 for a in p.alts) and len(p.alts) == 4
