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
from ..errors import SchemaError
from ..model import Analysis, Meta
from ..text import vi_sort_key, vi_sort_rank  # noqa: F401  (re-exported: analysis API)

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

#: Columns of ``Analysis.uncovered``, in order.
UNCOVERED_COLUMNS: tuple[str, ...] = (
    "rank", "dist_rank", "priority", "gso_code", "name", "district", "unit_type",
    "c19_status", "c19_first", "isolated", "cluster", "cluster_size", "dist_cov_km",
    "area_km2", "ntm_pilot", "illustr", "reasons",
)
#: Columns a 2025 build adds to ``Analysis.uncovered`` (former 2019 communes of the unit).
UNCOVERED_2025_COLUMNS: tuple[str, ...] = ("category", "pred_in", "pred_cov", "cov_share",
                                           "pred_uncov")

#: Reason key -> (Vietnamese, English) text; ``{n}`` and ``{km}`` are filled in.
REASONS: dict[str, tuple[str, str]] = {
    "no_model": ("Chưa có mô hình cấp xã", "No commune-level model"),
    "c19_not_achieved": ("Chưa đạt tiêu chí 19 (an ninh, trật tự)",
                         "Criterion 19 (security and order) not achieved"),
    "c19_no_data": ("Không có dữ liệu tiêu chí 19", "No criterion-19 data"),
    "c19_achieved": ("Đã đạt tiêu chí 19", "Criterion 19 achieved"),
    "isolated": ("Không giáp đơn vị nào có mô hình", "Borders no covered commune"),
    "cluster": ("Thuộc cụm {n} đơn vị liền kề chưa có mô hình",
                "In a cluster of {n} contiguous uncovered communes"),
    "distance": ("Cách đơn vị có mô hình gần nhất {km} km",
                 "{km} km from the nearest covered commune"),
}

def _missing(frame: pd.DataFrame, columns: tuple[str, ...] | list[str], what: str) -> list[str]:
    missing = [c for c in columns if c not in frame.columns]
    if not missing:
        return []
    seen = ", ".join(map(str, frame.columns)) or "(none)"
    return [f"{what}: missing column(s) {', '.join(missing)}; columns seen: {seen}"]


def _format_km(values: pd.Series, lang: str) -> pd.Series:
    text = values.round(1).map("{:.1f}".format)
    return text.str.replace(".", ",", regex=False) if lang == "vi" else text


def format_reasons(uncovered: pd.DataFrame, lang: str | None = None) -> pd.Series:
    """Spell out why each uncovered commune is listed, in Vietnamese (default) or English.

    Parameters
    ----------
    uncovered : DataFrame
        Columns ``c19_status``, ``isolated``, ``cluster_size``, ``dist_cov_km``.
    lang : {"vi", "en"}, optional
        Default :data:`camau_gis.settings.language`.

    Returns
    -------
    Series of str
        Reasons joined with ``"; "``.
    """
    import pandas as pd

    lang = lang or settings.language
    k = 0 if lang == "vi" else 1
    idx = uncovered.index
    status = uncovered["c19_status"].astype(str)
    c19 = status.map({"achieved": REASONS["c19_achieved"][k],
                      "not_achieved": REASONS["c19_not_achieved"][k]}).fillna(
        REASONS["c19_no_data"][k])
    first = pd.Series(REASONS["no_model"][k], index=idx)
    if "pred_cov" in uncovered and "category" in uncovered:
        from ..i18n import t

        partly = uncovered["category"].astype(str).str.startswith("partly_")
        if partly.any():
            text = [t("reason_partly", lang).format(
                k=int(r.pred_cov), n=int(r.pred_in), names=r.pred_uncov,
                pct=_format_km(pd.Series([100 * float(r.cov_share)]), lang).iloc[0])
                for r in uncovered.loc[partly].itertuples()]
            first = first.astype(object)
            first.loc[partly] = text
    parts = [first, c19]
    iso = uncovered["isolated"].astype(bool)
    parts.append(pd.Series(REASONS["isolated"][k], index=idx).where(iso, ""))
    size = uncovered["cluster_size"].fillna(1).astype(int)
    cluster_text = REASONS["cluster"][k].split("{n}")
    parts.append((cluster_text[0] + size.astype(str) + cluster_text[1]).where(size > 1, ""))
    km = uncovered["dist_cov_km"].astype(float)
    dist_text = REASONS["distance"][k].split("{km}")
    parts.append((dist_text[0] + _format_km(km.fillna(0), lang) + dist_text[1])
                 .where(km.notna() & (km > 0), ""))
    text = parts[0].astype(str)
    for part in parts[1:]:
        text = text + ("; " + part).where(part.ne(""), "")
    return text.rename("reasons")


def distance_to_covered(communes: gpd.GeoDataFrame, covered: pd.Series) -> pd.Series:
    """Kilometres from each commune's polygon to the nearest covered commune's polygon.

    Computed in :data:`camau_gis.settings.metric_crs`; 0 for covered communes,
    NaN for every commune when none is covered.
    """
    import numpy as np
    import pandas as pd
    import shapely

    cov = covered.to_numpy(dtype=bool)
    out = pd.Series(np.where(cov, 0.0, np.nan), index=communes.index, name="dist_cov_km")
    if not cov.any() or cov.all():
        return out
    geoms = np.asarray(communes.to_crs(settings.metric_crs).geometry.values, dtype=object)
    tree = shapely.STRtree(geoms[cov])
    gaps = np.flatnonzero(~cov)
    (_, _), dist = tree.query_nearest(geoms[gaps], return_distance=True, all_matches=False)
    out.iloc[gaps] = np.round(dist / 1000.0, 3)
    return out


def _category(covered: pd.Series, status: pd.Series) -> pd.Series:
    """Category of every commune inside the register's scope (:func:`classes.categories`)."""
    from .classes import categories

    return categories(covered.astype(bool), status)


def rank_uncovered(communes: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """Ranked priority list of communes without a commune-level model.

    Parameters
    ----------
    communes : DataFrame
        Commune indicators with ``isolated``, ``cluster`` and ``cluster_size``.
    lang : {"vi", "en"}, optional
        Language of ``reasons``.

    Returns
    -------
    DataFrame
        :data:`UNCOVERED_COLUMNS`; ``rank`` across the province, ``dist_rank``
        within the district, ``priority`` 1 (no model and criterion 19 not
        achieved), 2 (isolated), 3 (other) or 4 (partly covered 2025 unit; then also
        :data:`UNCOVERED_2025_COLUMNS`).
    """
    import numpy as np
    import pandas as pd

    partly = (communes["category"].astype(str).str.startswith("partly_")
              if "category" in communes else False)
    gaps = communes.loc[~communes["covered"].astype(bool) | partly].copy()
    gaps["priority"] = np.select(
        [gaps["category"].astype(str).str.startswith("partly_") if "category" in gaps
         else np.zeros(len(gaps), dtype=bool),
         gaps["c19_status"].eq("not_achieved"), gaps["isolated"].astype(bool)], [4, 1, 2], 3)
    gaps["_dkey"] = vi_sort_rank(gaps["dist_short"])
    gaps["_nkey"] = vi_sort_rank(gaps["name"])
    # partly covered units (priority 4): the least covered share of area first
    gaps["_share"] = gaps["cov_share"].astype(float) if "cov_share" in gaps else 0.0
    gaps = gaps.sort_values(["priority", "_share", "_dkey", "_nkey", "gso_code"], kind="stable")
    gaps["rank"] = np.arange(1, len(gaps) + 1)
    gaps["dist_rank"] = gaps.groupby("district").cumcount() + 1
    gaps["reasons"] = format_reasons(gaps, lang) if len(gaps) else pd.Series(dtype=str)
    extra = [c for c in UNCOVERED_2025_COLUMNS if c in gaps and "pred_cov" in gaps]
    out = pd.DataFrame(gaps[[*UNCOVERED_COLUMNS, *extra]]).reset_index(drop=True)
    return out.astype({"rank": int, "dist_rank": int, "priority": int})


def _check_inputs(communes: gpd.GeoDataFrame, matched: Any) -> None:
    problems = _missing(communes, [*schema.COMMUNE_COLUMNS, "geometry"], "communes")
    needs = {"models": ["match_code", "level", "kind", "year_start", "year_end", "ntm_pilot"],
             "c19": ["match_code", "year", "achieved", "first_year"]}
    for table, columns in needs.items():
        frame = getattr(matched, table, None)
        if frame is None:
            problems.append(f"matched register: no .{table} table")
        else:
            problems += _missing(frame, columns, f"register {table}")
    if problems:
        raise SchemaError(
            "analyze: " + "; ".join(problems) + ". Pass the canonical table from "
            "load_communes() and the result of match_register(read_register(...), communes).")


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
            raise OptionError(
                f"{option} {value}: not a year of the register; give a year from {MIN_YEAR} "
                f"to {last}, e.g. {'--year 2019' if option == '--year' else '--compare 2018 2019'}."
            )
    if compare is not None and int(compare[0]) == int(compare[1]):
        raise OptionError(
            f"--compare {compare[0]} {compare[1]}: the two years are the same; give two "
            "different years, e.g. --compare 2018 2019."
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
    import pandas as pd

    from . import neighbours as nb
    from .districts import district_summary
    from .reconcile import reconcile
    from .years import (
        active_mask,
        change_counts,
        compare_years,
        is_commune_level,
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
    out["dist_cov_km"] = distance_to_covered(out, out["covered"])
    out["category"] = _category(out["covered"], out["c19_status"])
    out = out[[*schema.COMMUNE_COLUMNS, *schema.INDICATOR_COLUMNS, "geometry"]]

    pairs = nb.adjacency(out, tolerance_m=tolerance)
    keys = pd.DataFrame({"d": vi_sort_rank(out["dist_short"]),
                         "n": vi_sort_rank(out["name"])}, index=out.index)
    ordered = keys.sort_values(["d", "n"], kind="stable").index
    rank_of = pd.Series(range(len(out)), index=ordered).reindex(out.index)
    gaps, moran, lisa = nb.gap_structure(out, pairs, rank_of, permutations=permutations)
    for col in gaps.columns:
        out[col] = gaps[col]

    uncovered = rank_uncovered(out, lang)
    out = out.rename(columns={"cluster_size": "clus_size"})
    cols = [c for c in out.columns if c != "geometry"] + ["geometry"]
    out = out[cols]
    districts = district_summary(out)

    models = matched.models.copy()
    models["active"] = active_mask(models, year)
    models["counted"] = (models["active"] & is_commune_level(models).to_numpy(dtype=bool)
                         & models["match_code"].astype("string").fillna("").ne("").to_numpy())
    c19 = matched.c19.copy()
    report = _match_report(matched)
    illustrative = bool(getattr(matched, "illustrative", False)) or bool(out["illustr"].any())
    sources = [str(s) for s in (getattr(matched, "sources", None) or [])]
    titles = register_titles(sources, list(getattr(matched, "titles", None) or []))

    cluster_table = (uncovered.dropna(subset=["cluster"])
                     .groupby("cluster", sort=True)
                     .agg(size=("gso_code", "size"),
                          districts=("district", lambda s: "; ".join(dict.fromkeys(s))),
                          communes=("name", "; ".join), gso_codes=("gso_code", "; ".join))
                     .reset_index()) if len(uncovered) else pd.DataFrame(
        columns=["cluster", "size", "districts", "communes", "gso_codes"])

    extra: dict[str, Any] = {
        "adjacency": pairs.drop(columns=["i", "j"]),
        "clusters": cluster_table,
        "lisa": lisa,
        "moran": moran,
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
        "spatial": {
            "variable": "covered",
            "neighbours": {"rule": "queen, polygons within tolerance", "tolerance_m": tolerance,
                           "crs": settings.metric_crs, "pairs": int(len(pairs)),
                           "islands": int(len(out) - len(set(pairs["i"]) | set(pairs["j"])))},
            "moran": moran,
            "lisa": {t: int(lisa["cluster_type"].eq(t).sum())
                     for t in ("HH", "LL", "HL", "LH", "ns")},
        },
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


def register_titles(sources: list[str], titles: list[str]) -> list[str]:
    """Name each register file by its keeper's title, by its file name where it has none.

    ``[]`` when no file has a title: the credit line then names the files.
    """
    from pathlib import Path

    if not any(titles):
        return []
    padded = titles + [""] * (len(sources) - len(titles))
    return [t or Path(s).name for s, t in zip(sources, padded, strict=False)]
