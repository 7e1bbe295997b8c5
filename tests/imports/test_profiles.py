"""Importing communes' groups and threshold flags: all or nothing, every bad row named."""

import pytest

from ntm.cli import main
from ntm.units.models import AdminUnit

pytestmark = pytest.mark.django_db


def write(tmp_path, text: str):
    path = tmp_path / "profiles.csv"
    path.write_bytes(("\ufeff" + text).encode("utf-8"))
    return path


def test_it_sets_groups_and_flags_matching_names_after_normalisation(units, tmp_path, capsys):
    path = write(
        tmp_path,
        "unit;commune_group;extremely_difficult;safety_zone\n"
        "tỉnh Thanh Hoá/huyện Thọ Xuân/xã Xuân Hoà;2;Đạt;\n"
        "9389402;3;;có\n",
    )
    assert main(["profiles", str(path)]) == 0
    assert "Đã cập nhật 2 xã" in capsys.readouterr().out
    hoa, minh = AdminUnit.objects.get(code="9389401"), AdminUnit.objects.get(code="9389402")
    assert (hoa.commune_group, hoa.extremely_difficult, hoa.safety_zone) == ("2", True, False)
    assert (minh.commune_group, minh.extremely_difficult, minh.safety_zone) == ("3", False, True)
    latest = hoa.history.first()
    assert (latest.history_type, latest.extremely_difficult, latest.commune_group) == (
        "~",
        True,
        "2",
    )
    assert hoa.history.all()[1].extremely_difficult is False


def test_a_file_with_bad_rows_changes_nothing_and_lists_every_row(units, tmp_path, capsys):
    path = write(
        tmp_path,
        "unit,commune_group,extremely_difficult\n"
        "9389401,2,có\n"
        "9389402,4,\n"
        "Không Có Xã,1,\n"
        "93894,1,\n"
        "9389401,1,khó\n",
    )
    assert main(["profiles", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Dòng 3" in err or "dòng 3" in err
    for fragment in (
        "commune_group",
        "Nhóm xã '4'",
        "Không Có Xã",
        "không phải cấp xã",
        "đã có ở dòng 2",
    ):
        assert fragment in err, fragment
    assert AdminUnit.objects.get(code="9389401").commune_group == ""


def test_a_dry_run_writes_nothing(units, tmp_path, capsys):
    path = write(tmp_path, "unit,commune_group\n9389401,1\n")
    assert main(["profiles", str(path), "--dry-run"]) == 0
    assert "Sẽ cập nhật 1 xã" in capsys.readouterr().out
    assert AdminUnit.objects.get(code="9389401").commune_group == ""


def test_a_header_without_a_field_column_is_rejected(units, tmp_path, capsys):
    assert main(["profiles", str(write(tmp_path, "unit,region\n9389401,BTB\n"))]) == 1
    assert "region" in capsys.readouterr().err
