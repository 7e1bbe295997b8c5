"""Unit-history files through ``ntm import`` (design.md §10): units that merged, split, were
renamed or dissolved before the bundled snapshot, registered with their validity dates."""

from datetime import date

import pytest

from ntm.cli import main
from ntm.imports.service import run_import
from ntm.units.models import AdminUnit, UnitLineage
from ntm.units.selectors import UnitNotFound, find_unit

pytestmark = pytest.mark.django_db
HEADER = "code,name,level,parent,valid_from,valid_to,successors,note\n"
DONG_SON = (
    "93895,huyện Đông Sơn,district,938,1982-08-30,30/11/2024,93894,"
    '"Nhập vào TP (NQ 1247/NQ-UBTVQH15)"\n'
)


def _file(tmp_path, body, name="lich-su.csv"):
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_a_merged_district_is_registered_with_its_dates_and_its_successor(
    units, personas, tmp_path
):
    outcome = run_import(_file(tmp_path, DONG_SON), author=personas.province_office)
    assert outcome.ok, outcome.errors
    assert outcome.kind == "unit-history" and outcome.created == 1
    dong_son = AdminUnit.objects.get(code="93895")
    assert (dong_son.level, dong_son.unit_type, dong_son.name, dong_son.parent) == (
        "district",
        "huyện",
        "Đông Sơn",
        units.province,
    )
    assert (dong_son.valid_from, dong_son.valid_to, dong_son.era) == (
        date(1982, 8, 30),
        date(2024, 11, 30),
        "2008",
    )
    assert dong_son.registered and dong_son.path == f"{units.province.path}{dong_son.pk}/"
    link = UnitLineage.objects.get(old=dong_son)
    assert (link.new, link.effective, link.kind) == (units.district, date(2024, 12, 1), "merger")
    assert dong_son.history.get().history_user == personas.province_office


def test_a_registered_unit_is_found_only_on_dates_it_was_in_force(units, tmp_path):
    assert run_import(_file(tmp_path, DONG_SON)).ok
    assert find_unit("Thanh Hóa/Đông Sơn", on=date(2023, 5, 31), strict=True).code == "93895"
    with pytest.raises(UnitNotFound, match="còn hiệu lực ngày 2025-01-01"):
        find_unit("Thanh Hóa/Đông Sơn", on=date(2025, 1, 1), strict=True)


def test_ntm_units_on_a_date_lists_the_units_in_force_then(units, tmp_path, capsys):
    assert run_import(_file(tmp_path, DONG_SON)).ok
    assert main(["units", "938", "--on", "2023-05-31"]) == 0
    assert "Đông Sơn" in capsys.readouterr().out
    assert main(["units", "938", "--on", "01/01/2025"]) == 0
    assert "Đông Sơn" not in capsys.readouterr().out
    assert main(["units", "Thanh Hóa/Đông Sơn", "--on", "2025-01-01"]) == 1


def test_importing_the_same_history_again_changes_nothing(units, tmp_path):
    path = _file(tmp_path, DONG_SON)
    assert run_import(path).ok
    again = run_import(path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert UnitLineage.objects.filter(old__code="93895").count() == 1


def test_a_district_and_its_communes_split_in_one_file(units, tmp_path):
    body = (
        "93896,Đông Thiệu,district,938,1977-01-01,1982-08-29,93897;93898,tách đôi\n"
        "93897,Đông Sơn,district,938,1982-08-30,,,\n"
        "93898,Thiệu Yên,district,938,1982-08-30,,,\n"
        "9389601,Đông Tiến,commune,93896,1977-01-01,1982-08-29,9389701,\n"
        "9389701,Đông Tiến,commune,93897,1982-08-30,,,\n"
    )
    outcome = run_import(_file(tmp_path, body))
    assert outcome.ok, outcome.errors
    assert outcome.created == 5
    split = UnitLineage.objects.filter(old__code="93896")
    assert {(link.new.code, link.kind, link.partial) for link in split} == {
        ("93897", "split", True),
        ("93898", "split", True),
    }
    moved = UnitLineage.objects.get(old__code="9389601")
    assert moved.kind == "rename" and AdminUnit.objects.get(code="9389701").parent.code == "93897"


def test_every_bad_row_is_named_and_nothing_is_written(units, tmp_path):
    body = (
        "93899,Hà Trung,district,938,2020-01-01,2019-01-01,,\n"
        "93900,Nga Sơn,district,938,2020-01-01,,93894,\n"
        "93901,Nông Cống,huyen-x,938,2020-01-01,,,\n"
        "93902,Yên Định,district,,2020-01-01,,,\n"
        "93903,Như Thanh,district,938,1/13/2020,,,\n"
    )
    outcome = run_import(_file(tmp_path, body))
    assert not outcome.ok
    assert [(e.row, e.column) for e in outcome.errors] == [
        (2, "valid_to"),
        (3, "valid_to"),
        (4, "level"),
        (5, "parent"),
        (6, "valid_from"),
    ]
    assert not AdminUnit.objects.filter(registered=True).exists()


def test_unknown_references_and_bundled_units_are_named_and_nothing_is_written(units, tmp_path):
    body = (
        "93895,Đông Sơn,district,Không Có,1982-08-30,,,\n"
        "93899,Hà Trung,district,938,2020-01-01,2024-01-01,93777,\n"
        "93894,Thọ Xuân,district,938,2020-01-01,,,\n"
        "93896,Đông Thiệu,district,938,1977-01-01,,,\n"
    )
    outcome = run_import(_file(tmp_path, body))
    assert [(e.row, e.column) for e in outcome.errors] == [
        (2, "parent"),
        (3, "successors"),
        (4, "code"),
    ]
    assert "dữ liệu gốc" in outcome.errors[-1].reason
    assert not AdminUnit.objects.filter(registered=True).exists()


def test_a_parent_must_be_a_level_above(units, tmp_path):
    outcome = run_import(_file(tmp_path, "9389409,Xuân Thắng,commune,9389401,2000-01-01,,,\n"))
    assert [(e.row, e.column) for e in outcome.errors] == [(2, "parent")]


def test_a_unit_may_not_stay_in_force_after_its_parent_ends(units, tmp_path):
    body = DONG_SON + (
        "9389501,Đông Hòa,commune,93895,1982-08-30,,,\n"
        "9389502,Đông Minh,commune,93895,1982-08-30,2024-11-30,93894,\n"
    )
    outcome = run_import(_file(tmp_path, body))
    assert [(e.row, e.column) for e in outcome.errors] == [(3, "valid_to")]
    assert "30/11/2024" in outcome.errors[0].reason and "93895" in outcome.errors[0].reason
    assert not AdminUnit.objects.filter(registered=True).exists()
