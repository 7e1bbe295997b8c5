"""A province's own dimension ("Vùng 1"/"Vùng 2" of Thanh Hóa's 2024 set): declared in the file,
thresholds by it, each commune assigned a value like its commune group."""

from __future__ import annotations

import pytest

from ntm.criteria.engine import evaluate
from ntm.criteria.inputs import Observation, Period, UnitProfile
from ntm.criteria.loader import CriteriaFileError
from ntm.criteria.registry import load_dirs
from tests.criteria.conftest import BASE_SET, write_sets

ZONE_FILE = """
code: tinh-xa-vung
base: xa-test
province: "38"
name: Bộ tiêu chí xã của tỉnh theo vùng
source: QĐ 1/2024/QĐ-UBND
dimensions:
  zone:
    label: Vùng
    values: {"1": Vùng 1, "2": Vùng 2}
overrides:
  "1.1": {threshold: {by: zone, cases: {"1": 98, "2": 90}}, source: QĐ 1/2024/QĐ-UBND}
"""


def _province(tmp_path, text=ZONE_FILE):
    return load_dirs(
        [write_sets(tmp_path, base=BASE_SET), write_sets(tmp_path / "tinh", tinh=text)]
    ).get("tinh-xa-vung")


def test_a_commune_gets_the_threshold_of_its_zone(tmp_path):
    province = _province(tmp_path)
    assert [(d.key, d.value_label("2")) for d in province.dimensions] == [("zone", "Vùng 2")]
    data = {"1.1": [Observation(Period.parse("2023"), 95.0)]}
    zone_1 = evaluate(
        province, UnitProfile(code="A", region="BTB", dimensions=(("zone", "1"),)), data, "2023"
    ).indicators[0]
    zone_2 = evaluate(
        province, UnitProfile(code="B", region="BTB", dimensions=(("zone", "2"),)), data, "2023"
    ).indicators[0]
    assert (zone_1.status, zone_1.threshold, zone_2.status, zone_2.threshold) == (
        "unmet",
        98.0,
        "met",
        90.0,
    )
    assert any("zone 2" in b for b in zone_2.basis)


def test_a_commune_without_a_zone_is_missing_its_threshold_not_guessed(tmp_path):
    data = {"1.1": [Observation(Period.parse("2023"), 95.0)]}
    result = evaluate(
        _province(tmp_path), UnitProfile(code="C", region="BTB"), data, "2023"
    ).indicators[0]
    assert result.threshold is None and any("chưa xác định zone" in b for b in result.basis)


@pytest.mark.parametrize(
    ("text", "path", "problem"),
    [
        (
            ZONE_FILE.replace("by: zone", "by: vung"),
            "overrides.1.1.threshold.by",
            'chiều "vung" không hợp lệ',
        ),
        (
            ZONE_FILE.replace('"2": 90}}', '"3": 90}}'),
            "overrides.1.1.threshold.cases.3",
            'Vùng "3" không được khai báo',
        ),
        (
            ZONE_FILE.replace(', "2": 90}}', "}}"),
            "overrides.1.1.threshold",
            "thiếu ngưỡng cho Vùng 2",
        ),
        (ZONE_FILE.replace("  zone:\n", "  Zone!:\n"), "dimensions.Zone!", "tên chiều"),
        (
            ZONE_FILE.replace('    values: {"1": Vùng 1, "2": Vùng 2}\n', ""),
            "dimensions.zone.values",
            "thiếu trường",
        ),
    ],
)
def test_a_bad_dimension_names_the_file_the_path_and_the_problem(tmp_path, text, path, problem):
    with pytest.raises(CriteriaFileError) as info:
        _province(tmp_path, text)
    assert (
        info.value.file == "tinh.yaml" and info.value.path == path and problem in info.value.problem
    )
