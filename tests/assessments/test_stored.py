"""Stored results: computed when values change, read by every counting page, checked (issue 13)."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from ntm.assessments.deletion import do_delete_value
from ntm.assessments.evaluation import evaluate_units, level_for
from ntm.assessments.models import IndicatorValue, StoredResult
from ntm.assessments.rebuild import check, rebuild
from ntm.assessments.services import do_set_value, do_set_values
from ntm.assessments.standings import current_standings
from ntm.assessments.stored import stored_results
from ntm.assessments.stored_levels import stored_levels
from ntm.assessments.writes import ValueRow
from ntm.cli import main
from ntm.criteria.compact import encode
from ntm.criteria.inputs import Period
from ntm.units.models import AdminUnit
from tests.assessments.helpers import passing_rows

pytestmark = pytest.mark.django_db

NTM = "xa-ntm-2021-2025"
DISTRICT = "huyen-ntm-2021-2025"


def store(unit, period, rows, set_code=NTM):
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


def row(unit, period, set_code=NTM):
    return StoredResult.objects.get(unit=unit, set_code=set_code, period=period)


def fresh(unit, period, set_code=NTM):
    return encode(evaluate_units([unit], set_code, period)[unit.pk])


def test_a_read_stores_the_result_and_it_equals_the_engines(units):
    store(units.commune, "2023", passing_rows(NTM, units.commune, "2023"))

    found = stored_results([units.commune], NTM, "2023")[units.commune.pk]

    stored = row(units.commune, "2023")
    assert (stored.criteria_met, stored.indicators_met) == (
        19,
        fresh(units.commune, "2023").indicators_met,
    )
    assert found.result.criteria_met == 19 and found.result.met
    assert found.level == "ntm" == stored.level == level_for(units.commune, "2023")


def test_a_value_written_recomputes_the_stored_row_and_the_district_in_the_same_transaction(units):
    store(units.commune, "2023", passing_rows(NTM, units.commune, "2023"))
    stored_results([units.commune], NTM, "2023")
    stored_results([units.district], DISTRICT, "2023")
    district_before = row(units.district, "2023", DISTRICT).indicators_met

    store(units.commune, "2023", [("2.1", "0")])

    after = row(units.commune, "2023")
    assert (after.criteria_met, after.met, after.level) == (18, False, "")
    assert after.criteria_letters == fresh(units.commune, "2023").criteria_letters
    district = row(units.district, "2023", DISTRICT)
    assert district.indicators_met == fresh(units.district, "2023", DISTRICT).indicators_met
    assert district.indicators_met <= district_before


def test_a_value_written_for_an_earlier_period_updates_every_later_stored_period(units):
    store(units.commune, "2022", passing_rows(NTM, units.commune, "2022"))
    for period in ("2022", "2023", "2024"):
        stored_results([units.commune], NTM, period)

    before = [row(units.commune, p).criteria_letters for p in ("2022", "2023", "2024")]

    store(units.commune, "2022", [("2.1", "0")])

    after = [row(units.commune, p).criteria_letters for p in ("2022", "2023", "2024")]
    assert after == [fresh(units.commune, p).criteria_letters for p in ("2022", "2023", "2024")]
    assert [letters[1] for letters in after] == ["u", "u", "u"]  # criterion 2 now unmet
    assert after != before


def test_a_write_rolled_back_leaves_the_stored_row_as_it_was(units):
    store(units.commune, "2023", passing_rows(NTM, units.commune, "2023"))
    stored_results([units.commune], NTM, "2023")

    with pytest.raises(RuntimeError), transaction.atomic():
        store(units.commune, "2023", [("2.1", "0")])
        assert row(units.commune, "2023").criteria_met == 18
        raise RuntimeError("undo")

    assert row(units.commune, "2023").criteria_met == 19


def test_a_deleted_value_drops_the_rows_it_fed_and_the_next_read_recomputes(units):
    store(units.commune, "2023", passing_rows(NTM, units.commune, "2023"))
    stored_results([units.commune], NTM, "2023")
    value = IndicatorValue.objects.get(unit=units.commune, indicator_code="2.1")

    do_delete_value(value=value, author=None, expected_version=value.version)

    assert not StoredResult.objects.filter(unit=units.commune, period="2023").exists()
    result = stored_results([units.commune], NTM, "2023")[units.commune.pk].result
    assert result.missing_criteria == (2,)
    assert result.indicators_missing == fresh(units.commune, "2023").indicators_missing


def test_an_import_recomputes_what_is_stored_in_one_pass(units):
    store(units.commune, "2023", passing_rows(NTM, units.commune, "2023"))
    store(units.sibling_commune, "2023", passing_rows(NTM, units.sibling_commune, "2023"))
    stored_results([units.commune, units.sibling_commune], NTM, "2023")

    do_set_values(
        [
            ValueRow(
                u.pk, NTM, "2.1", "2023", Period.of(2023).index, "0", 0.0, None, "", False, None
            )
            for u in (units.commune, units.sibling_commune)
        ],
        author=None,
        source="import",
    )

    assert [row(u, "2023").criteria_met for u in (units.commune, units.sibling_commune)] == [18, 18]


def test_a_changed_unit_profile_makes_its_stored_rows_stale(units):
    store(units.commune, "2023", passing_rows(NTM, units.commune, "2023"))
    stored_results([units.commune], NTM, "2023")
    before = row(units.commune, "2023").digest
    # A bulk update sends no signal: the profile fingerprint in the digest still catches it.
    type(units.commune).objects.filter(pk=units.commune.pk).update(extremely_difficult=True)
    reloaded = type(units.commune).objects.get(pk=units.commune.pk)  # as a new request would

    stored_results([reloaded], NTM, "2023")

    assert row(units.commune, "2023").digest != before


def test_current_standings_reads_stored_results_without_reading_values_again(units):
    store(units.commune, "2023", passing_rows(NTM, units.commune, "2023"))
    current_standings([units.commune, units.sibling_commune], NTM, "2023")

    with CaptureQueriesContext(connection) as queries:
        standings = current_standings([units.commune, units.sibling_commune], NTM, "2023")

    assert not [q for q in queries.captured_queries if "indicatorvalue" in q["sql"]]

    assert [(s.unit, s.result.criteria_met, s.level) for s in standings] == [
        (units.commune, 19, "ntm")
    ]


def test_check_finds_a_row_changed_behind_the_writers_back_and_rebuild_repairs_it(units, capsys):
    store(units.commune, "2023", passing_rows(NTM, units.commune, "2023"))
    stored_results([units.commune], NTM, "2023")
    assert check([Period.of(2023)]) == []
    StoredResult.objects.filter(unit=units.commune, set_code=NTM).update(criteria_met=3)

    found = check([Period.of(2023)])

    assert [(m.unit_code, m.field, m.stored, m.fresh) for m in found] == [
        (units.commune.code, "criteria_met", 3, 19)
    ]
    assert main(["results", "check", "--period", "2023"]) == 1
    assert "criteria_met" in capsys.readouterr().out
    rebuild([Period.of(2023)])
    assert check([Period.of(2023)]) == []
    assert main(["results", "check", "--period", "2023"]) == 0


def test_rebuild_stores_the_units_with_values_and_their_ancestors(units, capsys):
    store(units.commune, "2023", passing_rows(NTM, units.commune, "2023"))

    assert main(["results", "rebuild", "--json"]) == 0

    assert row(units.commune, "2023").criteria_met == 19
    assert StoredResult.objects.filter(unit=units.district, period="2023").exists()
    # A commune without values is computed when a page first asks for it.
    assert not StoredResult.objects.filter(unit=units.other_commune).exists()
    assert (
        stored_results([units.other_commune], NTM, "2023")[units.other_commune.pk].result.has_values
        is False
    )
    assert main(["results", "rebuild", "--period", "20x3"]) == 1


def test_stored_levels_give_each_units_level_by_data_and_whether_it_has_values(units):
    store(units.commune, "2023", passing_rows(NTM, units.commune, "2023"))
    communes = [units.commune, units.sibling_commune]

    levels = stored_levels(communes, "2023")

    assert levels == {units.commune.pk: ("ntm", True), units.sibling_commune.pk: (None, False)}


def test_stored_levels_recompute_rows_made_under_other_rules(units):
    store(units.commune, "2023", passing_rows(NTM, units.commune, "2023"))
    stored_levels([units.commune], "2023")
    StoredResult.objects.filter(unit=units.commune).update(digest="old-rules:00000000", level="")

    assert stored_levels([units.commune], "2023") == {units.commune.pk: ("ntm", True)}
    assert row(units.commune, "2023").level == "ntm"


def test_stored_levels_follow_a_region_changed_by_bulk_sql(units):
    """A bulk update sends no signal: the profile part of the digest makes the grouped read of
    levels leave the old rows out, so the level is recomputed under the new region's thresholds
    (the commune meets income 10.1 at Bắc Trung Bộ's threshold, below Đông Nam Bộ's)."""
    store(units.commune, "2023", passing_rows(NTM, units.commune, "2023"))
    assert stored_levels([units.commune], "2023") == {units.commune.pk: ("ntm", True)}

    AdminUnit.objects.filter(pk=units.commune.pk).update(region="ĐNB")
    reloaded = AdminUnit.objects.get(pk=units.commune.pk)  # as a new request would

    assert stored_levels([reloaded], "2023") == {reloaded.pk: (None, True)}
    assert row(units.commune, "2023").level == ""
    assert level_for(reloaded, "2023") is None
