"""Command-line interface: a thin layer over the Python API.

Each area registers its commands from its own module (``cli/boundaries.py``,
``cli/register.py``, ``cli/build.py`` …). Heavy libraries load inside the
commands, so ``camau-gis --help`` stays fast.

A failure ends the command with one paragraph on stderr (``error: what,
where, what to do``) and the exit status of its class, listed in
:mod:`camau_gis.errors`. ``--debug`` (anywhere on the command line) or
``CAMAU_GIS_DEBUG=1`` prints the traceback first.
"""

from __future__ import annotations

import os
import sys
import warnings

import typer

from ._app import app

#: Values of ``CAMAU_GIS_DEBUG`` that turn tracebacks on.
_TRUE = ("1", "true", "yes", "on")


def _register_commands() -> None:
    from . import boundaries, build, register, report  # noqa: F401  (each adds its commands)

    for optional in ("crosswalk",):
        try:
            __import__(f"{__name__}.{optional}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{optional}":
                raise


def _split_debug(argv: list[str]) -> tuple[list[str], bool]:
    """Remove ``--debug`` from ``argv`` (before a ``--``); say whether it was there."""
    end = argv.index("--") if "--" in argv else len(argv)
    kept = [a for a in argv[:end] if a != "--debug"] + argv[end:]
    debug = len(kept) != len(argv)
    return kept, debug or os.environ.get("CAMAU_GIS_DEBUG", "").strip().lower() in _TRUE


#: What Ctrl-C (or click's Abort) prints before exit status 130.
_INTERRUPTED = "interrupted: no output was replaced by a partial file."

#: Longest warning printed whole without ``--debug``.
WARNING_CHARS = 1200


def _warning_printer():  # noqa: ANN202 - the signature of warnings.showwarning
    """Return a ``warnings.showwarning`` printing each message once as ``warning: …``."""
    seen: set[str] = set()

    def show(message, category, filename, lineno, file=None, line=None):  # noqa: ANN001, ANN202
        from .._sanitize import terminal_text
        from ._errors import paragraph

        text = terminal_text(paragraph(str(message)))
        if text not in seen:
            seen.add(text)
            if len(text) > WARNING_CHARS:  # e.g. 101 repaired polygons, each with its point
                text = (text[:WARNING_CHARS].rstrip() + f" … ({len(text) - WARNING_CHARS:,} "
                        "more characters: rerun with --debug to see the whole warning)")
            typer.echo("warning: " + text, err=True)

    return show


def _empty_value(argv: list[str]) -> str | None:
    """Name the first empty argument (``--out ""``, ``--out=``, often an unset variable)."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "":
            prev = argv[i - 1] if i else ""
            return f"{prev} ''" if prev.startswith("-") else "an empty argument ''"
        if arg.startswith("--") and arg.endswith("="):
            return f"{arg}''"
    return None


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit status (see :mod:`camau_gis.errors`)."""
    from ..errors import EXIT_INTERRUPTED

    argv, debug = _split_debug(list(sys.argv[1:] if argv is None else argv))
    empty = _empty_value(argv)
    if empty:  # Path("") is the current folder: outputs would land (and be pruned) there
        from ..errors import EXIT_USAGE

        typer.echo(f"error: {empty}: the value is empty (an unset shell variable?); give a "
                   "value or leave the option out; see `camau-gis --help`.", err=True)
        return EXIT_USAGE
    _register_commands()
    try:
        # standalone_mode=False: click returns typer.Exit's code instead of exiting
        with warnings.catch_warnings():
            if not debug:  # "warning: …" paragraphs, each once, not Python's file:line form
                warnings.showwarning = _warning_printer()
            status = app(args=argv, standalone_mode=False)
    except SystemExit as exc:  # typer.Exit / SystemExit raised inside commands
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except KeyboardInterrupt:
        typer.echo(_INTERRUPTED, err=True)
        return EXIT_INTERRUPTED
    except BaseException as exc:  # noqa: BLE001 - every failure becomes one paragraph
        from ._errors import _click_classes, describe

        if isinstance(exc, (typer.Exit, *_click_classes("Exit"))):
            return int(getattr(exc, "exit_code", 1))
        if isinstance(exc, (typer.Abort, *_click_classes("Abort"))):
            typer.echo(_INTERRUPTED, err=True)
            return EXIT_INTERRUPTED

        code, message = describe(exc)
        if debug:
            import traceback

            traceback.print_exception(exc, file=sys.stderr)
        if message:  # messages quote register cells: no escape sequence reaches the terminal
            from .._sanitize import terminal_text

            typer.echo(terminal_text(message), err=True)
        return code
    return status if isinstance(status, int) else 0


def run() -> None:  # pragma: no cover - console entry point
    """Console-script entry point."""
    sys.exit(main())
