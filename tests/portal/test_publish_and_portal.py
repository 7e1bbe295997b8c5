"""The publish step and the public portal: nothing unpublished is ever public."""

import pytest
from django.test import Client

from ntm.assessments.services import do_set_value
from ntm.portal import hooks
from ntm.portal.models import Publication, PublishedFigure
from ntm.portal.services import PublishError, do_publish, do_withdraw

pytestmark = pytest.mark.django_db
NTM = "xa-ntm-2021-2025"
SECRET_VALUE = "12345,6"


def enter(unit, indicator, raw, period="2023"):
    do_set_value(
        unit=unit,
        set_code=NTM,
        indicator_code=indicator,
        period=period,
        raw=raw,
        source="form",
        author=None,
    )


@pytest.fixture
def data(units):
    enter(units.commune, "17.1", "95,5%")
    enter(units.commune, "1.1", "Đạt")
    enter(units.sibling_commune, "17.1", "40")
    enter(units.other_commune, "17.1", "99")
    return units


def test_nothing_is_public_before_publishing(data):
    client = Client()
    assert client.get("/public/").status_code == 200
    assert "Xuân Hòa" not in client.get("/public/").content.decode()
    for code in ("938", "93894", "9389401"):
        assert client.get(f"/public/units/{code}/").status_code == 404
    assert client.get("/public/data/2023.csv").status_code == 404


def test_a_published_district_shows_its_communes_to_anyone_without_login(data, personas):
    publication = do_publish(unit=data.district, period="2023", by=personas.district_office)
    assert publication.figures_count == 3  # the district and its two communes
    page = Client().get("/public/units/93894/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Xuân Hòa" in text and "Xuân Minh" in text
    assert "Trung Hạ" not in text  # the other district was not published
    commune = Client().get("/public/units/9389401/").content.decode()
    assert 'id="criteria-met">' in commune
    assert "Mức đạt theo số liệu" in commune and "không phải quyết định công nhận" in commune
    assert Client().get("/public/units/9389001/").status_code == 404


def test_figures_are_fixed_at_publication_and_later_edits_stay_private_until_republished(
    data, personas
):
    do_publish(unit=data.district, period="2023", by=personas.district_office)
    before = PublishedFigure.objects.get(unit=data.commune)
    enter(data.commune, "2.1", "100")  # a later, unpublished change
    assert PublishedFigure.objects.get(unit=data.commune).indicators_met == before.indicators_met
    csv_text = Client().get("/public/data/2023.csv").content.decode("utf-8-sig")
    assert csv_text.count("\n9389401") == 0 and "2023,9389401" in csv_text
    row = next(line for line in csv_text.splitlines() if line.startswith("2023,9389401"))
    assert f",{before.indicators_met}," in row


def test_a_withdrawn_publication_disappears_from_pages_and_downloads(data, personas):
    publication = do_publish(unit=data.district, period="2023", by=personas.district_office)
    do_withdraw(publication=publication, by=personas.district_office)
    assert Client().get("/public/units/9389401/").status_code == 404
    assert Client().get("/public/data/2023.json").status_code == 404
    history = [h.history_user for h in Publication.history.order_by("history_id")]
    # asked for, figures computed, withdrawn
    assert history == [personas.district_office] * 3
    with pytest.raises(PublishError):
        do_withdraw(publication=publication, by=personas.district_office)


def test_open_data_json_carries_the_licence_and_the_dictionary_names_every_column(data, personas):
    do_publish(unit=data.district, period="2023", by=personas.district_office)
    body = Client().get("/public/data/2023.json").json()
    assert body["licence"]["url"].startswith("https://creativecommons.org/")
    assert body["licence"]["spdx"] == "CC-BY-4.0" and body["licence"]["confirmed"] is False
    assert "ntm" in body["licence"]["note"]["en"] and body["licence"]["note"]["vi"]
    codes = {f["unit_code"]: f for f in body["figures"]}
    assert set(codes) == {"93894", "9389401", "9389402"}
    assert codes["9389401"]["has_data"] is True and codes["9389401"]["level_by_data"] == ""
    dictionary = Client().get("/public/data/dictionary.json").json()
    assert [f["name"] for f in dictionary["fields"]] == list(codes["9389401"])
    csv_header = Client().get("/public/data/2023.csv").content.decode("utf-8-sig").splitlines()[0]
    assert csv_header.split(",") == list(codes["9389401"])
    assert "CC BY 4.0" in Client().get("/public/data/").content.decode()


def test_public_pages_are_cacheable_and_revalidate_with_their_etag(data, personas):
    do_publish(unit=data.district, period="2023", by=personas.district_office)
    client = Client()
    response = client.get("/public/units/93894/")
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    assert "Set-Cookie" not in response and not response.cookies
    again = client.get("/public/units/93894/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    do_publish(unit=data.district, period="2023", by=personas.district_office)
    assert (
        client.get("/public/units/93894/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 200
    )


def test_the_latest_publication_of_a_unit_and_period_is_the_one_shown(data, personas):
    do_publish(unit=data.district, period="2023", by=personas.district_office)
    enter(data.commune, "2.1", "100")
    do_publish(unit=data.province, period="2023", by=personas.province_office)
    latest = PublishedFigure.objects.filter(unit=data.commune).order_by("-publication_id").first()
    text = Client().get("/public/units/9389401/").content.decode()
    assert f"{latest.criteria_met}/{latest.criteria_total}" in text
    assert "Quan Sơn" in Client().get("/public/units/938/").content.decode()
    assert Client().get("/public/units/9389001/").status_code == 200


def test_a_recognition_provider_shows_the_recognised_level_beside_the_level_by_data(data, personas):
    saved = list(hooks._provider)
    hooks.register_recognised_levels(
        lambda units, on: {
            u.pk: {"level": "ntm", "decision": "123/QĐ-UBND", "date": on}
            for u in units
            if u.code == "9389401"
        }
    )
    try:
        do_publish(unit=data.district, period="2023", by=personas.district_office)
    finally:
        hooks._provider[:] = saved
    figure = PublishedFigure.objects.get(unit=data.commune)
    assert figure.recognised == {"level": "ntm", "decision": "123/QĐ-UBND", "date": "2023-12-31"}
    text = Client().get("/public/units/9389401/").content.decode()
    assert 'id="recognised-level">' in text and "123/QĐ-UBND" in text


def test_the_portal_page_speaks_english_when_chosen(data, personas):
    do_publish(unit=data.district, period="2023", by=personas.district_office)
    client = Client()
    chosen = client.get("/public/language/en/?next=/public/units/93894/")
    assert chosen.status_code == 302 and chosen["Location"] == "/public/units/93894/"
    assert client.get("/public/language/en/?next=https://evil.example/").status_code == 302
    assert client.get("/public/units/93894/")["Content-Language"] == "en"


def test_communes_without_data_are_counted_apart_from_those_not_reaching_the_standard(
    units, personas
):
    from ntm.portal.selectors import communes_figures
    from ntm.portal.views.public import level_counts
    from ntm.portal.words import NO_DATA

    enter(units.commune, "17.1", "40")
    do_publish(unit=units.district, period="2023", by=personas.district_office)
    counts = {
        level: n for level, _name, n in level_counts(communes_figures(units.district, "2023"))
    }
    assert (counts[""], counts[NO_DATA]) == (1, 1)


def test_a_recorded_recognition_decision_is_published_beside_the_level_by_data(data, personas):
    from datetime import date

    from ntm.recognition.services import RecognitionFields, do_recognise

    do_recognise(
        unit=data.commune,
        fields=RecognitionFields("ntm", "45/QĐ-UBND", date(2018, 12, 20), "UBND tỉnh"),
    )
    do_recognise(
        unit=data.commune,
        fields=RecognitionFields("advanced", "12/QĐ-UBND", date(2022, 6, 1), "UBND tỉnh"),
    )
    do_publish(unit=data.district, period="2023", by=personas.district_office)
    figure = PublishedFigure.objects.get(unit=data.commune)
    assert figure.recognised == {
        "level": "advanced",
        "decision": "12/QĐ-UBND",
        "date": "2022-06-01",
    }
    assert PublishedFigure.objects.get(unit=data.sibling_commune).recognised in (None, {})


def test_the_licence_is_marked_unconfirmed_until_the_operator_confirms_it(data, settings):
    page = Client().get("/public/data/").content.decode()
    assert 'id="licence-unconfirmed"' in page
    assert Client().get("/public/data/dictionary.json").json()["licence"]["confirmed"] is False
    settings.NTM_OPEN_DATA_LICENCE_CONFIRMED = True
    assert 'id="licence-unconfirmed"' not in Client().get("/public/data/").content.decode()
    assert "note" not in Client().get("/public/data/dictionary.json").json()["licence"]
    settings.NTM_OPEN_DATA_LICENCE = {"name": "ODC-By 1.0", "url": "https://example.org/odc-by"}
    licence = Client().get("/public/data/dictionary.json").json()["licence"]
    assert licence == {"name": "ODC-By 1.0", "url": "https://example.org/odc-by", "confirmed": True}


def test_a_periods_csv_names_its_licence_in_a_link_header(data, personas):
    do_publish(unit=data.district, period="2023", by=personas.district_office)
    response = Client().get("/public/data/2023.csv")
    assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
