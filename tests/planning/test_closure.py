"""A task closes itself when its indicator's value meets the threshold, and says so."""

from __future__ import annotations

from datetime import date

import pytest

from ntm.assessments.services import do_set_value
from ntm.imports.service import run_import
from ntm.planning.models import Task
from ntm.planning.services import do_create_task
from tests.planning.conftest import NTM, enter


def _task(unit, indicator="17.1", criterion=17):
    return do_create_task(
        unit=unit,
        set_code=NTM,
        criterion=criterion,
        indicator_code=indicator,
        department="Phòng TN-MT",
        owner="An",
        start=date(2023, 1, 1),
        due=date(2023, 9, 30),
        status="in-progress",
        author=None,
    )


@pytest.mark.django_db
def test_a_value_that_meets_the_threshold_closes_the_task_and_says_why(units):
    enter(units.commune, {"17.1": "80"})
    task = _task(units.commune)

    do_set_value(
        unit=units.commune,
        set_code=NTM,
        indicator_code="17.1",
        period="2023-07",
        raw="96",
        source="form",
        author=None,
    )
    task.refresh_from_db()
    assert task.status == "done"
    assert task.closed_by_value == "Tự động hoàn thành: chỉ tiêu 17.1 đạt (96 >= 95) kỳ 2023-07"
    update = task.updates.get()
    assert (update.period, update.status) == ("2023-07", "done")
    assert task.history.first().history_change_reason.startswith("Tự động hoàn thành")


@pytest.mark.django_db
def test_a_value_still_short_of_the_threshold_leaves_the_task_open(units):
    enter(units.commune, {"17.1": "80"})
    task = _task(units.commune)
    do_set_value(
        unit=units.commune,
        set_code=NTM,
        indicator_code="17.1",
        period="2023-07",
        raw="90",
        source="form",
        author=None,
    )
    task.refresh_from_db()
    assert task.status == "in-progress" and task.closed_by_value == ""


@pytest.mark.django_db
def test_another_indicator_or_another_commune_does_not_close_it(units):
    task = _task(units.commune)
    do_set_value(
        unit=units.commune,
        set_code=NTM,
        indicator_code="17.3",
        period="2023-07",
        raw="100",
        source="form",
        author=None,
    )
    do_set_value(
        unit=units.sibling_commune,
        set_code=NTM,
        indicator_code="17.1",
        period="2023-07",
        raw="100",
        source="form",
        author=None,
    )
    task.refresh_from_db()
    assert task.status == "in-progress"


@pytest.mark.django_db
def test_an_imported_value_closes_the_task_too(units, tmp_path):
    task = _task(units.commune, indicator="1.1", criterion=1)
    path = tmp_path / "values.csv"
    path.write_text(
        f"unit,period,set,indicator,value\n9389401,2023-08,{NTM},1.1,Đạt\n", encoding="utf-8"
    )
    assert run_import(path).ok
    task.refresh_from_db()
    assert (
        task.status == "done"
        and task.closed_by_value == "Tự động hoàn thành: chỉ tiêu 1.1 đạt (Đạt) kỳ 2023-08"
    )


@pytest.mark.django_db
def test_a_dry_run_import_closes_nothing(units, tmp_path):
    task = _task(units.commune, indicator="1.1", criterion=1)
    path = tmp_path / "values.csv"
    path.write_text(
        f"unit,period,set,indicator,value\n9389401,2023-08,{NTM},1.1,Đạt\n", encoding="utf-8"
    )
    assert run_import(path, dry_run=True).ok
    assert Task.objects.get(pk=task.pk).status == "in-progress"


@pytest.mark.django_db
def test_a_cancelled_task_stays_cancelled(units):
    task = _task(units.commune)
    Task.objects.filter(pk=task.pk).update(status="cancelled")
    do_set_value(
        unit=units.commune,
        set_code=NTM,
        indicator_code="17.1",
        period="2023-07",
        raw="99",
        source="form",
        author=None,
    )
    assert Task.objects.get(pk=task.pk).status == "cancelled"
