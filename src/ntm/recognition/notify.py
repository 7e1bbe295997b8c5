"""E-mail to whoever may act next on a recognition case (issue 9: "notifications to the next
actor, in-app and by e-mail").

Why beside the in-app list (``inbox.awaiting``): an office does not open ntm every day, and a
case waiting at its step has a posting period and a deadline. The recipients are the users the
workflow data names for the step (``access.step_actors``), each mailed separately through
Django's mail backend (``EMAIL_BACKEND``), after the transaction commits (no mail for a change
that rolled back); a mail server that is down never stops the case.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse

from ntm.accounts.access import step_actors
from ntm.recognition.models import RecognitionCase

MSG_SUBJECT = "[ntm] Hồ sơ công nhận {unit}: chờ bước “{step}”"
MSG_BODY = (
    "Hồ sơ xét công nhận {level} của {unit} đang chờ bước “{step}”, "
    "thuộc quyền xử lý của anh/chị.\n{why}\nXem hồ sơ: {url}\n\n"
    "(Thư tự động của hệ thống ntm; danh sách việc chờ xử lý cũng có trên trang Hồ sơ công nhận.)"
)
MSG_WHY_RETURNED = "Hồ sơ được trả lại với lý do: {reason}\n"
MSG_WHY_REOPENED = "Hồ sơ được mở lại vì số liệu thay đổi sau khi đã duyệt: {reason}\n"


def notify_step_actors(case: RecognitionCase, *, returned: str = "", reopened: str = "") -> int:
    """Queue one mail per actor of the case's current step (sent on commit); how many."""
    from ntm.recognition.cases import current_step

    step = current_step(case)
    recipients = [u.email for u in step_actors(case.unit, step.roles) if u.email]
    if not recipients:
        return 0
    why = (
        MSG_WHY_RETURNED.format(reason=returned)
        if returned
        else MSG_WHY_REOPENED.format(reason=reopened)
        if reopened
        else ""
    )
    path = reverse("web:case", args=[case.pk])
    site = getattr(settings, "NTM_SITE_URL", "").rstrip("/")
    subject = MSG_SUBJECT.format(unit=case.unit, step=step.name)
    body = MSG_BODY.format(
        level=case.get_level_display(), unit=case.unit, step=step.name, why=why, url=site + path
    )
    messages = [(subject, body, None, [address]) for address in recipients]
    transaction.on_commit(lambda: _send(messages))
    return len(messages)


def _send(messages: list[tuple[str, str, Any, list[str]]]) -> None:
    send_mass_mail(tuple(messages), fail_silently=True)
