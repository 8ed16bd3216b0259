"""A normal (non-editable) install: read-only ``site-packages``, user folders, caches, uninstall.

The wheel is built from this checkout and installed into a fresh virtual
environment whose ``site-packages`` sees the project venv's libraries through
a plain ``.pth`` path line (so geopandas & co. are not reinstalled, and the
checkout's editable finder is not loaded). The install is then made read-only
(``chmod -R a-w``) and the commands run **as the unprivileged user nobody**
when possible (root ignores write bits), from an empty folder, with the local
mirror of the vietnam63 files - as a user who ran ``pip install camau-gis``.
A snapshot of the install tree before and after proves nothing was written
into it even when the commands run as root.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

import pytest
from _data_paths import CA_MAU_SHP, RAW_DIR, ROOT, let_others_reach

pytestmark = pytest.mark.slow


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if not p.is_dir()} | {
            str(p.relative_to(folder)) + "/": (0, 0) for p in folder.rglob("*") if p.is_dir()}


def _as_nobody() -> list[str]:
    """Command prefix that drops root to ``nobody`` (empty when not root or no setpriv)."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        return []
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


@pytest.fixture(scope="module")
def install(tmp_path_factory):
    """Build the wheel, install it into a fresh venv, make the install read-only."""
    if not RAW_DIR.exists():
        pytest.skip(f"real boundary data not found at {RAW_DIR}")
    base = Path(tempfile.mkdtemp(prefix="camau-install-"))
    base.chmod(0o777)  # nobody writes its home and run folders here
    wheels = base / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels),
                    str(ROOT)], check=True, capture_output=True)
    (wheel,) = wheels.glob("camau_gis-*.whl")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    purelib = Path(subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True, capture_output=True, text=True).stdout.strip())
    deps = sysconfig.get_path("purelib")  # the project venv's libraries (geopandas, pyarrow…)
    let_others_reach(Path(deps))  # nobody must reach them, also from a 0700 clone folder
    (purelib / "_camau_deps.pth").write_text(deps + "\n", encoding="utf-8")
    before_install = _snapshot(purelib)
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"),
                    "install", "-q", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True)
    subprocess.run(["chmod", "-R", "a-w", str(venv)], check=True)
    yield {"base": base, "venv": venv, "purelib": purelib, "before_install": before_install}
    subprocess.run(["chmod", "-R", "u+w", str(base)], check=False)
    shutil.rmtree(base, ignore_errors=True)


def _run(install, run_dir: Path, *args: str, env_extra: dict[str, str] | None = None):
    home = install["base"] / "home"
    if not home.exists():
        home.mkdir()
        home.chmod(0o777)
        # matplotlib's font list, as a user who has used matplotlib before has it (≈5 s)
        import matplotlib

        fonts = sorted(Path(matplotlib.get_cachedir()).glob("fontlist-*.json"))
        if fonts:
            (home / "mpl").mkdir(mode=0o777)
            (home / "mpl").chmod(0o777)
            shutil.copy(fonts[-1], home / "mpl" / fonts[-1].name)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CAMAU_GIS", "XDG_"))}
    env.update({"HOME": str(home), "CAMAU_GIS_DATA_URL": str(RAW_DIR), "CAMAU_GIS_PROGRESS": "1",
                "MPLCONFIGDIR": str(home / "mpl"), "PYTHONDONTWRITEBYTECODE": "1",
                "COLUMNS": "200"})
    env.update(env_extra or {})
    import time

    start = time.perf_counter()
    try:
        return _exec(install, run_dir, env, args)
    finally:
        print(f"{' '.join(args)}: {time.perf_counter() - start:.1f} s")


def _exec(install, run_dir, env, args):
    cmd = [*_as_nobody(), str(install["venv"] / "bin" / "camau-gis"), *args]
    return subprocess.run(cmd, cwd=run_dir, env=env, capture_output=True, text=True, timeout=600)


def test_build_from_read_only_install_uses_user_folders(install):
    venv, purelib = install["venv"], install["purelib"]
    before = _snapshot(venv)
    assert (purelib / "camau_gis" / "cli" / "__init__.py").is_file()
    run_dir = install["base"] / "run"
    run_dir.mkdir()
    run_dir.chmod(0o777)
    home = install["base"] / "home"

    # the installed copy, not the checkout, is what runs; its folders are the user's
    paths = _run(install, run_dir, "paths", "--json")
    assert paths.returncode == 0, paths.stderr
    import json

    folders = json.loads(paths.stdout)
    assert Path(folders["package"]) == purelib / "camau_gis"
    assert Path(folders["boundaries"]) == home / ".local/share/camau-gis/shapefiles"
    assert Path(folders["cache"]) == home / ".cache/camau-gis"
    assert Path(folders["outputs"]) == run_dir / "outputs"

    first = _run(install, run_dir, "build")
    assert first.returncode == 0, first.stderr
    # the first run says once what it does and why, then shows its steps
    assert "Lần đầu: đọc và lưu ranh giới" in first.stderr
    for step in ("Chép từ thư mục nguồn communes.rda", "Đọc ranh giới toàn quốc",
                 "Ghi bản đồ HTML", "Ghi bản đồ PNG"):
        assert step in first.stderr, (step, first.stderr)
    html = (run_dir / "outputs" / "coverage_map.html").read_text(encoding="utf-8")
    assert "Hiệp Tùng" in html
    assert (home / ".local/share/camau-gis/shapefiles/ca_mau_communes.gpkg").is_file()
    parsed = list((home / ".cache/camau-gis/derived/vietnam63").glob("communes_*.parquet"))
    assert len(parsed) == 1

    # canonical-table cache of a boundary file: written by the first run, read by the second
    second = _run(install, run_dir, "analyze", "--boundaries", str(CA_MAU_SHP))
    assert second.returncode == 0, second.stderr
    assert "Lập bảng xã chuẩn ca_mau_communes.shp" in second.stderr
    canonical = list((home / ".cache/camau-gis/derived").glob("canonical_*.parquet"))
    assert len(canonical) == 1
    third = _run(install, run_dir, "analyze", "--boundaries", str(CA_MAU_SHP), "--lang", "en")
    assert third.returncode == 0, third.stderr
    assert "canonical table" not in third.stderr and "Lập bảng" not in third.stderr
    assert "cảnh báo:" not in third.stderr, third.stderr  # the caches were writable

    # boundaries fetch: the layer is there, so it says so and does nothing
    again = _run(install, run_dir, "boundaries", "fetch", "--lang", "en")
    assert again.returncode == 0, again.stderr
    assert "already there, nothing to do" in again.stderr
    assert "Parsing" not in again.stderr

    assert _snapshot(venv) == before, "something was written inside the installed venv"


def test_unwritable_cache_is_one_warning(install, tmp_path):
    run_dir = install["base"] / "run_ro_cache"
    run_dir.mkdir()
    run_dir.chmod(0o777)
    cache = install["base"] / "ro_cache"
    cache.mkdir()
    (cache / "derived").mkdir()
    subprocess.run(["chmod", "-R", "a-w", str(cache)], check=True)
    if not _as_nobody():
        pytest.skip("needs root + setpriv to run as a user the write bits apply to")
    got = _run(install, run_dir, "analyze", "--boundaries", str(CA_MAU_SHP), "--lang", "en",
               env_extra={"CAMAU_GIS_CACHE": str(cache), "CAMAU_GIS_HOME": str(run_dir / "h")})
    # the download cache cannot be created either: analyze with --boundaries needs no download
    assert got.returncode == 0, got.stderr
    warnings = [line for line in got.stderr.splitlines() if "cannot write the cache" in line]
    assert len(warnings) == 1, got.stderr
    assert "CAMAU_GIS_CACHE" in warnings[0]


def test_uninstall_leaves_nothing(install):
    venv, purelib = install["venv"], install["purelib"]
    subprocess.run(["chmod", "-R", "u+w", str(venv)], check=True)
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"),
                    "uninstall", "-y", "-q", "camau-gis"], check=True, capture_output=True)
    assert _snapshot(purelib) == install["before_install"]
    assert not (venv / "bin" / "camau-gis").exists()
