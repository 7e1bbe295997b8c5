"""The summary's sections from other apps are cached under the levels version, which every
change to the tables they read moves (database triggers: ``levels_version.watch``): each test
reads the summary twice (the second from the cache, asking those tables nothing), changes one
row a section reads, and checks that the next summary shows it and equals the summary drawn
without the cache."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from ntm.assessments import levels_version
from ntm.criteria.inputs import Period
from ntm.investment.models import FundsMobilised
from ntm.investment.services import FundsData, ReportedData, do_save_funds, do_save_reported
from ntm.ocop.services import RatingData, do_save_rating
from ntm.planning.models import Target
from ntm.planning.services import do_create_target
from ntm.recognition.services import RecognitionFields, do_recognise
from ntm.reports.render import render
from ntm.reportsdata.gather import summary_for
from ntm.reportsdata.sections import summary_sections
from ntm.units.models import AdminUnit

pytestmark = pytest.mark.django_db

PERIOD, SINCE = "2023-05", "2022"
SECTION_TABLES = (
    "recognition_recognition",
    "ocop_ocopproduct",
    "investment_",
    "planning_target",
)


class RolledBack(Exception):
    """Raised to roll a trial write back."""


def summary(unit) -> dict:
    unit = AdminUnit.objects.get(pk=unit.pk)
    return json.loads(render(summary_for(unit, PERIOD, SINCE), "json", "vi"))


def uncached(unit, settings) -> dict:
    settings.NTM_PAGE_CACHE = False
    try:
        return summary(unit)
    finally:
        settings.NTM_PAGE_CACHE = True


def section_queries(unit) -> list[str]:
    """The queries of the sections of a summary of ``unit`` that ask the sections' tables."""
    with CaptureQueriesContext(connection) as seen:
        summary_sections(unit, Period.parse(PERIOD), Period.parse(SINCE))
    return [q["sql"] for q in seen.captured_queries if any(t in q["sql"] for t in SECTION_TABLES)]


def cached_then(units, settings, change) -> tuple[dict, dict]:
    """The district's summary cached, ``change()``, the summary again (checked against the one
    drawn without the cache); returns (before, after)."""
    summary(units.district)
    assert section_queries(units.district) == []  # every section from the cache
    before = summary(units.district)
    change()
    after = summary(units.district)
    assert after == uncached(units.district, settings)
    return before, after


def test_the_sections_tables_are_watched_and_their_triggers_are_in():
    assert levels_version.watching()
    assert {
        "recognition_recognition",
        "ocop_ocopproduct",
        "investment_fundsmobilised",
        "investment_physicaloutput",
        "investment_emulationaward",
        "investment_reportedfigures",
        "planning_target",
        "units_unitlineage",
    } <= levels_version.watched()


def test_a_new_ocop_product_shows_on_the_next_summary(units, settings):
    def change():
        do_save_rating(data=RatingData(units.commune.pk, "Bánh gai", "HTX", 1, 2023, 4, "province"))

    before, after = cached_then(units, settings, change)
    assert "ocop" not in before and after["ocop"]["products"] == 1


def test_a_fund_row_edited_in_place_shows_on_the_next_summary(units, settings):
    do_save_funds(data=FundsData(units.commune.pk, "2023-03", "central", 1_000_000_000))

    def change():  # no service, no signal: an UPDATE statement
        FundsMobilised.objects.filter(unit=units.commune).update(amount_vnd=3_000_000_000)

    before, after = cached_then(units, settings, change)
    assert before["funds"]["total_vnd"] == 1_000_000_000
    assert after["funds"]["total_vnd"] == 3_000_000_000


def test_a_recognition_decided_shows_on_the_next_summary(units, settings):
    def change():
        do_recognise(
            unit=units.commune,
            fields=RecognitionFields("ntm", "12/QĐ-UBND", date(2022, 12, 1), "UBND tỉnh"),
        )

    before, after = cached_then(units, settings, change)
    assert before["recognised"] != after["recognised"]


def test_reported_figures_show_on_the_next_summary(units, settings):
    def change():
        do_save_reported(
            data=ReportedData(units.commune.pk, "2023-03", 1, 1, "UBND xã", ocop_products=2)
        )

    before, after = cached_then(units, settings, change)
    assert "reported" not in before and after["reported"]["totals"]["communes_ntm"] == 1


def test_a_target_set_and_changed_shows_on_the_next_summary(units, settings, personas):
    def change():
        do_create_target(
            unit=units.district,
            kind="count",
            level="ntm",
            due=date(2025, 12, 31),
            decision="5/NQ-HĐND",
            author=personas.district_office,
            count=3,
        )

    before, after = cached_then(units, settings, change)
    assert "targets" not in before and after["targets"]
    assert section_queries(units.district)  # a unit with targets: its section is not kept
    Target.objects.filter(unit=units.district).update(count=5)
    assert summary(units.district) == uncached(units.district, settings) != after


def test_a_product_added_in_a_rolled_back_transaction_is_not_shown_after_it(units, settings):
    before = summary(units.district)
    with pytest.raises(RolledBack), transaction.atomic():
        do_save_rating(data=RatingData(units.commune.pk, "Bánh gai", "HTX", 1, 2023, 4, "province"))
        assert summary(units.district)["ocop"]["products"] == 1
        raise RolledBack
    assert summary(units.district) == before == uncached(units.district, settings)


def test_the_summary_names_the_villages_by_their_type_after_a_change_in_sql(units, settings):
    """The village word is kept under the units version (a trigger moves it)."""
    summary(units.district)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE units_adminunit SET unit_type = 'bản' WHERE level = 'village'")
    assert summary(units.district) == uncached(units.district, settings)
    assert "bản" in render(
        summary_for(AdminUnit.objects.get(pk=units.district.pk), PERIOD, SINCE), "text", "vi"
    )
