"""The work of the CLI commands as Python functions: a command parses options, calls one, prints.

Beside :mod:`camau_gis.pipeline` (the main job: analysis and every output of
``build``), these are the other commands' tasks — static maps and atlas, reports,
the crosswalk table, map and code lookup, boundary sources, import and inspection —
so that ``camau_gis.cli`` reaches the stages only through this layer (an
import-linter contract in ``pyproject.toml`` checks it).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from .model import Analysis


# --------------------------------------------------------------------------- maps, report
def check_page(page: str) -> str:
    """Fail on an unknown ``--page`` preset before any work, as a bad option (exit 2)."""
    from .errors import CamauGisError, OptionError
    from .render.static import page_size

    try:
        page_size(page)
    except OptionError:
        raise
    except CamauGisError as exc:
        raise OptionError(str(exc)) from exc
    return page


def write_maps(result: Analysis, out: Path, *, kinds: list[str], formats: list[str],
               lang: str, page: str, dpi: int, figure: bool = False,
               width_cm: float | None = None, atlas: bool = False,
               web: bool = False) -> dict[str, Path]:
    """Write the static maps (``figure_<kind>_map.*`` with ``figure``), the atlas, the web shot."""
    from .render.static import save_maps

    written: dict[str, Path] = save_maps(
        result, out, kinds=kinds, formats=formats, lang=lang, page=page, dpi=dpi,
        figure=figure, width_cm=width_cm if figure else None,
        prefix="figure_" if figure else "",
    )
    if atlas:
        written.update(write_atlas(result, out, lang=lang, dpi=min(dpi, 200)))
    if web:
        written["coverage_map_web.png"] = web_png(result, out, lang)
    return written


def write_atlas(result: Analysis, out: Path, *, lang: str, dpi: int) -> dict[str, Path]:
    """Write the district atlas (``atlas.pdf`` and one PNG per district)."""
    from .render.atlas import write_atlas as _write

    written: dict[str, Path] = _write(result, out, lang=lang, dpi=dpi)
    return written


def write_report(result: Analysis, out: Path, *, lang: str, dpi: int, page: str,
                 atlas: bool = False) -> dict[str, Path]:
    """Write ``report.docx`` and ``report.html`` (and the atlas with ``atlas``)."""
    from .report import write_report as _write

    written: dict[str, Path] = _write(result, out, lang=lang, dpi=dpi, page=page)
    if atlas:
        written.update(write_atlas(result, out, lang=lang, dpi=dpi))
    return written


def web_png(result: Analysis, out: Path, lang: str) -> Path:
    """Write the HTML map to a temporary folder and shoot it with headless Chromium."""
    import tempfile

    from .render.html import build_map, save_map
    from .render.screenshot import screenshot_html

    with tempfile.TemporaryDirectory(prefix="camau-gis-web-") as tmp:
        html = save_map(build_map(result, lang=lang), Path(tmp) / "coverage_map.html")
        shot: Path = screenshot_html(html, out / "coverage_map_web.png")
        return shot


# --------------------------------------------------------------------------- crosswalk
def crosswalk_frame(*, units: bool = False, divided: bool = False,
                    lang: str | None = None) -> pd.DataFrame:
    """Return the crosswalk (165 rows), its divided communes only, or the 64 units of 2025."""
    from .crosswalk import crosswalk_table, new_units_table

    if units:
        return new_units_table(lang)
    frame = crosswalk_table(lang)
    return frame[frame["relation"] == "divided"] if divided else frame


def crosswalk_source(lang: str | None = None) -> str:
    """Say where the crosswalk comes from (package, version), in ``lang``."""
    from .crosswalk import source_text

    return str(source_text(lang))


def write_table(frame: pd.DataFrame, path: Path, *, sheet: str = "crosswalk") -> Path:
    """Write a table as ``.csv`` (UTF-8) or ``.xlsx`` (``export.tables.write_table``)."""
    from .export.tables import write_table as _write

    return _write(frame, path, sheet=sheet)


def check_table_path(path: Path) -> Path:
    """Refuse an output name that is neither ``.csv`` nor ``.xlsx`` (before any work)."""
    if path.suffix.lower() not in (".csv", ".xlsx"):  # export.tables.table_suffix's rule
        from .errors import OptionError
        from .i18n import t

        raise OptionError(t("cli_table_suffix", None).format(path=path))
    return path


def write_change_map(out: Path, boundaries: Path | None = None, bac_lieu: Path | None = None,
                     *, lang: str | None = None, online: bool = False) -> Path:
    """Write the change map: 2019 communes under the 64 units of 2025."""
    from .crosswalk import load_merged_communes
    from .errors import OptionError
    from .render.change_map import build_change_map, save_change_map

    if out.suffix.lower() not in (".html", ".htm"):  # before the boundaries are read
        from .i18n import Msg

        raise OptionError(Msg("chgm_out_html", out=out))
    old = load_merged_communes(boundaries, bac_lieu)
    credit = ", ".join(str(p) for p in (boundaries, bac_lieu) if p) or "vietnam63 (2008)"
    m = build_change_map(old, lang=lang, online=online, boundaries=credit)
    path: Path = save_change_map(m, out)
    return path


def lookup_code(code: str, vintage: str | None = None, lang: str | None = None) -> list[str]:
    """Say what a 5-digit code means in 2019 and in 2025 (codes were reused), one line each.

    Raises
    ------
    OptionError
        ``vintage`` is not 2019/2025, or the code names no unit of Cà Mau or Bạc Liêu.
    """
    from .crosswalk import crosswalk_table, new_units_table
    from .errors import OptionError
    from .i18n import t

    code = code.strip().zfill(5)
    if vintage not in (None, "2019", "2025"):
        raise OptionError(t("cli_vintage", lang).format(value=vintage))
    lines = []
    if vintage in (None, "2019"):
        cw = crosswalk_table().set_index("old_code")
        if code in cw.index:
            r = cw.loc[code]
            fate = (t("cw_show_divided", lang).format(names=r["new_names"], name=r["new_name"])
                    if r["relation"] == "divided"
                    else t("cw_show_whole", lang).format(name=r["new_name"], code=r["new_code"]))
            step = t("cw_show_first", lang).format(step=r["step_2024"]) if r["step_2024"] else ""
            lines.append(f"2019 {code}: {r['old_name']}, {r['old_dist']}, {r['old_prov']}{step}; "
                         f"{fate}")
    if vintage in (None, "2025"):
        nu = new_units_table().set_index("gso_code")
        if code in nu.index:
            r = nu.loc[code]
            lines.append(f"2025 {code}: {r['name']}, {r['province']}; "
                         + t("cw_show_formed", lang).format(names=r["pred_names"]))
    if not lines:
        raise OptionError(t("cli_code_unknown", lang).format(
            code=code, vintage=vintage or t("cli_2019_or_2025", lang)))
    return lines


# --------------------------------------------------------------------------- boundaries
def check_sha256(value: str) -> str:
    """Refuse a ``--sha256`` that is not 64 hex digits (before any download)."""
    from .io.sources import check_sha256 as _check

    _check(value)
    return value


def fetch_other_source(source: str, province: str, *, base_url: str | None, sha256: str | None,
                       out: Path | None) -> tuple[Any, Any, dict[str, Path]]:
    """Fetch a GADM/geoBoundaries file, select ``province``, write its canonical layer.

    Returns the source's description (title, licence, citation), the fetched file
    (path, sha256, pinned) and the paths written.
    """
    from . import settings
    from .boundaries import province_slug, write_canonical
    from .io.sources import base_url_for, fetch_source
    from .io.sources import source as get_source
    from .normalize.communes import load_canonical

    src = get_source(source)
    # CAMAU_GIS_DATA_URL is the vietnam63 mirror; other sources use their own variables.
    mirror = base_url if base_url and base_url != settings.env("CAMAU_GIS_DATA_URL") else None
    got = fetch_source(source, base_url=base_url_for(src, mirror), sha256=sha256)
    communes = load_canonical(got.path, province=province, layer=src.layer)
    paths = write_canonical(communes, out, f"{province_slug(province)}_communes_{src.key}")
    return src, got, paths


def import_boundaries(path: Path, *, province: str, layer: str | None = None,
                      columns: dict[str, str] | None = None, crs: str | None = None,
                      encoding: str | None = None,
                      out: Path | None = None) -> tuple[Any, dict[str, Path]]:
    """Read any boundary file into the canonical commune layer; return the table and paths."""
    from . import settings
    from .boundaries import province_slug, write_canonical
    from .normalize.communes import load_canonical

    communes = load_canonical(path, province=province, layer=layer, columns=columns, crs=crs,
                              encoding=encoding)
    base = (None if province_slug(province) == province_slug(settings.province)
            else f"{province_slug(province)}_communes")
    return communes, write_canonical(communes, out, base)


def inspect_boundaries(path: Path, **options: Any) -> dict[str, Any]:
    """Say what a boundary file holds (``normalize.inspect.inspect_boundaries``)."""
    from .normalize.inspect import inspect_boundaries as _inspect

    report: dict[str, Any] = _inspect(path, **options)
    return report


def format_inspection(report: dict[str, Any], lang: str | None = None) -> str:
    """Return the inspection report as text for the terminal, in ``lang``."""
    from .normalize.inspect import format_report

    return str(format_report(report, lang))
