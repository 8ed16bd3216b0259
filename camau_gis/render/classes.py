"""One classification for every map of a run: map kinds, category and class keys, colours.

:func:`classify` gives each commune its class key and the legend entries of a map kind
(coverage category, criterion 19, priority, models per commune); the HTML map reads the
same definitions (:mod:`camau_gis.analysis.classes`, :mod:`camau_gis.render.palette`).
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from ..i18n import Msg, check_lang
from ..i18n import t as _t

if TYPE_CHECKING:

    from ..analysis.result import Analysis
from ._layers import _ranks  # noqa: F401

#: Map kinds drawn by :func:`plot_map`.
KINDS: tuple[str, ...] = ("coverage", "c19", "priority", "models")


def _error(message: str) -> Exception:
    from ..errors import CamauGisError

    return CamauGisError(message)


def _fixed_classes(
    values: Any,
    palette: dict[str, str],
    prefix: str,
    lang: str,
) -> tuple[list[str], list[tuple[str, str, str]]]:
    keys = _string_classes(values)
    if keys is None:
        keys = _object_classes(values)
    entries = [(k, c, _t(f"{prefix}{k}", lang)) for k, c in palette.items()]
    for k in sorted(set(keys) - set(palette)):  # unexpected values get their own class
        entries.append((k, "#999999", k))
    return keys, entries


def _string_classes(values: Any) -> list[str] | None:
    """Class key of each value (``"no_data"`` when missing or empty), one test per distinct value.

    Returns None unless every value present is a ``str`` (then
    :func:`_object_classes` keeps 1, 1.0 and True apart).
    """
    import numpy as np
    import pandas as pd

    try:
        codes, uniques = pd.factorize(pd.Series(values, copy=False), use_na_sentinel=True)
    except TypeError:  # unhashable values
        return None
    uniques = list(uniques)
    if not all(type(u) is str for u in uniques):
        return None
    lookup = np.asarray([u if u else "no_data" for u in uniques] + ["no_data"], dtype=object)
    return lookup[codes].tolist()  # code -1 (missing) takes the last entry


def _object_classes(values: Any) -> list[str]:
    import pandas as pd

    distinct: dict[Any, str] = {}  # one test per distinct value: a national table has 11k rows
    keys = []
    for v in values:
        try:
            key = distinct[type(v), v]
        except (KeyError, TypeError):  # unhashable values are classed one by one
            key = "no_data" if pd.isna(v) or not str(v) else str(v)
            with contextlib.suppress(TypeError):
                distinct[type(v), v] = key
        keys.append(key)
    return keys


def classify(
    result: Analysis,
    kind: str,
    lang: str | None = None,
) -> tuple[list[str], list[tuple[str, str, str]], str]:
    """Class of every commune for a map kind, with legend entries.

    Parameters
    ----------
    result : Analysis
        Analysis result.
    kind : {"coverage", "c19", "priority", "models"}
        Map kind.
    lang : {"vi", "en"}
        Legend language.

    Returns
    -------
    keys : list of str
        Class key of each row of ``result.communes``, in order.
    entries : list of (key, colour, label)
        Legend entries in display order (classes with no commune included).
    legend_title : str
    """
    from . import palette

    lang = check_lang(lang)
    keys, entries, title = _classify(result, kind, lang)
    c = result.communes
    if "in_data" in c:  # units outside the register's coverage: "no data" in every kind
        known = c["in_data"].fillna(False).astype(bool).to_numpy()
        if not known.all():
            keys = [k if ok else "no_data" for k, ok in zip(keys, known, strict=True)]
            if "no_data" not in {e[0] for e in entries}:
                entries.append(("no_data", palette.CATEGORY["no_data"], _t("cat_no_data", lang)))
    return keys, entries, title


def _classify(result: Analysis, kind: str, lang: str) -> tuple[list[str], list, str]:
    from . import palette

    c = result.communes
    if kind == "coverage":
        return (*category_classes(c["category"], lang), _t("layer_category", lang))
    if kind == "c19":
        keys, entries = _fixed_classes(c["c19_status"], palette.C19, "c19_", lang)
        return keys, entries, _t("layer_c19", lang)
    if kind == "priority":
        ranks = _ranks(result)
        keys = []
        covered_flags = c["covered"].fillna(False).astype(bool)
        for code, covered in zip(c["gso_code"].astype(str), covered_flags, strict=True):
            rank = ranks.get(code)
            if rank is None:
                keys.append("covered" if bool(covered) else "rest")
            else:
                keys.append("top5" if rank <= 5 else "top10" if rank <= 10 else "rest")
        entries = [(k, col, _t(f"prio_{k}", lang)) for k, col in palette.PRIORITY.items()]
        return keys, entries, _t("layer_uncovered", lang)
    if kind == "models":
        keys, entries, used = _model_classes(c["n_models"], lang, result.meta.get("scheme"))
        title = _t("models_per_commune", lang)
        if used:  # the same note as the HTML map's legend
            title += "\n" + _t("classes_by", lang).format(scheme=f"{used} (mapclassify)")
        return keys, entries, title
    raise _error(Msg("map_kind", kind=kind, kinds=", ".join(KINDS)))


def category_classes(values: Any, lang: str) -> tuple[list[str], list[tuple[str, str, str]]]:
    """Category key of every commune and the legend entries (analysis/classes.py, palette.py).

    Every category a 2019 run can produce is listed (with 0 when empty);
    partly covered (2025) and outside-the-register categories only when present.
    """
    from ..analysis.classes import CATEGORIES, CATEGORIES_2019
    from . import palette

    keys = _string_classes(values)
    if keys is None:
        keys = _object_classes(values)
    present = set(keys)
    entries = [(k, palette.CATEGORY[k], _t(f"cat_{k}", lang)) for k in CATEGORIES
               if k in CATEGORIES_2019 or k in present]
    for k in sorted(present - set(CATEGORIES)):  # unexpected values get their own class
        entries.append((k, "#999999", k))
    return keys, entries


def _model_classes(n_models: Any, lang: str, scheme: str | None = None,
                   ) -> tuple[list[str], list[tuple[str, str, str]], str | None]:
    """Models-per-commune classes: the run's scheme, shared with the HTML map."""
    from . import palette

    index, entries, used = palette.model_entries(n_models.fillna(0), scheme, None, lang)
    return [str(i) for i in index.tolist()], entries, used  # type: ignore[attr-defined]


def _face_classes(
    keys: list[str], entries: list[tuple[str, str, str]], mask: Any
) -> tuple[Any, Any]:
    """Colour index of every commune and the RGBA colours (last: pale grey, outside ``mask``)."""
    import numpy as np
    import pandas as pd
    from matplotlib.colors import to_rgba_array

    position = {k: i for i, (k, _, _) in enumerate(entries)}
    lut = to_rgba_array([colour for _, colour, _ in entries] + ["#F4F4F4"])
    codes, uniques = pd.factorize(np.asarray(keys, dtype=object))  # keys: a few distinct strings
    index = np.asarray([position[k] for k in uniques], dtype=np.int64)[codes]
    index[~np.asarray(mask, dtype=bool)] = len(entries)
    return index, lut


def hatch_keys(kind: str) -> frozenset[str]:
    """Class keys drawn hatched on a map kind: what is not known, as the HTML map hatches it."""
    from . import palette

    return palette.HATCHED if kind == "coverage" else frozenset({"no_data"})


def _hatched(keys: list[str], mask: Any, kind: str) -> Any:
    """Communes drawn hatched (:func:`hatch_keys`), inside ``mask``."""
    import numpy as np

    hatch = hatch_keys(kind)
    return np.fromiter((k in hatch for k in keys), bool, len(keys)) & np.asarray(mask, bool)
