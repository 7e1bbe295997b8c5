"""The import page: preview (nothing written), confirm, the error list, and the user's scope."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ntm.assessments.models import IndicatorValue
from tests.web.conftest import NTM_SET, PERIOD, logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_var_dir(settings, tmp_path):
    """Uploads wait for confirmation under VAR_DIR/imports: keep them out of the checkout."""
    settings.VAR_DIR = tmp_path


def _csv(*rows: str) -> SimpleUploadedFile:
    text = "unit,period,set,indicator,value,note\n" + "\n".join(rows) + "\n"
    return SimpleUploadedFile("so-lieu.csv", text.encode("utf-8"), content_type="text/csv")


def test_a_preview_writes_nothing_and_confirming_writes_the_file(units, personas):
    client = logged_in(personas.district_office)
    upload = _csv(
        f'{units.commune.code},{PERIOD},{NTM_SET},2.1,"95,5%",',
        f"{units.sibling_commune.code},{PERIOD},{NTM_SET},2.1,100,",
    )
    preview = client.post(reverse("web:import"), {"file": upload, "action": "preview"})
    assert preview.status_code == 200
    assert b"data-created>2<" in preview.content
    assert IndicatorValue.objects.count() == 0
    done = client.post(reverse("web:import"), {"action": "confirm"})
    assert b"data-created>2<" in done.content
    values = dict(IndicatorValue.objects.values_list("unit__code", "value_number"))
    assert values == {units.commune.code: 95.5, units.sibling_commune.code: 100.0}
    assert set(IndicatorValue.objects.values_list("source", flat=True)) == {"import"}


def test_a_file_with_a_bad_row_lists_it_and_cannot_be_confirmed(units, personas):
    client = logged_in(personas.district_office)
    upload = _csv(
        f"{units.commune.code},{PERIOD},{NTM_SET},2.1,95,",
        f"{units.commune.code},{PERIOD},{NTM_SET},2.2,nhiều,",
    )
    response = client.post(reverse("web:import"), {"file": upload, "action": "preview"})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="import-errors"' in html and "<td>3</td>" in html and "nhiều" in html
    assert 'id="import-confirm"' not in html
    client.post(reverse("web:import"), {"action": "confirm"})
    assert IndicatorValue.objects.count() == 0


def test_a_row_for_a_unit_outside_the_users_scope_is_an_error_of_that_row(units, personas):
    client = logged_in(personas.commune_officer)
    upload = _csv(
        f"{units.commune.code},{PERIOD},{NTM_SET},2.1,95,",
        f"{units.other_commune.code},{PERIOD},{NTM_SET},2.1,95,",
    )
    html = client.post(
        reverse("web:import"), {"file": upload, "action": "preview"}
    ).content.decode()
    assert "nằm ngoài phạm vi bạn được nhập số liệu" in html and units.other_commune.name in html
    assert IndicatorValue.objects.count() == 0


def test_the_template_lists_the_communes_under_the_chosen_unit(units, personas):
    client = logged_in(personas.district_office)
    response = client.get(
        reverse("web:import_template"),
        {"unit": units.district.code, "set": NTM_SET, "period": PERIOD},
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = {
        str(c.value) for ws in workbook.worksheets for row in ws.iter_rows() for c in row if c.value
    }
    assert {units.commune.code, units.sibling_commune.code} <= cells
    assert units.other_commune.code not in cells


def test_a_commune_set_value_for_the_district_itself_is_an_error_of_its_row(units, personas):
    client = logged_in(personas.district_office)
    upload = _csv(f"{units.district.code},{PERIOD},{NTM_SET},17.2,50,")
    response = client.post(reverse("web:import"), {"file": upload, "action": "preview"})
    assert response.status_code == 400
    assert 'id="import-errors"' in response.content.decode()
    assert IndicatorValue.objects.count() == 0


def test_the_preview_lists_each_value_that_would_change_from_old_to_new(units, personas):
    client = logged_in(personas.district_office)
    client.post(
        reverse("web:import"),
        {"file": _csv(f"{units.commune.code},{PERIOD},{NTM_SET},2.1,90,cũ"), "action": "preview"},
    )
    client.post(reverse("web:import"), {"action": "confirm"})

    preview = client.post(
        reverse("web:import"),
        {"file": _csv(f"{units.commune.code},{PERIOD},{NTM_SET},2.1,100,mới"), "action": "preview"},
    )
    html = preview.content.decode()
    assert 'id="import-changes"' in html and "Các giá trị sẽ thay đổi" in html
    row = html[html.index('class="change-updated"') :]
    row = row[: row.index("</tr>")]
    assert (
        "Xuân Hòa" in row
        and ">2.1<" in row
        and "<td>90</td>" in row
        and "<strong>100</strong>" in row
    )
    assert "<del>cũ</del> → mới" in row


def test_the_template_download_can_be_prefilled_with_current_values(units, personas):
    client = logged_in(personas.district_office)
    client.post(
        reverse("web:import"),
        {"file": _csv(f"{units.commune.code},{PERIOD},{NTM_SET},2.1,90,"), "action": "preview"},
    )
    client.post(reverse("web:import"), {"action": "confirm"})

    response = client.get(
        reverse("web:import_template"),
        {"unit": units.district.code, "set": NTM_SET, "prefill": "1"},
    )
    ws = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))[NTM_SET]
    assert ws["B2"].value == PERIOD
    column = next(c.column for c in ws[5] if c.value == "2.1")
    assert ws.cell(8, column).value == 90
