"""Print-ready static maps: city inset, labels that never collide, neutral locator,
distinguishable classes, credits that name sources, figures sized for a document."""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET

import matplotlib

matplotlib.use("Agg")

import pytest
from _analysis_factory import make_analysis

from camau_gis.render import palette

CITY = "Thành phố Cà Mau"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@pytest.fixture(scope="module")
def analysis(_ca_mau_communes_cached):
    result = make_analysis(_ca_mau_communes_cached)
    result.meta["boundaries"] = "/home/office/gis/vietnam63 (shapefiles/)"
    result.meta["sources"] = ["/home/office/so lieu/models.csv", r"C:\data\criterion19.csv"]
    return result


@pytest.fixture(scope="module")
def figures(analysis):
    """One report figure of every kind (16.5 cm wide), drawn once."""
    from camau_gis.render.static import KINDS, plot_map

    return {kind: plot_map(analysis, kind, figure=True) for kind in KINDS}


def _delta_e(a: str, b: str) -> float:
    coloraide = pytest.importorskip("coloraide", reason="coloraide (test extra) measures ΔE2000")
    return coloraide.Color(a).delta_e(coloraide.Color(b), method="2000")


def _boxes_overlap(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def _text_boxes(ax):
    """Rendered boxes of the texts of ``ax`` (an annotation's text without its leader line)."""
    from matplotlib.text import Text

    fig = ax.figure
    if not getattr(fig, "_drawn_for_test", False):  # annotations place their text when drawn
        fig.canvas.draw()
        fig._drawn_for_test = True
    renderer = fig.canvas.get_renderer()
    return [(nfc(t.get_text()), Text.get_window_extent(t, renderer)) for t in ax.texts
            if t.get_text()]


@pytest.mark.parametrize("kind", ["coverage", "c19", "priority", "models"])
def test_city_inset_on_every_kind_labels_its_units_without_overlap(figures, analysis, kind):
    fig, ax = figures[kind]
    insets = {i["district"]: i for i in fig.camau_insets}
    assert CITY in insets, f"{kind}: no enlarged inset of {CITY}"
    inset = insets[CITY]
    texts = _text_boxes(inset["ax"])
    placed = inset["labels"].inside + inset["labels"].leader
    city = analysis.communes[analysis.communes["district"] == CITY]
    expected = len(city) if kind != "priority" else None
    if expected:
        assert len(placed) + len(inset["labels"].omitted) == expected
        assert len(inset["labels"].omitted) <= 1, inset["labels"].omitted
    for i, (ta, a) in enumerate(texts):
        for tb, b in texts[i + 1:]:
            assert not _boxes_overlap(a, b), f"{kind} inset: {ta!r} overlaps {tb!r}"
    # the main map frames the inset and leaves the city's units to it
    frames = [p for p in ax.patches if p.get_linestyle() not in ("-", "solid")]
    assert frames, "no frame on the main map where the inset is"
    main = [t for t, _ in _text_boxes(ax)]
    assert "P.5" not in main and "5. P.5" not in main


@pytest.mark.parametrize("kind", ["coverage", "priority"])
def test_main_map_labels_overlap_neither_each_other_nor_district_names(figures, kind):
    from camau_gis.render._cartography import segment_hits_box

    fig, ax = figures[kind]
    texts = _text_boxes(ax)
    assert len(texts) > (15 if kind == "priority" else 60)
    for i, (ta, a) in enumerate(texts):
        for tb, b in texts[i + 1:]:
            assert not _boxes_overlap(a, b), f"{ta!r} overlaps {tb!r}"
    placement = fig.camau_labels
    for p, q in placement.lines:  # no leader line runs through another label
        crossed = [t for t, b in texts
                   if segment_hits_box(p, q, (b.x0 + 1, b.y0 + 1, b.x1 - 1, b.y1 - 1))
                   and not (b.x0 - 2 <= q[0] <= b.x1 + 2 and b.y0 - 2 <= q[1] <= b.y1 + 2)]
        assert not crossed, f"leader line crosses {crossed}"


def test_units_sharing_a_short_name_carry_their_type(figures, analysis):
    c = analysis.communes
    both = c[c["short_name"] == "Tân Thành"]["unit_type"].tolist()
    assert sorted(both) == ["phường", "xã"]  # the two units called Tân Thành in the data
    fig, _ = figures["coverage"]
    inset = next(i for i in fig.camau_insets if i["district"] == CITY)
    names = [t.replace("\n", " ") for t, _ in _text_boxes(inset["ax"])]
    assert "P. Tân Thành" in names and "X. Tân Thành" in names
    assert "Tân Thành" not in names


@pytest.mark.parametrize("kind", ["coverage", "c19", "priority", "models"])
def test_locator_inset_uses_no_legend_colour(figures, analysis, kind):
    from matplotlib.colors import to_hex

    from camau_gis.i18n import t
    from camau_gis.render.static import classify

    fig, _ = figures[kind]
    locator = next(a for a in fig.axes if a.get_title() == t("inset_title", "vi"))
    province = {to_hex(c) for coll in locator.collections for c in coll.get_facecolors()}
    around = {to_hex(p.get_facecolor()) for p in locator.patches if p.get_fill()}
    around.add(to_hex(locator.get_facecolor()))
    assert province, "locator draws no province"
    _, entries, _ = classify(analysis, kind, "vi")
    for key, colour, _ in entries:
        for face in province:  # the province: far from every class, never read as one
            assert _delta_e(face, colour) >= MIN_DE_GAP, f"locator {face} ~ legend {key} {colour}"
        for face in around:  # land and sea: a background, still not a legend colour
            assert _delta_e(face, colour) >= 5, f"locator {face} ~ legend {key} {colour}"


#: Minimum CIEDE2000 difference between neighbouring legend classes, and between a
#: gap class and a covered class (the map's message: stricter).
MIN_DE_ADJACENT = 12.0
MIN_DE_GAP = 15.0

_GAP = {
    "CATEGORY": (("uncovered_not_c19", "uncovered_no_c19", "uncovered_c19"),
                 ("covered_not_c19", "covered_no_c19", "covered_c19")),
    "C19": (("not_achieved",), ("achieved",)),
    "PRIORITY": (("top5", "top10", "rest"), ("covered",)),
}


@pytest.mark.parametrize("name", ["CATEGORY", "C19", "PRIORITY", "MODELS"])
def test_adjacent_legend_classes_are_distinguishable(name):
    if name == "MODELS":
        colours = [palette.MODELS_ZERO, *palette.MODELS_RAMP]
        gap, covered = [palette.MODELS_ZERO], list(palette.MODELS_RAMP)
    else:
        table = getattr(palette, name)
        colours = list(table.values())
        gaps, covers = _GAP[name]
        gap, covered = [table[k] for k in gaps], [table[k] for k in covers]
    hatched = ({palette.CATEGORY[k] for k in palette.HATCHED if k in palette.CATEGORY}
               if name == "CATEGORY" else set())
    for a, b in zip(colours, colours[1:], strict=False):
        if (a in hatched) != (b in hatched):
            continue  # the hatch over the colour tells "no criterion-19 data" apart (issue 15)
        assert _delta_e(a, b) >= MIN_DE_ADJACENT, f"{name}: {a} next to {b}"
    for a in gap:
        for b in covered:
            assert _delta_e(a, b) >= MIN_DE_GAP, f"{name}: gap {a} ~ covered {b}"


def test_old_priority_ramp_would_fail_the_gap_rule():
    """The check catches what readers saw: 'later priority' #FDDBC7 next to covered #E8E8E8."""
    assert _delta_e("#FDDBC7", "#E8E8E8") < MIN_DE_GAP


def test_credit_names_sources_and_licence_without_paths(analysis):
    from camau_gis.render.captions import credit_line

    line = nfc(credit_line(analysis, "vi", date=True))
    assert "Ranh giới: vietnam63 (M. Choisy, giấy phép MIT), 2008" in line
    assert "models.csv" in line and "criterion19.csv" in line  # no title known: the file name
    assert "/" not in line.replace("15/12/2019", "").replace("31/12/2019", "") and "\\" not in line
    assert "shapefiles" not in line
    assert re.search(r"Ngày dữ liệu: \d{2}/\d{2}/\d{4}", line)
    assert line.startswith("DỮ LIỆU MINH HỌA")
    titled = make_analysis(analysis.communes)
    titled.meta["register_title"] = "Sổ theo dõi mô hình ANTT năm 2019 - Công an tỉnh"
    assert "Sổ theo dõi mô hình: Sổ theo dõi mô hình ANTT năm 2019 - Công an tỉnh" in credit_line(
        titled, "vi")
    assert "MIT licence" in credit_line(analysis, "en")


def test_legend_drops_empty_classes_and_counts_once(figures, analysis):
    fig, _ = figures["models"]
    texts = [nfc(t.get_text()) for leg in fig.legends for t in leg.get_texts()]
    zero = int((analysis.communes["n_models"] == 0).sum())
    assert f"Chưa có mô hình ({zero})" in texts
    assert not any(re.search(r"\(\d+\) \(\d+\)", t) for t in texts)
    fig, _ = figures["coverage"]
    texts = [nfc(t.get_text()) for leg in fig.legends for t in leg.get_texts()]
    assert not any(t.endswith("(0)") for t in texts), texts


def _svg_texts(fig, tmp_path, name):
    from camau_gis.render.static import save_figure

    path = save_figure(fig, tmp_path / f"{name}.svg")
    root = ET.parse(path).getroot()
    width_pt = float(root.get("width").removesuffix("pt"))
    out = []
    for el in root.iter("{http://www.w3.org/2000/svg}text"):
        style = el.get("style", "")
        m = re.search(r"font(?:-size)?:\s*(?:[a-z]+\s+)*([\d.]+)px", style)
        text = "".join(el.itertext()).strip()
        if m and text:
            out.append((text, float(m.group(1))))
    return width_pt, out


def test_report_figure_text_prints_at_readable_size(figures, tmp_path):
    from camau_gis.i18n import t

    fig, _ = figures["coverage"]
    width_in, height_in = fig.get_size_inches()
    assert width_in * 2.54 == pytest.approx(16.5)
    assert height_in * 2.54 < 24  # fits an A4 portrait page with its caption
    width_pt, texts = _svg_texts(fig, tmp_path, "coverage")
    assert width_pt == pytest.approx(16.5 / 2.54 * 72, rel=1e-3)  # 1 SVG unit = 1 pt printed
    sizes = [s for _, s in texts]
    assert min(sizes) >= 6.0, sorted(texts, key=lambda x: x[1])[:5]
    legend = {nfc(x.get_text()) for leg in fig.legends for x in leg.get_texts()}
    assert min(s for tx, s in texts if nfc(tx) in legend) >= 7.0
    assert t("title_coverage", "vi") not in {nfc(tx) for tx, _ in texts}  # the caption carries it


def test_stand_alone_map_keeps_its_title_and_uses_the_page(analysis):
    from camau_gis.i18n import t
    from camau_gis.render.static import plot_map

    fig, ax = plot_map(analysis, "coverage")
    texts = {nfc(x.get_text()) for x in fig.texts}
    assert t("title_coverage", "vi") in texts
    w = fig.get_size_inches()[0]
    used = sum(a.get_position().width for a in fig.axes if a.get_position().width > 0.1)
    assert used * w > 0.6 * w, "map and insets use less than 60 % of the page width"
    assert any(i["district"] == CITY for i in fig.camau_insets)


def test_html_map_takes_the_same_credit_and_date(analysis, tmp_path):
    from camau_gis.render.captions import boundary_credit
    from camau_gis.render.html import build_map, read_payload, save_map

    data = read_payload(save_map(build_map(analysis), tmp_path / "m.html"))
    assert nfc(data["summary"]["boundary_source"]) == nfc(boundary_credit(analysis, "vi"))
    assert "giấy phép MIT" in nfc(data["summary"]["boundary_source"])
    assert data["summary"]["data_date"] == "31/12/2019"


def test_cli_maps_for_report_writes_untitled_figures_of_the_given_width(ca_mau_shp, tmp_path,
                                                                        capsys):
    from camau_gis.cli import main
    from camau_gis.i18n import t

    out = tmp_path / "out"
    args = ["maps", "--for-report", "--width-cm", "14", "--kind", "c19", "--format", "svg",
            "-b", str(ca_mau_shp), "--out", str(out)]
    assert main(args) == 0
    assert sorted(p.name for p in out.iterdir()) == ["figure_c19_map.svg"]
    width_pt, texts = _svg_texts_file(out / "figure_c19_map.svg")
    assert width_pt == pytest.approx(14 / 2.54 * 72, rel=1e-3)
    assert t("title_c19", "vi") not in {nfc(x) for x, _ in texts}
    assert min(s for _, s in texts) >= 6.0
    assert main(["maps", "--for-report", "--width-cm", "9", "--out", str(out)]) == 2
    assert "--width-cm" in capsys.readouterr().err


def _svg_texts_file(path):
    root = ET.parse(path).getroot()
    out = []
    for el in root.iter("{http://www.w3.org/2000/svg}text"):
        m = re.search(r"([\d.]+)px", el.get("style", ""))
        text = "".join(el.itertext()).strip()
        if m and text:
            out.append((text, float(m.group(1))))
    return float(root.get("width").removesuffix("pt")), out
