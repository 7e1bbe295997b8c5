"""Villages and commune flags: the unit facts users create and edit."""

import pytest

from ntm.units.services import (
    BAD_GROUP,
    NOT_A_COMMUNE,
    VILLAGE_CODE_TAKEN,
    VILLAGE_NAME_EMPTY,
    UnitServiceError,
    create_village,
    set_commune_flags,
)

pytestmark = pytest.mark.django_db


def test_a_new_village_gets_the_next_free_code_under_its_commune(units):
    village = create_village(units.commune, "  Bản   Chiềng ", unit_type="bản")
    assert village.code == "9389401-2"  # -1 is taken by the fixture's village
    assert (village.name, village.unit_type, village.level) == ("Bản Chiềng", "bản", "village")
    assert village.path == f"{units.commune.path}{village.pk}/"
    assert village.match_name == "chiềng"
    assert (village.era, village.region, village.valid_to) == (
        units.commune.era,
        "BTB",
        units.commune.valid_to,
    )


def test_a_village_keeps_a_code_given_for_it(units):
    assert create_village(units.commune, "Thôn 5", code="9389401-5").code == "9389401-5"


def test_it_rejects_a_duplicate_village_code(units):
    with pytest.raises(UnitServiceError) as err:
        create_village(units.commune, "Thôn 2", code=units.village.code)
    assert str(err.value) == VILLAGE_CODE_TAKEN.format(code=units.village.code, era="2008")


def test_a_village_belongs_to_a_commune_only(units):
    with pytest.raises(UnitServiceError) as err:
        create_village(units.district, "Thôn 2")
    assert str(err.value) == NOT_A_COMMUNE.format(unit=units.district)


def test_a_village_needs_a_name(units):
    with pytest.raises(UnitServiceError) as err:
        create_village(units.commune, "   ")
    assert str(err.value) == VILLAGE_NAME_EMPTY


def test_commune_flags_are_set_and_left_alone_when_not_given(units):
    set_commune_flags(units.commune, commune_group="2", extremely_difficult=True)
    set_commune_flags(units.commune, safety_zone=True)
    units.commune.refresh_from_db()
    assert (
        units.commune.commune_group,
        units.commune.extremely_difficult,
        units.commune.safety_zone,
    ) == ("2", True, True)


def test_it_rejects_an_unknown_commune_group(units):
    with pytest.raises(UnitServiceError) as err:
        set_commune_flags(units.commune, commune_group="4")
    assert str(err.value) == BAD_GROUP.format(group="4")


def test_renaming_a_unit_renames_its_match_key(units):
    units.commune.name = "Xuân Hoà Mới"
    units.commune.save(update_fields=["name"])
    units.commune.refresh_from_db()
    assert units.commune.match_name == "xuân hòa mới"
