"""A write recomputes the parents exactly when what they count of the unit moved, and writers
of one district at the same time leave every stored row as the engine computes it (issue 13)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from ntm.assessments.models import StoredResult
from ntm.assessments.rebuild import check
from ntm.assessments.services import do_set_value
from ntm.assessments.stored import stored_results
from ntm.criteria.inputs import Period
from tests.assessments.helpers import passing_rows

NTM = "xa-ntm-2021-2025"
DISTRICT = "huyen-ntm-2021-2025"


def store(unit, period, rows):
    for code, raw in rows:
        do_set_value(
            unit=unit,
            set_code=NTM,
            indicator_code=code,
            period=period,
            raw=raw,
            source="demo",
            author=None,
        )


def district_row_ids(district, period):
    return set(
        StoredResult.objects.filter(unit=district, period=period).values_list("pk", flat=True)
    )


@pytest.mark.django_db
def test_a_write_that_leaves_the_communes_level_as_it_was_leaves_the_district_row_alone(units):
    store(units.commune, "2023", passing_rows(NTM, units.commune, "2023"))
    stored_results([units.district], DISTRICT, "2023")
    before = district_row_ids(units.district, "2023")
    assert before

    store(units.commune, "2023", [("2.1", "100")])  # still met: the commune stays NTM

    assert district_row_ids(units.district, "2023") == before
    assert check([Period.of(2023)]) == []


@pytest.mark.django_db
def test_a_write_that_moves_the_communes_level_recomputes_the_district_in_the_transaction(units):
    store(units.commune, "2023", passing_rows(NTM, units.commune, "2023"))
    stored_results([units.district], DISTRICT, "2023")
    before = district_row_ids(units.district, "2023")

    store(units.commune, "2023", [("2.1", "0")])  # criterion 2 unmet: no longer NTM

    assert district_row_ids(units.district, "2023").isdisjoint(before)
    assert check([Period.of(2023)]) == []


@pytest.mark.django_db
def test_a_commune_written_for_the_first_time_recomputes_a_district_stored_before(units):
    stored_results([units.district], DISTRICT, "2023")
    before = district_row_ids(units.district, "2023")

    store(units.sibling_commune, "2023", passing_rows(NTM, units.sibling_commune, "2023"))

    assert district_row_ids(units.district, "2023").isdisjoint(before)
    assert check([Period.of(2023)]) == []


def _flip(unit, raw: str, barrier: threading.Barrier) -> None:
    try:
        barrier.wait(timeout=30)
        store(unit, "2023", [("2.1", raw)])
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_writers_moving_one_district_at_once_leave_every_stored_row_as_the_engine_computes_it(
    units,
):
    """Two communes of one district change level in parallel transactions, round after round:
    each writer locks what it recomputes, so the district never keeps a result computed from a
    commune's outcome the other transaction was replacing."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one writer at a time: nothing runs in parallel to check")
    communes = (units.commune, units.sibling_commune)
    for commune in communes:
        store(commune, "2023", passing_rows(NTM, commune, "2023"))
    stored_results([units.district], DISTRICT, "2023")

    for raw in ("0", "100", "0", "100", "0", "100"):
        barrier = threading.Barrier(len(communes))
        with ThreadPoolExecutor(max_workers=len(communes)) as pool:
            list(pool.map(lambda c, r=raw, b=barrier: _flip(c, r, b), communes))
        assert check([Period.of(2023)]) == [], f"after writing {raw}"


@pytest.mark.django_db(transaction=True)
def test_a_read_while_a_writer_holds_the_commune_answers_and_leaves_its_rows_to_the_writer(units):
    """The reader computes the missing result without waiting and without storing it (the
    writer holding the commune stores its own); a free commune's result is stored as usual."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one writer at a time: no writer can hold a unit during a read")
    from ntm.units.models import AdminUnit

    for commune in (units.commune, units.sibling_commune):
        store(commune, "2023", passing_rows(NTM, commune, "2023"))
    StoredResult.objects.all().delete()
    holding, release = threading.Event(), threading.Event()

    def writer_holds_the_commune():
        from django.db import transaction

        try:
            with transaction.atomic():
                AdminUnit.objects.select_for_update().get(pk=units.commune.pk)
                holding.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        held = pool.submit(writer_holds_the_commune)
        assert holding.wait(timeout=30)
        try:
            found = stored_results([units.commune, units.sibling_commune], NTM, "2023")
            assert {pk: f.result.criteria_met for pk, f in found.items()} == {
                units.commune.pk: 19,
                units.sibling_commune.pk: 19,
            }
            stored_units = set(StoredResult.objects.values_list("unit_id", flat=True))
            assert units.commune.pk not in stored_units
            assert units.sibling_commune.pk in stored_units
        finally:
            release.set()
            held.result()
