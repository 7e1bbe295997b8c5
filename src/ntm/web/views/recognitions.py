"""Recognition decisions of a unit: the timeline of it and the units under it, and (for the
province and district offices) the form to record a decision or its revocation with the
scanned decision as evidence. Scoped through ``ntm.accounts.access`` (404 outside, 403 to write)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from ntm.accounts.access import access_unit_for_user, can_record_recognition, units_visible_to
from ntm.assessments.evidence import (
    ACCEPT_ATTRIBUTE,
    KINDS,
    EvidenceRejected,
    check_upload,
    stored_name,
)
from ntm.recognition.models import LEVEL_CHOICES, VILLAGE_LEVELS, Recognition
from ntm.recognition.services import RecognitionError, RecognitionFields, do_recognise, do_revoke
from ntm.textnorm import parse_date
from ntm.units.models import AdminUnit
from ntm.units.selectors import subtree_q
from ntm.web.scope import period_date

MSG_NO_DOCUMENT = "Không tìm thấy bản quét quyết định."
MSG_LEVEL_FOR_UNIT = gettext_lazy(
    "Mức này không dùng cho đơn vị này (thôn, bản: village-ntm, village-model)."
)
ACTIONS = [("recognise", gettext_lazy("Công nhận")), ("revoke", gettext_lazy("Thu hồi"))]


class RecognitionForm(forms.Form):
    action = forms.ChoiceField(
        label=gettext_lazy("Loại quyết định"), choices=ACTIONS, initial="recognise"
    )
    level = forms.ChoiceField(label=gettext_lazy("Mức"), choices=LEVEL_CHOICES)
    decision = forms.CharField(label=gettext_lazy("Số quyết định"), max_length=128)
    date = forms.CharField(label=gettext_lazy("Ngày ký (DD/MM/YYYY)"), max_length=10)
    issuer = forms.CharField(label=gettext_lazy("Cơ quan ban hành"), max_length=255)
    set_code = forms.CharField(label=gettext_lazy("Bộ tiêu chí"), max_length=64, required=False)
    note = forms.CharField(
        label=gettext_lazy("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    document = forms.FileField(
        label=gettext_lazy("Bản quét quyết định"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )

    def __init__(self, *args, unit: AdminUnit, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.unit = unit

    def clean_date(self):
        try:
            return parse_date(self.cleaned_data["date"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None

    def clean_level(self):
        level = self.cleaned_data["level"]
        if (level in VILLAGE_LEVELS) != (self.unit.level == "village"):
            raise forms.ValidationError(MSG_LEVEL_FOR_UNIT)
        return level

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if not upload:
            return None
        try:
            return check_upload(upload)
        except EvidenceRejected as exc:
            raise forms.ValidationError(exc.message) from None

    def fields_value(self) -> RecognitionFields:
        d = self.cleaned_data
        return RecognitionFields(
            d["level"],
            d["decision"].strip(),
            d["date"],
            d["issuer"].strip(),
            d["set_code"].strip(),
            d["note"].strip(),
        )


def _timeline(request: HttpRequest, unit: AdminUnit) -> list[Recognition]:
    within = subtree_q(unit, "unit__")
    visible = units_visible_to(request.user)
    records = Recognition.objects.filter(within, unit__in=visible).select_related("unit")
    return sorted(records, key=lambda r: (r.unit.path, r.date, r.level))


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def recognition_page(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_unit_for_user(request.user, code, on=period_date(request.GET))
    may_record = can_record_recognition(request.user, unit)
    form = RecognitionForm(unit=unit)
    if request.method == "POST":
        if not may_record:
            raise PermissionDenied
        form = RecognitionForm(request.POST, request.FILES, unit=unit)
        if form.is_valid():
            fields = form.fields_value()
            checked = form.cleaned_data["document"]
            try:
                if form.cleaned_data["action"] == "revoke":
                    do_revoke(unit=unit, fields=fields, author=request.user)
                else:
                    document = (
                        (stored_name(checked.upload.name or "", checked.extension), checked.upload)
                        if checked
                        else None
                    )
                    do_recognise(
                        unit=unit,
                        fields=fields,
                        author=request.user,
                        source="form",
                        document=document,
                    )
            except RecognitionError as exc:
                form.add_error("action", str(exc))
            else:
                return redirect("web:recognitions", code=unit.code)
    context = {
        "unit": unit,
        "records": _timeline(request, unit),
        "form": form if may_record else None,
        "title": _("Quyết định công nhận"),
    }
    return render(request, "web/recognitions.html", context, status=400 if form.errors else 200)


@require_safe
@login_required
def recognition_document(request: HttpRequest, code: str, pk: int) -> FileResponse:
    """The scanned decision, as a download with its checked type (like evidence files)."""
    unit = access_unit_for_user(request.user, code, on=period_date(request.GET))
    record = get_object_or_404(Recognition, pk=pk, unit=unit)
    if not record.document:
        raise Http404(MSG_NO_DOCUMENT)
    return document_response(record.document)


def document_response(document: Any) -> FileResponse:
    """A stored scan as a download with its checked type (like evidence files): attachment,
    nosniff, sandboxed."""
    try:
        handle = document.open("rb")
    except FileNotFoundError:
        raise Http404(MSG_NO_DOCUMENT) from None
    extension = document.name.rsplit(".", 1)[-1].lower()
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.name.rsplit("/", 1)[-1],
        content_type=KINDS.get(extension, ("application/octet-stream",))[0],
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
