"""/publish/: district and province offices publish and withdraw within their units;
others may not."""

import pytest

from ntm.assessments.services import do_set_value
from ntm.portal.models import Publication
from ntm.portal.services import do_publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(units):
    do_set_value(
        unit=units.commune,
        set_code="xa-ntm-2021-2025",
        indicator_code="17.1",
        period="2023",
        raw="95",
        source="form",
        author=None,
    )
    return units


def test_the_district_office_publishes_its_district(data, personas, client):
    client.force_login(personas.district_office)
    assert client.get("/publish/").status_code == 200
    response = client.post("/publish/", {"unit": "2008:93894", "period": "2023"})
    assert response.status_code == 302
    publication = Publication.objects.get()
    assert (publication.unit, publication.published_by) == (data.district, personas.district_office)
    assert client.get("/public/units/9389401/").status_code == 200


def test_a_district_office_may_not_publish_another_district(data, personas, client):
    client.force_login(personas.district_office)
    response = client.post("/publish/", {"unit": "2008:93890", "period": "2023"})
    assert response.status_code == 200 and "unit" in response.context["form"].errors
    assert not Publication.objects.exists()


def test_commune_officers_viewers_and_departments_may_not_publish(data, personas, client):
    for user in (
        personas.commune_officer,
        personas.viewer,
        personas.department_officer,
        personas.national,
    ):
        client.force_login(user)
        assert client.get("/publish/").status_code == 403


def test_a_bad_period_is_refused_with_a_reason(data, personas, client):
    client.force_login(personas.province_office)
    response = client.post("/publish/", {"unit": "2008:938", "period": "2023-13"})
    assert response.status_code == 200 and response.context["form"].errors["period"]
    assert not Publication.objects.exists()


def test_withdrawing_is_for_offices_over_the_unit_only(data, personas, client):
    publication = do_publish(unit=data.district, period="2023", by=personas.district_office)
    client.force_login(personas.other_district_officer)
    assert client.post(f"/publish/{publication.pk}/withdraw/").status_code == 404
    client.force_login(personas.province_office)
    assert client.post(f"/publish/{publication.pk}/withdraw/").status_code == 302
    publication.refresh_from_db()
    assert publication.withdrawn_by == personas.province_office
    assert client.get("/public/units/93894/").status_code == 404
