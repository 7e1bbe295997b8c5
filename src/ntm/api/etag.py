"""ETag and If-Match for versioned records: the ETag is the record's ``version``.

``If-Match: "3"`` is the header form of ``"version": 3``: a client that speaks HTTP caching can
use it instead of (or with) the body field; both name the version the client read.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from ntm.api import errors

ETAG_HEADER = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    description='The version, quoted: "3".',
    response=[200, 201],
)
IF_MATCH_PARAM = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    description='The ETag you read ("3"): the same as sending `version` 3.',
)


def etag_of(record) -> str:
    return f'"{record.version}"'


def with_etag(response, record):
    response["ETag"] = etag_of(record)
    return response


def if_match_version(request) -> int | None:
    """The version an If-Match header names (None without one); 400 for anything else."""
    text = request.headers.get("If-Match", "").strip()
    if not text:
        return None
    if text.startswith("W/"):
        text = text[2:]
    text = text.strip('"')
    if not text.isdigit():
        raise errors.api_error(400, "bad_if_match", errors.BAD_IF_MATCH)
    return int(text)
