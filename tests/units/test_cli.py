"""``ntm init``, ``ntm units`` and ``ntm boundaries`` as a user runs them."""

import json

import pytest

from ntm.cli import main
from ntm.cli.cmd_boundaries import (
    FEATURE_BAD_GEOMETRY,
    FEATURE_DUPLICATE,
    FEATURE_NO_CODE,
    FEATURE_UNKNOWN_CODE,
    FILE_REJECTED,
    NOT_A_FEATURE_COLLECTION,
)
from ntm.units.models import AdminUnit, UnitBoundary

pytestmark = pytest.mark.django_db
SQUARE = {
    "type": "Polygon",
    "coordinates": [[[105.4, 19.9], [105.5, 19.9], [105.5, 20.0], [105.4, 19.9]]],
}


def test_init_is_safe_to_run_again_and_prints_the_counts(national, capsys):
    assert main(["init", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "63 tỉnh, 696 huyện, 10035 xã; từ 1/7/2025: 34 tỉnh, 3321 xã" in out
    assert "Mới tạo 0, cập nhật 0, liên kết mới 0." in out


def test_units_lists_the_children_of_a_unit(national, capsys):
    assert main(["units", "tỉnh Thanh Hoá/huyện Thọ Xuân"]) == 0
    out = capsys.readouterr().out
    assert "15517  xã Xuân Hòa  (2008)" in out
    assert out.rstrip().endswith("30 đơn vị")


def test_units_as_json_with_a_level(national, capsys):
    assert (
        main(["units", "Hải Phòng/Kiến Thuỵ", "--on", "2023-05-31", "--level", "commune", "--json"])
        == 0
    )
    payload = json.loads(capsys.readouterr().out)
    assert payload["unit"]["code"] == "314"
    assert len(payload["units"]) == 16
    assert {u["region"] for u in payload["units"]} == {"ĐBSH"}
    assert "Núi Đối" in {u["name"] for u in payload["units"]}


def test_units_without_a_unit_lists_the_provinces_of_an_era(national, capsys):
    assert main(["units", "--era", "2025", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["units"]) == 34


def test_units_reports_an_ambiguous_name_with_exit_1(national, capsys):
    assert main(["units", "Xuân Hoà", "--era", "2008"]) == 1
    err = capsys.readouterr().err
    assert "khớp với 11 đơn vị" in err and "15517" in err


def _write(tmp_path, features, name="b.geojson"):
    path = tmp_path / name
    path.write_text(
        json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8"
    )
    return path


def _feature(code, geometry=SQUARE, prop="code"):
    return {"type": "Feature", "properties": {prop: code}, "geometry": geometry}


def test_boundaries_are_imported_by_code_and_reimported_in_place(units, tmp_path, capsys):
    path = _write(tmp_path, [_feature(units.commune.code), _feature(units.district.code)])
    assert main(["boundaries", str(path)]) == 0
    assert main(["boundaries", str(path)]) == 0
    assert "2 đơn vị (0 mới, 2 cập nhật)" in capsys.readouterr().out
    assert UnitBoundary.objects.count() == 2
    assert UnitBoundary.objects.get(unit=units.commune).geometry == SQUARE


def test_a_boundary_file_with_one_bad_feature_writes_nothing_and_lists_every_problem(
    units, tmp_path, capsys
):
    path = _write(
        tmp_path,
        [
            _feature(units.commune.code),
            _feature("0000"),
            _feature(units.district.code, {"type": "Point", "coordinates": [105, 20]}),
            {"type": "Feature", "properties": {}, "geometry": SQUARE},
            _feature(units.commune.code),
        ],
    )
    assert main(["boundaries", str(path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        FILE_REJECTED.format(path=path, count=4),
        FEATURE_UNKNOWN_CODE.format(n=2, code="0000"),
        FEATURE_BAD_GEOMETRY.format(n=3, code=units.district.code),
        FEATURE_NO_CODE.format(n=4, prop="code"),
        FEATURE_DUPLICATE.format(n=5, code=units.commune.code, first=1),
    ]
    assert not UnitBoundary.objects.exists()


def test_boundaries_read_the_code_from_the_property_given(units, tmp_path):
    path = _write(tmp_path, [_feature(units.commune.code, prop="ma_xa")])
    assert main(["boundaries", str(path), "--property", "ma_xa"]) == 0
    assert UnitBoundary.objects.filter(unit=units.commune).exists()


def test_a_code_in_both_eras_needs_an_era(units, tmp_path, capsys):
    AdminUnit.objects.create(
        code=units.commune.code, era="2025", name="Xuân Hòa", level="commune", unit_type="xã"
    )
    path = _write(tmp_path, [_feature(units.commune.code)])
    assert main(["boundaries", str(path)]) == 1
    assert "--era" in capsys.readouterr().err
    assert main(["boundaries", str(path), "--era", "2008"]) == 0
    assert UnitBoundary.objects.get().unit == units.commune


def test_a_file_that_is_not_geojson_is_rejected(tmp_path, capsys, db):
    path = tmp_path / "x.geojson"
    path.write_text(json.dumps({"type": "Feature"}), encoding="utf-8")
    assert main(["boundaries", str(path)]) == 1
    assert capsys.readouterr().err.strip() == NOT_A_FEATURE_COLLECTION.format(path=path)
