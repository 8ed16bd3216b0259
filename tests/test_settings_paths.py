"""Where things live: the folder rule of camau_gis.settings, `paths`, `boundaries fetch` reuse."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from camau_gis import settings
from camau_gis.cli import main


@pytest.fixture
def rule(monkeypatch):
    """Undo the test isolation of conftest: the folders follow the rule again."""
    for name in ("shapefiles_dir", "cache_dir", "derived_cache_dir", "outputs_dir"):
        monkeypatch.delattr(settings, name, raising=False)
    for var in ("CAMAU_GIS_HOME", "CAMAU_GIS_CACHE", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(var, raising=False)
    return monkeypatch


def test_outside_a_checkout_the_platform_user_folders_are_used(rule, tmp_path):
    rule.setenv("HOME", str(tmp_path / "home"))
    rule.chdir(tmp_path)
    assert settings.checkout_root() is None
    assert settings.shapefiles_dir == tmp_path / "home/.local/share/camau-gis/shapefiles"
    assert settings.cache_dir == tmp_path / "home/.cache/camau-gis"
    assert settings.derived_cache_dir == tmp_path / "home/.cache/camau-gis/derived"
    assert settings.outputs_dir == tmp_path / "outputs"
    package = Path(settings.__file__).resolve().parent
    assert all(package not in (p, *p.parents) for k, p in settings.folders().items()
               if k != "package")


def test_environment_overrides_and_is_read_at_call_time(rule, tmp_path):
    rule.chdir(tmp_path)
    rule.setenv("CAMAU_GIS_HOME", str(tmp_path / "h"))
    rule.setenv("CAMAU_GIS_CACHE", str(tmp_path / "c"))
    assert settings.shapefiles_dir == tmp_path / "h" / "shapefiles"
    assert settings.derived_dir() == tmp_path / "c" / "derived"
    rule.setenv("CAMAU_GIS_CACHE", str(tmp_path / "c2"))
    assert settings.cache_dir == tmp_path / "c2"


def test_a_checkout_run_from_inside_keeps_its_layout(rule):
    root = settings.project_root
    if not (root / "pyproject.toml").is_file():
        pytest.skip("not a source checkout")
    rule.chdir(root / "tests")
    assert settings.checkout_root() == root
    assert settings.shapefiles_dir == root / "shapefiles"
    assert settings.cache_dir == root / ".cache"


def test_paths_command_prints_the_folders_in_both_languages(capsys, tmp_path, monkeypatch):
    assert main(["paths", "--json"]) == 0
    folders = json.loads(capsys.readouterr().out)
    assert folders["boundaries"] == str(settings.shapefiles_dir)
    assert folders["cache"] == str(settings.cache_dir)
    assert main(["paths"]) == 0
    assert "ranh giới (lớp xã chuẩn)" in capsys.readouterr().out
    assert main(["paths", "--lang", "en"]) == 0
    assert "boundaries (canonical layer)" in capsys.readouterr().out


def test_fetch_says_so_when_the_layer_is_there_and_force_redoes_it(raw_dir, tmp_path, capsys,
                                                                  monkeypatch):
    monkeypatch.setenv("CAMAU_GIS_DATA_URL", str(raw_dir))
    out = tmp_path / "shp"
    assert main(["boundaries", "fetch", "--out", str(out)]) == 0
    gpkg = out / "ca_mau_communes.gpkg"
    stamp = gpkg.stat().st_mtime_ns
    capsys.readouterr()
    assert main(["boundaries", "fetch", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "Lớp ranh giới đã có, không làm lại" in err and "--force" in err
    assert gpkg.stat().st_mtime_ns == stamp
    assert main(["boundaries", "fetch", "--out", str(out), "--force", "--lang", "en"]) == 0
    assert "already there" not in capsys.readouterr().err
    assert gpkg.stat().st_mtime_ns != stamp


def test_progress_rows_follow_lang_and_quiet(raw_dir, tmp_path, capfd, monkeypatch):
    monkeypatch.setenv("CAMAU_GIS_DATA_URL", str(raw_dir))
    monkeypatch.setenv("CAMAU_GIS_PROGRESS", "1")
    out = tmp_path / "shp"
    assert main(["boundaries", "fetch", "--out", str(out), "--lang", "en"]) == 0
    err = capfd.readouterr().err
    assert "Copying from the mirror communes.rda" in err
    assert "Writing the commune layer Cà Mau" in err and " s)" in err
    # rich's cursor and colour sequences reach the terminal as they are, not printed as text
    assert "\x1b[" in err and "\\u001b" not in err
    assert main(["--quiet", "boundaries", "fetch", "--out", str(out), "--force"]) == 0
    err = capfd.readouterr().err
    assert "Ghi lớp ranh giới xã" not in err and "Writing" not in err


def test_environment_is_read_only_in_settings():
    """Every CAMAU_GIS_* variable is read through camau_gis.settings, at call time."""
    package = Path(settings.__file__).resolve().parent
    readers = []
    for path in package.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if ("os.environ" in text or "getenv(" in text) and path.name != "settings.py":
            readers.append(path.relative_to(package).as_posix())
    # nothing else reads or writes the environment (options win through settings.given_limits)
    assert readers == [], readers
    documented = set(settings.ENVIRONMENT)
    used = set()
    import re

    for path in package.rglob("*.py"):
        used |= set(re.findall(r'"(CAMAU_GIS_[A-Z_]+)"', path.read_text(encoding="utf-8")))
    assert used - documented <= {"CAMAU_GIS_SHA256_", "CAMAU_GIS_"}, used - documented


def test_pyarrow_and_platformdirs_are_dependencies_not_extras():
    import tomllib

    meta = tomllib.loads((settings.project_root / "pyproject.toml").read_text(encoding="utf-8"))
    deps = " ".join(meta["project"]["dependencies"])
    assert "pyarrow" in deps and "platformdirs" in deps
    assert not any(d.startswith("pyarrow") for d in meta["project"]["optional-dependencies"]["test"])
