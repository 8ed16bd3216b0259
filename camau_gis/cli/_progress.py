"""Rich progress rows on stderr for the library's steps (:mod:`camau_gis._progress`).

Shown only when stderr is a terminal and ``--quiet`` is not on the command
line; texts come from :mod:`camau_gis.i18n` in the language of ``--lang``.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Any

from .. import _progress
from ..i18n import t


class RichListener:
    """Draw one transient spinner row per running step and a line when it ends."""

    def __init__(self, lang: str, *, force: bool = False) -> None:
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.lang = lang
        # rich's own cursor and colour sequences go to the terminal as they are (the CLI's
        # TerminalStream would print them as text); file names shown are cleaned in _text
        stream = getattr(sys.stderr, "raw", sys.stderr)
        self.console = Console(file=stream, force_terminal=force or None, highlight=False)
        self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"),
                                 TimeElapsedColumn(), console=self.console, transient=True)
        self.tasks: dict[str, Any] = {}

    def _text(self, name: str, detail: str) -> str:
        from rich.markup import escape

        from .._sanitize import terminal_text

        text = t(f"progress_{name}", self.lang)
        return escape(terminal_text(f"{text} {detail}".strip()))

    def start(self, name: str, detail: str) -> None:
        """Show a running step."""
        if not self.tasks:
            self.progress.start()
        self.tasks[name] = (self.progress.add_task(self._text(name, detail), total=None), detail)

    def stop(self, name: str, seconds: float) -> None:
        """Replace the running row by a finished line."""
        task, detail = self.tasks.pop(name, (None, ""))
        if task is not None:
            self.progress.remove_task(task)
        self.console.print(f"[green]✓[/] {self._text(name, detail)} ({seconds:.1f} s)",
                           markup=True, soft_wrap=True)
        if not self.tasks:
            self.progress.stop()

    def note(self, name: str, **values: object) -> None:
        """Print a one-off message."""
        from .._sanitize import terminal_text

        self.console.print(terminal_text(t(f"progress_{name}", self.lang).format(**values)),
                           soft_wrap=True, markup=False)


def command_lang(argv: list[str]) -> str:
    """Language of the command line ``argv``: its ``--lang`` when supported, else the default.

    An unsupported value is left to the command's own check (an option error).
    """
    from .. import settings

    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else (
            arg.split("=", 1)[1] if arg.startswith("--lang=") else None)
        if value is not None:
            value = value.strip().lower()
            return value if value in ("vi", "en") else settings.language
    return settings.language


@contextlib.contextmanager
def shown(argv: list[str], *, quiet: bool) -> Iterator[None]:
    """Show progress for the command ``argv`` unless quiet or stderr is not a terminal."""
    from .. import settings

    force = settings.env("CAMAU_GIS_PROGRESS") == "1"  # tests: show without a terminal
    if quiet or not (force or sys.stderr.isatty()):
        yield
        return
    listener = RichListener(command_lang(argv), force=force)
    previous = _progress.set_listener(listener)
    try:
        yield
    finally:
        _progress.set_listener(previous)
        with contextlib.suppress(Exception):
            listener.progress.stop()
