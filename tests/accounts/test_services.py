"""Role assignments and the demo users that `ntm demo` prints."""

import pytest
from django.contrib.auth import authenticate

from ntm.accounts.access import can_edit_value, units_visible_to
from ntm.accounts.models import RoleAssignment
from ntm.accounts.services import (
    DEPARTMENT_NEEDS_CRITERIA,
    NATIONAL_HAS_NO_UNIT,
    RoleError,
    create_demo_users,
    do_assign_role,
)

pytestmark = pytest.mark.django_db


def test_assigning_the_same_role_twice_keeps_one_row_and_the_latest_criteria(
    units, django_user_model
):
    user = django_user_model.objects.create_user("a")
    do_assign_role(
        user=user, role="department", unit=units.district, criteria={"xa-ntm-2021-2025": [2]}
    )
    do_assign_role(
        user=user,
        role="department",
        unit=units.district,
        criteria={"xa-ntm-2021-2025": ["17", 2, 2]},
    )
    assert list(RoleAssignment.objects.filter(user=user).values_list("criteria", flat=True)) == [
        {"xa-ntm-2021-2025": [2, 17]}
    ]


def test_a_new_role_takes_effect_on_the_same_user_object(units, django_user_model):
    user = django_user_model.objects.create_user("a")
    assert not units_visible_to(user).exists()
    do_assign_role(user=user, role="viewer", unit=units.district)
    assert units_visible_to(user).count() == 4


@pytest.mark.parametrize(
    ("role", "unit_attr", "criteria", "message"),
    [
        ("national", "province", None, NATIONAL_HAS_NO_UNIT),
        ("department", "district", None, DEPARTMENT_NEEDS_CRITERIA),
        ("department", "district", {"xa-ntm-2021-2025": []}, DEPARTMENT_NEEDS_CRITERIA),
        ("commune", "district", None, "không gắn được với đơn vị cấp district"),
        ("district", None, None, "phải gắn với một đơn vị"),
        ("mayor", "district", None, "Vai trò không hợp lệ"),
    ],
)
def test_senseless_assignments_are_refused(
    units, django_user_model, role, unit_attr, criteria, message
):
    user = django_user_model.objects.create_user("a")
    unit = getattr(units, unit_attr) if unit_attr else None
    with pytest.raises(RoleError, match=message):
        do_assign_role(user=user, role=role, unit=unit, criteria=criteria)
    assert not RoleAssignment.objects.exists()


def test_the_demo_users_log_in_with_the_printed_passwords_and_have_their_roles(units):
    demo = create_demo_users()
    by_role = {d.role: d for d in demo}
    assert set(by_role) == {"province", "district", "commune", "department", "viewer", "national"}
    for username, password, role, unit in demo:
        user = authenticate(username=username, password=password)
        assert user is not None, username
        assert list(user.roles.values_list("role", "unit")) == [(role, unit.pk if unit else None)]
    assert {d.unit.name for d in demo if d.role == "district"} == {"Thọ Xuân", "Quan Sơn"}
    assert by_role["commune"].unit == units.commune
    assert by_role["province"].unit == units.province
    transport = authenticate(
        username=by_role["department"].username, password=by_role["department"].password
    )
    assert can_edit_value(transport, units.commune, "xa-ntm-2021-2025", "2.3")
    assert not can_edit_value(transport, units.commune, "xa-ntm-2021-2025", "17.1")


def test_creating_the_demo_users_again_resets_them_without_duplicates(units):
    first = create_demo_users()
    second = create_demo_users()
    assert [(d.username, d.password) for d in first] == [(d.username, d.password) for d in second]
    assert RoleAssignment.objects.count() == len(first)


def test_the_admin_form_refuses_what_do_assign_role_refuses(units, django_user_model):
    from ntm.accounts.admin import RoleAssignmentForm

    user = django_user_model.objects.create_user("a")
    form = RoleAssignmentForm(
        data={"user": user.pk, "role": "department", "unit": units.district.pk, "criteria": "{}"}
    )
    assert not form.is_valid()
    assert DEPARTMENT_NEEDS_CRITERIA in str(form.errors)
    form = RoleAssignmentForm(
        data={
            "user": user.pk,
            "role": "department",
            "unit": units.district.pk,
            "criteria": '{"xa-ntm-2021-2025": ["2"]}',
        }
    )
    assert form.is_valid(), form.errors
    assert form.save().criteria == {"xa-ntm-2021-2025": [2]}


@pytest.mark.django_db
def test_every_role_change_leaves_a_history_row(units):
    from django.contrib.auth import get_user_model

    from ntm.accounts.models import RoleAssignment
    from ntm.accounts.services import do_assign_role

    user = get_user_model().objects.create_user("canbo.moi", password="x-Very-Long-Password-1")
    first = do_assign_role(
        user=user, role="department", unit=units.district, criteria={"xa-ntm-2021-2025": [2]}
    )
    do_assign_role(
        user=user, role="department", unit=units.district, criteria={"xa-ntm-2021-2025": [2, 4]}
    )
    history = list(RoleAssignment.history.filter(id=first.pk).order_by("history_id"))
    assert [h.history_type for h in history] == ["+", "~"]
    assert [h.criteria for h in history] == [
        {"xa-ntm-2021-2025": [2]},
        {"xa-ntm-2021-2025": [2, 4]},
    ]
