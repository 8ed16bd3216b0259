"""The typer application every command module adds its commands to."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="camau-gis",
    help="Coverage of community public-security models across Cà Mau's communes.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

@app.callback()
def _options(
    debug: bool = typer.Option(
        False,
        "--debug",
        help="On failure, print the traceback too (also CAMAU_GIS_DEBUG=1). Exit codes: "
        "1 internal error, 2 bad option, 3 unreadable input, 4 invalid data, "
        "5 output not writable, 6 download failed.",
    ),
) -> None:
    """Coverage of community public-security models across Cà Mau's communes."""
