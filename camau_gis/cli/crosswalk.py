"""``camau-gis crosswalk …``: the 2019 -> 2025 units of the merged Cà Mau province."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ._app import app
from .build import BacLieuOpt, BoundariesOpt

crosswalk_app = typer.Typer(no_args_is_help=True)
app.add_typer(crosswalk_app, name="crosswalk")

LangOpt = typer.Option("vi", "--lang")


@crosswalk_app.command("table")
def table_cmd(
    out: Path = typer.Option(Path("outputs/crosswalk_2019_2025.csv"), "--out", "-o"),
    units: bool = typer.Option(False, "--units"),
    divided: bool = typer.Option(False, "--divided"),
    lang: str = LangOpt,
) -> None:
    """Write the crosswalk: one row per 2019 commune (165) with its 2025 unit(s)."""
    from ..i18n import check_lang, t
    from ..tasks import check_table_path, crosswalk_frame, crosswalk_source, write_table

    lang = check_lang(lang)
    check_table_path(out)  # a bad --out fails before the tables are built
    frame = crosswalk_frame(units=units, divided=divided, lang=lang)
    write_table(frame, out)
    typer.echo(t("cli_rows_written", lang).format(path=out, n=len(frame)))
    typer.echo(t("cli_source", lang).format(source=crosswalk_source(lang)))


@crosswalk_app.command("map")
def map_cmd(
    out: Path = typer.Option(Path("outputs/change_map.html"), "--out", "-o"),
    boundaries: Optional[Path] = BoundariesOpt,
    bac_lieu: Optional[Path] = BacLieuOpt,
    lang: str = LangOpt,
    online: bool = typer.Option(False, "--online"),
) -> None:
    """Write the change map: 2019 communes under the 64 units of 2025, predecessors in tooltips."""
    from ..i18n import check_lang, t
    from ..tasks import write_change_map

    lang = check_lang(lang)
    path = write_change_map(out, boundaries, bac_lieu, lang=lang, online=online)
    typer.echo(t("cli_change_map", lang).format(path=path))


@crosswalk_app.command("show")
def show_cmd(
    code: str = typer.Argument(...),
    vintage: Optional[str] = typer.Option(None, "--vintage"),
    lang: Optional[str] = typer.Option(None, "--lang"),
) -> None:
    """Say what a code means in 2019 and in 2025 (codes were reused: check before joining)."""
    from ..i18n import check_lang
    from ..tasks import lookup_code

    for line in lookup_code(code, vintage, check_lang(lang)):
        typer.echo(line)
