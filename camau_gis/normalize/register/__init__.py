"""Register rows -> canonical fields: header recognition, value parsing and validation.

Staff write headers their own way ("Xã/Phường/Thị trấn", "Tên xã", "Huyện/TP",
"Năm xây dựng", "STT", with or without diacritics, or in English). Each field
of :data:`camau_gis.schema.MODEL_COLUMNS` and :data:`camau_gis.schema.C19_COLUMNS`
lists the headers it answers to (``data/register_fields.json``, compared by
:func:`header_keys`); an explicit ``{field: header}`` mapping covers the rest.

Problems are collected, never raised one by one: :func:`parse_sheet` returns
every problem found as a line naming file, sheet, row, column, value, what was
expected and the fix.

Modules: :mod:`.cells` (cell text), :mod:`.values` (value parsers),
:mod:`.fields` (headers -> fields), :mod:`.layout` (layout rows of office
registers), :mod:`.rows` (a sheet -> records), :mod:`.diagnose` (encoding
faults in decoded text).
"""

from __future__ import annotations

from .cells import Msg, Problem, ValueProblem, cell_text, say, where
from .fields import (
    C19_FIELDS,
    FIELDS,
    HEADER_SCAN_ROWS,
    MAX_HEADER_CHARS,
    MODEL_FIELDS,
    TABLE_NAMES,
    Field,
    check_mapping,
    find_header,
    header_keys,
    header_score,
    map_headers,
    year_columns,
)
from .records import check_duplicate_ids, fill_ids, to_frame
from .rows import Parsed, parse_sheet, schema_error
from .values import (
    LEVELS,
    MIN_YEAR,
    VN_BBOX,
    parse_bool,
    parse_code,
    parse_date,
    parse_float,
    parse_level,
    parse_source,
    parse_year,
)

__all__ = [
    "C19_FIELDS", "FIELDS", "HEADER_SCAN_ROWS", "LEVELS", "MAX_HEADER_CHARS", "MIN_YEAR",
    "MODEL_FIELDS", "TABLE_NAMES", "VN_BBOX", "Field", "Msg", "Parsed", "Problem",
    "ValueProblem", "cell_text", "say",
    "check_duplicate_ids", "check_mapping", "fill_ids", "find_header", "header_keys",
    "header_score", "map_headers", "parse_bool", "parse_code", "parse_date", "parse_float",
    "parse_level", "parse_source", "parse_sheet", "parse_year", "schema_error", "to_frame",
    "where", "year_columns",
]
