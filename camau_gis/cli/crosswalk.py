"""``camau-gis crosswalk …``: the 2019 -> 2025 units of the merged Cà Mau province."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ._app import app

crosswalk_app = typer.Typer(
    help="2019 communes -> 2025 units of the merged Cà Mau province (table, change map, lookup).",
    no_args_is_help=True,
)
app.add_typer(crosswalk_app, name="crosswalk")

LangOpt = typer.Option("vi", "--lang", help="Language of texts: vi or en.")
CaMauOpt = typer.Option(None, "--boundaries", "-b",
                        help="2019 Cà Mau communes; default: shapefiles/ from `boundaries fetch`.")
BacLieuOpt = typer.Option(None, "--bac-lieu",
                          help="2019 Bạc Liêu communes; default: shapefiles/bac_lieu_communes.gpkg "
                               "(fetched on first use).")


@crosswalk_app.command("table")
def table_cmd(
    out: Path = typer.Option(Path("outputs/crosswalk_2019_2025.csv"), "--out", "-o",
                             help="Output file, .csv (UTF-8) or .xlsx."),
    units: bool = typer.Option(False, "--units",
                               help="Write the 64 units of 2025 with their predecessors instead."),
    divided: bool = typer.Option(False, "--divided", help="Only the 19 divided 2019 communes."),
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
    out: Path = typer.Option(Path("outputs/change_map.html"), "--out", "-o", help="HTML file."),
    boundaries: Optional[Path] = CaMauOpt,
    bac_lieu: Optional[Path] = BacLieuOpt,
    lang: str = LangOpt,
    online: bool = typer.Option(False, "--online",
                                help="Load Leaflet from its CDN (lighter file, needs internet)."),
) -> None:
    """Write the change map: 2019 communes under the 64 units of 2025, predecessors in tooltips."""
    from ..i18n import check_lang, t
    from ..tasks import write_change_map

    lang = check_lang(lang)
    path = write_change_map(out, boundaries, bac_lieu, lang=lang, online=online)
    typer.echo(t("cli_change_map", lang).format(path=path))


@crosswalk_app.command("show")
def show_cmd(
    code: str = typer.Argument(..., help="A 5-digit commune code."),
    vintage: Optional[str] = typer.Option(
        None, "--vintage", help="2019 or 2025; default: show what the code means in each."),
    lang: Optional[str] = typer.Option(None, "--lang", help="vi (default) or en."),
) -> None:
    """Say what a code means in 2019 and in 2025 (codes were reused: check before joining)."""
    from ..i18n import check_lang
    from ..tasks import lookup_code

    for line in lookup_code(code, vintage, check_lang(lang)):
        typer.echo(line)
