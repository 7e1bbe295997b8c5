"""find_unit, UnitIndex, subtrees and profiles on the national units."""

import time
from datetime import date

import pytest

from ntm.units.index import UNIT_AMBIGUOUS, UNIT_NOT_FOUND, UnitIndex
from ntm.units.models import AdminUnit
from ntm.units.selectors import (
    UnitAmbiguous,
    UnitNotFound,
    communes_under,
    find_unit,
    predecessors_of,
    profile_for,
    subtree,
    successors_of,
)
from ntm.units.services import set_commune_flags

pytestmark = pytest.mark.django_db
MAY_2023 = date(2023, 5, 31)


def test_it_finds_a_unit_by_its_code(national):
    unit = find_unit("15517")
    assert (unit.name, unit.era, unit.parent.name) == ("Xuân Hòa", "2008", "Thọ Xuân")


def test_a_code_in_both_eras_resolves_to_the_era_of_the_date(national):
    assert find_unit("38", on=MAY_2023).era == "2008"
    assert find_unit("38", on=date(2026, 1, 1)).era == "2025"
    assert find_unit("38").era == "2025"  # today
    assert find_unit("38", era="2008").era == "2008"


def test_a_code_that_lost_its_leading_zero_still_resolves(national):
    assert find_unit("9793", on=MAY_2023).code == "09793"
    with pytest.raises(UnitAmbiguous) as err:
        find_unit("1", on=MAY_2023)  # province 01, district 001 or commune 00001
    assert {c.code for c in err.value.candidates} == {"01", "001", "00001"}


@pytest.mark.parametrize(
    "ref",
    [
        "tỉnh Thanh Hoá/huyện Thọ Xuân/Xuân Hoà",
        "Thanh Hóa/Thọ Xuân/xã Xuân Hòa",
        "THANH HOÁ / THỌ XUÂN / XUÂN HOÀ",
        "Thọ Xuân/Xuân Hoà",
    ],
)
def test_it_finds_a_commune_by_any_spelling_of_its_name_path(national, ref):
    unit = find_unit(ref, on=MAY_2023)
    assert (unit.code, unit.era) == ("15517", "2008")


def test_a_name_path_without_a_date_prefers_todays_units_when_both_fit(national):
    assert (find_unit("Thanh Hoá/Xuân Hoà").code, find_unit("Thanh Hoá/Xuân Hoà").era) == (
        "15520",
        "2025",
    )
    assert find_unit("Thanh Hóa/huyện Thọ Xuân/Xuân Hòa").era == "2008"  # only the old tree fits


def test_a_district_wins_over_a_town_of_the_same_name_one_level_further_down(national):
    unit = find_unit("Thanh Hoá/Thọ Xuân", on=MAY_2023)
    assert (unit.level, unit.code) == ("district", "395")
    assert find_unit("Thanh Hoá/thị trấn Thọ Xuân", on=MAY_2023).code == "15499"


def test_kien_thuy_is_found_with_either_tone_placement(national):
    assert find_unit("Hải Phòng/huyện Kiến Thuỵ", on=MAY_2023).code == "314"
    assert find_unit("TP. Hải Phòng/Kiến Thụy", on=MAY_2023).code == "314"


def test_a_name_shared_by_two_communes_of_a_province_is_ambiguous(national):
    with pytest.raises(UnitAmbiguous) as err:
        find_unit("Thanh Hoá/Xuân Hoà", on=MAY_2023)
    assert {c.code for c in err.value.candidates} == {"15517", "16180"}  # Thọ Xuân, Như Xuân


def test_a_bare_name_means_the_highest_unit_of_that_name(national):
    assert find_unit("Thanh Hóa", on=MAY_2023).level == "province"
    assert find_unit("Thọ Xuân", on=MAY_2023).code == "395"  # the district, not the town


def test_an_ambiguous_name_lists_its_candidates(national):
    with pytest.raises(UnitAmbiguous) as err:
        find_unit("Xuân Hoà", on=MAY_2023)
    candidates = err.value.candidates
    assert len(candidates) == 11
    assert "15517" in {c.code for c in candidates}
    message = str(err.value)
    assert message.startswith(UNIT_AMBIGUOUS.split("{")[0] + "'Xuân Hoà'")
    assert "15517 Thanh Hóa / Thọ Xuân / xã Xuân Hòa (trước 1/7/2025)" in message
    assert "15517" in err.value.message_en


def test_an_unknown_name_is_reported_in_vietnamese(national):
    with pytest.raises(UnitNotFound) as err:
        find_unit("Thanh Hóa/Thọ Xuân/Không Có")
    assert str(err.value) == UNIT_NOT_FOUND.format(ref="Thanh Hóa/Thọ Xuân/Không Có")
    with pytest.raises(UnitNotFound):
        find_unit("99999")
    with pytest.raises(UnitNotFound):
        find_unit("Hải Phòng/Xuân Hòa", on=MAY_2023)  # a Xuân Hòa, but not in Hải Phòng


def test_a_prefix_restricts_the_level(national):
    with pytest.raises(UnitNotFound):
        find_unit("Thanh Hóa/xã Quan Sơn", era="2008")  # Quan Sơn is a district there
    assert find_unit("Thanh Hóa/xã Quan Sơn", on=MAY_2023).era == "2025"  # none then: the later one
    assert find_unit("Thanh Hóa/huyện Quan Sơn", on=MAY_2023).code == "387"


def test_the_index_resolves_like_find_unit_without_queries(national, django_assert_num_queries):
    index = UnitIndex.from_db()
    assert len(index) == AdminUnit.objects.count()
    refs = [
        "15517",
        "tỉnh Thanh Hoá/huyện Thọ Xuân/Xuân Hoà",
        "Hải Phòng/Kiến Thuỵ/Núi Đối",
        "Hà Nam/Bình Lục/An Lão",
    ]
    expected = [find_unit(ref, on=MAY_2023).pk for ref in refs]
    with django_assert_num_queries(0):
        started = time.perf_counter()
        for _ in range(2500):
            got = [index.resolve(ref, on=MAY_2023).id for ref in refs]
        elapsed = time.perf_counter() - started
    assert got == expected
    assert elapsed < 5  # 10,000 lookups


def test_subtrees_are_one_query_on_the_path(national):
    thanh_hoa = find_unit("Thanh Hóa", on=MAY_2023)
    tho_xuan = find_unit("Thanh Hóa/huyện Thọ Xuân", on=MAY_2023)
    assert communes_under(tho_xuan).count() == 30
    assert subtree(thanh_hoa, "district").count() == 26  # Đông Sơn joined Thanh Hóa city in 2025
    assert (
        subtree(thanh_hoa, "commune").count()
        == AdminUnit.objects.filter(era="2008", level="commune", province_code="38").count()
    )
    assert subtree(tho_xuan).count() == 31
    assert subtree(tho_xuan, include_self=False).count() == 30
    new_thanh_hoa = find_unit("Thanh Hóa", on=date(2026, 1, 1))
    assert not subtree(new_thanh_hoa).filter(era="2008").exists()


def test_lineage_selectors_walk_both_ways(national):
    old = find_unit("15517")
    assert [u.code for u in successors_of(old)] == ["15520"]
    assert {u.name for u in predecessors_of(successors_of(old).get())} == {
        "Xuân Hòa",
        "Thọ Hải",
        "Xuân Hưng",
        "Thọ Diên",
    }


def test_a_commune_profile_carries_the_province_region_and_its_own_flags(
    national, django_assert_num_queries
):
    commune = find_unit("15517")
    set_commune_flags(commune, commune_group="3", extremely_difficult=True)
    with django_assert_num_queries(0):
        profile = profile_for(commune)
    assert (profile.code, profile.name, profile.level) == ("15517", "Xuân Hòa", "commune")
    assert (profile.region, profile.province, profile.group) == ("BTB", "38", "3")
    assert profile.extremely_difficult and not profile.safety_zone
    assert "extremely_difficult" in profile.flags


def test_a_post_2025_commune_profile_has_no_region(national):
    profile = profile_for(find_unit("15520", era="2025"))
    assert (profile.region, profile.province, profile.group) == (None, "38", None)


def test_a_unit_made_without_stored_province_facts_gets_them_from_its_province(units):
    profile = profile_for(units.other_commune)
    assert (profile.region, profile.province, profile.extremely_difficult) == ("BTB", "938", True)


def test_the_written_type_tells_a_town_from_a_commune_of_the_same_name(national):
    assert find_unit("Hà Nội/Gia Lâm/thị trấn Yên Viên", on=MAY_2023).code == "00526"
    assert find_unit("Hà Nội/Gia Lâm/xã Yên Viên", on=MAY_2023).code == "00532"
    with pytest.raises(UnitAmbiguous):
        find_unit("Hà Nội/Gia Lâm/Yên Viên", on=MAY_2023)


@pytest.mark.parametrize(("era", "on"), [("2008", MAY_2023), ("2025", date(2026, 1, 1))])
def test_every_commune_resolves_to_itself_by_its_full_typed_path(national, era, on):
    index = UnitIndex.from_db()
    communes = AdminUnit.objects.filter(era=era, level="commune").select_related("parent__parent")
    wrong = []
    for commune in communes:
        chain = [a for a in (commune.parent.parent, commune.parent) if a is not None] + [commune]
        ref = "/".join(f"{a.unit_type} {a.name}" for a in chain)
        if index.resolve(ref, on=on).id != commune.pk:
            wrong.append(ref)
    assert wrong == []


def test_a_code_with_its_era_names_the_unit_of_that_era(national):
    """The web's links write ``CODE@ERA`` for a code both eras hold; the command line reads it."""
    assert (find_unit("38@2008").era, find_unit("38@2025").era) == ("2008", "2025")
    assert find_unit("38@2008", on=date(2026, 1, 1)).era == "2008"  # the written era wins
    with pytest.raises(UnitNotFound):
        find_unit("38@2030")
