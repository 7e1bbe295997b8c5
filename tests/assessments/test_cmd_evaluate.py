"""``ntm evaluate``: every criterion, and for each unmet indicator its value and threshold."""

from __future__ import annotations

import json

import pytest

from ntm.assessments.services import do_set_value
from ntm.cli import main
from tests.assessments.helpers import passing_rows

NTM = "xa-ntm-2021-2025"


@pytest.fixture
def xuan_hoa(units):
    rows = dict(passing_rows(NTM, units.commune, "2023-05"))
    rows["2.1"] = "80"
    rows["2.2"] = "90"
    del rows["1.2"]
    for code, raw in rows.items():
        do_set_value(
            unit=units.commune,
            set_code=NTM,
            indicator_code=code,
            period="2023-05",
            raw=raw,
            source="demo",
            author=None,
        )
    return units.commune


@pytest.mark.django_db
def test_it_prints_the_19_criteria_and_each_unmet_indicators_value_and_threshold(xuan_hoa, capsys):
    assert (
        main(["evaluate", "Thanh Hoá/Thọ Xuân/Xuân Hoà", "--period", "2023-05", "--set", NTM]) == 0
    )

    out = capsys.readouterr().out
    assert [f"Tiêu chí {n} -" in out for n in range(1, 20)] == [True] * 19
    assert "Đạt 17/19 tiêu chí" in out and "1 chỉ tiêu chưa có số liệu." in out
    line_21 = next(line for line in out.splitlines() if line.strip().startswith("- 2.1"))
    assert "80% (2023-05), yêu cầu ≥ 100%" in line_21
    assert "[✗] Tiêu chí 2 - Giao thông: chưa đạt (2/4 chỉ tiêu)" in out
    line_22 = next(line for line in out.splitlines() if line.strip().startswith("- 2.2"))
    assert "90% (2023-05), yêu cầu ≥ 100% (" in line_22
    assert any(
        line.strip().startswith("- 1.2") and "chưa có số liệu" in line for line in out.splitlines()
    )


@pytest.mark.django_db
def test_without_a_set_it_shows_the_level_reached(xuan_hoa, capsys):
    assert main(["evaluate", "9389401", "--period", "2023-05"]) == 0

    out = capsys.readouterr().out
    assert "Mức đạt: chưa đạt chuẩn NTM" in out
    assert "(xa-ntm-2021-2025)" in out and "(xa-ntm-nang-cao-2021-2025)" in out


@pytest.mark.django_db
def test_the_json_holds_set_period_criteria_and_indicators(xuan_hoa, capsys):
    assert main(["evaluate", "9389401", "--period", "2023-05", "--json"]) == 0

    data = json.loads(capsys.readouterr().out)
    assert data["period"] == "2023-05"
    assert data["level"] is None
    ntm = next(s for s in data["sets"] if s["set"] == NTM)
    assert (len(ntm["criteria"]), sum(len(c["indicators"]) for c in ntm["criteria"])) == (19, 57)
    item = next(i for c in ntm["criteria"] for i in c["indicators"] if i["code"] == "2.1")
    assert (item["status"], item["value"], item["threshold"], item["period"]) == (
        "unmet",
        80.0,
        100,
        "2023-05",
    )
    assert item["verified"] is False and item["stale"] is False
    by_region = next(i for c in ntm["criteria"] for i in c["indicators"] if i["code"] == "2.2")
    assert by_region["threshold"] == 100 and by_region["basis"]


@pytest.mark.django_db
def test_an_unknown_unit_exits_1(units, capsys):
    assert main(["evaluate", "Thanh Hoá/Không Có", "--period", "2023-05"]) == 1
    assert "Không tìm thấy" in capsys.readouterr().err
