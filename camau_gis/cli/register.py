"""``camau-gis register …``: check registers and write templates."""

from __future__ import annotations

from pathlib import Path

import typer

from ._app import app
from .build import MaxRegisterMbOpt, MaxRegisterRowsOpt, parse_mapping, register_limits

register_app = typer.Typer(
    help="Check a register of models; write templates.", no_args_is_help=True
)
app.add_typer(register_app, name="register")

#: How many report lines ``check`` prints before referring to the file.
SHOWN = 20


@register_app.command("check")
def check_cmd(
    register: Path | None = typer.Argument(
        None,
        help="Register of models (CSV/XLSX; an XLSX may hold the criterion-19 sheet too). "
        "Default: the shipped example register.",
    ),
    c19: Path | None = typer.Option(None, "--c19", help="Criterion-19 table (CSV/XLSX)."),
    boundaries: Path | None = typer.Option(
        None,
        "--boundaries",
        "-b",
        help="Polygon file of communes; default: shapefiles/ from `boundaries fetch`.",
    ),
    columns: list[str] | None = typer.Option(
        None, "--columns", help="Header mapping FIELD=HEADER, e.g. commune='Địa phương' (repeat)."
    ),
    sheet: str | None = typer.Option(None, "--sheet", help="Sheet holding the models table."),
    report: Path | None = typer.Option(
        None, "--report", help="Match report, .csv or .xlsx (default outputs/match_report.csv)."
    ),
    lang: str | None = typer.Option(None, "--lang", help="Language of the report: vi or en."),
    max_register_mb: float | None = MaxRegisterMbOpt,
    max_register_rows: int | None = MaxRegisterRowsOpt,
) -> None:
    """Read and validate a register, match it to the communes, write the match report.

    Exit status: 0 when every row joined, 4 when some rows need attention
    (listed, and all in the match report), 3 when the register or boundaries
    cannot be read, 4 when the register fails validation (all problems listed).
    """
    from .. import settings
    from .._atomic import guard_inputs
    from .._sanitize import terminal_text
    from ..i18n import check_lang
    from ..pipeline import match_for_check
    from ..register import read_register, write_match_report

    lang = check_lang(lang or settings.language)
    with register_limits(max_register_mb, max_register_rows):
        reg = read_register(register, c19, columns=parse_mapping(columns, "--columns"),
                            sheet=sheet)
    matched = match_for_check(reg, boundaries, lang=lang)  # rows in their own vintage
    target = report or Path(settings.outputs_dir) / "match_report.csv"
    guard_inputs(target, {"register": register, "--c19": c19, "--boundaries": boundaries},
                 option="--report")
    path = write_match_report(matched, target, option="--report")
    s = matched.summary()
    en = lang == "en"
    for src in reg.sources:
        typer.echo(f"{'register' if en else 'sổ'}: {src}")
    for skipped in reg.skipped:
        typer.echo(f"{'skipped (no table)' if en else 'bỏ qua (không có bảng)'}: {skipped}")
    if reg.illustrative:
        typer.echo("Illustrative data (Dữ liệu minh họa)" if en else "Dữ liệu minh họa")
    vintage = (getattr(matched, "register_vintage", None) or {}).get("text")
    if vintage:
        typer.echo(vintage)
    if en:
        typer.echo(
            f"rows: {s['rows']} (models {s['models']}, criterion 19 {s['c19']}); "
            f"joined: {s['joined']}; above commune level: {s['above_commune']}; "
            f"needs attention: {s['needs_attention']}"
        )
    else:
        typer.echo(
            f"số dòng: {s['rows']} (mô hình {s['models']}, tiêu chí 19 {s['c19']}); "
            f"đã khớp xã: {s['joined']}; cấp huyện/tỉnh: {s['above_commune']}; "
            f"cần xem lại: {s['needs_attention']}"
        )
    for rec in matched.report.head(SHOWN).to_dict("records"):
        where = Path(rec["file"]).name + (f', sheet "{rec["sheet"]}"' if rec["sheet"] else "")
        line = f"  {where}, row {rec['row']}, {rec['column']}: {rec['reason']}"
        if rec["candidates"]:
            line += f" [{rec['candidates']}]"
        typer.echo(terminal_text(line))  # register text: no terminal escape sequences
    if len(matched.report) > SHOWN:
        typer.echo(f"  … {len(matched.report) - SHOWN} more")
    typer.echo(f"{'match report' if en else 'báo cáo đối chiếu'}: {path}")
    if len(matched.report):
        # SystemExit, not typer.Exit: cli.main runs click with standalone_mode=False,
        # where typer.Exit's code is returned by app() and would be lost.
        from ..errors import EXIT_INVALID

        raise SystemExit(EXIT_INVALID)


@register_app.command("template")
def template_cmd(
    format: str = typer.Option(
        "xlsx", "--format", "-f", help="xlsx (one workbook) or csv (two files)."
    ),
    out: Path | None = typer.Option(None, "--out", "-o", help="Output folder (default outputs/)."),
    lang: str | None = typer.Option(None, "--lang", help="Language of the guide sheet: vi or en."),
) -> None:
    """Write empty register templates with Vietnamese headers (the guide lists English aliases)."""
    from ..register import write_template

    for path in write_template(out, format, lang=lang):
        typer.echo(str(path))
