"""Register templates and the criterion-19 definitions the tool ships.

:func:`write_template` writes empty templates (XLSX with drop-down lists, or
CSV); :func:`load_criteria` returns the criteria of NTM criterion 19. Both are
re-exported by :mod:`camau_gis.register`.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from .. import settings
from .._atomic import atomic_path, staged
from ..data import FOLDER as DATA_DIR  # the shipped data folder, defined once
from ..errors import OptionError
from ..i18n import Msg, pick

#: Sheet names of the XLSX template.
TEMPLATE_SHEETS = {"models": "Mô hình", "c19": "Tiêu chí 19", "guide": "Hướng dẫn"}
#: Sheet of the XLSX template holding the drop-down lists (hidden).
LIST_SHEET = "Danh mục"


# --------------------------------------------------------------------------- criteria


@cache
def _criteria() -> dict[str, Any]:
    return json.loads((DATA_DIR / "criteria.json").read_text(encoding="utf-8"))


def load_criteria(set_id: str | None = None, *, year: int | None = None) -> dict[str, Any]:
    """Return the shipped definitions of NTM criterion 19.

    Parameters
    ----------
    set_id : {"2016-2020", "2021-2025"}, optional
        Criteria set (Decision 1980/QĐ-TTg or 318/QĐ-TTg).
    year : int, optional
        Pick the set in force that year instead.

    Returns
    -------
    dict
        ``{"id", "period", "decision", "decision_date", "code", "title_vi",
        "title_en", "items": [{"code", "vi", "en", "target"}...]}``; with
        neither argument, ``{"sets": [...], "notes": ...}``.

    Raises
    ------
    KeyError
        Unknown set, or no set for that year.
    """
    data = _criteria()
    if set_id is None and year is None:
        return data
    for s in data["sets"]:
        first, last = s["period"]
        if s["id"] == set_id or (year is not None and first <= year <= last):
            return s
    raise KeyError(
        f"no criterion-19 set {set_id or year!r}; sets: {', '.join(s['id'] for s in data['sets'])}"
    )


# --------------------------------------------------------------------------- templates


def template_communes(
    province: str | None = None, vintage: str = "2019"
) -> list[tuple[str, str, str]]:
    """Communes of a province before 2025 for the template's drop-down: ``(name, district, code)``.

    Parameters
    ----------
    province : str, optional
        Province name or 2-digit code (default :data:`camau_gis.settings.province`).
    vintage : {"2019"}
        The units with their districts, before 1 July 2025. The 64 units of the
        merged province (``"2025"``) come from the crosswalk, a later stage:
        :func:`camau_gis.pipeline.template_communes`.
    """
    if str(vintage) != "2019":
        raise OptionError(Msg("tpl_vintage", vintage=repr(vintage)))
    from ..normalize.gso import units_in_province

    units = units_in_province(province or settings.province)
    if not units:
        raise OptionError(Msg("tpl_province", province=repr(province)))
    return sorted(((u.name, u.district, u.gso_code) for u in units), key=lambda u: u[2])


def write_template(
    path: str | Path | None = None, format: str = "xlsx", *, lang: str | None = None,
    province: str | None = None, vintage: str = "2019",
    communes: list[tuple[str, str, str]] | None = None, force: bool = False,
) -> list[Path]:
    """Write empty register templates with Vietnamese headers.

    Parameters
    ----------
    path : str or Path, optional
        Output folder (default :data:`camau_gis.settings.outputs_dir`); a path
        ending in ``.xlsx`` is taken as the workbook itself.
    format : {"xlsx", "csv"}
        ``xlsx``: one workbook with sheets "Mô hình", "Tiêu chí 19" and
        "Hướng dẫn" (guide with English aliases and the criterion-19 texts);
        ``csv``: ``models_template.csv`` and ``criterion19_template.csv``
        (UTF-8 with BOM).
    lang : {"vi", "en"}, optional
        Language of the workbook's title and guide.
    province, vintage : str, optional
        Communes of the drop-down list of the XLSX template's commune columns
        (:func:`template_communes`); each entry reads "Name (GSO code)", which
        the reader splits into the commune and its code.
    communes : list of (name, district, code), optional
        The drop-down's communes, instead of ``province``/``vintage``
        (:func:`camau_gis.pipeline.template_communes` gives those of 2025).
    force : bool
        Replace template files that already exist (``--force``); without it
        an existing file, possibly filled in already, is never replaced.

    Returns
    -------
    list of Path
        Files written (atomically).

    Raises
    ------
    OptionError
        A file to write exists already and ``force`` is false (nothing is written).
    """
    from ..i18n import check_lang

    lang = check_lang(lang)
    fmt = format.lower().lstrip(".")
    target = Path(path) if path is not None else Path(settings.outputs_dir)
    if fmt == "xlsx":
        file = target if target.suffix.lower() == ".xlsx" else target / "register_template.xlsx"
        _refuse_existing([file], force)
        if communes is None:
            communes = template_communes(province, vintage)
        return [_write_xlsx_template(file, lang or settings.language, communes)]
    if fmt == "csv":
        _refuse_existing([target / n for n in ("models_template.csv", "criterion19_template.csv")],
                         force)
        return _write_csv_templates(target)
    raise OptionError(Msg("tpl_format", format=repr(format)))


def _refuse_existing(files: list[Path], force: bool) -> None:
    """Refuse to replace an existing template (maybe a filled-in register) unless ``force``."""
    found = [f for f in files if os.path.lexists(f)]
    if found and not force:
        raise OptionError(Msg("tpl_exists", path=found[0]))


@staged("folder")  # both files or none
def _write_csv_templates(folder: Path) -> list[Path]:
    import csv
    import io

    from ..normalize.register import FIELDS

    out = []
    for table, name in (("models", "models_template.csv"), ("c19", "criterion19_template.csv")):
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\r\n").writerow([f.header_vi for f in FIELDS[table]])
        path = folder / name
        with atomic_path(path) as tmp:
            tmp.write_bytes(buf.getvalue().encode("utf-8-sig"))
        out.append(path)
    return out


_REQUIRED = {
    ("models", "name"),
    ("models", "commune"),
    ("c19", "commune"),
    ("c19", "year"),
    ("c19", "achieved"),
}


def _validations(ws: Any, table: str, n_communes: int) -> tuple[Any, Any, Any]:
    """Add the drop-down rules of a template sheet: yes/no (or Đạt/Chưa đạt), level, commune."""
    from openpyxl.worksheet.datavalidation import DataValidation

    yes_no = DataValidation(
        type="list",
        formula1='"Đạt,Chưa đạt"' if table == "c19" else '"Có,Không"',
        allow_blank=True,
    )
    level = DataValidation(type="list", formula1='"xã,huyện,tỉnh"', allow_blank=True)
    commune = DataValidation(
        type="list", formula1=f"'{LIST_SHEET}'!$A$2:$A${n_communes + 1}",
        allow_blank=True, showErrorMessage=False,  # a name typed by hand is still read
    )
    for rule in (yes_no, level, commune):
        ws.add_data_validation(rule)
    return yes_no, level, commune


def _list_sheet(wb: Any, communes: list[tuple[str, str, str]]) -> None:
    """Add the hidden sheet of the commune drop-down: "Name (code)", district, code."""
    lists = wb.create_sheet(LIST_SHEET)
    lists.append(["Xã/Phường/Thị trấn (mã)", "Huyện/TP", "Mã xã"])
    for name, district, code in communes:
        lists.append([f"{name} ({code})", district, code])
    lists.sheet_state = "hidden"


def _write_xlsx_template(path: Path, lang: str, communes: list[tuple[str, str, str]]) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from ..i18n import t
    from ..normalize.register import FIELDS

    def text(key: str) -> str:
        return t("tpl_" + key, lang)

    wb = Workbook()
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    header_row = 3
    for i, table in enumerate(("models", "c19")):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = TEMPLATE_SHEETS[table]
        fields = FIELDS[table]
        ws.cell(1, 1, text("title_models" if table == "models" else "title_c19")).font = Font(
            bold=True, size=14
        )
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(fields))
        ws.cell(2, 1, text("subtitle" if table == "models" else "subtitle_c19")).font = Font(
            italic=True
        )
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(fields))
        yes_no, level, commune = _validations(ws, table, len(communes))
        for col, f in enumerate(fields, start=1):
            cell = ws.cell(header_row, col, f.header_vi)
            cell.font, cell.fill = bold, fill
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            letter = get_column_letter(col)
            ws.column_dimensions[letter].width = max(12, min(40, len(f.header_vi) + 6))
            rng = f"{letter}{header_row + 1}:{letter}1000"
            if f.kind in ("bool", "bool_na"):
                yes_no.add(rng)
            elif f.kind == "level":
                level.add(rng)
            elif f.name == "commune":
                commune.add(rng)
        ws.freeze_panes = ws.cell(header_row + 1, 1)
    guide = wb.create_sheet(TEMPLATE_SHEETS["guide"])
    guide.append([text(f"guide_{k}") for k in ("table", "column", "field", "required",
                                                 "description", "example")])
    for c in guide[1]:
        c.font, c.fill = bold, fill
    for table in ("models", "c19"):
        for f in FIELDS[table]:
            guide.append(
                [
                    TEMPLATE_SHEETS[table],
                    f.header_vi,
                    f.header_en,
                    text("yes") if (table, f.name) in _REQUIRED else "",
                    pick(lang, vi=f.help_vi, en=f.help_en),
                    f.example,
                ]
            )
    guide.append([])
    guide.append([text("criteria")])
    guide.cell(guide.max_row, 1).font = bold
    for s in load_criteria()["sets"]:
        guide.append(
            [s["id"], s["decision"], s["code"], pick(lang, vi=s["title_vi"], en=s["title_en"])]
        )
        for item in s["items"]:
            guide.append(["", "", item["code"], pick(lang, vi=item["vi"], en=item["en"])])
    for letter, width in zip("ABCDEF", (14, 30, 18, 10, 70, 30), strict=True):
        guide.column_dimensions[letter].width = width
    _list_sheet(wb, communes)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path
