"""The task file kind of ``ntm import`` (design.md §10): header, rules, all or nothing."""

from __future__ import annotations

from datetime import date

import pytest

from ntm.cli import main
from ntm.imports.service import run_import
from ntm.planning.models import Task
from ntm.planning.task_import import (
    MSG_INDICATOR_OUTSIDE,
    MSG_UNKNOWN_CRITERION,
    MSG_UNKNOWN_INDICATOR,
)

HEADER = "unit,set,criterion,department,owner,start,due,status"
NTM = "xa-ntm-2021-2025"


def _file(tmp_path, text, name="tasks.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_a_task_file_is_recognised_by_its_header_and_written(units, tmp_path, capsys):
    path = _file(
        tmp_path,
        "\ufeff" + HEADER + ",indicator,budget,note\n"
        f"9389401,{NTM},17,Phòng TN-MT,Lê Văn A,01/06/2023,30/09/2023,in-progress,"
        "17.1,1.250.000.000,Nước sạch\n"
        f"Thanh Hóa/Thọ Xuân/Xuân Minh,{NTM},2,Phòng KT-HT,Trần B,2023-06-01,2023-12-31,"
        "not-started,,,\n",
    )

    assert main(["import", str(path)]) == 0
    tasks = {t.unit.code: t for t in Task.objects.select_related("unit")}
    first = tasks["9389401"]
    assert (first.criterion, first.indicator_code, first.department, first.owner) == (
        17,
        "17.1",
        "Phòng TN-MT",
        "Lê Văn A",
    )
    assert (first.start, first.due, first.status) == (
        date(2023, 6, 1),
        date(2023, 9, 30),
        "in-progress",
    )
    assert (first.budget, first.note) == (1_250_000_000, "Nước sạch")
    assert tasks["9389402"].indicator_code == "" and tasks["9389402"].budget is None
    assert first.history.count() == 1


@pytest.mark.django_db
def test_importing_the_same_file_again_changes_nothing(units, tmp_path):
    path = _file(
        tmp_path,
        HEADER
        + f"\n9389401;{NTM};17;Phòng TN-MT;Lê Văn A;2023-06-01;2023-09-30;done\n".replace(";", ","),
    )
    assert run_import(path).created == 1
    again = run_import(path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert Task.objects.count() == 1


@pytest.mark.django_db
def test_a_changed_status_updates_the_task_with_history(units, tmp_path):
    run_import(
        _file(tmp_path, HEADER + f"\n9389401,{NTM},17,P,A,2023-06-01,2023-09-30,not-started\n")
    )
    outcome = run_import(
        _file(tmp_path, HEADER + f"\n9389401,{NTM},17,P,A,2023-06-01,2023-09-30,done\n", "b.csv")
    )
    assert outcome.updated == 1
    task = Task.objects.get()
    assert task.status == "done" and task.history.count() == 2


@pytest.mark.django_db
def test_every_bad_row_is_named_and_nothing_is_written(units, tmp_path, capsys):
    path = _file(
        tmp_path,
        HEADER + ",indicator\n"
        f"9389401,{NTM},17,P,A,2023-06-01,2023-09-30,in-progress,17.1\n"  # good
        f"9389401,{NTM},17,P,B,2023-09-30,2023-06-01,in-progress,\n"  # due before start
        f"9389401,{NTM},25,P,C,2023-06-01,2023-09-30,in-progress,\n"  # unknown criterion
        f"9389401,{NTM},17,P,D,2023-06-01,2023-09-30,finished,\n"  # unknown status
        f"9389401,{NTM},17,P,E,2023-06-01,2023-09-30,done,99.9\n"  # unknown indicator
        f"9389401,{NTM},17,P,F,2023-06-01,2023-09-30,done,2.1\n"  # indicator of another criterion
        f"9389401,{NTM},17,P,G,31/02/2023,2023-09-30,done,\n"  # no such date
        f"Không Có,{NTM},17,P,H,2023-06-01,2023-09-30,done,\n"  # unknown unit
        f"9389401,khong-co,17,P,I,2023-06-01,2023-09-30,done,\n",
    )  # unknown set

    outcome = run_import(path)
    assert not outcome.ok
    assert [(e.row, e.column) for e in outcome.errors] == [
        (3, "due"),
        (4, "criterion"),
        (5, "status"),
        (6, "indicator"),
        (7, "indicator"),
        (8, "start"),
        (9, "unit"),
        (10, "set"),
    ]
    reasons = {e.row: e.reason for e in outcome.errors}
    assert reasons[4] == MSG_UNKNOWN_CRITERION.format(set=NTM, criterion=25)
    assert reasons[6] == MSG_UNKNOWN_INDICATOR.format(set=NTM, indicator="99.9")
    assert reasons[7] == MSG_INDICATOR_OUTSIDE.format(indicator="2.1", criterion=17)
    assert Task.objects.count() == 0
    assert main(["import", str(path)]) == 1
    assert Task.objects.count() == 0


@pytest.mark.django_db
def test_the_same_task_twice_in_a_file_is_a_bad_row(units, tmp_path):
    line = f"9389401,{NTM},17,P,A,2023-06-01,2023-09-30,done\n"
    outcome = run_import(_file(tmp_path, HEADER + "\n" + line + line))
    assert [(e.row, e.column) for e in outcome.errors] == [(3, "owner")]
    assert Task.objects.count() == 0


@pytest.mark.django_db
def test_a_criterion_of_the_district_set_is_checked_against_that_set(units, tmp_path):
    outcome = run_import(
        _file(tmp_path, HEADER + "\n93894,huyen-ntm-2021-2025,19,P,A,2023-06-01,2023-09-30,done\n")
    )
    assert [(e.row, e.column) for e in outcome.errors] == [(2, "criterion")]
