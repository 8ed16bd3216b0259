"""Checks of one record, duplicates across records, and the canonical frames."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ...schema import C19_COLUMNS, MODEL_COLUMNS, PROVENANCE_COLUMNS
from .cells import Problem, cell_text, where
from .fields import FIELDS
from .values import VN_BBOX

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["check_duplicate_ids", "fill_ids", "to_frame"]


def _check_record(rec: dict, table: str) -> list[Problem]:
    """Check one row: impossible combinations, coordinates."""
    cols = rec["_cols"]
    problems: list[Problem] = []
    year = rec.get("year") if table == "c19" else None

    def add(fname: str, text: str, value: object = "") -> None:
        column = cols.get(fname, fname)
        problems.append(Problem(rec["_file"], rec["_sheet"], rec["_row"], column,
                                cell_text(value), text, year=year))

    if table == "models":
        if not rec["level"]:
            rec["level"] = "xã"
        if rec["level"] == "xã" and not rec["commune"] and not rec["gso_code"]:
            add("commune", "empty, but the model is commune-level; "
                "write the commune (or its GSO code in Mã xã), or set Cấp to huyện/tỉnh."
            )
        ys, ye = rec["year_start"], rec["year_end"]
        if ys is not None and ye is not None and ye < ys:
            add("year_end", f'value "{ye}" is before the year started ({ys}); '
                "correct one of the two years."
            )
        lon, lat = rec["lon"], rec["lat"]
        if (lon is None) != (lat is None):
            add(
                "lon" if lon is None else "lat", f"empty while "
                f"{'lat' if lon is None else 'lon'} is given; give both coordinates or neither."
            )
        elif lon is not None:
            x0, y0, x1, y1 = VN_BBOX
            if not (x0 <= lon <= x1 and y0 <= lat <= y1):
                hint = (
                    " (they look swapped: longitude first, e.g. 105.0 then 8.9)"
                    if x0 <= lat <= x1 and y0 <= lon <= y1
                    else ""
                )
                add("lon", f"point ({lon}, {lat}) is outside Viet Nam "
                    f"(longitude {x0}–{x1} E, latitude {y0}–{y1} N){hint}; "
                    "correct the coordinates (decimal degrees, WGS84) or leave them empty."
                )
    else:
        if not rec["commune"] and not rec["gso_code"]:
            add("commune", "empty; write the commune or its GSO code.")
        if rec["year"] is None:
            add("year", "empty; write the assessment year.")
        fy, y = rec["first_year"], rec["year"]
        if fy is not None and y is not None and fy > y:
            add("first_year", f'value "{fy}" is after the assessment year {y}; '
                "correct the year first achieved."
            )
        if rec["achieved"] is True and False in (rec["c19_1"], rec["c19_2"]):
            sub = "19.1" if rec["c19_1"] is False else "19.2"
            add("achieved", f"achieved, but sub-criterion {sub} is not; criterion 19 "
                "needs both 19.1 and 19.2: correct one of them."
            )
        if rec["achieved"] is False and fy is not None and y is not None and fy == y:
            add("first_year", f'value "{fy}" says first achieved in {y}, but the row '
                "says not achieved that year; correct one of them."
            )
    return problems


def check_duplicate_ids(records: list[dict]) -> list[Problem]:
    """One problem per model id used more than once, naming every row that uses it."""
    seen: dict[str, list[dict]] = {}
    for rec in records:
        if rec.get("model_id"):
            seen.setdefault(rec["model_id"], []).append(rec)
    problems: list[Problem] = []
    for mid, recs in seen.items():
        if len(recs) > 1:
            first, *rest = recs
            others = "; ".join(where(r["_file"], r["_sheet"], r["_row"]) for r in rest)
            column = first["_cols"].get("model_id", "model_id")
            problems.append(Problem(
                first["_file"], first["_sheet"], first["_row"], column, str(mid),
                f'model id "{mid}" is used again at {others}; give each model its own id.'))
    return problems


def fill_ids(records: list[dict]) -> None:
    """Give models an id from their location (``models.csv:12``) when they lack one.

    Ids read from a row-number column ("STT") that repeat (one numbering per
    sheet) are replaced by their location too; real ids are kept, and their
    duplicates reported by :func:`check_duplicate_ids`.
    """
    from collections import Counter

    counts = Counter(rec.get("model_id") for rec in records)
    for rec in records:
        repeated = rec.get("_weak_id") and counts[rec.get("model_id")] > 1
        if not rec.get("model_id") or repeated:
            sheet = f"{rec['_sheet']}:" if rec["_sheet"] else ""
            rec["model_id"] = f"{Path(rec['_file']).stem}:{sheet}{rec['_row']}"


def to_frame(records: list[dict], table: str) -> pd.DataFrame:
    """Turn records into a DataFrame with the canonical columns, dtypes and provenance."""
    import pandas as pd

    cols = MODEL_COLUMNS if table == "models" else C19_COLUMNS
    kinds = {f.name: f.kind for f in FIELDS[table]}
    data = {c: [r.get(c) for r in records] for c in (*cols, *PROVENANCE_COLUMNS)}
    df = pd.DataFrame(data, columns=[*cols, *PROVENANCE_COLUMNS])
    for c in cols:
        kind = kinds[c]
        if kind == "year":
            df[c] = pd.array(df[c].tolist(), dtype="Int64")
        elif kind in ("bool", "bool_na"):
            df[c] = pd.array(df[c].tolist(), dtype="boolean")
        elif kind == "float":
            df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
        else:
            df[c] = df[c].fillna("").astype(str)
    df["_file"] = df["_file"].astype(str)
    df["_sheet"] = df["_sheet"].astype(str)
    df["_row"] = df["_row"].astype("int64")
    return df
