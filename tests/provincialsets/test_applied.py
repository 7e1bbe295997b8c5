"""An activated provincial set is applied: the province's communes are measured against it in
place of the national set it overrides (stored results, review, API, explanation), a commune
of another province with the same values is not, and withdrawing or replacing it changes the
verdict back; the impact preview announces what activation then stores."""

from __future__ import annotations

import json
from datetime import date

import pytest
from rest_framework.test import APIClient

from ntm.assessments.evaluation import evaluate_unit, set_for_unit
from ntm.assessments.rebuild import check
from ntm.assessments.services import do_set_value
from ntm.assessments.standings import current_standings
from ntm.cli import main
from ntm.criteria.candidate import CandidateError
from ntm.criteria.inputs import Period
from ntm.provincialsets.selectors import impact
from ntm.provincialsets.services import (
    check_for_province,
    do_activate_provincial_set,
    do_upload_provincial_set,
    do_withdraw_provincial_set,
)
from tests.assessments.helpers import passing_rows
from tests.conftest import make_unit

pytestmark = pytest.mark.django_db
NTM = "xa-ntm-2021-2025"
CODE = "xa-ntm-2021-2025-thanh-hoa"
# Indicator 3.1 (irrigation) is ">= 80" nationally; the communes enter 80, which meets it.
STRICT = f"""\
code: {CODE}
base: {NTM}
province: "938"
name: Bộ tiêu chí xã NTM tỉnh Thanh Hóa (thử)
source: QĐ 1/2022/QĐ-UBND (thử)
overrides:
  "3.1": {{threshold: 90, source: "QĐ 1/2022/QĐ-UBND (thử), tiêu chí 3", verified: true}}
"""
LENIENT = STRICT.replace("threshold: 90", "threshold: 75").replace("(thử)\n", "(thử, lần 2)\n", 1)


@pytest.fixture
def nghe_an_commune(units):
    """A commune of another province, in the same region: the same thresholds nationally."""
    province = make_unit("940", "Nghệ An", "province", region="BTB")
    district = make_unit("94001", "Yên Thành", "district", province)
    return make_unit("9400101", "Hợp Thành", "commune", district, province_code="940")


@pytest.fixture
def entered(units, nghe_an_commune):
    """Both communes enter the same values, every one meeting the national set; 3.1 at 80."""
    for commune in (units.commune, nghe_an_commune):
        for code, raw in passing_rows(NTM, commune, "2023"):
            do_set_value(
                unit=commune,
                set_code=NTM,
                indicator_code=code,
                period="2023",
                raw="80" if code == "3.1" else raw,
                source="import",
                author=None,
            )
    return units.commune, nghe_an_commune


def _upload(units, personas, text: str, name: str = "th.yaml"):
    return do_upload_provincial_set(
        province=units.province,
        file_name=name,
        content=text.encode(),
        user=personas.province_office,
    )


def _activate(item, personas, day: date = date(2022, 9, 1)):
    return do_activate_provincial_set(
        provincial_set=item, user=personas.province_office, effective_from=day
    )


def _standings(*communes):
    return {
        s.unit.code: (s.result.met, s.level, s.result.set_code)
        for s in current_standings(communes, NTM, "2023")
    }


def _review_json(capsys, unit_code: str) -> dict:
    args = ["report", "review", unit_code, "--period", "2023", "--set", NTM, "--format", "json"]
    assert main(args) == 0
    return {c["code"]: c for c in json.loads(capsys.readouterr().out)["communes"]}


def test_the_provinces_communes_are_judged_by_its_set_and_another_provinces_are_not(
    units, personas, active_dir, entered, capsys
):
    thanh_hoa, nghe_an = entered
    assert _standings(thanh_hoa, nghe_an) == {
        "9389401": (True, "ntm", NTM),
        "9400101": (True, "ntm", NTM),
    }

    _activate(_upload(units, personas, STRICT), personas)

    assert _standings(thanh_hoa, nghe_an) == {
        "9389401": (False, None, CODE),
        "9400101": (True, "ntm", NTM),
    }
    review = _review_json(capsys, "938")
    assert (review["9389401"]["level"], review["9389401"]["unmet_criteria"]) == (None, [3])
    assert review["9389401"]["set"] == CODE
    assert _review_json(capsys, "940")["9400101"]["level"] == "ntm"
    # The API's evaluation and the commune page's explanation name the province's rule.
    client = APIClient()
    client.force_login(personas.province_office)
    data = client.get("/api/units/9389401/evaluation/", {"set": NTM, "period": "2023"}).json()
    assert (data["met"], data["level"], data["set"], data["in_place_of"]) == (
        False,
        None,
        CODE,
        NTM,
    )
    explained = evaluate_unit(thanh_hoa, NTM, "2023")
    rule = next(i for i in explained.indicators if i.code == "3.1")
    assert (rule.status, float(rule.threshold)) == ("unmet", 90.0)
    assert set_for_unit(nghe_an, NTM, "2023").code == NTM
    assert check() == []


def test_withdrawing_and_a_new_version_change_the_verdict_back(
    units, personas, active_dir, entered
):
    thanh_hoa, nghe_an = entered
    strict = _activate(_upload(units, personas, STRICT), personas)
    assert _standings(thanh_hoa)["9389401"][:2] == (False, None)

    do_withdraw_provincial_set(provincial_set=strict, user=personas.province_office)

    strict.refresh_from_db()
    assert (strict.status, strict.withdrawn_by) == ("withdrawn", personas.province_office)
    assert not list(active_dir.glob("*.yaml"))
    assert _standings(thanh_hoa)["9389401"] == (True, "ntm", NTM)
    assert check() == []

    _activate(_upload(units, personas, STRICT), personas)
    assert _standings(thanh_hoa)["9389401"][:2] == (False, None)
    _activate(_upload(units, personas, LENIENT, "th2.yaml"), personas)
    assert _standings(thanh_hoa, nghe_an) == {
        "9389401": (True, "ntm", CODE),
        "9400101": (True, "ntm", NTM),
    }
    assert check() == []
    with pytest.raises(CandidateError):
        do_withdraw_provincial_set(provincial_set=strict, user=personas.province_office)


def test_the_set_applies_from_the_date_its_decision_applies(units, personas, active_dir, entered):
    thanh_hoa, _ = entered
    _activate(_upload(units, personas, STRICT), personas, date(2024, 1, 1))

    assert _standings(thanh_hoa)["9389401"] == (True, "ntm", NTM)  # 2023: national
    later = current_standings([thanh_hoa], NTM, "2024")
    assert (later[0].result.met, later[0].result.set_code) == (False, CODE)
    assert 'valid_from: "2024-01-01"' in (active_dir / f"938-{CODE}.yaml").read_text()
    assert check() == []


def test_a_file_whose_own_date_differs_from_the_activation_date_is_refused(
    units, personas, active_dir, entered
):
    item = _upload(units, personas, STRICT + 'valid_from: "2023-01-01"\n')
    with pytest.raises(CandidateError) as info:
        _activate(item, personas, date(2023, 6, 1))
    assert info.value.problem.path == "valid_from"
    assert "01/06/2023" in info.value.problem.problem
    item.refresh_from_db()
    assert item.status == "draft" and not list(active_dir.glob("*.yaml"))


def test_the_impact_preview_announces_what_activation_stores(units, personas, active_dir, entered):
    thanh_hoa, _ = entered
    item = _upload(units, personas, STRICT)
    candidate = check_for_province(units.province, item.file_name, item.content)
    preview = impact(item, candidate, Period.parse("2023"))
    assert preview.communes == 1
    assert [(c.code, c.level_before, c.level_after) for c in preview.changed] == [
        ("9389401", "ntm", None)
    ]
    assert preview.level_changes == 1

    _activate(item, personas)

    stored = current_standings([thanh_hoa], NTM, "2023")
    assert [(s.unit.code, s.level) for s in stored] == [("9389401", None)]
    # A second version, previewed against the first in force: it would bring the commune back.
    second = _upload(units, personas, LENIENT, "th2.yaml")
    candidate = check_for_province(units.province, second.file_name, second.content)
    preview = impact(second, candidate, Period.parse("2023"))
    assert [(c.code, c.level_before, c.level_after) for c in preview.changed] == [
        ("9389401", None, "ntm")
    ]
    _activate(second, personas)
    assert current_standings([thanh_hoa], NTM, "2023")[0].level == "ntm"


ZONES = f"""\
code: {CODE}
base: {NTM}
province: "938"
name: Bộ tiêu chí xã NTM tỉnh Thanh Hóa (vùng, thử)
source: QĐ mẫu/QĐ-UBND (thử)
dimensions:
  zone:
    label: Vùng
    values: {{"1": Vùng 1, "2": Vùng 2}}
overrides:
  "3.1": {{threshold: {{by: zone, cases: {{"1": 90, "2": 75}}}}, source: QĐ mẫu/QĐ-UBND}}
"""


def test_a_zone_declared_in_the_activated_file_and_assigned_per_commune_decides_its_threshold(
    units, personas, active_dir, tmp_path, capsys
):
    for commune in (units.commune, units.sibling_commune):
        for code, raw in passing_rows(NTM, commune, "2023"):
            do_set_value(
                unit=commune,
                set_code=NTM,
                indicator_code=code,
                period="2023",
                raw="80" if code == "3.1" else raw,
                source="import",
                author=None,
            )
    _activate(_upload(units, personas, ZONES), personas)
    profiles = tmp_path / "vung.csv"
    profiles.write_text("unit,zone\n9389401,Vùng 1\n9389402,2\n", encoding="utf-8")

    assert main(["profiles", str(profiles)]) == 0

    hoa, minh = units.commune, units.sibling_commune
    hoa.refresh_from_db()
    minh.refresh_from_db()
    standings = {
        s.unit.code: (s.result.met, s.level) for s in current_standings([hoa, minh], NTM, "2023")
    }
    assert standings == {"9389401": (False, None), "9389402": (True, "ntm")}
    rule = next(i for i in evaluate_unit(hoa, NTM, "2023").indicators if i.code == "3.1")
    assert float(rule.threshold) == 90.0
    assert check() == []


def test_a_province_of_the_other_era_with_the_same_code_keeps_the_national_set(
    units, personas, active_dir
):
    """Codes outlive provinces (91: Kiên Giang, then An Giang): the set of the pre-2025
    province 938 does not judge the communes of a post-2025 province that holds code 938."""
    new_province = make_unit(
        "938", "Thanh Hóa", "province", era="2025", valid_from=date(2025, 7, 1), region="BTB"
    )
    new_commune = make_unit(
        "9381", "Xuân Hòa", "commune", new_province, era="2025", valid_from=date(2025, 7, 1)
    )
    for commune in (units.commune, new_commune):
        for code, raw in passing_rows(NTM, commune, "2025"):
            do_set_value(
                unit=commune,
                set_code=NTM,
                indicator_code=code,
                period="2025",
                raw="80" if code == "3.1" else raw,
                source="import",
                author=None,
            )
    _activate(_upload(units, personas, STRICT), personas)

    assert 'era: "2008"' in (active_dir / f"938-{CODE}.yaml").read_text()
    standings = {
        s.unit.code: (s.result.met, s.result.set_code)
        for s in current_standings([units.commune, new_commune], NTM, "2025")
    }
    assert standings == {"9389401": (False, CODE), "9381": (True, NTM)}
    assert check() == []
    with pytest.raises(CandidateError) as info:
        _activate(_upload(units, personas, STRICT + 'era: "2025"\n', "th3.yaml"), personas)
    assert info.value.problem.path == "era"
