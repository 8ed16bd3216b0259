"""The typer application every command module adds its commands to."""

from __future__ import annotations

import typer


def _flags_as_flags() -> None:
    """Show flags as flags in ``--help`` (``--atlas``, not ``--atlas <bool>``).

    typer's rich help prints a value type for every option, flags included
    (``--help <bool>``); a flag takes no value, so its type column stays empty.
    """
    from typer.core import TyperOption

    original = TyperOption.display_type_rich
    if getattr(original, "_camau_gis", False):
        return

    def display_type_rich(self: TyperOption, ctx: object) -> str | None:
        if getattr(self, "is_flag", False) or getattr(self, "count", False):
            return None
        return original(self, ctx)  # type: ignore[arg-type]

    display_type_rich._camau_gis = True  # type: ignore[attr-defined]
    TyperOption.display_type_rich = display_type_rich  # type: ignore[method-assign]


_flags_as_flags()

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
    quiet: bool = typer.Option(
        False,
        "--quiet",
        help="No progress rows on stderr (they are shown only on a terminal anyway).",
    ),
) -> None:
    """Coverage of community public-security models across Cà Mau's communes."""
