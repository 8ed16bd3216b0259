"""What a report says, as plain data both writers (Word, HTML) render the same way."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..i18n import check_lang
from ..i18n import t as _t

if TYPE_CHECKING:
    from ..analysis.result import Analysis

#: Rows of the unmatched-register table shown in a report (the rest are counted).
MAX_UNMATCHED_ROWS = 50


@dataclass
class Table:
    """A table: header and rows of strings; ``total`` marks a last summary row."""

    header: list[str]
    rows: list[list[str]]
    total: bool = False


@dataclass
class Section:
    """An extra section (spatial analysis, plan): heading, paragraphs, images, a table."""

    heading: str
    paragraphs: list[str] = field(default_factory=list)
    images: list[tuple[str, Path]] = field(default_factory=list)
    table: Table | None = None


@dataclass
class ReportContent:
    """Every text, table and image of a report, in reading order."""

    lang: str
    title: str
    subtitle: str
    illustrative: str | None
    headline: list[tuple[str, str]]
    maps: list[tuple[str, Path]]
    districts: Table
    uncovered: Table | None
    uncovered_empty: str
    notes: list[str]
    unmatched: Table | None
    credit: str
    headings: dict[str, str] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)  # after "uncovered" (issue 22)
    place: str = ""  # the province's short name, for "Cà Mau, ngày … tháng … năm …"


def xml_safe(content: ReportContent) -> ReportContent:
    """Return ``content`` with every text passed through :func:`camau_gis._sanitize.xml_text`.

    Control characters (from a register or a boundary file) would make
    python-docx raise; they become U+FFFD "�" in both reports.
    """
    import dataclasses

    from .._sanitize import xml_text

    def fix(value: Any) -> Any:
        if isinstance(value, str):
            return xml_text(value)
        if isinstance(value, Table):
            return Table(fix(value.header), fix(value.rows), value.total)
        if isinstance(value, Section):
            return Section(fix(value.heading), fix(value.paragraphs), fix(value.images),
                           fix(value.table))
        if isinstance(value, (list, tuple)):
            return type(value)(fix(v) for v in value)
        if isinstance(value, dict):
            return {k: fix(v) for k, v in value.items()}
        return value  # paths of map images, flags

    return dataclasses.replace(
        content, **{f.name: fix(getattr(content, f.name)) for f in dataclasses.fields(content)})


def _text(value: Any) -> str:
    import pandas as pd

    from ..text import nfc

    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    return nfc(value)


def _district_frame(result: Analysis) -> Any:
    """Return the district summary with its documented columns (computed when missing)."""
    needed = {
        "district",
        "is_total",
        "n_units",
        "n_covered",
        "n_uncovered",
        "n_models",
        "n_c19",
        "n_ntm",
    }
    frame = result.districts
    if frame is None or not needed <= set(frame.columns):
        from ..analysis.districts import district_summary

        frame = district_summary(result.communes)
    return frame


def district_table(result: Analysis, lang: str | None = None) -> Table:
    """One row per district plus the province total: units, coverage, models, criterion 19, NTM."""
    from ..render.captions import fmt_number, units_in_data

    lang = check_lang(lang)
    frame = _district_frame(result)
    n_all, n_known = units_in_data(result)  # units outside the register: not in the share
    header = [
        _t("district", lang),
        _t("col_communes", lang),
        _t("col_covered", lang),
        _t("col_uncovered", lang),
        _t("col_share", lang),
        _t("n_models", lang),
        _t("col_c19", lang),
        _t("col_ntm", lang),
    ]
    rows = []
    total = False
    for _, r in frame.iterrows():
        is_total = bool(r["is_total"])
        name = _t("province_total", lang) if is_total else _text(r["district"])
        if not name:
            continue  # units without a district (2025): the province row says it all
        units = int(r["n_units"])
        known = units - (n_all - n_known if is_total else 0)
        share = 100.0 * int(r["n_covered"]) / known if known else 0.0
        rows.append(
            [
                name,
                str(units),
                str(int(r["n_covered"])),
                str(int(r["n_uncovered"])),
                fmt_number(share, lang, 1),
                str(int(r["n_models"])),
                str(int(r["n_c19"])),
                str(int(r["n_ntm"])),
            ]
        )
        total = total or is_total
    return Table(header, rows, total=total)


def uncovered_table(result: Analysis, lang: str | None = None) -> Table | None:
    """Return the ranked uncovered communes (rank, name, district, C19, reasons), or None."""
    lang = check_lang(lang)
    unc = result.uncovered
    if unc is None or len(unc) == 0:
        return None
    if lang != result.meta.get("reasons_lang", "vi"):
        try:  # reasons are written in the analysis language; spell them out again
            from ..analysis.coverage import format_reasons

            unc = unc.assign(reasons=format_reasons(unc, lang))
        except (ImportError, KeyError):
            pass  # a hand-made result without the reason inputs: keep its text
    cols = [
        ("rank", _t("uncovered_rank", lang)),
        ("gso_code", _t("col_gso", lang)),
        ("name", _t("commune", lang)),
        ("district", _t("district", lang)),
        ("c19_status", _t("c19", lang)),
        ("reasons", _t("reasons", lang)),
    ]
    cols = [(k, h) for k, h in cols if k in unc.columns]
    rows = []
    for _, r in unc.iterrows():
        row = []
        for key, _ in cols:
            value = r[key]
            if key == "c19_status" and _text(value):
                try:
                    value = _t(f"c19_{value}", lang)
                except KeyError:
                    pass
            row.append(_text(value))
        rows.append(row)
    return Table([h for _, h in cols], rows)


def unmatched_table(result: Analysis, lang: str | None = None) -> tuple[Table | None, int]:
    """Register rows that need attention (at most :data:`MAX_UNMATCHED_ROWS`) and their count."""
    lang = check_lang(lang)
    report = result.match_report
    if report is None or len(report) == 0:
        return None, 0
    header = [
        _t("col_file_row", lang),
        _t("source", lang),
        _t("col_value", lang),
        _t("reasons", lang),
        _t("col_candidates", lang),
    ]
    rows = []
    for _, r in report.head(MAX_UNMATCHED_ROWS).iterrows():
        where = ", ".join(x for x in (_text(r.get("file")), _text(r.get("sheet"))) if x)
        row_no = _text(r.get("row"))
        rows.append(
            [
                f"{where}: {row_no}" if row_no else where,
                _text(r.get("column")),
                _text(r.get("value")),
                _text(r.get("reason")),
                _text(r.get("candidates")),
            ]
        )
    return Table(header, rows), len(report)


def headline(result: Analysis, lang: str | None = None) -> list[tuple[str, str]]:
    """Headline figures as (label, value) pairs."""
    from ..render.captions import fmt_number, units_in_data

    lang = check_lang(lang)
    c = result.communes
    n, known = units_in_data(result)  # the share counts units with register data only
    covered = int(c["covered"].fillna(False).astype(bool).sum())
    return [
        (_t("sum_communes", lang), str(n)),
        *([(_t("sum_in_data_units", lang), f"{known}/{n}")] if known < n else []),
        (_t("sum_models", lang), str(int(c["n_models"].fillna(0).sum()))),
        (
            _t("sum_covered", lang),
            f"{covered} ({fmt_number(100.0 * covered / known if known else 0, lang, 1)}%)",
        ),
        (_t("col_uncovered", lang), str(known - covered)),
        (_t("sum_c19", lang), str(int((c["c19_status"] == "achieved").sum()))),
        (_t("ntm_pilot", lang), str(int(c["ntm_pilot"].fillna(False).astype(bool).sum()))),
    ]


def build_content(result: Analysis, maps: dict[str, Path], lang: str | None = None
                  ) -> ReportContent:
    """Collect every text and table of a report from ``result`` and the map images."""
    from ..render.captions import boundary_credit, credit_line, subtitle
    from ..text import strip_province_prefix

    lang = check_lang(lang)
    vintage = ", ".join(sorted({_text(v) for v in result.communes.get("vintage", []) if _text(v)}))
    boundary = boundary_credit(result, lang)
    notes = [_t("note_vintage", lang).format(v=vintage or _t("unknown", lang), src=_text(boundary))]
    unmatched, n_unmatched = unmatched_table(result, lang)
    notes.append(
        _t("note_unmatched", lang).format(n=n_unmatched)
        if n_unmatched
        else _t("note_no_unmatched", lang)
    )
    if n_unmatched > MAX_UNMATCHED_ROWS:
        notes.append(f"… (+{n_unmatched - MAX_UNMATCHED_ROWS}) match_report.csv")
    notes += [_text(w) for w in result.summary.get("year_warnings") or []]  # year outside data
    province = _text(result.communes["province"].iloc[0]) if len(result.communes) else ""
    return ReportContent(
        lang=lang,
        title=f"{_t('report_title', lang)} — {province}" if province else _t("report_title", lang),
        subtitle=subtitle(result, lang),
        illustrative=(
            f"{_t('illustrative', lang).upper()}: {_t('illustrative_note', lang)}"
            if result.illustrative
            else None
        ),
        headline=headline(result, lang),
        maps=[(_t(f"title_{kind}", lang), Path(path)) for kind, path in maps.items()],
        districts=district_table(result, lang),
        uncovered=uncovered_table(result, lang),
        uncovered_empty=_t("report_none_uncovered", lang),
        notes=notes,
        unmatched=unmatched,
        credit=credit_line(result, lang),
        place=strip_province_prefix(province) if province else "",
        headings={
            k: _t(f"report_{k}", lang)
            for k in ("headline", "maps", "districts", "uncovered", "notes")
        },
    )
