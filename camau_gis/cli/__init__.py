"""Command-line interface: a thin layer over the Python API.

Each area registers its commands from its own module (``cli/boundaries.py``,
``cli/register.py``, ``cli/build.py`` …). Heavy libraries load inside the
commands, so ``camau-gis --help`` stays fast.

A failure ends the command with one paragraph on stderr (``lỗi: what,
where, what to do``; ``error:`` with ``--lang en``) and the exit status of its class, listed in
:mod:`camau_gis.errors`. ``--debug`` (anywhere on the command line) or
``CAMAU_GIS_DEBUG=1`` prints the traceback first.
"""

from __future__ import annotations

import re
import sys
import warnings
from typing import Any

import typer

from ._app import app, click_texts

#: Values of ``CAMAU_GIS_DEBUG`` that turn tracebacks on.
_TRUE = ("1", "true", "yes", "on")


def _register_commands() -> None:
    from . import boundaries, build, paths, register, report  # noqa: F401  (each adds commands)

    for optional in ("crosswalk", "plan"):
        try:
            __import__(f"{__name__}.{optional}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{optional}":
                raise


def _split_flag(argv: list[str], flag: str) -> tuple[list[str], bool]:
    """Remove ``flag`` from ``argv`` (before a ``--``); say whether it was there."""
    end = argv.index("--") if "--" in argv else len(argv)
    kept = [a for a in argv[:end] if a != flag] + argv[end:]
    return kept, len(kept) != len(argv)


def _split_debug(argv: list[str]) -> tuple[list[str], bool]:
    """Remove ``--debug`` from ``argv`` (before a ``--``); say whether it was there."""
    end = argv.index("--") if "--" in argv else len(argv)
    kept = [a for a in argv[:end] if a != "--debug"] + argv[end:]
    debug = len(kept) != len(argv)
    from .. import settings

    return kept, debug or settings.debug()


def _interrupted(exc: BaseException | None = None) -> tuple[int, str]:
    """Exit status (130, 143, 129) and line printed for Ctrl+C, SIGTERM or SIGHUP."""
    import signal

    from .. import settings
    from ..errors import EXIT_INTERRUPTED
    from ..i18n import t

    signum = int(getattr(exc, "signum", signal.SIGINT))
    code = int(getattr(exc, "exit_code", EXIT_INTERRUPTED))
    return code, t("interrupted", settings.language).format(signal=signal.Signals(signum).name)


#: Signals received by the running command (typer turns the interruption into status 130).
_received: list[int] = []


def _handle_termination() -> dict[int, Any]:
    """Make SIGINT, SIGTERM and SIGHUP raise :class:`~camau_gis.errors.Interrupted`.

    Returns the handlers replaced. SIGTERM and SIGHUP are thus handled like
    Ctrl+C: every clean-up runs, and the command exits with 128 + the signal
    number (143, 129; 130 for Ctrl+C).
    """
    import signal
    import threading

    from ..errors import Interrupted

    if threading.current_thread() is not threading.main_thread():
        return {}

    def handler(signum: int, _frame: object) -> None:
        _received.append(signum)
        raise Interrupted(signum)

    _received.clear()
    old: dict[int, Any] = {}
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signum = getattr(signal, name)
            old[signum] = signal.signal(signum, handler)
    return old

#: matplotlib's "Glyph 7913 (\\N{…}) missing from font(s) DejaVu Sans." warning.
_GLYPH = re.compile(r"Glyph \d+ .*missing from (current )?font", re.IGNORECASE)

#: Longest warning printed whole without ``--debug``.
WARNING_CHARS = 1200


def _warning_printer():  # noqa: ANN202 - the signature of warnings.showwarning
    """Return a ``warnings.showwarning`` printing each message once as ``warning: …``."""
    seen: set[str] = set()

    def show(message, category, filename, lineno, file=None, line=None):  # noqa: ANN001, ANN202
        from .._sanitize import terminal_text
        from ..i18n import t
        from ._errors import paragraph

        text = terminal_text(paragraph(str(message)))
        if _GLYPH.match(text):  # matplotlib warns once per character: once per run here
            if "glyph" in seen:
                return
            seen.add("glyph")
            text += t("warn_glyphs", None)
        if text not in seen:
            seen.add(text)
            if len(text) > WARNING_CHARS:  # e.g. 101 repaired polygons, each with its point
                text = (text[:WARNING_CHARS].rstrip()
                        + t("warn_more_chars", None).format(n=len(text) - WARNING_CHARS))
            typer.echo(t("warn_prefix", None) + text, err=True)

    return show


def _empty_value(argv: list[str]) -> str | None:
    """Name the first empty argument (``--out ""``, ``--out=``, often an unset variable)."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "":
            from ..i18n import t

            prev = argv[i - 1] if i else ""
            return f"{prev} ''" if prev.startswith("-") else t("err_empty_argument", None)
        if arg.startswith("--") and arg.endswith("="):
            return f"{arg}''"
    return None


#: Collector thresholds while a command runs (Python's default: 700, 10, 10). A command
#: imports geopandas, matplotlib, folium…: ~1.5 million objects, most of them kept to the
#: end. With the default the collector ran 460 times in a warm Cà Mau build, four of them
#: over every object (0.4-0.9 s of a 4 s build); with 10,000 young objects it runs ~30
#: times, once over everything. Garbage in cycles waits at most 10,000 allocations longer.
GC_THRESHOLDS = (10_000, 10, 10)


def _quiet_unraisable(unraisable: object) -> None:
    """Swallow "Exception ignored in …" reports (the command's error was already printed)."""


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit status (see :mod:`camau_gis.errors`)."""
    argv, debug = _split_debug(list(sys.argv[1:] if argv is None else argv))
    argv, quiet = _split_flag(argv, "--quiet")
    from .. import settings
    from ._progress import command_lang

    language = settings.language
    settings.language = command_lang(argv)  # every line of the command: errors and warnings too
    try:
        with click_texts():
            return _main(argv, debug, quiet)
    finally:
        settings.language = language


def _main(argv: list[str], debug: bool, quiet: bool) -> int:
    """:func:`main` once the language is set: guard the streams, signals and inputs; run."""
    empty = _empty_value(argv)
    if empty:  # Path("") is the current folder: outputs would land (and be pruned) there
        from ..errors import EXIT_USAGE
        from ..i18n import t

        typer.echo(t("err_prefix", None) + t("err_empty_value", None).format(what=empty),
                   err=True)
        return EXIT_USAGE
    import gc
    import signal

    from .._atomic import protecting_inputs
    from .._sanitize import TerminalStream
    from ..errors import EXIT_INTERNAL

    thresholds = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    old_handlers = _handle_termination()
    streams, hook = (sys.stdout, sys.stderr), sys.unraisablehook
    # every line any command prints, --json included: no raw control or bidi character
    sys.stdout, sys.stderr = TerminalStream(streams[0]), TerminalStream(streams[1])
    if not debug:  # a writer's file closed by the garbage collector on a full disk: no traceback
        sys.unraisablehook = _quiet_unraisable
    status = EXIT_INTERNAL
    try:
        _register_commands()
        with protecting_inputs():  # no output of this command may replace one of its inputs
            status = _run(argv, debug, quiet)
            return status
    finally:
        gc.set_threshold(*thresholds)
        if status != 0:  # a failed writer's file closed by the collector: under the quiet hook
            gc.collect()
        sys.stdout, sys.stderr = streams
        sys.unraisablehook = hook
        for signum, handler in old_handlers.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)


def _command() -> Any:
    """Return the click command tree of :data:`app`, its help texts in the command's language.

    What ``app(...)`` does, less typer's ``sys.excepthook`` and the exception tag it reads:
    with ``pretty_exceptions_enable=False`` that hook prints what Python's would, and
    :func:`_run` catches every exception anyway.
    """
    from typer.main import get_command

    from .. import settings
    from ._help import localise

    return localise(get_command(app), settings.language)


def _run(argv: list[str], debug: bool, quiet: bool = False) -> int:
    """Run the command line ``argv``; every failure becomes its exit status and one paragraph."""
    from ..errors import EXIT_INTERRUPTED

    try:
        # standalone_mode=False: click returns typer.Exit's code instead of exiting
        with warnings.catch_warnings():
            if not debug:  # "warning: …" paragraphs, each once, not Python's file:line form
                warnings.showwarning = _warning_printer()
            from ._help import group_argv
            from ._progress import shown

            with shown(argv, quiet=quiet):
                command = _command()
                status = command(args=group_argv(argv, command), standalone_mode=False)
    except SystemExit as exc:  # typer.Exit / SystemExit raised inside commands
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except KeyboardInterrupt as exc:  # Ctrl+C, SIGTERM, SIGHUP (errors.Interrupted)
        code, text = _interrupted(exc)
        typer.echo(text, err=True)
        return code
    except BaseException as exc:  # noqa: BLE001 - every failure becomes one paragraph
        from ._errors import _click_classes, describe

        if isinstance(exc, (typer.Exit, *_click_classes("Exit"))):
            return int(getattr(exc, "exit_code", 1))
        if isinstance(exc, (typer.Abort, *_click_classes("Abort"))):
            code, text = _interrupted()
            typer.echo(text, err=True)
            return code

        code, message = describe(exc)
        if debug:
            import traceback

            traceback.print_exception(exc, file=sys.stderr)
        if message:  # messages quote register cells: no escape sequence reaches the terminal
            from .._sanitize import terminal_text

            typer.echo(terminal_text(message), err=True)
        return code
    if status == EXIT_INTERRUPTED:  # typer returns 130 for any KeyboardInterrupt
        from ..errors import Interrupted

        code, text = _interrupted(Interrupted(_received[-1]) if _received else None)
        typer.echo(text, err=True)
        return code
    return status if isinstance(status, int) else 0


def run() -> None:
    """Console-script entry point: :func:`main`, then exit with its status.

    Before exiting, every object is moved out of the collector's reach
    (``gc.freeze``): the interpreter's last full collection would otherwise
    traverse the ~1.5 million objects a build imports (0.2-0.3 s of a warm
    Cà Mau build's 2 s CPU) only to find them alive; the process frees them.
    The outputs are written and closed by then.
    """
    import gc

    status = main()
    gc.freeze()
    sys.exit(status)
