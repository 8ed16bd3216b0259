"""One rule protecting every input: no output may replace a file a command reads.

A command's inputs are the files given (a link and the file behind it) and
every sidecar of each (a Shapefile's ``.shx .dbf .prj .cpg`` …, a
GeoPackage's ``-wal``); :func:`check_overlap` refuses (``OptionError``,
exit 2) any output landing on one of them, before anything is written.
Readers note what they open (:func:`note_input`) while a CLI command runs
(:func:`protecting_inputs`), and :func:`camau_gis._atomic.atomic_path` and
:func:`camau_gis._atomic.commit` check every destination, so the check is
the same for every command.

Nothing here imports a heavy library.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

#: Input files read by the running command (see :func:`protecting_inputs`): path -> option.
_INPUTS: contextvars.ContextVar[dict[str, str] | None] = contextvars.ContextVar(
    "camau_gis_inputs", default=None)


@contextlib.contextmanager
def protecting_inputs() -> Iterator[None]:
    """For the duration (one CLI command), no output may replace a file read as an input.

    Readers note the files they open (:func:`note_input`); every write
    (:func:`atomic_path` outside a staging folder, :func:`commit`) checks its
    destinations against them (:func:`check_overlap`).
    """
    token = _INPUTS.set({})
    try:
        yield
    finally:
        _INPUTS.reset(token)


def note_input(path: str | Path | None, option: str) -> None:
    """Record ``path`` (read through ``option``) as an input of the running command."""
    inputs = _INPUTS.get()
    if inputs is not None and path is not None and str(path):
        inputs.setdefault(str(path), option)


#: Extensions of a Shapefile's parts and of the index/metadata files GIS programs keep beside it.
SHAPEFILE_SIDECARS = (".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx", ".fbn",
                      ".fbx", ".ain", ".aih", ".atx", ".ixs", ".mxs", ".qpj", ".shp.xml",
                      ".aux.xml", ".qmd")

#: Suffixes of files GDAL/SQLite keep beside any other input (GeoPackage journal, GDAL metadata).
FILE_SIDECARS = ("-wal", "-shm", "-journal", ".aux.xml", ".ovr")


def input_files(path: str | Path) -> list[Path]:
    """Every file that reading ``path`` involves: itself, the file behind a link, its sidecars.

    A Shapefile's sidecars are the files of its folder named like it with one
    of :data:`SHAPEFILE_SIDECARS` (any case); another file's are its name
    plus one of :data:`FILE_SIDECARS`. Both the link's folder and its
    target's are searched. A folder given as an input yields nothing: it is
    not replaced by a file, and the layers GDAL reads inside it are not listed.
    """
    path = Path(path)
    if path.is_dir():  # a folder of layers: only a file inside it can be replaced
        return []
    found = [path]
    with contextlib.suppress(OSError, RuntimeError):
        real = path.resolve()
        if real != path:
            found.append(real)
    for p in list(found):
        if p.suffix.lower() == ".shp":
            names = {(p.stem + ext).lower() for ext in SHAPEFILE_SIDECARS}
        else:
            names = {(p.name + ext).lower() for ext in FILE_SIDECARS}
        with contextlib.suppress(OSError):
            for entry in p.parent.iterdir():
                if entry.name.lower() in names and entry != p:
                    found.append(entry)
    return found


def _ids(path: Path) -> set[tuple[int, int]]:
    ids = set()
    for stat in (os.lstat, os.stat):
        with contextlib.suppress(OSError):
            st = stat(path)
            ids.add((st.st_dev, st.st_ino))
    return ids


def check_overlap(targets: Any, inputs: Any = None, option: str = "--out") -> None:
    """Refuse to write an output over one of the command's own input files (exit 2).

    The one check every command goes through. An input is the file given
    (the link and the file behind it) and every sidecar of it
    (:func:`input_files`); an output over any of them is refused.

    Parameters
    ----------
    targets : Path or iterable of Path
        Final paths of the outputs (not their staging copies).
    inputs : mapping, optional
        ``{option naming the input: path or None}``, e.g. ``{"--register": path}``;
        the inputs noted by the running command's readers are added (:func:`note_input`).
    option : str
        The option that chose the output path, for the message.

    Raises
    ------
    OptionError
        An output would replace an input (the input is left as it was).
    """
    from .errors import OptionError

    given = {str(v): k for k, v in (inputs or {}).items() if v is not None and str(v)}
    given.update({p: o for p, o in (_INPUTS.get() or {}).items() if p not in given})
    if not given:
        return
    targets = [targets] if isinstance(targets, (str, Path)) else list(targets)
    wanted = {}
    for target in map(Path, targets):
        for ident in _ids(target):
            wanted[ident] = target
    if not wanted:
        return
    for raw, name in given.items():
        for part in input_files(raw):
            hit = next((wanted[i] for i in _ids(part) if i in wanted), None)
            if hit is not None:
                from .i18n import Msg

                sidecar = (Msg("out_sidecar", name=part.name) if part.name != Path(raw).name
                           else "")
                raise OptionError(Msg("out_is_input", path=hit, what=f"{name} {raw}",
                                      sidecar=sidecar, option=option))


def guard_inputs(targets: Any, inputs: Any, option: str = "--out") -> None:
    """Former name of :func:`check_overlap` (kept for callers)."""
    check_overlap(targets, inputs, option)
