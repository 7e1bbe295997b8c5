"""The write API's record types, each one collection and one detail view (``record_api``)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_view

from ntm.api import errors
from ntm.api.record_kinds import AWARDS, FUNDS, OCOP, OUTPUTS, RECOGNITIONS
from ntm.api.record_shapes import (
    AwardRecordSerializer,
    FundsRecordSerializer,
    OcopRecordSerializer,
    OutputRecordSerializer,
    RecognitionRecordSerializer,
    request_shape,
)
from ntm.api.records import ERA, PERIOD, PERIOD_FROM, PERIOD_TO, UNIT_SUBTREE, Filter
from ntm.api.views.record_api import (
    RecordCollectionView,
    RecordDetailView,
    change_schema,
    create_schema,
    delete_schema,
    list_schema,
    read_schema,
)
from ntm.investment.models import RECIPIENT_CHOICES, SOURCE_CHOICES
from ntm.ocop.models import GROUP_CHOICES, LEVEL_CHOICES, STAR_CHOICES
from ntm.recognition.models import LEVELS
from ntm.textnorm import parse_date

BAD_DATE = (
    "Invalid date {text!r}: use YYYY-MM-DD or DD/MM/YYYY.",
    "Ngày không hợp lệ {text!r}: dùng YYYY-MM-DD hoặc DD/MM/YYYY.",
)
BAD_YEAR = ("'year' must be a year, e.g. 2023.", "'year' phải là một năm, ví dụ 2023.")


def _date(view, queryset, lookup: str, text: str):
    try:
        return queryset.filter(**{lookup: parse_date(text)})
    except ValueError:
        raise errors.api_error(400, "bad_filter", BAD_DATE, text=text) from None


def _year(view, queryset, lookup: str, text: str):
    if not (text.isdigit() and len(text) == 4):
        raise errors.api_error(400, "bad_filter", BAD_YEAR)
    return queryset.filter(**{lookup: int(text)})


def _codes(choices) -> tuple[str, ...]:
    return tuple(str(code) for code, _ in choices)


RECOGNITION_FILTERS = (
    UNIT_SUBTREE,
    ERA,
    Filter("level", "level", "Recognised level.", enum=LEVELS),
    Filter("set", "set_code", "The criteria set the recognition used."),
)
OCOP_FILTERS = (
    UNIT_SUBTREE,
    ERA,
    Filter("stars", "stars", "Star rating.", enum=_codes(STAR_CHOICES)),
    Filter("level", "level", "Who rated it.", enum=_codes(LEVEL_CHOICES)),
    Filter("group", "group", "Product group 1-6.", enum=_codes(GROUP_CHOICES)),
    Filter("year", "year", "Evaluation year.", apply=_year),
)
FUNDS_FILTERS = (
    UNIT_SUBTREE,
    ERA,
    PERIOD,
    PERIOD_FROM,
    PERIOD_TO,
    Filter("source", "fund_source", "Source of the money.", enum=_codes(SOURCE_CHOICES)),
)
OUTPUT_FILTERS = (
    UNIT_SUBTREE,
    ERA,
    PERIOD,
    PERIOD_FROM,
    PERIOD_TO,
    Filter("kind", "kind", "A catalogue code, e.g. road_km."),
)
AWARD_FILTERS = (
    UNIT_SUBTREE,
    ERA,
    Filter("recipient_type", "recipient_type", "Who received it.", enum=_codes(RECIPIENT_CHOICES)),
    Filter("kind", "kind", "certificate, merit, emulation_flag or the file's words."),
    Filter("from", "awarded_on__gte", "Awarded on or after (YYYY-MM-DD).", apply=_date),
    Filter("to", "awarded_on__lte", "Awarded on or before (YYYY-MM-DD).", apply=_date),
)


def _views(kind, what: str, serializer, filters, *, deletable: bool):
    """The collection and detail views of one record type, with their OpenAPI description."""
    name = serializer.__name__.removesuffix("RecordSerializer")
    create = request_shape(kind.import_kind, f"{name}Create", with_version=False)
    change = request_shape(kind.import_kind, f"{name}Change", with_version=True)
    key = ", ".join(kind.key_columns)

    @extend_schema_view(
        get=list_schema(what, filters, serializer),
        post=create_schema(what, create, serializer),
    )
    class Collection(RecordCollectionView):
        def post(self, request):
            return self.create(request)

    Collection.kind, Collection.serializer_class, Collection.filters = kind, serializer, filters
    Collection.queryset = kind.queryset().order_by(*kind.model._meta.ordering, "pk")

    detail_schemas = {
        "get": read_schema(what, serializer),
        "put": change_schema(what, key, change, serializer, partial=False),
        "patch": change_schema(what, key, change, serializer, partial=True),
    }

    class Detail(RecordDetailView):
        def get(self, request, pk: int):
            return self.read(pk)

        def put(self, request, pk: int):
            return self.change(request, pk, partial=False)

        def patch(self, request, pk: int):
            return self.change(request, pk, partial=True)

    if deletable:

        class DeletableDetail(Detail):
            def delete(self, request, pk: int):
                return self.remove(request, pk)

        detail_schemas["delete"] = delete_schema(what)
        Detail = DeletableDetail  # noqa: N806 (a class)
    Detail = extend_schema_view(**detail_schemas)(Detail)  # noqa: N806
    Detail.kind, Detail.serializer_class = kind, serializer
    Collection.__name__, Detail.__name__ = f"{name}CollectionView", f"{name}DetailView"
    return Collection, Detail


RecognitionCollectionView, RecognitionDetailView = _views(
    RECOGNITIONS,
    "a recognition decision",
    RecognitionRecordSerializer,
    RECOGNITION_FILTERS,
    deletable=False,
)
OcopCollectionView, OcopDetailView = _views(
    OCOP, "an OCOP rating", OcopRecordSerializer, OCOP_FILTERS, deletable=True
)
FundsCollectionView, FundsDetailView = _views(
    FUNDS, "funds mobilised", FundsRecordSerializer, FUNDS_FILTERS, deletable=True
)
OutputCollectionView, OutputDetailView = _views(
    OUTPUTS, "a physical output", OutputRecordSerializer, OUTPUT_FILTERS, deletable=True
)
AwardCollectionView, AwardDetailView = _views(
    AWARDS, "an emulation award", AwardRecordSerializer, AWARD_FILTERS, deletable=True
)
