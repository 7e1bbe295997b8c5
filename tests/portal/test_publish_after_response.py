"""A publication asked for on the web is recorded at once and its figures computed after the
answer (``ntm.portal.background``): by a thread of the web process, or by the command."""

import threading

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from ntm.assessments.services import do_set_value
from ntm.portal.models import PENDING, READY, Publication, PublishedFigure


def _data(units):
    do_set_value(
        unit=units.commune,
        set_code="xa-ntm-2021-2025",
        indicator_code="17.1",
        period="2023",
        raw="95",
        source="form",
        author=None,
    )


def _publish(client, personas) -> None:
    client.force_login(personas.district_office)
    assert client.post("/publish/", {"unit": "2008:93894", "period": "2023"}).status_code == 302


@pytest.mark.django_db(transaction=True)
@override_settings(NTM_PUBLISH_MODE="background")
def test_a_thread_computes_the_figures_after_the_answer(units, personas):
    _data(units)
    client = Client()
    _publish(client, personas)
    for thread in [t for t in threading.enumerate() if t.name == "ntm-publish"]:
        thread.join(timeout=60)
    publication = Publication.objects.get()
    assert publication.status == READY
    assert PublishedFigure.objects.filter(publication=publication).count() == 3
    assert Client().get("/public/units/9389401/").status_code == 200


@pytest.mark.django_db
@override_settings(NTM_PUBLISH_MODE="command")
def test_a_pending_publication_shows_nothing_until_the_command_computes_it(units, personas):
    _data(units)
    _publish(Client(), personas)
    publication = Publication.objects.get()
    assert publication.status == PENDING and not publication.figures.exists()
    assert Client().get("/public/units/9389401/").status_code == 404
    page = Client()
    page.force_login(personas.district_office)
    assert "Đang tính số liệu" in page.get("/publish/").content.decode()
    call_command("ntm_publish_pending")
    publication.refresh_from_db()
    assert publication.status == READY and publication.figures.count() == 3
    assert Client().get("/public/units/9389401/").status_code == 200
