"""Limits: registers over the size/row limits are refused; a 200,000-row register fits in 2 GB.

The memory bound is measured on a child process (``os.wait4`` gives that
child's own peak RSS), so other tests' subprocesses never count.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from camau_gis import settings
from camau_gis.errors import CamauGisError, OptionError, RegisterError
from camau_gis.register import read_register

#: Peak resident memory allowed for read -> validate -> match -> analysis (bytes).
MEMORY_LIMIT = 2 * 2**30
BIG_ROWS = 200_000
HEADER = ["Mã mô hình", "Tên mô hình", "Xã/Phường/Thị trấn", "Huyện/TP", "Mã xã",
          "Năm xây dựng", "Cấp", "Kinh độ", "Vĩ độ"]


def _csv(path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, *rows])
    return path


def _rows(n: int) -> list[list[object]]:
    return [[f"M{i}", f"Mô hình {i}", "Xã Hiệp Tùng", "Huyện Năm Căn", "", 2018, "xã", "", ""]
            for i in range(n)]


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Mô hình"
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


# --------------------------------------------------------------------------- size limits


@pytest.mark.parametrize("how", ["env", "settings"])
def test_register_over_byte_limit_is_refused_with_the_fix(tmp_path, monkeypatch, how):
    path = _csv(tmp_path / "so.csv", _rows(60))
    size = path.stat().st_size
    if how == "env":
        monkeypatch.setenv("CAMAU_GIS_MAX_REGISTER_BYTES", str(size - 1))
    else:
        monkeypatch.delenv("CAMAU_GIS_MAX_REGISTER_BYTES", raising=False)
        monkeypatch.setattr(settings, "max_register_bytes", size - 1)
    with pytest.raises(RegisterError) as err:
        read_register(path)
    msg = str(err.value)
    assert "so.csv" in msg and "vượt giới hạn" in msg
    assert "CAMAU_GIS_MAX_REGISTER_BYTES" in msg and "tách thành nhiều tệp" in msg
    assert f"{size / 1024:,.1f} KB" in msg and f"{(size - 1) / 1024:,.1f} KB" in msg  # both sizes
    # at the limit exactly, the register is read
    monkeypatch.setenv("CAMAU_GIS_MAX_REGISTER_BYTES", str(size))
    assert len(read_register(path).models) == 60


def test_byte_limit_accepts_unit_suffixes_and_rejects_nonsense(monkeypatch):
    monkeypatch.setenv("CAMAU_GIS_MAX_REGISTER_BYTES", "2M")
    assert settings.register_limit("max_register_bytes") == 2 * 2**20
    monkeypatch.setenv("CAMAU_GIS_MAX_REGISTER_BYTES", "300kb")
    assert settings.register_limit("max_register_bytes") == 300 * 2**10
    for bad in ("-5", "0", "lots", "1.5G"):
        monkeypatch.setenv("CAMAU_GIS_MAX_REGISTER_BYTES", bad)
        with pytest.raises(OptionError, match="CAMAU_GIS_MAX_REGISTER_BYTES"):
            settings.register_limit("max_register_bytes")
    monkeypatch.setenv("CAMAU_GIS_MAX_REGISTER_ROWS", "1e6")
    with pytest.raises(OptionError, match="CAMAU_GIS_MAX_REGISTER_ROWS"):
        settings.register_limit("max_register_rows")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_register_over_row_limit_is_refused(tmp_path, monkeypatch, fmt):
    path = tmp_path / f"so.{fmt}"
    (_csv if fmt == "csv" else _xlsx)(path, _rows(20))  # header + 20 rows
    monkeypatch.setenv("CAMAU_GIS_MAX_REGISTER_ROWS", "20")
    with pytest.raises(RegisterError) as err:
        read_register(path)
    msg = str(err.value)
    assert "so." + fmt in msg and "20" in msg and "CAMAU_GIS_MAX_REGISTER_ROWS" in msg
    if fmt == "xlsx":
        assert '"Mô hình"' in msg  # names the sheet
    monkeypatch.setenv("CAMAU_GIS_MAX_REGISTER_ROWS", "21")
    assert list(read_register(path).models["name"]) == [f"Mô hình {i}" for i in range(20)]


def test_command_limit_wins_over_the_environment_without_changing_it(tmp_path, monkeypatch):
    """--max-register-rows for one command: the environment is read, never written."""
    import os

    from camau_gis.cli.build import register_limits

    path = tmp_path / "so.csv"
    _csv(path, _rows(20))
    monkeypatch.setenv("CAMAU_GIS_MAX_REGISTER_ROWS", "5")
    with register_limits(None, 21):
        assert os.environ["CAMAU_GIS_MAX_REGISTER_ROWS"] == "5"
        assert len(read_register(path).models) == 20
        with register_limits(None, 10):  # nested: the inner command's limit
            with pytest.raises(RegisterError, match="10"):
                read_register(path)
        assert len(read_register(path).models) == 20
    assert os.environ["CAMAU_GIS_MAX_REGISTER_ROWS"] == "5"
    with pytest.raises(RegisterError, match="CAMAU_GIS_MAX_REGISTER_ROWS"):
        read_register(path)


def test_workbook_that_unzips_far_beyond_the_limit_is_refused(tmp_path, monkeypatch):
    """A zip bomb: a small file whose sheet expands to many times the size limit."""
    path = _xlsx(tmp_path / "bom.xlsx", _rows(3))
    src = zipfile.ZipFile(path)
    padded = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(padded, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":  # 8 MB of white space in the XML
                data = data.replace(b"<sheetData>", b"<sheetData>" + b" " * (8 * 2**20))
            dst.writestr(item.filename, data, zipfile.ZIP_DEFLATED)
    size = padded.stat().st_size
    assert size < 200_000  # the compressed file is small
    monkeypatch.setenv("CAMAU_GIS_MAX_REGISTER_BYTES", str(2**20))
    with pytest.raises(RegisterError, match=r"giải nén ra .*vượt giới hạn") as err:
        read_register(padded)
    assert "bomb.xlsx" in str(err.value)


def _set_sheet_xml(path: Path, edit) -> None:
    src = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = edit(data)
            dst.writestr(item.filename, data)


def test_workbook_merging_the_whole_sheet_is_refused(tmp_path):
    """A 6 KB file declaring one merged range of 17 billion cells (openpyxl would build each)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["Tên mô hình", "Xã"])
    wb.active.append(["Một", "Hiệp Tùng"])
    wb.active.merge_cells("C1:D1")
    path = tmp_path / "merged.xlsx"
    wb.save(path)
    _set_sheet_xml(path, lambda x: x.replace(b'ref="C1:D1"', b'ref="A1:XFD1048576"'))
    with pytest.raises(RegisterError, match="A1:XFD1048576") as err:
        read_register(path)
    assert "merged.xlsx" in str(err.value) and "bỏ gộp" in str(err.value)


def test_stray_cell_far_away_is_harmless(tmp_path):
    """A note in cell XFD1 (the last column) does not make every row 16,384 cells wide."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Tên mô hình", "Xã"])
    ws.append(["Một", "Hiệp Tùng"])
    ws.append(["Hai", "Tân Thành"])
    ws.cell(1, 16384, "ghi chú")
    ws.cell(2, 4, "ghi chú 2")
    ws.merge_cells("D2:D3")
    path = tmp_path / "far.xlsx"
    wb.save(path)
    # a merged note running 20,000 rows down: filled only where the table has values
    _set_sheet_xml(path, lambda x: x.replace(b'ref="D2:D3"', b'ref="D2:D20000"'))
    from camau_gis.io.sheets import read_sheets

    (sheet,) = read_sheets(path)
    assert [len(cells) for _, cells in sheet.rows] == [16384, 4, 4]
    assert [cells[3] for _, cells in sheet.rows[1:]] == ["ghi chú 2", "ghi chú 2"]
    assert list(read_register(path).models["name"]) == ["Một", "Hai"]


def test_unclosed_quote_gives_a_message_not_a_crash(tmp_path):
    body = "Tên mô hình,Xã\n\"Một,Hiệp Tùng\n" + ("x" * 200_000) + "\n"
    path = tmp_path / "quote.csv"
    path.write_text(body, encoding="utf-8")
    try:
        reg = read_register(path)
    except CamauGisError as exc:
        assert "quote.csv" in str(exc)
    else:  # read as one (long) cell: the row is kept, nothing dropped silently
        assert len(reg.models) == 1


# --------------------------------------------------------------------------- 200,000 rows


def _child(models: str, c19: str, shp: str, out: str) -> None:
    """Run read -> validate -> match -> analysis; write counts for the parent to check."""
    from camau_gis.analysis import analyze
    from camau_gis.boundaries import load_communes
    from camau_gis.register import match_register

    work = Path(out).parent  # nothing written into the repository (canonical-table cache…)
    settings.shapefiles_dir = settings.outputs_dir = settings.cache_dir = work / "work"
    import time

    seconds = {}
    t = time.perf_counter()
    communes = load_communes(shp)
    seconds["boundaries"] = time.perf_counter() - t
    t = time.perf_counter()
    reg = read_register(models, c19)
    seconds["read+validate"] = time.perf_counter() - t
    t = time.perf_counter()
    matched = match_register(reg, communes)
    seconds["match"] = time.perf_counter() - t
    t = time.perf_counter()
    result = analyze(communes, matched, permutations=99)
    seconds["analysis"] = time.perf_counter() - t
    counts = result.communes.set_index("gso_code")["n_models"].astype(int).to_dict()
    Path(out).write_text(json.dumps({
        "models": len(reg.models),
        "c19": len(reg.c19),
        "joined": int((matched.models["match_code"] != "").sum()),
        "report": len(matched.report),
        "n_models": counts,
        "covered": int(result.communes["covered"].sum()),
        "seconds": {k: round(v, 2) for k, v in seconds.items()},  # for information only
    }))


def _big_register(folder: Path, communes) -> tuple[Path, Path, dict[str, int], int]:
    """200,000 valid model rows over the communes, written three ways, and a criterion-19 table."""
    codes = list(communes["gso_code"])
    names = list(communes["name"])
    districts = list(communes["district"])
    points = communes.geometry.representative_point()
    xs = [f"{x:.5f}" for x in points.x]
    ys = [f"{y:.5f}" for y in points.y]
    expected = dict.fromkeys(codes, 0)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(HEADER)
    for i in range(BIG_ROWS):
        j = (i * 7919) % len(codes)  # every commune, in a scrambled order
        style = i % 3  # name + district / code only / name + code + point
        w.writerow([
            f"M{i:06d}",
            f"Mô hình tự quản về an ninh trật tự số {i}",
            "" if style == 1 else names[j],
            districts[j] if style == 0 else "",
            codes[j] if style else "",
            2010 + i % 10,
            "xã",
            xs[j] if style == 2 else "",
            ys[j] if style == 2 else "",
        ])
        expected[codes[j]] += 1
    models = folder / "big_models.csv"
    models.write_text(buf.getvalue(), encoding="utf-8")
    xa = [c for c, t in zip(codes, communes["unit_type"], strict=True) if t == "xã"]  # criterion 19: xã only
    c19 = _csv(folder / "big_c19.csv",
               [[code, year, "Có" if (k + year) % 3 else "Không"]
                for k, code in enumerate(xa) for year in range(2015, 2020)],
               header=["Mã xã", "Năm", "Đạt tiêu chí 19"])
    return models, c19, expected, 5 * len(xa)


def test_200k_row_register_runs_within_2gb(tmp_path, ca_mau_shp, _ca_mau_communes_cached):
    models, c19, expected, n_c19 = _big_register(tmp_path, _ca_mau_communes_cached)
    out = tmp_path / "out.json"
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    env.pop("CAMAU_GIS_MAX_REGISTER_ROWS", None)
    env.pop("CAMAU_GIS_MAX_REGISTER_BYTES", None)
    proc = subprocess.Popen(
        [sys.executable, __file__, str(models), str(c19), str(ca_mau_shp), str(out)],
        env=env, stderr=subprocess.PIPE, text=True,
    )
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    assert proc.returncode == 0, stderr[-3000:]
    peak = usage.ru_maxrss * 1024  # kilobytes on Linux
    got = json.loads(out.read_text())
    print(f"200k rows: peak RSS {peak / 2**20:.0f} MB; seconds {got['seconds']}")  # -s shows it
    assert peak < MEMORY_LIMIT, f"peak RSS {peak / 2**20:.0f} MB"
    assert got["models"] == BIG_ROWS and got["c19"] == n_c19
    assert got["joined"] == BIG_ROWS and got["report"] == 0
    # every model counted in its own commune (all started by 2019, none ended)
    assert got["n_models"] == expected
    assert got["covered"] == len(expected)


if __name__ == "__main__":
    _child(*sys.argv[1:5])
