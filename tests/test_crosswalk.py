"""2019 -> 2025 crosswalk of the merged Cà Mau province, vintage guard and to_2025."""

from __future__ import annotations

import warnings

import pytest

from camau_gis.errors import CrosswalkError

# --------------------------------------------------------------------------
# Fixtures: the shared 2019 boundaries and a hand-built analysis on them.
# --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def merged_2019(ca_mau_shp, bac_lieu_shp):
    from camau_gis.crosswalk import load_merged_communes

    return load_merged_communes(ca_mau_shp, bac_lieu_shp)


@pytest.fixture(scope="session")
def crosswalk():
    from camau_gis.crosswalk import crosswalk_table

    return crosswalk_table()


@pytest.fixture(scope="session")
def links():
    from camau_gis.crosswalk import links_table

    return links_table()


def _status(code: str) -> str:
    return ("achieved", "not_achieved", "no_data", "achieved")[int(code) % 4]


def make_analysis(communes, statuses=None, models_per=None):
    """Build an Analysis with hand-made indicators: n_models = code % 3, one row per model."""
    import pandas as pd

    from camau_gis.analysis.result import Analysis

    c = communes.copy()
    codes = c["gso_code"]
    n = codes.map(models_per) if models_per else codes.map(lambda s: int(s) % 3 if s else 0)
    c["n_models"] = n.astype("int64")
    c["kinds"] = ["Tự quản" if k else "" for k in c["n_models"]]
    c["covered"] = c["n_models"] > 0
    st = statuses or {}
    c["c19_status"] = [st.get(code, _status(code) if code else "no_data") for code in codes]
    c["c19_first"] = pd.array([2015 + int(code) % 5 if s == "achieved" else pd.NA
                               for code, s in zip(codes, c["c19_status"], strict=True)],
                              dtype="Int64")
    c["ntm_pilot"] = codes.isin(["32176"])
    c["models_10k"] = c["n_models"] / c["area_km2"] * 10
    c["dist_cov_km"] = 0.0
    c["category"] = "uncovered_not_c19"
    c["illustr"] = False
    models = pd.DataFrame({
        "model_id": [f"{code}-{i}" for code, k in zip(codes, c["n_models"], strict=True)
                     for i in range(k)],
        "match_code": [code for code, k in zip(codes, c["n_models"], strict=True)
                       for _ in range(k)],
    })
    models.loc[len(models)] = {"model_id": "unmatched", "match_code": ""}
    return Analysis(
        communes=c, models=models, c19=pd.DataFrame({"match_code": list(codes)}),
        uncovered=pd.DataFrame(), districts=pd.DataFrame(), match_report=pd.DataFrame(),
        summary={"year": 2019, "sources": ["hand-built"]}, year=2019,
        meta={"lang": "vi", "permutations": 9},
    )


@pytest.fixture(scope="session")
def analysis_2019(merged_2019):
    return make_analysis(merged_2019)


@pytest.fixture(scope="session")
def result_2025(analysis_2019):
    from camau_gis.crosswalk import to_2025

    return to_2025(analysis_2019)


# --------------------------------------------------------------------------
# The crosswalk table
# --------------------------------------------------------------------------


def test_every_old_unit_maps_to_one_of_64_new_units(crosswalk, merged_2019):
    assert len(crosswalk) == 165
    assert crosswalk["old_code"].is_unique
    assert set(crosswalk["old_code"]) == set(merged_2019["gso_code"])  # 101 + 64 boundaries
    assert crosswalk["new_code"].nunique() == 64
    assert set(crosswalk["relation"]) == {"whole", "divided"}
    assert (crosswalk["old_vint"] == "2019").all() and (crosswalk["new_vint"] == "2025").all()
    by_prov = crosswalk.groupby("old_prov")["old_code"].size().to_dict()
    assert by_prov == {"Tỉnh Cà Mau": 101, "Tỉnh Bạc Liêu": 64}


def test_old_codes_agree_with_the_2019_reference_table(crosswalk):
    from camau_gis.normalize.gso import units_in_province

    ref = {u.gso_code: u.name for p in ("95", "96") for u in units_in_province(p)}
    assert set(ref) == set(crosswalk["old_code"])
    names = crosswalk.set_index("old_code")["old_name"]
    assert {c: names[c] for c in ref} == ref


def test_phuong_4_goes_through_the_2024_step(crosswalk):
    cw = crosswalk.set_index("old_code")
    p4, p2 = cw.loc["32002"], cw.loc["32011"]
    assert (p4["old_name"], p2["old_name"]) == ("Phường 4", "Phường 2")
    assert "Phường 2 (32011)" in p4["step_2024"] and p2["step_2024"] == ""
    assert p4["new_code"] == p2["new_code"]
    assert p4["relation"] == "whole"


def test_reused_codes_and_names(crosswalk):
    cw = crosswalk.set_index("old_code")
    row = cw.loc["31825"]
    assert (row["old_name"], row["old_dist"]) == ("Phường 1", "Thành phố Bạc Liêu")
    assert (row["new_code"], row["new_name"]) == ("31825", "Phường Bạc Liêu")
    # The 2025 Xã Tân Tiến (code 32188) is not the 2019 one (32176): the code was
    # Xã Nguyễn Huân's, and the new unit holds both.
    tan_tien_2019 = cw[(cw["old_name"] == "Xã Tân Tiến")]
    assert list(tan_tien_2019.index) == ["32176"]
    assert tan_tien_2019["new_code"].iloc[0] == "32188"
    assert cw.loc["32188", "old_name"] == "Xã Nguyễn Huân"
    # Every new code is also some old code.
    assert set(crosswalk["new_code"]) <= set(crosswalk["old_code"])


def test_divided_communes_are_listed_with_one_default_successor(crosswalk, links):
    from camau_gis.crosswalk import divided_table

    div = divided_table()
    assert len(div) == 19
    assert (div["old_pcode"] == "96").all()  # all in old Cà Mau
    assert set(div["n_new"]) <= {2, 3} and 3 in set(div["n_new"])
    parts = links[links["relation"] == "divided"]
    assert parts.groupby("old_code")["default"].sum().eq(1).all()
    assert set(parts["old_code"]) == set(div["old_code"])
    defaults = parts[parts["default"]].set_index("old_code")["new_code"]
    assert defaults.to_dict() == div.set_index("old_code")["new_code"].to_dict()
    # The listed successors are the links, default first.
    for r in div.itertuples():
        codes = r.new_codes.split("; ")
        assert codes[0] == r.new_code
        assert sorted(codes) == sorted(parts.loc[parts["old_code"] == r.old_code, "new_code"])


def test_new_units_table(crosswalk, links):
    from camau_gis.crosswalk import new_units_table

    nu = new_units_table()
    assert len(nu) == 64 and nu["gso_code"].is_unique
    assert nu["unit_type"].value_counts().to_dict() == {"xã": 55, "phường": 9}
    assert (nu["vintage"] == "2025").all() and (nu["province"] == "Tỉnh Cà Mau").all()
    pred = nu.set_index("gso_code")
    for code, lk in links.groupby("new_code"):
        assert pred.loc[code, "pred_codes"].split("; ") == sorted(lk["old_code"])
        assert pred.loc[code, "divided_parts"] == (lk["relation"] == "divided").any()
    assert "một phần" in pred.loc["32014", "pred_names"]  # Lý Văn Lâm holds part of Lợi An
    en = new_units_table(lang="en").set_index("gso_code")
    assert "part)" in en.loc["32014", "pred_names"]


# --------------------------------------------------------------------------
# Vintage guard
# --------------------------------------------------------------------------


def test_plain_code_join_across_vintages_is_refused(merged_2019):
    from camau_gis.crosswalk import join_by_code, new_units_table

    new = new_units_table()
    # What a plain join would do: pair 2019 Xã Nguyễn Huân with 2025 Xã Tân Tiến.
    plain = merged_2019.merge(new, on="gso_code", suffixes=("", "_2025"))
    wrong = plain[plain["gso_code"] == "32188"]
    assert (wrong["name"].iloc[0], wrong["name_2025"].iloc[0]) == ("Xã Nguyễn Huân",
                                                                  "Xã Tân Tiến")
    with pytest.raises(CrosswalkError, match=r"từ chối ghép theo code: bảng bên trái thuộc thời "
                                             r"kỳ 2019, bảng bên phải thuộc thời kỳ 2025"):
        join_by_code(merged_2019, new)


def test_plain_name_join_across_vintages_is_refused(merged_2019):
    from camau_gis.crosswalk import join_by_name, new_units_table

    with pytest.raises(CrosswalkError, match="từ chối ghép theo name.*bảng chuyển đổi"):
        join_by_name(merged_2019, new_units_table())


def test_joins_within_one_vintage_work(merged_2019):
    import pandas as pd

    from camau_gis.crosswalk import join_by_code, join_by_name

    right = pd.DataFrame({"gso_code": ["32176", "31825"], "x": [1, 2], "vintage": "2019"})
    out = join_by_code(merged_2019, right, how="inner")
    assert dict(zip(out["name"], out["x"], strict=True)) == {"Xã Tân Tiến": 1, "Phường 1": 2}
    assert type(out).__name__ == "GeoDataFrame"
    # NFC: a decomposed name still joins.
    import unicodedata

    right = pd.DataFrame({"name": [unicodedata.normalize("NFD", "Xã Tân Tiến")], "y": [7],
                          "vintage": "2019"})
    out = join_by_name(merged_2019, right, how="inner")
    assert list(out["gso_code"]) == ["32176"]


@pytest.mark.parametrize(
    ("vintages", "match"),
    [(None, "không có thời kỳ hành chính"),
     (["2019", "2025"], r"lẫn nhiều thời kỳ \['2019', '2025'\]"), (["2019", ""], "lẫn nhiều")],
)
def test_vintage_must_be_known_and_single(vintages, match):
    import pandas as pd

    from camau_gis.crosswalk import vintage_of

    df = pd.DataFrame({"gso_code": ["1", "2"]})
    if vintages:
        df["vintage"] = vintages
    with pytest.raises(CrosswalkError, match=match):
        vintage_of(df)


# --------------------------------------------------------------------------
# to_2025
# --------------------------------------------------------------------------


def test_to_2025_gives_64_units_of_vintage_2025(result_2025, crosswalk):
    from camau_gis.schema import COMMUNE_COLUMNS, INDICATOR_COLUMNS

    c = result_2025.communes
    assert len(c) == 64
    assert set(c["gso_code"]) == set(crosswalk["new_code"])
    assert (c["vintage"] == "2025").all()
    assert set(COMMUNE_COLUMNS) | set(INDICATOR_COLUMNS) <= set(c.columns)
    assert (c["district"] == "").all() and (c["province"] == "Tỉnh Cà Mau").all()
    assert result_2025.summary["vintage"] == "2025"
    assert result_2025.meta["admin"] == "2025"
    assert len(result_2025.extra["vintage_2019"]["communes"]) == 165


def test_model_counts_sum_to_the_old_total(result_2025, analysis_2019, links):
    old = analysis_2019.communes
    new = result_2025.communes.set_index("gso_code")
    assert new["n_models"].sum() == old["n_models"].sum() > 0
    # Independently: each 2019 commune's models go to its whole/default successor.
    default = links[links["default"]].set_index("old_code")["new_code"]
    expected = old.assign(to=old["gso_code"].map(default)).groupby("to")["n_models"].sum()
    assert new["n_models"].to_dict() == expected.reindex(new.index, fill_value=0).to_dict()
    # The model rows were re-coded the same way; unmatched rows stay unmatched.
    m = result_2025.models
    counted = m[m["match_code"] != ""]["match_code"].value_counts()
    assert counted.to_dict() == new.loc[new["n_models"] > 0, "n_models"].to_dict()
    assert m.loc[m["model_id"] == "unmatched", "match_code"].item() == ""
    lv = m[m["match_2019"] == "32122"]  # Lợi An: divided, default Lương Thế Trân
    assert len(lv) and (lv["match_code"] == "32134").all() and lv["match_div"].all()
    assert result_2025.summary["crosswalk"]["models_reconciled"] is True
    assert (new["covered"] == (new["n_models"] > 0)).all()


def test_c19_needs_every_predecessor_including_divided_parts(merged_2019, links):
    from camau_gis.crosswalk import to_2025

    # Lý Văn Lâm (32014) = Phường 8 + Xã Lý Văn Lâm whole + part of Xã Lợi An (32122).
    preds = set(links.loc[links["new_code"] == "32014", "old_code"])
    assert preds == {"32014", "32032", "32122"}
    every = dict.fromkeys(merged_2019["gso_code"], "achieved")
    got = to_2025(make_analysis(merged_2019, statuses={**every, "32122": "not_achieved"}))
    c = got.communes.set_index("gso_code")
    # Lợi An's default successor is Lương Thế Trân; the part in Lý Văn Lâm counts too.
    assert c.loc["32014", "c19_status"] == "not_achieved"
    assert c.loc["32134", "c19_status"] == "not_achieved"
    assert c.loc["32095", "c19_status"] == "not_achieved"  # Trần Văn Thời: third part
    assert (c.drop(index=["32014", "32134", "32095"])["c19_status"] == "achieved").all()
    got = to_2025(make_analysis(merged_2019, statuses={**every, "32032": "no_data"}))
    c = got.communes.set_index("gso_code")
    assert c.loc["32014", "c19_status"] == "no_data"
    assert c.loc["32014", "category"].endswith("_no_c19")  # inside the scope: never "no_data"


def test_c19_first_is_the_latest_first_year(result_2025, analysis_2019, links):
    old = analysis_2019.communes.set_index("gso_code")
    c = result_2025.communes.set_index("gso_code")
    for code, lk in links.groupby("new_code"):
        st = old.loc[lk["old_code"], "c19_status"]
        if (st == "achieved").all():
            assert c.loc[code, "c19_status"] == "achieved"
            assert c.loc[code, "c19_first"] == old.loc[lk["old_code"], "c19_first"].max()
        else:
            assert c.loc[code, "c19_status"] != "achieved"


def test_dissolved_polygons_cover_the_province_without_new_gaps_or_overlaps(
        result_2025, merged_2019):
    import numpy as np
    import shapely

    from camau_gis import settings

    def stats(gdf):
        g = np.asarray(gdf.to_crs(settings.metric_crs).geometry.values, dtype=object)
        union = shapely.union_all(g)
        tree = shapely.STRtree(g)
        i, j = tree.query(g, predicate="intersects")
        keep = i < j
        overlap = shapely.area(shapely.intersection(g[i[keep]], g[j[keep]])).sum()
        holes = sum(shapely.area(shapely.polygons(r)) for p in getattr(union, "geoms", [union])
                    for r in p.interiors)
        return union.area, overlap, holes

    new = result_2025.communes
    assert not new.geometry.is_empty.any() and new.geometry.is_valid.all()
    old_area, old_overlap, old_holes = stats(merged_2019)
    new_area, new_overlap, new_holes = stats(new)
    assert new_area == pytest.approx(old_area, rel=1e-6)
    assert new_overlap <= old_overlap + 1.0        # m²: merging removes internal overlaps
    assert new_holes <= old_holes + 1.0
    assert new["area_km2"].sum() * 1e6 == pytest.approx(new_area + new_overlap, rel=1e-6)


def test_official_centre_of_each_new_unit_lies_in_its_dissolved_polygon(result_2025):
    """An independent check of crosswalk + boundaries: the package's centre points."""
    import geopandas as gpd

    c = result_2025.communes
    pts = gpd.GeoSeries(gpd.points_from_xy(c["off_lon"], c["off_lat"]), crs="EPSG:4326")
    inside = c.geometry.contains(pts)
    assert inside.all(), list(c.loc[~inside, "name"])
    # Units of old Cà Mau drawn exactly have the official area (low-resolution data).
    exact = c[c["geom_exact"] & c["pred_codes"].str.startswith("32")]
    assert len(exact) >= 15
    ratio = exact["area_km2"] / exact["area_off"]
    assert ratio.between(0.95, 1.05).all(), exact.loc[~ratio.between(0.95, 1.05), "name"]


def test_divided_parts_are_flagged_not_drawn(result_2025, links):
    c = result_2025.communes.set_index("gso_code")
    touched = set(links.loc[links["relation"] == "divided", "new_code"])
    assert set(c.index[c["divided_parts"]]) == touched
    assert (c["geom_exact"] == ~c["divided_parts"]).all()
    assert (c.loc[list(touched), "geom_note"].str.startswith("Ranh giới gần đúng")).all()
    assert (c.loc[~c.index.isin(touched), "geom_note"] == "").all()
    assert "Xã Lợi An" in c.loc["32014", "div_names"]
    # Lợi An's polygon lies in its default successor (Lương Thế Trân), not in Lý Văn Lâm.
    old = result_2025.extra["vintage_2019"]["communes"].set_index("gso_code")
    loi_an = old.loc["32122", "geometry"].representative_point()
    assert c.loc["32134", "geometry"].contains(loi_an)
    assert not c.loc["32014", "geometry"].contains(loi_an)


def test_to_2025_refuses_a_2025_result(result_2025):
    from camau_gis.crosswalk import dissolve_2025, to_2025

    with pytest.raises(CrosswalkError, match="thuộc thời kỳ 2025, cần 2019"):
        to_2025(result_2025)
    with pytest.raises(CrosswalkError, match="thuộc thời kỳ 2025, cần 2019"):
        dissolve_2025(result_2025.communes)


def test_uncoded_rows_are_reported_not_dropped_silently(merged_2019):
    from camau_gis.crosswalk import CrosswalkWarning, to_2025

    communes = merged_2019.copy()
    communes.loc[communes["gso_code"] == "31942", "gso_code"] = ""   # Phường 1, Giá Rai
    with pytest.warns(CrosswalkWarning, match=r"1 dòng ranh giới.*Phường 1 \(Thị xã Giá Rai\)"):
        got = to_2025(make_analysis(communes))
    assert got.summary["crosswalk"]["unplaced"] == ["Phường 1 (Thị xã Giá Rai) code ∅"]
    c = got.communes.set_index("gso_code")
    assert c.loc["31942", "pred_miss"] == "31942"        # now Phường Giá Rai
    assert "31942" in c.loc["31942", "geom_note"]
    assert c.loc["31942", "c19_status"] != "achieved"


def test_duplicate_codes_are_refused(merged_2019):
    import pandas as pd

    from camau_gis.crosswalk import to_2025

    communes = pd.concat([merged_2019, merged_2019.iloc[[0]]], ignore_index=True)
    with pytest.raises(CrosswalkError, match=r"mã 2019 xuất hiện trên nhiều dòng ranh giới: \['3"):
        to_2025(make_analysis(communes))


def test_ca_mau_only_analysis_loads_bac_lieu_as_no_data(merged_2019, bac_lieu_shp):
    from camau_gis.crosswalk import to_2025

    ca_mau = merged_2019[merged_2019["prov_code"] == "96"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        got = to_2025(make_analysis(ca_mau), bac_lieu=bac_lieu_shp, lang="en")
    c = got.communes.set_index("gso_code")
    former_bl = c["pred_codes"].map(lambda s: all(p < "31999" for p in s.split("; ")))
    bl = c[former_bl]                                   # 318xx-319xx: Bạc Liêu's codes
    assert len(c) == 64 and len(bl) == 25
    assert (~bl["in_data"]).all() and (bl["category"] == "no_data").all()
    assert (bl["n_models"] == 0).all()
    assert not set(bl.index) & set(got.uncovered["gso_code"])
    assert got.summary["crosswalk"]["old_units_in_data"] == 101
    assert got.summary["province"]["units_in_data"] == 64 - 25


# --------------------------------------------------------------------------
# The change map
# --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def change_page(merged_2019, tmp_path_factory):
    from camau_gis.render.change_map import build_change_map, save_change_map

    path = tmp_path_factory.mktemp("change") / "change_map.html"
    return save_change_map(build_change_map(merged_2019, lang="vi", boundaries="vietnam63"),
                           path)


def _scripts(page: str) -> list[dict]:
    from html.parser import HTMLParser

    found: list[dict] = []

    class P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag in ("script", "link"):
                found.append({"tag": tag, **dict(attrs)})

    P().feed(page)
    return found


def test_change_map_holds_both_vintages_and_the_links(change_page, crosswalk, links):
    from camau_gis.render.change_map import read_change_payload

    data = read_change_payload(change_page)
    old = {f["properties"]["code"]: f["properties"] for f in data["old"]["features"]}
    new = {f["properties"]["code"]: f["properties"] for f in data["new"]["features"]}
    assert set(old) == set(crosswalk["old_code"]) and len(old) == 165
    assert set(new) == set(crosswalk["new_code"]) and len(new) == 64
    assert {p["vintage"] for p in old.values()} == {"2019"}
    assert {p["vintage"] for p in new.values()} == {"2025"}
    for code, lk in links.groupby("new_code"):
        preds = new[code]["predecessors"]
        assert [p["code"] for p in preds] == sorted(lk["old_code"])
        assert {p["code"] for p in preds if p["part"]} == set(
            lk.loc[lk["relation"] == "divided", "old_code"])
        assert new[code]["geom_exact"] == (lk["relation"] == "whole").all()
    assert old["32122"]["relation"] == "divided"
    assert [(s["code"], s["default"]) for s in old["32122"]["successors"]] == [
        ("32134", True), ("32014", False), ("32095", False)]


def test_change_map_tooltips_list_predecessors(change_page):
    import html

    from camau_gis.render.change_map import read_change_payload

    data = read_change_payload(change_page)
    new = {f["properties"]["code"]: f["properties"]["tooltip"] for f in data["new"]["features"]}
    old = {f["properties"]["code"]: f["properties"]["tooltip"] for f in data["old"]["features"]}
    tip = html.unescape(new["32014"])
    assert tip.startswith("<b>Phường Lý Văn Lâm</b> (mã 2025: 32014)")
    assert "<li>Xã Lợi An, Huyện Trần Văn Thời (32122) – <i>một phần</i></li>" in tip
    assert "vẽ ở Xã Lương Thế Trân" in tip
    assert "Phường 1, Thành phố Bạc Liêu (31825)" in html.unescape(new["31825"])
    p4 = html.unescape(old["32002"])
    assert "nhập vào Phường 2 (32011)" in p4 and "Nhập nguyên vào: Phường An Xuyên" in p4


def test_change_map_is_offline_and_geometry_matches(change_page, result_2025):
    import shapely.geometry

    from camau_gis.render.change_map import read_change_payload

    page = change_page.read_text(encoding="utf-8")
    remote = [s for s in _scripts(page) if s.get("src") or s.get("href", "").startswith("http")]
    assert remote == []
    assert "L.map(" in page and "leaflet" in page.lower()
    data = read_change_payload(page)
    drawn = {f["properties"]["code"]: shapely.geometry.shape(f["geometry"])
             for f in data["new"]["features"]}
    dissolved = result_2025.communes.set_index("gso_code").geometry
    for code, geom in drawn.items():
        # coordinates are rounded to 1e-5° (about 1 m) for the page
        assert geom.symmetric_difference(dissolved[code]).area < 1e-3 * geom.area


def test_change_map_escapes_text_and_speaks_english(merged_2019, result_2025):
    import json

    from camau_gis.render.change_map import build_change_map, read_change_payload

    new = result_2025.communes.copy()
    new.loc[0, "geom_note"] = '<img src=x onerror="alert(1)">'
    page = build_change_map(merged_2019, new, lang="en", online=True).get_root().render()
    assert "<img src=x" not in page
    data = read_change_payload(page)
    first = data["new"]["features"][0]["properties"]
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in first["tooltip"]
    assert data["labels"]["new_layer"] == "2025 units (64)"
    assert "Formed from (2019):" in first["tooltip"]
    srcs = [s["src"] for s in _scripts(page) if s.get("src")]
    assert len(srcs) == 1 and "leaflet" in srcs[0]       # online: Leaflet only, from its CDN
    json.dumps(data)  # plain JSON


@pytest.mark.browser
def test_change_map_draws_in_a_browser(change_page):
    import os
    import re
    import shutil
    import subprocess

    chromium = os.environ.get("CAMAU_GIS_CHROMIUM") or shutil.which("chromium")
    if not chromium:
        pytest.skip("chromium not installed (.ci/install_browser.sh)")
    proc = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=4000",
         "--dump-dom", change_page.as_uri()], capture_output=True, text=True, timeout=120)
    paths = re.findall(r'<path[^>]*class="leaflet-interactive"', proc.stdout)
    assert len(paths) >= 165 + 64, proc.stderr[-2000:]


# --------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------


def test_cli_table_csv_and_xlsx(tmp_path, capsys):
    import openpyxl
    import pandas as pd

    from camau_gis.cli import main
    from camau_gis.crosswalk import CROSSWALK_COLUMNS

    out = tmp_path / "cw.csv"
    assert main(["crosswalk", "table", "--out", str(out)]) == 0
    df = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(df.columns) == list(CROSSWALK_COLUMNS) and len(df) == 165
    row = df.set_index("old_code").loc["31825"]
    assert (row["old_name"], row["new_name"]) == ("Phường 1", "Phường Bạc Liêu")
    assert "165 dòng" in capsys.readouterr().out  # Vietnamese by default

    xlsx = tmp_path / "units.xlsx"
    assert main(["crosswalk", "table", "--units", "--out", str(xlsx), "--lang", "en"]) == 0
    ws = openpyxl.load_workbook(xlsx).active
    rows = list(ws.iter_rows(values_only=True))
    assert len(rows) == 65 and rows[0][0] == "gso_code"
    assert any("part)" in str(r[rows[0].index("pred_names")]) for r in rows[1:])

    assert main(["crosswalk", "table", "--divided", "--out", str(out)]) == 0
    assert len(pd.read_csv(out, dtype=str)) == 19


def test_cli_table_refuses_unknown_format(tmp_path, capsys):
    from camau_gis.cli import main

    assert main(["crosswalk", "table", "--out", str(tmp_path / "cw.json")]) == 2
    assert "hãy ghi tệp .csv hoặc .xlsx" in capsys.readouterr().err
    assert not (tmp_path / "cw.json").exists()


def test_cli_show_gives_both_vintages(capsys):
    from camau_gis.cli import main

    assert main(["crosswalk", "show", "32188", "--lang", "en"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("2019 32188: Xã Nguyễn Huân, Huyện Đầm Dơi")
    assert out[1].startswith("2025 32188: Xã Tân Tiến, Tỉnh Cà Mau; formed from Xã Tân Tiến")
    assert main(["crosswalk", "show", "32188"]) == 0  # Vietnamese by default, like every command
    assert "hình thành từ Xã Tân Tiến" in capsys.readouterr().out
    assert main(["crosswalk", "show", "32188", "--vintage", "2025"]) == 0
    assert capsys.readouterr().out.startswith("2025 32188")
    assert main(["crosswalk", "show", "99999"]) == 2
    assert "lỗi: mã 99999: không phải mã xã 2019 hay 2025" in capsys.readouterr().err
    assert main(["crosswalk", "show", "99999", "--lang", "en"]) == 2
    assert "error: code 99999: not a 2019 or 2025 commune code" in capsys.readouterr().err


def test_cli_map(tmp_path, ca_mau_shp, bac_lieu_shp):
    from camau_gis.cli import main
    from camau_gis.render.change_map import read_change_payload

    out = tmp_path / "change.html"
    rc = main(["crosswalk", "map", "-b", str(ca_mau_shp), "--bac-lieu", str(bac_lieu_shp),
               "--out", str(out), "--lang", "en"])
    assert rc == 0
    data = read_change_payload(out)
    assert data["lang"] == "en" and len(data["new"]["features"]) == 64
    assert "ca_mau_communes.shp" in data["labels"]["source"]


def test_write_outputs_of_a_2025_result(result_2025, analysis_2019, tmp_path):
    import html

    import pandas as pd

    from camau_gis.export.crosswalk import write_outputs
    from camau_gis.render.change_map import read_change_payload

    written = write_outputs(result_2025, tmp_path / "out")
    table = pd.read_csv(written["crosswalk_2019_2025.csv"], dtype=str, encoding="utf-8-sig")
    assert len(table) == 165
    data = read_change_payload(written["change_map.html"])
    tips = {f["properties"]["code"]: html.unescape(f["properties"]["tooltip"])
            for f in data["new"]["features"]}
    c = result_2025.communes.set_index("gso_code")
    assert f"Mô hình cấp xã: {c.loc['32014', 'n_models']} · Tiêu chí 19:" in tips["32014"]
    with pytest.raises(CrosswalkError, match="chưa được chuyển sang đơn vị 2025"):
        write_outputs(analysis_2019, tmp_path / "no")


def test_to_2025_names_missing_indicator_columns(analysis_2019):
    import dataclasses

    from camau_gis.crosswalk import to_2025
    from camau_gis.errors import SchemaError

    bad = dataclasses.replace(analysis_2019,
                              communes=analysis_2019.communes.drop(columns=["c19_status"]))
    with pytest.raises(SchemaError, match=r"missing column\(s\) c19_status.*camau_gis.analyze"):
        to_2025(bad)
