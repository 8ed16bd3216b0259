"""The interactive map's per-commune data: table cells to JSON-ready columns.

Part of :mod:`camau_gis.render.html`. :func:`_properties` turns the commune table
into the documented feature properties (see the payload table in
:mod:`camau_gis.render.html`), one list per property, built column by column so
text is normalised once per distinct value, not cell by cell. The register's
models, criterion-19 history and ranked gaps are gathered per commune here too
(:func:`_model_tables`, :func:`_c19_history`, :func:`_uncovered`). The cell
readers at the bottom (:func:`_strs`, :func:`_floats`, :func:`_ints`,
:func:`_bools`, :func:`_per_value`) map NaN/NA to ``None`` and numpy scalars to
Python ones.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from ..analysis import classes as _classes
from ..i18n import fmt_number, t
from ..text import ascii_key, nfc
from . import _html_page

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from ..analysis.result import Analysis


_CATEGORIES = _classes.CATEGORIES
_C19 = ("achieved", "not_achieved", "no_data")
_UNIT_KEYS = {"unit_xã", "unit_phường", "unit_thị trấn"}


def _properties(communes: pd.DataFrame, label_pts: np.ndarray, lang: str,
                model_cls: np.ndarray, uncovered: dict, *, search: bool = True,
                ) -> dict[str, list]:
    """Return the documented properties of every commune as columns, in table order.

    Built column by column (text is normalised once per distinct value), not
    cell by cell; :func:`camau_gis.render._html_payload._rows` turns the columns
    into one dict per commune.
    """
    import numpy as np

    n = len(communes)
    code = _strs(communes, "gso_code")
    name = _strs(communes, "name")
    short = [s or nm for s, nm in zip(_strs(communes, "short_name"), name, strict=True)]
    unit = _strs(communes, "unit_type")
    district = _strs(communes, "district")
    n_models = [x or 0 for x in _ints(communes, "n_models")]
    covered = (_bools(communes, "covered") if "covered" in communes.columns
               else [k > 0 for k in n_models])
    known = np.asarray(_known(communes), dtype=bool)
    # outside the register: no data in every theme, never a ranked gap
    status = [v if v in _C19 and k else "no_data"
              for v, k in zip(_strs(communes, "c19_status"), known.tolist(), strict=True)]
    category = [v if v in _CATEGORIES and k else "no_data"
                for v, k in zip(_strs(communes, "category"), known.tolist(), strict=True)]
    unit_label = {u: (t(f"unit_{u}", lang) if f"unit_{u}" in _UNIT_KEYS else u) for u in set(unit)}
    ranks = [uncovered.get(c) if k else None for c, k in zip(code, known.tolist(), strict=True)]
    pts = label_pts.tolist()
    cols = {
        "gso_code": code, "name": name, "short_name": short,
        "short_label": _html_page.short_labels(short, unit, lang), "unit_type": unit,
        "unit_label": [unit_label[u] for u in unit], "district": district,
        "dist_code": _strs(communes, "dist_code"), "n_models": n_models,
        "kinds": _strs(communes, "kinds"), "covered": covered, "c19_status": status,
        "c19_first": _ints(communes, "c19_first"), "ntm_pilot": _bools(communes, "ntm_pilot"),
        "category": category, "models_10k": _floats(communes, "models_10k"),
        "dist_cov_km": _floats(communes, "dist_cov_km"), "illustr": _bools(communes, "illustr"),
        "uncov_rank": [None if r is None else r[0] for r in ranks],
        "uncov_reasons": ["" if r is None else r[1] for r in ranks],
        "model_class": np.where(known, np.asarray(model_cls, dtype=np.int64), -1).tolist(),
        "search": (_search_keys(name, short, district) if search else [""] * n),
        "label_pt": [None if math.isnan(p[0]) else p for p in pts],
    }
    # 2025 units only (2019 payloads keep their documented properties)
    if "in_data" in communes.columns:
        cols["in_data"] = known.tolist()
    for extra in ("pred_names", "geom_note"):
        if extra in communes.columns:
            cols[extra] = _strs(communes, extra)
    if "pred_cov" in communes.columns and "pred_in" in communes.columns:
        cols["pred_covered"] = pred_covered_texts(communes, lang, known)
    return cols


def pred_covered_texts(communes: pd.DataFrame, lang: str, known: Any = None) -> list[str]:
    """Per 2025 unit formed from several 2019 communes: "covered k of n former communes (p% area)".

    Empty for a unit of one former commune and outside the register's scope.
    """
    import numpy as np

    known = np.ones(len(communes), bool) if known is None else np.asarray(known, bool)
    out = []
    for k, n, share, ok in zip(_ints(communes, "pred_cov"), _ints(communes, "pred_in"),
                               _floats(communes, "cov_share"), known.tolist(), strict=True):
        if not ok or not n or n < 2:
            out.append("")
            continue
        out.append(t("pred_covered", lang).format(
            k=k or 0, n=n, pct=fmt_number(100 * (share or 0), lang, 1)))
    return out


def _search_keys(name: list[str], short: list[str], district: list[str]) -> list[str]:
    """Return the diacritics-free search key per commune, folding each district once."""
    folded = {d: ascii_key(d) for d in set(district)}
    out = []
    for a, b, c in zip(name, short, district, strict=True):
        key = ascii_key(f"{a} {b}")
        out.append(f"{key} {folded[c]}" if folded[c] and key else (key or folded[c]))
    return out


def _known(communes: pd.DataFrame) -> list[bool]:
    """Per unit: does the register cover it (``in_data``; True when the column is absent)."""
    return _bools(communes, "in_data", default=True) if "in_data" in communes.columns else \
        [True] * len(communes)


def _model_tables(result: Analysis, codes: set[str]) -> tuple[dict, list]:
    """Per-commune model lists and the model points (with coordinates)."""
    import numpy as np

    models = result.models if result.models is not None else None
    per: dict[str, list] = {}
    points: list = []
    if models is None or len(models) == 0:
        return per, points
    code = _per_value(_column(models, "match_code", ""), lambda v: "" if v is None else str(v))
    names = _per_value(_column(models, "name", ""), lambda v: _scalar(v) or "")
    kinds = _per_value(_column(models, "kind", ""), lambda v: _scalar(v) or "")
    years = _per_value(_column(models, "year_start", None), _year)
    active = _per_value(_column(models, "active", True), _bool)
    lon = _per_value(_column(models, "lon", np.nan), _scalar)
    lat = _per_value(_column(models, "lat", np.nan), _scalar)
    for c, name, kind, year, act, xf, yf in zip(code, names, kinds, years, active, lon, lat,
                                                strict=True):
        row = [name, kind, year, act]
        if c in codes:
            per.setdefault(c, []).append(row)
        if isinstance(xf, float | int) and isinstance(yf, float | int):
            points.append([round(float(xf), 5), round(float(yf), 5), row[0], row[1], row[2], c])
    for rows in per.values():
        rows.sort(key=lambda r: (r[2] is None, r[2] or 0, r[0]))
    return per, points


def _c19_history(result: Analysis, codes: set[str]) -> dict:
    c19 = result.c19
    out: dict[str, list] = {}
    if c19 is None or len(c19) == 0:
        return out
    code = _per_value(_column(c19, "match_code", ""), lambda v: "" if v is None else str(v))
    years = _per_value(_column(c19, "year", None), _year)
    achieved = _per_value(_column(c19, "achieved", None),
                          lambda v: None if _scalar(v) is None else _bool(v))
    for c, year, a in zip(code, years, achieved, strict=True):
        if c in codes:
            out.setdefault(c, []).append([year, a])
    for rows in out.values():
        rows.sort(key=lambda r: (r[0] is None, r[0] or 0))
    return out


def _uncovered(result: Analysis) -> dict[str, tuple[int | None, str]]:
    unc = result.uncovered
    if unc is None or len(unc) == 0 or "gso_code" not in unc.columns:
        return {}
    ranks = _per_value(_column(unc, "rank", None), _year)
    reasons = _per_value(_column(unc, "reasons", ""), lambda v: _scalar(v) or "")
    return {str(c): (r, why)
            for c, r, why in zip(unc["gso_code"].tolist(), ranks, reasons, strict=True)}


def _strs(df: pd.DataFrame, name: str) -> list[str]:
    """Return NFC text of column ``name`` (``""`` for missing cells or an absent column)."""
    if name not in df.columns:
        return [""] * len(df)
    return _per_value(df[name], lambda v: "" if v is None else nfc(v))


def _numbers(df: pd.DataFrame, name: str, digits: int) -> np.ndarray:
    """Return column ``name`` as floats rounded to ``digits`` (NaN: missing or not a number)."""
    import numpy as np
    import pandas as pd

    v = pd.to_numeric(df[name], errors="coerce").astype(float).to_numpy()
    return np.round(v, digits)


def _floats(df: pd.DataFrame, name: str, digits: int = 3) -> list[float | None]:
    """Return rounded floats of column ``name``, ``None`` where missing or not finite."""
    import numpy as np

    if name not in df.columns:
        return [None] * len(df)
    r = _numbers(df, name, digits)
    out = r.astype(object)
    out[~np.isfinite(r)] = None
    return out.tolist()


def _ints(df: pd.DataFrame, name: str) -> list[int | None]:
    """Return rounded integers of column ``name``, ``None`` where missing or not finite."""
    import numpy as np

    if name not in df.columns:
        return [None] * len(df)
    r = _numbers(df, name, 0)
    ok = np.isfinite(r)
    out = np.full(len(r), None, dtype=object)
    out[ok] = r[ok].astype(np.int64).astype(object)
    return out.tolist()


def _bools(df: pd.DataFrame, name: str, default: bool = False) -> list[bool]:
    """Return booleans of column ``name`` (see :func:`_bool`; missing cells are False)."""
    if name not in df.columns:
        return [default] * len(df)
    return _per_value(df[name], lambda v: False if v is None else _bool(v))


def _per_value(values: pd.Series, fn: Any) -> list:
    """Return ``fn`` of every cell of ``values``, calling ``fn`` once per distinct value.

    Parameters
    ----------
    values : Series
        A column.
    fn : callable
        Maps one cell to its output; missing cells (None, NaN, NA, NaT) are
        passed as ``None``.

    Returns
    -------
    list
        One output per row, in order.

    Notes
    -----
    Typed columns (numbers, booleans, strings) and object columns holding only
    strings or only booleans are factorised, so ``fn`` runs once per distinct
    value; other object columns (where ``1``, ``1.0`` and ``True`` would
    share a key) are mapped cell by cell.
    """
    import numpy as np
    import pandas as pd

    if values.dtype == object and pd.api.types.infer_dtype(values, skipna=True) not in {
            "string", "boolean", "empty"}:
        return [fn(None if _missing(v) else v) for v in values.tolist()]
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    mapped = np.empty(len(uniques) + 1, dtype=object)
    mapped[:-1] = [fn(u) for u in np.asarray(uniques, dtype=object).tolist()]
    mapped[-1] = fn(None)  # code -1: a missing cell
    return mapped[codes].tolist()


def _missing(value: Any) -> bool:
    import pandas as pd

    return value is None or value is pd.NA or value is pd.NaT or (
        isinstance(value, float) and value != value)


def _scalar(value: Any) -> Any:
    """Return a JSON-ready Python scalar: NaN/NA -> None, numpy -> int/float/bool."""
    import numpy as np
    import pandas as pd

    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if not math.isfinite(float(value)) else round(float(value), 3)
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return nfc(value)


def _column(df: pd.DataFrame, name: str, default: Any) -> pd.Series:
    import pandas as pd

    if name in df.columns:
        return df[name]
    return pd.Series([default] * len(df), index=df.index, dtype=object)


def _bool(value: Any) -> bool:
    v = _scalar(value)
    if isinstance(v, str):
        return v.strip().lower() in {"true", "1", "yes", "x", "có"}
    return bool(v)


def _year(value: Any) -> int | None:
    v = _scalar(value)
    try:
        return None if v is None else int(float(v))
    except (TypeError, ValueError):
        return None
