"""Layout rows of office registers: totals, signatures, headings, column numbers, notes."""

from __future__ import annotations

import re

from ...text import ascii_key
from .cells import cell_text
from .fields import header_keys

TOTAL_LABELS = ("tong cong", "tong so", "tong", "cong", "total", "grand total")
SIGNATURE_LABELS = (
    "nguoi lap bieu",
    "nguoi lap",
    "thu truong",
    "ky ten",
    "xac nhan cua",
    "giam doc",
    "truong phong",
    "truong cong an",
    "tong cong",
    "tong so",
)


_NUMBER = re.compile(r"[\d.,\s%]+")
_ENUMERATOR = re.compile(r"^(?:[IVXLC]+|\d+|[A-Za-z])\s*[.)/-]\s*")


def _keys_of(text: str) -> list[str]:
    """:func:`header_keys` of a cell's text, cheap for the common case of a plain value."""
    return header_keys(text) if text else []


def _district_heading(cells: list[object], texts: list[str] | None = None) -> str:
    """Return the district a group heading row names ("I. HUYỆN NĂM CĂN"), else ``""``.

    A heading row holds one distinct text (often merged across the row) that
    starts, after an optional enumerator, with Huyện/Thành phố/TP/Thị xã.
    ``texts`` are the cells' :func:`cell_text`, when already computed.
    """
    from ...text import strip_district_prefix

    values = set(texts if texts is not None else map(cell_text, cells)) - {""}
    if len(values) != 1:
        return ""
    text = _ENUMERATOR.sub("", values.pop()).strip()
    rest = strip_district_prefix(text)
    if rest == text or not rest or len(text.split()) > 6:
        return ""
    return text


def _footer_label(
    cells: list[object], mapping: dict[str, int], texts: list[str] | None = None
) -> str:
    """Return the label of a total or signature row (no GSO code), else ``""``.

    Every text cell of the row must be such a label (numbers aside), so a
    model or commune whose name merely starts with "Công" is never skipped.
    ``texts`` are the cells' :func:`cell_text`, when already computed.
    """
    texts = texts if texts is not None else [cell_text(c) for c in cells]
    col = mapping.get("gso_code")
    if col is not None and col < len(cells) and texts[col]:
        return ""
    words = []
    for t in dict.fromkeys(texts):
        if t and not _NUMBER.fullmatch(t):
            words.append(t)
            if len(words) > 3:  # a data row has more distinct texts than a footer
                return ""
    if not words:
        return ""
    labels = (ascii_key(t) for t in words)
    if all(
        k in TOTAL_LABELS or any(k == f or k.startswith(f + " ") for f in SIGNATURE_LABELS)
        for k in labels
    ):
        return words[0]
    return ""


