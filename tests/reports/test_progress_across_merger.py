"""Progress across the 2025 reorganisation: for periods before a merged commune existed, the
report adds up the figures of the communes it was made from and says so in every output."""

from __future__ import annotations

import json
from datetime import date

import pytest

from ntm.assessments.services import do_set_value
from ntm.cli import main
from ntm.reportsdata.gather import progress_for, summary_for
from ntm.units.models import UnitLineage
from tests.assessments.helpers import passing_rows
from tests.conftest import make_unit

OLD_SET = "xa-ntm-2021-2025"
NEW = date(2025, 7, 1)
pytestmark = pytest.mark.django_db


@pytest.fixture
def merged(units):
    """Xuân Hòa (NTM by its 2023 data) and part of Xuân Minh (no data) became Xuân Thọ."""
    province = make_unit("938", "Thanh Hóa", "province", era="2025", valid_from=NEW)
    new = make_unit("99381", "Xuân Thọ", "commune", province, era="2025", valid_from=NEW)
    UnitLineage.objects.create(old=units.commune, new=new, effective=NEW)
    UnitLineage.objects.create(old=units.sibling_commune, new=new, effective=NEW, partial=True)
    for code, raw in passing_rows(OLD_SET, units.commune, "2023"):
        do_set_value(
            unit=units.commune,
            set_code=OLD_SET,
            indicator_code=code,
            period="2023",
            raw=raw,
            source="import",
            author=None,
        )
    return new


def test_periods_before_the_merger_add_up_the_predecessors_and_say_so(merged, units):
    progress = progress_for(merged, "2023", "2026")
    data = progress.to_json()
    rows = {r["period"]: r for r in data["rows"]}
    assert data["aggregated_periods"] == ["2023", "2024"]
    assert rows["2023"]["communes"]["total"] == 2 and rows["2023"]["communes"]["ntm"] == 1
    assert [(u["code"], u["partial"]) for u in rows["2023"]["aggregate_of"]] == [
        (units.commune.code, False),
        (units.sibling_commune.code, True),
    ]
    assert "aggregate_of" not in rows["2025"] and rows["2025"]["communes"]["total"] == 1
    assert rows["2024"]["carried_forward"] is True  # the 2023 values, no new ones in 2024
    assert "tổng hợp của các đơn vị trước sắp xếp" in progress.text
    assert "một phần xã Xuân Minh" in progress.text and "chính xã Xuân Thọ" in progress.text
    assert "aggregate of the units" in progress.text_en
    assert progress.period_labels()[0] == "2023 (tổng hợp các đơn vị trước sắp xếp)"


def test_a_summary_keeps_the_units_own_figures(merged):
    """Only the progress report aggregates: a summary is about the unit as it stands."""
    assert "aggregate_of" not in summary_for(merged, "2026").to_json()["earlier"]


def test_the_progress_command_prints_the_aggregate_note(merged, capsys):
    assert main(["report", "progress", "99381", "--from", "2023", "--to", "2026"]) == 0
    text = capsys.readouterr().out
    assert "tổng hợp các đơn vị trước sắp xếp" in text
    assert (
        main(["report", "progress", "99381", "--from", "2023", "--to", "2026", "--format", "json"])
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["aggregated_periods"] == ["2023", "2024"]
