"""What the review page's table is drawn from, as a cache key (``ntm.web.fragments``).

Why: a province's review is 440 kB of HTML for hundreds of communes; drawn again on every visit
it costs twenty minimal pages. The key names every input of ``reportsdata.review_for`` for the
web page: the scope unit and the units at the set's level under it (by the units version, which
every change to the units table moves), their stored results for the set and period (by id and
time: ``fragments.stored_rows``), the set's rules, and the recognition decisions under the scope
(the "recognised as" column and, for a district review, the revoked communes). A value written,
a decision recorded or a unit changed changes the key.
"""

from __future__ import annotations

from typing import Any

from ntm.assessments import levels_version
from ntm.assessments.models import StoredResult
from ntm.criteria.compact import set_digest
from ntm.criteria.inputs import Period
from ntm.criteria.model import CriteriaSet
from ntm.recognition.models import Recognition
from ntm.units.models import AdminUnit
from ntm.units.selectors import subtree, subtree_q
from ntm.web import fragments

RECOGNITION_COLUMNS = tuple(f.name for f in Recognition._meta.concrete_fields)


def review_inputs(unit: AdminUnit, criteria_set: CriteriaSet, period: Period) -> list[Any]:
    members = subtree(unit, criteria_set.level)
    stored = StoredResult.objects.filter(
        set_code=criteria_set.code, period=str(period), unit__in=members.values("pk")
    )
    # The decisions are a watched table: the units version answers for them where their
    # triggers are in (``levels_version.watching``).
    decisions = (
        "watched"
        if levels_version.watching()
        else fragments.content(
            Recognition.objects.filter(subtree_q(unit, "unit__")).order_by("pk"),
            RECOGNITION_COLUMNS,
        )
    )
    return [
        "review",
        unit.pk,
        criteria_set.code,
        set_digest(criteria_set),
        str(period),
        fragments.units_version(),
        fragments.stored_rows(stored),
        decisions,
    ]
