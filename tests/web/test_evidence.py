"""Evidence uploads: type checked by extension and content, size capped, served as downloads."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ntm.assessments.evidence import (
    MAX_EVIDENCE_BYTES,
    MSG_EVIDENCE_MISMATCH,
    MSG_EVIDENCE_TOO_BIG,
    MSG_EVIDENCE_TYPE,
    EvidenceRejected,
    check_upload,
)
from ntm.assessments.models import Evidence
from tests.web.conftest import NTM_SET, PDF_BYTES, PERIOD, logged_in


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_a_real_pdf_and_a_real_docx_are_accepted_with_their_own_type():
    assert check_upload(_upload("a.PDF", PDF_BYTES)).content_type == "application/pdf"
    assert check_upload(_upload("b.docx", _docx())).extension == "docx"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("trang.html", b"<html><script>alert(1)</script></html>", MSG_EVIDENCE_TYPE),
        ("gia.pdf", b"<html><script>alert(1)</script></html>", MSG_EVIDENCE_MISMATCH),
        ("gia.xlsx", _docx(), MSG_EVIDENCE_MISMATCH),
        ("anh.png", PDF_BYTES, MSG_EVIDENCE_MISMATCH),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused(name, content, message):
    with pytest.raises(EvidenceRejected) as refused:
        check_upload(_upload(name, content))
    assert refused.value.message.split("“")[0] == message.split("“")[0]


def test_a_file_over_ten_megabytes_is_refused():
    big = _upload("lon.pdf", PDF_BYTES + b"0" * MAX_EVIDENCE_BYTES)
    with pytest.raises(EvidenceRejected) as refused:
        check_upload(big)
    assert refused.value.message == MSG_EVIDENCE_TOO_BIG.format(name="lon.pdf")


@pytest.mark.django_db
def test_evidence_is_served_as_an_attachment_never_inline(units, personas, stored_value):
    _value, evidence = stored_value
    response = logged_in(personas.district_office).get(
        reverse("web:evidence", args=[units.commune.code, evidence.pk])
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES


@pytest.mark.django_db
def test_evidence_of_one_commune_is_not_reachable_through_another(units, personas, stored_value):
    _value, evidence = stored_value
    client = logged_in(personas.district_office)
    assert (
        client.get(
            reverse("web:evidence", args=[units.sibling_commune.code, evidence.pk])
        ).status_code
        == 404
    )


@pytest.mark.django_db
def test_uploading_through_the_form_attaches_the_file_and_a_disguised_file_saves_nothing(
    units, personas, stored_value
):
    client = logged_in(personas.commune_officer)
    url = reverse("web:entry", args=[units.commune.code, NTM_SET, PERIOD])
    html = client.get(url).content.decode()
    fields = dict(
        re.findall(r'<input type="hidden" name="((?:ver|o|on)-[^"]+)" value="([^"]*)"', html)
    )
    fields.update(re.findall(r'name="(v-[^"]+)" value="([^"]*)"', html))
    bad = dict(
        fields, **{"v-2_1": "100", "f-2_1": _upload("bao-cao.pdf", b"<html>not a pdf</html>")}
    )
    refused = client.post(url, bad)
    assert refused.status_code == 400
    assert Evidence.objects.count() == 1
    good = dict(fields, **{"f-2_1": _upload("anh-duong.pdf", PDF_BYTES)})
    assert client.post(url, good).status_code == 302
    assert sorted(Evidence.objects.values_list("original_name", flat=True)) == [
        "anh-duong.pdf",
        "bien-ban.pdf",
    ]
