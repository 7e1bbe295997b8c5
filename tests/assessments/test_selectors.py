"""Reads of stored values for the engine."""

from __future__ import annotations

import pytest

from ntm.assessments.models import IndicatorValue
from ntm.assessments.selectors import (
    IN_LIST_LIMIT,
    RANGE_SPREAD,
    _id_range,
    observations_for_units,
)
from ntm.criteria.inputs import Period
from ntm.units.models import AdminUnit

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


@pytest.mark.parametrize("step", [2, RANGE_SPREAD + 1])
def test_many_units_read_by_their_id_range_or_named_leave_out_the_units_not_asked_for(units, step):
    """Every other unit: read by the range of their ids; one in five: too spread for a range,
    named in the query."""
    district = units.district
    AdminUnit.objects.bulk_create(
        AdminUnit(
            code=f"9388{n:04d}",
            name=f"Xã {n}",
            level="commune",
            unit_type="xã",
            parent=district,
            era=district.era,
            region=district.region,
            path=district.path,
        )
        for n in range(step * (IN_LIST_LIMIT + 1))
    )
    many = list(AdminUnit.objects.filter(code__startswith="9388").order_by("pk"))
    IndicatorValue.objects.bulk_create([_value(u, "2.1", "2024", float(u.pk)) for u in many])
    asked = many[::step]
    skipped = [u for u in many if u not in asked]
    assert len(asked) > IN_LIST_LIMIT
    assert (_id_range({u.pk for u in asked}) is None) == (step > RANGE_SPREAD)

    found = _read(asked)

    assert set(found) == {u.pk for u in asked}
    assert all(found[u.pk] == {"2.1": [("2024", float(u.pk))]} for u in asked)
    assert not set(found) & {u.pk for u in skipped}
