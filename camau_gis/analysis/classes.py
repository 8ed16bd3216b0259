"""The one definition of the coverage categories and of the models-per-commune classes.

Two independent facts describe a unit inside the register's scope:

model coverage
    ``covered`` (at least one commune-level model in the year) or
    ``uncovered``; a 2025 unit formed from several 2019 communes is
    ``partly`` covered when some, not all, of them had a model. Always known
    inside the register's scope.
criterion-19 status
    ``achieved``, ``not_achieved`` or ``no_data``.

The **category** is their product, ``<coverage>_<c19>`` (e.g.
``uncovered_no_c19``: no model, no criterion-19 data). ``no_data`` is kept
only for units *outside* the register's scope (e.g. the former Bạc Liêu
units in a 2025 build of a Cà Mau register). Colours and patterns of these
codes are in :mod:`camau_gis.render.palette`, their labels in
:mod:`camau_gis.i18n` (``cat_<code>``); every map, table and report reads
them from there.

The models-per-commune classes (:func:`model_breaks`) are computed once per
run from the ``scheme`` option (mapclassify) and used by the HTML map, the
static maps, the atlas and the report alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..i18n import Msg

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

#: Model coverage of a unit inside the register's scope ("partly": 2025 units only).
COVERAGE: tuple[str, ...] = ("uncovered", "partly", "covered")
#: Criterion-19 status -> its part of a category code.
C19_PART: dict[str, str] = {"not_achieved": "not_c19", "no_data": "no_c19", "achieved": "c19"}
#: Category of a unit outside the register's scope (nothing is known of it).
OUTSIDE = "no_data"

#: Every category code, in legend order: gaps first, then partly covered, covered, outside.
CATEGORIES: tuple[str, ...] = tuple(
    f"{cov}_{part}" for cov in COVERAGE for part in C19_PART.values()) + (OUTSIDE,)
#: Categories a 2019-vintage run can produce inside the register's scope (always in legends).
CATEGORIES_2019: tuple[str, ...] = tuple(
    f"{cov}_{part}" for cov in ("uncovered", "covered") for part in C19_PART.values())
#: Categories whose criterion-19 status is unknown (drawn as a hatch over the coverage colour).
NO_C19: frozenset[str] = frozenset(c for c in CATEGORIES if c.endswith("_no_c19"))
#: Categories of units without any commune-level model.
UNCOVERED: frozenset[str] = frozenset(c for c in CATEGORIES if c.startswith("uncovered_"))

#: mapclassify schemes accepted by ``scheme`` (case and underscores ignored).
SCHEMES: tuple[str, ...] = (
    "NaturalBreaks", "Quantiles", "EqualInterval", "FisherJenks", "JenksCaspall",
    "MaximumBreaks", "HeadTailBreaks", "BoxPlot", "StdMean", "Percentiles", "PrettyBreaks",
)
#: Default scheme and number of classes of the models-per-commune maps.
DEFAULT_SCHEME = "NaturalBreaks"
DEFAULT_K = 5


def category_of(coverage: str, c19_status: str, in_scope: bool = True) -> str:
    """Category code of one unit: ``"<coverage>_<c19>"``, or ``"no_data"`` outside the scope.

    >>> category_of("uncovered", "no_data")
    'uncovered_no_c19'
    >>> category_of("covered", "achieved")
    'covered_c19'
    >>> category_of("uncovered", "no_data", in_scope=False)
    'no_data'
    """
    if not in_scope:
        return OUTSIDE
    if coverage not in COVERAGE:
        raise ValueError(Msg("cls_coverage", coverage=coverage, allowed=", ".join(COVERAGE)))
    return f"{coverage}_{C19_PART.get(c19_status, 'no_c19')}"


def categories(coverage: pd.Series, c19_status: pd.Series,
               in_scope: pd.Series | None = None) -> pd.Series:
    """Category of every unit (vectorised :func:`category_of`).

    Parameters
    ----------
    coverage : Series of str or bool
        :data:`COVERAGE` values, or a bool ``covered`` (True: ``"covered"``).
    c19_status : Series of str
        ``achieved`` / ``not_achieved`` / ``no_data`` (anything else: no data).
    in_scope : Series of bool, optional
        False for units outside the register's scope (category ``no_data``).
    """
    import pandas as pd

    if coverage.dtype == bool or str(coverage.dtype) == "boolean":
        cov = coverage.fillna(False).astype(bool).map({True: "covered", False: "uncovered"})
    else:
        cov = coverage.astype(str)
    part = c19_status.astype("string").map(C19_PART).fillna("no_c19").astype(str)
    out = (cov + "_" + part).astype(object)
    if in_scope is not None:
        out = out.where(in_scope.fillna(False).astype(bool).to_numpy(), OUTSIDE)
    return pd.Series(out.to_numpy(), index=c19_status.index, name="category")


def coverage_of(category: str) -> str:
    """Model coverage part of a category code (``"no_data"`` outside the scope)."""
    return category.split("_", 1)[0] if category != OUTSIDE else OUTSIDE


def check_scheme(scheme: str) -> str:
    """Return the canonical name of a mapclassify ``scheme`` (``"natural_breaks"``: NaturalBreaks).

    Cheap (no import of mapclassify): call it before any output is written.

    Raises
    ------
    OptionError
        When the scheme is not one of :data:`SCHEMES`; the message lists them.
    """
    from ..errors import OptionError

    key = str(scheme).lower().replace("_", "")
    for s in SCHEMES:
        if s.lower() == key:
            return s
    raise OptionError(Msg("cls_scheme", scheme=scheme, schemes=", ".join(SCHEMES)))


@dataclass(frozen=True)
class ModelClasses:
    """Classes of models per commune: zero alone, then ``uppers`` (inclusive upper bounds).

    ``scheme`` is the mapclassify scheme used, or None when every distinct
    positive count is a class of its own (no more distinct values than ``k``).
    """

    uppers: tuple[float, ...]
    scheme: str | None
    has_zero: bool

    def index(self, values: Any) -> np.ndarray:
        """Class of each value: 0 for zero (or missing), 1.. for the positive classes."""
        import numpy as np

        v = np.asarray(values, dtype=float)
        v = np.where(np.isfinite(v), v, 0.0)
        if not self.uppers:
            return np.zeros(len(v), dtype=np.int64)
        pos = np.minimum(np.searchsorted(np.asarray(self.uppers), v, side="left"),
                         len(self.uppers) - 1) + 1
        return np.where(v > 0, pos, 0).astype(np.int64)

    def ranges(self, values: Any) -> list[tuple[float, float]]:
        """``(lowest, highest)`` value present in each positive class, in class order."""
        import numpy as np

        v = np.asarray(values, dtype=float)
        v = np.where(np.isfinite(v), v, 0.0)
        idx = self.index(v)
        return [(float(v[idx == i].min()), float(v[idx == i].max()))
                for i in range(1, len(self.uppers) + 1)]


def model_breaks(values: Any, scheme: str | None = None, k: int | None = None) -> ModelClasses:
    """Classes of models per commune, shared by every map of a run.

    Zero models always form their own class (a gap never looks merely
    "low"); positive counts are classed with mapclassify ``scheme`` (seeded:
    the same breaks on every call), or one class per value when there are no
    more distinct positive values than ``k``. Classes that no value falls
    into are dropped.

    Parameters
    ----------
    values : array-like of float
        Models per unit (units inside the register's scope).
    scheme : str, optional
        A :data:`SCHEMES` name; default :data:`DEFAULT_SCHEME`.
    k : int, optional
        Number of positive classes; default :data:`DEFAULT_K`.

    Raises
    ------
    OptionError
        For an unknown scheme or ``k < 1``.
    """
    import numpy as np

    from ..errors import OptionError

    name = check_scheme(scheme or DEFAULT_SCHEME)
    k = DEFAULT_K if k is None else k
    if int(k) < 1:
        raise OptionError(Msg("cls_k", k=repr(k)))
    y = np.asarray(values, dtype=float)
    y = np.where(np.isfinite(y), y, 0.0)
    vals = y[y > 0]
    uniq = np.unique(vals)
    if len(uniq) <= int(k):
        return ModelClasses(tuple(float(u) for u in uniq), None, bool((y <= 0).any()))
    import mapclassify  # slow to import: only when classes are needed

    state = np.random.get_state()
    try:
        np.random.seed(0)  # NaturalBreaks and sampled schemes draw random numbers
        upper = np.asarray(mapclassify.classify(vals, name.lower(), k=int(k)).bins, dtype=float)
    finally:
        np.random.set_state(state)
    upper = np.unique(np.minimum(upper, vals.max()))
    idx = np.minimum(np.searchsorted(upper, vals, side="left"), len(upper) - 1)
    used = sorted(set(idx.tolist()))
    return ModelClasses(tuple(float(upper[i]) for i in used), name, bool((y <= 0).any()))
