"""Run one writer in a forked child process while the parent writes the other outputs.

``camau-gis build`` spends about a third of a warm Cà Mau run drawing and
encoding the PNG map (matplotlib, CPU-bound, holding the GIL) and another
third writing the tables and the HTML map. On a machine with a second core
the PNG is drawn in a child process forked once the analysis is done, so both
halves run at the same time. The child writes only into the run's staging
folder (:func:`camau_gis._atomic.staging`); the parent commits nothing before
the child has ended, so the atomic commit is unchanged: the folder ends with
all outputs of the run or with the previous ones.

What the child returns, raises or warns comes back to the parent: its value
and exception are pickled through a pipe (an exception that cannot be pickled
comes back as a :class:`~camau_gis.errors.CamauGisError` with its text), its
warnings are emitted again in the parent. When the parent fails or is
interrupted first, the child is killed and reaped. Without ``os.fork``
(Windows), on macOS (fork is unsafe with its system frameworks), on one core,
with ``CAMAU_GIS_PARALLEL=0`` or while the commit's fault injection is on
(its signals must reach the command's own process), the writer runs in the
parent when its result is asked for, in the order the outputs had before.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    """Whether writers may run in a forked child here (see the module's docstring)."""
    from . import settings

    if not hasattr(os, "fork") or not sys.platform.startswith("linux"):
        return False
    if not settings.parallel_outputs() or settings.fault_injection() is not None:
        return False
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cores or 1) > 1


class Job(Generic[T]):
    """A writer started by :func:`background`; :meth:`result` waits for it."""

    def __init__(self, fn: Callable[[], T]) -> None:
        self._fn = fn
        self._pid: int | None = None
        self._read: int | None = None
        self._done = False

    def _start(self) -> None:
        import warnings

        read, write = os.pipe()
        with warnings.catch_warnings():  # Python 3.12+: "multi-threaded, fork() may deadlock"
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
        if pid == 0:  # the child: run, report, never return into the parent's code
            os.close(read)
            _child(self._fn, write)
        os.close(write)
        self._pid, self._read = pid, read

    def result(self) -> T:
        """Wait for the writer and return its value; raise what it raised."""
        if self._done:
            raise RuntimeError("Job.result() called twice")
        self._done = True
        if self._pid is None:
            return self._fn()
        import warnings

        assert self._read is not None
        chunks = []
        with os.fdopen(self._read, "rb") as pipe:
            self._read = None
            while block := pipe.read(1 << 16):
                chunks.append(block)
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        if not chunks:
            from .errors import CamauGisError
            from .i18n import t

            raise CamauGisError(t("bg_child_died", None).format(
                status=os.waitstatus_to_exitcode(status)))
        ok, value, caught = pickle.loads(b"".join(chunks))
        for category, message in caught:
            warnings.warn(message, category, stacklevel=2)
        if not ok:
            raise value
        return value

    def cancel(self) -> None:
        """Kill and reap a child still running (the parent failed or was interrupted)."""
        import signal

        if self._read is not None:
            with contextlib.suppress(OSError):
                os.close(self._read)
            self._read = None
        if self._pid is not None:
            with contextlib.suppress(OSError):
                os.kill(self._pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.waitpid(self._pid, 0)
            self._pid = None


def _child(fn: Callable[[], Any], write: int) -> None:
    """Body of the forked child: run ``fn``, send ``(ok, value or error, warnings)``, exit."""
    import signal
    import warnings

    code = 0
    try:
        for name in ("SIGINT", "SIGTERM", "SIGHUP"):  # the parent handles them, then kills us
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), signal.SIG_DFL)
        from . import _progress

        _progress.set_listener(None)  # the parent shows the step
        caught: list[tuple[type[Warning], str]] = []
        with warnings.catch_warnings(record=True) as seen:
            try:
                payload: tuple[bool, Any, list[tuple[type[Warning], str]]] = (True, fn(), caught)
            except BaseException as exc:  # noqa: BLE001 - sent to the parent, raised there
                payload = (False, exc, caught)
            caught.extend((w.category, str(w.message)) for w in seen)
        try:
            data = pickle.dumps(payload)
        except Exception:  # noqa: BLE001 - an exception or value that cannot be pickled
            from .errors import CamauGisError

            err = payload[1] if not payload[0] else TypeError("result cannot be pickled")
            data = pickle.dumps((False, CamauGisError(f"{type(err).__name__}: {err}"), caught))
        with os.fdopen(write, "wb") as pipe:
            pipe.write(data)
    except BaseException:  # noqa: BLE001 - nothing may run the parent's clean-up code here
        code = 1
    finally:
        os._exit(code)


@contextlib.contextmanager
def background(fn: Callable[[], T]) -> Iterator[Job[T]]:
    """Start ``fn`` in a forked child when :func:`can_fork`; yield its :class:`Job`.

    Call ``job.result()`` inside the block. Leaving the block by an exception
    kills a child still running; leaving it without asking for the result
    raises ``RuntimeError`` (a writer's output would be silently missing).
    """
    job = Job(fn)
    if can_fork():
        job._start()
    try:
        yield job
    except BaseException:
        job.cancel()
        raise
    if not job._done:
        job.cancel()
        raise RuntimeError("background(): the job's result() was never asked for")
