"""Layout rows of office registers: totals, signatures, headings, column numbers, notes.

Offices keep registers laid out for printing and signing: a row of column
numbers under the header ("(1) (2) (3)" or "1 2 3"), group headings
("I. Huyện Thới Bình", "A. KHỐI XÃ"), subtotal and total rows ("Cộng",
"Tổng cộng"), notes under the table ("Ghi chú: …"), the place-and-date line
("Cà Mau, ngày … tháng … năm …") and the signature block ("NGƯỜI LẬP BIỂU",
"TL. GIÁM ĐỐC", "KT. CHỦ TỊCH", names). :func:`classify` names such a row;
:class:`SkippedRow` is what the reader keeps of it, so the keeper sees that
nothing was lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...text import ascii_key
from .cells import cell_text
from .fields import header_keys

#: Reasons a row is skipped (keys of ``reg_skip_<reason>`` in :mod:`camau_gis.i18n`).
REASONS: tuple[str, ...] = (
    "above_header",
    "column_numbers",
    "heading",
    "district_heading",
    "subtotal",
    "total",
    "note",
    "place_date",
    "signature",
    "blank",
    "header_repeat",
)

#: Totals (ascii keys): whole label, optionally followed by what it sums.
_TOTAL = re.compile(
    r"^(?:(tong cong|tong so|tong|total|grand total)|(cong|sub ?total|cong lai))"
    r"(?: (?:toan tinh|toan huyen|chung|ca tinh"
    r"|(?:huyen|thanh pho|tp|thi xa|khoi|nhom|cum|xa|phuong)(?: \w+){0,4}|[ivxlc]+|[a-z]))?$"
)
#: Signature block (ascii keys, start of the cell).
_SIGNATURE = re.compile(
    r"^(?:nguoi lap bieu|nguoi lap|nguoi tong hop|nguoi kiem tra|lanh dao don vi|thu truong"
    r"|(?:tl|kt|tm|tuq) \w+|q giam doc|giam doc|pho giam doc|chu tich"
    r"|pho chu tich|truong phong|pho truong phong|truong cong an|truong ban|chanh van phong"
    r"|xac nhan cua|ky ten|ky ghi ro ho ten|ky va ghi ro ho ten|ky ten dong dau|da ky"
    r"|noi nhan)\b"
)
#: Place-and-date line: "Cà Mau, ngày 15 tháng 01 năm 2025" (ascii key).
_PLACE_DATE = re.compile(r"^(?:[\w ]{0,40} )?ngay(?: \w+)? thang(?: \w+)? nam(?: \w+)?$")
#: Notes under the table (ascii key, start of the cell).
_NOTE = re.compile(r"^(?:ghi chu|luu y|chu thich|nguon|nguon so lieu|note|notes)\b")
#: One cell of a column-number row: "(1)", "1", "A", "(A)", "1=2+3".
_COLUMN_NUMBER = re.compile(r"^\(?(\d{1,3}|[A-Z])\)?(?:\s*=\s*[\d()+\-*x ]+)?$")
_NUMBER = re.compile(r"[\d.,\s%]+")
_ENUMERATOR = re.compile(r"^(?:[IVXLC]+|\d+|[A-Za-z])\s*[.)/-]\s*")
_GROUP_WORDS = ("khoi", "nhom", "cum", "dia ban", "vung", "loai", "linh vuc", "xa", "phuong")


@dataclass(frozen=True)
class SkippedRow:
    """A row deliberately not read as data, with its reason.

    Attributes
    ----------
    file, sheet : str
        Where it is.
    row : int
        Row number as the spreadsheet shows it.
    reason : str
        One of :data:`REASONS`.
    text : str
        The row's first text (or ``""``).
    note : str
        Key (:mod:`camau_gis.i18n`) of what a totals row's counts say against
        the rows read (``reg_total_ok``, ``reg_total_diff``…), or ``""``.
    params : tuple of (str, object)
        Values of that note.
    """

    file: str
    sheet: str
    row: int
    reason: str
    text: str = ""
    note: str = ""
    params: tuple[tuple[str, object], ...] = ()

    def message(self, lang: str | None = None) -> str:
        """``so.xlsx, trang "Mô hình", dòng 14: dòng tổng cộng ("Tổng cộng")`` (in ``lang``)."""
        from pathlib import Path

        from ...i18n import t

        loc = Path(self.file).name
        if self.sheet:
            loc += f', {t("reg_loc_sheet", lang)} "{self.sheet}"'
        loc += f", {t('reg_loc_row', lang)} {self.row}"
        line = f"{loc}: {t('reg_skip_' + self.reason, lang)}"
        if self.text:
            line += f' ("{self.text[:60]}")'
        if self.note:
            line += f"; {t(self.note, lang).format(**dict(self.params))}"
        return line

    def say(self, lang: str | None = None) -> str:
        """:meth:`message` (the protocol of :func:`~.cells.say`)."""
        return self.message(lang)

    @property
    def total_differs(self) -> bool:
        """Whether this totals row's counts differ from the rows read."""
        return self.note in ("reg_total_diff", "reg_total_c19_diff")


def _keys_of(text: str) -> list[str]:
    """:func:`header_keys` of a cell's text, cheap for the common case of a plain value."""
    return header_keys(text) if text else []


def _texts(texts: list[str]) -> list[str]:
    """Distinct non-empty texts of a row that are not plain numbers, in order."""
    return [t for t in dict.fromkeys(texts) if t and not _NUMBER.fullmatch(t)]


def _district_heading(cells: list[object], texts: list[str] | None = None) -> str:
    """Return the district a group heading row names ("I. HUYỆN NĂM CĂN"), else ``""``.

    A heading row holds one distinct text (often merged across the row) that
    starts, after an optional enumerator, with Huyện/Thành phố/TP/Thị xã;
    numbers beside it (a count of the group's rows) are allowed.
    ``texts`` are the cells' :func:`cell_text`, when already computed.
    """
    from ...text import strip_district_prefix

    words = _texts(texts if texts is not None else [cell_text(c) for c in cells])
    if len(words) != 1:
        return ""
    text = _ENUMERATOR.sub("", words[0]).strip()
    rest = strip_district_prefix(text)
    if rest == text or not rest or len(text.split()) > 6:
        return ""
    return text


def group_heading(texts: list[str], words: list[str] | None = None) -> str:
    """Return a non-district group heading ("A. KHỐI XÃ", "II. KHỐI PHƯỜNG"), else ``""``.

    One distinct text: an enumerator (roman numeral, letter or number, then
    ``.`` or ``)``) followed by upper-case text or a grouping word (Khối,
    Nhóm, Cụm, Địa bàn…).
    """
    words = _texts(texts) if words is None else words
    if len(words) != 1:
        return ""
    m = _ENUMERATOR.match(words[0])
    if not m:
        return ""
    rest = words[0][m.end():].strip()
    if not rest or len(rest.split()) > 8:
        return ""
    key = ascii_key(rest)
    if rest.upper() == rest and any(ch.isalpha() for ch in rest):
        return words[0]
    if any(key == w or key.startswith(w + " ") for w in _GROUP_WORDS[:6]):
        return words[0]
    return ""


def total_kind(
    texts: list[str], code_text: str = "", words: list[str] | None = None
) -> tuple[str, str]:
    """``("total" | "subtotal", label)`` for a totals row, else ``("", "")``.

    Every text cell of the row is the label (numbers aside), so a model or
    commune whose name merely starts with "Công" or "Cộng đồng" is read.
    """
    if code_text:
        return "", ""
    words = _texts(texts) if words is None else words
    if not words or len(words) > 3:
        return "", ""
    kinds = set()
    for w in words:
        m = _TOTAL.match(ascii_key(w))
        if not m:
            return "", ""
        kinds.add("total" if m.group(1) else "subtotal")
    return ("total" if "total" in kinds else "subtotal"), words[0]


def footer_kind(
    texts: list[str], code_text: str = "", words: list[str] | None = None
) -> tuple[str, str]:
    """``(reason, label)`` of a note, place-and-date or signature row, else ``("", "")``.

    Each distinct text of the row (at most four: "NGƯỜI LẬP BIỂU" and
    "TL. GIÁM ĐỐC" side by side) must be such a label.
    """
    if code_text:
        return "", ""
    words = _texts(texts) if words is None else words
    if not words or len(words) > 4:
        return "", ""
    reasons = []
    for w in words:
        key = ascii_key(w)
        if _NOTE.match(key):
            reasons.append("note")
        elif _PLACE_DATE.match(key):
            reasons.append("place_date")
        elif _SIGNATURE.match(key) or key.startswith(("ky ", "ky,")) or key in ("ky", "ky ten"):
            reasons.append("signature")
        else:
            return "", ""
    for reason in ("note", "place_date", "signature"):
        if reason in reasons:
            return reason, words[0]
    return "", ""  # pragma: no cover


def after_footer(texts: list[str], code_text: str = "", words: list[str] | None = None) -> bool:
    """Whether a row below a signature block belongs to it: a few texts, no code, no year.

    Names of the signers, "Đã ký", titles ("TRƯỞNG PHÒNG"), a stamp note.
    """
    if code_text:
        return False
    words = _texts(texts) if words is None else words
    return 0 < len(words) <= 4 and not any(t.isdigit() and len(t) in (4, 5) for t in texts)


def column_numbers(texts: list[str]) -> bool:
    """Whether a row is the numbered-column row under a header ("(1) (2) (3)", "A B 1 2 3").

    At least three cells, every non-empty cell a column number, the numbers
    increasing from left to right.
    """
    values = [t for t in texts if t]
    if len(values) < 3 or not all(_COLUMN_NUMBER.match(v) for v in values):
        return False
    nums = [int(m.group(1)) for v in values
            if (m := _COLUMN_NUMBER.match(v)) and m.group(1).isdigit()]
    if len(nums) < 2:
        return False
    # merged cells repeat a number; the numbers never go back
    return all(b >= a for a, b in zip(nums, nums[1:], strict=False)) and nums[-1] > nums[0]


def numbers_of(cells: list[object]) -> list[tuple[int, int]]:
    """``(column, integer)`` of the whole-number cells of a row (a totals row's counts)."""
    out = []
    for i, c in enumerate(cells):
        if isinstance(c, bool):
            continue
        if isinstance(c, (int, float)) and c == c and float(c).is_integer():
            out.append((i, int(c)))
        elif isinstance(c, str) and c.strip().isdigit():
            out.append((i, int(c.strip())))
    return out


#: Words a register's title starts with (ascii keys): "DANH SÁCH MÔ HÌNH … NĂM 2019".
_TITLE_START = re.compile(
    r"^(?:danh sach|danh muc|bang (?:tong hop|thong ke|theo doi|ke)|bao cao|thong ke|tong hop"
    r"|ket qua|so (?:theo doi|dang ky|quan ly)|tinh hinh|list|register)\b"
)
#: Rows above a header that are not its title (ascii keys, start of the text): the
#: agency and the national motto of the letterhead, document numbers, "attached to…",
#: units, form numbers.
_NOT_TITLE = re.compile(
    r"^(?:cong hoa xa hoi|doc lap|so\b|so:|kem theo|dinh kem|don vi tinh|dvt|bieu so|bieu mau"
    r"|mau so|bieu\b|ubnd|uy ban|cong an|so \w+|phong\b|ban\b|huyen uy|tinh uy|dang uy"
    r"|van phong|chi cuc|trung tam|hoi dong|ban chi dao)"
)


def title_of(rows: list[list[str]]) -> str:
    """Return the register's title among the rows above its header, else ``""``.

    ``rows`` are the cells' texts (:func:`cell_text`) of those rows, top to
    bottom. The title is one distinct text on its row (a merged title): the
    first row whose text starts like a title ("DANH SÁCH…", "BẢNG TỔNG HỢP…",
    "BÁO CÁO…"), else the first of at least four words that is not part of the
    letterhead (agency, national motto, "Số: …", place and date, "Kèm theo…").
    NFC, whitespace collapsed.
    """
    candidates = []
    for texts in rows:
        words = _texts(texts)
        if len(words) != 1:
            continue
        text = " ".join(words[0].split())
        key = ascii_key(text)
        if _TITLE_START.match(key):
            return text
        if (len(text.split()) >= 4 and not _NOT_TITLE.match(key) and not _PLACE_DATE.match(key)
                and not _NOTE.match(key) and not text.startswith(("(", "["))):
            candidates.append(text)
    return candidates[0] if candidates else ""
