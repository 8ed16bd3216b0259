"""Word report (.docx, python-docx) laid out as a Vietnamese administrative report.

Layout after Nghị định 30/2020/NĐ-CP (Phụ lục I), where it applies to a report:
A4 portrait, margins top 20 mm, bottom 20 mm, left 30 mm, right 15 mm; Times
New Roman 13 pt body text; Vietnamese proofing language (vi-VN) on every
style. On top of that, what a report of many pages needs: a header with the
report title, page numbers in the footer, a table-of-contents field, numbered
captions in the Caption style ("Hình 1. …", "Bảng 1. …") as Word SEQ fields,
each figure kept with its caption, alt text on every image, tables whose
column widths follow their content (the reasons column widest), whose header
row repeats on each page and whose rows never split across pages.

python-docx escapes ``<``, ``&`` and quotes; control characters, which it
refuses, become U+FFFD first (:func:`camau_gis.report._content.xml_safe`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..i18n import t as _t

if TYPE_CHECKING:
    from ._content import ReportContent, Table

#: Page margins in mm (Nghị định 30/2020/NĐ-CP: top/bottom 20-25, left 30-35, right 15-20).
MARGINS_MM: dict[str, float] = {"top": 20.0, "bottom": 20.0, "left": 30.0, "right": 15.0}
#: Printed width of a map image: the text width (210 - 30 - 15 mm).
MAP_WIDTH_CM = 16.5
#: Body font and size: the font of Vietnamese administrative documents, 13-14 pt.
BODY_FONT = "Times New Roman"
BODY_PT = 13.0
#: Text size of table cells (the decree sets none for tables; 11 pt reads well at A4).
TABLE_PT = 11.0
#: Word's caption-number sequence names ("Hình", "Bảng") per language.
_SEQ = {"figure": "fig_label", "table": "table_label"}


def _set_language(rpr: Any, tag: str) -> None:
    """Set ``w:lang`` (Latin, East Asian and complex scripts) on a run-properties element."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), tag)


def _set_font(rpr: Any, name: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):  # theme fonts would override the names
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)


def _styles(doc: Any, lang: str) -> None:
    """Set Times New Roman and the proofing language on every style; headings black, bold."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt, RGBColor

    tag = _t("docx_proofing", lang)
    defaults = doc.styles.element.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}docDefaults")
    if defaults is not None:
        rpr = defaults.find(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rPr")
        if rpr is not None:
            _set_language(rpr, tag)
            _set_font(rpr, BODY_FONT)
    for style in doc.styles:
        if style.type not in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER,
                              WD_STYLE_TYPE.TABLE):
            continue
        rpr = style.element.get_or_add_rPr()
        _set_language(rpr, tag)
        _set_font(rpr, BODY_FONT)
        if style.type == WD_STYLE_TYPE.PARAGRAPH and style.name.startswith(("Heading", "Title")):
            style.font.color.rgb = RGBColor(0, 0, 0)
            style.font.bold = True
            style.paragraph_format.keep_with_next = True  # never alone at a page's foot
    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.15
    for name, size in (("Title", 16), ("Heading 1", 14), ("Heading 2", 13), ("Caption", 12),
                       ("Header", 11), ("Footer", 11)):
        doc.styles[name].font.size = Pt(size)
    title_ppr = doc.styles["Title"].element.pPr
    if title_ppr is not None:  # no coloured rule under the title
        for border in title_ppr.findall(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pBdr"):
            title_ppr.remove(border)
    cap = doc.styles["Caption"]
    cap.font.italic, cap.font.bold = False, True
    cap.font.color.rgb = RGBColor(0, 0, 0)


def _field(paragraph: Any, instruction: str, result: str) -> None:
    """Append a complex field (``SEQ``, ``PAGE``, ``TOC``…) with a pre-computed result."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> Any:
        run = paragraph.add_run()
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        run._r.append(el)
        return run

    char("begin")
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    char("separate")
    paragraph.add_run(result)
    char("end")


def _caption(doc: Any, kind: str, number: int, text: str, lang: str, *, above: bool) -> Any:
    """Add a numbered caption in the Caption style: ``Hình 1. …`` with the number as a SEQ field."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    label = _t(_SEQ[kind], lang)
    cap = doc.add_paragraph(style="Caption")
    cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cap.add_run(f"{label} ")
    _field(cap, f"SEQ {label} \\* ARABIC", str(number))
    cap.add_run(f". {text}")
    cap.paragraph_format.keep_with_next = above  # a table caption stays with its table
    return cap


def _widths(table: Table, total_cm: float) -> list[float]:
    """Column widths (cm) from content: longest word and average length per column."""
    import math

    scores = []
    for j, head in enumerate(table.header):
        cells = [row[j] for row in table.rows] + [head]
        words = max((len(w) for c in cells for w in str(c).split()), default=1)
        mean = sum(len(str(c)) for c in cells) / max(len(cells), 1)
        scores.append(max(words * 1.3, math.sqrt(mean) * 3.2, 4.5))
    total = sum(scores)
    return [total_cm * s / total for s in scores]


def _row_props(row: Any, *, header: bool) -> None:
    """No row split across pages; the header row repeats on every page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    props = row._tr.get_or_add_trPr()
    cant = OxmlElement("w:cantSplit")
    cant.set(qn("w:val"), "true")
    props.append(cant)
    if header:
        el = OxmlElement("w:tblHeader")
        el.set(qn("w:val"), "true")
        props.append(el)


def _table(doc: Any, table: Table, *, font_pt: float = TABLE_PT, width_cm: float = MAP_WIDTH_CM,
           numeric_from: int = 1) -> Any:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    has_header = any(table.header)
    out = doc.add_table(rows=1 if has_header else 0, cols=len(table.header))
    out.style = "Table Grid"
    out.alignment = WD_TABLE_ALIGNMENT.CENTER
    out.autofit = False
    widths = _widths(table, width_cm)
    rows = ([table.header] if has_header else []) + table.rows
    for i, values in enumerate(rows):
        row = out.rows[0] if (has_header and i == 0) else out.add_row()
        head = has_header and i == 0
        last = table.total and i == len(rows) - 1
        _row_props(row, header=head)
        for j, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
            cell.width = Cm(widths[j])
            para = cell.paragraphs[0]
            para.paragraph_format.space_after = Pt(0)
            run = para.add_run(text)
            run.font.size = Pt(font_pt)
            run.bold = head or last
            if not head and j >= numeric_from and _is_number(text):
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for j, col in enumerate(out.columns):
        col.width = Cm(widths[j])
    _fixed_width(out, sum(widths))
    return out


def _fixed_width(table: Any, width_cm: float) -> None:
    """Give the table its width and a fixed layout, so every program keeps the column widths."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    props = table._tbl.tblPr
    for tag in ("w:tblW", "w:tblLayout"):
        old = props.find(qn(tag))
        if old is not None:
            props.remove(old)
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(int(width_cm / 2.54 * 1440)))
    width.set(qn("w:type"), "dxa")
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    props.append(width)
    props.append(layout)


def _is_number(text: str) -> bool:
    return bool(text) and text.replace(".", "").replace(",", "").replace("%", "").replace(
        "/", "").replace("(", "").replace(")", "").replace(" ", "").isdigit()


def _page_furniture(doc: Any, content: ReportContent) -> None:
    """Header with the report title; footer with the page number (PAGE field), centred."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    section = doc.sections[0]
    head = section.header.paragraphs[0]
    head.text = content.title
    head.style = doc.styles["Header"]
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot = section.footer.paragraphs[0]
    foot.style = doc.styles["Footer"]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(foot, "PAGE", "1")


def _toc(doc: Any, content: ReportContent, entries: list[str]) -> None:
    """Add the table of contents as a TOC field.

    Until Word updates it (on opening), it lists the headings (``entries``)
    without page numbers.
    """
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    heading = doc.add_paragraph(_t("toc_title", content.lang), style="TOC Heading")
    heading.paragraph_format.keep_with_next = True
    paras = [doc.add_paragraph() for _ in entries] or [doc.add_paragraph()]

    def char(para: Any, kind: str) -> None:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        para.add_run()._r.append(el)

    char(paras[0], "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = ' TOC \\o "1-2" \\h \\z \\u '
    paras[0].add_run()._r.append(instr)
    char(paras[0], "separate")
    for para, text in zip(paras, entries, strict=False):
        para.add_run(text)
        para.paragraph_format.left_indent = Mm(5)
    char(paras[-1], "end")
    settings = doc.settings.element  # Word refreshes the fields when it opens the file
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def _national_heading(doc: Any, content: ReportContent) -> None:
    """Add the heading block of a Vietnamese administrative document.

    Nghị định 30/2020, Phụ lục I: issuing body and number on the left, national name
    and motto on the right, place and date.
    """
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    lang = content.lang
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    left, right = table.rows[0].cells
    for j, (cell, width) in enumerate(((left, 6.0), (right, 10.5))):
        cell.width = Mm(width * 10)
        table.columns[j].width = Mm(width * 10)
    lines = [
        (left, _t("doc_issuer", lang), True, False, 12.5),
        (left, _t("doc_number", lang), False, False, 13),
        (right, _t("doc_nation", lang), True, False, 12),
        (right, _t("doc_motto", lang), True, False, 13.5),
        (right, _t("doc_place_date", lang).format(place=content.place), False, True, 13),
    ]
    first = {id(left): True, id(right): True}
    for cell, text, bold, italic, size in lines:
        para = cell.paragraphs[0] if first[id(cell)] else cell.add_paragraph()
        first[id(cell)] = False
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.paragraph_format.space_after = Pt(2)
        run = para.add_run(text)
        run.bold, run.italic = bold, italic
        run.font.size = Pt(size)
    _fixed_width(table, 16.5)
    for row in table.rows:  # no borders: a layout table
        for cell in row.cells:
            _no_borders(cell)


def _no_borders(cell: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    props = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    for side in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    props.append(borders)


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
    from docx import Document
    from docx.shared import Mm

    from .._atomic import atomic_path
    from ._content import xml_safe

    content = xml_safe(content)  # python-docx refuses control characters
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side, mm in MARGINS_MM.items():
        setattr(section, f"{side}_margin", Mm(mm))
    section.header_distance = section.footer_distance = Mm(10)
    _styles(doc, content.lang)
    _properties(doc, content)
    _page_furniture(doc, content)
    _body(doc, content)
    path = Path(path)
    with atomic_path(path) as tmp:
        doc.save(str(tmp))
    return path


def _properties(doc: Any, content: ReportContent) -> None:
    import datetime as dt

    props = doc.core_properties
    props.title = content.title
    props.language = _t("docx_proofing", content.lang)
    props.author = "camau-gis"
    fixed = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)  # reproducible output
    props.created = props.modified = fixed
    props.last_modified_by = "camau-gis"
    props.revision = 1


def _body(doc: Any, content: ReportContent) -> None:
    """Title, TOC, then the sections in reading order with numbered figures and tables."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    lang = content.lang
    if _t("docx_national_heading", lang) == "yes":  # a Vietnamese administrative document's
        _national_heading(doc, content)
    title = doc.add_paragraph(style="Title")
    title.add_run(content.title).font.all_caps = True  # shown in capitals, stored as written
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub = doc.add_paragraph(content.subtitle)
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub.runs[0].italic = True
    if content.illustrative:
        run = doc.add_paragraph().add_run(content.illustrative)
        run.bold = True
        run.font.color.rgb = RGBColor(0xB2, 0x18, 0x2B)
    _toc(doc, content, [content.headings[k] for k in ("headline", "maps", "districts",
                                                       "uncovered")]
         + [extra.heading for extra in content.sections] + [content.headings["notes"]])
    tables = iter(range(1, 100))

    doc.add_heading(content.headings["headline"], level=1)
    _caption(doc, "table", next(tables), content.headings["headline"], lang, above=True)
    _table(doc, _headline_table(content), width_cm=12.0)

    maps = doc.add_heading(content.headings["maps"], level=1)
    maps.paragraph_format.page_break_before = True  # a heading never waits alone for its map
    for number, (caption, image) in enumerate(content.maps, start=1):
        doc.add_picture(str(image), width=Cm(MAP_WIDTH_CM))
        pic = doc.paragraphs[-1]
        pic.alignment = WD_ALIGN_PARAGRAPH.CENTER
        pic.paragraph_format.keep_with_next = True  # the figure never leaves its caption
        _alt_text(doc, caption, content)
        _caption(doc, "figure", number, caption, lang, above=False)

    doc.add_heading(content.headings["districts"], level=1)
    _caption(doc, "table", next(tables), content.headings["districts"], lang, above=True)
    _table(doc, content.districts)

    doc.add_heading(content.headings["uncovered"], level=1)
    if content.uncovered is None:
        doc.add_paragraph(content.uncovered_empty)
    else:
        _caption(doc, "table", next(tables), content.headings["uncovered"], lang, above=True)
        _table(doc, content.uncovered, numeric_from=99)

    figures = iter(range(len(content.maps) + 1, 100))
    for extra in content.sections:  # spatial analysis, plan (report/sections.py)
        heading = doc.add_heading(extra.heading, level=1)
        heading.paragraph_format.keep_with_next = True
        for text in extra.paragraphs:  # the reading stays with the figure it introduces
            doc.add_paragraph(text).paragraph_format.keep_with_next = bool(extra.images)
        for caption, image in extra.images:
            doc.add_picture(str(image), width=Cm(MAP_WIDTH_CM))
            pic = doc.paragraphs[-1]
            pic.alignment = WD_ALIGN_PARAGRAPH.CENTER
            pic.paragraph_format.keep_with_next = True
            _alt_text(doc, caption, content)
            _caption(doc, "figure", next(figures), caption, lang, above=False)
        if extra.table is not None:
            _caption(doc, "table", next(tables), extra.heading, lang, above=True)
            _table(doc, extra.table)

    doc.add_heading(content.headings["notes"], level=1)
    for note in content.notes:
        doc.add_paragraph(note, style="List Bullet")
    if content.unmatched is not None:
        _caption(doc, "table", next(tables), _t("report_unmatched", lang), lang, above=True)
        _table(doc, content.unmatched, font_pt=10, numeric_from=99)
    credit = doc.add_paragraph(content.credit)
    credit.runs[0].font.size = Pt(10)


def _alt_text(doc: Any, caption: str, content: ReportContent) -> None:
    """Alt text (``descr``) of the last inline picture: the caption and what the map shows."""
    from docx.oxml.ns import qn

    inline = doc.inline_shapes[-1]._inline
    pr = inline.find(qn("wp:docPr"))
    pr.set("descr", _t("alt_map", content.lang).format(title=caption, sub=content.subtitle))
    pr.set("title", caption)


def _headline_table(content: ReportContent) -> Table:
    from ._content import Table

    return Table(header=[_t("col_indicator", content.lang), _t("col_value", content.lang)],
                 rows=[[label, value] for label, value in content.headline])
