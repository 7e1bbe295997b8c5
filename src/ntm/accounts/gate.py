"""The login gate: at most ``MAX_FAILURES`` password checks per username per window, shared by
every process through one database row (``ntm.accounts.models.LoginGate``).

The cache throttle (``ntm.accounts.throttle``) and django-axes both check a count, check the
password, then record the failure; between the check and the record, workers that share no
memory all pass. Here the order is reversed: an attempt first takes a slot with one conditional
``UPDATE … SET checks = checks + 1 WHERE checks < limit`` (a single statement, so atomic on
SQLite and PostgreSQL: PostgreSQL re-checks the condition on the row it waited for), and only
an attempt that got a slot has its password checked. A successful login gives the window back.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ntm.accounts.models import LoginGate
from ntm.accounts.throttle import MAX_FAILURES, WINDOW_SECONDS


def gate_key(username: str) -> str:
    """The row's key: the casefolded username's digest, as the other throttles count it."""
    return hashlib.sha256(username.strip().casefold().encode()).hexdigest()


def take_slot(username: str) -> bool:
    """True when this attempt may have its password checked (a slot taken for it)."""
    key, now = gate_key(username), timezone.now()
    cutoff = now - timedelta(seconds=WINDOW_SECONDS)
    with transaction.atomic():
        # A window that ended is forgotten: this attempt starts a new one. Only this key's row:
        # deleting other keys' rows here could lock rows in another order than a parallel
        # attempt does (a deadlock on PostgreSQL).
        LoginGate.objects.filter(key=key, window_start__lte=cutoff).delete()
        LoginGate.objects.bulk_create(
            [LoginGate(key=key, checks=0, window_start=now)], ignore_conflicts=True
        )
        granted = LoginGate.objects.filter(key=key, checks__lt=MAX_FAILURES).update(
            checks=F("checks") + 1
        )
    return bool(granted)


def open_gate(username: str) -> None:
    """A successful login: the slots taken for this username are given back."""
    LoginGate.objects.filter(key=gate_key(username)).delete()
