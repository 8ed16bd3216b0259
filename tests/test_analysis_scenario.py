"""A register built by hand on the real Cà Mau communes, shared by the analysis tests.

Scenario (state in 2019 unless said otherwise):

- every xã has one "Tự quản" model from 2018, except Tam Giang and Hiệp Tùng
  (Năm Căn) and Đất Mũi (Ngọc Hiển);
- Xã Tân Tiến (Đầm Dơi) gets a second model, "Dân vận khéo", from 2019;
- Thị trấn Năm Căn had a "Camera an ninh" model in 2017-2018 only;
- Phường 7 (TP Cà Mau) gets a model from 2019;
- a district-level model joined to Hiệp Tùng and an unmatched xã-level row never count;
- criterion 19 in 2019: achieved everywhere except Hiệp Tùng, Phường 5 and Đất Mũi
  (not achieved) and the whole of U Minh district (no row: no data); in 2018
  Phường 5 achieved, Tam Giang and Hiệp Tùng did not.
"""

from __future__ import annotations

import functools
from types import SimpleNamespace

from camau_gis import schema

NO_MODEL_XA = {"Xã Tam Giang", "Xã Hiệp Tùng", "Xã Đất Mũi"}
C19_NOT_2019 = {"Xã Hiệp Tùng", "Phường 5", "Xã Đất Mũi"}


def make_matched(models: list[dict], c19: list[dict], report=None, illustrative=False):
    """A duck-typed MatchedRegister from plain rows (missing columns filled with NA)."""
    import pandas as pd

    m = pd.DataFrame(models)
    for col in (*schema.MODEL_COLUMNS, *schema.PROVENANCE_COLUMNS, "match_code"):
        if col not in m:
            m[col] = pd.NA
    m["_row"] = range(2, len(m) + 2)
    m["_file"] = "test_register.csv"
    m["_sheet"] = ""
    c = pd.DataFrame(c19)
    for col in (*schema.C19_COLUMNS, *schema.PROVENANCE_COLUMNS, "match_code"):
        if col not in c:
            c[col] = pd.NA
    if report is None:
        report = pd.DataFrame(columns=list(schema.MATCH_REPORT_COLUMNS))
    return SimpleNamespace(models=m, c19=c, report=report, illustrative=illustrative,
                           sources=["test_register.csv"])


def code_of(communes, name: str, district: str | None = None) -> str:
    """GSO code of a commune by full name (and district when the name repeats)."""
    rows = communes[communes["name"] == name]
    if district:
        rows = rows[rows["dist_short"] == district]
    assert len(rows) == 1, (name, district, len(rows))
    return str(rows["gso_code"].iloc[0])


def scenario_rows(communes) -> tuple[list[dict], list[dict]]:
    """Model and criterion-19 rows of the scenario described in the module docstring."""
    models = []
    xa = communes[communes["unit_type"] == "xã"]
    for rec in xa.itertuples():
        if rec.name in NO_MODEL_XA:
            continue
        models.append(dict(model_id=f"M{len(models) + 1}", name="Tổ tự quản", kind="Tự quản",
                           level="xã", commune=rec.name, district=rec.district,
                           match_code=rec.gso_code, year_start=2018, ntm_pilot=False,
                           board_reg=False, source=""))
    extra = [
        dict(kind="Dân vận khéo", commune="Xã Tân Tiến", year_start=2019,
             match_code=code_of(communes, "Xã Tân Tiến")),
        dict(kind="Camera an ninh", commune="Thị trấn Năm Căn", year_start=2017,
             year_end=2018, match_code=code_of(communes, "Thị trấn Năm Căn")),
        dict(kind="Tự quản", commune="Phường 7", year_start=2019,
             match_code=code_of(communes, "Phường 7")),
        dict(kind="Tự quản", commune="Xã Hiệp Tùng", level="huyện", year_start=2018,
             match_code=code_of(communes, "Xã Hiệp Tùng")),
        dict(kind="Tự quản", commune="Xã Không Có", year_start=2018, match_code=""),
    ]
    for row in extra:
        models.append({"model_id": f"M{len(models) + 1}", "name": row["kind"], "level": "xã",
                       "ntm_pilot": False, "board_reg": False, "source": "", **row})
    c19 = []
    for rec in communes.itertuples():
        if rec.dist_short == "U Minh":
            continue
        c19.append(dict(commune=rec.name, match_code=rec.gso_code, year=2019,
                        achieved=rec.name not in C19_NOT_2019, source=""))
    for name, achieved in (("Phường 5", True), ("Xã Tam Giang", False),
                           ("Xã Hiệp Tùng", False)):
        c19.append(dict(commune=name, match_code=code_of(communes, name), year=2018,
                        achieved=achieved, source=""))
    return models, c19


@functools.cache
def _communes():
    from _data_paths import CA_MAU_SHP, need

    need(CA_MAU_SHP)
    from camau_gis.boundaries import load_communes

    return load_communes(CA_MAU_SHP)


def scenario_communes():
    """The canonical Cà Mau communes (cached; callers get a copy)."""
    return _communes().copy()


@functools.cache
def _scenario_result():
    from camau_gis.analysis import analyze

    communes = scenario_communes()
    models, c19 = scenario_rows(communes)
    return analyze(communes, make_matched(models, c19), compare=(2018, 2019), lang="vi")


def scenario_result():
    """The scenario analysed with ``year=None`` (-> 2019) and ``compare=(2018, 2019)``."""
    return _scenario_result()


def test_scenario_register_is_what_the_docstring_says():
    communes = scenario_communes()
    models, c19 = scenario_rows(communes)
    assert sum(1 for m in models if m["level"] == "xã" and m["match_code"]) == 82 - 3 + 3
    assert len(c19) == 101 - 8 + 3  # U Minh has 8 units and no row; three 2018 rows
