"""Coverage-guided fuzz target (atheris) for the register readers (CSV and XLSX).

Each input is one byte choosing how the rest is fed to
:func:`camau_gis.register.read_register`:

0. the bytes as a ``.csv`` file (encodings, separators, quotes);
1. the bytes as an ``.xlsx`` file (zip and workbook parsing);
2. the bytes decoded as CSV text, written as cells of a real workbook by
   openpyxl (numbers, dates, booleans, formulas, merged title row);
3. the bytes as the XML of the first worksheet inside a valid workbook.

The only accepted failures are camau-gis errors
(:class:`camau_gis.errors.CamauGisError`); anything else is a crash.

Run (atheris is in the ``fuzz`` extra)::

    python fuzz/fuzz_register.py -max_total_time=60

New inputs go to ``$TMPDIR/camau_fuzz/corpus`` and crashing inputs to
``$TMPDIR/camau_fuzz/crashes/`` (the seeds in ``fuzz/corpus`` are only read).

:func:`TestOneInput` is importable without atheris, so a plain test runs it
on the seed corpus.
"""

from __future__ import annotations

import csv
import io
import re
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
MODES = ("csv", "xlsx", "cells", "sheet_xml")

_TMP: Path | None = None
_TEMPLATE: bytes | None = None


def _tmp() -> Path:
    global _TMP
    if _TMP is None:
        _TMP = Path(tempfile.mkdtemp(prefix="camau_fuzz_"))
    return _TMP


def _cell(text: str) -> object:
    """Turn a CSV field into a typed cell value, so workbooks hold numbers, dates, formulas."""
    import datetime as dt

    if text[:1] == "=":
        return text  # openpyxl stores it as a formula without a cached value
    for conv in (int, float):
        try:
            return conv(text)
        except (ValueError, OverflowError):
            pass
    if text in ("TRUE", "FALSE"):
        return text == "TRUE"
    if text[:2] == "d:" and text[2:].isdigit():
        return dt.datetime(2000, 1, 1) + dt.timedelta(days=int(text[2:]) % 20000)
    return text


def workbook_from_text(text: str, merge: int = 0) -> bytes:
    """Build an XLSX from CSV text: typed cells, an optional merged title row of width ``merge``."""
    import datetime as dt

    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    wb = Workbook()
    wb.properties.created = wb.properties.modified = dt.datetime(2020, 1, 1)  # same bytes each run
    ws = wb.active
    if merge:
        ws.append(["SỔ THEO DÕI MÔ HÌNH"])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=1 + merge % 8)
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        rows = [line.split(",") for line in text.splitlines()]
    for row in rows[:2000]:
        ws.append([_cell(ILLEGAL_CHARACTERS_RE.sub("", v)[:32000]) for v in row[:200]])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _template() -> bytes:
    global _TEMPLATE
    if _TEMPLATE is None:
        _TEMPLATE = workbook_from_text("Tên mô hình,Xã\nMột,Hiệp Tùng\n")
    return _TEMPLATE


def workbook_with_sheet_xml(xml: bytes) -> bytes:
    """Return a valid workbook whose first worksheet's XML is replaced by ``xml``."""
    src = zipfile.ZipFile(io.BytesIO(_template()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = xml if item.filename == "xl/worksheets/sheet1.xml" else src.read(item)
            dst.writestr(item, data)
    return out.getvalue()


def prepare(data: bytes) -> tuple[str, bytes]:
    """Return ``(suffix, file bytes)`` for one fuzz input."""
    if not data:
        return ".csv", b""
    mode, body = MODES[data[0] % len(MODES)], data[1:]
    if mode == "csv":
        return ".csv", body
    if mode == "xlsx":
        return ".xlsx", body
    if mode == "cells":
        merge = body[0] % 4 if body else 0
        return ".xlsx", workbook_from_text(body[1:].decode("utf-8", "replace"), merge)
    return ".xlsx", workbook_with_sheet_xml(body)


def TestOneInput(data: bytes) -> None:  # noqa: N802 - the name atheris expects
    """Read one fuzz input as a register; only camau-gis errors may escape as handled."""
    from camau_gis.errors import CamauGisError
    from camau_gis.register import read_register

    suffix, payload = prepare(data)
    path = _tmp() / f"register{suffix}"
    path.write_bytes(payload)
    try:
        reg = read_register(path)
    except CamauGisError as exc:
        if not str(exc).strip():
            raise AssertionError("a camau-gis error without a message") from exc
        return
    # a parsed register keeps one row per record, with provenance; a repeated model id is
    # kept and reported as a problem of its row (issue 17: problems per row, not per file)
    ids = reg.models["model_id"]
    repeated = set(ids[ids.duplicated(keep=False)])
    assert len(reg.models) and repeated <= {p.value for p in reg.problems}


def corpus_files() -> list[Path]:
    """Return the seed corpus files, sorted."""
    return sorted(p for p in CORPUS.iterdir() if p.is_file()) if CORPUS.is_dir() else []


def _fixed_dates(xlsx: bytes) -> bytes:
    """Return the workbook with fixed dates, so the seed's bytes do not change."""
    src = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            data = src.read(item)
            if item.filename == "docProps/core.xml":  # openpyxl stamps the save time
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2020-01-01T00:00:00Z", data
                )
            dst.writestr(info, data)
    return out.getvalue()


def make_corpus(folder: Path = CORPUS) -> list[Path]:
    """Write the seed corpus from the shipped example register (all four modes)."""
    from camau_gis.register import EXAMPLE_C19, EXAMPLE_MODELS

    folder.mkdir(parents=True, exist_ok=True)
    models = EXAMPLE_MODELS.read_bytes()
    c19 = EXAMPLE_C19.read_bytes()
    small = b"\n".join(models.splitlines()[:6]) + b"\n"
    sheet = zipfile.ZipFile(io.BytesIO(workbook_from_text(small.decode()))).read(
        "xl/worksheets/sheet1.xml"
    )
    seeds = {
        "csv_models": b"\x00" + models,
        "csv_c19": b"\x00" + c19,
        "csv_small_bom": b"\x00\xef\xbb\xbf" + small,
        "csv_small_utf16": b"\x00" + small.decode().encode("utf-16"),
        "csv_small_semicolon": b"\x00" + small.replace(b",", b";"),
        "xlsx_small": b"\x01" + _fixed_dates(workbook_from_text(small.decode())),
        "cells_small": b"\x02\x01" + small,
        "cells_c19": b"\x02\x00" + c19,
        "sheet_xml": b"\x03" + sheet,
        "cells_merged_formula": b"\x02\x03" + small.replace(b",,", b",=1+1,", 1),
        "sheet_xml_merged": b"\x03"
        + sheet.replace(
            b"</sheetData>",
            b'</sheetData><mergeCells count="2"><mergeCell ref="A2:A4"/>'
            b'<mergeCell ref="C1:D1"/></mergeCells>',
        ),
    }
    out = []
    for name, data in seeds.items():
        path = folder / name
        path.write_bytes(data)
        out.append(path)
    return out


def main(argv: list[str] | None = None) -> None:
    """Run the fuzzer (libFuzzer options such as ``-max_total_time=60`` pass through)."""
    argv = list(sys.argv if argv is None else argv)
    if "--make-corpus" in argv:  # needs no atheris
        for p in make_corpus():
            print(p)
        return
    import atheris

    with atheris.instrument_imports(include=["camau_gis", "openpyxl", "et_xmlfile"]):
        import openpyxl  # noqa: F401

        import camau_gis.errors  # noqa: F401
        import camau_gis.io.encoding  # noqa: F401
        import camau_gis.io.sheets  # noqa: F401
        import camau_gis.normalize.register  # noqa: F401
        import camau_gis.register  # noqa: F401
        import camau_gis.text  # noqa: F401
    work = Path(tempfile.gettempdir()) / "camau_fuzz"
    if not any(not a.startswith("-") for a in argv[1:]):
        # new inputs go to a working folder outside the repository; the seeds are read only
        (work / "corpus").mkdir(parents=True, exist_ok=True)
        argv += [str(work / "corpus"), str(CORPUS)]
    if not any(a.startswith("-artifact_prefix=") for a in argv):
        (work / "crashes").mkdir(parents=True, exist_ok=True)
        argv.append(f"-artifact_prefix={work / 'crashes'}/")
    atheris.Setup(argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
