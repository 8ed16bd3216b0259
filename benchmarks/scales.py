"""The three benchmark scales and their inputs: boundaries, canonical table, synthetic register.

Scales
------
``ca_mau``
    The 101 communes of Cà Mau (shared Shapefile), with the project's own
    register when :mod:`camau_gis.register` is available.
``mekong``
    The 13 provinces of the Mekong delta (≈1,600 communes) selected from the
    national GeoPackage, with a synthetic matched register.
``national``
    All 11,163 communes of the national GeoPackage, synthetic register.

The synthetic register (see :func:`synthetic_matched`) gives one active
commune-level model to every second commune (in GSO-code order) and a
criterion-19 row per commune for 2019 (achieved for two communes in three).
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import geopandas as gpd

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("CAMAU_GIS_SHARED_DATA", ROOT.parent / "shared" / "data"))
CA_MAU_SHP = SHARED_DATA / "boundaries" / "ca_mau_2019" / "ca_mau_communes.shp"
NATIONAL_GPKG = SHARED_DATA / "boundaries" / "vietnam_admin_2008.gpkg"

#: The 13 provinces of the Mekong delta (ASCII names of the national layer's ``province``).
MEKONG_PROVINCES: tuple[str, ...] = (
    "Long An", "Tien Giang", "Ben Tre", "Tra Vinh", "Vinh Long", "Dong Thap", "An Giang",
    "Kien Giang", "Can Tho", "Hau Giang", "Soc Trang", "Bac Lieu", "Ca Mau",
)

SCALES: tuple[str, ...] = ("ca_mau", "mekong", "national")


@dataclass(frozen=True)
class Source:
    """Where a scale's boundaries come from."""

    scale: str
    path: Path
    layer: str | None = None
    where: str | None = None

    def read_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for :func:`geopandas.read_file`."""
        kw: dict[str, Any] = {}
        if self.layer:
            kw["layer"] = self.layer
        if self.where:
            kw["where"] = self.where
        return kw


def source(scale: str) -> Source:
    """Return the boundary source of ``scale``; raise FileNotFoundError if the data is absent."""
    if scale == "ca_mau":
        src = Source(scale, CA_MAU_SHP)
    elif scale == "mekong":
        names = ", ".join(f"'{p}'" for p in MEKONG_PROVINCES)
        src = Source(scale, NATIONAL_GPKG, "communes", f"province IN ({names})")
    elif scale == "national":
        src = Source(scale, NATIONAL_GPKG, "communes")
    else:
        raise ValueError(f"unknown scale {scale!r}; use one of {SCALES}")
    if not src.path.exists():
        raise FileNotFoundError(
            f"{src.path}: shared data absent; set CAMAU_GIS_SHARED_DATA or place ../shared/data"
        )
    return src


def read_raw(scale: str, engine: str = "pyogrio", use_arrow: bool = False) -> gpd.GeoDataFrame:
    """Read a scale's boundary layer as it is in the file."""
    import geopandas as gpd

    src = source(scale)
    kw = src.read_kwargs()
    if engine == "pyogrio":
        kw["use_arrow"] = use_arrow
    return gpd.read_file(src.path, engine=engine, **kw)


def canonical(scale: str) -> gpd.GeoDataFrame:
    """Canonical commune table of a scale (:data:`camau_gis.schema.COMMUNE_COLUMNS`).

    Cà Mau goes through :func:`camau_gis.boundaries.load_communes`. The larger
    scales are built province by province with
    :func:`camau_gis.normalize.communes.to_canonical` (the public loader takes
    one province), then concatenated. Units that cannot be coded keep an empty
    ``gso_code`` and get a unique placeholder code ``"x<row>"`` here so that
    joins stay one-to-one; no row is dropped.
    """
    import pandas as pd

    from camau_gis.errors import CodingWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CodingWarning)
        if scale == "ca_mau":
            from camau_gis.boundaries import load_communes

            table = load_communes(source(scale).path)
        else:
            raw = read_raw(scale)
            parts = [_canonical_parts(group, name) for name, group in raw.groupby("province")]
            table = pd.concat([p for ps in parts for p in ps], ignore_index=True)
            import geopandas as gpd

            table = gpd.GeoDataFrame(table, geometry="geometry", crs="EPSG:4326")
    table.attrs["uncoded"] = int((table["gso_code"] == "").sum())
    dup = table["gso_code"].duplicated(keep="first") & (table["gso_code"] != "")
    table.attrs["duplicate_codes"] = int(dup.sum())
    empty = (table["gso_code"] == "") | dup
    if empty.any():
        table.loc[empty, "gso_code"] = [f"x{i:05d}" for i in table.index[empty]]
    return table


def _canonical_parts(raw: gpd.GeoDataFrame, province: str) -> list[gpd.GeoDataFrame]:
    """``to_canonical`` of one province; where it refuses duplicate codes, go by district, then row.

    The national layer (2008 boundaries) holds units that map to one 2019 GSO
    code twice (e.g. in Long An and Quảng Trị); :func:`canonical` then gives
    the second one a placeholder code.
    """
    from camau_gis.errors import BoundaryError
    from camau_gis.normalize.communes import to_canonical

    try:
        return [to_canonical(raw, province=province)]
    except BoundaryError:
        if raw["district"].nunique() > 1:
            return [p for _, g in raw.groupby("district")
                    for p in _canonical_parts(g, province)]
        return [to_canonical(raw.iloc[[i]], province=province) for i in range(len(raw))]


def synthetic_matched(communes: gpd.GeoDataFrame) -> Any:
    """Build a matched register for ``communes``: a model per second commune, c19 for all.

    Returns :class:`camau_gis.register.MatchedRegister` when that class takes
    the documented fields, else a namespace with the same attributes
    (``models``, ``c19``, ``report``, ``illustrative``, ``sources``).
    """
    import pandas as pd

    from camau_gis.schema import C19_COLUMNS, MATCH_REPORT_COLUMNS, MODEL_COLUMNS

    codes = communes["gso_code"].astype(str).sort_values().reset_index(drop=True)
    by_code = communes.set_index("gso_code")
    kinds = ("Tổ tự quản", "Camera an ninh", "Dân vận khéo")
    chosen = codes.iloc[::2].reset_index(drop=True)
    models = pd.DataFrame({
        "model_id": [f"S{i:05d}" for i in range(len(chosen))],
        "name": [f"Mô hình {i}" for i in range(len(chosen))],
        "kind": [kinds[i % 3] for i in range(len(chosen))],
        "level": "xã",
        "commune": by_code.loc[chosen, "name"].to_numpy(),
        "district": by_code.loc[chosen, "district"].to_numpy(),
        "gso_code": chosen.to_numpy(),
        "year_start": pd.array([2015 + i % 5 for i in range(len(chosen))], dtype="Int64"),
        "year_end": pd.array([None] * len(chosen), dtype="Int64"),
        "ntm_pilot": pd.array([i % 4 == 0 for i in range(len(chosen))], dtype="boolean"),
        "board_reg": pd.array([True] * len(chosen), dtype="boolean"),
        "lead_unit": "Công an xã",
        "lon": float("nan"),
        "lat": float("nan"),
        "notes": "",
        "source": "illustrative",
    })[list(MODEL_COLUMNS)]
    models["_file"], models["_sheet"], models["_row"] = "synthetic", "", range(2, len(models) + 2)
    models["match_code"] = models["gso_code"]
    achieved = pd.array([i % 3 != 0 for i in range(len(codes))], dtype="boolean")
    c19 = pd.DataFrame({
        "commune": by_code.loc[codes, "name"].to_numpy(),
        "district": by_code.loc[codes, "district"].to_numpy(),
        "gso_code": codes.to_numpy(),
        "year": pd.array([2019] * len(codes), dtype="Int64"),
        "achieved": achieved,
        "c19_1": achieved,
        "c19_2": achieved,
        "first_year": pd.array([2017 if a else None for a in achieved], dtype="Int64"),
        "assessed_on": "2019-12-31",
        "basis": "synthetic",
        "source": "illustrative",
    })[list(C19_COLUMNS)]
    c19["_file"], c19["_sheet"], c19["_row"] = "synthetic", "", range(2, len(c19) + 2)
    c19["match_code"] = c19["gso_code"]
    report = pd.DataFrame(columns=list(MATCH_REPORT_COLUMNS))
    fields = dict(models=models, c19=c19, report=report, illustrative=True,
                  sources=["synthetic register (benchmarks/scales.py)"])
    try:
        from camau_gis.register import MatchedRegister

        return MatchedRegister(**fields)
    except (ImportError, TypeError):
        from types import SimpleNamespace

        return SimpleNamespace(**fields)


def real_matched(communes: gpd.GeoDataFrame) -> Any:
    """Match the project's default register to ``communes`` (Cà Mau only)."""
    from camau_gis.register import match_register, read_register

    return match_register(read_register(), communes)


def analysis(scale: str, communes: gpd.GeoDataFrame | None = None) -> tuple[Any, str]:
    """Analysis of a scale and how its register was made (``"register"`` or ``"synthetic"``)."""
    from camau_gis.analysis import analyze

    communes = canonical(scale) if communes is None else communes
    kind = "synthetic"
    matched = None
    if scale == "ca_mau":
        try:
            matched = real_matched(communes)
            kind = "register"
        except Exception as exc:  # register stage missing or broken: say so, go synthetic
            matched = None
            kind = f"synthetic (project register failed: {type(exc).__name__})"
    if matched is None:
        matched = synthetic_matched(communes)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return analyze(communes, matched), kind
