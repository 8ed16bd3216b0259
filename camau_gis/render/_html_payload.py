"""The interactive map's embedded payload: encoding the communes, and reading a page back.

Part of :mod:`camau_gis.render.html` (whose docstring documents the payload).
:func:`payload_text` writes the page's one JSON payload: the head (legends,
texts, options) and the communes, as a GeoJSON FeatureCollection
(:func:`_geojson`) or, for large layers, as a ``CompactFeatureCollection``
(:func:`_compact`: columnar properties, dictionary-coded repeats, delta-encoded
integer rings). :func:`read_payload` finds the payload in a saved page and
decodes both encodings into the same GeoJSON.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import Msg
from ..text import ascii_key
from . import _geometry

if TYPE_CHECKING:
    import numpy as np


#: ``id`` of the ``<script type="application/json">`` element holding the payload.
PAYLOAD_ID = "camau-gis-data"

_PAYLOAD_RE = re.compile(
    r'<script type="application/json" id="' + PAYLOAD_ID + r'">(.*?)</script>', re.DOTALL
)


def payload_text(head: dict, cols: dict[str, list], geoms: np.ndarray, decimals: int, *,
                 compact: bool) -> str:
    """Return the page's JSON payload: ``head`` with the communes as its last key.

    ``cols`` are the communes' property columns
    (:func:`camau_gis.render._html_columns._properties`), ``geoms`` their display
    polygons; ``compact`` picks :func:`_compact` over :func:`_geojson`.
    """
    text = json.dumps(head, ensure_ascii=False, separators=(",", ":"))
    features = _compact(cols, geoms, decimals) if compact else _geojson(cols, geoms, decimals)
    return text[:-1] + ',"communes":' + features + "}"


#: Properties the page derives itself in the compact encoding (see :func:`_compact`).
_DERIVED = ("search", "unit_label")


def _geojson(cols: dict[str, list], geoms: np.ndarray, decimals: int) -> str:
    """Serialise the communes as one GeoJSON FeatureCollection.

    ``cols`` are the columns of :func:`~._html_columns._properties`. ``borders``
    (a foreign member) holds the province outline and district borders as
    runs of the rings' vertices (closing vertex dropped), as in :func:`_compact`.
    """
    import shapely

    props = _rows(cols)
    geo_json = shapely.to_geojson(geoms)
    parts = [
        '{"type":"Feature","id":' + json.dumps(p["gso_code"]) + ',"properties":'
        + json.dumps(p, ensure_ascii=False, separators=(",", ":")) + ',"geometry":'
        + (g if g is not None else "null") + "}"
        for p, g in zip(props, geo_json, strict=True)
    ]
    groups = [c or d for c, d in zip(cols["dist_code"], cols["district"], strict=True)]
    borders = _geometry.border_runs(_geometry.encode_polygons(geoms, decimals, arrays=True), groups)
    return ('{"type":"FeatureCollection","features":[' + ",".join(parts) + '],"borders":'
            + json.dumps(borders, separators=(",", ":")) + "}")


def _compact(cols: dict[str, list], geoms: np.ndarray, decimals: int) -> str:
    """Serialise the communes compactly: columnar properties, delta-encoded integer rings.

    ``cols`` are the columns of :func:`~._html_columns._properties`. The page (and
    :func:`read_payload`) turns it back into the same GeoJSON
    FeatureCollection; ``search`` and ``unit_label`` are derived there.
    ``borders`` holds the province outline and district borders as runs of
    ring vertices (:func:`camau_gis.render._geometry.border_runs`, cached
    beside the display coverage), so the page need not find shared borders.
    """
    n = len(geoms)
    columns = {k: _dict_encode(v) for k, v in cols.items() if k not in _DERIVED} if n else {}
    enc = _geometry.encode_polygons(geoms, decimals, arrays=True)
    # district borders between communes of different districts (dist_code, else the name)
    groups = [c or d for c, d in zip(cols["dist_code"], cols["district"], strict=True)]
    body = {"type": "CompactFeatureCollection", "n": n, "properties": columns,
            **_geometry.pack_polygons(enc), "borders": _geometry.border_runs(enc, groups)}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def _rows(cols: dict[str, list]) -> list[dict]:
    """Return one property dict per commune from the columns of :func:`_properties`."""
    keys = list(cols)
    return [dict(zip(keys, row, strict=True)) for row in zip(*cols.values(), strict=True)]


def _dict_encode(values: list) -> list | dict:
    """Return ``values``, or ``{"dict": uniques, "codes": indexes}`` when few values repeat.

    District names, statuses, categories and flags take a few distinct values
    over thousands of communes; codes into a small dictionary are much shorter.
    """
    try:
        uniques = list(dict.fromkeys(values))
    except TypeError:  # unhashable (label points): kept as is
        return values
    if len(uniques) > max(1, len(values) // 4):
        return values
    index = {v: i for i, v in enumerate(uniques)}
    return {"dict": uniques, "codes": [index[v] for v in values]}


def _dict_decode(column: list | dict) -> list:
    if isinstance(column, dict):
        return [column["dict"][i] for i in column["codes"]]
    return column


def read_payload(html: str | Path) -> dict:
    """Return the JSON payload embedded in a saved map (for tests and tools).

    Parameters
    ----------
    html : str or Path
        The page's text, or the path of a saved ``.html`` file.

    Raises
    ------
    ValueError
        When the page holds no payload (not a camau-gis map).
    """
    text = html
    if isinstance(html, Path) or (isinstance(html, str) and len(html) < 4096
                                  and html.endswith((".html", ".htm"))):
        text = Path(html).read_text(encoding="utf-8")
    match = _PAYLOAD_RE.search(str(text))
    if not match:
        raise ValueError(Msg("html_no_payload", id=PAYLOAD_ID))
    data = json.loads(match.group(1))
    if data.get("communes", {}).get("type") == "CompactFeatureCollection":
        data["communes"] = _decode_compact(data["communes"], data.get("labels", {}))
    return data


def _decode_compact(comp: dict, texts: dict) -> dict:
    """Turn a ``CompactFeatureCollection`` back into the GeoJSON FeatureCollection."""
    geoms = _geometry.decode_polygons(comp)
    cols = {k: _dict_decode(v) for k, v in comp["properties"].items()}
    feats = []
    for i in range(comp["n"]):
        p = {k: v[i] for k, v in cols.items()}
        code = p.get("gso_code", "")
        p["unit_label"] = texts.get(f"unit_{p.get('unit_type', '')}", p.get("unit_type", ""))
        p["search"] = ascii_key(f"{p.get('name', '')} {p.get('short_name', '')} "
                                f"{p.get('district', '')}")
        feats.append({"type": "Feature", "id": code, "properties": p, "geometry": geoms[i]})
    out: dict = {"type": "FeatureCollection", "features": feats}
    if "borders" in comp:
        out["borders"] = comp["borders"]
    return out
