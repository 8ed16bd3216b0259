"""The interactive HTML coverage map: payload, offline assets, escaping, language, geometry."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

XSS = "<img src=x onerror=alert(1)>"
HIEP_TUNG = "32197"

#: Feature properties documented in camau_gis/render/html.py.
DOCUMENTED = {
    "gso_code", "name", "short_name", "short_label", "unit_type", "unit_label", "district",
    "dist_code",
    "n_models", "kinds", "covered", "c19_status", "c19_first", "ntm_pilot", "category",
    "models_10k", "dist_cov_km", "illustr", "uncov_rank", "uncov_reasons", "model_class",
    "search", "label_pt",
}


def make_analysis(communes, *, illustrative: bool = True):
    """Build an Analysis by hand: every xã covered once, two twice, wards/townships not."""
    import numpy as np
    import pandas as pd

    from camau_gis.analysis import Analysis

    c = communes.copy().reset_index(drop=True)
    n = len(c)
    xa = (c["unit_type"] == "xã").to_numpy()
    n_models = np.where(xa, 1, 0)
    n_models[np.flatnonzero(xa)[:2]] = 2
    c["n_models"] = n_models
    c["kinds"] = pd.array(np.where(xa, "Tự quản", None), dtype="string")  # <NA> when none
    c["covered"] = c["n_models"] > 0
    status = np.array(["achieved", "not_achieved", "no_data"])[np.arange(n) % 3]
    status[c.index[c["gso_code"] == HIEP_TUNG]] = "achieved"
    c["c19_status"] = status
    c["c19_first"] = pd.array([2018 if s == "achieved" else None for s in status], dtype="Int64")
    c["ntm_pilot"] = np.arange(n) % 10 == 0
    c["models_10k"] = c["n_models"] / c["area_km2"] * 10
    c["dist_cov_km"] = np.where(c["covered"], 0.0, 3.5)
    from camau_gis.analysis.classes import categories

    c["category"] = categories(c["covered"], c["c19_status"])
    c["illustr"] = illustrative
    c["extra_col"] = "ignored"  # renderers must tolerate extra columns
    rows = []
    for code, k in zip(c["gso_code"], c["n_models"], strict=True):
        for j in range(int(k)):
            rows.append({"match_code": code, "name": f"Tổ tự quản {code}-{j + 1}",
                         "kind": "Tự quản", "year_start": 2015 + j, "lon": None, "lat": None})
    pt = c.geometry.iloc[0].representative_point()  # a located model (away from Hiệp Tùng's label)
    rows.append({"match_code": HIEP_TUNG, "name": XSS, "kind": "Dân vận khéo", "year_start": 2019,
                 "lon": pt.x, "lat": pt.y})
    models = pd.DataFrame(rows).astype({"year_start": "Int64", "lon": float, "lat": float})
    models["active"] = models["name"] != f"Tổ tự quản {HIEP_TUNG}-1"  # one model has ended
    c19 = pd.DataFrame({"match_code": [HIEP_TUNG, HIEP_TUNG], "year": [2017, 2018],
                        "achieved": pd.array([False, True], dtype="boolean")})
    unc = c.loc[~c["covered"], ["gso_code", "name"]].copy()
    unc["rank"] = range(1, len(unc) + 1)
    unc["reasons"] = "không có mô hình"
    return Analysis(communes=c, models=models, c19=c19, uncovered=unc, districts=pd.DataFrame(),
                    match_report=pd.DataFrame(), summary={}, year=2019,
                    illustrative=illustrative, meta={"sources": ["register_example.csv"]})


@pytest.fixture(scope="session")
def map_dir(tmp_path_factory):
    """Return a session folder; the coverage cache goes there instead of shapefiles/."""
    from camau_gis import settings

    base = tmp_path_factory.mktemp("html_map")
    mp = pytest.MonkeyPatch()
    mp.setattr(settings, "shapefiles_dir", base / "shapefiles")
    yield base
    mp.undo()


@pytest.fixture(scope="session")
def analysis(_ca_mau_communes_cached):
    """Hand-made analysis of the real Cà Mau communes."""
    return make_analysis(_ca_mau_communes_cached)


@pytest.fixture(scope="session")
def html_vi(analysis, map_dir) -> Path:
    """Save the Vietnamese, offline map once per session."""
    from camau_gis.render.html import build_map, save_map

    return save_map(build_map(analysis), map_dir / "coverage_map.html")


@pytest.fixture(scope="session")
def html_en(analysis, map_dir) -> Path:
    """Save the English, offline map once per session."""
    from camau_gis.render.html import build_map, save_map

    return save_map(build_map(analysis, lang="en"), map_dir / "coverage_map_en.html")


class _Sources(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str | None] = []
        self.links: list[dict] = []
        self.imgs: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts.append(a.get("src"))
        elif tag == "link":
            self.links.append(a)
        elif tag == "img":
            self.imgs.append(a.get("src"))


def _sources(path: Path) -> _Sources:
    p = _Sources()
    p.feed(path.read_text(encoding="utf-8"))
    return p


# ------------------------------------------------------------------ payload
def test_payload_has_one_feature_per_commune_with_documented_properties(html_vi, analysis):
    from camau_gis.render.html import read_payload

    data = read_payload(html_vi)
    feats = data["communes"]["features"]
    assert data["communes"]["type"] == "FeatureCollection"
    assert len(feats) == 101
    codes = [f["properties"]["gso_code"] for f in feats]
    assert sorted(codes) == sorted(analysis.communes["gso_code"])
    assert [f["id"] for f in feats] == codes
    for f in feats:
        assert set(f["properties"]) == DOCUMENTED
    src = analysis.communes.set_index("gso_code")
    for f in feats:
        p = f["properties"]
        row = src.loc[p["gso_code"]]
        assert p["n_models"] == int(row["n_models"])
        assert p["c19_status"] == row["c19_status"]
        assert p["category"] == row["category"]
        assert p["district"] == row["district"] and p["name"] == row["name"]
        assert p["covered"] == bool(row["covered"])
        assert p["kinds"] == ("Tự quản" if p["n_models"] else "")  # <NA> is no text
        assert p["ntm_pilot"] == bool(row["ntm_pilot"])
        assert unicodedata.is_normalized("NFC", p["name"])
    total = sum(f["properties"]["n_models"] for f in feats)
    assert total == int(analysis.communes["n_models"].sum()) == data["summary"]["n_models"]
    assert data["summary"]["covered"] == int(analysis.communes["covered"].sum())


def test_uncovered_ranks_and_popup_tables(html_vi, analysis):
    from camau_gis.render.html import read_payload

    data = read_payload(html_vi)
    ranks = {f["properties"]["gso_code"]: f["properties"]["uncov_rank"]
             for f in data["communes"]["features"]}
    expected = dict(zip(analysis.uncovered["gso_code"], analysis.uncovered["rank"], strict=True))
    assert {c: r for c, r in ranks.items() if r is not None} == expected
    assert data["c19"][HIEP_TUNG] == [[2017, False], [2018, True]]
    names = [m[0] for m in data["models"][HIEP_TUNG]]
    expected_names = analysis.models.loc[analysis.models["match_code"] == HIEP_TUNG, "name"]
    assert XSS in names and sorted(names) == sorted(expected_names)
    assert sum(len(v) for v in data["models"].values()) == len(analysis.models)
    assert [p[2] for p in data["points"]] == [XSS]


def test_models_legend_classes_cover_every_commune(html_vi, analysis):
    from camau_gis.render.html import read_payload

    data = read_payload(html_vi)
    theme = next(th for th in data["themes"] if th["id"] == "models")
    by_value = {c["value"]: c for c in theme["classes"]}
    import re

    for f in data["communes"]["features"]:
        p = f["properties"]
        label = by_value[str(p["model_class"])]["label"]
        if p["model_class"] == 0:  # the zero class: "Chưa có mô hình (n)"
            assert label.startswith("Chưa có mô hình") and p["n_models"] == 0
            continue
        lo, _, hi = re.match(r"\d+(?:–\d+)?", label).group(0).partition("–")
        assert float(lo) <= p["n_models"] <= float(hi or lo)
    # the labels of the static maps' legend (render/palette.model_entries)
    counts = Counter(str(f["properties"]["model_class"]) for f in data["communes"]["features"])
    assert [(c["label"], c["count"]) for c in theme["classes"]] == [
        ("Chưa có mô hình", counts["0"]),
        *((f"{k} mô hình", counts[str(k)]) for k in (1, 2))]  # as the static legend counts
    assert theme["note"] == ""  # few distinct values: one class each, no scheme needed
    assert len({c["color"] for c in theme["classes"]}) == 3


def test_quantile_scheme_with_many_values_bins_in_order(analysis, map_dir):
    import numpy as np

    from camau_gis.render._html_parts import _classify_models

    y = np.arange(0, 40)
    cls, classes, used = _classify_models(y, "Quantiles", 4)
    assert used == "Quantiles"
    assert len(classes) == 5  # the zero class + 4 quantiles
    assert list(np.unique(cls)) == list(range(5))
    assert np.all(np.diff(cls) >= 0)  # monotone in the value
    from camau_gis.errors import CamauGisError

    with pytest.raises(CamauGisError, match="phương pháp phân lớp 'Bogus'.*NaturalBreaks"):
        _classify_models(y, "Bogus", 4)
    from camau_gis.render.html import check_scheme

    assert check_scheme("natural_breaks") == "NaturalBreaks"
    with pytest.raises(CamauGisError, match="phân lớp 'jenks'"):
        check_scheme("jenks")
    with pytest.raises(ValueError, match="k=0"):
        _classify_models(y, "Quantiles", 0)


# ------------------------------------------------------------------ offline and safety
def test_self_contained_page_has_no_network_sources(html_vi):
    src = _sources(html_vi)
    assert src.scripts, "no <script> at all"
    external = [s for s in src.scripts if s] + [ln.get("href") for ln in src.links]
    assert not [s for s in external if s and s.lower().startswith(("http:", "https:", "//"))]
    assert not src.imgs
    text = html_vi.read_text(encoding="utf-8")
    assert "Leaflet 1.9.3" in text  # inlined from XStatic-Leaflet (its @preserve header)
    assert "url(images/" not in text  # Leaflet's CSS images became data: URIs
    assert html_vi.stat().st_size <= 1_500_000


def test_online_mode_keeps_cdn_links_and_is_lighter(analysis, map_dir, html_vi):
    from camau_gis.render.html import build_map, save_map

    path = save_map(build_map(analysis, online=True), map_dir / "online.html")
    src = _sources(path)
    assert any(s and s.startswith("https://") and "leaflet" in s for s in src.scripts)
    assert path.stat().st_size < html_vi.stat().st_size - 100_000
    from camau_gis.render.html import read_payload

    assert any(o["id"] == "tiles" and o["on"] is False for o in read_payload(path)["overlays"])


def test_register_text_is_escaped(html_vi):
    from camau_gis.render.html import read_payload

    text = html_vi.read_text(encoding="utf-8")
    assert "<img" not in text.lower()
    assert "onerror=alert" in text  # present, but only as escaped JSON text
    assert XSS in [m[0] for m in read_payload(html_vi)["models"][HIEP_TUNG]]


def test_payload_cannot_close_its_script_element(analysis, map_dir):
    from camau_gis.render.html import build_map, read_payload, save_map

    a = make_analysis(analysis.communes.drop(columns=[c for c in analysis.communes.columns
                                                      if c in ("extra_col",)]))
    a.models.loc[0, "name"] = "</script><script>alert(2)</script> & co"
    a.models.loc[1, "name"] = "{{ 7*7 }} {% raw %}"  # must not be evaluated as a template
    path = save_map(build_map(a), map_dir / "close.html")
    text = path.read_text(encoding="utf-8")
    assert "alert(2)</script>" not in text
    models = read_payload(path)["models"]
    names = {m[0] for rows in models.values() for m in rows}
    assert "</script><script>alert(2)</script> & co" in names
    assert "{{ 7*7 }} {% raw %}" in names


def test_compact_encoding_decodes_to_the_same_geojson(analysis, map_dir, html_vi):
    from camau_gis.render.html import build_map, read_payload, save_map

    path = save_map(build_map(analysis, compact=True), map_dir / "compact.html")
    text = path.read_text(encoding="utf-8")
    assert '"type":"CompactFeatureCollection"' in text
    assert path.stat().st_size < html_vi.stat().st_size - 50_000
    assert read_payload(path)["communes"] == read_payload(html_vi)["communes"]


def test_compact_encoder_round_trips_rings_and_drops_repeats():
    import numpy as np
    import shapely

    from camau_gis.render._geometry import decode_polygons, encode_polygons

    square = shapely.Polygon([(0, 0), (1, 0), (1, 0), (1, 1), (0, 1)],
                             holes=[[(0.2, 0.2), (0.4, 0.2), (0.4, 0.4)]])
    multi = shapely.MultiPolygon([shapely.box(2, 2, 3, 3), shapely.box(4.5, 4.5, 5.25, 5.75)])
    enc = encode_polygons(np.array([square, multi]), 2)
    assert enc["scale"] == 100 and enc["geoms"] == [0, 1, 3] and enc["polys"] == [0, 2, 3, 4]
    out = decode_polygons(enc)
    assert out[0]["type"] == "Polygon" and out[1]["type"] == "MultiPolygon"
    back = [shapely.from_geojson(json.dumps(g)) for g in out]
    assert back[0].equals(square) and back[1].equals(multi)
    assert len(out[0]["coordinates"][0]) == 5  # the repeated (1, 0) is gone, ring closed again


# ------------------------------------------------------------------ language
def test_english_switches_every_label(html_vi, html_en):
    from camau_gis.i18n import LABELS
    from camau_gis.render.html import read_payload

    vi, en = read_payload(html_vi), read_payload(html_en)
    assert vi["lang"] == "vi" and en["lang"] == "en"
    assert en["labels"] == {k: LABELS[k]["en"] for k in en["labels"]}
    assert vi["labels"].keys() == en["labels"].keys()
    assert [th["title"] for th in en["themes"]] == [
        "Models per commune", "Coverage category", "Criterion 19 (new rural development)"]
    assert [th["title"] for th in vi["themes"]][0] == "Số mô hình mỗi xã"
    units = {f["properties"]["unit_type"]: f["properties"]["unit_label"]
             for f in en["communes"]["features"]}
    assert units == {"xã": "Commune", "phường": "Ward", "thị trấn": "Township"}
    en_cat = next(th for th in en["themes"] if th["id"] == "category")
    # every unit is inside the register's scope: no "no data" class, gaps first
    gap = en_cat["classes"][1]
    assert {k: gap[k] for k in ("value", "color", "hatch")} == {
        "value": "uncovered_no_c19", "color": "#D6604D", "hatch": True}
    assert gap["label"] == "No model · no criterion-19 data"  # the count is its own field
    assert gap["count"] == sum(f["properties"]["category"] == "uncovered_no_c19"
                               for f in en["communes"]["features"])
    assert "no_data" not in {c["value"] for c in en_cat["classes"]}


def test_the_page_carries_the_labels_its_script_reads(html_en):
    """Every ``T.key`` and ``T["prefix" + …]`` of the page script has its text; not the whole catalogue."""
    import re

    from camau_gis.i18n import LABELS
    from camau_gis.render._assets import script
    from camau_gis.render.html import read_payload

    js, got = script("js"), read_payload(html_en)["labels"]
    named = set(re.findall(r"\bT\.([A-Za-z_]\w*)", js))
    assert named and named <= got.keys(), sorted(named - got.keys())
    for prefix in re.findall(r"\bT\[\s*\"([a-z0-9_]+)\"\s*\+", js):
        family = {k for k in LABELS if k.startswith(prefix)}
        assert family and family <= got.keys(), prefix
    assert {"unit_xã", "unit_phường", "unit_thị trấn", "c19_achieved", "sum_c19"} <= got.keys()
    assert len(got) < len(LABELS) / 2  # console messages and report texts stay out of the page


def test_i18n_every_key_in_every_language_nfc():
    from camau_gis.i18n import LABELS, LANGS, t

    for key, entry in LABELS.items():
        assert set(entry) == set(LANGS), key
        for text in entry.values():
            assert text and unicodedata.is_normalized("NFC", text), key
    assert t("illustrative") == "Dữ liệu minh họa"
    with pytest.raises(KeyError, match="no label 'nope'"):
        t("nope")
    with pytest.raises(ValueError, match="ngôn ngữ 'fr' không được hỗ trợ"):
        t("illustrative", "fr")


# ------------------------------------------------------------------ errors
def test_missing_column_names_it(analysis):
    from camau_gis.errors import SchemaError
    from camau_gis.render.html import build_map

    a = make_analysis(analysis.communes)
    a.communes = a.communes.drop(columns=["n_models", "c19_status"])
    with pytest.raises(SchemaError, match="thiếu cột n_models, c19_status"):
        build_map(a)


# ------------------------------------------------------------------ geometry
def test_embedded_geometry_is_a_valid_rounded_coverage(html_vi, analysis):
    import numpy as np
    import shapely

    from camau_gis.render.html import read_payload

    data = read_payload(html_vi)
    geoms = np.array([shapely.from_geojson(json.dumps(f["geometry"]))
                      for f in data["communes"]["features"]])
    assert shapely.coverage_is_valid(geoms)  # no overlaps; shared borders match vertex for vertex
    coords = shapely.get_coordinates(geoms)
    dec = data["options"]["decimals"]
    assert dec == 5
    assert np.allclose(coords, np.round(coords, dec), rtol=0, atol=1e-12)
    raw_area = shapely.area(shapely.union_all(analysis.communes.geometry.values))
    new_area = shapely.area(shapely.coverage_union_all(geoms))
    assert abs(new_area - raw_area) / raw_area < 0.005
    # the gaps of the source (257 slivers) are closed: the province is a few solid parts
    union = shapely.coverage_union_all(geoms)
    parts = getattr(union, "geoms", [union])
    assert sum(len(p.interiors) for p in parts) == 0


def test_precision_keeps_rounding_under_half_a_pixel():
    from camau_gis.render._geometry import decimals_for_zoom, pixel_degrees

    for z in range(0, 21):
        d = decimals_for_zoom(z)
        assert 0.5 * 10.0 ** -d <= pixel_degrees(z) / 2
        assert 0.5 * 10.0 ** -(d - 1) > pixel_degrees(z) / 2 or d == 0


def test_coverage_cache_is_written_then_reused(analysis, tmp_path, monkeypatch):
    import numpy as np
    import shapely

    from camau_gis.render import _geometry

    geoms = np.asarray(analysis.communes.geometry.values, dtype=object)
    first = _geometry.display_coverage(geoms, tolerance=1e-4, cache_dir=tmp_path)
    files = list(tmp_path.glob("coverage_*.npz"))
    assert len(files) == 1

    def boom(*a, **k):
        raise AssertionError("coverage_clean called although the result is cached")

    monkeypatch.setattr(shapely, "coverage_clean", boom)
    again = _geometry.display_coverage(geoms, tolerance=1e-4, cache_dir=tmp_path)
    assert all(a.equals_exact(b, 0) for a, b in zip(first, again, strict=True))
    # another tolerance is another key, so it is computed (and here fails loudly)
    with pytest.warns(UserWarning, match="làm sạch ranh giới hiển thị không thành công"):
        _geometry.display_coverage(geoms, tolerance=2e-4, cache_dir=tmp_path)


def test_importing_the_renderer_loads_no_heavy_library():
    heavy = "('folium', 'geopandas', 'matplotlib', 'shapely')"
    code = ("import sys, camau_gis.render.html, camau_gis.i18n; "
            f"print([m for m in {heavy} if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_title_sources_and_context_land(analysis, map_dir, national_gpkg):
    import geopandas as gpd

    from camau_gis.render.html import build_map, read_payload, save_map

    a = make_analysis(analysis.communes)
    a.meta = {"sources": ["/home/staff/secret/folder/models.csv", "models.csv", "criterion19.csv"]}
    provinces = gpd.read_file(national_gpkg, layer="provinces")
    path = save_map(build_map(a, context=provinces, context_name="province_vn"),
                    map_dir / "context.html")
    data = read_payload(path)
    assert data["title"].endswith("— Cà Mau")
    assert data["summary"]["sources"] == ["models.csv", "criterion19.csv"]
    names = [f["properties"]["name"] for f in data["context"]["features"]]
    assert {"Bạc Liêu", "Kiên Giang"} <= set(names)
    assert "Cà Mau" not in names and "" in names  # the mapped province keeps no label
    assert len(names) < 63  # clipped to the surroundings
    assert data["options"]["colors"]["background"] == data["options"]["colors"]["water"]
    assert read_payload(path.parent / "coverage_map.html")["context"] is None


def test_units_without_districts_get_no_district_layer(analysis, map_dir):
    from camau_gis.render.html import build_map, read_payload, save_map

    a = make_analysis(analysis.communes)
    a.communes["district"] = ""  # the 2025 units have no district level
    data = read_payload(save_map(build_map(a), map_dir / "no_districts.html"))
    assert data["districts"] == []
    assert "districts" not in [o["id"] for o in data["overlays"]]


def test_commune_without_geometry_is_kept_not_drawn(analysis, map_dir):
    from camau_gis.errors import BoundaryError
    from camau_gis.render.html import build_map, read_payload, save_map

    a = make_analysis(analysis.communes)
    a.communes.loc[a.communes["gso_code"] == HIEP_TUNG, "geometry"] = None
    for compact in (False, True):
        with pytest.warns(UserWarning, match="1 xã không có hình ranh giới.*Xã Hiệp Tùng"):
            m = build_map(a, compact=compact)
        data = read_payload(save_map(m, map_dir / f"missing_{compact}.html"))
        feats = {f["id"]: f for f in data["communes"]["features"]}
        assert len(feats) == 101
        assert feats[HIEP_TUNG]["geometry"] is None
        assert feats[HIEP_TUNG]["properties"]["label_pt"] is None
        assert sum(f["geometry"] is not None for f in feats.values()) == 100
    a.communes["geometry"] = None
    with pytest.raises(BoundaryError, match="101 dòng nhưng không có hình ranh giới xã"):
        build_map(a)


def test_districts_sharing_a_name_stay_apart(analysis, map_dir):
    from camau_gis.render.html import build_map, read_payload, save_map

    a = make_analysis(analysis.communes)
    a.communes.loc[a.communes["district"] == "Huyện Năm Căn", "district"] = "Huyện Ngọc Hiển"
    data = read_payload(save_map(build_map(a), map_dir / "same_name.html"))
    names = [d["name"] for d in data["districts"]]
    assert len(names) == 9 and names.count("Huyện Ngọc Hiển") == 2
    assert len({d["code"] for d in data["districts"]}) == 9


def test_page_declares_its_language_title_and_static_map_vocabulary(html_vi, html_en, analysis):
    import re

    from camau_gis.i18n import t
    from camau_gis.render.html import read_payload
    from camau_gis.render.static import credit_line

    for path, lang in ((html_vi, "vi"), (html_en, "en")):
        text = path.read_text(encoding="utf-8")
        assert re.search(rf'<html lang="{lang}">', text)
        data = read_payload(path)
        title = re.search(r"<title>(.*?)</title>", text, re.DOTALL).group(1)
        assert title == data["title"] and title.startswith(t("title_coverage", lang))
        assert data["credit"] == credit_line(analysis, lang)  # as the static maps print it
        assert all(d["label"] for d in data["districts"])
        assert all(d.get("display", d["name"]) for d in data["districts"])
        # the search reads the unit words staff type, in the page's language too
        prefixes = data["search_prefixes"]
        assert prefixes["p"] == prefixes["phuong"] == "phường" and prefixes["tt"] == "thị trấn"
        assert prefixes[{"vi": "xa", "en": "commune"}[lang]] == "xã"
    # the district selector's order, from Python (Vietnamese alphabet: Đ after D, Huyện before Thành)
    vi = sorted(read_payload(html_vi)["districts"], key=lambda d: d["order"])
    assert [d.get("display", d["name"]) for d in vi] == [
        "Huyện Cái Nước", "Huyện Đầm Dơi", "Huyện Năm Căn", "Huyện Ngọc Hiển", "Huyện Phú Tân",
        "Huyện Thới Bình", "Huyện Trần Văn Thời", "Huyện U Minh", "Thành phố Cà Mau"]
    en = read_payload(html_en)
    assert sorted(d["order"] for d in en["districts"]) == list(range(9))
    assert "Cà Mau City" in {d["label"] for d in en["districts"]}
    assert not any(d["display"].startswith("Huyện") for d in en["districts"])
    notes = {o["id"]: o.get("note", "") for o in read_payload(html_vi)["overlays"]}
    assert notes["uncovered"].startswith("1–19: thứ tự ưu tiên các xã chưa có mô hình")
