"""A programme's figures (summary, progress) are cached under the ids of the stored rows of
the communes and villages under the unit and the levels version, without reading which values
are dated in the period: each test caches the figures, changes one thing they rest on, and
checks that the cached figures moved with it and equal the figures computed without the
cache."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ntm.assessments.deletion import do_delete_value
from ntm.assessments.models import IndicatorValue
from ntm.assessments.services import do_set_value
from ntm.criteria.inputs import Period
from ntm.criteria.registry import load_registry
from ntm.reportsdata import cache
from ntm.reportsdata.gather import figures_for, progress_for
from ntm.units.models import AdminUnit
from tests.assessments.helpers import passing_rows, store_values
from tests.conftest import make_unit

pytestmark = pytest.mark.django_db

NTM = "xa-ntm-2021-2025"


def write(unit, period: str, rows) -> None:
    store_values(unit, period, rows, NTM)


@pytest.fixture
def province(units):
    """Thanh Hóa with Xuân Hòa at NTM in 2023 and a town (phường, which the figures do not
    count) without values."""
    write(units.commune, "2023", passing_rows(NTM, units.commune, "2023"))
    units.ward = make_unit("9389403", "Phường Một", "commune", units.district, unit_type="phường")
    return units


def figures(units, period: str):
    province = AdminUnit.objects.get(pk=units.province.pk)
    return figures_for(province, Period.parse(period))


def kept() -> int:
    return sum(1 for k in caches[cache.ALIAS]._cache if ":figures:" in k)  # LocMemCache's


def cached_then(units, settings, period: str, change):
    """The figures cached (the first read computes the rows no writer stored, and is not kept;
    the second is), then ``change``, then the figures again, checked against the uncached."""
    figures(units, period)
    before = figures(units, period)
    assert kept() == 1
    change()
    after = figures(units, period)
    settings.NTM_PAGE_CACHE = False
    assert after == figures(units, period)
    settings.NTM_PAGE_CACHE = True
    return before, after


def test_cached_figures_read_no_value(province):
    figures(province, "2024")
    figures(province, "2024")
    with CaptureQueriesContext(connection) as queries:
        found = figures(province, "2024")
    assert found.carried_forward and found.communes == 3
    assert not [q for q in queries if "assessments_indicatorvalue" in q["sql"]]


def test_a_value_dated_in_the_period_shows_at_once(province, settings):
    before, after = cached_then(
        province, settings, "2024", lambda: write(province.commune, "2024", [("2.1", "0")])
    )
    assert before.carried_forward and not after.carried_forward


def test_a_value_of_a_town_the_figures_do_not_count_still_dates_the_period(province, settings):
    before, after = cached_then(
        province, settings, "2024", lambda: write(province.ward, "2024", [("2.1", "100")])
    )
    assert before.carried_forward and not after.carried_forward


def test_a_value_of_a_village_dates_the_period(province, settings):
    village_set = "thon-ntm-mau"

    def write_village():
        indicators = load_registry().get(village_set).indicators
        indicator = next(i for i in indicators if i.aggregate is None)
        do_set_value(
            unit=province.village,
            set_code=village_set,
            indicator_code=indicator.code,
            period="2024",
            raw="Đạt" if indicator.op == "is_true" else "1",
            source="form",
            author=None,
        )

    before, after = cached_then(province, settings, "2024", write_village)
    assert before.carried_forward and not after.carried_forward


def test_a_value_removed_shows_at_once(province, settings):
    value = IndicatorValue.objects.get(unit=province.commune, indicator_code="2.1", period="2023")

    def delete():
        do_delete_value(value=value, author=None, expected_version=value.version)

    before, after = cached_then(province, settings, "2023", delete)
    assert (before.communes_at.get("ntm"), after.communes_at.get("ntm", 0)) == (1, 0)


def test_a_commune_added_shows_at_once(province, settings):
    before, after = cached_then(
        province,
        settings,
        "2023",
        lambda: make_unit("9389404", "Xã Mới", "commune", province.district),
    )
    assert after.communes == before.communes + 1


def test_progress_is_drawn_from_cached_figures_and_follows_a_new_value(province, settings):
    province_unit = AdminUnit.objects.get(pk=province.province.pk)
    progress_for(province_unit, "2023", "2024")
    progress_for(province_unit, "2023", "2024")
    with CaptureQueriesContext(connection) as queries:
        progress_for(province_unit, "2023", "2024")
    assert not [q for q in queries if "assessments_indicatorvalue" in q["sql"]]
    write(province.commune, "2024", [("2.1", "0")])
    after = progress_for(province_unit, "2023", "2024")
    settings.NTM_PAGE_CACHE = False
    assert after == progress_for(province_unit, "2023", "2024")


def test_figures_drawn_in_a_rolled_back_trial_never_stand_for_the_real_rows(province, settings):
    """A what-if stores trial rows, draws the district's figures on them and rolls back; on
    SQLite the next real rows get the same ids. The figures after a real write must be the
    real ones, not the trial's."""
    from ntm.planning.whatif import what_if

    write(province.commune, "2024", [("2.1", "0")])  # criterion 2 unmet: not at NTM
    district, period = AdminUnit.objects.get(pk=province.district.pk), Period.parse("2024")
    figures_for(district, period)
    real = figures_for(district, period).average_ntm.value
    # The trial: one more criterion unmet, no level moved; drawn, then rolled back.
    trial = what_if(province.commune, NTM, "2024", {"17.1": "0"})
    assert trial.after.result.criteria_met == real - 1
    write(province.commune, "2024", [("2.1", "1")])  # real: criterion 2 still unmet
    after = figures_for(district, period)
    settings.NTM_PAGE_CACHE = False
    assert after == figures_for(district, period)
    assert after.average_ntm.value == real
