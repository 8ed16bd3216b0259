"""Run one writer in a forked child process while the parent does the rest of the job.

``camau-gis build`` spends about 40 % of a warm Cà Mau run importing
matplotlib, drawing and encoding the PNG map (CPU-bound, holding the GIL), and
another 20 % writing the tables and the HTML map. On a machine with a second
core a child process is forked once the analysis is done (it starts with the
parent's state: the analysis, the libraries imported) and draws the PNG while
the parent writes the other outputs. (Forking when the build starts, to import
matplotlib meanwhile, was tried: the child then imported pandas and geopandas
again to receive the analysis, 0.5 s more CPU, a loss on a busy machine.) The
child writes only into the run's staging folder (:func:`camau_gis._atomic.staging`);
the parent commits nothing before the child has ended, so the atomic commit is
unchanged: the folder ends with all outputs of the run or with the previous ones.

The first build also parses the national boundary file in a child
(:func:`camau_gis.boundaries.fetch_boundaries`): the parent meanwhile builds
the reference tables the canonical layer needs and runs the work a caller
registered with :func:`meanwhile` (the build: importing the libraries of its
writers, so that the PNG child later starts with them imported).

What the child returns, raises or warns comes back to the parent: its value
and exception are pickled through a pipe (an exception that cannot be pickled
comes back as a :class:`~camau_gis.errors.CamauGisError` with its text), its
warnings are emitted again in the parent. When the parent fails or is
interrupted first, the child is killed and reaped. Without ``os.fork``
(Windows), on macOS (fork is unsafe with its system frameworks), on one core,
with ``CAMAU_GIS_PARALLEL=0``, while the commit's fault injection is on (its
signals must reach the command's own process), the writer runs in the parent
when its result is asked for, in the order the outputs had before.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
from collections.abc import Callable, Iterator
from typing import Any

#: What a child sends back: ``(ok, value or exception, [(category, message), …])``.
Payload = tuple[bool, Any, list[tuple[type[Warning], str]]]


def can_fork() -> bool:
    """Whether writers may run in a forked child here (see the module's docstring)."""
    from . import settings

    if not hasattr(os, "fork") or not sys.platform.startswith("linux"):
        return False
    if not settings.parallel_outputs() or settings.fault_injection() is not None:
        return False
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cores or 1) > 1


#: Work that may run while this process waits for a child (:func:`meanwhile`).
_MEANWHILE: list[Callable[[], object]] = []


@contextlib.contextmanager
def meanwhile(*work: Callable[[], object]) -> Iterator[None]:
    """Inside the block, let :func:`run_meanwhile` run ``work`` (each at most once).

    For work that the caller will need later and that costs the same done now:
    e.g. imports, run while a first build waits for its parse. Work not run by
    the end of the block is dropped.
    """
    _MEANWHILE.extend(work)
    try:
        yield
    finally:
        for fn in work:
            if fn in _MEANWHILE:
                _MEANWHILE.remove(fn)


def run_meanwhile() -> None:
    """Run (once) the work registered with :func:`meanwhile`; called before waiting for a child.

    An exception of that work is not raised here: the stage that needs what it
    prepares raises it in its own place.
    """
    while _MEANWHILE:
        fn = _MEANWHILE.pop(0)
        with contextlib.suppress(Exception):
            fn()


class Job:
    """A writer: :meth:`start` forks the child that runs it, :meth:`result` waits for it."""

    def __init__(self, fork: bool) -> None:
        self._fork = fork
        self._call: tuple[Callable[..., Any], tuple[Any, ...]] | None = None
        self._pid: int | None = None
        self._from_child: int | None = None
        self._done = False

    def start(self, fn: Callable[..., Any], *args: Any) -> None:
        """Start ``fn(*args)``: in a forked child now, else in the process at :meth:`result`.

        The child is forked here, once the parent holds what the writer needs
        (the analysis, the libraries imported): it starts with the same state.
        """
        import warnings

        self._call = (fn, args)
        if not self._fork:
            return
        read, write = os.pipe()
        with warnings.catch_warnings():  # Python 3.12+: "multi-threaded, fork() may deadlock"
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
        if pid == 0:  # the child: never returns into the parent's code
            os.close(read)
            _child(fn, args, write)
        os.close(write)
        self._pid, self._from_child = pid, read

    @property
    def forked(self) -> bool:
        """Whether the call runs in a forked child (else in this process, at :meth:`result`)."""
        return self._pid is not None

    def result(self) -> Any:
        """Wait for the writer and return its value; raise what it raised."""
        if self._done or self._call is None:
            raise RuntimeError("Job.result(): called twice, or before start()")
        self._done = True
        if self._pid is None:
            fn, args = self._call
            return fn(*args)
        import warnings

        assert self._from_child is not None
        chunks = []
        with os.fdopen(self._from_child, "rb") as pipe:
            self._from_child = None
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

        if self._from_child is not None:
            with contextlib.suppress(OSError):
                os.close(self._from_child)
            self._from_child = None
        if self._pid is not None:
            with contextlib.suppress(OSError):
                os.kill(self._pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.waitpid(self._pid, 0)
            self._pid = None


def _child(fn: Callable[..., Any], args: tuple[Any, ...], write: int) -> None:
    """Body of the forked child: run the call, send ``(ok, value or error, warnings)``, exit."""
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
                payload: Payload = (True, fn(*args), caught)
            except BaseException as exc:  # noqa: BLE001 - sent to the parent, raised there
                payload = (False, exc, caught)
            caught.extend((w.category, str(w.message)) for w in seen)
        try:
            out = pickle.dumps(payload)
        except Exception:  # noqa: BLE001 - an exception or value that cannot be pickled
            from .errors import CamauGisError

            err = payload[1] if not payload[0] else TypeError("result cannot be pickled")
            out = pickle.dumps((False, CamauGisError(f"{type(err).__name__}: {err}"), caught))
        with os.fdopen(write, "wb") as pipe:
            pipe.write(out)
    except BaseException:  # noqa: BLE001 - nothing may run the parent's clean-up code here
        code = 1
    finally:
        os._exit(code)


@contextlib.contextmanager
def background() -> Iterator[Job]:
    """Yield a :class:`Job`: ``job.start(fn, *args)`` (a forked child when :func:`can_fork`).

    Call ``job.result()`` inside the block. Leaving the block by an exception
    kills the child; leaving it after ``start`` without asking for the result
    raises ``RuntimeError`` (an output would be silently missing); a job never
    started is no error.
    """
    job = Job(can_fork())
    try:
        yield job
    except BaseException:
        job.cancel()
        raise
    started, done = job._call is not None, job._done
    job.cancel()
    if started and not done:
        raise RuntimeError("background(): the job's result() was never asked for")
