"""Benchmark: read a 50,000-row register workbook (issue 17: "read in seconds").

Run ``python -m benchmarks.bench_register_read [--rows N] [--repeat N]``. It
builds, once, an office-style workbook (title rows, merged district cells,
the numbered-column row, subtotals, a signature block) of ``--rows`` models
with openpyxl, then times, each in a fresh interpreter (imports included, as
a user pays them):

- ``io.read_sheets`` (python-calamine values + merged ranges),
- ``read_register`` (the whole read: header, layout rows, values, checks),

against same-run baselines on the same file: ``openpyxl.load_workbook``
iterating every cell (what the reader did before), and
``pandas.read_excel(engine="openpyxl")``. Prints a Markdown table with each
case's median wall and CPU time and its CPU ratio to the openpyxl baseline;
nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

CASES = {
    "baseline: openpyxl load + iterate": (
        "from openpyxl import load_workbook\n"
        "wb = load_workbook({path!r}, data_only=True)\n"
        "n = sum(1 for ws in wb.worksheets for row in ws.iter_rows(values_only=True))"
    ),
    "baseline: pandas.read_excel (openpyxl)": (
        "import pandas as pd\n"
        "n = len(pd.read_excel({path!r}, sheet_name=0, header=None, engine='openpyxl'))"
    ),
    "ours: io.read_sheets (calamine)": (
        "from camau_gis.io.sheets import read_sheets\n"
        "n = sum(len(s.rows) for s in read_sheets({path!r}))"
    ),
    "ours: read_register (whole read)": (
        "from camau_gis.register import read_register\n"
        "n = len(read_register({path!r}).models)"
    ),
}

_WRAPPER = ("import time\nt0, c0 = time.perf_counter(), time.process_time()\n{body}\n"
            "print(time.perf_counter() - t0, time.process_time() - c0, n)\n")

COMMUNES = [("Huyện Năm Căn", ["Xã Hiệp Tùng", "Xã Đất Mới", "Xã Hàm Rồng", "Xã Tam Giang"]),
            ("Huyện Thới Bình", ["Xã Biển Bạch", "Xã Tân Bằng", "Xã Trí Phải", "Xã Tân Lộc"]),
            ("Huyện Phú Tân", ["Xã Phú Mỹ", "Xã Tân Hải", "Xã Việt Khái", "Xã Rạch Chèo"])]


def build(path: Path, rows: int) -> Path:
    """Write an office-style models workbook of ``rows`` data rows."""
    from openpyxl import Workbook

    wb = Workbook(write_only=False)
    ws = wb.active
    ws.title = "Mô hình"
    ws.append(["CÔNG AN TỈNH CÀ MAU", None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
    ws.append(["DANH SÁCH MÔ HÌNH BẢO ĐẢM AN NINH TRẬT TỰ"])
    ws.append(["STT", "Huyện/TP", "Xã/Phường/Thị trấn", "Tên mô hình", "Năm xây dựng",
               "Mã đơn vị", "Ghi chú"])
    ws.append([f"({i})" for i in range(1, 8)])
    per = rows // len(COMMUNES)
    stt = 0
    for district, communes in COMMUNES:
        ws.append([f"{len(ws['A'])}. {district}"])
        first = ws.max_row + 1
        for i in range(per):
            stt += 1
            ws.append([stt, district if i == 0 else None, communes[i % len(communes)],
                       f"Mô hình {stt}", 2015 + i % 10, None, ""])
        ws.merge_cells(start_row=first, start_column=2, end_row=ws.max_row, end_column=2)
        ws.append(["Cộng", None, None, per])
    ws.append(["Tổng cộng", None, None, stt])
    ws.append([])
    ws.append(["NGƯỜI LẬP BIỂU", None, None, None, "TL. GIÁM ĐỐC"])
    ws.append(["Nguyễn Văn An", None, None, None, "Trần Thị Bích"])
    wb.save(path)
    return path


def _run(body: str) -> tuple[float, float, int]:
    """``(wall s, CPU s, rows)`` of one fresh-process run."""
    out = subprocess.run([sys.executable, "-c", _WRAPPER.format(body=body)], check=True,
                         capture_output=True, text=True).stdout.split()
    return float(out[0]), float(out[1]), int(out[2])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=50_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = build(Path(tmp) / "so_50k.xlsx", args.rows)
        size = path.stat().st_size
        results = {}
        for name, body in CASES.items():
            runs = [_run(body.format(path=str(path))) for _ in range(args.repeat)]
            results[name] = (statistics.median(r[0] for r in runs),
                             statistics.median(r[1] for r in runs), runs[0][2])
    _, base = results["baseline: openpyxl load + iterate"][:2]
    print(f"register workbook: {args.rows:,} data rows, {size / 2**20:.1f} MB; "
          f"median of {args.repeat} fresh-process runs (imports included); CPU seconds are "
          "the fair figure on a busy machine\n")
    print("| case | wall s | CPU s | CPU × openpyxl baseline | rows |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, (wall, cpu, n) in results.items():
        print(f"| {name} | {wall:.2f} | {cpu:.2f} | {cpu / base:.2f} | {n:,} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
