"""A province keeps its code across the 2025 reform: pickers name the post-2025 one CODE@2025."""

from datetime import date

import pytest

from ntm.accounts.access import access_unit_for_user
from ntm.web.templatetags.ntm_web import unit_choice, unit_ref
from tests.conftest import make_unit

pytestmark = pytest.mark.django_db


def test_a_picker_tells_the_two_eras_of_a_province_apart(units, personas):
    new = make_unit("938", "Thanh Hóa", "province", era="2025", valid_from=date(2025, 7, 1))
    assert unit_choice(units.province) == "tỉnh Thanh Hóa (trước 1/7/2025)"
    assert unit_choice(new) == "tỉnh Thanh Hóa (từ 1/7/2025)"
    assert (unit_ref(units.province), unit_ref(new)) == ("938", "938@2025")
    assert access_unit_for_user(personas.national, "938@2025") == new
    assert access_unit_for_user(personas.national, "938") == units.province
