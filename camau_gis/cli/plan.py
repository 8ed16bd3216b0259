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
    models: Optional[int] = typer.Option(None, "--models", "-n", help="Budget: number of new models to place (maximal covering, MCLP). Leave out for the fewest models that serve every commune (set covering, LSCP)."),
    service: str = typer.Option("adjacent", "--service", help="Service rule: adjacent (a model serves its commune and the bordering ones) or distance (within --distance-km)."),
    distance_km: Optional[float] = typer.Option(None, "--distance-km", help="Service radius in km for --service distance."),
    distance_from: str = typer.Option("centroid", "--distance-from", help="Distance for --service distance: centroid (centroid to centroid) or boundary (polygon to polygon)."),
    weight: str = typer.Option("equal", "--weight", "--weight-column", help="Demand weight: equal (1 per commune), area (km²), or a column of --weights-file (e.g. population, incidents, priority score)."),
    weights_file: Optional[Path] = typer.Option(None, "--weights-file", help="CSV/XLSX with one row per commune: GSO code (Mã xã) or name (Tên xã, with Huyện), and the --weight column."),
    weight_unit: str = typer.Option("", "--weight-unit", help="Unit of the weight shown in the outputs, e.g. người (persons), vụ/năm (cases per year)."),
    exclude: Optional[list[str]] = typer.Option(None, "--exclude", help="Commune that must not get a model: GSO code or 'Name, District' (repeat)."),
    force: Optional[list[str]] = typer.Option(None, "--force", help="Commune that must get a new model (counts towards --models; repeat)."),
    c19_mode: str = typer.Option("ignore", "--c19-mode", help="Criterion 19 in the plan: ignore; weight (communes that have not achieved it weigh --c19-factor times more); require (every such commune must be served)."),
    c19_factor: float = typer.Option(2.0, "--c19-factor", help="Weight multiplier of --c19-mode weight."),
    time_limit: Optional[float] = typer.Option(None, "--time-limit", help="Stop the solver after this many seconds (the best plan found, never worse than greedy)."),
    report: bool = typer.Option(False, "--report", help="Also write the Word/HTML report with the section 'Đề xuất vị trí mô hình mới'."),
    out: Path = typer.Option(Path("outputs"), "--out", "-o", help="Output folder."),
    lang: str = typer.Option("vi", "--lang", help="Language of every output: vi or en."),
    dpi: int = typer.Option(200, "--dpi", min=DPI_RANGE[0], max=DPI_RANGE[1], help="Resolution of plan_map.png."),
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
