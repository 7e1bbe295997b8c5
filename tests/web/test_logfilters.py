"""An expected 403 is logged as one line, without the traceback Django attaches."""

from __future__ import annotations

import logging

import pytest
from django.conf import settings
from django.urls import reverse

from ntm.web.logfilters import QuietExpectedErrors
from tests.web.conftest import logged_in

pytestmark = pytest.mark.django_db


def test_a_refused_import_page_logs_one_line_without_a_traceback(units, personas, caplog):
    caplog.set_level(logging.WARNING, logger="django.request")
    response = logged_in(personas.viewer).get(reverse("web:import"))
    assert response.status_code == 403
    record = next(r for r in caplog.records if getattr(r, "status_code", None) == 403)
    # Django attaches the PermissionDenied; the console handler's filter (settings.LOGGING)
    # has dropped it by the time the record is seen here.
    assert record.exc_info is None
    line = logging.Formatter().format(record)
    assert "Forbidden" in line and "Traceback" not in line and "\n" not in line


def test_the_console_handler_uses_the_filter():
    assert "quiet_expected" in settings.LOGGING["handlers"]["console"]["filters"]


def test_a_server_error_keeps_its_traceback():
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        import sys

        record = logging.LogRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "Internal Server Error",
            (),
            sys.exc_info(),
        )
    record.status_code = 500
    QuietExpectedErrors().filter(record)
    assert "Traceback" in logging.Formatter().format(record)
