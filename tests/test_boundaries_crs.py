"""CRS handling: usual Vietnamese systems round-trip; custom .prj; code columns; islands."""

from __future__ import annotations

import warnings

import pytest


@pytest.fixture(scope="module")
def raw_ca_mau(ca_mau_shp):
    import geopandas as gpd

    return gpd.read_file(ca_mau_shp, engine="pyogrio")


def _areas_match(got, ref) -> None:
    assert list(got["gso_code"]) == list(ref["gso_code"])
    ratio = got["area_km2"].to_numpy() / ref["area_km2"].to_numpy()
    assert abs(ratio - 1).max() < 0.005


@pytest.mark.parametrize("epsg", [4756, 3405, 32648, 5897, 9208])
def test_usual_systems_round_trip(epsg, raw_ca_mau, ca_mau_communes, tmp_path):
    from camau_gis.boundaries import load_communes
    from camau_gis.io.crs import identify

    path = tmp_path / f"ca_mau_{epsg}.shp"
    raw_ca_mau.to_crs(epsg=epsg).to_file(path, engine="pyogrio")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = load_communes(path)
    _areas_match(got, ca_mau_communes)
    # Centroids land where the original ones are (the VN-2000 shift is undone, not kept).
    shift = got.to_crs(32648).centroid.distance(ca_mau_communes.to_crs(32648).centroid)
    assert shift.max() < 1.0
    from pyproj import CRS

    assert identify(CRS.from_epsg(epsg)) == epsg


def _esri_prj(central_meridian: float, datum: str, towgs84: str = "") -> str:
    return (
        'PROJCS["VN_2000_Custom",GEOGCS["GCS_VN_2000",DATUM["' + datum + '",'
        'SPHEROID["WGS_1984",6378137.0,298.257223563]' + towgs84 + '],PRIMEM["Greenwich",0.0],'
        'UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],'
        'PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],'
        f'PARAMETER["Central_Meridian",{central_meridian}],PARAMETER["Scale_Factor",0.9999],'
        'PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]'
    )


@pytest.mark.parametrize(
    ("datum", "towgs84", "note"),
    [
        ("D_VN_2000_Hieu_chinh", "", "tied to EPSG:4756"),
        (
            "VN-2000",
            ",TOWGS84[-191.90441429,-39.30318279,-111.45032835,-0.00928836,0.01975479,"
            "-0.00427372,0.252906278]",
            "Position Vector",
        ),
    ],
    ids=["custom datum name", "own TOWGS84"],
)
def test_custom_vn2000_prj_uses_epsg6960(
    datum, towgs84, note, raw_ca_mau, ca_mau_communes, tmp_path
):
    from camau_gis.boundaries import load_communes
    from camau_gis.io.boundaries import read_polygons

    path = tmp_path / "custom.shp"
    raw_ca_mau.to_crs("EPSG:9207").to_file(path, engine="pyogrio")
    path.with_suffix(".prj").write_text(_esri_prj(104.5, datum, towgs84))
    info = read_polygons(path).attrs["camau_gis"]["crs"]
    assert info["epsg"] == 9207 and info["transformation"].startswith("EPSG:6960")
    assert any(note in n for n in info["notes"])
    got = load_communes(path)
    _areas_match(got, ca_mau_communes)
    shift = got.to_crs(32648).centroid.distance(ca_mau_communes.to_crs(32648).centroid)
    assert shift.max() < 1.0


def test_gso_code_column_alone_is_enough(raw_ca_mau, ca_mau_communes, tmp_path):
    from camau_gis.boundaries import load_communes

    coded = ca_mau_communes[["gso_code", "geometry"]].rename(columns={"gso_code": "MA_XA"})
    coded["MA_XA"] = coded["MA_XA"].astype(int)  # codes stored as numbers lose nothing
    path = tmp_path / "coded.gpkg"
    coded.to_file(path, engine="pyogrio")
    got = load_communes(path)
    assert got.attrs["camau_gis"]["layout"] == "GSO-coded"
    assert list(got["gso_code"]) == list(ca_mau_communes["gso_code"])
    assert list(got["name"]) == list(ca_mau_communes["name"])


def test_cpg_1258_is_honoured_and_normalised(raw_ca_mau, ca_mau_communes, tmp_path):
    import unicodedata

    from camau_gis.boundaries import load_communes
    from camau_gis.io.boundaries import read_polygons

    path = tmp_path / "cp1258.shp"
    short = raw_ca_mau.rename(
        columns={"commune_vn": "tenxa", "district_v": "tenhuyen", "province_v": "tentinh"}
    )
    short = short[["tenxa", "tenhuyen", "tentinh", "geometry"]]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        short.to_file(path, engine="pyogrio", encoding="cp1258")
    path.with_suffix(".cpg").write_text("1258")
    got = read_polygons(path)
    assert got.attrs["camau_gis"]["encoding"]["declared"] == "1258"
    assert all(unicodedata.is_normalized("NFC", v) for v in got["tenxa"])
    assert list(got["tenxa"]) == list(raw_ca_mau["commune_vn"])
    assert list(load_communes(path)["gso_code"]) == list(ca_mau_communes["gso_code"])


def test_islands_stay_multipart(ca_mau_communes):
    tan_an = ca_mau_communes.loc[ca_mau_communes["name"] == "Xã Tân Ân"].geometry.iloc[0]
    assert tan_an.geom_type == "MultiPolygon" and len(tan_an.geoms) == 3
