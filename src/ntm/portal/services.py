"""Publishing to the portal (``do_publish``) and withdrawing (``do_withdraw``), each audited.

Publishing evaluates the unit and every unit under it (villages aside) with the engine, as of
the period, and fixes the figures: criteria and indicators met on the first rung of the unit's
ladder (NTM), the level reached by data, the recognition in force (``hooks``), and for
provinces and districts the summary sections other apps register (OCOP, funds...).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from ntm.assessments.evaluation import ladder_sets
from ntm.assessments.services import parse_period
from ntm.assessments.stored import stored_ladders
from ntm.criteria.inputs import Period
from ntm.criteria.ladder import level_reached
from ntm.criteria.registry import load_registry
from ntm.portal import hooks
from ntm.portal.models import Publication, PublishedFigure
from ntm.reports.programme_text import period_end
from ntm.reportsdata.gather import has_values, valid_at
from ntm.reportsdata.sections import summary_sections
from ntm.units.models import AdminUnit
from ntm.units.selectors import subtree

MSG_NOTHING_TO_PUBLISH = (
    "Không có đơn vị nào của {unit} có bộ tiêu chí cho kỳ {period}: không công bố gì."
)
MSG_ALREADY_WITHDRAWN = "Công bố này đã được rút lại."
PUBLISHED_LEVELS = ("province", "district", "commune")


class PublishError(ValueError):
    """A publication that cannot be made; ``message`` is Vietnamese, for the office."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _sections(unit: AdminUnit, period: Period) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for section in summary_sections(unit, period, None):
        out[section.key] = {
            "data": section.to_json(),
            "lines": {"vi": section.lines("vi"), "en": section.lines("en")},
        }
    return out


def _figure(
    publication: Publication,
    unit: AdminUnit,
    period: Period,
    results: dict,
    registry,
    recognised: dict | None,
) -> PublishedFigure:
    base_code = next(iter(ladder_sets(unit.level, period, registry)), None)
    figure = PublishedFigure(
        publication=publication,
        unit=unit,
        period=str(period),
        period_index=period.index,
        recognised=recognised,
    )
    if base_code and base_code in results:
        result = results[base_code]
        figure.set_code, figure.set_name = base_code, registry.get(base_code).name
        figure.has_data = has_values(result)
        figure.criteria_met, figure.criteria_total = result.criteria_met, result.criteria_total
        figure.indicators_met, figure.indicators_total = (
            result.indicators_met,
            result.indicators_total,
        )
        figure.level_by_data = (level_reached(results, registry) or "") if figure.has_data else ""
        figure.criteria = [
            {"number": c.number, "name": c.name, "status": c.status} for c in result.criteria
        ]
    if unit.level != "commune":
        figure.sections = _sections(unit, period)
    return figure


@transaction.atomic
def do_publish(*, unit: AdminUnit, period: str | Period, by: Any) -> Publication:
    """Publish ``unit`` and its subtree as of ``period`` (the caller checked ``can_publish``)."""
    as_of = parse_period(period)
    registry = load_registry()
    units = list(valid_at(subtree(unit), as_of).filter(level__in=PUBLISHED_LEVELS).order_by("path"))
    if not any(ladder_sets(u.level, as_of, registry) for u in units):
        raise PublishError(MSG_NOTHING_TO_PUBLISH.format(unit=unit.name, period=as_of))
    ladders = stored_ladders(units, as_of, registry)
    recognised = hooks.recognised_levels(units, period_end(str(as_of)))
    publication = Publication(
        unit=unit,
        period=str(as_of),
        period_index=as_of.index,
        figures_count=len(units),
        published_by=by if getattr(by, "pk", None) else None,
    )
    publication._history_user = publication.published_by
    publication.save()
    PublishedFigure.objects.bulk_create(
        [
            _figure(publication, u, as_of, ladders.get(u.pk, {}), registry, recognised.get(u.pk))
            for u in units
        ],
        batch_size=500,
    )
    return publication


@transaction.atomic
def do_withdraw(*, publication: Publication, by: Any) -> Publication:
    """Take a publication off the portal (it stays in the records, with who withdrew it)."""
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    if publication.withdrawn_at is not None:
        raise PublishError(MSG_ALREADY_WITHDRAWN)
    publication.withdrawn_at = timezone.now()
    publication.withdrawn_by = by if getattr(by, "pk", None) else None
    publication._history_user = publication.withdrawn_by
    publication.save()
    return publication
