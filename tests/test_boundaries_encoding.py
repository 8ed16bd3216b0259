"""Text encodings: per-column detection of UTF-8, CP1258, TCVN3 and VNI, NFC output."""

from __future__ import annotations

import unicodedata

import pandas as pd
import pytest

from camau_gis.io import encoding as enc

NAMES = [
    "Xã Hiệp Tùng",
    "Thị trấn Năm Căn",
    "Xã Đất Mũi",
    "Phường Tân Thành",
    "Xã Khánh Bình Tây Bắc",
    "Xã Nguyễn Huân",
    "Xã Lương Thế Trân",
    "Thị trấn Sông Đốc",
    "Ấp Ông Đốc",
]


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "cp1258"])
def test_raw_column_round_trip(encoding):
    raw = [enc.encode_legacy(n, encoding) for n in NAMES]
    got, values, score = enc.decode_column(raw)
    assert got == encoding
    assert values == NAMES and score == 1.0
    assert all(unicodedata.is_normalized("NFC", v) for v in values)


def test_utf8_bytes_stay_utf8():
    got, values, _ = enc.decode_column([n.encode("utf-8") for n in NAMES])
    assert got == "utf-8" and values == NAMES


def test_cp1258_decodes_to_nfc_not_decomposed():
    raw = enc.encode_legacy("Xã Hiệp Tùng", "cp1258")
    plain = raw.decode("cp1258")
    assert not unicodedata.is_normalized("NFC", plain)  # CP1258 stores tones as combining marks
    _, values, _ = enc.decode_column([raw])
    assert values == ["Xã Hiệp Tùng"]


def test_tcvn3_restores_capital_toned_vowels_in_names():
    # TCVN3 has no capital toned vowels: "Ấp" is written with the lower-case byte.
    raw = enc.encode_legacy("Ấp Ông Đốc", "tcvn3")
    assert raw[:1] == b"\xca"  # the byte of lower-case "ấ"
    _, values, _ = enc.decode_column([enc.encode_legacy(n, "tcvn3") for n in NAMES])
    assert "Ấp Ông Đốc" in values and "Thị trấn Năm Căn" in values


def test_legacy_text_read_as_latin1_in_a_utf8_file_is_converted():
    surface = [enc.encode_legacy(n, "tcvn3").decode("latin-1") for n in NAMES]
    got, values, _ = enc.legacy_in_text(surface)
    assert got == "tcvn3" and values == NAMES
    got, values, _ = enc.legacy_in_text(NAMES)
    assert got is None and values == NAMES


def test_a_short_ambiguous_column_follows_the_file():
    """One value 'Cà Mau' in VNI could also read as TCVN3; the rest of the file decides."""
    df = pd.DataFrame(
        {
            "province": [enc.encode_legacy("Cà Mau", "vni").decode("latin-1")] * len(NAMES),
            "commune": [enc.encode_legacy(n, "vni").decode("latin-1") for n in NAMES],
            "code": ["32197"] * len(NAMES),
        }
    )
    fixed, report = enc.fix_columns(df, raw_bytes=True)
    by_col = {c.column: c.encoding for c in report}
    assert by_col == {"province": "vni", "commune": "vni", "code": "ascii"}
    assert set(fixed["province"]) == {"Cà Mau"} and list(fixed["commune"]) == NAMES


def test_mixed_file_is_decided_per_column():
    df = pd.DataFrame(
        {
            "ten_xa": [enc.encode_legacy(n, "tcvn3").decode("latin-1") for n in NAMES],
            "ghi_chu": [enc.encode_legacy(n, "cp1258").decode("latin-1") for n in NAMES],
        }
    )
    fixed, report = enc.fix_columns(df, raw_bytes=True)
    assert {c.column: c.encoding for c in report} == {"ten_xa": "tcvn3", "ghi_chu": "cp1258"}
    assert list(fixed["ten_xa"]) == NAMES == list(fixed["ghi_chu"])


def test_syllable_check():
    assert enc.valid_syllable("Nguyễn") and enc.valid_syllable("khuyến") and enc.valid_syllable("A")
    assert not enc.valid_syllable("Caứ")  # TCVN3 misreading of VNI "Cà"
    assert not enc.valid_syllable("HiÖp")
