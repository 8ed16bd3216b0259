"""The on-disk cache of the canonical commune table: hits, invalidation, warnings, damage.

Entries are data-only Parquet files: a pickle planted under an entry's name is
never loaded (it would run code), it is rebuilt.
"""

from __future__ import annotations

import pickle
import shutil
import warnings

import pandas as pd
import pytest
from geopandas.testing import assert_geodataframe_equal

from camau_gis import settings
from camau_gis.normalize import _canonical_cache as cc

pytestmark = pytest.mark.filterwarnings("ignore:table. 2 unit:UserWarning")


@pytest.fixture
def shapefiles(tmp_path, monkeypatch):
    folder = tmp_path / "shapefiles"
    monkeypatch.setattr(settings, "shapefiles_dir", folder)
    monkeypatch.setattr(settings, "derived_cache_dir", folder / "cache")  # derived caches
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
        return _table(self.value, self.calls)


def _table(value, calls):
    import geopandas as gpd
    from shapely.geometry import Point

    out = gpd.GeoDataFrame({"name": [value, "Tân Thành"], "calls": [calls, calls]},
                           geometry=[Point(105.15, 9.18), Point(105.2, 9.2)], crs="EPSG:4326")
    out.attrs["camau_gis"] = {"path": "layer.shp", "repaired": []}
    return out


def _rows(table):
    return [table["name"].iloc[0], int(table["calls"].iloc[0])]


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
    assert_geodataframe_equal(second, first)
    assert second.attrs == first.attrs and _rows(second) == ["table", 1]
    assert warned_first == warned_second == ["table: 2 unit(s) could not be coded"]
    assert len(list((shapefiles / "cache").glob("canonical_*.parquet"))) == 1


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
    (entry,) = (shapefiles / "cache").glob("canonical_*.parquet")
    entry.write_bytes(entry.read_bytes()[:-40])  # truncated
    out, _ = _load(source, build)
    assert build.calls == 2 and _rows(out) == ["table", 2]
    shutil.rmtree(shapefiles / "cache")
    cc.cached_canonical(source, {}, build, cache=False)
    assert not (shapefiles / "cache").exists()


def test_errors_are_not_cached(shapefiles, source):
    def broken():
        raise ValueError("bad layer")

    with pytest.raises(ValueError, match="bad layer"):
        cc.cached_canonical(source, {}, broken)
    assert not list(shapefiles.glob("cache/*"))
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
    assert len(list((shapefiles / "cache").glob("canonical_*.parquet"))) == 1
    cached = load_canonical(ca_mau_shp)
    fresh = load_canonical(ca_mau_shp, cache=False)
    for table in (first, cached):
        assert_geodataframe_equal(table, fresh, check_less_precise=False)
        pd.testing.assert_frame_equal(pd.DataFrame(table.drop(columns="geometry")),
                                      pd.DataFrame(fresh.drop(columns="geometry")),
                                      check_exact=True)
        assert table.attrs == fresh.attrs
        assert table.crs == fresh.crs
        assert list(table.columns) == list(fresh.columns)
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
    first = next((shapefiles / "cache").glob("canonical_*.parquet"))
    os.utime(first, ns=(1, 1))  # long unused...
    _load(files[1], build)
    (second,) = set((shapefiles / "cache").glob("canonical_*.parquet")) - {first}
    os.utime(second, ns=(2, 2))  # (explicit times: the clock may not tick between writes)
    _load(files[0], build)  # ...until this hit marks it used again
    assert build.calls == 2
    _load(files[2], build)  # a third entry: the least recently used one (files[1]) goes
    assert len(list((shapefiles / "cache").glob("canonical_*.parquet"))) == 2
    _load(files[0], build)
    assert build.calls == 3
    _load(files[1], build)
    assert build.calls == 4


class _Boom:
    """Unpickling this runs ``open(marker, "w")``: the proof a pickle was loaded."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_a_planted_pickle_is_never_loaded_and_is_rebuilt(shapefiles, source, tmp_path):
    build = _Build()
    _load(source, build)
    (entry,) = (shapefiles / "cache").glob("canonical_*.parquet")
    marker = tmp_path / "pwned"
    for planted in (pickle.dumps(_Boom(marker)),
                    pickle.dumps({"format": 1, "table": _Boom(marker), "warnings": []})):
        entry.write_bytes(planted)
        out, warned = _load(source, build)
        assert not marker.exists()
        assert _rows(out) == ["table", build.calls]
        assert warned == ["table: 2 unit(s) could not be coded"]
        assert entry.read_bytes()[:4] == b"PAR1"  # rebuilt as Parquet
    assert build.calls == 3
    legacy = shapefiles / "cache" / f"{entry.stem}.pkl"  # the old format's name
    legacy.write_bytes(pickle.dumps(_Boom(marker)))
    _load(source, build)
    assert build.calls == 3 and not marker.exists()


def test_warning_categories_come_back_from_the_allow_list_only(shapefiles, source):
    from camau_gis.errors import CodingWarning

    class LibraryWarning(RuntimeWarning):
        pass

    def build():
        warnings.warn("coded badly", CodingWarning, stacklevel=2)
        warnings.warn("library said", LibraryWarning, stacklevel=2)
        return _table("t", 1)

    for _ in range(2):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            cc.cached_canonical(source, {}, build)
    # a hit: the package's class as such, an unknown one as its nearest allowed base
    assert [(w.category, str(w.message)) for w in caught] == [
        (CodingWarning, "coded badly"), (RuntimeWarning, "library said")]
    from camau_gis._caches import warning_class, warning_name  # the one allow-list

    assert warning_name(LibraryWarning) == "RuntimeWarning"
    with pytest.raises(ValueError, match="allow-list"):
        warning_class("os.system")
    with pytest.raises(ValueError, match="allow-list"):
        warning_class("camau_gis.errors.CamauGisError")


def test_an_entry_naming_an_unknown_warning_class_is_rebuilt(shapefiles, source, monkeypatch):
    build = _Build()
    _load(source, build)
    (entry,) = (shapefiles / "cache").glob("canonical_*.parquet")
    table, meta = cc.read_frame(entry)
    meta["warnings"] = [{"category": "subprocess.Popen", "message": "ls"}]
    entry.unlink()
    cc.write_frame(entry, table, meta)
    _load(source, build)
    assert build.calls == 2


def test_frames_round_trip_exactly(tmp_path):
    import geopandas as gpd
    import numpy as np
    from shapely.geometry import Polygon

    plain = pd.DataFrame(
        {"code": np.array(["01", None, "Cà Mau"], dtype=object),
         "key": pd.array(["a", "b", None], dtype="str"),
         "n": [1, 2, 3], "x": [0.1, np.nan, 1e300], "ok": [True, False, True],
         "kind": pd.Categorical(["x", "y", "x"])},
        index=pd.Index(["c1", "c2", "c3"], name="gso_code", dtype=object))
    plain.attrs = {"source": "register.xlsx", "rows": [1, 2]}
    geo = gpd.GeoDataFrame(
        {"name": ["A", "B"]},
        geometry=[Polygon([(0, 0), (1, 0), (1, 1)]), None], crs="EPSG:9207")
    for frame in (plain, geo):
        path = tmp_path / "t.parquet"
        cc.write_frame(path, frame, {"n": 1})
        back, meta = cc.read_frame(path)
        assert meta == {"n": 1}
        assert type(back) is type(frame) and back.attrs == frame.attrs
        if isinstance(frame, gpd.GeoDataFrame):
            assert_geodataframe_equal(back, frame, check_less_precise=False)
            assert back.crs == frame.crs
        else:
            pd.testing.assert_frame_equal(back, frame, check_exact=True)


def test_tables_that_cannot_be_stored_exactly_are_not_cached(shapefiles, source):
    calls = []

    def build():
        calls.append(1)
        return pd.DataFrame({"mixed": [1, "a"]})  # Arrow cannot hold a mixed object column

    for _ in range(2):
        out = cc.cached_canonical(source, {}, build)
    assert len(calls) == 2 and list(out["mixed"]) == [1, "a"]
    assert not list(shapefiles.glob("cache/*"))


def test_gso_reference_tables_are_parquet_and_a_planted_pickle_is_rebuilt(tmp_path, monkeypatch):
    from camau_gis.normalize import gso

    monkeypatch.setattr(settings, "derived_cache_dir", tmp_path / "gso")  # a derived cache
    gso._tables.cache_clear()
    try:
        fresh = gso._tables()
        files = sorted((tmp_path / "gso").glob("gso_reference_*.parquet"))
        assert [p.name.split(".")[-2] for p in files] == ["frame", "points"]
        marker = tmp_path / "pwned"
        files[0].write_bytes(pickle.dumps(_Boom(marker)))
        gso._tables.cache_clear()
        again = gso._tables()
        assert not marker.exists() and files[0].read_bytes()[:4] == b"PAR1"
        gso._tables.cache_clear()
        warm = gso._tables()
        for name in ("frame", "points"):
            pd.testing.assert_frame_equal(again[name], fresh[name], check_exact=True)
            pd.testing.assert_frame_equal(warm[name], fresh[name], check_exact=True)
    finally:
        gso._tables.cache_clear()
