"""The same 101 Cà Mau communes come out of every format, CRS, encoding and layout.

Each variant is written here from the shared Shapefile (nothing is stored in
the repository), read back through the public loader and compared with the
canonical table of the original: same GSO codes, areas within 0.5 %.
"""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

import pytest

from camau_gis.io.encoding import encode_legacy

TEXT_COLUMNS = ("province", "district", "commune", "province_v", "district_v", "commune_vn")


def _raw(ca_mau_shp):
    import geopandas as gpd

    return gpd.read_file(ca_mau_shp, engine="pyogrio")


def _shapefile(gdf, path: Path, *, keep_cpg: bool = True, **kw) -> Path:
    gdf.to_file(path, driver="ESRI Shapefile", engine="pyogrio", **kw)
    if not keep_cpg:
        path.with_suffix(".cpg").unlink(missing_ok=True)
    return path


def _legacy(gdf, path: Path, encoding: str) -> Path:
    out = gdf.copy()
    for col in TEXT_COLUMNS:
        out[col] = [encode_legacy(v, encoding).decode("latin-1") for v in out[col]]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return _shapefile(out, path, keep_cpg=False, encoding="latin1")


def _gadm(gdf):
    from camau_gis.text import split_unit_type, strip_district_prefix

    split = [split_unit_type(v) for v in gdf["commune_vn"]]
    return gdf.assign(
        GID_3=[f"VNM.13.{i // 20 + 1}.{i % 20 + 1}_1" for i in range(len(gdf))],
        NAME_1=gdf["province_v"],
        NAME_2=[strip_district_prefix(d) for d in gdf["district_v"]],
        NAME_3=[s for _, s in split],
        TYPE_3=[{"xã": "Xã", "phường": "Phường", "thị trấn": "Thị trấn"}[t] for t, _ in split],
        ENGTYPE_3=["Commune"] * len(gdf),
    )[["GID_3", "NAME_1", "NAME_2", "NAME_3", "TYPE_3", "ENGTYPE_3", "geometry"]]


def _make(kind: str, src: Path, folder: Path) -> Path:
    gdf = _raw(src)
    if kind == "shapefile":
        return src
    if kind == "tm3_vn2000":
        return _shapefile(gdf.to_crs("EPSG:9207"), folder / "tm3.shp")
    if kind == "zip":
        path = folder / "ca_mau.zip"
        with zipfile.ZipFile(path, "w") as zf:
            for part in src.parent.glob(src.stem + ".*"):
                zf.write(part, part.name)
        return path
    if kind == "gpkg":
        path = folder / "ca_mau.gpkg"
        gdf.to_file(path, layer="xa", driver="GPKG", engine="pyogrio")
        return path
    if kind == "geojson":
        path = folder / "ca_mau.geojson"
        gdf.to_file(path, driver="GeoJSON", engine="pyogrio")
        return path
    if kind in ("tcvn3", "vni", "cp1258"):
        return _legacy(gdf, folder / f"{kind}.shp", kind)
    if kind == "mapinfo_tcvn3":  # an old MapInfo export: charset "Neutral", TCVN3 bytes
        out = gdf[[*TEXT_COLUMNS, "geometry"]].copy()
        for col in TEXT_COLUMNS:
            out[col] = [encode_legacy(v, "tcvn3").decode("latin-1") for v in out[col]]
        path = folder / "ca_mau.tab"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            out.to_file(path, driver="MapInfo File", engine="pyogrio", encoding="latin1")
        return path
    if kind == "gadm":
        return _shapefile(_gadm(gdf), folder / "gadm.shp", encoding="UTF-8")
    raise AssertionError(kind)


VARIANTS = [
    "shapefile",
    "tm3_vn2000",
    "zip",
    "gpkg",
    "geojson",
    "tcvn3",
    "vni",
    "cp1258",
    "gadm",
    "mapinfo_tcvn3",
]


@pytest.fixture(scope="session")
def variant_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("variants")


@pytest.mark.parametrize("kind", VARIANTS)
def test_variant_gives_the_same_101_communes(kind, ca_mau_shp, ca_mau_communes, variant_dir):
    from camau_gis.boundaries import load_communes

    folder = variant_dir / kind
    folder.mkdir(exist_ok=True)
    path = _make(kind, ca_mau_shp, folder)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no unit may stay uncoded, nothing may be repaired
        got = load_communes(path)
    assert len(got) == 101
    assert list(got["gso_code"]) == list(ca_mau_communes["gso_code"])
    assert list(got["name"]) == list(ca_mau_communes["name"])
    ratio = got["area_km2"].to_numpy() / ca_mau_communes["area_km2"].to_numpy()
    assert abs(ratio - 1).max() < 0.005
    assert got.crs.to_epsg() == 4326


def test_tm3_variant_reports_epsg6960(ca_mau_shp, variant_dir):
    from camau_gis.io.boundaries import read_polygons

    folder = variant_dir / "tm3_report"
    folder.mkdir(exist_ok=True)
    path = _make("tm3_vn2000", ca_mau_shp, folder)
    info = read_polygons(path).attrs["camau_gis"]["crs"]
    assert info["epsg"] == 9207
    assert info["transformation"].startswith("EPSG:6960")


@pytest.mark.parametrize("kind", ["tcvn3", "vni", "cp1258"])
def test_legacy_dbf_is_detected_per_column(kind, ca_mau_shp, variant_dir):
    from camau_gis.io.boundaries import read_polygons

    folder = variant_dir / f"{kind}_report"
    folder.mkdir(exist_ok=True)
    path = _make(kind, ca_mau_shp, folder)
    gdf = read_polygons(path)
    enc = gdf.attrs["camau_gis"]["encoding"]
    assert enc["declared"] is None
    # ASCII-only columns read the same in every encoding.
    assert enc["columns"]["commune"] == "ascii"
    assert enc["columns"]["commune_vn"] == kind
    assert enc["columns"]["district_v"] == kind
    original = _raw(ca_mau_shp)
    assert list(gdf["commune_vn"]) == list(original["commune_vn"])


def test_gadm_layout_is_recognised(ca_mau_shp, variant_dir):
    from camau_gis.boundaries import load_communes

    folder = variant_dir / "gadm_report"
    folder.mkdir(exist_ok=True)
    got = load_communes(_make("gadm", ca_mau_shp, folder))
    assert got.attrs["camau_gis"]["layout"] == "GADM"
    assert got.attrs["camau_gis"]["columns"]["unit_type"] == "TYPE_3"
    pair = got[got["short_name"] == "Tân Thành"].sort_values("gso_code")
    assert list(pair["unit_type"]) == ["phường", "xã"]
