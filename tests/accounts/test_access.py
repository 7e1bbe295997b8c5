"""What each persona may see and change (ntm.accounts.access)."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from ntm.accounts.access import (
    UNIT_NOT_FOUND,
    UnitCodeAmbiguous,
    access_unit_for_user,
    can_edit_any_value,
    can_edit_value,
    can_view_unit,
    editable_criteria,
    scope_root_units,
    units_visible_to,
)
from ntm.accounts.services import do_assign_role
from tests.conftest import make_unit

pytestmark = pytest.mark.django_db
NTM = "xa-ntm-2021-2025"


def visible_codes(user) -> set[str]:
    return set(units_visible_to(user).values_list("code", flat=True))


def test_a_commune_officer_sees_only_their_commune_and_its_villages(personas, units):
    assert visible_codes(personas.commune_officer) == {"9389401", "9389401-1"}


def test_a_district_office_sees_its_district_and_everything_under_it(personas):
    assert visible_codes(personas.district_office) == {"93894", "9389401", "9389402", "9389401-1"}


def test_another_districts_officer_sees_none_of_the_first_district(personas, units):
    user = personas.other_district_officer
    assert visible_codes(user) == {"93890", "9389001"}
    assert not can_view_unit(user, units.commune)
    assert not can_view_unit(user, units.district)


def test_the_province_office_sees_the_whole_province(personas):
    assert visible_codes(personas.province_office) == {
        "938",
        "93894",
        "93890",
        "9389401",
        "9389402",
        "9389001",
        "9389401-1",
    }


def test_a_national_user_sees_every_unit_including_other_provinces(personas, units):
    elsewhere = make_unit("931", "Hải Phòng", "province", region="ĐBSH")
    assert can_view_unit(personas.national, elsewhere)
    assert "931" in visible_codes(personas.national)
    assert not can_view_unit(personas.province_office, elsewhere)


def test_an_anonymous_user_sees_nothing(units):
    assert visible_codes(AnonymousUser()) == set()
    assert not can_view_unit(AnonymousUser(), units.province)


def test_access_unit_for_user_returns_a_unit_in_scope(personas, units):
    assert access_unit_for_user(personas.district_office, "9389401") == units.commune


def test_access_unit_for_user_answers_404_outside_scope_and_for_unknown_codes(personas):
    with pytest.raises(Http404, match=UNIT_NOT_FOUND):
        access_unit_for_user(personas.commune_officer, "9389402")
    with pytest.raises(Http404):
        access_unit_for_user(personas.province_office, "no-such-code")


def test_access_unit_for_user_refuses_a_bare_code_both_eras_hold_unless_a_date_decides(
    personas, units
):
    # Issue 12: a bare shared code is never silently given the pre-2025 unit.
    new_province = make_unit("938", "Thanh Hóa", "province", era="2025", region="BTB")
    with pytest.raises(UnitCodeAmbiguous):
        access_unit_for_user(personas.national, "938")
    assert access_unit_for_user(personas.national, "938", on=date(2023, 5, 31)) == units.province
    assert access_unit_for_user(personas.national, "938", era="2025") == new_province
    assert access_unit_for_user(personas.province_office, "938") == units.province  # sees one
    with pytest.raises(Http404):
        access_unit_for_user(personas.province_office, "938", era="2025")


def test_commune_district_and_province_offices_may_edit_in_their_scope(personas, units):
    assert can_edit_value(personas.commune_officer, units.commune, NTM, "17.1")
    assert can_edit_value(personas.commune_officer, units.village, NTM, "17.1")
    assert can_edit_value(personas.district_office, units.sibling_commune, NTM, "2.1")
    assert can_edit_value(personas.province_office, units.other_commune, NTM, "2.1")


def test_nobody_edits_outside_their_scope(personas, units):
    assert not can_edit_value(personas.commune_officer, units.sibling_commune, NTM, "17.1")
    assert not can_edit_value(personas.other_district_officer, units.commune, NTM, "17.1")
    assert not can_edit_value(personas.district_office, units.province, NTM, "17.1")


def test_a_department_officer_edits_only_their_criteria_in_their_sets(personas, units):
    officer = personas.department_officer
    assert can_edit_value(officer, units.commune, NTM, "2.1")
    assert can_edit_value(officer, units.commune, NTM, "2.4")
    assert not can_edit_value(officer, units.commune, NTM, "12.1")
    assert not can_edit_value(officer, units.commune, NTM, "20.1")
    assert not can_edit_value(officer, units.commune, "xa-ntm-2026-2030", "2.1")
    assert not can_edit_value(officer, units.other_commune, NTM, "2.1")
    assert editable_criteria(officer, units.commune, NTM) == {2}
    assert can_edit_any_value(officer, units.commune)


def test_viewers_and_national_users_edit_nothing(personas, units):
    for user in (personas.viewer, personas.national):
        assert can_view_unit(user, units.commune)
        assert not can_edit_value(user, units.commune, NTM, "2.1")
        assert not can_edit_any_value(user, units.commune)
        assert editable_criteria(user, units.commune, NTM) == set()


def test_editing_roles_may_edit_every_criterion(personas, units):
    assert editable_criteria(personas.commune_officer, units.commune, NTM) is None
    assert editable_criteria(personas.commune_officer, units.sibling_commune, NTM) == set()


def test_scope_roots_are_the_assigned_units_without_nested_duplicates(personas, units):
    user = personas.commune_officer
    do_assign_role(user=user, role="viewer", unit=units.district)
    assert scope_root_units(user) == [units.district]
    assert scope_root_units(personas.other_district_officer) == [units.other_district]
    assert scope_root_units(personas.national) == [units.province]


def test_a_unit_without_a_path_does_not_open_the_whole_country(personas, units, django_user_model):
    from ntm.units.models import AdminUnit

    orphan = AdminUnit.objects.create(
        code="9999", name="Lẻ", level="commune", unit_type="xã", path=""
    )
    user = django_user_model.objects.create_user("orphan.officer")
    do_assign_role(user=user, role="commune", unit=orphan)
    assert visible_codes(user) == {"9999"}
    assert not can_view_unit(user, units.commune)
