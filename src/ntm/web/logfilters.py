"""Quiet logs for expected refusals: a 403 or 404 is a one-line warning, not a traceback.

Why: Django logs ``PermissionDenied`` with the exception attached, so every officer who opens
a page outside their scope filled the server log with a stack trace, hiding the real errors.
The line (method, path, status) stays; only the traceback goes.
"""

from __future__ import annotations

import logging

EXPECTED_STATUSES = frozenset({401, 403, 404, 405})


class QuietExpectedErrors(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) in EXPECTED_STATUSES:
            record.exc_info = None
            record.exc_text = None
        return True
