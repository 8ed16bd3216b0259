"""Shared fixtures: real boundary data from ../shared/data, and the small committed fixture.

Tests that need the real data skip with a reason when ``../shared/data`` is absent on
a developer's machine, and **fail** under CI (``CI=true``), where it must be there.
Tests on ``tests/fixtures/mini`` (ten real communes, committed) run anywhere.
"""

from __future__ import annotations

from pathlib import Path

import os

import pytest
from hypothesis import settings as hypothesis_settings

# CI runs the property tests on Hypothesis' fixed sequence of examples (reproducible runs);
# elsewhere they explore new examples each run, and a failure is kept in .hypothesis/.
hypothesis_settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI") == "true":
    hypothesis_settings.load_profile("ci")
from _data_paths import BAC_LIEU_SHP, CA_MAU_SHP, NATIONAL_GPKG, RAW_DIR, SHARED_DATA, need

#: The committed fixture made by ``tests/fixtures/make_mini.py``.
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"


_need = need


@pytest.fixture(scope="session")
def mini_dir() -> Path:
    """The committed ten-commune fixture (``tests/fixtures/mini``)."""
    return MINI


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The shared reference-data folder."""
    return _need(SHARED_DATA)


@pytest.fixture(scope="session")
def ca_mau_shp() -> Path:
    """The real Cà Mau commune Shapefile (101 units)."""
    return _need(CA_MAU_SHP)


@pytest.fixture(scope="session")
def bac_lieu_shp() -> Path:
    """The real Bạc Liêu commune Shapefile (64 units)."""
    return _need(BAC_LIEU_SHP)


@pytest.fixture(scope="session")
def national_gpkg() -> Path:
    """The national GeoPackage (layers communes, districts, provinces)."""
    return _need(NATIONAL_GPKG)


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    """The upstream vietnam63 .rda files."""
    return _need(RAW_DIR)


@pytest.fixture(scope="session")
def _ca_mau_communes_cached(ca_mau_shp):
    from camau_gis.boundaries import load_communes

    return load_communes(ca_mau_shp)


@pytest.fixture
def ca_mau_communes(_ca_mau_communes_cached):
    """Canonical commune table of Cà Mau (a fresh copy per test)."""
    return _ca_mau_communes_cached.copy()


@pytest.fixture(scope="session")
def ca_mau_pages(tmp_path_factory, _ca_mau_communes_cached) -> dict:
    """The Cà Mau HTML maps the browser tests open, built once per session.

    ``dir`` (a session folder, where a test module may build more pages), ``vi`` and ``en``
    (the saved pages of one analysis of the real communes, illustrative rows included) and
    ``analysis`` (that analysis).
    """
    from test_html_map import make_analysis

    from camau_gis import settings
    from camau_gis.render.html import build_map, save_map

    base = tmp_path_factory.mktemp("ca_mau_pages")
    mp = pytest.MonkeyPatch()
    mp.setattr(settings, "shapefiles_dir", base / "shapefiles")
    a = make_analysis(_ca_mau_communes_cached)
    out = {"dir": base, "analysis": a,
           "vi": save_map(build_map(a), base / "vi.html"),
           "en": save_map(build_map(a, lang="en"), base / "en.html")}
    mp.undo()
    return out


@pytest.fixture(scope="session")
def _session_shapefiles(tmp_path_factory) -> Path:
    """One ``shapefiles/`` folder per test session (its caches are shared by the tests)."""
    return tmp_path_factory.mktemp("shapefiles")


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path, monkeypatch, _session_shapefiles):
    """Point output and cache folders at temporary paths: tests never write into the repository."""
    from camau_gis import settings

    monkeypatch.setattr(settings, "outputs_dir", tmp_path / "outputs")
    monkeypatch.setattr(settings, "cache_dir", tmp_path / "cache")
    monkeypatch.setattr(settings, "shapefiles_dir", _session_shapefiles)
    # derived caches (parsed boundaries, canonical tables, geometry) are shared by the session
    monkeypatch.setattr(settings, "derived_cache_dir", _session_shapefiles / "cache")


@pytest.fixture
def close_figures():
    """Close matplotlib figures after a test."""
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium (Debian's) for the whole session: Playwright's sync API allows
    one running instance per thread, so every in-process browser test shares it."""
    from _page import CHROMIUM_ARGS, chromium_or_skip

    exe = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def english_messages(monkeypatch):
    """Messages of the API in English (``settings.language = "en"``) for a module checking them."""
    from camau_gis import settings

    monkeypatch.setattr(settings, "language", "en")


@pytest.fixture()
def vietnamese(monkeypatch):
    """Back to the default language (Vietnamese) for one test of an English module."""
    from camau_gis import settings

    monkeypatch.setattr(settings, "language", "vi")


@pytest.fixture(scope="module")
def layer_cache_in_tmp(tmp_path_factory):
    """The static maps' layer cache goes to a temporary ``shapefiles/``, not the repository's."""
    from camau_gis import settings

    with pytest.MonkeyPatch.context() as m:
        m.setattr(settings, "shapefiles_dir", tmp_path_factory.mktemp("shapefiles"))
        yield
