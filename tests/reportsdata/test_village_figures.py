"""A summary counts each village against its own province's village set: Thanh Hóa's example
set (province 38) never measures a village of another province, which counts as without data
there (its province issued no set)."""

from __future__ import annotations

import pytest

from ntm.criteria.inputs import Period
from ntm.reportsdata.gather import figures_for
from tests.assessments.helpers import passing_rows, store_values
from tests.conftest import make_unit

pytestmark = pytest.mark.django_db

VILLAGE_SET = "thon-ntm-mau"


def _province_with_a_village(code: str, name: str):
    province = make_unit(code, name, "province", region="BTB", province_code=code)
    district = make_unit(f"{code}1", "Huyện", "district", province, province_code=code)
    commune = make_unit(f"{code}101", "Xã", "commune", district, province_code=code)
    village = make_unit(f"{code}101-1", "Thôn 1", "village", commune, province_code=code)
    store_values(village, "2024", passing_rows(VILLAGE_SET, village, "2024"), VILLAGE_SET)
    return province


@pytest.mark.parametrize("cached", [True, False])
def test_a_village_is_counted_by_its_own_province_s_set_only(settings, cached):
    settings.NTM_PAGE_CACHE = cached
    thanh_hoa = _province_with_a_village("38", "Thanh Hóa")
    ha_noi = _province_with_a_village("01", "Hà Nội")
    for _ in range(2):  # the second read is the cached one
        there = figures_for(thanh_hoa, Period.of(2024))
        elsewhere = figures_for(ha_noi, Period.of(2024))
    assert there.sets.village == VILLAGE_SET and there.villages_at.get("ntm") == 1
    assert elsewhere.sets.village is None
    assert (elsewhere.villages, elsewhere.villages_at.get("ntm", 0)) == (1, 0)
    assert elsewhere.villages_no_data == 1
