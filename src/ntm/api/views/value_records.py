"""Every stored value of your units (a paginated, filtered list) and bulk submission.

Bulk submission is the importer itself (``ntm.imports.service.run_import``): the rows become a
CSV long-form file and go through the one checker, so the API has the importer's all-or-nothing
rules and its error report (row, column, Vietnamese reason), never a second validator.
"""

from __future__ import annotations

import csv
import json
import tempfile
from pathlib import Path, PurePath

from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from ntm.accounts.access import import_scope, may_import
from ntm.api import errors
from ntm.api.base import ScopedAPIView
from ntm.api.records import (
    CRITERION,
    ERA,
    INDICATOR,
    PERIOD,
    PERIOD_FROM,
    PERIOD_TO,
    SET,
    UNIT_SUBTREE,
    RecordListView,
)
from ntm.api.serializers import (
    BulkValuesSerializer,
    ImportFileSerializer,
    ImportOutcomeSerializer,
    ValueRecordSerializer,
)
from ntm.assessments.models import IndicatorValue
from ntm.imports.rows import ImportOutcome
from ntm.imports.service import run_import

MAY_NOT_IMPORT = (
    "Your account may not submit values in bulk.",
    "Tài khoản của bạn không được nhập số liệu hàng loạt.",
)
IMPORT_REJECTED = (
    "Nothing was written: every problem is listed in 'errors' (row, column, reason).",
    "Không ghi gì: mọi lỗi được liệt kê trong 'errors' (dòng, cột, lý do).",
)
IMPORT_TYPE = ("Send a .csv or .xlsx file.", "Chỉ nhận tệp .csv hoặc .xlsx.")
BULK_NAME = "API"
REJECTED = OpenApiResponse(
    inline_serializer(
        "ImportRejected",
        {
            "detail": serializers.CharField(),
            "detail_vi": serializers.CharField(),
            "code": serializers.CharField(),
            "errors": serializers.JSONField(
                help_text=(
                    "A rejected import: a list of {sheet, row, column, reason}, one per problem. "
                    "A malformed request: {field: [messages]}."
                )
            ),
        },
    ),
    description=(
        "Bad input; for a rejected import `errors` lists every bad row and nothing was written."
    ),
)


VALUE_FILTERS = (UNIT_SUBTREE, ERA, SET, PERIOD, PERIOD_FROM, PERIOD_TO, CRITERION, INDICATOR)


class ValueRecordListView(RecordListView):
    queryset = IndicatorValue.objects.select_related("unit", "author").order_by(
        "unit__code", "set_code", "period_index", "indicator_code", "pk"
    )
    serializer_class = ValueRecordSerializer
    filters = VALUE_FILTERS

    @extend_schema(
        operation_id="values_list",
        summary=(
            "Every stored value of your units (each period, not only the latest), a page at a time"
        ),
        parameters=[f.parameter() for f in VALUE_FILTERS],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | str):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _outcome_response(outcome: ImportOutcome, *, row_offset: int = 0) -> Response:
    """200 with the counts, or 400 with every bad row (then nothing was written)."""
    if outcome.errors:
        rows = [{**e.as_dict(), "row": max(e.row - row_offset, 0)} for e in outcome.errors]
        raise errors.ApiError(400, "import_rejected", *IMPORT_REJECTED, errors=rows)
    data = outcome.as_dict()
    return Response(ImportOutcomeSerializer(data).data, status=status.HTTP_200_OK)


class _ImportingView(ScopedAPIView):
    def check_importer(self) -> None:
        if not may_import(self.request.user):
            raise errors.api_error(403, "may_not_import", MAY_NOT_IMPORT)

    def import_file(self, path: Path, *, name: str, dry_run: bool) -> ImportOutcome:
        return run_import(
            path,
            author=self.request.user,
            dry_run=dry_run,
            name=name,
            within=import_scope(self.request.user),
        )


class BulkValuesView(_ImportingView):
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="values_bulk_create",
        summary="Submit many values at once: all or nothing, with the importer's error report",
        description="The rows are checked exactly as `ntm import` checks a CSV file: "
        "any bad row rejects the "
        "whole submission (400, `errors` lists each bad row by its position in `rows`, 1 = first), "
        "and rows outside your editing scope are bad rows. `dry_run` checks without writing.",
        request=BulkValuesSerializer,
        responses={200: ImportOutcomeSerializer, 400: REJECTED},
    )
    def post(self, request):
        self.check_importer()
        serializer = BulkValuesSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with tempfile.TemporaryDirectory(prefix="ntm-api-") as folder:
            path = Path(folder) / "values.csv"
            with path.open("w", encoding="utf-8", newline="") as out:
                writer = csv.writer(out)
                writer.writerow(["unit", "period", "set", "indicator", "value", "note"])
                for row in data["rows"]:
                    writer.writerow(
                        [
                            row["unit"],
                            row["period"],
                            row["set"],
                            row["indicator"],
                            _cell(row["value"]),
                            row.get("note", ""),
                        ]
                    )
            outcome = self.import_file(path, name=BULK_NAME, dry_run=data["dry_run"])
        return _outcome_response(outcome, row_offset=1)


class ImportFileView(_ImportingView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        operation_id="imports_create",
        summary=(
            "Import a CSV or XLSX file of any kind `ntm import` reads "
            "(values, recognitions, tasks, ...)"
        ),
        description="The file's header says what it holds. "
        "All or nothing: any bad row rejects the file (400 with "
        "`errors`: sheet, row, column, reason as in the file).",
        request={"multipart/form-data": ImportFileSerializer},
        responses={200: ImportOutcomeSerializer, 400: REJECTED},
    )
    def post(self, request):
        self.check_importer()
        serializer = ImportFileSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        suffix = PurePath(upload.name or "").suffix.lower()
        if suffix not in (".csv", ".xlsx"):
            raise errors.api_error(400, "bad_file_type", IMPORT_TYPE)
        with tempfile.TemporaryDirectory(prefix="ntm-api-") as folder:
            path = Path(folder) / f"upload{suffix}"
            with path.open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            outcome = self.import_file(
                path, name=upload.name or path.name, dry_run=serializer.validated_data["dry_run"]
            )
        return _outcome_response(outcome)
