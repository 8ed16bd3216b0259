"""``camau-gis build`` and ``camau-gis analyze``: the main job."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Optional

import typer

from ._app import app


def parse_mapping(items: list[str] | None, option: str) -> dict[str, str] | None:
    """Turn ``["commune=TEN_XA", …]`` into a dict, or raise a one-line error."""
    if not items:
        return None
    from ..errors import OptionError

    out = {}
    for item in items:
        role, sep, column = item.partition("=")
        if not sep or not role or not column:
            from ..i18n import t

            raise OptionError(t("cli_mapping", None).format(option=option, item=item))
        out[role.strip()] = column.strip()
    return out


def check_page(page: str) -> str:
    """Fail on an unknown ``--page`` preset before any work, as a bad option (exit 2)."""
    from ..tasks import check_page as _check

    return _check(page)


BoundariesOpt = typer.Option(None, "--boundaries", "-b")
LayerOpt = typer.Option(None, "--layer")
ProvinceOpt = typer.Option(None, "--province")
CrsOpt = typer.Option(None, "--crs")
ColumnsOpt = typer.Option(None, "--columns")
RegisterOpt = typer.Option(None, "--register", "-r")
C19Opt = typer.Option(None, "--c19")
RegColumnsOpt = typer.Option(None, "--register-columns")
YearOpt = typer.Option(None, "--year")
CompareOpt = typer.Option(None, "--compare")
BacLieuOpt = typer.Option(None, "--bac-lieu")
MaxRegisterMbOpt = typer.Option(None, "--max-register-mb")
MaxRegisterRowsOpt = typer.Option(None, "--max-register-rows")


@contextlib.contextmanager
def register_limits(mb: float | None, rows: int | None) -> Iterator[None]:
    """Use the register limits of one command (:func:`camau_gis.settings.given_limits`).

    ``--max-register-mb``/``--max-register-rows`` win over
    ``settings.max_register_bytes``/``max_register_rows`` and the
    ``CAMAU_GIS_MAX_REGISTER_*`` environment variables, for this command only
    (nothing is written to the environment). ``None`` keeps a limit as it is.

    Raises
    ------
    OptionError
        A limit is not a positive number (exit 2).
    """
    from .. import settings
    from ..errors import OptionError
    from ..i18n import t

    changes: dict[str, int] = {}
    if mb is not None:
        if not mb > 0 or mb * 2**20 < 1:
            raise OptionError(t("cli_max_mb", None).format(value=mb))
        changes["max_register_bytes"] = int(mb * 2**20)
    if rows is not None:
        if rows < 1:
            raise OptionError(t("cli_max_rows", None).format(value=rows))
        changes["max_register_rows"] = int(rows)
    with settings.given_limits(**changes):
        yield


def _check_admin(value: str | None) -> str | None:
    """Refuse an unknown ``--admin`` before any work (a usage error, exit 2); None: the register's."""
    if value is not None and value not in ("2019", "2025"):
        from ..i18n import t

        raise typer.BadParameter(t("cli_admin_value", None).format(value=value))
    return value


#: Smallest and largest --dpi: a huge resolution would exhaust memory before failing.
DPI_RANGE = (10, 1200)

AdminOpt = typer.Option(None, "--admin", callback=_check_admin)


def _echo_vintage(result: object) -> None:
    """Print what the register is written in ("Sổ theo đơn vị hành chính 2025 (…)")."""
    text = (getattr(result, "summary", {}).get("register_vintage") or {}).get("text")
    if text:
        from .._sanitize import terminal_text

        typer.echo(terminal_text(str(text)))


@app.command("build")
def build_cmd(
    out: Path = typer.Option(Path("outputs"), "--out", "-o"),
    boundaries: Optional[Path] = BoundariesOpt,
    layer: Optional[str] = LayerOpt,
    province: Optional[str] = ProvinceOpt,
    columns: Optional[list[str]] = ColumnsOpt,
    crs: Optional[str] = CrsOpt,
    register: Optional[Path] = RegisterOpt,
    c19: Optional[Path] = C19Opt,
    register_columns: Optional[list[str]] = RegColumnsOpt,
    year: Optional[int] = YearOpt,
    compare: Optional[tuple[int, int]] = CompareOpt,
    admin: Optional[str] = AdminOpt,
    bac_lieu: Optional[Path] = BacLieuOpt,
    lang: str = typer.Option("vi", "--lang"),
    online: bool = typer.Option(False, "--online"),
    dpi: int = typer.Option(300, "--dpi", min=DPI_RANGE[0], max=DPI_RANGE[1]),
    page: str = typer.Option("A4-landscape", "--page"),
    scheme: str = typer.Option("NaturalBreaks", "--scheme"),
    max_register_mb: Optional[float] = MaxRegisterMbOpt,
    max_register_rows: Optional[int] = MaxRegisterRowsOpt,
) -> None:
    """Build every output: HTML map, PNG map, CSV/XLSX tables, GeoPackage, summary.json."""
    from ..pipeline import build

    check_page(page)

    with register_limits(max_register_mb, max_register_rows):
        written = build(
            out, lang=lang, online=online, dpi=dpi, page=page, scheme=scheme,
            boundaries=boundaries, layer=layer, province=province, crs=crs,
            columns=parse_mapping(columns, "--columns"), register=register, c19=c19,
            register_columns=parse_mapping(register_columns, "--register-columns"),
            year=year, compare=(compare[0], compare[1]) if compare and all(compare) else None,
            admin=admin, bac_lieu=bac_lieu, on_result=_echo_vintage,
        )
    for name, path in written.items():
        typer.echo(f"{name}: {path}")


@app.command("analyze")
def analyze_cmd(
    out: Path = typer.Option(Path("outputs"), "--out", "-o"),
    boundaries: Optional[Path] = BoundariesOpt,
    layer: Optional[str] = LayerOpt,
    province: Optional[str] = ProvinceOpt,
    columns: Optional[list[str]] = ColumnsOpt,
    crs: Optional[str] = CrsOpt,
    register: Optional[Path] = RegisterOpt,
    c19: Optional[Path] = C19Opt,
    register_columns: Optional[list[str]] = RegColumnsOpt,
    year: Optional[int] = YearOpt,
    compare: Optional[tuple[int, int]] = CompareOpt,
    admin: Optional[str] = AdminOpt,
    bac_lieu: Optional[Path] = BacLieuOpt,
    lang: str = typer.Option("vi", "--lang"),
    max_register_mb: Optional[float] = MaxRegisterMbOpt,
    max_register_rows: Optional[int] = MaxRegisterRowsOpt,
) -> None:
    """Write the analysis tables only (CSV/XLSX, GeoPackage, summary.json; no_data_units.csv for --admin 2025)."""
    from ..i18n import check_lang
    from ..pipeline import run_analysis, write_analysis

    lang = check_lang(lang)
    with register_limits(max_register_mb, max_register_rows):
        result = run_analysis(
            boundaries=boundaries, layer=layer, province=province, crs=crs,
            columns=parse_mapping(columns, "--columns"), register=register, c19=c19,
            register_columns=parse_mapping(register_columns, "--register-columns"),
            year=year, compare=(compare[0], compare[1]) if compare and all(compare) else None,
            admin=admin, bac_lieu=bac_lieu, lang=lang,
        )
    _echo_vintage(result)
    for name, path in write_analysis(result, out, lang=lang).items():
        typer.echo(f"{name}: {path}")


@app.command("versions")
def versions_cmd(
    lang: Optional[str] = typer.Option(None, "--lang"),
) -> None:
    """Print camau-gis, library, GDAL and PROJ versions for bug reports."""
    import importlib.metadata as md
    import platform

    from ..i18n import check_lang, t

    lang = check_lang(lang)
    typer.echo(f"python: {platform.python_version()} ({platform.platform()})")
    for pkg in ("camau-gis", "geopandas", "shapely", "pyogrio", "fiona", "pyproj", "folium",
                "matplotlib", "mapclassify", "vietnamadminunits", "rdata", "pooch"):
        try:
            typer.echo(f"{pkg}: {md.version(pkg)}")
        except md.PackageNotFoundError:
            typer.echo(f"{pkg}: {t('cli_not_installed', lang)}")
    import pyogrio
    import pyproj

    typer.echo(f"GDAL: {pyogrio.__gdal_version_string__}")
    typer.echo(f"PROJ: {pyproj.proj_version_str}")
