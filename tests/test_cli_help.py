"""``--help`` in the command's language: every help text of the CLI comes from the catalogue.

Each help page is printed as a user prints it (``camau_gis.cli.main``, stdout
captured) and compared with the catalogue's texts: Vietnamese by default,
English with ``--lang en`` (before or after ``--help``), and a Vietnamese page
again after an English one in the same process. The catalogue check fails on
a command or parameter without a text and on a ``help_``/``meta_`` entry that
no command uses.
"""

from __future__ import annotations

import pytest
import typer
from test_console_language import english_lines

from camau_gis.cli import _help, _register_commands, app, main
from camau_gis.i18n import LABELS, t

#: typer's value labels, which read like code; none may be left in a help page.
CODE_LABELS = ("<str>", "<list[", "<int>", "<int ", "<float", "<bool>", "int,int")


def _flat(text: str) -> str:
    """``text`` on one line: the boxes' borders and the wrapping gone."""
    return " ".join(text.replace("│", " ").replace("╭", " ").replace("╰", " ").split())


def _tree():
    _register_commands()
    return typer.main.get_command(app)


def _texts(path: tuple[str, ...], command, lang: str) -> dict[str, str]:
    """What the help page of ``path`` must show: its text and each parameter's, in ``lang``."""
    texts = {_help.command_key(path): t(_help.command_key(path), lang)}
    for param in command.params:
        key = next(k for k in _help.param_keys(path, param.name) if k in LABELS)
        texts[key] = t(key, lang)
    return {key: _flat(text) for key, text in texts.items()}


def _page(capsys, argv: list[str]) -> str:
    code = main(argv)
    out = capsys.readouterr().out
    assert code == 0, (argv, out)
    return out


LEAVES = [path for path, cmd in _help.walk(_tree()) if not hasattr(cmd, "commands")]


@pytest.mark.parametrize("path", LEAVES, ids=" ".join)
def test_every_leaf_command_help_follows_lang(path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "250")  # long paths are not folded inside a word
    command = dict(_help.walk(_tree()))[path]
    vi, en = _texts(path, command, "vi"), _texts(path, command, "en")
    for argv, want, gone in [([*path, "--help"], vi, en),
                             ([*path, "--help", "--lang", "en"], en, vi),
                             ([*path, "--lang=en", "--help"], en, vi),
                             ([*path, "--help"], vi, en)]:  # the English run left nothing behind
        out = _page(capsys, argv)
        page = _flat(out)
        missing = [key for key, text in want.items() if text not in page]
        assert not missing, (argv, missing, out)
        left = [key for key, text in gone.items() if text not in want.values() and text in page]
        assert not left, (argv, left, out)
        assert not [label for label in CODE_LABELS if label in out], (argv, out)
        if want is vi:
            assert not english_lines(out) and "<path>" not in out, (argv, english_lines(out))


@pytest.mark.parametrize("group", [(), ("boundaries",), ("register",), ("crosswalk",)],
                         ids=lambda g: " ".join(g) or "camau-gis")
def test_group_listings_show_the_short_help_in_the_language(group, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "250")
    command = dict(_help.walk(_tree()))[group]
    subs = [(*group, name) for name in command.commands]

    def short(lang: str) -> list[str]:  # the listing shows the first paragraph
        return [_flat(t(_help.command_key(p), lang).split("\n\n")[0]) for p in subs]

    for argv, lang, other in [([*group, "--help"], "vi", "en"),
                              ([*group, "--help", "--lang", "en"], "en", "vi"),
                              ([*group, "--lang", "en"], "en", "vi"),  # no command: the listing
                              ([*group, "--help"], "vi", "en")]:
        code = main(argv)
        got = capsys.readouterr()
        page = _flat(got.out)
        assert code in (0, 2), (argv, got.err)  # a group run without a command exits 2 (click)
        assert all(text in page for text in short(lang)), (argv, got.out)
        assert not any(text in page for text in short(other)), (argv, got.out)
        assert _flat(t(_help.command_key(group), lang)) in page
    vi = _page(capsys, [*group, "--help"])
    assert not english_lines(vi), english_lines(vi)


def test_every_command_and_parameter_has_its_text_and_every_entry_is_used():
    used = _help.used_keys(_tree())
    missing = sorted(where for where, key in used.items() if key is None)
    assert not missing, f"add help_/meta_ entries to camau_gis/i18n.py for: {missing}"
    entries = {k for k in LABELS if k.startswith(("help_", "meta_"))}
    unused = sorted(entries - set(used.values()))
    assert not unused, f"entries no command uses (remove them): {unused}"


def test_no_entry_repeats_a_more_general_one():
    """A text shared by several commands is written once, at the group or ``opt`` level."""
    repeated = []
    for path, command in _help.walk(_tree()):
        for param in command.params:
            for kind in ("help", "meta"):
                keys = [k for k in _help.param_keys(path, param.name, kind) if k in LABELS]
                repeated += [f"{a} = {b}" for a, b in zip(keys, keys[1:], strict=False)
                             if LABELS[a] == LABELS[b]]
    assert not repeated, repeated


def test_command_and_parameter_keys_never_collide():
    commands = {_help.command_key(path) for path, _ in _help.walk(_tree())}
    params = {key for path, cmd in _help.walk(_tree()) for p in cmd.params
              for key in _help.param_keys(path, p.name)}
    assert not commands & params


def test_the_checks_find_a_parameter_without_text_and_an_unused_entry():
    """A new option without a catalogue entry fails the check (the command still runs)."""
    tiny = typer.Typer(add_completion=False)

    @tiny.callback()
    def _root() -> None:
        """Root."""

    @tiny.command("build")
    def _build(out: str = typer.Option("o", "--out"), nope: str = typer.Option("", "--nope")):
        """Build."""

    root = typer.main.get_command(tiny)
    used = _help.used_keys(root)
    assert used["camau-gis build --nope"] is None
    assert used["camau-gis build --out"] == "help_opt_out"
    assert "help_versions" not in used.values()  # the real check would call it unused
    build = _help.localise(root, "vi").commands["build"]
    assert [p.help for p in build.params] == [t("help_opt_out", "vi"), None]  # still runs


def test_a_group_command_line_drops_lang_and_a_leaf_keeps_it():
    root = _tree()
    assert _help.group_argv(["--help", "--lang", "en"], root) == ["--help"]
    assert _help.group_argv(["boundaries", "--lang=en", "--help"], root) == ["boundaries",
                                                                             "--help"]
    for argv in (["build", "--lang", "en"], ["crosswalk", "show", "32188", "--lang", "en"],
                 ["--help", "--lang", "fr"], ["--help", "--", "--lang", "en"], ["nope", "--lang",
                                                                                 "en"]):
        assert _help.group_argv(argv, root) == argv, argv


def test_a_bad_lang_on_a_group_is_still_an_option_error(capsys):
    code = main(["--help", "--lang", "fr"])
    assert code == 2 and "--lang" in capsys.readouterr().err
