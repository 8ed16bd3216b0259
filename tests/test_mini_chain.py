"""The whole chain on the committed ten-commune fixture: runs on any machine, no ``../shared``.

Boundaries (a real Shapefile cut from the shared data) -> register (the example's rows for
those communes) -> analysis -> tables, GeoPackage, summary.json and the HTML map. The
expected figures are computed here from the fixture's own CSV rows, not typed in.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def mini_result(mini_dir):
    from camau_gis.analysis import analyze
    from camau_gis.boundaries import load_communes
    from camau_gis.register import match_register, read_register

    communes = load_communes(mini_dir / "communes.shp")
    register = read_register(mini_dir / "models.csv", mini_dir / "criterion19.csv")
    matched = match_register(register, communes)
    return communes, matched, analyze(communes, matched)


def test_the_fixture_reads_as_ten_coded_communes(mini_result):
    communes, _, _ = mini_result
    assert len(communes) == 10
    assert (communes["gso_code"].str.fullmatch(r"\d{5}")).all()
    assert set(communes["vintage"]) == {"2019"}
    tan_thanh = communes[communes["short_name"] == "Tân Thành"]
    assert sorted(tan_thanh["unit_type"]) == ["phường", "xã"]  # same name, two units
    assert tan_thanh["gso_code"].nunique() == 2


def test_every_register_row_joins_and_coverage_follows_the_rows(mini_result, mini_dir):
    communes, matched, result = mini_result
    rows = _csv(mini_dir / "models.csv")
    assert len(matched.models) == len(rows)
    assert (matched.models["match_code"] != "").all()
    # communes named by an active commune-level model row, from the CSV itself
    named = {(r["Xã/Phường/Thị trấn"], r["Huyện/TP"]) for r in rows
             if r["Cấp"] == "xã" and not r["Năm kết thúc"].strip()}
    covered = result.communes[result.communes["covered"]]
    assert set(zip(covered["name"], covered["district"], strict=True)) == named
    assert len(result.uncovered) == 10 - len(named)
    assert set(result.uncovered["gso_code"]) == set(
        result.communes.loc[~result.communes["covered"], "gso_code"])


def test_tables_geopackage_and_summary_agree(mini_result, tmp_path):
    import pyogrio

    from camau_gis.export.tables import write_tables

    _, _, result = mini_result
    written = write_tables(result, tmp_path / "out")
    gpkg = Path(written["communes.gpkg"])
    layer = pyogrio.read_dataframe(gpkg, layer="communes")
    assert len(layer) == 10
    assert int(layer["covered"].astype(bool).sum()) == int(result.communes["covered"].sum())
    summary = json.loads((tmp_path / "out" / "summary.json").read_text("utf-8"))
    assert summary["province"]["uncovered"] == len(result.uncovered)
    uncovered = _csv(tmp_path / "out" / "uncovered_communes.csv")
    assert len(uncovered) == len(result.uncovered)


def test_the_html_map_carries_the_ten_communes(mini_result, tmp_path):
    from camau_gis.render.html import PAYLOAD_ID, build_map, save_map

    _, _, result = mini_result
    path = save_map(build_map(result), tmp_path / "map.html")
    html = Path(path).read_text("utf-8")
    found = re.search(r'<script type="application/json" id="' + PAYLOAD_ID + r'">(.*?)</script>',
                      html, re.S)
    assert found, "payload element missing"
    payload = json.loads(found.group(1))
    features = payload["communes"]["features"]
    assert sorted(f["properties"]["gso_code"] for f in features) == sorted(
        result.communes["gso_code"])
