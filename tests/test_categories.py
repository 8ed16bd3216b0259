"""Coverage categories tell the truth (issue 15): a commune without a model is a gap, never "no data".

Model coverage and criterion-19 status are two independent facts; the
category is their product, ``no_data`` only outside the register's scope. The
same categories, colours and models-per-commune classes reach every output of
one run: ``summary.json``, the GeoPackage, the HTML map, the static map's
legend and pixels, the atlas tables.
"""

from __future__ import annotations

import csv
import itertools
import json
import warnings
from collections import Counter

import numpy as np
import pandas as pd
import pytest

from camau_gis.analysis.classes import (
    CATEGORIES,
    CATEGORIES_2019,
    NO_C19,
    categories,
    category_of,
    model_breaks,
)

#: The shipped example: 84 models in 82 of the 101 communes.
EXAMPLE_UNCOVERED = 19


@pytest.fixture(scope="module")
def example(ca_mau_shp):
    """The example register analysed on the real Cà Mau boundaries."""
    from camau_gis.pipeline import run_analysis

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return run_analysis(boundaries=ca_mau_shp, lang="vi")


@pytest.fixture(scope="module")
def tables(example, tmp_path_factory):
    from camau_gis.export.tables import write_tables

    out = tmp_path_factory.mktemp("tables")
    write_tables(example, out, lang="vi")
    return out


def _csv(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


# --------------------------------------------------------------------------- the rule
def test_category_is_the_product_of_two_facts():
    cov = pd.Series([True, True, True, False, False, False, False])
    c19 = pd.Series(["achieved", "not_achieved", "no_data", "achieved", "not_achieved",
                     "no_data", None])
    got = categories(cov, c19).tolist()
    assert got == ["covered_c19", "covered_not_c19", "covered_no_c19", "uncovered_c19",
                   "uncovered_not_c19", "uncovered_no_c19", "uncovered_no_c19"]
    # "no data" only outside the register's scope, whatever the two facts say
    scope = pd.Series([True] * 6 + [False])
    assert categories(cov, c19, scope).tolist()[-1] == "no_data"
    assert category_of("partly", "no_data") == "partly_no_c19"
    with pytest.raises(ValueError, match="mức bao phủ 'maybe'"):
        category_of("maybe", "achieved")
    assert NO_C19 == {"uncovered_no_c19", "partly_no_c19", "covered_no_c19"}


def test_every_category_has_a_label_and_a_colour():
    from camau_gis.i18n import t
    from camau_gis.render import palette

    assert list(palette.CATEGORY) == list(CATEGORIES)
    for code in CATEGORIES:
        assert t(f"cat_{code}", "vi") and t(f"cat_{code}", "en")
    # both facts are said in the label
    assert t("cat_uncovered_no_c19", "vi") == "Chưa có mô hình · chưa có dữ liệu TC19"
    assert t("cat_covered_no_c19", "vi") == "Có mô hình · chưa có dữ liệu TC19"


# --------------------------------------------------------------------------- colours
_CVD = {
    "normal": None,
    "deuteranopia": {"name": "sRGB1+CVD", "cvd_type": "deuteranomaly", "severity": 100},
    "protanopia": {"name": "sRGB1+CVD", "cvd_type": "protanomaly", "severity": 100},
}


def _ucs(colour: str, cvd) -> np.ndarray:
    from colorspacious import cspace_convert
    from matplotlib.colors import to_rgb

    rgb = np.asarray(to_rgb(colour))
    if cvd is not None:
        rgb = np.clip(cspace_convert(rgb, cvd, "sRGB1"), 0, 1)
    return cspace_convert(rgb, "sRGB1", "CAM02-UCS")


@pytest.mark.parametrize("vision", list(_CVD))
def test_palette_is_colour_blind_safe_and_gaps_are_the_most_visible(vision):
    from camau_gis.render import palette

    cvd = _CVD[vision]
    ucs = {k: _ucs(c, cvd) for k, c in palette.CATEGORY.items()}
    # classes drawn alike (both hatched or both plain) differ by colour alone
    for a, b in itertools.combinations(palette.CATEGORY, 2):
        if (a in NO_C19) == (b in NO_C19):
            delta = float(np.linalg.norm(ucs[a] - ucs[b]))
            assert delta >= 8, f"{a} and {b} look alike under {vision}: ΔE {delta:.1f}"
    white = _ucs("#FFFFFF", cvd)
    seen = {k: float(np.linalg.norm(v - white)) for k, v in ucs.items()}
    gaps = min(v for k, v in seen.items() if k.startswith("uncovered_"))
    others = max(v for k, v in seen.items() if k.startswith("covered_") or k == "no_data")
    assert gaps > others + 10, (vision, seen)
    # a commune without a model has a gap colour on the models map too, and stands out
    # from every class of the ramp
    assert palette.MODELS_ZERO in {palette.CATEGORY[k] for k in CATEGORIES
                                   if k.startswith("uncovered_")}
    zero = float(np.linalg.norm(_ucs(palette.MODELS_ZERO, cvd) - white))
    ramp = [_ucs(c, cvd) for c in palette.MODELS_RAMP]
    assert all(zero > float(np.linalg.norm(r - white)) + 5 for r in ramp), vision
    for a, b in itertools.combinations([*ramp, _ucs(palette.MODELS_ZERO, cvd)], 2):
        assert float(np.linalg.norm(a - b)) >= 8, vision


# --------------------------------------------------------------------------- the example
def test_every_output_of_the_example_agrees(example, tables, close_figures):
    """summary.json, GeoPackage, HTML payload, PNG legend and atlas tables: same counts."""
    import geopandas as gpd

    from camau_gis.i18n import t
    from camau_gis.render.atlas import _commune_rows
    from camau_gis.render.html import build_map, read_payload, save_map
    from camau_gis.render.static import plot_map

    summary = json.loads((tables / "summary.json").read_text(encoding="utf-8"))
    cats = summary["province"]["categories"]
    assert summary["province"]["uncovered"] == EXAMPLE_UNCOVERED
    assert cats["no_data"] == 0
    assert sum(v for k, v in cats.items() if k.startswith("uncovered_")) == EXAMPLE_UNCOVERED
    assert sum(cats.values()) == 101
    expected = {k: v for k, v in cats.items() if v}

    gpkg = gpd.read_file(tables / "communes.gpkg", layer="communes")
    assert dict(Counter(gpkg["category"])) == expected
    assert set(gpkg.loc[~gpkg["covered"].astype(bool), "category"]) <= set(
        c for c in CATEGORIES if c.startswith("uncovered_"))
    unc = gpd.read_file(tables / "communes.gpkg", layer="uncovered")
    assert set(unc["gso_code"]) == set(gpkg.loc[~gpkg["covered"].astype(bool), "gso_code"])

    html = save_map(build_map(example, lang="vi"), tables / "map.html")
    payload = read_payload(html)
    props = [f["properties"] for f in payload["communes"]["features"]]
    assert dict(Counter(p["category"] for p in props)) == expected
    theme = next(th for th in payload["themes"] if th["id"] == "category")
    assert [c["value"] for c in theme["classes"]] == list(CATEGORIES_2019)
    assert all(c["hatch"] == (c["value"] in NO_C19) for c in theme["classes"])
    # the HTML legend says the same counts as the PNG legend below
    html_legend = [f"{c['label']} ({c['count']})" for c in theme["classes"]]

    fig, _ = plot_map(example, "coverage", lang="vi")
    texts = [x.get_text() for x in fig.legends[0].get_texts()]
    for code in CATEGORIES_2019:  # classes with units, counted once; empty ones dropped (#20)
        label = f"{t(f'cat_{code}', 'vi')} ({cats[code]})"
        assert (label in texts) == bool(cats[code]), label
    shown = [x for x in texts if x.startswith(("Có mô hình", "Chưa có mô hình"))]
    assert [x for x in html_legend if not x.endswith("(0)")] == shown
    assert not any(x.startswith(t("cat_no_data", "vi")) for x in texts)
    hatched = {x.get_text().rsplit(" (", 1)[0] for x, h in
               zip(fig.legends[0].get_texts(), fig.legends[0].legend_handles, strict=True)
               if getattr(h, "get_hatch", lambda: None)()}
    assert hatched == {t("cat_uncovered_no_c19", "vi"), t("cat_covered_no_c19", "vi")}

    rows = []
    c = example.communes
    for code in c["dist_code"].unique():
        rows += _commune_rows(c[c["dist_code"] == code], "vi")[1]
    labels = {t(f"cat_{k}", "vi"): k for k in CATEGORIES}
    assert dict(Counter(labels[r[3]] for r in rows)) == expected
    assert sum(r[1] == "0" for r in rows) == EXAMPLE_UNCOVERED
    assert not any(r[3] == t("cat_no_data", "vi") for r in rows)


def test_coverage_png_pixels_give_each_gap_the_gap_colour(example, tmp_path, close_figures):
    """At each uncovered commune's representative point the PNG shows the uncovered colour.

    Pixels of text (labels and their white halo) and of the hatch lines are set
    aside; every other pixel around the point, and at a few more points inside
    the commune, must be its category's fill colour.
    """
    import shapely
    from matplotlib.colors import to_rgb
    from PIL import Image

    from camau_gis.render import palette
    from camau_gis.render.static import layers, plot_map, save_figure

    dpi = 200
    fig, ax = plot_map(example, "coverage", lang="vi")
    path = save_figure(fig, tmp_path / "coverage.png", dpi=dpi)
    img = np.asarray(Image.open(path).convert("RGB")).astype(int)
    height = img.shape[0]
    metric = layers(example.communes)["communes"]
    scale = dpi / fig.dpi
    cats = example.communes["category"].astype(str).to_numpy()
    ink = np.array([to_rgb(c) for c in ("#FFFFFF", palette.TEXT, palette.HATCH_COLOR,
                                        palette.DISTRICT_EDGE)]) * 255

    def fill_colour(geom) -> np.ndarray:
        inner = geom.buffer(-100)
        x0, y0, x1, y1 = geom.bounds
        xx, yy = np.meshgrid(np.linspace(x0, x1, 7), np.linspace(y0, y1, 7))
        keep = shapely.contains_xy(inner, xx.ravel(), yy.ravel()) if not inner.is_empty else []
        rep = geom.representative_point()
        pts = np.vstack([[rep.x, rep.y], np.column_stack([xx.ravel(), yy.ravel()])[keep]])
        pixels = []
        for px, py in ax.transData.transform(pts) * scale:
            col, row = int(round(px)), int(round(height - py))
            pixels.append(img[row - 2:row + 3, col - 2:col + 3].reshape(-1, 3))
        if not pixels:
            return np.array([-1, -1, -1])  # every sampled point under a label
        pixels = np.vstack(pixels)
        far = np.abs(pixels[:, None, :] - ink[None, :, :]).max(axis=2).min(axis=1) > 45
        values, counts = np.unique(pixels[far], axis=0, return_counts=True)
        return values[counts.argmax()]

    def close(rgb: np.ndarray, colour: str, tol: int = 6) -> bool:
        return bool(np.abs(rgb - np.asarray(to_rgb(colour)) * 255).max() <= tol)

    def tolerance(i: int) -> int:  # a unit under 1 km² is a few pixels, blended with its outline
        return 30 if metric.geometry.iloc[i].area < 1e6 else 6

    uncovered = np.flatnonzero(~example.communes["covered"].astype(bool).to_numpy())
    assert len(uncovered) == EXAMPLE_UNCOVERED
    assert {cats[i] for i in uncovered} == {"uncovered_no_c19"}
    seen = {i: fill_colour(metric.geometry.iloc[i]) for i in uncovered}
    wrong = {example.communes["name"].iloc[i]: c.tolist() for i, c in seen.items()
             if not close(c, palette.CATEGORY["uncovered_no_c19"], tolerance(i))}
    assert not wrong, f"uncovered communes not drawn in the gap colour: {wrong}"
    # and no covered commune is drawn in a gap colour
    gap_colours = [palette.CATEGORY[k] for k in CATEGORIES if k.startswith("uncovered_")]
    covered = np.flatnonzero(example.communes["covered"].astype(bool).to_numpy())
    red = [example.communes["name"].iloc[i] for i in covered
           if any(close(fill_colour(metric.geometry.iloc[i]), g) for g in gap_colours)]
    assert not red


# --------------------------------------------------------------------------- one classification
def _varied(ca_mau_communes):
    """An analysis whose models per commune take many values (mapclassify has work to do)."""
    from tests._analysis_factory import make_analysis

    result = make_analysis(ca_mau_communes)
    n = (np.arange(len(result.communes)) * 7) % 13
    result.communes["n_models"] = n
    result.communes["covered"] = n > 0
    return result


@pytest.mark.parametrize("scheme", ["Quantiles"])
def test_scheme_drives_html_and_static_legends_alike(ca_mau_communes, scheme, tmp_path,
                                                     close_figures):
    from matplotlib.colors import to_hex

    from camau_gis.render.html import build_map, read_payload, save_map
    from camau_gis.render.static import plot_map

    result = _varied(ca_mau_communes)

    def both(scheme_name: str):
        result.meta["scheme"] = scheme_name  # as build/maps/report --scheme set it
        payload = read_payload(save_map(build_map(result, lang="vi"),
                                        tmp_path / f"{scheme_name}.html"))
        theme = next(th for th in payload["themes"] if th["id"] == "models")
        html = [(c["label"].rsplit(" (", 1)[0], c["color"].upper()) for c in theme["classes"]]
        html_counts = [c["count"] for c in theme["classes"]]
        fig, _ = plot_map(result, "models", lang="vi")
        legend = fig.legends[0]
        png = [(text.get_text().rsplit(" (", 1)[0], to_hex(handle.get_facecolor()).upper())
               for text, handle in zip(legend.get_texts(), legend.legend_handles, strict=True)
               if text.get_text().endswith(")") and "(" in text.get_text()
               and handle.get_facecolor()[3] > 0]
        # communes per class: the HTML legend counts its own features
        props = Counter(str(f["properties"]["model_class"])
                        for f in payload["communes"]["features"])
        assert {c["value"]: c["count"] for c in theme["classes"]} == {
            c["value"]: props.get(c["value"], 0) for c in theme["classes"]}
        png_counts = [int(x.get_text().rsplit(" (", 1)[1].rstrip(")")) for x in legend.get_texts()
                      if x.get_text().rsplit(" (", 1)[0] in {h[0] for h in html}]
        assert html_counts == png_counts  # both legends say the same counts
        return html, png, legend.get_title().get_text(), theme.get("note", "")

    html, png, title, note = both(scheme)
    assert html == png
    assert scheme in title and scheme in note
    default_html, default_png, _, _ = both("NaturalBreaks")
    assert default_html == default_png
    assert html != default_html  # the scheme changed the classes of both maps


def test_model_breaks_keep_zero_alone_and_are_stable():
    values = np.array([0, 0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 20], dtype=float)
    a = model_breaks(values, "Quantiles", 4)
    b = model_breaks(values, "quantiles", 4)
    assert a == b and a.scheme == "Quantiles" and a.has_zero
    idx = a.index(values)
    assert (idx[values == 0] == 0).all() and (idx[values > 0] >= 1).all()
    assert sorted(set(idx[values > 0])) == list(range(1, len(a.uppers) + 1))
    by_value = model_breaks(np.array([0, 1, 2, 2]), "Quantiles", 5)
    assert by_value.scheme is None and by_value.uppers == (1.0, 2.0)


# --------------------------------------------------------------------------- 2025 units
@pytest.fixture(scope="module")
def built_2025(tmp_path_factory, ca_mau_shp, bac_lieu_shp):
    from camau_gis.export.tables import write_tables
    from camau_gis.pipeline import run_analysis

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = run_analysis(boundaries=ca_mau_shp, bac_lieu=bac_lieu_shp, admin="2025",
                              lang="vi")
    out = tmp_path_factory.mktemp("partly")
    write_tables(result, out, lang="vi")
    return result, out


def test_2025_units_do_not_hide_2019_gaps(built_2025, example):
    import geopandas as gpd

    result, out = built_2025
    gpkg = gpd.read_file(out / "communes.gpkg", layer="communes").set_index("gso_code")
    inside = gpkg[gpkg["in_data"].astype(bool)]
    partly = inside[inside["category"].str.startswith("partly_")]
    assert len(partly) > 0
    assert (partly["pred_cov"] < partly["pred_in"]).all() and (partly["pred_cov"] >= 1).all()
    assert ((partly["cov_share"] > 0) & (partly["cov_share"] <= 1)).all()
    full = inside[inside["category"].str.startswith("covered_")]
    assert (full["pred_cov"] == full["pred_in"]).all()
    # every 2019 gap lies in a partly covered (or uncovered) 2025 unit, named there
    gaps_2019 = example.communes.loc[~example.communes["covered"].astype(bool)]
    named = "; ".join(inside.loc[~inside["category"].str.startswith("covered_"), "pred_uncov"])
    for name, district in zip(gaps_2019["name"], gaps_2019["district"], strict=True):
        assert f"{name} ({district})" in named
    # outside the register's scope: "no data", nothing else
    assert set(gpkg.loc[~gpkg["in_data"].astype(bool), "category"]) == {"no_data"}
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["province"]["partly_covered"] == len(partly)
    assert summary["province"]["categories"]["no_data"] == 25

    # the uncovered table ranks them, with the count of former communes covered
    rows = _csv(out / "uncovered_communes.csv")
    assert {r["Mã đơn vị"] for r in rows} >= set(partly.index)
    by_code = {r["Mã đơn vị"]: r for r in rows}
    for code, unit in partly.iterrows():
        row = by_code[code]
        assert row["Mức ưu tiên"] == "4 - Bao phủ một phần"
        assert int(row["Số xã cũ có mô hình"]) == unit["pred_cov"]
        assert int(row["Số xã cũ"]) == unit["pred_in"]
        assert f"{unit['pred_cov']}/{unit['pred_in']} xã cũ có mô hình" in row["Lý do"]
    shares = [float(by_code[c]["Tỷ lệ diện tích có mô hình"]) for c in
              [r["Mã đơn vị"] for r in rows if r["Mã đơn vị"] in partly.index]]
    assert shares == sorted(shares)  # the least covered first
    gpkg_unc = gpd.read_file(out / "communes.gpkg", layer="uncovered")
    assert set(partly.index) <= set(gpkg_unc["gso_code"])


def test_2025_maps_show_partly_covered(built_2025, close_figures):
    from camau_gis.i18n import t
    from camau_gis.render._html_columns import pred_covered_texts
    from camau_gis.render.static import plot_map

    result, _ = built_2025
    c = result.communes
    n_partly = int(c["category"].str.startswith("partly_").sum())
    fig, _ = plot_map(result, "coverage", lang="vi")
    texts = [x.get_text() for x in fig.legends[0].get_texts()]
    assert f"{t('cat_partly_no_c19', 'vi')} ({n_partly})" in texts
    assert f"{t('cat_no_data', 'vi')} (25)" in texts
    texts_en = pred_covered_texts(c, "en")
    i = int(np.flatnonzero(c["category"].str.startswith("partly_").to_numpy())[0])
    k, n = int(c["pred_cov"].iloc[i]), int(c["pred_in"].iloc[i])
    assert texts_en[i].startswith(f"Covered {k} of {n} former communes (")


# --------------------------------------------------------------------------- marks and years
def test_every_table_of_an_illustrative_run_says_so(example, tables):
    from openpyxl import load_workbook

    assert example.illustrative
    for name in ("uncovered_communes.csv", "district_summary.csv"):
        rows = _csv(tables / name)
        assert rows and all(r["Dữ liệu minh họa"] == "Dữ liệu minh họa" for r in rows), name
    for name in ("uncovered_communes.xlsx", "district_summary.xlsx"):
        book = load_workbook(tables / name, read_only=True)
        first = book.worksheets[0]
        head = [c.value for c in next(first.iter_rows(max_row=1))]
        col = head.index("Dữ liệu minh họa")
        values = {r[col] for r in first.iter_rows(min_row=2, values_only=True)}
        assert values == {"Dữ liệu minh họa"}, name
    # the match report keeps its stable keys and adds the mark after them
    with open(tables / "match_report.csv", encoding="utf-8-sig", newline="") as fh:
        import csv

        reader = csv.reader(fh)
        header = next(reader)
        body = list(reader)
    from camau_gis import schema

    assert header == [*schema.MATCH_REPORT_COLUMNS, "illustr"]
    assert all(row[-1] == "Dữ liệu minh họa" for row in body)


def test_register_check_report_of_illustrative_rows_says_so(tmp_path, ca_mau_communes):
    import csv

    from camau_gis.register import match_register, read_register, write_match_report

    communes = ca_mau_communes
    matched = match_register(read_register(), communes)
    assert matched.illustrative
    row = matched.report.iloc[:0]  # the example joins every row: add one to report
    import pandas as pd

    matched.report = pd.concat([row, pd.DataFrame([{
        "file": "so.csv", "sheet": "", "row": 9, "table": "models", "column": "commune",
        "value": "Xã Không Có", "reason": "không tìm thấy", "candidates": ""}])],
        ignore_index=True)
    path = write_match_report(matched, tmp_path / "report.csv", lang="vi")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and all(r["illustr"] == "Dữ liệu minh họa" for r in rows)


@pytest.mark.parametrize(("option", "kwargs"), [
    ("--year 2030", {"year": 2030}),
    ("--year 1990", {"year": 1990}),
    ("--compare 1995", {"compare": (1995, 2019)}),
])
def test_years_outside_the_register_are_said(ca_mau_communes, option, kwargs):
    from camau_gis import analyze, match_register, read_register
    from camau_gis.analysis.coverage import YearWarning
    from camau_gis.analysis.years import register_years

    matched = match_register(read_register(), ca_mau_communes)
    years = register_years(matched)
    span = f"{years[0]}–{years[-1]}"
    with pytest.warns(YearWarning, match=f"{option}.*{span}"):
        result = analyze(ca_mau_communes, matched, permutations=9, **kwargs)
    (said,) = result.summary["year_warnings"]
    assert said.startswith(option) and span in said
    from camau_gis.report._content import build_content

    assert said in build_content(result, {}, lang="vi").notes


def test_a_year_inside_the_register_warns_nothing(ca_mau_communes):
    from camau_gis import analyze, match_register, read_register
    from camau_gis.analysis.coverage import YearWarning

    matched = match_register(read_register(), ca_mau_communes)
    with warnings.catch_warnings():
        warnings.simplefilter("error", YearWarning)
        analyze(ca_mau_communes, matched, year=2019, permutations=9)


# --------------------------------------------------------------------------- command line
def _run(capsys, *argv) -> tuple[int, str, str]:
    from camau_gis.cli import main

    code = main([str(a) for a in argv])
    cap = capsys.readouterr()
    return code, cap.out, cap.err


@pytest.mark.parametrize("command", ["maps", "report"])
def test_maps_and_report_refuse_an_unknown_scheme_before_any_work(command, ca_mau_shp,
                                                                  tmp_path, capsys):
    out = tmp_path / "out"
    code, _, err = _run(capsys, command, "--boundaries", ca_mau_shp, "--out", out,
                        "--scheme", "Bogus")
    assert code == 2 and "Bogus" in err and "Quantiles" in err
    assert not out.exists() or not any(out.iterdir())


def test_maps_cli_scheme_and_year_warning(ca_mau_shp, tmp_path, capsys):
    """``maps --kind models --scheme Quantiles --year 2030``: the warning names the range."""
    out = tmp_path / "out"
    code, stdout, err = _run(capsys, "maps", "--boundaries", ca_mau_shp, "--out", out,
                             "--kind", "models", "--format", "svg", "--scheme", "Quantiles",
                             "--year", "2030")
    assert code == 0, err
    assert "cảnh báo: --year 2030" in err and "2019)" in err
    svg = (out / "models_map.svg") if (out / "models_map.svg").exists() else next(
        out.glob("*models*.svg"))
    text = svg.read_text(encoding="utf-8")
    assert "Chưa có mô hình" in text  # the shared models classes and labels (zero class)


def test_year_comparison_of_an_illustrative_run_says_so(ca_mau_communes, tmp_path):
    from camau_gis import analyze, match_register, read_register
    from camau_gis.export.tables import write_tables

    matched = match_register(read_register(), ca_mau_communes)
    result = analyze(ca_mau_communes, matched, compare=(2018, 2019), permutations=9)
    assert result.illustrative
    write_tables(result, tmp_path, lang="en")
    rows = _csv(tmp_path / "year_comparison.csv")
    assert rows and {r["Illustrative data"] for r in rows} == {"Illustrative data"}
    assert {r["Illustrative data"] for r in _csv(tmp_path / "district_summary.csv")} == {
        "Illustrative data"}
