"""A country's counts from the database (``summarize_units``: each indicator's latest value key,
``ntm.criteria.latest``) are exactly the engine's per-unit ``summarize`` of the observations
the selector reads (``observations_for_set``).

Random stored values of every kind (numbers, booleans, texts, "not applicable", empty values),
several periods of an indicator written in any order ("2024" and its December, months, periods
after the one asked about), a unit's rows apart in the table, units without values, and many
units read by their id range next to units not asked for.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ntm.assessments import selectors
from ntm.assessments.evaluation import evaluator_for, summarize_units
from ntm.assessments.models import IndicatorValue
from ntm.assessments.selectors import IN_LIST_LIMIT, RUN_CHUNK, observations_for_set
from ntm.criteria.inputs import Period
from ntm.criteria.registry import load_registry
from ntm.units.models import AdminUnit
from ntm.units.selectors import profile_for

pytestmark = pytest.mark.django_db
SET = "xa-ntm-2021-2025"
PERIODS = ("2022", "2023", "2023-12", "2024-06", "2024", "2024-12", "2025")
TEXTS = ("Đạt", "Loại A", "khác", "")


def _codes() -> list[str]:
    indicators = load_registry().get(SET).indicators
    return [i.code for i in indicators if i.aggregate is None]


def _percent_code() -> str:
    """An indicator met by 100% and failed by 0%."""
    indicators = load_registry().get(SET).indicators
    return next(i.code for i in indicators if i.kind == "percent" and i.op == ">=")


def _stored(unit, code: str, period: str, kind: str, value) -> IndicatorValue:
    row = IndicatorValue(
        unit=unit,
        set_code=SET,
        indicator_code=code,
        period=period,
        period_index=Period.parse(period).index,
        raw=str(value),
    )
    if kind == "number":
        row.value_number = value
    elif kind == "bool":
        row.value_bool = value
    elif kind == "text":
        row.value_text = value  # "" is an empty stored value: missing
    else:
        row.not_applicable = True
    return row


def _engine(units, period: str) -> dict:
    """The engine's own loop: each unit's observations, then ``Evaluator.summarize``."""
    criteria_set = load_registry().get(SET)
    evaluator = evaluator_for(SET)
    values = observations_for_set([u.pk for u in units], criteria_set, period)
    as_of = Period.parse(period)
    return {u.pk: evaluator.summarize(profile_for(u), values.get(u.pk, {}), as_of) for u in units}


stored_value = st.one_of(
    st.tuples(
        st.just("number"), st.sampled_from((0.0, 40.0, 70.0, 85.5, 100.0, 3.0, float("inf")))
    ),
    st.tuples(st.just("number"), st.integers(-5, 120).map(float)),
    st.tuples(st.just("bool"), st.booleans()),
    st.tuples(st.just("text"), st.sampled_from(TEXTS)),
    st.tuples(st.just("na"), st.none()),
)
# (which unit, which indicator, which period, the value), written in the order drawn.
writes = st.lists(
    st.tuples(
        st.integers(0, 2),
        # Mostly the first few indicators: an indicator's several periods meet often.
        st.one_of(st.integers(0, 3), st.integers(0, 200)),
        st.sampled_from(PERIODS),
        stored_value,
    ),
    max_size=60,
)


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    drawn=writes,
    as_of=st.sampled_from(("2023", "2024", "2024-06")),
    chunk=st.sampled_from((RUN_CHUNK, 3)),
)
def test_counts_from_the_database_are_the_engines_on_random_stored_values(
    units, drawn, as_of, chunk, monkeypatch
):
    """With chunks of 3 rows a unit's rows are cut into several runs (as rows written apart in
    the table come on PostgreSQL, whose plain scan keeps the table's order)."""
    monkeypatch.setattr(selectors, "RUN_CHUNK", chunk)
    IndicatorValue.objects.all().delete()
    communes = [units.commune, units.sibling_commune, units.other_commune]
    codes = _codes()
    rows, seen = [], set()
    for which, code_at, period, (kind, value) in drawn:
        key = (which, codes[code_at % len(codes)], period)
        if key not in seen:  # one value per unit, indicator and period
            seen.add(key)
            rows.append(_stored(communes[which], key[1], period, kind, value))
    for row in rows:  # one at a time: the table keeps the order drawn, units interleaved
        row.save()

    assert summarize_units(communes, SET, as_of) == _engine(communes, as_of)


def test_a_year_and_its_december_read_the_december_as_the_latest_in_any_order(units):
    commune = units.commune
    code = _codes()[0]
    for period, value in (("2024-12", 10.0), ("2024", 100.0), ("2023", 100.0)):
        _stored(commune, code, period, "number", value).save()

    found = summarize_units([commune], SET, "2024")[commune.pk]

    assert found == _engine([commune], "2024")[commune.pk]
    assert found.unmet_criteria  # 10.0 read, not the year's 100.0


@pytest.mark.parametrize("year_first", [True, False])
def test_a_year_is_read_after_its_months_in_whatever_order_they_were_written(units, year_first):
    """ "2024" is known at the end of 2024: after "2024-06", though its text sorts first."""
    commune, only_the_year = units.commune, units.sibling_commune
    code = _percent_code()
    rows = [_stored(commune, code, "2024", "number", 100.0)]
    rows.insert(0 if year_first else 1, _stored(commune, code, "2024-06", "number", 0.0))
    rows.append(_stored(only_the_year, code, "2024", "number", 100.0))
    for row in rows:
        row.save()

    found = summarize_units([commune, only_the_year], SET, "2024")

    assert found == _engine([commune, only_the_year], "2024")
    # The year's 100.0 read (met), not June's 0.0.
    assert found[commune.pk].indicators_met == found[only_the_year.pk].indicators_met


def test_a_unit_whose_rows_come_in_several_runs_is_counted_on_all_of_them(units, monkeypatch):
    monkeypatch.setattr(selectors, "RUN_CHUNK", 3)  # a unit's rows cut every 3 rows
    communes = [units.commune, units.sibling_commune]
    codes = _codes()[:8]
    for n, code in enumerate(codes):
        for commune in communes:  # interleaved: each unit's rows apart in the table
            _stored(commune, code, "2024", "number", 100.0 if n % 2 else 0.0).save()

    found = summarize_units(communes, SET, "2024")

    assert found == _engine(communes, "2024")
    assert all(found[c.pk].indicators_missing == found[c.pk].indicators_total - 8 for c in communes)


def test_an_empty_value_leaves_the_earlier_one_standing(units):
    commune = units.commune
    code = _codes()[0]
    _stored(commune, code, "2023", "number", 100.0).save()
    _stored(commune, code, "2024", "text", "").save()

    found = summarize_units([commune], SET, "2024")[commune.pk]

    assert found == _engine([commune], "2024")[commune.pk]
    assert found.indicators_missing == _engine([commune], "2024")[commune.pk].indicators_missing


def test_many_units_by_their_id_range_count_only_the_units_asked_for(units):
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
            province_code=units.province.code,
            path=district.path,
        )
        for n in range(2 * (IN_LIST_LIMIT + 1))
    )
    many = list(AdminUnit.objects.filter(code__startswith="9388").order_by("pk"))
    rng = random.Random(13)
    codes = _codes()
    rows = [
        _stored(u, code, "2024", "number", float(rng.randint(40, 100)))
        for u in many
        for code in rng.sample(codes, 5)
    ]
    rng.shuffle(rows)
    IndicatorValue.objects.bulk_create(rows)
    asked = many[::2] + [units.commune]  # the last one without values

    found = summarize_units(asked, SET, "2024")

    assert list(found) == [u.pk for u in asked]
    assert found == _engine(asked, "2024")
    assert found[units.commune.pk].indicators_missing > 0
