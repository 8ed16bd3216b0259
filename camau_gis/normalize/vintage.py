"""Match each register row in its own administrative vintage (2019 units or 2025 units).

Since 2025-07-01 the merged Cà Mau province has 64 units without districts;
a register kept since then names those, an older one the 2019 units with
their districts, and a register kept across the reform both. The 2025 units
reuse 2019 codes and most reuse a 2019 name for a different area, so a row
is read in the vintage its own evidence supports, in this order:

1. **Code**: the vintage in which the code and the name (if any) agree. A
   2025 code written with the name of one of that unit's 2019 predecessors is
   counted for the 2025 unit, with a note.
2. **District**: a row with a district is a pre-2025 row (there are no
   districts since 2025).
3. **Name**: a name that exists only in 2025 (``Phường An Xuyên``) is a 2025
   row; only in 2019 (``Phường 9``), a 2019 row.
4. **Date**: the criterion-19 assessment date or year, the model's start
   year: before 2025 -> 2019 units, from 2026 (or from 2025-07-01) -> 2025.
5. Otherwise a name found in both vintages is reported as "ambiguous
   vintage" with both candidates, never joined to either.

With ``admin="2019"`` (the user asked for the 2019 units) a row of 2025 is
reported with what the unit was made of and what to do, and undecided rows
are read as 2019. The validity of units (Phường 4 until 2024-12-01) comes
with the tables (:func:`camau_gis.crosswalk.tables.matching_tables`), which the
caller passes in: this stage does not read the crosswalk itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import settings
from ..i18n import date_text, t
from ..schema import VINTAGE_2019, VINTAGE_2025
from ..text import ascii_key, nfc, split_unit_type
from .matching import CommuneIndex, Match, Unit, match_one, reason_text

if TYPE_CHECKING:
    import pandas as pd

#: ``match_vint`` of a row whose name fits both vintages with nothing to decide.
AMBIGUOUS = "?"
#: Most predecessor names listed in a message before "…".
PREDS_SHOWN = 4


@dataclass
class VMatch:
    """A row matched in a vintage: ``vintage`` is ``"2019"``, ``"2025"`` or ``""`` (undecided)."""

    vintage: str
    match: Match
    note: dict[str, str] = field(default_factory=dict)  # a vint_* reason for a joined row


class VintageIndex:
    """The units of both vintages, for :func:`match_vintage`.

    Parameters
    ----------
    communes_2019 : DataFrame
        Canonical 2019 communes (with districts), e.g. old Cà Mau and Bạc Liêu.
    tables : dict
        :func:`camau_gis.crosswalk.tables.matching_tables`: ``units_2025``,
        ``successors``, ``predecessors``, ``ended``, ``reform``.
    """

    def __init__(self, communes_2019: pd.DataFrame, tables: dict[str, Any]) -> None:
        self.idx19 = CommuneIndex(communes_2019)
        self.idx25 = CommuneIndex(tables["units_2025"])
        self.successors: dict[str, tuple[str, ...]] = tables["successors"]
        self.predecessors: dict[str, tuple[str, ...]] = tables["predecessors"]
        self.ended: dict[str, tuple[str, str]] = tables["ended"]
        self.reform: str = tables["reform"]
        self.reform_year = int(self.reform[:4])
        self.old_names = {u.code: u.name for u in self.idx19.units}
        self.old_districts = {u.code: u.district for u in self.idx19.units}

    def reform_text(self, lang: str) -> str:
        """``"1/7/2025"`` / ``"1 July 2025"``."""
        return date_text(self.reform, lang)

    def preds_text(self, code: str) -> str:
        """2019 names that went into the 2025 unit ``code``: ``"Phường 1, Phường 4, …"``."""
        names = sorted({self.old_names.get(c, c) for c in self.predecessors.get(code, ())},
                       key=_natural)
        shown = names[:PREDS_SHOWN]
        return ", ".join(shown) + (", …" if len(names) > PREDS_SHOWN else "")


def _natural(name: str) -> list[Any]:
    """Sort key: "Phường 2" before "Phường 10", diacritics ignored."""
    return [(0, int(x), "") if x.isdigit() else (1, 0, x)
            for x in re.split(r"(\d+)", ascii_key(name)) if x]


def label(u: Unit, vintage: str, lang: str) -> str:
    """Label a candidate with its vintage: ``"Xã Tân Tiến (32188) [đơn vị hành chính 2025]"``."""
    tag = t(f"vint_tag_{vintage}", lang)
    if vintage == VINTAGE_2025 or not u.district:
        return f"{u.name} ({u.code}) [{tag}]"
    return f"{u.name} ({u.district}, {u.code}) [{tag}]"


def _tagged(cands: list[str], vintage: str, lang: str) -> list[str]:
    tag = t(f"vint_tag_{vintage}", lang)
    return [f"{c} [{tag}]" for c in cands]


def _found(index: CommuneIndex, commune: str) -> list[Unit]:
    """Units of ``index`` (any district) that the name fits, as the matcher reads names."""
    if not commune:
        return []
    unit_type, short = split_unit_type(commune)
    found = index.find(unit_type, short, index.units)
    if not found and unit_type is not None:
        found = index.find(None, commune, index.units)
    return found


def date_vintage(year: object, date: object, reform: str) -> str:
    """Vintage a row's date supports: ``"2019"``, ``"2025"`` or ``""`` (the reform year, no day).

    ``date`` (ISO ``YYYY-MM-DD``, e.g. the assessment date) wins over ``year``.
    """
    text = nfc(date)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return VINTAGE_2025 if text >= reform else VINTAGE_2019
    try:
        y = int(year)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return ""
    reform_year = int(reform[:4])
    if y < reform_year:
        return VINTAGE_2019
    return VINTAGE_2025 if y > reform_year else ""


def match_vintage(
    commune: object,
    district: object,
    code: object,
    index: VintageIndex,
    *,
    year: object = None,
    date: object = None,
    admin: str | None = None,
    lang: str | None = None,
    assessment: bool = False,
) -> VMatch:
    """Match one row in the vintage its code, district, name and date support (module rules).

    Parameters
    ----------
    commune, district, code : object
        The row's commune (as written), district and GSO code.
    index : VintageIndex
        Units of both vintages.
    year, date : object, optional
        The row's year (model start, assessment year) and ISO date (assessment).
    admin : {"2019", "2025"}, optional
        The vintage the user asked for; ``"2019"`` reports 2025 rows and reads
        undecided ones as 2019.
    lang : {"vi", "en"}, optional
        Language of the labels in the candidates.
    assessment : bool
        The row is a criterion-19 assessment: one dated before the reform but
        naming a unit of 2025 is joined with a note (a model may be older than
        its unit's name, an assessment may not).

    Returns
    -------
    VMatch
        ``match.code`` is a code of ``vintage``, or empty with a reason.
    """
    lang = lang or settings.language
    commune, district, code = nfc(commune), nfc(district), nfc(code)
    if not code and re.fullmatch(r"\d{5}", commune):
        commune, code = "", commune
    dv = date_vintage(year, date, index.reform)
    vm = _decide(commune, district, code, index, dv, lang)
    if assessment and vm.vintage == VINTAGE_2025 and vm.match.code and dv == VINTAGE_2019:
        u = index.idx25.by_code[vm.match.code]
        vm.note = {"reason": "vint_before_start", "value": commune or code, "unit": u.name,
                   "preds": index.preds_text(u.code), "when": nfc(date) or str(year),
                   "column": "year"}
    if vm.vintage == VINTAGE_2019 and vm.match.code in index.ended:
        _after_end(vm, index, year, date)
    if admin == VINTAGE_2019:
        vm = _as_2019(vm, commune, district, code, index, lang)
    return vm


def _decide(commune: str, district: str, code: str, index: VintageIndex, dv: str,
            lang: str) -> VMatch:
    m19 = match_one(commune, district, code, index.idx19)
    if district:
        return _with_district(commune, district, code, index, m19, lang)
    m25 = match_one(commune, "", code, index.idx25)
    if code:
        return _with_code(commune, code, index, m19, m25, dv, lang)
    f19, f25 = _found(index.idx19, commune), _found(index.idx25, commune)
    if f19 and f25:
        if dv:
            return VMatch(dv, m19 if dv == VINTAGE_2019 else m25)
        return _ambiguous(commune, f19, f25, lang)
    if f25:
        return VMatch(VINTAGE_2025, m25)
    if f19:
        return VMatch(VINTAGE_2019, m19)
    # found nowhere: the 2019 reason, with suggestions from both vintages labelled
    extra = [label(u, VINTAGE_2025, lang) + f" ~{s:.0f}%"
             for u, s in index.idx25.fuzzy(split_unit_type(commune)[1], index.idx25.units)]
    m19.candidates = _tagged(m19.candidates, VINTAGE_2019, lang) + extra
    return VMatch("", m19)


def _with_district(commune: str, district: str, code: str, index: VintageIndex, m19: Match,
                   lang: str) -> VMatch:
    """Match a row with a district as pre-2025 (a 2025 name with a district is reported)."""
    if m19.code:
        return VMatch(VINTAGE_2019, m19)
    m25 = match_one(commune, "", code, index.idx25)
    if m25.code and not _found(index.idx19, commune):
        u = index.idx25.by_code[m25.code]
        m = Match(reason="vint_district_2025", column="district", value=district,
                  candidates=[label(u, VINTAGE_2025, lang)]
                  + _tagged(m19.candidates, VINTAGE_2019, lang),
                  params={"unit": u.name, "preds": index.preds_text(u.code), "commune": commune})
        return VMatch("", m)
    m19.candidates = _tagged(m19.candidates, VINTAGE_2019, lang)
    return VMatch("", m19)


def _with_code(commune: str, code: str, index: VintageIndex, m19: Match, m25: Match, dv: str,
               lang: str) -> VMatch:
    """Find the vintage in which code and name agree (a 2025 code, a predecessor's name)."""
    if m19.code and m25.code:
        if dv:
            return VMatch(dv, m19 if dv == VINTAGE_2019 else m25)
        return _ambiguous(commune or code, [index.idx19.by_code[code]],
                          [index.idx25.by_code[code]], lang)
    if m19.code:
        return VMatch(VINTAGE_2019, m19)
    if m25.code:
        return VMatch(VINTAGE_2025, m25)
    u25 = index.idx25.by_code.get(code)
    u19 = index.idx19.by_code.get(code)
    if u25 is not None and commune:
        preds = [u for u in _found(index.idx19, commune)
                 if u.code in index.predecessors.get(u25.code, ())]
        if len(preds) == 1:
            m = Match(code=u25.code)
            note = {"reason": "vint_code_pred", "value": commune, "code": code,
                    "unit": u25.name, "column": "gso_code",
                    "candidates": label(preds[0], VINTAGE_2019, lang)}
            return VMatch(VINTAGE_2025, m, note)
    if u25 is not None and u19 is not None and commune:
        m = Match(reason="vint_code_conflict", column="gso_code", value=commune,
                  candidates=[label(u19, VINTAGE_2019, lang), label(u25, VINTAGE_2025, lang)],
                  params={"code": code, "u19": f"{u19.name} ({u19.district})", "u25": u25.name})
        return VMatch("", m)
    m19.candidates = _tagged(m19.candidates, VINTAGE_2019, lang)
    return VMatch("", m19)


def _ambiguous(value: str, f19: list[Unit], f25: list[Unit], lang: str) -> VMatch:
    c19 = [label(u, VINTAGE_2019, lang) for u in f19]
    c25 = [label(u, VINTAGE_2025, lang) for u in f25]
    m = Match(reason="vint_ambiguous", column="commune", value=value, candidates=c19 + c25,
              params={"c19": " / ".join(u.name + (f" ({u.district})" if u.district else "")
                                        for u in f19),
                      "c25": " / ".join(u.name for u in f25)})
    return VMatch("", m)


def _after_end(vm: VMatch, index: VintageIndex, year: object, date: object) -> None:
    """Note a 2019 row dated after its unit ended before the reform (Phường 4, 2024-12-01)."""
    end, into = index.ended[vm.match.code]
    text = nfc(date)
    late = text >= end if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else False
    try:
        late = late or int(year) > int(end[:4])  # type: ignore[call-overload]
    except (TypeError, ValueError):
        pass
    if late:
        u = index.idx19.by_code[vm.match.code]
        vm.note = {"reason": "vint_after_end", "value": u.name, "unit": f"{u.name} ({u.district})",
                   "date": end, "into": into, "year": str(year if year is not None else text),
                   "column": "year"}


def _as_2019(vm: VMatch, commune: str, district: str, code: str, index: VintageIndex,
             lang: str) -> VMatch:
    """``admin="2019"``: a 2025 row is reported (what it was made of); undecided rows read 2019."""
    if vm.vintage == VINTAGE_2025 or vm.match.reason == "vint_district_2025":
        u = index.idx25.by_code.get(vm.match.code) or index.idx25.by_code.get(code)
        if u is None:
            found = _found(index.idx25, commune)
            u = found[0] if found else None
        if u is not None:
            others = [label(x, VINTAGE_2019, lang) for x in _found(index.idx19, commune)]
            others += [label(x, VINTAGE_2019, lang) + f" ~{s:.0f}%" for x, s in
                       index.idx19.fuzzy(split_unit_type(commune)[1], index.idx19.units)
                       if label(x, VINTAGE_2019, lang) not in others]
            m = Match(reason="vint_is_2025", column="commune", value=commune or code,
                      candidates=[label(u, VINTAGE_2025, lang)] + others,
                      params={"unit": u.name, "preds": index.preds_text(u.code)})
            return VMatch(VINTAGE_2025, m)
    if vm.vintage == "" and vm.match.reason == "vint_ambiguous":
        return VMatch(VINTAGE_2019, match_one(commune, district, code, index.idx19))
    return vm


def vint_text(reason: str, params: dict[str, str], index: VintageIndex | None,
              lang: str | None = None) -> str:
    """Report sentence of a ``vint_*`` reason in ``lang``."""
    lang = lang or settings.language
    values = {"reform": index.reform_text(lang) if index else "", **params}
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", values.get("date", "")):
        values["date"] = date_text(values["date"], lang)
    template = t(reason, lang)
    try:
        return template.format(**values)
    except (KeyError, IndexError):
        return template


def _text(m: Match, index: VintageIndex, lang: str | None) -> str:
    if m.reason.startswith("vint_"):
        return vint_text(m.reason, {"value": m.value, **m.params}, index, lang)
    return reason_text(m, lang)


def match_table_vintages(
    df: pd.DataFrame, table: str, index: VintageIndex, *, admin: str | None = None,
    lang: str | None = None,
) -> tuple[list[str], list[str], list[dict]]:
    """Match every row of a register table in its vintage.

    Parameters
    ----------
    df : DataFrame
        ``models`` or ``c19`` table of a register.
    table : {"models", "c19"}
        Which table; models above commune level are not matched.
    index : VintageIndex
        Units of both vintages.
    admin : {"2019", "2025"}, optional
        The vintage the user asked for (see :func:`match_vintage`).
    lang : {"vi", "en"}, optional
        Language of the reasons.

    Returns
    -------
    tuple
        ``(codes, vintages, report records)`` in row order; a code is of its
        row's vintage (``""`` when not joined); the vintage is ``"2019"``,
        ``"2025"``, :data:`AMBIGUOUS` or ``""`` (not matched).
    """
    n = len(df)
    cols = {c: df[c].tolist() for c in ("commune", "district", "gso_code", "_file", "_sheet",
                                        "_row")}
    levels = df["level"].tolist() if table == "models" else [None] * n
    years = df["year_start" if table == "models" else "year"].tolist()
    dates = df["assessed_on"].tolist() if table == "c19" else [None] * n
    codes: list[str] = []
    vints: list[str] = []
    report: list[dict] = []
    cache: dict[tuple, VMatch] = {}
    for i in range(n):
        if table == "models" and levels[i] not in ("xã", "", None):
            codes.append("")
            vints.append("")
            continue
        key = (cols["commune"][i], cols["district"][i], cols["gso_code"][i],
               None if _missing(years[i]) else years[i], dates[i])
        try:
            vm = cache[key]
        except (KeyError, TypeError):
            vm = match_vintage(*key[:3], index, year=key[3], date=key[4], admin=admin, lang=lang,
                               assessment=table == "c19")
            try:
                cache[key] = vm
            except TypeError:  # pragma: no cover - unhashable cell
                pass
        m = vm.match
        codes.append(m.code)
        vints.append(vm.vintage if m.code or m.reason == "vint_is_2025"
                     else AMBIGUOUS if m.reason == "vint_ambiguous" else "")
        rec = {"_file": cols["_file"][i], "_sheet": cols["_sheet"][i], "_row": cols["_row"][i]}
        if not m.code:
            report.append(_row(rec, table, m.column, m.value, _text(m, index, lang),
                               "; ".join(m.candidates)))
        elif vm.note:
            note = dict(vm.note)
            column, cands, reason = note.pop("column"), note.pop("candidates", ""), note.pop(
                "reason")
            report.append(_row(rec, table, column, note["value"],
                               vint_text(reason, note, index, lang), cands))
        if m.code and table == "c19":
            pool = index.idx25 if vm.vintage == VINTAGE_2025 else index.idx19
            unit = pool.by_code[m.code]
            if unit.unit_type != "xã":
                note_m = Match(reason="c19_not_xa", column="commune", value=nfc(key[0]),
                               params={"unit": unit.name, "type": unit.unit_type,
                                       "type_vi": unit.unit_type})
                report.append(_row(rec, table, "commune", note_m.value,
                                   reason_text(note_m, lang), ""))
    return codes, vints, report


def _row(rec: dict, table: str, column: str, value: str, reason: str, cands: str) -> dict:
    """Return a match-report record (:data:`camau_gis.schema.MATCH_REPORT_COLUMNS`)."""
    return {"file": rec["_file"], "sheet": rec["_sheet"], "row": int(rec["_row"]),
            "table": table, "column": column, "value": value, "reason": reason,
            "candidates": cands}


def _missing(value: object) -> bool:
    try:
        return value is None or value != value or str(value) in ("", "<NA>")
    except (TypeError, ValueError):
        return True


def register_vintage(vints: list[str], undecided: int = 0, lang: str | None = None
                     ) -> dict[str, Any]:
    """Say what a register's rows are: one vintage ("sổ theo đơn vị hành chính 2025") or mixed.

    Parameters
    ----------
    vints : list of str
        Vintage of each joined row (``"2019"``/``"2025"``).
    undecided : int
        Rows of ambiguous vintage.
    lang : {"vi", "en"}, optional
        Language of ``text``.

    Returns
    -------
    dict
        ``vintage`` (``"2019"``, ``"2025"``, ``"mixed"`` or ``""``), ``rows_2019``,
        ``rows_2025``, ``rows_ambiguous`` and a sentence ``text``.
    """
    lang = lang or settings.language
    n19 = sum(v == VINTAGE_2019 for v in vints)
    n25 = sum(v == VINTAGE_2025 for v in vints)
    if n19 and n25:
        kind, text = "mixed", t("vint_register_mixed", lang).format(n19=n19, n25=n25)
    elif n19 or n25:
        kind = VINTAGE_2025 if n25 else VINTAGE_2019
        text = t("vint_register_one", lang).format(v=kind, n=n19 + n25)
    else:
        kind, text = "", ""
    if undecided and text:
        text += t("vint_register_unknown", lang).format(n=undecided)
    return {"vintage": kind, "rows_2019": n19, "rows_2025": n25, "rows_ambiguous": undecided,
            "text": text}

