"""The summary's rank among provinces is cached under the communes' levels version
(``ntm.assessments.levels_version``): a second summary reads no stored row, and the rank is
never stale. Each test caches the rank, changes one thing the rank rests on, and checks that
the cached rank moved with it and equals the rank computed without the cache."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ntm.assessments.deletion import do_delete_value
from ntm.assessments.models import IndicatorValue, StoredResult
from ntm.assessments.parsing import parse_value, raw_text, to_stored
from ntm.assessments.rebuild import rebuild
from ntm.assessments.services import do_set_values
from ntm.assessments.stored_levels import stored_levels
from ntm.assessments.writes import ValueRow
from ntm.criteria.inputs import Period
from ntm.criteria.registry import load_registry
from ntm.investment.services import ReportedData, do_save_reported
from ntm.reportsdata import cache
from ntm.reportsdata.rank import rank_among_siblings, sibling_counts
from ntm.units.models import AdminUnit
from tests.assessments.helpers import passing_rows, store_values
from tests.conftest import make_unit

pytestmark = pytest.mark.django_db

NTM = "xa-ntm-2021-2025"
PERIOD = "2023"
FLIP = "2.1"  # criterion 2's first indicator: "0" leaves the commune short of NTM
HIGHLAND_ONLY = "2.2"  # 80 meets it in the northern highlands (TDMNPB), not elsewhere (100)


def write(unit, rows) -> None:
    store_values(unit, PERIOD, rows, NTM)


def passing_but(unit, **raws: str) -> list[tuple[str, str]]:
    return [(code, raws.get(code, raw)) for code, raw in passing_rows(NTM, unit, PERIOD)]


@pytest.fixture
def country(units):
    """Thanh Hóa (three communes: Xuân Hòa at NTM, Xuân Minh one value short, Trung Hạ with one
    value) against Nghệ An (two communes, one at NTM): Thanh Hóa 1/3 ranks second of two."""
    other = make_unit("940", "Nghệ An", "province", region="BTB")
    district = make_unit("94001", "Huyện Một", "district", other)
    ntm_commune = make_unit("9400101", "Xã Một", "commune", district)
    make_unit("9400102", "Xã Hai", "commune", district)
    AdminUnit.objects.filter(pk=units.sibling_commune.pk).update(region="TDMNPB")
    units.sibling_commune.refresh_from_db()
    write(ntm_commune, passing_rows(NTM, ntm_commune, PERIOD))
    write(units.commune, passing_rows(NTM, units.commune, PERIOD))
    write(units.sibling_commune, passing_but(units.sibling_commune, **{FLIP: "0"}))
    write(units.other_commune, [(FLIP, "0")])
    units.other_province = other
    units.other_ntm_commune = ntm_commune
    return units


def rank(units):
    province = AdminUnit.objects.get(pk=units.province.pk)
    return rank_among_siblings(province, Period.parse(PERIOD), load_registry())


def uncached(units, settings):
    settings.NTM_PAGE_CACHE = False
    try:
        return rank(units)
    finally:
        settings.NTM_PAGE_CACHE = True


def position(found) -> tuple[int, int, float]:
    return (found.position, found.of, round(found.share, 4))


def kept() -> list[str]:
    return [k for k in caches[cache.ALIAS]._cache if "sibling-counts" in k]  # LocMemCache's


def cached_then(units, settings, change) -> tuple:
    """The rank cached (the first read computes the rows no writer stored, and is not kept;
    the second is), then ``change``, then the rank again: the positions before and after, after
    checking the second equals the uncached rank."""
    rank(units)
    before = rank(units)
    assert kept()
    change()
    after = rank(units)
    assert after == uncached(units, settings)
    return position(before), position(after)


def test_a_second_rank_reads_no_stored_row(country):
    rank(country)  # computes the rows no writer stored (the other sets of the ladder)
    rank(country)
    with CaptureQueriesContext(connection) as queries:
        found = rank(country)
    assert position(found) == (2, 2, 0.3333)
    assert not [q for q in queries if "assessments_storedresult" in q["sql"]]


def test_the_counts_are_the_stored_levels_of_the_communes(country):
    provinces = list(
        AdminUnit.objects.filter(pk__in=[country.province.pk, country.other_province.pk])
    )
    communes = list(AdminUnit.objects.filter(level="commune"))
    levels = stored_levels(communes, PERIOD)
    counts = sibling_counts(provinces, None, "2008", Period.parse(PERIOD), load_registry())
    for province in provinces:
        mine = [c for c in communes if c.path.startswith(province.path)]
        assert counts[province.pk][:2] == (
            len(mine),
            sum(1 for c in mine if levels[c.pk][1] and levels[c.pk][0]),
        )


def test_a_value_written_that_moves_a_level_moves_the_rank(country, settings):
    flip = dict(passing_rows(NTM, country.sibling_commune, PERIOD))[FLIP]
    before, after = cached_then(
        country, settings, lambda: write(country.sibling_commune, [(FLIP, flip)])
    )
    assert (before, after) == ((2, 2, 0.3333), (1, 2, 0.6667))


def test_a_value_deleted_moves_the_rank(country, settings):
    value = IndicatorValue.objects.get(unit=country.commune, indicator_code=FLIP, period=PERIOD)

    def delete():
        do_delete_value(value=value, author=None, expected_version=value.version)

    before, after = cached_then(country, settings, delete)
    assert (before, after) == ((2, 2, 0.3333), (2, 2, 0.0))


def test_an_import_that_moves_a_level_moves_the_rank(country, settings):
    criteria_set = load_registry().get(NTM)
    raw = dict(passing_rows(NTM, country.sibling_commune, PERIOD))[FLIP]
    stored = to_stored(parse_value(criteria_set.indicator(FLIP), raw))
    row = ValueRow(
        country.sibling_commune.pk,
        NTM,
        FLIP,
        PERIOD,
        Period.parse(PERIOD).index,
        raw_text(raw),
        stored.value_number,
        stored.value_bool,
        stored.value_text,
        stored.not_applicable,
        None,
    )
    before, after = cached_then(country, settings, lambda: do_set_values([row], source="import"))
    assert (before, after) == ((2, 2, 0.3333), (1, 2, 0.6667))


def test_a_rebuild_puts_right_a_rank_cached_over_rows_changed_by_hand(country, settings):
    # A stored level changed by hand (no writer): the rank cached now counts it ...
    rank(country)
    StoredResult.objects.filter(unit=country.commune, period=PERIOD).update(level="")
    caches[cache.ALIAS].clear()
    rank(country)
    assert position(rank(country)) == (2, 2, 0.0)
    assert kept()
    # ... and the rebuild, which recomputes it, moves the rank back.
    rebuild([Period.parse(PERIOD)])
    assert rank(country) == uncached(country, settings)
    assert position(rank(country)) == (2, 2, 0.3333)


def test_a_commune_merged_away_moves_the_rank(country, settings):
    def merge():
        merged = AdminUnit.objects.get(pk=country.other_ntm_commune.pk)
        merged.valid_to = date(2022, 12, 31)
        merged.save()

    before, after = cached_then(country, settings, merge)
    assert (before, after) == ((2, 2, 0.3333), (1, 1, 0.3333))  # Nghệ An: no data left


def test_a_commune_moved_to_another_province_moves_the_rank(country, settings):
    def move():
        moved = AdminUnit.objects.get(pk=country.other_commune.pk)
        moved.parent = AdminUnit.objects.get(code="94001")
        moved.path = f"{moved.parent.path}{moved.pk}/"
        moved.save()

    before, after = cached_then(country, settings, move)
    assert (before, after) == ((2, 2, 0.3333), (1, 2, 0.5))


def test_a_region_changed_by_hand_in_sql_moves_the_rank(country, settings):
    flip = dict(passing_rows(NTM, country.sibling_commune, PERIOD))[FLIP]
    write(country.sibling_commune, [(FLIP, flip), (HIGHLAND_ONLY, "80")])

    def move_region():  # no signal, no writer: only the units table's trigger sees it
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE units_adminunit SET region = %s WHERE id = %s",
                ["BTB", country.sibling_commune.pk],
            )

    before, after = cached_then(country, settings, move_region)
    assert (before, after) == ((1, 2, 0.6667), (2, 2, 0.3333))


def test_reported_figures_are_read_on_every_rank(country, settings):
    third = make_unit("942", "Hà Tĩnh", "province", region="BTB")

    def report(ntm: int) -> None:
        data = ReportedData(third.pk, PERIOD, communes=10, communes_ntm=ntm, reported_by="Sở")
        do_save_reported(data=data)

    report(1)
    before, after = cached_then(country, settings, lambda: report(9))
    assert (before, after) == ((2, 3, 0.3333), (3, 3, 0.3333))


def test_a_rank_drawn_on_rows_computed_from_values_is_not_kept(country):
    rank(country)  # the rows of the ladder's other sets are computed from the values
    assert not kept()
    rank(country)  # every row stored now: kept
    assert kept()
