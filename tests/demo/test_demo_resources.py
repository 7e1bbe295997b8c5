"""The demo's programme resources make seeds 004 and 000 come out of the summary."""

from __future__ import annotations

import pytest

from tests.demo.conftest import demo_loaded  # noqa: F401 - the module-scoped demo fixture
from tests.reports.test_demo_reports import district

pytestmark = pytest.mark.django_db


def test_quan_son_summary_tells_seed_004s_resources(demo_loaded):  # noqa: F811
    from ntm.reportsdata.gather import summary_for

    data = summary_for(district("Thanh Hóa/Quan Sơn"), "2023-03", "2020").to_json()
    text = data["text"]

    assert data["ocop"]["new_since"] == 3 and data["ocop"]["by_level"]["province"] == 3
    assert "3 sản phẩm được công nhận sản phẩm OCOP cấp tỉnh" in text
    assert data["funds"]["total_vnd"] == 47_100_000_000 and "huy động được trên 47 tỷ đồng" in text
    assert (
        "71,43 km đường giao thông nông thôn; 20,37 km kênh mương và rãnh thoát nước; "
        "11 công trình thủy lợi; "
        "130 phòng học các cấp; 6,8 km đường điện, 1 trạm biến áp; 11 nhà văn hóa bản; "
        "6 công trình công sở xã, 5 công trình cấp nước sinh hoạt"
    ) in text
    assert (data["awards"]["collectives"], data["awards"]["individuals"]) == (10, 17)
    assert "giấy khen cho 10 tập thể, 17 cá nhân" in text
    assert (data["rank"]["position"], data["rank"]["of"], data["rank"]["among"]) == (
        24,
        27,
        "all_siblings",
    )
    assert "Quan Sơn" not in [
        r["name"] for r in data["rank"]["reported"]
    ]  # its own figures are computed


def test_tho_xuan_summary_tells_seed_000s_ocop_products_and_rank(demo_loaded):  # noqa: F811
    from ntm.reportsdata.gather import summary_for

    data = summary_for(district("Thanh Hóa/Thọ Xuân"), "2023-02").to_json()

    assert data["ocop"]["by_level"]["province"] == 22
    assert "22 sản phẩm đạt OCOP cấp tỉnh" in data["text"]
    assert (data["ocop"]["rank"]["position"], data["ocop"]["rank"]["of"]) == (2, 27)
    assert (
        "Thọ Xuân đứng thứ 2/27 huyện, thị xã, thành phố trong tỉnh Thanh Hóa về số sản phẩm OCOP"
        in data["text"]
    )


def test_loading_the_demo_again_changes_no_resource(demo_loaded):  # noqa: F811
    from ntm.demo.resources import load_resources

    assert demo_loaded.resources > 0
    assert load_resources() == 0
