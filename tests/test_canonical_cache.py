"""The on-disk cache of the canonical commune table: hits, invalidation, warnings, damage."""

from __future__ import annotations

import shutil
import warnings

import pytest

from camau_gis import settings
from camau_gis.normalize import _canonical_cache as cc

pytestmark = pytest.mark.filterwarnings("ignore:table. 2 unit:UserWarning")


@pytest.fixture
def shapefiles(tmp_path, monkeypatch):
    folder = tmp_path / "shapefiles"
    monkeypatch.setattr(settings, "shapefiles_dir", folder)
    return folder


@pytest.fixture
def source(tmp_path):
    """A small 'boundary file' with a sidecar (the cache hashes both)."""
    path = tmp_path / "layer.shp"
    path.write_bytes(b"shape bytes")
    (tmp_path / "layer.dbf").write_bytes(b"table bytes")
    return path


class _Build:
    """A build function that counts its calls and warns like the real one."""

    def __init__(self, value="table"):
        self.calls = 0
        self.value = value

    def __call__(self):
        self.calls += 1
        warnings.warn(f"{self.value}: 2 unit(s) could not be coded", UserWarning, stacklevel=2)
        return {"rows": [self.value, self.calls]}


def _load(source, build, **params):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = cc.cached_canonical(source, params or {"province": None}, build)
    return out, [str(w.message) for w in caught]


def test_second_load_is_a_hit_and_repeats_the_warnings(shapefiles, source):
    build = _Build()
    first, warned_first = _load(source, build)
    second, warned_second = _load(source, build)
    assert build.calls == 1
    assert second == first == {"rows": ["table", 1]}
    assert warned_first == warned_second == ["table: 2 unit(s) could not be coded"]
    assert len(list((shapefiles / "cache").glob("canonical_*.pkl"))) == 1


def test_changed_file_sidecar_or_arguments_rebuild(shapefiles, source):
    build = _Build()
    _load(source, build)
    source.with_suffix(".dbf").write_bytes(b"other table bytes")  # a sidecar changed
    _load(source, build)
    assert build.calls == 2
    _load(source, build, province="Bạc Liêu")
    assert build.calls == 3
    _load(source, build)  # back to the second state: hit
    assert build.calls == 3


def test_a_copy_elsewhere_is_another_entry(shapefiles, source, tmp_path):
    # messages and attrs name the path, so the same bytes elsewhere are rebuilt
    other = tmp_path / "copy"
    other.mkdir()
    for p in source.parent.glob("layer.*"):
        shutil.copy(p, other / p.name)
    build = _Build()
    _load(source, build)
    _load(other / "layer.shp", build)
    assert build.calls == 2


def test_damaged_entry_is_rebuilt_and_cache_false_writes_nothing(shapefiles, source):
    build = _Build()
    _load(source, build)
    (entry,) = (shapefiles / "cache").glob("canonical_*.pkl")
    entry.write_bytes(b"not a pickle")
    out, _ = _load(source, build)
    assert build.calls == 2 and out == {"rows": ["table", 2]}
    shutil.rmtree(shapefiles / "cache")
    cc.cached_canonical(source, {}, build, cache=False)
    assert not (shapefiles / "cache").exists()


def test_errors_are_not_cached(shapefiles, source):
    def broken():
        raise ValueError("bad layer")

    with pytest.raises(ValueError, match="bad layer"):
        cc.cached_canonical(source, {}, broken)
    assert not list(shapefiles.glob("cache/*.pkl"))
    build = _Build()
    _load(source, build)
    assert build.calls == 1


def test_folders_are_not_cached(shapefiles, tmp_path):
    build = _Build()
    cc.cached_canonical(tmp_path, {}, build)
    cc.cached_canonical(tmp_path, {}, build)
    assert build.calls == 2


def test_real_layer_from_the_cache_equals_a_fresh_build(shapefiles, ca_mau_shp, tmp_path):
    from camau_gis.normalize.communes import load_canonical

    first = load_canonical(ca_mau_shp)
    assert len(list((shapefiles / "cache").glob("canonical_*.pkl"))) == 1
    cached = load_canonical(ca_mau_shp)
    fresh = load_canonical(ca_mau_shp, cache=False)
    for table in (first, cached):
        assert table.equals(fresh)
        assert table.attrs == fresh.attrs
        assert table.crs == fresh.crs
        assert list(table.dtypes) == list(fresh.dtypes)
    assert cached is not first


def test_only_the_most_recently_used_entries_are_kept(shapefiles, tmp_path, monkeypatch):
    import os

    monkeypatch.setattr(cc, "KEEP", 2)
    files = []
    for k in range(3):
        path = tmp_path / f"layer{k}.shp"
        path.write_bytes(b"bytes %d" % k)
        files.append(path)
    build = _Build()
    _load(files[0], build)
    first = next((shapefiles / "cache").glob("canonical_*.pkl"))
    os.utime(first, ns=(1, 1))  # long unused...
    _load(files[1], build)
    (second,) = set((shapefiles / "cache").glob("canonical_*.pkl")) - {first}
    os.utime(second, ns=(2, 2))  # (explicit times: the clock may not tick between writes)
    _load(files[0], build)  # ...until this hit marks it used again
    assert build.calls == 2
    _load(files[2], build)  # a third entry: the least recently used one (files[1]) goes
    assert len(list((shapefiles / "cache").glob("canonical_*.pkl"))) == 2
    _load(files[0], build)
    assert build.calls == 3
    _load(files[1], build)
    assert build.calls == 4
