"""The CLI says what it takes: README tables from typer's lists, flags in --help, -m entry."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from _cli_reference import MAIN, README, commands, current, options, render

from camau_gis.cli import main


def test_readme_option_tables_are_generated_from_the_cli():
    assert current() == render(), "README out of date: run python tests/_cli_reference.py"


def test_every_option_the_readme_explains_exists():
    text = README.read_text(encoding="utf-8")
    table = text.split("What the options of `build`", 1)[1].split("<!-- cli-options:begin", 1)[0]
    explained = set(re.findall(r"`(--[a-z0-9-]+)", table)) - {"--debug", "--quiet"}
    cmds = commands()
    taken = {o.split("/")[0] for c in MAIN for o in options(cmds[c])}
    assert explained and explained <= taken, explained - taken


def test_flags_show_as_flags_in_help(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    assert main(["maps", "--help", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    atlas = next(line for line in out.splitlines() if "--atlas" in line)
    assert "<bool>" not in out and "Also write the district atlas" in atlas
    assert "<integer> [10<=x<=1200]" in next(line for line in out.splitlines() if "--dpi" in line)


def test_python_m_camau_gis_cli_runs():
    got = subprocess.run([sys.executable, "-m", "camau_gis.cli", "paths", "--json"],
                         capture_output=True, text=True, timeout=120)
    assert got.returncode == 0, got.stderr
    assert '"boundaries"' in got.stdout


def test_the_console_entry_exits_with_the_status_and_freezes_the_collector(monkeypatch):
    """``run()`` exits with main's status, after ``gc.freeze`` (no last full collection)."""
    import gc

    import camau_gis.cli as cli

    order = []
    monkeypatch.setattr(cli, "main", lambda argv=None: order.append("main") or 4)
    monkeypatch.setattr(gc, "freeze", lambda: order.append("freeze"))
    with pytest.raises(SystemExit) as exc:
        cli.run()
    assert exc.value.code == 4 and order == ["main", "freeze"]


def test_a_failed_command_through_the_console_entry_keeps_its_status_and_message(tmp_path):
    got = subprocess.run([sys.executable, "-m", "camau_gis", "build", "--boundaries",
                          str(tmp_path / "none.shp"), "--out", str(tmp_path / "o")],
                         capture_output=True, text=True, timeout=300)
    assert got.returncode not in (0, 1) and "none.shp" in got.stderr
