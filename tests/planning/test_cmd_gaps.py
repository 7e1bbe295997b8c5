"""``ntm gaps``: the communes of the review that do not meet the set, easy first (design.md §10)."""

from __future__ import annotations

import json

import pytest

from ntm.cli import main
from tests.planning.conftest import NTM, PERIOD, enter


def _gaps(capsys, unit="93894", *extra):
    assert main(["gaps", unit, "--period", PERIOD, "--set", NTM, "--json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.django_db
def test_the_json_names_unit_set_period_and_each_communes_unmet_indicators(units, capsys):
    enter(units.commune, {"2.1": "80", "1.2": None, "11.1": "9,5", "1.1": "Chưa đạt"})
    enter(units.sibling_commune, {})

    data = _gaps(capsys)
    assert (data["unit"], data["set"], data["period"]) == ("93894", NTM, PERIOD)
    assert [c["code"] for c in data["communes"]] == ["9389401"]
    commune = data["communes"][0]
    assert (commune["name"], commune["criteria_met"], commune["indicators_met"]) == (
        "Xuân Hòa",
        16,
        53,
    )
    assert commune["missing"] == ["1.2"]
    by_code = {u["indicator"]: u for u in commune["unmet"]}
    assert by_code["2.1"] == {
        "criterion": 2,
        "indicator": "2.1",
        "value": 80.0,
        "threshold": 100.0,
        "distance": 20.0,
        "relative_distance": 0.2,
    }
    assert by_code["11.1"]["distance"] == 3.5 and by_code["11.1"]["relative_distance"] == round(
        3.5 / 6, 9
    )
    assert by_code["1.1"]["value"] is False
    assert by_code["1.1"]["distance"] is None and by_code["1.1"]["relative_distance"] is None


@pytest.mark.django_db
def test_communes_are_ordered_easy_first_with_ties_broken_by_relative_distance_then_code(
    units, more_communes, capsys
):
    lai, lap = more_communes
    enter(units.commune, {"2.1": "50", "3.1": "70"})  # 2 criteria
    enter(units.sibling_commune, {"2.1": "90", "2.2": "99"})  # 1 criterion, 2 indicators
    enter(lai, {"2.1": "95"})  # 1 criterion, 1 indicator, 0.05
    enter(lap, {"17.1": "90,25"})  # 1 criterion, 1 indicator, 0.05

    data = _gaps(capsys)
    assert [c["code"] for c in data["communes"]] == ["9389403", "9389404", "9389402", "9389401"]


@pytest.mark.django_db
def test_a_smaller_sum_of_relative_distances_comes_first(units, more_communes, capsys):
    lai, lap = more_communes
    enter(lai, {"2.1": "60"})
    enter(lap, {"2.1": "99"})

    data = _gaps(capsys)
    assert [c["code"] for c in data["communes"]] == ["9389404", "9389403"]


@pytest.mark.django_db
def test_it_covers_the_communes_the_review_covers(units, capsys):
    enter(units.commune, {"2.1": "80"})
    enter(units.other_commune, {"2.1": "80"})  # another district

    assert (
        main(["report", "review", "93894", "--period", PERIOD, "--set", NTM, "--format", "json"])
        == 0
    )
    review_codes = {c["code"] for c in json.loads(capsys.readouterr().out)["communes"]}
    data = _gaps(capsys)
    assert {c["code"] for c in data["communes"]} == {"9389401"} <= review_codes
    assert [c["code"] for c in _gaps(capsys, "938")["communes"]] == ["9389001", "9389401"]


@pytest.mark.django_db
def test_the_text_lists_each_commune_with_its_gaps(units, capsys):
    enter(units.commune, {"2.1": "80", "1.2": None})

    assert main(["gaps", "Thanh Hóa/Thọ Xuân", "--period", PERIOD, "--set", NTM]) == 0
    out = capsys.readouterr().out
    assert "1. Xuân Hòa (9389401)" in out
    assert "chỉ tiêu 2.1: 80, yêu cầu >= 100; cách mức đạt 20 điểm % (20% ngưỡng)" in out
    assert "chưa có số liệu: 1.2" in out


@pytest.mark.django_db
@pytest.mark.parametrize(
    "argv",
    [
        ["gaps", "Không Có", "--period", PERIOD, "--set", NTM],
        ["gaps", "93894", "--period", PERIOD, "--set", "khong-co"],
        ["gaps", "93894", "--period", "2023-13", "--set", NTM],
    ],
)
def test_bad_input_exits_1(units, argv, capsys):
    assert main(argv) == 1


@pytest.mark.django_db
def test_a_missing_set_is_a_usage_error(units):
    with pytest.raises(SystemExit) as exc:
        main(["gaps", "93894", "--period", PERIOD])
    assert exc.value.code == 2


@pytest.mark.django_db
def test_gaps_and_review_agree_on_each_communes_counts(units, capsys):
    enter(units.commune, {"2.1": "80", "1.2": None})
    enter(units.sibling_commune, {"17.1": "90", "17.3": "50"})
    assert (
        main(["report", "review", "93894", "--period", PERIOD, "--set", NTM, "--format", "json"])
        == 0
    )
    review = {c["code"]: c for c in json.loads(capsys.readouterr().out)["communes"]}
    for commune in _gaps(capsys)["communes"]:
        row = review[commune["code"]]
        assert (commune["criteria_met"], commune["indicators_met"]) == (
            row["criteria_met"],
            row["indicators_met"],
        )
        assert commune["missing"] == row["missing_indicators"]
        assert sorted({u["criterion"] for u in commune["unmet"]}) == row["unmet_criteria"]


@pytest.mark.django_db
def test_a_missing_value_does_not_make_a_commune_harder_in_the_order(units, more_communes, capsys):
    lai, lap = more_communes
    enter(lai, {"2.1": "99", "2.2": "99"})  # 1 criterion, 2 unmet indicators
    enter(lap, {"2.1": "50", "1.2": None})  # 1 unmet criterion (2), 1 unmet indicator, 1.2 missing
    data = _gaps(capsys)
    assert [c["code"] for c in data["communes"]] == ["9389404", "9389403"]
    assert data["communes"][0]["missing"] == ["1.2"]


@pytest.mark.django_db
def test_a_mistyped_period_gets_the_one_period_message(units, capsys):
    from ntm.criteria.inputs import MSG_BAD_PERIOD

    assert main(["gaps", "93894", "--period", "2023-13", "--set", NTM]) == 1

    assert MSG_BAD_PERIOD.format(period="2023-13") in capsys.readouterr().err
