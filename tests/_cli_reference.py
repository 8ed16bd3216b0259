"""The README's option tables, generated from typer's own parameter lists.

``python tests/_cli_reference.py`` rewrites the block between the markers in
README.md; ``tests/test_cli_reference.py`` fails when the README is out of date.
"""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
BEGIN, END = "<!-- cli-options:begin (generated: python tests/_cli_reference.py) -->", \
    "<!-- cli-options:end -->"
#: The commands of the common-options matrix.
MAIN = ("build", "analyze", "maps", "report")


def commands() -> dict[str, object]:
    """Every leaf command by its full name (``"boundaries fetch"``) -> click command."""
    import typer

    from camau_gis.cli import _register_commands, app

    _register_commands()
    root = typer.main.get_command(app)
    import click

    ctx = click.Context(root)
    found: dict[str, object] = {}

    def walk(cmd, name: str) -> None:
        if hasattr(cmd, "list_commands"):
            for sub in cmd.list_commands(ctx):
                walk(cmd.get_command(ctx, sub), f"{name} {sub}".strip())
        else:
            found[name] = cmd

    walk(root, "")
    return found


def options(cmd) -> list[str]:
    """The command's options as shown in the README (``--out/-o``), help excluded."""
    out = []
    for p in cmd.params:
        if p.param_type_name != "option":
            continue
        longs = [o for o in p.opts if o.startswith("--")] + list(p.secondary_opts)
        shorts = [o for o in p.opts if not o.startswith("--")]
        out.append("/".join(longs + shorts))
    return out


def arguments(cmd) -> list[str]:
    return [p.name.upper() for p in cmd.params if p.param_type_name == "argument"]


def render() -> str:
    """The generated Markdown block (without the markers)."""
    cmds = commands()
    lines = ["Which of the main commands takes which option:", "",
             "| option | " + " | ".join(f"`{c}`" for c in MAIN) + " |",
             "| --- |" + " --- |" * len(MAIN)]
    seen: list[str] = []
    for c in MAIN:
        for opt in options(cmds[c]):
            if opt not in seen:
                seen.append(opt)
    for opt in seen:
        marks = ["✓" if opt in options(cmds[c]) else "" for c in MAIN]
        lines.append(f"| `{opt}` | " + " | ".join(marks) + " |")
    lines += ["", "Options of the other commands (`camau-gis COMMAND --help` says what each does;"
              " `--debug` and `--quiet` go anywhere):", "",
              "| command | arguments and options |", "| --- | --- |"]
    for name, cmd in cmds.items():
        if name in MAIN:
            continue
        parts = [f"`{a}`" for a in arguments(cmd)] + [f"`{o}`" for o in options(cmd)]
        lines.append(f"| `{name}` | {', '.join(parts) or '—'} |")
    return "\n".join(lines)


def current() -> str | None:
    text = README.read_text(encoding="utf-8")
    m = re.search(re.escape(BEGIN) + r"\n(.*?)\n" + re.escape(END), text, re.S)
    return m.group(1) if m else None


def rewrite() -> None:
    text = README.read_text(encoding="utf-8")
    block = f"{BEGIN}\n{render()}\n{END}"
    if BEGIN in text:
        text = re.sub(re.escape(BEGIN) + r".*?" + re.escape(END), lambda _: block, text,
                      flags=re.S)
    else:
        raise SystemExit(f"{README}: add the markers {BEGIN} … {END} first")
    README.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    rewrite()
