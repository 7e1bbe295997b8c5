"""A period a criteria set takes no values for is refused on every write path (a file, a form,
the API) with one message naming the set and its first year; nothing is written."""

from __future__ import annotations

import pytest

from ntm.assessments.models import IndicatorValue
from ntm.assessments.parsing import ValueParseError
from ntm.assessments.services import do_set_value
from ntm.cli import main

pytestmark = pytest.mark.django_db
BEFORE_2026 = (
    'Kỳ 2025 trước năm đầu tiên của bộ tiêu chí "xa-ntm-2026-2030": bộ này nhận số liệu từ năm 2026'
)


def test_a_file_with_a_period_before_the_sets_first_year_is_refused(units, csv_file, capsys):
    path = csv_file(
        [
            "unit,period,set,indicator,value",
            "9389401,2023-05,xa-ntm-2021-2025,2.1,95",
            "9389401,2025,xa-ntm-2026-2030,1.1,Đạt",
        ]
    )

    assert main(["import", str(path)]) == 1

    err = capsys.readouterr().err
    assert f"Dòng 3, cột period: {BEFORE_2026}" in err
    assert IndicatorValue.objects.count() == 0


def test_history_on_todays_set_is_still_taken(units, csv_file):
    path = csv_file(["unit,period,set,indicator,value", "9389401,2011,xa-ntm-2021-2025,2.1,40"])
    assert main(["import", str(path)]) == 0
    assert IndicatorValue.objects.get().period == "2011"


def test_one_value_before_the_sets_first_year_is_refused_with_the_same_message(units, personas):
    with pytest.raises(ValueParseError) as info:
        do_set_value(
            unit=units.commune,
            set_code="xa-ntm-2026-2030",
            indicator_code="1.1",
            period="2025",
            raw="Đạt",
            source="web",
            author=personas.commune_officer,
        )
    assert info.value.message == BEFORE_2026
    assert not IndicatorValue.objects.exists()
