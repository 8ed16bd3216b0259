"""Province selection and coding beyond Cà Mau: Bạc Liêu (64) and the national layer (11,163)."""

from __future__ import annotations

import warnings

import pytest

from camau_gis.errors import BoundaryError, CodingWarning


def test_bac_lieu_64_units_all_coded(bac_lieu_shp):
    from camau_gis.boundaries import load_communes

    with warnings.catch_warnings():
        warnings.simplefilter("error", CodingWarning)
        got = load_communes(bac_lieu_shp, province="Bạc Liêu")
    assert len(got) == 64
    assert got["gso_code"].str.fullmatch(r"\d{5}").all() and got["gso_code"].is_unique
    assert set(got["prov_code"]) == {"95"}


def test_gia_rai_2015_wards_get_their_2019_codes(bac_lieu_shp):
    """vietnam63 (2008) has Huyện Giá Rai; in 2019 it was Thị xã Giá Rai (NQ 989/NQ-UBTVQH13)."""
    from camau_gis.boundaries import load_communes

    got = load_communes(bac_lieu_shp, province="bac lieu").set_index("gso_code")
    assert got.loc["31942", "name"] == "Phường 1"
    assert got.loc["31945", "name"] == "Phường Hộ Phòng"
    assert got.loc["31951", "name"] == "Phường Láng Tròn"
    assert set(got.loc[["31942", "31945", "31951"], "district"]) == {"Thị xã Giá Rai"}
    # Phong Thạnh Đông (without A) is a different commune and keeps its own code.
    assert got.loc["31948", "name"] == "Xã Phong Thạnh Đông"


@pytest.fixture(scope="module")
def national_raw(national_gpkg):
    from camau_gis.io.boundaries import read_polygons

    return read_polygons(national_gpkg, layer="communes")


@pytest.mark.slow
def test_national_layer_keeps_every_row(national_raw):
    from camau_gis.normalize.communes import to_canonical

    with pytest.warns(CodingWarning, match=r"không gán được mã GSO") as rec:
        got = to_canonical(national_raw, province="*", source="vietnam_admin_2008.gpkg")
    assert len(got) == 11163
    assert got["prov_code"].nunique() == 63 and got["province"].nunique() == 63
    uncoded = got[got["gso_code"] == ""]
    n = int(str(rec[0].message).split(": ")[1].split(" đơn vị")[0])
    assert n == len(uncoded) > 0  # the 2008 units merged or renamed by 2019-2025 are reported
    coded = got[got["gso_code"] != ""]
    assert coded["gso_code"].is_unique
    # Codes agree with the row-by-row reference lookup on a sample.
    from camau_gis.normalize import gso
    from camau_gis.text import split_unit_type

    for _, row in national_raw.sample(120, random_state=1).iterrows():
        utype, short = split_unit_type(row["commune_vn"])
        unit = gso.lookup(row["province_vn"], row["district_vn"], utype, short)
        if unit is not None:
            assert unit.gso_code in set(coded["gso_code"])


@pytest.mark.slow
@pytest.mark.parametrize(
    ("province", "n", "code"),
    [
        ("Bạc Liêu", 64, "95"),
        ("Tỉnh Bac Lieu", 64, "95"),
        ("95", 64, "95"),
        ("ca mau", 101, "96"),
        ("Hà Nội", 584, "01"),
        ("Thành phố Hà Nội", 584, "01"),
    ],
)
def test_select_any_province_by_name_or_code(national_raw, province, n, code):
    from camau_gis.normalize.communes import to_canonical

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CodingWarning)
        got = to_canonical(national_raw, province=province)
    assert len(got) == n
    assert set(got["prov_code"]) == {code}


@pytest.mark.slow
def test_unknown_province_lists_those_present(national_raw):
    from camau_gis.normalize.communes import to_canonical

    with pytest.raises(
        BoundaryError, match=r"không có đối tượng nào của tỉnh 'Atlantis'.*các tỉnh có trong tệp"
    ):
        to_canonical(national_raw, province="Atlantis")


def test_same_name_different_type_kept_apart(ca_mau_communes):
    tt = ca_mau_communes[ca_mau_communes["short_name"] == "Thới Bình"].sort_values("gso_code")
    assert list(tt["unit_type"]) == ["thị trấn", "xã"]
    assert tt["gso_code"].is_unique
    twins = ca_mau_communes.set_index("name").loc[["Xã Đất Mới", "Xã Đất Mũi"]]
    assert list(twins["dist_short"]) == ["Năm Căn", "Ngọc Hiển"]
