"""Progress of long steps (download, parse, canonical table, coverage cleaning, outputs).

The library only announces steps; nothing is shown unless a listener is set.
The CLI sets one that draws ``rich`` progress rows on stderr when stderr is a
terminal and ``--quiet`` is not given (:mod:`camau_gis.cli._progress`). Step
names are keys of :data:`camau_gis.i18n.LABELS` (``progress_<name>``), so the
listener shows them in the command's language.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from typing import Protocol


class Listener(Protocol):
    """What the CLI implements to show steps."""

    def start(self, name: str, detail: str) -> None:
        """Show that a step began (``name``: an i18n key suffix; ``detail``: a file or count)."""

    def stop(self, name: str, seconds: float) -> None:
        """Show that the step ended after ``seconds``."""

    def note(self, name: str, **values: object) -> None:
        """Show a one-off message (e.g. ``first_run``) with its values."""


_listener: Listener | None = None


def set_listener(listener: Listener | None) -> Listener | None:
    """Install ``listener`` (``None``: silent); return the previous one."""
    global _listener
    previous, _listener = _listener, listener
    return previous


@contextlib.contextmanager
def step(name: str, detail: str = "") -> Iterator[None]:
    """Announce a long step for the duration of the ``with`` block."""
    listener = _listener
    if listener is None:
        yield
        return
    listener.start(name, detail)
    start = time.perf_counter()
    try:
        yield
    finally:
        listener.stop(name, time.perf_counter() - start)


def note(name: str, **values: object) -> None:
    """Say something once (``first_run``…) if a listener is set."""
    if _listener is not None:
        _listener.note(name, **values)
