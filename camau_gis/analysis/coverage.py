"""Coverage analysis: per-commune indicators, ranked gaps, districts, years, reconciliation.

Definitions (also in ``docs/summary_schema.md``):

``covered``
    the commune has at least one model of level ``"xã"`` active in the year.
``category``
    the product of the two independent facts, model coverage and criterion-19
    status: ``<covered|uncovered>_<c19|not_c19|no_c19>`` (e.g.
    ``uncovered_no_c19``: no model, no criterion-19 data); ``no_data`` only for
    units outside the register's scope. Defined once in
    :mod:`camau_gis.analysis.classes`.
uncovered ranking
    priority 1: no model and criterion 19 not achieved; priority 2: the other
    gaps that border no covered commune (isolated); priority 3: the rest;
    priority 4 (2025 units only): partly covered, some of the 2019 communes
    the unit was formed from had no model (``partly_*`` categories). Ties
    by district then commune name (Vietnamese alphabetical order).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import schema, settings
from ..i18n import Msg
from ..model import Analysis, Meta
from ..text import vi_sort_key, vi_sort_rank  # noqa: F401  (re-exported: analysis API)
from .gaps import (  # noqa: F401  (re-exported: analysis API)
    UNCOVERED_2025_COLUMNS,
    UNCOVERED_COLUMNS,
    distance_to_covered,
    format_reasons,
    rank_uncovered,
)

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

def _category(covered: pd.Series, status: pd.Series) -> pd.Series:
    """Category of every commune inside the register's scope (:func:`classes.categories`)."""
    from .classes import categories

    return categories(covered.astype(bool), status)


def _check_inputs(communes: gpd.GeoDataFrame, matched: Any) -> None:
    """Refuse inputs that are not the canonical table and a matched register (both named)."""
    schema.refuse("analyze", schema.communes_problems(communes) + schema.matched_problems(matched),
                  "Pass the canonical table from load_communes() and the result of "
                  "match_register(read_register(...), communes).")


def _match_report(matched: Any) -> pd.DataFrame:
    import pandas as pd

    report = getattr(matched, "report", None)
    if report is None:
        report = pd.DataFrame()
    report = report.copy()
    for col in schema.MATCH_REPORT_COLUMNS:
        if col not in report:
            report[col] = pd.Series(dtype="object")
    extra = [c for c in report.columns if c not in schema.MATCH_REPORT_COLUMNS]
    return report[[*schema.MATCH_REPORT_COLUMNS, *extra]].reset_index(drop=True)


def province_summary(communes: pd.DataFrame, uncovered: pd.DataFrame) -> dict[str, Any]:
    """Province figures; with an ``in_data`` column, gaps and shares count only those units."""
    units = communes["unit_type"].value_counts()
    n = len(communes)
    known = (communes["in_data"].fillna(False).astype(bool) if "in_data" in communes
             else None)
    n_known = int(known.sum()) if known is not None else n
    cov = int(communes["covered"].sum())
    return {
        "name": str(communes["province"].iloc[0]) if n else "",
        "code": str(communes["prov_code"].iloc[0]) if n else "",
        "districts": int(communes["district"].nunique()),
        "units": n,
        "units_by_type": {t: int(units.get(t, 0)) for t in ("xã", "phường", "thị trấn")},
        "area_km2": round(float(communes["area_km2"].sum()), 2),
        "models_commune_level": int(communes["n_models"].sum()),
        "covered": cov,
        "uncovered": n_known - cov,
        "covered_share": round(cov / n_known, 4) if n_known else None,
        "covered_xa": int((communes["covered"] & communes["unit_type"].eq("xã")).sum()),
        "c19": {s: int(communes["c19_status"].eq(s).sum())
                for s in ("achieved", "not_achieved", "no_data")},
        "categories": _category_counts(communes),
        "ntm_pilot_communes": int(communes["ntm_pilot"].sum()),
        "models_in_ntm_pilot_xa": int(communes.loc[communes["ntm_pilot"], "n_models"].sum()),
        "partly_covered": int(communes["category"].astype(str).str.startswith("partly_").sum()),
        "uncovered_priority": {str(p): int(uncovered["priority"].eq(p).sum())
                               for p in sorted({1, 2, 3, *uncovered["priority"].astype(int)})},
        "isolated_uncovered": int(uncovered["isolated"].sum()),
        "uncovered_clusters": int(uncovered["cluster"].nunique()),
        "largest_cluster": int(uncovered["cluster_size"].fillna(0).max()) if len(uncovered) else 0,
        **({} if known is None else {
            "units_in_data": n_known,
            "units_no_data": n - n_known,
            "no_data_units": [f"{nm} ({code})" for nm, code in
                              zip(communes.loc[~known, "name"], communes.loc[~known, "gso_code"],
                                  strict=True)],
        }),
    }


def _category_counts(communes: pd.DataFrame) -> dict[str, int]:
    """Units per category: every 2019 category (0 included), others when present."""
    from .classes import CATEGORIES, CATEGORIES_2019

    counts = communes["category"].astype(str).value_counts()
    return {c: int(counts.get(c, 0)) for c in CATEGORIES
            if c in CATEGORIES_2019 or c == "no_data" or counts.get(c, 0)}


#: How far past the current year ``year``/``compare`` may reach (plans, not typos).
YEARS_AHEAD = 5


def _check_years(year: int | None, compare: tuple[int, int] | None) -> None:
    """Refuse years no register can hold (typos such as 219 or 20199) and a pair of equal years."""
    import datetime as _dt

    from ..errors import OptionError
    from ..normalize.register import MIN_YEAR

    last = _dt.date.today().year + YEARS_AHEAD
    given = [("--year", year)] + [("--compare", y) for y in (compare or ())]
    for option, value in given:
        if value is not None and not MIN_YEAR <= int(value) <= last:
            raise OptionError(Msg(
                "cov_year_range", option=option, value=value, first=MIN_YEAR, last=last,
                example="--year 2019" if option == "--year" else "--compare 2018 2019"))
    if compare is not None and int(compare[0]) == int(compare[1]):
        raise OptionError(Msg(
            "cov_compare_same", a=compare[0], b=compare[1])
        )


class YearWarning(UserWarning):
    """``--year``/``--compare`` lies outside the years the register holds."""


def warn_years(years: list[int], year: int | None, compare: tuple[int, int] | None,
               lang: str | None = None) -> list[str]:
    """Warn (:class:`YearWarning`) for each given year outside the register's year range.

    The state at such a year is the nearest known state, not data of that
    year; the message names the range. Returns the messages.
    """
    import warnings

    from ..i18n import t

    given = [("--year", year)] + [("--compare", y) for y in (compare or ())]
    out = []
    for option, value in given:
        if value is None:
            continue
        if not years:
            msg = t("year_none", lang).format(option=option, year=int(value))
        elif years[0] <= int(value) <= years[-1]:
            continue
        else:
            msg = t("year_outside", lang).format(option=option, year=int(value),
                                                 first=years[0], last=years[-1])
        warnings.warn(msg, YearWarning, stacklevel=3)
        out.append(msg)
    return out


def analyze(
    communes: gpd.GeoDataFrame,
    matched: Any,
    *,
    year: int | None = None,
    compare: tuple[int, int] | None = None,
    tolerance_m: float | None = None,
    permutations: int = 999,
    lang: str | None = None,
) -> Analysis:
    """Analyse how the register's models and criterion 19 cover the communes.

    Parameters
    ----------
    communes : GeoDataFrame
        Canonical commune table (:data:`camau_gis.schema.COMMUNE_COLUMNS`).
    matched : MatchedRegister
        ``.models`` and ``.c19`` with ``match_code``; ``.report``,
        ``.illustrative`` and ``.sources`` are used when present.
    year : int, optional
        State at this year; default: the latest year present in the register.
    compare : (int, int), optional
        Two years to compare per commune (``extra["change"]``).
    tolerance_m : float, optional
        Gap in metres still read as a shared border
        (default :data:`camau_gis.analysis.neighbours.TOLERANCE_M`).
    permutations : int
        Random permutations for Moran's I and LISA pseudo p-values (fixed seed).
    lang : {"vi", "en"}, optional
        Language of the ``reasons`` column; default :data:`camau_gis.settings.language`.

    Returns
    -------
    Analysis
        ``communes`` = canonical + :data:`~camau_gis.schema.INDICATOR_COLUMNS`
        + ``isolated``, ``cluster``, ``clus_size``, ``lisa``; ``uncovered``
        (:data:`UNCOVERED_COLUMNS`); ``districts``; ``summary``; ``extra`` with
        ``adjacency``, ``clusters``, ``lisa``, ``moran`` and, with ``compare``,
        ``change``.
    """
    from . import neighbours as nb
    from .derive import derive
    from .reconcile import reconcile
    from .years import (
        change_counts,
        compare_years,
        latest_year,
        register_years,
        state_at,
    )

    _check_inputs(communes, matched)
    lang = lang or settings.language
    tolerance = nb.TOLERANCE_M if tolerance_m is None else float(tolerance_m)
    _check_years(year, compare)
    year_warnings = warn_years(register_years(matched), year, compare, lang)
    if year is None:
        year = latest_year(matched)
    year = None if year is None else int(year)

    out = communes[[*schema.COMMUNE_COLUMNS, "geometry"]].copy()
    state = state_at(out, matched, year)
    for col in state.columns:
        out[col] = state[col]
    area = out["area_km2"].astype(float)
    out["models_10k"] = (out["n_models"] / area.where(area > 0) * 10).round(4)
    out["category"] = _category(out["covered"], out["c19_status"])
    d = derive(out, [*schema.COMMUNE_COLUMNS, *schema.INDICATOR_COLUMNS, "geometry"],
               tolerance_m=tolerance, permutations=permutations, lang=lang)
    out, uncovered, districts = d.communes, d.uncovered, d.districts

    models = _counted_models(matched, year)
    c19 = matched.c19.copy()
    report = _match_report(matched)
    illustrative = bool(getattr(matched, "illustrative", False)) or bool(out["illustr"].any())
    sources = [str(s) for s in (getattr(matched, "sources", None) or [])]
    titles = register_titles(sources, list(getattr(matched, "titles", None) or []))

    extra: dict[str, Any] = {
        "adjacency": d.pairs.drop(columns=["i", "j"]),
        "clusters": d.clusters,
        "lisa": d.lisa,
        "moran": d.moran,
        "years": register_years(matched),
    }
    compare_block = None
    if compare is not None:
        y1, y2 = (int(compare[0]), int(compare[1]))
        change = compare_years(out, matched, y1, y2)
        extra["change"] = change
        compare_block = {"year_1": y1, "year_2": y2, **change_counts(change)}

    summary: dict[str, Any] = {
        "schema_version": 1,
        "year": year,
        "illustrative": illustrative,
        "note": "Dữ liệu minh họa" if illustrative else None,
        "sources": sources,
        "register_title": titles or None,
        "vintage": str(out["vintage"].iloc[0]) if len(out) else "",
        "province": province_summary(out, uncovered),
        "reconciliation": reconcile(matched, out, year),
        "match_report": {"rows": int(len(report)), "file": "match_report.csv"},
        "spatial": d.spatial,
        "compare": compare_block,
        "year_warnings": year_warnings,
        "models_in_register": int(len(models)),
        "models_active": int(models["active"].sum()),
    }
    meta: Meta = {"lang": lang, "reasons_lang": lang, "tolerance_m": tolerance,
            "permutations": permutations,
            "sources": sources, "vintage": summary["vintage"]}
    if titles:
        meta["register_title"] = titles
    return Analysis(
        communes=out, models=models, c19=c19, uncovered=uncovered, districts=districts,
        match_report=report, summary=summary, year=year, illustrative=illustrative,
        meta=meta, extra=extra,
    )


def _counted_models(matched: Any, year: int | None) -> pd.DataFrame:
    """Return the models with ``active`` (in ``year``) and ``counted`` (active, joined, xã)."""
    from .years import active_mask, is_commune_level

    models = matched.models.copy()
    models["active"] = active_mask(models, year)
    models["counted"] = (models["active"] & is_commune_level(models).to_numpy(dtype=bool)
                         & models["match_code"].astype("string").fillna("").ne("").to_numpy())
    return models


def register_titles(sources: list[str], titles: list[str]) -> list[str]:
    """Name each register file by its keeper's title, by its file name where it has none.

    ``[]`` when no file has a title: the credit line then names the files.
    """
    from pathlib import Path

    if not any(titles):
        return []
    padded = titles + [""] * (len(sources) - len(titles))
    return [t or Path(s).name for s, t in zip(sources, padded, strict=False)]
