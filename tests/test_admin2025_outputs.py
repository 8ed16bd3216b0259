"""Outputs of ``build --admin 2025`` for the merged Cà Mau province (64 units, no districts).

The shipped example register covers old Cà Mau only, so the 25 units formed
from old Bạc Liêu must read "no data" everywhere: never "0 models", never a
priority gap, never in the denominator of the coverage share. The expected
set of such units comes from the crosswalk itself (units all of whose 2019
predecessors were in Bạc Liêu), not from the analysis.
"""

from __future__ import annotations

import csv
import json
import warnings
from collections import Counter

import pytest

#: What the static map and its legend may no longer say for the 2025 units.
DISTRICT_WORDS = ("huyện", "thị trấn", "district", "township")


@pytest.fixture(scope="session")
def former_bac_lieu() -> set[str]:
    """2025 codes of the units formed only from old Bạc Liêu units (independent of in_data)."""
    from camau_gis.crosswalk import links_table

    links = links_table()
    pcode = links["old_code"].str[:2].map({"31": "95", "32": "96"})  # 318xx-319xx: Bạc Liêu
    assert pcode.notna().all()
    by_new = links.assign(p=pcode.to_numpy()).groupby("new_code")["p"].agg(set)
    out = {code for code, provs in by_new.items() if provs == {"95"}}
    assert len(out) == 25
    return out


@pytest.fixture(scope="session")
def result_2025(ca_mau_shp, bac_lieu_shp):
    """Analyse the example register (old Cà Mau only) and carry it to the 2025 units."""
    from camau_gis.pipeline import run_analysis

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return run_analysis(boundaries=ca_mau_shp, bac_lieu=bac_lieu_shp, admin="2025",
                            lang="vi")


@pytest.fixture(scope="session")
def built(tmp_path_factory, ca_mau_shp, bac_lieu_shp):
    """``camau-gis build --admin 2025`` written to a temporary folder (small PNG)."""
    from camau_gis.pipeline import build

    out = tmp_path_factory.mktemp("admin2025")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        written = build(out, dpi=50, boundaries=ca_mau_shp, bac_lieu=bac_lieu_shp,
                        admin="2025")
    return out, written


@pytest.fixture(scope="session")
def payload(built):
    from camau_gis.render.html import read_payload

    return read_payload(built[0] / "coverage_map.html")


def _csv(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


# --------------------------------------------------------------------------
# The analysis: which units the register covers
# --------------------------------------------------------------------------


def test_units_outside_the_register_are_no_data(result_2025, former_bac_lieu):
    c = result_2025.communes.set_index("gso_code")
    assert set(c.index[~c["in_data"]]) == former_bac_lieu
    nd = c.loc[sorted(former_bac_lieu)]
    assert (nd["category"] == "no_data").all() and (nd["c19_status"] == "no_data").all()
    assert not nd["isolated"].any() and nd["cluster"].isna().all()
    assert nd["dist_cov_km"].isna().all() and c.loc[c["in_data"], "dist_cov_km"].notna().all()
    assert (nd["lisa"] == "").all()
    assert result_2025.summary["crosswalk"]["old_provinces_no_data"] == ["Bạc Liêu"]
    assert result_2025.summary["crosswalk"]["old_units_in_data"] == 101


def test_register_provinces_come_from_matched_rows():
    import pandas as pd

    from camau_gis.analysis.result import Analysis
    from camau_gis.crosswalk.aggregate import register_provinces

    pcode = pd.Series({"32002": "96", "31825": "95"})
    a = Analysis(communes=pd.DataFrame(), models=pd.DataFrame({"match_code": ["32002", ""]}),
                 c19=pd.DataFrame({"match_code": [None, "99999"]}), uncovered=pd.DataFrame(),
                 districts=pd.DataFrame(), match_report=pd.DataFrame(), summary={}, year=2019)
    assert register_provinces(a, pcode) == {"96"}
    a.c19 = pd.DataFrame({"match_code": ["31825"]})
    assert register_provinces(a, pcode) == {"95", "96"}


# --------------------------------------------------------------------------
# Tables and summary.json: one share, among the units with data
# --------------------------------------------------------------------------


def test_share_counts_only_units_with_data_and_all_outputs_agree(built, payload, result_2025):
    out, _ = built
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    prov = summary["province"]
    known = prov["units_in_data"]
    assert known == 64 - 25 and prov["units_no_data"] == 25 and prov["units"] == 64
    assert prov["uncovered"] == known - prov["covered"]
    share = prov["covered"] / known
    assert prov["covered_share"] == pytest.approx(share, abs=1e-4)
    # district table: the province total row
    (total,) = _csv(out / "district_summary.csv")
    assert float(total["Tỷ lệ có mô hình"]) == pytest.approx(share, abs=1e-4)
    assert int(total["Số đơn vị chưa có mô hình"]) == prov["uncovered"]
    # HTML summary panel
    assert payload["summary"]["n_in_data"] == known
    assert payload["summary"]["share"] == pytest.approx(100 * share, abs=0.05)
    # static side panel
    from camau_gis.render.static import _headline, fmt_number

    lines = "\n".join(_headline(result_2025, "vi"))
    assert f"({fmt_number(100 * share, 'vi', 1)}%)" in lines
    assert f"{known}/64" in lines


def test_no_data_units_are_listed_apart_not_as_gaps(built, former_bac_lieu):
    out, written = built
    gaps = {r["Mã đơn vị"] for r in _csv(out / "uncovered_communes.csv")}
    assert not gaps & former_bac_lieu
    listed = _csv(written["no_data_units.csv"])
    assert {r["Mã đơn vị"] for r in listed} == former_bac_lieu
    assert all("ngoài phạm vi sổ theo dõi" in r["Lý do"] and "Bạc Liêu" in r["Lý do"]
               for r in listed)
    assert all(r["Đơn vị trước 01/07/2025"] for r in listed)


def test_no_data_table_in_english(result_2025):
    from camau_gis.crosswalk.aggregate import no_data_table

    table = no_data_table(result_2025, "en")
    assert list(table.columns) == ["Unit code", "Unit", "Unit type",
                                   "Units before 1 July 2025", "Reason"]
    assert len(table) == 25 and table["Reason"].str.contains("outside the register").all()


# --------------------------------------------------------------------------
# Static map
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "text"), [
    ("vi", "64 xã, phường (đơn vị hành chính từ 01/07/2025)"),
    ("en", "64 communes and wards (administrative units since 1 July 2025)"),
])
def test_static_subtitle_says_what_is_true(result_2025, lang, text):
    from camau_gis.render.static import subtitle

    sub = subtitle(result_2025, lang)
    assert sub.endswith(text)
    assert not any(w in sub.lower() for w in DISTRICT_WORDS)


def _legend_texts(fig) -> list[str]:
    return [t.get_text() for leg in fig.legends for t in leg.get_texts()]


def test_static_map_has_no_district_legend_and_greys_no_data(result_2025, close_figures):
    import numpy as np
    import shapely

    from camau_gis.render import palette
    from camau_gis.render.static import layers, plot_map

    fig, ax = plot_map(result_2025, kind="models", lang="en", page="A4-landscape")
    texts = _legend_texts(fig)
    assert "Province boundary" in texts and "District boundaries" not in texts
    assert "No data (outside the register's scope) (25)" in texts
    fig.canvas.draw()
    rgba = np.asarray(fig.canvas.buffer_rgba())
    height = rgba.shape[0]
    metric = layers(result_2025.communes)["communes"]
    grey = np.array([int(palette.CATEGORY["no_data"][i:i + 2], 16) for i in (1, 3, 5)])
    zero = np.array([int(palette.MODELS_ZERO[i:i + 2], 16) for i in (1, 3, 5)])
    for known in (False, True):
        rows = metric[metric["in_data"] == known]
        colours = Counter()
        for geom in rows.geometry:  # pixels at points inside each polygon, off its label
            inner = geom.buffer(-300)
            x0, y0, x1, y1 = geom.bounds
            xx, yy = np.meshgrid(np.linspace(x0, x1, 9), np.linspace(y0, y1, 9))
            inside = shapely.contains_xy(inner, xx.ravel(), yy.ravel())
            pts = np.column_stack([xx.ravel()[inside], yy.ravel()[inside]])
            for x, y in ax.transData.transform(pts):
                colours[tuple(rgba[int(height - y), int(x), :3])] += 1
        top = np.array(colours.most_common(1)[0][0])
        if known:
            assert np.abs(top - grey).sum() > 30   # covered units are not grey
        else:
            assert np.abs(top - grey).sum() < 30 and np.abs(top - zero).sum() > 30


# --------------------------------------------------------------------------
# HTML map
# --------------------------------------------------------------------------


def test_html_no_data_in_every_theme_and_no_gap_outline(payload, former_bac_lieu):
    from camau_gis.render import palette

    feats = {f["properties"]["gso_code"]: f["properties"] for f in payload["communes"]["features"]}
    assert len(feats) == 64
    themes = {th["id"]: th for th in payload["themes"]}
    for code, p in feats.items():
        nd = code in former_bac_lieu
        assert p["in_data"] is (not nd)
        for th in themes.values():
            cls = {str(c["value"]): c for c in th["classes"]}[str(p[th["field"]])]
            if nd:
                assert cls.get("hatch") and cls["color"].upper() == palette.CATEGORY["no_data"], (
                    code, th["id"])
                assert cls["label"] != "0"
            elif th["id"] == "models":
                assert not cls.get("hatch")
        if nd:
            assert p["uncov_rank"] is None and p["uncov_reasons"] == ""
    assert [o["id"] for o in payload["overlays"]].count("districts") == 0


def test_html_carries_predecessors_and_notes(payload, result_2025):
    c = result_2025.communes.set_index("gso_code")
    feats = {f["properties"]["gso_code"]: f["properties"] for f in payload["communes"]["features"]}
    for code, p in feats.items():
        assert p["pred_names"] == c.loc[code, "pred_names"] and p["pred_names"]
        assert p["geom_note"] == c.loc[code, "geom_note"]
    noted = [p for p in feats.values() if p["geom_note"]]
    assert len(noted) == int(c["divided_parts"].sum()) > 0


# --------------------------------------------------------------------------
# The page in a browser (tooltips, popups, summary panel)
# --------------------------------------------------------------------------


#: Runs in its own process through tests/_page.py (a second sync Playwright cannot
#: share the test process with the one of tests/test_browser.py).
_PAGE_BODY = r"""
nd_code, div_code = extra
POINT = '''code => { const g = window.camauGis,
    p = g.byCode[code].feature.properties.label_pt,
    pt = g.map.latLngToContainerPoint([p[1], p[0]]),
    r = g.map.getContainer().getBoundingClientRect();
    return [pt.x + r.left, pt.y + r.top]; }'''
out["hatched"] = page.locator("path.cg-commune.cg-hatch").count()
out["ranks"] = page.locator(".cg-rank").count()
rows = page.locator("#cg-body-summary tr")
out["summary"] = {rows.nth(i).get_attribute("data-key"): rows.nth(i).inner_text()
                  for i in range(rows.count())}
page.mouse.move(*page.evaluate(POINT, nd_code))
tip = page.locator(".leaflet-tooltip .cg-tip")
tip.wait_for(state="visible", timeout=5000)
out["tip_code"], out["tip"] = tip.get_attribute("data-gso"), tip.inner_text()
page.mouse.click(*page.evaluate(POINT, div_code))
pop = page.locator(".leaflet-popup .cg-popup")
pop.wait_for(state="visible", timeout=5000)
out["popup"] = pop.inner_text()
"""


@pytest.mark.browser
def test_html_page_in_a_browser(built, payload, former_bac_lieu):
    from _page import run_page

    nd_code = sorted(former_bac_lieu)[0]
    divided = next(p for p in (f["properties"] for f in payload["communes"]["features"])
                   if p["geom_note"])
    got = run_page(_PAGE_BODY, built[0] / "coverage_map.html", nd_code, divided["gso_code"],
                   timeout_ms=15000)
    # default theme (models per unit): exactly the no-data units are hatched; the only
    # ranked units are the partly covered ones (2019 gaps inside them), never a no-data unit
    assert got["hatched"] == 25 and got["ranks"] == payload["summary"]["partly"] > 0
    summ = got["summary"]
    assert "Số xã, phường" in summ["sum_communes"] and "64" in summ["sum_communes"]
    assert summ["sum_in_data_units"].endswith("39 / 64")
    assert summ["sum_covered"].startswith("Đơn vị có mô hình") and summ["sum_covered"].endswith(
        f"{payload['summary']['covered']} / 39")
    share = summ["sum_share"].split("\t")[-1].split()[0]
    assert float(share.replace(".", "").replace(",", ".")) == pytest.approx(
        payload["summary"]["share"])
    assert got["tip_code"] == nd_code
    assert "ngoài phạm vi sổ theo dõi" in got["tip"] and "Đơn vị trước 01/07/2025" in got["tip"]
    assert "Tiêu chí 19" not in got["tip"]
    assert "Ranh giới gần đúng" in got["popup"]
    assert divided["pred_names"].split("; ")[0] in got["popup"]


def test_report_figures_use_the_same_share(result_2025, built):
    from camau_gis.render.static import fmt_number
    from camau_gis.report._content import district_table, headline

    prov = json.loads((built[0] / "summary.json").read_text(encoding="utf-8"))["province"]
    pct = fmt_number(100 * prov["covered_share"], "vi", 1)
    figures = dict(headline(result_2025, "vi"))
    assert figures["Xã có mô hình"].endswith(f"({pct}%)")
    assert figures["Chưa có"] == str(prov["uncovered"])
    assert figures["Đơn vị có dữ liệu"] == f"{prov['units_in_data']}/64"
    (total,) = district_table(result_2025, "vi").rows
    assert total[4] == pct and total[3] == str(prov["uncovered"])
