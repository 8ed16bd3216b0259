"""Vintage guard: codes and names of different administrative vintages never join directly.

Every 2025 unit reuses a 2019 code (31825 was Phường 1 of Bạc Liêu city and
is now Phường Bạc Liêu) and most reuse a 2019 name for a different area (the
2025 Xã Tân Tiến is not the 2019 one), so a plain join on code or name
across vintages silently pairs different places. Tables carry a ``vintage``
column (:data:`camau_gis.schema.VINTAGE_2019`, ``VINTAGE_2025``); joins go
through :func:`join_by_code` / :func:`join_by_name`, which refuse to mix
vintages, and records move between vintages only through the crosswalk
(:func:`camau_gis.crosswalk.to_2025`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import CrosswalkError
from ..i18n import Msg

if TYPE_CHECKING:
    import pandas as pd

def vintage_of(df: pd.DataFrame, what: str | None = None) -> str:
    """Return the single administrative vintage of ``df``.

    Read from the ``vintage`` column, else from ``df.attrs["vintage"]``.

    Raises
    ------
    CrosswalkError
        If no vintage is recorded, or rows of several vintages are mixed.
    """
    values: list[str] = []
    if "vintage" in df.columns and len(df):
        values = sorted({str(v) for v in df["vintage"].dropna().unique() if str(v)})
        if df["vintage"].isna().any() or (df["vintage"].astype(str) == "").any():
            values.append("<missing>")
    elif "vintage" in df.attrs:
        values = [str(df.attrs["vintage"])]
    if not values:
        raise CrosswalkError(Msg("vint_none", what=what or Msg("vint_table")))
    if len(values) != 1:
        raise CrosswalkError(Msg("vint_mixed", what=what or Msg("vint_table"),
                                 values=str(values)))
    return values[0]


def check_same_vintage(left: pd.DataFrame, right: pd.DataFrame, *, on: str = "code") -> str:
    """Return the common vintage of two tables, or raise :class:`CrosswalkError`."""
    lv, rv = vintage_of(left, Msg("vint_left")), vintage_of(right, Msg("vint_right"))
    if lv != rv:
        raise CrosswalkError(Msg("vint_join", on=on, lv=lv, rv=rv))
    return lv


def join_by_code(
    left: pd.DataFrame,
    right: pd.DataFrame,
    *,
    left_on: str = "gso_code",
    right_on: str | None = None,
    how: str = "left",
    suffixes: tuple[str, str] = ("", "_right"),
) -> pd.DataFrame:
    """Join two tables on their unit codes, only when both are of the same vintage.

    Parameters
    ----------
    left, right : DataFrame
        Tables with a ``vintage`` column (or ``attrs["vintage"]``).
    left_on, right_on : str
        Code columns; ``right_on`` defaults to ``left_on``.
    how : str
        As in :meth:`pandas.DataFrame.merge`.
    suffixes : tuple of str
        As in :meth:`pandas.DataFrame.merge`.

    Returns
    -------
    DataFrame
        ``left.merge(right, …)``; a GeoDataFrame stays one.

    Raises
    ------
    CrosswalkError
        If the vintages differ or are unknown.
    """
    check_same_vintage(left, right, on="code")
    right_on = right_on or left_on
    r = right.drop(columns=["vintage"], errors="ignore") if "vintage" in left.columns else right
    return left.merge(r, left_on=left_on, right_on=right_on, how=how, suffixes=suffixes)


def join_by_name(
    left: pd.DataFrame,
    right: pd.DataFrame,
    *,
    left_on: str = "name",
    right_on: str | None = None,
    how: str = "left",
    suffixes: tuple[str, str] = ("", "_right"),
) -> pd.DataFrame:
    """Join two tables on unit names (NFC), only when both are of the same vintage.

    Same parameters and errors as :func:`join_by_code`.
    """
    from ..text import nfc

    check_same_vintage(left, right, on="name")
    right_on = right_on or left_on
    lk, rk = "__name_key", "__name_key_r"
    lft = left.assign(**{lk: left[left_on].map(nfc)})
    r = right.drop(columns=["vintage"], errors="ignore") if "vintage" in left.columns else right
    r = r.assign(**{rk: r[right_on].map(nfc)})
    out = lft.merge(r, left_on=lk, right_on=rk, how=how, suffixes=suffixes)
    return out.drop(columns=[lk, rk])
