"""What the review page's table is drawn from, as a cache key (``ntm.web.fragments``).

Why: a province's review is 440 kB of HTML for hundreds of communes; drawn again on every visit
it costs twenty minimal pages. The key names every input of ``reportsdata.review_for`` for the
web page: the scope unit and the units at the set's level under it as stored, their stored
results for the set and period, the set's rules, and the recognition decisions under the scope
(the "recognised as" column and, for a district review, the revoked communes). A value written,
a decision recorded or a unit changed changes the key.
"""

from __future__ import annotations

from typing import Any

from ntm.assessments.models import StoredResult
from ntm.criteria.compact import set_digest
from ntm.criteria.inputs import Period
from ntm.criteria.model import CriteriaSet
from ntm.recognition.models import Recognition
from ntm.units.models import AdminUnit
from ntm.units.selectors import subtree, subtree_q
from ntm.web import fragments

UNIT_COLUMNS = tuple(f.name for f in AdminUnit._meta.concrete_fields)
STORED_COLUMNS = tuple(f.name for f in StoredResult._meta.concrete_fields)
RECOGNITION_COLUMNS = tuple(f.name for f in Recognition._meta.concrete_fields)


def review_inputs(unit: AdminUnit, criteria_set: CriteriaSet, period: Period) -> list[Any]:
    members = subtree(unit, criteria_set.level).order_by("pk")
    stored = StoredResult.objects.filter(
        set_code=criteria_set.code, period=str(period), unit__in=members.values("pk")
    ).order_by("pk")
    decisions = Recognition.objects.filter(subtree_q(unit, "unit__")).order_by("pk")
    return [
        "review",
        fragments.content(AdminUnit.objects.filter(pk=unit.pk), UNIT_COLUMNS),
        criteria_set.code,
        set_digest(criteria_set),
        str(period),
        fragments.content(members, UNIT_COLUMNS),
        fragments.content(stored, STORED_COLUMNS),
        fragments.content(decisions, RECOGNITION_COLUMNS),
    ]
