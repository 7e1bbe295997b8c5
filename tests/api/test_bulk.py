"""Bulk value submission and file imports: the importer's all-or-nothing rules and error report."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ntm.assessments.models import IndicatorValue
from ntm.imports.validate import MSG_MISSING_UNIT

pytestmark = pytest.mark.django_db
NTM = "xa-ntm-2021-2025"
BULK = "/api/values/bulk/"


def row(unit="9389401", indicator="17.1", value="95,5%", period="2023", **extra):
    return {
        "unit": unit,
        "period": period,
        "set": NTM,
        "indicator": indicator,
        "value": value,
        **extra,
    }


def test_good_rows_are_all_written(personas, api_as):
    rows = [
        row(),
        row(indicator="1.1", value=True),
        row(unit="Thanh Hóa/Thọ Xuân/Xuân Minh", value=80, note="đo 2023"),
    ]
    response = api_as(personas.district_office).post(BULK, {"rows": rows}, format="json")
    assert response.status_code == 200, response.json()
    assert (response.json()["created"], response.json()["rows"]) == (3, 3)
    assert IndicatorValue.objects.get(unit__code="9389402").note == "đo 2023"
    assert IndicatorValue.objects.get(indicator_code="1.1").value_bool is True


def test_one_bad_row_rejects_everything_and_every_bad_row_is_named(personas, api_as):
    rows = [row(), row(value="nhiều"), row(unit="")]
    response = api_as(personas.district_office).post(BULK, {"rows": rows}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "import_rejected" and body["detail_vi"]
    assert [(e["row"], e["column"]) for e in body["errors"]] == [(2, "value"), (3, "unit")]
    assert body["errors"][1]["reason"] == MSG_MISSING_UNIT
    assert not IndicatorValue.objects.exists()


def test_a_row_outside_your_units_is_a_bad_row(personas, api_as):
    response = api_as(personas.district_office).post(
        BULK, {"rows": [row(), row(unit="9389001")]}, format="json"
    )
    assert response.status_code == 400
    assert [e["row"] for e in response.json()["errors"]] == [2]
    assert not IndicatorValue.objects.exists()


def test_a_dry_run_writes_nothing(personas, api_as):
    response = api_as(personas.commune_officer).post(
        BULK, {"rows": [row()], "dry_run": True}, format="json"
    )
    assert (
        response.status_code == 200
        and response.json()["created"] == 1
        and response.json()["dry_run"]
    )
    assert not IndicatorValue.objects.exists()


def test_viewers_and_departments_may_not_submit_in_bulk(personas, api_as):
    for user in (personas.viewer, personas.department_officer, personas.national):
        assert api_as(user).post(BULK, {"rows": [row()]}, format="json").status_code == 403


def test_a_csv_file_is_imported_through_the_api(personas, api_as):
    content = b"unit;period;set;indicator;value\n9389401;2023;xa-ntm-2021-2025;17.1;95,5%\n"
    upload = SimpleUploadedFile("so-lieu.csv", content, content_type="text/csv")
    response = api_as(personas.commune_officer).post("/api/imports/", {"file": upload})
    assert response.status_code == 200 and response.json()["kind"] == "values"
    assert IndicatorValue.objects.get().value_number == 95.5


def test_a_bad_csv_file_lists_its_bad_rows_by_file_row(personas, api_as):
    content = b"unit,period,set,indicator,value\n9389401,2023,xa-ntm-2021-2025,17.1,abc\n"
    upload = SimpleUploadedFile("so-lieu.csv", content, content_type="text/csv")
    response = api_as(personas.commune_officer).post("/api/imports/", {"file": upload})
    assert response.status_code == 400
    assert [(e["row"], e["column"]) for e in response.json()["errors"]] == [(2, "value")]
