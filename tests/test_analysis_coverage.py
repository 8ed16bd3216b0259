"""Coverage indicators, ranked gaps and district summary on a hand-built register."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from test_analysis_scenario import (
    C19_NOT_2019,
    NO_MODEL_XA,
    make_matched,
    scenario_communes,
    scenario_result,
    scenario_rows,
)

from camau_gis import schema, settings
from camau_gis.analysis.coverage import format_reasons, vi_sort_key
from camau_gis.errors import SchemaError


@pytest.fixture(scope="module")
def result():
    return scenario_result()


def _by_name(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.set_index("name")


def test_year_defaults_to_latest_in_register(result):
    assert result.year == 2019
    assert result.summary["year"] == 2019


def test_communes_carry_every_indicator_and_keep_101_rows(result):
    c = result.communes
    assert len(c) == 101
    assert list(c.columns[: len(schema.COMMUNE_COLUMNS)]) == list(schema.COMMUNE_COLUMNS)
    for col in schema.INDICATOR_COLUMNS:
        assert col in c.columns
    assert c.crs.to_epsg() == 4326


def test_model_counts_follow_level_and_active_years(result):
    c = _by_name(result.communes)
    # second model from 2019 -> 2; kinds listed once each, sorted
    assert c.loc["Xã Tân Tiến", "n_models"] == 2
    assert c.loc["Xã Tân Tiến", "kinds"] == "Dân vận khéo; Tự quản"
    # ended in 2018 -> not counted in 2019
    assert c.loc["Thị trấn Năm Căn", "n_models"] == 0
    # district-level model joined to Hiệp Tùng does not count
    assert c.loc["Xã Hiệp Tùng", "n_models"] == 0
    assert c.loc["Phường 7", "n_models"] == 1
    # unmatched row is counted nowhere: 79 xã + Tân Tiến's second + Phường 7
    assert c["n_models"].sum() == 79 + 1 + 1
    assert c["covered"].equals(c["n_models"] > 0)


def test_models_per_10km2_uses_the_area(result):
    c = _by_name(result.communes)
    row = c.loc["Xã Tân Tiến"]
    assert row["models_10k"] == pytest.approx(2 / row["area_km2"] * 10, rel=1e-3)


def test_c19_status_and_category(result):
    c = _by_name(result.communes)
    assert c.loc["Xã Hiệp Tùng", "c19_status"] == "not_achieved"
    assert c.loc["Xã Hiệp Tùng", "category"] == "uncovered_not_c19"
    assert c.loc["Phường 5", "c19_status"] == "not_achieved"  # 2019 row wins over 2018
    assert c.loc["Xã Tam Giang", "category"] == "uncovered_c19"
    assert c.loc["Xã Tam Giang", "c19_first"] == 2019
    # no model, no c19 row: a gap whose criterion-19 status is unknown, never "no data"
    assert c.loc["Thị trấn U Minh", "category"] == "uncovered_no_c19"
    assert c.loc["Xã Khánh An", "category"] == "covered_no_c19"  # U Minh: model, no c19 data
    assert c.loc["Xã Tân Tiến", "category"] == "covered_c19"
    counts = c["category"].value_counts()
    assert counts.sum() == 101
    assert "no_data" not in counts and counts["uncovered_not_c19"] == 3
    assert counts["uncovered_no_c19"] == 1


def test_uncovered_is_exactly_the_communes_without_a_model(result):
    communes = scenario_communes()
    expected = set(NO_MODEL_XA) | set(
        communes.loc[communes["unit_type"] != "xã", "name"]) - {"Phường 7"}
    got = result.uncovered["name"].tolist()
    assert set(got) == expected and len(got) == len(expected) == 21


def test_uncovered_order_priority_then_district_then_name(result):
    u = result.uncovered
    # priority 1 = no model and criterion 19 not achieved, by district (Cà Mau, Năm Căn,
    # Ngọc Hiển) then name
    first = u.loc[u["priority"] == 1, "name"].tolist()
    assert first == ["Phường 5", "Xã Hiệp Tùng", "Xã Đất Mũi"]
    assert set(first) == C19_NOT_2019
    # priority 2 = isolated, 3 = the rest
    assert (u.loc[u["priority"] == 2, "isolated"]).all()
    assert not u.loc[u["priority"] == 3, "isolated"].any()
    assert u["priority"].is_monotonic_increasing
    assert u["rank"].tolist() == list(range(1, len(u) + 1))
    short = result.communes.set_index("gso_code")["dist_short"]
    for _, grp in u.groupby("priority"):
        keys = [(vi_sort_key(short[code]), vi_sort_key(n))
                for code, n in zip(grp["gso_code"], grp["name"], strict=False)]
        assert keys == sorted(keys)
    # per-district rank restarts at 1 in every district
    for _, grp in u.groupby("district"):
        assert grp["dist_rank"].tolist() == list(range(1, len(grp) + 1))


def test_isolated_agrees_with_direct_polygon_distances(result):
    c = result.communes.to_crs(settings.metric_crs)
    covered = c[c["covered"]]
    u = result.uncovered.set_index("gso_code")
    for code, row in u.iterrows():
        geom = c.loc[c["gso_code"] == code].geometry.iloc[0]
        nearest = covered.distance(geom).min()
        assert row["isolated"] == (nearest > 100.0), (row["name"], nearest)
    # inner wards of Cà Mau city border no covered unit; Phường 2 touches Phường 7
    assert u.loc[u["name"] == "Phường 4", "isolated"].item()
    assert not u.loc[u["name"] == "Phường 2", "isolated"].item()
    assert not u.loc[u["name"] == "Thị trấn U Minh", "isolated"].item()


def test_distance_to_nearest_covered_matches_shapely(result):
    c = result.communes.to_crs(settings.metric_crs).set_index("name")
    covered = c[c["covered"]]
    for name in ("Phường 4", "Phường 9", "Phường 5", "Thị trấn Cái Nước", "Xã Tam Giang"):
        direct = covered.distance(c.loc[name, "geometry"]).min() / 1000
        assert result.communes.set_index("name").loc[name, "dist_cov_km"] == pytest.approx(
            direct, abs=1e-3)
    km = result.communes.set_index("name")["dist_cov_km"]
    assert km["Phường 4"] > 0.1  # isolated: beyond the 100 m border tolerance
    assert km["Thị trấn Cái Nước"] < 0.1  # surrounded by covered xã
    assert (km[result.communes.set_index("name")["covered"]] == 0).all()


def test_reasons_are_spelled_out_in_vietnamese_and_english(result):
    u = result.uncovered.set_index("name")
    vi = u.loc["Xã Hiệp Tùng", "reasons"]
    assert "Chưa có mô hình cấp xã" in vi and "Chưa đạt tiêu chí 19" in vi
    assert "Thuộc cụm 2 đơn vị liền kề" in vi  # with Tam Giang
    assert "Không giáp" in u.loc["Phường 4", "reasons"]
    assert "km" in u.loc["Phường 4", "reasons"] and "," in u.loc["Phường 4", "reasons"]
    en = format_reasons(result.uncovered, "en")
    row = en[result.uncovered["name"] == "Thị trấn U Minh"].item()
    assert row.startswith("No commune-level model; No criterion-19 data")


def test_district_summary_numbers(result):
    d = result.districts.set_index("dist_short")
    city = d.loc["Cà Mau"]
    assert (city["n_units"], city["n_xa"], city["n_phuong"], city["n_thitran"]) == (17, 7, 10, 0)
    assert city["n_covered"] == 8 and city["n_models"] == 8  # 7 xã + Phường 7
    assert city["covered_share"] == pytest.approx(8 / 17, abs=1e-4)
    assert city["n_c19"] == 16 and city["n_c19_not"] == 1
    nc = d.loc["Năm Căn"]
    assert (nc["n_units"], nc["n_covered"], nc["n_uncovered"]) == (8, 5, 3)
    um = d.loc["U Minh"]
    assert um["n_c19_nodata"] == 8 and um["c19_share"] == 0
    dd = d.loc["Đầm Dơi"]
    assert dd["models_per"] == pytest.approx(dd["n_models"] / dd["n_units"], abs=1e-3)
    total = result.districts[result.districts["is_total"]]
    assert len(total) == 1 and total["district"].item() == "Tỉnh Cà Mau"
    parts = result.districts[~result.districts["is_total"]]
    assert len(parts) == 9
    for col in ("n_units", "n_xa", "n_phuong", "n_thitran", "n_models", "n_covered",
                "n_c19", "n_isolated"):
        assert total[col].item() == parts[col].sum()
    assert total["n_units"].item() == 101 and total["n_models"].item() == 81
    assert parts["dist_code"].tolist() == sorted(parts["dist_code"])


def test_summary_province_block(result):
    p = result.summary["province"]
    assert p["units"] == 101 and p["districts"] == 9
    assert p["covered"] == 80 and p["uncovered"] == 21
    assert p["uncovered_priority"]["1"] == 3
    assert p["c19"] == {"achieved": 101 - 8 - 3, "not_achieved": 3, "no_data": 8}
    assert result.summary["illustrative"] is False and result.summary["note"] is None


def test_models_table_flags_active_and_counted(result):
    m = result.models
    assert m["counted"].sum() == result.communes["n_models"].sum()
    assert not m.loc[m["level"] == "huyện", "counted"].any()
    assert not m.loc[m["match_code"] == "", "counted"].any()


def test_illustrative_rows_are_flagged():
    communes = scenario_communes()
    models, c19 = scenario_rows(communes)
    models[0]["source"] = "illustrative"
    from camau_gis.analysis import analyze

    res = analyze(communes, make_matched(models, c19, illustrative=True), permutations=0)
    assert res.illustrative and res.summary["illustrative"]
    assert res.summary["note"] == "Dữ liệu minh họa"
    c = res.communes.set_index("gso_code")
    assert c.loc[models[0]["match_code"], "illustr"]
    assert c["illustr"].sum() == 1


def test_year_option_selects_the_state(result):
    communes = scenario_communes()
    models, c19 = scenario_rows(communes)
    from camau_gis.analysis import analyze

    res = analyze(communes, make_matched(models, c19), year=2018, permutations=0)
    c = res.communes.set_index("name")
    assert res.year == 2018
    assert c.loc["Thị trấn Năm Căn", "covered"] and not c.loc["Phường 7", "covered"]
    assert c.loc["Xã Tân Tiến", "n_models"] == 1
    assert c.loc["Phường 5", "c19_status"] == "achieved"
    assert c.loc["Phường 1", "c19_status"] == "no_data"  # first assessed in 2019


def test_missing_columns_raise_schema_error_naming_them():
    communes = scenario_communes()
    models, c19 = scenario_rows(communes)
    matched = make_matched(models, c19)
    matched.models = matched.models.drop(columns=["level"])
    from camau_gis.analysis import analyze

    with pytest.raises(SchemaError, match=r"register models: missing column\(s\) level"):
        analyze(communes, matched)
    with pytest.raises(SchemaError, match=r"communes: missing column\(s\) area_km2"):
        analyze(communes.drop(columns=["area_km2"]), make_matched(models, c19))
    # every problem in one message
    with pytest.raises(SchemaError) as info:
        analyze(communes.drop(columns=["area_km2"]), matched)
    assert "area_km2" in str(info.value) and "level" in str(info.value)


def test_empty_register_leaves_everything_uncovered_without_crashing():
    communes = scenario_communes()
    from camau_gis.analysis import analyze

    res = analyze(communes, make_matched([], []), permutations=0)
    assert res.year is None
    assert len(res.uncovered) == 101 and not res.communes["covered"].any()
    assert res.communes["dist_cov_km"].isna().all()
    assert res.summary["spatial"]["moran"]["I"] is None
    assert "no variation" in res.summary["spatial"]["moran"]["note"]
    assert np.all(res.uncovered["priority"] == 2)  # nothing covered: every gap is isolated


def test_vi_sort_key_orders_vietnamese_letters_and_numbers():
    names = ["Phường Tân Thành", "Phường 10", "Phường 2", "Đầm Dơi", "Dân", "Cái Nước", "Cà Mau"]
    assert sorted(names, key=vi_sort_key) == [
        "Cà Mau", "Cái Nước", "Dân", "Đầm Dơi", "Phường 2", "Phường 10", "Phường Tân Thành"]


def test_vi_sort_key_orders_numbers_by_value_and_survives_odd_digits():
    from camau_gis.analysis.coverage import vi_sort_key

    names = ["Phường 10", "Phường 2", "Khu ²", "Ấp Đông", "Ấp An"]
    ordered = sorted(names, key=vi_sort_key)
    assert ordered.index("Phường 2") < ordered.index("Phường 10")
    assert ordered.index("Ấp An") < ordered.index("Ấp Đông")
    assert "Khu ²" in ordered
