"""Fixtures for the web tests: logged-in clients per persona and a stored value with evidence."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

NTM_SET = "xa-ntm-2021-2025"
PERIOD = "2023-05"
TRANSPORT_INDICATOR = "2.1"  # percent, ">= 100" in every region (criterion 2, Giao thông)
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def logged_in(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def stored_value(units, personas, settings, tmp_path):
    """Xuân Hòa's indicator 2.1 for 2023-05 ("80", unmet), with one PDF as evidence."""
    from ntm.assessments.evidence import check_upload, do_attach_evidence
    from ntm.assessments.services import do_set_value

    settings.MEDIA_ROOT = tmp_path / "media"
    value = do_set_value(
        unit=units.commune,
        set_code=NTM_SET,
        indicator_code=TRANSPORT_INDICATOR,
        period=PERIOD,
        raw="80",
        source="form",
        author=personas.commune_officer,
    )
    upload = SimpleUploadedFile("bien-ban.pdf", PDF_BYTES, content_type="application/pdf")
    evidence = do_attach_evidence(
        value=value, checked=check_upload(upload), user=personas.commune_officer
    )
    return value, evidence


@pytest.fixture
def active_dir(settings, tmp_path):
    """Activated provincial criteria files go to a folder of this test only."""
    settings.PROVINCIAL_SETS_DIR = tmp_path / "active-sets"
    return settings.PROVINCIAL_SETS_DIR
