"""Stored result rows written without the ORM (``ntm.assessments.stored_insert``) are the rows
the model describes, and a row another writer stored first is kept."""

from __future__ import annotations

import pytest

from ntm.assessments.models import StoredResult
from ntm.assessments.stored_insert import COLUMNS, NewRow, insert_rows

pytestmark = pytest.mark.django_db


def test_a_new_row_has_every_column_of_the_model_but_its_id():
    model = [f.attname for f in StoredResult._meta.concrete_fields if not f.primary_key]
    assert list(COLUMNS) == model


def _row(unit, letters: str) -> NewRow:
    return NewRow(
        unit_id=unit.pk,
        set_code="xa-ntm-2021-2025",
        period="2024",
        period_index=2024 * 12 + 11,
        digest="d:00000000",
        criteria_met=18,
        criteria_total=19,
        indicators_met=56,
        indicators_total=57,
        indicators_missing=0,
        met=False,
        is_current=True,
        has_values=True,
        level="",
        criteria_letters=letters,
        indicator_letters="M" * 57,
    )


def test_inserted_rows_read_back_as_written_with_their_time(units):
    insert_rows([_row(units.commune, "M" * 18 + "U")])
    stored = StoredResult.objects.get(unit=units.commune)
    assert (stored.criteria_met, stored.met, stored.is_current, stored.level) == (
        18,
        False,
        True,
        "",
    )
    assert stored.criteria_letters == "M" * 18 + "U" and stored.computed_at is not None


def test_a_row_already_stored_for_the_unit_set_and_period_is_kept(units):
    insert_rows([_row(units.commune, "M" * 19)])
    insert_rows([_row(units.commune, "U" * 19), _row(units.sibling_commune, "U" * 19)])
    assert StoredResult.objects.get(unit=units.commune).criteria_letters == "M" * 19
    assert StoredResult.objects.count() == 2
