"""The naive peer script: what a geopandas user writes to get fewer outputs than ``build``.

::

    python benchmarks/naive.py SCALE OUT_DIR

Reads the boundary layer, joins nothing, and writes what the peers make:
``explore().save`` (HTML, CDN links), ``gdf.plot().savefig`` at 300 dpi on an
A4 landscape page (PNG), ``to_file`` (GeoPackage) and ``to_csv`` (table). It
does no name matching, no GSO coding, no register, no cleaning, no legend,
labels or inset - it is the floor the end-to-end targets are measured against.
Run as a file, not a module, so it imports nothing from this project.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    """Run the script for ``SCALE OUT_DIR``."""
    import geopandas as gpd
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    scale, out = argv[0], Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    shared = Path(argv[2])
    if scale == "ca_mau":
        gdf = gpd.read_file(shared / "boundaries/ca_mau_2019/ca_mau_communes.shp")
    else:
        gdf = gpd.read_file(shared / "boundaries/vietnam_admin_2008.gpkg", layer="communes")
    gdf["n"] = range(len(gdf))
    gdf.explore(column="n").save(out / "map.html")
    fig, ax = plt.subplots(figsize=(11.69, 8.27))
    gdf.plot(column="n", legend=True, ax=ax)
    fig.savefig(out / "map.png", dpi=300)
    gdf.to_file(out / "communes.gpkg", driver="GPKG")
    gdf.drop(columns="geometry").to_csv(out / "communes.csv", index=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
