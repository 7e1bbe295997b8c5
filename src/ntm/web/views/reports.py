"""Report pages: the review, the programme summary and progress, in HTML with downloads.

The data comes from ``ntm.reportsdata.gather`` (the same as ``ntm report``) and the HTML, XLSX
and PDF from the pure renderers; this module only authorises, reads the query and picks the
format.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from ntm.accounts.access import access_unit_for_user, scope_root_units
from ntm.assessments.evaluation import ladder_sets
from ntm.assessments.models import IndicatorValue
from ntm.criteria.inputs import Period
from ntm.criteria.registry import UnknownSet, load_registry
from ntm.reports.progress import Progress
from ntm.reports.render import FORMATS as REPORT_FORMATS
from ntm.reports.render import render as render_report
from ntm.reports.render.docx_writer import report_docx
from ntm.reports.render.pdf import report_pdf
from ntm.reports.review import Review
from ntm.reportsdata.document import OPTIONS as DOCUMENT_OPTIONS
from ntm.reportsdata.document import HeaderOptionError, header_for
from ntm.reportsdata.gather import ReportDataError, progress_for, review_for, summary_for
from ntm.units.models import AdminUnit
from ntm.web import fragments, scope
from ntm.web.names import sort_units
from ntm.web.report_cache import review_inputs
from ntm.web.scope import period_date

KINDS = ("review", "summary", "progress")
PAGE_FORMAT = "html"  # the report inside the site's page; every other registered format is a file
# Administrative documents: rendered with the header the page's form gives (issuer, number…).
DOCUMENT_RENDERERS = {"docx": report_docx, "pdf": report_pdf}
MSG_UNKNOWN_REPORT = "Không có loại báo cáo này."


def _language() -> str:
    return "en" if (get_language() or "vi").startswith("en") else "vi"


def _optional_period(request: HttpRequest, name: str) -> Period | None:
    text = request.GET.get(name)
    return scope.parse_period_or_400(text) if text else None


def _build(
    request: HttpRequest, kind: str, unit: AdminUnit
) -> tuple[Review | Progress | object, str]:
    """The report the query asks for and the name of its download; defaults: the unit's set
    and its latest period."""
    selection = scope.select(unit, request.GET)
    if kind == "review":
        report = review_for(unit, selection.set_code, selection.period)
        return report, download_name(kind, unit.code, selection.set_code, str(selection.period))
    if kind == "summary":
        since = _optional_period(request, "since")
        report = summary_for(unit, selection.period, since)
        base = _commune_set_of(selection.period, selection.set_code)
        return report, download_name(kind, unit.code, base, str(selection.period), since=since)
    end = _optional_period(request, "to") or selection.period
    start = _optional_period(request, "from")
    if start is None:
        periods = scope.periods_with_data(unit, selection.set_code)
        start = Period.of(periods[0].year) if periods else Period.of(end.year)
    if (start.month is None) != (end.month is None):
        start, end = Period.of(start.year), Period.of(end.year)
    base = _commune_set_of(end, selection.set_code)
    return progress_for(unit, start, end), download_name(kind, unit.code, base, f"{start}-{end}")


def _commune_set_of(period: Period, fallback: str) -> str:
    """The commune NTM set the summary and progress figures rest on at ``period`` (the first
    tier of the ladder), for the download's name."""
    ladder = ladder_sets("commune", period, load_registry())
    return ladder[0] if ladder else fallback


def download_name(
    kind: str, unit_code: str, set_code: str, period: str, *, since: Period | None = None
) -> str:
    """``review-395-xa-ntm-2021-2025-2023-05``: a district office downloads the same report
    for several periods and sets; the file names must tell them apart (no extension)."""
    parts = [kind, unit_code, set_code, period if since is None else f"{since}-{period}"]
    return "-".join(p for p in parts if p)


def _download(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@require_safe
@login_required
def report_index(request: HttpRequest) -> HttpResponse:
    roots = sort_units(scope_root_units(request.user))
    choices = [
        *roots,
        *(d for r in roots if r.level == "province" for d in sort_units(r.children.all())),
    ]
    return render(
        request,
        "web/report_index.html",
        {"units": choices, "sets": scope.sets_for_level("commune"), **_form_defaults(choices)},
    )


def _form_defaults(choices: list[AdminUnit]) -> dict:
    """What the report form opens on: the user's own unit (the first root), or for a user who
    sees several provinces the one with the newest values; its set and latest period with data.

    Why: an officer's first report should be about their own latest figures, not an empty
    province for the current month."""
    if not choices:
        return {}
    unit = choices[0]
    roots = [u for u in choices if u.parent_id is None]
    if len(roots) > 1:
        newest = (
            IndicatorValue.objects.order_by("-period_index")
            .values_list("unit__path", flat=True)
            .first()
            or ""
        )
        unit = next((r for r in roots if r.path and newest.startswith(r.path)), unit)
    set_code, period = _latest_set_and_period(unit)
    return {
        "default_unit": unit.pk,
        "default_set": set_code,
        "default_period": str(period) if period else "",
    }


def _latest_set_and_period(unit: AdminUnit) -> tuple[str, Period | None]:
    """The commune set with the newest values under ``unit`` and that period: a commune that
    reached NTM in 2022 reports on its advanced set in 2023, not on its 2022 NTM values."""
    codes = [s.code for s in scope.sets_for_level("commune")]
    values = scope.values_under(unit, codes)
    newest = (
        values.order_by("-period_index").values_list("set_code", "period", "period_index").first()
    )
    default = scope.default_set_code(unit)
    if newest is None:
        return default, None
    at_newest = values.filter(period_index=newest[2], set_code=default).exists()
    return (default if at_newest else newest[0]), Period.parse(newest[1])


@require_safe
@login_required
def report_page(request: HttpRequest, kind: str, unit_code: str) -> HttpResponse:
    if kind not in KINDS:
        raise Http404(MSG_UNKNOWN_REPORT)
    unit = access_unit_for_user(request.user, unit_code, on=period_date(request.GET))
    fmt = request.GET.get("format", PAGE_FORMAT)
    if fmt != PAGE_FORMAT and (fmt not in REPORT_FORMATS or not REPORT_FORMATS[fmt].suffix):
        raise Http404(MSG_UNKNOWN_REPORT)
    lang = _language()
    try:
        if fmt == PAGE_FORMAT and kind == "review":
            report, fragment = None, _review_fragment(request, unit, lang)
        else:
            report, name = _build(request, kind, unit)
    except (ReportDataError, UnknownSet) as error:
        return render(
            request,
            "web/report.html",
            {"unit": unit, "kind": kind, "error": str(error)},
            status=400,
        )
    if fmt in DOCUMENT_RENDERERS:
        try:
            header = header_for(
                report.unit, {key: request.GET.get(key) for key in DOCUMENT_OPTIONS}, lang
            )
        except HeaderOptionError as error:
            return render(
                request,
                "web/report.html",
                {"unit": unit, "kind": kind, "error": str(error)},
                status=400,
            )
        found = REPORT_FORMATS[fmt]
        return _download(
            DOCUMENT_RENDERERS[fmt](report, lang, header),
            found.media_type,
            f"{name}.{found.suffix}",
        )
    if fmt != PAGE_FORMAT:
        found = REPORT_FORMATS[fmt]
        body = render_report(report, fmt, lang)
        if found.binary:
            return _download(body, found.media_type, f"{name}.{found.suffix}")
        return HttpResponse(body, content_type=found.media_type)
    if report is not None:
        fragment = render_report(report, "fragment", lang)
    # The renderer escapes every value it prints (ntm.reports.render.html).
    fragment = mark_safe(fragment)  # noqa: S308
    query = request.GET.copy()
    query.pop("format", None)
    for key in DOCUMENT_OPTIONS:
        query.pop(key, None)
    keep = [(key, value) for key, values in query.lists() for value in values]
    context = {
        "unit": unit,
        "kind": kind,
        "fragment": fragment,
        "query": query.urlencode(),
        "keep": keep,
        "doc": {key: request.GET.get(key, "") for key in DOCUMENT_OPTIONS},
        "recognitions_shown": report is not None and _answers_recognised(report),
    }
    return render(request, "web/report.html", context)


def _review_fragment(request: HttpRequest, unit: AdminUnit, lang: str) -> str:
    """The review's table for the page, cached under the digest of its inputs
    (``report_cache.review_inputs``): the same for every user who may see the unit."""
    selection = scope.select(unit, request.GET)
    return fragments.cached(
        "review-page",
        lambda: review_inputs(unit, selection.criteria_set, selection.period),
        lambda: render_report(_build(request, "review", unit)[0], "fragment", lang),
    )


def _answers_recognised(report) -> bool:
    """The summary carries recognitions: the page's note names both answers
    (by data, by decision)."""
    return any(
        "levels_from_data_note" in section.replaces for section in getattr(report, "sections", ())
    )
