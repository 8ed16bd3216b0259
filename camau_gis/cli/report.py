"""``camau-gis maps`` (static maps, district atlas) and ``camau-gis report`` (Word + HTML)."""

from __future__ import annotations

from pathlib import Path

import typer

from ._app import app
from .build import (
    DPI_RANGE,
    AdminOpt,
    BacLieuOpt,
    BoundariesOpt,
    C19Opt,
    ColumnsOpt,
    CrsOpt,
    LayerOpt,
    MaxRegisterMbOpt,
    MaxRegisterRowsOpt,
    ProvinceOpt,
    RegColumnsOpt,
    RegisterOpt,
    YearOpt,
    check_page,
    parse_mapping,
    register_limits,
)

_KINDS = ("coverage", "c19", "priority", "models")
_FORMATS = ("png", "svg", "pdf")


def _split(
    values: list[str] | None, allowed: tuple[str, ...], option: str, default: tuple[str, ...]
) -> list[str]:
    """Accept repeated or comma-separated values; raise a one-line error for unknown ones."""
    from ..errors import OptionError

    items = [
        v.strip().lower().lstrip(".") for raw in (values or []) for v in raw.split(",") if v.strip()
    ]
    bad = [v for v in items if v not in allowed]
    if bad:
        from ..i18n import t

        raise OptionError(t("cli_not_supported", None).format(
            option=option, values=", ".join(bad), allowed=", ".join(allowed)))
    return list(dict.fromkeys(items)) or list(default)


def _check_atlas(atlas: bool, admin: str | None) -> None:
    """Refuse ``--atlas`` with ``--admin 2025`` before the analysis runs."""
    if atlas and admin == "2025":
        from ..errors import OptionError
        from ..i18n import t

        raise OptionError(t("cli_atlas_2025", None))


def _check_atlas_register(atlas: bool, result: object, lang: str) -> None:
    """Refuse ``--atlas`` when the analysis mapped the 2025 units, with the hint that fits.

    A register of 2025 units is refused with ``--admin 2019`` (``pipeline``), so
    the hint of :func:`_check_atlas` would lead nowhere: a register of 2025 units
    has no district atlas; a mixed one has one of its 2019 rows only.
    """
    meta = getattr(result, "meta", {})
    if not atlas or str(meta.get("admin", "")) != "2025":
        return
    from ..errors import OptionError
    from ..i18n import t

    rv = getattr(result, "summary", {}).get("register_vintage") or {}
    kind = {"2025": "atlas_register_2025", "mixed": "atlas_register_mixed"}.get(
        str(rv.get("vintage", "")), "atlas_units_2025")
    raise OptionError(t(kind, lang).format(n19=rv.get("rows_2019", 0), n25=rv.get("rows_2025", 0)))


def _analysis(
    boundaries, layer, province, columns, register, c19, register_columns, year, admin, lang,
    *, crs=None, bac_lieu=None, max_register_mb=None, max_register_rows=None, scheme=None,
):
    from ..pipeline import check_scheme, run_analysis

    scheme = None if scheme is None else check_scheme(scheme)  # before any work
    with register_limits(max_register_mb, max_register_rows):
        result = run_analysis(
            boundaries=boundaries,
            layer=layer,
            province=province,
            columns=parse_mapping(columns, "--columns"),
            crs=crs,
            register=register,
            c19=c19,
            register_columns=parse_mapping(register_columns, "--register-columns"),
            year=year,
            admin=admin,
            bac_lieu=bac_lieu,
            lang=lang,
        )
    result.meta["lang"] = lang
    if scheme is not None:  # the models-per-commune classes of every map of this run
        result.meta["scheme"] = scheme
    return result


@app.command("maps")
def maps_cmd(
    out: Path = typer.Option(Path("outputs"), "--out", "-o"),
    kind: list[str] | None = typer.Option(None, "--kind", "-k"),
    fmt: list[str] | None = typer.Option(None, "--format", "-f"),
    dpi: int = typer.Option(300, "--dpi", min=DPI_RANGE[0], max=DPI_RANGE[1]),
    page: str = typer.Option("A4-landscape", "--page"),
    lang: str = typer.Option("vi", "--lang"),
    atlas: bool = typer.Option(False, "--atlas"),
    scheme: str = typer.Option("NaturalBreaks", "--scheme"),
    web: bool = typer.Option(False, "--web"),
    for_report: bool = typer.Option(False, "--for-report", "--no-title"),
    width_cm: float = typer.Option(16.5, "--width-cm", min=12.0, max=40.0),
    boundaries: Path | None = BoundariesOpt,
    layer: str | None = LayerOpt,
    province: str | None = ProvinceOpt,
    columns: list[str] | None = ColumnsOpt,
    register: Path | None = RegisterOpt,
    c19: Path | None = C19Opt,
    register_columns: list[str] | None = RegColumnsOpt,
    year: int | None = YearOpt,
    admin: str | None = AdminOpt,
    crs: str | None = CrsOpt,
    bac_lieu: Path | None = BacLieuOpt,
    max_register_mb: float | None = MaxRegisterMbOpt,
    max_register_rows: int | None = MaxRegisterRowsOpt,
) -> None:
    """Write the static maps (coverage, criterion 19, priority, models) as PNG/SVG/PDF."""
    from ..i18n import check_lang
    from ..tasks import write_maps

    kinds = _split(kind, _KINDS, "--kind", _KINDS)
    formats = _split(fmt, _FORMATS, "--format", ("png",))
    check_page(page)  # fail on a bad preset before the analysis runs
    lang = check_lang(lang)
    _check_atlas(atlas, admin)
    result = _analysis(
        boundaries, layer, province, columns, register, c19, register_columns, year, admin, lang,
        crs=crs, bac_lieu=bac_lieu, max_register_mb=max_register_mb,
        max_register_rows=max_register_rows, scheme=scheme,
    )
    _check_atlas_register(atlas, result, lang)
    written = write_maps(
        result, out, kinds=kinds, formats=formats, lang=lang, page=page, dpi=dpi,
        figure=for_report, width_cm=width_cm, atlas=atlas, web=web,
    )
    for name, path in written.items():
        typer.echo(f"{name}: {path}")


@app.command("report")
def report_cmd(
    out: Path = typer.Option(Path("outputs"), "--out", "-o"),
    lang: str = typer.Option("vi", "--lang"),
    dpi: int = typer.Option(200, "--dpi", min=DPI_RANGE[0], max=DPI_RANGE[1]),
    page: str = typer.Option("A4-landscape", "--page"),
    atlas: bool = typer.Option(False, "--atlas"),
    scheme: str = typer.Option("NaturalBreaks", "--scheme"),
    boundaries: Path | None = BoundariesOpt,
    layer: str | None = LayerOpt,
    province: str | None = ProvinceOpt,
    columns: list[str] | None = ColumnsOpt,
    register: Path | None = RegisterOpt,
    c19: Path | None = C19Opt,
    register_columns: list[str] | None = RegColumnsOpt,
    year: int | None = YearOpt,
    admin: str | None = AdminOpt,
    crs: str | None = CrsOpt,
    bac_lieu: Path | None = BacLieuOpt,
    max_register_mb: float | None = MaxRegisterMbOpt,
    max_register_rows: int | None = MaxRegisterRowsOpt,
) -> None:
    """Write the Word report (report.docx) and the standalone HTML report (report.html)."""
    from ..i18n import check_lang
    from ..tasks import write_report

    check_page(page)
    lang = check_lang(lang)
    _check_atlas(atlas, admin)
    result = _analysis(
        boundaries, layer, province, columns, register, c19, register_columns, year, admin, lang,
        crs=crs, bac_lieu=bac_lieu, max_register_mb=max_register_mb,
        max_register_rows=max_register_rows, scheme=scheme,
    )
    written = write_report(result, out, lang=lang, dpi=dpi, page=page, atlas=atlas)
    for name, path in written.items():
        typer.echo(f"{name}: {path}")
