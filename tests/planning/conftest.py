"""Communes of Thọ Xuân with values for the NTM set: all passing, then a few changed per test."""

from __future__ import annotations

import pytest

from ntm.assessments.services import do_set_value
from tests.assessments.helpers import passing_rows
from tests.conftest import make_unit

NTM = "xa-ntm-2021-2025"
PERIOD = "2023-05"


def enter(unit, changes: dict[str, str | None], period: str = PERIOD, set_code: str = NTM) -> None:
    """Every indicator passing, except ``changes`` (None: no value)."""
    rows = dict(passing_rows(set_code, unit, period))
    rows.update(changes)
    for code, raw in rows.items():
        if raw is not None:
            do_set_value(
                unit=unit,
                set_code=set_code,
                indicator_code=code,
                period=period,
                raw=raw,
                source="demo",
                author=None,
            )


@pytest.fixture
def more_communes(units):
    """Two more communes of Thọ Xuân (9389403, 9389404)."""
    return (
        make_unit("9389403", "Xuân Lai", "commune", units.district),
        make_unit("9389404", "Xuân Lập", "commune", units.district),
    )
