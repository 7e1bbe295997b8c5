"""Reads of stored values for the engine."""

from __future__ import annotations

import pytest

from ntm.assessments.models import IndicatorValue
from ntm.assessments.selectors import IN_LIST_LIMIT, observations_for_units
from ntm.criteria.inputs import Period
from tests.conftest import make_unit

pytestmark = pytest.mark.django_db
SET = "xa-ntm-2021-2025"


def test_no_units_read_no_values_and_raise_nothing():
    assert observations_for_units([], "xa-ntm-2021-2025", "2023") == {}


def _value(unit, code: str, period: str, number: float) -> IndicatorValue:
    return IndicatorValue(
        unit=unit,
        set_code=SET,
        indicator_code=code,
        period=period,
        period_index=Period.parse(period).index,
        raw=str(number),
        value_number=number,
    )


def _read(units, period: str = "2025") -> dict[int, dict[str, list[tuple[str, float]]]]:
    found = observations_for_units([u.pk for u in units], SET, period)
    return {
        unit_id: {
            code: [(str(o.period), o.value) for o in series] for code, series in values.items()
        }
        for unit_id, values in found.items()
    }


def test_values_written_in_any_order_are_read_oldest_first_a_year_before_its_december(units):
    commune = units.commune
    # Written newest first, and the year after its December month: the table's order is not
    # the periods' order.
    for period, number in (("2025-03", 4.0), ("2024-12", 3.0), ("2024", 2.0), ("2023", 1.0)):
        IndicatorValue.objects.bulk_create([_value(commune, "2.1", period, number)])

    series = _read([commune])[commune.pk]["2.1"]

    assert series == [("2023", 1.0), ("2024", 2.0), ("2024-12", 3.0), ("2025-03", 4.0)]
    assert _read([commune], "2024")[commune.pk]["2.1"][-1] == ("2024-12", 3.0)


def test_a_unit_whose_values_are_apart_in_the_table_gets_them_all_under_one_entry(units):
    first, second = units.commune, units.sibling_commune
    IndicatorValue.objects.bulk_create(
        [
            _value(first, "2.1", "2024", 1.0),
            _value(second, "2.1", "2024", 5.0),
            _value(first, "2.2", "2024", 2.0),
            _value(first, "2.1", "2023", 0.5),
        ]
    )

    found = _read([first, second])

    assert found[first.pk] == {"2.1": [("2023", 0.5), ("2024", 1.0)], "2.2": [("2024", 2.0)]}
    assert found[second.pk] == {"2.1": [("2024", 5.0)]}


def test_many_units_read_by_their_id_range_leave_out_the_units_between_not_asked_for(units):
    district = units.district
    many = [
        make_unit(f"9388{n:04d}", f"Xã {n}", "commune", district)
        for n in range(100, 100 + IN_LIST_LIMIT * 2 + 2)
    ]
    IndicatorValue.objects.bulk_create([_value(u, "2.1", "2024", float(u.pk)) for u in many])
    asked, skipped = many[::2], many[1::2]
    assert len(asked) > IN_LIST_LIMIT

    found = _read(asked)

    assert set(found) == {u.pk for u in asked}
    assert all(found[u.pk] == {"2.1": [("2024", float(u.pk))]} for u in asked)
    assert not set(found) & {u.pk for u in skipped}
