"""The typer application every command module adds its commands to."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

import typer


def _flags_as_flags() -> None:
    """Show flags as flags in ``--help`` (``--atlas``, not ``--atlas <bool>``).

    typer's rich help prints a value type for every option, flags included
    (``--help <bool>``); a flag takes no value, so its type column stays empty.
    """
    from typer.core import TyperOption

    original = TyperOption.display_type_rich
    if getattr(original, "_camau_gis", False):
        return

    def display_type_rich(self: TyperOption, ctx: object) -> str | None:
        if getattr(self, "is_flag", False) or getattr(self, "count", False):
            return None
        return original(self, ctx)  # type: ignore[arg-type]

    display_type_rich._camau_gis = True  # type: ignore[attr-defined]
    TyperOption.display_type_rich = display_type_rich  # type: ignore[method-assign]


_flags_as_flags()


#: typer's help texts (module constants of ``typer.rich_utils``) -> catalogue key.
_RICH_TEXTS = {
    "OPTIONS_PANEL_TITLE": "click_panel_options",
    "ARGUMENTS_PANEL_TITLE": "click_panel_arguments",
    "COMMANDS_PANEL_TITLE": "click_panel_commands",
    "DEFAULT_STRING": "click_default",
    "REQUIRED_LONG_STRING": "click_required",
    "ENVVAR_STRING": "click_envvar",
    "RICH_HELP": "click_try_help",
}


@contextlib.contextmanager
def click_texts(lang: str | None = None) -> Iterator[None]:
    """Show click's and typer's own help texts in ``lang`` while a command runs.

    "Usage:", "Options", "Show this message and exit.", "[default: …]": typer
    keeps them as module constants and literals (its vendored click has no
    gettext catalogue), so they are swapped for the catalogue's texts (the
    English ones are click's own) and put back afterwards.
    """
    from typer import rich_utils
    from typer.core import TyperCommand, TyperGroup

    from ..i18n import check_lang, t

    lang = check_lang(lang)
    saved = {name: getattr(rich_utils, name) for name in _RICH_TEXTS}
    classes: tuple[Any, ...] = (TyperCommand, TyperGroup)
    usage = {cls: cls.__dict__.get("get_usage") for cls in classes}
    helps = {cls: cls.__dict__.get("get_help_option") for cls in classes}

    def with_usage(cls: Any) -> Callable[..., str]:
        original = cls.get_usage

        def get_usage(self: Any, ctx: Any) -> str:
            text = str(original(self, ctx)).replace("Usage: ", t("click_usage", lang) + " ", 1)
            text = text.replace("COMMAND [ARGS]...", t("click_command_metavar", lang))
            return text.replace("[OPTIONS]", t("click_options_metavar", lang))
        return get_usage

    def with_help(cls: Any) -> Callable[..., Any]:
        original = cls.get_help_option

        def get_help_option(self: Any, ctx: Any) -> Any:
            option = original(self, ctx)
            if option is not None:
                option.help = t("click_help_option", lang)
            return option
        return get_help_option

    try:
        for name, key in _RICH_TEXTS.items():
            setattr(rich_utils, name, t(key, lang))
        for cls in classes:
            cls.get_usage = with_usage(cls)
            cls.get_help_option = with_help(cls)
        yield
    finally:
        for name, value in saved.items():
            setattr(rich_utils, name, value)
        for cls in classes:
            for attr, kept in (("get_usage", usage[cls]), ("get_help_option", helps[cls])):
                if kept is None:
                    delattr(cls, attr)
                else:
                    setattr(cls, attr, kept)


#: Help texts of the commands and options: the catalogue's ``help_``/``meta_`` entries, set by
#: :func:`camau_gis.cli._help.localise` in the command's language (no ``help=`` here).
app = typer.Typer(
    name="camau-gis",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

@app.callback()
def _options(
    debug: bool = typer.Option(False, "--debug"),
    quiet: bool = typer.Option(False, "--quiet"),
) -> None:
    """Coverage of community public-security models across Cà Mau's communes."""
