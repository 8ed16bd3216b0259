"""Texts of the interactive map shared with the static maps: names, titles, credits, search words.

Helpers of :mod:`camau_gis.render.html` that take their wording from the same
definitions as the static maps and the report (:mod:`camau_gis.render.static`,
:mod:`camau_gis.i18n`), so the HTML page and the PNG of one run say the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import t
from ..text import ascii_key
from . import _assets

if TYPE_CHECKING:
    import folium

    from ..analysis.result import Analysis


def district_map_label(name: str, lang: str) -> str:
    """Return a district's name on the map as the static maps write it (``"TP. Cà Mau"``)."""
    from ..text import strip_district_prefix
    from .static import district_label

    return district_label(name, strip_district_prefix(name), lang)


def district_display(name: str, lang: str) -> str:
    """Return a district's name in lists and popups: the official name, or its English form.

    A city or town (``Thành phố``/``Thị xã``) is named as the catalogue's
    ``html_district_city`` says: its official name in Vietnamese, its map label
    (``"Cà Mau City"``) in English; other districts by ``html_district_named``.
    """
    from ..text import strip_district_prefix

    short = strip_district_prefix(name)
    if name.lower().startswith(("thành phố", "thị xã")):
        return t("html_district_city", lang).format(full=name,
                                                    label=district_map_label(name, lang))
    return t("html_district_named", lang).format(full=name, short=short)


#: Words that name a unit type in a search, diacritics-free: what staff type before a name.
_SEARCH_WORDS = {"xã": ("xa", "x"), "phường": ("phuong", "p"), "thị trấn": ("thi tran", "tt"),
                 "thành phố": ("thanh pho", "tp"), "huyện": ("huyen", "h")}


def search_prefixes(lang: str) -> dict[str, str]:
    """Folded search word -> unit type, with the unit names of ``lang`` (``"ward"``)."""
    out = {w: unit for unit, words in _SEARCH_WORDS.items() for w in words}
    for unit in ("xã", "phường", "thị trấn"):
        out.setdefault(ascii_key(t(f"unit_{unit}", lang)), unit)
    return out


def subtitle(result: Analysis, lang: str) -> str:
    """Return the static maps' subtitle (province, year, data date, units)."""
    from .static import subtitle as static_subtitle

    try:
        return static_subtitle(result, lang)
    except (KeyError, IndexError, TypeError, ValueError):  # hand-made tables without a province
        return ""


def credit(result: Analysis, lang: str) -> str:
    """Return the credit line the static maps and the report print."""
    from .static import credit_line

    return credit_line(result, lang)


def page_head(m: folium.Map, lang: str, title: str) -> None:
    """Give the page its language (``<html lang>``), a ``<title>`` and a viewport for phones."""
    import html as _html

    from jinja2 import Template

    root = m.get_root()
    source = ("<!DOCTYPE html>\n<html lang=\"" + lang + "\">\n<head>\n"
              "    {{this.header.render(**kwargs)}}\n</head>\n<body>\n"
              "    {{this.html.render(**kwargs)}}\n</body>\n<script>\n"
              "    {{this.script.render(**kwargs)}}\n</script>\n</html>\n")
    root._template = Template(source)
    root.header.add_child(_assets.raw_element(f"<title>{_html.escape(title)}</title>"),  # type: ignore[attr-defined]
                          name="cg_title")


def short_labels(short: list[str], unit: list[str], lang: str) -> list[str]:
    """Map labels of the communes as the static maps write them (``"P.5"``, ``"Ward 5"``).

    ``""`` where the label is the short name itself (most communes: a smaller payload).
    """
    from .static import commune_label

    labels = (commune_label(s, u, lang) for s, u in zip(short, unit, strict=True))
    return [lab if lab != s else "" for lab, s in zip(labels, short, strict=True)]


