"""Listeners of written values: told once per unit and set, with the latest period, inside the
write."""

from __future__ import annotations

import pytest

from ntm.assessments import hooks
from ntm.assessments.services import do_set_value
from ntm.imports.service import run_import

NTM = "xa-ntm-2021-2025"


@pytest.fixture
def heard():
    saved = list(hooks._LISTENERS)
    got: list = []
    hooks.on_values_written(lambda items, author: got.extend((u, s, str(p)) for u, s, p in items))
    yield got
    hooks._LISTENERS[:] = saved


@pytest.mark.django_db
def test_a_form_write_tells_the_listener_the_unit_set_and_period(units, heard):
    do_set_value(
        unit=units.commune,
        set_code=NTM,
        indicator_code="2.1",
        period="2023-05",
        raw="80",
        source="form",
        author=None,
    )
    assert heard == [(units.commune.pk, NTM, "2023-05")]


@pytest.mark.django_db
def test_an_import_tells_it_once_per_unit_and_set_with_the_latest_period(units, heard, tmp_path):
    path = tmp_path / "v.csv"
    path.write_text(
        f"unit,period,set,indicator,value\n9389401,2023-05,{NTM},2.1,80\n9389401,2023-07,{NTM},2.2,80\n"
        f"9389402,2023-05,{NTM},2.1,80\n",
        encoding="utf-8",
    )
    assert run_import(path).ok
    assert sorted(heard) == sorted(
        [(units.commune.pk, NTM, "2023-07"), (units.sibling_commune.pk, NTM, "2023-05")]
    )


@pytest.mark.django_db
def test_a_dry_run_tells_no_one(units, heard, tmp_path):
    path = tmp_path / "v.csv"
    path.write_text(
        f"unit,period,set,indicator,value\n9389401,2023-05,{NTM},2.1,80\n", encoding="utf-8"
    )
    assert run_import(path, dry_run=True).ok
    assert heard == []
