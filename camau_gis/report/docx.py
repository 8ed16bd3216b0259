"""Word report (.docx, python-docx): headline figures, maps at print size, real Word tables.

python-docx escapes ``<``, ``&`` and quotes; control characters, which it
refuses, become U+FFFD first (:func:`camau_gis.report._content.xml_safe`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._content import ReportContent, Table

#: Printed width of a map image (A4 portrait minus 2.5 cm margins).
MAP_WIDTH_CM = 16.0
#: Body font: the usual font of Vietnamese administrative documents.
BODY_FONT = "Times New Roman"


def _table(doc: Any, table: Table, *, font_pt: float = 9) -> Any:
    from docx.shared import Pt

    has_header = any(table.header)
    out = doc.add_table(rows=1 if has_header else 0, cols=len(table.header))
    out.style = "Table Grid"
    if has_header:
        for cell, text in zip(out.rows[0].cells, table.header, strict=True):
            run = cell.paragraphs[0].add_run(text)
            run.bold = True
            run.font.size = Pt(font_pt)
        _repeat_header(out.rows[0])
    for i, row in enumerate(table.rows):
        cells = out.add_row().cells
        last = table.total and i == len(table.rows) - 1
        for cell, text in zip(cells, row, strict=True):
            run = cell.paragraphs[0].add_run(text)
            run.font.size = Pt(font_pt)
            run.bold = last
    return out


def _repeat_header(row: Any) -> None:
    """Mark a table row as a header repeated on every printed page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    props = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    props.append(el)


def write_docx(content: ReportContent, path: str | Path) -> Path:
    """Write the Word report atomically.

    Parameters
    ----------
    content : ReportContent
        What the report says (:func:`camau_gis.report._content.build_content`).
    path : str or Path
        Destination ``.docx``.

    Returns
    -------
    Path
    """
    import datetime as dt

    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    from .._atomic import atomic_path
    from ._content import xml_safe

    content = xml_safe(content)  # python-docx refuses control characters
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    normal = doc.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(12)
    props = doc.core_properties
    props.title = content.title
    props.language = content.lang
    props.author = "camau-gis"
    fixed = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)  # reproducible output
    props.created = props.modified = fixed
    props.last_modified_by = "camau-gis"
    props.revision = 1

    doc.add_heading(content.title, level=0)
    sub = doc.add_paragraph(content.subtitle)
    sub.runs[0].italic = True
    if content.illustrative:
        warn = doc.add_paragraph()
        run = warn.add_run(content.illustrative)
        run.bold = True
        run.font.color.rgb = RGBColor(0xB2, 0x18, 0x2B)

    doc.add_heading(content.headings["headline"], level=1)
    _table(doc, _headline_table(content), font_pt=11)

    doc.add_heading(content.headings["maps"], level=1)
    for caption, image in content.maps:
        doc.add_picture(str(image), width=Cm(MAP_WIDTH_CM))
        doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cap = doc.add_paragraph(caption)
        cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
        cap.runs[0].italic = True

    doc.add_heading(content.headings["districts"], level=1)
    _table(doc, content.districts)

    doc.add_heading(content.headings["uncovered"], level=1)
    if content.uncovered is None:
        doc.add_paragraph(content.uncovered_empty)
    else:
        _table(doc, content.uncovered)

    for extra in content.sections:  # spatial analysis, plan (report/sections.py)
        doc.add_heading(extra.heading, level=1)
        for text in extra.paragraphs:
            doc.add_paragraph(text)
        for caption, image in extra.images:
            doc.add_picture(str(image), width=Cm(MAP_WIDTH_CM))
            doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            cap = doc.add_paragraph(caption)
            cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
            cap.runs[0].italic = True
        if extra.table is not None:
            _table(doc, extra.table)

    doc.add_heading(content.headings["notes"], level=1)
    for note in content.notes:
        doc.add_paragraph(note, style="List Bullet")
    if content.unmatched is not None:
        _table(doc, content.unmatched, font_pt=8)
    credit = doc.add_paragraph(content.credit)
    credit.runs[0].font.size = Pt(8)

    path = Path(path)
    with atomic_path(path) as tmp:
        doc.save(str(tmp))
    return path


def _headline_table(content: ReportContent) -> Table:
    from ._content import Table

    return Table(header=["", ""], rows=[[label, value] for label, value in content.headline])
