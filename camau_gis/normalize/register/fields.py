"""Register fields and headers: which column is which canonical field."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...errors import RegisterError
from ...text import ascii_key, nfc
from .cells import cell_text
from .values import MIN_YEAR

#: How many rows from the top are searched for the header row.
HEADER_SCAN_ROWS = 30

@dataclass(frozen=True)
class Field:
    """One canonical register field and the headers that name it.

    Attributes
    ----------
    name : str
        Canonical column name (:mod:`camau_gis.schema`).
    header_vi, header_en : str
        Template headers (Vietnamese, English alias).
    kind : str
        Parser: ``text``, ``level``, ``code``, ``year``, ``bool`` (blank = no),
        ``bool_na`` (blank = no data), ``float``, ``date``, ``source``.
    aliases : tuple of str
        Further accepted headers, compared by :func:`header_keys`.
    weak : tuple of str
        Headers used only when no column matches a main alias ("STT" for the id).
    help_vi, help_en : str
        Description written in the templates.
    example : str
        Example value written in the templates' guide.
    """

    name: str
    header_vi: str
    header_en: str
    kind: str = "text"
    aliases: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()
    help_vi: str = ""
    help_en: str = ""
    example: str = ""

    def keys(self) -> set[str]:
        """Ascii keys of every main header this field answers to."""
        out = {ascii_key(self.name), ascii_key(self.header_vi), ascii_key(self.header_en)}
        return out | {ascii_key(a) for a in self.aliases}


def _load_fields() -> dict[str, tuple[Field, ...]]:
    """Read the field definitions shipped in ``data/register_fields.json``."""
    import json

    from ...data import FOLDER

    path = FOLDER / "register_fields.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, tuple[Field, ...]] = {}
    by_name: dict[str, Field] = {}
    for table in ("models", "c19"):
        fields = []
        for spec in data[table]:
            if "ref" in spec:
                fields.append(by_name[spec["ref"]])
                continue
            f = Field(
                **{**spec, "aliases": tuple(spec["aliases"]), "weak": tuple(spec.get("weak", ()))}
            )
            by_name.setdefault(f.name, f)
            fields.append(f)
        out[table] = tuple(fields)
    return out


#: Fields of each table, in template order (:data:`camau_gis.schema` column order).
FIELDS: dict[str, tuple[Field, ...]] = _load_fields()
MODEL_FIELDS: tuple[Field, ...] = FIELDS["models"]
C19_FIELDS: tuple[Field, ...] = FIELDS["c19"]
#: Fields whose presence says which table a sheet holds.
_SPECIFIC = {
    "models": {
        "model_id",
        "name",
        "kind",
        "level",
        "year_start",
        "year_end",
        "ntm_pilot",
        "board_reg",
        "lead_unit",
        "lon",
        "lat",
    },
    "c19": {"year", "achieved", "c19_1", "c19_2", "first_year", "assessed_on", "basis"},
}
#: Human names of the tables, for messages.
TABLE_NAMES = {"models": "models", "c19": "criterion-19"}


#: Longest text (after collapsing white space) still compared as a header.
MAX_HEADER_CHARS = 500


def header_keys(header: object) -> list[str]:
    """Ascii keys a header is compared by: whole text, text before and inside ``(...)``.

    Text longer than :data:`MAX_HEADER_CHARS` is a value, never a header: no keys.
    """
    s = nfc(header)
    if len(s) > MAX_HEADER_CHARS:
        return []
    keys = [ascii_key(s)]
    m = re.match(r"^(.*?)\((.*)\)\s*$", s)
    if m:
        keys += [ascii_key(m.group(1)), ascii_key(m.group(2))]
    return [k for k in keys if k]


def _lookup(table: str) -> tuple[dict[str, str], dict[str, str]]:
    strong: dict[str, str] = {}
    weak: dict[str, str] = {}
    for f in FIELDS[table]:
        for k in f.keys():
            strong.setdefault(k, f.name)
        for w in f.weak:
            weak.setdefault(ascii_key(w), f.name)
    return strong, weak


def map_headers(
    headers: list[object], table: str, columns: dict[str, str] | None = None
) -> dict[str, int]:
    """Map canonical fields to column positions.

    Parameters
    ----------
    headers : list
        Header cells of the table.
    table : {"models", "c19"}
        Which field set to use.
    columns : dict, optional
        Explicit ``{field: header}``; wins over recognition. Entries whose
        field is not in this table, or whose header is absent, are ignored
        here (see :func:`check_mapping`).

    Returns
    -------
    dict
        ``{field: 0-based column index}``; the first matching column wins.
    """
    strong, weak = _lookup(table)
    names = {f.name for f in FIELDS[table]}
    out: dict[str, int] = {}
    taken: set[int] = set()
    for fname, header in (columns or {}).items():
        if fname not in names:
            continue
        for i, h in enumerate(headers):
            if i not in taken and (
                nfc(h) == nfc(header) or set(header_keys(h)) & set(header_keys(header))
            ):
                out[fname] = i
                taken.add(i)
                break
    for lookup in (strong, weak):
        for i, h in enumerate(headers):
            if i in taken:
                continue
            for k in header_keys(h):
                found = lookup.get(k)
                if found and found not in out:
                    out[found] = i
                    taken.add(i)
                    break
    return out


def check_mapping(columns: dict[str, str] | None) -> None:
    """Raise :class:`RegisterError` when an explicit mapping names an unknown field."""
    known = {f.name for fs in FIELDS.values() for f in fs}
    bad = [f for f in (columns or {}) if f not in known]
    if bad:
        from ...i18n import Msg

        raise RegisterError(Msg("reg_err_unknown_field", bad=", ".join(map(repr, bad)),
                                known=", ".join(sorted(known))))


def header_score(rows: list[tuple[int, list[object]]]) -> int:
    """Count the recognised headers in the best header row among the first rows."""
    return max(
        (len(map_headers(cells, t)) for _, cells in rows[:HEADER_SCAN_ROWS] for t in FIELDS),
        default=0,
    )


def find_header(
    rows: list[tuple[int, list[object]]],
    table: str | None = None,
    columns: dict[str, str] | None = None,
) -> tuple[int, str | None, int]:
    """Locate the header row: the row with the most recognised headers.

    Returns
    -------
    tuple
        ``(index into rows, table kind or None, number of recognised headers)``;
        index ``-1`` when no row has at least two recognised headers.
    """
    best: tuple[int, str | None, int] = (-1, None, 0)
    best_key = (1, 10**6)  # at least two recognised headers
    for idx, (_, cells) in enumerate(rows[:HEADER_SCAN_ROWS]):
        for t in (table,) if table else ("models", "c19"):
            mapped = map_headers(cells, t, columns)
            n, specific = len(mapped), len(set(mapped) & _SPECIFIC[t])
            if (
                t == "c19"
                and {"commune", "gso_code"} & set(mapped)
                and len(year_columns(cells, mapped)) >= 2
            ):
                # wide table: one column per year; beats a row-number (STT) column read as an id
                n, specific = n + 1, specific + 2
            if (n, specific) > best_key:
                best, best_key = (idx, t, n), (n, specific)
    return best


def year_columns(headers: list[object], mapping: dict[str, int]) -> dict[int, int]:
    """Columns of a *wide* criterion-19 table, one per year (``2018``, ``"Năm 2019"``).

    Only when the table has neither a year nor an achieved column.

    Returns
    -------
    dict
        ``{column index: year}``.
    """
    if "year" in mapping or "achieved" in mapping:
        return {}
    used = set(mapping.values())
    out = {}
    for i, h in enumerate(headers):
        m = re.fullmatch(r"(?:n[aă]m|year)?\s*(\d{4})", cell_text(h), flags=re.IGNORECASE)
        if i not in used and m and MIN_YEAR <= int(m.group(1)) <= 2100:
            out[i] = int(m.group(1))
    return out


