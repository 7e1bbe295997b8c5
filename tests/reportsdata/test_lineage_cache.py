"""A progress report's lineage roots are kept under the units version, which the lineage table
moves (``levels_version.LINEAGE_TABLE``): a predecessor registered after a report shows in the
next one."""

from __future__ import annotations

from datetime import date

import pytest

from ntm.reportsdata.gather import _lineage_roots
from ntm.units.models import UnitLineage

pytestmark = pytest.mark.django_db


def test_a_predecessor_registered_after_a_report_is_read_by_the_next(units, settings):
    assert _lineage_roots(units.commune) == [units.commune]
    assert _lineage_roots(units.commune) == [units.commune]  # from the cache
    UnitLineage.objects.create(
        old=units.sibling_commune, new=units.commune, effective=date(2024, 1, 1)
    )
    found = {u.pk for u in _lineage_roots(units.commune)}
    assert found == {units.commune.pk, units.sibling_commune.pk}
