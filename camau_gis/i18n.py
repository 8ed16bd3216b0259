"""Labels shown on maps and in reports, in Vietnamese (default) and English.

One dictionary, :data:`LABELS`, maps a key to its text in each language.
Renderers call :func:`t`; they never hard-code a visible string. Add keys
here (Vietnamese first, NFC) rather than in a renderer.

Examples
--------
>>> t("models_per_commune")
'Số mô hình mỗi xã'
>>> t("models_per_commune", "en")
'Models per commune'
"""

from __future__ import annotations

import unicodedata

#: Languages every label exists in; the first is the default.
LANGS: tuple[str, ...] = ("vi", "en")

#: key -> {language: text}. Keep Vietnamese NFC; a test checks every key has every language.
LABELS: dict[str, dict[str, str]] = {
    # titles
    "map_title": {
        "vi": "Mô hình bảo đảm an ninh trật tự ở cơ sở và tiêu chí 19",
        "en": "Community public-security models and criterion 19",
    },
    "illustrative": {"vi": "Dữ liệu minh họa", "en": "Illustrative data"},
    "illustrative_note": {
        "vi": "Một phần số liệu là minh họa, không phải số liệu chính thức.",
        "en": "Part of the figures are illustrative, not official data.",
    },
    # layer groups and layers
    "group_themes": {"vi": "Chủ đề (tô màu xã)", "en": "Theme (commune fill)"},
    "group_overlays": {"vi": "Lớp phủ", "en": "Overlays"},
    "layer_models": {"vi": "Số mô hình mỗi xã", "en": "Models per commune"},
    "models_per_commune": {"vi": "Số mô hình mỗi xã", "en": "Models per commune"},
    "layer_category": {"vi": "Mức độ bao phủ", "en": "Coverage category"},
    "layer_c19": {
        "vi": "Tiêu chí 19 (nông thôn mới)", "en": "Criterion 19 (new rural development)",
    },
    "layer_ntm": {"vi": "Xã thí điểm nông thôn mới", "en": "NTM pilot communes"},
    "layer_uncovered": {
        "vi": "Xã chưa có mô hình (ưu tiên)", "en": "Uncovered communes (priority)",
    },
    "layer_districts": {"vi": "Ranh giới huyện", "en": "District boundaries"},
    "layer_points": {"vi": "Vị trí mô hình", "en": "Model locations"},
    "layer_labels": {"vi": "Tên xã", "en": "Commune names"},
    "layer_tiles": {"vi": "Bản đồ nền trực tuyến (OSM)", "en": "Online base map (OSM)"},
    "province_outline": {"vi": "Ranh giới tỉnh", "en": "Province boundary"},
    # coverage categories (schema.INDICATOR_COLUMNS "category")
    "cat_covered_c19": {
        "vi": "Có mô hình và đạt tiêu chí 19", "en": "Covered and criterion 19 met",
    },
    "cat_covered_only": {"vi": "Chỉ có mô hình", "en": "Covered only"},
    "cat_c19_only": {"vi": "Chỉ đạt tiêu chí 19", "en": "Criterion 19 only"},
    "cat_neither": {"vi": "Chưa có mô hình, chưa đạt tiêu chí 19", "en": "Neither"},
    "cat_no_data": {"vi": "Không có dữ liệu", "en": "No data"},
    # criterion 19 status ("c19_status")
    "c19_achieved": {"vi": "Đạt", "en": "Achieved"},
    "c19_not_achieved": {"vi": "Chưa đạt", "en": "Not achieved"},
    "c19_no_data": {"vi": "Không có dữ liệu", "en": "No data"},
    # unit types
    "unit_xã": {"vi": "Xã", "en": "Commune"},
    "unit_phường": {"vi": "Phường", "en": "Ward"},
    "unit_thị trấn": {"vi": "Thị trấn", "en": "Township"},
    # tooltip / popup fields
    "commune": {"vi": "Xã", "en": "Commune"},
    "district": {"vi": "Huyện", "en": "District"},
    "unit_type": {"vi": "Loại đơn vị", "en": "Unit type"},
    "n_models": {"vi": "Số mô hình", "en": "Models"},
    "c19": {"vi": "Tiêu chí 19", "en": "Criterion 19"},
    "c19_first": {"vi": "Đạt lần đầu", "en": "First achieved"},
    "ntm_pilot": {"vi": "Thí điểm nông thôn mới", "en": "NTM pilot"},
    "uncovered_rank": {"vi": "Thứ tự ưu tiên", "en": "Priority rank"},
    "reasons": {"vi": "Lý do", "en": "Reasons"},
    "models_list": {"vi": "Các mô hình", "en": "Models"},
    "model_name": {"vi": "Tên mô hình", "en": "Name"},
    "model_kind": {"vi": "Loại", "en": "Kind"},
    "model_year": {"vi": "Năm", "en": "Year"},
    "no_models": {"vi": "Chưa có mô hình", "en": "No model"},
    "model_ended": {"vi": "đã kết thúc", "en": "ended"},
    "classes_by": {"vi": "Phân lớp: {scheme}", "en": "Classes: {scheme}"},
    "c19_history": {"vi": "Lịch sử tiêu chí 19", "en": "Criterion 19 history"},
    "no_c19": {"vi": "Không có dữ liệu tiêu chí 19", "en": "No criterion 19 data"},
    "year": {"vi": "Năm", "en": "Year"},
    "yes": {"vi": "Có", "en": "Yes"},
    "no": {"vi": "Không", "en": "No"},
    # controls
    "search_placeholder": {"vi": "Tìm xã (vd: tan tien)", "en": "Find a commune (e.g. tan tien)"},
    "search_none": {"vi": "Không tìm thấy", "en": "No match"},
    "fullscreen": {"vi": "Toàn màn hình", "en": "Full screen"},
    "reset_view": {"vi": "Về toàn tỉnh", "en": "Reset view"},
    "layers": {"vi": "Lớp bản đồ", "en": "Map layers"},
    "legend": {"vi": "Chú giải", "en": "Legend"},
    # summary panel
    "summary": {"vi": "Tổng hợp toàn tỉnh", "en": "Province summary"},
    "summary_all": {"vi": "Tổng hợp", "en": "Summary"},
    "sum_models": {"vi": "Mô hình cấp xã", "en": "Commune-level models"},
    "sum_covered": {"vi": "Xã có mô hình", "en": "Communes covered"},
    "sum_share": {"vi": "Tỷ lệ bao phủ", "en": "Coverage share"},
    "sum_c19": {"vi": "Xã đạt tiêu chí 19", "en": "Communes meeting criterion 19"},
    "sum_communes": {"vi": "Số xã, phường, thị trấn", "en": "Communes, wards, townships"},
    "data_date": {"vi": "Ngày dữ liệu", "en": "Data date"},
    "source": {"vi": "Nguồn", "en": "Source"},
    "year_of_data": {"vi": "Năm số liệu", "en": "Year"},
    "unknown": {"vi": "không rõ", "en": "unknown"},
    # static maps, atlas and reports (render/static.py, render/atlas.py, report/)
    "title_coverage": {"vi": "Mô hình an ninh trật tự cấp xã và tiêu chí 19", "en": "Community security models and criterion 19"},
    "title_c19": {"vi": "Tiêu chí 19 (quốc phòng và an ninh) theo xã", "en": "Criterion 19 (defence and security) by commune"},
    "title_priority": {"vi": "Xã chưa có mô hình: thứ tự ưu tiên", "en": "Communes without a model: priority order"},
    "title_models": {"vi": "Số mô hình an ninh trật tự mỗi xã", "en": "Community security models per commune"},
    "sub_units_2025": {"vi": "{n} {types} (đơn vị hành chính từ 01/07/2025)", "en": "{n} {types} (administrative units since 1 July 2025)"},
    "sub_units_only": {"vi": "{n} {types}", "en": "{n} {types}"},
    "sum_units": {"vi": "Số {types}", "en": "Units ({types})"},
    "sum_in_data": {"vi": "Có dữ liệu sổ theo dõi: {k}/{n} đơn vị", "en": "With register data: {k} of {n} units"},
    "pred_names": {"vi": "Đơn vị trước 01/07/2025", "en": "Units before 1 July 2025"},
    "geom_note": {"vi": "Ranh giới", "en": "Boundary"},
    "outside_register": {"vi": "Không có dữ liệu (ngoài phạm vi sổ theo dõi)", "en": "No data (outside the register's coverage)"},
    "sum_in_data_units": {"vi": "Đơn vị có dữ liệu", "en": "Units with data"},
    "sum_covered_units": {"vi": "Đơn vị có mô hình", "en": "Units covered"},
    "layer_province": {"vi": "Ranh giới tỉnh", "en": "Province boundary"},
    "sub_units": {"vi": "{n} xã, phường, thị trấn; {d} huyện, thành phố", "en": "{n} communes, wards and townships; {d} districts"},
    "prio_top5": {"vi": "Ưu tiên 1–5", "en": "Priority 1–5"},
    "prio_top10": {"vi": "Ưu tiên 6–10", "en": "Priority 6–10"},
    "prio_rest": {"vi": "Chưa có mô hình, ưu tiên sau", "en": "Uncovered, later priority"},
    "prio_covered": {"vi": "Đã có mô hình", "en": "Covered"},
    "n_models_class": {"vi": "{n} mô hình", "en": "{n} model(s)"},
    "north_letter": {"vi": "B", "en": "N"},
    "inset_title": {"vi": "Vị trí trong vùng", "en": "Location"},
    "credit_boundaries": {"vi": "Ranh giới hành chính", "en": "Boundaries"},
    "credit_register": {"vi": "Sổ theo dõi mô hình", "en": "Model register"},
    "credit_made_with": {"vi": "Bản đồ: camau-gis", "en": "Map: camau-gis"},
    "labels_omitted": {"vi": "Không ghi tên (diện tích nhỏ): {names}.", "en": "Not labelled (too small): {names}."},
    "atlas_title": {"vi": "Tập bản đồ các huyện", "en": "District atlas"},
    "atlas_contents": {"vi": "Các trang", "en": "Pages"},
    "page": {"vi": "Trang", "en": "Page"},
    "report_title": {"vi": "Báo cáo bao phủ mô hình an ninh trật tự cấp xã và tiêu chí 19", "en": "Report: community security models and criterion 19 coverage"},
    "report_headline": {"vi": "Số liệu chính", "en": "Headline figures"},
    "report_maps": {"vi": "Bản đồ", "en": "Maps"},
    "report_districts": {"vi": "Tổng hợp theo huyện", "en": "Summary by district"},
    "report_uncovered": {"vi": "Xã chưa có mô hình (theo thứ tự ưu tiên)", "en": "Communes without a model (by priority)"},
    "report_notes": {"vi": "Ghi chú về dữ liệu", "en": "Notes on the data"},
    "report_none_uncovered": {"vi": "Tất cả các xã đều có mô hình.", "en": "Every commune has a model."},
    "note_vintage": {"vi": "Đơn vị hành chính theo năm {v}; ranh giới: {src}.", "en": "Administrative units as of {v}; boundaries: {src}."},
    "note_unmatched": {"vi": "{n} dòng trong sổ theo dõi cần kiểm tra (không khớp với xã nào hoặc có lỗi):", "en": "{n} register rows need attention (no matching commune or invalid):"},
    "note_no_unmatched": {"vi": "Mọi dòng trong sổ theo dõi đều khớp với một xã.", "en": "Every register row matched a commune."},
    "col_communes": {"vi": "Số xã", "en": "Communes"},
    "col_covered": {"vi": "Có mô hình", "en": "Covered"},
    "col_uncovered": {"vi": "Chưa có", "en": "Uncovered"},
    "col_share": {"vi": "Tỷ lệ (%)", "en": "Share (%)"},
    "col_c19": {"vi": "Đạt TC19", "en": "Criterion 19"},
    "col_ntm": {"vi": "Thí điểm NTM", "en": "NTM pilots"},
    "col_gso": {"vi": "Mã xã", "en": "GSO code"},
    "col_file_row": {"vi": "Tệp, dòng", "en": "File, row"},
    "col_value": {"vi": "Giá trị", "en": "Value"},
    "col_candidates": {"vi": "Gợi ý", "en": "Candidates"},
    "province_total": {"vi": "Toàn tỉnh", "en": "Province"},
    # interactive HTML map (render/html.py, templates/js): panels, search, keyboard
    "html_zoom_in": {"vi": "Phóng to", "en": "Zoom in"},
    "html_zoom_out": {"vi": "Thu nhỏ", "en": "Zoom out"},
    "html_close": {"vi": "Đóng", "en": "Close"},
    "html_map_label": {"vi": "Bản đồ các xã, phường, thị trấn", "en": "Map of the communes"},
    "html_gaps": {"vi": "Xã chưa có mô hình", "en": "Communes without a model"},
    "html_all_districts": {"vi": "Toàn tỉnh (mọi huyện)", "en": "Whole province"},
    "html_district_filter": {"vi": "Huyện", "en": "District"},
    "html_no_gaps": {"vi": "Không có xã nào", "en": "None"},
    "html_rank_legend": {
        "vi": "{first}–{last}: thứ tự ưu tiên các xã chưa có mô hình",
        "en": "{first}–{last}: priority order of the communes without a model",
    },
    "html_rank_hidden": {
        "vi": "Số bị che được ẩn; phóng to để thấy thêm",
        "en": "Overlapping numbers are hidden; zoom in to see more",
    },
    "html_points_note": {
        "vi": "{n} / {total} mô hình có tọa độ",
        "en": "{n} of {total} models have coordinates",
    },
    "html_district_names": {"vi": "Tên huyện", "en": "District names"},
    "html_search_label": {
        "vi": "Tìm xã, phường, thị trấn theo tên hoặc mã",
        "en": "Find a commune, ward or township by name or code",
    },
    "html_search_hint": {"vi": "Tìm xã: P.1, tt nam can, 32197", "en": "Find: Ward 1, nam can, 32197"},
    "html_search_results": {"vi": "Kết quả tìm kiếm", "en": "Search results"},
    "html_legend_hint": {
        "vi": "Bấm một mục để tô sáng các xã của mục đó",
        "en": "Click an entry to highlight its communes",
    },
    "html_panels": {"vi": "Bảng điều khiển bản đồ", "en": "Map panels"},
    "html_district_named": {"vi": "{full}", "en": "{short} District"},
    "html_tab_summary": {"vi": "Tổng hợp", "en": "Summary"},
    "html_tab_gaps": {"vi": "Xã ưu tiên", "en": "Priorities"},
    "html_tab_layers": {"vi": "Lớp", "en": "Layers"},
    "html_tab_legend": {"vi": "Chú giải", "en": "Legend"},
}


def check_lang(lang: str | None) -> str:
    """Return a supported language code, ``"vi"`` for None.

    Raises
    ------
    OptionError
        When ``lang`` is not one of :data:`LANGS` (a ``ValueError``).
    """
    if lang is None:
        from . import settings

        lang = settings.language
    code = str(lang).strip().lower()
    if code not in LANGS:
        from .errors import OptionError

        raise OptionError(
            f"--lang {lang!r}: language {lang!r} is not supported; expected one of "
            f"{', '.join(LANGS)} (lang='vi' or lang='en' in Python)"
        )
    return code


def t(key: str, lang: str | None = "vi") -> str:
    """Return the label ``key`` in ``lang`` (NFC).

    Parameters
    ----------
    key : str
        A key of :data:`LABELS`.
    lang : {"vi", "en"}, optional
        Language; None reads :data:`camau_gis.settings.language`.

    Raises
    ------
    KeyError
        When ``key`` is not in :data:`LABELS` (the message names the key).
    """
    code = check_lang(lang)
    try:
        entry = LABELS[key]
    except KeyError:
        raise KeyError(f"no label {key!r} in camau_gis.i18n.LABELS; add it there") from None
    return unicodedata.normalize("NFC", entry.get(code) or entry[LANGS[0]])


def labels(lang: str | None = "vi") -> dict[str, str]:
    """Return every label in ``lang`` as a flat ``{key: text}`` dictionary."""
    code = check_lang(lang)
    return {key: t(key, code) for key in LABELS}
