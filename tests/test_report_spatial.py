"""The report's spatial-analysis section as printed: LISA map at the text width, kept with
its heading, Moran's I written with the reader's decimal mark.

The README's example (shipped register on the real Cà Mau boundaries, which
has a LISA table) is written as ``report.docx``, converted to PDF with
LibreOffice and read page by page.
"""

from __future__ import annotations

import re
import struct
import unicodedata
import xml.etree.ElementTree as ET

import matplotlib

matplotlib.use("Agg")

import pytest
from _docx import docx_to_pdf

TEXT_WIDTH_CM = 16.5  # A4 portrait, margins 30 mm left and 15 mm right


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@pytest.fixture(scope="module")
def example(ca_mau_shp):
    from camau_gis.pipeline import run_analysis

    return run_analysis(boundaries=ca_mau_shp)


@pytest.fixture(scope="module")
def written(example, tmp_path_factory):
    from camau_gis.report import write_report

    return {lang: write_report(example, tmp_path_factory.mktemp(f"report_{lang}"), lang=lang,
                               dpi=60)
            for lang in ("vi", "en")}


@pytest.fixture(scope="module")
def pdf_pages(written):
    from pypdf import PdfReader

    pdf = docx_to_pdf(written["vi"]["report.docx"])
    return [nfc(p.extract_text() or "") for p in PdfReader(str(pdf)).pages]


def _png_width_in(path) -> float:
    data = path.read_bytes()
    width = struct.unpack(">I", data[16:20])[0]
    i = data.index(b"pHYs")
    per_metre = struct.unpack(">I", data[i + 4:i + 8])[0]
    return width / (per_metre * 0.0254)


def test_lisa_figure_is_drawn_for_the_text_width(written):
    from docx import Document
    from docx.shared import Cm

    files = written["vi"]
    assert "report_lisa_map.png" in files and "lisa_map.png" in files  # the page stays too
    # drawn 16.5 cm wide (legend at 7.5 pt as printed), not an A4 page scaled down
    assert _png_width_in(files["report_lisa_map.png"]) == pytest.approx(TEXT_WIDTH_CM / 2.54,
                                                                          abs=0.05)
    doc = Document(str(files["report.docx"]))
    widths = {shape._inline.find(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
    ).get("title"): shape.width for shape in doc.inline_shapes}
    lisa = next(w for title, w in widths.items() if "LISA" in title)
    assert abs(lisa - Cm(TEXT_WIDTH_CM)) < Cm(0.05)
    svg = ET.parse(files["report_lisa_map.svg"]).getroot()
    sizes = {float(m.group(1)) for el in svg.iter() if (style := el.get("style"))
             for m in [re.search(r"font-size:\s*([\d.]+)px", style)] if m}
    assert sizes and min(sizes) >= 6.0  # px at 72 per inch: points as printed


def test_every_heading_keeps_with_what_follows(written):
    from docx import Document

    doc = Document(str(written["vi"]["report.docx"]))
    for name in ("Title", "Heading 1", "Heading 2"):
        assert doc.styles[name].paragraph_format.keep_with_next, name
    paras = [p for p in doc.paragraphs]
    i = next(k for k, p in enumerate(paras)  # the heading, not its line in the TOC
             if nfc(p.text) == "Phân tích không gian" and p.style.name == "Heading 1")
    # heading -> reading -> figure: each keeps with the next, the figure with its caption
    chain = paras[i:i + 3]
    assert all(p.paragraph_format.keep_with_next or p.style.paragraph_format.keep_with_next
               for p in chain)
    assert chain[2]._p.xpath(".//pic:pic")


def test_pdf_keeps_the_spatial_heading_on_the_page_of_its_figure(pdf_pages):
    toc = next(k for k, text in enumerate(pdf_pages) if "Mục lục" in text or "Contents" in text)
    heading = [k for k, text in enumerate(pdf_pages)
               if k != toc and re.search(r"^Phân tích không gian\s*$", text, re.M)]
    assert len(heading) == 1, heading
    page = pdf_pages[heading[0]]
    assert re.search(r"Hình \d+\. Cụm không gian của độ bao phủ mô hình \(LISA\)", page), page


def test_moran_is_written_with_a_decimal_comma_in_vietnamese(pdf_pages, written):
    text = " ".join(pdf_pages)
    found = re.findall(r"Moran I = (-?\d+[.,]\d+)", text)
    assert found and all("," in v and "." not in v for v in found), found
    assert re.search(r"p = 0,\d{3}", text)
    svg = nfc(written["vi"]["moran_scatter.svg"].read_text(encoding="utf-8"))
    assert re.search(r"Chỉ số I Moran = -?\d,\d{3}; p = \d,\d{3}", svg)
    root = ET.fromstring(svg)
    ticks = [t for el in root.iter("{http://www.w3.org/2000/svg}text")
             if re.fullmatch(r"[−-]?\d+(?:[.,]\d+)?", t := "".join(el.itertext()).strip())]
    assert any("," in t for t in ticks) and not any("." in t for t in ticks), ticks


def test_moran_is_written_with_a_decimal_point_in_english(written):
    from docx import Document

    svg = written["en"]["moran_scatter.svg"].read_text(encoding="utf-8")
    assert re.search(r"Moran's I = -?\d\.\d{3}; p = \d\.\d{3}", svg)
    text = nfc("\n".join(p.text for p in Document(str(written["en"]["report.docx"])).paragraphs))
    assert re.search(r"Moran's I = -?\d\.\d{2} \(p = \d\.\d{3}\)", text)


def test_one_formatter_writes_every_number():
    from camau_gis.i18n import fmt_number, fmt_percent

    assert fmt_number(0.3241, "vi", 3) == "0,324" and fmt_number(0.3241, "en", 3) == "0.324"
    assert fmt_number(12345.6, "vi", 1) == "12.345,6" and fmt_number(12345.6, "en", 1) == \
        "12,345.6"
    assert fmt_number(-0.5, "vi", None) == "-0,5" and fmt_number(0.05, "vi", None) == "0,05"
    assert fmt_percent(0.812, "vi") == "81,2%" and fmt_percent(None, "en") == "–"
