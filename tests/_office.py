"""Registers laid out as a provincial office keeps them, built with openpyxl.

The layout of a Vietnamese administrative report ("biểu mẫu"): the agency and
the national motto side by side at the top, a merged title, the header row,
the row of column numbers, group headings by district, district cells merged
over their rows, subtotals, a totals row, a note, the place-and-date line and
the signature block with names.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

#: Data rows of the models sheet by district: (commune, model name, year, GSO code).
MODELS: dict[str, list[tuple[str, str, Any, Any]]] = {
    "Huyện Thới Bình": [
        ("Thị trấn Thới Bình", "Tổ tự quản an ninh trật tự", 2018, 32065),
        ("Xã Biển Bạch", "Camera an ninh", 2019, 32068),
        ("Xã Tân Bằng", "Tổ hòa giải ở cơ sở", 2020, None),
    ],
    "Huyện Năm Căn": [
        ("Xã Hiệp Tùng", "Tổ tự quản an ninh trật tự", 2018, None),
        ("Xã Đất Mới", "Camera an ninh", 2021, 32200),
    ],
    "Huyện Phú Tân": [
        ("Xã Việt Khái", "Tổ tự quản an ninh trật tự", 2019, None),
    ],
}
#: Their GSO codes, row by row, as the boundaries give them.
CODES = {"Thị trấn Thới Bình": "32065", "Xã Biển Bạch": "32068", "Xã Tân Bằng": "32069",
         "Xã Hiệp Tùng": "32197", "Xã Đất Mới": "32200", "Xã Việt Khái": "32230"}
HEADERS = ["STT", "Huyện/TP", "Xã/Phường/Thị trấn", "Tên mô hình", "Năm xây dựng",
           "Mã đơn vị", "Ghi chú"]


def office_models(path: Path, *, traps: set[str] | None = None,
                  rows: dict[str, list[tuple[str, str, Any, Any]]] | None = None) -> dict:
    """Write the models workbook; return ``{"data": [row numbers], "layout": {row: reason}}``.

    ``traps`` picks the layout traps to include (default: all): ``title``,
    ``column_numbers``, ``district_heading``, ``merged_district``,
    ``subtotal``, ``total``, ``note``, ``place_date``, ``signature``,
    ``blank``, ``unit_heading``.
    """
    from openpyxl import Workbook

    all_traps = {"title", "column_numbers", "district_heading", "merged_district", "subtotal",
                 "total", "note", "place_date", "signature", "blank", "unit_heading"}
    traps = all_traps if traps is None else traps
    rows = MODELS if rows is None else rows
    wb = Workbook()
    ws = wb.active
    ws.title = "Mô hình"
    width = len(HEADERS)
    layout: dict[int, str] = {}
    data: list[int] = []
    r = 1
    if "title" in traps:
        ws.cell(1, 1, "CÔNG AN TỈNH CÀ MAU")
        ws.cell(1, 5, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        ws.cell(2, 1, "PHÒNG THAM MƯU")
        ws.cell(2, 5, "Độc lập - Tự do - Hạnh phúc")
        ws.merge_cells("A1:D1"), ws.merge_cells("E1:G1")
        ws.merge_cells("A2:D2"), ws.merge_cells("E2:G2")
        ws.cell(4, 1, "DANH SÁCH MÔ HÌNH BẢO ĐẢM AN NINH TRẬT TỰ Ở CƠ SỞ NĂM 2024")
        ws.merge_cells(start_row=4, start_column=1, end_row=4, end_column=width)
        layout.update({1: "above_header", 2: "above_header", 4: "above_header"})
        r = 5
    for c, h in enumerate(HEADERS, start=1):
        ws.cell(r, c, h)
    r += 1
    if "column_numbers" in traps:
        for c in range(1, width + 1):
            ws.cell(r, c, f"({c})")
        layout[r] = "column_numbers"
        r += 1
    if "unit_heading" in traps:
        ws.cell(r, 1, "A. KHỐI XÃ, THỊ TRẤN")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        layout[r] = "heading"
        r += 1
    stt = 0
    for gi, (district, items) in enumerate(rows.items()):
        if "district_heading" in traps:
            ws.cell(r, 1, f"{'I II III IV V'.split()[gi]}. {district}")
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
            layout[r] = "district_heading"
            r += 1
        first = r
        for commune, name, year, code in items:
            stt += 1
            ws.cell(r, 1, stt)
            if "merged_district" not in traps or r == first:
                ws.cell(r, 2, district)
            ws.cell(r, 3, commune)
            ws.cell(r, 4, name)
            ws.cell(r, 5, year)
            if code is not None:
                ws.cell(r, 6, code)
            data.append(r)
            r += 1
        if "merged_district" in traps and r - 1 > first:
            ws.merge_cells(start_row=first, start_column=2, end_row=r - 1, end_column=2)
        if "subtotal" in traps:
            ws.cell(r, 1, "Cộng")
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)
            ws.cell(r, 4, len(items))
            layout[r] = "subtotal"
            r += 1
        if "blank" in traps and gi == 0:
            layout[r] = "blank"
            r += 1
    if "total" in traps:
        ws.cell(r, 1, "Tổng cộng")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)
        ws.cell(r, 4, stt)
        layout[r] = "total"
        r += 1
    r += 1  # a blank spacer below the table
    if "note" in traps:
        ws.cell(r, 1, "Ghi chú: số liệu tính đến ngày 31/12/2024.")
        layout[r] = "note"
        r += 1
    if "place_date" in traps:
        ws.cell(r, 5, "Cà Mau, ngày 15 tháng 01 năm 2025")
        layout[r] = "place_date"
        r += 1
    if "signature" in traps:
        ws.cell(r, 1, "NGƯỜI LẬP BIỂU")
        ws.cell(r, 5, "TL. GIÁM ĐỐC")
        layout[r] = "signature"
        ws.cell(r + 1, 5, "TRƯỞNG PHÒNG")
        layout[r + 1] = "signature"
        ws.cell(r + 2, 1, "(Ký, ghi rõ họ tên)")
        layout[r + 2] = "signature"
        ws.cell(r + 5, 1, "Nguyễn Văn An")
        ws.cell(r + 5, 5, "Trần Thị Bích")
        layout[r + 5] = "signature"
        r += 6
    wb.save(path)
    return {"data": data, "layout": layout}
