"""State at a year and the comparison of two years."""

from __future__ import annotations

import pandas as pd
import pytest
from test_analysis_scenario import make_matched, scenario_communes, scenario_result

from camau_gis.analysis import years


@pytest.fixture(scope="module")
def change():
    return scenario_result().extra["change"].set_index("name")


def test_compare_newly_covered_and_lost(change):
    assert change.loc["Phường 7", "coverage_change"] == "newly_covered"
    assert change.loc["Thị trấn Năm Căn", "coverage_change"] == "lost"
    assert change.loc["Xã Tân Tiến", "coverage_change"] == "still_covered"
    assert change.loc["Xã Tân Tiến", "d_models"] == 1
    assert change.loc["Xã Hiệp Tùng", "coverage_change"] == "still_uncovered"
    counts = change["coverage_change"].value_counts()
    assert counts["newly_covered"] == 1 and counts["lost"] == 1
    assert counts.sum() == 101


def test_compare_criterion_19(change):
    assert change.loc["Xã Tam Giang", "c19_change"] == "newly_achieving"
    assert change.loc["Phường 5", "c19_change"] == "lost"
    assert change.loc["Xã Hiệp Tùng", "c19_change"] == "still_not_achieved"
    # achieved in 2019, not assessed in 2018: not claimed as new
    assert change.loc["Phường 1", "c19_change"] == "unknown_before"
    assert change.loc["Thị trấn U Minh", "c19_change"] == "no_data"


def test_compare_summary_counts():
    block = scenario_result().summary["compare"]
    assert (block["year_1"], block["year_2"]) == (2018, 2019)
    assert block["coverage_change"]["newly_covered"] == 1
    assert block["c19_change"]["newly_achieving"] == 1
    assert block["c19_change"]["lost"] == 1


def test_first_year_given_makes_a_change_new():
    communes = scenario_communes()
    code = communes.loc[communes["name"] == "Phường 1", "gso_code"].item()
    c19 = [dict(match_code=code, year=2019, achieved=True, first_year=2019)]
    out = years.compare_years(communes, make_matched([], c19), 2018, 2019).set_index("name")
    assert out.loc["Phường 1", "c19_change"] == "newly_achieving"
    c19[0]["first_year"] = 2015
    out = years.compare_years(communes, make_matched([], c19), 2018, 2019).set_index("name")
    assert out.loc["Phường 1", "c19_change"] == "unknown_before"


def test_active_models_respects_start_and_end():
    models = pd.DataFrame({"year_start": [2017, 2019, None, 2016],
                           "year_end": [2018, None, None, 2019]})
    assert years.active_mask(models, 2018).tolist() == [True, False, True, True]
    assert years.active_mask(models, 2019).tolist() == [False, True, True, True]
    assert years.active_mask(models, 2020).tolist() == [False, True, True, False]
    assert years.active_mask(models, None).all()


def test_latest_assessment_at_or_before_the_year_wins():
    communes = scenario_communes()
    code = communes["gso_code"].iloc[0]
    c19 = [dict(match_code=code, year=2016, achieved=True),
           dict(match_code=code, year=2018, achieved=False),
           dict(match_code=code, year=2019, achieved=pd.NA)]  # unknown: does not erase 2018
    matched = make_matched([], c19)
    idx = pd.Index([code])
    assert years.c19_state(matched.c19, idx, 2017).loc[code, "c19_status"] == "achieved"
    assert years.c19_state(matched.c19, idx, 2019).loc[code, "c19_status"] == "not_achieved"
    assert years.c19_state(matched.c19, idx, 2015).loc[code, "c19_status"] == "no_data"
    assert years.c19_state(matched.c19, idx, 2019).loc[code, "c19_first"] == 2016
    assert years.latest_year(matched) == 2019


def test_level_written_without_diacritics_still_counts():
    models = pd.DataFrame({"level": ["xã", "Xa", "XÃ", "huyện", "tinh"]})
    assert years.is_commune_level(models).tolist() == [True, True, True, False, False]
