"""Publishing to the portal (``do_publish``) and withdrawing (``do_withdraw``), each audited.

Publishing (``do_request_publication`` then ``do_complete_publication``, or ``do_publish`` for
both at once) evaluates the unit and every unit under it (villages aside) with the engine, as of
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
from ntm.portal.models import FAILED, PENDING, READY, Publication, PublishedFigure
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


def _published_units(unit: AdminUnit, as_of: Period) -> list[AdminUnit]:
    return list(valid_at(subtree(unit), as_of).filter(level__in=PUBLISHED_LEVELS).order_by("path"))


@transaction.atomic
def do_request_publication(*, unit: AdminUnit, period: str | Period, by: Any) -> Publication:
    """Record that ``by`` publishes ``unit`` and its subtree as of ``period``, without its figures
    yet (status pending; the caller checked ``can_publish``). Cheap: the figures are computed by
    ``do_complete_publication``, after the answer (``ntm.portal.background``)."""
    as_of = parse_period(period)
    registry = load_registry()
    units = _published_units(unit, as_of)
    if not any(ladder_sets(u.level, as_of, registry) for u in units):
        raise PublishError(MSG_NOTHING_TO_PUBLISH.format(unit=unit.name, period=as_of))
    publication = Publication(
        unit=unit,
        period=str(as_of),
        period_index=as_of.index,
        figures_count=len(units),
        status=PENDING,
        published_by=by if getattr(by, "pk", None) else None,
    )
    publication._history_user = publication.published_by
    publication.save()
    return publication


@transaction.atomic
def do_complete_publication(*, publication_id: int) -> Publication | None:
    """Compute and fix the figures of a pending publication, then mark it ready (the portal
    shows it from then on). A publication already done or withdrawn is left as it is."""
    publication = (
        Publication.objects.select_for_update().filter(pk=publication_id, status=PENDING).first()
    )
    if publication is None:
        return None
    as_of = parse_period(publication.period)
    registry = load_registry()
    units = _published_units(publication.unit, as_of)
    ladders = stored_ladders(units, as_of, registry)
    recognised = hooks.recognised_levels(units, period_end(str(as_of)))
    PublishedFigure.objects.bulk_create(
        [
            _figure(publication, u, as_of, ladders.get(u.pk, {}), registry, recognised.get(u.pk))
            for u in units
        ],
        batch_size=500,
    )
    publication.status, publication.figures_count = READY, len(units)
    publication._history_user = publication.published_by
    publication._change_reason = "figures computed"
    publication.save()
    return publication


@transaction.atomic
def do_fail_publication(*, publication_id: int, error: str) -> None:
    """A pending publication whose figures could not be computed: failed, with why (the office
    sees it on /publish/ and publishes again); nothing of it is public."""
    publication = Publication.objects.select_for_update().get(pk=publication_id)
    publication.status, publication.error = FAILED, error[:2000]
    publication._history_user = None
    publication._change_reason = "figures failed"
    publication.save()


@transaction.atomic
def do_publish(*, unit: AdminUnit, period: str | Period, by: Any) -> Publication:
    """Publish ``unit`` and its subtree as of ``period`` with its figures, in one go (the
    command line, the demo, tests; the web and the API answer first and compute after)."""
    publication = do_request_publication(unit=unit, period=period, by=by)
    done = do_complete_publication(publication_id=publication.pk)
    assert done is not None
    return done


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
