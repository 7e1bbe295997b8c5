"""District sets read their communes' outcomes from the stored values (Decision 320)."""

import pytest

from ntm.assessments.evaluation import evaluate_unit, levels_for
from tests.demo.conftest import demo_loaded  # noqa: F401 - the module-scoped demo fixture

pytestmark = pytest.mark.django_db


def _district(name: str):
    from datetime import date

    from ntm.units.selectors import find_unit

    return find_unit(f"Thanh Hóa/{name}", on=date(2023, 5, 1))


def test_the_district_condition_counts_its_rural_communes_at_ntm(demo_loaded):  # noqa: F811
    from ntm.units.models import AdminUnit

    district = _district("Thọ Xuân")
    communes = AdminUnit.objects.filter(parent=district, level="commune", unit_type="xã")
    reached = sum(1 for lvl in levels_for(communes, "2023-05").values() if lvl is not None)
    result = evaluate_unit(district, "huyen-ntm-2021-2025", "2023-05")
    condition = next(i for i in result.indicators if i.code == "0.1")
    assert condition.value == round(reached * 100 / communes.count(), 2)
    assert f"{reached}/{communes.count()} xã đạt chuẩn NTM trở lên" in condition.basis[-1]
    assert condition.status == ("met" if reached == communes.count() else "unmet")


def test_in_2022_tho_xuan_still_had_every_commune_at_ntm(demo_loaded):  # noqa: F811
    result = evaluate_unit(_district("Thọ Xuân"), "huyen-ntm-2021-2025", "2022-12")
    assert next(i for i in result.indicators if i.code == "0.1").status == "met"
