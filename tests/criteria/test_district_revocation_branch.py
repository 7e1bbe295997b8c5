"""Decision 18/2022, district branch: 30% of its communes revoked revokes the district."""

from __future__ import annotations


def test_the_district_rule_needs_30_percent_of_communes_revoked():
    from ntm.criteria.model import CriteriaSet, Criterion
    from ntm.criteria.results import CriterionResult, UnitResult
    from ntm.criteria.revocation import district_revocation_risk

    crit = tuple(Criterion(n, f"Tiêu chí {n}", ()) for n in range(1, 10))
    s = CriteriaSet(
        "h", "Bộ h", "district", "ntm", "none", 9, 9, crit, revocation_key_criteria=(6, 7, 8, 9)
    )
    result = UnitResult(
        "h", "h", "2023", tuple(CriterionResult(n, "", "met", ()) for n in range(1, 10)), 9, 9, True
    )
    assert not district_revocation_risk(result, s, 2, 10).at_risk
    assert district_revocation_risk(result, s, 3, 10).at_risk
