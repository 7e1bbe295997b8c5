"""Reports ask "recognised as?" of the decisions: the summary's "recognised" section and the
review's revocation check (design.md §10)."""

from __future__ import annotations

import csv
import json

import pytest

from ntm.cli import main
from ntm.criteria.registry import load_registry
from tests.assessments.helpers import passing_rows

pytestmark = pytest.mark.django_db
NTM = "xa-ntm-2021-2025"
HEADER = "unit,level,decision,date,issuer,set,action,note"


def failing_half(unit, period: str) -> dict[str, str]:
    """Every NTM indicator met except one in each of criteria 1-10: 10/19 unmet, at risk."""
    rows = dict(passing_rows(NTM, unit, period))
    for criterion in load_registry().get(NTM).criteria:
        if criterion.number > 10:
            continue
        indicator = next(
            i
            for i in criterion.indicators
            if i.aggregate is None and i.op in ("is_true", ">=", "<=")
        )
        rows[indicator.code] = {"is_true": "Chưa đạt", ">=": "0", "<=": "100000"}[indicator.op]
    return rows


@pytest.fixture
def short_communes(units, tmp_path):
    """Xuân Hòa and Xuân Minh both fail 10 of 19 criteria in 2023-05;
    only Xuân Minh is recognised."""
    path = tmp_path / "values.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["unit", "period", "set", "indicator", "value"])
        for unit in (units.commune, units.sibling_commune):
            writer.writerows(
                [unit.code, "2023-05", NTM, code, raw]
                for code, raw in failing_half(unit, "2023-05").items()
            )
    assert main(["import", str(path)]) == 0
    decisions = tmp_path / "recognitions.csv"
    decisions.write_text(
        "\n".join(
            [
                HEADER,
                "9389402,ntm,12/QĐ-UBND,2018-03-01,UBND tỉnh Thanh Hóa,,,",
                "9389401,ntm,13/QĐ-UBND,2018-03-01,UBND tỉnh Thanh Hóa,,,",
                "9389401,ntm,2/QĐ-UBND,2020-01-01,UBND tỉnh Thanh Hóa,,revoke,",
                "9389401-1,village-model,5/QĐ-UBND,2021-01-01,UBND huyện Thọ Xuân,,,",
                "93894,ntm,999/QĐ-TTg,2019-12-20,Thủ tướng Chính phủ,,,",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    assert main(["import", str(decisions)]) == 0
    return units


def report(capsys, *argv):
    assert main(["report", *argv, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_revocation_risk_is_flagged_only_for_communes_recognised_at_the_sets_level(
    short_communes, capsys
):
    data = report(capsys, "review", "93894", "--period", "2023-05", "--set", NTM)
    risk = {c["name"]: c["revocation_risk"]["at_risk"] for c in data["communes"]}
    assert risk == {"Xuân Hòa": False, "Xuân Minh": True}
    recognised = {c["name"]: (c["recognised"], c["level"]) for c in data["communes"]}
    assert recognised == {"Xuân Hòa": (None, None), "Xuân Minh": ("ntm", None)}
    assert (
        "Có 01 xã đã được công nhận theo quyết định nhưng theo số liệu chưa đạt đủ" in data["text"]
    )
    assert (
        "các xã đã được công nhận sau thuộc diện thu hồi quyết định công nhận: Xuân Minh (10/19"
        in data["text"]
    )
    assert (
        "1 commune(s) recognised by decision do not meet xa-ntm-2021-2025 by the data: Xuân Minh."
        in data["text_en"]
    )


def test_the_summary_counts_units_recognised_and_not_revoked_at_the_end_of_the_period(
    short_communes, capsys
):
    data = report(capsys, "summary", "93894", "--period", "2023-05")
    assert data["recognised"] == {
        "communes": {"ntm": 1, "advanced": 0, "model": 0},
        "villages": {"ntm": 1, "model": 1},
        "unit": [{"level": "ntm", "decision": "999/QĐ-TTg", "date": "2019-12-20"}],
    }
    assert (
        "Theo quyết định công nhận (chưa bị thu hồi), lũy kế đến 31/5/2023: "
        "toàn huyện Thọ Xuân đã có "
        "01 xã, 01 thôn đạt chuẩn NTM; 01 thôn đạt chuẩn NTM kiểu mẫu."
    ) in data["text"]
    assert (
        "Huyện Thọ Xuân được công nhận đạt chuẩn NTM theo Quyết định số 999/QĐ-TTg "
        "ngày 20/12/2019 của Thủ tướng Chính phủ." in data["text"]
    )
    # The data's answer stays in the first line, labelled by the note that replaces
    # "levels come from data".
    assert "toàn huyện Thọ Xuân có 00/02 xã đạt chuẩn NTM" in data["text"]
    assert (
        data["notes"][0].startswith("Hai câu hỏi khác nhau")
        and "xa-ntm-2021-2025" in data["notes"][0]
    )
    assert not any("không phải quyết định công nhận" in n for n in data["notes"])
    assert "1 communes and 1 villages recognised NTM" in data["text_en"]


def test_the_summary_before_any_decision_says_none_is_recorded(short_communes, capsys):
    data = report(capsys, "summary", "93894", "--period", "2017")
    assert data["recognised"] == {
        "communes": {"ntm": 0, "advanced": 0, "model": 0},
        "villages": {"ntm": 0, "model": 0},
        "unit": [],
    }
    assert (
        "chưa có xã, thôn nào trong huyện Thọ Xuân được ghi nhận công nhận đạt chuẩn NTM"
        in data["text"]
    )
    assert (
        data["notes"][0]
        == "Mức đạt tính từ số liệu theo bộ tiêu chí, không phải quyết định công nhận."
    )


def test_a_revoked_commune_no_longer_counts(short_communes, capsys):
    data = report(capsys, "summary", "93894", "--period", "2018")
    assert data["recognised"]["communes"]["ntm"] == 2 and data["recognised"]["unit"] == []
    data = report(capsys, "summary", "93894", "--period", "2020")  # Xuân Hòa's revoked on 1/1/2020
    assert data["recognised"]["communes"]["ntm"] == 1 and len(data["recognised"]["unit"]) == 1


def test_a_district_is_at_risk_when_30_percent_of_its_communes_lost_their_recognition(
    units, tmp_path, capsys
):
    """Decision 18/2022's district branch: Thọ Xuân recognised NTM; one of its two communes'
    NTM recognition revoked (50%), so the district is flagged though no criterion is unmet."""
    values = tmp_path / "district.csv"
    values.write_text(
        "unit,period,set,indicator,value\n93894,2023-05,huyen-ntm-2021-2025,1.1,Đạt\n"
        "93890,2023-05,huyen-ntm-2021-2025,1.1,Đạt\n",
        encoding="utf-8",
    )
    assert main(["import", str(values)]) == 0
    decisions = tmp_path / "recognitions.csv"
    decisions.write_text(
        "\n".join(
            [
                HEADER,
                "93894,ntm,999/QĐ-TTg,2019-12-20,Thủ tướng Chính phủ,,,",
                "93890,ntm,998/QĐ-TTg,2019-12-20,Thủ tướng Chính phủ,,,",
                "9389401,ntm,1/QĐ,2018-01-01,UBND tỉnh,,,",
                "9389402,ntm,2/QĐ,2018-01-01,UBND tỉnh,,,",
                "9389402,ntm,3/QĐ,2023-01-10,UBND tỉnh,,revoke,",
                "9389001,ntm,4/QĐ,2018-01-01,UBND tỉnh,,,",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    assert main(["import", str(decisions)]) == 0
    capsys.readouterr()
    data = report(capsys, "review", "938", "--period", "2023-05", "--set", "huyen-ntm-2021-2025")
    risk = {c["name"]: c["revocation_risk"] for c in data["communes"]}
    assert (
        risk["Thọ Xuân"]["at_risk"]
        and "1/2 xã bị thu hồi quyết định công nhận (50%)" in risk["Thọ Xuân"]["reason"]
    )
    assert not risk["Quan Sơn"]["at_risk"]
