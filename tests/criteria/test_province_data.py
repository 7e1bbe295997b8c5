"""Province data (village sets, a province's own sets) ships apart from the national law, under
``criteria/provinces/<code>-<name>/``, with its provenance, and is loaded like any set."""

from __future__ import annotations

import shutil

import pytest

from ntm.criteria.loader import CriteriaFileError
from ntm.criteria.registry import (
    BUILTIN_DIR,
    PROVINCES_DIR,
    criteria_dirs,
    load_dirs,
    load_registry,
)
from ntm.criteria.validity import first_year

VILLAGE_FILE = PROVINCES_DIR / "38-thanh-hoa" / "thon-ntm-mau.yaml"


def test_the_village_example_is_thanh_hoa_data_with_its_provenance_not_national_law():
    assert not (BUILTIN_DIR / "thon-ntm-mau.yaml").exists()
    assert PROVINCES_DIR / "38-thanh-hoa" in criteria_dirs()
    village = load_registry().get("thon-ntm-mau")
    assert village.path == "thon-ntm-mau.yaml" and village.level == "village"
    assert village.province == "38" and village.verified is False
    assert village.source.startswith("VÍ DỤ")
    assert not any(i.verified for i in village.indicators)
    assert first_year(village) == 2020


def _province_folder(tmp_path, text: str):
    folder = tmp_path / "provinces" / "38-thanh-hoa"
    folder.mkdir(parents=True)
    (folder / "thon.yaml").write_text(text, encoding="utf-8")
    return folder


def test_province_data_must_name_its_province_and_say_whether_it_is_verified(tmp_path):
    text = VILLAGE_FILE.read_text(encoding="utf-8")
    for changed, path in (
        (text.replace('province: "38"', 'province: "26"'), "province"),
        (text.replace("verified: false  #", "#"), "verified"),
    ):
        folder = _province_folder(tmp_path / path, changed)
        with pytest.raises(CriteriaFileError) as info:
            load_dirs([BUILTIN_DIR, folder])
        assert info.value.path == path and info.value.file == "thon.yaml"


def test_a_province_confirms_a_village_threshold_with_an_override_of_the_shipped_set(
    tmp_path, monkeypatch
):
    own = tmp_path / "thanh-hoa"
    own.mkdir()
    (own / "thon-thanh-hoa.yaml").write_text(
        "code: thon-ntm-thanh-hoa-2024\n"
        "base: thon-ntm-mau\n"
        'province: "38"\n'
        "verified: true\n"
        "source: Quyết định của UBND tỉnh (ví dụ trong kiểm thử)\n"
        "overrides:\n"
        '  "2.1": {threshold: 98, source: "QĐ tỉnh, mục 2.1", verified: true}\n',
        encoding="utf-8",
    )
    registry = load_dirs([*criteria_dirs(), own])
    derived = registry.get("thon-ntm-thanh-hoa-2024")
    assert derived.base == "thon-ntm-mau" and derived.verified is True
    assert derived.indicator("2.1").verified and derived.indicator("2.1").threshold.value == 98
    assert not derived.indicator("1.1").verified
    assert first_year(derived) == 2020  # inherited from the shipped set


def test_a_copy_of_the_province_folder_loads_the_same_set(tmp_path):
    copy = tmp_path / "provinces" / "38-thanh-hoa"
    shutil.copytree(PROVINCES_DIR / "38-thanh-hoa", copy)
    registry = load_dirs([BUILTIN_DIR, copy])
    assert registry.get("thon-ntm-mau") == load_registry().get("thon-ntm-mau")
