"""Inline web assets: Leaflet from the installed XStatic-Leaflet package, and our own templates.

Nothing here is copied into the repository: Leaflet's JavaScript, CSS and
images are read from the ``xstatic.pkg.leaflet`` package installed from PyPI
(``XStatic-Leaflet``); the CSS's image URLs become ``data:`` URIs so the page
makes no request. Our own JavaScript/CSS snippets live in
``camau_gis/render/templates/``.
"""

from __future__ import annotations

import base64
import functools
import re
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import AssetError, CamauGisError  # noqa: F401  (AssetError re-exported)
from ..i18n import Msg

_CLOSE_TAG = re.compile(r"</(script|style)", re.IGNORECASE)


def _leaflet_dir() -> Path:
    try:
        import xstatic.pkg.leaflet as xs_leaflet
    except ImportError as exc:  # pragma: no cover - dependency of the package
        raise AssetError(Msg("asset_no_leaflet")) from exc
    return Path(xs_leaflet.BASE_DIR)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise AssetError(Msg("asset_unreadable", path=path, exc=exc)) from exc


@functools.cache
def leaflet_js() -> str:
    """Return the minified Leaflet JavaScript, safe to place inside ``<script>``."""
    return script_safe(_read(_leaflet_dir() / "leaflet.js"))


@functools.cache
def leaflet_css() -> str:
    """Return Leaflet's CSS with its ``url(images/…)`` references inlined as data URIs."""
    base = _leaflet_dir()
    css = _read(base / "leaflet.css")

    def _inline(match: re.Match[str]) -> str:
        rel = match.group(1).strip("'\"")
        img = base / rel
        if not img.is_file():
            return match.group(0)
        data = base64.b64encode(img.read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    return script_safe(re.sub(r"url\(([^)]+\.png)\)", _inline, css))


@functools.cache
def template(name: str) -> str:
    """Return one of our own snippets from ``camau_gis/render/templates/`` (UTF-8)."""
    try:
        return resources.files("camau_gis.render").joinpath("templates", name).read_text(
            encoding="utf-8"
        )
    except (OSError, FileNotFoundError) as exc:
        raise AssetError(Msg("asset_no_template", name=repr(name))) from exc


@functools.cache
def script(folder: str = "js") -> str:
    """Return the page script: the ``.js`` files of ``templates/<folder>/`` joined in name order.

    The map's script is kept in several files (``00_data.js``, ``10_geometry.js``,
    …) that share one function scope in the page; their names fix the order.
    """
    try:
        base = resources.files("camau_gis.render").joinpath("templates", folder)
        names = sorted(e.name for e in base.iterdir() if e.name.endswith(".js"))
        parts = [f"/* {n} */\n" + base.joinpath(n).read_text(encoding="utf-8") for n in names]
    except (OSError, FileNotFoundError) as exc:
        raise AssetError(Msg("asset_no_script_folder", folder=repr(folder))) from exc
    if not parts:
        raise AssetError(Msg("asset_no_js", folder=folder))
    return "\n".join(parts)


def script_safe(text: str) -> str:
    """Escape ``</script`` and ``</style`` so ``text`` cannot close its inline element."""
    return _CLOSE_TAG.sub(lambda m: "<\\/" + m.group(1), text)


def json_for_html(text: str) -> str:
    r"""Make serialised JSON safe inside ``<script type="application/json">``.

    ``<``, ``>`` and ``&`` become ``\\u003c``, ``\\u003e``, ``\\u0026``: the
    browser's HTML parser then sees no tag (no ``</script>``, no ``<!--``)
    inside register text, and ``JSON.parse`` restores the characters
    unchanged. U+2028/U+2029 are escaped too, so the text stays valid if it
    is ever embedded as a JavaScript literal.
    """
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def raw_element(text: str) -> Any:
    """Return a branca Element whose text is output as is (never parsed by Jinja).

    branca turns rendered macro output into new templates, so register text
    holding ``{{ … }}`` would be evaluated; our elements bypass that.
    """
    from branca.element import Element

    el = Element("{{ this.text }}")
    el.text = text  # type: ignore[attr-defined]  # read by the template above
    return el


def inline_leaflet(m: Any) -> None:
    """Replace Folium's CDN links of map ``m`` with Leaflet inlined from XStatic-Leaflet."""
    m.default_js = []
    m.default_css = []
    header = m.get_root().header
    header.add_child(raw_element(f"<style>{leaflet_css()}</style>"), name="leaflet_css")
    header.add_child(raw_element(f"<script>{leaflet_js()}</script>"), name="leaflet")
