"""Which tier a decision in force recognises each unit at, for few units and for many."""

from __future__ import annotations

from datetime import date

import pytest

from ntm.recognition.models import Recognition
from ntm.recognition.selectors import IN_LIST_LIMIT, recognised_tiers
from tests.conftest import make_unit

pytestmark = pytest.mark.django_db
ON = date(2024, 12, 31)


def _recognise(unit, level: str, on: date, revoked: date | None = None) -> None:
    Recognition.objects.create(
        unit=unit, level=level, decision="1/QĐ-UBND", date=on, revoked_date=revoked
    )


@pytest.mark.parametrize("many", [False, True])
def test_only_the_units_asked_for_get_their_highest_tier_in_force(units, many):
    communes = [
        make_unit(f"9387{n:04d}", f"Xã {n}", "commune", units.district)
        for n in range(IN_LIST_LIMIT + 2 if many else 4)
    ]
    asked, other = communes[:-1], communes[-1]
    _recognise(asked[0], "ntm", date(2020, 1, 1))
    _recognise(asked[0], "advanced", date(2023, 1, 1))
    _recognise(asked[1], "ntm", date(2020, 1, 1), revoked=date(2024, 6, 1))
    _recognise(asked[2], "ntm", date(2025, 3, 1))  # after the date asked about
    _recognise(other, "ntm", date(2020, 1, 1))

    tiers = recognised_tiers([u.pk for u in asked], ON)

    assert tiers == {asked[0].pk: "advanced"}
