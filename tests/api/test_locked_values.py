"""Values of a commune under province appraisal cannot change through the API either: a write
or a removal is refused (nothing changes) until the case is unlocked."""

import pytest

from ntm.assessments.models import IndicatorValue
from ntm.assessments.services import do_set_value
from ntm.recognition.cases import do_open_case, do_unlock_case

pytestmark = pytest.mark.django_db
NTM = "xa-ntm-2021-2025"
WATER = f"/api/units/9389401/values/{NTM}/2023-05/17.1/"


@pytest.fixture
def locked(units, personas):
    do_set_value(
        unit=units.commune,
        set_code=NTM,
        indicator_code="17.1",
        period="2023-05",
        raw="80",
        source="form",
        author=personas.commune_officer,
    )
    case = do_open_case(unit=units.commune, level="ntm")
    case.step = "province-appraisal"
    case.save()
    case.locked = True  # as ``_save`` keeps it for a step that locks values
    case.save(update_fields=["locked"])
    return case


def test_a_locked_value_is_neither_changed_nor_removed_through_the_api(locked, personas, api_as):
    client = api_as(personas.commune_officer)
    changed = client.put(WATER, {"value": "97", "version": 1}, format="json")
    assert changed.status_code == 400 and "đang bị khóa" in changed.json()["detail_vi"]
    assert "locked" in changed.json()["detail"]
    removed = client.delete(WATER + "?version=1")
    assert removed.status_code == 409 and removed.json()["code"] == "locked"
    assert IndicatorValue.objects.get(indicator_code="17.1").raw == "80"


def test_after_an_explicit_unlock_the_value_may_be_removed(locked, personas, api_as):
    do_unlock_case(case=locked, reason="Sửa số liệu nước sạch", author=personas.province_office)
    assert api_as(personas.commune_officer).delete(WATER + "?version=1").status_code == 204
    assert locked.events.filter(action="values-changed").count() == 1


def test_a_form_with_a_locked_value_is_refused_whole(locked, personas, api_as):
    form = f"/api/units/9389401/values/{NTM}/2023-05/"
    body = {
        "values": [
            {"indicator": "2.1", "value": "100", "version": 0},
            {"indicator": "17.1", "value": "97", "version": 1},
        ]
    }
    response = api_as(personas.commune_officer).put(form, body, format="json")
    assert response.status_code == 400 and "đang bị khóa" in response.json()["detail_vi"]
    assert list(IndicatorValue.objects.values_list("indicator_code", "raw")) == [("17.1", "80")]
