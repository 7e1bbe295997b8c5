"""``do_set_value``: the write, its history, and the optimistic lock."""

from __future__ import annotations

import pytest

from ntm.assessments.catalog import UnknownIndicator
from ntm.assessments.models import IndicatorValue
from ntm.assessments.parsing import ValueParseError
from ntm.assessments.selectors import value_history
from ntm.assessments.services import (
    MSG_BAD_PERIOD,
    MSG_VALUE_CONFLICT_UNKNOWN,
    ValueConflict,
    do_set_value,
)

NTM = "xa-ntm-2021-2025"


@pytest.fixture
def officer(django_user_model):
    return django_user_model.objects.create_user("xa.xuanhoa", first_name="Lê", last_name="Văn An")


@pytest.fixture
def other(django_user_model):
    return django_user_model.objects.create_user("huyen.thoxuan")


def set_value(unit, raw, author, **kwargs):
    return do_set_value(
        unit=unit,
        set_code=NTM,
        indicator_code="2.1",
        period="2023-05",
        raw=raw,
        source="form",
        author=author,
        **kwargs,
    )


@pytest.mark.django_db
def test_it_stores_raw_and_parsed_value_with_a_history_row(units, officer):
    value = set_value(units.commune, "95,5%", officer, note="đo tháng 5")

    value.refresh_from_db()
    assert (value.raw, value.value_number, value.note, value.version, value.period_index) == (
        "95,5%",
        95.5,
        "đo tháng 5",
        1,
        2023 * 12 + 4,
    )
    record = value.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "+",
        officer,
        "form",
    )


@pytest.mark.django_db
def test_each_change_bumps_the_version_and_keeps_the_old_value_in_history(units, officer, other):
    first = set_value(units.commune, "80", officer)
    second = set_value(units.commune, "92", other, expected_version=first.version)

    assert second.version == 2
    entries = value_history(second)
    assert [(e.old_raw, e.new_raw, e.who) for e in entries] == [
        ("80", "92", "huyen.thoxuan"),
        (None, "80", "Lê Văn An"),
    ]


@pytest.mark.django_db
def test_saving_the_same_value_again_changes_nothing(units, officer):
    first = set_value(units.commune, "80", officer)

    again = set_value(units.commune, "80", officer, expected_version=1)

    assert again.version == 1 == first.version
    assert again.history.count() == 1


@pytest.mark.django_db
def test_a_stale_expected_version_is_refused_and_names_who_changed_it(units, officer, other):
    set_value(units.commune, "80", officer)
    set_value(units.commune, "85", other, expected_version=1)

    with pytest.raises(ValueConflict) as caught:
        set_value(units.commune, "99", officer, expected_version=1)

    assert "huyen.thoxuan" in caught.value.message
    assert '"85"' in caught.value.message
    value = IndicatorValue.objects.get()
    assert (value.raw, value.version, value.history.count()) == ("85", 2, 2)


@pytest.mark.django_db
def test_a_value_that_does_not_parse_writes_nothing(units, officer):
    with pytest.raises(ValueParseError):
        set_value(units.commune, "chín mươi", officer)
    assert IndicatorValue.objects.count() == 0


@pytest.mark.django_db
def test_an_unknown_indicator_or_period_is_refused(units, officer):
    with pytest.raises(UnknownIndicator):
        do_set_value(
            unit=units.commune,
            set_code=NTM,
            indicator_code="99.1",
            period="2023",
            raw="1",
            source="form",
            author=officer,
        )
    with pytest.raises(ValueParseError) as caught:
        do_set_value(
            unit=units.commune,
            set_code=NTM,
            indicator_code="2.1",
            period="2023-13",
            raw="1",
            source="form",
            author=officer,
        )
    assert caught.value.message == MSG_BAD_PERIOD.format(period="2023-13")


@pytest.mark.django_db
def test_expecting_a_value_that_is_not_there_is_a_conflict(units, officer):
    with pytest.raises(ValueConflict) as caught:
        set_value(units.commune, "90", officer, expected_version=3)

    assert caught.value.message == MSG_VALUE_CONFLICT_UNKNOWN
    assert IndicatorValue.objects.count() == 0


@pytest.mark.django_db
def test_a_value_for_a_set_of_another_level_is_refused(units):
    from ntm.assessments.catalog import WrongLevel
    from ntm.assessments.models import IndicatorValue
    from ntm.assessments.services import do_set_value

    with pytest.raises(WrongLevel) as info:
        do_set_value(
            unit=units.district,
            set_code="xa-ntm-2021-2025",
            indicator_code="17.2",
            period="2023",
            raw="50",
            source="form",
            author=None,
        )
    assert "dành cho cấp commune" in info.value.message
    assert not IndicatorValue.objects.exists()


@pytest.mark.django_db
def test_a_form_save_and_an_import_of_the_same_value_agree_it_is_unchanged(
    units, officer, tmp_path
):
    from ntm.cli import main

    value = set_value(units.commune, "95,5%", officer, note="")
    path = tmp_path / "values.csv"
    path.write_text(
        f'unit,period,set,indicator,value\n{units.commune.code},2023-05,{NTM},2.1,"95,5%"\n',
        encoding="utf-8",
    )
    assert main(["import", str(path)]) == 0
    value.refresh_from_db()
    assert value.version == 1
    assert len(value_history(value)) == 1


@pytest.mark.django_db
def test_a_note_longer_than_the_one_limit_is_refused_by_every_write(units, officer):
    from ntm.assessments.parsing import MSG_NOTE_TOO_LONG, NOTE_MAX_LENGTH

    with pytest.raises(ValueParseError) as caught:
        set_value(units.commune, "95", officer, note="x" * (NOTE_MAX_LENGTH + 1))
    assert caught.value.message == MSG_NOTE_TOO_LONG.format(limit=NOTE_MAX_LENGTH)
    assert not IndicatorValue.objects.exists()
