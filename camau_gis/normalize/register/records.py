"""Checks of one record, duplicates across records, and the canonical frames."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ...schema import C19_COLUMNS, MODEL_COLUMNS, PROVENANCE_COLUMNS
from .cells import Msg, Problem, cell_text, where
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

    def add(fname: str, text: Msg, value: object = "") -> None:
        column = cols.get(fname, fname)
        problems.append(Problem(rec["_file"], rec["_sheet"], rec["_row"], column,
                                cell_text(value), text, year=year))

    if table == "models":
        if not rec["level"]:
            rec["level"] = "xã"
        if rec["level"] == "xã" and not rec["commune"] and not rec["gso_code"]:
            add("commune", Msg("rec_commune_level"))
        ys, ye = rec["year_start"], rec["year_end"]
        if ys is not None and ye is not None and ye < ys:
            add("year_end", Msg("rec_end_before_start", end=ye, start=ys))
        lon, lat = rec["lon"], rec["lat"]
        if (lon is None) != (lat is None):
            add("lon" if lon is None else "lat",
                Msg("rec_one_coordinate", given=Msg("rec_lat" if lon is None else "rec_lon")))
        elif lon is not None:
            x0, y0, x1, y1 = VN_BBOX
            if not (x0 <= lon <= x1 and y0 <= lat <= y1):
                swapped = x0 <= lat <= x1 and y0 <= lon <= y1
                add("lon", Msg("rec_outside_vn", lon=lon, lat=lat, x0=x0, x1=x1, y0=y0, y1=y1,
                               hint=Msg("rec_swapped") if swapped else ""))
    else:
        if not rec["commune"] and not rec["gso_code"]:
            add("commune", Msg("rec_c19_commune"))
        if rec["year"] is None:
            add("year", Msg("rec_c19_year"))
        fy, y = rec["first_year"], rec["year"]
        if fy is not None and y is not None and fy > y:
            add("first_year", Msg("rec_first_after", first=fy, year=y))
        if rec["achieved"] is True and False in (rec["c19_1"], rec["c19_2"]):
            sub = "19.1" if rec["c19_1"] is False else "19.2"
            add("achieved", Msg("rec_sub_not_met", sub=sub))
        if rec["achieved"] is False and fy is not None and y is not None and fy == y:
            add("first_year", Msg("rec_first_not_met", first=fy, year=y))
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
            others = [where(r["_file"], r["_sheet"], r["_row"]) for r in rest]
            column = first["_cols"].get("model_id", "model_id")
            problems.append(Problem(
                first["_file"], first["_sheet"], first["_row"], column, str(mid),
                Msg("rec_id_again", id=mid, others=others)))
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
