"""Match register rows to communes of the canonical table.

Rules, in order (see issue 4):

1. A GSO code, when given, decides; a commune name or district that
   contradicts the code is reported with both values, not joined.
2. Otherwise the key is unit type + name + district. The name is compared
   after removing its prefix (Xã/X./Phường/P./P1/Phường 01/Thị trấn/TT),
   case and tone-mark placement (Hòa/Hoà) — :func:`camau_gis.text.name_key`.
3. A second pass drops diacritics (:func:`camau_gis.text.ascii_key`) and
   joins only when exactly one unit answers.
4. A name that fits two units (Phường and Xã Tân Thành, without a prefix)
   is reported as ambiguous with both candidates; a name found only in
   another district is reported with both districts.
5. Fuzzy similarity (rapidfuzz) only fills the *candidates* of the report:
   it never joins.

Report reasons are written in Vietnamese (``lang="vi"``) or English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import settings
from ..i18n import check_lang, t
from ..text import ascii_key, district_key, name_key, nfc, split_unit_type

if TYPE_CHECKING:
    import pandas as pd

#: Minimum rapidfuzz ratio (0–100) for a name to be suggested as a candidate.
FUZZY_MIN = 75.0
#: How many fuzzy candidates are listed.
FUZZY_LIMIT = 3

_TYPE_VI = {"xã": "Xã", "phường": "Phường", "thị trấn": "Thị trấn"}

#: Report reasons are i18n labels ``match_<reason>``, filled in by :func:`reason_text`.


@dataclass(frozen=True)
class Unit:
    """One commune of the canonical table, with its matching keys."""

    code: str
    name: str
    unit_type: str
    district: str
    dist_key: str
    key: str
    ascii: str

    def label(self) -> str:
        """``"Xã Hiệp Tùng (Huyện Năm Căn, 32197)"``."""
        return f"{self.name} ({self.district}, {self.code})"


@dataclass
class Match:
    """Outcome of matching one row: a code, or a reason for the report."""

    code: str = ""
    reason: str = ""
    column: str = ""
    value: str = ""
    candidates: list[str] = field(default_factory=list)
    params: dict[str, str] = field(default_factory=dict)


class CommuneIndex:
    """Lookup structures over the canonical commune table.

    Parameters
    ----------
    communes : DataFrame
        Canonical commune table (:data:`camau_gis.schema.COMMUNE_COLUMNS`).
    """

    def __init__(self, communes: pd.DataFrame) -> None:
        units = []
        for row in communes.itertuples(index=False):
            _, short = split_unit_type(row.name)
            units.append(
                Unit(
                    code=str(row.gso_code),
                    name=nfc(row.name),
                    unit_type=row.unit_type,
                    district=nfc(row.district),
                    dist_key=district_key(row.district),
                    key=name_key(short),
                    ascii=ascii_key(short),
                )
            )
        self.units: list[Unit] = units
        self.by_code = {u.code: u for u in units if u.code}
        self.by_district: dict[str, list[Unit]] = {}
        self.district_names: dict[str, str] = {}
        for u in units:
            self.by_district.setdefault(u.dist_key, []).append(u)
            self.district_names[u.dist_key] = u.district
        #: 3-digit GSO district code -> district key (staff sometimes write the code)
        self.district_codes: dict[str, str] = {}
        if "dist_code" in communes.columns:
            for code, name in zip(communes["dist_code"], communes["district"], strict=True):
                if isinstance(code, str) and code:
                    self.district_codes.setdefault(code, district_key(name))

    def find(self, unit_type: str | None, short: str, pool: list[Unit]) -> list[Unit]:
        """Units of ``pool`` named ``short``: exact key first, else the diacritic-free key."""
        typed = [u for u in pool if unit_type is None or u.unit_type == unit_type]
        nk = name_key(short)
        exact = [u for u in typed if u.key == nk]
        if exact:
            return exact
        ak = ascii_key(short)
        return [u for u in typed if u.ascii == ak]

    def fuzzy(self, short: str, pool: list[Unit]) -> list[tuple[Unit, float]]:
        """Closest names of ``pool`` above :data:`FUZZY_MIN`, best first (suggestions only)."""
        from rapidfuzz import fuzz, process

        ak = ascii_key(short)
        if not ak or not pool:
            return []
        hits = process.extract(
            ak,
            [u.ascii for u in pool],
            scorer=fuzz.ratio,
            score_cutoff=FUZZY_MIN,
            limit=FUZZY_LIMIT,
        )
        return [(pool[i], score) for _, score, i in hits]


def _labels(units: list[Unit]) -> list[str]:
    return [u.label() for u in units]


def _fuzzy_labels(hits: list[tuple[Unit, float]],
                  skip: tuple[Unit, ...] | list[Unit] = ()) -> list[str]:
    return [f"{u.label()} ~{score:.0f}%" for u, score in hits if u not in skip]


def match_one(commune: object, district: object, code: object, index: CommuneIndex) -> Match:
    """Match one register row (commune, district, GSO code) to a unit of ``index``.

    Returns
    -------
    Match
        ``code`` set when joined; otherwise ``reason`` (i18n label ``match_<reason>``),
        the column and value at fault and the closest candidates.
    """
    commune, district, code = nfc(commune), nfc(district), nfc(code)
    if not code and re.fullmatch(r"\d{5}", commune):  # a code written in the commune column
        commune, code = "", commune
    dkey = district_key(district) if district else ""
    if re.fullmatch(r"\d{3}", district) and district in index.district_codes:
        dkey = index.district_codes[district]
    unit_type, short = split_unit_type(commune)
    if code:
        return _by_code(code, commune, district, dkey, unit_type, short, index)
    if not commune:
        return Match(reason="empty", column="commune", value="")
    if dkey and dkey not in index.by_district:
        return _unknown_district(district, dkey, unit_type, short, index)
    pool = index.by_district[dkey] if dkey else index.units
    where = index.district_names[dkey] if dkey else "tỉnh"
    found = index.find(unit_type, short, pool)
    if not found and unit_type is not None:
        # a prefix read where there was none ("Xa..." as a name): try the text as written
        found = index.find(None, commune, pool)
    if len(found) == 1:
        if not found[0].code:
            return Match(
                reason="uncoded",
                column="commune",
                value=commune,
                candidates=[found[0].label()],
                params={"unit": found[0].name},
            )
        return Match(code=found[0].code)
    if len(found) > 1:
        return Match(reason="ambiguous", column="commune", value=commune, candidates=_labels(found))
    return _not_found(commune, district, dkey, unit_type, short, where, pool, index)


def _by_code(code: str, commune: str, district: str, dkey: str, unit_type: str | None,
             short: str, index: CommuneIndex) -> Match:
    """Join by GSO code; a commune or district written beside it must agree with the code."""
    unit = index.by_code.get(code)
    if unit is None:
        cands = index.find(unit_type, short, index.units) if commune else []
        return Match(
            reason="code_unknown", column="gso_code", value=code, candidates=_labels(cands)
        )
    ctx = {"code": code, "unit": unit.name, "unit_district": unit.district}
    if commune:
        same = unit in index.find(unit_type, short, [unit]) or (
            unit_type is not None and unit in index.find(None, commune, [unit])
        )
        if not same:
            return Match(
                reason="code_conflict",
                column="commune",
                value=commune,
                candidates=[unit.label()],
                params={**ctx, "column": "commune", "column_vi": "xã"},
            )
    if district and dkey != unit.dist_key:
        return Match(
            reason="code_conflict",
            column="district",
            value=district,
            candidates=[unit.label()],
            params={**ctx, "column": "district", "column_vi": "huyện"},
        )
    return Match(code=unit.code)


def _unknown_district(district: str, dkey: str, unit_type: str | None, short: str,
                      index: CommuneIndex) -> Match:
    """Refuse a district the province lacks, naming the commune elsewhere and close names."""
    elsewhere = index.find(unit_type, short, index.units)
    from rapidfuzz import fuzz, process

    close = process.extract(
        dkey,
        list(index.district_names),
        scorer=fuzz.ratio,
        score_cutoff=FUZZY_MIN,
        limit=FUZZY_LIMIT,
    )
    return Match(
        reason="district_unknown",
        column="district",
        value=district,
        candidates=_labels(elsewhere) + [index.district_names[k] for k, _, _ in close],
    )


def _not_found(commune: str, district: str, dkey: str, unit_type: str | None, short: str,
               where: str, pool: list[Unit], index: CommuneIndex) -> Match:
    """Say why no unit has this name here: in another district, of another type, or unknown."""
    params = {
        "where": where,
        "short": short,
        "commune": commune,
        "type": unit_type or "",
        "type_vi": (_TYPE_VI.get(unit_type or "", "")).lower(),
    }
    if dkey:
        elsewhere = index.find(unit_type, short, index.units)
        if elsewhere:
            near = _fuzzy_labels(index.fuzzy(short, pool))
            params["unit_district"] = " / ".join(sorted({u.district for u in elsewhere}))
            return Match(
                reason="district_conflict",
                column="district",
                value=district,
                candidates=_labels(elsewhere) + near,
                params=params,
            )
    if unit_type is not None:
        other = index.find(None, short, pool)
        if other:
            return Match(
                reason="type_conflict",
                column="commune",
                value=commune,
                candidates=_labels(other),
                params=params,
            )
    hits = index.fuzzy(short, pool)
    if dkey:
        hits += [h for h in index.fuzzy(short, index.units) if h[0] not in pool]
    return Match(
        reason="not_found",
        column="commune",
        value=commune,
        candidates=_fuzzy_labels(hits),
        params=params,
    )


def reason_text(match: Match, lang: str | None = None) -> str:
    """Return the report sentence of a :class:`Match` in ``lang`` (``"vi"`` or ``"en"``)."""
    lang = check_lang(lang)
    params = {"value": match.value, **match.params}
    if params.get("where") == "tỉnh":
        params["where"] = t("match_where_province", lang)
    template = t(f"match_{match.reason}", lang)
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def match_table(
    df: pd.DataFrame, table: str, index: CommuneIndex, lang: str | None = None
) -> tuple[list[str], list[dict]]:
    """Match every row of a register table.

    Each distinct (commune, district, GSO code) is matched once and the
    outcome mapped back to its rows, so large registers cost what their
    distinct places cost.

    Parameters
    ----------
    df : DataFrame
        ``models`` or ``c19`` table of a :class:`camau_gis.register.Register`.
    table : {"models", "c19"}
        Which table (models above commune level are not matched).
    index : CommuneIndex
        The communes.
    lang : str, optional
        Language of the reasons.

    Returns
    -------
    tuple
        ``(match codes in row order, report records)``.
    """
    n = len(df)
    names = ("commune", "district", "gso_code", "_file", "_sheet", "_row")
    cols = {c: df[c].tolist() for c in names}
    levels = df["level"].tolist() if table == "models" else [None] * n
    outcome: dict[tuple, Match] = {}
    codes: list[str] = []
    report: list[dict] = []
    for i in range(n):
        if table == "models" and levels[i] not in ("xã", "", None):
            codes.append("")
            continue
        key = (cols["commune"][i], cols["district"][i], cols["gso_code"][i])
        try:
            m = outcome[key]
        except (KeyError, TypeError):
            m = match_one(*key, index)
            try:
                outcome[key] = m
            except TypeError:  # pragma: no cover - unhashable cell
                pass
        codes.append(m.code)
        if m.code and not (table == "c19" and index.by_code[m.code].unit_type != "xã"):
            continue
        rec = {"_file": cols["_file"][i], "_sheet": cols["_sheet"][i], "_row": cols["_row"][i]}
        if not m.code:
            report.append(_report_row(rec, table, m, lang))
        else:
            unit = index.by_code[m.code]
            note = Match(
                reason="c19_not_xa",
                column="commune",
                value=nfc(key[0]),
                params={"unit": unit.name, "type": unit.unit_type, "type_vi": unit.unit_type},
            )
            report.append(_report_row(rec, table, note, lang))
    return codes, report


def _report_row(rec: dict, table: str, m: Match, lang: str | None) -> dict:
    return {
        "file": rec["_file"],
        "sheet": rec["_sheet"],
        "row": int(rec["_row"]),
        "table": table,
        "column": m.column,
        "value": m.value,
        "reason": reason_text(m, lang),
        "candidates": "; ".join(m.candidates),
    }


def duplicate_c19(df: pd.DataFrame, lang: str | None = None) -> list[dict]:
    """Report criterion-19 rows for a commune and year already given by an earlier row."""
    seen: dict[tuple[str, int], dict] = {}
    report = []
    for rec in df.to_dict("records"):
        if not rec["match_code"] or rec["year"] is None or rec["year"] != rec["year"]:
            continue
        try:
            key = (rec["match_code"], int(rec["year"]))
        except (TypeError, ValueError):
            continue
        first = seen.setdefault(key, rec)
        if first is rec:
            continue
        differ = str(first["achieved"]) != str(rec["achieved"])
        m = Match(
            reason="duplicate_c19",
            column="year",
            value=str(key[1]),
            params={
                "other": str(first["_row"]),
                "conflict": t("match_c19_differs", lang) if differ else "",
            },
        )
        report.append(_report_row(rec, "c19", m, lang))
    return report


def points_outside(
    df: pd.DataFrame, communes: pd.DataFrame, lang: str | None = None, tolerance_m: float = 500.0
) -> list[dict]:
    """Report joined models whose point lies farther than ``tolerance_m`` outside their commune."""
    import geopandas as gpd
    import numpy as np
    import shapely

    has = df[(df["match_code"] != "") & df["lon"].notna() & df["lat"].notna()]
    if has.empty or "geometry" not in getattr(communes, "columns", []):
        return []
    polys = gpd.GeoDataFrame(
        communes[["gso_code", "name", "geometry"]],
        geometry="geometry",
        crs=getattr(communes, "crs", None) or settings.default_crs,
    )
    polys = polys.to_crs(settings.metric_crs).drop_duplicates("gso_code").set_index("gso_code")
    has = has[has["match_code"].isin(polys.index)]
    if has.empty:
        return []
    pts = gpd.GeoSeries(
        gpd.points_from_xy(has["lon"], has["lat"]), index=has.index, crs=settings.default_crs
    ).to_crs(settings.metric_crs)
    shapes = polys.geometry.reindex(has["match_code"]).to_numpy()
    far = np.asarray(shapely.distance(shapes, pts.to_numpy()) > tolerance_m)
    report = []
    for rec in has[far].to_dict("records"):
        code = rec["match_code"]
        m = Match(
            reason="point_outside",
            column="lon",
            value=f"{rec['lon']}, {rec['lat']}",
            params={
                "lon": f"{rec['lon']}",
                "lat": f"{rec['lat']}",
                "unit": polys.loc[code, "name"],
            },
        )
        report.append(_report_row(rec, "models", m, lang))
    return report
