"""Reads of stored values for the engine."""

from __future__ import annotations

import pytest

from ntm.assessments.selectors import observations_for_units

pytestmark = pytest.mark.django_db


def test_no_units_read_no_values_and_raise_nothing():
    assert observations_for_units([], "xa-ntm-2021-2025", "2023") == {}
