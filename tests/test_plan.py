"""``camau-gis plan`` on the real Cà Mau layer: optimum vs greedy, LSCP minimum, weights, outputs."""

from __future__ import annotations

import functools
import itertools
import json

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from _data_paths import CA_MAU_SHP
from shapely.geometry import box

from camau_gis.analysis import plan as pl
from camau_gis.analysis.planning import build_problem, make_plan


@functools.cache
def _analysis(year: int | None):
    if not CA_MAU_SHP.exists():
        pytest.skip("real boundary data not found (../shared/data)")
    from camau_gis.pipeline import run_analysis

    return run_analysis(boundaries=CA_MAU_SHP, year=year)


@pytest.fixture
def example():
    """The example register at its latest year (82 of 101 communes covered)."""
    return _analysis(None)


@pytest.fixture
def early():
    """The example register in 2016: 16 communes covered, 37 not served under adjacency."""
    return _analysis(2016)


def _served(p, codes, result):
    pos = [int(np.flatnonzero(result.communes["gso_code"].to_numpy() == c)[0]) for c in codes]
    return p.served_by(pos) | p.served_before if pos else p.served_before


def test_cli_plan_models_5_on_the_example_register(tmp_path, capsys, example):
    from camau_gis.cli import main

    out = tmp_path / "out"
    assert main(["plan", "--models", "5", "-b", str(CA_MAU_SHP), "-o", str(out)]) == 0
    text = capsys.readouterr()
    # only one new model is needed: the plan says so and places one, not five
    assert "Chỉ cần 1 mô hình mới" in text.err
    table = pd.read_csv(out / "plan.csv", encoding="utf-8-sig", dtype=str)
    assert list(table.columns[:3]) == ["Thứ tự", "Mã xã", "Xã đề xuất"]
    p = build_problem(example)
    served = _served(p, table["Mã xã"].tolist(), example)
    greedy = p.served_by(pl.greedy(p, 5)) | p.served_before
    assert served.sum() >= greedy.sum() and served.all()
    assert not (p.gaps & ~served).any()


@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize("budget", [1, 3, 5, 8])
def test_mclp_on_the_real_layer_is_never_worse_than_greedy(early, budget):
    plan = make_plan(early, budget)
    p = build_problem(early)
    greedy = pl.greedy(p, budget)
    assert len(plan.table) == budget and plan.summary["problem"] == "mclp"
    assert plan.summary["status"] == "Optimal"
    assert plan.summary["plan_gain"] >= pl.objective(p, greedy) - 1e-9
    # the table's cumulative figures are the served set of its communes, in order
    for k in range(1, budget + 1):
        served = _served(p, plan.table["gso_code"].iloc[:k].tolist(), early)
        assert plan.table["cum_served"].iloc[k - 1] == served.sum()
    gains = plan.table["gain"].to_numpy()
    assert (np.diff(gains) <= 1e-9).all(), "ordered by marginal gain"
    # the spopt (dense) and sparse PuLP formulations agree on the optimum
    dense, _ = pl.solve_mclp(p, budget, engine="spopt")
    sparse, _ = pl.solve_mclp(p, budget, engine="pulp")
    assert pl.objective(p, dense) == pl.objective(p, sparse) == plan.summary["plan_gain"]


def _gap_matrix(p):
    """Dense gap × candidate 0/1 matrix of a problem (candidates that serve some gap)."""
    a = p.cover[np.flatnonzero(p.gaps)].toarray()[:, p.candidate].astype(float)
    return a[:, a.sum(axis=0) > 0]


def test_lscp_minimum_confirmed_by_an_lp_lower_bound(early):
    """2016: 37 gaps in one connected block of 64 candidates; brute force is out of reach
    (C(64, 10) subsets), so SciPy's HiGHS (another solver) gives the LP relaxation: its
    rounded-up optimum is a lower bound on the number of models, and it equals ours."""
    from scipy.optimize import Bounds, LinearConstraint, linprog, milp

    plan = make_plan(early, None)
    p = build_problem(early)
    assert plan.summary["problem"] == "lscp"
    assert not (p.gaps & ~_served(p, plan.table["gso_code"].tolist(), early)).any()
    a = _gap_matrix(p)
    lp = linprog(np.ones(a.shape[1]), A_ub=-a, b_ub=-np.ones(a.shape[0]), bounds=(0, 1),
                 method="highs")
    assert lp.status == 0
    lower = int(np.ceil(lp.fun - 1e-9))
    assert plan.summary["minimum_full"] == len(plan.table) == lower
    exact = milp(np.ones(a.shape[1]), constraints=LinearConstraint(a, lb=1),
                 integrality=np.ones(a.shape[1]), bounds=Bounds(0, 1))
    assert round(exact.fun) == lower


def test_lscp_minimum_by_brute_force_on_the_example_register(example):
    p = build_problem(example)
    a = _gap_matrix(p)
    best = next(k for k in range(1, a.shape[1] + 1)
                if any(a[:, list(c)].sum(axis=1).min() > 0
                       for c in itertools.combinations(range(a.shape[1]), k)))
    assert make_plan(example, None).summary["minimum_full"] == best == 1


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_weights_from_a_user_csv_change_the_choice(tmp_path, early):
    equal = make_plan(early, 1)
    first = equal.table["gso_code"].iloc[0]
    p = build_problem(early)
    # a remote gap that the equal-weight choice does not serve gets a large population
    served = _served(p, [first], early)
    remote = np.flatnonzero(p.gaps & ~served)[0]
    c = early.communes
    pop = np.full(len(c), 5000)
    pop[remote] = 900_000
    csv = tmp_path / "dan_so.csv"  # as Excel saves it: UTF-8 with BOM, Vietnamese headers
    pd.DataFrame({"Mã xã": c["gso_code"], "Tên xã": c["name"], "Huyện": c["district"],
                  "Dân số": [f"{v:,}".replace(",", ".") for v in pop]}).to_csv(
        csv, index=False, encoding="utf-8-sig")
    weighted = make_plan(early, 1, weight="Dân số", weights_file=csv, weight_unit="người")
    chosen = weighted.table["gso_code"].iloc[0]
    assert chosen != first
    assert _served(p, [chosen], early)[remote]
    assert weighted.table["gain"].iloc[0] >= 900_000
    assert "người" in weighted.summary["weight_unit"]


def test_weights_file_reports_bad_rows_and_missing_communes(tmp_path, early):
    from camau_gis.errors import RegisterError

    c = early.communes
    csv = tmp_path / "w.csv"
    pd.DataFrame({"Tên xã": [*c["name"].iloc[:5], "Xã Không Có"],
                  "Huyện": [*c["district"].iloc[:5], "Huyện X"],
                  "Điểm": ["1", "2", "abc", "4", "5", "6"]}).to_csv(csv, index=False)
    with pytest.raises(RegisterError) as err:
        make_plan(early, 1, weight="Điểm", weights_file=csv)
    msg = str(err.value)
    assert "w.csv" in msg and "dòng 4" in msg and "'abc'" in msg and "Xã Không Có" in msg
    assert "không có giá trị 'Điểm' dùng được" in msg


def _grid_result(n_cols: int, covered: list[int], island: bool = False):
    """A hand-made analysis on a row of square communes (plus an island far away)."""
    from camau_gis.analysis.result import Analysis

    geoms = [box(500_000 + i * 1000, 1_000_000, 501_000 + i * 1000, 1_001_000)
             for i in range(n_cols)]
    names = [f"Xã {chr(65 + i)}" for i in range(n_cols)]
    if island:
        geoms.append(box(400_000, 900_000, 401_000, 901_000))
        names.append("Xã Hòn Khoai")
    n = len(geoms)
    c = gpd.GeoDataFrame({"gso_code": [f"{i:05d}" for i in range(n)], "name": names,
                          "district": "Huyện Thử", "area_km2": 1.0,
                          "covered": [i in covered for i in range(n)],
                          "c19_status": "no_data"}, geometry=geoms, crs="EPSG:32648"
                         ).to_crs("EPSG:4326")
    return Analysis(communes=c, models=pd.DataFrame(), c19=pd.DataFrame(),
                    uncovered=pd.DataFrame(), districts=pd.DataFrame(),
                    match_report=pd.DataFrame(), summary={}, meta={"tolerance_m": 100.0})


def test_degenerate_inputs_give_clear_messages():
    from camau_gis.errors import OptionError

    with pytest.warns(UserWarning, match="không cần đặt thêm mô hình"):
        none = make_plan(_grid_result(4, [1, 2]), 2)
    assert none.table.empty and none.summary["gaps_before"] == 0
    with pytest.warns(UserWarning, match="Only 1 new models are needed"):
        few = make_plan(_grid_result(5, [0]), 4, lang="en")
    assert len(few.table) == 1
    with pytest.warns(UserWarning, match="Hòn Khoai"):
        isl = make_plan(_grid_result(4, [0], island=True), None)
    assert "Xã Hòn Khoai" in set(isl.table["name"])
    with pytest.raises(OptionError, match="Xã Hòn Khoai không được xã nào"):
        make_plan(_grid_result(4, [0], island=True), None, exclude=("Xã Hòn Khoai",))
    with pytest.raises(OptionError, match="--models 0"):
        make_plan(_grid_result(4, [0]), 0)
    with pytest.raises(OptionError, match="--force"):
        make_plan(_grid_result(6, []), 1, force=("Xã A", "Xã F"))
    with pytest.raises(OptionError, match="--distance-km"):
        make_plan(_grid_result(4, []), 1, rule="distance")
    with pytest.raises(OptionError, match="không có xã nào mang tên này"):
        make_plan(_grid_result(4, []), 1, exclude=("Xã Không Có",))


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_force_exclude_and_c19_constraint():
    r = _grid_result(9, [])
    forced = make_plan(r, 2, force=("Xã A",))
    assert "Xã A" in set(forced.table["name"]) and bool(forced.table["forced"].iloc[0])
    excl = make_plan(r, 3, exclude=("Xã B", "Xã E", "Xã H"))
    assert not set(excl.table["name"]) & {"Xã B", "Xã E", "Xã H"}
    r.communes["c19_status"] = ["not_achieved" if i in (0, 8) else "achieved" for i in range(9)]
    req = make_plan(r, 2, c19="require")
    served = set(req.units.loc[req.units["served_after"], "name"])
    assert {"Xã A", "Xã I"} <= served
    from camau_gis.errors import OptionError

    with pytest.raises(OptionError, match="tiêu chí 19"):
        make_plan(r, 1, c19="require")


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_plan_outputs_gpkg_html_xlsx(tmp_path, early):
    from openpyxl import load_workbook

    from camau_gis.planner import plan
    from camau_gis.render.html import read_payload

    the_plan, written = plan(tmp_path / "o", models=3, result=early)
    codes = the_plan.table["gso_code"].tolist()
    layer = gpd.read_file(written["communes.gpkg"], layer="plan")
    assert len(layer) == len(early.communes)
    assert set(layer.loc[layer["plan_status"] == "chosen", "gso_code"]) == set(codes)
    assert sorted(layer.loc[layer["plan_order"] > 0, "plan_order"]) == [1, 2, 3]
    new = layer["plan_status"].isin(["chosen", "served_new"])
    assert (layer.loc[new, "served_by"].isin(codes)).all()
    assert int(layer["served_after"].sum()) == the_plan.summary["served_after"]
    payload = read_payload(written["plan_map.html"])
    assert payload["themes"][0]["id"] == "plan" and "lisa" in [t["id"] for t in payload["themes"]]
    assert [r["gso_code"] for r in payload["plan"]["rows"]] == codes
    props = {f["properties"]["gso_code"]: f["properties"] for f in payload["communes"]["features"]}
    assert {c for c, p in props.items() if p["plan"] == "chosen"} == set(codes)
    assert payload["plan"]["after"]["share"] > payload["plan"]["before"]["share"]
    book = load_workbook(written["plan.xlsx"], read_only=True)
    rows = list(book.worksheets[0].values)
    assert rows[0][2] == "Xã đề xuất" and [r[1] for r in rows[1:]] == codes
    assert "plan_map.png" in written


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_plan_on_the_64_units_of_2025(bac_lieu_shp, tmp_path):
    from camau_gis.planner import plan

    the_plan, _ = plan(models=2, boundaries=CA_MAU_SHP, bac_lieu=bac_lieu_shp, admin="2025",
                       year=2016, write=False)
    assert the_plan.summary["units"] == 64
    assert len(the_plan.table) == 2 and the_plan.summary["share_after"] > \
        the_plan.summary["share_before"]


def test_import_and_help_do_not_load_the_solver():
    import subprocess
    import sys

    code = ("import sys, camau_gis\nfrom camau_gis.cli import main\n"
            "try:\n    main(['plan', '--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('spopt', 'pulp', 'libpysal', 'geopandas') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"
    assert "--models" in out.stdout


def test_summary_is_json_serialisable():
    with pytest.warns(UserWarning):
        p = make_plan(_grid_result(5, [0]), 4)
    json.dumps(p.summary, allow_nan=False)


def test_build_does_not_import_spopt_or_pulp(tmp_path):
    import subprocess
    import sys

    code = ("import sys, warnings\nwarnings.simplefilter('ignore')\nimport camau_gis\n"
            f"camau_gis.build({str(tmp_path / 'o')!r}, boundaries={str(CA_MAU_SHP)!r})\n"
            "print(sorted(m for m in ('spopt', 'pulp', 'libpysal', 'sklearn') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[]"
    # build's GeoPackage has the QGIS styles too
    import sqlite3

    con = sqlite3.connect(tmp_path / "o" / "communes.gpkg")
    assert {r[0] for r in con.execute("SELECT f_table_name FROM layer_styles")} == {
        "communes", "uncovered", "districts"}
    con.close()
