"""Turn any exception ending a command into an exit status and one paragraph of text.

Errors of :mod:`camau_gis.errors` carry their status (``exit_code``) and a
message that already says what, where and what to do. Other exceptions that
user input can provoke - a missing file, a file without read permission, a
full disk, text in an unexpected encoding, too little memory, a parser's
error (pandas, pyogrio, openpyxl, zipfile) - are mapped here, with the path
involved when the exception knows it. Anything else is a bug: status 1 and
a request to rerun with ``--debug`` and report it.
"""

from __future__ import annotations

import errno
import os

from ..errors import (
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_INVALID,
    EXIT_OUTPUT,
    EXIT_USAGE,
    CamauGisError,
    exit_code,
    is_disk_full,
)

#: errno values that mean "cannot write here" whatever the operation.
_WRITE_ERRNOS = {
    errno.ENOSPC,  # disk full
    errno.EROFS,  # read-only file system
    errno.EFBIG,  # file too large
    getattr(errno, "EDQUOT", errno.ENOSPC),  # quota exceeded
}

#: Modules whose exceptions mean "this input file cannot be parsed".
_PARSER_MODULES = ("pandas", "pyogrio", "fiona", "openpyxl", "zipfile", "csv", "rdata", "xml")

def _t(key: str, **values: object) -> str:
    """Text ``err_<key>`` of :mod:`camau_gis.i18n` in the command's language, filled in."""
    from ..i18n import t

    return t(f"err_{key}", None).format(**values)


def prefixed(text: str) -> str:
    """``"lỗi: …"`` (``"error: …"`` with ``--lang en``): ``text`` as one paragraph."""
    return _t("prefix") + paragraph(text)


def paragraph(text: str) -> str:
    """Return ``text`` as one paragraph: stripped lines, no blank lines."""
    lines = [ln.rstrip() for ln in str(text).strip().splitlines()]
    return "\n".join(ln for ln in lines if ln.strip()) or _t("no_message")


def describe(exc: BaseException) -> tuple[int, str]:
    """Return ``(exit status, "lỗi: …" paragraph)`` for an exception that ended a command.

    Parameters
    ----------
    exc : BaseException
        The exception, as caught by :func:`camau_gis.cli.main`.

    Returns
    -------
    tuple of (int, str)
        Exit status (see :mod:`camau_gis.errors`) and the message to print,
        in the language of the command's ``--lang``.
    """
    if isinstance(exc, CamauGisError):
        return exit_code(exc), prefixed(str(exc))
    if isinstance(exc, _click_classes("NoArgsIsHelpError")):
        return EXIT_USAGE, ""  # the help was printed: nothing to add
    if isinstance(exc, _click_classes("BadParameter")) and "is not readable" in _click_message(
            exc):  # a path option's file exists but cannot be read: an input
        return EXIT_INPUT, prefixed(_t("unreadable", what=click_text(_click_message(exc)).rstrip(". ")))
    if isinstance(exc, _click_classes("UsageError")):
        ctx = getattr(exc, "ctx", None)
        where = f"`{ctx.command_path} --help`" if ctx else "`camau-gis --help`"
        what = click_text(_click_message(exc)).rstrip(". ")
        return EXIT_USAGE, prefixed(_t("usage", what=what, where=where))
    if isinstance(exc, _click_classes("FileError")):  # a path option that cannot be opened
        return EXIT_INPUT, prefixed(click_text(_click_message(exc)))
    if isinstance(exc, _click_classes("ClickException")):  # status 1 is kept for bugs
        return EXIT_USAGE, prefixed(click_text(_click_message(exc)))
    if is_disk_full(exc):  # GDAL's "database or disk is full" is not a parser error
        name = getattr(exc, "filename", None)
        return EXIT_OUTPUT, prefixed(
            _t("disk_full", where=f"{name}: " if name else "", exc=exc))
    if isinstance(exc, OSError):
        return _os_error(exc)
    if isinstance(exc, MemoryError):
        return EXIT_INPUT, prefixed(_t("memory"))
    if isinstance(exc, UnicodeError):
        return EXIT_INPUT, prefixed(_t("encoding", exc=exc))
    module = type(exc).__module__.split(".")[0]
    if type(exc).__name__ == "IllegalCharacterError":  # openpyxl, while writing a cell
        return EXIT_INVALID, prefixed(_t("control_chars", exc=exc))
    if module in _PARSER_MODULES:
        return EXIT_INPUT, prefixed(
            _t("parser", kind=type(exc).__name__, exc=exc) + " " + _t("bug"))
    return EXIT_INTERNAL, prefixed(_t("internal", kind=type(exc).__name__, exc=exc) + _t("bug"))


#: click's (typer's vendored click) and pydantic's English usage messages, by pattern, and the
#: catalogue text (``click_*`` in :mod:`camau_gis.i18n`) each one is shown as; named groups fill
#: it in, ``inner`` is translated again. A message no pattern matches is shown as click wrote it.
CLICK_TEXTS: tuple[tuple[str, str], ...] = (
    (r"No such option: (?P<name>\S+) \(Possible options: (?P<options>.*)\)", "click_no_option_hint"),
    (r"No such option: (?P<name>\S+)", "click_no_option"),
    (r"No such command '(?P<name>.*)'\.?", "click_no_command"),
    (r"Missing command\.?", "click_missing_command"),
    (r"Missing argument (?P<name>'.*')\.?", "click_missing_argument"),
    (r"Missing option (?P<name>'.*')\.?", "click_missing_option"),
    (r"Missing parameter: (?P<name>.*)", "click_missing_parameter"),
    (r"Option (?P<name>'[^']*') requires an argument\.?", "click_needs_argument"),
    (r"Option (?P<name>'[^']*') requires (?P<n>\d+) arguments\.?", "click_needs_arguments"),
    (r"Option (?P<name>'[^']*') does not take a value\.?", "click_takes_no_value"),
    (r"Argument (?P<name>'[^']*') takes (?P<n>\d+) values\.?", "click_argument_values"),
    (r"Got unexpected extra arguments? \((?P<args>.*)\)", "click_extra_arguments"),
    (r"Invalid value for (?P<name>.*?): (?P<inner>.*)", "click_invalid_for"),
    (r"Invalid value: (?P<inner>.*)", "click_invalid"),
    (r"Input should be a valid integer(?P<rest>.*)", "click_not_integer"),
    (r"Input should be a valid number(?P<rest>.*)", "click_not_number"),
    (r"Input should be a valid boolean(?P<rest>.*)", "click_not_boolean"),
    (r"Input should be greater than or equal to (?P<n>\S+?)\.?", "click_at_least"),
    (r"Input should be less than or equal to (?P<n>\S+?)\.?", "click_at_most"),
    (r"Input should be greater than (?P<n>\S+?)\.?", "click_above"),
    (r"Input should be less than (?P<n>\S+?)\.?", "click_below"),
    (r"Value (?P<value>'.*') is not a valid (?P<kind>\w+)\.?", "click_not_valid"),
    (r"(?P<value>'.*') is not one of (?P<choices>.*?)\.?", "click_not_one_of"),
    (r"(?P<label>File|Directory|Path) (?P<path>'.*') does not exist\.?", "click_path_missing"),
    (r"(?P<label>File|Directory|Path) (?P<path>'.*') is a file\.?", "click_path_is_file"),
    (r"(?P<label>File|Directory|Path) (?P<path>'.*') is a directory\.?", "click_path_is_folder"),
    (r"(?P<label>File|Directory|Path) (?P<path>'.*') is not writable\.?", "click_path_not_writable"),
    (r"(?P<label>File|Directory|Path) (?P<path>'.*') is not readable\.?", "click_path_not_readable"),
    (r"Could not open file (?P<path>'.*'): (?P<reason>.*)", "click_cannot_open"),
)


def click_text(message: str) -> str:
    """Return click's English usage ``message`` in the command's language (see :data:`CLICK_TEXTS`).

    >>> click_text("No such option: --nope")  # doctest: +SKIP
    'không có tùy chọn --nope'
    """
    import re

    from ..i18n import t

    text = str(message).strip()
    for pattern, key in CLICK_TEXTS:
        match = re.fullmatch(pattern, text, flags=re.DOTALL)
        if match is None:
            continue
        values = {k: v for k, v in match.groupdict().items() if v is not None}
        if "inner" in values:
            values["inner"] = click_text(values["inner"])
        if "label" in values:
            values["label"] = t(f"click_label_{values['label'].lower()}", None)
        return t(key, None).format(**values)
    return text


def _click_message(exc: BaseException) -> str:
    """Return a click exception's ``format_message()``, else ``str(exc)``."""
    fmt = getattr(exc, "format_message", None)
    return str(fmt()) if callable(fmt) else str(exc)


def _click_classes(name: str) -> tuple[type, ...]:
    """``name`` from click and from typer's vendored copy of click (typer >= 0.20)."""
    found = []
    for module in ("click.exceptions", "typer._click.exceptions"):
        try:
            found.append(getattr(__import__(module, fromlist=[name]), name))
        except (ImportError, AttributeError):
            continue
    return tuple(found)


def _os_error(exc: OSError) -> tuple[int, str]:
    """Status and message for an ``OSError`` that escaped a command."""
    name = exc.filename if exc.filename is not None else ""
    from ..i18n import os_reason

    what = os_reason(exc, None) if exc.strerror else str(exc) or type(exc).__name__
    where = f"{name}: " if name else ""
    if exc.errno in _WRITE_ERRNOS:
        return EXIT_OUTPUT, prefixed(_t("cannot_write", where=where, what=what))
    if isinstance(exc, PermissionError):
        if name and os.path.exists(name) and not os.access(name, os.R_OK):
            return EXIT_INPUT, prefixed(_t("no_read", where=where))
        return EXIT_OUTPUT, prefixed(_t("no_write", where=where))
    if isinstance(exc, FileNotFoundError):
        return EXIT_INPUT, prefixed(_t("not_found", where=where))
    if isinstance(exc, IsADirectoryError):
        return EXIT_INPUT, prefixed(_t("is_folder", where=where))
    if isinstance(exc, NotADirectoryError):
        return EXIT_INPUT, prefixed(_t("not_folder", where=where))
    return EXIT_INPUT, prefixed(_t("cannot_read", where=where, what=what))
