"""Broken boundary files give the documented repair or error, naming the feature.

Policy under test (docs/boundaries.md): self-intersections are repaired and
reported; empty geometry is refused; overlaps are reported by ``inspect``; a
``.prj`` for the wrong zone, a missing ``.prj`` and coordinates outside
Vietnam are refused with the likely cause and a ``--crs`` hint.
"""

from __future__ import annotations

import warnings

import pytest

from camau_gis.errors import BoundaryError, SchemaError


@pytest.fixture(scope="session")
def raw_ca_mau(ca_mau_shp):
    import geopandas as gpd

    return gpd.read_file(ca_mau_shp, engine="pyogrio")


def _write(gdf, path, **kw):
    gdf.to_file(path, engine="pyogrio", **kw)
    return path


def _row(raw, name):
    return int(raw.index[raw["commune_vn"] == name][0])


def test_self_intersecting_polygon_is_repaired_and_named(raw_ca_mau, tmp_path):
    import shapely

    from camau_gis.boundaries import load_communes
    from camau_gis.errors import GeometryWarning

    gdf = raw_ca_mau.copy()
    i = _row(gdf, "Xã Hiệp Tùng")
    x0, y0, x1, y1 = gdf.geometry[i].bounds
    bowtie = shapely.Polygon([(x0, y0), (x1, y1), (x1, y0), (x0, y1), (x0, y0)])
    assert not bowtie.is_valid
    gdf.loc[i, "geometry"] = bowtie
    path = _write(gdf, tmp_path / "bowtie.shp")
    with pytest.warns(GeometryWarning, match=r"Xã Hiệp Tùng \(Huyện Năm Căn\).*Self-intersection"):
        got = load_communes(path)
    fixed = got.loc[got["name"] == "Xã Hiệp Tùng"].geometry.iloc[0]
    assert fixed.is_valid and fixed.geom_type in ("Polygon", "MultiPolygon")
    assert got.attrs["camau_gis"]["repaired"][0]["features"] == ["Xã Hiệp Tùng (Huyện Năm Căn)"]
    assert len(got) == 101


def test_empty_geometry_is_refused_with_the_name(raw_ca_mau, tmp_path):
    from camau_gis.boundaries import load_communes

    gdf = raw_ca_mau.copy()
    gdf.loc[_row(gdf, "Xã Đất Mũi"), "geometry"] = None
    path = _write(gdf, tmp_path / "empty.gpkg")
    with pytest.raises(BoundaryError, match=r"không có hình học.*Xã Đất Mũi \(Huyện Ngọc Hiển\)"):
        load_communes(path)


def test_overlapping_neighbours_are_reported_by_name(ca_mau_communes):
    from camau_gis.normalize.topology import overlaps_and_gaps

    gdf = ca_mau_communes.copy()
    i = int(gdf.index[gdf["name"] == "Xã Tân Thành"][0])
    j = int(gdf.index[gdf["name"] == "Phường Tân Thành"][0])
    gdf.loc[i, "geometry"] = gdf.geometry[i].union(gdf.geometry[j].buffer(-0.002))
    pair = {"Xã Tân Thành (Thành phố Cà Mau)", "Phường Tân Thành (Thành phố Cà Mau)"}

    def overlap_of_pair(layer):
        found = [
            p
            for p in overlaps_and_gaps(layer, tolerance_m2=1e4)
            if p.kind == "overlap" and set(p.features) == pair
        ]
        return found[0].area_m2 if found else 0.0

    assert overlap_of_pair(ca_mau_communes) < 1e6  # vietnam63's own slivers are small
    assert overlap_of_pair(gdf) > 1e6


def test_duplicate_feature_is_refused(raw_ca_mau, tmp_path):
    import pandas as pd

    from camau_gis.boundaries import load_communes

    gdf = pd.concat([raw_ca_mau, raw_ca_mau.iloc[[5]]], ignore_index=True)
    path = _write(gdf, tmp_path / "dup.gpkg")
    name = raw_ca_mau["commune_vn"].iloc[5]
    with pytest.raises(BoundaryError, match=rf"được gán cho nhiều đối tượng .*{name}"):
        load_communes(path)


def test_prj_for_the_wrong_zone_is_refused_with_the_right_candidate(raw_ca_mau, tmp_path):
    from camau_gis.boundaries import load_communes

    tm3 = raw_ca_mau.to_crs("EPSG:9207")  # Cà Mau's meridian 104°30'
    wrong = tm3.set_crs("EPSG:5897", allow_override=True)  # .prj says 105°00'
    path = _write(wrong, tmp_path / "wrong_zone.shp")
    with pytest.raises(
        BoundaryError, match=r"cách vị trí chính thức khoảng \d+ km \(Phường .*EPSG:9207"
    ):
        load_communes(path)
    # the user's fix works
    got = load_communes(path, crs="EPSG:9207")
    assert len(got) == 101 and (got["gso_code"] != "").all()


def test_missing_prj_with_projected_coordinates_names_candidates(raw_ca_mau, tmp_path):
    from camau_gis.boundaries import load_communes

    path = _write(raw_ca_mau.to_crs("EPSG:9207"), tmp_path / "noprj.shp")
    path.with_suffix(".prj").unlink()
    with pytest.raises(BoundaryError, match=r"không có hệ tọa độ.*--crs") as err:
        load_communes(path)
    msg = str(err.value)
    assert msg.index("EPSG:9207") < msg.index("EPSG:5897")  # Cà Mau's own meridian first
    assert "55 km" in msg
    got = load_communes(path, crs="EPSG:9207")
    assert len(got) == 101


def test_missing_prj_with_degrees_is_read_as_wgs84(raw_ca_mau, tmp_path):
    from camau_gis.io.boundaries import read_polygons

    path = _write(raw_ca_mau, tmp_path / "deg.shp")
    path.with_suffix(".prj").unlink()
    got = read_polygons(path)
    info = got.attrs["camau_gis"]["crs"]
    assert got.crs.to_epsg() == 4326
    assert info["source"].startswith("assumed")
    assert any("EPSG:4756" in n for n in info["notes"])


@pytest.mark.parametrize(
    ("transform", "cause"),
    [
        (
            lambda g: g.set_crs("EPSG:4326", allow_override=True).pipe(
                lambda x: x.set_geometry(x.geometry.map(_swap))
            ),
            "kinh độ và vĩ độ bị đảo chỗ",
        ),
        (lambda g: g.to_crs("EPSG:9207").set_crs("EPSG:4326", allow_override=True), "chứa tọa độ mét"),
        (
            lambda g: g.to_crs("EPSG:32648").set_crs("EPSG:32647", allow_override=True),
            "không khớp với các tọa độ này.*EPSG:32648",
        ),
    ],
    ids=["lat-lon swapped", "metres labelled degrees", "wrong UTM zone"],
)
def test_outside_vietnam_is_refused_with_the_cause(raw_ca_mau, tmp_path, transform, cause):
    from camau_gis.io.boundaries import read_polygons

    path = _write(transform(raw_ca_mau), tmp_path / "bad.gpkg")
    with pytest.raises(BoundaryError, match=rf"nằm ngoài Việt Nam; nguyên nhân có thể là: .*{cause}"):
        read_polygons(path)


def _swap(geom):
    import shapely

    return shapely.transform(geom, lambda xy: xy[:, ::-1])


def test_prj_name_is_not_trusted_over_its_parameters(raw_ca_mau, tmp_path):
    from camau_gis.boundaries import load_communes
    from camau_gis.io.boundaries import read_polygons

    path = _write(raw_ca_mau.to_crs("EPSG:9207"), tmp_path / "named.shp")
    wkt = path.with_suffix(".prj").read_text()
    path.with_suffix(".prj").write_text(wkt.replace("VN-2000_TM-3_104-30", "WGS_1984_UTM_Zone_48N"))
    info = read_polygons(path).attrs["camau_gis"]["crs"]
    assert info["epsg"] == 9207
    assert any("parameters are used" in n for n in info["notes"])
    assert (load_communes(path)["gso_code"] != "").all()


def test_vn2000_degrees_labelled_wgs84_are_flagged(ca_mau_communes, tmp_path):
    from camau_gis.normalize.topology import check_all, datum_offset

    # Coordinates that are really VN-2000 lon/lat, but stored as if WGS 84.
    shifted = ca_mau_communes.to_crs("EPSG:4756").set_crs("EPSG:4326", allow_override=True)
    off = datum_offset(shifted, ca_mau_communes)
    assert off["looks_vn2000"]
    assert 180 < (off["dx_m"] ** 2 + off["dy_m"] ** 2) ** 0.5 < 270
    kinds = {p.kind for p in check_all(shifted, reference=ca_mau_communes, tolerance_m2=1e9)}
    assert "offset" in kinds
    # The same check on the reference itself finds nothing.
    assert not datum_offset(ca_mau_communes, ca_mau_communes)["looks_vn2000"]


def test_no_name_column_lists_the_columns_seen(raw_ca_mau, tmp_path):
    from camau_gis.boundaries import load_communes

    gdf = raw_ca_mau[["object_id", "shape_area", "geometry"]]
    path = _write(gdf, tmp_path / "nonames.gpkg")
    with pytest.raises(
        SchemaError, match=r"các cột hiện có: \['object_id', 'shape_area'\].*--columns"
    ):
        load_communes(path)


def test_explicit_column_mapping_overrides_detection(raw_ca_mau, tmp_path):
    from camau_gis.boundaries import load_communes

    gdf = raw_ca_mau.rename(
        columns={"commune_vn": "ten", "district_v": "huyen_ten", "province_v": "tinh_ten"}
    ).drop(columns=["commune"])
    path = _write(gdf, tmp_path / "custom.gpkg")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = load_communes(
            path, columns={"commune": "ten", "district": "huyen_ten", "province": "tinh_ten"}
        )
    assert (got["gso_code"] != "").sum() == 101


def test_coverage_summary_agrees_with_the_itemised_problems(ca_mau_communes):
    """The totals match what the data README states (9.7 km² overlap, 257 gaps, 11.7 km²)."""
    from camau_gis.normalize.topology import coverage_summary, overlaps_and_gaps

    cov = coverage_summary(ca_mau_communes)
    assert not cov["valid"]
    assert cov["overlap_km2"] == pytest.approx(9.7, abs=0.05)
    assert cov["gaps"] == 257 and cov["gaps_km2"] == pytest.approx(11.7, abs=0.05)
    items = overlaps_and_gaps(ca_mau_communes, tolerance_m2=0.0)
    overlaps = [p.area_m2 for p in items if p.kind == "overlap"]
    gaps = [p.area_m2 for p in items if p.kind == "gap"]
    assert sum(overlaps) / 1e6 == pytest.approx(cov["overlap_km2"], abs=1e-3)
    assert len(gaps) == cov["gaps"]


@pytest.mark.parametrize(
    "name,content",
    [("xa.csv", b"ten_xa,huyen\nHi\xe1\xbb\x87p T\xc3\xb9ng,N\xc4\x83m C\xc4\x83n\n"),
     ("noise.csv", bytes(range(1, 32)) * 20)],
    ids=["table", "noise"],
)
def test_table_without_geometry_is_refused_with_its_columns(name, content, tmp_path):
    from camau_gis.io.boundaries import read_polygons

    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(BoundaryError, match=r"là bảng không có hình học \(các cột: ") as info:
        read_polygons(path)
    message = str(info.value)
    assert message.startswith(f"{path}, lớp ")
    assert all(c.isprintable() for c in message)  # control bytes are not echoed to the terminal
    if name == "xa.csv":
        assert "ten_xa, huyen" in message
