"""The result of an analysis run: :class:`camau_gis.model.Analysis` (re-exported here)."""

from __future__ import annotations

from ..model import Analysis, Meta

__all__ = ["Analysis", "Meta"]
