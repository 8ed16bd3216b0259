"""``camau-gis boundaries …``: fetch, inspect and import commune boundaries."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ._app import app
from .build import ColumnsOpt, CrsOpt, LayerOpt, parse_mapping  # options spelled alike

boundaries_app = typer.Typer(no_args_is_help=True)
app.add_typer(boundaries_app, name="boundaries")

_EncodingOpt = typer.Option(None, "--encoding")


def _mapping(items: list[str] | None) -> dict[str, str] | None:
    return parse_mapping(items, "--columns")


@boundaries_app.command("fetch")
def fetch(
    province: str = typer.Option("Cà Mau"),
    source: str = typer.Option("vietnam63", "--source"),
    base_url: Optional[str] = typer.Option(None, "--base-url", envvar="CAMAU_GIS_DATA_URL"),
    sha256: Optional[str] = typer.Option(None, "--sha256"),
    out: Optional[Path] = typer.Option(None),
    force: bool = typer.Option(False, "--force"),
    lang: Optional[str] = typer.Option(None, "--lang"),
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
    path: Path = typer.Argument(...),
    as_json: bool = typer.Option(False, "--json"),
    layer: Optional[str] = LayerOpt,
    province: Optional[str] = typer.Option(None, "--province"),
    columns: Optional[list[str]] = ColumnsOpt,
    crs: Optional[str] = CrsOpt,
    encoding: Optional[str] = _EncodingOpt,
    tolerance: Optional[float] = typer.Option(None, "--tolerance"),
    reference: Optional[Path] = typer.Option(None, "--reference", envvar="CAMAU_GIS_REFERENCE"),
    lang: Optional[str] = typer.Option(None, "--lang"),
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
    path: Path = typer.Argument(...),
    province: str = typer.Option("Cà Mau", "--province"),
    layer: Optional[str] = LayerOpt,
    columns: Optional[list[str]] = ColumnsOpt,
    crs: Optional[str] = CrsOpt,
    encoding: Optional[str] = _EncodingOpt,
    out: Optional[Path] = typer.Option(None),
    lang: Optional[str] = typer.Option(None, "--lang"),
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
