"""A province keeps its code across the 2025 reform: pickers name the post-2025 one CODE@2025."""

from datetime import date

import pytest
from django.utils import translation

from ntm.accounts.access import UnitCodeAmbiguous, access_unit_for_user
from ntm.web.templatetags.ntm_web import unit_choice, unit_ref
from tests.conftest import make_unit
from tests.web.conftest import logged_in

pytestmark = pytest.mark.django_db


def test_a_picker_tells_the_two_eras_of_a_province_apart(units, personas):
    new = make_unit("938", "Thanh Hóa", "province", era="2025", valid_from=date(2025, 7, 1))
    with translation.override("vi"):  # whatever language an earlier test left active
        assert unit_choice(units.province) == "tỉnh Thanh Hóa (trước 1/7/2025)"
        assert unit_choice(new) == "tỉnh Thanh Hóa (từ 1/7/2025)"
    assert (unit_ref(units.province), unit_ref(new)) == ("938@2008", "938@2025")
    assert unit_ref(units.district) == "93894"  # a code of one era only stays bare
    assert access_unit_for_user(personas.national, "938@2025") == new
    assert access_unit_for_user(personas.national, "938@2008") == units.province


def test_a_bare_shared_code_is_decided_by_the_periods_date_or_refused(units, personas):
    new = make_unit("938", "Thanh Hóa", "province", era="2025", valid_from=date(2025, 7, 1))
    national = personas.national
    assert access_unit_for_user(national, "938", on=date(2023, 12, 31)) == units.province
    assert access_unit_for_user(national, "938", on=date(2026, 12, 31)) == new
    with pytest.raises(UnitCodeAmbiguous) as info:
        access_unit_for_user(national, "938")
    assert "938@2008" in str(info.value) and "938@2025" in str(info.value)


def test_the_old_unit_valid_on_the_date_wins_when_the_dates_say_so(units, personas):
    """A unit-history file may end an old unit before 1 July 2025: its dates decide."""
    units.province.valid_to = date(2024, 10, 31)
    units.province.save()
    new = make_unit("938", "Thanh Hóa", "province", era="2025", valid_from=date(2024, 11, 1))
    assert access_unit_for_user(personas.national, "938", on=date(2025, 1, 31)) == new
    assert access_unit_for_user(personas.national, "938", on=date(2024, 5, 31)) == units.province


def test_a_web_page_asked_for_a_bare_shared_code_says_which_to_write(units, personas):
    make_unit("938", "Thanh Hóa", "province", era="2025", valid_from=date(2025, 7, 1))
    client = logged_in(personas.national)
    refused = client.get("/units/938/")
    assert refused.status_code == 400
    assert "938@2025" in refused.content.decode()
    by_period = client.get("/units/938/", {"period": "2023"})
    assert by_period.status_code == 200 and by_period.context["unit"] == units.province
    assert client.get("/units/938@2025/").context["unit"].era == "2025"


def test_the_api_refuses_a_bare_shared_code_in_json(units, personas):
    make_unit("938", "Thanh Hóa", "province", era="2025", valid_from=date(2025, 7, 1))
    response = logged_in(personas.national).get("/api/units/938/")
    assert response.status_code == 400
    assert response.json()["code"] == "ambiguous_unit"
    assert logged_in(personas.national).get("/api/units/938/", {"era": "2025"}).status_code == 200
