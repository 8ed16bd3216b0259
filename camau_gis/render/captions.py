"""Every caption text of a map or report, defined once: numbers, unit names, subtitle, credit line.

Static maps (:mod:`camau_gis.render.static`), the atlas, the Word and HTML
reports and the HTML map take their subtitle and credit line from here, so a
source, a licence or a date is written the same way everywhere. Dates are
shown day first (``15/12/2019``); sources by name and licence, never by a
local folder or file path.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from ..i18n import check_lang, fmt_number, fmt_percent
from ..i18n import t as _t

if TYPE_CHECKING:
    from ..analysis.result import Analysis

__all__ = [
    "BOUNDARY_SOURCES",
    "boundary_credit",
    "commune_label",
    "credit_line",
    "data_date",
    "display_date",
    "shared_names",
    "typed_label",
    "district_label",
    "fmt_number",
    "fmt_percent",
    "register_credit",
    "subtitle",
    "unit_types",
    "units_in_data",
]

#: Boundary sources known by name: key (found in the source text) ->
#: (name, author, licence, year of the data). The credit names them so.
BOUNDARY_SOURCES: dict[str, tuple[str, str, str, str]] = {
    "vietnam63": ("vietnam63", "M. Choisy", "MIT", "2008"),
    "gadm": ("GADM 4.1", "gadm.org", "GADM", "2022"),
    "geoboundaries": ("geoBoundaries", "William & Mary geoLab", "CC BY 4.0", ""),
}


def commune_label(short_name: str, unit_type: str, lang: str | None = None) -> str:
    """Short map label of a commune: ``"P.5"``/``"Ward 5"`` for numbered wards, else the name."""
    lang = check_lang(lang)
    m = re.fullmatch(r"(?:Phường\s+)?(\d+)", short_name.strip())
    if m and unit_type == "phường":
        return _t("lab_ward_n", lang).format(n=m.group(1))
    return short_name


def district_label(district: str, dist_short: str, lang: str | None = None) -> str:
    """Return a district's map label: ``"TP. Cà Mau"``/``"Cà Mau City"`` for cities, else short."""
    lang = check_lang(lang)
    lowered = district.lower()
    if lowered.startswith("thành phố"):
        return _t("lab_city", lang).format(name=dist_short)
    if lowered.startswith("thị xã"):
        return _t("lab_town", lang).format(name=dist_short)
    return dist_short


def _year(result: Analysis) -> Any:
    return result.year or result.meta.get("year") or result.summary.get("year")


def data_date(result: Analysis) -> str:
    """Return the data date: ``meta``/``summary`` ``data_date``, else the latest C19 assessment.

    Returns ``""`` when neither is known. Assessment dates are read day first
    (``15/12/2018``) or ISO.
    """
    for source in (result.meta, result.summary):
        value = source.get("data_date")
        if value:
            return str(value)
    c19 = result.c19
    if c19 is None or "assessed_on" not in getattr(c19, "columns", ()) or not len(c19):
        return ""
    import pandas as pd

    distinct = pd.unique(c19["assessed_on"].to_numpy(dtype=object))  # one row per commune
    # each distinct date is parsed once (one row per commune nationally)
    values = sorted({v.strip() for v in distinct if isinstance(v, str) and v.strip()})
    if not values:
        return ""
    dates = pd.to_datetime(pd.Series(values), errors="coerce", format="mixed", dayfirst=True)
    dates = dates.dropna()
    return dates.max().date().isoformat() if len(dates) else ""


def subtitle(result: Analysis, lang: str | None = None, *, province_units: bool = True) -> str:
    """Subtitle of a map: province, year, data date and (optionally) unit counts."""
    lang = check_lang(lang)
    communes = result.communes
    province = str(communes["province"].iloc[0]) if len(communes) else ""
    for prefix, key in (("Tỉnh ", "lab_province"), ("Thành phố ", "lab_city_province")):
        if province.startswith(prefix):
            province = _t(key, lang).format(name=province[len(prefix):])
    parts = [province] if province else []
    year = _year(result)
    if year:
        parts.append(f"{_t('year_of_data', lang)} {year}")
    date = display_date(data_date(result))
    if date:
        parts.append(f"{_t('data_date', lang)}: {date}")
    if province_units:
        names = communes["district"].fillna("").astype(str).str.strip()
        n_dist = names[names != ""].nunique()
        if n_dist:
            parts.append(_t("sub_units", lang).format(n=len(communes), d=n_dist))
        else:  # the 2025 units: no districts, and only the unit types that exist
            key = "sub_units_2025" if _is_2025(result) else "sub_units_only"
            parts.append(_t(key, lang).format(n=len(communes), types=unit_types(communes, lang)))
    return " · ".join(parts)


#: Unit types in the order they are named (labels ``types_<type>``).
_TYPES = ("xã", "phường", "thị trấn")


def unit_types(communes: Any, lang: str | None = None) -> str:
    """Names of the unit types present, e.g. ``"xã, phường"`` / ``"communes and wards"``."""
    lang = check_lang(lang)
    present = set(communes["unit_type"].fillna("").astype(str))
    names = [_t(f"types_{u}", lang) for u in _TYPES if u in present]
    if not names:
        return _t("sum_communes", lang).lower()
    if len(names) == 1:
        return names[0]
    return _t("list_last", lang).format(first=", ".join(names[:-1]), last=names[-1])


def _is_2025(result: Analysis) -> bool:
    return "2025" in {str(result.meta.get("admin", "")), str(result.summary.get("vintage", "")),
                      str(result.communes.attrs.get("vintage", ""))}


def units_in_data(result: Analysis) -> tuple[int, int]:
    """Return (units, units with register data).

    Units with data: ``summary["province"]["units_in_data"]``, else the
    ``in_data`` column, else every unit.
    """
    c = result.communes
    n = len(c)
    known = (result.summary.get("province") or {}).get("units_in_data")
    if known is None and "in_data" in c:
        known = int(c["in_data"].fillna(False).astype(bool).sum())
    return n, n if known is None else int(known)


#: Unit type -> i18n key of its map abbreviation.
_TYPE_ABBR = {"xã": "abbr_xa", "phường": "abbr_phuong", "thị trấn": "abbr_thi_tran"}


def shared_names(communes: Any) -> set[str]:
    """Short names that units of different types share (a xã and a phường "Tân Thành")."""
    if not {"short_name", "unit_type"} <= set(communes.columns):
        return set()
    pairs = communes[["short_name", "unit_type"]].astype(str).drop_duplicates()
    counts = pairs["short_name"].value_counts()
    return set(counts.index[counts > 1])


def typed_label(label: str, unit_type: str, lang: str | None = None) -> str:
    """``"Tân Thành"`` -> ``"P. Tân Thành"``: a label with its unit type's abbreviation.

    A numbered ward's short label (``"P.5"``) already says its type.
    """
    lang = check_lang(lang)
    key = _TYPE_ABBR.get(unit_type.strip().lower())
    if key is None or re.fullmatch(r"P\.\d+|Ward \d+", label):
        return label
    return f"{_t(key, lang)} {label}"


def display_date(value: Any) -> str:
    """Return a date as readers write it, day first: ``"2019-12-15"`` -> ``"15/12/2019"``.

    Text that is not a date is returned unchanged (stripped); ``""`` for none.
    """
    text = str(value or "").strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?", text)
    return f"{m.group(3)}/{m.group(2)}/{m.group(1)}" if m else text


def _values(mapping: Mapping[str, Any], *keys: str) -> list[str]:
    """Non-empty values of the first key of ``keys`` that has any (lists flattened)."""
    for key in keys:
        value = mapping.get(key)
        if not isinstance(value, (list, tuple)):
            value = [value] if value else []
        found = [str(v).strip() for v in value if v and str(v).strip()]
        if found:
            return list(dict.fromkeys(found))
    return []


def _file_name(text: str) -> str:
    """Return a source as readers see it: a path becomes its file name (``"x (dir/)"``: x)."""
    text = re.sub(r"\s*\([^)]*[/\\][^)]*\)\s*$", "", text.strip())  # "vietnam63 (shapefiles/)"
    return PurePath(text.replace("\\", "/")).name or text if re.search(r"[/\\]", text) else text


def boundary_credit(result: Analysis, lang: str | None = None) -> str:
    """Boundary part of the credit line: ``"Ranh giới: "`` + :func:`boundary_sources`."""
    return f"{_t('credit_boundaries', lang)}: {boundary_sources(result, lang)}"


def boundary_sources(result: Analysis, lang: str | None = None) -> str:
    """Name the boundary sources, each with its author, licence and year.

    E.g. ``"vietnam63 (M. Choisy, giấy phép MIT), 2008"``.

    A known source (:data:`BOUNDARY_SOURCES`) is named with its author, licence
    and year; another file by its name (never its folder) and the licence
    given in ``meta["boundary_licence"]`` if any.
    """
    lang = check_lang(lang)
    meta = result.meta
    given = _values(meta, "boundaries") or ["vietnam63"]
    licence = "; ".join(_values(meta, "boundary_licence"))
    names = []
    for text in given:
        known = next((v for k, v in BOUNDARY_SOURCES.items() if k in text.lower()), None)
        if known:
            name, author, lic, year = known
            lic_text = _t("credit_licence", lang).format(licence=licence or lic)
            names.append(f"{name} ({author}, {lic_text})" + (f", {year}" if year else ""))
        else:
            lic_text = f" ({_t('credit_licence', lang).format(licence=licence)})" if licence else ""
            names.append(_file_name(text) + lic_text)
    return "; ".join(dict.fromkeys(names))


def register_credit(result: Analysis, lang: str | None = None) -> str:
    """Register part of the credit line: the register's title, else its file name(s); or ``""``.

    The title is ``meta["register_title"]`` (a list for several files), as
    the office that keeps the register names it; a file's name stands in only
    when no title is known. Folders are never shown.
    """
    lang = check_lang(lang)
    meta, summary = result.meta, result.summary
    titles = _values(meta, "register_title")
    if not titles:
        titles = [_file_name(v) for v in (_values(meta, "sources") or _values(summary, "sources"))]
    titles = list(dict.fromkeys(t for t in titles if t))
    return f"{_t('credit_register', lang)}: {'; '.join(titles)}" if titles else ""


def credit_line(result: Analysis, lang: str | None = None, *, date: bool = False) -> str:
    """Return the one source/credit line of every map and report.

    ``"DỮ LIỆU MINH HỌA: … Ranh giới: vietnam63 (M. Choisy, giấy phép MIT), 2008.
    Sổ theo dõi mô hình: …. Bản đồ: camau-gis."``

    Parameters
    ----------
    result : Analysis
        Analysis result (its ``meta``/``summary`` name the sources).
    lang : {"vi", "en"}
        Language.
    date : bool
        Also give the data date (dd/mm/yyyy): for figures without a subtitle.
    """
    lang = check_lang(lang)
    parts = [boundary_credit(result, lang)]
    register = register_credit(result, lang)
    if register:
        parts.append(register)
    when = display_date(data_date(result)) if date else ""
    if when:
        parts.append(f"{_t('data_date', lang)}: {when}")
    parts.append(_t("credit_made_with", lang))
    line = ". ".join(parts) + "."
    if result.illustrative:
        line = f"{_t('illustrative', lang).upper()}: {_t('illustrative_note', lang)} " + line
    return line
