"""The final move of a multi-file run: a journal, deferred signals, roll-forward after a crash.

:func:`camau_gis._atomic.commit` moves the files of a finished staging
folder into the output folder. This module makes that move impossible to
leave half done:

1. every staged file is complete and flushed to disk (``fsync``) and the
   files it replaces are kept as hard links inside the staging folder;
2. a **journal** (:data:`JOURNAL_NAME`, in the output folder) listing every
   rename and every stale file to remove is written atomically *before the
   first rename*: from then on the run is decided;
3. ``SIGINT``, ``SIGTERM`` and ``SIGHUP`` are **deferred** while the renames
   run (:func:`deferred_signals`): a Ctrl+C there lets the commit finish and
   is acted on right after it;
4. the journal is removed after the last rename: the commit is complete.

A run killed while the journal exists (``SIGKILL``, power loss) is **rolled
forward** by the next run that touches the folder, under the folder's lock,
before it does anything else (:func:`recover`): the renames still missing
are done, from the complete staged files, and a warning says so
("lần chạy trước bị ngắt giữa chừng: đã hoàn tất"). If a rename fails in a
live run (a file held open by another program), the renames already done
are undone from the kept copies (:func:`rollback`).

A reader looking at the folder *during* the commit (a few milliseconds) or
after a ``SIGKILL`` in it, before the next run, can see some new files among
old ones; the journal says so.

Test hook: ``CAMAU_GIS_FAULT=PHASE[:K]=SIGNAL`` (:func:`camau_gis.settings.fault_injection`)
sends SIGNAL to the process itself at a phase of the commit (:func:`fault`).

Nothing here imports a heavy library.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

#: Journal of a commit in progress, in the output folder (removed when the commit is done).
JOURNAL_NAME = ".camau-gis-commit.json"

#: Signals deferred while the renames of a commit run (those that exist on this platform).
DEFERRED_SIGNALS: tuple[int, ...] = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)

_write_count = 0  # files written into the current staging folder (for the "write" hook)


def fault(phase: str, k: int | None = None) -> None:
    """Test hook: send the configured signal to this process at ``phase`` (number ``k``).

    Phases, in order: ``write`` (a file written into a staging folder, k = 0,
    1, …), ``commit`` (lock taken, nothing moved), ``journal`` (journal
    written, before the first rename), ``rename`` (after rename k),
    ``prune`` (stale files removed), ``done`` (journal removed, staging
    folder not yet). Does nothing unless ``CAMAU_GIS_FAULT`` is set.
    """
    from . import settings

    point = settings.fault_injection()
    if point is None:
        return
    want_phase, want_k, signum = point
    if want_phase == phase and (want_k is None or want_k == k):
        os.kill(os.getpid(), signum)


def new_stage() -> None:
    """Restart the ``write`` hook's count: a new staging folder was created."""
    global _write_count
    _write_count = 0


def written_to_stage() -> None:
    """Count one file written into a staging folder and fire the ``write`` hook."""
    global _write_count
    k = _write_count
    _write_count += 1
    fault("write", k)


@contextlib.contextmanager
def deferred_signals() -> Iterator[None]:
    """Hold back SIGINT, SIGTERM and SIGHUP for the duration; deliver them afterwards.

    Each signal received meanwhile is raised again, once, after the block
    (with the handlers that were in place before), so a Ctrl+C still ends
    the command, just after the commit. Outside the main thread (where
    Python cannot set handlers) the block runs unprotected.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []
    old: dict[int, Any] = {}
    for signum in DEFERRED_SIGNALS:
        old[signum] = signal.signal(signum, lambda s, _f: pending.append(s))
    try:
        yield
    finally:
        for signum, handler in old.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
        for signum in dict.fromkeys(pending):
            signal.raise_signal(signum)


def sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fsync(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_journal(out: Path, stage: Path, moves: list[dict[str, Any]],
                  prunes: dict[str, str]) -> Path:
    """Flush the staged files, then write the journal atomically (the decision point).

    Parameters
    ----------
    out, stage : Path
        Output and staging folders (the staging folder is a child of ``out``).
    moves : list of dict
        ``{"rel": name, "previous": bool}`` per staged file, in rename order;
        ``previous`` says whether a file it replaces is kept in
        ``stage/.previous``.
    prunes : dict
        Stale file name -> SHA-256 it must still have to be removed.
    """
    for move in moves:
        _fsync(stage / move["rel"])
    journal = out / JOURNAL_NAME
    tmp = out / (JOURNAL_NAME + f".{os.getpid()}.tmp")
    data = {"stage": stage.name, "moves": moves, "prunes": prunes}
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, journal)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()  # only left when the journal could not be written (a full disk)
    if os.name == "posix":
        _fsync(out)
    return journal


def apply(out: Path, stage: Path, journal: dict[str, Any]) -> int:
    """Do the renames and removals of ``journal`` not done yet; return how many were done.

    Idempotent: a staged file already moved is skipped, so a run killed at
    any rename is completed by calling this again.
    """
    done = 0
    for k, move in enumerate(journal["moves"]):
        src, dest = stage / move["rel"], out / move["rel"]
        if os.path.lexists(src):
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(src, dest)
            done += 1
        fault("rename", k)
    for rel, digest in journal["prunes"].items():
        path = out / rel
        if path.is_file() and not path.is_symlink() and sha256(path) == digest:
            path.unlink()  # only a file this project wrote, unchanged since
            done += 1
    fault("prune")
    return done


def rollback(out: Path, stage: Path, journal: dict[str, Any]) -> None:
    """Undo the renames of ``journal`` already done, from the copies kept in ``stage/.previous``."""
    previous = stage / ".previous"
    for rel in journal["prunes"]:
        path, keep = out / rel, previous / rel
        if not os.path.lexists(path) and os.path.lexists(keep):
            with contextlib.suppress(OSError):
                os.replace(keep, path)
    for move in reversed(journal["moves"]):
        src, dest, keep = stage / move["rel"], out / move["rel"], previous / move["rel"]
        if os.path.lexists(src):
            continue  # never moved
        with contextlib.suppress(OSError):
            if move["previous"] and os.path.lexists(keep):
                os.replace(keep, dest)
            else:
                dest.unlink()


def finish(out: Path) -> None:
    """Remove the journal: the commit is complete."""
    (out / JOURNAL_NAME).unlink()
    if os.name == "posix":
        _fsync(out)
    fault("done")


def _read_journal(out: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((out / JOURNAL_NAME).read_text(encoding="utf-8"))
        moves = [{"rel": str(m["rel"]), "previous": bool(m["previous"])} for m in data["moves"]]
        prunes = {str(k): str(v) for k, v in dict(data["prunes"]).items()}
        stage = str(data["stage"])
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return {"stage": "", "moves": [], "prunes": {}}  # unreadable: nothing safe to redo
    names = [str(m["rel"]) for m in moves] + list(prunes)
    if "/" in stage or stage in ("", ".", "..") or any(
            Path(n).is_absolute() or ".." in Path(n).parts for n in names):
        return {"stage": "", "moves": [], "prunes": {}}  # not ours: touch nothing
    return {"stage": stage, "moves": moves, "prunes": prunes}


def recover_locked(out: Path, lang: str | None = None) -> bool:
    """Complete a commit a killed run left in ``out`` (caller holds the lock); True if one was."""
    journal = _read_journal(out)
    if journal is None:
        return False
    stage = out / journal["stage"] if journal["stage"] else None
    with deferred_signals():
        if stage is not None and stage.is_dir():
            apply(out, stage, journal)
        (out / JOURNAL_NAME).unlink()
    if stage is not None:
        shutil.rmtree(stage, ignore_errors=True)
    import warnings

    from .i18n import t

    warnings.warn(t("commit_recovered", lang).format(folder=out), UserWarning, stacklevel=3)
    return True
