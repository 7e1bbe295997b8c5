"""The import page: upload a CSV/XLSX, preview (dry run), confirm; and the template download.

The uploaded file is kept under ``VAR_DIR/imports`` between the preview and the confirmation;
only its path, stored in the user's own session, links the two steps.
"""

from __future__ import annotations

import tempfile
import time
import uuid
from pathlib import Path, PurePath

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_http_methods, require_safe

from ntm.accounts.access import access_unit_for_user, import_scope, may_import, scope_root_units
from ntm.imports.prefill import current_values, latest_period_with_values
from ntm.imports.service import run_import
from ntm.imports.template import TemplateUnit, write_template
from ntm.units.models import AdminUnit
from ntm.units.selectors import communes_under, profile_for
from ntm.web import scope
from ntm.web.names import sort_units, unit_label
from ntm.web.scope import period_date

MAX_IMPORT_BYTES = 100 * 1024 * 1024
IMPORT_SUFFIXES = (".csv", ".xlsx")
SESSION_KEY = "ntm_pending_import"
PENDING_MAX_AGE_SECONDS = 24 * 3600
MSG_NO_FILE = gettext_noop("Hãy chọn một tệp CSV hoặc XLSX.")
MSG_IMPORT_TYPE = gettext_noop("Chỉ nhận tệp .csv hoặc .xlsx.")
MSG_IMPORT_TOO_BIG = gettext_noop("Tệp lớn hơn 100 MB.")
MSG_NOTHING_PENDING = gettext_noop("Không còn tệp nào chờ xác nhận; hãy tải tệp lên lại.")


def _require_importer(request: HttpRequest) -> None:
    if not may_import(request.user):
        raise PermissionDenied(_("Tài khoản của bạn không được nhập số liệu từ tệp."))


def _pending_dir() -> Path:
    """The folder of uploads awaiting confirmation, cleared of those abandoned a day ago."""
    folder = Path(settings.VAR_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - PENDING_MAX_AGE_SECONDS
    for old in folder.iterdir():
        if old.is_file() and old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    return folder


def _keep_upload(request: HttpRequest, upload) -> tuple[Path, str]:
    suffix = PurePath(upload.name or "").suffix.lower()
    path = _pending_dir() / f"{uuid.uuid4().hex}{suffix}"
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    _forget_pending(request)
    request.session[SESSION_KEY] = {"path": str(path), "name": upload.name}
    return path, upload.name


def _forget_pending(request: HttpRequest) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        Path(pending["path"]).unlink(missing_ok=True)


def _check_upload(upload) -> str:
    if upload is None:
        return _(MSG_NO_FILE)
    if PurePath(upload.name or "").suffix.lower() not in IMPORT_SUFFIXES:
        return _(MSG_IMPORT_TYPE)
    if (upload.size or 0) > MAX_IMPORT_BYTES:
        return _(MSG_IMPORT_TOO_BIG)
    return ""


def _preview(request: HttpRequest) -> dict:
    upload = request.FILES.get("file")
    problem = _check_upload(upload)
    if problem:
        return {"problem": problem}
    path, name = _keep_upload(request, upload)
    outcome = run_import(path, dry_run=True, name=name, within=import_scope(request.user))
    if not outcome.ok:
        _forget_pending(request)
    return {"outcome": outcome, "file_name": name, "step": "preview"}


def _confirm(request: HttpRequest) -> dict:
    pending = request.session.get(SESSION_KEY)
    if not pending or not Path(pending["path"]).exists():
        return {"problem": _(MSG_NOTHING_PENDING)}
    outcome = run_import(
        pending["path"],
        author=request.user,
        name=pending["name"],
        within=import_scope(request.user),
    )
    _forget_pending(request)
    return {"outcome": outcome, "file_name": pending["name"], "step": "done"}


def _template_choices(request: HttpRequest) -> list[AdminUnit]:
    return sort_units(scope_root_units(request.user))


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    _require_importer(request)
    context: dict = {"roots": _template_choices(request), "sets": scope.sets_for_level("commune")}
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "preview")
        if action == "cancel":
            _forget_pending(request)
        else:
            context.update(_confirm(request) if action == "confirm" else _preview(request))
        failed = context.get("problem") or (context.get("outcome") and not context["outcome"].ok)
        # htmx does not swap a 4xx answer, so the partial reports failure in its content only.
        if failed and not request.htmx:
            status = 400
    template = "web/partials/import_result.html" if request.htmx else "web/import.html"
    return render(request, template, context, status=status)


@require_safe
@login_required
def template_download(request: HttpRequest) -> FileResponse:
    """The XLSX template for the communes under ``?unit=``, one sheet per chosen set;
    ``?prefill=1`` writes their current values (at the latest period with values unless
    ``?period=`` says otherwise)."""
    unit = access_unit_for_user(
        request.user, request.GET.get("unit", ""), on=period_date(request.GET)
    )
    selection = scope.select(unit, request.GET)
    communes = list(communes_under(unit).order_by("path"))
    period, values = selection.period, {}
    if request.GET.get("prefill"):
        if not request.GET.get("period"):
            period = latest_period_with_values(communes, [selection.set_code]) or period
        values = current_values(communes, [selection.set_code], period)
    units = [
        TemplateUnit(
            u.code, unit_label(u.unit_type, u.name), profile_for(u), values.get(u.code, {})
        )
        for u in communes
    ]
    handle = tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False)  # noqa: SIM115 (FileResponse closes it)
    handle.close()
    path = write_template(
        handle.name,
        [selection.criteria_set],
        units,
        period,
        scope=unit_label(unit.unit_type, unit.name),
    )
    name = f"mau-nhap-{selection.set_code}-{unit.code}-{period}.xlsx"
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=name,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    path.unlink()
    return response
