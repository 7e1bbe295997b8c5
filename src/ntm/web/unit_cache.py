"""What the commune page's content is drawn from, as a cache key (``ntm.web.fragments``).

Why: with its sets cached, the commune page still asked the database a dozen questions and
drew its template on every visit (about four minimal pages); an officer lands on it on every
visit. Its content (everything but the breadcrumbs and the follow-up links, which depend on
the user and the day) is kept whole under:

- the units version (``fragments.units_version``): the unit, its villages and the units table
  as a whole, and the recognition decisions (a watched table: ``levels_version.watch``);
- every value stored in the unit's subtree for its sets and the sets judging it, as stored
  (the results, the level, what is missing, the trend and the periods are computed from them
  with the unit's profile and the rules);
- the fingerprint of every loaded set's rules (``rank.registry_digest``);
- its predecessors as shown (their levels read other units' values: computed on each visit);
- the period, the language and whether the user may enter values.

A page whose sets count other units' results (``SetView.inputs`` None) is not kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ntm.assessments import levels_version
from ntm.assessments.evaluation import set_for_unit
from ntm.assessments.selectors import values_under
from ntm.criteria.inputs import Period
from ntm.criteria.model import CriteriaSet
from ntm.criteria.registry import load_registry
from ntm.reportsdata.rank import registry_digest
from ntm.units.models import AdminUnit
from ntm.web import commune, fragments
from ntm.web.commune import VALUE_COLUMNS, Predecessor

PAGE_VALUE_COLUMNS = ("pk", "unit_id", "set_code", "indicator_code", *VALUE_COLUMNS)


def page_inputs(
    unit: AdminUnit,
    period: Period,
    sets: Sequence[CriteriaSet],
    predecessors: Sequence[Predecessor],
    can_edit: bool,
) -> list[Any] | None:
    """The key of the commune page's content; None when it cannot be kept (the page cache
    off, or the recognitions' triggers not in this database)."""
    if not fragments.enabled() or not levels_version.watching():
        return None
    registry = load_registry()
    codes = sorted(
        {s.code for s in sets} | {set_for_unit(unit, s.code, period, registry).code for s in sets}
    )
    return [
        unit.pk,
        str(period),
        codes,
        can_edit,
        registry_digest(registry),
        fragments.units_version(),
        fragments.content(values_under(unit, codes).order_by(), PAGE_VALUE_COLUMNS),
        [(p.unit.pk, p.level, p.period, p.partial, p.recognised) for p in predecessors],
    ]


def predecessors(unit: AdminUnit) -> list[Predecessor]:
    """``commune.predecessors``; "none" kept under the units version (the lineage table is
    watched: ``levels_version.LINEAGE_TABLE``), since most units have none. A unit with
    predecessors reads their values: drawn on each visit."""
    if not fragments.enabled() or not levels_version.watching():
        return commune.predecessors(unit)
    return fragments.cached(
        "predecessors",
        [unit.pk, fragments.units_version()],
        lambda: (commune.predecessors(unit),),  # a tuple: an empty list is kept too
        keep=lambda found: not found[0],
    )[0]
