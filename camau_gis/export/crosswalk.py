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
    from ..crosswalk.tables import crosswalk_table
    from ..errors import CrosswalkError
    from ..render.change_map import build_change_map, save_change_map
    from .tables import write_csv

    old = result.extra.get("vintage_2019", {}).get("communes")
    if old is None or str(result.meta.get("admin", "")) != "2025":
        from ..i18n import Msg

        raise CrosswalkError(Msg("cwx_not_2025"))
    lang = lang or result.meta.get("lang") or settings.language
    out = Path(out_dir)
    written = {"crosswalk_2019_2025.csv": write_csv(out / "crosswalk_2019_2025.csv",
                                                    crosswalk_table(lang))}
    written.update(write_no_data(result, out, lang=lang))
    m = build_change_map(old, result.communes, lang=lang, online=online,
                         boundaries=str(result.meta.get("boundaries", "")))
    written["change_map.html"] = save_change_map(m, out / "change_map.html")
    return written


def write_no_data(result: Analysis, out_dir: str | Path, *,
                  lang: str | None = None) -> dict[str, Path]:
    """Write ``no_data_units.csv``: 2025 units outside the register's coverage, if any.

    These units are listed here, not as priority gaps
    (:func:`camau_gis.crosswalk.aggregate.no_data_table`).

    Parameters
    ----------
    result : Analysis
        An analysis carried to 2025.
    out_dir : str or Path
        Output folder (existing).
    lang : {"vi", "en"}, optional
        Language; default ``result.meta["lang"]`` or the setting.

    Returns
    -------
    dict
        ``{"no_data_units.csv": path}``, or empty when every unit has data.
    """
    from .. import settings
    from ..crosswalk.aggregate import no_data_table
    from .tables import write_csv

    gaps = no_data_table(result, lang or result.meta.get("lang") or settings.language)
    if not len(gaps):
        return {}
    return {"no_data_units.csv": write_csv(Path(out_dir) / "no_data_units.csv", gaps)}
