"""On PostgreSQL new values go in through COPY: the same values, versions and history rows as
the INSERT path, and a duplicate still stops the whole import (skipped on SQLite: no COPY)."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from ntm.assessments.copy_rows import copy_available, copy_rows
from ntm.assessments.models import IndicatorValue
from ntm.assessments.writes import _insert_columns
from ntm.criteria.inputs import Period
from ntm.criteria.registry import load_registry
from ntm.imports.service import run_import
from tests.imports.conftest import write_csv

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="COPY is PostgreSQL's (SQLite keeps its INSERT)"
)

NTM = "xa-ntm-2021-2025"
COMPARED = (
    "unit_id",
    "set_code",
    "indicator_code",
    "period",
    "period_index",
    "raw",
    "value_number",
    "value_bool",
    "value_text",
    "not_applicable",
    "note",
    "source",
    "author_id",
    "version",
)
HISTORY_ONLY = ("history_type", "history_change_reason", "history_user_id")


def _national_file(path, units, period="2024"):
    """Every indicator of the NTM set for three communes: numbers with a decimal comma,
    "Đạt" / "Chưa đạt", a note on some rows."""
    lines = ["unit,period,set,indicator,value,note"]
    communes = (units.commune, units.sibling_commune, units.other_commune)
    for n, commune in enumerate(communes):
        for i, ind in enumerate(load_registry().get(NTM).indicators):
            if ind.aggregate is not None:
                continue
            if ind.kind == "boolean":
                value = "Đạt" if (i + n) % 4 else "Chưa đạt"
            else:
                value = f'"{40 + (i * 7 + n) % 60},5"'
            note = f"ghi chú {i}" if i % 5 == 0 else ""
            lines.append(f"{commune.code},{period},{NTM},{ind.code},{value},{note}")
    return write_csv(path, lines)


def _stored():
    """Values and history rows without ids and times (they differ between two runs), and
    whether each run stamped its history rows with its values' time."""
    values = sorted(IndicatorValue.objects.values_list(*COMPARED))
    history = IndicatorValue.history.model.objects
    rows = sorted(history.values_list(*COMPARED, *HISTORY_ONLY))
    created = {v.pk: v.updated_at for v in IndicatorValue.objects.filter(version=1)}
    stamped = all(
        h.history_date == created[h.id]
        for h in history.filter(history_type="+", version=1)
        if h.id in created
    )
    return values, rows, stamped


def _wipe():
    """Values, then their history (deleting a value writes a "-" history row)."""
    IndicatorValue.objects.all().delete()
    IndicatorValue.history.model.objects.all().delete()


def test_a_copy_import_stores_exactly_what_the_insert_path_stores(
    units, tmp_path, settings, django_user_model
):
    author = django_user_model.objects.create_user("nhap.lieu")
    first = _national_file(tmp_path / "a.csv", units)
    changed = _national_file(tmp_path / "b.csv", units, period="2024")
    changed.write_text(changed.read_text().replace("Chưa đạt", "Đạt"), encoding="utf-8")
    runs = []
    for use_copy in (True, False):
        settings.NTM_IMPORT_COPY = use_copy
        assert copy_available() is use_copy
        created = run_import(first, author=author, name="a.csv")
        updated = run_import(changed, author=author, name="b.csv")
        assert created.ok and updated.ok
        runs.append(
            (
                (created.created, created.updated, created.unchanged),
                (updated.created, updated.updated, updated.unchanged),
                _stored(),
            )
        )
        _wipe()
    with_copy, with_insert = runs
    assert with_copy == with_insert
    counts, _, (values, history, stamped) = with_copy
    assert counts[0] == len(values) > 100 and stamped
    assert len(history) == len(values) + with_copy[1][1]


def test_a_duplicate_in_a_copy_fails_as_the_insert_does(units):
    columns, defaults = _insert_columns()
    row = (units.commune.pk, "2024", Period.of(2024).index, NTM, "1.1", "Đạt", None, True, "")
    row += (False, "", "import", None, timezone.now(), 1, *defaults)
    copy_rows(columns, [row])
    with pytest.raises(IntegrityError), transaction.atomic():
        copy_rows(columns, [row])
    assert IndicatorValue.objects.count() == 1
