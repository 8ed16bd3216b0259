"""The change map: 2019 communes under the 64 units of the merged Cà Mau province (2025).

One self-contained HTML page (Leaflet inlined unless ``online``): the 2025
units filled by how exactly they can be drawn, their outlines on top, and
the 2019 boundaries as dashed lines in between; divided 2019 communes in
red. Each 2025 unit's tooltip lists its predecessors (parts of divided
communes marked); each 2019 commune's tooltip names its successor(s).
The data travel as one JSON payload (``<script id="camau-change-data">``)
that :func:`read_change_payload` returns, for tests and tools.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import folium
    import geopandas as gpd

PAYLOAD_ID = "camau-change-data"
_PAYLOAD_RE = re.compile(
    r'<script type="application/json" id="' + PAYLOAD_ID + r'">(.*?)</script>', re.DOTALL)

#: Colours: exact 2025 units, approximate ones (hold part of a divided commune), lines.
COLOURS = {"exact": "#9ecae1", "approx": "#fdd0a2", "new_line": "#08306b",
           "old_line": "#525252", "divided": "#cb181d"}

def _figures(row: Any, t: dict[str, str]) -> str:
    """Models and criterion 19 of a unit carried by ``to_2025`` (empty for bare polygons)."""
    if not hasattr(row, "n_models"):
        return ""
    if hasattr(row, "in_data") and not row.in_data:
        return f"<br>{_e(t['no_data'])}"
    status = t.get(f"c19_{row.c19_status}", str(row.c19_status))
    return f"<br>{_e(t['models'])}: {int(row.n_models)} · {_e(t['c19'])}: {_e(status)}"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _rounded(gdf: gpd.GeoDataFrame, decimals: int = 5) -> gpd.GeoDataFrame:
    import numpy as np
    import shapely

    out = gdf.to_crs("EPSG:4326")
    out = out.set_geometry(shapely.transform(np.asarray(out.geometry.values, dtype=object),
                                             lambda xy: np.round(xy, decimals)))
    return out


def change_payload(
    old: gpd.GeoDataFrame,
    new: gpd.GeoDataFrame | None = None,
    *,
    lang: str | None = None,
    boundaries: str = "",
) -> dict[str, Any]:
    """Build the data of the change map.

    Parameters
    ----------
    old : GeoDataFrame
        2019 communes (vintage 2019, ``gso_code``), usually 165 rows.
    new : GeoDataFrame, optional
        2025 units from :func:`camau_gis.crosswalk.dissolve_2025` (or the
        ``communes`` of an analysis carried by ``to_2025``); default: dissolved
        from ``old``.
    lang : {"vi", "en"}
        Language of every text.
    boundaries : str
        Credit of the 2019 boundaries.

    Returns
    -------
    dict
        ``{"lang", "labels", "old", "new"}``; ``old``/``new`` are GeoJSON
        FeatureCollections whose properties carry codes, names, the
        predecessors/successors and a ready ``tooltip`` (HTML-escaped).
    """
    from ..crosswalk import crosswalk_table, dissolve_2025, links_table, source_text
    from ..crosswalk.vintage import vintage_of
    from ..errors import CrosswalkError
    from ..i18n import LABELS, Msg, check_lang
    from ..i18n import t as i18n_t

    lang = check_lang(lang)
    t = {k[4:]: i18n_t(k, lang) for k in LABELS if k.startswith("chg_")}
    if vintage_of(old, Msg("vint_old")) != "2019":
        raise CrosswalkError(Msg("chgm_old_vintage"))
    if new is None:
        new = dissolve_2025(old, lang=lang)
    elif vintage_of(new, Msg("vint_new")) != "2025":
        raise CrosswalkError(Msg("chgm_new_vintage"))
    cw = crosswalk_table(lang).set_index("old_code")
    links = links_table()
    new_names = dict(zip(links["new_code"], links["new_name"], strict=True))

    old_features = []
    for row in _rounded(old[old["gso_code"].isin(cw.index)]).itertuples():
        c = cw.loc[row.gso_code]
        lks = links[links["old_code"] == row.gso_code].sort_values(
            ["default", "new_code"], ascending=[False, True])
        successors = [{"code": k, "name": new_names[k], "default": bool(d)}
                      for k, d in zip(lks["new_code"], lks["default"], strict=True)]
        if c["relation"] == "divided":
            items = ", ".join(
                f"{_e(s['name'])} ({_e(s['code'])})"
                + (f" – <i>{_e(t['default'])}</i>" if s["default"] else "") for s in successors)
            fate = f"{_e(t['split'])}: {items}"
        else:
            fate = f"{_e(t['into'])}: {_e(c['new_name'])} ({_e(c['new_code'])})"
        step = (f"<br>{_e(t['step'])}: {_e(c['step_2024'])}" if c["step_2024"] else "")
        tooltip = (f"<b>{_e(c['old_name'])}</b>, {_e(c['old_dist'])}, {_e(c['old_prov'])}"
                   f"<br>{_e(t['code_old'])}: {_e(row.gso_code)}{step}<br>{fate}")
        old_features.append({
            "type": "Feature", "geometry": row.geometry.__geo_interface__,
            "properties": {"code": row.gso_code, "name": c["old_name"],
                           "district": c["old_dist"], "province": c["old_prov"],
                           "vintage": "2019", "relation": c["relation"],
                           "successors": successors, "tooltip": tooltip},
        })

    new_features = []
    for row in _rounded(new[~new.geometry.isna() & ~new.geometry.is_empty]).itertuples():
        lks = links[links["new_code"] == row.gso_code].sort_values("old_code")
        preds = [{"code": o, "name": cw.loc[o, "old_name"], "district": cw.loc[o, "old_dist"],
                  "part": rel == "divided"}
                 for o, rel in zip(lks["old_code"], lks["relation"], strict=True)]
        items = "".join(
            f"<li>{_e(p['name'])}, {_e(p['district'])} ({_e(p['code'])})"
            + (f" – <i>{_e(t['part'])}</i>" if p["part"] else "") + "</li>" for p in preds)
        note = f"<br><i>{_e(row.geom_note)}</i>" if row.geom_note else ""
        figures = _figures(row, t)
        tooltip = (f"<b>{_e(row.name)}</b> ({_e(t['code_new'])}: {_e(row.gso_code)})"
                   f"{figures}<br>{_e(t['from'])}<ul>{items}</ul>{note}")
        new_features.append({
            "type": "Feature", "geometry": row.geometry.__geo_interface__,
            "properties": {"code": row.gso_code, "name": row.name, "unit_type": row.unit_type,
                           "vintage": "2025", "geom_exact": bool(row.geom_exact),
                           "predecessors": preds, "geom_note": row.geom_note,
                           "tooltip": tooltip},
        })
    labels = {k: t[k] for k in ("title", "subtitle", "new_layer", "old_layer", "exact",
                                "approx", "old_line", "divided")}
    labels["source"] = t["source"].format(source=source_text(lang), boundaries=boundaries or "—")
    return {"lang": lang, "labels": labels, "colours": COLOURS,
            "old": {"type": "FeatureCollection", "features": old_features},
            "new": {"type": "FeatureCollection", "features": new_features}}


_JS = """
var data = JSON.parse(document.getElementById("%(pid)s").textContent);
var C = data.colours, L_ = data.labels;
map.createPane("oldLines"); map.getPane("oldLines").style.zIndex = 410;
map.createPane("newLines"); map.getPane("newLines").style.zIndex = 420;
map.getPane("newLines").style.pointerEvents = "none";
function tip(f, layer) { layer.bindTooltip(f.properties.tooltip, {sticky: true}); }
var fills = L.geoJSON(data.new, {
  style: function (f) { return {stroke: false, fillOpacity: 0.55,
    fillColor: f.properties.geom_exact ? C.exact : C.approx}; },
  onEachFeature: tip});
var outlines = L.geoJSON(data.new, {pane: "newLines", interactive: false,
  style: {color: C.new_line, weight: 2.5, fill: false}});
var old = L.geoJSON(data.old, {pane: "oldLines",
  style: function (f) { var d = f.properties.relation === "divided";
    return {color: d ? C.divided : C.old_line, weight: d ? 1.6 : 0.8,
            dashArray: "4 3", fill: false}; },
  onEachFeature: tip});
var units = L.layerGroup([fills, outlines]).addTo(map);
old.addTo(map);
var overlays = {}; overlays[L_.new_layer] = units; overlays[L_.old_layer] = old;
L.control.layers(null, overlays, {collapsed: false}).addTo(map);
L.control.scale({imperial: false, position: "bottomright"}).addTo(map);
map.fitBounds(fills.getBounds());
"""

_BODY = """
<div class="cg-change-title" style="position:absolute;top:10px;left:60px;z-index:1000;
 background:rgba(255,255,255,.9);padding:6px 10px;font:14px sans-serif;border-radius:4px">
 <b>{title}</b><br><span style="font-size:12px">{subtitle}</span></div>
<div class="cg-change-legend" style="position:absolute;bottom:24px;left:10px;z-index:1000;
 background:rgba(255,255,255,.9);padding:6px 10px;font:12px sans-serif;border-radius:4px">
 <div><span style="display:inline-block;width:14px;height:10px;background:{c_exact}"></span>
  {exact}</div>
 <div><span style="display:inline-block;width:14px;height:10px;background:{c_approx}"></span>
  {approx}</div>
 <div><span style="display:inline-block;width:14px;border-top:2px dashed {c_old}"></span>
  {old_line}</div>
 <div><span style="display:inline-block;width:14px;border-top:2px dashed {c_div}"></span>
  {divided}</div>
 <div style="max-width:420px;margin-top:4px;color:#555">{source}</div></div>
"""


def build_change_map(
    old: gpd.GeoDataFrame,
    new: gpd.GeoDataFrame | None = None,
    *,
    lang: str | None = None,
    online: bool = False,
    boundaries: str = "",
) -> folium.Map:
    """Build the change map (2019 communes under the 2025 units) as a Folium map.

    Parameters
    ----------
    old : GeoDataFrame
        2019 communes of Cà Mau and Bạc Liêu
        (:func:`camau_gis.crosswalk.load_merged_communes`).
    new : GeoDataFrame, optional
        2025 units; default: dissolved from ``old``.
    lang : {"vi", "en"}, optional
        Default :data:`camau_gis.settings.language`.
    online : bool
        Load Leaflet from its CDN instead of inlining it (smaller file).
    boundaries : str
        Credit of the 2019 boundaries, shown in the legend.

    Returns
    -------
    folium.Map
        Save it with :func:`save_change_map`.
    """
    import folium
    from branca.element import Element
    from folium.elements import MacroElement
    from folium.template import Template

    from ..i18n import check_lang
    from . import _assets

    lang = check_lang(lang)
    payload = change_payload(old, new, lang=lang, boundaries=boundaries)
    bounds = old.to_crs("EPSG:4326").total_bounds
    m = folium.Map(location=[(bounds[1] + bounds[3]) / 2, (bounds[0] + bounds[2]) / 2],
                   zoom_start=9, tiles=None, control_scale=False)
    if not online:
        _assets.inline_leaflet(m)
    else:
        m.default_js = [js for js in m.default_js if js[0] == "leaflet"]
        m.default_css = [css for css in m.default_css if css[0] == "leaflet_css"]
    text = _assets.json_for_html(json.dumps(payload, ensure_ascii=False, separators=(",", ":")))
    lab = payload["labels"]
    body = _BODY.format(
        title=_e(lab["title"]), subtitle=_e(lab["subtitle"]), exact=_e(lab["exact"]),
        approx=_e(lab["approx"]), old_line=_e(lab["old_line"]), divided=_e(lab["divided"]),
        source=_e(lab["source"]), c_exact=COLOURS["exact"], c_approx=COLOURS["approx"],
        c_old=COLOURS["old_line"], c_div=COLOURS["divided"])
    js = _assets.script_safe(_JS % {"pid": PAYLOAD_ID})

    class ChangeLayers(MacroElement):
        _template = Template(
            "{% macro html(this, kwargs) %}"
            '<script type="application/json" id="' + PAYLOAD_ID + '">{{ this.payload }}</script>'
            "{{ this.body }}{% endmacro %}"
            "{% macro script(this, kwargs) %}"
            "(function (map) { {{ this.js }} })({{ this._parent.get_name() }});"
            "{% endmacro %}"
        )

        def __init__(self) -> None:
            super().__init__()
            self._name = "ChangeLayers"
            self.payload, self.body, self.js = text, body, js

    m.add_child(ChangeLayers())
    title = Element(f"<title>{_e(lab['title'])}</title>")
    m.get_root().html.add_child(title)  # type: ignore[attr-defined]  # folium's Figure
    return m


def save_change_map(m: folium.Map, path: str | Path) -> Path:
    """Write the change map as one HTML file, atomically; return the path."""
    from .._atomic import write_text

    return write_text(path, m.get_root().render())


def read_change_payload(page: str | Path) -> dict[str, Any]:
    """Return the JSON payload of a saved change map (text or path of the ``.html``).

    Raises
    ------
    ValueError
        When the page holds no change-map payload.
    """
    text = Path(page).read_text(encoding="utf-8") if isinstance(page, Path) else str(page)
    match = _PAYLOAD_RE.search(text)
    if not match:
        raise ValueError(f"no <script id={PAYLOAD_ID!r}> payload; is this a change map "
                         "saved by camau_gis.render.change_map.save_change_map?")
    return json.loads(match.group(1))
