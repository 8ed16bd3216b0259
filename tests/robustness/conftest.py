"""Shared helpers of the robustness tests: hash and list a folder tree, copy real inputs."""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "camau_gis" / "data" / "example"


def tree_state(root: str | Path) -> dict[str, str]:
    """Every entry under ``root`` (hidden ones included) -> SHA-256 of a file, ``"<dir>"``, or a link.

    The listing itself is the dict's keys, so comparing two states shows
    files and folders created, changed or deleted (sidecars such as
    ``.aux.xml``, ``.qix``, ``.cpg`` or a cache file included).
    """
    root = Path(root)
    state: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            state[rel] = f"-> {path.readlink()}"
        elif path.is_dir():
            state[rel] = "<dir>"
        else:
            state[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return state


def tree_diff(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """Human-readable differences between two :func:`tree_state` results (empty if none)."""
    out = [f"created: {k}" for k in sorted(after.keys() - before.keys())]
    out += [f"deleted: {k}" for k in sorted(before.keys() - after.keys())]
    out += [f"changed: {k}" for k in sorted(before.keys() & after.keys()) if before[k] != after[k]]
    return out


def leftovers(folder: str | Path) -> list[str]:
    """Hidden or temporary entries in ``folder`` (staging folders, temp files, locks).

    The build's manifest (``pipeline.BUILD_MANIFEST``) is an output, not a leftover.
    """
    from camau_gis.pipeline import BUILD_MANIFEST

    folder = Path(folder)
    if not folder.exists():
        return []
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if (p.name.startswith(".") or p.suffix in (".tmp", ".part") or "staging" in p.name)
        and p.name != BUILD_MANIFEST
    )


def copy_shapefile(shp: Path, dest: Path) -> Path:
    """Copy every part of the Shapefile ``shp`` (``.shp .shx .dbf .prj .cpg``) into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in shp.parent.glob(shp.stem + ".*"):
        shutil.copy2(part, dest / part.name)
    return dest / shp.name


def copy_register(dest: Path) -> dict[str, Path]:
    """Copy the example register (models.csv, criterion19.csv) into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    return {name: Path(shutil.copy2(EXAMPLE / f"{name}.csv", dest / f"{name}.csv"))
            for name in ("models", "criterion19")}


@contextlib.contextmanager
def isolated_settings(base: Path) -> Iterator[Path]:
    """Point every writable setting (outputs, cache, shapefiles) under ``base`` for a while.

    Session fixtures run before the per-test ``_isolated_settings`` of
    tests/conftest.py, so they use this around their own work only.
    """
    from camau_gis import settings

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(settings, "outputs_dir", base / "outputs")
        mp.setattr(settings, "cache_dir", base / "cache")
        mp.setattr(settings, "shapefiles_dir", base / "shapefiles")
        yield base


@pytest.fixture(scope="session")
def robust() -> types.SimpleNamespace:
    """The helpers above, for test modules (``from conftest import`` is ambiguous in this tree)."""
    return types.SimpleNamespace(
        tree_state=tree_state, tree_diff=tree_diff, leftovers=leftovers,
        copy_shapefile=copy_shapefile, copy_register=copy_register,
        isolated_settings=isolated_settings,
    )


@pytest.fixture(autouse=True)
def _isolated_shapefiles(tmp_path, monkeypatch):
    """Also keep the canonical-layer folder (and the caches kept there) out of the repository."""
    from camau_gis import settings

    monkeypatch.setattr(settings, "shapefiles_dir", tmp_path / "shapefiles")


@pytest.fixture(scope="session")
def robust_inputs(ca_mau_shp, tmp_path_factory) -> dict[str, Path]:
    """Copies of the example register and of the real Cà Mau Shapefile in a session folder."""
    folder = tmp_path_factory.mktemp("robust_inputs")
    reg = copy_register(folder)
    return {"folder": folder, "models": reg["models"], "c19": reg["criterion19"],
            "shp": copy_shapefile(ca_mau_shp, folder / "boundaries")}


@pytest.fixture(scope="session")
def camau_analysis(robust_inputs, tmp_path_factory):
    """One analysis of the example register on the copied Cà Mau communes (do not modify)."""
    from camau_gis.pipeline import run_analysis

    with isolated_settings(tmp_path_factory.mktemp("robust_settings")):
        return run_analysis(boundaries=robust_inputs["shp"], register=robust_inputs["models"],
                            c19=robust_inputs["c19"])
