"""Computing a publication's figures after the answer, so that publishing a province (hundreds
of communes evaluated, a few seconds) never holds up the office's request.

No task queue (design.md §8): ``NTM_PUBLISH_MODE`` says how pending publications are completed:

- ``background`` (default): a thread of the web process, started once the request's transaction
  has committed; it completes every pending publication, oldest first, one at a time.
- ``inline``: at once, inside the request (tests; small installations that prefer it).
- ``command``: nothing in the web process; ``django-admin ntm_publish_pending`` (e.g. every
  minute from cron) completes them.
A publication the process could not finish (a restart) stays pending and is completed by the
next thread or by the command; one whose figures fail is marked failed with the reason.
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import connections, transaction

from ntm.portal.models import PENDING, Publication
from ntm.portal.services import do_complete_publication, do_fail_publication

logger = logging.getLogger(__name__)
_one_at_a_time = threading.Lock()


def complete_pending() -> int:
    """Complete every pending publication; returns how many were completed or failed."""
    done = 0
    pending = Publication.objects.filter(status=PENDING).order_by("pk")
    for pk in list(pending.values_list("pk", flat=True)):
        try:
            do_complete_publication(publication_id=pk)
        except Exception as exc:  # recorded on the publication, never lost in a thread
            logger.exception("publication %s failed", pk)
            do_fail_publication(publication_id=pk, error=f"{type(exc).__name__}: {exc}")
        done += 1
    return done


def complete_after_response() -> None:
    """Called by the web and the API right after ``do_request_publication``."""
    mode = getattr(settings, "NTM_PUBLISH_MODE", "background")
    if mode == "inline":
        complete_pending()
    elif mode == "background":
        if transaction.get_connection().in_atomic_block:
            transaction.on_commit(_start_thread)
        else:  # the request's writes are committed already: nothing to wait for
            _start_thread()


def _start_thread() -> None:
    threading.Thread(target=_run, name="ntm-publish", daemon=False).start()


def _run() -> None:
    try:
        with _one_at_a_time:
            complete_pending()
    finally:
        connections.close_all()
