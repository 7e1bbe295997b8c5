"""Uploading and activating a provincial set: checked, stored as a draft, activated as a file
the registry reads, audited with who and when; a bad file changes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from ntm.criteria.candidate import CandidateError
from ntm.criteria.registry import load_registry
from ntm.provincialsets.models import ProvincialSet
from ntm.provincialsets.services import do_activate_provincial_set, do_upload_provincial_set
from tests.provincialsets.conftest import OVERRIDE

pytestmark = pytest.mark.django_db


def test_an_upload_is_a_draft_the_registry_does_not_read(units, personas, active_dir):
    item = do_upload_provincial_set(
        province=units.province,
        file_name="th.yaml",
        content=OVERRIDE.encode(),
        user=personas.province_office,
    )
    assert (item.status, item.code, item.base) == (
        "draft",
        "xa-ntm-2021-2025-thanh-hoa",
        "xa-ntm-2021-2025",
    )
    assert "xa-ntm-2021-2025-thanh-hoa" not in load_registry()
    assert item.history.first().history_user == personas.province_office


def test_activation_writes_the_file_and_records_who_and_from_when(units, personas, active_dir):
    item = do_upload_provincial_set(
        province=units.province,
        file_name="th.yaml",
        content=OVERRIDE.encode(),
        user=personas.province_office,
    )
    do_activate_provincial_set(
        provincial_set=item, user=personas.province_office, effective_from=date(2022, 9, 1)
    )
    item.refresh_from_db()
    assert item.status == "active" and item.effective_from == date(2022, 9, 1)
    assert item.activated_by == personas.province_office and item.activated_at is not None
    assert (active_dir / "938-xa-ntm-2021-2025-thanh-hoa.yaml").exists()
    assert load_registry().get("xa-ntm-2021-2025-thanh-hoa").indicator("2.9").verified
    assert item.history.first().history_user == personas.province_office
    second = do_upload_provincial_set(
        province=units.province,
        file_name="th2.yaml",
        content=OVERRIDE.replace("(thử)\nadd", "(thử, lần 2)\nadd").encode(),
        user=personas.province_office,
    )
    do_activate_provincial_set(
        provincial_set=second, user=personas.province_office, effective_from=date(2023, 1, 1)
    )
    item.refresh_from_db()
    assert item.status == "replaced"
    assert len(list(active_dir.glob("*.yaml"))) == 1


def test_a_file_in_another_provinces_name_is_refused_and_nothing_is_stored(
    units, personas, active_dir
):
    with pytest.raises(CandidateError) as info:
        do_upload_provincial_set(
            province=units.province,
            file_name="th.yaml",
            content=OVERRIDE.replace('province: "938"', 'province: "40"').encode(),
            user=personas.province_office,
        )
    assert info.value.problem.path == "province" and "938" in info.value.problem.problem
    assert not ProvincialSet.objects.exists()


def test_a_bad_threshold_names_the_line_in_vietnamese(units, personas, active_dir):
    bad = OVERRIDE.replace("kind: boolean", "kind: boolen")
    with pytest.raises(CandidateError) as info:
        do_upload_provincial_set(
            province=units.province,
            file_name="th.yaml",
            content=bad.encode(),
            user=personas.province_office,
        )
    message = info.value.problem.message()
    assert message.startswith("th.yaml, dòng 8: add_indicators.2[0]")
    assert not ProvincialSet.objects.exists()


def test_activating_a_new_version_recomputes_the_results_stored_under_the_old_one(
    units, personas, active_dir
):
    from ntm.assessments.models import StoredResult
    from ntm.assessments.services import do_set_value
    from ntm.assessments.stored import stored_results

    code = "xa-ntm-2021-2025-thanh-hoa"
    first = do_upload_provincial_set(
        province=units.province,
        file_name="th.yaml",
        content=OVERRIDE.encode(),
        user=personas.province_office,
    )
    do_activate_provincial_set(
        provincial_set=first, user=personas.province_office, effective_from=date(2022, 9, 1)
    )
    do_set_value(
        unit=units.commune,
        set_code=code,
        indicator_code="2.9",
        period="2023",
        raw="Đạt",
        source="form",
        author=None,
    )
    stored_results([units.commune], code, "2023")
    before = StoredResult.objects.get(unit=units.commune, set_code=code, period="2023")
    # The second version makes 2.9 a number (lights per km): "Đạt" no longer meets it.
    second = do_upload_provincial_set(
        province=units.province,
        file_name="th2.yaml",
        content=OVERRIDE.replace(
            "kind: boolean, op: is_true", 'kind: number, op: ">=", threshold: 5'
        ).encode(),
        user=personas.province_office,
    )

    do_activate_provincial_set(
        provincial_set=second, user=personas.province_office, effective_from=date(2023, 1, 1)
    )

    after = StoredResult.objects.get(unit=units.commune, set_code=code, period="2023")
    assert after.digest != before.digest
    letters = load_registry().get(code)
    position = [i.code for i in letters.indicators].index("2.9")
    assert (before.indicator_letters[position], after.indicator_letters[position]) == ("m", "u")
