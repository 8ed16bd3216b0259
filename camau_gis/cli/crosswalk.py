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


def _table_suffix(path: Path) -> str:
    from ..errors import OptionError

    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise OptionError(f"--out {path}: write .csv or .xlsx.")
    return suffix


def _write_table(frame, path: Path) -> Path:
    if _table_suffix(path) == ".csv":
        from ..export.tables import write_csv

        return write_csv(path, frame)
    import pandas as pd

    from .._atomic import atomic_path
    from .._sanitize import excel_frame, protect_worksheet

    with atomic_path(path) as tmp, pd.ExcelWriter(tmp, engine="openpyxl") as writer:
        excel_frame(frame).to_excel(writer, index=False, sheet_name="crosswalk")
        protect_worksheet(writer.sheets["crosswalk"])  # text never a formula
    return path


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
    from ..crosswalk import crosswalk_table, new_units_table, source_text
    from ..i18n import check_lang

    lang = check_lang(lang)
    _table_suffix(out)  # a bad --out fails before the tables are built
    if units:
        frame = new_units_table(lang)
    else:
        frame = crosswalk_table(lang)
        if divided:
            frame = frame[frame["relation"] == "divided"]
    _write_table(frame, out)
    typer.echo(f"{out}: {len(frame)} rows")
    typer.echo(f"source: {source_text(lang)}")


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
    from ..crosswalk import load_merged_communes
    from ..errors import OptionError
    from ..render.change_map import build_change_map, save_change_map

    if out.suffix.lower() not in (".html", ".htm"):  # before the boundaries are read
        raise OptionError(f"--out {out}: the change map is an HTML page; give a .html file name.")
    old = load_merged_communes(boundaries, bac_lieu)
    credit = ", ".join(str(p) for p in (boundaries, bac_lieu) if p) or "vietnam63 (2008)"
    m = build_change_map(old, lang=lang, online=online, boundaries=credit)
    typer.echo(f"change map: {save_change_map(m, out)}")


@crosswalk_app.command("show")
def show_cmd(
    code: str = typer.Argument(..., help="A 5-digit commune code."),
    vintage: Optional[str] = typer.Option(
        None, "--vintage", help="2019 or 2025; default: show what the code means in each."),
) -> None:
    """Say what a code means in 2019 and in 2025 (codes were reused: check before joining)."""
    from ..crosswalk import crosswalk_table, new_units_table
    from ..errors import OptionError

    code = code.strip().zfill(5)
    if vintage not in (None, "2019", "2025"):
        raise OptionError(f"--vintage {vintage!r}: use 2019 or 2025.")
    found = False
    if vintage in (None, "2019"):
        cw = crosswalk_table().set_index("old_code")
        if code in cw.index:
            r = cw.loc[code]
            fate = (f"divided between {r['new_names']} (default successor: {r['new_name']})"
                    if r["relation"] == "divided"
                    else f"went whole into {r['new_name']} ({r['new_code']})")
            step = f"; first {r['step_2024']}" if r["step_2024"] else ""
            typer.echo(f"2019 {code}: {r['old_name']}, {r['old_dist']}, {r['old_prov']}{step}; "
                       f"{fate}")
            found = True
    if vintage in (None, "2025"):
        nu = new_units_table().set_index("gso_code")
        if code in nu.index:
            r = nu.loc[code]
            typer.echo(f"2025 {code}: {r['name']}, {r['province']}; formed from {r['pred_names']}")
            found = True
    if not found:
        raise OptionError(
            f"code {code}: not a {vintage or '2019 or 2025'} commune code of Cà Mau or Bạc Liêu; "
            "list them with `camau-gis crosswalk table`.")
