"""District atlas: a cover and one page per district, as one PDF plus one PNG per district.

Like a QGIS atlas: every page shows one district's communes coloured by
coverage category and labelled, the rest of the province pale for context,
the district's figures and a table of its communes. The PDF carries no date
or creator, so the same input gives a byte-identical file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._atomic import safe_name, staged
from ..i18n import Msg, check_lang
from ..i18n import t as _t

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ..analysis.result import Analysis

#: Page preset of atlas pages.
ATLAS_PAGE = "A4-portrait"


def district_slug(dist_code: str, dist_short: str) -> str:
    """File-name part of a district page: ``"971_nam_can"``."""
    import re

    from ..text import ascii_key

    slug = re.sub(r"[^a-z0-9]+", "_", ascii_key(dist_short)).strip("_")
    return f"{dist_code}_{slug}" if dist_code else slug


def _district_figures(communes: Any, lang: str) -> list[str]:
    from .static import fmt_number

    n = len(communes)
    covered = int(communes["covered"].fillna(False).astype(bool).sum())
    share = 100.0 * covered / n if n else 0.0
    return [
        f"{_t('sum_communes', lang)}: {n}",
        f"{_t('sum_models', lang)}: {int(communes['n_models'].fillna(0).sum())}",
        f"{_t('sum_covered', lang)}: {covered} ({fmt_number(share, lang, 1)}%)",
        f"{_t('col_uncovered', lang)}: {n - covered}",
        f"{_t('sum_c19', lang)}: {int((communes['c19_status'] == 'achieved').sum())}",
        f"{_t('ntm_pilot', lang)}: {int(communes['ntm_pilot'].fillna(False).astype(bool).sum())}",
    ]


def _commune_rows(communes: Any, lang: str) -> tuple[list[str], list[list[str]]]:
    import pandas as pd

    header = [
        _t("commune", lang),
        _t("n_models", lang),
        _t("c19", lang),
        _t("layer_category", lang),
    ]
    rows = []
    for _, c in communes.sort_values(["unit_type", "short_name"]).iterrows():
        status = "no_data" if pd.isna(c["c19_status"]) else str(c["c19_status"])
        category = "no_data" if pd.isna(c["category"]) else str(c["category"])
        try:
            cat_label = _t(f"cat_{category}", lang)
        except KeyError:
            cat_label = category
        try:
            c19_label = _t(f"c19_{status}", lang)
        except KeyError:
            c19_label = status
        n = 0 if pd.isna(c["n_models"]) else int(c["n_models"])
        rows.append([str(c["name"]), str(n), c19_label, cat_label])
    return header, rows


def _page_title(fig: Figure, title: str, sub: str, scale: float = 1.0) -> None:
    from .palette import TEXT

    W, H = fig.get_size_inches()
    fig.text(
        0.35 / W,
        1 - 0.35 / H,
        title,
        ha="left",
        va="top",
        fontsize=15 * scale,
        fontweight="bold",
        color=TEXT,
    )
    fig.text(0.35 / W, 1 - 0.72 / H, sub, ha="left", va="top", fontsize=9 * scale, color="#444444")


def _footer(fig: Figure, result: Analysis, lang: str, page_no: int, extra: str = "") -> None:
    import textwrap

    from .palette import ILLUSTRATIVE
    from .static import credit_line

    W, H = fig.get_size_inches()
    text = credit_line(result, lang) + (" " + extra if extra else "")
    fig.text(
        0.35 / W,
        0.12 / H,
        textwrap.fill(text, width=int(W * 20)),
        ha="left",
        va="bottom",
        fontsize=6,
        linespacing=1.3,
        color=ILLUSTRATIVE if result.illustrative else "#444444",
    )
    fig.text(
        1 - 0.35 / W,
        1 - 0.35 / H,
        f"{_t('page', lang)} {page_no}",
        ha="right",
        va="top",
        fontsize=8,
        color="#444444",
    )


def cover_page(result: Analysis, *, lang: str | None = None,
               pages: list[str] | None = None) -> Figure:
    """Atlas cover: province map with districts, headline figures and the list of pages."""
    from . import static
    from .locator import add_inset

    lang = check_lang(lang)
    with static.rc_context():
        fig = static.new_figure(ATLAS_PAGE)
        W, H = fig.get_size_inches()
        province = str(result.communes["province"].iloc[0])
        _page_title(fig, f"{_t('atlas_title', lang)} — {province}", static.subtitle(result, lang))
        ax = fig.add_axes((0.35 / W, 0.30, 0.62, 0.58))
        panel = static.draw_map_panel(ax, result, "coverage", lang=lang, labels=False)
        static.add_legend(fig, panel, (0.675, 0.88), lang=lang, scale=0.85)
        lines = [_t("summary", lang) + ":"] + static._headline(result, lang)
        if pages:
            lines += ["", _t("atlas_contents", lang) + ":"] + [
                f"{_t('page', lang)} {i}: {name}" for i, name in enumerate(pages, start=2)
            ]
        fig.text(0.68, 0.66, "\n".join(lines), ha="left", va="top", fontsize=7, linespacing=1.5)
        add_inset(
            fig,
            (0.08, 0.07, 0.38, 0.19),
            static.layers(result.communes)["province"],
            lang=lang,
            title=_t("inset_title", lang),
        )
        _footer(fig, result, lang, 1)
    return fig


def district_page(result: Analysis, district: str, *, lang: str | None = None,
                  page_no: int = 2) -> Figure:
    """One atlas page: the district's communes labelled, its figures and a table of communes."""
    from . import static

    lang = check_lang(lang)
    communes = result.communes
    mask = (communes["district"] == district).to_numpy()
    if not mask.any():
        raise static._error(Msg(
            "atlas_no_district", district=repr(district),
            districts=", ".join(sorted(communes["district"].unique())))
        )
    sub = communes[mask]
    with static.rc_context():
        fig = static.new_figure(ATLAS_PAGE)
        W, H = fig.get_size_inches()
        province = str(sub["province"].iloc[0])
        _page_title(
            fig,
            f"{district} — {province}",
            static.subtitle(result, lang, province_units=False).split(" · ", 1)[-1],
        )
        ax = fig.add_axes((0.35 / W, 0.38, 0.60, 0.53))
        panel = static.draw_map_panel(
            ax, result, "coverage", lang=lang, communes_mask=mask, label_all=True
        )
        static.add_legend(fig, panel, (0.64, 0.905), lang=lang, scale=0.8, hide_empty=True)
        fig.text(
            0.645,
            0.66,
            "\n".join([f"{district}:"] + _district_figures(sub, lang)),
            ha="left",
            va="top",
            fontsize=7,
            linespacing=1.5,
        )
        header, rows = _commune_rows(sub, lang)
        tax = fig.add_axes((0.35 / W, 0.07, 1 - 0.7 / W, 0.29))
        tax.set_axis_off()
        table = tax.table(
            cellText=rows,
            colLabels=header,
            loc="upper center",
            cellLoc="left",
            colLoc="left",
            colWidths=[0.30, 0.12, 0.18, 0.40],
        )
        table.auto_set_font_size(False)
        size = 7 if len(rows) <= 14 else 6
        table.set_fontsize(size)
        row_h = min(0.9 / (len(rows) + 1), 0.075)
        for (r, _), cell in table.get_celld().items():
            cell.set_height(row_h)
            cell.set_linewidth(0.3)
            if r == 0:
                cell.set_text_props(fontweight="bold")
                cell.set_facecolor("#EEEEEE")
        omitted = panel["labels"].omitted
        extra = _t("labels_omitted", lang).format(names=", ".join(omitted)) if omitted else ""
        _footer(fig, result, lang, page_no, extra)
    fig.camau_labels = panel["labels"]  # type: ignore[attr-defined]  # read by tests
    return fig


@staged()  # all files or none; see camau_gis._atomic.staging
def write_atlas(
    result: Analysis,
    out_dir: str | Path,
    *,
    lang: str | None = None,
    dpi: int = 200,
    pdf_name: str = "atlas.pdf",
) -> dict[str, Path]:
    """Write the district atlas: one multi-page PDF and one PNG per district.

    Parameters
    ----------
    result : Analysis
        Analysis result.
    out_dir : str or Path
        Output folder (created if missing).
    lang : {"vi", "en"}
        Language of every page.
    dpi : int
        Resolution of the district PNGs.
    pdf_name : str
        File name of the PDF.

    Returns
    -------
    dict
        ``{"atlas.pdf": path, "atlas_<code>_<district>.png": path, …}``: the PDF
        has a cover then one page per district, in GSO-code order.
    """
    from matplotlib.backends.backend_pdf import PdfPages

    from .._atomic import atomic_path
    from ..i18n import check_lang
    from . import static

    lang = check_lang(lang)
    static.check_result(result)
    names = result.communes["district"].fillna("").astype(str).str.strip()
    if (names == "").any():
        from ..errors import CamauGisError

        raise CamauGisError(Msg("atlas_no_districts", n=int((names == "").sum())))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    order = (
        result.communes[["dist_code", "district", "dist_short"]]
        .drop_duplicates("district")
        .sort_values(["dist_code", "district"])
        .itertuples(index=False)
    )
    districts = list(order)
    written: dict[str, Path] = {}
    pdf_path = out / pdf_name
    with static.rc_context(), atomic_path(pdf_path) as tmp:
        with PdfPages(tmp, metadata=dict(static._METADATA["pdf"])) as pdf:
            pdf.savefig(cover_page(result, lang=lang, pages=[d.district for d in districts]))
            for page_no, d in enumerate(districts, start=2):
                fig = district_page(result, d.district, lang=lang, page_no=page_no)
                pdf.savefig(fig)
                name = safe_name(f"atlas_{district_slug(str(d.dist_code), d.dist_short)}.png")
                written[name] = static.save_figure(fig, out / name, dpi=dpi)
    return {pdf_name: pdf_path, **written}
