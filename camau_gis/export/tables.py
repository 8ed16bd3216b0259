"""Write the analysis tables: CSV (UTF-8 with BOM), XLSX, GeoPackage and summary.json.

Every file is written atomically (:func:`camau_gis._atomic.atomic_path`).
Text cells are made safe for spreadsheets (:mod:`camau_gis._sanitize`): in CSV a
text cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a
leading ``'``; in XLSX such a cell is stored as text (never a formula).
Human-facing tables (``uncovered_communes``, ``district_summary``,
``year_comparison``) carry Vietnamese headers and values by default
(``result.meta["lang"]``, ``"en"`` for English); ``match_report.csv`` and the
GeoPackage keep the stable column keys documented in ``docs/summary_schema.md``.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import schema, settings
from .._atomic import atomic_path, staged
from .._sanitize import excel_cell, is_text_dtype, neutralise_frame, xml_text
from ..i18n import LABELS, t

if TYPE_CHECKING:
    import pandas as pd

    from ..analysis.result import Analysis

#: Headers and coded values are in :data:`camau_gis.i18n.LABELS`: the header of column
#: ``key`` is ``col_<key>``; :data:`_VALUE_KEYS` names the label prefix of coded values.

#: Column order of the human-facing tables.
UNCOVERED_TABLE = ("rank", "dist_rank", "priority", "gso_code", "name", "district", "unit_type",
                   "c19_status", "c19_first", "isolated", "cluster", "cluster_size",
                   "dist_cov_km", "area_km2", "ntm_pilot", "category", "pred_cov", "pred_in",
                   "cov_share", "illustr", "reasons")
DISTRICT_TABLE = ("dist_code", "district", "n_units", "n_xa", "n_phuong", "n_thitran",
                  "area_km2", "n_models", "n_covered", "n_uncovered", "covered_share", "n_c19",
                  "n_c19_not", "n_c19_nodata", "c19_share", "models_per", "models_10k", "n_ntm",
                  "n_isolated", "illustr")

#: Excel number formats per column key.
NUMBER_FORMATS: dict[str, str] = {
    "rank": "0", "dist_rank": "0", "priority": "0", "c19_first": "0", "cluster": "0",
    "cluster_size": "0", "dist_cov_km": "0.00", "area_km2": "#,##0.00",
    "covered_share": "0.0%", "c19_share": "0.0%", "cov_share": "0.0%", "pred_cov": "0",
    "pred_in": "0", "models_per": "0.00", "models_10k": "0.000",
    "n_units": "0", "n_xa": "0", "n_phuong": "0", "n_thitran": "0", "n_models": "0",
    "n_covered": "0", "n_uncovered": "0", "n_c19": "0", "n_c19_not": "0", "n_c19_nodata": "0",
    "n_ntm": "0", "n_isolated": "0",
}

#: Column key -> i18n key prefix of its coded values (``prefix + str(value)``); a value
#: without a label is shown as it is.
_VALUE_KEYS: dict[str, str] = {
    "c19_status": "c19_", "c19_status_1": "c19_", "c19_status_2": "c19_", "category": "cat_",
    "unit_type": "val_unit_type_", "priority": "val_priority_",
    "coverage_change": "val_coverage_change_", "c19_change": "val_c19_change_",
}

#: Year-comparison columns in order (headers ``col_<key>``; ``{y}`` is the year).
CHANGE_COLUMNS: tuple[str, ...] = (
    "gso_code", "name", "district", "n_models_1", "n_models_2", "d_models", "covered_1",
    "covered_2", "c19_status_1", "c19_status_2", "coverage_change", "c19_change",
    "pred_names",  # 2025 units compared across the reform (camau_gis.crosswalk.across)
)
#: Gap-cluster sheet columns in order (headers ``colc_<key>``).
CLUSTER_COLUMNS: tuple[str, ...] = ("cluster", "size", "districts", "communes")

#: Most districts that get one sheet each in ``uncovered_communes.xlsx``; above
#: it (a region or the whole country: 712 districts) the district rows go to a
#: single sheet ((``sheet_by_district``)) with a district column. A province
#: has at most ~30 districts.
MAX_DISTRICT_SHEETS = 60

#: GeoPackage layers and what they hold (documented in docs/summary_schema.md).
GPKG_LAYERS = ("communes", "uncovered", "districts", "models")

#: Fields of the ``models`` layer (provenance renamed: ``_file`` -> ``src_file`` …).
MODEL_FIELDS = (*[c for c in schema.MODEL_COLUMNS if c not in ("lon", "lat")], "match_code",
                "active", "counted", "src_file", "src_sheet", "src_row")


def _lang(result: Analysis, lang: str | None) -> str:
    lang = lang or result.meta.get("lang") or settings.language
    return "en" if str(lang).lower().startswith("en") else "vi"


def header(key: str, lang: str | None = None) -> str:
    """Localised header of a column key (the key itself when unknown)."""
    return t(f"col_{key}", lang) if f"col_{key}" in LABELS else key


def _value_labels(col: str, values: pd.Series, lang: str) -> dict[Any, str] | None:
    """``{value: label}`` for the coded values of ``col`` (None: the column is not coded)."""
    prefix = _VALUE_KEYS.get(col)
    if prefix is None:
        return None
    return {v: t(prefix + str(v), lang) for v in values.dropna().unique()
            if prefix + str(v) in LABELS}


def localize(frame: pd.DataFrame, columns: tuple[str, ...], lang: str, *, rename: bool = True
             ) -> pd.DataFrame:
    """Select ``columns``, translate coded values and booleans, rename headers for ``lang``.

    ``rename=False`` keeps the column keys (for headers that need more than the key).
    """
    import pandas as pd

    out = pd.DataFrame(index=frame.index)
    yes, no = t("val_yes", lang), t("val_no", lang)
    for col in columns:
        if col not in frame:
            continue
        s = frame[col]
        labels = _value_labels(col, s, lang)
        if labels is not None:
            s = s.map(lambda v, m=labels: m.get(v, v))
        elif s.dtype == bool or str(s.dtype) == "boolean":
            s = s.map({True: yes, False: no})
        out[header(col, lang) if rename else col] = s
    return out


def _sheet_name(name: str, used: set[str]) -> str:
    # Excel refuses []:*?/\ and a leading or trailing apostrophe; XML refuses control characters
    clean = "".join("_" if ch in '[]:*?/\\' else ch for ch in xml_text(name))
    clean = clean.strip("'")[:31].strip("'") or "Sheet"
    base, k = clean, 2
    while clean.lower() in used:
        suffix = f" ({k})"
        clean, k = base[: 31 - len(suffix)] + suffix, k + 1
    used.add(clean.lower())
    return clean


def _cell_value(value: Any) -> Any:
    """Excel value of a table cell: missing values blank, numpy scalars as Python values."""
    import pandas as pd

    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _column_width(key: str, header_text: str, values: list[Any]) -> float:
    """Width of a column: its longest text (values as ``str``), header up to 30, clamped."""
    longest = min(len(header_text or ""), 30)
    if values:
        longest = max(longest, max(len(str(v)) for v in values))
    widest = 80 if key == "reasons" else 40
    return max(8, min(longest + 2, widest))


def _add_sheet(book: Any, title: str, frame: pd.DataFrame, keys: list[str],
               bold_last: bool = False) -> Any:
    """Append ``frame`` as a formatted sheet of a write-only workbook, in one pass.

    Header row bold, filled, wrapped and frozen; column widths from the
    contents; :data:`NUMBER_FORMATS` per column key; an auto-filter over the
    table; the last row bold with ``bold_last`` (a total row).
    """
    from openpyxl.cell import Cell, WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = book.create_sheet(title)
    headers = [str(c) for c in frame.columns]
    _print_setup(ws, keys)
    n = len(frame)
    columns = [frame.iloc[:, k].tolist() for k in range(len(headers))]
    for k, key in enumerate(keys, start=1):
        ws.column_dimensions[get_column_letter(k)].width = _column_width(
            key, headers[k - 1], columns[k - 1])
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(wrap_text=True, vertical="center")
    head = []
    for text in headers:
        cell = WriteOnlyCell(ws, value=text)
        cell.font, cell.fill, cell.alignment = bold, fill, wrap
        head.append(cell)
    ws.append(head)
    formats = [NUMBER_FORMATS.get(key) for key in keys]
    formats += [None] * (len(headers) - len(formats))
    for k, dtype in enumerate(frame.dtypes):
        if is_text_dtype(dtype):  # text: never a formula
            columns[k] = [excel_cell(ws, _cell_value(v)) for v in columns[k]]
    for r in range(n):
        row: list[Any] = []
        last = bold_last and r == n - 1
        for k, fmt in enumerate(formats):
            value = columns[k][r]
            if isinstance(value, Cell):  # text stored as text (excel_cell)
                if last:
                    value.font = bold
            elif fmt or last:
                value = _cell_value(value)
                cell = WriteOnlyCell(ws, value=value)
                if fmt:
                    cell.number_format = fmt
                if last:
                    cell.font = bold
                value = cell
            row.append(value)
        ws.append(row)
    rows = n - 1 if bold_last else n  # the total row stays outside the filter (and its sort)
    if rows > 0:
        ws.auto_filter.ref = f"A1:{get_column_letter(max(len(headers), 1))}{rows + 1}"
    return ws


#: Column keys that name a row; the sheet is frozen right of the first one found.
NAME_KEYS: tuple[str, ...] = ("name", "commune", "district", "unit", "label")


def _print_setup(ws: Any, keys: list[str]) -> None:
    """Make a sheet ready to print.

    Header row (and name column) frozen, landscape A4, one page wide, header row
    repeated on every page.
    """
    from openpyxl.utils import get_column_letter

    name_col = next((i for i, k in enumerate(keys, start=1) if k in NAME_KEYS), 0)
    ws.freeze_panes = f"{get_column_letter(name_col + 1)}2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.print_options.horizontalCentered = True


def _notes_rows(result: Analysis, lang: str) -> list[tuple[str, str]]:
    from ..render.captions import boundary_sources

    rows = [
        (t("note_year", lang), str(result.year if result.year is not None else "")),
        (t("note_sources", lang),
         "; ".join(result.summary.get("register_title") or result.summary.get("sources") or [])),
        (t("note_boundaries", lang), boundary_sources(result, lang)),  # the maps' credit
    ]
    if result.illustrative:
        rows.insert(0, (t("illustrative", lang), t("note_illustrative", lang)))
    return rows


def _write_xlsx(path: Path, sheets: list[tuple[str, pd.DataFrame, list[str], bool]],
                notes: list[tuple[str, str]], lang: str) -> Path:
    """Write ``sheets`` (name, table, column keys, bold last row) and a notes sheet.

    Uses openpyxl's write-only workbook: each sheet is streamed once, so the
    time grows linearly with the number of sheets and rows.
    """
    from openpyxl import Workbook

    with atomic_path(path) as tmp:
        used: set[str] = set()
        book = Workbook(write_only=True)
        for name, frame, keys, bold_last in sheets:
            _add_sheet(book, _sheet_name(name, used), frame, keys, bold_last)
        ws = book.create_sheet(_sheet_name(t("sheet_notes", lang), used))
        ws.column_dimensions["A"].width = 28
        ws.column_dimensions["B"].width = 90
        for label, text in notes:
            ws.append([excel_cell(ws, _cell_value(label)), excel_cell(ws, _cell_value(text))])
        book.save(tmp)
    return path


def _district_sheets(result: Analysis, gaps: pd.DataFrame, keys: list[str], lang: str
                     ) -> list[tuple[str, pd.DataFrame, list[str], bool]]:
    """Return the per-district sheets of ``uncovered_communes.xlsx``.

    Up to :data:`MAX_DISTRICT_SHEETS` districts: one sheet per district (every
    district, in the order of the district summary, even without gaps). Above
    it (regional or national runs): a single sheet (``sheet_by_district``)
    with the same rows grouped by district in that order (rank within the
    district inside each group); its district column tells them apart.
    """
    import numpy as np

    dist_names = result.districts.loc[~result.districts["is_total"].astype(bool), "district"]
    district = result.uncovered["district"].to_numpy()
    if len(dist_names) <= MAX_DISTRICT_SHEETS:
        return [(str(name), gaps[district == name], keys, False) for name in dist_names]
    position: dict[Any, int] = {}
    for name in dist_names:  # districts of the same name share a group, as in dist_rank
        position.setdefault(name, len(position))
    group = np.array([position.get(d, len(position)) for d in district], dtype=int)
    order = np.lexsort((result.uncovered["dist_rank"].to_numpy(dtype=int), group))
    return [(t("sheet_by_district", lang), gaps.iloc[order], keys, False)]


def write_csv(path: Path, frame: pd.DataFrame) -> Path:
    """Write ``frame`` as UTF-8 CSV with BOM, formula-like text cells prefixed with ``'``."""
    with atomic_path(path) as tmp:
        neutralise_frame(frame).to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\n")
    return path


def _jsonable(value: Any) -> Any:
    import numpy as np
    import pandas as pd

    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def _illustr_values(flags: Any, result: Analysis, lang: str) -> list[str]:
    """Return the ``illustr`` cells of a table: the maps' words ("Dữ liệu minh họa") or "Không".

    A row of a run on illustrative register rows is illustrative whatever its
    own flag says: the absence of a model in an illustrative register is
    illustrative too.
    """
    run = bool(result.illustrative)
    yes, no = t("illustrative", lang), t("illustrative_no", lang)
    return [yes if run or bool(f) else no for f in flags]


def uncovered_table(result: Analysis, lang: str | None = None) -> pd.DataFrame:
    """Return the ranked uncovered communes with localised headers and values."""
    lang = _lang(result, lang)
    frame = result.uncovered.copy()
    frame["illustr"] = _illustr_values(frame["illustr"].fillna(False), result, lang)
    if lang != result.meta.get("reasons_lang", "vi") and len(frame):
        from ..analysis.coverage import format_reasons

        frame["reasons"] = format_reasons(frame, lang)
    frame["area_km2"] = frame["area_km2"].astype(float).round(2)
    return localize(frame, UNCOVERED_TABLE, lang)


def district_table(result: Analysis, lang: str | None = None) -> pd.DataFrame:
    """Return the district summary with localised headers (total row: "Toàn tỉnh")."""
    lang = _lang(result, lang)
    frame = result.districts.copy()
    frame.loc[frame["is_total"].astype(bool), "district"] = t("sheet_total", lang)
    c = result.communes
    flags = (c["illustr"].fillna(False).astype(bool) if "illustr" in c
             else c["gso_code"].map(lambda _: False))
    by = flags.groupby(c["dist_code"].astype(str)).any()
    own = [bool(flags.any()) if tot else bool(by.get(str(code), False))
           for code, tot in zip(frame["dist_code"], frame["is_total"].astype(bool), strict=True)]
    frame["illustr"] = _illustr_values(own, result, lang)
    return localize(frame, DISTRICT_TABLE, lang)


def change_table(result: Analysis, lang: str | None = None) -> pd.DataFrame | None:
    """Return the year comparison with localised headers and values (None without one)."""
    lang = _lang(result, lang)
    change = result.extra.get("change")
    if change is None:
        return None
    block = result.summary.get("compare") or {}
    years = {"1": block.get("year_1", 1), "2": block.get("year_2", 2)}
    out = localize(change, CHANGE_COLUMNS, lang, rename=False)
    out.columns = [header(c, lang).format(y=years.get(c[-1], "")) for c in CHANGE_COLUMNS
                   if c in change]
    if result.illustrative:  # the maps' words on every row, as in the other tables
        out[header("illustr", lang)] = _illustr_values([True] * len(out), result, lang)
    return out


def cluster_table(result: Analysis, lang: str | None = None) -> pd.DataFrame:
    """Return the clusters of contiguous uncovered communes with localised headers."""
    import pandas as pd

    lang = _lang(result, lang)
    table = result.extra.get("clusters")
    if table is None:
        table = pd.DataFrame(columns=list(CLUSTER_COLUMNS))
    cols = [c for c in CLUSTER_COLUMNS if c in table]
    return table[cols].rename(columns={c: t(f"colc_{c}", lang) for c in cols})


def _models_layer(result: Analysis) -> Any:
    import geopandas as gpd
    import pandas as pd

    models = result.models.rename(columns={"_file": "src_file", "_sheet": "src_sheet",
                                           "_row": "src_row"})
    lon = pd.to_numeric(models.get("lon"), errors="coerce") if "lon" in models else None
    lat = pd.to_numeric(models.get("lat"), errors="coerce") if "lat" in models else None
    if lon is None or lat is None:
        models = models.iloc[0:0]
        lon = lat = pd.Series(dtype=float)
    has_xy = (lon.notna() & lat.notna()).to_numpy(dtype=bool)
    models = models.loc[has_xy]
    fields = {}
    for col in MODEL_FIELDS:
        if col in models:
            fields[col] = models[col]
        else:
            fields[col] = pd.Series([None] * len(models), index=models.index, dtype=object)
    frame = pd.DataFrame(fields, index=models.index)
    for col in ("year_start", "year_end", "src_row"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("Int64")
    for col in ("ntm_pilot", "board_reg", "active", "counted"):
        frame[col] = frame[col].astype("boolean")
    for col in frame.columns:
        if frame[col].dtype == object:
            frame[col] = frame[col].astype(object).where(frame[col].notna(), "").astype(str)
    geometry = gpd.points_from_xy(lon[has_xy], lat[has_xy], crs=settings.default_crs)
    return gpd.GeoDataFrame(frame.reset_index(drop=True), geometry=geometry,
                            crs=settings.default_crs)


def write_gpkg(result: Analysis, path: str | Path) -> Path:
    """Write ``communes.gpkg`` with layers :data:`GPKG_LAYERS`.

    ``models`` holds one point per model whose ``lon`` and ``lat`` are given;
    when none is, the layer is written empty (valid, with its fields).
    """
    import geopandas as gpd

    path = Path(path)
    communes = result.communes.copy()
    keys = ["gso_code", "name", "district"]  # uncodable units share gso_code ""
    shapes = communes[[*keys, "geometry"]].drop_duplicates(keys)
    gaps = result.uncovered.merge(shapes, on=keys, how="left", validate="one_to_one")
    gaps = gpd.GeoDataFrame(gaps, geometry="geometry", crs=communes.crs)
    districts = communes[["dist_code", "geometry"]].dissolve(by="dist_code", as_index=False)
    summary = result.districts[~result.districts["is_total"].astype(bool)].drop(
        columns=["is_total"])
    districts = gpd.GeoDataFrame(summary.merge(districts, on="dist_code", how="left"),
                                 geometry="geometry", crs=communes.crs)
    models = _models_layer(result)
    with atomic_path(path) as tmp:
        for layer, frame in (("communes", communes), ("uncovered", gaps),
                             ("districts", districts), ("models", models)):
            kwargs: dict[str, Any] = {}
            if layer == "models":
                kwargs["geometry_type"] = "Point"
            frame.to_file(tmp, layer=layer, driver="GPKG", engine="pyogrio", **kwargs)
    return path


@staged()  # all files or none; see camau_gis._atomic.staging
def write_tables(result: Analysis, out_dir: str | Path, *, lang: str | None = None
                 ) -> dict[str, Path]:
    """Write every analysis table to ``out_dir`` and return ``{file name: path}``.

    Parameters
    ----------
    result : Analysis
        Output of :func:`camau_gis.analyze`.
    out_dir : str or Path
        Output folder (created if missing).
    lang : {"vi", "en"}, optional
        Header language; default ``result.meta["lang"]``, then
        :data:`camau_gis.settings.language`.

    Returns
    -------
    dict
        ``uncovered_communes.csv``/``.xlsx``, ``district_summary.csv``/``.xlsx``,
        ``communes.gpkg``, ``match_report.csv``, ``summary.json`` and, when the
        result holds a year comparison, ``year_comparison.csv``/``.xlsx``.
    """
    import pandas as pd

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    lang = _lang(result, lang)
    written: dict[str, Path] = {}
    notes = _notes_rows(result, lang)

    gaps = uncovered_table(result, lang)
    written["uncovered_communes.csv"] = write_csv(out / "uncovered_communes.csv", gaps)
    keys = [k for k in UNCOVERED_TABLE if k in result.uncovered]
    sheets = [(t("sheet_total", lang), gaps, keys, False)]
    sheets += _district_sheets(result, gaps, keys, lang)
    clusters = cluster_table(result, lang)
    sheets.append((t("sheet_clusters", lang), clusters, ["cluster", "size", "districts", "reasons"],
                   False))
    written["uncovered_communes.xlsx"] = _write_xlsx(out / "uncovered_communes.xlsx", sheets,
                                                     notes, lang)

    dist = district_table(result, lang)
    dkeys = [k for k in DISTRICT_TABLE if k in result.districts or k == "illustr"]
    written["district_summary.csv"] = write_csv(out / "district_summary.csv", dist)
    title = t("sheet_district_summary", lang)
    written["district_summary.xlsx"] = _write_xlsx(out / "district_summary.xlsx",
                                                   [(title, dist, dkeys, True)], notes, lang)

    written["communes.gpkg"] = write_gpkg(result, out / "communes.gpkg")

    report = result.match_report
    if report is None or not len(report.columns):
        report = pd.DataFrame(columns=list(schema.MATCH_REPORT_COLUMNS))
    if result.illustrative:  # the maps' words on every row (a column after the stable keys)
        report = report.assign(illustr=_illustr_values([True] * len(report), result, lang))
    written["match_report.csv"] = write_csv(out / "match_report.csv", report)

    change = change_table(result, lang)
    if change is not None:
        written["year_comparison.csv"] = write_csv(out / "year_comparison.csv", change)
        block = result.summary.get("compare") or {}
        title = f"{t('sheet_change', lang)} {block.get('year_1', '')}-{block.get('year_2', '')}"
        ckeys = [c for c in CHANGE_COLUMNS if c in result.extra["change"]]
        written["year_comparison.xlsx"] = _write_xlsx(out / "year_comparison.xlsx",
                                                      [(title, change, ckeys, False)], notes, lang)

    summary = dict(result.summary)
    summary["illustrative"] = bool(result.illustrative or summary.get("illustrative"))
    if summary["illustrative"]:
        summary["note"] = t("illustrative", "vi")
    summary["lang"] = lang
    summary["files"] = sorted([*written, "summary.json"])
    text = json.dumps(_jsonable(summary), ensure_ascii=False, indent=2, allow_nan=False)
    with atomic_path(out / "summary.json") as tmp:
        tmp.write_text(text + "\n", encoding="utf-8")
    written["summary.json"] = out / "summary.json"
    return written


def table_suffix(path: Path) -> str:
    """``.csv`` or ``.xlsx`` of an output table's name; an OptionError for anything else."""
    from ..errors import OptionError

    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        from ..i18n import Msg

        raise OptionError(Msg("tab_suffix", path=path))
    return suffix


def write_table(frame: pd.DataFrame, path: Path, *, sheet: str = "crosswalk") -> Path:
    """Write one table as CSV (:func:`write_csv`) or as a protected XLSX sheet, atomically."""
    if table_suffix(path) == ".csv":
        return write_csv(path, frame)
    import pandas as pd

    from .._sanitize import excel_frame, protect_worksheet

    with atomic_path(path) as tmp, pd.ExcelWriter(tmp, engine="openpyxl") as writer:
        excel_frame(frame).to_excel(writer, index=False, sheet_name=sheet)
        protect_worksheet(writer.sheets[sheet])  # text never a formula
    return path
