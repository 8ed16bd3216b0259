"""Static maps: what a reader of the PNG/SVG/PDF sees (size, colours, legend, text, labels)."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from _analysis_factory import make_analysis

from camau_gis.errors import CamauGisError
from camau_gis.render import palette
from camau_gis.render.static import district_label, plot_map, save_figure

SVG_NS = "{http://www.w3.org/2000/svg}"


pytestmark = pytest.mark.usefixtures("layer_cache_in_tmp")


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return tuple(int(h[i : i + 2], 16) for i in (0, 2, 4))


def svg_texts(path) -> list[str]:
    """Every text string of an SVG (text and tspan content), NFC."""
    root = ET.parse(path).getroot()
    out = []
    for el in root.iter(f"{SVG_NS}text"):
        out.append(unicodedata.normalize("NFC", "".join(el.itertext())))
    return out


@pytest.fixture(scope="module")
def analysis(_ca_mau_communes_cached):
    return make_analysis(_ca_mau_communes_cached)


@pytest.fixture(scope="module")
def coverage_files(analysis, tmp_path_factory):
    """Write the coverage map at A4 landscape once, as PNG (300 dpi) and SVG."""
    out = tmp_path_factory.mktemp("static")
    fig, ax = plot_map(analysis, "coverage", lang="vi", page="A4-landscape")
    files = {
        "png": save_figure(fig, out / "coverage.png", dpi=300),
        "svg": save_figure(fig, out / "coverage.svg"),
    }
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    return files, fig, ax, legend


def test_png_has_a4_size_at_300_dpi_and_is_wide_enough(coverage_files):
    from PIL import Image

    with Image.open(coverage_files[0]["png"]) as im:
        width, height = im.size
    assert abs(width - 3508) <= 1 and abs(height - 2480) <= 1  # 297 x 210 mm at 300 dpi
    assert width >= 2000  # issue 2


def test_png_is_not_blank_and_shows_map_and_legend_colours(coverage_files, analysis):
    from PIL import Image

    with Image.open(coverage_files[0]["png"]) as im:
        px = np.asarray(im.convert("RGB"))
    h, w, _ = px.shape
    packed = (px[..., 0].astype(np.int32) << 16) | (px[..., 1].astype(np.int32) << 8) | px[..., 2]
    assert len(np.unique(packed[::4, ::4])) > 50  # not blank: many colours
    _, fig, ax, _ = coverage_files
    map_box = ax.get_position()
    map_px = px[
        int((1 - map_box.y1) * h) : int((1 - map_box.y0) * h),
        int(map_box.x0 * w) : int(map_box.x1 * w),
    ]
    side_px = px[:, int(map_box.x1 * w) + 10 :]
    used = set(analysis.communes["category"])

    def pack(a):
        return (a[..., 0].astype(np.int32) << 16) | (a[..., 1].astype(np.int32) << 8) | a[..., 2]

    map_packed, side_packed = pack(map_px), pack(side_px)
    from camau_gis.analysis.classes import CATEGORIES_2019

    for key in CATEGORIES_2019:  # the classes a 2019 legend always shows
        r, g, b = _rgb(palette.CATEGORY[key])
        value = (r << 16) | (g << 8) | b
        in_legend = int((side_packed == value).sum())
        assert in_legend > 100, f"legend patch of {key} missing"
        in_map = int((map_packed == value).sum())
        assert (in_map > 500) == (key in used), key


def test_legend_counts_classes(coverage_files, analysis):
    legend = coverage_files[3]
    counts = Counter(analysis.communes["category"])
    from camau_gis.analysis.classes import CATEGORIES_2019
    from camau_gis.i18n import t

    for key in CATEGORIES_2019:
        assert f"{t(f'cat_{key}', 'vi')} ({counts.get(key, 0)})" in legend, (key, legend)
    classes = [t for t in legend if t.endswith(")") and not t.startswith("Xã thí điểm")]
    assert sum(int(t.rsplit("(", 1)[1].rstrip(")")) for t in classes) == 101
    ntm = int(analysis.communes["ntm_pilot"].sum())
    assert f"Xã thí điểm nông thôn mới ({ntm})" in legend  # dashed outline of NTM pilots


def test_svg_keeps_title_districts_and_diacritics_as_text(coverage_files, analysis):
    texts = svg_texts(coverage_files[0]["svg"])
    joined = "\n".join(texts)
    assert "Mô hình an ninh trật tự cấp xã và tiêu chí 19" in texts
    districts = analysis.communes[["district", "dist_short"]].drop_duplicates()
    assert len(districts) == 9
    for district, short in districts.itertuples(index=False):
        label = unicodedata.normalize("NFC", district_label(district, short, "vi"))
        assert label in texts, label
    assert "Dữ liệu minh họa" in texts
    assert "Năm số liệu 2019" in joined and "31/12/2019" in joined
    assert "vietnam63" in joined and "MIT" in joined
    assert "20 km" in texts or any(t.endswith(" km") for t in texts)  # scale bar


def test_labels_do_not_overlap_and_every_commune_is_accounted_for(analysis, close_figures):
    fig, ax = plot_map(analysis, "coverage")  # fresh: measured at the figure's own dpi
    labels = fig.camau_labels
    # units of the enlarged city (and of a second district the page has room for), labelled there
    inset = {i["district"]: i["labels"] for i in fig.camau_insets}
    city = inset["Thành phố Cà Mau"]
    assert len(city.inside) + len(city.leader) + len(city.omitted) == 17
    in_inset = sum(len(p.inside) + len(p.leader) + len(p.omitted) for p in inset.values())
    assert len(labels.inside) + len(labels.leader) + len(labels.omitted) + in_inset == 101
    named = len(labels.inside) + sum(len(p.inside) + len(p.leader) for p in inset.values())
    assert named > 65
    from matplotlib.text import Text

    renderer = fig.canvas.get_renderer()
    names = set(labels.inside + labels.leader)
    drawn = [
        t for t in ax.texts if t.get_fontsize() < 7 and t.get_text().replace("\n", " ") in names
    ]
    assert len(drawn) == len(labels.inside) + len(labels.leader)
    fig.canvas.draw()  # lay out leader-line annotations as rendered
    boxes = [Text.get_window_extent(t, renderer) for t in drawn]  # as rendered, not estimated
    district_boxes = [t.get_window_extent(renderer) for t in ax.texts if t.get_fontsize() > 8]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :] + district_boxes:
            assert not a.overlaps(b)


def test_omitted_labels_are_named_in_the_footer(analysis, close_figures):
    from camau_gis.render import static

    fig, _ = plot_map(analysis, "coverage", page="A4-portrait")
    footer = "\n".join(t.get_text() for t in fig.texts)
    for name in fig.camau_labels.omitted:
        assert name in footer
    assert static.credit_line(analysis, "vi").split(":")[0] in footer.replace("\n", " ")


@pytest.mark.parametrize(
    "page,size_mm,lang",
    [
        ("A3-portrait", (297, 420), "en"),
        ("a4-portrait", (210, 297), "vi"),
        ("A3-landscape", (420, 297), "vi"),
    ],
)
def test_page_presets_at_requested_dpi(analysis, tmp_path, page, size_mm, lang):
    from PIL import Image

    fig, _ = plot_map(analysis, "coverage", page=page, lang=lang)
    path = save_figure(fig, tmp_path / "p.png", dpi=40)
    with Image.open(path) as im:
        w, h = im.size
    assert abs(w - size_mm[0] / 25.4 * 40) <= 1 and abs(h - size_mm[1] / 25.4 * 40) <= 1
    inside = fig.get_tightbbox(fig.canvas.get_renderer())  # nothing is cut off at the page edge
    assert inside.x0 >= 0 and inside.y0 >= 0
    assert inside.x1 <= size_mm[0] / 25.4 and inside.y1 <= size_mm[1] / 25.4


def test_svg_and_pdf_are_byte_identical_across_runs(analysis, tmp_path):
    data = {}
    for run in ("a", "b"):
        fig, _ = plot_map(analysis, "priority", lang="vi")  # fewest labels: the fastest map
        for fmt in ("svg", "pdf"):
            data[run, fmt] = save_figure(fig, tmp_path / f"{run}.{fmt}").read_bytes()
    assert data["a", "svg"] == data["b", "svg"]
    assert data["a", "pdf"] == data["b", "pdf"]
    assert b"CreationDate" not in data["a", "pdf"]
    assert b"<dc:date>" not in data["a", "svg"]
    from pypdf import PdfReader  # PDF text stays text, with diacritics

    text = unicodedata.normalize("NFC", PdfReader(tmp_path / "a.pdf").pages[0].extract_text())
    assert "Xã chưa có mô hình: thứ tự ưu tiên" in text
    assert "Năm Căn" in text


def test_english_map_has_english_texts(analysis, close_figures):
    fig, _ = plot_map(analysis, "c19", lang="en")
    texts = [t.get_text() for t in fig.texts]
    assert texts[0] == "Criterion 19 (defence and security) by commune"
    assert any(t.startswith("Cà Mau province") for t in texts)
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert any(t.startswith("Achieved (") for t in legend)
    assert all("Đạt" not in t for t in legend)


def test_priority_map_ranks_uncovered_communes(analysis, close_figures):
    fig, _ = plot_map(analysis, "priority")
    labels = fig.camau_labels
    shown = labels.inside + labels.leader + labels.omitted
    shown += [n for i in fig.camau_insets for p in (i["labels"],)
              for n in p.inside + p.leader + p.omitted]
    assert len(shown) == len(analysis.uncovered)
    assert all(s.split(". ", 1)[0].isdigit() for s in shown)
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert f"Đã có mô hình ({int(analysis.communes['covered'].sum())})" in legend


def test_map_without_illustrative_rows_has_no_warning(_ca_mau_communes_cached, close_figures):
    fig, _ = plot_map(make_analysis(_ca_mau_communes_cached, illustrative=False), "models")
    texts = [t.get_text() for t in fig.texts] + [t.get_text() for t in fig.axes[0].texts]
    assert not any("minh họa" in t.lower() for t in texts)


@pytest.mark.parametrize(
    "call,match",
    [
        (
            lambda r, p: plot_map(r, "heatmap"),
            r"loại bản đồ 'heatmap' không xác định; dùng một trong coverage",
        ),
        (
            lambda r, p: plot_map(r, page="B5"),
            r"khổ giấy 'B5' không có sẵn; dùng một trong A4-landscape",
        ),
        (
            lambda r, p: save_figure(plot_map(r, "c19")[0], p / "x.jpg"),
            r"x\.jpg: không ghi được ảnh '\.jpg'",
        ),
    ],
)
def test_bad_options_raise_actionable_errors(analysis, tmp_path, call, match):
    with pytest.raises(CamauGisError, match=match):
        call(analysis, tmp_path)
    assert not list(tmp_path.iterdir())


def test_result_without_indicators_is_refused_with_the_missing_columns(analysis):
    from camau_gis.analysis.result import Analysis
    from camau_gis.errors import SchemaError

    bare = Analysis(
        **{
            **analysis.__dict__,
            "communes": analysis.communes.drop(columns=["category", "n_models"]),
        }
    )
    with pytest.raises(
        SchemaError,
        match=r"thiếu cột n_models, category cần cho bản đồ "
        r"coverage .*analyze\(\)",
    ):
        plot_map(bare, "coverage")
    empty = Analysis(**{**analysis.__dict__, "communes": analysis.communes.iloc[0:0]})
    with pytest.raises(SchemaError, match="result.communes trống"):
        plot_map(empty, "c19")


def test_data_date_falls_back_to_the_latest_assessment(analysis):
    import pandas as pd

    from camau_gis.analysis.result import Analysis
    from camau_gis.render.static import data_date, subtitle

    c19 = pd.DataFrame({"assessed_on": ["15/12/2018", "2019-11-30", "", None]})
    meta = {k: v for k, v in analysis.meta.items() if k != "data_date"}
    result = Analysis(**{**analysis.__dict__, "meta": meta, "c19": c19})
    assert data_date(result) == "2019-11-30"
    assert "Ngày dữ liệu: 30/11/2019" in subtitle(result, "vi")
    assert "Data date: 30/11/2019" in subtitle(result, "en")
    bare = Analysis(**{**analysis.__dict__, "meta": meta, "c19": pd.DataFrame()})
    assert data_date(bare) == "" and "Ngày dữ liệu" not in subtitle(bare)


def test_inset_outline_contains_the_province(analysis):
    from shapely.geometry import Polygon

    from camau_gis.render.locator import south_vietnam_outline

    land = Polygon(south_vietnam_outline()[0])
    assert land.is_valid
    centre = analysis.communes.union_all().representative_point()
    assert land.buffer(0.05).contains(centre)


def test_render_modules_import_without_heavy_libraries():
    code = (
        "import sys, camau_gis.render.static, camau_gis.render.atlas, "
        "camau_gis.render._cartography, camau_gis.render.screenshot, "
        "camau_gis.report, camau_gis.report.docx, camau_gis.report.html, camau_gis.cli.report\n"
        "heavy = [m for m in ('matplotlib', 'geopandas', 'docx', 'folium') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.browser
def test_screenshot_of_an_html_page_with_headless_chromium(tmp_path):
    from PIL import Image

    from camau_gis.render.screenshot import find_chromium, screenshot_html

    if find_chromium() is None:
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium missing)")
    page = tmp_path / "map.html"
    page.write_text(
        '<!DOCTYPE html><html><body style="margin:0;background:#009E73">'
        '<h1>Xã Hiệp Tùng</h1><img src="https://example.invalid/tile.png"></body></html>',
        encoding="utf-8",
    )
    png = screenshot_html(
        page, tmp_path / "shot.png", width=400, height=300, scale=1.5, wait_ms=500
    )
    with Image.open(png) as im:
        assert im.size == (600, 450)
        assert im.convert("RGB").getpixel((300, 400)) == (0, 158, 115)


def test_screenshot_of_a_missing_file_says_so(tmp_path):
    from camau_gis.render.screenshot import screenshot_html

    with pytest.raises(CamauGisError,
                       match=r"nope\.html: không tìm thấy bản đồ HTML; hãy tạo nó trước"):
        screenshot_html(tmp_path / "nope.html", tmp_path / "x.png")
    assert not list(tmp_path.iterdir())


def test_dark_labels_have_a_white_halo_on_the_png_and_stay_text_in_svg(coverage_files):
    """Commune names read on hatching and across borders (PNG); SVG/PDF text stays text."""
    from PIL import Image

    files, fig, ax, _ = coverage_files
    labels = [t for t in ax.texts if t.get_path_effects()]
    assert len(labels) >= 30  # the commune names of the main map
    assert all(t.get_color() != "#FFFFFF" for t in labels)  # white text on dark fill: no halo
    texts = svg_texts(files["svg"])
    lines = {unicodedata.normalize("NFC", line) for t in labels for line in t.get_text().split("\n")}
    assert lines <= set(texts)  # each line of a label is a <text> element
    # the halo was left out of the SVG only for its writing: the figure keeps it
    assert all(t.get_path_effects() for t in labels)
    # on the PNG, the pixels just around a label's letters are white-ish: the halo, not hatching
    fig.canvas.draw()
    scale = 300 / fig.dpi
    with Image.open(files["png"]) as im:
        rgb = np.asarray(im.convert("RGB"), dtype=int)
    whites = []
    for t in labels[:10]:
        box = t.get_window_extent()
        x0, x1 = int(box.x0 * scale), int(box.x1 * scale)
        y0, y1 = int(rgb.shape[0] - box.y1 * scale), int(rgb.shape[0] - box.y0 * scale)
        patch = rgb[y0:y1, x0:x1]
        whites.append(((patch > 235).all(axis=2)).mean())
    assert np.median(whites) > 0.1, whites
