"""Write the crosswalk outputs of a 2025 analysis: the old -> new table and the change map."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .._atomic import staged

if TYPE_CHECKING:
    from ..analysis.result import Analysis


@staged()  # all files or none; see camau_gis._atomic.staging
def write_outputs(
    result: Analysis,
    out_dir: str | Path,
    *,
    lang: str | None = None,
    online: bool = False,
) -> dict[str, Path]:
    """Write the crosswalk table, the change map and the no-data list of a 2025 result.

    CSV text cells that a spreadsheet would read as a formula get a leading
    ``'`` (:func:`camau_gis._sanitize.neutralise_frame`).

    Parameters
    ----------
    result : Analysis
        An analysis carried to 2025 (``result.extra["vintage_2019"]`` holds
        the 2019 communes).
    out_dir : str or Path
        Output folder (created).
    lang : {"vi", "en"}, optional
        Language; default ``result.meta["lang"]`` or the setting.
    online : bool
        Load Leaflet from its CDN in the change map.

    Returns
    -------
    dict
        ``{"crosswalk_2019_2025.csv": path, "change_map.html": path}``, plus
        ``"no_data_units.csv"`` when some units lie outside the register's coverage.

    Raises
    ------
    CrosswalkError
        If ``result`` is not an analysis carried to 2025.
    """
    from .. import settings
    from .._atomic import atomic_path
    from .._sanitize import neutralise_frame
    from ..errors import CrosswalkError
    from ..render.change_map import build_change_map, save_change_map
    from .tables import crosswalk_table

    old = result.extra.get("vintage_2019", {}).get("communes")
    if old is None or str(result.meta.get("admin", "")) != "2025":
        raise CrosswalkError(
            "write_outputs: this analysis was not carried to the 2025 units; "
            "run it with admin='2025' (camau_gis.crosswalk.to_2025) first.")
    lang = lang or result.meta.get("lang") or settings.language
    out = Path(out_dir)
    table = out / "crosswalk_2019_2025.csv"
    with atomic_path(table) as tmp:
        neutralise_frame(crosswalk_table(lang)).to_csv(tmp, index=False, encoding="utf-8-sig",
                                                       lineterminator="\n")
    written = {"crosswalk_2019_2025.csv": table}
    from .aggregate import no_data_table

    gaps = no_data_table(result, lang)
    if len(gaps):  # units outside the register: listed here, not as priority gaps
        path = out / "no_data_units.csv"
        with atomic_path(path) as tmp:
            neutralise_frame(gaps).to_csv(tmp, index=False, encoding="utf-8-sig",
                                          lineterminator="\n")
        written["no_data_units.csv"] = path
    m = build_change_map(old, result.communes, lang=lang, online=online,
                         boundaries=str(result.meta.get("boundaries", "")))
    written["change_map.html"] = save_change_map(m, out / "change_map.html")
    return written
