"""Create, read, change and delete recognitions, OCOP ratings, funds, outputs and awards.

``/api/<type>/`` lists the records of the caller's units (``RecordListView``: filters, pages)
and creates one (POST); ``/api/<type>/ID/`` reads, changes (PUT: the whole row; PATCH: the
fields sent) and deletes one, with the version read (body ``version``, ``?version=`` for a
delete, or ``If-Match`` with the ETag). A recognition is never deleted: a revoking decision
(POST with ``action`` ``revoke``) ends it. Checks and writes: ``ntm.api.record_writes``.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from ntm.api import errors
from ntm.api.base import ScopedAPIView
from ntm.api.etag import ETAG_HEADER, IF_MATCH_PARAM, with_etag
from ntm.api.record_kinds import CREATED, WritableKind
from ntm.api.record_writes import (
    MAY_NOT_WRITE,
    body_cells,
    change_record,
    check_record,
    create_record,
    delete_record,
    expected_version,
)
from ntm.api.records import RecordListView, scoped_record
from ntm.api.schema import ErrorSerializer

CONFLICT = OpenApiResponse(
    ErrorSerializer,
    description="A stale version, or (POST) a record with this key exists already "
    "(`exists`); nothing was written.",
)
PRECONDITION = OpenApiResponse(
    ErrorSerializer, description="If-Match names another version than the stored one."
)
VERSION_QUERY = OpenApiParameter(
    "version",
    OpenApiTypes.INT,
    description="The version you read (or send If-Match). Required unless If-Match is sent.",
)
CHANGE_DESCRIPTION = (
    "Send the version you read as `version` in the body, or the record's ETag as `If-Match`. "
    "A stale `version` is 409, a stale If-Match 412; nothing is written then. The key columns "
    "({key}) may not change (400 `key_changed`). Fields are checked as the import checks a row "
    "of the same file (400 `invalid`, `errors` per field)."
)


class RecordCollectionView(RecordListView):
    """GET: the records of the caller's units; POST: one new record (201; 200 if the same
    record was stored already, or for a revoking decision)."""

    kind: WritableKind
    serializer_class: Any
    parser_classes = [JSONParser]

    def create(self, request) -> Response:
        data, _ = check_record(self.kind, body_cells(self.kind, request.data), request.user)
        record, outcome = create_record(self.kind, data, request.user)
        code = status.HTTP_201_CREATED if outcome == CREATED else status.HTTP_200_OK
        return record_answer(self.kind, self.serializer_class, record, code)


class RecordDetailView(ScopedAPIView):
    kind: WritableKind
    serializer_class: Any
    parser_classes = [JSONParser]

    def record(self, pk: int) -> Any:
        return scoped_record(self.request.user, self.kind.queryset(), pk=pk)

    def writable(self, pk: int) -> Any:
        record = self.record(pk)
        if not self.kind.may_write(self.request.user, record.unit):
            raise errors.api_error(403, "may_not_write", MAY_NOT_WRITE)
        return record

    def read(self, pk: int) -> Response:
        record = self.record(pk)
        return with_etag(Response(self.serializer_class(record).data), record)

    def change(self, request, pk: int, *, partial: bool) -> Response:
        record = self.writable(pk)
        body = request.data
        sent = body.get("version") if isinstance(body, dict) else None
        expected, stale_status = expected_version(request, sent)
        cells = self.kind.cells(record) if partial else {"unit": record.unit.code}
        cells.update(body_cells(self.kind, body))
        data, _ = check_record(self.kind, cells, request.user)
        record, _ = change_record(self.kind, record, data, request.user, expected, stale_status)
        return record_answer(self.kind, self.serializer_class, record, status.HTTP_200_OK)

    def remove(self, request, pk: int) -> Response:
        record = self.writable(pk)
        expected, stale_status = expected_version(
            request, request.query_params.get("version", "").strip() or None
        )
        delete_record(self.kind, record, request.user, expected, stale_status)
        return Response(status=status.HTTP_204_NO_CONTENT)


def record_answer(kind: WritableKind, serializer_class: Any, record: Any, code: int) -> Response:
    fresh = kind.queryset().get(pk=record.pk)
    return with_etag(Response(serializer_class(fresh).data, status=code), fresh)


def list_schema(what: str, filters, serializer) -> Any:
    return extend_schema(
        summary=f"{what} of your units, a page at a time",
        parameters=[f.parameter() for f in filters],
        responses=serializer(many=True),
    )


def create_schema(what: str, request, serializer) -> Any:
    return extend_schema(
        summary=f"Record {what} (the fields of its import row)",
        description="Checked as the import checks a row of the same file (400 `invalid`, "
        "`errors` per field); a unit outside your units is 404, one you may see but not write "
        "403. The same record sent again is 200; another with the same key 409 `exists`.",
        request=request,
        responses={201: serializer, 200: serializer, 409: CONFLICT},
        parameters=[ETAG_HEADER],
    )


def read_schema(what: str, serializer) -> Any:
    return extend_schema(
        summary=f"One {what} (its ETag is its version)",
        parameters=[ETAG_HEADER],
        responses=serializer,
    )


def change_schema(what: str, key: str, request, serializer, *, partial: bool) -> Any:
    return extend_schema(
        summary=f"Change {what} from the version you read"
        + (" (only the fields sent)" if partial else " (the whole row)"),
        description=CHANGE_DESCRIPTION.format(key=key),
        parameters=[IF_MATCH_PARAM, ETAG_HEADER],
        request=request,
        responses={200: serializer, 409: CONFLICT, 412: PRECONDITION},
    )


def delete_schema(what: str) -> Any:
    return extend_schema(
        summary=f"Delete {what} (its history stays)",
        description="Send the version you read as `?version=` or `If-Match`.",
        parameters=[IF_MATCH_PARAM, VERSION_QUERY],
        responses={204: None, 409: CONFLICT, 412: PRECONDITION},
    )
