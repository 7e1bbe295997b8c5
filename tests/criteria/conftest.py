"""Small criteria sets written as YAML in the test, so each rule kind is exercised on purpose."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from ntm.criteria.registry import load_dirs

BASE_SET = """
code: xa-test
name: Bộ thử
level: commune
tier: ntm
threshold_by: region
declared: {criteria: 3, indicators: 5}
revocation_key_criteria: [3]
criteria:
  - number: 1
    name: Giao thông
    department: Phòng Kinh tế - Hạ tầng
    indicators:
      - code: "1.1"
        name: Tỷ lệ đường xã được cứng hóa
        kind: percent
        unit: "%"
        op: ">="
        threshold: {by: region, default: 100, cases: {TDMNPB: 70, BTB: 90}}
        source: thử
        verified: false
      - code: "1.2"
        name: Có quy hoạch
        kind: boolean
        op: is_true
        source: thử
        verified: true
  - number: 2
    name: Nghèo đa chiều
    indicators:
      - code: "2.1"
        name: Tỷ lệ nghèo đa chiều
        kind: percent
        op: "<="
        threshold: {by: region, default: 6, cases: {TDMNPB: 13}}
        source: thử
        verified: true
      - code: "2.2"
        name: Làng nghề có phương án bảo tồn
        kind: boolean
        op: is_true
        applies_if: has_craft_village
        source: thử
        verified: true
  - number: 3
    name: Thu nhập
    indicators:
      - code: "3.1"
        name: Thu nhập bình quân đầu người
        kind: number
        unit: triệu đồng/người/năm
        op: ">="
        threshold:
          by: region
          cases:
            TDMNPB: {by: year, cases: {2022: 36, 2024: 42}}
            ĐBSH: {by: year, cases: {2022: 55, 2024: 63}}
            BTB: {by: year, cases: {2022: 45, 2024: 50}}
            DHNTB: 45
            TN: 45
            ĐNB: 60
            ĐBSCL: 50
        source: thử
        verified: false
"""

ADVANCED_SET = """
code: xa-test-nc
name: Bộ thử nâng cao
level: commune
tier: advanced
threshold_by: region
requires: [xa-test]
declared: {criteria: 1, indicators: 1}
criteria:
  - number: 1
    name: Thu nhập
    indicators:
      - code: "1.1"
        name: Thu nhập
        kind: number
        op: ">="
        threshold: {by: region, default: 60}
        source: thử
        verified: false
"""

MODEL_SET = """
code: xa-test-km
name: Bộ thử kiểu mẫu
level: commune
tier: model
threshold_by: region
requires: [xa-test-nc]
declared: {criteria: 1, indicators: 2}
criteria:
  - number: 1
    name: Điều kiện
    indicators:
      - code: "1.1"
        name: Thu nhập cao hơn 10%
        kind: number
        op: ">="
        threshold: {ref: {set: xa-test-nc, indicator: "1.1", factor: 1.1}}
        source: thử
        verified: false
      - code: "1.2"
        name: Số thôn thông minh
        kind: number
        op: ">="
        threshold: 1
        source: thử
        verified: false
"""


def write_sets(folder: Path, **files: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


@pytest.fixture
def registry(tmp_path):
    folder = write_sets(tmp_path / "sets", base=BASE_SET, advanced=ADVANCED_SET, model=MODEL_SET)
    return load_dirs([folder])
