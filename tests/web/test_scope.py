"""The set a page judges a unit against by default (``ntm.web.scope.default_set_code``)."""

from __future__ import annotations

import pytest

from ntm.web.scope import DEFAULT_COMMUNE_SET, default_set_code
from tests.conftest import make_unit

pytestmark = pytest.mark.django_db


def _village(code: str):
    province = make_unit(code, "Tỉnh", "province", province_code=code)
    commune = make_unit(f"{code}101", "Xã", "commune", province, province_code=code)
    return make_unit(f"{code}101-1", "Thôn 1", "village", commune, province_code=code)


def test_a_thanh_hoa_village_defaults_to_thanh_hoa_s_village_set():
    assert default_set_code(_village("38")) == "thon-ntm-mau"


def test_a_village_elsewhere_is_not_judged_by_thanh_hoa_s_set():
    assert default_set_code(_village("01")) == DEFAULT_COMMUNE_SET["2008"]
