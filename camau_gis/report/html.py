"""Standalone HTML report: one file, images embedded as data URIs, every text HTML-escaped."""

from __future__ import annotations

import base64
import html
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._content import ReportContent, Table

_CSS = "\n".join(
    [
        'body{font-family:"Times New Roman",serif;max-width:60rem;margin:2rem auto;',
        "padding:0 1rem;color:#1a1a1a}",
        "h1{font-size:1.6rem;margin-bottom:.2rem}",
        "h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccc}",
        ".sub{color:#444;font-style:italic}",
        ".warn{color:#b2182b;font-weight:bold;border:1px solid #b2182b;padding:.4rem .6rem}",
        "table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}",
        "th,td{border:1px solid #999;padding:.2rem .45rem;text-align:left;vertical-align:top}",
        "th{background:#eee}",
        "tr.total td{font-weight:bold}",
        "td.num{text-align:right}",
        "figure{margin:1rem 0;text-align:center}",
        "figure img{width:100%;height:auto;border:1px solid #ddd}",  # 6 pt labels -> 8 pt
        "caption{font-weight:bold;padding:.3rem 0;caption-side:top}",
        "nav.toc ol{padding-left:1.2rem}",
        "figcaption{font-weight:bold;margin-top:.3rem}",
        ".credit{font-size:.75rem;color:#444}",
        "@media print{body{max-width:none}figure{page-break-inside:avoid}figure img{width:16.5cm}"
        "tr{page-break-inside:avoid}"
        "thead{display:table-header-group}}",
    ]
)


def _e(text: object) -> str:
    """HTML-escape ``text`` (``<``, ``>``, ``&``, both quotes); control characters -> U+FFFD."""
    from .._sanitize import xml_text

    return html.escape(xml_text(str(text)), quote=True)


def _table(table: Table, numeric_from: int = 1, caption: str = "") -> str:
    parts = ["<table>" + (f"<caption>{_e(caption)}</caption>" if caption else "")]
    if any(table.header):
        parts.append(
            "<thead><tr>" + "".join(f"<th>{_e(h)}</th>" for h in table.header) + "</tr></thead>"
        )
    parts.append("<tbody>")
    for i, row in enumerate(table.rows):
        total = table.total and i == len(table.rows) - 1
        cells = "".join(
            f'<td class="num">{_e(v)}</td>'
            if j >= numeric_from and _is_number(v)
            else f"<td>{_e(v)}</td>"
            for j, v in enumerate(row)
        )
        parts.append(f'<tr class="total">{cells}</tr>' if total else f"<tr>{cells}</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def _is_number(text: str) -> bool:
    return bool(text) and text.replace(".", "").replace(",", "").replace("%", "").strip().isdigit()


def _data_uri(path: Path) -> str:
    mime = {".png": "image/png", ".svg": "image/svg+xml", ".jpg": "image/jpeg"}.get(
        path.suffix.lower(), "application/octet-stream"
    )
    return f"data:{mime};base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def render_html(content: ReportContent) -> str:
    """Return the report as one HTML document (no external resources)."""
    from ._content import Table

    out = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(content.lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(content.title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(content.title)}</h1>",
        f'<p class="sub">{_e(content.subtitle)}</p>',
    ]
    if content.illustrative:
        out.append(f'<p class="warn">{_e(content.illustrative)}</p>')
    from ..i18n import t

    lang = content.lang
    fig, tab = t("fig_label", lang), t("table_label", lang)
    toc = [(k, content.headings[k]) for k in ("headline", "maps", "districts", "uncovered")]
    toc += [(f"extra{k}", extra.heading) for k, extra in enumerate(content.sections)]
    toc.append(("notes", content.headings["notes"]))
    out.append(f'<nav class="toc"><h2>{_e(t("toc_title", lang))}</h2><ol>' + "".join(
        f'<li><a href="#{k}">{_e(text)}</a></li>' for k, text in toc) + "</ol></nav>")
    n_table = 0

    def caption(text: str) -> str:
        nonlocal n_table
        n_table += 1
        return f"{tab} {n_table}. {text}"

    def heading(key: str) -> str:
        return f'<h2 id="{key}">{_e(content.headings[key])}</h2>'

    out.append(heading("headline"))
    out.append(_table(Table([t("col_indicator", lang), t("col_value", lang)],
                            [[k, v] for k, v in content.headline]),
                      caption=caption(content.headings["headline"])))
    out.append(heading("maps"))
    for number, (text, image) in enumerate(content.maps, start=1):
        alt = t("alt_map", lang).format(title=text, sub=content.subtitle)
        out.append(
            f'<figure><img src="{_data_uri(Path(image))}" alt="{_e(alt)}">'
            f"<figcaption>{_e(f'{fig} {number}. {text}')}</figcaption></figure>"
        )
    out.append(heading("districts"))
    out.append(_table(content.districts, caption=caption(content.headings["districts"])))
    out.append(heading("uncovered"))
    out.append(
        _table(content.uncovered, numeric_from=9, caption=caption(content.headings["uncovered"]))
        if content.uncovered is not None
        else f"<p>{_e(content.uncovered_empty)}</p>"
    )
    n_fig = len(content.maps)
    for k, extra in enumerate(content.sections):  # spatial analysis, plan (report/sections.py)
        out.append(f'<h2 id="extra{k}">{_e(extra.heading)}</h2>')
        out.extend(f"<p>{_e(text)}</p>" for text in extra.paragraphs)
        for text, image in extra.images:
            n_fig += 1
            out.append(f'<figure><img src="{_data_uri(Path(image))}" alt="{_e(text)}">'
                       f"<figcaption>{_e(f'{fig} {n_fig}. {text}')}</figcaption></figure>")
        if extra.table is not None:
            out.append(_table(extra.table, numeric_from=99, caption=caption(extra.heading)))
    out.append(heading("notes") + "<ul>")
    out.extend(f"<li>{_e(note)}</li>" for note in content.notes)
    out.append("</ul>")
    if content.unmatched is not None:
        out.append(_table(content.unmatched, numeric_from=99,
                          caption=caption(t("report_unmatched", lang))))
    out.append(f'<p class="credit">{_e(content.credit)}</p></body></html>')
    return "\n".join(out) + "\n"


def write_html(content: ReportContent, path: str | Path) -> Path:
    """Write the standalone HTML report atomically and return its path."""
    from .._atomic import write_text

    return write_text(path, render_html(content))
