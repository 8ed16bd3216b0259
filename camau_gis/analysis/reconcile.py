"""Reconciliation: the register's totals beside the province's published figures.

The published figures ship in ``camau_gis/data/published_totals.json`` (the
2019 article in ``shared/seed``: 150 models, 84 at commune level in 82
communes, 18 of them in 10 NTM pilot communes, 2 registered with the
provincial Mass Mobilisation Board).
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

#: Items compared with the published totals, in report order (labels ``rec_<item>`` in i18n).
ITEMS: tuple[str, ...] = (
    "models_total", "models_commune_level", "communes_with_models", "ntm_pilot_communes",
    "models_in_ntm_pilot", "models_board_registered",
)


def load_published(path: str | Path | None = None) -> dict[str, Any]:
    """Read the published totals (default: the shipped ``published_totals.json``)."""
    if path is None:
        text = resources.files("camau_gis.data").joinpath("published_totals.json").read_text(
            encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    return json.loads(text)


def register_totals(matched: Any, state: pd.DataFrame, year: int | None) -> dict[str, int]:
    """Return the register's figures for each item of :data:`ITEMS` at ``year``.

    Parameters
    ----------
    matched : MatchedRegister
        ``.models`` with ``match_code``, ``level``, ``year_start``, ``year_end``, ``board_reg``.
    state : DataFrame
        Per-commune indicators (``gso_code``, ``n_models``, ``covered``, ``ntm_pilot``).
    year : int or None
        Year of the state; None counts every model.

    Notes
    -----
    ``models_in_ntm_pilot`` counts active models of *any* level joined to an NTM
    pilot commune: the article's "18 models in 10 pilot communes" cannot all be
    commune-level, since its 84 commune-level models lie in 82 communes (at most
    2 communes hold a second one).
    """
    from .years import active_models, flag

    active = active_models(matched.models, year)
    pilots = set(state.loc[state["ntm_pilot"].astype(bool), "gso_code"].astype(str))
    return {
        "models_total": int(len(active)),
        "models_commune_level": int(state["n_models"].sum()),
        "communes_with_models": int(state["covered"].sum()),
        "ntm_pilot_communes": len(pilots),
        "models_in_ntm_pilot": int(active["match_code"].astype(str).isin(pilots).sum()),
        "models_board_registered": int(flag(active["board_reg"]).sum())
        if "board_reg" in active else 0,
    }


def reconcile(matched: Any, state: pd.DataFrame, year: int | None,
              published: dict[str, Any] | None = None) -> dict[str, Any]:
    """Compare the register's totals with the published ones.

    Returns
    -------
    dict
        ``source``, ``published_year``, ``year`` (of the register state),
        ``same_year`` (bool), ``items`` (list of dicts: ``key``, ``label``,
        ``label_en``, ``register``, ``published``, ``difference`` = register −
        published, ``mismatch`` bool) and ``any_mismatch``. Items whose published
        figure is missing have ``published`` None and ``mismatch`` False.
    """
    published = published if published is not None else load_published()
    totals = published.get("totals", {})
    ours = register_totals(matched, state, year)
    items = []
    from ..i18n import t

    for key in ITEMS:
        label, label_en = t(f"rec_{key}", "vi"), t(f"rec_{key}", "en")
        pub = totals.get(key)
        reg = ours[key]
        items.append({
            "key": key, "label": label, "label_en": label_en, "register": reg,
            "published": pub, "difference": None if pub is None else reg - int(pub),
            "mismatch": pub is not None and reg != int(pub),
        })
    pub_year = published.get("year")
    return {
        "source": published.get("source", ""),
        "published_year": pub_year,
        "year": year,
        "same_year": pub_year is None or year is None or int(pub_year) == int(year),
        "items": items,
        "any_mismatch": any(i["mismatch"] for i in items),
    }
