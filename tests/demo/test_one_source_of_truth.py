"""One figure, one place: for every unit, the dashboard, the review JSON, the API's evaluation
and ``ntm evaluate --json`` give the same counts and the same level (issue 8).

Walked over the demo (the seed districts) and over a generated province whose values mix
passing, failing, missing, "does not apply" (a whole criterion of it) and stale values, with
a district review against the district set (9 criteria; the conditions are not a tenth).
"""

from __future__ import annotations

import json
import random

import pytest
from django.test import Client
from rest_framework.test import APIClient

from ntm.cli import main
from tests.assessments.helpers import passing_raw
from tests.conftest import make_unit

pytestmark = pytest.mark.django_db

NTM = "xa-ntm-2021-2025"
ADVANCED = "xa-ntm-nang-cao-2021-2025"
DISTRICT_NTM = "huyen-ntm-2021-2025"
COUNTS = (
    "criteria_met",
    "criteria_total",
    "indicators_met",
    "indicators_total",
    "indicators_missing",
)


@pytest.fixture
def clients(django_user_model):
    admin = django_user_model.objects.create_superuser("kiemtra", password="x")
    web, api = Client(), APIClient()
    web.force_login(admin)
    api.force_login(admin)
    return web, api


def review_json(capsys, unit_code: str, set_code: str, period: str) -> dict:
    assert (
        main(
            [
                "report",
                "review",
                unit_code,
                "--period",
                period,
                "--set",
                set_code,
                "--format",
                "json",
            ]
        )
        == 0
    )
    return json.loads(capsys.readouterr().out)


def evaluate_json(capsys, unit_code: str, period: str) -> dict:
    """``ntm evaluate`` by name path (the demo's extra communes have made-up codes)."""
    from ntm.units.models import AdminUnit

    unit = AdminUnit.objects.filter(code=unit_code).order_by("era").first()
    chain = []
    while unit is not None:
        chain.append(unit.name)
        unit = unit.parent
    assert main(["evaluate", "/".join(reversed(chain)), "--period", period, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def dashboard_rows(web: Client, unit_code: str, set_code: str, period: str) -> dict[str, dict]:
    response = web.get(
        "/dashboard/data.json", {"unit": unit_code, "set": set_code, "period": period}
    )
    assert response.status_code == 200
    return {row["code"]: row for row in response.json()["communes"]}


def assert_one_truth(
    capsys, web, api, unit_code: str, set_code: str, period: str, *, dashboard: bool = True
) -> dict:
    """Every member of the review agrees with the API and ``ntm evaluate``; the dashboard lists
    the same communes with the same figures. Returns the review JSON."""
    review = review_json(capsys, unit_code, set_code, period)
    listed = {c["code"]: c for c in review["communes"]}
    assert listed, f"nothing reviewed under {unit_code} {set_code} {period}"
    if dashboard:
        board = dashboard_rows(web, unit_code, set_code, period)
        assert set(board) == set(listed), (
            f"dashboard and review list different communes under {unit_code}"
        )
    for code, row in listed.items():
        evaluation = api.get(f"/api/units/{code}/evaluation/", {"set": set_code, "period": period})
        assert evaluation.status_code == 200, evaluation.content
        api_data = evaluation.json()
        cli = evaluate_json(capsys, code, period)
        cli_set = next(s for s in cli["sets"] if s["set"] == set_code)
        for key in COUNTS:
            assert row[key] == api_data[key] == cli_set[key], f"{code} {set_code} {period}: {key}"
        assert row["level"] == api_data["level"] == cli["level"], f"{code}: level"
        assert row["unmet_criteria"] == [
            n for n in api_data["unmet_criteria"] if n not in row["missing_criteria"] and n != 0
        ]
        if dashboard:
            shown = board[code]
            assert (
                shown["criteria_met"],
                shown["criteria_total"],
                shown["indicators_met"],
                shown["indicators_total"],
                shown["missing"],
            ) == tuple(row[k] for k in COUNTS)
            assert shown["level"] == (row["level"] or "none")
    return review


def test_demo_figures_agree_everywhere(demo_loaded, clients, capsys):
    from ntm.demo.loader import district_unit
    from ntm.demo.scenario import districts

    web, api = clients
    checked = 0
    for district in districts():
        unit = district_unit(district)
        for set_code, period in sorted(
            {(r.set_code, r.period) for r in district.reviews}
            | {(NTM, p) for p in district.periods}
        ):
            if set_code not in (NTM, ADVANCED):
                continue
            review = review_json(capsys, unit.code, set_code, period)
            if review["communes"]:
                assert_one_truth(capsys, web, api, unit.code, set_code, period)
                checked += 1
    assert checked >= 4
    # The pages above read stored results: each agrees with a fresh evaluation (issue 13).
    assert main(["results", "check"]) == 0, capsys.readouterr().out


def generated_province():
    """A province of two districts (five xã and a town each), values drawn at random but
    reproducibly: most pass, some fail, some are missing, criterion 8 wholly "does not apply"
    in one commune, and one commune whose values are three years old (not under review)."""
    from ntm.assessments.models import IndicatorValue
    from ntm.criteria.inputs import Period
    from ntm.criteria.registry import load_registry

    registry = load_registry()
    rng = random.Random(8)
    province = make_unit("970", "Tỉnh Sinh Thử", "province", region="BTB")
    communes, districts = [], []
    for d in range(2):
        district = make_unit(f"970{d}", f"Huyện {d + 1}", "district", province)
        districts.append(district)
        for c in range(5):
            communes.append(make_unit(f"970{d}{c:02d}", f"Xã {d}{c}", "commune", district))
        make_unit(f"970{d}99", f"Thị trấn {d}", "commune", district, unit_type="thị trấn")
    rows = []

    def value(unit, set_code, indicator, period, raw, **parsed):
        p = Period.parse(period)
        rows.append(
            IndicatorValue(
                unit=unit,
                set_code=set_code,
                indicator_code=indicator,
                period=str(p),
                period_index=p.index,
                raw=raw,
                source="import",
                **parsed,
            )
        )

    for n, commune in enumerate(communes):
        period = "2020" if n == 3 else "2023"
        for set_code in (NTM, ADVANCED):
            for indicator in registry.get(set_code).indicators:
                draw = rng.random()
                if n == 1 and indicator.code.split(".")[0] == "8" and set_code == NTM:
                    value(
                        commune,
                        set_code,
                        indicator.code,
                        period,
                        "không áp dụng",
                        not_applicable=True,
                    )
                elif draw < 0.05:
                    continue
                elif indicator.op == "is_true":
                    value(commune, set_code, indicator.code, period, "x", value_bool=draw > 0.12)
                else:
                    raw = passing_raw(indicator, commune, 2023)
                    number = (
                        float(raw.replace(".", "").replace(",", ".").rstrip("%"))
                        if indicator.kind in ("percent", "number")
                        else None
                    )
                    if number is None:
                        value(commune, set_code, indicator.code, period, raw, value_text=raw)
                    else:
                        shift = -1000.0 if draw < 0.12 and indicator.op in (">=", ">") else 0.0
                        value(
                            commune,
                            set_code,
                            indicator.code,
                            period,
                            raw,
                            value_number=number + shift,
                        )
    for district in districts:
        for indicator in registry.get(DISTRICT_NTM).indicators:
            if indicator.aggregate is None:
                value(
                    district,
                    DISTRICT_NTM,
                    indicator.code,
                    "2023",
                    "Đạt",
                    **(
                        {"value_bool": True}
                        if indicator.op == "is_true"
                        else {"value_number": 100.0}
                    ),
                )
    IndicatorValue.objects.bulk_create(rows)
    return province, districts, communes


def test_a_generated_province_agrees_everywhere(units, clients, capsys):
    province, districts, communes = generated_province()
    web, api = clients
    for district in districts:
        for set_code in (NTM, ADVANCED):
            review = assert_one_truth(capsys, web, api, district.code, set_code, "2023")
            assert communes[3].code not in {c["code"] for c in review["communes"]}, (
                "stale values are not current"
            )
    ntm_review = review_json(capsys, districts[0].code, NTM, "2023")
    not_applicable = next(c for c in ntm_review["communes"] if c["code"] == communes[1].code)
    assert 8 not in not_applicable["unmet_criteria"] + not_applicable["missing_criteria"]

    district_review = assert_one_truth(
        capsys, web, api, province.code, DISTRICT_NTM, "2023", dashboard=False
    )
    assert district_review["set"]["criteria"] == 9
    assert {c["criteria_total"] for c in district_review["communes"]} == {9}
    assert all(c["conditions_met"] is False for c in district_review["communes"])
    assert "Chưa đạt điều kiện" in district_review["text"]
    assert main(["results", "check"]) == 0, capsys.readouterr().out


def test_the_review_of_the_district_set_counts_nine_criteria(units, capsys):
    from ntm.reportsdata.gather import review_for

    province, districts, _ = generated_province()
    review = review_for(province, DISTRICT_NTM, "2023").to_json()
    assert review["set"]["criteria"] == 9
    assert review["set"]["encoded_criteria"] == 9
    assert all(g["criteria_total"] == 9 for g in review["groups"])
    assert all(u["criterion"] != 0 for u in review["unmet_by_criterion"])
