"""Command-line interface: a thin layer over the Python API.

Each area registers its commands from its own module (``cli/boundaries.py``,
``cli/register.py``, ``cli/build.py`` …). Heavy libraries load inside the
commands, so ``camau-gis --help`` stays fast.

Errors of :mod:`camau_gis.errors` are printed as one line, without a
traceback, and exit with status 2.
"""

from __future__ import annotations

import sys

import typer

app = typer.Typer(
    name="camau-gis",
    help="Coverage of community public-security models across Cà Mau's communes.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _register_commands() -> None:
    from . import boundaries, build, register, report  # noqa: F401  (each adds its commands)

    for optional in ("crosswalk",):
        try:
            __import__(f"{__name__}.{optional}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{optional}":
                raise


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit status."""
    from ..errors import CamauGisError

    _register_commands()
    try:
        # standalone_mode=False: click returns typer.Exit's code instead of exiting
        status = app(args=argv, standalone_mode=False)
    except CamauGisError as exc:
        first, *rest = str(exc).splitlines() or [""]
        typer.echo(f"error: {first}", err=True)
        for line in rest:
            typer.echo(line, err=True)
        return 2
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("aborted", err=True)
        return 1
    except SystemExit as exc:  # typer.Exit inside commands
        return int(exc.code or 0)
    except Exception as exc:  # click usage errors and the like
        import click

        if isinstance(exc, click.exceptions.ClickException):
            exc.show()
            return exc.exit_code
        if isinstance(exc, click.exceptions.Exit):
            return exc.exit_code
        if isinstance(exc, (FileNotFoundError, PermissionError, IsADirectoryError)):
            typer.echo(f"error: {exc}", err=True)
            return 2
        raise
    return status if isinstance(status, int) else 0


def run() -> None:  # pragma: no cover - console entry point
    """Console-script entry point."""
    sys.exit(main())
