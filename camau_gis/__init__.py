"""camau-gis: coverage of community public-security models across Cà Mau's communes.

The public API is listed in ``__all__``; heavy libraries (geopandas, folium,
matplotlib) load only when a function that needs them is called.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from . import i18n as _i18n  # noqa: F401  (the catalogue, so every error can say its message)

__version__ = "0.1.0"

#: public name -> "module:attribute"
_API = {
    "load_communes": "camau_gis.boundaries:load_communes",
    "fetch_boundaries": "camau_gis.boundaries:fetch_boundaries",
    "read_register": "camau_gis.register:read_register",
    "match_register": "camau_gis.register:match_register",
    "analyze": "camau_gis.analysis:analyze",
    "build": "camau_gis.pipeline:build",
    "plan": "camau_gis.planner:plan",
}

__all__ = ["__version__", *sorted(_API)]


def __getattr__(name: str) -> Any:
    if name in _API:
        module, attr = _API[name].split(":")
        return getattr(import_module(module), attr)
    raise AttributeError(f"module 'camau_gis' has no attribute {name!r}")
