"""The web import page says what an import skipped (blank rows) and how many errors it did not
list, as the command line does: nothing is dropped quietly."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.imports.hostile.corpus import HEADER, SET
from tests.web.conftest import logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def _post(client, text: str):
    upload = SimpleUploadedFile("so-lieu.csv", text.encode("utf-8"), content_type="text/csv")
    return client.post(
        reverse("web:import"), {"file": upload, "action": "preview"}
    ).content.decode()


def test_the_preview_lists_the_blank_rows_it_skipped(units, personas):
    page = _post(
        logged_in(personas.district_office), f"{HEADER}\n9389401,2023,{SET},2.1,95,\n,,,,,\n"
    )
    assert "Bỏ qua 1 dòng trống (dòng 3)" in page


def test_the_error_list_of_a_huge_bad_file_is_capped_and_says_how_many_more(units, personas):
    rows = "\n".join(f"9389401,2023,{SET},2.1,x{i}," for i in range(300))
    page = _post(logged_in(personas.district_office), f"{HEADER}\n{rows}\n")
    assert "có 300 lỗi" in page
    assert "250 lỗi khác cùng loại" in page
    assert page.count("<tr>") < 80
