"""Exceptions raised by camau-gis, their exit codes, and when each is raised.

Every exception subclasses a built-in so callers may catch either. Messages
say *what* and *where* (file, sheet, row, column, value), what was expected,
then the fix, as one paragraph. The CLI (:func:`camau_gis.cli.main`) prints
``error: <message>`` without a traceback (``--debug`` or
``CAMAU_GIS_DEBUG=1`` adds it) and exits with the class's :attr:`exit_code`:

====  =====================  ==================================================
code  exception              meaning
====  =====================  ==================================================
0                            success
1     (any other)            internal error: a bug; rerun with ``--debug`` and
                             report the traceback
2     ``OptionError``        bad arguments or options (also click's usage
                             errors: unknown option, missing argument)
3     ``InputError``         an input cannot be read: missing, unreadable,
      ``BoundaryError``      not the format it claims (boundary files,
      ``RegisterReadError``  register files, archives)
4     ``SchemaError``        the input was read but its data are invalid:
      ``RegisterError``      missing columns, rows failing validation,
      ``CrosswalkError``     joins across administrative vintages
5     ``OutputError``        an output cannot be written (permission, disk
                             full, read-only folder, path outside the output
                             folder)
6     ``DownloadError``      a download failed, timed out, was refused (plain
                             ``http://``) or did not match its checksum
129                          hang-up (SIGHUP: the terminal was closed)
130                          interrupted (Ctrl+C, SIGINT)
143                          terminated (SIGTERM: ``kill``, a service stop)
====  =====================  ==================================================

``camau-gis register check`` also exits 4 when the register was read but
some rows need attention (listed, and all in the match report).
``CamauGisError`` itself (raised directly by a few renderers) exits with 4;
an error raised from a ``DownloadError`` exits with 6 (:func:`exit_code`).
Built-in exceptions escaping a command are mapped by the CLI as well:
``FileNotFoundError``, ``UnicodeDecodeError``, ``MemoryError`` and the
parsers' errors (pandas, pyogrio, openpyxl, zipfile) to 3, write failures
(disk full, read-only file system, no permission to write) to 5.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

#: Exit status of the CLI per outcome; the classes below carry theirs as ``exit_code``.
EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_INVALID = 4
EXIT_OUTPUT = 5
EXIT_DOWNLOAD = 6
EXIT_INTERRUPTED = 130


class Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGHUP received: handled like Ctrl+C (clean up, exit ``128 + signal``).

    A ``KeyboardInterrupt`` subclass, so every clean-up that runs on Ctrl+C
    (staging folders removed, the lock released) runs for these too.
    """

    def __init__(self, signum: int) -> None:
        self.signum = int(signum)
        self.exit_code = 128 + self.signum
        super().__init__(f"signal {self.signum}")


class CamauGisError(Exception):
    """Base class of every error camau-gis raises on purpose."""

    #: Exit status of the CLI when this error ends a command.
    exit_code: int = EXIT_INVALID


class OptionError(CamauGisError, ValueError):
    """An option value is not supported; the message lists the accepted values."""

    exit_code = EXIT_USAGE


class InputError(CamauGisError, OSError):
    """An input file is missing, unreadable or not in the format it claims."""

    exit_code = EXIT_INPUT

    def __str__(self) -> str:  # OSError(errno, ...) would reformat the message
        return str(self.args[0]) if self.args else ""


class BoundaryError(CamauGisError, RuntimeError):
    """A boundary file cannot be read, selected or coded."""

    exit_code = EXIT_INPUT


class DownloadError(CamauGisError, OSError):
    """A download failed, timed out, was refused or did not match its pinned checksum."""

    exit_code = EXIT_DOWNLOAD

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class OutputError(CamauGisError, OSError):
    """An output cannot be written (permission, disk full, path outside the output folder)."""

    exit_code = EXIT_OUTPUT

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class SchemaError(CamauGisError, KeyError):
    """A required column is missing; the message lists the columns seen."""

    exit_code = EXIT_INVALID

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

    exit_code = EXIT_INVALID

    def __init__(self, message: str, problems: Sequence[str] | None = None) -> None:
        self.problems = list(problems or [])
        full = message
        if self.problems:
            full += "\n" + "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(full)


class RegisterReadError(RegisterError):
    """A register file cannot be opened or parsed (missing, corrupt, undecodable)."""

    exit_code = EXIT_INPUT


class CrosswalkError(CamauGisError, ValueError):
    """Codes or names of different administrative vintages were joined directly."""

    exit_code = EXIT_INVALID


class AssetError(CamauGisError, FileNotFoundError):
    """A web asset (Leaflet from XStatic-Leaflet, or a template) cannot be found."""


class MapOptionError(OptionError):
    """An option of :func:`camau_gis.render.html.build_map` is invalid (scheme, classes)."""


# --------------------------------------------------------------------------- warnings
class CodingWarning(UserWarning):
    """Some units could not be given a GSO code; they are kept with an empty code."""


class GeometryWarning(UserWarning):
    """Polygons were repaired, or the layer's position looks doubtful."""


class CrosswalkWarning(UserWarning):
    """Some 2019 units could not be carried to 2025 (uncoded or unknown codes)."""


class CacheWarning(UserWarning):
    """A cache could not be written; the run goes on without it (:mod:`camau_gis._caches`)."""


#: Words with which libraries (GDAL, SQLite, zipfile, matplotlib) report a full disk.
_DISK_FULL_TEXT = ("no space left on device", "disk is full", "disk full", "disk quota exceeded",
                   "file too large")


def is_disk_full(exc: BaseException) -> bool:
    """Whether ``exc`` (or an exception it was raised from) says the disk or quota is full.

    GDAL reports a full disk while writing a GeoPackage as its own error type
    with SQLite's "database or disk is full"; Python's writers raise
    ``OSError(ENOSPC)``. Both are an output problem (exit 5), never an input one.
    """
    import errno

    codes = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno in codes:
            return True
        if any(word in str(current).lower() for word in _DISK_FULL_TEXT):
            return True
        current = current.__cause__ or current.__context__
    return False


def exit_code(exc: BaseException) -> int:
    """Return the CLI exit status for one of our errors (1 for any other exception).

    An error raised *from* a :class:`DownloadError` (``raise BoundaryError(...)
    from exc``: "no boundaries yet and the download failed") exits 6: the
    download is what to fix.
    """
    if not isinstance(exc, CamauGisError):
        return EXIT_INTERNAL
    if isinstance(exc.__cause__, DownloadError):
        return EXIT_DOWNLOAD
    return int(exc.exit_code)


#: Makes a catalogue message (:class:`camau_gis.i18n.Msg`); set by :mod:`camau_gis.i18n` when
#: it loads. Modules below the catalogue (:mod:`camau_gis.settings`) reach it through
#: :func:`catalogue_message`, so their errors follow the language like every other.
_MESSAGE: Callable[..., str] | None = None


def catalogue_message(key: str, **values: object) -> str:
    """Return ``camau_gis.i18n.Msg(key, **values)`` for code that may not import the catalogue.

    Every command loads :mod:`camau_gis.i18n` before it runs; should it not be
    loaded yet, the key and values are the text.
    """
    if _MESSAGE is None:
        return f"{key}: " + ", ".join(f"{k}={v}" for k, v in values.items())
    return _MESSAGE(key, **values)
