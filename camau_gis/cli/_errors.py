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

_BUG = (
    "this is a bug in camau-gis, not a problem with your data; rerun the same command "
    "with --debug and send its output, with that of `camau-gis versions`, to the maintainers."
)


def paragraph(text: str) -> str:
    """Return ``text`` as one paragraph: stripped lines, no blank lines."""
    lines = [ln.rstrip() for ln in str(text).strip().splitlines()]
    return "\n".join(ln for ln in lines if ln.strip()) or "(no message)"


def describe(exc: BaseException) -> tuple[int, str]:
    """Return ``(exit status, "error: …" paragraph)`` for an exception that ended a command.

    Parameters
    ----------
    exc : BaseException
        The exception, as caught by :func:`camau_gis.cli.main`.

    Returns
    -------
    tuple of (int, str)
        Exit status (see :mod:`camau_gis.errors`) and the message to print.
    """
    if isinstance(exc, CamauGisError):
        return exit_code(exc), "error: " + paragraph(str(exc))
    if isinstance(exc, _click_classes("NoArgsIsHelpError")):
        return EXIT_USAGE, ""  # the help was printed: nothing to add
    if isinstance(exc, _click_classes("UsageError")):
        ctx = getattr(exc, "ctx", None)
        where = f"`{ctx.command_path} --help`" if ctx else "`camau-gis --help`"
        what = _click_message(exc).rstrip(". ")
        return EXIT_USAGE, "error: " + paragraph(f"{what}; see {where}.")
    if isinstance(exc, _click_classes("FileError")):  # a path option that cannot be opened
        return EXIT_INPUT, "error: " + paragraph(_click_message(exc))
    if isinstance(exc, _click_classes("ClickException")):  # status 1 is kept for bugs
        return EXIT_USAGE, "error: " + paragraph(_click_message(exc))
    if isinstance(exc, OSError):
        return _os_error(exc)
    if isinstance(exc, MemoryError):
        return EXIT_INPUT, (
            "error: out of memory while reading the input; the file is too large for this "
            "computer. Split the register or boundary file, or run on a machine with more memory."
        )
    if isinstance(exc, UnicodeError):
        return EXIT_INPUT, "error: " + paragraph(
            f"a file is not in the text encoding expected ({exc}); save registers as .xlsx or CSV "
            "UTF-8, and give a Shapefile's encoding with --encoding (cp1258, tcvn3, vni)."
        )
    module = type(exc).__module__.split(".")[0]
    if type(exc).__name__ == "IllegalCharacterError":  # openpyxl, while writing a cell
        return EXIT_INVALID, "error: " + paragraph(
            f"a text holds control characters that an Excel cell cannot store ({exc}); "
            "remove them from the register."
        )
    if module in _PARSER_MODULES:
        return EXIT_INPUT, "error: " + paragraph(
            f"an input file cannot be parsed ({type(exc).__name__}: {exc}); check that each "
            "input is the kind of file its option expects (run `camau-gis boundaries inspect` "
            "or `camau-gis register check` on it). If the file opens in its usual program, "
            + _BUG
        )
    return EXIT_INTERNAL, "error: " + paragraph(
        f"internal error ({type(exc).__name__}: {exc}); {_BUG}"
    )


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
        return EXIT_OUTPUT, "error: " + paragraph(
            f"{where}cannot write ({what}); free disk space or choose another output folder "
            "with --out."
        )
    if isinstance(exc, PermissionError):
        if name and os.path.exists(name) and not os.access(name, os.R_OK):
            return EXIT_INPUT, "error: " + paragraph(
                f"{where}no permission to read it; copy the file somewhere you can read, "
                "or ask its owner for access."
            )
        return EXIT_OUTPUT, "error: " + paragraph(
            f"{where}no permission to write it; choose an output folder you can write to "
            "with --out, or close the file if a program (Excel, QGIS) holds it open."
        )
    if isinstance(exc, FileNotFoundError):
        return EXIT_INPUT, "error: " + paragraph(f"{where}no such file or folder; check the path.")
    if isinstance(exc, IsADirectoryError):
        return EXIT_INPUT, "error: " + paragraph(f"{where}is a folder; give a file.")
    if isinstance(exc, NotADirectoryError):
        return EXIT_INPUT, "error: " + paragraph(
            f"{where}a part of the path is a file, not a folder; check the path."
        )
    return EXIT_INPUT, "error: " + paragraph(
        f"{where}cannot be read ({what}); check the path and the disk or network share."
    )
