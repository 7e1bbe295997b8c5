"""Which village set judges a village: its own province's (``village_set_for``). Village
criteria are each province's (NQ 25/2021/QH15: no national village set), so another province's
file never measures it."""

from __future__ import annotations

from ntm.criteria.inputs import Period
from ntm.criteria.provincial import village_set_for, village_sets_in_force
from ntm.criteria.registry import BUILTIN_DIR, PROVINCES_DIR, load_dirs, load_registry

THANH_HOA_FILE = PROVINCES_DIR / "38-thanh-hoa" / "thon-ntm-mau.yaml"


def _with_phu_tho(tmp_path):
    """The shipped sets and a village set of Phú Thọ (25) made from Thanh Hóa's example."""
    folder = tmp_path / "provinces" / "25-phu-tho"
    folder.mkdir(parents=True)
    text = THANH_HOA_FILE.read_text(encoding="utf-8")
    (folder / "thon.yaml").write_text(
        text.replace("code: thon-ntm-mau", "code: thon-ntm-phu-tho").replace(
            'province: "38"', 'province: "25"'
        ),
        encoding="utf-8",
    )
    return load_dirs([BUILTIN_DIR, PROVINCES_DIR / "38-thanh-hoa", folder])


def test_a_thanh_hoa_village_is_measured_against_thanh_hoa_s_set():
    assert village_set_for(load_registry(), "38", Period.of(2024)) == "thon-ntm-mau"


def test_a_village_of_a_province_without_a_village_set_has_none():
    assert village_set_for(load_registry(), "01", Period.of(2024)) is None


def test_each_province_s_village_is_measured_against_its_own_set(tmp_path):
    registry = _with_phu_tho(tmp_path)
    assert village_set_for(registry, "25", Period.of(2024)) == "thon-ntm-phu-tho"
    assert village_set_for(registry, "38", Period.of(2024)) == "thon-ntm-mau"
    assert [s.code for s in village_sets_in_force(registry, Period.of(2024))] == [
        "thon-ntm-mau",
        "thon-ntm-phu-tho",
    ]


def test_no_village_set_outside_the_years_it_takes_values_for():
    registry = load_registry()
    assert village_set_for(registry, "38", Period.of(2019)) is None  # before its 2020 baseline
    assert village_set_for(registry, "38", Period.of(2020)) == "thon-ntm-mau"
    assert village_set_for(registry, "38", Period.of(2027)) is None
