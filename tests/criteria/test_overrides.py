from __future__ import annotations

import pytest

from ntm.criteria.engine import evaluate
from ntm.criteria.inputs import Observation, Period, UnitProfile
from ntm.criteria.loader import CriteriaFileError
from ntm.criteria.registry import load_dirs, load_registry
from tests.criteria.conftest import BASE_SET, write_sets

PROVINCE_FILE = """
code: tinh-xa-test
base: xa-test
province: "38"
name: Bộ tiêu chí xã của tỉnh
source: QĐ 1/2022/QĐ-UBND
overrides:
  "1.1": {threshold: 98, source: QĐ 1/2022/QĐ-UBND}
add_indicators:
  "2":
    - {code: "2.3", name: Hộ cận nghèo, kind: percent, op: "<=", threshold: 5,
       source: QĐ 1/2022/QĐ-UBND, verified: true}
add_criteria:
  - number: 20
    name: Khu dân cư kiểu mẫu
    indicators:
      - {code: "20.1", name: Có khu dân cư kiểu mẫu, kind: boolean, op: is_true,
         source: QĐ 1/2022/QĐ-UBND, verified: true}
"""


def test_a_province_file_replaces_thresholds_and_adds_criteria(tmp_path):
    reg = load_dirs(
        [write_sets(tmp_path, base=BASE_SET), write_sets(tmp_path / "tinh", tinh=PROVINCE_FILE)]
    )
    national, province = reg.get("xa-test"), reg.get("tinh-xa-test")
    assert (len(province.criteria), province.encoded_indicators) == (4, 7)
    assert (province.declared_criteria, province.declared_indicators) == (4, 7)
    assert province.base == "xa-test" and province.province == "38"
    assert national.encoded_indicators == 5
    profile = UnitProfile(code="X", region="BTB")
    data = {"1.1": [Observation(Period.parse("2023"), 95.0)]}
    nat = evaluate(national, profile, data, "2023").indicators[0]
    prov = evaluate(province, profile, data, "2023").indicators[0]
    assert (nat.status, prov.status, prov.threshold) == ("met", "unmet", 98.0)
    assert "quy định riêng của tỉnh" in prov.basis[0]


def test_an_override_of_an_unknown_indicator_is_rejected(tmp_path):
    bad = PROVINCE_FILE.replace('"1.1": {threshold', '"9.9": {threshold')
    with pytest.raises(CriteriaFileError) as info:
        load_dirs([write_sets(tmp_path, base=BASE_SET, tinh=bad)])
    assert info.value.path == "overrides.9.9"


def test_province_folders_come_from_the_environment(tmp_path, monkeypatch):
    folder = write_sets(
        tmp_path / "tinh",
        tinh=PROVINCE_FILE.replace("base: xa-test", "base: xa-ntm-2021-2025")
        .replace('"1.1": {threshold: 98', '"2.1": {threshold: 98')
        .replace('add_indicators:\n  "2":', 'add_indicators:\n  "11":')
        .replace('"2.3"', '"11.9"'),
    )
    monkeypatch.setenv("NTM_CRITERIA_DIRS", str(folder))
    reg = load_registry()
    assert "tinh-xa-test" in reg.codes()
    assert reg.get("tinh-xa-test").indicator("2.1").threshold.value == 98.0
