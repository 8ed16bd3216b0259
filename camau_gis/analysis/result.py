"""The result of an analysis run: every table the renderers and writers read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd


@dataclass
class Analysis:
    """Tables produced by :func:`camau_gis.analyze`.

    Attributes
    ----------
    communes : GeoDataFrame
        Canonical commune table plus :data:`camau_gis.schema.INDICATOR_COLUMNS`.
    models : DataFrame
        Register models with ``match_code`` (GSO code, ``""`` if unmatched).
    c19 : DataFrame
        Criterion-19 rows with ``match_code``.
    uncovered : DataFrame
        Communes without a commune-level model, ranked (``rank``, ``reasons``).
    districts : DataFrame
        One row per district plus a province total row.
    match_report : DataFrame
        Register rows that need attention (:data:`camau_gis.schema.MATCH_REPORT_COLUMNS`).
    summary : dict
        Province figures, reconciliation and metadata (written as ``summary.json``).
    year : int or None
        The year whose state the indicators describe.
    illustrative : bool
        True when any illustrative register row was used ("Dữ liệu minh họa").
    meta : dict
        Data date, boundary source and licence, register source, language.
    extra : dict
        Further tables (adjacency, clusters, LISA, year comparison…).
    """

    communes: gpd.GeoDataFrame
    models: pd.DataFrame
    c19: pd.DataFrame
    uncovered: pd.DataFrame
    districts: pd.DataFrame
    match_report: pd.DataFrame
    summary: dict[str, Any]
    year: int | None = None
    illustrative: bool = False
    meta: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
