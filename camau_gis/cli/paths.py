"""``camau-gis paths``: the folders in use (user data, boundaries, caches, outputs)."""

from __future__ import annotations

from typing import Optional

import typer

from ._app import app


@app.command("paths")
def paths_cmd(
    lang: Optional[str] = typer.Option(None, "--lang"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Print the folders camau-gis reads and writes, and the rule that chose them.

    Boundaries go to the user data folder (CAMAU_GIS_HOME), downloads and caches
    to the user cache folder (CAMAU_GIS_CACHE), outputs to ./outputs (--out);
    a source checkout run from inside it keeps shapefiles/ and .cache/ in it.
    """
    from .. import settings
    from ..i18n import check_lang, t

    lang = check_lang(lang)
    folders = settings.folders()
    if as_json:
        import json

        typer.echo(json.dumps({k: str(v) for k, v in folders.items()}, ensure_ascii=False,
                              indent=2))
        return
    width = max(len(t(f"paths_{k}", lang)) for k in folders)
    for key, folder in folders.items():
        typer.echo(f"{t(f'paths_{key}', lang):<{width}}  {folder}")
