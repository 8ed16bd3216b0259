"""Register messages in the keeper's language: Vietnamese by default, English with --lang en.

An office workbook (openpyxl, the layout of a provincial office) with a bad
year, a bad code, an empty commune, 4-digit codes (a number cell and a text
cell), a totals row and a signature block is checked with ``register check``:
every line it prints, the match report (CSV and XLSX) and the ``--fix`` copy
speak Vietnamese by default and English with ``--lang en``; a code typed
``3219`` is quoted as typed, with how it was read. The message catalogue of
the register modules is scanned: every key has vi and en, the same
placeholders, Vietnamese in NFC, and no refusal or warning of these modules
is a hard-coded sentence.
"""

from __future__ import annotations

import ast
import csv
import re
import string
import unicodedata
from pathlib import Path

import pytest
from _office import MODELS, office_models

from camau_gis.cli import main
from camau_gis.i18n import LABELS, Msg

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "camau_gis"
#: The modules of the register path whose user-facing strings live in the catalogue.
REGISTER_MODULES = sorted(
    [*(PACKAGE / "normalize" / "register").glob("*.py"), *(PACKAGE / "register").glob("*.py"),
     PACKAGE / "cli" / "register.py", PACKAGE / "io" / "sheets.py"])

#: Phrases of the English messages: none may appear in a Vietnamese check.
ENGLISH = ["expected", 'value "', "empty", "needs attention", "rows:", "match report",
           "register:", "looks like", "is used again", "not read", ", row ", 'sheet "',
           'column "', "joined:", "signature line", "totals row", "read as", "is not in the",
           "warning:", "layout rows skipped"]
#: Words of the Vietnamese messages: none may appear in an English check.
VIETNAMESE = ["giá trị", "cần năm", "trống", "dòng chữ ký", "dòng tổng cộng", "cần xem lại",
              "đọc là", "báo cáo đối chiếu", "số dòng", "trang \"", "không có trong"]


def _office_register(path: Path) -> dict:
    """The office workbook with one trap per data row; return its row numbers."""
    rows = {d: list(items) for d, items in MODELS.items()}
    rows["Huyện Thới Bình"] = [
        ("Thị trấn Thới Bình", "Tổ tự quản an ninh trật tự", 2018, 32065),
        ("Xã Biển Bạch", "Camera an ninh", "năm ngoái", 32068),  # a bad year
        ("Xã Tân Bằng", "Tổ hòa giải ở cơ sở", 2020, "32A69"),  # a bad code
    ]
    rows["Huyện Năm Căn"] = [
        ("", "Tổ tự quản an ninh trật tự", 2018, None),  # an empty commune
        ("Xã Hiệp Tùng", "Loa truyền thanh", 2021, 3219),  # 4 digits, a number cell
        ("Xã Đất Mới", "Camera an ninh", 2021, "3220"),  # 4 digits, a text cell
    ]
    info = office_models(path, rows=rows)
    data = info["data"]
    return {"year": data[1], "code": data[2], "empty": data[3], "num4": data[4],
            "text4": data[5], **info}


def _check(tmp_path, shp, *extra: str, report: str = "r.csv") -> tuple[int, str, Path]:
    path = tmp_path / "so.xlsx"
    if not path.exists():
        _office_register(path)
    out = tmp_path / report
    code = main(["register", "check", str(path), "-b", str(shp), "--report", str(out), *extra])
    return code, "", out


def _report_rows(path: Path) -> list[dict]:
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        ws = load_workbook(path)["Đối chiếu"]
        rows = list(ws.iter_rows(values_only=True))
        return [dict(zip(rows[0], (v if v is not None else "" for v in r), strict=True))
                for r in rows[1:]]
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_register_check_speaks_vietnamese_by_default(tmp_path, ca_mau_shp, capsys):
    info = _office_register(tmp_path / "so.xlsx")
    code, _, report = _check(tmp_path, ca_mau_shp)
    out = capsys.readouterr()
    text = out.out + out.err
    assert code == 4  # rows need attention; the file is not refused
    lines = {ln.strip() for ln in out.out.splitlines()}
    row = {k: f'so.xlsx, trang "Mô hình", dòng {info[k]}' for k in
           ("year", "code", "empty", "num4", "text4")}
    assert f'{row["year"]}, Năm xây dựng: giá trị "năm ngoái": cần năm có 4 chữ số, từ 1990' \
        in text
    assert f'{row["code"]}, Mã đơn vị: giá trị "32A69": cần mã xã 5 chữ số' in text
    assert f"{row['empty']}, Xã/Phường/Thị trấn: trống, nhưng mô hình ở cấp xã" in text
    # the 4-digit codes are quoted as typed, with how they were read
    assert f'{row["num4"]}, Mã đơn vị: Mã xã "3219" (đọc là 03219) không có trong' in text
    assert f'{row["text4"]}, Mã đơn vị: Mã xã "3220" (đọc là 03220) không có trong' in text
    signature = [r for r, why in info["layout"].items() if why == "signature"]
    total = next(r for r, why in info["layout"].items() if why == "total")
    assert f'so.xlsx, trang "Mô hình", dòng {signature[0]}: dòng chữ ký ("NGƯỜI LẬP BIỂU")' \
        in lines
    assert any(ln.startswith(f'so.xlsx, trang "Mô hình", dòng {total}: dòng tổng cộng')
               for ln in lines)
    assert "cần xem lại: 5" in text and "báo cáo đối chiếu:" in text
    for phrase in ENGLISH:
        assert phrase not in text, phrase
    rows = _report_rows(report)
    by_row = {int(r["row"]): r for r in rows if r["table"] == "models"}
    assert by_row[info["num4"]]["value"] == "3219" and by_row[info["text4"]]["value"] == "3220"
    assert by_row[info["year"]]["reason"].startswith('giá trị "năm ngoái": cần năm')
    layout = {int(r["row"]): r["reason"] for r in rows if r["table"] == "layout"}
    assert layout[signature[0]] == "dòng chữ ký" and layout[total].startswith("dòng tổng cộng")
    for r in rows:
        for phrase in ("expected", "empty", "value", "not in the", "signature"):
            assert phrase not in r["reason"], (phrase, r)


def test_register_check_speaks_english_with_lang_en(tmp_path, ca_mau_shp, capsys):
    info = _office_register(tmp_path / "so.xlsx")
    code, _, report = _check(tmp_path, ca_mau_shp, "--lang", "en", report="r.xlsx")
    out = capsys.readouterr()
    text = out.out + out.err
    assert code == 4
    at = f'so.xlsx, sheet "Mô hình", row {info["year"]}'
    assert f'{at}, Năm xây dựng: value "năm ngoái": expected a year of 4 digits' in text
    assert f'row {info["empty"]}, Xã/Phường/Thị trấn: empty, but the model is commune-level' \
        in text
    assert f'row {info["num4"]}, Mã đơn vị: GSO code "3219" (read as 03219) is not in' in text
    assert "signature line" in text and "totals row" in text and "needs attention: 5" in text
    assert "match report:" in text
    for word in VIETNAMESE:
        assert word not in text, word
    rows = _report_rows(report)
    reasons = " ".join(r["reason"] for r in rows)
    assert 'value "32A69": expected the 5-digit GSO commune code' in reasons
    assert not any(w in reasons for w in ("giá trị", "cần ", "đọc là", "trống")), reasons


def test_match_report_xlsx_and_fix_copy_are_vietnamese(tmp_path, ca_mau_shp, capsys):
    from openpyxl import load_workbook

    info = _office_register(tmp_path / "so.xlsx")
    fixed = tmp_path / "so_da_sua.xlsx"
    code, _, report = _check(tmp_path, ca_mau_shp, "--fix", str(fixed), report="r.xlsx")
    assert code == 4
    rows = _report_rows(report)
    reasons = {int(r["row"]): r["reason"] for r in rows}
    assert reasons[info["code"]] == 'giá trị "32A69": cần mã xã 5 chữ số (mã thống kê), ' \
        "ví dụ 32197."
    assert reasons[info["num4"]].startswith('Mã xã "3219" (đọc là 03219) không có trong')
    ws = load_workbook(fixed)["Mô hình"]
    header = [c.value for c in ws[5]]
    note = header.index("Cần xem lại / gợi ý") + 1
    assert ws.cell(info["year"], note).value.startswith('giá trị "năm ngoái": cần năm')
    assert ws.cell(info["text4"], note).value.startswith('Mã xã "3220" (đọc là 03220)')
    assert "bản đã sửa" in capsys.readouterr().out


@pytest.mark.parametrize("typed, shown", [
    ("3219", '"3219" (đọc là 03219)'),
    ("03219.0", '"03219.0" (đọc là 03219)'),
    ("'3219", "\"'3219\" (đọc là 03219)"),
])
def test_a_csv_code_is_quoted_as_typed(tmp_path, ca_mau_shp, capsys, typed, shown):
    path = tmp_path / "so.csv"
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        csv.writer(f).writerows([["Tên mô hình", "Xã", "Mã xã", "Năm xây dựng"],
                                 ["Tổ tự quản", "Hiệp Tùng", typed, 2019]])
    report = tmp_path / "r.csv"
    assert main(["register", "check", str(path), "-b", str(ca_mau_shp), "--report",
                 str(report)]) == 4
    assert f"so.csv, dòng 2, Mã xã: Mã xã {shown} không có trong" in capsys.readouterr().out
    (row,) = _report_rows(report)
    assert row["value"] == typed and shown in row["reason"]


@pytest.mark.parametrize("typed", ["32005.0", "'32005"])
def test_a_code_that_contradicts_the_name_is_quoted_as_typed(tmp_path, ca_mau_shp, typed):
    path = tmp_path / "so.csv"
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        csv.writer(f).writerows([["Tên mô hình", "Xã", "Mã xã", "Năm xây dựng"],
                                 ["Tổ tự quản", "Xã Tân Tiến", typed, 2019]])
    assert main(["register", "check", str(path), "-b", str(ca_mau_shp), "--report",
                 str(tmp_path / "r.csv"), "--lang", "en"]) == 4
    (row,) = _report_rows(tmp_path / "r.csv")
    assert row["reason"].startswith(f"GSO code {typed} (read as 32005) is Phường 1")


def test_a_5_digit_code_as_typed_is_not_explained(tmp_path, ca_mau_shp, capsys):
    """A number cell 32197 or a text cell "99999" is read as typed: no "(đọc là …)"."""
    path = tmp_path / "so.csv"
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        csv.writer(f).writerows([["Tên mô hình", "Xã", "Mã xã", "Năm xây dựng"],
                                 ["Tổ tự quản", "", "99999", 2019]])
    main(["register", "check", str(path), "-b", str(ca_mau_shp), "--report",
          str(tmp_path / "r.csv")])
    out = capsys.readouterr().out
    assert 'Mã xã "99999" không có trong' in out and "(đọc là" not in out


def test_analysis_warning_follows_the_language(tmp_path, ca_mau_shp, capsys):
    _office_register(tmp_path / "so.xlsx")
    for lang, words in (("vi", "5 trên 7 dòng của sổ cần xem lại"),
                        ("en", "5 of 7 register row(s) need attention")):
        out = tmp_path / f"out_{lang}"
        assert main(["analyze", "-b", str(ca_mau_shp), "--register", str(tmp_path / "so.xlsx"),
                     "--out", str(out), "--lang", lang]) == 0
        err = capsys.readouterr().err
        assert words in err, err


# --------------------------------------------------------------------------- the catalogue


def _literal_keys() -> dict[str, set[str]]:
    """Keys named literally in the register modules: ``Msg("key"…)``, ``t("key"…)``."""
    found: dict[str, set[str]] = {}
    for path in REGISTER_MODULES:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("Msg", "t", "ValueProblem") and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                found.setdefault(node.args[0].value, set()).add(path.name)
    return found


def _block_keys() -> list[str]:
    """The keys of the catalogue block ``# issue 17 (session 4)``."""
    source = (PACKAGE / "i18n.py").read_text("utf-8")
    block = source.split("# issue 17 (session 4)", 1)[1].split("# end of issue 17", 1)[0]
    return re.findall(r'^\s*"([a-z0-9_]+)": \{', block, flags=re.MULTILINE)


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_every_register_message_has_vietnamese_and_english():
    keys = set(_literal_keys()) | set(_block_keys())
    assert len(_block_keys()) >= 50
    missing = sorted(k for k in keys if k not in LABELS)
    assert not missing, f"keys used but not in i18n.LABELS: {missing}"
    for key in sorted(keys):
        entry = LABELS[key]
        assert entry.get("vi") and entry.get("en"), key
        assert unicodedata.normalize("NFC", entry["vi"]) == entry["vi"], key
        assert _fields(entry["vi"]) == _fields(entry["en"]), key


def test_dynamic_keys_of_the_register_modules_exist():
    from camau_gis.normalize.register.layout import REASONS

    for reason in REASONS:
        assert "vi" in LABELS[f"reg_skip_{reason}"] and "en" in LABELS[f"reg_skip_{reason}"]
    for table in ("models", "c19"):
        assert LABELS[f"reg_table_{table}"] and LABELS[f"reg_err_no_rows_{table}"]
    for why in ("guide", "cover", "no_header", "empty", "other"):
        assert LABELS[f"reg_why_{why}"]


#: Calls whose first argument is a message for the user.
_MESSAGE_CALLS = {"RegisterError", "SchemaError", "OptionError", "RegisterDataError",
                  "ValueProblem", "warn"}


def test_no_refusal_or_warning_of_the_register_modules_is_a_fixed_sentence():
    """Every error, warning and cell problem is a catalogue message, never an f-string."""
    fixed = []
    for path in REGISTER_MODULES:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name not in _MESSAGE_CALLS:
                continue
            first = node.args[0]
            if name == "ValueProblem":
                ok = isinstance(first, ast.Constant) and first.value in LABELS
            else:
                ok = not isinstance(first, (ast.JoinedStr, ast.Constant, ast.BinOp))
            if not ok:
                fixed.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not fixed, fixed


def test_a_message_is_rendered_in_the_language_asked():
    from camau_gis.normalize.register import where

    loc = where("a/so.xlsx", "Mô hình", 14, "Năm")
    msg = Msg("reg_at", at=loc, text=Msg("reg_value", value="hai nghìn",
                                          detail=Msg("val_year", first=1990, last=2026)))
    assert msg == 'so.xlsx, trang "Mô hình", dòng 14, cột "Năm": giá trị "hai nghìn": cần năm ' \
        "có 4 chữ số, từ 1990 đến 2026."
    assert msg.say("en") == 'so.xlsx, sheet "Mô hình", row 14, column "Năm": value "hai ' \
        'nghìn": expected a year of 4 digits from 1990 to 2026.'
    import pickle

    assert pickle.loads(pickle.dumps(msg)).say("en") == msg.say("en")


# --------------------------------------------------------------------------- maps --atlas


@pytest.mark.parametrize("mixed, lang, expected", [
    (False, "vi", "sổ này theo đơn vị hành chính 2025 (7 dòng), không có huyện"),
    (False, "en", "this register is in the 2025 units (7 rows), which have no districts"),
    (True, "vi", "thêm --admin 2019 để lập tập bản đồ của 1 dòng theo đơn vị 2019"),
])
def test_atlas_on_a_2025_register_gives_a_hint_that_works(tmp_path, ca_mau_shp, bac_lieu_shp,
                                                          capsys, mixed, lang, expected):
    """``maps --atlas`` on a register of 2025 units: no "--admin 2019" (refused for it)."""
    from test_vintage_registers import ROWS_2019, ROWS_2025, write_xlsx

    rows = ROWS_2025 + (ROWS_2019[:1] if mixed else [])
    register = write_xlsx(tmp_path / "so_2025.xlsx", rows)
    out = tmp_path / "out"
    code = main(["maps", "--atlas", "-r", str(register), "-b", str(ca_mau_shp), "--bac-lieu",
                 str(bac_lieu_shp), "--out", str(out), "--lang", lang, "--dpi", "40"])
    err = " ".join(capsys.readouterr().err.split())
    assert code == 2, err
    assert expected in err
    if not mixed:
        assert "use it with --admin 2019" not in err and "dùng --admin 2019" not in err
    assert not out.exists() or not any(out.rglob("*.png"))  # refused before drawing
