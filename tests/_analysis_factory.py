"""Build an :class:`~camau_gis.analysis.Analysis` by hand for renderer and report tests.

The analysis stage is developed in parallel; renderer tests must not depend
on its internals, so they use the documented columns only, filled here with
deterministic, hand-made values on the real Cà Mau commune table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from camau_gis.analysis.classes import categories
from camau_gis.analysis.result import Analysis

XSS = "<img src=x onerror=alert(1)>"


def make_analysis(communes, *, illustrative: bool = True) -> Analysis:
    """Analysis of ``communes`` with every xã covered (two with 2 models), wards uncovered."""
    c = communes.copy()
    xa = c["unit_type"].eq("xã").to_numpy()
    n = np.where(xa, 1, 0)
    n[np.flatnonzero(xa)[:2]] = 2
    status = np.array(["achieved", "not_achieved", "no_data"])[np.arange(len(c)) % 3]
    covered = n > 0
    c["n_models"] = n
    c["kinds"] = np.where(covered, "Tự quản", "")
    c["covered"] = covered
    c["c19_status"] = status
    c["c19_first"] = pd.array([2018 if s == "achieved" else None for s in status], dtype="Int64")
    c["ntm_pilot"] = np.arange(len(c)) < 10
    c["models_10k"] = c["n_models"] / c["area_km2"] * 10
    c["dist_cov_km"] = np.where(covered, 0.0, 1.5)
    c["category"] = categories(c["covered"], c["c19_status"])
    c["illustr"] = illustrative
    unc = c[~c["covered"]].sort_values("area_km2", ascending=False)
    uncovered = pd.DataFrame(
        {
            "rank": range(1, len(unc) + 1),
            "gso_code": unc["gso_code"].to_numpy(),
            "name": unc["name"].to_numpy(),
            "district": unc["district"].to_numpy(),
            "reasons": "không có mô hình",
        }
    )
    districts = (
        c.groupby("district", sort=True)
        .agg(communes=("gso_code", "size"), covered=("covered", "sum"), models=("n_models", "sum"))
        .reset_index()
    )
    total = pd.DataFrame(
        [
            {
                "district": "Tỉnh Cà Mau",
                "communes": len(c),
                "covered": int(c["covered"].sum()),
                "models": int(c["n_models"].sum()),
            }
        ]
    )
    districts = pd.concat([districts, total], ignore_index=True)
    models = pd.DataFrame(
        {
            "model_id": ["m1", "m2"],
            "name": [XSS, "Tổ tự quản"],
            "commune": [XSS, "Hiệp Tùng"],
            "match_code": ["", "32197"],
        }
    )
    match_report = pd.DataFrame(
        [
            {
                "file": "register.csv",
                "sheet": "",
                "row": 7,
                "table": "models",
                "column": "commune",
                "value": XSS,
                "reason": "no commune of this name",
                "candidates": "Xã Tân Thành; Phường Tân Thành",
            }
        ]
    )
    return Analysis(
        communes=c,
        models=models,
        c19=pd.DataFrame(),
        uncovered=uncovered,
        districts=districts,
        match_report=match_report,
        summary={"n_communes": len(c)},
        year=2019,
        illustrative=illustrative,
        meta={
            "data_date": "2019-12-31",
            "boundary_source": "vietnam63 (Marc Choisy, 2017)",
            "boundary_licence": "MIT",
            "register_source": "sổ theo dõi mẫu",
        },
    )
