"""``camau-gis plan``: where N new models close the most gaps (or how many serve every commune)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

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
    parse_mapping,
    register_limits,
)


@app.command("plan")
def plan_cmd(
    models: Optional[int] = typer.Option(None, "--models", "-n"),
    service: str = typer.Option("adjacent", "--service"),
    distance_km: Optional[float] = typer.Option(None, "--distance-km"),
    distance_from: str = typer.Option("centroid", "--distance-from"),
    weight: str = typer.Option("equal", "--weight", "--weight-column"),
    weights_file: Optional[Path] = typer.Option(None, "--weights-file"),
    weight_unit: str = typer.Option("", "--weight-unit"),
    exclude: Optional[list[str]] = typer.Option(None, "--exclude"),
    force: Optional[list[str]] = typer.Option(None, "--force"),
    c19_mode: str = typer.Option("ignore", "--c19-mode"),
    c19_factor: float = typer.Option(2.0, "--c19-factor"),
    time_limit: Optional[float] = typer.Option(None, "--time-limit"),
    report: bool = typer.Option(False, "--report"),
    out: Path = typer.Option(Path("outputs"), "--out", "-o"),
    lang: str = typer.Option("vi", "--lang"),
    dpi: int = typer.Option(200, "--dpi", min=DPI_RANGE[0], max=DPI_RANGE[1]),
    boundaries: Optional[Path] = BoundariesOpt,
    layer: Optional[str] = LayerOpt,
    province: Optional[str] = ProvinceOpt,
    columns: Optional[list[str]] = ColumnsOpt,
    crs: Optional[str] = CrsOpt,
    register: Optional[Path] = RegisterOpt,
    c19: Optional[Path] = C19Opt,
    register_columns: Optional[list[str]] = RegColumnsOpt,
    year: Optional[int] = YearOpt,
    admin: str = AdminOpt,
    bac_lieu: Optional[Path] = BacLieuOpt,
    max_register_mb: Optional[float] = MaxRegisterMbOpt,
    max_register_rows: Optional[int] = MaxRegisterRowsOpt,
) -> None:
    """Plan new models: plan.csv/.xlsx, plan layer in communes.gpkg, plan_map.html/.png."""
    from ..i18n import check_lang, t
    from ..planner import plan

    lang = check_lang(lang)
    with register_limits(max_register_mb, max_register_rows):
        the_plan, written = plan(
            out, models=models, lang=lang, report=report, dpi=dpi,
            rule=service, distance_km=distance_km, distance_from=distance_from, weight=weight,
            weights_file=weights_file, weight_unit=weight_unit, exclude=tuple(exclude or ()),
            force=tuple(force or ()), c19_mode=c19_mode, c19_factor=c19_factor,
            time_limit=time_limit,
            boundaries=boundaries, layer=layer, province=province, crs=crs,
            columns=parse_mapping(columns, "--columns"), register=register, c19=c19,
            register_columns=parse_mapping(register_columns, "--register-columns"),
            year=year, admin=admin, bac_lieu=bac_lieu,
        )
    s = the_plan.summary
    for row in the_plan.table.itertuples():
        typer.echo(f"{row.order}. {row.name} ({row.district}) -> {row.serves}")
    share = (lambda v: "-" if v is None else f"{100 * v:.1f}%")  # noqa: E731
    typer.echo(f"{t('plan_served_share', lang)}: {t('plan_before', lang)} "
               f"{share(s['share_before'])} -> {t('plan_after', lang)} {share(s['share_after'])}")
    if s.get("minimum_full"):
        typer.echo(t("plan_minimum", lang).format(n=s["minimum_full"]))
    for name, path in written.items():
        typer.echo(f"{name}: {path}")
