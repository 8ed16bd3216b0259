"""The LISA cluster map and Moran scatter plot, and the QGIS styles of communes.gpkg."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import warnings
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from test_analysis_scenario import scenario_result

from camau_gis.analysis import neighbours as nb
from camau_gis.render import palette
from camau_gis.render.plan import lisa_figure, lisa_table, moran_figure, moran_points

esda = pytest.importorskip("esda")
libpysal = pytest.importorskip("libpysal")


@pytest.fixture(scope="module")
def result():
    return scenario_result()


def _esda_classes(result):
    c = result.communes
    pairs = nb.adjacency(c, tolerance_m=result.meta["tolerance_m"])
    w = libpysal.weights.WSP(nb.neighbour_matrix(len(c), pairs)).to_W(silence_warnings=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ml = esda.Moran_Local(c["covered"].astype(float).to_numpy(), w, transformation="r",
                              permutations=int(result.meta["permutations"]), seed=12345,
                              keep_simulations=True)
    quad = np.array(["", "HH", "LH", "LL", "HL"], dtype=object)[np.asarray(ml.q, dtype=int)]
    # esda's own simulations, each tie counted on both sides (never more significant)
    p = nb._directed_p(np.asarray(ml.Is), np.asarray(ml.sim).T)
    return np.where(p <= 0.05, quad, "ns"), np.where(np.asarray(ml.p_sim) <= 0.05, quad, "ns")


def test_lisa_map_classes_equal_esda(result):
    ours = lisa_table(result).to_numpy()
    tie_safe, raw = _esda_classes(result)
    assert (ours == tie_safe).all()
    # esda's p_sim counts a tie as "more extreme" on one side only: with a 0/1 variable
    # it may call a few more communes significant, never fewer and never another quadrant
    differ = ours != raw
    assert (ours[differ] == "ns").all() and (ours[~differ] == raw[~differ]).all()
    assert {"LL", "ns"} <= set(ours)


def test_lisa_png_shows_the_classes_with_counts_and_settings(result, tmp_path, close_figures):
    from PIL import Image

    from camau_gis.render.static import save_figure

    fig = lisa_figure(result)
    legend = fig.legends[0]
    labels = [t.get_text() for t in legend.get_texts()]
    counts = {k: int((lisa_table(result) == k).sum()) for k in ("HH", "LL", "LH", "HL", "ns")}
    assert any(f"({counts['LL']})" in s and "Thấp–Thấp" in s for s in labels)
    assert any("999 hoán vị" in t.get_text() and "0,05" in t.get_text() for t in fig.texts)
    png = save_figure(fig, tmp_path / "lisa.png", dpi=60)
    pixels = {tuple(px[:3]) for px in np.asarray(Image.open(png).convert("RGB")).reshape(-1, 3)}

    def rgb(h):
        return tuple(int(h[i:i + 2], 16) for i in (1, 3, 5))

    assert rgb(palette.LISA["LL"]) in pixels and rgb(palette.LISA["HL"]) in pixels
    svg = save_figure(lisa_figure(result), tmp_path / "lisa.svg")
    ET.parse(svg)


def test_moran_scatter_slope_is_morans_i(result, close_figures):
    z, lag, cls = moran_points(result)
    slope = float(np.polyfit(z, lag, 1)[0])  # OLS slope of the lag on z = Moran's I
    assert slope == pytest.approx(result.extra["moran"]["I"], rel=1e-6)
    fig = moran_figure(result)
    line = fig.axes[0].lines[-1]
    xs, ys = line.get_data()
    assert (ys[1] - ys[0]) / (xs[1] - xs[0]) == pytest.approx(result.extra["moran"]["I"])
    assert (cls == lisa_table(result).to_numpy()).all()


def test_html_lisa_theme_matches_the_map(result, tmp_path):
    from camau_gis.render.html import build_map, read_payload, save_map

    path = save_map(build_map(result), tmp_path / "m.html")
    payload = read_payload(path)
    theme = next(t for t in payload["themes"] if t["id"] == "lisa")
    assert {c["value"]: c["color"] for c in theme["classes"]} == palette.LISA
    assert "999" in theme["note"]
    props = {f["properties"]["gso_code"]: f["properties"]["lisa"]
             for f in payload["communes"]["features"]}
    ours = dict(zip(result.communes["gso_code"], lisa_table(result), strict=True))
    assert props == ours


# ------------------------------------------------------------------ QGIS styles


@pytest.fixture(scope="module")
def gpkg(tmp_path_factory):
    from camau_gis.export.tables import write_tables
    from camau_gis.pipeline import style_gpkg

    out = tmp_path_factory.mktemp("gpkg")
    written = write_tables(scenario_result(), out)
    style_gpkg(written)
    return written["communes.gpkg"]


def _styles(path):
    con = sqlite3.connect(path)
    try:
        return {row[0]: row[1:] for row in con.execute(
            "SELECT f_table_name, f_geometry_column, styleQML, styleSLD, useAsDefault "
            "FROM layer_styles")}
    finally:
        con.close()


def test_layer_styles_table_with_valid_qml_and_sld(gpkg):
    from camau_gis.i18n import t

    styles = _styles(gpkg)
    assert set(styles) == {"communes", "uncovered", "districts"}
    for _layer, (geom, qml, sld, default) in styles.items():
        assert geom == "geom" and default == 1
        root = ET.fromstring(qml.split("'SYSTEM'>", 1)[1])
        assert root.tag == "qgis"
        ET.fromstring(sld.encode())
    root = ET.fromstring(styles["communes"][1].split("'SYSTEM'>", 1)[1])
    renderer = root.find("renderer-v2")
    assert renderer.get("type") == "categorizedSymbol" and renderer.get("attr") == "category"
    cats = [(c.get("value"), c.get("label")) for c in renderer.iter("category")]
    assert cats == [(k, t(f"cat_{k}")) for k in palette.CATEGORY]
    colors = [s.find("layer/Option/Option[@name='color']").get("value")
              for s in renderer.iter("symbol")]
    for color, hexc in zip(colors, palette.CATEGORY.values(), strict=True):
        assert color == ",".join(str(int(hexc[i:i + 2], 16)) for i in (1, 3, 5)) + ",255"
    sld = ET.fromstring(styles["communes"][2].encode())
    ns = {"se": "http://www.opengis.net/se", "ogc": "http://www.opengis.net/ogc"}
    fills = [p.text for p in sld.iterfind(".//se:Fill/se:SvgParameter", ns)]
    assert fills == list(palette.CATEGORY.values())
    literals = [x.text for x in sld.iterfind(".//ogc:Literal", ns)]
    assert literals == list(palette.CATEGORY)
    # gpkg_contents lists the table, so GDAL and QGIS see it as a GeoPackage table
    con = sqlite3.connect(gpkg)
    assert ("layer_styles", "attributes") in con.execute(
        "SELECT table_name, data_type FROM gpkg_contents").fetchall()
    con.close()


_QGIS_PROBE = r"""
import json, os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import QgsApplication, QgsVectorLayer
app = QgsApplication([], False); app.initQgis()
out = {}
for name in ("communes", "uncovered", "districts"):
    lay = QgsVectorLayer(sys.argv[1] + "|layername=" + name, name, "ogr")
    r = lay.renderer()
    item = {"valid": lay.isValid(), "type": r.type()}
    if r.type() == "categorizedSymbol":
        item["field"] = r.classAttribute()
        item["classes"] = [[c.value(), c.label(), c.symbol().color().name()] for c in r.categories()]
    if r.type() == "graduatedSymbol":
        item["field"] = r.classAttribute()
        item["classes"] = [[g.label(), g.symbol().color().name()] for g in r.ranges()]
    out[name] = item
print("__QGIS__" + json.dumps(out, ensure_ascii=False), flush=True)
os._exit(0)  # QGIS 3.22's exitQgis() may crash on shutdown without a display
"""


def _has_qgis() -> bool:
    py = shutil.which("python3", path="/usr/bin")
    return bool(py) and subprocess.run([py, "-c", "import qgis.core"],
                                       capture_output=True).returncode == 0


def test_qgis_opens_the_geopackage_with_our_renderer(gpkg):
    import json

    from camau_gis.i18n import t

    if not _has_qgis():
        if os.environ.get("CI") == "true":
            pytest.fail("python3-qgis is missing under CI; .ci/install_qgis.sh installs it")
        pytest.skip("Debian's python3-qgis is not installed (.ci/install_qgis.sh)")
    proc = subprocess.run(["/usr/bin/python3", "-c", _QGIS_PROBE, str(gpkg)],
                          capture_output=True, text=True, timeout=180,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    got = json.loads(proc.stdout.split("__QGIS__", 1)[1])
    assert all(v["valid"] for v in got.values())
    assert got["communes"]["type"] == "categorizedSymbol"
    assert got["communes"]["field"] == "category"
    assert got["communes"]["classes"] == [[k, t(f"cat_{k}"), c.lower()]
                                          for k, c in palette.CATEGORY.items()]
    assert got["uncovered"]["type"] == "graduatedSymbol"
    assert [c[1] for c in got["uncovered"]["classes"]] == [
        palette.PRIORITY[k].lower() for k in ("top5", "top10", "rest")]
    assert got["districts"]["type"] == "singleSymbol"
