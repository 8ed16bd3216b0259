"""``camau-gis register …``: check registers and write templates."""

from __future__ import annotations

import typer

from . import app

register_app = typer.Typer(help="Check a register of models; write templates.", no_args_is_help=True)
app.add_typer(register_app, name="register")
