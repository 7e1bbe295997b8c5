"""The summary's resource sections (design.md §10) and ranks counting reported figures."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from ntm.cli import main
from ntm.investment.services import (
    AwardData,
    FundsData,
    OutputData,
    ReportedData,
    do_save_award,
    do_save_funds,
    do_save_output,
    do_save_reported,
)
from ntm.ocop.services import RatingData, do_save_rating
from tests.reports.test_cmd_report import tho_xuan  # noqa: F401


def summary(capsys, unit: str, *args: str) -> dict:
    assert main(["report", "summary", unit, *args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def rating(
    unit, name: str, year: int, stars: int, level: str = "province", decided: date | None = None
):
    do_save_rating(data=RatingData(unit.pk, name, "HTX", 1, year, stars, level, decided_on=decided))


@pytest.fixture
def resources(units):
    rating(units.commune, "Bánh gai", 2021, 3, decided=date(2021, 6, 1))
    rating(units.commune, "Bánh gai", 2023, 4, decided=date(2023, 3, 1))  # re-rated: one product
    rating(units.sibling_commune, "Rượu nếp", 2023, 3, "district")
    rating(units.other_commune, "Măng khô", 2023, 5, "national")  # Quan Sơn: not under Thọ Xuân
    for unit, period, source, amount in (
        (units.commune, "2022", "central", 40_000_000_000),
        (units.district, "2023-03", "community", 7_250_000_000),
        (units.other_commune, "2023-03", "local", 1_000_000_000),
    ):
        do_save_funds(data=FundsData(unit.pk, period, source, amount))
    for unit, period, kind, quantity in (
        (units.commune, "2022", "road_km", "50.2"),
        (units.sibling_commune, "2023-02", "road_km", "21.23"),
        (units.district, "2023-02", "transformer_stations", "1"),
        (units.district, "2023-02", "power_line_km", "6.8"),
    ):
        do_save_output(data=OutputData(unit.pk, period, kind, Decimal(quantity)))
    for day, kind, who, name in (
        (date(2023, 4, 27), "certificate", "collective", "Thôn 1"),
        (date(2023, 4, 27), "certificate", "individual", "A"),
        (date(2022, 4, 27), "certificate", "individual", "B"),
    ):  # before the window
        do_save_award(data=AwardData(units.commune.pk, day, "UBND huyện", kind, who, name))
    return units


@pytest.mark.django_db
def test_the_summary_sums_resources_over_the_units_under_the_unit(resources, capsys):
    data = summary(capsys, "93894", "--period", "2023-05", "--since", "2022")

    assert "not_yet_available" not in data
    assert data["ocop"] | {"rank": None} == {
        "products": 2,
        "new_since": 1,
        "by_stars": {"3": 1, "4": 1, "5": 0},
        "by_level": {"district": 1, "province": 1, "national": 0},
        "new_by_level": {"district": 1, "province": 0, "national": 0},
        "expired": 0,
        "since": "2022",
        "rank": None,
    }
    assert (
        data["funds"]["total_vnd"] == 47_250_000_000 and data["funds"]["since_vnd"] == 7_250_000_000
    )
    assert (
        data["funds"]["by_source"]["central"] == 40_000_000_000
        and data["funds"]["by_source"]["other"] == 0
    )
    assert data["outputs"] == [
        {
            "kind": "road_km",
            "name": "Đường giao thông nông thôn",
            "unit": "km",
            "quantity": 71.43,
            "since": 21.23,
        },
        {
            "kind": "power_line_km",
            "name": "Đường điện",
            "unit": "km",
            "quantity": 6.8,
            "since": 6.8,
        },
        {
            "kind": "transformer_stations",
            "name": "Trạm biến áp",
            "unit": "trạm",
            "quantity": 1.0,
            "since": 1.0,
        },
    ]
    assert data["awards"] | {"by_kind": None} == {
        "collectives": 1,
        "individuals": 1,
        "since": "2022",
        "by_kind": None,
    }
    text = data["text"]
    assert (
        "Sản phẩm OCOP: lũy kế có 1 sản phẩm đạt OCOP cấp huyện, 1 sản phẩm đạt OCOP cấp tỉnh"
        in text
    )
    assert "có thêm 1 sản phẩm được công nhận sản phẩm OCOP cấp huyện" in text
    assert (
        "từ sau năm 2022 đến 31/5/2023, đã huy động được 7,25 tỷ đồng" in text
        and "lũy kế đến 31/5/2023 đã huy động được trên 47 tỷ đồng" in text
    )
    assert (
        "xây mới, cải tạo nâng cấp 21,23 km đường giao thông nông thôn; "
        "6,8 km đường điện, 1 trạm biến áp." in text
    )
    assert "giấy khen cho 1 tập thể, 1 cá nhân." in text


@pytest.mark.django_db
def test_a_commune_sees_only_its_own_resources_and_no_data_reads_no_data(resources, capsys):
    assert summary(capsys, "9389402", "--period", "2023-05")["ocop"]["products"] == 1
    data = summary(capsys, "9389001", "--period", "2023-05")
    assert data["funds"]["total_vnd"] == 1_000_000_000 and "outputs" not in data
    assert data["not_yet_available"] == {"physical_outputs": None}
    assert (
        "Khối lượng đầu tư (đường giao thông, kênh mương, phòng học…): chưa có dữ liệu."
        in data["text"]
    )


@pytest.mark.django_db
def test_a_sibling_without_values_is_ranked_on_its_reported_figures_and_labelled(tho_xuan, capsys):  # noqa: F811
    do_save_reported(
        data=ReportedData(
            tho_xuan.other_district.pk,
            "2023-03",
            11,
            2,
            "Báo cáo huyện Quan Sơn",
            reported_on=date(2023, 4, 27),
        )
    )

    rank = summary(capsys, "93894", "--period", "2023-05")["rank"]
    assert (rank["position"], rank["of"], rank["siblings_total"]) == (1, 2, 2)
    assert rank["reported"] == [
        {"code": "93890", "name": "Quan Sơn", "source": "Báo cáo huyện Quan Sơn, 27/4/2023"}
    ]
    quan_son = summary(capsys, "93890", "--period", "2023-05")
    assert (quan_son["rank"]["position"], quan_son["rank"]["of"]) == (2, 2)
    assert (
        "Quan Sơn đứng thứ 2/2 huyện, thị xã, thành phố trong tỉnh Thanh Hóa "
        "về tỷ lệ xã đạt chuẩn NTM." in quan_son["text"]
    )
    assert (
        "Xếp hạng dùng số liệu báo cáo (không tính từ số liệu chi tiết) "
        "của 1/2 huyện, thị xã, thành phố: Quan Sơn" in quan_son["text"]
    )
    # Reported figures dated after the period are not used: the rank is among those with data again.
    early = summary(capsys, "93894", "--period", "2023-02")["rank"]
    assert early is None or "reported" not in early


@pytest.mark.django_db
def test_a_province_summary_shows_reported_figures_beside_the_computed_ones(tho_xuan, capsys):  # noqa: F811
    do_save_reported(
        data=ReportedData(
            tho_xuan.other_district.pk,
            "2023-03",
            11,
            2,
            "Báo cáo huyện Quan Sơn",
            ocop_products=3,
            demo=True,
        )
    )

    data = summary(capsys, "938", "--period", "2023-05")
    assert data["communes"]["ntm"] == 1  # computed from values only: the reported 2 are not added
    assert data["reported"]["totals"] == {
        "communes": 11,
        "communes_ntm": 2,
        "ocop_products": 3,
        "funds_vnd": None,
    }
    assert (
        data["reported"]["units"][0]["source"]
        == "Báo cáo huyện Quan Sơn (số liệu mẫu, không chính thức)"
    )
    assert (
        "Số liệu báo cáo (không tính từ số liệu chi tiết) của 1 đơn vị: 11 xã, "
        "trong đó 2 xã đạt chuẩn NTM; "
        "3 sản phẩm OCOP"
    ) in data["text"]
    assert "reported" not in summary(capsys, "93894", "--period", "2023-05")
