"""The contracts between the stages: what each stage hands to the next.

Defined here, below every stage that produces or consumes them, so that
``analysis`` types its inputs without importing the register stage and the
renderers read metadata by documented keys instead of guessing:

- :class:`Register`: a register as read (``register.read_register``);
- :class:`MatchedRegister`: a register joined to the communes (``register.match_register``);
- :class:`Analysis`: every table of one analysis run (``analysis.analyze``), with
- :class:`Meta`: its metadata (sources, licence, vintage, language, inputs).

Column lists of the tables are in :mod:`camau_gis.schema`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypedDict

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd


class Meta(TypedDict, total=False):
    """Metadata of an :class:`Analysis`: every key a renderer or writer may read.

    All keys are optional; writers of a key are named in brackets.
    """

    #: Language of the texts computed by the analysis, ``"vi"`` or ``"en"`` [analyze, build].
    lang: str
    #: Language the gap reasons were written in [analyze].
    reasons_lang: str
    #: Neighbour tolerance in metres and permutation count of Moran's I / LISA [analyze].
    tolerance_m: float
    permutations: int
    #: Register files read [analyze].
    sources: list[str]
    #: Administrative vintage of the units: ``"2019"`` or ``"2025"`` [analyze, to_2025].
    vintage: str
    #: Units asked for with ``--admin`` (``"2019"`` or ``"2025"``) [build, to_2025].
    admin: str
    #: Boundary source as given (a path, or the default layer's description) [build].
    boundaries: str
    #: Licence of a boundary file that is not a known source (credit line) [caller].
    boundary_licence: str
    #: Register title(s) as the keeping office names them (credit line): one per file of
    #: ``sources``, the file's name where it has no title; set when a file has one
    #: [analyze, from :attr:`Register.titles`; or the caller].
    register_title: str | list[str]
    #: mapclassify scheme of the models-per-commune classes, shared by every map [build].
    scheme: str
    #: Data date (dd/mm/yyyy or ISO), when the caller knows it.
    data_date: str
    #: Crosswalk source (package, version, resolution) and the merged province's name [to_2025].
    crosswalk: str
    province: str
    #: The command line's input files by option (``"--register"`` -> path or None) [build].
    inputs: dict[str, Any]


def _illustrative(*frames: pd.DataFrame) -> bool:
    return any(bool((df["source"] == "illustrative").any()) for df in frames if len(df))


@dataclass
class Register:
    """A register as read: canonical tables with provenance.

    Attributes
    ----------
    models : DataFrame
        :data:`camau_gis.schema.MODEL_COLUMNS` plus ``_file``, ``_sheet``, ``_row``.
    c19 : DataFrame
        :data:`camau_gis.schema.C19_COLUMNS` plus provenance (may be empty).
    sources : list of str
        Files read.
    skipped : list of str
        What was deliberately not read, one line each with its location and
        reason: sheets without a register table (e.g. a guide), total and
        signature rows, repeated headers, rows above the header that are not
        a title.
    """

    models: pd.DataFrame
    c19: pd.DataFrame
    sources: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    #: Rows that need attention (a value that cannot be used): they stay in
    #: ``models``/``c19`` with the bad cell blank, are never joined, and are
    #: listed in the match report (:class:`camau_gis.normalize.register.Problem`).
    problems: list[Any] = field(default_factory=list)
    #: Layout rows skipped, with their reason (:class:`~camau_gis.normalize.register.SkippedRow`).
    layout: list[Any] = field(default_factory=list)
    #: What each sheet was read as: ``(file, sheet, table or "", header row or 0, why)``.
    sheets: list[tuple[str, str, str, int, str]] = field(default_factory=list)
    #: Headers of the columns not read: ``(file, sheet, header)``.
    unused: list[tuple[str, str, str]] = field(default_factory=list)
    #: Things to look at that stop no row (look-alike columns, repeated STT, totals).
    warnings: list[str] = field(default_factory=list)
    #: Columns read from each sheet: ``{(file, sheet): {field: 0-based column}}``.
    mappings: dict[tuple[str, str], dict[str, int]] = field(default_factory=dict)
    #: Cells read otherwise than typed, for the messages that quote them:
    #: ``{(file, sheet, row): {field: text as typed}}`` (a code "3219" read as "03219").
    typed: dict[tuple[str, str, int], dict[str, str]] = field(default_factory=dict)
    #: The header row of each sheet read, as written: ``{(file, sheet): [header, …]}``.
    headers: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    #: Title of each file of :attr:`sources` as its keeper wrote it above the header
    #: ("DANH SÁCH MÔ HÌNH … NĂM 2019"; NFC, whitespace collapsed), ``""`` when it has none.
    titles: list[str] = field(default_factory=list)

    @property
    def illustrative(self) -> bool:
        """True when any row has ``source == "illustrative"`` ("Dữ liệu minh họa")."""
        return _illustrative(self.models, self.c19)


@dataclass
class MatchedRegister:
    """A register joined to the communes.

    Attributes
    ----------
    models, c19 : DataFrame
        The register tables plus ``match_code`` (GSO code, ``""`` if not joined;
        models above commune level are never joined and never reported).
    report : DataFrame
        :data:`camau_gis.schema.MATCH_REPORT_COLUMNS`: one row per problem.
    sources : list of str
        Files read.
    """

    models: pd.DataFrame
    c19: pd.DataFrame
    report: pd.DataFrame
    sources: list[str] = field(default_factory=list)
    #: Layout rows of the register, skipped with their reason (see :attr:`Register.layout`).
    layout: list[Any] = field(default_factory=list)
    #: Title of each file of :attr:`sources`, ``""`` when none (see :attr:`Register.titles`).
    titles: list[str] = field(default_factory=list)

    @property
    def illustrative(self) -> bool:
        """True when any row has ``source == "illustrative"``."""
        return _illustrative(self.models, self.c19)

    def summary(self) -> dict[str, int]:
        """Count rows for a one-line summary: rows, joined, not applicable, needs attention."""
        rows = len(self.models) + len(self.c19)
        joined = int((self.models["match_code"] != "").sum() + (self.c19["match_code"] != "").sum())
        above = int(((self.models["level"] != "xã") & (self.models["match_code"] == "")).sum())
        attention = len(self.report.drop_duplicates(["file", "sheet", "row", "table"]))
        return {
            "rows": rows,
            "models": len(self.models),
            "c19": len(self.c19),
            "joined": joined,
            "above_commune": above,
            "needs_attention": attention,
        }


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
    meta : Meta
        Sources, vintage, language and inputs (:class:`Meta`).
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
    meta: Meta = field(default_factory=lambda: Meta())
    extra: dict[str, Any] = field(default_factory=dict)
