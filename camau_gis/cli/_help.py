"""The CLI's own help texts, in the language of the command (issue 19).

typer takes a command's help from its docstring and a parameter's from
``help=``; here every one comes from the catalogue (:mod:`camau_gis.i18n`)
instead. :func:`localise` walks the click command tree typer builds for one
run and sets, in the run's language, the help of every command and of every
parameter, and the value shown beside each option (``<đường dẫn>``,
``ROLE=COLUMN`` instead of typer's ``<path>``, ``<list[str]>``). The tree is
built anew for every run, so nothing of one language is left for the next.

Catalogue keys (the docstrings stay, as developer documentation):

- a command: ``help_<path>``: ``help_build``, ``help_boundaries_fetch``;
  the root ``help_app``;
- a parameter (by its Python name): the first of ``help_<path>_<name>`` (this
  command: ``help_build_lang``), ``help_<group>_<name>`` (every command of the
  group: ``help_boundaries_out``) and ``help_opt_<name>`` (every command:
  ``help_opt_boundaries``) that the catalogue holds;
- the value of an option or argument: ``meta_`` keys in the same order
  (``meta_opt_columns``), else the word of its type, ``meta_type_<kind>``
  (``path``, ``str``, ``int``, ``float``); a flag shows none.

``tests/test_cli_help.py`` checks that every command and parameter has its
text, and that no ``help_``/``meta_`` entry is left that none uses.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..i18n import LABELS, LANGS, t

#: Key stem of the root command, and of the entries shared by every command.
ROOT, SHARED = "app", "opt"

#: typer's value labels -> the kind of ``meta_type_<kind>`` shown instead.
TYPE_WORDS = {"<path>": "path", "<str>": "str", "<list[str]>": "str", "<int>": "int",
              "<int range>": "int", "<float>": "float", "<float range>": "float"}


def command_key(path: tuple[str, ...]) -> str:
    """Catalogue key of the help of the command ``path`` (``("boundaries", "fetch")``)."""
    return "help_" + ("_".join(path) or ROOT)


def param_keys(path: tuple[str, ...], name: str, kind: str = "help") -> list[str]:
    """Keys that may hold the ``kind`` text of parameter ``name`` of ``path``, most specific first."""
    stems = ["_".join(path[:i]) for i in range(len(path), 0, -1)] or [ROOT]
    return [f"{kind}_{stem}_{name}" for stem in [*stems, SHARED]]


def _first(keys: list[str]) -> str | None:
    return next((key for key in keys if key in LABELS), None)


def _value_key(path: tuple[str, ...], param: Any) -> str | None:
    """Key of what the value column shows for ``param``; None: nothing (a flag) or typer's own."""
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return None
    explicit = _first(param_keys(path, param.name, "meta"))
    if explicit or param.type_descriptor.is_choice:  # a choice's a|b|c reads well as it is
        return explicit
    kind = TYPE_WORDS.get(param.display_type(None))
    return f"meta_type_{kind}" if kind else None


def walk(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """``(path, command)`` of ``command`` and of every command under it, groups first."""
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from walk(sub, (*path, name))


def used_keys(root: Any) -> dict[str, str | None]:
    """Where each text is shown (``"build --out"``, ``"build --out value"``) -> its key.

    None: no catalogue entry (:func:`localise` fails on it).
    """
    found: dict[str, str | None] = {}
    for path, command in walk(root):
        where = " ".join(("camau-gis", *path))
        found[where] = command_key(path) if command_key(path) in LABELS else None
        for param in command.params:
            name = param.opts[0] if param.opts else param.name
            found[f"{where} {name}"] = _first(param_keys(path, param.name))
            value = _value_key(path, param)
            if value is not None:
                found[f"{where} {name} value"] = value
    return found


def _shown(text: str) -> Any:
    def display_type_rich(ctx: Any = None) -> str:
        return text
    return display_type_rich


def localise(root: Any, lang: str | None = None) -> Any:
    """Set the help texts of the command tree ``root`` in ``lang``; return ``root``.

    A command or parameter without a catalogue entry keeps typer's text (its
    docstring; no help for a parameter): ``tests/test_cli_help.py`` fails on it,
    a user's command still runs.
    """
    for path, command in walk(root):
        if command_key(path) in LABELS:
            command.help, command.short_help = t(command_key(path), lang), None
        for param in command.params:
            key = _first(param_keys(path, param.name))
            if key is not None:
                param.help = t(key, lang)
            value = _value_key(path, param)
            if value is not None:  # the type column of typer's rich help (not the metavar,
                # which names an argument in usage lines and errors)
                param.display_type_rich = _shown(t(value, lang))
    return root


def group_argv(argv: list[str], root: Any) -> list[str]:
    """``argv`` without ``--lang vi|en`` when it names a group (``camau-gis --help --lang en``).

    Only the leaf commands take ``--lang``; the language of a group's listing was read
    from the command line before (:func:`camau_gis.cli._progress.command_lang`), so the
    group is not shown an option it would refuse. A leaf's command line, and an
    unsupported value (left for click to refuse), are returned as they are.
    """
    command, i, langs = root, 0, []
    end = argv.index("--") if "--" in argv else len(argv)
    while i < end:
        arg = argv[i]
        value = argv[i + 1] if arg == "--lang" and i + 1 < end else (
            arg.split("=", 1)[1] if arg.startswith("--lang=") else None)
        if value is not None:
            if value.strip().lower() not in LANGS:
                return argv
            langs += [i, i + 1] if arg == "--lang" else [i]
            i += 2 if arg == "--lang" else 1
            continue
        if not arg.startswith("-"):
            sub = getattr(command, "commands", {}).get(arg)
            if sub is None:  # a leaf's argument, or an unknown command (click says so)
                break
            command = sub
        i += 1
    if not hasattr(command, "commands") or (i < end and not argv[i].startswith("-")):
        return argv
    return [a for j, a in enumerate(argv) if j not in langs]
