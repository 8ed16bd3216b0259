"""``camau-gis boundaries …``: fetch, inspect and import commune boundaries."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ._app import app

boundaries_app = typer.Typer(
    help="Fetch, inspect and import commune boundaries.", no_args_is_help=True
)
app.add_typer(boundaries_app, name="boundaries")

_ColumnsOpt = typer.Option(
    None,
    "--columns",
    help="Column mapping ROLE=COLUMN (repeat); roles: commune, district, province, "
    "unit_type, code.",
)
_CrsOpt = typer.Option(
    None,
    "--crs",
    help="CRS of the coordinates when the .prj is missing or wrong, e.g. EPSG:9207.",
)
_EncodingOpt = typer.Option(
    None,
    "--encoding",
    help="DBF text encoding when .cpg is missing or wrong: utf-8, cp1258, tcvn3, vni, cp1252.",
)
_LayerOpt = typer.Option(None, "--layer", help="Layer of a multi-layer file.")


def _mapping(items: list[str] | None) -> dict[str, str] | None:
    from .build import parse_mapping

    return parse_mapping(items, "--columns")


@boundaries_app.command("fetch")
def fetch(
    province: str = typer.Option("Cà Mau", help="Province name or GSO code."),
    source: str = typer.Option(
        "vietnam63",
        "--source",
        help="vietnam63 (default, MIT), gadm (GADM 4.1 level 3) or geoboundaries (ADM3).",
    ),
    base_url: Optional[str] = typer.Option(
        None,
        "--base-url",
        envvar="CAMAU_GIS_DATA_URL",
        help="Mirror URL or local folder holding the source file (offline use).",
    ),
    sha256: Optional[str] = typer.Option(
        None, "--sha256", help="Expected SHA-256 of a gadm/geoboundaries file."
    ),
    out: Optional[Path] = typer.Option(None, help="Output folder (default: shapefiles/ in the data folder, see `camau-gis paths`)."),
    force: bool = typer.Option(False, "--force", help="Redo it even when the layer is already there."),
    lang: Optional[str] = typer.Option(None, "--lang", help="vi (default) or en."),
) -> None:
    """Download boundaries (cached, verified), select a province, write the canonical layer.

    Does nothing but say so when the layer is already there (``--force`` redoes it).
    """
    from ..boundaries import canonical_paths, fetch_basename
    from ..i18n import check_lang, t

    lang = check_lang(lang)
    existing = canonical_paths(out, fetch_basename(province, source))
    if not force and all(p.is_file() for p in existing.values()):
        typer.echo(t("fetch_exists", lang).format(path=existing["gpkg"]), err=True)
        for kind, path in existing.items():
            typer.echo(f"{kind}: {path}")
        return
    if sha256 is not None:  # a malformed hash fails before any download
        from ..errors import OptionError
        from ..tasks import check_sha256

        check_sha256(sha256)
        if source.lower() == "vietnam63":
            from ..i18n import t

            raise OptionError(t("cli_sha256_vietnam63", None))
    if source.lower() == "vietnam63":
        from ..boundaries import fetch_boundaries
        from ..i18n import t

        typer.echo(t("cli_vietnam63_licence", None), err=True)
        paths = fetch_boundaries(province, base_url=base_url, folder=out)
    else:
        from ..tasks import fetch_other_source

        src, got, paths = fetch_other_source(source, province, base_url=base_url, sha256=sha256,
                                             out=out)
        from ..i18n import t

        typer.echo(t("cli_source_credit", None).format(
            title=src.title, licence=src.licence, citation=src.citation), err=True)
        typer.echo(f"sha256 {got.sha256} ({t(f'pin_{got.pinned}', None)})", err=True)
    for kind, path in paths.items():
        typer.echo(f"{kind}: {path}")


@boundaries_app.command("inspect")
def inspect(
    path: Path = typer.Argument(
        ..., help="Boundary file: Shapefile, .zip, GeoPackage, GeoJSON, .rda."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    layer: Optional[str] = _LayerOpt,
    province: Optional[str] = typer.Option(
        None, "--province", help="Province name or GSO code (default Cà Mau); * for all."
    ),
    columns: Optional[list[str]] = _ColumnsOpt,
    crs: Optional[str] = _CrsOpt,
    encoding: Optional[str] = _EncodingOpt,
    tolerance: Optional[float] = typer.Option(
        None, "--tolerance", help="Smallest overlap/gap reported, m² (default 10000)."
    ),
    reference: Optional[Path] = typer.Option(
        None,
        "--reference",
        envvar="CAMAU_GIS_REFERENCE",
        help="Trusted boundary file of the same province, for the outline and datum-offset checks.",
    ),
    lang: Optional[str] = typer.Option(None, "--lang", help="vi (default) or en."),
) -> None:
    """Print what was detected: layout, CRS and transformation, encoding, counts, problems."""
    from ..tasks import format_inspection, inspect_boundaries

    report = inspect_boundaries(
        path,
        layer=layer,
        province=province,
        columns=_mapping(columns),
        crs=crs,
        encoding=encoding,
        tolerance_m2=tolerance,
        reference=reference,
    )
    if as_json:
        import json

        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        typer.echo(format_inspection(report, lang))


@boundaries_app.command("import")
def import_(
    path: Path = typer.Argument(..., help="Boundary file to turn into the canonical layer."),
    province: str = typer.Option("Cà Mau", "--province", help="Province name or GSO code."),
    layer: Optional[str] = _LayerOpt,
    columns: Optional[list[str]] = _ColumnsOpt,
    crs: Optional[str] = _CrsOpt,
    encoding: Optional[str] = _EncodingOpt,
    out: Optional[Path] = typer.Option(None, help="Output folder (default: shapefiles/)."),
    lang: Optional[str] = typer.Option(None, "--lang", help="vi (default) or en."),
) -> None:
    """Read any boundary file into the canonical commune layer (GeoPackage + Shapefile)."""
    from ..i18n import check_lang

    lang = check_lang(lang)
    from ..tasks import import_boundaries

    communes, paths = import_boundaries(path, province=province, layer=layer,
                                        columns=_mapping(columns), crs=crs, encoding=encoding,
                                        out=out)
    for kind, written in paths.items():
        typer.echo(f"{kind}: {written}")
    from ..i18n import t

    n = int((communes["gso_code"] == "").sum())
    typer.echo(t("cli_imported", lang).format(n=len(communes), uncoded=n))
