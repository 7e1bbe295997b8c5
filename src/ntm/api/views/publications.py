"""Publishing to the public portal through the API: what ``/publish/`` does by hand.

``POST /api/publications/`` publishes a province or district (and every unit under it) for a
period; the answer (202) comes at once, with the publication ``pending`` until its figures are
computed (``ntm.portal.background``), then ``ready``: poll ``GET /api/publications/ID/``.
``POST /api/publications/ID/withdraw/`` takes it off the portal. Who may: the offices
``ntm.accounts.access.can_publish`` names, over their own subtree (404 outside the caller's
units, 403 for a unit they may see but not publish, 403 for a read-only token). Each step is
audited by the portal's services (history rows naming the user).
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from ntm.accounts.access import access_unit_for_user, can_publish
from ntm.api import errors
from ntm.api.base import ERAS, ScopedAPIView
from ntm.api.records import ERA, PERIOD, UNIT_SUBTREE, Filter, RecordListView, scoped_record
from ntm.assessments.parsing import ValueParseError
from ntm.portal.background import complete_after_response
from ntm.portal.models import STATUS_CHOICES, Publication
from ntm.portal.services import PublishError, do_request_publication, do_withdraw

PUBLISHED_LEVELS = ("province", "district")
MAY_NOT_PUBLISH = (
    "You may not publish this unit's figures.",
    "Tài khoản của bạn không được công bố số liệu của đơn vị này.",
)
NOT_PUBLISHABLE_LEVEL = (
    "Only a province or a district is published (with every unit under it).",
    "Chỉ công bố theo tỉnh hoặc huyện (cùng mọi đơn vị trực thuộc).",
)
ALREADY_WITHDRAWN = (
    "This publication has been withdrawn already.",
    "Công bố này đã được rút lại.",
)


class PublicationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    unit = serializers.CharField(source="unit.code")
    unit_name = serializers.CharField(source="unit.name")
    era = serializers.CharField(source="unit.era")
    period = serializers.CharField()
    status = serializers.ChoiceField(
        choices=[c for c, _ in STATUS_CHOICES],
        help_text="pending: figures being computed; ready: on the portal; failed: see error.",
    )
    error = serializers.CharField()
    figures_count = serializers.IntegerField(help_text="Units whose figures it fixes.")
    published_at = serializers.DateTimeField()
    published_by = serializers.CharField(source="published_by.username", allow_null=True)
    withdrawn_at = serializers.DateTimeField(allow_null=True)
    withdrawn_by = serializers.CharField(source="withdrawn_by.username", allow_null=True)


class PublishRequestSerializer(serializers.Serializer):
    unit = serializers.CharField(help_text="A province or district code.")
    period = serializers.CharField(help_text="YYYY or YYYY-MM.")
    era = serializers.ChoiceField(
        choices=list(ERAS), required=False, help_text="Which structure the code refers to."
    )


PUBLICATION_FILTERS = (
    UNIT_SUBTREE,
    ERA,
    PERIOD,
    Filter("status", "status", "pending, ready or failed.", enum=("pending", "ready", "failed")),
)
_publications = Publication.objects.select_related("unit", "published_by", "withdrawn_by")


def _answer(publication: Publication, code: int = status.HTTP_200_OK) -> Response:
    fresh = _publications.get(pk=publication.pk)
    return Response(PublicationSerializer(fresh).data, status=code)


class PublicationListView(RecordListView):
    queryset = _publications.order_by("-published_at", "-id")
    serializer_class = PublicationSerializer
    filters = PUBLICATION_FILTERS
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="publications_list",
        summary="Publications to the public portal of your units, newest first",
        parameters=[f.parameter() for f in PUBLICATION_FILTERS],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="publications_create",
        summary="Publish a province or district for a period (figures computed after the answer)",
        description="Answers 202 at once with the publication `pending`; it turns `ready` (on "
        "the portal) once its figures are computed, or `failed` with `error`. Publishing "
        "again later replaces what the portal shows for those units and that period.",
        request=PublishRequestSerializer,
        responses={202: PublicationSerializer},
    )
    def post(self, request):
        body = PublishRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        unit = access_unit_for_user(
            request.user, body.validated_data["unit"], era=body.validated_data.get("era")
        )
        if not can_publish(request.user, unit):
            raise errors.api_error(403, "may_not_publish", MAY_NOT_PUBLISH)
        if unit.level not in PUBLISHED_LEVELS:
            raise errors.api_error(400, "not_publishable_level", NOT_PUBLISHABLE_LEVEL)
        try:
            publication = do_request_publication(
                unit=unit, period=body.validated_data["period"], by=request.user
            )
        except PublishError as exc:
            raise errors.ApiError(400, "nothing_to_publish", exc.message, exc.message) from None
        except ValueParseError as exc:
            raise errors.ApiError(400, "bad_period", exc.message_en, exc.message) from None
        complete_after_response()
        return _answer(publication, status.HTTP_202_ACCEPTED)


class PublicationDetailView(ScopedAPIView):
    @extend_schema(
        operation_id="publications_retrieve",
        summary="One publication (poll it until `ready`)",
        responses=PublicationSerializer,
    )
    def get(self, request, pk: int):
        return _answer(scoped_record(request.user, _publications, pk=pk))


class PublicationWithdrawView(ScopedAPIView):
    @extend_schema(
        operation_id="publications_withdraw",
        summary="Withdraw a publication from the public portal (it stays in the records)",
        request=None,
        responses={200: PublicationSerializer},
    )
    def post(self, request, pk: int):
        publication = scoped_record(request.user, _publications, pk=pk)
        if not can_publish(request.user, publication.unit):
            raise errors.api_error(403, "may_not_publish", MAY_NOT_PUBLISH)
        try:
            do_withdraw(publication=publication, by=request.user)
        except PublishError:
            raise errors.api_error(409, "already_withdrawn", ALREADY_WITHDRAWN) from None
        return _answer(publication)
