"""``camau-gis boundaries …``: fetch and inspect boundary data."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from . import app

boundaries_app = typer.Typer(help="Fetch and inspect commune boundaries.", no_args_is_help=True)
app.add_typer(boundaries_app, name="boundaries")


@boundaries_app.command("fetch")
def fetch(
    province: str = typer.Option("Cà Mau", help="Province name or GSO code."),
    base_url: Optional[str] = typer.Option(
        None, "--base-url", envvar="CAMAU_GIS_DATA_URL",
        help="Mirror URL or local folder holding communes.rda (offline use).",
    ),
    out: Optional[Path] = typer.Option(None, help="Output folder (default: shapefiles/)."),
) -> None:
    """Download the pinned vietnam63 communes, verify the checksum, write the canonical layer."""
    from ..boundaries import fetch_boundaries

    paths = fetch_boundaries(province, base_url=base_url, folder=out)
    for kind, path in paths.items():
        typer.echo(f"{kind}: {path}")
