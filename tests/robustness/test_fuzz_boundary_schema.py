"""Property tests of boundary schema detection: any columns and values give a table or our error.

A boundary layer's columns are recognised by name (:func:`detect_columns`,
:func:`detect_layout`) and its rows coded by value (:func:`to_canonical`).
Random column names (known ones, Shapefile-cut, upper case, Vietnamese,
empty, duplicates, very long) and random cell types must end in a canonical
table or in a :class:`~camau_gis.errors.CamauGisError`, never in another
exception. Hypothesis is derandomised so CI runs are reproducible.
"""

from __future__ import annotations

import math
import warnings

import pytest
from _fuzz import DEEP, fuzz_settings, scratch_dir
from hypothesis import given, settings
from hypothesis import strategies as st

from camau_gis.errors import CamauGisError, SchemaError
from camau_gis.normalize.communes import (
    COLUMN_CANDIDATES,
    LAYOUTS,
    ColumnMap,
    detect_columns,
    detect_layout,
    to_canonical,
)
from camau_gis.schema import COMMUNE_COLUMNS

FUZZ = fuzz_settings(15)

KNOWN = sorted({c for cands in COLUMN_CANDIDATES.values() for c in cands}
               | {m for marks in LAYOUTS.values() for m in marks})
COLUMN = st.one_of(
    st.sampled_from(KNOWN),
    st.sampled_from(KNOWN).map(str.upper),
    st.sampled_from(KNOWN).map(lambda c: c[:10]),  # Shapefile-cut
    st.sampled_from(["Tên xã", "Huyện", "Tỉnh", "Mã xã", "", " ", "geometry_1", "fid", "OBJECTID",
                     "x" * 300, "commune ", "NAME_3 ", "ten-xa", "TÊN_XÃ"]),
    st.text(max_size=15),
)
TEXT = st.one_of(
    st.sampled_from([
        "Xã Hiệp Tùng", "Hiep Tung", "Phường 1", "P.1", "Thị trấn Năm Căn", "TT Sông Đốc",
        "Huyện Năm Căn", "Thành phố Cà Mau", "TP. Cà Mau", "Cà Mau", "Ca Mau", "Bạc Liêu",
        "Tỉnh Cà Mau", "32197", "32197.0", "96", "xã", "phường", "thị trấn", "Ð", "b'\\xc3'",
        "", " ", "nan", "None", "0" * 50, "9" * 400,
    ]),
    st.text(max_size=20),
)
VALUE = st.one_of(
    st.none(),
    st.just(math.nan),
    st.booleans(),
    st.integers(-(2**31), 2**31),
    st.floats(allow_nan=True, allow_infinity=True),
    TEXT,
)
_DIR, _cleanup = scratch_dir("camau_fuzz_")  # files overwritten per example


PROVINCE = st.sampled_from(["Cà Mau", "ca mau", "96", "*", "all", "Không có", "Bạc Liêu", "00"])


@FUZZ
@given(st.lists(COLUMN, max_size=12), st.dictionaries(
    st.sampled_from([*COLUMN_CANDIDATES, "bad_role"]), COLUMN, max_size=2))
def test_detect_columns_gives_a_map_or_schema_error(columns, mapping):
    assert isinstance(detect_layout(columns), str)
    try:
        found = detect_columns(columns, mapping or None)
    except SchemaError as exc:
        assert "các cột hiện có" in str(exc) or "vai trò" in str(exc)
        return
    assert isinstance(found, ColumnMap)
    for role in COLUMN_CANDIDATES:
        col = getattr(found, role)
        assert col is None or col in columns
    assert found.commune is not None or found.code is not None
    assert "geometry" not in found.seen


@st.composite
def layers(draw):
    """A small GeoDataFrame with random columns and values, near Cà Mau or anywhere."""
    import geopandas as gpd
    import shapely

    columns = draw(st.lists(COLUMN, min_size=1, max_size=6, unique=True))
    columns = [c for c in columns if c != "geometry"] or ["name"]
    n = draw(st.integers(1, 6))
    data = {c: draw(st.lists(VALUE, min_size=n, max_size=n)) for c in columns}
    lon0, lat0 = draw(st.sampled_from([(104.9, 8.6), (105.1, 9.2), (106.7, 10.8), (0.0, 0.0)]))
    geoms = []
    for i in range(n):
        size = draw(st.sampled_from([0.01, 0.05, 0.0]))  # 0.0: an empty, invalid polygon
        x, y = lon0 + 0.06 * i, lat0
        geoms.append(shapely.box(x, y, x + size, y + size) if size else shapely.Polygon())
    crs = draw(st.sampled_from(["EPSG:4326", None, "EPSG:32648"]))
    if crs == "EPSG:32648":
        return gpd.GeoDataFrame(data, geometry=geoms, crs="EPSG:4326").to_crs(crs)
    return gpd.GeoDataFrame(data, geometry=geoms, crs=crs)


def _canonical(raw, province, columns=None):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # CodingWarning, GeometryWarning: reported, not raised
        return to_canonical(raw, province=province, columns=columns, source="fuzz.gpkg")


@settings(FUZZ, max_examples=DEEP or 10)
@given(layers(), PROVINCE)
def test_to_canonical_gives_a_table_or_our_error(raw, province):
    try:
        out = _canonical(raw, province)
    except CamauGisError as exc:
        assert str(exc).strip()
        return
    assert list(out.columns) == [*COMMUNE_COLUMNS, "geometry"]
    assert len(out) <= len(raw)
    assert out["gso_code"].map(lambda c: c == "" or (len(c) == 5 and c.isdigit())).all()
    coded = out["gso_code"][out["gso_code"] != ""]
    assert coded.is_unique
    assert str(out.crs).upper() in ("EPSG:4326", "OGC:CRS84")


@settings(FUZZ, max_examples=DEEP or 10)
@given(st.lists(VALUE, min_size=1, max_size=5), st.lists(VALUE, min_size=1, max_size=5),
       st.lists(VALUE, min_size=1, max_size=5))
def test_vietnam63_layout_with_random_values(communes, districts, codes):
    """The national layout's columns holding anything at all."""
    import geopandas as gpd
    import shapely

    n = min(len(communes), len(districts), len(codes))
    raw = gpd.GeoDataFrame(
        {"commune_vn": communes[:n], "district_vn": districts[:n], "province_vn": ["Cà Mau"] * n,
         "ma_xa": codes[:n]},
        geometry=[shapely.box(105 + 0.05 * i, 9, 105.04 + 0.05 * i, 9.04) for i in range(n)],
        crs="EPSG:4326",
    )
    assert detect_layout(list(raw.columns)) == "vietnam63"
    try:
        out = _canonical(raw, "Cà Mau")
    except CamauGisError:
        return
    assert len(out) == n  # a provincial layer keeps every feature, coded or not


@pytest.mark.parametrize("fmt", ["GPKG", "GeoJSON", "ESRI Shapefile"])
def test_inspect_files_with_odd_columns(tmp_path, fmt):
    """Written files with duplicate-looking, empty-valued and Vietnamese columns: report or error."""
    import geopandas as gpd
    import shapely

    from camau_gis.normalize.inspect import inspect_boundaries

    raw = gpd.GeoDataFrame(
        {"Tên xã": ["Xã Hiệp Tùng", None, "P.1"], "TEN_XA": ["", "Đất Mũi", None],
         "Huyện": ["Năm Căn", "Ngọc Hiển", "TP Cà Mau"], "Mã": [None, 32248.0, math.nan],
         "x" * 60: ["a", "b", "c"]},
        geometry=[shapely.box(105 + 0.05 * i, 9, 105.04 + 0.05 * i, 9.04) for i in range(3)],
        crs="EPSG:4326",
    )
    path = tmp_path / ("b.shp" if fmt == "ESRI Shapefile" else f"b.{fmt.lower()}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        raw.to_file(path, driver=fmt, engine="pyogrio")
    try:
        report = inspect_boundaries(path)
    except CamauGisError as exc:
        assert str(path.name) in str(exc) or "các cột hiện có" in str(exc)
        return
    assert report["features"] == 3 and report["layout"]


JSON_VALUE = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**53), 2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    TEXT,
)


@settings(FUZZ, max_examples=DEEP or 12)
@given(st.lists(st.dictionaries(COLUMN, JSON_VALUE, max_size=6), min_size=1, max_size=5),
       PROVINCE)
def test_geojson_with_random_properties_through_the_reader(features, province):
    """Real files through GDAL: random property names and values, then schema detection."""
    import json

    from camau_gis.normalize.communes import load_canonical

    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": props,
         "geometry": {"type": "Polygon", "coordinates": [[
             [105 + 0.05 * i, 9.0], [105.04 + 0.05 * i, 9.0], [105.04 + 0.05 * i, 9.04],
             [105 + 0.05 * i, 9.04], [105 + 0.05 * i, 9.0]]]}}
        for i, props in enumerate(features)]}
    path = _DIR / "b.geojson"
    path.write_text(json.dumps(fc, ensure_ascii=False), encoding="utf-8")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out = load_canonical(path, province=province, check_position=False, cache=False)
    except CamauGisError as exc:
        assert str(exc).strip()
        return
    assert list(out.columns) == [*COMMUNE_COLUMNS, "geometry"] and len(out) <= len(features)


@settings(max_examples=DEEP or 15, deadline=None, derandomize=not DEEP, database=None)
@given(st.binary(max_size=200), st.sampled_from([b"", b"RDX2\nX\n", b"RDX3\nX\n",
                                                b"\x1f\x8b\x08\x00"]))
def test_rda_reader_random_bytes(body, head):
    from camau_gis.errors import BoundaryError
    from camau_gis.io.vietnam63 import read_rda

    path = _DIR / "communes.rda"
    path.write_bytes(head + body)
    with pytest.raises(BoundaryError, match="communes.rda"):
        read_rda(path)


@pytest.mark.parametrize("province_column", [False, True])
@pytest.mark.parametrize("geometry", [None, {"type": "Polygon", "coordinates": []}])
def test_feature_without_a_shape_is_reported_not_a_crash(province_column, geometry):
    """Found by this file's search: a layer without a province column and an empty shape."""
    import json

    from camau_gis.errors import BoundaryError
    from camau_gis.normalize.communes import load_canonical

    box = {"type": "Polygon", "coordinates": [[[105.0, 9.0], [105.04, 9.0], [105.04, 9.04],
                                               [105.0, 9.04], [105.0, 9.0]]]}
    extra = {"province_vn": "Cà Mau"} if province_column else {}
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"shapeName": "Xã Hiệp Tùng", **extra}, "geometry": box},
        {"type": "Feature", "properties": {"shapeName": "Xã Đất Mũi", **extra},
         "geometry": geometry},
    ]}
    path = _DIR / "shapeless.geojson"
    path.write_text(json.dumps(fc, ensure_ascii=False), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(BoundaryError, match="không có hình học") as err:
            load_canonical(path, check_position=False, cache=False)
    assert "Đất Mũi" in str(err.value)
