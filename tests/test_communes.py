"""The canonical commune table built from the real Cà Mau boundaries."""

from __future__ import annotations

import pytest

from camau_gis.schema import COMMUNE_COLUMNS


def _row(communes, **where):
    mask = True
    for col, value in where.items():
        mask = mask & (communes[col] == value)
    rows = communes[mask]
    assert len(rows) == 1, f"expected one row for {where}, got {len(rows)}"
    return rows.iloc[0]


def test_101_units_in_9_districts_with_unique_gso_codes(ca_mau_communes):
    c = ca_mau_communes
    assert list(c.columns) == [*COMMUNE_COLUMNS, "geometry"]
    assert len(c) == 101
    assert c["dist_code"].nunique() == 9 and c["district"].nunique() == 9
    assert c["gso_code"].str.fullmatch(r"\d{5}").all()
    assert c["gso_code"].is_unique
    assert (c["prov_code"] == "96").all() and (c["province"] == "Tỉnh Cà Mau").all()
    # what the boundary file holds (the 2008-2024 units): 82 xã, 10 phường, 9 thị trấn
    assert c["unit_type"].value_counts().to_dict() == {"xã": 82, "phường": 10, "thị trấn": 9}
    assert c.crs.to_epsg() == 4326


def test_known_codes(ca_mau_communes):
    c = ca_mau_communes
    hiep_tung = _row(c, short_name="Hiệp Tùng")
    assert (hiep_tung["gso_code"], hiep_tung["dist_code"]) == ("32197", "971")
    assert hiep_tung["district"] == "Huyện Năm Căn"
    assert _row(c, name="Thị trấn Năm Căn")["gso_code"] == "32191"


def test_same_name_xa_and_phuong_kept_apart(ca_mau_communes):
    c = ca_mau_communes
    phuong = _row(c, name="Phường Tân Thành")
    xa = _row(c, name="Xã Tân Thành")
    assert phuong["gso_code"] == "32025" and xa["gso_code"] == "32026"
    assert phuong["district"] == xa["district"] == "Thành phố Cà Mau"
    assert not phuong.geometry.equals(xa.geometry)
    tt = _row(c, name="Thị trấn Thới Bình")
    x = _row(c, name="Xã Thới Bình")
    assert (tt["gso_code"], x["gso_code"]) == ("32065", "32077")


def test_near_twins_dat_moi_dat_mui(ca_mau_communes):
    c = ca_mau_communes
    moi = _row(c, short_name="Đất Mới")
    mui = _row(c, short_name="Đất Mũi")
    assert (moi["gso_code"], moi["dist_short"]) == ("32200", "Năm Căn")
    assert (mui["gso_code"], mui["dist_short"]) == ("32248", "Ngọc Hiển")


def test_codes_are_those_of_the_boundaries_date(ca_mau_communes):
    """Phường 4 exists in these (pre-2024-12-01) boundaries, with its own 2019 code.

    Post-2024 tables give the merged Phường 2 the code 32002, which in 2019 was
    Phường 4's; Phường 2's own 2019 code was 32011.
    """
    c = ca_mau_communes
    assert _row(c, name="Phường 4")["gso_code"] == "32002"
    assert _row(c, name="Phường 2")["gso_code"] == "32011"
    assert (c["vintage"] == "2019").all()
    assert "Phường 3" not in set(c["name"])


def test_islands_kept_as_parts(ca_mau_communes):
    # Hòn Khoai lies off Đất Mũi / Tân Ân: multipart communes keep every polygon part
    import shapely

    parts = shapely.get_num_geometries(ca_mau_communes.geometry.values)
    assert parts.max() > 1


def test_area_in_km2(ca_mau_communes):
    total = ca_mau_communes["area_km2"].sum()
    # the province is about 5,250 km² (data README); overlaps in the low-res data add a little
    assert total == pytest.approx(5250, rel=0.02)
    assert (ca_mau_communes["area_km2"] > 0).all()


def test_unit_without_code_is_reported_not_dropped(ca_mau_shp):
    import geopandas as gpd

    from camau_gis.errors import CodingWarning
    from camau_gis.normalize.communes import to_canonical

    raw = gpd.read_file(ca_mau_shp)
    raw.loc[0, "commune_vn"] = "Xã Không Có Thật"
    with pytest.warns(CodingWarning, match="Xã Không Có Thật"):
        out = to_canonical(raw)
    assert len(out) == 101
    assert (out["gso_code"] == "").sum() == 1
