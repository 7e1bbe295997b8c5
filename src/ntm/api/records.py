"""The regular shape of a record list: scoped to the caller's units, filtered, paginated.

Adding a record type to the API (a recognition, a task, an OCOP product...) is one small class:

    class TaskListView(RecordListView):
        queryset = Task.objects.select_related("unit")
        serializer_class = TaskSerializer
        filters = (
            UNIT_SUBTREE, PERIOD, Filter("status", "status", "not-started, in-progress, ...")
        )

``get_queryset`` keeps only records of units the caller may see (``ntm.accounts.access``), the
declared filters become both the query and the OpenAPI parameters, and the answer is the
paginated envelope ``{"count", "next", "previous", "results"}``. A detail view fetches one record
with ``scoped_record`` (404 outside the caller's units, as everywhere).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Model, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.generics import ListAPIView
from rest_framework.pagination import LimitOffsetPagination

from ntm.accounts.access import subtree_q, units_visible_to
from ntm.api import errors
from ntm.api.base import ERAS, ScopedAPIView, checked_period, checked_set, unit_for_request


class RecordPagination(LimitOffsetPagination):
    default_limit = 100
    max_limit = 1000


@dataclass(frozen=True)
class Filter:
    """A query parameter that narrows a record list: ``name`` -> a queryset lookup.

    ``apply`` may replace the plain ``lookup=value`` (e.g. a unit code means its subtree).
    """

    name: str
    lookup: str
    description: str
    enum: tuple[str, ...] | None = None
    apply: Callable[[ScopedAPIView, QuerySet, str, str], QuerySet] | None = field(
        default=None, compare=False
    )

    def parameter(self) -> OpenApiParameter:
        return OpenApiParameter(
            self.name,
            OpenApiTypes.STR,
            description=self.description,
            enum=list(self.enum) if self.enum else None,
        )

    def filter(self, view: ScopedAPIView, queryset: QuerySet, text: str) -> QuerySet:
        if self.enum and text not in self.enum:
            raise errors.ApiError(
                400,
                "bad_filter",
                f"'{self.name}' must be one of: {', '.join(self.enum)}.",
                f"'{self.name}' phải là một trong: {', '.join(self.enum)}.",
            )
        if self.apply is not None:
            return self.apply(view, queryset, self.lookup, text)
        return queryset.filter(**{self.lookup: text})


def _unit_subtree(view: ScopedAPIView, queryset: QuerySet, lookup: str, code: str) -> QuerySet:
    unit = unit_for_request(view, code)
    return queryset.filter(subtree_q(unit, prefix=f"{lookup}__"))


def _period(view, queryset: QuerySet, lookup: str, text: str) -> QuerySet:
    return queryset.filter(**{lookup: str(checked_period(text))})


def _period_bound(view, queryset: QuerySet, lookup: str, text: str) -> QuerySet:
    return queryset.filter(**{lookup: checked_period(text).index})


def _set(view, queryset: QuerySet, lookup: str, code: str) -> QuerySet:
    return queryset.filter(**{lookup: checked_set(code)})


def _criterion(view, queryset: QuerySet, lookup: str, text: str) -> QuerySet:
    if not text.isdigit():
        raise errors.ApiError(
            400,
            "bad_filter",
            "'criterion' must be a criterion number, e.g. 17.",
            "'criterion' phải là số thứ tự tiêu chí, ví dụ 17.",
        )
    return queryset.filter(**{f"{lookup}__startswith": f"{int(text)}."})


ERA = Filter(
    "era",
    "unit__era",
    "Units of this structure only (2008: before 1 July 2025; 2025: after).",
    enum=ERAS,
)
UNIT_SUBTREE = Filter(
    "unit",
    "unit",
    "A unit code: only records of this unit and the units under it.",
    apply=_unit_subtree,
)
PERIOD = Filter("period", "period", "Exactly this period (YYYY or YYYY-MM).", apply=_period)
PERIOD_FROM = Filter(
    "period_from",
    "period_index__gte",
    "Periods from this one on (YYYY or YYYY-MM).",
    apply=_period_bound,
)
PERIOD_TO = Filter(
    "period_to",
    "period_index__lte",
    "Periods up to this one (YYYY or YYYY-MM).",
    apply=_period_bound,
)
SET = Filter("set", "set_code", "A criteria-set code.", apply=_set)
CRITERION = Filter(
    "criterion", "indicator_code", "A criterion number: its indicators only.", apply=_criterion
)
INDICATOR = Filter("indicator", "indicator_code", 'An indicator code, e.g. "17.1".')


class RecordListView(ScopedAPIView, ListAPIView):
    """GET: the records of the caller's units, narrowed by ``filters``, a page at a time."""

    pagination_class = RecordPagination
    filters: tuple[Filter, ...] = ()
    unit_lookup = "unit"

    def get_queryset(self) -> QuerySet:
        queryset = self.queryset.filter(
            **{f"{self.unit_lookup}__in": units_visible_to(self.request.user)}
        )
        params = self.request.query_params
        for f in self.filters:
            text = params.get(f.name, "").strip()
            if text:
                queryset = f.filter(self, queryset, text)
        return queryset


def scoped_record(user, queryset: QuerySet, unit_lookup: str = "unit", **lookup) -> Model:
    """One record of the caller's units, or the API's 404."""
    record = queryset.filter(**{f"{unit_lookup}__in": units_visible_to(user)}, **lookup).first()
    if record is None:
        raise errors.api_error(404, "not_found", errors.NOT_FOUND)
    return record
