"""The fast R XDR reader (camau_gis.io._rxdr) against the maintained parser (rdata)."""

from __future__ import annotations

import bz2
import warnings

import pandas as pd
import pytest
import shapely


def _same(fast, ref) -> None:
    assert list(fast.columns) == list(ref.columns)
    pd.testing.assert_frame_equal(pd.DataFrame(fast.drop(columns="geometry")),
                                  pd.DataFrame(ref.drop(columns="geometry")), check_exact=True)
    assert fast.crs == ref.crs
    wkb_fast = shapely.to_wkb(fast.geometry.values)
    wkb_ref = shapely.to_wkb(ref.geometry.values)
    assert (wkb_fast == wkb_ref).all(), "geometries differ"


@pytest.mark.slow
def test_all_11163_communes_equal_rdata(raw_dir):
    """Every attribute and every coordinate of the national file, bit for bit (rdata: ~30 s)."""
    from camau_gis.io.vietnam63 import parse_rda

    fast = parse_rda(raw_dir / "communes.rda", engine="xdr")
    assert len(fast) == 11163
    _same(fast, parse_rda(raw_dir / "communes.rda", engine="rdata"))


@pytest.mark.parametrize("name", ["provinces", "districts"])
def test_provinces_and_districts_equal_rdata(raw_dir, name):
    from camau_gis.io.vietnam63 import parse_rda

    _same(parse_rda(raw_dir / f"{name}.rda", engine="xdr"),
          parse_rda(raw_dir / f"{name}.rda", engine="rdata"))


def test_unknown_content_falls_back_to_rdata(tmp_path, raw_dir):
    """A file the small reader cannot read goes to rdata, which names the problem."""
    from camau_gis.errors import BoundaryError
    from camau_gis.io import _rxdr
    from camau_gis.io.vietnam63 import parse_rda

    bad = tmp_path / "x.rda"
    bad.write_bytes(bz2.compress(b"RDX2\nX\n" + b"\x00\x00\x00\x02" * 3 + b"\x00\x00\x00\x07"))
    with pytest.raises(_rxdr.UnsupportedRData):
        _rxdr.read_rdata(bad)
    with warnings.catch_warnings(), pytest.raises(BoundaryError, match="x.rda"):
        warnings.simplefilter("ignore")
        parse_rda(bad)


def test_parsed_once_per_file_content(tmp_path, raw_dir, monkeypatch):
    """The second read of the same content comes from the GeoParquet cache, not the parser."""
    import shutil

    from camau_gis import settings
    from camau_gis.io import vietnam63

    monkeypatch.setattr(settings, "derived_cache_dir", tmp_path / "derived")
    copy = tmp_path / "provinces.rda"
    shutil.copy(raw_dir / "provinces.rda", copy)
    first = vietnam63.read_rda(copy)
    (entry,) = (tmp_path / "derived" / "vietnam63").glob("provinces_*.parquet")
    calls = []
    monkeypatch.setattr(vietnam63, "parse_rda", lambda *a, **k: calls.append(a))
    second = vietnam63.read_rda(copy)
    assert calls == []
    _same(second, first)
    entry.write_bytes(b"PAR1 damaged")  # a damaged entry is parsed again
    monkeypatch.undo()
    monkeypatch.setattr(settings, "derived_cache_dir", tmp_path / "derived")
    _same(vietnam63.read_rda(copy), first)
