"""The communes' levels version moves with every change a cached rank could rest on, and with
nothing else: most value writes move no level and must not all touch one row."""

from __future__ import annotations

import pytest
from django.db import connection

from ntm.assessments import levels_version
from ntm.assessments.models import LevelsChange
from ntm.assessments.rebuild import rebuild
from ntm.assessments.services import do_set_value
from ntm.assessments.stored_levels import stored_levels
from ntm.criteria.inputs import Period
from tests.assessments.helpers import passing_rows

pytestmark = pytest.mark.django_db

NTM = "xa-ntm-2021-2025"


def store(unit, rows) -> None:
    for code, raw in rows:
        do_set_value(
            unit=unit,
            set_code=NTM,
            indicator_code=code,
            period="2023",
            raw=raw,
            source="form",
            author=None,
        )


@pytest.fixture
def ntm_commune(units):
    store(units.commune, passing_rows(NTM, units.commune, "2023"))
    stored_levels([units.commune], "2023")  # the ladder's rows, stored
    return units.commune


def test_a_write_that_moves_no_level_leaves_the_version_alone(ntm_commune):
    before = levels_version.current()
    store(ntm_commune, [("2.1", "100")])  # still met
    assert levels_version.current() == before


def test_a_write_that_moves_a_level_moves_the_version(ntm_commune):
    before = levels_version.current()
    store(ntm_commune, [("2.1", "0")])
    assert levels_version.current() != before
    assert stored_levels([ntm_commune], "2023")[ntm_commune.pk] == (None, True)


def test_any_change_to_the_units_table_moves_the_version_even_in_sql(units):
    before = levels_version.current()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE units_adminunit SET name = 'X' WHERE id = %s", [units.village.pk])
    after = levels_version.current()
    assert after != before
    units.village.delete()
    assert levels_version.current() != after


def test_a_rebuild_starts_a_new_version(ntm_commune):
    token = levels_version.current()[0]
    rebuild([Period.of(2023)])
    assert levels_version.current()[0] != token


def test_a_change_committed_after_a_later_one_still_moves_the_version():
    """Two writers' changes may commit in the other order than their ids (PostgreSQL): the
    earlier id committing last leaves the highest id as it was, and the version must move."""
    top = max(LevelsChange.objects.values_list("id", flat=True), default=0)
    LevelsChange.objects.create(id=top + 2)  # the later writer commits first
    between = levels_version.current()
    LevelsChange.objects.create(id=top + 1)  # then the earlier one
    assert levels_version.current() != between
    assert levels_version.current()[2] == between[2] == top + 2
