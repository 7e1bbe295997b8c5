"""Value history, evidence, deletion, ETag/If-Match and the filtered, paginated value list."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ntm.api.errors import NOT_FOUND, VERSION_REQUIRED
from ntm.assessments.models import Evidence, IndicatorValue
from ntm.assessments.services import do_set_value

pytestmark = pytest.mark.django_db
NTM = "xa-ntm-2021-2025"
WATER = f"/api/units/9389401/values/{NTM}/2023-05/17.1/"
PDF = b"%PDF-1.4\n%test\n"


@pytest.fixture
def water(units, personas):
    do_set_value(
        unit=units.commune,
        set_code=NTM,
        indicator_code="17.1",
        period="2023-05",
        raw="80",
        source="form",
        author=personas.commune_officer,
    )
    return do_set_value(
        unit=units.commune,
        set_code=NTM,
        indicator_code="17.1",
        period="2023-05",
        raw="95",
        source="form",
        author=personas.district_office,
        expected_version=1,
    )


def test_a_values_history_lists_who_changed_what_newest_first(water, personas, api_as):
    body = api_as(personas.viewer).get(WATER + "history/").json()
    assert [(e["who"], e["old_raw"], e["new_raw"], e["change"]) for e in body] == [
        ("huyen.thoxuan", "80", "95", "~"),
        ("xa.xuanhoa", None, "80", "+"),
    ]


def test_history_outside_your_units_is_not_found(water, personas, api_as):
    response = api_as(personas.other_district_officer).get(WATER + "history/")
    assert response.status_code == 404 and response.json()["detail_vi"] == NOT_FOUND[1]


def test_a_value_carries_its_version_as_etag_and_if_match_updates_it(water, personas, api_as):
    client = api_as(personas.commune_officer)
    assert client.get(WATER)["ETag"] == '"2"'
    response = client.put(WATER, {"value": "97"}, format="json", HTTP_IF_MATCH='"2"')
    assert response.status_code == 200 and response["ETag"] == '"3"'
    stale = client.put(WATER, {"value": "98"}, format="json", HTTP_IF_MATCH='"2"')
    assert stale.status_code == 412 and stale.json()["current"]["raw"] == "97"
    assert IndicatorValue.objects.get(indicator_code="17.1").raw == "97"


def test_if_match_and_a_different_body_version_are_refused(water, personas, api_as):
    response = api_as(personas.commune_officer).put(
        WATER, {"value": "97", "version": 1}, format="json", HTTP_IF_MATCH='"2"'
    )
    assert response.status_code == 400 and response.json()["code"] == "version_mismatch"


def test_a_value_is_deleted_from_its_version_and_the_history_keeps_it(water, personas, api_as):
    client = api_as(personas.commune_officer)
    assert client.delete(WATER).json()["detail_vi"] == VERSION_REQUIRED[1]
    assert client.delete(WATER + "?version=1").status_code == 409
    assert client.delete(WATER + "?version=2").status_code == 204
    assert not IndicatorValue.objects.exists()
    last = IndicatorValue.history.order_by("-history_id").first()
    assert (last.history_type, last.history_user) == ("-", personas.commune_officer)


def test_only_who_may_enter_a_value_may_delete_it(water, personas, api_as):
    assert api_as(personas.viewer).delete(WATER + "?version=2").status_code == 403
    assert api_as(personas.other_district_officer).delete(WATER + "?version=2").status_code == 404
    assert api_as(personas.district_office).delete(WATER, HTTP_IF_MATCH='"2"').status_code == 204


def test_evidence_is_uploaded_listed_and_downloaded_through_the_same_rules(
    water, personas, api_as, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    upload = SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")
    assert api_as(personas.viewer).post(WATER + "evidence/", {"file": upload}).status_code == 403
    upload.seek(0)
    created = api_as(personas.commune_officer).post(WATER + "evidence/", {"file": upload})
    assert created.status_code == 201
    listed = api_as(personas.viewer).get(WATER + "evidence/").json()
    assert [e["name"] for e in listed] == ["bien-ban.pdf"]
    download = api_as(personas.viewer).get(listed[0]["download"])
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert "attachment" in download["Content-Disposition"]
    other = api_as(personas.other_district_officer).get(listed[0]["download"])
    assert other.status_code == 404


def test_deleting_a_value_removes_its_evidence_files_once_committed(
    water, personas, api_as, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path / "media"
    client = api_as(personas.commune_officer)
    upload = SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")
    assert client.post(WATER + "evidence/", {"file": upload}).status_code == 201
    stored = tmp_path / "media" / Evidence.objects.get().file.name
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.delete(WATER + "?version=1").status_code == 409  # stale: nothing goes
    assert stored.exists() and Evidence.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.delete(WATER + "?version=2").status_code == 204
    assert not Evidence.objects.exists()
    assert not stored.exists()


def test_a_file_that_is_not_what_it_claims_is_refused_as_evidence(
    water, personas, api_as, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    fake = SimpleUploadedFile("a.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = api_as(personas.commune_officer).post(WATER + "evidence/", {"file": fake})
    assert response.status_code == 400 and response.json()["code"] == "evidence_rejected"
    assert not Evidence.objects.exists()


def _values_in(units, personas):
    for unit in (units.commune, units.sibling_commune, units.other_commune):
        for period, raw in (("2022", "70"), ("2023", "90")):
            do_set_value(
                unit=unit,
                set_code=NTM,
                indicator_code="17.1",
                period=period,
                raw=raw,
                source="form",
                author=None,
            )
        do_set_value(
            unit=unit,
            set_code=NTM,
            indicator_code="1.1",
            period="2023",
            raw="Đạt",
            source="form",
            author=None,
        )


def test_the_value_list_holds_only_your_units_and_filters_by_subtree_period_set_and_criterion(
    units, personas, api_as
):
    _values_in(units, personas)
    district = api_as(personas.district_office)
    everything = district.get("/api/values/").json()
    assert everything["count"] == 6
    assert {v["unit"] for v in everything["results"]} == {"9389401", "9389402"}
    one = district.get(
        "/api/values/", {"unit": "9389401", "period": "2023", "criterion": "17"}
    ).json()
    assert [(v["unit"], v["period"], v["indicator"], v["raw"]) for v in one["results"]] == [
        ("9389401", "2023", "17.1", "90")
    ]
    assert district.get("/api/values/", {"unit": "9389001"}).status_code == 404
    ranged = district.get(
        "/api/values/", {"period_from": "2023", "set": NTM, "indicator": "1.1"}
    ).json()
    assert ranged["count"] == 2


def test_the_value_list_comes_a_page_at_a_time(units, personas, api_as):
    _values_in(units, personas)
    province = api_as(personas.province_office)
    page = province.get("/api/values/", {"limit": 4}).json()
    assert (page["count"], len(page["results"])) == (9, 4)
    rest = province.get(page["next"]).json()
    assert len(rest["results"]) == 4 and rest["previous"]


def test_bad_filters_are_refused_in_both_languages(units, personas, api_as):
    client = api_as(personas.province_office)
    for params in ({"period": "2023-13"}, {"set": "nope"}, {"criterion": "x"}, {"era": "1999"}):
        body = client.get("/api/values/", params).json()
        assert (
            body["code"] in {"bad_period", "unknown_set", "bad_filter", "bad_era"}
            and body["detail_vi"]
        )
