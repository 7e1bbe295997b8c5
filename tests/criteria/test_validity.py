"""Which periods a criteria set takes values for: from its own first year (``periods_from`` or
the year it came into force) to one year after its end, refused with a message naming the set."""

from __future__ import annotations

import pytest

from ntm.criteria.inputs import Period, PeriodError
from ntm.criteria.loader import CriteriaFileError
from ntm.criteria.registry import load_dirs, load_registry
from ntm.criteria.validity import PeriodOutsideSet, check_period_in_set, first_year, last_year
from tests.criteria.conftest import BASE_SET, write_sets


def _refusal(set_code: str, period: str) -> PeriodOutsideSet:
    with pytest.raises(PeriodOutsideSet) as info:
        check_period_in_set(load_registry().get(set_code), Period.parse(period))
    return info.value


def test_a_period_before_a_sets_first_year_is_refused_naming_the_set_and_the_year():
    err = _refusal("xa-ntm-2026-2030", "2025-12")
    assert err.message == (
        'Kỳ 2025-12 trước năm đầu tiên của bộ tiêu chí "xa-ntm-2026-2030": '
        "bộ này nhận số liệu từ năm 2026"
    )
    assert "xa-ntm-2026-2030" in err.message_en and "2026" in err.message_en
    assert isinstance(err, PeriodError)


def test_each_set_has_its_own_first_year():
    registry = load_registry()
    assert first_year(registry.get("xa-ntm-2026-2030")) == 2026
    assert first_year(registry.get("xa-ntm-2016-2020")) == 2009  # stands in for QĐ 491/2009
    assert first_year(registry.get("xa-ntm-2021-2025")) == 2009  # the programme's history
    assert first_year(registry.get("thon-ntm-mau")) == 2020  # the 2021-2025 baseline
    assert last_year(registry.get("xa-ntm-2021-2025")) == 2026


def test_periods_inside_the_bounds_pass_and_after_the_grace_year_are_refused():
    registry = load_registry()
    check_period_in_set(registry.get("xa-ntm-2016-2020"), Period.parse("2011"))
    check_period_in_set(registry.get("xa-ntm-2021-2025"), Period.parse("2026-03"))
    assert "2008" in _refusal("xa-ntm-2016-2020", "2008").message
    assert "ngoài thời gian áp dụng" in _refusal("xa-ntm-2021-2025", "2027").message


def test_a_province_file_may_set_its_first_year_and_a_bad_one_is_refused(tmp_path):
    folder = write_sets(tmp_path / "ok", base=BASE_SET + "periods_from: 2015\n")
    (only,) = load_dirs([folder]).sets()
    assert first_year(only) == 2015
    bad = write_sets(tmp_path / "bad", base=BASE_SET + 'periods_from: "năm ngoái"\n')
    with pytest.raises(CriteriaFileError) as info:
        load_dirs([bad])
    assert info.value.path == "periods_from"
