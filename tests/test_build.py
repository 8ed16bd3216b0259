"""The main job end to end on the real Cà Mau boundaries and the example register.

One `camau-gis build` run (a subprocess, as a user runs it); every test reads
what that run wrote: the HTML's embedded GeoJSON, the PNG's pixels, the
GeoPackage, the CSV tables and summary.json.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from html.parser import HTMLParser

import pytest


@pytest.fixture(scope="module")
def built(ca_mau_shp, tmp_path_factory):
    out = tmp_path_factory.mktemp("outputs")
    proc = subprocess.run(
        [sys.executable, "-m", "camau_gis", "build", "--boundaries", str(ca_mau_shp),
         "--out", str(out)],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    return out


class _Scripts(HTMLParser):
    """Collect <script>/<link> sources and the text of <script> elements by id."""

    def __init__(self) -> None:
        super().__init__()
        self.sources: list[str] = []
        self.by_id: dict[str, str] = {}
        self._current: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            if a.get("src"):
                self.sources.append(a["src"])
            self._current = a.get("id")
            if self._current:
                self.by_id[self._current] = ""
        elif tag == "link" and a.get("href"):
            self.sources.append(a["href"])

    def handle_endtag(self, tag):
        if tag == "script":
            self._current = None

    def handle_data(self, data):
        if self._current:
            self.by_id[self._current] += data


def _example_counts():
    """Commune-level models per commune, counted straight from the example CSV."""
    from camau_gis.register import read_register

    models = read_register().models
    xa = models[models["level"] == "xã"]
    return len(models), xa


def test_html_is_self_contained_and_embeds_101_joined_features(built):
    page = _Scripts()
    page.feed((built / "coverage_map.html").read_text(encoding="utf-8"))
    assert not [s for s in page.sources if s.startswith(("http://", "https://", "//"))]
    payload = json.loads(page.by_id["camau-gis-data"])
    features = payload["communes"]["features"]
    assert len(features) == 101
    props = {f["properties"]["gso_code"]: f["properties"] for f in features}
    assert len(props) == 101
    assert sum(p["n_models"] for p in props.values()) == 84
    assert sum(p["covered"] for p in props.values()) == 82
    # the seed's named communes: Hiệp Tùng and Tam Giang Tây hold two models each
    assert props["32197"]["n_models"] == 2 and props["32233"]["n_models"] == 2
    assert props["32197"]["name"] == "Xã Hiệp Tùng" and props["32197"]["c19_status"] == "achieved"
    # every phường and thị trấn is uncovered in the example register
    assert {p["unit_type"] for p in props.values() if not p["covered"]} == {"phường", "thị trấn"}
    assert payload["summary"] and "Dữ liệu minh họa" in json.dumps(payload, ensure_ascii=False)


def test_png_is_wide_and_not_blank(built):
    import numpy as np
    from PIL import Image

    with Image.open(built / "coverage_map.png") as img:
        assert img.width >= 2000
        rgb = np.asarray(img.convert("RGB").resize((img.width // 8, img.height // 8)))
    pixels = rgb.reshape(-1, 3)
    non_white = (pixels.sum(axis=1) < 720).mean()
    assert non_white > 0.15
    assert len(np.unique(pixels, axis=0)) > 50


def test_geopackage_opens_with_joined_fields(built):
    import pyogrio

    layers = {name for name, _ in pyogrio.list_layers(built / "communes.gpkg")}
    assert {"communes", "uncovered", "districts"} <= layers
    communes = pyogrio.read_dataframe(built / "communes.gpkg", layer="communes")
    assert len(communes) == 101
    assert communes["n_models"].sum() == 84
    assert communes["gso_code"].is_unique


def test_every_example_row_is_joined_or_reported(built, ca_mau_communes):
    from camau_gis.register import match_register, read_register

    with open(built / "match_report.csv", encoding="utf-8-sig", newline="") as fh:
        report = list(csv.DictReader(fh))
    total, xa = _example_counts()
    assert total == 150 and len(xa) == 84
    matched = match_register(read_register(), ca_mau_communes)
    models = matched.models
    joined = int((models["match_code"] != "").sum())
    above_commune = int((models["level"] != "xã").sum())
    reported = {int(r["row"]) for r in report if r["table"] == "models"}
    # nothing lost: each commune-level row is joined or in the report
    assert joined + len(reported) == total - above_commune
    assert joined == 84 and not report


def test_uncovered_table_and_summary(built):
    with open(built / "uncovered_communes.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    header, body = rows[0], rows[1:]
    assert len(body) == 19
    assert "Tên đơn vị" in header and "Lý do" in header
    summary = json.loads((built / "summary.json").read_text(encoding="utf-8"))
    assert summary["illustrative"] is True and summary["note"] == "Dữ liệu minh họa"
    assert summary["province"]["units"] == 101
    assert summary["province"]["models_commune_level"] == 84
    assert summary["province"]["covered"] == 82
    assert summary["match_report"]["rows"] == 0
