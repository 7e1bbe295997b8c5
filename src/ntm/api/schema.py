"""The OpenAPI schema tells the truth about errors: every operation lists the error answers it
can give, all in the one bilingual shape (``ErrorSerializer``).

Without this the schema would describe only successes, and a client (or schemathesis) would
meet undocumented 400/401/403/404/409/429 answers.
"""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, in English.")
    detail_vi = serializers.CharField(help_text="Điều gì không đúng, bằng tiếng Việt.")
    code = serializers.CharField(
        help_text='A stable machine code, e.g. "not_found", "conflict", "token_expired".'
    )
    errors = serializers.JSONField(
        required=False, help_text="Per field or per row problems, when there are some."
    )


ERROR_DESCRIPTIONS = {
    "400": "Bad input: the query or body does not fit (nothing was written).",
    "401": "A password or token that does not authenticate (unknown, revoked or expired token).",
    "403": "Not logged in, or not allowed (e.g. a read-only token writing, a viewer editing).",
    "404": "Not found, or outside your units.",
    "409": "Someone saved this since you read it (version / If-Match); nothing was written.",
    "429": "Too many requests for this token.",
}
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def error_response(status: str) -> OpenApiResponse:
    return OpenApiResponse(ErrorSerializer, description=ERROR_DESCRIPTIONS[status])


class ErrorsAutoSchema(AutoSchema):
    """drf-spectacular's schema plus the error answers every scoped API view can give."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        codes = ["400", "401", "403", "404", "429"]
        if self.method in WRITE_METHODS:
            codes.append("409")
        for status in codes:
            if status not in responses:
                responses[status] = self._get_response_for_code(
                    error_response(status), status, direction=direction
                )
        return responses
