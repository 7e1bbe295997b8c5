"""``ntm tasks UNIT [--overdue] [--as-of DATE] [--json]`` (design.md §10)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from ntm.cli import main
from ntm.planning.services import do_create_task

NTM = "xa-ntm-2021-2025"
KEYS = {
    "unit",
    "criterion",
    "indicator",
    "department",
    "owner",
    "start",
    "due",
    "status",
    "overdue",
}


def _task(unit, owner, due, status="in-progress", indicator="", criterion=17):
    return do_create_task(
        unit=unit,
        set_code=NTM,
        criterion=criterion,
        indicator_code=indicator,
        department="Phòng TN-MT",
        owner=owner,
        start=date(2023, 1, 1),
        due=due,
        status=status,
        author=None,
    )


@pytest.fixture
def tasks(units):
    _task(units.commune, "An", date(2023, 9, 30), indicator="17.1")
    _task(units.sibling_commune, "Bình", date(2023, 6, 30), status="done")
    _task(units.sibling_commune, "Chi", date(2023, 6, 30), status="cancelled")
    _task(units.district, "Dũng", date(2023, 12, 31), status="not-started", criterion=2)
    _task(units.other_commune, "Em", date(2023, 1, 31))  # another district


def _json(capsys, *argv):
    assert main(["tasks", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.django_db
def test_it_lists_the_tasks_of_the_unit_and_every_unit_under_it(tasks, capsys):
    data = _json(capsys, "93894", "--as-of", "2023-07-01")
    assert [(t["unit"], t["owner"]) for t in data] == [
        ("9389402", "Bình"),
        ("9389402", "Chi"),
        ("9389401", "An"),
        ("93894", "Dũng"),
    ]
    assert all(set(t) == KEYS for t in data)
    first = next(t for t in data if t["owner"] == "An")
    assert first == {
        "unit": "9389401",
        "criterion": 17,
        "indicator": "17.1",
        "department": "Phòng TN-MT",
        "owner": "An",
        "start": "2023-01-01",
        "due": "2023-09-30",
        "status": "in-progress",
        "overdue": False,
    }
    assert next(t for t in data if t["owner"] == "Dũng")["indicator"] is None


@pytest.mark.django_db
def test_overdue_means_not_done_nor_cancelled_and_due_before_the_date(tasks, capsys):
    data = _json(capsys, "93894", "--overdue", "--as-of", "01/10/2023")
    assert [t["owner"] for t in data] == ["An"]
    assert data[0]["overdue"] is True


@pytest.mark.django_db
def test_a_task_due_on_the_date_itself_is_not_overdue(tasks, capsys):
    assert _json(capsys, "93894", "--overdue", "--as-of", "2023-09-30") == []


@pytest.mark.django_db
def test_overdue_is_reckoned_from_today_by_default(units, capsys):
    _task(units.commune, "Hôm qua", date.today() - timedelta(days=1))
    _task(units.commune, "Hôm nay", date.today())
    assert [t["owner"] for t in _json(capsys, "9389401", "--overdue")] == ["Hôm qua"]


@pytest.mark.django_db
def test_the_province_sees_every_district(tasks, capsys):
    assert len(_json(capsys, "938", "--as-of", "2023-07-01")) == 5


@pytest.mark.django_db
def test_the_text_marks_overdue_tasks(tasks, capsys):
    assert main(["tasks", "Thanh Hóa/Thọ Xuân", "--as-of", "2023-10-01"]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "An" in x)
    assert "TC 17, chỉ tiêu 17.1" in line and "QUÁ HẠN" in line
    assert "QUÁ HẠN" not in next(x for x in out.splitlines() if "Bình" in x)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "argv", [["tasks", "Không Có"], ["tasks", "93894", "--as-of", "30/02/2023"]]
)
def test_bad_input_exits_1(units, argv):
    assert main(argv) == 1
