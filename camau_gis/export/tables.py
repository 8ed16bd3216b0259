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

if TYPE_CHECKING:
    import pandas as pd

    from ..analysis.result import Analysis

#: Column key -> (Vietnamese header, English header).
HEADERS: dict[str, tuple[str, str]] = {
    "rank": ("Thứ tự ưu tiên", "Rank"),
    "dist_rank": ("Thứ tự trong huyện", "Rank in district"),
    "priority": ("Mức ưu tiên", "Priority"),
    "gso_code": ("Mã đơn vị", "GSO code"),
    "name": ("Tên đơn vị", "Commune"),
    "district": ("Huyện/thành phố", "District"),
    "unit_type": ("Loại đơn vị", "Unit type"),
    "c19_status": ("Tiêu chí 19", "Criterion 19"),
    "c19_first": ("Năm đạt tiêu chí 19 lần đầu", "Criterion 19 first achieved"),
    "isolated": ("Không giáp đơn vị có mô hình", "Isolated gap"),
    "cluster": ("Cụm", "Cluster"),
    "cluster_size": ("Số đơn vị trong cụm", "Cluster size"),
    "dist_cov_km": ("Cách đơn vị có mô hình gần nhất (km)", "Distance to nearest covered (km)"),
    "area_km2": ("Diện tích (km²)", "Area (km²)"),
    "ntm_pilot": ("Xã điểm nông thôn mới", "NTM pilot"),
    "illustr": ("Dữ liệu minh họa", "Illustrative data"),
    "reasons": ("Lý do", "Reasons"),
    "category": ("Mức độ bao phủ", "Coverage category"),
    "pred_cov": ("Số xã cũ có mô hình", "Former communes with a model"),
    "pred_in": ("Số xã cũ", "Former communes"),
    "cov_share": ("Tỷ lệ diện tích có mô hình", "Area share with a model"),
    "dist_code": ("Mã huyện", "District code"),
    "n_units": ("Số đơn vị cấp xã", "Commune-level units"),
    "n_xa": ("Số xã", "Communes (xã)"),
    "n_phuong": ("Số phường", "Wards (phường)"),
    "n_thitran": ("Số thị trấn", "Townships (thị trấn)"),
    "n_models": ("Số mô hình cấp xã", "Commune-level models"),
    "n_covered": ("Số đơn vị có mô hình", "Units with a model"),
    "n_uncovered": ("Số đơn vị chưa có mô hình", "Units without a model"),
    "covered_share": ("Tỷ lệ có mô hình", "Share with a model"),
    "n_c19": ("Số đơn vị đạt tiêu chí 19", "Units achieving criterion 19"),
    "n_c19_not": ("Số đơn vị chưa đạt tiêu chí 19", "Units not achieving criterion 19"),
    "n_c19_nodata": ("Không có dữ liệu tiêu chí 19", "No criterion-19 data"),
    "c19_share": ("Tỷ lệ đạt tiêu chí 19", "Share achieving criterion 19"),
    "models_per": ("Mô hình bình quân mỗi đơn vị", "Models per unit"),
    "models_10k": ("Mô hình trên 10 km²", "Models per 10 km²"),
    "n_ntm": ("Số xã điểm nông thôn mới", "NTM pilot communes"),
    "n_isolated": ("Số đơn vị chưa có mô hình biệt lập", "Isolated gaps"),
}

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

_VALUES: dict[str, dict[str, dict[Any, str]]] = {
    "c19_status": {"vi": {"achieved": "Đạt", "not_achieved": "Chưa đạt",
                          "no_data": "Không có dữ liệu"},
                   "en": {"achieved": "Achieved", "not_achieved": "Not achieved",
                          "no_data": "No data"}},
    "unit_type": {"en": {"xã": "commune", "phường": "ward", "thị trấn": "township"}},
    "priority": {"vi": {1: "1 - Chưa có mô hình, chưa đạt tiêu chí 19",
                        2: "2 - Không giáp đơn vị có mô hình", 3: "3 - Còn lại",
                        4: "4 - Bao phủ một phần"},
                 "en": {1: "1 - No model, criterion 19 not achieved",
                        2: "2 - Borders no covered commune", 3: "3 - Other",
                        4: "4 - Partly covered"}},
}
def _category_values() -> dict[str, dict[str, str]]:
    from ..analysis.classes import CATEGORIES
    from ..i18n import t

    return {lang: {c: t(f"cat_{c}", lang) for c in CATEGORIES} for lang in ("vi", "en")}


_VALUES["category"] = _category_values()
_VALUES["coverage_change"] = {
    "vi": {"newly_covered": "Mới có mô hình", "lost": "Không còn mô hình",
           "still_covered": "Vẫn có mô hình", "still_uncovered": "Vẫn chưa có mô hình"},
    "en": {"newly_covered": "Newly covered", "lost": "Lost its models",
           "still_covered": "Still covered", "still_uncovered": "Still uncovered"},
}
_VALUES["c19_change"] = {
    "vi": {"newly_achieving": "Mới đạt", "lost": "Không còn đạt", "still_achieving": "Vẫn đạt",
           "still_not_achieved": "Vẫn chưa đạt",
           "unknown_before": "Đạt (năm trước không có dữ liệu)", "no_data": "Không có dữ liệu"},
    "en": {"newly_achieving": "Newly achieving", "lost": "No longer achieving",
           "still_achieving": "Still achieving", "still_not_achieved": "Still not achieving",
           "unknown_before": "Achieving (no earlier data)", "no_data": "No data"},
}
_VALUES["c19_status_1"] = _VALUES["c19_status_2"] = _VALUES["c19_status"]

#: Year-comparison column key -> (Vietnamese, English) header; ``{y}`` is the year.
CHANGE_HEADERS: dict[str, tuple[str, str]] = {
    "gso_code": HEADERS["gso_code"], "name": HEADERS["name"], "district": HEADERS["district"],
    "n_models_1": ("Số mô hình {y}", "Models {y}"),
    "n_models_2": ("Số mô hình {y}", "Models {y}"),
    "d_models": ("Thay đổi số mô hình", "Change in models"),
    "covered_1": ("Có mô hình {y}", "Covered {y}"),
    "covered_2": ("Có mô hình {y}", "Covered {y}"),
    "c19_status_1": ("Tiêu chí 19 năm {y}", "Criterion 19 in {y}"),
    "c19_status_2": ("Tiêu chí 19 năm {y}", "Criterion 19 in {y}"),
    "coverage_change": ("Thay đổi về mô hình", "Coverage change"),
    "c19_change": ("Thay đổi về tiêu chí 19", "Criterion-19 change"),
    # 2025 units compared across the reform (camau_gis.crosswalk.across)
    "pred_names": ("Đơn vị trước 01/07/2025", "Units before 1 July 2025"),
}
#: Gap-cluster sheet column key -> (Vietnamese, English) header.
CLUSTER_HEADERS: dict[str, tuple[str, str]] = {
    "cluster": ("Cụm", "Cluster"), "size": ("Số đơn vị", "Units"),
    "districts": ("Huyện/thành phố", "Districts"), "communes": ("Các đơn vị", "Units in it"),
}
_CLUSTER_SHEET = {"vi": "Cụm chưa có mô hình", "en": "Gap clusters"}
_YES_NO = {"vi": ("Có", "Không"), "en": ("Yes", "No")}
_TOTAL = {"vi": "Toàn tỉnh", "en": "Province total"}
_NOTES_SHEET = {"vi": "Ghi chú", "en": "Notes"}
_BY_DISTRICT_SHEET = {"vi": "Theo huyện", "en": "By district"}

#: Most districts that get one sheet each in ``uncovered_communes.xlsx``; above
#: it (a region or the whole country: 712 districts) the district rows go to a
#: single sheet (:data:`_BY_DISTRICT_SHEET`) with a district column. A province
#: has at most ~30 districts.
MAX_DISTRICT_SHEETS = 60
_ILLUSTRATIVE_NOTE = "Dữ liệu minh họa"

#: GeoPackage layers and what they hold (documented in docs/summary_schema.md).
GPKG_LAYERS = ("communes", "uncovered", "districts", "models")

#: Fields of the ``models`` layer (provenance renamed: ``_file`` -> ``src_file`` …).
MODEL_FIELDS = (*[c for c in schema.MODEL_COLUMNS if c not in ("lon", "lat")], "match_code",
                "active", "counted", "src_file", "src_sheet", "src_row")


def _lang(result: Analysis, lang: str | None) -> str:
    lang = lang or result.meta.get("lang") or settings.language
    return "en" if str(lang).lower().startswith("en") else "vi"


def header(key: str, lang: str = "vi") -> str:
    """Localised header of a column key (the key itself when unknown)."""
    pair = HEADERS.get(key)
    return pair[0 if lang == "vi" else 1] if pair else key


def localize(frame: pd.DataFrame, columns: tuple[str, ...], lang: str) -> pd.DataFrame:
    """Select ``columns``, translate coded values and booleans, rename headers for ``lang``."""
    import pandas as pd

    out = pd.DataFrame(index=frame.index)
    yes, no = _YES_NO[lang]
    for col in columns:
        if col not in frame:
            continue
        s = frame[col]
        if col in _VALUES and lang in _VALUES[col]:
            s = s.map(lambda v, m=_VALUES[col][lang]: m.get(v, v))
        elif s.dtype == bool or str(s.dtype) == "boolean":
            s = s.map({True: yes, False: no})
        out[header(col, lang)] = s
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


def _column_width(key: str, header_text: str, column: pd.Series) -> float:
    """Width of a column: its longest text (values as ``str``), header up to 30, clamped."""
    longest = min(len(header_text or ""), 30)
    if len(column):
        longest = max(longest, int(column.astype(str).str.len().fillna(3).max()))
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
    for k, key in enumerate(keys, start=1):
        ws.column_dimensions[get_column_letter(k)].width = _column_width(
            key, headers[k - 1], frame.iloc[:, k - 1])
    bold = Font(bold=True)
    head = []
    for text in headers:
        cell = WriteOnlyCell(ws, value=text)
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        head.append(cell)
    ws.append(head)
    formats = [NUMBER_FORMATS.get(key) for key in keys]
    formats += [None] * (len(headers) - len(formats))
    n = len(frame)
    columns = [frame.iloc[:, k].tolist() for k in range(len(headers))]
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
    vi = lang == "vi"
    rows = [
        ("Năm số liệu" if vi else "Year", str(result.year if result.year is not None else "")),
        ("Nguồn sổ đăng ký" if vi else "Register sources",
         "; ".join(result.summary.get("register_title") or result.summary.get("sources") or [])),
        ("Ranh giới" if vi else "Boundaries",
         str(result.meta.get("boundaries", "vietnam63 (Marc Choisy, MIT), 2008 polygons"))),
    ]
    if result.illustrative:
        rows.insert(0, (_ILLUSTRATIVE_NOTE,
                        "Một số dòng chỉ minh họa số liệu tổng đã công bố, không phải số liệu thật."
                        if vi else
                        "Some rows only illustrate the published totals; not real data."))
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
        ws = book.create_sheet(_sheet_name(_NOTES_SHEET[lang], used))
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
    it (regional or national runs): a single sheet :data:`_BY_DISTRICT_SHEET`
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
    return [(_BY_DISTRICT_SHEET[lang], gaps.iloc[order], keys, False)]


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
    from ..i18n import t

    run = bool(result.illustrative)
    yes, no = t("illustrative", lang), t("illustrative_no", lang)
    return [yes if run or bool(f) else no for f in flags]


def uncovered_table(result: Analysis, lang: str = "vi") -> pd.DataFrame:
    """Return the ranked uncovered communes with localised headers and values."""
    frame = result.uncovered.copy()
    frame["illustr"] = _illustr_values(frame["illustr"].fillna(False), result, lang)
    if lang != result.meta.get("reasons_lang", "vi") and len(frame):
        from ..analysis.coverage import format_reasons

        frame["reasons"] = format_reasons(frame, lang)
    frame["area_km2"] = frame["area_km2"].astype(float).round(2)
    return localize(frame, UNCOVERED_TABLE, lang)


def district_table(result: Analysis, lang: str = "vi") -> pd.DataFrame:
    """Return the district summary with localised headers (total row: "Toàn tỉnh")."""
    frame = result.districts.copy()
    frame.loc[frame["is_total"].astype(bool), "district"] = _TOTAL[lang]
    c = result.communes
    flags = (c["illustr"].fillna(False).astype(bool) if "illustr" in c
             else c["gso_code"].map(lambda _: False))
    by = flags.groupby(c["dist_code"].astype(str)).any()
    own = [bool(flags.any()) if tot else bool(by.get(str(code), False))
           for code, tot in zip(frame["dist_code"], frame["is_total"].astype(bool), strict=True)]
    frame["illustr"] = _illustr_values(own, result, lang)
    return localize(frame, DISTRICT_TABLE, lang)


def change_table(result: Analysis, lang: str = "vi") -> pd.DataFrame | None:
    """Return the year comparison with localised headers and values (None without one)."""
    change = result.extra.get("change")
    if change is None:
        return None
    block = result.summary.get("compare") or {}
    years = {"1": block.get("year_1", 1), "2": block.get("year_2", 2)}
    k = 0 if lang == "vi" else 1
    out = localize(change, tuple(CHANGE_HEADERS), lang)
    out.columns = [CHANGE_HEADERS[c][k].format(y=years.get(c[-1], "")) for c in CHANGE_HEADERS
                   if c in change]
    if result.illustrative:  # the maps' words on every row, as in the other tables
        out[header("illustr", lang)] = _illustr_values([True] * len(out), result, lang)
    return out


def cluster_table(result: Analysis, lang: str = "vi") -> pd.DataFrame:
    """Return the clusters of contiguous uncovered communes with localised headers."""
    import pandas as pd

    table = result.extra.get("clusters")
    if table is None:
        table = pd.DataFrame(columns=list(CLUSTER_HEADERS))
    k = 0 if lang == "vi" else 1
    cols = [c for c in CLUSTER_HEADERS if c in table]
    return table[cols].rename(columns={c: CLUSTER_HEADERS[c][k] for c in cols})


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
    sheets = [(_TOTAL[lang], gaps, keys, False)]
    sheets += _district_sheets(result, gaps, keys, lang)
    clusters = cluster_table(result, lang)
    sheets.append((_CLUSTER_SHEET[lang], clusters, ["cluster", "size", "districts", "reasons"],
                   False))
    written["uncovered_communes.xlsx"] = _write_xlsx(out / "uncovered_communes.xlsx", sheets,
                                                     notes, lang)

    dist = district_table(result, lang)
    dkeys = [k for k in DISTRICT_TABLE if k in result.districts or k == "illustr"]
    written["district_summary.csv"] = write_csv(out / "district_summary.csv", dist)
    title = "Tổng hợp theo huyện" if lang == "vi" else "District summary"
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
        title = ("So sánh" if lang == "vi" else "Change") + \
            f" {block.get('year_1', '')}-{block.get('year_2', '')}"
        ckeys = [c for c in CHANGE_HEADERS if c in result.extra["change"]]
        written["year_comparison.xlsx"] = _write_xlsx(out / "year_comparison.xlsx",
                                                      [(title, change, ckeys, False)], notes, lang)

    summary = dict(result.summary)
    summary["illustrative"] = bool(result.illustrative or summary.get("illustrative"))
    if summary["illustrative"]:
        summary["note"] = _ILLUSTRATIVE_NOTE
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
        raise OptionError(f"--out {path}: write .csv or .xlsx.")
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
