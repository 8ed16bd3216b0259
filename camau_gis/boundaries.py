"""Boundary API: fetch the pinned vietnam63 data, load any boundary file as the canonical table."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from . import settings
from ._atomic import atomic_path, staged
from .errors import BoundaryError
from .i18n import Msg

if TYPE_CHECKING:
    import geopandas as gpd

def canonical_paths(
    folder: str | Path | None = None, basename: str | None = None
) -> dict[str, Path]:
    """Paths of the canonical layer in ``folder``: ``{"gpkg": …, "shp": …}``."""
    folder = Path(folder or settings.shapefiles_dir)
    base = basename or settings.canonical_basename
    return {"gpkg": folder / f"{base}.gpkg", "shp": folder / f"{base}.shp"}


@staged("folder", default=lambda: settings.shapefiles_dir)  # GeoPackage + Shapefile set
def write_canonical(communes: gpd.GeoDataFrame, folder: str | Path | None = None,
                    basename: str | None = None) -> dict[str, Path]:
    """Write the canonical table as GeoPackage and Shapefile (UTF-8, with ``.cpg``), atomically.

    Returns
    -------
    dict
        ``{"gpkg": path, "shp": path}``.
    """
    paths = canonical_paths(folder, basename)
    with atomic_path(paths["gpkg"]) as tmp:
        communes.to_file(tmp, layer="communes", driver="GPKG", engine="pyogrio")
    # A Shapefile is several files: write them in a temporary folder, then move each.
    import shutil
    import tempfile

    shp = paths["shp"]
    shp.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=shp.parent) as tmpdir:
        tmp_shp = Path(tmpdir) / shp.name
        communes.to_file(tmp_shp, driver="ESRI Shapefile", engine="pyogrio", encoding="UTF-8")
        cpg = tmp_shp.with_suffix(".cpg")
        if not cpg.exists():
            cpg.write_text("UTF-8", encoding="ascii")
        for part in Path(tmpdir).iterdir():
            shutil.move(str(part), shp.parent / part.name)
    return paths


def fetch_boundaries(
    province: str | None = None,
    *,
    base_url: str | None = None,
    folder: str | Path | None = None,
) -> dict[str, Path]:
    """Download the pinned vietnam63 ``communes.rda``, select a province, write the canonical layer.

    Parameters
    ----------
    province : str, optional
        Province name or GSO code; default :data:`camau_gis.settings.province`.
    base_url : str, optional
        Mirror URL or local folder; default ``CAMAU_GIS_DATA_URL`` or upstream.
    folder : str or Path, optional
        Output folder; default :data:`camau_gis.settings.shapefiles_dir`.

    Returns
    -------
    dict
        Paths of the written GeoPackage and Shapefile.
    """
    from ._progress import step
    from .io.fetch import fetch_file
    from .normalize.communes import to_canonical

    rda = fetch_file("communes.rda", sha256=settings.vietnam63_sha256["communes.rda"],
                     base_url=base_url)
    national = _national_table(rda)  # parsed once per file content, then read from the cache
    with step("boundaries", province or settings.province):
        communes = to_canonical(national, province=province, source=str(rda))
        return write_canonical(communes, folder, fetch_basename(province))


def _national_table(rda: Path) -> gpd.GeoDataFrame:
    """Return the parsed national table of ``rda``: from the cache, or parsed beside other work.

    A file not parsed before (a first run) is parsed in a forked child where a
    second core can work (:mod:`camau_gis._background`); the child also stores
    the table in the cache. Meanwhile this process builds the GSO reference
    tables that :func:`~camau_gis.normalize.communes.to_canonical` needs next
    (about as long, also a first run's work) and the work its caller
    registered (:func:`camau_gis._background.meanwhile`).
    """
    import contextlib

    from ._background import background, run_meanwhile
    from ._progress import step
    from .io.vietnam63 import cached_rda, read_rda
    from .normalize.gso import reference_frame

    national = cached_rda(rda)
    if national is not None:
        return national
    with background() as job:
        job.start(read_rda, rda)
        # the child shows no progress: its parse step is shown here (else read_rda shows it)
        with step("parse", rda.name) if job.forked else contextlib.nullcontext():
            reference_frame()
            run_meanwhile()
            table: gpd.GeoDataFrame = job.result()
    return table


def fetch_basename(province: str | None = None, source: str | None = None) -> str | None:
    """Return the base name of the layer :func:`fetch_boundaries` writes (``None``: default)."""
    if source and source.lower() != "vietnam63":
        return f"{province_slug(province or settings.province)}_communes_{source.lower()}"
    if province and province_slug(province) != province_slug(settings.province):
        return f"{province_slug(province)}_communes"
    return None


#: Seconds a first build spends on the boundaries (parse, cache, canonical layer),
#: said once before it starts. ``benchmarks`` measured first minus warm build at
#: 1.9-2.4 s on a 2-core machine (2026-12-02, fastest of three first builds); the number
#: said leaves room for slower ones.
FIRST_RUN_SECONDS = 5


def province_slug(text: str) -> str:
    """File-name slug of a province (``"Cà Mau"`` -> ``"ca_mau"``)."""
    from .text import ascii_key, strip_province_prefix

    return ascii_key(strip_province_prefix(text)).replace(" ", "_")


def load_communes(
    path: str | Path | None = None,
    *,
    province: str | None = None,
    layer: str | None = None,
    columns: dict[str, str] | None = None,
    crs: object = None,
) -> gpd.GeoDataFrame:
    """Load boundaries as the canonical commune table.

    Parameters
    ----------
    path : str or Path, optional
        Any polygon file GDAL reads (or a vietnam63 ``.rda``). Default: the
        canonical layer written by ``camau-gis boundaries fetch`` in
        :data:`camau_gis.settings.shapefiles_dir`.
    province : str, optional
        Province name or GSO code; default :data:`camau_gis.settings.province`.
    layer : str, optional
        Layer of a multi-layer file.
    columns : dict, optional
        Explicit column mapping (see :func:`camau_gis.normalize.communes.detect_columns`).
    crs : optional
        CRS of a file without (or with a wrong) ``.prj``, e.g. ``"EPSG:9207"``.

    Returns
    -------
    GeoDataFrame
        The canonical commune table (:mod:`camau_gis.schema`).
    """
    from .normalize.communes import load_canonical

    if path is None:
        path = canonical_paths()["gpkg"]
        if not path.exists():
            # First run: fetch the pinned vietnam63 data (or take it from the
            # mirror named by CAMAU_GIS_DATA_URL) and write the canonical layer.
            import logging

            from ._progress import note
            from .errors import DownloadError

            logging.getLogger(__name__).info(
                "%s not found: fetching the vietnam63 boundaries first", path)
            note("first_run", folder=path.parent, seconds=FIRST_RUN_SECONDS)
            try:
                path = fetch_boundaries()["gpkg"]
            except DownloadError as exc:
                raise BoundaryError(Msg("bnd_download_failed", path=path, exc=exc)) from exc
        import geopandas as gpd

        from .schema import COMMUNE_COLUMNS

        gdf = gpd.read_file(path, layer="communes", engine="pyogrio")
        # --province/--columns/--layer/--crs are honoured (checked) by the full reader below
        plain = province is None and columns is None and layer is None and crs is None
        if plain and set(COMMUNE_COLUMNS) <= set(gdf.columns):
            for col in COMMUNE_COLUMNS:
                if col != "area_km2":
                    gdf[col] = gdf[col].fillna("").astype(str)
            return gdf
    return load_canonical(path, province=province, layer=layer, columns=columns, crs=crs)
