"""Evidence files (minh chứng) of a value: list, upload, download — the web's rules and checks.

Reading follows the unit (404 outside your units); uploading follows editing the value. The file
checks (type by content, size) are the web upload's (``ntm.assessments.evidence``), not a second
set.
"""

from __future__ import annotations

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from ntm.accounts.access import can_edit_value
from ntm.api import errors
from ntm.api.base import ERA_PARAM, ScopedAPIView, checked_period
from ntm.api.serializers import EvidenceSerializer, EvidenceUploadSerializer
from ntm.assessments.evidence import EvidenceRejected, check_upload, do_attach_evidence
from ntm.assessments.models import Evidence, IndicatorValue

NO_FILE = (
    "Send the file in the multipart field 'file'.",
    "Hãy gửi tệp trong trường 'file' (multipart).",
)
FILE_MISSING = (
    "The evidence file is missing from storage.",
    "Không tìm thấy tệp minh chứng trong kho lưu trữ.",
)


class ValueEvidenceView(ScopedAPIView):
    parser_classes = [MultiPartParser, FormParser]

    def _value(self, code: str, set_code: str, period: str, indicator: str) -> IndicatorValue:
        unit = self.unit(code)
        value = (
            IndicatorValue.objects.filter(
                unit=unit,
                set_code=set_code,
                period=str(checked_period(period)),
                indicator_code=indicator,
            )
            .select_related("unit")
            .first()
        )
        if value is None:
            raise errors.api_error(404, "not_found", errors.NOT_FOUND)
        return value

    @extend_schema(
        summary="The evidence files of a stored value",
        parameters=[ERA_PARAM],
        responses=EvidenceSerializer(many=True),
    )
    def get(self, request, code: str, set_code: str, period: str, indicator: str):
        value = self._value(code, set_code, period, indicator)
        files = value.evidence.select_related("uploaded_by", "value__unit").order_by(
            "uploaded_at", "pk"
        )
        return Response(EvidenceSerializer(files, many=True).data)

    @extend_schema(
        summary="Attach an evidence file to a stored value (who may change the value)",
        parameters=[ERA_PARAM],
        request={"multipart/form-data": EvidenceUploadSerializer},
        responses={201: EvidenceSerializer},
    )
    def post(self, request, code: str, set_code: str, period: str, indicator: str):
        value = self._value(code, set_code, period, indicator)
        if not can_edit_value(request.user, value.unit, set_code, indicator):
            raise errors.api_error(403, "may_not_edit", errors.MAY_NOT_EDIT)
        upload = request.FILES.get("file")
        if upload is None:
            raise errors.api_error(400, "file_required", NO_FILE)
        try:
            checked = check_upload(upload)
        except EvidenceRejected as exc:
            raise errors.ApiError(400, "evidence_rejected", exc.message, exc.message) from None
        evidence = do_attach_evidence(value=value, checked=checked, user=request.user)
        return Response(EvidenceSerializer(evidence).data, status=status.HTTP_201_CREATED)


class EvidenceDownloadView(ScopedAPIView):
    @extend_schema(
        summary="Download one evidence file (always as an attachment)",
        parameters=[ERA_PARAM],
        responses={(200, "*/*"): OpenApiResponse(OpenApiTypes.BINARY, description="The file.")},
    )
    def get(self, request, code: str, evidence_id: int):
        unit = self.unit(code)
        evidence = Evidence.objects.filter(pk=evidence_id, value__unit=unit).first()
        if evidence is None:
            raise errors.api_error(404, "not_found", errors.NOT_FOUND)
        try:
            handle = evidence.file.open("rb")
        except FileNotFoundError:
            raise errors.api_error(404, "not_found", FILE_MISSING) from None
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=evidence.original_name or evidence.file.name.rsplit("/", 1)[-1],
            content_type=evidence.content_type or "application/octet-stream",
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "sandbox; default-src 'none'"
        return response
