"""The rank by OCOP products says among how many siblings it is: a sibling with no OCOP record and
no reported count is not ranked at 0, and the rank then reads "of N with figures (M in all)"."""

from __future__ import annotations

import json

import pytest

from ntm.cli import main
from ntm.ocop.services import RatingData, do_save_rating
from tests.conftest import make_unit

pytestmark = pytest.mark.django_db


def _ocop(capsys, unit: str) -> dict:
    assert main(["report", "summary", unit, "--period", "2023", "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def _rate(unit, name: str, stars: int = 3) -> None:
    do_save_rating(data=RatingData(unit.pk, name, "HTX", 1, 2023, stars, "province"))


def test_a_sibling_without_figures_is_left_out_of_of_and_the_rank_says_so(units, capsys):
    make_unit("93895", "Thường Xuân", "district", units.province)  # no OCOP figure at all
    _rate(units.commune, "Bánh gai")
    _rate(units.commune, "Rượu nếp")
    _rate(units.other_commune, "Măng khô")

    data = _ocop(capsys, "93890")

    rank = data["ocop"]["rank"]
    assert (rank["position"], rank["of"], rank["siblings_total"]) == (2, 2, 3)
    assert (rank["among"], rank["siblings_with_data"]) == ("siblings_with_data", 2)
    assert (
        "Quan Sơn đứng thứ 2/2 huyện, thị xã, thành phố có số liệu (tổng 3) trong tỉnh Thanh Hóa "
        "về số sản phẩm OCOP." in data["text"]
    )


def test_when_every_sibling_has_figures_the_rank_counts_them_all(units, capsys):
    _rate(units.commune, "Bánh gai")
    _rate(units.other_commune, "Măng khô")
    _rate(units.other_commune, "Mật ong")

    rank = _ocop(capsys, "93894")["ocop"]["rank"]

    assert (rank["position"], rank["of"], rank["siblings_total"]) == (2, 2, 2)
    assert rank["among"] == "all_siblings"
