"""Reconciliation of the register's totals with the published 2019 figures."""

from __future__ import annotations

import pytest
from test_analysis_scenario import make_matched, scenario_communes

from camau_gis.analysis import analyze
from camau_gis.analysis.reconcile import ITEMS, load_published


def published_register(communes) -> list[dict]:
    """Rows that reproduce the article: 150 models, 84 in 82 xã, 18 in 10 pilots, 2 board."""
    xa = communes[communes["unit_type"] == "xã"].reset_index(drop=True)
    pilots = set(xa["gso_code"].iloc[:10])
    rows = []
    for rec in xa.itertuples():
        rows.append(dict(level="xã", match_code=rec.gso_code, ntm_pilot=rec.gso_code in pilots))
    for code in list(pilots)[:2]:  # the two communes with a second commune-level model
        rows.append(dict(level="xã", match_code=code, ntm_pilot=True))
    for code in list(pilots)[:6]:  # province-level models built in pilot communes
        rows.append(dict(level="tỉnh", match_code=code, ntm_pilot=True))
    rows += [dict(level="huyện", match_code="", ntm_pilot=False) for _ in range(60)]
    for k, row in enumerate(rows):
        row.update(model_id=f"M{k + 1}", kind="Tự quản", year_start=2019,
                   board_reg=k in (3, 100), source="illustrative")
    return rows


def _items(result) -> dict[str, dict]:
    return {i["key"]: i for i in result.summary["reconciliation"]["items"]}


@pytest.fixture(scope="module")
def communes():
    return scenario_communes()


def test_published_totals_ship_with_their_source():
    pub = load_published()
    assert pub["year"] == 2019
    assert pub["totals"] == {"models_total": 150, "models_commune_level": 84,
                             "communes_with_models": 82, "ntm_pilot_communes": 10,
                             "models_in_ntm_pilot": 18, "models_board_registered": 2}
    assert "84 mô hình thực hiện ở 82 xã" in pub["quote"]
    assert set(pub["totals"]) == set(ITEMS)


def test_matching_register_reconciles(communes):
    rows = published_register(communes)
    res = analyze(communes, make_matched(rows, []), permutations=0)
    rec = res.summary["reconciliation"]
    assert rec["any_mismatch"] is False and rec["same_year"] is True
    items = _items(res)
    assert {k: v["register"] for k, v in items.items()} == load_published()["totals"]
    assert all(v["difference"] == 0 for v in items.values())


def test_removing_a_row_flags_the_mismatch(communes):
    rows = published_register(communes)
    # drop the model of a commune (not a pilot) that has only one
    del rows[50]
    res = analyze(communes, make_matched(rows, []), permutations=0)
    items = _items(res)
    assert res.summary["reconciliation"]["any_mismatch"] is True
    assert items["models_commune_level"] == {**items["models_commune_level"], "register": 83,
                                             "published": 84, "difference": -1,
                                             "mismatch": True}
    assert items["communes_with_models"]["mismatch"] and items["communes_with_models"][
        "register"] == 81
    assert items["models_total"]["register"] == 149
    assert not items["ntm_pilot_communes"]["mismatch"]
    assert not items["models_in_ntm_pilot"]["mismatch"]
    assert not items["models_board_registered"]["mismatch"]


def test_other_year_is_said(communes):
    rows = published_register(communes)
    for row in rows:
        row["year_start"] = 2018
    res = analyze(communes, make_matched(rows, []), year=2020, permutations=0)
    rec = res.summary["reconciliation"]
    assert rec["year"] == 2020 and rec["published_year"] == 2019 and rec["same_year"] is False


# --------------------------------------------------------------------------
# The shipped example register (camau_gis.register)
# --------------------------------------------------------------------------

def _example(communes, models=None, c19=None):
    from camau_gis.register import match_register, read_register

    reg = read_register(models, c19) if models else read_register()
    return analyze(communes, match_register(reg, communes), permutations=0)


@pytest.fixture(scope="module")
def example(communes):
    return _example(communes)


def test_example_register_reports_84_models_in_82_communes(example):
    items = _items(example)
    assert items["models_commune_level"]["register"] == 84
    assert items["communes_with_models"]["register"] == 82
    assert not items["models_commune_level"]["mismatch"]
    assert not items["communes_with_models"]["mismatch"]
    assert items["ntm_pilot_communes"]["register"] == 10
    assert example.year == 2019
    assert example.communes["n_models"].sum() == 84
    # every register row is either counted, or of another level, or in the match report
    m = example.models
    assert len(m) == example.summary["models_in_register"]
    assert example.illustrative and example.summary["note"] == "Dữ liệu minh họa"


def test_example_register_minus_a_row_flags_the_mismatch(example, communes, tmp_path):
    from camau_gis.register import EXAMPLE_C19, EXAMPLE_MODELS

    m = example.models
    counted = m[m["counted"]]
    single = counted.groupby("match_code").filter(lambda g: len(g) == 1)
    drop_id = str(single["model_id"].iloc[0])
    lines = EXAMPLE_MODELS.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    kept = [ln for ln in lines if not ln.startswith(f"{drop_id},")]
    assert len(kept) == len(lines) - 1
    smaller = tmp_path / "models.csv"
    smaller.write_text("".join(kept), encoding="utf-8")
    res = _example(communes, smaller, EXAMPLE_C19)
    items = _items(res)
    assert items["models_commune_level"]["register"] == 83
    assert items["models_commune_level"]["mismatch"] is True
    assert items["communes_with_models"]["mismatch"] is True
    assert res.summary["reconciliation"]["any_mismatch"] is True
