"""OCOP files (design.md §10): ``unit,product,producer,group,year,stars,level``
[+ score, decision, date, note]."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ntm.imports.service import run_import
from ntm.ocop.models import OcopProduct

HEADER = "unit,product,producer,group,year,stars,level,score,decision,date,note\n"


def write(tmp_path, body: str, name: str = "ocop.csv"):
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_an_ocop_file_is_recognised_by_its_header_and_its_products_written(units, tmp_path):
    path = write(
        tmp_path,
        (
            '9389401,Bánh gai,HTX Xuân Hòa,1,2022,3,province,"62,5",12/QĐ-UBND,15/6/2022,\n'
            "Thanh Hóa/Thọ Xuân/Xuân Minh,Rượu nếp,Hộ ông A,đồ uống,2023,4,province,,,,\n"
            "9389001,Du lịch bản,THT Trung Hạ,"
            "Dịch vụ du lịch cộng đồng và điểm du lịch,2023,3,district,,,,\n"
        ),
    )
    outcome = run_import(path)

    assert outcome.ok, outcome.errors
    assert (outcome.kind, outcome.created) == ("ocop", 3)
    cake = OcopProduct.objects.get(name="Bánh gai")
    assert (cake.group, cake.stars, cake.level, cake.score) == (1, 3, "province", Decimal("62.50"))
    assert cake.decided_on == date(2022, 6, 15) and cake.expires_on == date(2025, 6, 15)
    assert OcopProduct.objects.get(name="Rượu nếp").group == 2
    assert OcopProduct.objects.get(name="Du lịch bản").group == 6
    assert cake.history.count() == 1


@pytest.mark.django_db
def test_importing_the_same_file_again_changes_nothing_and_a_new_star_rating_updates(
    units, tmp_path
):
    path = write(tmp_path, "9389401,Bánh gai,HTX Xuân Hòa,1,2022,3,province,,,,\n")
    assert run_import(path).created == 1
    again = run_import(path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    changed = write(tmp_path, "9389401,BÁNH GAI,HTX Xuân Hòa,1,2022,4,province,,,,\n", "ocop2.csv")
    outcome = run_import(changed)
    assert (outcome.created, outcome.updated) == (0, 1)
    assert OcopProduct.objects.get().stars == 4


@pytest.mark.django_db
def test_every_bad_row_is_named_and_nothing_is_written(units, tmp_path):
    path = write(
        tmp_path,
        (
            "9389401,Bánh gai,HTX,7,2022,6,provincial,101,,31/2/2022,\n"
            "Không Có,Rượu,HTX,1,2022,3,province,,,,\n"
            "9389402,Mật ong,HTX,1,2022,3,province,,,,\n"
        ),
    )
    outcome = run_import(path)

    assert not outcome.ok
    assert [(e.row, e.column) for e in outcome.errors] == [
        (2, "date"),
        (2, "group"),
        (2, "level"),
        (2, "score"),
        (2, "stars"),
        (3, "unit"),
    ]
    assert "Thực phẩm" in next(e.reason for e in outcome.errors if e.column == "group")
    assert not OcopProduct.objects.exists()


@pytest.mark.django_db
def test_the_same_product_twice_for_one_year_is_a_bad_row(units, tmp_path):
    path = write(
        tmp_path,
        "9389401,Bánh gai,HTX,1,2022,3,province,,,,\n9389401,Bánh  Gai,HTX,1,2022,4,province,,,,\n",
    )
    outcome = run_import(path)
    assert [(e.row, e.column) for e in outcome.errors] == [(3, "product")]
    assert not OcopProduct.objects.exists()


@pytest.mark.django_db
def test_a_row_outside_the_importers_units_is_a_bad_row(units, tmp_path):
    path = write(tmp_path, "9389001,Du lịch bản,THT,6,2023,3,district,,,,\n")
    outcome = run_import(path, within=[units.district.path])
    assert not outcome.ok and outcome.errors[0].column == "unit"


@pytest.mark.django_db
def test_the_score_parts_a_b_c_are_imported_and_give_the_total(units, tmp_path):
    path = tmp_path / "ocop-parts.csv"
    path.write_text(
        "unit,product,producer,group,year,stars,level,score_a,score_b,score_c\n"
        '9389401,Bánh gai,HTX Xuân Hòa,1,2022,3,province,"30,5",20,"21,25"\n',
        encoding="utf-8",
    )
    outcome = run_import(path)

    assert outcome.ok, outcome.errors
    cake = OcopProduct.objects.get()
    assert (cake.score_a, cake.score_b, cake.score_c) == (
        Decimal("30.50"),
        Decimal("20.00"),
        Decimal("21.25"),
    )
    assert cake.score == Decimal("71.75")


@pytest.mark.django_db
def test_a_part_over_its_maximum_or_a_total_that_is_not_their_sum_is_refused(units, tmp_path):
    path = tmp_path / "ocop-bad-parts.csv"
    path.write_text(
        "unit,product,producer,group,year,stars,level,score,score_a,score_b,score_c\n"
        "9389401,Bánh gai,HTX Xuân Hòa,1,2022,3,province,,41,20,20\n"
        "9389401,Rượu nếp,Hộ ông A,2,2022,3,province,80,30,20,20\n",
        encoding="utf-8",
    )
    outcome = run_import(path)

    assert not outcome.ok
    found = {(e.row, e.column): e.reason for e in outcome.errors}
    assert "40" in found[(2, "score_a")]
    assert found[(3, "score")] == "Tổng điểm 80 khác tổng ba phần A + B + C = 70"
    assert not OcopProduct.objects.exists()


@pytest.mark.django_db
def test_a_file_without_the_part_columns_keeps_the_parts_already_stored(units, tmp_path):
    with_parts = tmp_path / "ocop-parts.csv"
    with_parts.write_text(
        "unit,product,producer,group,year,stars,level,score_a,score_b,score_c\n"
        '9389401,Bánh gai,HTX Xuân Hòa,1,2022,3,province,"30,5",20,"21,25"\n',
        encoding="utf-8",
    )
    assert run_import(with_parts).ok
    older = tmp_path / "ocop-older.csv"
    older.write_text(
        "unit,product,producer,group,year,stars,level,score,note\n"
        '9389401,Bánh gai,HTX Xuân Hòa,1,2022,3,province,"71,75",đã xác nhận\n',
        encoding="utf-8",
    )

    assert run_import(older).ok

    cake = OcopProduct.objects.get()
    assert (cake.score_a, cake.score_b, cake.score_c, cake.note) == (
        Decimal("30.50"),
        Decimal("20.00"),
        Decimal("21.25"),
        "đã xác nhận",
    )


@pytest.mark.django_db
def test_a_new_total_without_parts_supersedes_parts_that_no_longer_add_up(units, tmp_path):
    with_parts = tmp_path / "ocop-parts.csv"
    with_parts.write_text(
        "unit,product,producer,group,year,stars,level,score_a,score_b,score_c\n"
        '9389401,Bánh gai,HTX Xuân Hòa,1,2022,3,province,"30,5",20,"21,25"\n',
        encoding="utf-8",
    )
    assert run_import(with_parts).ok
    rescored = tmp_path / "ocop-rescored.csv"
    rescored.write_text(
        "unit,product,producer,group,year,stars,level,score\n"
        "9389401,Bánh gai,HTX Xuân Hòa,1,2022,4,province,80\n",
        encoding="utf-8",
    )

    assert run_import(rescored).ok

    cake = OcopProduct.objects.get()
    assert (cake.score, cake.score_a, cake.score_b, cake.score_c) == (
        Decimal("80.00"),
        None,
        None,
        None,
    )
