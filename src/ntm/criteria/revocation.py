"""Decision 18/2022 revocation rule as a check that flags recognised units at risk.

Revoke when at least half of the criteria fail, or at least 30% fail including a key criterion
(income, environment, living-environment quality, defence and security; for districts: economy,
environment, living-environment quality, political system - security - public administration).
A district is also revoked when at least 30% of its communes have had their NTM recognition
revoked (``district_revocation_risk``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ntm.criteria.model import CriteriaSet
from ntm.criteria.results import UNMET, Outcome

HALF, THIRTY_PERCENT = 0.5, 0.3


@dataclass(frozen=True, slots=True)
class RevocationRisk:
    at_risk: bool
    failed: tuple[int, ...]
    failed_share: float
    key_failed: tuple[int, ...]
    reason: str


def revocation_risk(result: Outcome, criteria_set: CriteriaSet) -> RevocationRisk:
    """Whether ``result`` meets the revocation condition; only unmet (not missing) criteria
    count."""
    failed = tuple(c.number for c in result.criteria if c.status == UNMET and not c.is_condition)
    total = result.criteria_total or 1
    share = len(failed) / total
    key_failed = tuple(n for n in failed if n in criteria_set.revocation_key_criteria)
    pct = f"{len(failed)}/{total} tiêu chí chưa đạt ({share * 100:.0f}%)".replace(".", ",")
    if share >= HALF:
        return RevocationRisk(True, failed, share, key_failed, f"{pct}: từ 50% trở lên")
    if share >= THIRTY_PERCENT and key_failed:
        keys = ", ".join(str(n) for n in key_failed)
        return RevocationRisk(
            True, failed, share, key_failed, f"{pct}: từ 30%, gồm tiêu chí then chốt số {keys}"
        )
    return RevocationRisk(False, failed, share, key_failed, f"{pct}: chưa thuộc diện thu hồi")


def district_revocation_risk(
    result: Outcome, criteria_set: CriteriaSet, communes_revoked: int, communes_total: int
) -> RevocationRisk:
    """Decision 18/2022 for a district: the criteria rule above, or at least 30% of its communes
    whose NTM recognition has been revoked (counted by the caller from the decisions)."""
    risk = revocation_risk(result, criteria_set)
    if risk.at_risk or not communes_total or communes_revoked / communes_total < THIRTY_PERCENT:
        return risk
    share = communes_revoked / communes_total
    pct = (
        f"{communes_revoked}/{communes_total} xã bị thu hồi quyết định công nhận "
        f"({share * 100:.0f}%)"
    ).replace(".", ",")
    return RevocationRisk(
        True, risk.failed, risk.failed_share, risk.key_failed, f"{pct}: từ 30% trở lên"
    )
