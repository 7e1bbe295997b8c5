"""What-if: the commune's new result and its district's figures, nothing saved."""

from __future__ import annotations

import pytest

from ntm.assessments.models import IndicatorValue
from ntm.planning.whatif import MSG_NO_CHANGES, WhatIfError, what_if
from tests.planning.conftest import NTM, PERIOD, enter


@pytest.mark.django_db
def test_reaching_the_threshold_makes_the_commune_ntm_in_the_district_figures_and_saves_nothing(
    units,
):
    enter(units.commune, {"2.1": "80"})
    enter(units.sibling_commune, {})
    stored = list(IndicatorValue.objects.values_list("id", "raw", "version").order_by("id"))
    history = IndicatorValue.history.count()

    outcome = what_if(units.commune, NTM, PERIOD, {"2.1": "100"})

    assert (outcome.before.result.criteria_met, outcome.after.result.criteria_met) == (18, 19)
    assert (outcome.before.level, outcome.after.level) == (None, "ntm")
    assert outcome.before.district_figures["communes"]["ntm"] == 1
    assert outcome.after.district_figures["communes"]["ntm"] == 2
    assert outcome.after.gap.unmet == ()
    assert list(IndicatorValue.objects.values_list("id", "raw", "version").order_by("id")) == stored
    assert IndicatorValue.history.count() == history


@pytest.mark.django_db
def test_a_missing_value_can_be_assumed_too(units):
    enter(units.commune, {"1.2": None})
    outcome = what_if(units.commune, NTM, PERIOD, {"1.2": "Đạt"})
    assert outcome.before.gap.missing == ("1.2",) and outcome.after.result.met
    assert not IndicatorValue.objects.filter(unit=units.commune, indicator_code="1.2").exists()


@pytest.mark.django_db
def test_an_unknown_indicator_or_a_bad_value_is_refused_by_code(units):
    with pytest.raises(WhatIfError) as exc:
        what_if(units.commune, NTM, PERIOD, {"99.1": "1", "2.1": "nhiều", "1.1": "Đạt"})
    assert set(exc.value.errors) == {"99.1", "2.1"}
    with pytest.raises(WhatIfError) as exc:
        what_if(units.commune, NTM, PERIOD, {})
    assert exc.value.errors == {"": MSG_NO_CHANGES}
