"""Exceptions raised by camau-gis, and the policy for when each is raised.

Every exception subclasses a built-in so callers may catch either. Messages
say *what* and *where* (file, sheet, row, column, value), what was expected,
then the fix. The CLI prints ``str(exc)`` on one line and exits with status 2
(bad input) or 1 (anything else); it never shows a traceback for these.

=====================  ==============================================
exception              raised when
=====================  ==============================================
``CamauGisError``      base class; never raised directly
``BoundaryError``      a boundary file cannot be read or understood
``DownloadError``      a download fails or its checksum is wrong
``RegisterError``      a register file is unreadable or invalid
``SchemaError``        a required column is missing (boundary or register)
``CrosswalkError``     a join across administrative vintages is attempted
``OptionError``        an option value is not supported (language, scheme…)
=====================  ==============================================
"""

from __future__ import annotations


class CamauGisError(Exception):
    """Base class of every error camau-gis raises on purpose."""


class BoundaryError(CamauGisError, RuntimeError):
    """A boundary file cannot be read, selected or coded."""


class DownloadError(CamauGisError, OSError):
    """A download failed or did not match its pinned checksum."""


class SchemaError(CamauGisError, KeyError):
    """A required column is missing; the message lists the columns seen."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class RegisterError(CamauGisError, ValueError):
    """A register is unreadable or fails validation.

    Parameters
    ----------
    message : str
        Summary line.
    problems : list of str, optional
        One line per problem found; all problems are collected before raising.
    """

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        self.problems = list(problems or [])
        full = message
        if self.problems:
            full += "\n" + "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(full)


class CrosswalkError(CamauGisError, ValueError):
    """Codes or names of different administrative vintages were joined directly."""


class OptionError(CamauGisError, ValueError):
    """An option value is not supported; the message lists the accepted values."""
