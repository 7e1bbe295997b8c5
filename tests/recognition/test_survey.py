"""Resident-satisfaction surveys: the import kind, the rates, and the rules as data with their
provenance (verified or not)."""

from __future__ import annotations

from datetime import date

import pytest

from ntm.imports.service import run_import
from ntm.recognition.models import SurveyResponse
from ntm.recognition.satisfaction import Tally, evaluate, load_rules, rule_for
from ntm.recognition.survey import survey_result

pytestmark = pytest.mark.django_db
HEADER = "unit,survey,household,area,satisfied,reason,date,households"


def write(tmp_path, lines):
    path = tmp_path / "survey.csv"
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def test_a_survey_file_is_recognised_by_its_header_and_the_rate_computed(units, tmp_path):
    lines = [
        f"Thanh Hóa/Thọ Xuân/Xuân Hòa/Thôn 1,2023,hộ {i},{area},"
        + ("hài lòng,," if i < 9 else "chưa hài lòng,đường ngập,")
        + "10/03/2023,40"
        for i in range(10)
        for area in ("2", "chung")
    ]
    outcome = run_import(write(tmp_path, lines))
    assert outcome.ok, outcome.errors
    assert outcome.created == 20
    assert SurveyResponse.objects.filter(village=units.village).count() == 20
    result = survey_result(units.commune, date(2023, 12, 31))
    assert result is not None and result.households == 10
    assert result.overall == pytest.approx(90.0) and result.rate_text == "90,0%"
    assert result.coverage == pytest.approx(25.0)
    assert result.rule.key == "xa-2021-2025" and result.outcome.met
    assert run_import(write(tmp_path, lines)).created == 0  # importing again changes nothing


def test_a_bad_survey_file_writes_nothing_and_names_row_and_column(units, tmp_path):
    outcome = run_import(
        write(
            tmp_path,
            [
                "9389401,2023,hộ 1,2,hài lòng,,,",
                "9389401,2023,hộ 2,2,chưa hài lòng,,,",  # no reason
                "9389401,2023,hộ 1,2,hài lòng,,,",  # duplicate
                "93894,2023,hộ 3,2,hài lòng,,,",  # a district
                "9389401,2023,hộ 4,2,có lẽ,,,",
            ],
        )
    )
    assert not outcome.ok
    found = {(e.row, e.column) for e in outcome.errors}
    assert {(3, "reason"), (5, "unit"), (6, "satisfied")} <= found
    assert not SurveyResponse.objects.exists()


def test_the_rules_say_their_source_and_whether_they_are_verified():
    rules = {r.key: r for r in load_rules()}
    assert rules["huyen-2021-2025"].verified and rules["huyen-2021-2025"].commune_area_min == 80
    assert not rules["xa-2021-2025"].verified and "90/HD-MTTW-BTT" in rules["xa-2021-2025"].source
    assert rule_for("commune", date(2019, 5, 1)).key == "xa-2016-2020"


def test_the_district_rule_needs_every_commune_area_at_80_percent():
    rule = rule_for("district", date(2023, 1, 1))
    tallies = [Tally("A", "1", 95, 100), Tally("B", "1", 79, 100), Tally("B", "2", 100, 100)]
    result = evaluate(rule, tallies, 200)
    assert result.overall == pytest.approx(91.33, abs=0.01)
    assert not result.met and [(t.commune, t.area) for t in result.failing] == [("B", "1")]
    strict = rule_for("commune", date(2019, 1, 1))
    assert not evaluate(strict, [Tally("A", "chung", 80, 100)], 100).met  # "> 80%"
