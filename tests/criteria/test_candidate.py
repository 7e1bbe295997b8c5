"""An uploaded provincial file is checked with the sets in use; errors name file, line, path."""

from __future__ import annotations

import pytest

from ntm.criteria.candidate import CandidateError, check_candidate, line_of
from ntm.criteria.registry import BUILTIN_DIR

THANH_HOA = """\
code: xa-ntm-2026-2030-thanh-hoa
base: xa-ntm-2026-2030
province: "38"
name: Bộ tiêu chí xã NTM tỉnh Thanh Hóa
source: QĐ 1/2026/QĐ-UBND (thử)
dimensions:
  zone: {label: Vùng, values: {"1": Vùng 1, "2": Vùng 2}}
overrides:
  "3.1":
    threshold: {by: zone, cases: {"1": 80, "2": 70}}
    source: QĐ 1/2026/QĐ-UBND
    verified: true
"""


def test_a_valid_override_is_built_with_the_national_sets():
    candidate = check_candidate("thanh-hoa.yaml", THANH_HOA.encode(), [BUILTIN_DIR])
    assert candidate.criteria_set.code == "xa-ntm-2026-2030-thanh-hoa"
    assert candidate.criteria_set.base == "xa-ntm-2026-2030"
    assert "xa-ntm-2026-2030" in candidate.registry


def test_an_undeclared_zone_names_the_line_and_the_path():
    bad = THANH_HOA.replace('"2": 70', '"3": 70')
    with pytest.raises(CandidateError) as info:
        check_candidate("thanh-hoa.yaml", bad.encode(), [BUILTIN_DIR])
    problem = info.value.problem
    assert problem.file == "thanh-hoa.yaml"
    assert problem.path.startswith("overrides.3.1.threshold")
    assert problem.line == 10
    assert "dòng 10" in problem.message() and "Vùng" in problem.message()


def test_a_yaml_syntax_error_names_its_line():
    with pytest.raises(CandidateError) as info:
        check_candidate("x.yaml", "code: a\nbase: [b\nname: c\n", [BUILTIN_DIR])
    assert info.value.problem.line is not None and "YAML" in info.value.problem.problem


def test_a_file_may_not_take_the_code_of_a_national_set():
    text = THANH_HOA.replace("code: xa-ntm-2026-2030-thanh-hoa", "code: xa-ntm-2021-2025")
    with pytest.raises(CandidateError) as info:
        check_candidate("x.yaml", text, [BUILTIN_DIR])
    assert (info.value.problem.path, info.value.problem.line) == ("code", 1)


def test_lines_are_found_through_dotted_keys_and_list_indexes():
    text = "add_criteria:\n  - number: 20\n    indicators:\n      - code: '20.1'\n"
    assert line_of(text, "add_criteria[0].indicators[0].code") == 4
    assert line_of(THANH_HOA, "overrides.3.1.source") == 11
