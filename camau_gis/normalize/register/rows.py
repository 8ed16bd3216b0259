"""Register rows -> canonical records: header row, layout rows, values, per-row problems.

A sheet is refused only for what makes it unreadable as a table (no header
row, no commune column, no data row). Everything else is per row: a value
that cannot be parsed becomes a :class:`~.cells.Problem` of its row (the
other rows are read as usual), layout rows become
:class:`~.layout.SkippedRow` entries with their reason, and columns that are
not read are listed (:attr:`Parsed.unused`), with a warning when one looks
like a known field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...errors import RegisterError, SchemaError
from . import layout
from .cells import AS_TYPED, Msg, Problem, ValueProblem, as_typed, cell_text, where
from .diagnose import diagnose
from .fields import (
    FIELDS,
    _lookup,
    find_header,
    header_keys,
    map_headers,
    year_columns,
)
from .layout import SkippedRow, _district_heading, _keys_of
from .records import _check_record
from .values import _PARSERS, parse_bool, parse_code

if TYPE_CHECKING:

    from ...io.sheets import Sheet


@dataclass
class Parsed:
    """One sheet read as a register table.

    Attributes
    ----------
    table : str
        ``"models"`` or ``"c19"``.
    records : list of dict
        Canonical fields plus ``_file``, ``_sheet``, ``_row`` (1-based) and
        ``_cols`` (``{field: header}`` of the columns read, for messages);
        rows with a problem are here too (their bad cells blank).
    problems : list of Problem
        Every problem found in the sheet, each tied to its row (and year).
    skipped : list of SkippedRow
        Rows deliberately not read (layout rows), with the reason.
    headers : list of str
        The header row as written.
    unused : list of str
        Headers of the columns not read.
    warnings : list of str
        Things to look at that do not stop a row: a column that looks like a
        known field but is not read, a repeated STT, a totals row whose
        count differs from the rows read.
    wide : bool
        A criterion-19 table with one column per year.
    title : str
        The title the keeper gave the table on a row above its header
        ("DANH SÁCH MÔ HÌNH … NĂM 2019", :func:`layout.title_of`), or ``""``.
    """

    table: str
    records: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    header_row: int = 0
    mapping: dict[str, int] = field(default_factory=dict)
    unused: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    wide: bool = False
    title: str = ""


def _missing_required(table: str, mapping: dict[str, int], wide: bool = False) -> list[str]:
    missing = []
    if table == "models" and "name" not in mapping:
        missing.append("name")
    if "commune" not in mapping and "gso_code" not in mapping:
        missing.append("commune")
    if table == "c19" and not wide:
        missing += [f for f in ("year", "achieved") if f not in mapping]
    return missing


def schema_error(
    sheet: Sheet, table: str, missing: list[str], headers: list[object]
) -> SchemaError:
    """Build the missing-columns error: names the file, the fields and the headers seen."""
    by_name = {f.name: f for f in FIELDS[table]}
    wanted = [Msg("reg_err_wanted_code" if m == "commune" else "reg_err_wanted", field=m,
                  vi=by_name[m].header_vi, en=by_name[m].header_en) for m in missing]
    seen = ", ".join(f'"{cell_text(h)}"' for h in headers if cell_text(h)) or Msg("reg_none")
    found = diagnose(_sample_texts(sheet))
    if found:  # the headers are not missing: they are garbled
        return SchemaError(Msg("reg_err_garbled", at=where(sheet.file, sheet.sheet),
                               why=found[1], seen=seen))
    return SchemaError(Msg(
        "reg_err_missing", at=where(sheet.file, sheet.sheet), table=Msg("reg_table_" + table),
        wanted=wanted, seen=seen, first=missing[0]))


def _sample_texts(sheet: Sheet, rows: int = 200) -> list[str]:
    """Text cells of the first ``rows`` rows, each distinct text once."""
    return list(dict.fromkeys(
        t for _, cells in sheet.rows[:rows] for c in cells
        if isinstance(c, str) and (t := cell_text(c))))




#: Share of a "Mã"/"Mã số" column's values that must look like GSO codes for it to be read as one.
CODE_LIKE_SHARE = 0.8


def _code_column_by_values(
    rows: list[tuple[int, list[object]]], headers: list[object], mapping: dict[str, int],
    columns: dict[str, str] | None,
) -> None:
    """Read an id column ("Mã", "Mã số") as the GSO code when its values are commune codes."""
    col = mapping.get("model_id")
    if col is None or "gso_code" in mapping or (columns or {}).get("model_id"):
        return
    values = [cell_text(cells[col]) for _, cells in rows if col < len(cells)]
    values = [v for v in values if v]
    if not values:
        return
    ok = 0
    for v in values:
        try:
            code = parse_code(v)
        except ValueProblem:
            continue
        ok += len(code) == 5 and len(code.lstrip("0")) >= 4
    if ok >= CODE_LIKE_SHARE * len(values):
        mapping["gso_code"] = mapping.pop("model_id")


def parse_sheet(
    sheet: Sheet, table: str | None = None, columns: dict[str, str] | None = None
) -> Parsed:
    """Read one sheet as a models or criterion-19 table.

    Parameters
    ----------
    sheet : Sheet
        Cells as read by :mod:`camau_gis.io.sheets`.
    table : {"models", "c19"}, optional
        The expected table; default: decided from the headers.
    columns : dict, optional
        Explicit ``{field: header}`` mapping.

    Returns
    -------
    Parsed
        Records, layout rows skipped and every problem found (none raised here).

    Raises
    ------
    RegisterError
        The sheet has no data rows or no header row.
    SchemaError
        A required column is missing.
    """
    if not sheet.rows:
        raise RegisterError(Msg("reg_err_empty", at=where(sheet.file, sheet.sheet)))
    idx, kind, _ = find_header(sheet.rows, table, columns)
    if idx < 0:
        headers = sheet.rows[0][1]
        kind = table or "models"
        raise schema_error(sheet, kind, _missing_required(kind, {}), headers)
    kind = table or kind or "models"
    header_rownum, headers = sheet.rows[idx]
    mapping = map_headers(headers, kind, columns)
    _code_column_by_values(sheet.rows[idx + 1 :], headers, mapping, columns)
    wide = year_columns(headers, mapping) if kind == "c19" else {}
    missing = _missing_required(kind, mapping, bool(wide))
    if missing:
        raise schema_error(sheet, kind, missing, headers)
    out = Parsed(
        table=kind,
        headers=[cell_text(h) for h in headers],
        header_row=header_rownum,
        mapping=mapping,
        wide=bool(wide),
    )
    above = [[cell_text(c) for c in cells] for _, cells in sheet.rows[:idx]]
    for (rownum, _), texts in zip(sheet.rows[:idx], above, strict=True):
        words = layout._texts(texts)
        out.skipped.append(
            SkippedRow(sheet.file, sheet.sheet, rownum, "above_header", words[0] if words else "")
        )
    out.title = layout.title_of(above)
    _Reader(sheet, out, headers, mapping, wide, columns).read(sheet.rows[idx + 1 :])
    out.skipped += [
        SkippedRow(sheet.file, sheet.sheet, r, "blank")
        for r in sheet.blank_rows
        if r > header_rownum
    ]
    out.skipped.sort(key=lambda s: s.row)
    if not out.records:
        raise RegisterError(Msg("reg_err_no_rows_" + kind, at=where(sheet.file, sheet.sheet),
                                row=header_rownum))
    _check_sheet(out, sheet, headers, columns)
    found = diagnose(_sample_texts(sheet))
    if found:
        out.warnings.append(Msg("reg_at", at=where(sheet.file, sheet.sheet), text=found[1]))
    return out


#: A commune written with its code, as the template's drop-down offers it.
_NAME_CODE = re.compile(r"^(.*\S)\s*[(\[]\s*(\d{5})\s*[)\]]$")


class _Reader:
    """The rows below the header of one sheet: layout rows told from data rows."""

    def __init__(
        self,
        sheet: Sheet,
        out: Parsed,
        headers: list[object],
        mapping: dict[str, int],
        wide: dict[int, int],
        columns: dict[str, str] | None,
    ) -> None:
        self.sheet, self.out, self.headers, self.mapping, self.wide = (
            sheet, out, headers, mapping, wide)
        self.kind = out.table
        self.fields = {f.name: f for f in FIELDS[self.kind]}
        strong, _ = _lookup(self.kind)
        id_col = mapping.get("model_id")
        # an id read from "STT" is a row number: it may repeat across sheets
        self.weak_id = (
            id_col is not None
            and not (columns or {}).get("model_id")
            and not any(strong.get(k) == "model_id" for k in header_keys(headers[id_col]))
        )
        self.header_key_row = [header_keys(h) for h in headers]
        self.probe = min(mapping.values())  # a mapped column: cheap test before whole rows
        self.probe_len = min((len(k) for k in self.header_key_row[self.probe]), default=0)
        self.probe_digits = cell_text(headers[self.probe]).isdigit()
        # parsed once per distinct (kind, value): registers repeat districts, years, levels
        self.memo: dict[tuple[str, object], object] = {}
        self.blank = {fname: _PARSERS[f.kind](None) for fname, f in self.fields.items()}
        self.cols_read = {fname: cell_text(headers[i]) for fname, i in mapping.items()}
        self.group_district = ""  # from a heading row such as "I. HUYỆN NĂM CĂN"
        self.footer = ""  # reason of the signature block once it has started
        self.scope: list[dict] = []  # records since the last heading or subtotal
        self.all: list[dict] = []

    def skip(self, rownum: int, reason: str, text: str = "") -> None:
        self.out.skipped.append(SkippedRow(self.sheet.file, self.sheet.sheet, rownum, reason, text))

    def read(self, rows: list[tuple[int, list[object]]]) -> None:
        for rownum, cells in rows:
            texts = [cell_text(c) for c in cells]
            reason = self.layout_reason(rownum, cells, texts)
            if not reason:
                self.read_row(rownum, cells, texts)

    def is_header(self, cells: list[object], texts: list[str]) -> bool:
        p = self.probe
        if p < len(texts) and texts[p].isdigit() and not self.probe_digits:
            return False  # the common case: a row number under "STT"
        return (
            p < len(cells)
            and (len(texts[p]) >= self.probe_len or not texts[p].isascii())
            and _keys_of(texts[p]) == self.header_key_row[p]
            and [_keys_of(t) for t in texts] == self.header_key_row
        )

    def layout_reason(self, rownum: int, cells: list[object], texts: list[str]) -> str:
        """Skip ``rownum`` when it is a layout row; return its reason (``""`` for a data row)."""
        col = self.mapping.get("gso_code")
        code = texts[col] if col is not None and col < len(texts) else ""
        if self.is_header(cells, texts):
            self.skip(rownum, "header_repeat")
            return "header_repeat"
        if layout.column_numbers(texts):
            self.skip(rownum, "column_numbers", " ".join(t for t in dict.fromkeys(texts) if t))
            return "column_numbers"
        words = layout._texts(texts)
        if len(words) > 4:  # a data row: headings, totals and signatures hold a few texts
            return ""
        if self.footer:
            reason, label = layout.footer_kind(texts, code, words)
            if reason or layout.after_footer(texts, code, words):
                if reason in ("place_date", "signature"):
                    self.footer = "signature"  # names below belong to the signature block
                self.skip(rownum, reason or self.footer, label or (words[0] if words else ""))
                return reason or self.footer
        heading = _district_heading(cells, texts)
        if heading:
            self.group_district = heading
            self.scope = []
            self.skip(rownum, "district_heading", heading)
            return "district_heading"
        group = layout.group_heading(texts, words)
        if group:
            self.scope = []
            self.skip(rownum, "heading", group)
            return "heading"
        kind, label = layout.total_kind(texts, code, words)
        if kind:
            note, params = self.compare_total(cells, kind)
            self.out.skipped.append(SkippedRow(self.sheet.file, self.sheet.sheet, rownum, kind,
                                               label, note, tuple(params.items())))
            if kind == "subtotal":
                self.scope = []
            return kind
        reason, label = layout.footer_kind(texts, code, words)
        if reason:
            self.footer = "signature" if reason != "note" else "note"
            self.skip(rownum, reason, label)
            return reason
        return ""

    def compare_total(self, cells: list[object], kind: str) -> tuple[str, dict[str, object]]:
        """Compare a totals row's counts with the rows read: ``(note key, params)``."""
        recs = self.scope if kind == "subtotal" else self.all
        numbers = layout.numbers_of(cells)
        rows = len({r["_row"] for r in recs})
        if not numbers:
            return "", {}
        if self.wide:
            diffs = []
            for c, year in self.wide.items():
                got = [n for i, n in numbers if i == c]
                counted = sum(1 for r in recs if r.get("year") == year and r["achieved"] is True)
                if got and got[0] != counted:
                    diffs.append(f"{year}: {got[0]} ≠ {counted}")
            if not diffs:
                return "reg_total_ok", {"n": rows}
            key = "reg_total_c19_diff"
            params: dict[str, object] = {"diffs": ", ".join(diffs)}
        else:
            if any(n == rows for _, n in numbers):
                return "reg_total_ok", {"n": rows}
            key = "reg_total_diff"
            params = {"written": max(n for _, n in numbers), "counted": rows}
        self.out.warnings.append(Msg("reg_at", at=where(self.sheet.file, self.sheet.sheet),
                                     text=Msg(key, **params)))
        return key, params

    def parse(self, kind: str, value: object) -> object:
        key = (kind, value if isinstance(value, str) else (type(value), value))
        try:
            return self.memo[key]
        except KeyError:
            pass
        except TypeError:  # unhashable cell (never from the readers): parse uncached
            key = None  # type: ignore[assignment]
        try:
            got = _PARSERS[kind](value)
        except ValueProblem as exc:
            got = exc
        if key is not None:
            self.memo[key] = got
        return got

    def read_row(self, rownum: int, cells: list[object], texts: list[str]) -> None:
        sheet, headers, out = self.sheet, self.headers, self.out
        problems: list[Problem] = []
        extra = [t for t in texts[len(headers):] if t.strip()]
        if extra and sheet.separator:  # a text row wider than its header: cells shifted
            sep = "tab" if sheet.separator == "\t" else f'"{sheet.separator}"'
            problems.append(Problem(
                sheet.file, sheet.sheet, rownum, "", extra[0][:40],
                Msg("reg_row_shifted", n=len(texts), columns=len(headers), extra=extra[0][:40],
                    sep=Msg("reg_sep_tab") if sep == "tab" else sep)))
        rec: dict[str, object] = {"_file": sheet.file, "_sheet": sheet.sheet, "_row": rownum}
        typed: dict[str, str] = {}  # cells read otherwise than typed, for the messages
        for fname, f in self.fields.items():
            col = self.mapping.get(fname)
            if col is None or col >= len(cells):
                rec[fname] = self.blank[fname]
            elif f.kind == "text":
                # free text is kept as typed (NFC only); names to match are cleaned
                rec[fname] = as_typed(cells[col]) if fname in AS_TYPED and texts[col] else \
                    texts[col]
            else:
                got = self.parse(f.kind, cells[col])
                if isinstance(got, ValueProblem):
                    rec[fname] = self.blank[fname]
                    problems.append(Problem(
                        sheet.file, sheet.sheet, rownum, cell_text(headers[col]), texts[col],
                        Msg("reg_value", value=texts[col], detail=got.msg)))
                else:
                    rec[fname] = got
                    if f.kind == "code" and got != texts[col]:  # "3219" read as "03219"
                        typed[fname] = texts[col]
        if typed:
            rec["_typed"] = typed
        rec["_cols"] = self.cols_read
        rec["_weak_id"] = self.weak_id
        m = _NAME_CODE.match(str(rec["commune"]))
        if m and not rec["gso_code"]:  # "Xã Hiệp Tùng (32197)": the template's drop-down
            rec["commune"], rec["gso_code"] = m.group(1), m.group(2)
        if self.group_district and not rec["district"]:
            rec["district"] = self.group_district
        out.problems += problems
        for one in _widen(rec, cells, headers, self.wide, out.problems) if self.wide else [rec]:
            out.problems += _check_record(one, self.kind)
            out.records.append(one)
            self.scope.append(one)
            self.all.append(one)


def _check_sheet(
    out: Parsed, sheet: Sheet, headers: list[object], columns: dict[str, str] | None
) -> None:
    """Per-sheet checks: unused columns, look-alike headers, repeated STT, duplicate rows."""
    used = set(out.mapping.values()) | set(year_columns(headers, out.mapping) if out.wide else {})
    lookups = [_lookup(t) for t in FIELDS]
    for i, h in enumerate(headers):
        text = cell_text(h)
        if i in used or not text:
            continue
        out.unused.append(text)
        keys = header_keys(h)
        like = next(
            (lk.get(k) for strong, weak in lookups for lk in (strong,) for k in keys if lk.get(k)),
            None,
        ) or next(
            (f for strong, _ in lookups for k in keys for a, f in strong.items()
             if len(a) >= 4 and k.startswith(a + " ") and f in out.mapping),
            None,
        )
        if like and like in {f.name for f in FIELDS[out.table]}:
            read = out.headers[out.mapping[like]] if like in out.mapping else ""
            out.warnings.append(Msg(
                "reg_lookalike_read" if read else "reg_lookalike", field=like, read=read,
                at=where(sheet.file, sheet.sheet, None, text), header=text))
    id_col = out.mapping.get("model_id")
    if id_col is not None and out.records and out.records[0].get("_weak_id"):
        seen: dict[str, int] = {}
        for rec in out.records:
            stt = str(rec.get("model_id") or "")
            if not stt:
                continue
            if stt in seen and seen[stt] != rec["_row"]:
                out.warnings.append(Msg(
                    "reg_stt_again", at=where(sheet.file, sheet.sheet, rec["_row"],
                                              out.headers[id_col]), stt=stt, first=seen[stt]))
            seen.setdefault(stt, rec["_row"])
    if out.table == "models":
        firsts: dict[tuple, dict] = {}
        for rec in out.records:
            if not rec["name"] or not (rec["commune"] or rec["gso_code"]):
                continue
            key = (str(rec["commune"]).casefold(), rec["gso_code"],
                   str(rec["district"]).casefold(), str(rec["name"]).casefold(), rec["year_start"])
            first = firsts.setdefault(key, rec)
            if first is not rec:
                out.problems.append(Problem(
                    rec["_file"], rec["_sheet"], rec["_row"], rec["_cols"].get("name", "name"),
                    str(rec["name"]), Msg("reg_duplicate_row", first=first["_row"])))


def _widen(
    rec: dict,
    cells: list[object],
    headers: list[object],
    wide: dict[int, int],
    problems: list[Problem],
) -> list[dict]:
    """One record per year column of a wide criterion-19 row (blank cell = no data).

    A cell that is not a criterion-19 value is a problem of that year only.
    """
    out = []
    for col, year in wide.items():
        value = cells[col] if col < len(cells) else None
        new = {
            **rec,
            "year": year,
            "_cols": {
                **rec["_cols"],
                "achieved": cell_text(headers[col]),
                "year": cell_text(headers[col]),
            },
        }
        try:
            new["achieved"] = parse_bool(value, blank=None)
        except ValueProblem as exc:
            new["achieved"] = None
            problems.append(Problem(
                rec["_file"], rec["_sheet"], rec["_row"], cell_text(headers[col]),
                cell_text(value), Msg("reg_value", value=cell_text(value), detail=exc.msg),
                year=year))
        out.append(new)
    return out
