"""``/public/data/``: the open-data index, and each period's figures as CSV and JSON.

Stable addresses: ``/public/data/<period>.csv`` and ``/public/data/<period>.json`` (period
``YYYY`` or ``YYYY-MM``), ``/public/data/dictionary.json``.
"""

from __future__ import annotations

import csv
import io

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ntm.portal import selectors
from ntm.portal.caching import public_cacheable
from ntm.portal.opendata import FIELD_NAMES, FIELDS, figure_row, licence
from ntm.reports.render.cells import csv_safe

MSG_NO_PERIOD = "Không có số liệu công bố cho kỳ này."


def _rows(period: str) -> list[dict]:
    figures = selectors.figures_of_period(period)
    if not figures:
        raise Http404(MSG_NO_PERIOD)
    return [figure_row(f) for f in figures]


@require_safe
@public_cacheable
def data_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/data.html",
        {
            "periods": selectors.published_periods(),
            "fields": FIELDS,
            "licence": licence(),
        },
    )


@require_safe
@public_cacheable
def period_csv(request: HttpRequest, period: str) -> HttpResponse:
    rows = _rows(period)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELD_NAMES, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        # csv_safe: a unit name such as "=HYPERLINK(…)" stays text in the reader's spreadsheet.
        writer.writerow(
            {
                k: ("true" if v is True else "false" if v is False else csv_safe(v))
                for k, v in row.items()
            }
        )
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ntm-cong-bo-{period}.csv"'
    response["Link"] = f'<{licence()["url"]}>; rel="license"'  # a CSV has no place for it
    return response


@require_safe
@public_cacheable
def period_json(request: HttpRequest, period: str) -> HttpResponse:
    rows = _rows(period)
    body = {
        "period": period,
        "licence": licence(),
        "dictionary": "/public/data/dictionary.json",
        "note": (
            "level_by_data is computed from the reported values; "
            "recognised_level comes from recognition decisions."
        ),
        "figures": rows,
    }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


@require_safe
@public_cacheable
def dictionary_json(request: HttpRequest) -> HttpResponse:
    fields = [{"name": name, "vi": vi, "en": en} for name, vi, en in FIELDS]
    return JsonResponse(
        {"fields": fields, "licence": licence()}, json_dumps_params={"ensure_ascii": False}
    )
