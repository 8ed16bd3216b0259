"""Official 2025 boundaries: a polygon file of the 64 units, used instead of the dissolve.

Without one, the 2025 polygons are dissolved from the 2019 communes
(:func:`camau_gis.crosswalk.dissolve_2025`) and are approximate where a 2019
commune was divided. A file holding the 2025 units with their GSO 2025 codes
(a code column; names optional but checked) gives exact polygons.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BoundaryError
from ..i18n import Msg
from ..schema import VINTAGE_2025

if TYPE_CHECKING:
    import geopandas as gpd

#: Share of a file's rows that must carry a 2025 code (and, if named, a 2025 name).
MIN_SHARE = 0.9


def _code_column(gdf: gpd.GeoDataFrame, codes: set[str]) -> str | None:
    best, score = None, 0.0
    for col in gdf.columns:
        if col == gdf.geometry.name:
            continue
        values = gdf[col].map(lambda v: str(v).strip().split(".")[0] if v is not None else "")
        values = values.map(lambda v: v.zfill(5) if re.fullmatch(r"\d{4,5}", v) else v)
        share = float(values.isin(codes).mean()) if len(values) else 0.0
        if share > score:
            best, score = col, share
    return best if score >= MIN_SHARE else None


def _name_column(gdf: gpd.GeoDataFrame, names: dict[str, str], code_col: str) -> str | None:
    from ..text import name_key, split_unit_type

    keys = {name_key(split_unit_type(n)[1]) for n in names.values()}
    for col in gdf.columns:
        if col in (code_col, gdf.geometry.name) or gdf[col].dtype.kind not in "OUS":
            continue
        vals = gdf[col].astype(str).map(lambda v: name_key(split_unit_type(v)[1]))
        if len(vals) and float(vals.isin(keys).mean()) >= MIN_SHARE:
            return col
    return None


def read_2025_boundaries(path: str | Path, *, strict: bool = True) -> gpd.GeoDataFrame | None:
    """Read a file of 2025-unit polygons of the merged Cà Mau province.

    Parameters
    ----------
    path : str or Path
        Any polygon file GDAL reads.
    strict : bool
        Raise when the file is not a 2025 file; else return None.

    Returns
    -------
    GeoDataFrame or None
        ``gso_code``, ``name`` (official 2025 name), ``file_name`` (as in the
        file, or ``""``), geometry in EPSG:4326; ``attrs["vintage"]`` ``"2025"``.

    Raises
    ------
    BoundaryError
        ``strict`` and the file has no column of 2025 codes, a code twice, or
        names that contradict their codes (each listed).
    """
    from ..io.boundaries import read_polygons
    from ..text import name_key, split_unit_type
    from .tables import new_units_table

    units = new_units_table()
    names = dict(zip(units["gso_code"], units["name"], strict=True))
    gdf = read_polygons(path)
    col = _code_column(gdf, set(names))
    if col is None:
        if not strict:
            return None
        raise BoundaryError(Msg("b25_no_code_col", path=path, share=f"{MIN_SHARE:.0%}"))
    codes = gdf[col].map(lambda v: str(v).strip().split(".")[0].zfill(5))
    name_col = _name_column(gdf, names, col)
    if not strict and name_col is None and len(gdf) > len(names):
        return None
    problems = []
    dup = sorted(set(codes[codes.duplicated()]))
    if dup:
        problems.append(Msg("b25_dup_codes", codes=", ".join(dup)))
    if name_col is not None:
        for code, given in zip(codes, gdf[name_col].astype(str), strict=True):
            if code in names and name_key(split_unit_type(given)[1]) != name_key(
                    split_unit_type(names[code])[1]):
                problems.append(Msg("b25_name_differs", code=code, name=names[code], given=given))
    if problems:
        if not strict:
            return None
        raise BoundaryError(Msg("b25_not_2025", path=path, problems=problems[:10], col=col))
    import geopandas as gpd

    out = gpd.GeoDataFrame({
        "gso_code": codes.to_numpy(),
        "name": [names.get(c, "") for c in codes],
        "file_name": gdf[name_col].astype(str).to_numpy() if name_col else "",
    }, geometry=gdf.geometry.to_crs("EPSG:4326").make_valid().to_numpy(), crs="EPSG:4326")
    out = out[out["gso_code"].isin(names)].reset_index(drop=True)
    out.attrs["vintage"] = VINTAGE_2025
    out.attrs["source"] = str(path)
    return out


def is_2025_file(path: str | Path | None) -> bool:
    """Say whether ``path`` is a one-layer polygon file of the 2025 units (codes, names agree)."""
    import warnings

    if path is None or Path(path).suffix.lower() in (".rda", ".zip") or not Path(path).is_file():
        return False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:  # a cheap look first: one layer, and a file of 64 units is small
            import pyogrio

            if len(pyogrio.list_layers(str(path))) != 1:
                return False
            if int(pyogrio.read_info(str(path))["features"]) > 100:
                return False
        except Exception:  # noqa: BLE001 - not a file GDAL reads: not ours to judge
            return False
        try:
            return read_2025_boundaries(path, strict=False) is not None
        except BoundaryError:
            return False


def use_official(new: gpd.GeoDataFrame, official: gpd.GeoDataFrame, lang: str
                 ) -> gpd.GeoDataFrame:
    """Draw the 2025 units with the official polygons; units the file lacks keep the dissolve."""
    from .. import settings

    geo = official.dissolve(by="gso_code")["geometry"]
    have = new["gso_code"].isin(geo.index)
    out = new.copy()
    out.loc[have, "geometry"] = out.loc[have, "gso_code"].map(geo).to_numpy()
    out["area_km2"] = out.to_crs(settings.metric_crs).area / 1e6
    out.loc[have, "geom_exact"] = True
    out.loc[have, "geom_note"] = ""
    out.attrs["official"] = official.attrs.get("source", "")
    return out
