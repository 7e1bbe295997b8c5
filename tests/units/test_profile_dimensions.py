"""``ntm profiles`` assigns a province's own dimension (Thanh Hóa's "Vùng 1/2") per commune, like
the commune group, and the poor-district flag that decides the safety-zone rule."""

import pytest

from ntm.cli import main
from ntm.criteria.registry import load_registry
from ntm.units.models import AdminUnit
from ntm.units.selectors import profile_for

pytestmark = pytest.mark.django_db

ZONES = """\
code: thanh-hoa-xa-ntm-vung
base: xa-ntm-2021-2025
province: "38"
name: Bộ tiêu chí xã NTM tỉnh (vùng)
source: QĐ mẫu/QĐ-UBND
dimensions:
  zone:
    label: Vùng
    values: {"1": Vùng 1, "2": Vùng 2}
overrides:
  "2.1": {threshold: {by: zone, cases: {"1": 100, "2": 90}}, source: QĐ mẫu/QĐ-UBND}
"""


@pytest.fixture
def zone_set(tmp_path, monkeypatch):
    folder = tmp_path / "tinh"
    folder.mkdir()
    (folder / "thanh-hoa.yaml").write_text(ZONES, encoding="utf-8")
    monkeypatch.setenv("NTM_CRITERIA_DIRS", str(folder))
    return load_registry().get("thanh-hoa-xa-ntm-vung")


def _write(tmp_path, text):
    path = tmp_path / "profiles.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_zone_column_assigns_each_commune_its_zone_by_code_or_label(
    units, zone_set, tmp_path, capsys
):
    path = _write(
        tmp_path, "unit,commune_group,zone,poor_district\n9389401,2,Vùng 2,có\n9389402,,1,\n"
    )
    assert main(["profiles", str(path)]) == 0
    hoa, minh = AdminUnit.objects.get(code="9389401"), AdminUnit.objects.get(code="9389402")
    assert (hoa.dimensions, hoa.poor_district, minh.dimensions) == (
        {"zone": "2"},
        True,
        {"zone": "1"},
    )
    assert profile_for(hoa).dimensions == (("zone", "2"),) and profile_for(hoa).poor_district


def test_an_undeclared_zone_is_a_bad_row_and_nothing_is_written(units, zone_set, tmp_path, capsys):
    path = _write(tmp_path, "unit,zone\n9389401,Vùng 3\n9389402,1\n")
    assert main(["profiles", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Vùng 'Vùng 3' không được khai báo" in err and "1 (Vùng 1)" in err
    assert not AdminUnit.objects.exclude(dimensions={}).exists()


def test_a_zone_column_without_a_set_that_declares_it_is_refused(units, tmp_path, capsys):
    path = _write(tmp_path, "unit,zone\n9389401,1\n")
    assert main(["profiles", str(path)]) == 1
    assert "Cột không được hỗ trợ: zone" in capsys.readouterr().err
