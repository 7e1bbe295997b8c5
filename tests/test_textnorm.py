"""ntm.textnorm: the one place where typed Vietnamese becomes comparable data."""

import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ntm.textnorm import (
    BOOL_ERROR,
    NUMBER_ERROR,
    canonical_tones,
    format_date_vi,
    format_number_vi,
    is_not_applicable,
    name_key,
    normalize_name,
    parse_bool,
    parse_date,
    parse_number,
)


@pytest.mark.parametrize(
    ("old_style", "new_style"),
    [
        ("Hòa", "Hoà"),
        ("Thụy", "Thuỵ"),
        ("Hóa", "Hoá"),
        ("Khỏe", "Khoẻ"),
        ("Thủy", "Thuỷ"),
        ("Họa", "Hoạ"),
    ],
)
def test_both_tone_placements_give_the_same_name(old_style, new_style):
    assert normalize_name(old_style) == normalize_name(new_style)
    assert canonical_tones(new_style) == old_style


@pytest.mark.parametrize(
    "word",
    [
        "quý",
        "giữa",
        "gì",
        "người",
        "Nguyễn",
        "khuỷu",
        "ngoài",
        "Hoàng",
        "Huỳnh",
        "thuở",
        "tuổi",
        "quốc",
        "giếng",
    ],
)
def test_correctly_placed_tones_are_left_alone(word):
    assert canonical_tones(word) == word


def test_a_decomposed_name_matches_its_composed_form():
    decomposed = unicodedata.normalize("NFD", "Xuân Hoà")
    assert normalize_name(decomposed) == normalize_name("Xuân Hòa") == "xuân hòa"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Tỉnh Thanh Hoá", "thanh hóa"),
        ("huyện  Thọ   Xuân", "thọ xuân"),
        ("xã Xuân Hoà", "xuân hòa"),
        ("Thị trấn Lam Sơn", "lam sơn"),
        ("Thị xã Nghi Sơn", "nghi sơn"),
        ("Thành phố Hồ Chí Minh", "hồ chí minh"),
        ("TP. Hải Phòng", "hải phòng"),
        ("Quận Hoàn Kiếm", "hoàn kiếm"),
        ("Phường 01", "1"),
        ("Đặc khu Phú Quốc", "phú quốc"),
        ("Tổ dân phố 3", "3"),
        ("Bà Rịa – Vũng Tàu", "bà rịa vũng tàu"),
        ("Bà Rịa-Vũng Tàu", "bà rịa vũng tàu"),
    ],
)
def test_it_drops_administrative_prefixes_and_keeps_the_name(text, key):
    assert normalize_name(text) == key


@pytest.mark.parametrize(
    ("y_spelling", "i_spelling"),
    [("Kỳ Anh", "Kì Anh"), ("Mỹ Hào", "Mĩ Hào"), ("Quý Lộc", "Quí Lộc"), ("Lý Sơn", "Lí Sơn")],
)
def test_a_lone_final_y_matches_its_i_spelling(y_spelling, i_spelling):
    assert normalize_name(y_spelling) == normalize_name(i_spelling)


@pytest.mark.parametrize("name", ["Tày", "Thụy Hương", "Yên Bái", "Nguyễn Huy"])
def test_a_y_that_is_not_the_whole_vowel_stays(name):
    assert "y" in normalize_name(name)


def test_a_prefix_alone_is_kept_rather_than_emptied():
    assert normalize_name("Thành phố") == "thành phố"


def test_a_name_beginning_with_a_prefix_word_matches_with_and_without_its_own_prefix():
    assert normalize_name("xã Bản Lầu") == normalize_name("Bản Lầu")


def test_name_key_is_normalize_name():
    assert name_key is normalize_name


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("29.229,4", 29229.4),
        ("95,5%", 95.5),
        ("95,5 %", 95.5),
        ("1.234", 1234.0),
        ("2.500", 2500.0),
        ("6,36", 6.36),
        ("95.5", 95.5),
        ("1234", 1234.0),
        ("1,234.5", 1234.5),
        ("0.125", 0.125),
        ("1234.567", 1234.567),
        ("1.234.567", 1234567.0),
        ("1,234,567", 1234567.0),
        ("-2,5", -2.5),
        (" 100 ", 100.0),
        ("1 234,5", 1234.5),
        (7, 7.0),
    ],
)
def test_it_reads_vietnamese_and_plain_numbers(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text", ["", "abc", "1.2.3", "12,34,5", "1.234,5.6", "1,", "%", "1.23.456", "Đạt", "nan"]
)
def test_it_rejects_what_is_not_a_number_with_a_vietnamese_message(text):
    with pytest.raises(ValueError) as err:
        parse_number(text)
    assert str(err.value) == NUMBER_ERROR.format(text=text)


@pytest.mark.parametrize(
    ("x", "decimals", "text"),
    [
        (6.36, None, "6,36"),
        (29229.4, None, "29.229,4"),
        (1234.0, None, "1.234"),
        (95.5, 1, "95,5"),
        (0.5, None, "0,5"),
        (-1234.5, None, "-1.234,5"),
        (3.14159, 2, "3,14"),
        (100.0, 2, "100,00"),
    ],
)
def test_it_writes_numbers_the_vietnamese_way(x, decimals, text):
    assert format_number_vi(x, decimals=decimals) == text


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15))
def test_a_formatted_number_reads_back_as_the_same_number(x):
    assert parse_number(format_number_vi(x)) == x


@given(st.integers(min_value=-(10**12), max_value=10**12), st.integers(min_value=0, max_value=4))
def test_a_number_formatted_with_fixed_decimals_reads_back_rounded(n, decimals):
    x = n / 100
    assert parse_number(format_number_vi(x, decimals=decimals)) == pytest.approx(
        round(x, decimals), abs=10**-decimals
    )


def test_it_writes_dates_without_leading_zeros():
    assert format_date_vi(date(2023, 5, 19)) == "19/5/2023"
    assert format_date_vi(date(2023, 12, 1)) == "1/12/2023"


@pytest.mark.parametrize(
    "text", ["Đạt", "ĐẠT", "đạt", "x", "X", "có", "Có", "yes", "TRUE", "1", " đạt "]
)
def test_it_reads_true_words(text):
    assert parse_bool(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "Chưa đạt",
        "chưa  ĐẠT",
        "Không đạt",
        "không",
        "KHÔNG",
        "no",
        "false",
        "0",
        unicodedata.normalize("NFD", "Chưa đạt"),
    ],
)
def test_it_reads_false_words(text):
    assert parse_bool(text) is False


@pytest.mark.parametrize("text", ["", "đạt một phần", "maybe", "2"])
def test_it_rejects_other_words_with_a_vietnamese_message(text):
    with pytest.raises(ValueError) as err:
        parse_bool(text)
    assert str(err.value) == BOOL_ERROR.format(text=text)


@pytest.mark.parametrize(
    "text", ["không áp dụng", "Không Áp Dụng", "KAD", "N/A", "n/a", "-", " - "]
)
def test_it_recognises_not_applicable(text):
    assert is_not_applicable(text)


@pytest.mark.parametrize("text", ["", "0", "không", "Đạt", "--"])
def test_other_values_are_not_not_applicable(text):
    assert not is_not_applicable(text)


@pytest.mark.parametrize(
    ("text", "prefix", "name"),
    [
        ("H. Kiến Thụy", "huyện", "kiến thụy"),
        ("X. Thụy Hương", "xã", "thụy hương"),
        ("P.Bắc Sơn", "phường", "bắc sơn"),
        ("T. Thanh Hoá", "tỉnh", "thanh hóa"),
        ("Hòa", None, "hòa"),
    ],
)
def test_dotted_one_letter_prefixes_are_read_as_levels(text, prefix, name):
    from ntm.textnorm import split_prefix

    assert split_prefix(text) == (prefix, name)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-05-25", date(2023, 5, 25)),
        ("25/5/2023", date(2023, 5, 25)),
        ("05/01/2024", date(2024, 1, 5)),
        (" 2022-07-22 ", date(2022, 7, 22)),
        (date(2020, 1, 2), date(2020, 1, 2)),
    ],
)
def test_parse_date_reads_both_file_forms(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text", ["2023-13-01", "31/2/2023", "2023/05/25", "25-05-2023", "", "hôm qua"]
)
def test_parse_date_refuses_anything_else_in_vietnamese(text):
    with pytest.raises(ValueError, match="Không đọc được ngày"):
        parse_date(text)
