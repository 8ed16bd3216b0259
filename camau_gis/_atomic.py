"""Safe output: atomic files, per-run staging, a lock for the final move, confined names.

Three layers keep a user's output folder consistent:

* :func:`atomic_path` - one file is written to a temporary name in its own
  folder and renamed into place, so nobody ever sees half a file;
* :func:`staging` / :func:`staged` - a command that writes several files
  writes them all into a hidden per-run folder inside the output folder
  (same file system), then moves them into place under a lock
  (:func:`output_lock`, :func:`commit`). If the run fails, the staging
  folder is removed and the previous outputs are untouched; if a move fails,
  the files already moved are put back; two runs into one folder never leave
  a mix of both (the last run to reach the move wins, as a whole). A
  manifest can list a run's files so the next run removes the ones it no
  longer writes;
* :func:`safe_name` / :func:`safe_child` - file names derived from data (a
  district, a commune) cannot leave the output folder.

Nothing here imports a heavy library.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from . import _commit
from ._inputs import check_overlap, guard_inputs, note_input, protecting_inputs
from .errors import OutputError
from .i18n import Msg, OsReason, os_reason

__all__ = ["atomic_path", "check_overlap", "commit", "guard_inputs", "note_input",
           "protecting_inputs", "recover", "safe_child", "safe_name", "staged", "staging",
           "write_bytes", "write_text"]

#: Prefix of the hidden per-run staging folders inside an output folder.
STAGING_PREFIX = ".camau-gis-staging-"

#: Name of the lock file taken while a run moves its outputs into place
#: (removed again before the lock is released).
LOCK_NAME = ".camau-gis.lock"

#: Seconds a run waits for another run's final move before giving up.
LOCK_TIMEOUT = 600.0

#: Longest file name written, in UTF-8 bytes (most file systems allow 255).
MAX_NAME_BYTES = 200

_F = TypeVar("_F", bound=Callable[..., Any])

_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\<>:"|?*]')
_WINDOWS_DEVICES = frozenset(
    ["CON", "PRN", "AUX", "NUL"] + [f"{p}{i}" for p in ("COM", "LPT") for i in range(1, 10)]
)


def _output_error(action: str, path: Path, exc: OSError, option: str = "--out") -> OutputError:
    """Return the error of ``action`` (``write``, ``replace``, ``lock``, ``folder``) on ``path``."""
    reason = OsReason(exc)
    if isinstance(exc, (FileExistsError, NotADirectoryError)):
        blocker = next((p for p in (path, *path.parents) if p.is_file()), None)
        if blocker is not None:  # a file stands where a folder is needed
            return OutputError(Msg("out_blocked", path=path, action=Msg(f"out_act_{action}"),
                                   blocker=blocker, option=option))
    return OutputError(Msg("out_cannot", path=path, action=Msg(f"out_act_{action}"),
                           reason=reason, option=option))


def _final(path: Path) -> Path:
    """``path`` as it will be named in the output folder (without its staging folder)."""
    return Path(*[p for p in path.parts if not p.startswith(STAGING_PREFIX)])


def _reason(exc: BaseException) -> str:
    text = os_reason(exc) if getattr(exc, "strerror", None) else str(exc) or type(exc).__name__
    return " ".join(str(text).split())[:200]


# -- names ------------------------------------------------------------------------------


def safe_name(name: str, *, max_bytes: int = MAX_NAME_BYTES) -> str:
    """Turn ``name`` into a plain file name that stays in its folder.

    Path separators, NUL and other control characters, and characters
    Windows refuses (``<>:"|?*``) become ``_``; leading dots and spaces are
    dropped (no ``..``, no hidden files), Windows device names get a ``_``
    prefix and the name is cut to ``max_bytes`` UTF-8 bytes, keeping its
    extension. Text is NFC-normalised; Vietnamese letters are kept.

    Parameters
    ----------
    name : str
        Proposed file name, possibly taken from data.
    max_bytes : int
        Longest result in UTF-8 bytes.

    Returns
    -------
    str
        A non-empty name without separators; ``safe_name(s) == s`` for names
        that were already safe.
    """
    text = _UNSAFE.sub("_", unicodedata.normalize("NFC", str(name)))
    text = text.lstrip(". ").rstrip(". ") or "_"
    if text.split(".")[0].upper() in _WINDOWS_DEVICES:
        text = "_" + text
    if len(text.encode("utf-8")) > max_bytes:
        stem, dot, ext = text.rpartition(".")
        if not dot or len(ext.encode("utf-8")) > 16:
            stem, ext = text, ""
        ext = f".{ext}" if ext else ""
        budget = max_bytes - len(ext.encode("utf-8"))
        stem = stem.encode("utf-8")[:budget].decode("utf-8", "ignore").rstrip(". ") or "_"
        text = stem + ext
    return text


def safe_child(out_dir: str | Path, name: str) -> Path:
    """Return ``out_dir / safe_name(name)``: a path that cannot leave ``out_dir``.

    Parameters
    ----------
    out_dir : str or Path
        Output folder.
    name : str
        File name, possibly taken from data (``"../../x"``, ``"/etc/x"``,
        names with NUL are made harmless, see :func:`safe_name`).

    Returns
    -------
    Path
        A direct child of ``out_dir``.

    Raises
    ------
    OutputError
        If the name cannot be made safe (never expected; a last check).
    """
    out = Path(out_dir)
    child = out / safe_name(name)
    if child.parent != out or child.name in ("", ".", ".."):  # pragma: no cover - defensive
        raise OutputError(Msg("out_not_inside", name=repr(name), out=out))
    return child


def _check_control_chars(path: Path) -> None:
    """Refuse an output path holding a tab, newline or other control character.

    GDAL drops them from file names, so a GeoPackage would be written (or
    fail) elsewhere than the folder chosen; such names are mostly pasting accidents.
    """
    bad = sorted({f"U+{ord(c):04X}" for c in str(path) if ord(c) < 32 or ord(c) == 127})
    if bad:
        raise OutputError(Msg("out_control_chars", path=repr(str(path)), chars=", ".join(bad)))


# -- single files ------------------------------------------------------------------------


@contextlib.contextmanager
def atomic_path(
    path: str | Path, suffix: str | None = None, *, option: str = "--out"
) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; on success it replaces ``path``.

    Parameters
    ----------
    path : str or Path
        Final destination. Its folder is created if missing.
    suffix : str, optional
        Suffix of the temporary file (drivers that pick the format from the
        extension need it); default: ``path``'s own suffix.
    option : str
        Command-line option that chose ``path``, named in error messages.

    Raises
    ------
    OutputError
        If the folder cannot be created or written to.

    Notes
    -----
    On an exception the temporary file is removed and ``path`` is untouched,
    so a reader never sees a half-written map or table.
    """
    path = Path(path)
    _check_control_chars(path)
    in_stage = is_staging(path)
    if not in_stage:
        recover(path.parent)  # a killed run's half-done commit first
        check_overlap(path, option=option)
    missing = [p for p in (path.parent, *path.parent.parents) if not p.exists()]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(
            prefix=f".{path.stem}.", suffix=suffix if suffix is not None else path.suffix,
            dir=path.parent,
        )
    except OSError as exc:  # no permission, a file in the way, read-only file system, disk full
        raise _output_error("write", path.parent, exc, option) from exc
    os.close(fd)
    os.unlink(tmp)  # let the writer create it (GDAL refuses to overwrite some formats)
    tmp_path = Path(tmp)
    try:
        try:
            yield tmp_path
        except Exception as exc:  # a writer (GDAL, openpyxl, matplotlib) on a full disk
            from .errors import CamauGisError, is_disk_full

            if is_disk_full(exc) and not isinstance(exc, CamauGisError):
                raise OutputError(Msg("out_disk_full", path=_final(path), reason=_reason(exc),
                                      option=option)) from exc
            raise
        try:
            os.replace(tmp_path, path)
        except OSError as exc:
            raise _output_error("replace", path, exc, option) from exc
        if in_stage:
            _commit.written_to_stage()  # test hook: a signal while outputs are written
    except BaseException:
        with contextlib.suppress(OSError):
            tmp_path.unlink()
        for folder in missing:  # the folders this call created, if still empty
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    finally:
        with contextlib.suppress(OSError):
            tmp_path.unlink()


def write_text(path: str | Path, text: str) -> Path:
    """Write UTF-8 text atomically and return the path."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(path)


def write_bytes(path: str | Path, data: bytes) -> Path:
    """Write bytes atomically and return the path."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)


# -- several files: staging and lock -----------------------------------------------------


def is_staging(path: str | Path) -> bool:
    """Whether ``path`` lies in a staging folder (its writers then write directly)."""
    return any(part.startswith(STAGING_PREFIX) for part in Path(path).parts)


@contextlib.contextmanager
def output_lock(out_dir: str | Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the output folder's lock (``filelock``) while moving files into it.

    The lock file is removed before the lock is released, so no file stays
    behind; a waiting run notices the removal and takes a fresh lock.

    Raises
    ------
    OutputError
        If the lock cannot be taken within ``timeout`` seconds, or the folder
        refuses the lock file.
    """
    import filelock

    path = Path(out_dir) / LOCK_NAME
    lock = filelock.FileLock(path, timeout=timeout)
    try:
        lock.acquire()
    except filelock.Timeout as exc:
        raise OutputError(Msg("out_locked", path=path, seconds=f"{timeout:.0f}")) from exc
    except OSError as exc:
        raise _output_error("lock", Path(out_dir), exc) from exc
    try:
        yield
    finally:
        if os.name != "nt":  # Windows removes it on release
            with contextlib.suppress(OSError):
                path.unlink()
        lock.release()


def _files(folder: Path) -> list[Path]:
    previous = folder / ".previous"
    return sorted(p for p in folder.rglob("*")
                  if (p.is_file() or p.is_symlink()) and previous not in p.parents)


def recover(out_dir: str | Path, lang: str | None = None) -> bool:
    """Finish a commit that a killed run left half done in ``out_dir``; True if there was one.

    Every command that writes into a folder calls this first (through
    :func:`staging` and :func:`atomic_path`); it costs one ``stat`` when
    there is nothing to do. See :mod:`camau_gis._commit`.
    """
    out = Path(out_dir)
    if not (out / _commit.JOURNAL_NAME).exists():
        return False
    with output_lock(out):
        return _commit.recover_locked(out, lang)


def commit(stage: str | Path, out_dir: str | Path, *, manifest: str | None = None) -> list[Path]:
    """Move every file of ``stage`` to the same relative place in ``out_dir``, under the lock.

    Each file replaces its namesake by a rename (same file system). The
    files being replaced are kept (hard links) until every move has
    succeeded; a journal written before the first rename lets a run killed
    in the middle be completed by the next one, and SIGINT/SIGTERM/SIGHUP
    wait until the renames are done (:mod:`camau_gis._commit`). If a move
    fails, the files already moved are put back, so ``out_dir`` holds either
    the whole new set or the previous files. With ``manifest`` (see
    :func:`staging`), the files listed in the previous manifest, absent from
    this run and unchanged since (same SHA-256) are removed too.

    Returns
    -------
    list of Path
        The destination paths.

    Raises
    ------
    OutputError
        If a file cannot be moved into place (the previous files are restored).
    """
    stage, out = Path(stage), Path(out_dir)
    files = _files(stage)
    previous = stage / ".previous"  # inside the staging folder: removed with it
    with output_lock(out):
        _commit.recover_locked(out)  # a killed run's commit first
        _commit.fault("commit")
        moves: list[dict[str, Any]] = []
        try:
            for src in files:
                rel = src.relative_to(stage)
                dest = out / rel
                kept = os.path.lexists(dest) and not dest.is_dir()
                if kept:
                    _keep(dest, previous / rel)
                moves.append({"rel": rel.as_posix(), "previous": kept})
            new = {str(m["rel"]) for m in moves}
            check_overlap([out / name for name in new])  # before anything is moved
            prunes = {name: h for name, h in _previous_files(out, manifest).items()
                      if name not in new and not _is_input(out / name)}
            for name in prunes:
                _keep(out / name, previous / name)
        except OSError as exc:
            raise _commit_error(out, out, exc) from exc
        journal = {"moves": moves, "prunes": prunes}
        with _commit.deferred_signals():
            try:
                _commit.write_journal(out, stage, moves, prunes)
                _commit.fault("journal")
                _commit.apply(out, stage, journal)
            except BaseException as exc:
                _commit.rollback(out, stage, journal)
                with contextlib.suppress(OSError):
                    (out / _commit.JOURNAL_NAME).unlink()
                if isinstance(exc, OSError) and not isinstance(exc, OutputError):
                    raise _commit_error(out, Path(exc.filename or out), exc) from exc
                raise
            _commit.finish(out)
    return [out / m["rel"] for m in moves]


def _is_input(path: Path) -> bool:
    from .errors import OptionError

    try:
        check_overlap(path)
    except OptionError:
        return True  # a former output now read as an input: never removed
    return False


def _commit_error(out: Path, dest: Path, exc: OSError) -> OutputError:
    return OutputError(Msg("out_commit", dest=dest, reason=OsReason(exc), out=out))


def write_manifest(stage: Path, manifest: str) -> None:
    """List the staged files and their SHA-256 in ``stage/manifest`` (see :func:`staging`)."""
    names = sorted(p.relative_to(stage).as_posix() for p in _files(stage))
    hashes = {name: _commit.sha256(stage / name) for name in names}
    (stage / manifest).write_text(
        json.dumps({"files": names, "sha256": hashes}, ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8")


def _previous_files(out: Path, manifest: str | None) -> dict[str, str]:
    """Files the previous manifest in ``out`` lists with a hash they still have: name -> hash.

    A file changed since (edited by hand), a name the manifest lists without
    a hash (a hand-edited or older manifest), a path outside ``out``, a
    symbolic link: none of them is ever returned, so none is removed.
    """
    if not manifest:
        return {}
    old = out / manifest
    try:
        hashes = json.loads(old.read_text(encoding="utf-8")).get("sha256", {})
    except (OSError, ValueError, AttributeError):
        return {}  # missing or unreadable: remove nothing
    found = {}
    for name, digest in hashes.items() if isinstance(hashes, dict) else ():
        rel = Path(str(name))
        if rel.is_absolute() or not rel.parts or any(p in ("", ".", "..") for p in rel.parts):
            continue  # only plain relative names inside ``out``
        path = out / rel
        if (path.is_file() and not path.is_symlink() and not is_staging(rel)
                and rel.name not in (manifest, _commit.JOURNAL_NAME, LOCK_NAME)
                and _commit.sha256(path) == digest):
            found[rel.as_posix()] = str(digest)
    return found


def _keep(path: Path, keep: Path) -> None:
    """Keep ``path``'s current content at ``keep`` without touching ``path``."""
    keep.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(path, keep, follow_symlinks=False)
    except OSError:  # no hard links here (FAT, some network shares)
        shutil.copy2(path, keep, follow_symlinks=False)


def _host() -> str:
    import hashlib
    import platform

    return hashlib.sha256(platform.node().encode()).hexdigest()[:8]


def _remove_dead_stagings(out: Path) -> None:
    """Remove staging folders left by killed runs of this machine (their process is gone)."""
    if os.name != "posix":  # os.kill(pid, 0) probes only on POSIX
        return
    for entry in out.glob(STAGING_PREFIX + "*"):
        pid, _, rest = entry.name[len(STAGING_PREFIX):].partition("-")
        if not pid.isdigit() or int(pid) == os.getpid() or not rest.startswith(_host() + "-"):
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(entry, ignore_errors=True)
        except (PermissionError, OSError):
            continue  # alive (another user) or unknown: leave it


@contextlib.contextmanager
def staging(out_dir: str | Path, *, manifest: str | None = None) -> Iterator[Path]:
    """Yield a hidden per-run folder inside ``out_dir``; on success its files move into ``out_dir``.

    Parameters
    ----------
    out_dir : str or Path
        Output folder (created if missing).
    manifest : str, optional
        Name of a hidden JSON file listing the run's files, kept in
        ``out_dir``: the files a previous run of the same kind listed there
        but this run did not write are removed with the move, so the folder
        never mixes two runs (a ``--compare`` table left from an earlier
        build, say). Files the tool did not list are never touched.

    Yields
    ------
    Path
        The staging folder: write every output of the run there, under the
        name it must have in ``out_dir``.

    Raises
    ------
    OutputError
        If ``out_dir`` cannot be created or written to.

    Notes
    -----
    On an exception the staging folder is removed, ``out_dir`` keeps its
    previous files (and is removed again if this call created it empty).
    Inside a staging folder (nested calls) the folder itself is yielded.
    """
    out = Path(out_dir)
    if is_staging(out):
        yield out
        return
    _check_control_chars(out)
    check_overlap(out)  # --out naming an input file (or a sidecar of one)
    created = not out.exists()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _output_error("folder", out, exc) from exc
    recover(out)  # a killed run's half-done commit first, before anything else
    try:
        _remove_dead_stagings(out)
        stage = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-{_host()}-", dir=out))
        _commit.new_stage()
    except OSError as exc:
        raise _output_error("folder", out, exc) from exc
    try:
        yield stage
        if manifest:
            write_manifest(stage, manifest)
        commit(stage, out, manifest=manifest)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        if created:
            with contextlib.suppress(OSError):
                out.rmdir()  # only if still empty
        raise
    shutil.rmtree(stage, ignore_errors=True)


def relocate(value: Any, stage: Path, out: Path) -> Any:
    """Map paths under ``stage`` in ``value`` (a path, dict, list or tuple) to ``out``."""
    if isinstance(value, Path):
        try:
            return out / value.relative_to(stage)
        except ValueError:
            return value
    if isinstance(value, dict):
        return {k: relocate(v, stage, out) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(relocate(v, stage, out) for v in value)
    return value


def staged(param: str = "out_dir", default: Callable[[], str | Path] | None = None
           ) -> Callable[[_F], _F]:
    """Decorate a writer of several files so one call writes them all or none.

    The decorated function is called with a staging folder in place of its
    output-folder argument ``param``; when it returns, its files move into the
    real folder under the lock (:func:`staging`) and the paths it returned
    are mapped to the real folder.

    Parameters
    ----------
    param : str
        Name of the output-folder parameter.
    default : callable, optional
        Returns the folder used when the argument is ``None``; without it a
        ``None`` folder is passed through unstaged.
    """
    def decorate(func: _F) -> _F:
        import inspect

        signature = inspect.signature(func)

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            folder = bound.arguments.get(param)
            if folder is None and default is not None:
                folder = default()
            if folder is None or is_staging(folder):
                return func(*bound.args, **bound.kwargs)
            out = Path(folder)
            with staging(out) as stage:
                bound.arguments[param] = stage
                result = func(*bound.args, **bound.kwargs)
            return relocate(result, stage, out)

        return wrapper  # type: ignore[return-value]

    return decorate
