"""load_units: both structures, the lineage and the regions, loaded fast and idempotently."""

from datetime import date

import pytest

from ntm.units.models import AdminUnit, UnitLineage
from ntm.units.services import load_units

pytestmark = pytest.mark.django_db


def _count(era, level):
    return AdminUnit.objects.filter(era=era, level=level).count()


def test_it_loads_both_structures(national):
    assert (_count("2008", "province"), _count("2008", "district"), _count("2008", "commune")) == (
        63,
        696,
        10035,
    )
    assert (_count("2025", "province"), _count("2025", "district"), _count("2025", "commune")) == (
        34,
        0,
        3321,
    )
    assert national.units[("2008", "commune")] == 10035
    assert UnitLineage.objects.count() == national.lineage > 10035


def test_loading_again_creates_and_changes_nothing(national):
    before = (AdminUnit.objects.count(), UnitLineage.objects.count())
    again = load_units()
    assert (again.created, again.updated, again.lineage_created) == (0, 0, 0)
    assert again.units == national.units
    assert (AdminUnit.objects.count(), UnitLineage.objects.count()) == before


def test_loading_restores_data_facts_and_keeps_what_users_set(national):
    commune = AdminUnit.objects.get(era="2008", code="15517")
    AdminUnit.objects.filter(pk=commune.pk).update(
        name="Sai tên", path="/0/", commune_group="2", extremely_difficult=True, safety_zone=True
    )
    again = load_units()
    commune.refresh_from_db()
    assert again.updated == 1
    assert commune.name == "Xuân Hòa"
    assert commune.path.endswith(f"/{commune.pk}/")
    assert (commune.commune_group, commune.extremely_difficult, commune.safety_zone) == (
        "2",
        True,
        True,
    )


def test_validity_dates_split_the_eras_on_1_july_2025(national):
    assert set(
        AdminUnit.objects.filter(era="2008").values_list("valid_from", "valid_to").distinct()
    ) == {(None, date(2025, 6, 30))}
    assert set(
        AdminUnit.objects.filter(era="2025").values_list("valid_from", "valid_to").distinct()
    ) == {(date(2025, 7, 1), None)}


def test_every_pre_2025_unit_carries_its_province_region(national):
    assert not AdminUnit.objects.filter(era="2008", region="").exists()
    assert AdminUnit.objects.get(era="2008", code="38").region == "BTB"
    assert AdminUnit.objects.get(era="2008", code="31").region == "ĐBSH"
    assert AdminUnit.objects.get(era="2008", code="35").region == "ĐBSH"
    assert AdminUnit.objects.get(era="2008", code="15517").region == "BTB"
    assert not AdminUnit.objects.filter(era="2025").exclude(region="").exists()


@pytest.mark.parametrize(
    ("province", "district", "count", "some_communes"),
    [
        (
            "Thanh Hóa",
            "Thọ Xuân",
            30,
            {"Xuân Hòa", "Xuân Minh", "Xuân Tín", "Trường Xuân", "Xuân Lập"},
        ),
        ("Thanh Hóa", "Quan Sơn", 12, {"Trung Hạ", "Na Mèo", "Sơn Thủy", "Mường Mìn"}),
        ("Hải Phòng", "Kiến Thụy", 16, {"Núi Đối", "Đông Phương", "Tân Trào", "Đại Hợp"}),
        ("Hà Nam", "Bình Lục", 15, {"Bình Mỹ", "Tràng An", "Đồng Du", "An Lão"}),
    ],
)
def test_the_seed_districts_exist_with_their_communes(
    national, province, district, count, some_communes
):
    unit = AdminUnit.objects.get(era="2008", level="district", name=district, parent__name=province)
    communes = set(unit.children.values_list("name", flat=True))
    assert len(communes) == count
    assert some_communes <= communes
    assert unit.unit_type == "huyện"


def test_paths_chain_ancestor_ids_down_to_the_unit(national):
    commune = AdminUnit.objects.get(era="2008", code="15517")
    district, province = commune.parent, commune.parent.parent
    assert commune.path == f"/{province.pk}/{district.pk}/{commune.pk}/"
    new = AdminUnit.objects.get(era="2025", code="15520")
    assert new.path == f"/{new.parent.pk}/{new.pk}/"
    assert new.parent.code == "38"


def test_types_and_centroids_come_from_the_data(national):
    commune = AdminUnit.objects.get(era="2008", code="15499")
    assert (str(commune), commune.level) == ("thị trấn Thọ Xuân", "commune")
    assert 19 < commune.latitude < 20.1 and 105 < commune.longitude < 106
    min_lon, min_lat, max_lon, max_lat = commune.bbox
    assert min_lon <= commune.longitude <= max_lon and min_lat <= commune.latitude <= max_lat
    assert AdminUnit.objects.get(era="2025", code="15499").unit_type == "xã"
    assert AdminUnit.objects.filter(era="2025", unit_type="đặc khu").count() == 13


def test_the_2025_lineage_says_which_old_communes_became_which_new_one(national):
    new = AdminUnit.objects.get(era="2025", code="15520")
    old = set(UnitLineage.objects.filter(new=new).values_list("old__name", flat=True))
    assert old == {"Xuân Hòa", "Thọ Hải", "Xuân Hưng", "Thọ Diên"}
    assert (
        UnitLineage.objects.filter(new=new, effective=date(2025, 7, 1), partial=False).count() == 4
    )


def test_a_divided_commune_has_partial_lineage_to_each_part(national):
    old = AdminUnit.objects.get(era="2008", code="14758")  # Đông Thọ, Thanh Hóa city
    parts = UnitLineage.objects.filter(old=old)
    assert set(parts.values_list("new__name", "partial")) == {
        ("Hàm Rồng", True),
        ("Hạc Thành", True),
    }


def test_merged_provinces_have_lineage_too(national):
    ninh_binh = AdminUnit.objects.get(era="2025", code="37")
    assert set(UnitLineage.objects.filter(new=ninh_binh).values_list("old__name", flat=True)) == {
        "Hà Nam",
        "Nam Định",
        "Ninh Bình",
    }
