from __future__ import annotations

import pytest

from ntm.criteria.loader import CriteriaFileError
from ntm.criteria.registry import load_dirs
from tests.criteria.conftest import ADVANCED_SET, BASE_SET, write_sets


def load_error(tmp_path, text: str, **others: str) -> CriteriaFileError:
    folder = write_sets(tmp_path / "bad", bad=text, **others)
    with pytest.raises(CriteriaFileError) as info:
        load_dirs([folder])
    return info.value


def test_it_rejects_a_duplicate_indicator_code(tmp_path):
    text = BASE_SET.replace('code: "1.2"', 'code: "1.1"')
    err = load_error(tmp_path, text)
    assert err.file == "bad.yaml"
    assert err.path == "criteria[0].indicators[1].code"
    assert "trùng mã chỉ tiêu" in str(err)


def test_it_rejects_a_duplicate_criterion_number(tmp_path):
    err = load_error(tmp_path, BASE_SET.replace("number: 2", "number: 1"))
    assert err.path == "criteria[1].number"


def test_it_rejects_an_unknown_region(tmp_path):
    err = load_error(tmp_path, BASE_SET.replace("BTB: 90", "XYZ: 90"))
    assert err.path == "criteria[0].indicators[0].threshold.cases.XYZ"
    assert 'vùng "XYZ" không tồn tại' in err.problem


def test_it_rejects_a_region_without_threshold_and_no_default(tmp_path):
    err = load_error(tmp_path, BASE_SET.replace("            ĐBSCL: 50\n", ""))
    assert err.path == "criteria[2].indicators[0].threshold"
    assert "ĐBSCL" in err.problem


def test_it_rejects_a_wrong_kind(tmp_path):
    err = load_error(
        tmp_path, BASE_SET.replace("kind: percent\n        unit", "kind: ratio\n        unit", 1)
    )
    assert err.path == "criteria[0].indicators[0].kind"


def test_it_rejects_an_op_that_does_not_fit_the_kind(tmp_path):
    err = load_error(
        tmp_path,
        BASE_SET.replace(
            "op: is_true\n        source: thử\n        verified: true\n  - number: 2",
            'op: ">="\n        threshold: 1\n        source: thử\n'
            "        verified: true\n  - number: 2",
        ),
    )
    assert err.path == "criteria[0].indicators[1].op"


def test_it_rejects_a_non_numeric_threshold(tmp_path):
    err = load_error(tmp_path, BASE_SET.replace("default: 6,", 'default: "sáu",'))
    assert err.path == "criteria[1].indicators[0].threshold.default"


def test_it_requires_provenance(tmp_path):
    err = load_error(
        tmp_path, BASE_SET.replace("        verified: true\n  - number: 2", "  - number: 2", 1)
    )
    assert err.path == "criteria[0].indicators[1].verified"


def test_it_rejects_more_indicators_than_declared(tmp_path):
    err = load_error(tmp_path, BASE_SET.replace("indicators: 5}", "indicators: 4}"))
    assert "nhiều hơn số công bố" in err.problem


def test_it_rejects_a_group_dimension_in_a_region_set(tmp_path):
    err = load_error(
        tmp_path,
        BASE_SET.replace(
            "{by: region, default: 6, cases: {TDMNPB: 13}}",
            '{by: group, default: 6, cases: {"1": 13}}',
        ),
    )
    assert err.path == "criteria[1].indicators[0].threshold.by"


def test_it_rejects_an_unknown_prerequisite_set(tmp_path):
    err = load_error(tmp_path, ADVANCED_SET.replace("requires: [xa-test]", "requires: [khong-co]"))
    assert err.path == "requires[0]"


def test_it_rejects_a_reference_to_an_unknown_indicator(tmp_path):
    from tests.criteria.conftest import MODEL_SET

    err = load_error(
        tmp_path,
        MODEL_SET.replace('indicator: "1.1"', 'indicator: "9.9"'),
        base=BASE_SET,
        advanced=ADVANCED_SET,
    )
    assert "9.9" in err.problem


def test_it_rejects_invalid_yaml(tmp_path):
    err = load_error(tmp_path, "code: [unclosed")
    assert "YAML" in err.problem


def test_it_rejects_two_files_with_the_same_code(tmp_path):
    err = load_error(tmp_path, BASE_SET, other=BASE_SET)
    assert "đã có" in err.problem


def test_it_rejects_a_missing_required_field(tmp_path):
    err = load_error(tmp_path, BASE_SET.replace("level: commune\n", ""))
    assert err.path == "level"
    assert str(err).startswith("bad.yaml: level: ")


def test_the_fast_yaml_loader_reads_every_shipped_file_as_the_python_one_does():
    """``load_file`` uses libyaml's safe loader when PyYAML has it: same mappings, or it must
    not be used."""
    from pathlib import Path

    import yaml

    from ntm.criteria.loader import SAFE_LOADER, load_file

    root = Path(__file__).resolve().parents[2] / "src" / "ntm"
    files = sorted(root.rglob("*.yaml"))
    assert len(files) > 10
    for path in files:
        assert load_file(path) == yaml.safe_load(path.read_text(encoding="utf-8")), path.name
    assert SAFE_LOADER is getattr(yaml, "CSafeLoader", yaml.SafeLoader)
