"""``camau-gis register …``: check registers and write templates."""

from __future__ import annotations

from pathlib import Path

import typer

from ._app import app
from .build import MaxRegisterMbOpt, MaxRegisterRowsOpt, parse_mapping, register_limits

register_app = typer.Typer(no_args_is_help=True)
app.add_typer(register_app, name="register")

#: How many report lines ``check`` prints before referring to the file.
SHOWN = 20


#: How many layout rows ``check`` lists before referring to the match report.
SHOWN_LAYOUT = 200


@register_app.command("check")
def check_cmd(
    register: Path | None = typer.Argument(None),
    c19: Path | None = typer.Option(None, "--c19"),
    boundaries: Path | None = typer.Option(None, "--boundaries", "-b"),
    columns: list[str] | None = typer.Option(None, "--columns"),
    sheet: str | None = typer.Option(None, "--sheet"),
    c19_sheet: str | None = typer.Option(None, "--c19-sheet"),
    report: Path | None = typer.Option(None, "--report"),
    fix: Path | None = typer.Option(None, "--fix"),
    lang: str | None = typer.Option(None, "--lang"),
    max_register_mb: float | None = MaxRegisterMbOpt,
    max_register_rows: int | None = MaxRegisterRowsOpt,
) -> None:
    """Read and validate a register, match it to the communes, write the match report.

    Exit status: 0 when every data row joined, 4 when some rows need attention
    (listed, and all in the match report; layout rows such as totals or the
    signature block never count), 3 when the register or boundaries cannot be
    read, 4 when the file has no usable table (no header row, no commune column).
    """
    from .. import settings
    from .._atomic import guard_inputs
    from ..i18n import check_lang, t
    from ..pipeline import match_for_check
    from ..register import read_register, write_match_report

    lang = check_lang(lang or settings.language)
    with register_limits(max_register_mb, max_register_rows):
        reg = read_register(register, c19, columns=parse_mapping(columns, "--columns"),
                            sheet=sheet, c19_sheet=c19_sheet)
    matched = match_for_check(reg, boundaries, lang=lang)  # rows in their own vintage
    target = report or Path(settings.outputs_dir) / "match_report.csv"
    inputs = {"register": register, "--c19": c19, "--boundaries": boundaries}
    guard_inputs(target, inputs, option="--report")
    if fix is not None:
        guard_inputs(fix, {**inputs, "register": register or reg.sources[0]}, option="--fix")
    path = write_match_report(matched, target, option="--report", lang=lang)
    _print_check(reg, matched, lang)
    if fix is not None:
        from ..register.fix import write_fixed_register

        written = write_fixed_register(reg, matched, fix, lang=lang)
        typer.echo(f"{t('reg_check_fixed', lang)}: {written}")
    typer.echo(t("reg_check_report", lang).format(path=path))
    if len(matched.report):
        # SystemExit, not typer.Exit: cli.main runs click with standalone_mode=False,
        # where typer.Exit's code is returned by app() and would be lost.
        from ..errors import EXIT_INVALID

        raise SystemExit(EXIT_INVALID)


def _print_check(reg: object, matched: object, lang: str) -> None:
    """Print what ``register check`` found: sheets, columns, layout rows, rows to look at."""
    from .._sanitize import terminal_text
    from ..i18n import say, t

    def echo(line: str) -> None:
        typer.echo(terminal_text(line))  # register text: no terminal escape sequences

    for src in reg.sources:  # type: ignore[attr-defined]
        echo(t("reg_check_register", lang).format(path=src))
    for file, sheet, table, row, why in reg.sheets:  # type: ignore[attr-defined]
        name = f"{Path(file).name}" + (f', {t("reg_loc_sheet", lang)} "{sheet}"' if sheet else "")
        if table:
            echo(f"{name}: " + t("reg_check_sheet", lang).format(
                table=t("reg_table_" + table, lang), row=row))
        else:
            reason = (t("reg_why_other", lang).format(table=t("reg_table_" + why[6:], lang))
                      if why.startswith("other:") else t("reg_why_" + why, lang))
            echo(f"{name}: " + t("reg_check_sheet_skipped", lang).format(
                why=reason))
    unused: dict[tuple[str, str], list[str]] = {}
    for file, sheet, header in reg.unused:  # type: ignore[attr-defined]
        unused.setdefault((file, sheet), []).append(header)
    for (file, sheet), headers in unused.items():
        where = Path(file).name + (f', "{sheet}"' if sheet else "")
        echo(f"{t('reg_check_unused', lang)} ({where}): " + ", ".join(f'"{h}"' for h in headers))
    for w in reg.warnings:  # type: ignore[attr-defined]
        echo(f"{t('reg_check_warning', lang)}: {say(w, lang)}")
    layout = reg.layout  # type: ignore[attr-defined]
    if layout:
        echo(t("reg_check_layout_count", lang).format(n=len(layout)))
        for s in layout[:SHOWN_LAYOUT]:
            echo(f"  {s.message(lang)}")
        if len(layout) > SHOWN_LAYOUT:
            echo(t("reg_check_more", lang).format(n=len(layout) - SHOWN_LAYOUT))
    if reg.illustrative:  # type: ignore[attr-defined]
        echo(t("illustrative", lang))
    vintage = (getattr(matched, "register_vintage", None) or {}).get("text")
    if vintage:
        echo(vintage)
    s = matched.summary()  # type: ignore[attr-defined]
    echo(t("reg_check_summary", lang).format(**s))
    report = matched.report  # type: ignore[attr-defined]
    for rec in report.head(SHOWN).to_dict("records"):
        where = Path(rec["file"]).name
        if rec["sheet"]:
            where += f', {t("reg_loc_sheet", lang)} "{rec["sheet"]}"'
        column = f", {rec['column']}" if rec["column"] else ""
        line = f"  {where}, {t('reg_loc_row', lang)} {rec['row']}{column}: {rec['reason']}"
        if rec["candidates"]:
            line += f" [{rec['candidates']}]"
        echo(line)
    if len(report) > SHOWN:
        echo(t("reg_check_more", lang).format(n=len(report) - SHOWN))


@register_app.command("template")
def template_cmd(
    format: str = typer.Option("xlsx", "--format", "-f"),
    out: Path | None = typer.Option(None, "--out", "-o"),
    lang: str | None = typer.Option(None, "--lang"),
    province: str | None = typer.Option(None, "--province"),
    vintage: str = typer.Option("2019", "--vintage"),
    force: bool = typer.Option(False, "--force"),
) -> None:
    """Write empty register templates with Vietnamese headers (the guide lists English aliases).

    The XLSX template offers drop-down lists: the communes (name and code) of
    the province and vintage, criterion-19 results, yes/no and levels.
    """
    from ..pipeline import template_communes
    from ..register import write_template

    communes = template_communes(province, vintage) if format.lower().lstrip(".") == "xlsx" \
        else None
    for path in write_template(out, format, lang=lang, communes=communes, force=force):
        typer.echo(str(path))
