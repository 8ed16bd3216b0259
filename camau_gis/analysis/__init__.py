"""Join, coverage, gaps and indicators over the canonical commune table."""

from __future__ import annotations

from .result import Analysis

__all__ = ["Analysis", "analyze"]


def analyze(*args, **kwargs):  # noqa: D103 - replaced by the analysis implementation
    from .coverage import analyze as _analyze

    return _analyze(*args, **kwargs)
