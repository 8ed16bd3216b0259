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
        return EXIT_INPUT, prefixed(_t("unreadable", what=_click_message(exc).rstrip(". ")))
    if isinstance(exc, _click_classes("UsageError")):
        ctx = getattr(exc, "ctx", None)
        where = f"`{ctx.command_path} --help`" if ctx else "`camau-gis --help`"
        what = _click_message(exc).rstrip(". ")
        return EXIT_USAGE, prefixed(_t("usage", what=what, where=where))
    if isinstance(exc, _click_classes("FileError")):  # a path option that cannot be opened
        return EXIT_INPUT, prefixed(_click_message(exc))
    if isinstance(exc, _click_classes("ClickException")):  # status 1 is kept for bugs
        return EXIT_USAGE, prefixed(_click_message(exc))
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
    what = exc.strerror or str(exc) or type(exc).__name__
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
