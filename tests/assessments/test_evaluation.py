"""The evaluation service: stored values through the pure engine, one query per set."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ntm.assessments.evaluation import (
    evaluate_unit,
    evaluate_units,
    ladder_sets,
    level_for,
    levels_for,
)
from ntm.assessments.selectors import observations_for_unit
from ntm.assessments.services import do_set_value
from ntm.criteria.registry import load_registry
from tests.assessments.helpers import passing_rows

NTM = "xa-ntm-2021-2025"
ADVANCED = "xa-ntm-nang-cao-2021-2025"


def store(unit, set_code, period, rows):
    for code, raw in rows:
        do_set_value(
            unit=unit,
            set_code=set_code,
            indicator_code=code,
            period=period,
            raw=raw,
            source="demo",
            author=None,
        )


@pytest.mark.django_db
def test_a_unit_with_every_indicator_passing_meets_all_19_criteria(units):
    store(units.commune, NTM, "2023-05", passing_rows(NTM, units.commune, "2023-05"))

    result = evaluate_unit(units.commune, NTM, "2023-05")

    assert (result.criteria_met, result.criteria_total) == (19, 19)
    assert result.indicators_missing == 0
    assert result.unmet_criteria == ()


@pytest.mark.django_db
def test_an_unmet_value_and_a_missing_value_are_kept_apart(units):
    rows = [
        (c, raw) for c, raw in passing_rows(NTM, units.commune, "2023") if c not in ("2.1", "1.2")
    ]
    store(units.commune, NTM, "2023", rows + [("2.1", "80")])

    result = evaluate_unit(units.commune, NTM, "2023")

    statuses = {i.code: (i.status, i.value) for i in result.indicators}
    assert statuses["2.1"] == ("unmet", 80.0)
    assert statuses["1.2"] == ("missing", None)
    assert result.unmet_criteria == (1, 2)
    assert result.criteria_met == 17


@pytest.mark.django_db
def test_the_latest_value_at_or_before_the_period_is_used(units):
    store(units.commune, NTM, "2022", [("2.1", "70")])
    store(units.commune, NTM, "2023-03", [("2.1", "100")])
    store(units.commune, NTM, "2023-09", [("2.1", "60")])

    item = next(
        i for i in evaluate_unit(units.commune, NTM, "2023-05").indicators if i.code == "2.1"
    )

    assert (item.value, item.period, item.status) == (100.0, "2023-03", "met")


@pytest.mark.django_db
def test_many_units_take_one_query_of_stored_values(units):
    for unit in (units.commune, units.sibling_commune, units.other_commune):
        store(unit, NTM, "2023", passing_rows(NTM, unit, "2023")[:5])
    communes = [units.commune, units.sibling_commune, units.other_commune]

    with CaptureQueriesContext(connection) as queries:
        results = evaluate_units(communes, NTM, "2023")

    value_queries = [
        q for q in queries.captured_queries if "assessments_indicatorvalue" in q["sql"]
    ]
    assert len(value_queries) == 1
    assert {r.indicators_met for r in results.values()} == {5}
    assert set(results) == {u.pk for u in communes}


@pytest.mark.django_db
def test_the_level_follows_the_ladder_of_the_periods_era(units):
    store(units.commune, NTM, "2023", passing_rows(NTM, units.commune, "2023"))
    store(units.sibling_commune, NTM, "2023", passing_rows(NTM, units.sibling_commune, "2023")[1:])

    assert ladder_sets("commune", "2023")[:2] == (NTM, ADVANCED)
    assert ladder_sets("commune", "2026-03") == tuple(
        c for c in ("xa-ntm-2026-2030",) if c in load_registry()
    )
    assert level_for(units.commune, "2023") == "ntm"
    assert level_for(units.commune, "2023-05") is None  # a yearly value is known at the year's end
    assert levels_for([units.commune, units.sibling_commune], "2023") == {
        units.commune.pk: "ntm",
        units.sibling_commune.pk: None,
    }


@pytest.mark.django_db
def test_observations_come_oldest_first_even_when_a_year_and_its_months_mix(units):
    store(units.commune, NTM, "2023", [("2.1", "90")])
    store(units.commune, NTM, "2023-05", [("2.1", "80")])
    store(units.commune, NTM, "2022", [("2.1", "70")])

    series = observations_for_unit(units.commune.pk, NTM, "2024")["2.1"]

    assert [(str(o.period), o.value) for o in series] == [
        ("2022", 70.0),
        ("2023-05", 80.0),
        ("2023", 90.0),
    ]


@pytest.mark.django_db
def test_yes_no_not_applicable_and_numbers_reach_the_engine_as_entered(units):
    store(
        units.commune,
        NTM,
        "2023",
        [("1.1", "Đạt"), ("1.2", "Chưa đạt"), ("13.4", "Không áp dụng"), ("2.2", "100")],
    )
    store(units.sibling_commune, NTM, "2023", [("1.1", "Đạt"), ("2.2", "100")])

    results = evaluate_units([units.commune, units.sibling_commune], NTM, "2023")

    first = {i.code: (i.status, i.value) for i in results[units.commune.pk].indicators}
    assert first["1.1"] == ("met", True)
    assert first["1.2"] == ("unmet", False)
    assert first["13.4"][0] == "not_applicable"
    assert first["2.2"] == ("met", 100.0)
    second = {i.code: i.status for i in results[units.sibling_commune.pk].indicators}
    assert (second["1.1"], second["1.2"], second["2.2"]) == ("met", "missing", "met")
