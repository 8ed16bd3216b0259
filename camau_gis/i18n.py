"""Labels shown on maps and in reports, in Vietnamese (default) and English.

One dictionary, :data:`LABELS`, maps a key to its text in each language.
Renderers call :func:`t`; they never hard-code a visible string. Add keys
here (Vietnamese first, NFC) rather than in a renderer.

A message with values that is shown in the language of the command that
prints it (not the one current when it was made) is a :class:`Msg`.

Long because: it is the one catalogue of every user-facing string (data, not logic),
one translation per line, grouped by the stage that shows them.

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
    # console: progress of long steps and folders (issue 19; camau_gis._progress)
    "progress_download": {"vi": "Tải tệp", "en": "Downloading"},
    "progress_copy": {"vi": "Chép từ thư mục nguồn", "en": "Copying from the mirror"},
    "progress_parse": {"vi": "Đọc ranh giới toàn quốc", "en": "Parsing the national boundaries"},
    "progress_boundaries": {"vi": "Ghi lớp ranh giới xã", "en": "Writing the commune layer"},
    "progress_canonical": {"vi": "Lập bảng xã chuẩn", "en": "Building the canonical table"},
    "progress_coverage": {"vi": "Làm sạch ranh giới hiển thị", "en": "Cleaning the display coverage"},
    "progress_tables": {"vi": "Ghi bảng (CSV, XLSX, GeoPackage)", "en": "Writing tables (CSV, XLSX, GeoPackage)"},
    "progress_html": {"vi": "Ghi bản đồ HTML", "en": "Writing the HTML map"},
    "progress_png": {"vi": "Ghi bản đồ PNG", "en": "Writing the PNG map"},
    "progress_first_run": {
        "vi": "Lần đầu: đọc và lưu ranh giới vào {folder} (chỉ một lần), ~{seconds} giây.",
        "en": "First run: reading and saving the boundaries in {folder} (once only), ~{seconds} s.",
    },
    "fetch_exists": {
        "vi": "Lớp ranh giới đã có, không làm lại: {path} (thêm --force để làm lại).",
        "en": "The boundary layer is already there, nothing to do: {path} (add --force to redo it).",
    },
    "paths_data": {"vi": "dữ liệu người dùng", "en": "user data"},
    "paths_boundaries": {"vi": "ranh giới (lớp xã chuẩn)", "en": "boundaries (canonical layer)"},
    "paths_cache": {"vi": "bộ nhớ đệm (tệp tải về)", "en": "cache (downloads)"},
    "paths_derived": {"vi": "bộ nhớ đệm dẫn xuất", "en": "derived caches"},
    "paths_outputs": {"vi": "kết quả (mặc định)", "en": "outputs (default)"},
    "paths_package": {"vi": "mã chương trình (chỉ đọc)", "en": "package code (read only)"},
    # boundaries inspect: fixed English values of the report, shown in the command's language
    "insp_as read": {"vi": "như đọc được", "en": "as read"},
    "insp_none (WGS 84 datum)": {"vi": "không (hệ quy chiếu WGS 84)", "en": "none (WGS 84 datum)"},
    "insp_map projection only (WGS 84 datum)": {
        "vi": "chỉ phép chiếu bản đồ (hệ quy chiếu WGS 84)", "en": "map projection only (WGS 84 datum)",
    },
    "insp_file (.prj or format metadata)": {
        "vi": "tệp (.prj hoặc siêu dữ liệu của định dạng)", "en": "file (.prj or format metadata)",
    },
    "insp_ (Shapefile-cut names)": {"vi": " (tên cột bị cắt của Shapefile)", "en": " (Shapefile-cut names)"},
    "insp_kind_overlap": {"vi": "chồng lấn", "en": "overlap"},
    "insp_kind_gap": {"vi": "khe hở", "en": "gap"},
    "insp_kind_duplicate": {"vi": "trùng hình", "en": "duplicate"},
    "insp_kind_outside": {"vi": "ngoài ranh tỉnh", "en": "outside"},
    "insp_kind_repaired": {"vi": "đã sửa", "en": "repaired"},
    "insp_kind_offset": {"vi": "lệch tọa độ", "en": "offset"},
    "insp_overlap": {"vi": "hai xã chồng lấn {km2:.3f} km².", "en": "the two communes overlap by {km2:.3f} km²."},
    "insp_gap": {"vi": "khe hở kín {km2:.3f} km² giữa các xã này.", "en": "an enclosed gap of {km2:.3f} km² between these communes."},
    "cw_show_whole": {"vi": "nhập nguyên vào {name} ({code})", "en": "went whole into {name} ({code})"},
    "cw_show_divided": {
        "vi": "chia cho {names} (đơn vị kế thừa mặc định: {name})",
        "en": "divided between {names} (default successor: {name})",
    },
    "cw_show_first": {"vi": "; trước đó {step}", "en": "; first {step}"},
    "cw_show_formed": {"vi": "hình thành từ {names}", "en": "formed from {names}"},
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
    # coverage categories (analysis/classes.py CATEGORIES; issue 15): model coverage x criterion 19
    "cat_uncovered_not_c19": {"vi": "Chưa có mô hình · chưa đạt TC19", "en": "No model · criterion 19 not met"},
    "cat_uncovered_no_c19": {"vi": "Chưa có mô hình · chưa có dữ liệu TC19", "en": "No model · no criterion-19 data"},
    "cat_uncovered_c19": {"vi": "Chưa có mô hình · đạt TC19", "en": "No model · criterion 19 met"},
    "cat_partly_not_c19": {"vi": "Bao phủ một phần · chưa đạt TC19", "en": "Partly covered · criterion 19 not met"},
    "cat_partly_no_c19": {"vi": "Bao phủ một phần · chưa có dữ liệu TC19", "en": "Partly covered · no criterion-19 data"},
    "cat_partly_c19": {"vi": "Bao phủ một phần · đạt TC19", "en": "Partly covered · criterion 19 met"},
    "cat_covered_not_c19": {"vi": "Có mô hình · chưa đạt TC19", "en": "Model · criterion 19 not met"},
    "cat_covered_no_c19": {"vi": "Có mô hình · chưa có dữ liệu TC19", "en": "Model · no criterion-19 data"},
    "cat_covered_c19": {"vi": "Có mô hình · đạt TC19", "en": "Model · criterion 19 met"},
    "cat_no_data": {"vi": "Không có dữ liệu (ngoài phạm vi sổ theo dõi)", "en": "No data (outside the register's scope)"},
    "coverage_partly": {"vi": "Bao phủ một phần", "en": "Partly covered"},
    "pred_covered": {"vi": "Có mô hình ở {k}/{n} xã cũ ({pct}% diện tích)", "en": "Covered {k} of {n} former communes ({pct}% of the area)"},
    # reasons of an uncovered commune (analysis/coverage.format_reasons); {n}, {km} filled in
    "reason_no_model": {"vi": "Chưa có mô hình cấp xã", "en": "No commune-level model"},
    "reason_c19_not_achieved": {
        "vi": "Chưa đạt tiêu chí 19 (an ninh, trật tự)",
        "en": "Criterion 19 (security and order) not achieved",
    },
    "reason_c19_no_data": {"vi": "Không có dữ liệu tiêu chí 19", "en": "No criterion-19 data"},
    "reason_c19_achieved": {"vi": "Đã đạt tiêu chí 19", "en": "Criterion 19 achieved"},
    "reason_isolated": {"vi": "Không giáp đơn vị nào có mô hình", "en": "Borders no covered commune"},
    "reason_cluster": {
        "vi": "Thuộc cụm {n} đơn vị liền kề chưa có mô hình",
        "en": "In a cluster of {n} contiguous uncovered communes",
    },
    "reason_distance": {
        "vi": "Cách đơn vị có mô hình gần nhất {km} km",
        "en": "{km} km from the nearest covered commune",
    },
    "reason_partly": {"vi": "Bao phủ một phần: {k}/{n} xã cũ có mô hình ({pct}% diện tích); chưa có: {names}", "en": "Partly covered: {k} of {n} former communes had a model ({pct}% of the area); without: {names}"},
    "year_outside": {"vi": "{option} {year}: ngoài các năm của sổ theo dõi ({first}–{last}); số liệu là trạng thái đã biết gần nhất, không phải số liệu của năm {year}.", "en": "{option} {year}: outside the register's years ({first}–{last}); the figures are the nearest known state, not data of {year}."},
    "year_none": {"vi": "{option} {year}: sổ theo dõi không ghi năm nào; không biết số liệu thuộc năm nào.", "en": "{option} {year}: the register gives no year at all; the figures are of no known year."},
    "illustrative_no": {"vi": "Không", "en": "No"},
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
    "credit_boundaries": {"vi": "Ranh giới", "en": "Boundaries"},
    "abbr_xa": {"vi": "X.", "en": "X."},
    "abbr_phuong": {"vi": "P.", "en": "P."},
    "abbr_thi_tran": {"vi": "TT.", "en": "TT."},
    "credit_licence": {"vi": "giấy phép {licence}", "en": "{licence} licence"},
    "credit_register": {"vi": "Sổ theo dõi mô hình", "en": "Model register"},
    "credit_made_with": {"vi": "Bản đồ: camau-gis", "en": "Map: camau-gis"},
    "labels_omitted": {"vi": "Không ghi tên (quá nhỏ hoặc không đủ chỗ): {names}.",
                       "en": "Not labelled (too small or no room): {names}."},
    "atlas_title": {"vi": "Tập bản đồ các huyện", "en": "District atlas"},
    "atlas_contents": {"vi": "Các trang", "en": "Pages"},
    "page": {"vi": "Trang", "en": "Page"},
    "report_title": {"vi": "Báo cáo bao phủ mô hình an ninh trật tự cấp xã và tiêu chí 19", "en": "Report: community security models and criterion 19 coverage"},
    "report_headline": {"vi": "Số liệu chính", "en": "Headline figures"},
    "report_maps": {"vi": "Bản đồ", "en": "Maps"},
    "report_districts": {"vi": "Tổng hợp theo huyện", "en": "Summary by district"},
    "report_uncovered": {"vi": "Xã chưa có mô hình (theo thứ tự ưu tiên)", "en": "Communes without a model (by priority)"},
    "report_notes": {"vi": "Ghi chú về dữ liệu", "en": "Notes on the data"},
    # Word/HTML report furniture (report/docx.py, report/html.py)
    "fig_label": {"vi": "Hình", "en": "Figure"},
    "doc_issuer": {"vi": "TÊN CƠ QUAN, TỔ CHỨC", "en": "ISSUING BODY"},
    "doc_number": {"vi": "Số: ……/BC-……", "en": "No. ……"},
    "doc_nation": {"vi": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "en": "SOCIALIST REPUBLIC OF VIET NAM"},
    "doc_motto": {"vi": "Độc lập - Tự do - Hạnh phúc", "en": "Independence - Freedom - Happiness"},
    "doc_place_date": {"vi": "{place}, ngày …… tháng …… năm 20……", "en": "{place}, …… 20……"},
    "table_label": {"vi": "Bảng", "en": "Table"},
    "toc_title": {"vi": "Mục lục", "en": "Contents"},
    "toc_update": {"vi": "Mục lục: trong Word, nhấn chuột phải vào đây và chọn Cập nhật trường (F9).", "en": "Contents: in Word, right-click here and choose Update Field (F9)."},
    "alt_map": {"vi": "Bản đồ: {title}. {sub}. Màu của mỗi xã theo chú giải; khung nét đứt là phần phóng to.", "en": "Map: {title}. {sub}. Each commune coloured as in the legend; the dashed frame marks the enlarged part."},
    "col_indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
    "report_unmatched": {"vi": "Dòng trong sổ theo dõi cần kiểm tra", "en": "Register rows that need attention"},
    "report_none_uncovered": {"vi": "Tất cả các xã đều có mô hình.", "en": "Every commune has a model."},
    "note_vintage": {"vi": "Đơn vị hành chính theo năm {v}. {src}.", "en": "Administrative units as of {v}. {src}."},
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
    # register reading (issue 17): layout rows skipped, sheets, check output
    "reg_skip_above_header": {"vi": "dòng tiêu đề trang, phía trên bảng",
                              "en": "title row above the table"},
    "reg_skip_column_numbers": {"vi": "dòng đánh số cột", "en": "column-number row"},
    "reg_skip_heading": {"vi": "dòng tiêu đề nhóm", "en": "group heading"},
    "reg_skip_district_heading": {
        "vi": "dòng tiêu đề huyện (ghi làm huyện cho các dòng dưới)",
        "en": "district heading (the district of the rows below)",
    },
    "reg_skip_subtotal": {"vi": "dòng cộng nhóm", "en": "subtotal row"},
    "reg_skip_total": {"vi": "dòng tổng cộng", "en": "totals row"},
    "reg_skip_note": {"vi": "dòng ghi chú", "en": "note under the table"},
    "reg_skip_place_date": {"vi": "dòng địa danh, ngày tháng", "en": "place-and-date line"},
    "reg_skip_signature": {"vi": "dòng chữ ký", "en": "signature line"},
    "reg_skip_blank": {"vi": "dòng trống", "en": "blank row"},
    "reg_skip_header_repeat": {"vi": "dòng tiêu đề lặp lại", "en": "repeated header row"},
    "reg_total_ok": {"vi": "khớp với {n} dòng đã đọc", "en": "matches the {n} rows read"},
    "reg_total_diff": {"vi": "ghi {written} nhưng đọc được {counted} dòng",
                       "en": "says {written} but {counted} rows were read"},
    "reg_total_c19_diff": {"vi": "số xã đạt ghi khác số đọc được ({diffs})",
                           "en": "achieved counts differ from the rows read ({diffs})"},
    "reg_check_sheet": {"vi": "đọc là bảng {table} (dòng tiêu đề {row})",
                        "en": "read as the {table} table (header row {row})"},
    "reg_check_sheet_skipped": {"vi": "không đọc ({why})", "en": "not read ({why})"},
    "reg_table_models": {"vi": "mô hình", "en": "models"},
    "reg_table_c19": {"vi": "tiêu chí 19", "en": "criterion-19"},
    "reg_why_guide": {"vi": "trang hướng dẫn, ghi chú", "en": "a guide or notes sheet"},
    "reg_why_cover": {"vi": "trang bìa hoặc ghi chú, không có bảng",
                      "en": "a cover or notes sheet, no table"},
    "reg_why_no_header": {"vi": "không thấy dòng tiêu đề; ánh xạ bằng --columns",
                          "en": "no header row found; map headers with --columns"},
    "reg_why_empty": {"vi": "bảng chưa có dòng nào", "en": "a table with no rows yet"},
    "reg_why_other": {"vi": "bảng {table}, đọc từ tệp kia", "en": "a {table} table, read from the other file"},
    "reg_check_skipped": {"vi": "bỏ qua", "en": "skipped"},
    "reg_check_unused": {"vi": "cột không dùng", "en": "columns not used"},
    "reg_check_warning": {"vi": "lưu ý", "en": "warning"},
    "reg_check_layout_count": {"vi": "dòng bố cục đã bỏ qua: {n}",
                               "en": "layout rows skipped: {n}"},
    "reg_loc_sheet": {"vi": "trang", "en": "sheet"},
    "reg_loc_row": {"vi": "dòng", "en": "row"},
    "reg_check_fixed": {"vi": "bản đã sửa", "en": "corrected copy"},
    "reg_fix_code": {"vi": "Mã xã (GSO)", "en": "GSO code"},
    "reg_fix_suggestion": {"vi": "Cần xem lại / gợi ý", "en": "Needs attention / suggestion"},
    # planning (issue 22: analysis/planning.py, render/plan.py, report section, cli/plan.py)
    "plan_title": {"vi": "Đề xuất vị trí mô hình mới", "en": "Proposed locations for new models"},
    "plan_layer": {"vi": "Kế hoạch mô hình mới", "en": "Plan: new models"},
    "plan_status_chosen": {"vi": "Đề xuất đặt mô hình mới", "en": "Proposed new model"},
    "plan_status_served_new": {"vi": "Được phục vụ nhờ mô hình mới", "en": "Served by a new model"},
    "plan_status_served_before": {"vi": "Đã được phục vụ (giáp xã có mô hình)", "en": "Already served (next to a model)"},
    "plan_status_has_model": {"vi": "Đã có mô hình", "en": "Has a model"},
    "plan_status_unserved": {"vi": "Vẫn chưa được phục vụ", "en": "Still not served"},
    "plan_status_no_data": {"vi": "Không có dữ liệu", "en": "No data"},
    "plan_col_order": {"vi": "Thứ tự", "en": "Order"},
    "plan_col_gso_code": {"vi": "Mã xã", "en": "GSO code"},
    "plan_col_name": {"vi": "Xã đề xuất", "en": "Proposed commune"},
    "plan_col_district": {"vi": "Huyện/thành phố", "en": "District"},
    "plan_col_forced": {"vi": "Bắt buộc", "en": "Forced"},
    "plan_col_gain": {"vi": "Nhu cầu được phục vụ thêm", "en": "Need newly served"},
    "plan_col_n_served": {"vi": "Số xã được phục vụ thêm", "en": "Communes newly served"},
    "plan_col_serves": {"vi": "Phục vụ các xã", "en": "Serves"},
    "plan_col_cum_served": {"vi": "Số xã được phục vụ (lũy kế)", "en": "Communes served (cumulative)"},
    "plan_col_cum_weight": {"vi": "Nhu cầu được phục vụ (lũy kế)", "en": "Need served (cumulative)"},
    "plan_col_cum_share": {"vi": "Tỷ lệ được phục vụ (lũy kế)", "en": "Share served (cumulative)"},
    "plan_before": {"vi": "Trước kế hoạch", "en": "Before"},
    "plan_after": {"vi": "Sau kế hoạch", "en": "After"},
    "plan_served_share": {"vi": "Tỷ lệ nhu cầu được phục vụ", "en": "Share of need served"},
    "plan_served_units": {"vi": "Số xã được phục vụ", "en": "Communes served"},
    "plan_sub_mclp": {"vi": "{n} mô hình mới: phục vụ tối đa (MCLP); quy tắc: {rule}; trọng số: {weight}", "en": "{n} new models, maximal covering (MCLP); rule: {rule}; weight: {weight}"},
    "plan_sub_lscp": {"vi": "Số mô hình mới tối thiểu để mọi xã được phục vụ (LSCP): {n}; quy tắc: {rule}; trọng số: {weight}", "en": "Fewest new models serving every commune (LSCP): {n}; rule: {rule}; weight: {weight}"},
    "plan_rule_adjacent": {"vi": "xã có mô hình phục vụ chính nó và các xã giáp ranh", "en": "a model serves its commune and the bordering ones"},
    "plan_rule_distance": {"vi": "phục vụ trong bán kính {d} km (tính từ {frm})", "en": "serves within {d} km ({frm} distance)"},
    "plan_from_centroid": {"vi": "tâm xã", "en": "centroid"},
    "plan_from_boundary": {"vi": "ranh giới xã", "en": "boundary"},
    "plan_weight_equal": {"vi": "mỗi xã như nhau", "en": "equal per commune"},
    "plan_weight_area": {"vi": "diện tích (km²)", "en": "area (km²)"},
    "plan_minimum": {"vi": "Cần tối thiểu {n} mô hình mới để mọi xã được phục vụ.", "en": "At least {n} new models are needed for every commune to be served."},
    "plan_reading": {"vi": "Với {n} mô hình mới, tỷ lệ nhu cầu được phục vụ tăng từ {before} lên {after}. Các xã đề xuất theo thứ tự đóng góp: {names}.", "en": "With {n} new models the share of need served rises from {before} to {after}. Proposed communes in order of gain: {names}."},
    "plan_none": {"vi": "Không cần đặt thêm mô hình: mọi xã đã được phục vụ.", "en": "No new model is needed: every commune is served."},
    "plan_msg_no_gaps": {"vi": "Mọi xã đều đã có mô hình hoặc giáp xã có mô hình (theo quy tắc phục vụ): không cần đặt thêm mô hình.", "en": "Every commune already has a model or is within the service rule of one: no new model is needed."},
    "plan_msg_budget_exceeds": {"vi": "Chỉ cần {arg} mô hình mới để mọi xã được phục vụ; kế hoạch đặt {arg} mô hình (ít hơn số --models đã cho).", "en": "Only {arg} new models are needed to serve every commune; the plan places {arg} (fewer than --models)."},
    "plan_msg_unreachable": {"vi": "Không xã nào được phép đặt mô hình có thể phục vụ: {arg}; các xã này vẫn chưa được phục vụ.", "en": "No commune allowed to get a model can serve: {arg}; they stay unserved."},
    "plan_msg_islands": {"vi": "Không giáp xã nào (đảo hoặc tách biệt), chỉ được phục vụ khi có mô hình riêng: {arg}.", "en": "Border no other commune (islands or detached), served only by a model of their own: {arg}."},
    "plan_msg_greedy_better": {"vi": "Bộ giải dừng trước khi tìm được nghiệm tối ưu; dùng kết quả tham lam (không kém hơn).", "en": "The solver stopped before the optimum; the greedy result (no worse) is used."},
    "plan_msg_zero_gain": {"vi": "Một số mô hình trong ngân sách không phục vụ thêm xã nào có trọng số > 0 nên không được đề xuất.", "en": "Some models of the budget would serve no commune of weight > 0 and are not proposed."},
    # LISA cluster map and Moran scatter plot (render/lisa.py)
    "lisa_title": {"vi": "Cụm không gian của độ bao phủ mô hình (LISA)", "en": "Spatial clusters of model coverage (LISA)"},
    "lisa_theme": {"vi": "Cụm LISA (độ bao phủ)", "en": "LISA clusters (coverage)"},
    "lisa_HH": {"vi": "Cao–Cao: xã có mô hình giữa các xã có mô hình", "en": "High–High: covered among covered"},
    "lisa_LL": {"vi": "Thấp–Thấp: xã chưa có mô hình giữa các xã chưa có", "en": "Low–Low: uncovered among uncovered"},
    "lisa_HL": {"vi": "Cao–Thấp: xã có mô hình giữa các xã chưa có", "en": "High–Low: covered among uncovered"},
    "lisa_LH": {"vi": "Thấp–Cao: xã chưa có mô hình giữa các xã có", "en": "Low–High: uncovered among covered"},
    "lisa_ns": {"vi": "Không có ý nghĩa thống kê", "en": "Not significant"},
    "lisa_note": {"vi": "{k} hoán vị, mức ý nghĩa p ≤ {alpha}", "en": "{k} permutations, significance p ≤ {alpha}"},
    "moran_title": {"vi": "Biểu đồ phân tán Moran", "en": "Moran scatter plot"},
    "moran_x": {"vi": "Độ bao phủ của xã (chuẩn hóa)", "en": "Coverage of the commune (standardised)"},
    "moran_y": {"vi": "Trung bình các xã giáp ranh (trễ không gian)", "en": "Mean of bordering communes (spatial lag)"},
    "moran_stat": {"vi": "Chỉ số I Moran = {i}; p = {p} ({k} hoán vị)", "en": "Moran's I = {i}; p = {p} ({k} permutations)"},
    "lisa_reading_ll": {"vi": "Các xã chưa có mô hình tập trung ở {places} ({n} xã thuộc cụm Thấp–Thấp có ý nghĩa thống kê).", "en": "Communes without a model cluster in {places} ({n} communes in significant Low–Low clusters)."},
    "lisa_reading_none": {"vi": "Không có cụm xã chưa có mô hình nào có ý nghĩa thống kê.", "en": "No significant cluster of communes without a model."},
    "lisa_reading_moran": {"vi": "Chỉ số Moran I = {i} (p = {p}): {verdict}.", "en": "Moran's I = {i} (p = {p}): {verdict}."},
    "moran_verdict_clustered": {"vi": "các xã có và chưa có mô hình phân bố thành từng vùng, không ngẫu nhiên", "en": "covered and uncovered communes form regions rather than a random pattern"},
    "moran_verdict_random": {"vi": "chưa thấy xu hướng tập trung rõ rệt", "en": "no clear tendency to cluster"},
    "moran_verdict_dispersed": {"vi": "các xã có mô hình xen kẽ với các xã chưa có", "en": "covered and uncovered communes alternate"},
    "report_spatial": {"vi": "Phân tích không gian", "en": "Spatial analysis"},
    # robustness (issue 16): console lines
    "commit_recovered": {
        "vi": "{folder}: lần chạy trước bị ngắt giữa chừng: đã hoàn tất (các tệp của lần chạy "
              "đó đã được chuyển vào chỗ đầy đủ).",
        "en": "{folder}: the previous run was interrupted mid-commit: completed (all of its "
              "files were moved into place).",
    },
    "interrupted": {
        "vi": "đã ngắt ({signal}): không tệp kết quả nào bị thay bằng tệp dở dang, thư mục kết "
              "quả chứa trọn bộ của một lần chạy.",
        "en": "interrupted ({signal}): no output was replaced by a partial file; the output "
              "folder holds the complete files of one run.",
    },
    # issue 18: register rows in their administrative vintage (normalize/vintage.py)
    "vint_tag_2019": {"vi": "đơn vị hành chính 2019", "en": "2019 units"},
    "vint_tag_2025": {"vi": "đơn vị hành chính 2025", "en": "2025 units"},
    "vint_ambiguous": {
        "vi": 'Cần kiểm tra: không rõ thời kỳ. "{value}" có ở cả hai thời kỳ: {c19} (trước '
              "01/07/2025) và {c25} (từ 01/07/2025); dòng không có năm, mã xã hay huyện để "
              "phân biệt: ghi huyện (đơn vị trước sáp nhập), hoặc năm từ 2026 / ngày từ "
              "01/07/2025 (đơn vị mới)",
        "en": 'Needs attention: ambiguous vintage. "{value}" names a unit in both vintages: '
              "{c19} (before 1 July 2025) and {c25} (since 1 July 2025); the row has no year, "
              "code or district to tell which: write the district (a unit before the merger), "
              "or a year from 2026 / a date from 1 July 2025 (a 2025 unit)",
    },
    "vint_is_2025": {
        "vi": "{unit} là đơn vị từ {reform} (gồm {preds}): dùng --admin 2025 hoặc ghi tên "
              "trước sáp nhập",
        "en": "{unit} is a unit since {reform} (made of {preds}): use --admin 2025 or write "
              "the name before the merger",
    },
    "vint_district_2025": {
        "vi": '{unit} là đơn vị từ {reform} (gồm {preds}), không thuộc huyện nào; dòng ghi '
              'huyện "{value}": bỏ tên huyện, hoặc ghi tên xã trước sáp nhập',
        "en": '{unit} is a unit since {reform} (made of {preds}), in no district; the row '
              'gives the district "{value}": drop the district, or write the commune as it '
              "was before the merger",
    },
    "vint_code_pred": {
        "vi": 'Mã xã {code} là {unit} (đơn vị từ {reform}); "{value}" là đơn vị trước sáp '
              "nhập, nay thuộc {unit}: đã tính cho {unit}; ghi tên mới cho khớp mã",
        "en": 'GSO code {code} is {unit} (a unit since {reform}); "{value}" is a unit before '
              "the merger, now part of {unit}: counted for {unit}; write the new name to "
              "match the code",
    },
    "vint_code_conflict": {
        "vi": 'Mã xã {code}: trước 01/07/2025 là {u19}, từ 01/07/2025 là {u25}; dòng ghi '
              '"{value}", không khớp thời kỳ nào: sửa mã hoặc tên',
        "en": 'GSO code {code} was {u19} before 1 July 2025 and is {u25} since; the row says '
              '"{value}", which fits neither: correct the code or the name',
    },
    "vint_after_end": {
        "vi": "{unit} không còn từ {date} (nhập vào {into}); dòng năm {year} được tính cho "
              "đơn vị kế thừa: ghi tên đơn vị mới",
        "en": "{unit} no longer exists from {date} (merged into {into}); the row of {year} "
              "is counted for its successor: write the new unit's name",
    },
    "vint_before_start": {
        "vi": "{unit} là đơn vị từ {reform} (gồm {preds}), nhưng dòng đánh giá ghi {when}, "
              "trước khi có đơn vị này: đã tính cho {unit}; kiểm tra năm, hoặc ghi xã lúc đánh "
              "giá (có huyện)",
        "en": "{unit} is a unit since {reform} (made of {preds}) but the assessment is dated "
              "{when}, before the unit existed: counted for {unit}; check the year, or write "
              "the commune of that time (with its district)",
    },
    "vint_duplicate": {
        "vi": 'Có thể trùng với dòng {other}: mô hình "{name}" ghi ở {u19} (trước '
              "01/07/2025) và ở {u25}, đơn vị kế thừa (từ 01/07/2025); chỉ tính một lần "
              "(dòng {other}, từ năm {start}): giữ một dòng",
        "en": 'Probable duplicate of row {other}: model "{name}" is registered in {u19} '
              "(before 1 July 2025) and in its successor {u25} (since 1 July 2025); counted "
              "once (row {other}, from {start}): keep one row",
    },
    "vint_register_one": {
        "vi": "Sổ theo đơn vị hành chính {v} ({n} dòng)",
        "en": "Register in the administrative units of {v} ({n} rows)",
    },
    "vint_register_mixed": {
        "vi": "Sổ gồm {n19} dòng theo đơn vị hành chính 2019 và {n25} dòng theo đơn vị hành "
              "chính 2025; dòng 2019 được chuyển sang đơn vị 2025 theo bảng chuyển đổi",
        "en": "Register of {n19} rows in 2019 units and {n25} rows in 2025 units; the 2019 "
              "rows are carried to the 2025 units through the crosswalk",
    },
    "vint_register_unknown": {
        "vi": "; {n} dòng chưa rõ thời kỳ (xem match_report.csv)",
        "en": "; {n} row(s) of ambiguous vintage (see match_report.csv)",
    },
    "vint_refuse_2019": {
        "vi": "--admin 2019: sổ theo đơn vị hành chính 2025 ({n} dòng, không dòng nào theo "
              "đơn vị trước 01/07/2025), ví dụ {example}. Bỏ --admin 2019 (hoặc dùng --admin "
              "2025) để lập bản đồ trên 64 đơn vị hiện nay",
        "en": "--admin 2019: the register is in the 2025 administrative units ({n} rows, none "
              "in units before 1 July 2025), e.g. {example}. Drop --admin 2019 (or use "
              "--admin 2025) to map the 64 units of today",
    },
    "vint_where": {"vi": "{file}, dòng {row}", "en": "{file}, row {row}"},
    "vint_cross_compare": {
        "vi": "So sánh {y1} với {y2} qua mốc sáp nhập 01/07/2025: số liệu năm {y1} của các "
              "đơn vị trước sáp nhập được chuyển sang {n} đơn vị hành chính 2025 theo bảng "
              "chuyển đổi",
        "en": "Comparison of {y1} with {y2} crosses the merger of 1 July 2025: the {y1} "
              "figures of the units before the merger are carried to the {n} units of 2025 "
              "through the crosswalk",
    },
    "vint_cross_year": {
        "vi": "Năm {y} trước sáp nhập 01/07/2025: số liệu của các đơn vị cũ được chuyển sang "
              "{n} đơn vị hành chính 2025 theo bảng chuyển đổi",
        "en": "{y} is before the merger of 1 July 2025: the figures of the units of that "
              "time are carried to the {n} units of 2025 through the crosswalk",
    },
    "vint_official_bounds": {
        "vi": "Ranh giới chính thức 2025 ({src})",
        "en": "Official 2025 boundaries ({src})",
    },
    # tables written by export/tables.py: column headers (col_*), coded values (val_*), sheets
    "col_rank": {"vi": "Thứ tự ưu tiên", "en": "Rank"},
    "col_dist_rank": {"vi": "Thứ tự trong huyện", "en": "Rank in district"},
    "col_priority": {"vi": "Mức ưu tiên", "en": "Priority"},
    "col_gso_code": {"vi": "Mã đơn vị", "en": "GSO code"},
    "col_name": {"vi": "Tên đơn vị", "en": "Commune"},
    "col_district": {"vi": "Huyện/thành phố", "en": "District"},
    "col_unit_type": {"vi": "Loại đơn vị", "en": "Unit type"},
    "col_c19_status": {"vi": "Tiêu chí 19", "en": "Criterion 19"},
    "col_c19_first": {"vi": "Năm đạt tiêu chí 19 lần đầu", "en": "Criterion 19 first achieved"},
    "col_isolated": {"vi": "Không giáp đơn vị có mô hình", "en": "Isolated gap"},
    "col_cluster": {"vi": "Cụm", "en": "Cluster"},
    "col_cluster_size": {"vi": "Số đơn vị trong cụm", "en": "Cluster size"},
    "col_dist_cov_km": {
        "vi": "Cách đơn vị có mô hình gần nhất (km)",
        "en": "Distance to nearest covered (km)",
    },
    "col_area_km2": {"vi": "Diện tích (km²)", "en": "Area (km²)"},
    "col_ntm_pilot": {"vi": "Xã điểm nông thôn mới", "en": "NTM pilot"},
    "col_illustr": {"vi": "Dữ liệu minh họa", "en": "Illustrative data"},
    "col_reasons": {"vi": "Lý do", "en": "Reasons"},
    "col_category": {"vi": "Mức độ bao phủ", "en": "Coverage category"},
    "col_pred_cov": {"vi": "Số xã cũ có mô hình", "en": "Former communes with a model"},
    "col_pred_in": {"vi": "Số xã cũ", "en": "Former communes"},
    "col_cov_share": {"vi": "Tỷ lệ diện tích có mô hình", "en": "Area share with a model"},
    "col_dist_code": {"vi": "Mã huyện", "en": "District code"},
    "col_n_units": {"vi": "Số đơn vị cấp xã", "en": "Commune-level units"},
    "col_n_xa": {"vi": "Số xã", "en": "Communes (xã)"},
    "col_n_phuong": {"vi": "Số phường", "en": "Wards (phường)"},
    "col_n_thitran": {"vi": "Số thị trấn", "en": "Townships (thị trấn)"},
    "col_n_models": {"vi": "Số mô hình cấp xã", "en": "Commune-level models"},
    "col_n_covered": {"vi": "Số đơn vị có mô hình", "en": "Units with a model"},
    "col_n_uncovered": {"vi": "Số đơn vị chưa có mô hình", "en": "Units without a model"},
    "col_covered_share": {"vi": "Tỷ lệ có mô hình", "en": "Share with a model"},
    "col_n_c19": {"vi": "Số đơn vị đạt tiêu chí 19", "en": "Units achieving criterion 19"},
    "col_n_c19_not": {
        "vi": "Số đơn vị chưa đạt tiêu chí 19",
        "en": "Units not achieving criterion 19",
    },
    "col_n_c19_nodata": {"vi": "Không có dữ liệu tiêu chí 19", "en": "No criterion-19 data"},
    "col_c19_share": {"vi": "Tỷ lệ đạt tiêu chí 19", "en": "Share achieving criterion 19"},
    "col_models_per": {"vi": "Mô hình bình quân mỗi đơn vị", "en": "Models per unit"},
    "col_models_10k": {"vi": "Mô hình trên 10 km²", "en": "Models per 10 km²"},
    "col_n_ntm": {"vi": "Số xã điểm nông thôn mới", "en": "NTM pilot communes"},
    "col_n_isolated": {"vi": "Số đơn vị chưa có mô hình biệt lập", "en": "Isolated gaps"},
    "col_n_models_1": {"vi": "Số mô hình {y}", "en": "Models {y}"},
    "col_n_models_2": {"vi": "Số mô hình {y}", "en": "Models {y}"},
    "col_d_models": {"vi": "Thay đổi số mô hình", "en": "Change in models"},
    "col_covered_1": {"vi": "Có mô hình {y}", "en": "Covered {y}"},
    "col_covered_2": {"vi": "Có mô hình {y}", "en": "Covered {y}"},
    "col_c19_status_1": {"vi": "Tiêu chí 19 năm {y}", "en": "Criterion 19 in {y}"},
    "col_c19_status_2": {"vi": "Tiêu chí 19 năm {y}", "en": "Criterion 19 in {y}"},
    "col_coverage_change": {"vi": "Thay đổi về mô hình", "en": "Coverage change"},
    "col_c19_change": {"vi": "Thay đổi về tiêu chí 19", "en": "Criterion-19 change"},
    "col_pred_names": {"vi": "Đơn vị trước 01/07/2025", "en": "Units before 1 July 2025"},
    "colc_cluster": {"vi": "Cụm", "en": "Cluster"},
    "colc_size": {"vi": "Số đơn vị", "en": "Units"},
    "colc_districts": {"vi": "Huyện/thành phố", "en": "Districts"},
    "colc_communes": {"vi": "Các đơn vị", "en": "Units in it"},
    "val_priority_1": {
        "vi": "1 - Chưa có mô hình, chưa đạt tiêu chí 19",
        "en": "1 - No model, criterion 19 not achieved",
    },
    "val_priority_2": {
        "vi": "2 - Không giáp đơn vị có mô hình",
        "en": "2 - Borders no covered commune",
    },
    "val_priority_3": {"vi": "3 - Còn lại", "en": "3 - Other"},
    "val_priority_4": {"vi": "4 - Bao phủ một phần", "en": "4 - Partly covered"},
    "val_coverage_change_newly_covered": {"vi": "Mới có mô hình", "en": "Newly covered"},
    "val_coverage_change_lost": {"vi": "Không còn mô hình", "en": "Lost its models"},
    "val_coverage_change_still_covered": {"vi": "Vẫn có mô hình", "en": "Still covered"},
    "val_coverage_change_still_uncovered": {"vi": "Vẫn chưa có mô hình", "en": "Still uncovered"},
    "val_c19_change_newly_achieving": {"vi": "Mới đạt", "en": "Newly achieving"},
    "val_c19_change_lost": {"vi": "Không còn đạt", "en": "No longer achieving"},
    "val_c19_change_still_achieving": {"vi": "Vẫn đạt", "en": "Still achieving"},
    "val_c19_change_still_not_achieved": {"vi": "Vẫn chưa đạt", "en": "Still not achieving"},
    "val_c19_change_unknown_before": {
        "vi": "Đạt (năm trước không có dữ liệu)",
        "en": "Achieving (no earlier data)",
    },
    "val_c19_change_no_data": {"vi": "Không có dữ liệu", "en": "No data"},
    "val_unit_type_xã": {"vi": "xã", "en": "commune"},
    "val_unit_type_phường": {"vi": "phường", "en": "ward"},
    "val_unit_type_thị trấn": {"vi": "thị trấn", "en": "township"},
    "sheet_clusters": {"vi": "Cụm chưa có mô hình", "en": "Gap clusters"},
    "val_yes": {"vi": "Có", "en": "Yes"},
    "val_no": {"vi": "Không", "en": "No"},
    "sheet_total": {"vi": "Toàn tỉnh", "en": "Province total"},
    "sheet_notes": {"vi": "Ghi chú", "en": "Notes"},
    "sheet_by_district": {"vi": "Theo huyện", "en": "By district"},
    "sheet_district_summary": {"vi": "Tổng hợp theo huyện", "en": "District summary"},
    "sheet_change": {"vi": "So sánh", "en": "Change"},
    "note_year": {"vi": "Năm số liệu", "en": "Year"},
    "note_sources": {"vi": "Nguồn sổ đăng ký", "en": "Register sources"},
    "note_boundaries": {"vi": "Ranh giới", "en": "Boundaries"},
    "note_illustrative": {
        "vi": "Một số dòng chỉ minh họa số liệu tổng đã công bố, không phải số liệu thật.",
        "en": "Some rows only illustrate the published totals; not real data.",
    },
    # change map 2019 -> 2025 (render/change_map.py)
    "chg_title": {
        "vi": "Đơn vị hành chính cấp xã: 2019 → 2025 (tỉnh Cà Mau mới)",
        "en": "Commune-level units: 2019 → 2025 (the new Cà Mau province)",
    },
    "chg_subtitle": {
        "vi": "Cà Mau (101) và Bạc Liêu (64) năm 2019 → 64 xã, phường từ 01/7/2025",
        "en": "Cà Mau (101) and Bạc Liêu (64) in 2019 → 64 communes and wards from 1 July 2025",
    },
    "chg_new_layer": {"vi": "Đơn vị 2025 (64)", "en": "2025 units (64)"},
    "chg_old_layer": {"vi": "Ranh giới xã 2019 (165)", "en": "2019 commune boundaries (165)"},
    "chg_exact": {
        "vi": "Ranh giới 2025 ghép đúng từ các xã cũ",
        "en": "2025 boundary built exactly from old communes",
    },
    "chg_approx": {
        "vi": "Ranh giới gần đúng: gồm một phần xã cũ bị chia",
        "en": "Approximate boundary: holds part of a divided commune",
    },
    "chg_old_line": {"vi": "Ranh giới xã 2019", "en": "2019 commune boundary"},
    "chg_divided": {
        "vi": "Xã 2019 bị chia cho nhiều đơn vị",
        "en": "2019 commune divided between units",
    },
    "chg_code_new": {"vi": "mã 2025", "en": "2025 code"},
    "chg_code_old": {"vi": "mã 2019", "en": "2019 code"},
    "chg_from": {"vi": "Hình thành từ (2019):", "en": "Formed from (2019):"},
    "chg_part": {"vi": "một phần", "en": "part"},
    "chg_into": {"vi": "Nhập nguyên vào", "en": "Went whole into"},
    "chg_split": {"vi": "Chia cho", "en": "Divided between"},
    "chg_default": {"vi": "kế thừa mặc định", "en": "default successor"},
    "chg_step": {"vi": "Trước đó", "en": "Before that"},
    "chg_models": {"vi": "Mô hình cấp xã", "en": "Commune-level models"},
    "chg_c19": {"vi": "Tiêu chí 19", "en": "Criterion 19"},
    "chg_c19_achieved": {"vi": "đạt", "en": "achieved"},
    "chg_c19_not_achieved": {"vi": "chưa đạt", "en": "not achieved"},
    "chg_c19_no_data": {"vi": "chưa có dữ liệu", "en": "no data"},
    "chg_no_data": {"vi": "Ngoài phạm vi số liệu", "en": "Outside the data"},
    "chg_source": {
        "vi": "Nguồn: {source}. Ranh giới 2019: {boundaries}.",
        "en": "Source: {source}. 2019 boundaries: {boundaries}.",
    },
    # 2025 units carried from 2019 (crosswalk/aggregate.py)
    "cw_approx": {
        "vi": "Ranh giới gần đúng: gồm một phần xã bị chia {names}; mỗi xã bị chia được vẽ nguyên trong đơn vị kế thừa mặc định.",
        "en": "Approximate boundary: holds part of divided commune(s) {names}; each divided commune is drawn whole in its default successor.",
    },
    "cw_here": {"vi": "vẽ ở đây", "en": "drawn here"},
    "cw_there": {"vi": "vẽ ở {name}", "en": "drawn in {name}"},
    "cw_missing": {
        "vi": "Thiếu ranh giới cũ của mã: {names}.",
        "en": "Old boundaries missing for codes: {names}.",
    },
    # units without data (crosswalk/aggregate.no_data_table)
    "nodata_col_gso_code": {"vi": "Mã đơn vị", "en": "Unit code"},
    "nodata_col_name": {"vi": "Tên đơn vị", "en": "Unit"},
    "nodata_col_unit_type": {"vi": "Loại đơn vị", "en": "Unit type"},
    "nodata_col_pred_names": {"vi": "Đơn vị trước 01/07/2025", "en": "Units before 1 July 2025"},
    "nodata_col_reason": {"vi": "Lý do", "en": "Reason"},
    "nodata_reason": {
        "vi": "Không có dữ liệu: ngoài phạm vi sổ theo dõi ({provs} cũ); không xếp thứ tự ưu tiên",
        "en": "No data: outside the register's coverage (former {provs}); not ranked as a gap",
    },
    "cw_source": {
        "vi": "vietnamadminunits {version} (converter_2025.json; Nghị quyết 1655/NQ-UBTVQH15), "
              "thêm bước Phường 4 nhập vào Phường 2 (TP Cà Mau) ngày 01/12/2024 "
              "(Nghị quyết 1251/NQ-UBTVQH15)",
        "en": "vietnamadminunits {version} (converter_2025.json; Nghị quyết 1655/NQ-UBTVQH15), "
              "plus Phường 4 → Phường 2 of Cà Mau city on 2024-12-01 "
              "(Nghị quyết 1251/NQ-UBTVQH15)",
    },
    "cw_merged_into": {"vi": "nhập vào", "en": "merged into"},
    "cw_part": {"vi": ", một phần", "en": ", part"},
    # published totals compared with the register (analysis/reconcile.py)
    "rec_models_total": {"vi": "Tổng số mô hình", "en": "Models in total"},
    "rec_models_commune_level": {"vi": "Mô hình cấp xã", "en": "Commune-level models"},
    "rec_communes_with_models": {"vi": "Số xã có mô hình", "en": "Communes with a model"},
    "rec_ntm_pilot_communes": {"vi": "Xã điểm nông thôn mới", "en": "NTM pilot communes"},
    "rec_models_in_ntm_pilot": {
        "vi": "Mô hình ở xã điểm nông thôn mới",
        "en": "Models in NTM pilot communes",
    },
    "rec_models_board_registered": {
        "vi": "Mô hình đăng ký với Ban Dân vận Tỉnh ủy",
        "en": "Models registered with the Mass Mobilisation Board",
    },
    # dates in sentences (i18n.date_text): day first in Vietnamese
    "date_text": {"vi": "{d}/{m}/{y}", "en": "{d} {month} {y}"},
    "month_1": {"vi": "tháng 1", "en": "January"},
    "month_2": {"vi": "tháng 2", "en": "February"},
    "month_3": {"vi": "tháng 3", "en": "March"},
    "month_4": {"vi": "tháng 4", "en": "April"},
    "month_5": {"vi": "tháng 5", "en": "May"},
    "month_6": {"vi": "tháng 6", "en": "June"},
    "month_7": {"vi": "tháng 7", "en": "July"},
    "month_8": {"vi": "tháng 8", "en": "August"},
    "month_9": {"vi": "tháng 9", "en": "September"},
    "month_10": {"vi": "tháng 10", "en": "October"},
    "month_11": {"vi": "tháng 11", "en": "November"},
    "month_12": {"vi": "tháng 12", "en": "December"},
    # boundaries inspect report headings (normalize/inspect.format_report)
    "inspl_file": {"vi": "Tệp", "en": "File"},
    "inspl_layer": {"vi": "Lớp", "en": "Layer"},
    "inspl_layout": {"vi": "Cấu trúc cột", "en": "Column layout"},
    "inspl_columns": {"vi": "Cột dùng", "en": "Columns used"},
    "inspl_encoding": {"vi": "Mã hóa chữ", "en": "Text encoding"},
    "inspl_crs": {"vi": "Hệ tọa độ", "en": "CRS"},
    "inspl_transformation": {"vi": "Phép chuyển đổi", "en": "Transformation"},
    "inspl_features": {"vi": "Số đối tượng", "en": "Features"},
    "inspl_province": {"vi": "Tỉnh", "en": "Province"},
    "inspl_by_type": {"vi": "Theo loại đơn vị", "en": "By unit type"},
    "inspl_by_district": {"vi": "Theo huyện", "en": "By district"},
    "inspl_uncoded": {"vi": "Chưa gán được mã GSO", "en": "Without a GSO code"},
    "inspl_problems": {"vi": "Vấn đề phát hiện", "en": "Problems found"},
    "inspl_none": {"vi": "không có", "en": "none"},
    "inspl_notes": {"vi": "Ghi chú", "en": "Notes"},
    "inspl_position": {
        "vi": "Vị trí so với điểm trung tâm chính thức",
        "en": "Position against official centre points",
    },
    "inspl_coverage": {
        "vi": "Phủ kín (không chồng lấn, không hở)",
        "en": "Coverage (no overlaps, no gaps)",
    },
    "inspl_invalid": {"vi": "không hợp lệ", "en": "invalid"},
    "inspl_overlap": {"vi": "chồng lấn", "en": "overlaps"},
    "inspl_gaps": {"vi": "khe hở", "en": "gaps"},
    "inspl_inside": {"vi": "chứa điểm trung tâm", "en": "contain their centre point"},
    "inspl_median": {"vi": "khoảng cách trung vị", "en": "median distance"},
    "inspl_shift": {
        "vi": "độ lệch so với lớp tham chiếu (Đông, Bắc)",
        "en": "shift against the reference (east, north)",
    },
    # map labels and captions (render/captions.py, render/layout.py)
    "lab_ward_n": {"vi": "P.{n}", "en": "Ward {n}"},
    "lab_city": {"vi": "TP. {name}", "en": "{name} City"},
    "lab_town": {"vi": "TX. {name}", "en": "{name} Town"},
    "lab_province": {"vi": "Tỉnh {name}", "en": "{name} province"},
    "lab_city_province": {"vi": "Thành phố {name}", "en": "{name} province"},
    "types_xã": {"vi": "xã", "en": "communes"},
    "types_phường": {"vi": "phường", "en": "wards"},
    "types_thị trấn": {"vi": "thị trấn", "en": "townships"},
    "list_last": {"vi": "{first}, {last}", "en": "{first} and {last}"},
    "panel_scale_note": {
        "vi": "Không ghi tên {n}/{total} đơn vị (quá nhỏ ở tỉ lệ bản đồ này).",
        "en": "{n} of {total} units not labelled (too small at this map scale).",
    },
    # match report reasons (normalize/matching.reason_text); {value} etc. filled in
    "match_empty": {
        "vi": "Thiếu tên xã và mã xã: ghi tên xã/phường/thị trấn hoặc mã xã",
        "en": "No commune name and no GSO code: write the commune or its code",
    },
    "match_code_unknown": {
        "vi": "Mã xã \"{value}\" không có trong lớp ranh giới: kiểm tra lại mã (5 chữ số) hoặc để trống",
        "en": "GSO code \"{value}\" is not in the boundary layer: check the 5-digit code or leave it empty",
    },
    "match_code_conflict": {
        "vi": "Mã xã {code} là {unit} ({unit_district}), nhưng dòng ghi {column_vi} \"{value}\": sửa mã hoặc tên",
        "en": "GSO code {code} is {unit} ({unit_district}) but the row says {column} \"{value}\": correct the code or the name",
    },
    "match_district_unknown": {
        "vi": "Không có huyện \"{value}\" trong tỉnh: sửa tên huyện",
        "en": "No district \"{value}\" in the province: correct the district name",
    },
    "match_district_conflict": {
        "vi": "\"{commune}\" thuộc {unit_district}, không thuộc \"{value}\": sửa huyện hoặc tên xã",
        "en": "\"{commune}\" is in {unit_district}, not in \"{value}\": correct the district or the commune",
    },
    "match_ambiguous": {
        "vi": "\"{value}\" trùng tên nhiều đơn vị: ghi rõ Xã/Phường/Thị trấn hoặc mã xã",
        "en": "\"{value}\" names several units: write Xã/Phường/Thị trấn or the GSO code",
    },
    "match_type_conflict": {
        "vi": "Không có {type_vi} \"{short}\" trong {where}; có đơn vị cùng tên khác loại: sửa tiền tố",
        "en": "No {type} \"{short}\" in {where}; a unit of another type has this name: correct the prefix",
    },
    "match_not_found": {
        "vi": "Không tìm thấy \"{value}\" trong {where}: sửa tên (xem gợi ý) hoặc ghi mã xã",
        "en": "No commune \"{value}\" in {where}: correct the name (see candidates) or give the GSO code",
    },
    "match_uncoded": {
        "vi": "{unit} chưa có mã xã trong lớp ranh giới: bổ sung mã cho lớp ranh giới",
        "en": "{unit} has no GSO code in the boundary layer: code the boundary layer first",
    },
    "match_c19_not_xa": {
        "vi": "{unit} là {type_vi}: tiêu chí 19 (nông thôn mới) chỉ áp dụng cho xã; kiểm tra dòng này",
        "en": "{unit} is a {type}: criterion 19 (New Rural Development) applies to xã only; check the row",
    },
    "match_duplicate_c19": {
        "vi": "Trùng với dòng {other} (cùng xã, cùng năm){conflict}: giữ một dòng",
        "en": "Same commune and year as row {other}{conflict}: keep one row",
    },
    "match_point_outside": {
        "vi": "Tọa độ ({lon}, {lat}) nằm ngoài {unit}: kiểm tra tọa độ",
        "en": "Point ({lon}, {lat}) lies outside {unit}: check the coordinates",
    },
    "match_where_province": {"vi": "tỉnh", "en": "the province"},
    "match_c19_differs": {"vi": ", kết quả khác nhau", "en": ", with a different result"},
    "locator_city": {"vi": "TP. Hồ Chí Minh", "en": "Ho Chi Minh City"},
    # how a download's SHA-256 was pinned (io/sources.py, boundaries fetch --source)
    "pin_upstream": {"vi": "mã băm của nguồn", "en": "upstream hash"},
    "pin_given": {"vi": "mã băm đã cho", "en": "given hash"},
    "pin_recorded": {"vi": "mã băm đã ghi lần trước", "en": "recorded hash"},
    "pin_first": {"vi": "lần tải đầu, nay đã ghi lại", "en": "first download, now recorded"},
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
    # issue 17 (session 4): every message of the register path (normalize/register, register*.py,
    # io/sheets.py, cli/register.py, the build warning), rendered in --lang (cells.Msg)
    "reg_at_file": {"vi": "{file}", "en": "{file}"},
    "reg_at_sheet": {"vi": '{at}, trang "{sheet}"', "en": '{at}, sheet "{sheet}"'},
    "reg_at_row": {"vi": "{at}, dòng {row}", "en": "{at}, row {row}"},
    "reg_at_column": {"vi": '{at}, cột "{column}"', "en": '{at}, column "{column}"'},
    "reg_at": {"vi": "{at}: {text}", "en": "{at}: {text}"},
    "val_bool": {"vi": "cần Có/Không, x, đạt/chưa đạt, yes/no hoặc 1/0", "en": "expected yes/no: Có/Không, x, đạt/chưa đạt, yes/no or 1/0"},
    "val_year": {"vi": "cần năm có 4 chữ số, từ {first} đến {last}", "en": "expected a year of 4 digits from {first} to {last}"},
    "val_year_range": {"vi": "năm ngoài khoảng cho phép; cần từ {first} đến {last}", "en": "year out of range; expected {first} to {last}"},
    "val_float": {"vi": "cần số thập phân, ví dụ 105.02 (hoặc 105°1'12\"E)", "en": "expected a decimal number such as 105.02 (or 105°1'12\"E)"},
    "val_dms": {"vi": "phút và giây phải nhỏ hơn 60", "en": "minutes and seconds must be below 60"},
    "val_date": {"vi": "cần ngày dạng dd/mm/yyyy hoặc yyyy-mm-dd", "en": "expected a date as dd/mm/yyyy or yyyy-mm-dd"},
    "val_code": {"vi": "cần mã xã 5 chữ số (mã thống kê), ví dụ 32197", "en": "expected the 5-digit GSO commune code, e.g. 32197"},
    "val_code_long": {"vi": "{n} chữ số; cần mã xã 5 chữ số (mã thống kê), ví dụ 32197", "en": "{n} digits; expected the 5-digit GSO commune code, e.g. 32197"},
    "val_level": {"vi": "cần xã, huyện hoặc tỉnh", "en": "expected xã, huyện or tỉnh"},
    "reg_value": {"vi": 'giá trị "{value}": {detail}.', "en": 'value "{value}": {detail}.'},
    "reg_sep_tab": {"vi": "tab", "en": "tab"},
    "reg_row_shifted": {"vi": '{n} ô nhưng dòng tiêu đề có {columns} cột (thừa: "{extra}"); dấu {sep} trong một ô làm lệch các ô sau nó - đặt ô đó trong dấu ngoặc kép, hoặc ghi tiêu đề cho các ô thừa.', "en": '{n} cells but the header has {columns} columns (extra: "{extra}"); a {sep} inside a cell shifts the cells after it - put that cell in double quotes, or give the extra cells a header.'},
    "reg_lookalike": {"vi": '{at}: giống cột {field} nhưng không được đọc; để đọc cột này: --columns {field}="{header}".', "en": '{at}: looks like {field} but is not read; to read this column instead: --columns {field}="{header}".'},
    "reg_lookalike_read": {"vi": '{at}: giống cột {field} nhưng cột "{read}" đang được đọc cho {field}; để đọc cột này thay thế: --columns {field}="{header}".', "en": '{at}: looks like {field} but column "{read}" is read for it; to read this column instead: --columns {field}="{header}".'},
    "reg_stt_again": {"vi": '{at}: STT "{stt}" bị lặp lại (lần đầu ở dòng {first}); đánh số lại các dòng.', "en": '{at}: STT "{stt}" is used again (first at row {first}); renumber the rows.'},
    "reg_duplicate_row": {"vi": "trùng xã, tên mô hình và năm với dòng {first}: dòng bị lặp; xóa một dòng hoặc sửa lại.", "en": "same commune, model name and year as row {first}: a duplicate row; delete one of them or correct it."},
    "rec_commune_level": {"vi": "trống, nhưng mô hình ở cấp xã; ghi tên xã (hoặc mã xã ở cột Mã xã), hoặc ghi Cấp là huyện/tỉnh.", "en": "empty, but the model is commune-level; write the commune (or its GSO code in Mã xã), or set Cấp to huyện/tỉnh."},
    "rec_end_before_start": {"vi": 'giá trị "{end}" trước năm bắt đầu ({start}); sửa một trong hai năm.', "en": 'value "{end}" is before the year started ({start}); correct one of the two years.'},
    "rec_one_coordinate": {"vi": "trống trong khi có {given}; ghi cả hai tọa độ hoặc để trống cả hai.", "en": "empty while {given} is given; give both coordinates or neither."},
    "rec_lat": {"vi": "vĩ độ", "en": "lat"},
    "rec_lon": {"vi": "kinh độ", "en": "lon"},
    "rec_outside_vn": {"vi": "điểm ({lon}, {lat}) nằm ngoài Việt Nam (kinh độ {x0}–{x1} Đông, vĩ độ {y0}–{y1} Bắc){hint}; sửa tọa độ (độ thập phân, WGS84) hoặc để trống.", "en": "point ({lon}, {lat}) is outside Viet Nam (longitude {x0}–{x1} E, latitude {y0}–{y1} N){hint}; correct the coordinates (decimal degrees, WGS84) or leave them empty."},
    "rec_swapped": {"vi": " (có vẻ bị đảo: kinh độ trước, ví dụ 105.0 rồi 8.9)", "en": " (they look swapped: longitude first, e.g. 105.0 then 8.9)"},
    "rec_c19_commune": {"vi": "trống; ghi tên xã hoặc mã xã.", "en": "empty; write the commune or its GSO code."},
    "rec_c19_year": {"vi": "trống; ghi năm đánh giá.", "en": "empty; write the assessment year."},
    "rec_first_after": {"vi": 'giá trị "{first}" sau năm đánh giá {year}; sửa năm đạt lần đầu.', "en": 'value "{first}" is after the assessment year {year}; correct the year first achieved.'},
    "rec_sub_not_met": {"vi": "ghi đạt, nhưng tiêu chí thành phần {sub} chưa đạt; tiêu chí 19 cần đạt cả 19.1 và 19.2: sửa một trong hai.", "en": "achieved, but sub-criterion {sub} is not; criterion 19 needs both 19.1 and 19.2: correct one of them."},
    "rec_first_not_met": {"vi": 'giá trị "{first}" ghi đạt lần đầu năm {year}, nhưng dòng ghi chưa đạt năm đó; sửa một trong hai.', "en": 'value "{first}" says first achieved in {year}, but the row says not achieved that year; correct one of them.'},
    "rec_id_again": {"vi": 'mã mô hình "{id}" được dùng lại ở {others}; mỗi mô hình cần một mã riêng.', "en": 'model id "{id}" is used again at {others}; give each model its own id.'},
    "diag_ansi": {"vi": 'chữ tiếng Việt bị thay bằng "?" (ví dụ "{sample}"): tệp đã được lưu bằng mã ANSI, không giữ được chữ tiếng Việt, và các chữ này đã mất; mở bảng tính gốc và lưu lại dạng .xlsx hoặc "CSV UTF-8 (Comma delimited)".', "en": 'Vietnamese letters are replaced by "?" (e.g. "{sample}"): the file was saved in an ANSI code page (lưu bằng mã ANSI), which cannot hold them, and they are lost; open the original workbook and save it again as .xlsx or as "CSV UTF-8 (Comma delimited)".'},
    "diag_mojibake": {"vi": 'văn bản UTF-8 bị đọc thành Windows-1252 (lỗi mã hóa UTF-8 bị đọc sai: "{sample}" thay cho "{fixed}"): tệp đã được mở sai bảng mã rồi lưu lại; xuất lại từ tệp gốc dạng .xlsx hoặc "CSV UTF-8", hoặc mở tệp và chọn UTF-8 (Data > From Text/CSV, File origin "65001: Unicode (UTF-8)") rồi lưu.', "en": 'the text is UTF-8 read as Windows-1252 (mojibake: "{sample}" for "{fixed}"): the file was opened with the wrong encoding and saved again (lỗi mã hóa UTF-8 bị đọc sai); export it again from the original as .xlsx or "CSV UTF-8", or open it choosing UTF-8 (Data > From Text/CSV, File origin "65001: Unicode (UTF-8)") and save.'},
    "diag_legacy": {"vi": 'văn bản được gõ bằng phông cũ (phông {font}: "{sample}" là "{fixed}") rồi lưu dạng Unicode mà không chuyển mã; chuyển mã bằng Unikey (Công cụ chuyển mã, từ TCVN3 hoặc VNI sang Unicode) rồi lưu lại, hoặc lưu bảng tính dạng .xlsx, công cụ này tự chuyển mã khi đọc.', "en": 'the text was typed with a legacy font (phông {font}: "{sample}" is "{fixed}") and saved as Unicode without converting; convert it with Unikey (Công cụ chuyển mã, from TCVN3 or VNI to Unicode) and save again, or save the workbook as .xlsx, which this tool converts when reading.'},
    "reg_code_as_read": {"vi": "{typed} (đọc là {code})", "en": "{typed} (read as {code})"},
    "reg_plain": {"vi": "{text}", "en": "{text}"},
    "reg_sheet_not_read": {"vi": "{at}: {why}, không đọc", "en": "{at}: {why}, not read"},
    "reg_why_empty_table": {"vi": "bảng {table} chưa có dòng nào", "en": "a {table} table with no rows"},
    "reg_err_text_no_sheets": {"vi": '{file}: tệp văn bản không có trang; bỏ tên trang "{name}" (chỉ dùng cho bảng tính .xlsx).', "en": '{file}: a text file has no sheets; drop the sheet name "{name}" (it applies to .xlsx workbooks).'},
    "reg_err_no_sheet": {"vi": '{file}: không có trang "{name}"; các trang: {sheets}. Chọn một trong các trang này.', "en": '{file}: no sheet "{name}"; sheets: {sheets}. Pick one of them.'},
    "reg_err_empty_book": {"vi": "{file}: sổ trống (không trang nào có dòng); điền vào mẫu của `camau-gis register template`.", "en": "{file}: the register is empty (no rows in any sheet); fill in the template from `camau-gis register template`."},
    "reg_err_no_table": {"vi": "{file}: không trang nào chứa bảng {table}.", "en": "{file}: no sheet holds the {table} table."},
    "reg_err_strict": {"vi": "{n} lỗi trong sổ ({files}); sửa rồi chạy lại:", "en": "{n} problem(s) in the register ({files}); correct them and run again:"},
    "reg_err_mapped_absent": {"vi": "{files}: không thấy tiêu đề đã ánh xạ {mapped}; các tiêu đề có: {seen}. Sửa lại ánh xạ.", "en": "{files}: mapped header(s) {mapped} not found; headers seen: {seen}. Correct the mapping."},
    "reg_warn_invisible": {"vi": "{at}, cột {n}: đã bỏ ký tự ẩn hoặc không hợp lệ {chars} khỏi {text} (chúng làm hỏng tệp PDF và XML); không thay đổi gì khác.", "en": "{at} column {n}: removed invisible or invalid character(s) {chars} from {text} (they break PDF and XML outputs); nothing else was changed."},
    "reg_warn_none_joined": {"vi": "không dòng nào trong {rows} dòng của sổ khớp với một xã của lớp ranh giới: kết quả không tính mô hình nào; kiểm tra tên xã và huyện trong sổ (hoặc --boundaries/--province).", "en": "none of the {rows} register row(s) joined a commune of the boundaries: the outputs count no model; check the register's commune and district names (or --boundaries/--province)."},
    "reg_warn_attention": {"vi": "{n} trên {rows} dòng của sổ cần xem lại (chưa khớp xã, hoặc khớp nhưng còn nghi vấn) và có thể không được tính.", "en": "{n} of {rows} register row(s) need attention (not joined to a commune, or joined with a doubt) and may be left out of the counts."},
    "reg_warn_see_report": {"vi": "{text} Mỗi dòng được liệt kê kèm lý do trong match_report.csv; `camau-gis register check` in ra các dòng này.", "en": "{text} Each is listed with its reason in match_report.csv; `camau-gis register check` prints them."},
    "reg_check_register": {"vi": "sổ: {path}", "en": "register: {path}"},
    "reg_check_more": {"vi": "  … còn {n} dòng", "en": "  … {n} more"},
    "reg_check_summary": {"vi": "số dòng: {rows} (mô hình {models}, tiêu chí 19 {c19}); đã khớp xã: {joined}; cấp huyện/tỉnh: {above_commune}; cần xem lại: {needs_attention}", "en": "rows: {rows} (models {models}, criterion 19 {c19}); joined: {joined}; above commune level: {above_commune}; needs attention: {needs_attention}"},
    "reg_check_report": {"vi": "báo cáo đối chiếu: {path}", "en": "match report: {path}"},
    "reg_none": {"vi": "không có", "en": "none"},
    "reg_err_wanted": {"vi": '{field} (tiêu đề như "{vi}" hoặc "{en}")', "en": '{field} (a header such as "{vi}" or "{en}")'},
    "reg_err_wanted_code": {"vi": '{field} (tiêu đề như "{vi}" hoặc "{en}" hoặc "Mã xã")', "en": '{field} (a header such as "{vi}" or "{en}" or "Mã xã")'},
    "reg_err_garbled": {"vi": "{at}: không nhận ra được các tiêu đề vì {why} Các tiêu đề thấy được: {seen}.", "en": "{at}: the headers cannot be recognised because {why} Headers seen: {seen}."},
    "reg_err_missing": {"vi": "{at}: bảng {table} thiếu cột bắt buộc {wanted}; các tiêu đề thấy được: {seen}. Đổi tên tiêu đề hoặc ánh xạ bằng --columns FIELD=HEADER (API: columns={{'{first}': 'HEADER'}}).", "en": "{at}: {table} table lacks required column(s) {wanted}; headers seen: {seen}. Rename the header or map it with --columns FIELD=HEADER (API: columns={{'{first}': 'HEADER'}})."},
    "reg_err_empty": {"vi": "{at}: sổ trống (không có dòng nào); điền vào mẫu của `camau-gis register template`.", "en": "{at}: the register is empty (no rows); fill in the template from `camau-gis register template`."},
    "reg_err_no_rows_models": {"vi": "{at}: sổ trống (có dòng tiêu đề ở dòng {row} nhưng không có dòng dữ liệu bên dưới); thêm mỗi mô hình một dòng.", "en": "{at}: the register is empty (a header row at row {row} but no data rows below it); add one row per model."},
    "reg_err_no_rows_c19": {"vi": "{at}: sổ trống (có dòng tiêu đề ở dòng {row} nhưng không có dòng dữ liệu bên dưới); thêm mỗi xã, mỗi năm một dòng.", "en": "{at}: the register is empty (a header row at row {row} but no data rows below it); add one row per commune and year."},
    "reg_err_unknown_field": {"vi": "ánh xạ cột: không có trường {bad}; dùng FIELD=HEADER với FIELD là một trong: {known}.", "en": "column mapping: unknown field(s) {bad}; use FIELD=HEADER with FIELD one of: {known}."},
    "io_no_folder_access": {"vi": "{path}: không có quyền mở thư mục chứa tệp ({why}); chép tệp sang chỗ đọc được, hoặc xin quyền của chủ thư mục.", "en": "{path}: no permission to open the folder holding it ({why}); copy the file somewhere you can read, or ask the folder's owner for access."},
    "io_bad_path": {"vi": "{path}…: không phải đường dẫn tệp dùng được ({why}).", "en": "{path}…: not a usable file path ({why})."},
    "io_not_found": {"vi": "{path}: không tìm thấy tệp sổ; kiểm tra lại đường dẫn.", "en": "{path}: register file not found; check the path."},
    "io_folder": {"vi": "{path}: là một thư mục; hãy chỉ một tệp CSV hoặc XLSX.", "en": "{path}: is a folder; give a CSV or XLSX file."},
    "io_not_regular": {"vi": "{path}: không phải tệp thông thường (thiết bị, ống hoặc socket); hãy chỉ một tệp CSV hoặc XLSX lưu trên đĩa.", "en": "{path}: not a regular file (a device, pipe or socket); give a CSV or XLSX file saved on disk."},
    "io_suffix": {"vi": "{file}: không đọc tệp {suffix}; mở tệp bằng chương trình bảng tính và lưu lại dạng .xlsx (Excel) hoặc .csv (UTF-8).", "en": "{file}: {suffix} files are not read; open it in a spreadsheet program and save it as .xlsx (Excel workbook) or .csv (UTF-8)."},
    "io_no_read_access": {"vi": "{path}: không có quyền đọc tệp; chép tệp sang chỗ đọc được, hoặc xin quyền của chủ tệp.", "en": "{path}: no permission to read it; copy the file somewhere you can read, or ask its owner for access."},
    "io_unreadable": {"vi": "{path}: không đọc được ({why}); kiểm tra lại tệp.", "en": "{path}: cannot be read ({why}); check the file."},
    "io_ole2": {"vi": "{file}: là bảng tính Excel cũ (.xls) hoặc có mật khẩu, dù tên tệp ghi gì; mở tệp bằng chương trình bảng tính, bỏ mật khẩu và lưu lại dạng .xlsx (Excel) hoặc .csv (UTF-8).", "en": "{file}: an old Excel (.xls) or password-protected workbook, whatever its name says; open it in a spreadsheet program, remove any password and save it as .xlsx (Excel workbook) or .csv (UTF-8)."},
    "io_too_big": {"vi": "{file}: sổ có dung lượng {size}, vượt giới hạn {limit}; tách thành nhiều tệp (mỗi huyện hoặc mỗi năm một tệp), hoặc nâng giới hạn bằng --max-register-mb N hoặc {env}=BYTES (settings.max_register_bytes).", "en": "{file}: the register is {size}, above the register size limit of {limit}; split it into several files (one per district or year), or raise the limit with --max-register-mb N or {env}=BYTES (settings.max_register_bytes)."},
    "io_too_many_rows": {"vi": "{at}: hơn {limit} dòng, vượt giới hạn số dòng của sổ; tách sổ thành nhiều tệp, hoặc nâng giới hạn bằng --max-register-rows N hoặc {env}=ROWS (settings.max_register_rows).", "en": "{at}: more than {limit} rows, above the register row limit; split the register into several files, or raise the limit with --max-register-rows N or {env}=ROWS (settings.max_register_rows)."},
    "io_bad_xlsx": {"vi": "{file}: không mở được dạng bảng tính Excel ({why}); lưu lại dạng .xlsx hoặc xuất trang ra CSV (UTF-8).", "en": "{file}: cannot open as an Excel workbook ({why}); save it again as .xlsx or export the sheet as CSV (UTF-8)."},
    "io_spread": {"vi": "{at}: giá trị trải trên {n} ô (tới dòng {rows}, cột {columns}); xóa các cột và dòng ngoài bảng sổ, hoặc xuất ra CSV.", "en": "{at}: its values spread over {n} cells (rows up to {rows}, columns up to {columns}); delete the columns and rows outside the register table, or export it as CSV."},
    "io_unzips": {"vi": "{file}: bảng tính giải nén ra {size}, vượt giới hạn {limit} ({times} lần giới hạn dung lượng sổ); xóa trang, hình ảnh và định dạng không dùng, xuất bảng ra CSV, hoặc nâng giới hạn bằng --max-register-mb N hoặc {env}=BYTES (settings.max_register_bytes).", "en": "{file}: the workbook unzips to {size}, above the limit of {limit} ({times} x the register size limit); remove unused sheets, images and formatting, export the table as CSV, or raise the limit with --max-register-mb N or {env}=BYTES (settings.max_register_bytes)."},
    "io_merged": {"vi": "{file}: bảng tính gộp {n} ô (vùng lớn nhất {ref}, {area} ô), vượt {limit}; bỏ gộp các vùng phủ cả dòng hoặc cả cột (chọn vùng, tắt Merge & Center) rồi lưu lại.", "en": "{file}: the workbook merges {n} cells (largest range {ref}, {area} cells), above {limit}; unmerge the ranges that cover whole rows or columns (select them, Merge & Center off) and save again."},
    "io_formula_cell": {"vi": "{at}, ô {cell}: {formula}", "en": "{at}, cell {cell}: {formula}"},
    "io_more": {"vi": "… còn {n}", "en": "… {n} more"},
    "io_formulas": {"vi": "{file}: {n} ô công thức chưa có giá trị tính sẵn (tệp không được lưu bằng Excel/LibreOffice); mở và lưu tệp bằng chương trình bảng tính, hoặc dán giá trị:", "en": "{file}: {n} formula cell(s) have no computed value (the file was not saved by Excel/LibreOffice); open and save it in a spreadsheet program, or paste the values:"},
    "io_line_offset": {"vi": "dòng {line} (byte thứ {offset})", "en": "line {line} (byte offset {offset})"},
    "io_nul": {"vi": "{file}, {at}: có byte NUL (\\x00), tệp văn bản không bao giờ có; tệp bị hỏng hoặc không phải CSV. Mở tệp bằng chương trình bảng tính, kiểm tra dòng đó và lưu lại dạng .xlsx hoặc CSV UTF-8.", "en": "{file}, {at}: a NUL byte (\\x00), which no text file holds; the file is damaged or not a CSV. Open it in a spreadsheet program, check that line and save it again as .xlsx or CSV UTF-8."},
    "io_bad_utf8": {"vi": "{file}, {at}: byte UTF-8 không hợp lệ {bytes} trong văn bản UTF-8 ({bad} không hợp lệ, {good} chữ có dấu hợp lệ); tệp bị hỏng hoặc ghép từ các tệp khác bảng mã. Sửa dòng đó (gõ lại các chữ có dấu) rồi lưu dạng CSV UTF-8 hoặc .xlsx.", "en": "{file}, {at}: invalid UTF-8 byte(s) {bytes} in text that is otherwise UTF-8 ({bad} invalid, {good} valid accented character(s)); the file was damaged or pieced together from files in different encodings. Fix that line (retype the accented letters) and save as CSV UTF-8 or .xlsx."},
    "io_not_text": {"vi": "{file}: không phải tệp văn bản UTF-8, UTF-16 hay CP1258 (Windows tiếng Việt); lưu sổ dạng .xlsx hoặc CSV UTF-8.", "en": "{file}: not a text file in UTF-8, UTF-16 or CP1258 (Windows Vietnamese); save the register as .xlsx or as CSV UTF-8."},
    "io_csv_error": {"vi": "dòng {line}: {why}", "en": "line {line}: {why}"},
    "io_quote_span": {"vi": 'dòng {line}: dấu ngoặc kép (") mở ở dòng này đến dòng {end} mới đóng, nên các dòng {line}-{end} sẽ thành một ô và các dòng ở giữa bị mất; đóng ngoặc ở chỗ ô kết thúc (hoặc xóa nó), rồi lưu lại.', "en": 'line {line}: a quote (") opened in this row only closes on line {end}, so lines {line}-{end} would read as one cell and the rows between them would be lost; close the quote where the cell ends (or remove it), then save again.'},
    "io_quote_open": {"vi": 'dòng {line}: dấu ngoặc kép (") mở ở dòng này không bao giờ đóng, nên {n} dòng sau nó sẽ thành một ô; đóng ngoặc hoặc xóa nó, rồi lưu lại.', "en": 'line {line}: a quote (") opened in this row is never closed, so the {n} line(s) after it would read as one cell; close the quote or remove it, then save again.'},
    "io_at_text": {"vi": "{file}, {text}", "en": "{file}, {text}"},
    "io_separator": {"vi": "dấu phân cách {sep}: {text}", "en": "separator {sep}: {text}"},
    "io_no_columns": {"vi": "{file}: không tách được thành cột ({errors}).", "en": "{file}: cannot split into columns ({errors})."},
    "fix_not_xlsx": {"vi": "--fix {out}: hãy ghi bản đã sửa dạng bảng tính .xlsx.", "en": "--fix {out}: write the corrected copy as an .xlsx workbook."},
    "fix_is_input": {"vi": "--fix {out}: chính là tệp sổ; hãy đặt tên tệp khác (tệp đầu vào không bao giờ bị ghi đè).", "en": "--fix {out}: is the register itself; give another file name (the input is never overwritten)."},
    "tpl_vintage": {"vi": "thời kỳ của mẫu {vintage}: ở đây chỉ đọc 2019; với 2025 truyền communes=camau_gis.pipeline.template_communes(vintage='2025').", "en": "template vintage {vintage}: read here for 2019 only; for 2025 pass communes=camau_gis.pipeline.template_communes(vintage='2025')."},
    "tpl_province": {"vi": "tỉnh của mẫu {province}: không có tỉnh này (--province).", "en": "template province {province}: no such province (--province)."},
    "tpl_format": {"vi": "định dạng mẫu {format}: dùng xlsx hoặc csv (--format xlsx|csv).", "en": "template format {format}: use xlsx or csv (--format xlsx|csv)."},
    "tpl_exists": {"vi": "{path}: đã có (có thể là sổ bạn đã điền); tệp không bị thay đổi. Chọn thư mục --out khác, chuyển tệp đi chỗ khác, hoặc thêm --force để thay bằng mẫu trống.", "en": "{path}: exists already (it may be a register you filled in); it was not changed. Choose another --out folder, move the file away, or add --force to replace it with an empty template."},
    "atlas_register_2025": {"vi": "--atlas: tập bản đồ các huyện cần đơn vị hành chính 2019 (có huyện); sổ này theo đơn vị hành chính 2025 ({n25} dòng), không có huyện, nên không lập được tập bản đồ huyện từ sổ này (--admin 2019 không dùng được cho sổ này): bỏ --atlas (các bản đồ toàn tỉnh vẫn được vẽ), hoặc dùng sổ ghi theo đơn vị trước 01/07/2025 (có huyện).", "en": "--atlas: the district atlas needs the 2019 units (with districts); this register is in the 2025 units ({n25} rows), which have no districts, so it has no district atlas (--admin 2019 is refused for it): drop --atlas (the province maps are still drawn), or use a register kept in the units before 1 July 2025 (with their districts)."},
    "atlas_register_mixed": {"vi": "--atlas: tập bản đồ các huyện cần đơn vị hành chính 2019 (có huyện); sổ gồm {n19} dòng theo đơn vị 2019 và {n25} dòng theo đơn vị 2025, được lập trên 64 đơn vị 2025, không có huyện: thêm --admin 2019 để lập tập bản đồ của {n19} dòng theo đơn vị 2019 ({n25} dòng theo đơn vị 2025 khi đó không được tính), hoặc bỏ --atlas.", "en": "--atlas: the district atlas needs the 2019 units (with districts); the register has {n19} rows in 2019 units and {n25} in 2025 units, mapped on the 64 units of 2025, which have no districts: add --admin 2019 for an atlas of the {n19} rows in 2019 units (the {n25} rows in 2025 units are then not counted), or drop --atlas."},
    "atlas_units_2025": {"vi": "--atlas: tập bản đồ các huyện cần đơn vị hành chính 2019 (có huyện); lần chạy này lập bản đồ trên 64 đơn vị 2025 (theo ranh giới 2025 hoặc --bac-lieu), không có huyện: bỏ --atlas, hoặc dùng --admin 2019 không kèm --bac-lieu hay ranh giới 2025.", "en": "--atlas: the district atlas needs the 2019 units (with districts); this run maps the 64 units of 2025 (from the 2025 boundaries or --bac-lieu), which have no districts: drop --atlas, or use --admin 2019 without --bac-lieu or the 2025 boundaries."},
    "tpl_title_models": {"vi": "SỔ THEO DÕI MÔ HÌNH BẢO ĐẢM AN NINH TRẬT TỰ", "en": "REGISTER OF PUBLIC-SECURITY MODELS"},
    "tpl_title_c19": {"vi": "KẾT QUẢ THỰC HIỆN TIÊU CHÍ SỐ 19 (QUỐC PHÒNG VÀ AN NINH)", "en": "CRITERION 19 (DEFENCE AND SECURITY) BY COMMUNE AND YEAR"},
    "tpl_subtitle": {"vi": "Mỗi dòng một mô hình. Cột bắt buộc: Tên mô hình; Xã/Phường/Thị trấn hoặc Mã xã.", "en": "One row per model. Required: Tên mô hình; Xã/Phường/Thị trấn or Mã xã."},
    "tpl_subtitle_c19": {"vi": "Mỗi dòng một xã, một năm. Cột bắt buộc: Xã/Phường/Thị trấn hoặc Mã xã; Năm; Đạt tiêu chí 19.", "en": "One row per commune and year. Required: commune or code; Năm; Đạt tiêu chí 19."},
    "tpl_guide_table": {"vi": "Bảng", "en": "Table"},
    "tpl_guide_column": {"vi": "Cột (tiếng Việt)", "en": "Column (Vietnamese)"},
    "tpl_guide_field": {"vi": "Tên trường (tiếng Anh)", "en": "Field (English alias)"},
    "tpl_guide_required": {"vi": "Bắt buộc", "en": "Required"},
    "tpl_guide_description": {"vi": "Mô tả", "en": "Description"},
    "tpl_guide_example": {"vi": "Ví dụ", "en": "Example"},
    "tpl_yes": {"vi": "Có", "en": "yes"},
    "tpl_criteria": {"vi": "Tiêu chí số 19 (các bộ tiêu chí xã nông thôn mới)", "en": "Criterion 19 (sets of New Rural Development criteria)"},
    # end of issue 17 (session 4)
    # issue 19 (session 4): console lines of every command (cli/*, errors, warnings)
    "bg_child_died": {
        "vi": "tiến trình vẽ bản đồ PNG dừng đột ngột (mã {status}), có thể do thiếu bộ nhớ; "
              "chạy lại, hoặc đặt CAMAU_GIS_PARALLEL=0 để vẽ trong cùng một tiến trình.",
        "en": "the process drawing the PNG map ended abruptly (status {status}), perhaps out of "
              "memory; run again, or set CAMAU_GIS_PARALLEL=0 to draw it in one process.",
    },
    # console prefixes and the paragraphs of cli/_errors.py
    "err_prefix": {"vi": "lỗi: ", "en": "error: "},
    "warn_prefix": {"vi": "cảnh báo: ", "en": "warning: "},
    "err_no_message": {"vi": "(không có nội dung)", "en": "(no message)"},
    "err_bug": {
        "vi": "đây là lỗi của camau-gis, không phải của dữ liệu; chạy lại đúng lệnh đó với "
              "--debug và gửi kết quả, cùng kết quả của `camau-gis versions`, cho nhóm phát triển.",
        "en": "this is a bug in camau-gis, not a problem with your data; rerun the same command "
              "with --debug and send its output, with that of `camau-gis versions`, to the "
              "maintainers.",
    },
    "err_unreadable": {
        "vi": "{what} (không có quyền đọc); chép tệp tới chỗ bạn đọc được, hoặc xin quyền từ "
              "người sở hữu tệp.",
        "en": "{what} (no permission); copy the file somewhere you can read, or ask its owner "
              "for access.",
    },
    "err_usage": {"vi": "{what}; xem {where}.", "en": "{what}; see {where}."},
    "err_disk_full": {
        "vi": "{where}không ghi được, ổ đĩa đã đầy ({exc}); giải phóng dung lượng hoặc chọn thư "
              "mục kết quả khác bằng --out. Kết quả cũ được giữ nguyên.",
        "en": "{where}cannot write, the disk is full ({exc}); free disk space or choose another "
              "output folder with --out. Previous outputs were kept.",
    },
    "err_memory": {
        "vi": "hết bộ nhớ khi đọc dữ liệu vào; tệp quá lớn với máy này. Chia nhỏ sổ theo dõi "
              "hoặc tệp ranh giới, hoặc chạy trên máy nhiều bộ nhớ hơn.",
        "en": "out of memory while reading the input; the file is too large for this computer. "
              "Split the register or boundary file, or run on a machine with more memory.",
    },
    "err_encoding": {
        "vi": "một tệp không theo bảng mã chữ mong đợi ({exc}); lưu sổ theo dõi dạng .xlsx hoặc "
              "CSV UTF-8, và nêu bảng mã của Shapefile bằng --encoding (cp1258, tcvn3, vni).",
        "en": "a file is not in the text encoding expected ({exc}); save registers as .xlsx or "
              "CSV UTF-8, and give a Shapefile's encoding with --encoding (cp1258, tcvn3, vni).",
    },
    "err_control_chars": {
        "vi": "một đoạn chữ chứa ký tự điều khiển mà ô Excel không lưu được ({exc}); xóa chúng "
              "khỏi sổ theo dõi.",
        "en": "a text holds control characters that an Excel cell cannot store ({exc}); remove "
              "them from the register.",
    },
    "err_parser": {
        "vi": "không phân tích được một tệp đầu vào ({kind}: {exc}); kiểm tra mỗi tệp đúng loại "
              "mà tùy chọn của nó cần (chạy `camau-gis boundaries inspect` hoặc "
              "`camau-gis register check` với tệp đó). Nếu tệp mở được bằng chương trình quen "
              "dùng thì",
        "en": "an input file cannot be parsed ({kind}: {exc}); check that each input is the kind "
              "of file its option expects (run `camau-gis boundaries inspect` or "
              "`camau-gis register check` on it). If the file opens in its usual program,",
    },
    "err_internal": {"vi": "lỗi nội bộ ({kind}: {exc}); ", "en": "internal error ({kind}: {exc}); "},
    "err_cannot_write": {
        "vi": "{where}không ghi được ({what}); giải phóng dung lượng hoặc chọn thư mục kết quả "
              "khác bằng --out.",
        "en": "{where}cannot write ({what}); free disk space or choose another output folder "
              "with --out.",
    },
    "err_no_read": {
        "vi": "{where}không có quyền đọc; chép tệp tới chỗ bạn đọc được, hoặc xin quyền từ "
              "người sở hữu tệp.",
        "en": "{where}no permission to read it; copy the file somewhere you can read, or ask "
              "its owner for access.",
    },
    "err_no_write": {
        "vi": "{where}không có quyền ghi; chọn thư mục kết quả ghi được bằng --out, hoặc đóng "
              "tệp nếu một chương trình (Excel, QGIS) đang mở nó.",
        "en": "{where}no permission to write it; choose an output folder you can write to with "
              "--out, or close the file if a program (Excel, QGIS) holds it open.",
    },
    "err_not_found": {
        "vi": "{where}không có tệp hoặc thư mục này; kiểm tra đường dẫn.",
        "en": "{where}no such file or folder; check the path.",
    },
    "err_is_folder": {"vi": "{where}là thư mục; hãy đưa một tệp.", "en": "{where}is a folder; give a file."},
    "err_not_folder": {
        "vi": "{where}một phần của đường dẫn là tệp, không phải thư mục; kiểm tra đường dẫn.",
        "en": "{where}a part of the path is a file, not a folder; check the path.",
    },
    "err_cannot_read": {
        "vi": "{where}không đọc được ({what}); kiểm tra đường dẫn và ổ đĩa hoặc thư mục mạng.",
        "en": "{where}cannot be read ({what}); check the path and the disk or network share.",
    },
    "err_empty_value": {
        "vi": "{what}: giá trị rỗng (một biến môi trường chưa đặt?); đưa một giá trị hoặc bỏ "
              "tùy chọn đó; xem `camau-gis --help`.",
        "en": "{what}: the value is empty (an unset shell variable?); give a value or leave the "
              "option out; see `camau-gis --help`.",
    },
    "err_empty_argument": {"vi": "một đối số rỗng ''", "en": "an empty argument ''"},
    "warn_glyphs": {
        "vi": " Các ký tự mà phông chữ của bản đồ không có sẽ hiện thành ô trống; các ký tự "
              "thiếu khác không được liệt kê (--debug liệt kê chúng).",
        "en": " Characters the map fonts lack show as empty boxes; further missing glyphs are "
              "not listed (--debug lists them).",
    },
    "warn_more_chars": {
        "vi": " … (còn {n:,} ký tự: chạy lại với --debug để xem toàn bộ cảnh báo)",
        "en": " … ({n:,} more characters: rerun with --debug to see the whole warning)",
    },
    # boundary problems (normalize/topology.py, inspect.py) and their warnings (communes.py)
    "geo_repaired": {
        "vi": "đa giác không hợp lệ ({reason}) đã được sửa bằng make_valid ({before} -> {after}).",
        "en": "invalid polygon ({reason}) repaired with make_valid ({before} -> {after}).",
    },
    "geo_duplicate": {
        "vi": "dòng {a} và dòng {b} có hình học giống hệt nhau.",
        "en": "rows {a} and {b} have identical geometry.",
    },
    "geo_outside": {
        "vi": "{share:.0%} diện tích xã nằm ngoài đường ranh tỉnh.",
        "en": "{share:.0%} of the commune lies outside the province outline.",
    },
    "geo_n_communes": {"vi": "{n} xã", "en": "{n} communes"},
    "geo_offset": {
        "vi": "lớp bị lệch {dx:+.0f} m về phía đông, {dy:+.0f} m về phía bắc so với lớp tham "
              "chiếu - đúng độ lệch của tọa độ VN-2000 bị ghi nhầm là WGS 84 ({vdx:+.0f}, "
              "{vdy:+.0f} m); thêm --crs EPSG:4756 (hoặc hệ tọa độ phẳng VN-2000 của tệp).",
        "en": "the layer sits {dx:+.0f} m east, {dy:+.0f} m north of the reference - the shift "
              "of VN-2000 coordinates labelled WGS 84 ({vdx:+.0f}, {vdy:+.0f} m); give --crs "
              "EPSG:4756 (or the file's VN-2000 projected system).",
    },
    "geo_position": {
        "vi": "chỉ {share:.0%} số xã chứa điểm trung tâm chính thức của mình (khoảng cách trung "
              "vị {km:.1f} km): hệ tọa độ có lẽ sai - thêm --crs.",
        "en": "only {share:.0%} contain their official centre point (median distance "
              "{km:.1f} km): the CRS is probably wrong - give --crs.",
    },
    "geo_warn_repaired": {
        "vi": "{source}: đã sửa {n} đa giác không hợp lệ: {items}",
        "en": "{source}: {n} invalid polygon(s) repaired: {items}",
    },
    "geo_warn_uncoded": {
        "vi": "{source}: {n} đơn vị không gán được mã GSO và được giữ với mã trống: {names}{more}.",
        "en": "{source}: {n} unit(s) could not be given a GSO code and are kept with an empty "
              "code: {names}{more}.",
    },
    "geo_more": {"vi": " … và {n} đơn vị khác", "en": " … and {n} more"},
    "geo_boundaries": {"vi": "ranh giới", "en": "boundaries"},
    "geo_warn_offset": {
        "vi": "{path}: các xã lệch {dx:+.0f} m về phía đông, {dy:+.0f} m về phía bắc so với lớp "
              "tham chiếu {ref} - đúng độ lệch của tọa độ VN-2000 bị ghi nhầm là WGS 84; đọc lại "
              "với --crs EPSG:4756 (hoặc hệ tọa độ phẳng VN-2000 của tệp).",
        "en": "{path}: the communes sit {dx:+.0f} m east, {dy:+.0f} m north of the reference "
              "{ref} - the shift of VN-2000 coordinates labelled WGS 84; reload with --crs "
              "EPSG:4756 (or the file's VN-2000 projected system).",
    },
    "cw_warn_unplaced": {
        "vi": "{n} dòng ranh giới không có mã GSO 2019 của Cà Mau/Bạc Liêu nên không chuyển sang "
              "2025 được (vùng của chúng để trống): {listed}. Sửa mã của chúng "
              "(camau_gis/data/name_aliases.csv hoặc --columns) rồi chạy lại.",
        "en": "{n} boundary row(s) have no 2019 GSO code of Cà Mau/Bạc Liêu and cannot be "
              "carried to 2025 (their areas stay blank): {listed}. Fix their codes "
              "(camau_gis/data/name_aliases.csv or --columns) and rerun.",
    },
    "cw_unplaced_item": {"vi": "{name} ({district}) mã {code}", "en": "{name} ({district}) code {code}"},
    "cw_unplaced_more": {
        "vi": "; … còn {n} dòng (summary.json: crosswalk.unplaced)",
        "en": "; … {n} more (summary.json: crosswalk.unplaced)",
    },
    # pipeline.py: register rows needing attention, options of --admin
    "run_admin_unknown": {
        "vi": "--admin {value!r}: dùng 2019 (thời có huyện) hoặc 2025 (tỉnh sau sáp nhập).",
        "en": "--admin {value!r}: use 2019 (district era) or 2025 (merged province).",
    },
    "run_admin_2025_options": {
        "vi": "{given}: không dùng với --admin 2025, vốn đọc Cà Mau cũ (--boundaries) và Bạc Liêu "
              "cũ (--bac-lieu) dưới dạng lớp chuẩn nguyên vẹn; hãy chuyển đổi lớp cần các tùy "
              "chọn đó trước (camau-gis boundaries import FILE {args}) rồi đưa tệp nó ghi ra, "
              "hoặc bỏ tùy chọn.",
        "en": "{given}: not used with --admin 2025, which reads old Cà Mau (--boundaries) and old "
              "Bạc Liêu (--bac-lieu) as whole canonical layers; convert a layer that needs them "
              "first (camau-gis boundaries import FILE {args}) and pass the file it writes, or "
              "drop the option.",
    },
    "run_bac_lieu_only_2025": {
        "vi": "--bac-lieu: chỉ dùng với --admin 2025 (tỉnh sau sáp nhập); thêm --admin 2025 hoặc "
              "bỏ tùy chọn.",
        "en": "--bac-lieu: only used with --admin 2025 (the merged province); add --admin 2025 "
              "or drop the option.",
    },
    "run_register_2025": {
        "vi": "{rv}: sổ theo dõi có dòng theo đơn vị hành chính 2025, được phân tích trên tỉnh "
              "sau sáp nhập; {exc}",
        "en": "{rv}: the register has rows of the 2025 units, analysed on the merged province; "
              "{exc}",
    },
    "run_template_vintage": {
        "vi": "mốc đơn vị của mẫu {value!r}: dùng 2019 hoặc 2025 (--vintage).",
        "en": "template vintage {value!r}: use 2019 or 2025 (--vintage).",
    },
    # cli/*: result lines and option errors
    "cli_vintage": {"vi": "--vintage {value!r}: dùng 2019 hoặc 2025.", "en": "--vintage {value!r}: use 2019 or 2025."},
    "cli_code_unknown": {
        "vi": "mã {code}: không phải mã xã {vintage} của Cà Mau hay Bạc Liêu; xem danh sách bằng "
              "`camau-gis crosswalk table`.",
        "en": "code {code}: not a {vintage} commune code of Cà Mau or Bạc Liêu; list them with "
              "`camau-gis crosswalk table`.",
    },
    "cli_2019_or_2025": {"vi": "2019 hay 2025", "en": "2019 or 2025"},
    "cli_table_suffix": {"vi": "--out {path}: hãy ghi tệp .csv hoặc .xlsx.", "en": "--out {path}: write .csv or .xlsx."},
    "cli_rows_written": {"vi": "{path}: {n} dòng", "en": "{path}: {n} rows"},
    "cli_source": {"vi": "nguồn: {source}", "en": "source: {source}"},
    "cli_change_map": {"vi": "bản đồ thay đổi: {path}", "en": "change map: {path}"},
    "cli_imported": {
        "vi": "{n} xã, {uncoded} xã chưa có mã GSO",
        "en": "{n} communes, {uncoded} without a GSO code",
    },
    "cli_vietnam63_licence": {
        "vi": "vietnam63 (M. Choisy, 2017) - giấy phép MIT.",
        "en": "vietnam63 (M. Choisy, 2017) - MIT licence.",
    },
    "cli_sha256_vietnam63": {
        "vi": "--sha256 chỉ dùng với --source gadm hoặc geoboundaries; các tệp vietnam63 được "
              "kiểm tra theo mã SHA-256 ghi sẵn trong camau-gis. Bỏ --sha256.",
        "en": "--sha256 applies to --source gadm or geoboundaries; the vietnam63 files are "
              "checked against the SHA-256 hashes pinned in camau-gis. Drop --sha256.",
    },
    "cli_not_installed": {"vi": "chưa cài đặt", "en": "not installed"},
    "cli_not_supported": {
        "vi": "{option} {values}: không hỗ trợ; dùng {allowed}.",
        "en": "{option} {values}: not supported; use {allowed}.",
    },
    "cli_atlas_2025": {
        "vi": "--atlas cần có huyện: dùng với --admin 2019 (đơn vị 2025 không có huyện), trên "
              "một sổ ghi theo đơn vị 2019 (sổ ghi theo đơn vị 2025 không có tập bản đồ huyện).",
        "en": "--atlas needs districts: use it with --admin 2019 (2025 units have none), on a "
              "register kept in the 2019 units (a register of 2025 units has no district atlas).",
    },
    "lang_unsupported": {
        "vi": "--lang {lang!r}: ngôn ngữ {lang!r} không được hỗ trợ; dùng một trong {langs} "
              "(lang='vi' hoặc lang='en' trong Python)",
        "en": "--lang {lang!r}: language {lang!r} is not supported; expected one of {langs} "
              "(lang='vi' or lang='en' in Python)",
    },
    "cli_source_credit": {
        "vi": "{title}\nGiấy phép: {licence}\nTrích dẫn: {citation}",
        "en": "{title}\nLicence: {licence}\nCite: {citation}",
    },
    "cli_mapping": {
        "vi": "{option} {item!r}: viết theo dạng ROLE=COLUMN (vai trò=cột), ví dụ "
              "commune=TEN_XA.",
        "en": "{option} {item!r}: write ROLE=COLUMN, e.g. commune=TEN_XA.",
    },
    "cli_max_mb": {
        "vi": "--max-register-mb {value}: đưa một dung lượng dương tính bằng MiB, ví dụ 200.",
        "en": "--max-register-mb {value}: give a positive size in MiB, e.g. 200.",
    },
    "cli_max_rows": {
        "vi": "--max-register-rows {value}: đưa một số dương, ví dụ 1000000.",
        "en": "--max-register-rows {value}: give a positive number, e.g. 1000000.",
    },
    "cli_admin_value": {
        "vi": "{value!r}: dùng 2019 (thời có huyện) hoặc 2025 (tỉnh sau sáp nhập).",
        "en": "{value!r}: use 2019 (district era) or 2025 (merged province).",
    },
    # issue 19 follow-up: errors and warnings of the boundary readers, maps and classes
    "bnd_gdal_open": {
        "vi": "{path}: GDAL không mở được tệp này như một tệp dữ liệu vector ({exc}); hãy đưa "
              "Shapefile, Shapefile nén zip, GeoPackage hoặc GeoJSON.",
        "en": "{path}: GDAL cannot open it as a vector file ({exc}); give a Shapefile, "
              "zipped Shapefile, GeoPackage or GeoJSON.",
    },
    "bnd_bad_chars": {
        "vi": "{where}, đối tượng {idx} ({col} {value!r}): đã bỏ ký tự ẩn hoặc không hợp lệ "
              "{chars} (các ký tự này làm hỏng tệp PDF và XML đầu ra); không thay đổi gì khác.",
        "en": "{where}, feature {idx} ({col} {value!r}): removed invisible or invalid "
              "character(s) {chars} (they break PDF and XML outputs); nothing else was changed.",
    },
    "bnd_no_folder_access": {
        "vi": "{folder}: không có quyền mở thư mục này (thư mục chứa {name}); hãy sao chép tệp "
              "sang nơi đọc được, hoặc đề nghị người quản lý thư mục cấp quyền truy cập.",
        "en": "{folder}: no permission to open this folder, which holds {name}; copy the file "
              "somewhere you can read, or ask the folder's owner for access.",
    },
    "bnd_part_of": {
        "vi": " (một phần của Shapefile {name})",
        "en": " (part of the Shapefile {name})",
    },
    "bnd_no_read_access": {
        "vi": "{part}: không có quyền đọc tệp{which}; hãy sao chép các tệp sang nơi đọc được, "
              "hoặc đề nghị người sở hữu cấp quyền truy cập.",
        "en": "{part}: no permission to read it{which}; copy the files somewhere you can "
              "read, or ask their owner for access.",
    },
    "bnd_not_found": {
        "vi": "{path}: không tìm thấy tệp; hãy kiểm tra lại đường dẫn --boundaries.",
        "en": "{path}: no such file; check the --boundaries path.",
    },
    "bnd_is_folder": {
        "vi": "{path}: là thư mục, không phải tệp {suffix}; hãy đưa chính tệp đó (với Shapefile "
              "là tệp .shp trong thư mục có các tệp .shx, .dbf và .prj đi kèm).",
        "en": "{path}: is a folder, not a {suffix} file; give the file itself (for a "
              "Shapefile, the .shp inside the folder holding its .shx, .dbf and .prj).",
    },
    "bnd_not_regular": {
        "vi": "{path}: không phải tệp thông thường (là thiết bị, pipe hoặc socket); hãy đưa "
              "Shapefile, tệp zip, GeoPackage hoặc GeoJSON đã lưu trên đĩa.",
        "en": "{path}: not a regular file (a device, pipe or socket); give a Shapefile, zip, "
              "GeoPackage or GeoJSON saved on disk.",
    },
    "bnd_spreadsheet": {
        "vi": "{path}: là bảng tính, không phải tệp ranh giới (không chứa hình ranh giới xã); "
              "hãy đưa Shapefile, tệp zip, GeoPackage hoặc GeoJSON qua --boundaries (sổ theo "
              "dõi thì đưa qua --register).",
        "en": "{path}: a spreadsheet, not a boundary file (it holds no commune shapes); give "
              "a Shapefile, zip, GeoPackage or GeoJSON with --boundaries (a register goes to "
              "--register).",
    },
    "bnd_shp_parts_missing": {
        "vi": "{path}: thiếu {missing} bên cạnh tệp (một Shapefile gồm nhiều tệp: .shp, .shx, "
              ".dbf, .prj, .cpg); hãy chép đủ các tệp vào cùng một thư mục, hoặc đưa tệp zip "
              "hay GeoPackage.",
        "en": "{path}: {missing} missing beside it (a Shapefile is several files: .shp, .shx, "
              ".dbf, .prj, .cpg); copy them all into the same folder, or give a zip or "
              "GeoPackage.",
    },
    "bnd_many_layers": {
        "vi": "{path}: có các lớp {layers}; hãy chọn một lớp bằng --layer.",
        "en": "{path}: has layers {layers}; choose one with --layer.",
    },
    "bnd_no_layer": {
        "vi": "{path}: không có lớp {layer!r}; các lớp hiện có là {layers}.",
        "en": "{path}: no layer {layer!r}; its layers are {layers}.",
    },
    "bnd_encoding_why": {
        "vi": "--encoding {encoding!r}: bảng mã không xác định ({exc}); dùng utf-8, cp1258, "
              "tcvn3, vni hoặc cp1252.",
        "en": "--encoding {encoding!r}: unknown encoding ({exc}); use utf-8, cp1258, tcvn3, "
              "vni or cp1252.",
    },
    "bnd_encoding": {
        "vi": "--encoding {encoding!r}: bảng mã không xác định; dùng utf-8, cp1258, tcvn3, vni "
              "hoặc cp1252.",
        "en": "--encoding {encoding!r}: unknown encoding; use utf-8, cp1258, tcvn3, vni or "
              "cp1252.",
    },
    "bnd_memory": {
        "vi": "{path}, lớp {layer!r}: quá lớn so với bộ nhớ hiện có; hãy cắt hoặc đơn giản hóa "
              "lớp theo phạm vi tỉnh trước (ví dụ bằng QGIS), hoặc dùng máy có nhiều bộ nhớ hơn.",
        "en": "{path}, layer {layer!r}: too large for the memory available; clip or simplify "
              "the layer to the province first (e.g. in QGIS), or use a computer with more memory.",
    },
    "bnd_unreadable": {
        "vi": "{path}, lớp {layer!r}: không đọc được ({exc}).",
        "en": "{path}, layer {layer!r}: cannot be read ({exc}).",
    },
    "bnd_no_geometry_col": {
        "vi": "{path}, lớp {layer!r}: là bảng không có hình học (các cột: {seen}); hãy đưa "
              "lớp vùng ranh giới xã (Shapefile, Shapefile nén zip, GeoPackage hoặc GeoJSON).",
        "en": "{path}, layer {layer!r}: a table without geometry (columns: {seen}); give the "
              "commune polygons (Shapefile, zipped Shapefile, GeoPackage or GeoJSON).",
    },
    "bnd_no_features": {
        "vi": "{path}, lớp {layer!r}: không có đối tượng nào.",
        "en": "{path}, layer {layer!r}: holds no features.",
    },
    "bnd_no_geometry": {
        "vi": "{path}, lớp {layer!r}: cần hình vùng (polygon) nhưng không có hình học nào.",
        "en": "{path}, layer {layer!r}: expected polygons, found no geometry.",
    },
    "bnd_bad_prj": {
        "vi": "{prj}: không đọc được tệp .prj này thành hệ tọa độ (tệp bắt đầu bằng {head!r}); "
              "hãy khai báo hệ tọa độ bằng --crs EPSG:XXXX (ví dụ --crs EPSG:9207 cho VN-2000 / "
              "TM-3 104-30, Cà Mau), tùy chọn này thay cho tệp .prj, hoặc thay tệp .prj bằng "
              "tệp được xuất cùng dữ liệu.",
        "en": "{prj}: this .prj cannot be parsed as a coordinate system (it begins {head!r}); "
              "give the CRS with --crs EPSG:XXXX (e.g. --crs EPSG:9207 for VN-2000 / TM-3 "
              "104-30, Cà Mau), which overrides the .prj, or replace the .prj with the one "
              "exported with the data.",
    },
    "bnd_row": {"vi": "dòng {n}{label} ({kind})", "en": "row {n}{label} ({kind})"},
    "bnd_more": {"vi": " và {n} đối tượng khác", "en": " and {n} more"},
    "bnd_not_polygons": {
        "vi": "{where}: cần hình vùng (polygon) nhưng gặp {kinds}; {bad}/{total} đối tượng "
              "không phải hình vùng: {shown}{more}. Ranh giới xã phải là vùng: hãy xóa hoặc vẽ "
              "lại các đối tượng đó (ví dụ bằng QGIS), hoặc đưa lớp hình vùng.",
        "en": "{where}: expected polygons, found {kinds}; {bad} of {total} feature(s) are not "
              "polygons: {shown}{more}. Commune boundaries must be areas: remove or redraw "
              "those features (e.g. in QGIS), or give the polygon layer.",
    },
    "zip_not_zip": {
        "vi": "{path}: không phải tệp nén zip ({exc}); có thể tệp tải về chưa trọn vẹn hoặc đã "
              "bị đổi tên - hãy tải lại, hoặc giải nén ở nơi khác rồi đưa tệp .shp.",
        "en": "{path}: not a zip archive ({exc}); the download may be incomplete or the file "
              "renamed - download it again, or unzip it elsewhere and pass the .shp.",
    },
    "zip_unreadable": {
        "vi": "{path}: không đọc được tệp nén zip ({exc}); hãy kiểm tra lại tệp.",
        "en": "{path}: cannot read the zip archive ({exc}); check the file.",
    },
    "zip_encrypted": {
        "vi": "{path}: các tệp trong tệp nén được mã hóa (có mật khẩu: {members}); camau-gis "
              "không đọc được. Hãy giải nén bằng mật khẩu rồi đưa tệp .shp, hoặc nén lại các "
              "tệp không đặt mật khẩu.",
        "en": "{path}: the archive's members are encrypted (password-protected: {members}); "
              "camau-gis does not read them. Unzip it with its password and pass the .shp, or "
              "zip the files again without a password.",
    },
    "zip_unsafe": {
        "vi": "{path}: tệp nén có tệp mang đường dẫn tuyệt đối hoặc '..' ({members}), khi giải "
              "nén có thể ghi ra ngoài thư mục; tệp không được đọc. Hãy nén lại các tệp của "
              "Shapefile, không kèm thư mục nằm ngoài.",
        "en": "{path}: the archive has members with absolute or '..' paths ({members}), which "
              "could write outside a folder when unzipped; it is not read. Zip the Shapefile's "
              "files again without folders outside it.",
    },
    "zip_too_big": {
        "vi": "{path}: giải nén ra {total} MB, vượt giới hạn {limit} MB; hãy chỉ nén lớp ranh "
              "giới xã, hoặc nâng CAMAU_GIS_MAX_ZIP_BYTES nếu tệp đáng tin cậy.",
        "en": "{path}: unzips to {total} MB, above the limit of {limit} MB; zip only the "
              "commune layer, or raise CAMAU_GIS_MAX_ZIP_BYTES if the file is trusted.",
    },
    "zip_bomb": {
        "vi": "{path}: {members} khi giải nén lớn hơn {ratio} lần kích thước nén (zip bomb, "
              "hoặc tệp nén bị hỏng); tệp không được đọc.",
        "en": "{path}: {members} unzip(s) to more than {ratio} times the packed size (a zip "
              "bomb, or a corrupt archive); it is not read.",
    },
    "zip_no_vector": {
        "vi": "{path}: không chứa Shapefile (.shp) hay tệp vector nào khác; các tệp bên trong: "
              "{members}. Hãy nén tệp .shp cùng các tệp .shx, .dbf, .prj và .cpg.",
        "en": "{path}: holds no Shapefile (.shp) or other vector file; its members: "
              "{members}. Zip the .shp with its .shx, .dbf, .prj and .cpg.",
    },
    "zip_more": {"vi": " … (và {n} tệp khác)", "en": " … ({n} more)"},
    "zip_none": {"vi": "không có", "en": "none"},
    "zip_kind_shp": {"vi": "Shapefile", "en": "Shapefiles"},
    "zip_kind_vector": {"vi": "tệp vector", "en": "vector files"},
    "zip_many": {
        "vi": "{path}: chứa {n} {kind} ({members}); hãy chọn một bằng --layer {stem} (tên tệp "
              "không kèm phần mở rộng), hoặc chỉ nén lớp ranh giới xã.",
        "en": "{path}: holds {n} {kind} ({members}); choose one with --layer {stem} (the file "
              "name without its suffix), or zip only the commune layer.",
    },
    "zip_parts_missing": {
        "vi": "{path}: {member} thiếu {missing} trong tệp nén (các tệp bên trong: {members}); "
              "hãy nén đủ các tệp của Shapefile cùng nhau.",
        "en": "{path}: {member} lacks {missing} in the archive (members: {members}); zip all "
              "the Shapefile's files together.",
    },
    "crs_candidate": {
        "vi": "EPSG:{epsg} {name} (tâm {lon}°E {lat}°N)",
        "en": "EPSG:{epsg} {name} (centre {lon}°E {lat}°N)",
    },
    "crs_hint_candidates": {
        "vi": "các hệ có khả năng: {shown}. Chọn sai kinh tuyến trục TM-3 sẽ làm dữ liệu lệch "
              "khoảng 55 km mỗi 0,5°: hãy chọn hệ có tâm nằm trong tỉnh của bạn",
        "en": "likely candidates: {shown}. A wrong TM-3 meridian moves the data about "
              "55 km per 0.5°: pick the one whose centre lies in your province",
    },
    "crs_hint_none": {
        "vi": "không hệ tọa độ thông dụng nào của Việt Nam đặt các tọa độ này trong lãnh thổ "
              "Việt Nam",
        "en": "no usual Vietnamese system puts these coordinates in Vietnam",
    },
    "crs_missing": {
        "vi": "{source}: không có hệ tọa độ (thiếu tệp .prj) và tọa độ ({rng}) không phải kinh "
              "độ/vĩ độ; {hint}. Hãy khai báo hệ tọa độ bằng --crs EPSG:XXXX.",
        "en": "{source}: has no CRS (.prj missing) and its coordinates ({rng}) are not "
              "longitudes/latitudes; {hint}. Give the CRS with --crs EPSG:XXXX.",
    },
    "crs_cause_swapped": {
        "vi": "kinh độ và vĩ độ bị đảo chỗ (thứ tự trục) - hãy sửa tệp hoặc tệp .prj",
        "en": "longitude and latitude are swapped (axis order) - fix the file or its .prj",
    },
    "crs_cause_metres": {
        "vi": "tệp khai báo kinh độ/vĩ độ nhưng chứa tọa độ mét: tệp .prj sai - hãy khai báo hệ "
              "tọa độ phẳng bằng --crs",
        "en": "the file declares longitudes/latitudes but holds metres: its .prj is "
              "wrong - give the projected CRS with --crs",
    },
    "crs_cause_projection": {
        "vi": "phép chiếu trong tệp .prj ({params}) không khớp với các tọa độ này; với {shown} "
              "thì dữ liệu nằm trong Việt Nam - hãy kiểm tra múi chiếu, kinh tuyến trục và "
              "false easting, rồi khai báo --crs",
        "en": "the .prj's projection ({params}) does not fit these coordinates; they land in "
              "Vietnam with {shown} - check the zone, central meridian and false easting, "
              "then give --crs",
    },
    "crs_cause_no_system": {
        "vi": "tọa độ không khớp hệ thông dụng nào của Việt Nam (sai false easting hoặc đơn vị?)",
        "en": "the coordinates fit no usual Vietnamese system (a false easting or unit error?)",
    },
    "crs_cause_other": {
        "vi": "tệp không phải dữ liệu của Việt Nam, hoặc hệ tọa độ của tệp bị sai",
        "en": "the file is not of Vietnam, or its CRS is wrong",
    },
    "crs_outside": {
        "vi": "{source}: sau khi chuyển sang WGS 84, các đối tượng trải trong {lon}°E, "
              "{lat}°N, nằm ngoài Việt Nam; nguyên nhân có thể là: {cause}.",
        "en": "{source}: after reprojection to WGS 84 the features span {lon}°E, {lat}°N, "
              "outside Vietnam; likely cause: {cause}.",
    },
    "crs_unknown": {
        "vi": "--crs {crs}: PROJ không nhận ra hệ tọa độ này ({exc}); dùng ví dụ EPSG:9207.",
        "en": "--crs {crs}: not a CRS PROJ knows ({exc}); use e.g. EPSG:9207.",
    },
    "crs_overrides": {
        "vi": "--crs thay cho hệ tọa độ {name!r} của tệp.",
        "en": "--crs overrides the file's CRS {name!r}.",
    },
    "cnt_shp_parts": {
        "vi": "{where}: các phần của Shapefile này ghi số bản ghi không khớp nhau ({said}); "
              "đọc tiếp sẽ âm thầm bỏ sót xã. Có thể một phần bị cắt cụt hoặc bị thay bằng "
              "phiên bản khác: hãy xuất lại lớp từ phần mềm GIS (đủ các tệp cùng lúc), hoặc đưa "
              "GeoPackage hay tệp zip.",
        "en": "{where}: the parts of this Shapefile disagree on the number of records ({said}); "
              "reading it would silently drop communes. One part was probably truncated or "
              "replaced by another version: export the layer again from the GIS program (all "
              "its files together), or give a GeoPackage or zip.",
    },
    "cnt_declared": {"vi": "khai báo", "en": "declared"},
    "cnt_in_table": {"vi": "trong bảng", "en": "in the table"},
    "cnt_read": {"vi": "đọc được", "en": "read"},
    "cnt_layer": {
        "vi": "{where}: số đối tượng của lớp không khớp nhau ({said}); các đối tượng sẽ bị âm "
              "thầm bỏ sót. Tệp bị hỏng hoặc đã được sửa bằng công cụ không cập nhật số đếm: "
              "hãy mở tệp trong QGIS và lưu lại lớp (Export > Save Features As), rồi chạy lại.",
        "en": "{where}: the layer's feature counts disagree ({said}); features would be "
              "silently dropped. The file is damaged or was edited by a tool that did not "
              "update its count: open it in QGIS and save the layer again (Export > Save "
              "Features As), then run again.",
    },
    "src_sha256": {
        "vi": "{option} {value!r}: mã kiểm tra SHA-256 gồm 64 chữ số thập lục phân (0-9, a-f), "
              "nhưng nhận được {n} ký tự; hãy chép đủ, ví dụ từ `sha256sum FILE`.",
        "en": "{option} {value!r}: a SHA-256 checksum is 64 hexadecimal digits (0-9, a-f), "
              "got {n} character(s); copy it whole, e.g. from `sha256sum FILE`.",
    },
    "src_unknown": {
        "vi": "nguồn ranh giới {name!r} không xác định; dùng một trong {names} hoặc vietnam63.",
        "en": "unknown boundary source {name!r}; use one of {names} or vietnam63.",
    },
    "src_mirror_missing": {
        "vi": "{path}: không tìm thấy; hãy trỏ biến mirror hoặc --base-url tới thư mục chứa "
              "{filename}.",
        "en": "{path}: not found; point the mirror variable or --base-url at the folder that "
              "holds {filename}.",
    },
    "v63_unreadable": {
        "vi": "{path}: không phải tệp dữ liệu R đọc được ({kind}: {exc}); hãy tải lại hoặc kiểm "
              "tra mã kiểm tra (checksum) của tệp.",
        "en": "{path}: not a readable R data file ({kind}: {exc}); download it again or check "
              "its checksum.",
    },
    "v63_objects": {
        "vi": "{path}: cần đúng một đối tượng, nhưng gặp {names}.",
        "en": "{path}: expected one object, found {names}.",
    },
    "v63_not_sp": {
        "vi": "{path}: đối tượng không phải sp SpatialPolygonsDataFrame.",
        "en": "{path}: the object is not an sp SpatialPolygonsDataFrame.",
    },
    "v63_rows": {
        "vi": "{path}: có {polygons} hình vùng nhưng {rows} dòng thuộc tính.",
        "en": "{path}: {polygons} polygons but {rows} attribute rows.",
    },
    "cls_coverage": {
        "vi": "mức bao phủ {coverage!r} không thuộc {allowed}",
        "en": "coverage {coverage!r} is not one of {allowed}",
    },
    "cls_scheme": {
        "vi": "không hỗ trợ phương pháp phân lớp {scheme!r}; dùng một trong {schemes} (tên "
              "theo mapclassify)",
        "en": "classification scheme {scheme!r} is not supported; expected one of {schemes} "
              "(mapclassify names)",
    },
    "cls_k": {
        "vi": "k={k} lớp: cần một số nguyên >= 1 (ví dụ k=5)",
        "en": "k={k} classes requested; expected an integer >= 1 (e.g. k=5)",
    },
    "map_lacks_columns": {
        "vi": "result.communes thiếu cột {missing} cần cho bản đồ {kind} (đang có: {has}); hãy "
              "tạo kết quả bằng camau_gis.analysis.analyze() hoặc thêm schema.INDICATOR_COLUMNS.",
        "en": "result.communes lacks column(s) {missing} needed by the {kind} map "
              "(has: {has}); build the result with camau_gis.analysis.analyze() or add the "
              "schema.INDICATOR_COLUMNS.",
    },
    "map_no_communes": {
        "vi": "result.communes trống: không có xã nào để vẽ bản đồ; hãy kiểm tra tệp ranh giới "
              "và --province.",
        "en": "result.communes is empty: there is no commune to map; check the "
              "boundary file and --province.",
    },
    "map_page": {
        "vi": "khổ giấy {page!r} không có sẵn; dùng một trong {pages}.",
        "en": "page {page!r} is not a preset; use one of {pages}.",
    },
    "map_kind": {
        "vi": "loại bản đồ {kind!r} không xác định; dùng một trong {kinds}.",
        "en": "map kind {kind!r} is unknown; use one of {kinds}.",
    },
    "html_no_payload": {
        "vi": "không tìm thấy dữ liệu <script id={id!r}>; đây có phải bản đồ được lưu bằng "
              "camau_gis.render.html.save_map không?",
        "en": "no <script id={id!r}> payload found; is this a map saved by "
              "camau_gis.render.html.save_map?",
    },
    "html_lacks_columns": {
        "vi": "Analysis.communes thiếu cột {missing} cần cho bản đồ HTML (các cột hiện có: "
              "{has}); hãy tạo Analysis bằng camau_gis.analysis.analyze()",
        "en": "Analysis.communes lacks column(s) {missing} needed by the HTML map "
              "(columns seen: {has}); build the Analysis with camau_gis.analysis.analyze()",
    },
    "html_no_geometry": {
        "vi": "Analysis.communes có {n} dòng nhưng không có hình ranh giới xã nào để vẽ; hãy "
              "kiểm tra tệp ranh giới (--boundaries) và phạm vi tỉnh đã chọn",
        "en": "Analysis.communes has {n} row(s) but no commune geometry to draw; "
              "check the boundary file (--boundaries) and its province selection",
    },
    "html_some_without_geometry": {
        "vi": "{n} xã không có hình ranh giới vẫn được giữ trong dữ liệu của bản đồ nhưng không "
              "vẽ được: {names}",
        "en": "{n} commune(s) without geometry are kept in the map's data but cannot be "
              "drawn: {names}",
    },
    "com_role_unknown": {
        "vi": "vai trò cột {role!r} không xác định; dùng một trong {roles}.",
        "en": "unknown column role {role!r}; use one of {roles}.",
    },
    "com_mapped_missing": {
        "vi": "không tìm thấy cột {col!r} (được gán cho {role}); các cột hiện có: {seen}.",
        "en": "mapped column {col!r} (for {role}) not found; columns seen: {seen}.",
    },
    "com_no_name_col": {
        "vi": "không tìm thấy cột tên xã hoặc mã xã; các cột hiện có: {seen}. Hãy chỉ rõ một "
              "cột bằng --columns commune=COLUMN.",
        "en": "no commune name or code column found; columns seen: {seen}. Name one with "
              "--columns commune=COLUMN.",
    },
    "com_no_gso_province": {
        "vi": "không có tỉnh nào mang mã GSO {key!r}.",
        "en": "no province with GSO code {key!r}.",
    },
    "com_province_absent": {
        "vi": "không có đối tượng nào của tỉnh {province!r} trong cột {col!r}; các tỉnh có trong "
              "tệp: {names}{more}. Hãy đưa một trong các tỉnh đó qua --province, hoặc đưa tệp "
              "ranh giới có tỉnh này qua --boundaries (`camau-gis boundaries fetch --province "
              "NAME` sẽ tạo một tệp).",
        "en": "no feature of province {province!r} in column {col!r}; provinces present: "
              "{names}{more}. Give one of those with --province, or a boundary file holding "
              "that province with --boundaries (`camau-gis boundaries fetch --province NAME` "
              "writes one).",
    },
    "com_province_2019": {
        "vi": "không có tỉnh {province!r} trong bảng danh mục năm 2019.",
        "en": "no province {province!r} in the 2019 reference table.",
    },
    "com_province_nearest": {
        "vi": "không có đối tượng nào nằm trong tỉnh {province!r} (lớp không có cột tỉnh, và "
              "không đối tượng nào gần nhất với một xã của tỉnh); hãy kiểm tra --province.",
        "en": "no feature lies in province {province!r} (the layer has no province column, and "
              "none of its features is nearest to one of the province's communes); check "
              "--province.",
    },
    "com_no_crs": {
        "vi": "{source}: không có hệ tọa độ; hãy khai báo bằng --crs (ví dụ --crs EPSG:4326).",
        "en": "{source}: has no CRS; give one with --crs (e.g. --crs EPSG:4326).",
    },
    "com_dup_codes": {
        "vi": "{source}: một mã GSO được gán cho nhiều đối tượng ({shown}); tệp có đối tượng "
              "trùng lặp hoặc tên không rõ ràng - hãy xóa các đối tượng trùng (xem `camau-gis "
              "boundaries inspect`) hoặc gán cột mã bằng --columns code=COLUMN.",
        "en": "{source}: GSO codes given to more than one feature ({shown}); the file holds "
              "duplicate features or ambiguous names - remove the duplicates (see `camau-gis "
              "boundaries inspect`) or map a code column with --columns code=COLUMN.",
    },
    "topo_row": {"vi": "dòng {n} {label!r}", "en": "row {n} {label!r}"},
    "topo_empty": {
        "vi": "{source}: {n} đối tượng không có hình học ({shown}); xã không có hình ranh giới "
              "thì không vẽ được bản đồ - hãy vẽ lại hoặc xóa đối tượng đó khỏi tệp.",
        "en": "{source}: {n} feature(s) have no geometry ({shown}); a commune without a shape "
              "cannot be mapped - redraw it or remove the feature from the file.",
    },
    "topo_unrepairable": {
        "vi": "{source}: đối tượng {label!r} (dòng {n}) có hình vùng không hợp lệ ({reason}) "
              "và không sửa lại thành hình vùng được; hãy vẽ lại.",
        "en": "{source}: feature {label!r} (row {n}) has an invalid polygon ({reason}) that "
              "cannot be repaired into a polygon; redraw it.",
    },
    "topo_fit_hint": {
        "vi": " Các đối tượng khớp với EPSG:{epsg} {name} ({share} điểm tâm nằm bên trong);",
        "en": " They fit under EPSG:{epsg} {name} ({share} of centre points inside);",
    },
    "topo_misplaced": {
        "vi": "{source}: các đối tượng nằm cách vị trí chính thức khoảng {km} km ({names}; chỉ "
              "{share} chứa điểm tâm của xã tương ứng): hệ tọa độ bị sai (múi chiếu, kinh tuyến "
              "trục hoặc false easting).{hint} hãy khai báo đúng hệ tọa độ bằng --crs EPSG:XXXX.",
        "en": "{source}: the features sit about {km} km from their official positions ({names}; "
              "only {share} contain their commune's centre point): the CRS is wrong (zone, "
              "central meridian or false easting).{hint} give the right one with --crs "
              "EPSG:XXXX.",
    },
    "bnd_download_failed": {
        "vi": "{path}: chưa có dữ liệu ranh giới và tải về không thành công ({exc}); hãy đặt "
              "CAMAU_GIS_DATA_URL tới thư mục chứa communes.rda, hoặc đưa --boundaries PATH.",
        "en": "{path}: no boundaries yet and the download failed ({exc}); set "
              "CAMAU_GIS_DATA_URL to a folder holding communes.rda, or pass --boundaries PATH.",
    },
    "b25_no_code_col": {
        "vi": "{path}: không có cột nào chứa mã GSO 2025 của 64 đơn vị Tỉnh Cà Mau (tối thiểu "
              "{share} số dòng); hãy đưa tệp các đơn vị 2025 kèm mã, hoặc bỏ --boundaries để vẽ "
              "đơn vị 2025 từ các xã năm 2019.",
        "en": "{path}: no column holds GSO 2025 codes of the 64 units of Tỉnh Cà Mau (at least "
              "{share} of the rows); give a file of the 2025 units with their codes, or leave "
              "--boundaries out to draw the 2025 units from the 2019 communes.",
    },
    "b25_dup_codes": {"vi": "mã trùng trên nhiều dòng: {codes}",
                      "en": "codes on several rows: {codes}"},
    "b25_name_differs": {
        "vi": "mã {code} năm 2025 là {name}, nhưng tệp ghi {given!r}",
        "en": "code {code} is {name} in 2025, the file says {given!r}",
    },
    "b25_not_2025": {
        "vi": "{path}: không phải tệp các đơn vị 2025: {problems}. Hãy sửa mã (cột {col!r}) "
              "hoặc tên.",
        "en": "{path}: not a file of the 2025 units: {problems}. Correct the codes (column "
              "{col!r}) or names.",
    },
    "cw_dissolve_vintage": {
        "vi": "dissolve_2025: các xã thuộc thời kỳ {vint}, cần {expected}.",
        "en": "dissolve_2025: communes are of vintage {vint}, expected {expected}.",
    },
    "cw_to_2025_vintage": {
        "vi": "to_2025: các xã của kết quả phân tích thuộc thời kỳ {vint}, cần {expected}; chỉ "
              "kết quả theo đơn vị năm 2019 mới chuyển được sang đơn vị 2025.",
        "en": "to_2025: the analysis communes are of vintage {vint}, expected {expected}; only "
              "2019-era results can be carried to the 2025 units.",
    },
    "cw_dup_rows": {
        "vi": "to_2025: mã 2019 xuất hiện trên nhiều dòng ranh giới: {codes}; mỗi xã chỉ được "
              "xuất hiện một lần.",
        "en": "to_2025: 2019 codes appear on several boundary rows: {codes}; each commune must "
              "appear once.",
    },
    "cw_province_download": {
        "vi": "{path}: chưa có ranh giới {province} cho tỉnh sau sáp nhập năm 2025 và tải về "
              "không thành công ({exc}); hãy chạy `camau-gis boundaries fetch --province "
              "\"{province}\"` khi đã đặt CAMAU_GIS_DATA_URL, hoặc đưa tệp (--bac-lieu PATH).",
        "en": "{path}: no {province} boundaries for the merged 2025 province and the download "
              "failed ({exc}); run `camau-gis boundaries fetch --province \"{province}\"` with "
              "CAMAU_GIS_DATA_URL set, or pass the file (--bac-lieu PATH).",
    },
    # session 5: console lines (issues 19 and 14) - downloads (io/fetch.py)
    "dl_offline_hint": {
        "vi": "khi không có internet, hãy trỏ CAMAU_GIS_DATA_URL (vietnam63) hoặc "
              "CAMAU_GIS_SOURCES_URL (gadm, geoboundaries) tới một thư mục sao lưu trên máy có "
              "sẵn các tệp",
        "en": "without internet, point CAMAU_GIS_DATA_URL (vietnam63) or CAMAU_GIS_SOURCES_URL "
              "(gadm, geoboundaries) at a local mirror folder holding the files",
    },
    "dl_plain_http": {
        "vi": "{url}: không chấp nhận http:// thường (tệp có thể bị sửa trên đường truyền); hãy "
              "dùng https://, một thư mục sao lưu trên máy (CAMAU_GIS_DATA_URL=/duong/dan/thu-muc), "
              "hoặc đặt CAMAU_GIS_ALLOW_HTTP=1 cho máy chủ sao lưu tin cậy của cơ quan.",
        "en": "{url}: plain http:// is refused (the file could be altered on the way); use "
              "https://, a local mirror folder (CAMAU_GIS_DATA_URL=/path/to/folder), or set "
              "CAMAU_GIS_ALLOW_HTTP=1 for a trusted office mirror.",
    },
    "dl_scheme": {
        "vi": "{url}: không hỗ trợ giao thức {scheme}; hãy dùng địa chỉ https:// hoặc một thư "
              "mục trên máy.",
        "en": "{url}: {scheme} scheme is not supported; use an https:// URL or a local folder.",
    },
    "dl_no_scheme": {
        "vi": "{url}: địa chỉ không có giao thức; hãy dùng địa chỉ https:// hoặc một thư mục "
              "trên máy.",
        "en": "{url}: no scheme is not supported; use an https:// URL or a local folder.",
    },
    "dl_bad_name": {
        "vi": "{name}: không phải một tên tệp đơn giản; mỗi lần tải về là một tệp của bộ nhớ đệm.",
        "en": "{name}: not a plain file name; a download is one file of the cache.",
    },
    "dl_cache_create": {
        "vi": "{cache}: không tạo được thư mục bộ nhớ đệm tải về ({exc}); hãy đặt "
              "CAMAU_GIS_CACHE tới một thư mục có quyền ghi.",
        "en": "{cache}: cannot create the download cache ({exc}); set CAMAU_GIS_CACHE to a "
              "folder you can write.",
    },
    "dl_invalid_url": {
        "vi": "{url}: địa chỉ không hợp lệ ({exc}); hãy đặt CAMAU_GIS_DATA_URL / "
              "CAMAU_GIS_SOURCES_URL hoặc --base-url thành một địa chỉ https:// hoặc một thư mục "
              "sao lưu trên máy.",
        "en": "{url}: not a valid URL ({exc}); set CAMAU_GIS_DATA_URL / CAMAU_GIS_SOURCES_URL "
              "or --base-url to an https:// address or a local mirror folder.",
    },
    "dl_checksum": {
        "vi": "{url}: mã kiểm tra không khớp ({exc}); máy chủ hoặc nơi sao lưu đã gửi một tệp "
              "khác với tệp đã ghim - hãy kiểm tra CAMAU_GIS_DATA_URL / CAMAU_GIS_SOURCES_URL, "
              "hoặc thử lại sau.",
        "en": "{url}: checksum mismatch ({exc}); the server or mirror sent a different file than "
              "the pinned one - check CAMAU_GIS_DATA_URL / CAMAU_GIS_SOURCES_URL, or retry later.",
    },
    "dl_timeout": {
        "vi": "{url}: tải về không thành công: không có phản hồi sau {wait} giây (hết thời gian "
              "chờ); hãy kiểm tra kết nối internet hoặc proxy, tăng CAMAU_GIS_TIMEOUT, hoặc "
              "{hint}.",
        "en": "{url}: download failed: no answer within {wait} s (timeout); check the internet "
              "connection or proxy, raise CAMAU_GIS_TIMEOUT, or {hint}.",
    },
    "dl_http_status": {
        "vi": "{url}: tải về không thành công: máy chủ trả lời {status}; hãy kiểm tra địa chỉ "
              "(các biến nơi sao lưu, --base-url), hoặc {hint}.",
        "en": "{url}: download failed: the server answered {status}; check the URL (mirror "
              "variables, --base-url), or {hint}.",
    },
    "dl_connect": {
        "vi": "{url}: tải về không thành công: không kết nối được ({exc}); máy tính có vẻ không "
              "có mạng hoặc máy chủ đang ngừng - {hint}.",
        "en": "{url}: download failed: cannot connect ({exc}); the computer seems offline or "
              "the server is down - {hint}.",
    },
    "dl_broke_off": {
        "vi": "{url}: tải về không thành công: đường truyền bị ngắt ({exc}); chưa có gì được lưu "
              "vào bộ nhớ đệm - hãy chạy lại lệnh, hoặc {hint}.",
        "en": "{url}: download failed: the transfer broke off ({exc}); nothing was cached - run "
              "the command again, or {hint}.",
    },
    "dl_closed_early": {
        "vi": "kết nối bị đóng sau {got} trên {declared} byte",
        "en": "connection closed after {got} of {declared} bytes",
    },
    "dl_cache_write": {
        "vi": "{cache}: không ghi được tệp tải về {name} ({exc}); hãy giải phóng dung lượng đĩa "
              "hoặc đặt CAMAU_GIS_CACHE tới một thư mục có quyền ghi.",
        "en": "{cache}: cannot write the downloaded {name} ({exc}); free disk space or set "
              "CAMAU_GIS_CACHE to a folder you can write.",
    },
    "dl_deadline": {
        "vi": "{url}: tải về không thành công: chưa xong sau {deadline} giây (đã nhận {got} byte; "
              "CAMAU_GIS_DOWNLOAD_DEADLINE); máy chủ hoặc đường truyền quá chậm - hãy thử lại "
              "sau, tăng thời hạn, hoặc {hint}.",
        "en": "{url}: download failed: not finished after {deadline} s ({got} bytes received; "
              "CAMAU_GIS_DOWNLOAD_DEADLINE); the server or connection is too slow - retry later, "
              "raise the deadline, or {hint}.",
    },
    "dl_too_big": {
        "vi": "{url}: từ chối tải về: {size} byte, vượt mức {limit} byte cho phép "
              "(CAMAU_GIS_MAX_DOWNLOAD_BYTES); máy chủ đã gửi một thứ khác với tệp cần tải - "
              "hãy kiểm tra địa chỉ hoặc các biến nơi sao lưu.",
        "en": "{url}: download refused: {size} bytes, more than the {limit} accepted "
              "(CAMAU_GIS_MAX_DOWNLOAD_BYTES); the server sent something else than the expected "
              "file - check the URL or mirror variables.",
    },
    "dl_cache_copy": {
        "vi": "{cache}: không chép được {source} vào bộ nhớ đệm tải về ({exc}); hãy giải phóng "
              "dung lượng đĩa hoặc đặt CAMAU_GIS_CACHE.",
        "en": "{cache}: cannot copy {source} into the download cache ({exc}); free disk space "
              "or set CAMAU_GIS_CACHE.",
    },
    "dl_copy_checksum": {
        "vi": "{source}: mã kiểm tra không khớp (cần sha256 {sha256}, nhận được {got}); tệp bị "
              "hỏng hoặc không phải phiên bản đã ghim - hãy thay tệp đó.",
        "en": "{source}: checksum mismatch (expected sha256 {sha256}, got {got}); the file is "
              "corrupt or not the pinned version - replace it.",
    },
    "dl_mirror_missing": {
        "vi": "{source}: không tìm thấy tệp; hãy đặt CAMAU_GIS_DATA_URL (hoặc --base-url) tới "
              "thư mục hoặc địa chỉ có chứa {name}.",
        "en": "{source}: not found; set CAMAU_GIS_DATA_URL (or --base-url) to the folder or URL "
              "that holds {name}.",
    },
    # session 5: console lines - the plan command (analysis/plan.py, analysis/planning.py, planner.py)
    "plw_empty": {"vi": "{path}: bảng trọng số trống.", "en": "{path}: the weights table is empty."},
    "plw_no_column": {
        "vi": "{path}: không có cột {column} trong dòng tiêu đề (dòng {row}: {header}); hãy ghi "
              "tên cột trọng số bằng --weight-column.",
        "en": "{path}: no column {column} in the header (row {row}: {header}); name the weight "
              "column with --weight-column.",
    },
    "plw_no_commune_column": {
        "vi": "{path}: không có cột xã: hãy thêm cột mã GSO (gso_code hoặc Mã xã) hoặc cột tên "
              "(Tên xã).",
        "en": "{path}: no commune column: add a GSO code column (gso_code or Mã xã) or a name "
              "column (Tên xã).",
    },
    "plw_row_ambiguous": {
        "vi": "dòng {row}: {name} là tên của {n} xã; hãy thêm huyện (Huyện) hoặc mã GSO",
        "en": "row {row}: {name} names {n} communes; add the district (Huyện) or the GSO code",
    },
    "plw_row_no_commune": {
        "vi": "dòng {row}: {name} không khớp với xã nào",
        "en": "row {row}: {name} matches no commune",
    },
    "plw_row_not_number": {
        "vi": "dòng {row}, cột {column}: {value} không phải một số >= 0",
        "en": "row {row}, column {column}: {value} is not a number >= 0",
    },
    "plw_missing": {
        "vi": "{path}: {n} xã không có giá trị {column} dùng được: {names}. {rows}Hãy thêm một "
              "dòng cho mỗi xã (ghi 0 nếu xã đó không được tính).",
        "en": "{path}: {n} commune(s) have no usable {column} value: {names}. {rows}Add one row "
              "per commune (0 if it should not count).",
    },
    "plw_rows_not_used": {"vi": "Các dòng không dùng được: {problems}. ",
                          "en": "Rows not used: {problems}. "},
    "plw_rows_warning": {
        "vi": "{path}: {n} dòng không được dùng: {problems}",
        "en": "{path}: {n} row(s) not used: {problems}",
    },
    "pl_select_none": {
        "vi": "{option} {text}: không có xã nào mang tên này; hãy đưa mã GSO (Mã xã) hoặc "
              "'Tên, Huyện'.",
        "en": "{option} {text}: no commune of that name; give the GSO code (Mã xã) or "
              "'Name, District'.",
    },
    "pl_select_many": {
        "vi": "{option} {text}: có {n} xã mang tên này; hãy đưa mã GSO (Mã xã) hoặc "
              "'Tên, Huyện'.",
        "en": "{option} {text}: {n} communes of that name; give the GSO code (Mã xã) or "
              "'Name, District'.",
    },
    "pl_weights_file": {
        "vi": "--weights-file cần --weight-column, tên cột của tệp chứa trọng số (ví dụ dan_so "
              "cho dân số).",
        "en": "--weights-file needs --weight-column, the column of the file holding the weight "
              "(e.g. dan_so for population).",
    },
    "pl_weight_not_numeric": {
        "vi": "--weight-column {weight}: không phải cột số >= 0 ở mọi xã.",
        "en": "--weight-column {weight}: not a numeric column >= 0 for every commune.",
    },
    "pl_weight_unknown": {
        "vi": "--weight-column {weight}: hãy dùng equal, area, một cột số của bảng xã, hoặc đưa "
              "tệp chứa cột đó bằng --weights-file.",
        "en": "--weight-column {weight}: use equal, area, a numeric column of the commune "
              "table, or give the file holding it with --weights-file.",
    },
    "pl_c19": {"vi": "--c19 {c19}: hãy dùng một trong {modes}.",
               "en": "--c19 {c19}: use one of {modes}."},
    "pl_c19_factor": {"vi": "--c19-factor {factor}: hãy đưa một số > 0.",
                      "en": "--c19-factor {factor}: give a number > 0."},
    "pl_force_clash": {
        "vi": "--force {names}: đã có mô hình, đã bị loại trừ, hoặc nằm ngoài phạm vi của sổ "
              "theo dõi; hãy bỏ khỏi --force.",
        "en": "--force {names}: already has a model, is excluded, or is outside the register's "
              "coverage; drop it from --force.",
    },
    "pl_service": {
        "vi": "--service {rule}: hãy dùng một trong {rules} (adjacent: xã đó và các xã giáp "
              "ranh; distance: trong phạm vi --distance-km).",
        "en": "--service {rule}: use one of {rules} (adjacent: the commune and those bordering "
              "it; distance: within --distance-km).",
    },
    "pl_distance_from": {"vi": "--distance-from {value}: hãy dùng centroid hoặc boundary.",
                         "en": "--distance-from {value}: use centroid or boundary."},
    "pl_distance_needed": {
        "vi": "--service distance cần --distance-km với giá trị > 0 (ki-lô-mét), nhận được "
              "{value}.",
        "en": "--service distance needs --distance-km with a value > 0 (kilometres), got "
              "{value}.",
    },
    "pl_distance_unused": {
        "vi": "--distance-km chỉ dùng cùng --service distance; hãy thêm --service distance hoặc "
              "bỏ --distance-km.",
        "en": "--distance-km is only used with --service distance; add --service distance or "
              "drop --distance-km.",
    },
    "pl_models": {
        "vi": "--models {budget}: hãy đưa số mô hình mới >= 1, hoặc bỏ --models để có số nhỏ "
              "nhất phục vụ được mọi xã.",
        "en": "--models {budget}: give a number of new models >= 1, or leave --models out to "
              "get the minimum that serves every commune.",
    },
    "pl_force_budget": {
        "vi": "--force nêu {n} xã nhưng --models là {budget}: hãy tăng --models hoặc chỉ định "
              "ít xã hơn.",
        "en": "--force names {n} communes but --models is {budget}: raise --models or force "
              "fewer communes.",
    },
    "pl_unservable": {
        "vi": "không phương án nào phục vụ được mọi xã: {names} không được xã nào được phép đặt "
              "mô hình phục vụ (bị loại trừ, hoặc là đảo không giáp xã nào); hãy cho phép một "
              "trong các xã đó (--exclude) hoặc đưa --models N.",
        "en": "no plan serves every commune: {names} cannot be served by any commune allowed "
              "to get a model (excluded, or an island bordering none); allow one of them "
              "(--exclude) or give --models N.",
    },
    "pl_need_at_least": {"vi": "ít nhất {n}", "en": "at least {n}"},
    "pl_need_any": {"vi": "nhiều hơn mọi ngân sách", "en": "more than any budget"},
    "pl_c19_require": {
        "vi": "--c19 require: phục vụ mọi xã chưa đạt tiêu chí 19 cần {need} mô hình mới, nhiều "
              "hơn --models {budget}; hãy tăng --models hoặc dùng --c19 weight.",
        "en": "--c19 require: serving every commune that has not achieved criterion 19 takes "
              "{need} new models, more than --models {budget}; raise --models or use --c19 "
              "weight.",
    },
    "pl_result_options": {
        "vi": "plan(result=...): các tùy chọn phân tích {options} không dùng khi đã đưa sẵn kết "
              "quả phân tích; hãy bỏ chúng.",
        "en": "plan(result=...): analysis options {options} are not used with an analysis "
              "given; drop them.",
    },
    # session 5: console lines - vintages, web assets, display coverage, screenshots, caches
    "vint_table": {"vi": "bảng", "en": "table"},
    "vint_left": {"vi": "bảng bên trái", "en": "left table"},
    "vint_right": {"vi": "bảng bên phải", "en": "right table"},
    "vint_communes": {"vi": "các xã", "en": "communes"},
    "vint_analysis": {"vi": "các xã của kết quả phân tích", "en": "analysis communes"},
    "vint_old": {"vi": "các xã cũ", "en": "old communes"},
    "vint_new": {"vi": "các đơn vị mới", "en": "new units"},
    "vint_none": {
        "vi": "{what}: không có thời kỳ hành chính (không có cột 'vintage', không có "
              "attrs['vintage']); thiếu nó thì mã và tên không rõ ràng. Hãy thêm vintage='2019' "
              "hoặc '2025' vào bảng.",
        "en": "{what}: no administrative vintage (no 'vintage' column, no attrs['vintage']); "
              "codes and names are ambiguous without it. Add vintage='2019' or '2025' to the "
              "table.",
    },
    "vint_mixed": {
        "vi": "{what}: cột 'vintage' lẫn nhiều thời kỳ {values}; hãy tách bảng theo thời kỳ, "
              "hoặc chuyển các bản ghi giữa hai thời kỳ bằng bảng chuyển đổi "
              "(camau_gis.crosswalk.to_2025, `camau-gis crosswalk table`), rồi mới ghép.",
        "en": "{what}: column 'vintage' mixes {values}; split the table by vintage or carry "
              "records across vintages with the crosswalk (camau_gis.crosswalk.to_2025, "
              "`camau-gis crosswalk table`), then join.",
    },
    "vint_join": {
        "vi": "từ chối ghép theo {on}: bảng bên trái thuộc thời kỳ {lv}, bảng bên phải thuộc "
              "thời kỳ {rv}; cùng một {on} chỉ hai nơi khác nhau ở mỗi bảng (ví dụ 31825 là "
              "Phường 1 của thành phố Bạc Liêu năm 2019 và là Phường Bạc Liêu năm 2025). Hãy "
              "chuyển các bản ghi giữa hai thời kỳ bằng bảng chuyển đổi "
              "(camau_gis.crosswalk.to_2025, `camau-gis crosswalk table`), rồi mới ghép.",
        "en": "join by {on} refused: left table is vintage {lv}, right table is vintage {rv}; "
              "the same {on} names a different place in each (e.g. 31825 was Phường 1 of "
              "Bạc Liêu city in 2019 and is Phường Bạc Liêu in 2025). Carry records across "
              "vintages with the crosswalk (camau_gis.crosswalk.to_2025, `camau-gis crosswalk "
              "table`), then join.",
    },
    "chgm_old_vintage": {
        "vi": "bản đồ thay đổi: các xã cũ phải thuộc thời kỳ 2019.",
        "en": "change map: the old communes must be of vintage 2019.",
    },
    "chgm_new_vintage": {
        "vi": "bản đồ thay đổi: các đơn vị mới phải thuộc thời kỳ 2025.",
        "en": "change map: the new units must be of vintage 2025.",
    },
    "asset_no_leaflet": {
        "vi": "chưa cài gói Python XStatic-Leaflet nên không nhúng được Leaflet cho bản đồ dùng "
              "ngoại tuyến; hãy chạy `pip install XStatic-Leaflet` hoặc tạo bản đồ với "
              "online=True",
        "en": "the Python package XStatic-Leaflet is not installed, so Leaflet cannot be inlined "
              "for an offline map; run `pip install XStatic-Leaflet` or build with online=True",
    },
    "asset_unreadable": {
        "vi": "không đọc được tệp web {path}: {exc}; hãy cài lại XStatic-Leaflet / camau-gis",
        "en": "cannot read web asset {path}: {exc}; reinstall XStatic-Leaflet / camau-gis",
    },
    "asset_no_template": {
        "vi": "không tìm thấy mẫu {name} trong camau_gis/render/templates/; hãy cài lại camau-gis",
        "en": "template {name} not found in camau_gis/render/templates/; reinstall camau-gis",
    },
    "asset_no_script_folder": {
        "vi": "không tìm thấy thư mục mã {folder} trong camau_gis/render/templates/; hãy cài lại "
              "camau-gis",
        "en": "script folder {folder} not found in camau_gis/render/templates/; reinstall "
              "camau-gis",
    },
    "asset_no_js": {
        "vi": "không có tệp .js nào trong camau_gis/render/templates/{folder}/; hãy cài lại "
              "camau-gis",
        "en": "no .js file in camau_gis/render/templates/{folder}/; reinstall camau-gis",
    },
    "geo_clean_failed": {
        "vi": "làm sạch ranh giới hiển thị không thành công ({exc}); bản đồ dùng ranh giới chưa "
              "đơn giản hóa",
        "en": "coverage cleaning failed ({exc}); the map uses the boundaries unsimplified",
    },
    "geo_under_neighbour": {
        "vi": "{n} đơn vị nằm trọn dưới một đơn vị láng giềng trong dữ liệu ranh giới; chúng "
              "giữ hình gốc và chồng lên đơn vị đó (dòng {rows})",
        "en": "{n} unit(s) lie wholly under a neighbour in the boundary data; they keep their "
              "original shape and overlap it (rows {rows})",
    },
    "geo_reclean_failed": {
        "vi": "làm sạch lại ranh giới đã làm tròn không thành công ({exc})",
        "en": "re-cleaning the rounded coverage failed ({exc})",
    },
    "geo_rounded_invalid": {
        "vi": "ranh giới làm tròn đến {decimals} chữ số thập phân vẫn còn cạnh không hợp lệ; "
              "các xã giáp nhau có thể chồng lấn chút ít trên màn hình",
        "en": "the coverage rounded to {decimals} decimals still has invalid edges; "
              "neighbouring communes may overlap slightly on screen",
    },
    "shot_no_html": {
        "vi": "{path}: không tìm thấy bản đồ HTML; hãy tạo nó trước (camau-gis build).",
        "en": "{path}: HTML map not found; write it first (camau-gis build).",
    },
    "shot_no_chromium": {
        "vi": "không tìm thấy Chromium chạy ẩn (đã tìm $CAMAU_GIS_CHROMIUM, /usr/bin/chromium); "
              "hãy cài gói của Debian: apt-get install chromium.",
        "en": "headless Chromium not found (looked for $CAMAU_GIS_CHROMIUM, /usr/bin/chromium); "
              "install Debian's package: apt-get install chromium.",
    },
    "shot_timeout": {
        "vi": "{path}: Chromium chưa xong sau {seconds} giây; hãy thử lại với thời gian chờ dài "
              "hơn.",
        "en": "{path}: Chromium did not finish within {seconds} s; retry with a longer timeout.",
    },
    "shot_failed": {
        "vi": "{path}: Chromium không ghi ra ảnh chụp (mã thoát {code}: {tail}); hãy kiểm tra "
              "tệp có mở được trong trình duyệt không.",
        "en": "{path}: Chromium wrote no screenshot (exit {code}: {tail}); check that the file "
              "opens in a browser.",
    },
    "shot_no_output": {"vi": "không có thông báo", "en": "no output"},
    "cache_unwritable": {
        "vi": "{folder}: không ghi được bộ nhớ đệm ({reason}); mỗi lần chạy sẽ phải tính lại - "
              "hãy đặt CAMAU_GIS_CACHE tới một thư mục có quyền ghi (xem `camau-gis paths`).",
        "en": "{folder}: cannot write the cache ({reason}); every run recomputes it - set "
              "CAMAU_GIS_CACHE to a folder you can write (see `camau-gis paths`).",
    },
    # session 5: console lines - outputs (camau_gis/_atomic.py, camau_gis/_inputs.py)
    "out_act_write": {"vi": "ghi vào đây", "en": "write here"},
    "out_act_replace": {"vi": "thay tệp", "en": "replace the file"},
    "out_act_lock": {"vi": "khóa thư mục kết quả", "en": "lock the output folder"},
    "out_act_folder": {"vi": "ghi vào thư mục kết quả", "en": "write to the output folder"},
    "out_blocked": {
        "vi": "{path}: không thể {action}: {blocker} là một tệp, không phải thư mục; hãy chọn "
              "một thư mục có quyền ghi ({option}) hoặc chuyển tệp đó đi nơi khác (tệp không bị "
              "thay đổi).",
        "en": "{path}: cannot {action}: {blocker} is a file, not a folder; choose a folder you "
              "can write to ({option}) or move that file away (it was not changed).",
    },
    "out_cannot": {
        "vi": "{path}: không thể {action} ({reason}); hãy chọn một thư mục có quyền ghi "
              "({option}), giải phóng dung lượng đĩa, hoặc kiểm tra quyền truy cập.",
        "en": "{path}: cannot {action} ({reason}); choose a folder you can write to ({option}), "
              "free disk space, or check its permissions.",
    },
    "out_not_inside": {
        "vi": "{name}: không phải tên tệp nằm trong {out}; hãy đổi tên.",
        "en": "{name}: not a file name inside {out}; rename it.",
    },
    "out_control_chars": {
        "vi": "{path}: đường dẫn kết quả chứa ký tự điều khiển {chars} (dán kèm dấu tab hoặc "
              "xuống dòng?); hãy chọn tên thư mục không có các ký tự đó (--out).",
        "en": "{path}: the output path holds control character(s) {chars} (a tab or line break "
              "pasted with it?); choose a folder name without them (--out).",
    },
    "out_disk_full": {
        "vi": "{path}: không ghi được, đĩa đã đầy ({reason}); hãy giải phóng dung lượng đĩa hoặc "
              "chọn thư mục khác ({option}). Các kết quả trước vẫn được giữ.",
        "en": "{path}: cannot write it, the disk is full ({reason}); free disk space or choose "
              "another folder ({option}). Previous outputs were kept.",
    },
    "out_locked": {
        "vi": "{path}: một lần chạy camau-gis khác đang giữ thư mục kết quả này đã {seconds} "
              "giây; hãy chờ nó chạy xong hoặc chọn thư mục --out khác.",
        "en": "{path}: another camau-gis run has held this output folder for {seconds} s; wait "
              "for it to finish or choose another --out folder.",
    },
    "out_sidecar": {"vi": ", tệp đi kèm {name}", "en": ", its sidecar {name}"},
    "out_is_input": {
        "vi": "{path}: là tệp đầu vào của bạn ({what}{sidecar}); ghi kết quả vào đó sẽ thay mất "
              "tệp này. Hãy chọn {option} khác, hoặc chuyển tệp đầu vào đi nơi khác (tệp chưa bị "
              "thay đổi).",
        "en": "{path}: is your input ({what}{sidecar}); writing the output there would replace "
              "it. Choose another {option}, or move the input elsewhere (it was not changed).",
    },
    # session 5: console lines - the canonical cache (reasons shown in the cache warning)
    "ccache_names": {"vi": "tên cột phải là chuỗi và không trùng nhau",
                     "en": "column names must be unique strings"},
    "ccache_attrs": {"vi": "attrs không giữ nguyên được qua JSON",
                     "en": "attrs do not survive JSON"},
    "ccache_reserved": {"vi": "tên cột {col} đã được dành riêng", "en": "column name {col} is reserved"},
    "ccache_differs": {"vi": "bảng đã lưu khác với bảng gốc: {exc}",
                       "en": "the stored table differs from the original: {exc}"},
    # session 5: console lines - click's own usage errors (cli/_errors.CLICK_TEXTS)
    "click_no_option": {"vi": "không có tùy chọn {name}", "en": "No such option: {name}"},
    "click_no_option_hint": {
        "vi": "không có tùy chọn {name} (các tùy chọn gần giống: {options})",
        "en": "No such option: {name} (Possible options: {options})",
    },
    "click_no_command": {"vi": "không có lệnh '{name}'", "en": "No such command '{name}'."},
    "click_missing_command": {"vi": "thiếu tên lệnh", "en": "Missing command."},
    "click_missing_argument": {"vi": "thiếu đối số {name}", "en": "Missing argument {name}."},
    "click_missing_option": {"vi": "thiếu tùy chọn {name}", "en": "Missing option {name}."},
    "click_missing_parameter": {"vi": "thiếu tham số {name}", "en": "Missing parameter: {name}"},
    "click_needs_argument": {"vi": "tùy chọn {name} cần một giá trị",
                             "en": "Option {name} requires an argument."},
    "click_needs_arguments": {"vi": "tùy chọn {name} cần {n} giá trị",
                              "en": "Option {name} requires {n} arguments."},
    "click_takes_no_value": {"vi": "tùy chọn {name} không nhận giá trị",
                             "en": "Option {name} does not take a value."},
    "click_argument_values": {"vi": "đối số {name} cần {n} giá trị",
                              "en": "Argument {name} takes {n} values."},
    "click_extra_arguments": {"vi": "có đối số thừa không dùng đến ({args})",
                              "en": "Got unexpected extra argument(s) ({args})"},
    "click_invalid_for": {"vi": "giá trị không hợp lệ cho {name}: {inner}",
                          "en": "Invalid value for {name}: {inner}"},
    "click_invalid": {"vi": "giá trị không hợp lệ: {inner}", "en": "Invalid value: {inner}"},
    "click_not_integer": {"vi": "cần một số nguyên", "en": "Input should be a valid integer{rest}"},
    "click_not_number": {"vi": "cần một số", "en": "Input should be a valid number{rest}"},
    "click_not_boolean": {"vi": "cần giá trị đúng/sai", "en": "Input should be a valid boolean{rest}"},
    "click_at_least": {"vi": "cần một số lớn hơn hoặc bằng {n}",
                       "en": "Input should be greater than or equal to {n}"},
    "click_at_most": {"vi": "cần một số nhỏ hơn hoặc bằng {n}",
                      "en": "Input should be less than or equal to {n}"},
    "click_above": {"vi": "cần một số lớn hơn {n}", "en": "Input should be greater than {n}"},
    "click_below": {"vi": "cần một số nhỏ hơn {n}", "en": "Input should be less than {n}"},
    "click_not_valid": {"vi": "{value} không phải giá trị {kind} hợp lệ",
                        "en": "Value {value} is not a valid {kind}."},
    "click_not_one_of": {"vi": "{value} không thuộc {choices}", "en": "{value} is not one of {choices}."},
    "click_label_file": {"vi": "tệp", "en": "File"},
    "click_label_directory": {"vi": "thư mục", "en": "Directory"},
    "click_label_path": {"vi": "đường dẫn", "en": "Path"},
    "click_path_missing": {"vi": "{label} {path} không tồn tại", "en": "{label} {path} does not exist."},
    "click_path_is_file": {"vi": "{label} {path} là một tệp", "en": "{label} {path} is a file."},
    "click_path_is_folder": {"vi": "{label} {path} là một thư mục",
                             "en": "{label} {path} is a directory."},
    "click_path_not_writable": {"vi": "không có quyền ghi {label} {path}",
                                "en": "{label} {path} is not writable."},
    "click_path_not_readable": {"vi": "không có quyền đọc {label} {path}",
                                "en": "{label} {path} is not readable."},
    "click_cannot_open": {"vi": "không mở được tệp {path}: {reason}",
                          "en": "Could not open file {path}: {reason}"},
    # session 5: translations that were module-local (render/_html_page.py, report/docx.py)
    "html_district_city": {"vi": "{full}", "en": "{label}"},
    #: proofing language tag of the DOCX styles and core properties
    "docx_proofing": {"vi": "vi-VN", "en": "en-GB"},
    #: "yes": the report opens with the national heading block of a Vietnamese
    #: administrative document (Nghị định 30/2020, Phụ lục I); an English report has none
    "docx_national_heading": {"vi": "yes", "en": "no"},
    # session 5: console lines - the operating system's reasons (i18n.os_reason)
    "oserr_EACCES": {"vi": "không có quyền truy cập", "en": "Permission denied"},
    "oserr_EPERM": {"vi": "thao tác không được phép", "en": "Operation not permitted"},
    "oserr_ENOENT": {"vi": "không có tệp hoặc thư mục này", "en": "No such file or directory"},
    "oserr_ENOTDIR": {"vi": "không phải thư mục", "en": "Not a directory"},
    "oserr_EISDIR": {"vi": "là một thư mục", "en": "Is a directory"},
    "oserr_EEXIST": {"vi": "tệp đã tồn tại", "en": "File exists"},
    "oserr_EROFS": {"vi": "hệ thống tệp chỉ đọc", "en": "Read-only file system"},
    "oserr_ENOSPC": {"vi": "hết dung lượng đĩa", "en": "No space left on device"},
    "oserr_EDQUOT": {"vi": "vượt hạn mức đĩa", "en": "Disk quota exceeded"},
    "oserr_EFBIG": {"vi": "tệp quá lớn", "en": "File too large"},
    "oserr_ENAMETOOLONG": {"vi": "tên tệp quá dài", "en": "File name too long"},
    "oserr_EBUSY": {"vi": "thiết bị hoặc tài nguyên đang bận", "en": "Device or resource busy"},
    "out_commit": {
        "vi": "{dest}: không thay được tệp ({reason}); các kết quả trước trong {out} vẫn được giữ "
              "nguyên. Hãy đóng tệp nếu một chương trình khác (Excel, Word, trình duyệt) đang "
              "mở nó, kiểm tra quyền và dung lượng trống của thư mục, rồi chạy lại.",
        "en": "{dest}: cannot replace it ({reason}); the previous outputs in {out} were kept as "
              "they were. Close the file if another program (Excel, Word, a browser) holds it "
              "open, check the folder's permissions and free space, then run again.",
    },
    # session 5: console lines - map options, atlas, years, the crosswalk's outputs, tables, report
    "map_width": {
        "vi": "chiều rộng hình {width} cm nằm ngoài khoảng cho phép; hãy dùng {lo}-{hi} cm.",
        "en": "figure width {width} cm is out of range; use {lo}-{hi} cm.",
    },
    "map_format_suffix": {
        "vi": "{path}: không ghi được ảnh {suffix}; hãy dùng .png, .svg hoặc .pdf.",
        "en": "{path}: cannot write {suffix} images; use .png, .svg or .pdf.",
    },
    "map_formats": {"vi": "không hỗ trợ định dạng {bad}: hãy dùng {formats}",
                    "en": "format(s) {bad} not supported: use {formats}"},
    "map_kinds": {"vi": "loại bản đồ {bad} không xác định: hãy dùng {kinds}",
                  "en": "map kind(s) {bad} unknown: use {kinds}"},
    "map_problems": {"vi": "{problems}.", "en": "{problems}."},
    "atlas_no_district": {
        "vi": "huyện {district} không có xã nào trong kết quả; hãy dùng một trong {districts}.",
        "en": "district {district} has no commune in the result; use one of {districts}.",
    },
    "atlas_no_districts": {
        "vi": "tập bản đồ huyện cần huyện của mọi xã; {n} xã không có huyện (các đơn vị từ "
              "1/7/2025 không còn cấp huyện): hãy tạo với --admin 2019.",
        "en": "the district atlas needs a district for every commune; {n} have none (units "
              "since 2025-07-01 have no districts): build it with --admin 2019.",
    },
    "cov_year_range": {
        "vi": "{option} {value}: không phải một năm của sổ theo dõi; hãy đưa một năm từ {first} "
              "đến {last}, ví dụ {example}.",
        "en": "{option} {value}: not a year of the register; give a year from {first} to "
              "{last}, e.g. {example}.",
    },
    "cov_compare_same": {
        "vi": "--compare {a} {b}: hai năm trùng nhau; hãy đưa hai năm khác nhau, ví dụ "
              "--compare 2018 2019.",
        "en": "--compare {a} {b}: the two years are the same; give two different years, e.g. "
              "--compare 2018 2019.",
    },
    "cwx_not_2025": {
        "vi": "write_outputs: kết quả phân tích này chưa được chuyển sang đơn vị 2025; hãy chạy "
              "với admin='2025' (camau_gis.crosswalk.to_2025) trước.",
        "en": "write_outputs: this analysis was not carried to the 2025 units; run it with "
              "admin='2025' (camau_gis.crosswalk.to_2025) first.",
    },
    "tab_suffix": {"vi": "--out {path}: hãy ghi tệp .csv hoặc .xlsx.",
                   "en": "--out {path}: write .csv or .xlsx."},
    "chgm_out_html": {
        "vi": "--out {out}: bản đồ thay đổi là một trang HTML; hãy đưa tên tệp .html.",
        "en": "--out {out}: the change map is an HTML page; give a .html file name.",
    },
    "rep_maps_missing": {
        "vi": "không tìm thấy ảnh bản đồ: {missing}; hãy chạy `camau-gis maps` trước hoặc bỏ "
              "các bản đồ.",
        "en": "map image(s) not found: {missing}; run `camau-gis maps` first or omit maps.",
    },
    # session 5: console lines - environment variables (settings.py, via errors.catalogue_message)
    "set_limit": {
        "vi": "{env}={raw}: cần một số nguyên dương, ví dụ {example}; bỏ biến này để dùng giá trị "
              "mặc định ({default}).",
        "en": "{env}={raw}: expected a positive whole number, e.g. {example}; unset it to use "
              "the default ({default}).",
    },
    "set_limit_bytes": {
        "vi": "{env}={raw}: cần một số byte nguyên dương, ví dụ {example}; bỏ biến này để dùng "
              "giá trị mặc định ({default}).",
        "en": "{env}={raw}: expected a positive whole number of bytes, e.g. {example}; unset it "
              "to use the default ({default}).",
    },
    "set_timeout": {
        "vi": "CAMAU_GIS_TIMEOUT={raw}: hãy đưa số giây lớn hơn 0, ví dụ 30.",
        "en": "CAMAU_GIS_TIMEOUT={raw}: give a number of seconds above 0, e.g. 30.",
    },
    "in_register_file": {"vi": "tệp sổ theo dõi", "en": "register file"},
    "in_boundary_file": {"vi": "tệp ranh giới", "en": "boundary file"},
    # session 5: console lines - the check of the crosswalk data (crosswalk/_source.py)
    "cws_incomplete": {
        "vi": "vietnamadminunits {version}: bảng chuyển đổi 2019 -> 2025 của Cà Mau và Bạc Liêu "
              "chưa đầy đủ; hãy ghim một phiên bản có đủ dữ liệu (>= 1.0.4): {problems}.",
        "en": "vietnamadminunits {version}: the 2019 -> 2025 crosswalk of Cà Mau and Bạc Liêu "
              "is incomplete; pin a version that covers it (>= 1.0.4): {problems}.",
    },
    "cws_no_predecessor": {"vi": "đơn vị mới {name} ({code}) không có đơn vị tiền thân",
                           "en": "new unit {name} ({code}) has no predecessor"},
    "cws_2024_step": {
        "vi": "bước 2024: {name} ({code}) nhập vào {into}, nhưng bảng admin_units_legacy của gói "
              "không có đơn vị này",
        "en": "2024 step: {name} ({code}) merges into {into}, which the package's "
              "admin_units_legacy table lacks",
    },
    "cws_new_key": {"vi": "converter_2025.json: đơn vị mới {key} không có trong admin_units",
                    "en": "converter_2025.json: new unit {key} not in admin_units"},
    "cws_old_key": {"vi": "converter_2025.json: {old} -> {new} không có trong admin_units",
                    "en": "converter_2025.json: {old} -> {new} not in admin_units"},
    "cws_both": {"vi": "{name} ({code}, {district}): vừa được ghi là nhập nguyên vừa là bị chia",
                 "en": "{name} ({code}, {district}): listed both whole and divided"},
    "cws_default": {
        "vi": "{name} ({code}, {district}): chia cho {codes} nhưng không có đúng một đơn vị kế "
              "thừa mặc định",
        "en": "{name} ({code}, {district}): divided between {codes} without exactly one default "
              "successor",
    },
    "cws_no_successor": {
        "vi": "{name} ({code}, {district}): không có đơn vị kế thừa năm 2025 (khóa của gói {key})",
        "en": "{name} ({code}, {district}): no 2025 successor (package key {key})",
    },
    # session 5: console lines - click's and typer's own help texts (cli/_app.click_texts)
    "click_usage": {"vi": "Cách dùng:", "en": "Usage:"},
    "click_panel_options": {"vi": "Tùy chọn", "en": "Options"},
    "click_panel_arguments": {"vi": "Đối số", "en": "Arguments"},
    "click_panel_commands": {"vi": "Lệnh", "en": "Commands"},
    "click_default": {"vi": "[mặc định: {}]", "en": "[default: {}]"},
    "click_required": {"vi": "[bắt buộc]", "en": "[required]"},
    "click_envvar": {"vi": "[biến môi trường: {}]", "en": "[env var: {}]"},
    "click_try_help": {"vi": "Xem [blue]'{command_path} {help_option}'[/] để được hướng dẫn.",
                       "en": "Try [blue]'{command_path} {help_option}'[/] for help."},
    "click_help_option": {"vi": "Hiện hướng dẫn này rồi thoát.", "en": "Show this message and exit."},
    "click_options_metavar": {"vi": "[TÙY CHỌN]", "en": "[OPTIONS]"},
    "click_command_metavar": {"vi": "LỆNH [ĐỐI SỐ]...", "en": "COMMAND [ARGS]..."},
    # session 6: console lines - the CLI's own help texts (cli/_help.localise; keys in its docstring)
    "help_app": {"vi": "Mức độ bao phủ của các mô hình bảo đảm an ninh trật tự ở cơ sở tại các xã tỉnh Cà Mau.",
                 "en": "Coverage of community public-security models across Cà Mau's communes."},
    "help_app_debug": {
        "vi": "Khi lỗi, in cả vết lỗi (traceback); cũng bật được bằng CAMAU_GIS_DEBUG=1. Mã thoát: 1 lỗi nội bộ, 2 tùy chọn sai, 3 không đọc được dữ liệu vào, 4 dữ liệu không hợp lệ, 5 không ghi được kết quả, 6 không tải về được.",
        "en": "On failure, print the traceback too (also CAMAU_GIS_DEBUG=1). Exit codes: 1 internal error, 2 bad option, 3 unreadable input, 4 invalid data, 5 output not writable, 6 download failed.",
    },
    "help_app_quiet": {"vi": "Không hiện các dòng tiến độ trên stderr (chúng vốn chỉ hiện khi chạy trong cửa sổ dòng lệnh).",
                       "en": "No progress rows on stderr (they are shown only on a terminal anyway)."},
    "help_build": {"vi": "Lập mọi kết quả: bản đồ HTML, bản đồ PNG, bảng CSV/XLSX, GeoPackage, summary.json.",
                   "en": "Build every output: HTML map, PNG map, CSV/XLSX tables, GeoPackage, summary.json."},
    "help_analyze": {"vi": "Chỉ ghi các bảng phân tích (CSV/XLSX, GeoPackage, summary.json; thêm no_data_units.csv với --admin 2025).",
                     "en": "Write the analysis tables only (CSV/XLSX, GeoPackage, summary.json; no_data_units.csv for --admin 2025)."},
    "help_versions": {"vi": "In phiên bản của camau-gis, các thư viện, GDAL và PROJ, để gửi kèm khi báo lỗi.",
                      "en": "Print camau-gis, library, GDAL and PROJ versions for bug reports."},
    "help_paths": {
        "vi": "In các thư mục camau-gis đọc và ghi, và quy tắc đã chọn chúng.\n\nRanh giới nằm trong thư mục dữ liệu người dùng (CAMAU_GIS_HOME), tệp tải về và bộ nhớ đệm trong thư mục bộ nhớ đệm của người dùng (CAMAU_GIS_CACHE), kết quả trong ./outputs (--out); chạy từ bên trong một bản mã nguồn thì shapefiles/ và .cache/ nằm ngay trong bản đó.",
        "en": "Print the folders camau-gis reads and writes, and the rule that chose them.\n\nBoundaries go to the user data folder (CAMAU_GIS_HOME), downloads and caches to the user cache folder (CAMAU_GIS_CACHE), outputs to ./outputs (--out); a source checkout run from inside it keeps shapefiles/ and .cache/ in it.",
    },
    "help_maps": {"vi": "Ghi các bản đồ tĩnh (bao phủ, tiêu chí 19, ưu tiên, số mô hình) dạng PNG/SVG/PDF.",
                  "en": "Write the static maps (coverage, criterion 19, priority, models) as PNG/SVG/PDF."},
    "help_report": {"vi": "Ghi báo cáo Word (report.docx) và báo cáo HTML độc lập (report.html).",
                    "en": "Write the Word report (report.docx) and the standalone HTML report (report.html)."},
    "help_plan": {"vi": "Đề xuất vị trí mô hình mới: plan.csv/.xlsx, lớp plan trong communes.gpkg, plan_map.html/.png.",
                  "en": "Plan new models: plan.csv/.xlsx, plan layer in communes.gpkg, plan_map.html/.png."},
    "help_boundaries": {"vi": "Tải, kiểm tra và nhập ranh giới xã.", "en": "Fetch, inspect and import commune boundaries."},
    "help_boundaries_fetch": {
        "vi": "Tải ranh giới (lưu đệm, có kiểm tra), chọn một tỉnh, ghi lớp xã chuẩn.\n\nNếu lớp đã có thì chỉ báo như vậy, không làm gì thêm (--force để làm lại).",
        "en": "Download boundaries (cached, verified), select a province, write the canonical layer.\n\nDoes nothing but say so when the layer is already there (--force redoes it).",
    },
    "help_boundaries_inspect": {"vi": "In những gì phát hiện được: cấu trúc tệp, hệ tọa độ (CRS) và phép chuyển đổi, bảng mã chữ, số lượng, các vấn đề.",
                                "en": "Print what was detected: layout, CRS and transformation, encoding, counts, problems."},
    "help_boundaries_import": {"vi": "Đọc một tệp ranh giới bất kỳ thành lớp xã chuẩn (GeoPackage + Shapefile).",
                               "en": "Read any boundary file into the canonical commune layer (GeoPackage + Shapefile)."},
    "help_register": {"vi": "Kiểm tra sổ theo dõi mô hình; ghi mẫu sổ.", "en": "Check a register of models; write templates."},
    "help_register_check": {
        "vi": "Đọc và kiểm tra sổ theo dõi, đối chiếu với các xã, ghi báo cáo đối chiếu.\n\nMã thoát: 0 khi mọi dòng dữ liệu đều khớp xã; 4 khi có dòng cần xem lại (được liệt kê, và có đủ trong báo cáo đối chiếu; dòng bố cục như dòng tổng hay phần chữ ký không bao giờ được tính); 3 khi không đọc được sổ hoặc ranh giới; 4 khi tệp không có bảng dùng được (không có dòng tiêu đề, không có cột xã).",
        "en": "Read and validate a register, match it to the communes, write the match report.\n\nExit status: 0 when every data row joined, 4 when some rows need attention (listed, and all in the match report; layout rows such as totals or the signature block never count), 3 when the register or boundaries cannot be read, 4 when the file has no usable table (no header row, no commune column).",
    },
    "help_register_template": {
        "vi": "Ghi mẫu sổ theo dõi trống, tiêu đề tiếng Việt (trang hướng dẫn liệt kê các tên tiếng Anh tương đương).\n\nMẫu XLSX có danh sách chọn: các xã (tên và mã) của tỉnh theo thời kỳ đã chọn, kết quả tiêu chí 19, có/không và các cấp.",
        "en": "Write empty register templates with Vietnamese headers (the guide lists English aliases).\n\nThe XLSX template offers drop-down lists: the communes (name and code) of the province and vintage, criterion-19 results, yes/no and levels.",
    },
    "help_crosswalk": {"vi": "Xã năm 2019 -> đơn vị năm 2025 của tỉnh Cà Mau sau sáp nhập (bảng chuyển đổi, bản đồ thay đổi, tra mã).",
                       "en": "2019 communes -> 2025 units of the merged Cà Mau province (table, change map, lookup)."},
    "help_crosswalk_table": {"vi": "Ghi bảng chuyển đổi: mỗi xã năm 2019 (165 xã) một dòng, kèm (các) đơn vị năm 2025 của xã đó.",
                             "en": "Write the crosswalk: one row per 2019 commune (165) with its 2025 unit(s)."},
    "help_crosswalk_map": {"vi": "Ghi bản đồ thay đổi: các xã năm 2019 dưới 64 đơn vị năm 2025, các xã cũ hiện khi rê chuột.",
                           "en": "Write the change map: 2019 communes under the 64 units of 2025, predecessors in tooltips."},
    "help_crosswalk_show": {"vi": "Cho biết một mã là đơn vị nào năm 2019 và năm 2025 (mã đã được dùng lại: hãy kiểm tra trước khi ghép).",
                            "en": "Say what a code means in 2019 and in 2025 (codes were reused: check before joining)."},
    # options and arguments shared by every command that has them (help_opt_<name>)
    "help_opt_out": {"vi": "Thư mục kết quả.", "en": "Output folder."},
    "help_opt_boundaries": {"vi": "Tệp đa giác ranh giới xã (Shapefile, .zip, GeoPackage, GeoJSON); mặc định: shapefiles/ do `boundaries fetch` tải về.",
                            "en": "Polygon file of the communes (Shapefile, .zip, GeoPackage, GeoJSON); default: shapefiles/ from `boundaries fetch`."},
    "help_opt_layer": {"vi": "Lớp cần đọc trong tệp ranh giới có nhiều lớp.", "en": "Layer of a multi-layer boundary file."},
    "help_opt_province": {"vi": "Tên tỉnh hoặc mã GSO (mặc định Cà Mau).", "en": "Province name or GSO code (default Cà Mau)."},
    "help_opt_columns": {"vi": "Gán cột của tệp ranh giới theo dạng ROLE=COLUMN (vai trò=cột; lặp lại được); vai trò: commune, district, province, unit_type, code.",
                         "en": "Boundary column mapping ROLE=COLUMN (repeat); roles: commune, district, province, unit_type, code."},
    "help_opt_crs": {"vi": "Hệ tọa độ (CRS) của tệp ranh giới khi thiếu .prj hoặc .prj sai, ví dụ EPSG:9207 (VN-2000 / TM-3 104°30').",
                     "en": "CRS of the boundary coordinates when the .prj is missing or wrong, e.g. EPSG:9207 (VN-2000 / TM-3 104°30')."},
    "help_opt_encoding": {"vi": "Bảng mã chữ của tệp DBF khi thiếu .cpg hoặc .cpg sai: utf-8, cp1258, tcvn3, vni, cp1252.",
                          "en": "DBF text encoding when .cpg is missing or wrong: utf-8, cp1258, tcvn3, vni, cp1252."},
    "help_opt_register": {"vi": "Sổ theo dõi mô hình (CSV/XLSX); mặc định: sổ ví dụ đi kèm chương trình.",
                          "en": "Register of models (CSV/XLSX); default: the shipped example register."},
    "help_opt_c19": {"vi": "Bảng tiêu chí 19 (CSV/XLSX); mặc định: bảng của sổ ví dụ, hoặc một trang của --register.",
                     "en": "Criterion-19 table (CSV/XLSX); default: the example's, or a sheet of --register."},
    "help_opt_register_columns": {"vi": "Gán tiêu đề cột của sổ theo dạng FIELD=HEADER (trường=tiêu đề; lặp lại được).",
                                  "en": "Register header mapping FIELD=HEADER (repeat)."},
    "help_opt_year": {"vi": "Tình trạng tại năm này (mô hình đang hoạt động, kết quả tiêu chí 19).",
                      "en": "State at this year (models active, criterion-19 status)."},
    "help_opt_compare": {"vi": "So sánh hai năm, ví dụ --compare 2018 2019.", "en": "Compare two years, e.g. --compare 2018 2019."},
    "help_opt_admin": {"vi": "Đơn vị hành chính: 2019 (có huyện) hoặc 2025 (tỉnh sau sáp nhập, 64 đơn vị); mặc định: đơn vị mà sổ theo dõi ghi.",
                       "en": "Administrative units: 2019 (districts) or 2025 (merged province, 64 units); default: those the register is written in."},
    "help_opt_bac_lieu": {"vi": "Ranh giới cũ của Bạc Liêu cho --admin 2025; mặc định: shapefiles/ (tải về ở lần dùng đầu).",
                          "en": "Old Bạc Liêu boundaries for --admin 2025; default: shapefiles/ (fetched on first use)."},
    "help_opt_max_register_mb": {
        "vi": "Từ chối tệp sổ lớn hơn số MiB này (mặc định 50; tệp XLSX giải nén ra có thể gấp 4 lần). Được ưu tiên hơn CAMAU_GIS_MAX_REGISTER_BYTES.",
        "en": "Refuse a register file larger than this many MiB (default 50; an XLSX may hold 4x that unzipped). Overrides CAMAU_GIS_MAX_REGISTER_BYTES.",
    },
    "help_opt_max_register_rows": {
        "vi": "Từ chối trang sổ hoặc tệp CSV có nhiều dòng hơn số này (mặc định 500000). Được ưu tiên hơn CAMAU_GIS_MAX_REGISTER_ROWS.",
        "en": "Refuse a register sheet or CSV with more rows (default 500000). Overrides CAMAU_GIS_MAX_REGISTER_ROWS.",
    },
    "help_opt_scheme": {"vi": "Phương pháp phân lớp (của mapclassify) cho số mô hình mỗi xã.",
                        "en": "mapclassify scheme for models per commune."},
    "help_opt_page": {"vi": "Khổ giấy: A4 hoặc A3, -portrait (dọc) hoặc -landscape (ngang), ví dụ A3-portrait.",
                      "en": "Page preset: A4 or A3, -portrait or -landscape, e.g. A3-portrait."},
    "help_opt_dpi": {"vi": "Độ phân giải PNG (300 = chất lượng in).", "en": "PNG resolution (300 = print)."},
    "help_opt_online": {"vi": "Tải các thư viện JavaScript của bản đồ (Leaflet…) từ CDN thay vì nhúng vào tệp (tệp nhẹ hơn, cần internet).",
                        "en": "Load the map's scripts (Leaflet…) from their CDN instead of embedding them (lighter file, needs internet)."},
    "help_opt_atlas": {"vi": "Ghi thêm tập bản đồ các huyện (atlas.pdf + mỗi huyện một tệp PNG).",
                       "en": "Also write the district atlas (atlas.pdf + one PNG per district)."},
    "help_opt_lang": {"vi": "Ngôn ngữ của những gì lệnh in ra: vi (mặc định) hoặc en.",
                      "en": "Language of what the command prints: vi (default) or en."},
    # options of one command (help_<command>_<name>) or of one group (help_<group>_<name>)
    "help_build_lang": {"vi": "Ngôn ngữ của bản đồ, bảng và thông báo: vi hoặc en.", "en": "Language of the maps, tables and messages: vi or en."},
    "help_analyze_lang": {"vi": "Ngôn ngữ của tiêu đề bảng, lý do và thông báo: vi hoặc en.",
                          "en": "Language of the table headers, reasons and messages: vi or en."},
    "help_maps_kind": {"vi": "Loại bản đồ: coverage, c19, priority, models (lặp lại hoặc cách nhau bằng dấu phẩy; mặc định: tất cả).",
                       "en": "Map kind: coverage, c19, priority, models (repeat or comma-separate; default all)."},
    "help_maps_fmt": {"vi": "Định dạng tệp: png, svg, pdf (lặp lại hoặc cách nhau bằng dấu phẩy; mặc định png).",
                      "en": "File format: png, svg, pdf (repeat or comma-separate; default png)."},
    "help_maps_lang": {"vi": "Ngôn ngữ của bản đồ và thông báo: vi hoặc en.", "en": "Language of the maps and messages: vi or en."},
    "help_maps_web": {"vi": "Ghi thêm coverage_map_web.png: ảnh chụp bản đồ HTML bằng Chromium chạy ẩn.",
                      "en": "Also write coverage_map_web.png: the HTML map shot in headless Chromium."},
    "help_maps_for_report": {
        "vi": "Hình để dán vào văn bản: không có tiêu đề (chú thích hình của bạn thay cho tiêu đề), chữ đúng cỡ khi in ở bề rộng --width-cm; ghi thành figure_<kind>_map.<fmt>.",
        "en": "Figures to paste into a document: no title (your caption carries it), text at printed size for --width-cm; written as figure_<kind>_map.<fmt>.",
    },
    "help_maps_width_cm": {"vi": "Bề rộng khi in của hình --for-report, tính bằng cm (16.5 = bề rộng vùng chữ của trang A4).",
                           "en": "Printed width of --for-report figures in cm (16.5 = A4 text width)."},
    "help_report_lang": {"vi": "Ngôn ngữ của báo cáo và thông báo: vi hoặc en.", "en": "Language of the report and messages: vi or en."},
    "help_report_dpi": {"vi": "Độ phân giải của các bản đồ chèn trong báo cáo.", "en": "Resolution of the maps embedded in the report."},
    "help_report_page": {"vi": "Khổ giấy của các bản đồ: A4 hoặc A3, -portrait (dọc) hoặc -landscape (ngang).",
                         "en": "Page preset of the maps: A4 or A3, -portrait or -landscape."},
    "help_plan_models": {
        "vi": "Ngân sách: số mô hình mới cần đặt (phục vụ tối đa, MCLP). Bỏ tùy chọn này để tìm số mô hình mới ít nhất phục vụ được mọi xã (phủ tập hợp, LSCP).",
        "en": "Budget: number of new models to place (maximal covering, MCLP). Leave out for the fewest models that serve every commune (set covering, LSCP).",
    },
    "help_plan_service": {"vi": "Quy tắc phục vụ: adjacent (mô hình phục vụ xã của nó và các xã giáp ranh) hoặc distance (trong bán kính --distance-km).",
                          "en": "Service rule: adjacent (a model serves its commune and the bordering ones) or distance (within --distance-km)."},
    "help_plan_distance_km": {"vi": "Bán kính phục vụ, tính bằng km, cho --service distance.", "en": "Service radius in km for --service distance."},
    "help_plan_distance_from": {"vi": "Cách đo khoảng cách cho --service distance: centroid (giữa hai tâm xã) hoặc boundary (giữa hai ranh giới xã).",
                                "en": "Distance for --service distance: centroid (centroid to centroid) or boundary (polygon to polygon)."},
    "help_plan_weight": {
        "vi": "Trọng số nhu cầu: equal (mỗi xã bằng 1), area (diện tích, km²), hoặc một cột của --weights-file (ví dụ dân số, số vụ việc, điểm ưu tiên).",
        "en": "Demand weight: equal (1 per commune), area (km²), or a column of --weights-file (e.g. population, incidents, priority score).",
    },
    "help_plan_weights_file": {"vi": "Tệp CSV/XLSX mỗi xã một dòng: mã GSO (Mã xã) hoặc tên (Tên xã, kèm Huyện), và cột --weight.",
                               "en": "CSV/XLSX with one row per commune: GSO code (Mã xã) or name (Tên xã, with Huyện), and the --weight column."},
    "help_plan_weight_unit": {"vi": "Đơn vị của trọng số ghi trong kết quả, ví dụ người, vụ/năm.",
                              "en": "Unit of the weight shown in the outputs, e.g. người (persons), vụ/năm (cases per year)."},
    "help_plan_exclude": {"vi": "Xã không được đặt mô hình: mã GSO hoặc 'Tên xã, Huyện' (lặp lại được).",
                          "en": "Commune that must not get a model: GSO code or 'Name, District' (repeat)."},
    "help_plan_force": {"vi": "Xã bắt buộc đặt mô hình mới (tính vào --models; lặp lại được).",
                        "en": "Commune that must get a new model (counts towards --models; repeat)."},
    "help_plan_c19_mode": {
        "vi": "Tiêu chí 19 trong đề xuất: ignore (bỏ qua); weight (xã chưa đạt có trọng số gấp --c19-factor lần); require (mọi xã chưa đạt đều phải được phục vụ).",
        "en": "Criterion 19 in the plan: ignore; weight (communes that have not achieved it weigh --c19-factor times more); require (every such commune must be served).",
    },
    "help_plan_c19_factor": {"vi": "Hệ số nhân trọng số của --c19-mode weight.", "en": "Weight multiplier of --c19-mode weight."},
    "help_plan_time_limit": {"vi": "Dừng bộ giải sau số giây này (dùng phương án tốt nhất đã tìm được, không kém kết quả tham lam).",
                             "en": "Stop the solver after this many seconds (the best plan found, never worse than greedy)."},
    "help_plan_report": {"vi": "Ghi thêm báo cáo Word/HTML có mục 'Đề xuất vị trí mô hình mới'.",
                         "en": "Also write the Word/HTML report with the section 'Proposed locations for new models'."},
    "help_plan_lang": {"vi": "Ngôn ngữ của mọi kết quả và thông báo: vi hoặc en.", "en": "Language of every output and message: vi or en."},
    "help_plan_dpi": {"vi": "Độ phân giải của plan_map.png.", "en": "Resolution of plan_map.png."},
    "help_boundaries_out": {"vi": "Thư mục kết quả (mặc định: shapefiles/ trong thư mục dữ liệu, xem `camau-gis paths`).",
                            "en": "Output folder (default: shapefiles/ in the data folder, see `camau-gis paths`)."},
    "help_boundaries_province": {"vi": "Tên tỉnh hoặc mã GSO.", "en": "Province name or GSO code."},
    "help_boundaries_fetch_source": {"vi": "Nguồn: vietnam63 (giấy phép MIT), gadm (GADM 4.1, cấp 3) hoặc geoboundaries (ADM3).",
                                     "en": "Source: vietnam63 (MIT licence), gadm (GADM 4.1 level 3) or geoboundaries (ADM3)."},
    "help_boundaries_fetch_base_url": {"vi": "Địa chỉ máy chủ thay thế hoặc thư mục trên máy chứa tệp nguồn (để dùng khi không có mạng).",
                                       "en": "Mirror URL or local folder holding the source file (offline use)."},
    "help_boundaries_fetch_sha256": {"vi": "Mã SHA-256 mong đợi của tệp gadm/geoboundaries.", "en": "Expected SHA-256 of a gadm/geoboundaries file."},
    "help_boundaries_fetch_force": {"vi": "Làm lại cả khi lớp đã có.", "en": "Redo it even when the layer is already there."},
    "help_boundaries_inspect_path": {"vi": "Tệp ranh giới: Shapefile, .zip, GeoPackage, GeoJSON, .rda.",
                                     "en": "Boundary file: Shapefile, .zip, GeoPackage, GeoJSON, .rda."},
    "help_boundaries_inspect_as_json": {"vi": "In kết quả kiểm tra dạng JSON.", "en": "Print the report as JSON."},
    "help_boundaries_inspect_province": {"vi": "Tên tỉnh hoặc mã GSO (mặc định Cà Mau); * để lấy mọi tỉnh.",
                                         "en": "Province name or GSO code (default Cà Mau); * for all."},
    "help_boundaries_inspect_tolerance": {"vi": "Diện tích chồng lấn hoặc khe hở nhỏ nhất được báo, m² (mặc định 10000).",
                                          "en": "Smallest overlap/gap reported, m² (default 10000)."},
    "help_boundaries_inspect_reference": {"vi": "Tệp ranh giới tin cậy của cùng tỉnh, để kiểm tra đường ranh tỉnh và độ lệch tọa độ.",
                                          "en": "Trusted boundary file of the same province, for the outline and datum-offset checks."},
    "help_boundaries_import_path": {"vi": "Tệp ranh giới cần chuyển thành lớp xã chuẩn.", "en": "Boundary file to turn into the canonical layer."},
    "help_register_check_register": {
        "vi": "Sổ theo dõi mô hình (CSV/XLSX; tệp XLSX có thể chứa cả trang tiêu chí 19). Mặc định: sổ ví dụ đi kèm chương trình.",
        "en": "Register of models (CSV/XLSX; an XLSX may hold the criterion-19 sheet too). Default: the shipped example register.",
    },
    "help_register_check_c19": {"vi": "Bảng tiêu chí 19 (CSV/XLSX).", "en": "Criterion-19 table (CSV/XLSX)."},
    "help_register_check_columns": {"vi": "Gán tiêu đề cột của sổ theo dạng FIELD=HEADER (trường=tiêu đề), ví dụ commune='Địa phương' (lặp lại được).",
                                    "en": "Header mapping FIELD=HEADER, e.g. commune='Địa phương' (repeat)."},
    "help_register_check_sheet": {"vi": "Trang tính chứa bảng mô hình.", "en": "Sheet holding the models table."},
    "help_register_check_c19_sheet": {"vi": "Trang tính chứa bảng tiêu chí 19 (của --c19, hoặc của sổ khi không có --c19).",
                                      "en": "Sheet holding the criterion-19 table (of --c19, or of the register when --c19 is not given)."},
    "help_register_check_report": {"vi": "Báo cáo đối chiếu, .csv hoặc .xlsx (mặc định outputs/match_report.csv).",
                                   "en": "Match report, .csv or .xlsx (default outputs/match_report.csv)."},
    "help_register_check_fix": {
        "vi": "Ghi một bản sao đã sửa của sổ (.xlsx): điền mã GSO cho các dòng đã khớp, ghi gợi ý bên cạnh các dòng cần quyết định.",
        "en": "Write a corrected copy of the register (.xlsx): GSO codes filled for the rows that joined, suggestions beside the rows that need a decision.",
    },
    "help_register_check_lang": {"vi": "Ngôn ngữ của báo cáo đối chiếu và thông báo: vi (mặc định) hoặc en.",
                                 "en": "Language of the match report and messages: vi (default) or en."},
    "help_register_template_format": {"vi": "xlsx (một bảng tính) hoặc csv (hai tệp).", "en": "xlsx (one workbook) or csv (two files)."},
    "help_register_template_out": {"vi": "Thư mục kết quả (mặc định outputs/).", "en": "Output folder (default outputs/)."},
    "help_register_template_lang": {"vi": "Ngôn ngữ của trang hướng dẫn và thông báo: vi (mặc định) hoặc en.",
                                    "en": "Language of the guide sheet and messages: vi (default) or en."},
    "help_register_template_province": {"vi": "Tỉnh của danh sách chọn xã (mặc định Cà Mau).", "en": "Province of the commune drop-down (default Cà Mau)."},
    "help_register_template_vintage": {"vi": "Đơn vị của danh sách chọn xã: 2019 (có huyện) hoặc 2025 (tỉnh sau sáp nhập).",
                                       "en": "Units of the commune drop-down: 2019 (with districts) or 2025 (the merged province)."},
    "help_register_template_force": {"vi": "Thay các tệp mẫu đã có.", "en": "Replace template files that exist already."},
    "help_crosswalk_table_out": {"vi": "Tệp kết quả, .csv (UTF-8) hoặc .xlsx.", "en": "Output file, .csv (UTF-8) or .xlsx."},
    "help_crosswalk_table_units": {"vi": "Thay vào đó, ghi 64 đơn vị năm 2025 kèm các xã cũ hợp thành.",
                                   "en": "Write the 64 units of 2025 with their predecessors instead."},
    "help_crosswalk_table_divided": {"vi": "Chỉ ghi 19 xã năm 2019 bị chia.", "en": "Only the 19 divided 2019 communes."},
    "help_crosswalk_table_lang": {"vi": "Ngôn ngữ của chữ trong bảng và thông báo: vi hoặc en.",
                                  "en": "Language of the table's texts and messages: vi or en."},
    "help_crosswalk_map_out": {"vi": "Tệp HTML.", "en": "HTML file."},
    "help_crosswalk_map_boundaries": {"vi": "Các xã Cà Mau năm 2019; mặc định: shapefiles/ do `boundaries fetch` tải về.",
                                      "en": "2019 Cà Mau communes; default: shapefiles/ from `boundaries fetch`."},
    "help_crosswalk_map_bac_lieu": {"vi": "Các xã Bạc Liêu năm 2019; mặc định: shapefiles/bac_lieu_communes.gpkg (tải về ở lần dùng đầu).",
                                    "en": "2019 Bạc Liêu communes; default: shapefiles/bac_lieu_communes.gpkg (fetched on first use)."},
    "help_crosswalk_map_lang": {"vi": "Ngôn ngữ của chữ trên bản đồ và thông báo: vi hoặc en.",
                                "en": "Language of the map's texts and messages: vi or en."},
    "help_crosswalk_show_code": {"vi": "Mã xã gồm 5 chữ số.", "en": "A 5-digit commune code."},
    "help_crosswalk_show_vintage": {"vi": "2019 hoặc 2025; mặc định: cho biết nghĩa của mã ở cả hai năm.",
                                    "en": "2019 or 2025; default: show what the code means in each."},
    "help_paths_as_json": {"vi": "In các thư mục dạng JSON.", "en": "Print the folders as JSON."},
    # the value column beside an option or argument (meta_<...>_<name>, else the word of its type)
    "meta_type_path": {"vi": "<đường dẫn>", "en": "<path>"},
    "meta_type_str": {"vi": "<chữ>", "en": "<text>"},
    "meta_type_int": {"vi": "<số nguyên>", "en": "<integer>"},
    "meta_type_float": {"vi": "<số>", "en": "<number>"},
    "meta_opt_columns": {"vi": "ROLE=COLUMN", "en": "ROLE=COLUMN"},
    "meta_opt_register_columns": {"vi": "FIELD=HEADER", "en": "FIELD=HEADER"},
    "meta_register_check_columns": {"vi": "FIELD=HEADER", "en": "FIELD=HEADER"},
    "meta_opt_compare": {"vi": "NĂM NĂM", "en": "YEAR YEAR"},
    "meta_opt_lang": {"vi": "vi|en", "en": "vi|en"},
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
        from . import settings
        from .errors import OptionError

        raise OptionError(t("lang_unsupported", settings.language).format(
            lang=lang, langs=", ".join(LANGS)))
    return code


def t(key: str, lang: str | None = None) -> str:
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


def pick(lang: str | None = None, **texts: str) -> str:
    """Choose, by language, a text that comes in both languages from a data file.

    ``pick(lang, vi=field.help_vi, en=field.help_en)``: the register fields and the
    criteria sets keep their two texts side by side in ``camau_gis/data``.
    """
    code = check_lang(lang)
    return texts.get(code) or texts[LANGS[0]]


def date_text(iso: str, lang: str | None = None) -> str:
    """Write an ISO date in a sentence: ``"2025-07-01"`` -> ``"1/7/2025"`` / ``"1 July 2025"``."""
    y, m, d = (int(x) for x in iso.split("-"))
    return t("date_text", lang).format(d=d, m=m, y=y, month=t(f"month_{m}", lang))


def labels(lang: str | None = None) -> dict[str, str]:
    """Return every label in ``lang`` as a flat ``{key: text}`` dictionary."""
    code = check_lang(lang)
    return {key: t(key, code) for key in LABELS}


class Msg(str):
    """A message of the catalogue with its values, in any language.

    It is the text in :data:`camau_gis.settings.language` (a ``str``, so it
    goes wherever text goes); :meth:`say` renders it in another language.
    Values that are messages themselves (a location, a parser's complaint)
    are rendered in the same language.

    Examples
    --------
    >>> Msg("val_level").say("en")
    'expected xã, huyện or tỉnh'
    """

    key: str
    params: dict[str, object]

    def __new__(cls, key: str, /, **params: object) -> Msg:  # noqa: D102
        self = super().__new__(cls, _render(key, params, None))
        self.key, self.params = key, params
        return self

    def say(self, lang: str | None = None) -> str:
        """Return the message in ``lang`` (default :data:`camau_gis.settings.language`)."""
        return _render(self.key, self.params, lang)

    def __reduce__(self) -> tuple:
        return _rebuild, (self.key, self.params)


def _rebuild(key: str, params: dict[str, object]) -> Msg:
    return Msg(key, **params)


def say(value: object, lang: str | None = None) -> str:
    """Return ``value`` in ``lang``.

    A :class:`Msg` (or anything with ``say``) rendered, a list joined with ``"; "``,
    anything else as text.
    """
    if isinstance(value, (list, tuple)):
        return "; ".join(say(v, lang) for v in value)
    render = getattr(value, "say", None)
    return render(lang) if callable(render) else str(value)


def _render(key: str, params: dict[str, object], lang: str | None) -> str:
    return t(key, lang).format(**{k: say(v, lang) for k, v in params.items()})


# issue 20 (session 4): numbers are written once, the way readers of the language write them
def fmt_number(value: float, lang: str | None = None, digits: int | None = 0) -> str:
    """Format a number as readers of ``lang`` write it (vi: ``1.234,5``, ``0,324``; en: ``0.324``).

    ``digits`` decimals (thousands grouped), or ``None`` for the shortest
    form (``:g``, as on a chart's axis: ``-0,5``, ``1``).
    """
    code = check_lang(lang)
    text = f"{value:g}" if digits is None else f"{value:,.{digits}f}"
    if code == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def fmt_percent(share: float | None, lang: str | None = None, digits: int = 1) -> str:
    """Format a share (0-1) as a percentage: ``"81,2%"`` (vi), ``"81.2%"`` (en); ``"–"``: unknown."""
    return "–" if share is None else f"{fmt_number(100.0 * share, lang, digits)}%"


# session 5: console lines - the operating system's reason for a failed read or write
#: errno names with a catalogue text (``oserr_<name>``); others keep the system's own words.
OS_REASONS = ("EACCES", "EPERM", "ENOENT", "ENOTDIR", "EISDIR", "EEXIST", "EROFS", "ENOSPC",
              "EDQUOT", "EFBIG", "ENAMETOOLONG", "EBUSY")


class OsReason:
    """The reason of ``exc`` as a value of a :class:`Msg`, rendered in the message's language."""

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc

    def say(self, lang: str | None = None) -> str:
        """Return :func:`os_reason` of the error in ``lang``."""
        return os_reason(self.exc, lang)

    def __str__(self) -> str:
        return self.say()


def os_reason(exc: BaseException, lang: str | None = None) -> str:
    """Return the reason of an ``OSError`` in ``lang`` (``"không phải thư mục"``: ``ENOTDIR``).

    An error without a known ``errno``, or whose ``strerror`` is not the system's
    standard text (a library's own words), gives its ``strerror``; a non-OS
    exception gives ``"ValueError: …"``.
    """
    import errno
    import os

    code = getattr(exc, "errno", None)
    name = errno.errorcode.get(code) if isinstance(code, int) else None
    own = getattr(exc, "strerror", None)
    if isinstance(code, int) and name in OS_REASONS and (not own or own == os.strerror(code)):
        return t(f"oserr_{name}", lang)
    return own or f"{type(exc).__name__}: {exc}"


def _register() -> None:
    """Let modules below the catalogue (settings) make catalogue messages (errors.catalogue_message)."""
    from . import errors

    errors._MESSAGE = Msg


_register()
