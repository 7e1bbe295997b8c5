"""On PostgreSQL a large import over stored values goes through a staging table
(``ntm.assessments.staged_writes``): the same counts, changes listed, values, history rows and
stored results as the batch path, the same dry run, and a value saved meanwhile still fails the
whole import (skipped on SQLite, which keeps the batch path)."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from ntm.assessments import staged_writes
from ntm.assessments.models import IndicatorValue, StoredResult
from ntm.assessments.stored import stored_results
from ntm.assessments.writes import MSG_VALUES_CHANGED_MEANWHILE, _Write
from ntm.criteria.registry import load_registry
from ntm.imports.service import read_source, run_import
from ntm.imports.unit_refs import IndexedUnits
from ntm.imports.validate import RowChecker
from ntm.units.models import AdminUnit
from tests.imports.conftest import write_csv
from tests.imports.test_copy_import import COMPARED, HISTORY_ONLY, NTM, _wipe

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the staging table is PostgreSQL's"
)

EVERY_PATH = 0  # STAGED_MIN_ROWS for "stage every write"
NEVER = 10**9


def _indicators():
    return [i for i in load_registry().get(NTM).indicators if i.aggregate is None]


def _communes(units):
    return (units.commune, units.sibling_commune, units.other_commune)


def _first_file(path, units):
    """Every indicator of the NTM set for three communes in 2024, notes on some rows."""
    lines = ["unit,period,set,indicator,value,note"]
    for n, commune in enumerate(_communes(units)):
        for i, ind in enumerate(_indicators()):
            value = ("Đạt" if (i + n) % 4 else "Chưa đạt") if ind.kind == "boolean" else '"50,5"'
            note = f"ghi chú {i}" if i % 5 == 0 else ""
            lines.append(f"{commune.code},2024,{NTM},{ind.code},{value},{note}")
    return write_csv(path, lines)


def _second_file(path, units, *, notes: bool):
    """The same values with some changed, plus new 2025 values for one commune (created).

    Without a note column every stored note is kept; with one, some notes change."""
    header = "unit,period,set,indicator,value" + (",note" if notes else "")
    lines = [header]
    for n, commune in enumerate(_communes(units)):
        for i, ind in enumerate(_indicators()):
            if ind.kind == "boolean":
                value = "Đạt" if (i + n) % 4 or i % 3 == 0 else "Chưa đạt"
            else:
                value = '"50,5"' if i % 2 else "60"
            note = (f",ghi chú {i}" if i % 5 == 0 else (",mới" if i % 7 == 0 else ",")) * notes
            lines.append(f"{commune.code},2024,{NTM},{ind.code},{value}{note}")
    for i, ind in enumerate(_indicators()):
        value = "Đạt" if ind.kind == "boolean" else f"{40 + i % 50}"
        lines.append(f"{units.commune.code},2025,{NTM},{ind.code},{value}" + "," * notes)
    return write_csv(path, lines)


def _outcome(outcome):
    assert outcome.ok, outcome.errors
    return outcome.created, outcome.updated, outcome.unchanged, outcome.changes


def _state():
    values = sorted(IndicatorValue.objects.values_list(*COMPARED, "updated_at"))
    history = sorted(
        IndicatorValue.history.model.objects.values_list(*COMPARED, *HISTORY_ONLY, "history_date")
    )
    results = sorted(
        StoredResult.objects.values_list(
            "unit__code", "set_code", "period", "criteria_met", "indicator_letters", "level"
        )
    )
    return values, history, results


def _run(monkeypatch, tmp_path, units, author, min_rows):
    """Import, read results (they are stored), change the values three ways; the outcomes and
    what is stored, with each write's time replaced by its order."""
    monkeypatch.setattr(staged_writes, "STAGED_MIN_ROWS", min_rows)
    tmp_path.mkdir()
    first = _first_file(tmp_path / "a.csv", units)
    kept_notes = _second_file(tmp_path / "b.csv", units, notes=False)
    new_notes = _second_file(tmp_path / "c.csv", units, notes=True)
    steps = [_outcome(run_import(first, author=author, name="a.csv"))]
    communes = list(AdminUnit.objects.filter(level="commune"))
    stored_results(communes, NTM, "2024")
    stored_results(communes, NTM, "2025")
    steps.append(_outcome(run_import(kept_notes, author=author, name="b.csv", dry_run=True)))
    dry_state = _state()
    steps.append(_outcome(run_import(kept_notes, author=author, name="b.csv")))
    steps.append(_state()[2])  # the stored results refreshed from each commune's earliest change
    steps.append(_outcome(run_import(new_notes, author=author, name="c.csv")))
    steps.append(_outcome(run_import(new_notes, author=author, name="c.csv")))
    values, history, results = _state()
    times = {t: n for n, t in enumerate(sorted({v[-1] for v in values} | {h[-1] for h in history}))}
    values = [(*v[:-1], times[v[-1]]) for v in values]
    history = [(*h[:-1], times[h[-1]]) for h in history]
    _wipe()
    StoredResult.objects.all().delete()
    return steps, dry_state, (values, history, results)


def test_a_staged_import_stores_exactly_what_the_batch_path_stores(
    units, tmp_path, monkeypatch, django_user_model
):
    author = django_user_model.objects.create_user("nhap.lieu")
    staged = _run(monkeypatch, tmp_path / "staged", units, author, EVERY_PATH)
    batch = _run(monkeypatch, tmp_path / "batch", units, author, NEVER)
    assert staged[0] == batch[0]
    # after the dry run: what the first import stored (times aside), in both paths
    assert [v[:-1] for v in staged[1][0]] == [v[:-1] for v in batch[1][0]]
    assert [h[:-1] for h in staged[1][1]] == [h[:-1] for h in batch[1][1]]
    assert staged[2] == batch[2]
    steps = staged[0]
    dry, kept, _results, changed, again = steps[1:]
    n = len(_indicators())
    # b: new 2025 values for one commune, some 2024 values changed, nothing else
    assert dry[:3] == kept[:3] and kept[0] == n and kept[1] > 10 and kept[2] > 10
    assert changed[0] == 0 and changed[1] > 0 and again[:3] == (0, 0, 4 * n)
    assert any(c[5] is not None for c in kept[3]) and any(c[5] is None for c in kept[3])
    # the dry run wrote nothing: values as the first import left them
    assert {v[COMPARED.index("version")] for v in staged[1][0]} == {1}
    values, history, results = staged[2]
    assert len(history) == len(values) + kept[1] + changed[1]
    assert {h[len(COMPARED) + 1] for h in history} == {
        "Nhập từ tệp a.csv",
        "Nhập từ tệp b.csv",
        "Nhập từ tệp c.csv",
    }
    assert results


def test_a_value_saved_meanwhile_fails_the_staged_write(units, monkeypatch, tmp_path):
    monkeypatch.setattr(staged_writes, "STAGED_MIN_ROWS", EVERY_PATH)
    assert run_import(_first_file(tmp_path / "a.csv", units)).ok
    rows, _ = read_source(_second_file(tmp_path / "b.csv", units, notes=False))
    checked = RowChecker(load_registry(), IndexedUnits.from_db(None)).check_all(rows)
    ctx = _Write(author_id=None, source="import", reason="test", now=timezone.now())
    with transaction.atomic():
        staged_writes.stage(checked.rows)
        created, unchanged = staged_writes.counts_of_stage()
        updated = len(checked.rows) - created - unchanged
        # someone saves one of the values the file changes, after the stage read it
        IndicatorValue.objects.filter(version=1, indicator_code="1.1").update(version=2)
        with (
            pytest.raises(IntegrityError, match=MSG_VALUES_CHANGED_MEANWHILE),
            transaction.atomic(),
        ):
            staged_writes.update_changed(ctx, updated, MSG_VALUES_CHANGED_MEANWHILE)
        staged_writes.drop()


def test_a_large_write_refreshes_the_planners_statistics(units, tmp_path):
    from ntm.assessments.copy_rows import ANALYZE_MIN_ROWS, refresh_statistics

    assert run_import(_first_file(tmp_path / "a.csv", units)).ok

    def analysed() -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stats WHERE tablename = %s",
                [IndicatorValue._meta.db_table],
            )
            return cursor.fetchone()[0]

    # The suite's earlier tests (or autovacuum) may have analysed the table already: what a
    # small write must not do is run ANALYZE; a large one must leave statistics in place.
    before = analysed()
    assert not refresh_statistics(ANALYZE_MIN_ROWS - 1) and analysed() == before
    assert refresh_statistics(ANALYZE_MIN_ROWS) and analysed() > 5
