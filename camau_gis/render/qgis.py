"""QGIS layer styles inside ``communes.gpkg``: the ``layer_styles`` table (QML and SLD).

QGIS reads a GeoPackage's ``layer_styles`` table and applies the row marked
``useAsDefault`` when a layer is opened, so a GIS officer sees our map (same
classes, colours and labels as the static and HTML maps), not grey polygons.
Each styled layer gets a categorised renderer on one field:

==============  ==============  ============================================
layer           field           classes (colours: :mod:`camau_gis.render.palette`)
==============  ==============  ============================================
``communes``    ``category``    coverage categories (``cat_*`` labels)
``uncovered``   ``rank``        rank tiers 1-5, 6-10, later (graduated)
``districts``   (single)        outline only
``plan``        ``plan_status`` plan statuses (``plan_status_*`` labels)
==============  ==============  ============================================

The table follows QGIS's own schema (as ``QgsProviderRegistry`` writes it)
and is registered in ``gpkg_contents`` as an ``attributes`` table. The QML is
QGIS 3 ``renderer-v2`` XML; the SLD is OGC SLD 1.1 (``se:`` elements), so
GeoServer and other SLD readers get the same colours.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

from ..i18n import check_lang, t
from . import palette

if TYPE_CHECKING:
    from collections.abc import Iterable

#: Rank tiers of the ``uncovered`` layer, as the static priority map draws them.
RANK_TIERS = (("top5", 1, 5), ("top10", 6, 10), ("rest", 11, 1_000_000))

_CREATE = """CREATE TABLE IF NOT EXISTS layer_styles (
  id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_catalog TEXT(256), f_table_schema TEXT(256),
  f_table_name TEXT(256), f_geometry_column TEXT(256), styleName TEXT(30), styleQML TEXT,
  styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30),
  update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))"""


def _rgba(hex_color: str, alpha: int = 255) -> str:
    h = hex_color.lstrip("#")
    return ",".join(str(int(h[i:i + 2], 16)) for i in (0, 2, 4)) + f",{alpha}"


def _fill_symbol(name: str, color: str | None, outline: str = "#FFFFFF",
                 width: float = 0.26) -> str:
    style = "solid" if color else "no"
    props = {"color": _rgba(color or "#FFFFFF"), "outline_color": _rgba(outline),
             "outline_style": "solid", "outline_width": f"{width}", "outline_width_unit": "MM",
             "style": style}
    options = "".join(f'<Option name="{k}" type="QString" value="{v}"/>' for k, v in props.items())
    legacy = "".join(f'<prop k="{k}" v="{v}"/>' for k, v in props.items())
    return (f'<symbol type="fill" name="{name}" alpha="1" clip_to_extent="1" force_rhr="0">'
            f'<layer class="SimpleFill" enabled="1" locked="0" pass="0">'
            f'<Option type="Map">{options}</Option>{legacy}</layer></symbol>')


def _labeling(field: str | None) -> str:
    if not field:
        return ""
    return ('<labeling type="simple"><settings calloutType="simple">'
            f'<text-style fieldName={quoteattr(field)} fontSize="8" fontSizeUnit="Point" '
            'textColor="26,26,26,255" isExpression="0" fontFamily="Noto Sans">'
            '<text-buffer bufferDraw="1" bufferSize="0.8" bufferColor="255,255,255,255"/>'
            '</text-style><placement placement="1" placementFlags="10"/>'
            '<rendering scaleVisibility="1" scaleMin="1" scaleMax="400000" obstacle="1"/>'
            '</settings></labeling>')


def qml(field: str | None, classes: Iterable[tuple[Any, str, str]], *,
        label_field: str | None = "name", outline: str = "#FFFFFF") -> str:
    """QGIS QML: categorised renderer on ``field`` (``(value, label, colour)``), or an outline."""
    head = ("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>"
            '<qgis version="3.22.0" styleCategories="Symbology|Labeling">')
    if field is None:
        renderer = (f'<renderer-v2 type="singleSymbol" symbollevels="0" forceraster="0" '
                    f'enableorderby="0"><symbols>{_fill_symbol("0", None, outline, 0.6)}'
                    '</symbols></renderer-v2>')
    else:
        cats, syms = [], []
        ranged = False
        for k, (value, label, color) in enumerate(classes):
            if isinstance(value, tuple):  # (lower, upper): a graduated range
                ranged = True
                cats.append(f'<range lower="{value[0] - 0.5}" upper="{value[1] + 0.5}" '
                            f'label={quoteattr(label)} symbol="{k}" render="true"/>')
            else:
                cats.append(f'<category value={quoteattr(str(value))} label={quoteattr(label)} '
                            f'symbol="{k}" render="true"/>')
            syms.append(_fill_symbol(str(k), color, outline))
        kind, tag = (("graduatedSymbol", "ranges") if ranged else
                     ("categorizedSymbol", "categories"))
        renderer = (f'<renderer-v2 type="{kind}" attr={quoteattr(field)} '
                    'symbollevels="0" forceraster="0" enableorderby="0"'
                    + (' graduatedMethod="GraduatedColor">' if ranged else ">")
                    + f'<{tag}>{"".join(cats)}</{tag}><symbols>{"".join(syms)}</symbols>'
                    '</renderer-v2>')
    return head + renderer + _labeling(label_field) + "</qgis>"


def sld(layer: str, field: str | None, classes: Iterable[tuple[Any, str, str]], *,
        outline: str = "#FFFFFF") -> str:
    """OGC SLD 1.1 with one rule per class (``PropertyIsEqualTo``), or an outline rule."""
    def stroke(color: str, width: float) -> str:
        return (f'<se:Stroke><se:SvgParameter name="stroke">{color}</se:SvgParameter>'
                f'<se:SvgParameter name="stroke-width">{width}</se:SvgParameter></se:Stroke>')

    rules = []
    if field is None:
        rules.append(f"<se:Rule><se:Name>{escape(layer)}</se:Name><se:PolygonSymbolizer>"
                     f"{stroke(outline, 2)}</se:PolygonSymbolizer></se:Rule>")
    for value, label, color in classes if field is not None else ():
        name = f"<ogc:PropertyName>{escape(str(field))}</ogc:PropertyName>"
        if isinstance(value, tuple):
            test = (f"<ogc:PropertyIsBetween>{name}<ogc:LowerBoundary><ogc:Literal>{value[0]}"
                    f"</ogc:Literal></ogc:LowerBoundary><ogc:UpperBoundary><ogc:Literal>"
                    f"{value[1]}</ogc:Literal></ogc:UpperBoundary></ogc:PropertyIsBetween>")
        else:
            test = (f"<ogc:PropertyIsEqualTo>{name}<ogc:Literal>{escape(str(value))}"
                    "</ogc:Literal></ogc:PropertyIsEqualTo>")
        rules.append(
            f"<se:Rule><se:Name>{escape(label)}</se:Name><se:Description><se:Title>"
            f"{escape(label)}</se:Title></se:Description>"
            f'<ogc:Filter xmlns:ogc="http://www.opengis.net/ogc">{test}</ogc:Filter>'
            f'<se:PolygonSymbolizer><se:Fill><se:SvgParameter name="fill">{color}'
            f"</se:SvgParameter></se:Fill>{stroke(outline, 0.5)}</se:PolygonSymbolizer></se:Rule>")
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<StyledLayerDescriptor xmlns="http://www.opengis.net/sld" '
            'xmlns:ogc="http://www.opengis.net/ogc" xmlns:se="http://www.opengis.net/se" '
            'xmlns:xlink="http://www.w3.org/1999/xlink" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="1.1.0" '
            'xsi:schemaLocation="http://www.opengis.net/sld '
            'http://schemas.opengis.net/sld/1.1.0/StyledLayerDescriptor.xsd">'
            f"<NamedLayer><se:Name>{escape(layer)}</se:Name><UserStyle>"
            f"<se:Name>{escape(layer)}</se:Name><se:FeatureTypeStyle>{''.join(rules)}"
            "</se:FeatureTypeStyle></UserStyle></NamedLayer></StyledLayerDescriptor>")


def layer_classes(
    lang: str | None = None,
) -> dict[str, tuple[str | None, list[tuple[Any, str, str]]]]:
    """Styled layer -> (field, [(value, label, colour)]) — the classes of our maps."""
    from ..analysis.planning import STATUSES

    lang = check_lang(lang)
    return {
        "communes": ("category", [(k, t(f"cat_{k}", lang), c)
                                  for k, c in palette.CATEGORY.items()]),
        "uncovered": ("rank", [((lo, hi), t(f"prio_{key}", lang), palette.PRIORITY[key])
                               for key, lo, hi in RANK_TIERS]),
        "districts": (None, []),
        "plan": ("plan_status", [(k, t(f"plan_status_{k}", lang), palette.PLAN[k])
                                 for k in STATUSES]),
    }


def write_layer_styles(gpkg: str | Path, *, lang: str | None = None) -> Path:
    """Add the QGIS default styles of the layers present in ``gpkg`` (in place, replaced).

    ``gpkg`` is a file this run wrote (inside its staging folder), so it is
    changed in place; a previous ``layer_styles`` table is replaced.
    """
    lang = check_lang(lang)
    gpkg = Path(gpkg)
    con = sqlite3.connect(gpkg)
    try:
        present = {row[0]: row[1] for row in con.execute(
            "SELECT c.table_name, g.column_name FROM gpkg_contents c JOIN "
            "gpkg_geometry_columns g ON g.table_name = c.table_name")}
        con.execute("DROP TABLE IF EXISTS layer_styles")
        con.execute("DELETE FROM gpkg_contents WHERE table_name = 'layer_styles'")
        con.execute(_CREATE)
        for layer, (field, classes) in layer_classes(lang).items():
            if layer not in present:
                continue
            outline = palette.DISTRICT_EDGE if field is None else palette.COMMUNE_EDGE
            con.execute(
                "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, "
                "f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, description, "
                "owner) VALUES ('', '', ?, ?, ?, ?, ?, 1, ?, 'camau-gis')",
                (layer, present[layer], f"camau-gis {layer}",
                 qml(field, classes, label_field=None if field is None else "name",
                     outline=outline),
                 sld(layer, field, classes, outline=outline),
                 f"camau-gis: {layer} ({field or 'outline'})"))
        con.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, description, "
                    "last_change) VALUES ('layer_styles', 'attributes', 'layer_styles', "
                    "'QGIS layer styles (camau-gis)', strftime('%Y-%m-%dT%H:%M:%fZ','now'))")
        con.commit()
    finally:
        con.close()
    return gpkg
