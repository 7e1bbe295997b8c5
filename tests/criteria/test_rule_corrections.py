"""2021-2025 rules as their texts state them, where the first encoding simplified them."""

from __future__ import annotations

from ntm.criteria.engine import evaluate
from ntm.criteria.inputs import Observation, Period, UnitProfile
from ntm.criteria.registry import load_registry

SCHOOLS = "5.1"


def _schools(profile: UnitProfile, rate: float):
    result = evaluate(
        load_registry().get("xa-ntm-2021-2025"),
        profile,
        {SCHOOLS: [Observation(Period.parse("2023"), rate)]},
        "2023",
    )
    return next(i for i in result.indicators if i.code == SCHOOLS)


def test_a_commune_with_three_schools_or_fewer_needs_50_percent_at_level_1():
    # QĐ 1491/QĐ-BGDĐT (QĐ 318 tiêu chí 5), outside ĐBSH and ĐNB: "≥70% đạt mức 1 (xã có trên 3
    # trường) hoặc ≥50% (xã có từ 3 trường trở xuống)".
    few = _schools(UnitProfile(code="A", region="BTB", dimensions=(("schools", "le3"),)), 60.0)
    many = _schools(UnitProfile(code="B", region="BTB", dimensions=(("schools", "gt3"),)), 60.0)
    assert (few.status, few.threshold, many.status, many.threshold) == ("met", 50.0, "unmet", 70.0)
    assert "schools le3" in few.basis


def test_a_commune_whose_school_count_is_not_known_is_held_to_the_stricter_70_percent():
    unknown = _schools(UnitProfile(code="C", region="TN"), 60.0)
    assert (unknown.status, unknown.threshold) == ("unmet", 70.0)


def test_the_red_river_delta_needs_every_school_at_level_1_however_few():
    # QĐ 1491/QĐ-BGDĐT: ĐBSH and ĐNB, 100% of schools at level 1.
    delta = _schools(UnitProfile(code="D", region="ĐBSH", dimensions=(("schools", "le3"),)), 60.0)
    assert (delta.status, delta.threshold) == ("unmet", 100.0)


def _conditions(satisfaction: dict[str, float]):
    """Criterion 0 of the district NTM set for a district whose every commune is at NTM."""
    from ntm.criteria.district import CommuneOutcome, evaluate_district

    registry = load_registry()
    district = registry.get("huyen-ntm-2021-2025")
    at = Period.parse("2023")
    values = {"0.3": [Observation(at, 100.0)], "0.4": [Observation(at, 95.0)]}
    values.update({code: [Observation(at, rate)] for code, rate in satisfaction.items()})
    communes = [CommuneOutcome(f"X{n}", "advanced" if n == 0 else "ntm") for n in range(5)]
    result = evaluate_district(
        district, UnitProfile(code="H", level="district"), values, at, communes, registry
    )
    return next(c for c in result.criteria if c.number == 0)


def test_district_satisfaction_is_judged_for_each_content_area_in_each_commune():
    # QĐ 320/QĐ-TTg, Phụ lục I, điều kiện 4: "≥90% ... và mỗi xã đạt ≥80% đối với từng nội dung".
    areas = [f"0.5.{n}" for n in range(1, 20)]
    everywhere = _conditions(dict.fromkeys(areas, 85.0))
    one_area_low = _conditions({**dict.fromkeys(areas, 85.0), "0.5.7": 75.0})
    assert everywhere.status == "met"
    assert one_area_low.status == "unmet"
    low = next(i for i in one_area_low.indicators if i.code == "0.5.7")
    assert (low.status, low.threshold) == ("unmet", 80.0)
    assert len(areas) == sum(1 for i in one_area_low.indicators if i.code.startswith("0.5."))
