"""The data-entry page: live verdicts, saving, validation, and optimistic locking."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from ntm.assessments.models import IndicatorValue
from ntm.web.entry_form import MSG_CONFLICT, MSG_FIX_ERRORS
from tests.web.conftest import NTM_SET, PERIOD, logged_in

pytestmark = pytest.mark.django_db


def _entry_url(unit) -> str:
    return reverse("web:entry", args=[unit.code, NTM_SET, PERIOD])


def _form_state(html: str) -> dict[str, str]:
    """The hidden and visible input values the page rendered, as a browser would post them."""
    fields = dict(
        re.findall(r'<input type="hidden" name="((?:ver|o|on)-[^"]+)" value="([^"]*)"', html)
    )
    fields.update(re.findall(r'name="(v-[^"]+)" value="([^"]*)"', html))
    return fields


def _stored(unit, code="2.1") -> IndicatorValue:
    return IndicatorValue.objects.get(
        unit=unit, set_code=NTM_SET, indicator_code=code, period=PERIOD
    )


def test_the_form_shows_the_requirement_for_this_commune_and_the_stored_value(
    units, personas, stored_value
):
    response = logged_in(personas.commune_officer).get(_entry_url(units.commune))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="v-2_1" value="80"' in html
    assert "≥ 100%" in html
    assert "Tiêu chí số 2" in html


def test_the_live_verdict_follows_the_value_being_typed_without_saving(
    units, personas, stored_value
):
    client = logged_in(personas.commune_officer)
    url = reverse("web:entry_verdict", args=[units.commune.code, NTM_SET, PERIOD])
    failing = client.post(url, {"indicator": "2.1", "v-2_1": "95,5"}).content.decode()
    passing = client.post(url, {"indicator": "2.1", "v-2_1": "100%"}).content.decode()
    junk = client.post(url, {"indicator": "2.1", "v-2_1": "nhiều"}).content.decode()
    assert 'data-status="unmet"' in failing
    assert 'data-status="met"' in passing
    assert "không phải là tỷ lệ phần trăm" in junk
    assert _stored(units.commune).raw == "80"


def test_saving_a_passing_value_changes_the_verdict_and_the_counts(units, personas, stored_value):
    client = logged_in(personas.commune_officer)
    before = client.get(_entry_url(units.commune)).content.decode()
    fields = _form_state(before)
    fields["v-2_1"] = "100"
    response = client.post(_entry_url(units.commune), fields)
    assert response.status_code == 302
    value = _stored(units.commune)
    assert (value.raw, value.value_number, value.version, value.author) == (
        "100",
        100.0,
        2,
        personas.commune_officer,
    )
    after = client.get(_entry_url(units.commune)).content.decode()
    met = re.search(r"data-indicators-met>(\d+)/", after).group(1)
    assert int(met) == int(re.search(r"data-indicators-met>(\d+)/", before).group(1)) + 1


def test_a_value_that_does_not_parse_is_refused_with_the_users_input_kept(
    units, personas, stored_value
):
    client = logged_in(personas.commune_officer)
    fields = _form_state(client.get(_entry_url(units.commune)).content.decode())
    fields["v-2_1"] = "chín mươi"
    response = client.post(_entry_url(units.commune), fields)
    html = response.content.decode()
    assert response.status_code == 400
    assert MSG_FIX_ERRORS.format(n=1) in html
    assert 'value="chín mươi"' in html
    assert _stored(units.commune).raw == "80"


def test_a_second_session_editing_the_same_value_is_refused_and_nothing_is_lost(
    units, personas, stored_value
):
    first, second = logged_in(personas.commune_officer), logged_in(personas.district_office)
    first_form = _form_state(first.get(_entry_url(units.commune)).content.decode())
    second_form = _form_state(second.get(_entry_url(units.commune)).content.decode())

    first_form["v-2_1"] = "90"
    assert first.post(_entry_url(units.commune), first_form).status_code == 302

    second_form["v-2_1"] = "95"
    second_form["v-2_2"] = "100"  # another change in the same save: must not land either
    refused = second.post(_entry_url(units.commune), second_form)
    html = refused.content.decode()

    assert refused.status_code == 409
    assert MSG_CONFLICT.format(n=1) in html
    assert 'name="v-2_1" value="95"' in html and 'name="v-2_2" value="100"' in html
    assert "Giá trị hiện lưu: “90”" in html
    assert _stored(units.commune).raw == "90"
    assert not IndicatorValue.objects.filter(unit=units.commune, indicator_code="2.2").exists()
    history = [h.raw for h in _stored(units.commune).history.order_by("history_date")]
    assert history == ["80", "90"]

    # Having seen the new value, the second user saves again on purpose: now it lands.
    assert second.post(_entry_url(units.commune), _form_state(html)).status_code == 302
    assert _stored(units.commune).raw == "95"
    assert _stored(units.commune, "2.2").raw == "100"


def test_a_row_left_alone_does_not_conflict_with_someone_elses_save(units, personas, stored_value):
    first, second = logged_in(personas.commune_officer), logged_in(personas.district_office)
    second_form = _form_state(second.get(_entry_url(units.commune)).content.decode())
    first_form = _form_state(first.get(_entry_url(units.commune)).content.decode())
    first_form["v-2_1"] = "90"
    first.post(_entry_url(units.commune), first_form)
    second_form["v-2_2"] = "100"
    assert second.post(_entry_url(units.commune), second_form).status_code == 302
    assert _stored(units.commune).raw == "90"


def test_a_department_officer_edits_only_the_criteria_of_the_department(
    units, personas, stored_value
):
    client = logged_in(personas.department_officer)
    html = client.get(_entry_url(units.commune)).content.decode()
    assert 'name="v-2_1"' in html
    assert 'name="v-1_1"' not in html
    fields = _form_state(html)
    fields["v-1_1"] = "Đạt"  # not theirs: ignored, never stored
    fields["v-2_1"] = "100"
    assert client.post(_entry_url(units.commune), fields).status_code == 302
    assert _stored(units.commune).raw == "100"
    assert not IndicatorValue.objects.filter(unit=units.commune, indicator_code="1.1").exists()


@pytest.mark.parametrize(
    ("set_code", "period", "warned"),
    [
        ("xa-ntm-2026-2030", "2023-05", True),
        ("xa-ntm-2021-2025", "2031-01", True),
        ("xa-ntm-2021-2025", "2019", True),
        ("xa-ntm-2021-2025", PERIOD, False),
        ("xa-ntm-2021-2025", "2022", False),
        ("xa-ntm-2026-2030", "2026", False),
    ],
)
def test_a_period_outside_the_sets_validity_is_warned_about_but_not_blocked(
    units, personas, set_code, period, warned
):
    client = logged_in(personas.commune_officer)
    response = client.get(reverse("web:entry", args=[units.commune.code, set_code, period]))
    assert response.status_code == 200
    html = response.content.decode()
    assert ('id="validity-warning"' in html) is warned
    if warned:
        assert "nằm ngoài thời gian áp dụng" in html and 'id="entry-form"' in html


def test_the_live_verdict_updates_the_summary_and_criterion_verdicts_from_every_typed_value(
    units, personas, stored_value
):
    client = logged_in(personas.commune_officer)
    url = reverse("web:entry_verdict", args=[units.commune.code, NTM_SET, PERIOD])
    typed = {
        "indicator": "2.1",
        "v-2_1": "100",
        "v-2_2": "100",
        "v-2_3": "100",
        "v-2_4": "100",
        "v-7_1": "Đạt",
    }
    html = client.post(url, typed).content.decode()
    counts = html.split('id="entry-counts"')[1]
    assert 'hx-swap-oob="true"' in counts.split(">")[0]
    assert "data-criteria-met>2/19<" in counts and "data-indicators-met>5/57<" in counts
    assert "chưa lưu" in counts
    assert 'id="crit-verdict-2" hx-swap-oob="true"><span class="verdict verdict-met' in html
    assert _stored(units.commune).raw == "80"  # nothing saved


def test_the_entry_page_folds_criteria_and_offers_keyboard_print_and_note_prompts(
    units, personas, stored_value
):
    html = logged_in(personas.commune_officer).get(_entry_url(units.commune)).content.decode()
    assert html.count('<details class="entry-details" open') == 19
    assert "data-entry-print" in html and 'id="note-check-2_1"' in html
    assert 'class="crit-chip verdict-unmet" href="#criterion-2"' in html
    assert "web/js/entry.js" in html and "<script>" not in html


def test_a_save_of_several_values_leaves_the_stored_results_as_the_engine_computes_them(
    units, personas, stored_value
):
    from ntm.assessments.models import StoredResult
    from ntm.assessments.rebuild import check
    from ntm.assessments.stored import stored_results
    from ntm.criteria.inputs import Period

    stored_results([units.commune], NTM_SET, PERIOD)  # as the commune page would
    before = StoredResult.objects.get(unit=units.commune, set_code=NTM_SET, period=PERIOD)
    client = logged_in(personas.commune_officer)
    fields = _form_state(client.get(_entry_url(units.commune)).content.decode())
    fields.update({"v-2_1": "100", "v-2_2": "100", "v-2_3": "100"})
    assert client.post(_entry_url(units.commune), fields).status_code == 302
    assert {_stored(units.commune, c).raw for c in ("2.1", "2.2", "2.3")} == {"100"}
    after = StoredResult.objects.get(unit=units.commune, set_code=NTM_SET, period=PERIOD)
    assert after.indicators_met > before.indicators_met
    assert check([Period.parse(PERIOD)]) == []
