"""Word and HTML reports and the district atlas: what a reader finds in the files."""

from __future__ import annotations

import base64
import unicodedata
from html.parser import HTMLParser

import matplotlib

matplotlib.use("Agg")

import pytest
from _analysis_factory import XSS, make_analysis

from camau_gis.errors import CamauGisError

MAP_WIDTH_EMU = int(16.5 * 360000)  # 16.5 cm: the text width of A4 with 30 + 15 mm margins


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
    """Write the reports once; write_report draws the maps (low dpi keeps the test fast)."""
    from camau_gis.report import write_report

    out = tmp_path_factory.mktemp("report")
    return write_report(analysis, out, lang="vi", dpi=40)


@pytest.fixture(scope="module")
def docx_doc(report):
    from docx import Document

    return Document(str(report["report.docx"]))


def _cells(table) -> list[list[str]]:
    return [[nfc(c.text) for c in row.cells] for row in table.rows]


def test_write_report_returns_maps_and_documents(report):
    assert set(report) == {
        "report_coverage_map.png",
        "report_c19_map.png",
        "report_priority_map.png",
        "report_models_map.png",
        "report.docx",
        "report.html",
    }
    assert all(p.parent == report["report.docx"].parent for p in report.values())


def test_docx_holds_headline_figures(docx_doc, analysis):
    c = analysis.communes
    covered = int(c["covered"].sum())
    table = next(t for t in docx_doc.tables if nfc(t.rows[0].cells[0].text) == "Chỉ tiêu")
    headline = {row[0]: row[1] for row in _cells(table)}
    assert headline["Số xã, phường, thị trấn"] == "101"
    assert headline["Mô hình cấp xã"] == str(int(c["n_models"].sum()))
    assert headline["Xã có mô hình"] == f"{covered} ({100 * covered / 101:.1f}%)".replace(".", ",")
    assert headline["Xã đạt tiêu chí 19"] == str(int((c["c19_status"] == "achieved").sum()))
    texts = [nfc(p.text) for p in docx_doc.paragraphs]
    assert texts[0].startswith("Báo cáo bao phủ mô hình an ninh trật tự")
    assert any(t.startswith("DỮ LIỆU MINH HỌA") for t in texts)


def test_docx_district_table_has_a_row_per_district_and_a_total(docx_doc, analysis):
    table = next(t for t in docx_doc.tables if nfc(t.rows[0].cells[0].text) == "Huyện")
    rows = _cells(table)
    districts = (
        analysis.communes[["dist_code", "district"]]
        .drop_duplicates()
        .sort_values("dist_code")["district"]
        .tolist()
    )
    assert [r[0] for r in rows[1:-1]] == districts  # GSO order
    assert rows[-1][0] == "Toàn tỉnh" and rows[-1][1] == "101"
    counts = analysis.communes.groupby("district").size()
    assert all(int(r[1]) == counts[r[0]] for r in rows[1:-1])
    assert sum(int(r[2]) for r in rows[1:-1]) == int(rows[-1][2])


def test_docx_uncovered_list_is_ranked(docx_doc, analysis):
    table = next(t for t in docx_doc.tables if nfc(t.rows[0].cells[0].text) == "Thứ tự ưu tiên")
    rows = _cells(table)[1:]
    assert len(rows) == len(analysis.uncovered)
    assert [int(r[0]) for r in rows] == list(range(1, len(rows) + 1))
    assert rows[0][2] == nfc(analysis.uncovered["name"].iloc[0])


def test_docx_embeds_the_maps_at_print_size(docx_doc, report):
    shapes = docx_doc.inline_shapes
    assert len(shapes) == 4
    assert all(abs(s.width - MAP_WIDTH_EMU) < 1000 for s in shapes)
    blobs = {p.blob for p in docx_doc.part.related_parts.values() if p.content_type == "image/png"}
    for kind in ("coverage", "c19", "priority", "models"):
        assert report[f"report_{kind}_map.png"].read_bytes() in blobs


def test_docx_notes_list_unmatched_register_rows_verbatim(docx_doc):
    texts = [nfc(p.text) for p in docx_doc.paragraphs]
    assert any("1 dòng trong sổ theo dõi cần kiểm tra" in t for t in texts)
    assert any("Đơn vị hành chính theo năm 2019" in t for t in texts)
    table = docx_doc.tables[-1]
    rows = _cells(table)
    assert rows[1][0] == "register.csv: 7" and rows[1][2] == XSS


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def test_html_report_escapes_register_text_and_is_standalone(report):
    raw = report["report.html"].read_text(encoding="utf-8")
    assert XSS not in raw
    assert "&lt;img src=x onerror=alert(1)&gt;" in raw
    parser = _Collector()
    parser.feed(raw)
    tags = parser.tags
    assert not any(tag in ("script", "link", "iframe") for tag, _ in tags)
    imgs = [attrs for tag, attrs in tags if tag == "img"]
    assert len(imgs) == 4
    assert all(set(a) == {"src", "alt"} for a in imgs)  # no onerror or other injected attribute
    pngs = {report[f"report_{k}_map.png"].read_bytes() for k in ("coverage", "c19", "priority", "models")}
    for a in imgs:
        assert a["src"].startswith("data:image/png;base64,")
        assert base64.b64decode(a["src"].split(",", 1)[1]) in pngs
    text = nfc(" ".join(parser.text))
    assert XSS in text  # shown to the reader as text
    assert "Tổng hợp theo huyện" in text and "Toàn tỉnh" in text


def test_html_tables_match_the_district_summary(report, analysis):
    parser = _Collector()
    parser.feed(report["report.html"].read_text(encoding="utf-8"))
    text = nfc(" ".join(parser.text))
    for district in analysis.communes["district"].unique():
        assert nfc(district) in text


def test_english_report_with_given_maps(analysis, report, tmp_path):
    from docx import Document

    from camau_gis.report import write_report

    maps = {"coverage": report["report_coverage_map.png"]}
    written = write_report(analysis, tmp_path, lang="en", maps=maps)
    assert set(written) == {"report.docx", "report.html"}
    doc = Document(str(written["report.docx"]))
    texts = [nfc(p.text) for p in doc.paragraphs]
    assert "Summary by district" in texts and "Headline figures" in texts
    assert len(doc.inline_shapes) == 1
    assert 'lang="en"' in written["report.html"].read_text(encoding="utf-8")


def test_control_characters_in_register_text_become_replacement_characters(
        analysis, report, tmp_path):
    """python-docx refuses control characters: both reports show U+FFFD in their place."""
    import dataclasses

    from docx import Document

    from camau_gis.report import write_report

    typed = "Xã\x01 Tân\x08Thành\x0e"
    bad = dataclasses.replace(analysis, match_report=analysis.match_report.assign(value=typed))
    written = write_report(bad, tmp_path, maps={"coverage": report["report_coverage_map.png"]})
    shown = "Xã\ufffd Tân\ufffdThành\ufffd"
    rows = _cells(Document(str(written["report.docx"])).tables[-1])
    assert rows[1][2] == shown
    html_text = written["report.html"].read_text(encoding="utf-8")
    assert f"<td>{shown}</td>" in html_text and "\x01" not in html_text


def test_report_with_missing_map_names_it(analysis, tmp_path):
    from camau_gis.report import write_report

    with pytest.raises(
        CamauGisError,
        match=r"không tìm thấy ảnh bản đồ: coverage: .*nope\.png; hãy chạy `camau-gis maps`",
    ):
        write_report(analysis, tmp_path, maps={"coverage": tmp_path / "nope.png"})
    assert not (tmp_path / "report.docx").exists()


def test_missing_values_are_shown_as_no_data_not_errors(analysis, close_figures):
    import pandas as pd

    from camau_gis.analysis.result import Analysis
    from camau_gis.render.atlas import _commune_rows
    from camau_gis.render.static import plot_map
    from camau_gis.report._content import build_content

    c = analysis.communes.copy()
    c["c19_status"] = c["c19_status"].astype(object)
    c.loc[c.index[:5], ["c19_status", "category"]] = pd.NA
    c["covered"] = c["covered"].astype("boolean")
    c.loc[c.index[5], "covered"] = pd.NA
    c["n_models"] = c["n_models"].astype("Int64")
    c.loc[c.index[6], "n_models"] = pd.NA
    result = Analysis(**{**analysis.__dict__, "communes": c})
    for kind in ("coverage", "priority"):
        fig, _ = plot_map(result, kind)
        legend = [t.get_text() for t in fig.legends[0].get_texts()]
        classes = [t for t in legend if t.endswith(")") and not t.startswith("Xã thí điểm")]
        assert sum(int(t.rsplit("(", 1)[1][:-1]) for t in classes) == 101
    _, rows = _commune_rows(c, "vi")
    assert len(rows) == 101 and {r[2] for r in rows[:200]} >= {"Không có dữ liệu"}
    content = build_content(result, {}, "vi")
    assert all("<NA>" not in cell for row in content.uncovered.rows for cell in row)


def test_atlas_of_units_without_districts_is_refused(analysis, tmp_path):
    from camau_gis.analysis.result import Analysis
    from camau_gis.render.atlas import write_atlas
    from camau_gis.render.static import subtitle

    communes = analysis.communes.assign(district="", dist_short="", dist_code="")
    merged = Analysis(**{**analysis.__dict__, "communes": communes})
    with pytest.raises(CamauGisError, match=r"cần huyện của mọi xã; 101 xã không có huyện"):
        write_atlas(merged, tmp_path)
    assert not list(tmp_path.iterdir())
    assert subtitle(merged).endswith("101 xã, phường, thị trấn")


def test_district_atlas_has_cover_and_one_page_per_district(analysis, tmp_path):
    from PIL import Image
    from pypdf import PdfReader

    from camau_gis.render.atlas import write_atlas

    written = write_atlas(analysis, tmp_path, dpi=30)
    reader = PdfReader(written["atlas.pdf"])
    districts = (
        analysis.communes[["dist_code", "district"]]
        .drop_duplicates()
        .sort_values("dist_code")["district"]
        .tolist()
    )
    assert len(districts) == 9
    assert len(reader.pages) == 1 + len(districts)
    cover = nfc(reader.pages[0].extract_text())
    assert "Tập bản đồ các huyện" in cover
    for page, district in zip(reader.pages[1:], districts, strict=True):
        text = nfc(page.extract_text())
        assert nfc(district) in text
    pngs = [k for k in written if k.endswith(".png")]
    assert len(pngs) == 9
    with Image.open(written[pngs[0]]) as im:
        assert abs(im.size[0] - 210 / 25.4 * 30) <= 1 and abs(im.size[1] - 297 / 25.4 * 30) <= 1


@pytest.mark.parametrize(
    "args,message",
    [
        (["maps", "--format", "gif"], "lỗi: --format gif: không hỗ trợ; dùng png, svg, pdf."),
        (
            ["maps", "--kind", "heat"],
            "lỗi: --kind heat: không hỗ trợ; dùng coverage, c19, priority, models.",
        ),
        (["maps", "--page", "B5"], "lỗi: khổ giấy 'B5' không có sẵn; dùng một trong A4-landscape"),
        (["report", "--lang", "fr"], "lỗi: --lang 'fr': ngôn ngữ 'fr' không được hỗ trợ"),
        (["maps", "--atlas", "--admin", "2025"], "lỗi: --atlas cần có huyện: dùng với --admin 2019"),
    ],
)
def test_cli_rejects_bad_options_in_one_line(args, message, capsys, tmp_path):
    from camau_gis.cli import main

    assert main([*args, "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(message)
    assert "Traceback" not in err
    assert not list(tmp_path.iterdir())


def test_cli_maps_runs_the_analysis_and_writes_the_requested_files(ca_mau_shp, tmp_path, capsys):
    import xml.etree.ElementTree as ET

    from camau_gis.cli import main

    out = tmp_path / "out"
    args = [
        "maps",
        "--out",
        str(out),
        "--kind",
        "priority",
        "--format",
        "svg",
        "-b",
        str(ca_mau_shp),
    ]
    assert main(args) == 0
    assert capsys.readouterr().out.splitlines() == [f"priority_map.svg: {out / 'priority_map.svg'}"]
    assert sorted(p.name for p in out.iterdir()) == ["priority_map.svg"]
    root = ET.parse(out / "priority_map.svg").getroot()
    texts = {nfc("".join(t.itertext())) for t in root.iter("{http://www.w3.org/2000/svg}text")}
    assert "Xã chưa có mô hình: thứ tự ưu tiên" in texts
