"""The build's PNG from the cache (``camau_gis.render.png_cache``): same analysis, same file.

A second build of the same analysis and options copies the first build's PNG
(byte for byte, its warnings said again) without drawing; any change of the
register's content, the options or the language draws it again; a damaged
entry is drawn again, never copied.
"""

from __future__ import annotations

import warnings

import pytest


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """An empty derived cache, PNG drawn in this process (so drawing can be watched)."""
    from camau_gis import settings

    monkeypatch.setattr(settings, "derived_cache_dir", tmp_path / "derived")
    monkeypatch.setenv("CAMAU_GIS_PARALLEL", "0")
    return tmp_path / "derived"


@pytest.fixture
def draws(monkeypatch):
    """Count the static maps drawn (calls of ``plot_map``); each warns like matplotlib does."""
    from camau_gis.render import static

    calls = []
    real = static.plot_map

    def counted(*args, **kwargs):
        calls.append(kwargs.get("lang"))
        warnings.warn("Glyph 7913 missing from font(s) DejaVu Sans.", UserWarning, stacklevel=2)
        return real(*args, **kwargs)

    monkeypatch.setattr(static, "plot_map", counted)
    return calls


def _build(out, ca_mau_shp, **kw):
    from camau_gis.pipeline import build

    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        written = build(out, boundaries=ca_mau_shp, dpi=kw.pop("dpi", 50), **kw)
    return written, [str(w.message) for w in seen if "Glyph" in str(w.message)]


def test_a_second_build_copies_the_png_and_says_its_warnings_again(
        ca_mau_shp, tmp_path, fresh_cache, draws):
    first, said = _build(tmp_path / "one", ca_mau_shp)
    assert len(draws) == 1 and len(said) == 1
    entries = sorted(p.name for p in fresh_cache.glob("png_*"))
    assert [e.rsplit(".", 1)[1] for e in entries] == ["json", "png"]
    second, said_again = _build(tmp_path / "two", ca_mau_shp)
    assert len(draws) == 1, "the second build drew the map again"
    assert said_again == said  # the drawing's warning, replayed from the entry
    png = first["coverage_map.png"].read_bytes()
    assert second["coverage_map.png"].read_bytes() == png
    assert png.startswith(b"\x89PNG") and (fresh_cache / entries[1]).read_bytes() == png


def test_other_language_or_resolution_draws_again(ca_mau_shp, tmp_path, fresh_cache, draws):
    from PIL import Image

    _build(tmp_path / "vi", ca_mau_shp)
    en, _ = _build(tmp_path / "en", ca_mau_shp, lang="en")
    big, _ = _build(tmp_path / "big", ca_mau_shp, dpi=60)
    assert draws == ["vi", "en", "vi"]
    with Image.open(big["coverage_map.png"]) as im:
        assert im.size == (int(297 / 25.4 * 60), int(210 / 25.4 * 60))  # as Agg sizes it
    assert len(list(fresh_cache.glob("png_*.png"))) == 3


def test_a_damaged_entry_is_drawn_again(ca_mau_shp, tmp_path, fresh_cache, draws):
    first, _ = _build(tmp_path / "one", ca_mau_shp)
    (entry,) = fresh_cache.glob("png_*.png")
    entry.write_bytes(entry.read_bytes()[:1000])  # a truncated copy
    second, _ = _build(tmp_path / "two", ca_mau_shp)
    assert len(draws) == 2
    assert second["coverage_map.png"].read_bytes() == first["coverage_map.png"].read_bytes()
    assert entry.read_bytes() == first["coverage_map.png"].read_bytes()  # rewritten


def test_the_key_follows_the_analysis_content(ca_mau_shp):
    """Same inputs: same key; one changed value anywhere in the analysis: another key."""
    import shapely

    from camau_gis.pipeline import run_analysis
    from camau_gis.render.png_cache import png_key

    opts = {"kind": "coverage", "lang": "vi", "page": "A4-landscape", "dpi": 300}
    a = run_analysis(boundaries=ca_mau_shp)
    key = png_key(a, **opts)
    assert key is not None and png_key(run_analysis(boundaries=ca_mau_shp), **opts) == key
    assert png_key(a, **{**opts, "page": "A3-portrait"}) != key

    def changed(mutate) -> str | None:
        b = run_analysis(boundaries=ca_mau_shp)
        mutate(b)
        return png_key(b, **opts)

    def one_model_more(b):
        b.communes.loc[b.communes.index[3], "n_models"] += 1

    def renamed_model(b):
        b.models.iloc[0, b.models.columns.get_loc("name")] = "Tổ tự quản khác"

    def moved_vertex(b):
        g = b.communes.geometry
        b.communes.loc[g.index[0], "geometry"] = shapely.affinity.translate(g.iloc[0], 1e-6)

    def other_date(b):
        b.summary["year"] = int(b.summary["year"]) - 1

    def other_title(b):
        b.meta["register_title"] = "Sổ <b>theo dõi</b> 2024"

    for mutate in (one_model_more, renamed_model, moved_vertex, other_date, other_title):
        assert changed(mutate) not in (key, None), mutate.__name__


def test_an_analysis_with_an_unkeyable_value_is_drawn(ca_mau_shp):
    from camau_gis.pipeline import run_analysis
    from camau_gis.render.png_cache import png_key

    a = run_analysis(boundaries=ca_mau_shp)
    a.extra["weights"] = object()  # no stable digest: never guess
    assert png_key(a, kind="coverage") is None


def test_a_missing_geometry_is_keyed_not_refused():
    """One geometry digest for every cache (``_caches.geometry_key``): a missing shape is a
    value of its own, so a table with a commune without geometry still has a key."""
    import shapely

    from camau_gis._caches import geometry_key

    square = shapely.box(0, 0, 1, 1)
    keys = {geometry_key(g, {}) for g in ([square, None], [None, square], [square])}
    assert len(keys) == 3
    assert geometry_key([square, None], {}) == geometry_key([square, None], {})
