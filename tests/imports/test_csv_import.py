"""``ntm import`` of the CSV long form (design.md §6): all or nothing, upsert, Vietnamese input."""

from __future__ import annotations

import pytest

from ntm.assessments.models import IndicatorValue
from ntm.assessments.selectors import value_history
from ntm.cli import main
from ntm.imports.service import run_import
from ntm.imports.validate import MSG_DUPLICATE_ROW

NTM = "xa-ntm-2021-2025"

GOOD = [
    "unit,period,set,indicator,value,note",
    f"9389401,2023-05,{NTM},2.1,95,5%,đo lại tháng 5",
    f"9389401,2023-05,{NTM},1.1,Đạt,",
    f"9389402,2023-05,{NTM},2.1,80,",
]


def _quoted(lines):
    """The note column holds "95,5%" style values only inside quotes: quote the value field."""
    out = []
    for line in lines:
        parts = line.split(",")
        if len(parts) == 7:  # a decimal comma split the value in two
            parts = [*parts[:4], f'"{parts[4]},{parts[5]}"', parts[6]]
        out.append(",".join(parts))
    return out


def _values():
    return sorted(
        IndicatorValue.objects.values_list(
            "unit__code", "indicator_code", "period", "raw", "value_number", "value_bool", "note"
        )
    )


@pytest.mark.django_db
def test_it_rejects_a_file_with_one_bad_row_and_writes_nothing(units, csv_file, capsys):
    lines = _quoted(GOOD) + [f"9389401,2023-05,{NTM},2.2,abc,"]
    path = csv_file(lines)

    code = main(["import", str(path)])

    err = capsys.readouterr().err
    assert code == 1
    assert "Dòng 5, cột value" in err
    assert 'Giá trị "abc" không phải là tỷ lệ phần trăm' in err
    assert IndicatorValue.objects.count() == 0
    assert IndicatorValue.history.count() == 0


@pytest.mark.django_db
def test_the_same_file_fixed_imports(units, csv_file, capsys):
    path = csv_file(_quoted(GOOD) + [f"9389401,2023-05,{NTM},2.2,abc,"])
    assert main(["import", str(path)]) == 1
    path = csv_file(_quoted(GOOD) + [f"9389401,2023-05,{NTM},2.2,100,"])

    assert main(["import", str(path)]) == 0

    out = capsys.readouterr().out
    assert "4 giá trị mới" in out
    assert _values() == [
        ("9389401", "1.1", "2023-05", "Đạt", None, True, ""),
        ("9389401", "2.1", "2023-05", "95,5%", 95.5, None, "đo lại tháng 5"),
        ("9389401", "2.2", "2023-05", "100", 100.0, None, ""),
        ("9389402", "2.1", "2023-05", "80", 80.0, None, ""),
    ]


@pytest.mark.django_db
def test_importing_twice_leaves_the_same_data_and_history(units, csv_file, capsys):
    path = csv_file(_quoted(GOOD))
    assert main(["import", str(path)]) == 0
    first = _values()
    history = IndicatorValue.history.count()
    versions = sorted(IndicatorValue.objects.values_list("version", flat=True))

    assert main(["import", str(path)]) == 0

    assert "0 giá trị mới, 0 giá trị cập nhật, 3 giá trị không đổi" in capsys.readouterr().out
    assert _values() == first
    assert IndicatorValue.history.count() == history == 3
    assert sorted(IndicatorValue.objects.values_list("version", flat=True)) == versions


@pytest.mark.django_db
def test_a_changed_value_is_updated_with_a_history_row(units, csv_file):
    run_import(csv_file(_quoted(GOOD)))
    changed = [line.replace(",80,", ",85,") for line in _quoted(GOOD)]

    outcome = run_import(csv_file(changed, name="v2.csv"))

    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 1, 2)
    value = IndicatorValue.objects.get(unit=units.sibling_commune, indicator_code="2.1")
    assert (value.raw, value.value_number, value.version) == ("85", 85.0, 2)
    assert [h.history_type for h in value.history.order_by("history_id")] == ["+", "~"]
    assert value.history.latest().history_change_reason == "Nhập từ tệp v2.csv"


@pytest.mark.django_db
def test_vietnamese_names_numbers_and_booleans_land_on_the_right_units(units, csv_file):
    path = csv_file(
        [
            "unit,period,set,indicator,value",
            f'tỉnh Thanh Hoá/huyện Thọ Xuân/Xuân Hoà,2023-05,{NTM},2.1,"95,5%"',
            f"tỉnh Thanh Hoá/huyện Thọ Xuân/xã Xuân Hoà,2023-05,{NTM},1.1,Đạt",
            f"Thanh Hóa/Thọ Xuân/XUÂN MINH,2023-05,{NTM},1.1,Chưa đạt",
            f'huyện Thọ Xuân/Xuân Minh,2023,{NTM},10.1,"29.229,4"',
        ]
    )

    outcome = run_import(path)

    assert outcome.errors == []
    assert _values() == [
        ("9389401", "1.1", "2023-05", "Đạt", None, True, ""),
        ("9389401", "2.1", "2023-05", "95,5%", 95.5, None, ""),
        ("9389402", "1.1", "2023-05", "Chưa đạt", None, False, ""),
        ("9389402", "10.1", "2023", "29.229,4", 29229.4, None, ""),
    ]


@pytest.mark.django_db
def test_it_reads_semicolons_and_a_bom(units, csv_file):
    path = csv_file(
        ["unit;period;set;indicator;value;note", f"9389401;2023-05;{NTM};2.1;95,5;có BOM"], bom=True
    )

    outcome = run_import(path)

    assert outcome.errors == []
    assert _values() == [("9389401", "2.1", "2023-05", "95,5", 95.5, None, "có BOM")]


@pytest.mark.django_db
def test_it_lists_every_bad_row_with_column_and_reason(units, csv_file):
    path = csv_file(
        [
            "unit,period,set,indicator,value",
            f"Xuân Hoàa,2023-05,{NTM},2.1,90",
            "9389401,2023-05,khong-co-bo,2.1,90",
            f"9389401,2023-05,{NTM},99.9,90",
            f"9389401,2023-13,{NTM},2.1,90",
            f"9389401,2023-05,{NTM},1.1,có lẽ",
            f"9389401,2023-05,{NTM},2.1,90",
            f"9389401,2023-05,{NTM},2.1,91",
        ]
    )

    outcome = run_import(path)

    found = [(e.row, e.column) for e in outcome.errors]
    assert found == [
        (2, "unit"),
        (3, "set"),
        (4, "indicator"),
        (5, "period"),
        (6, "value"),
        (8, "unit"),
    ]
    reasons = {e.row: e.reason for e in outcome.errors}
    assert "Xuân Hòa" in reasons[2]  # the close name is suggested
    assert reasons[8] == MSG_DUPLICATE_ROW.format(first=7)
    assert IndicatorValue.objects.count() == 0


@pytest.mark.django_db
def test_a_dry_run_reports_what_would_change_and_writes_nothing(units, csv_file, capsys):
    path = csv_file(_quoted(GOOD))

    assert main(["import", "--dry-run", str(path)]) == 0

    assert "sẽ có 3 giá trị mới" in capsys.readouterr().out
    assert IndicatorValue.objects.count() == 0


@pytest.mark.django_db
def test_a_file_without_the_contract_header_is_rejected(units, csv_file, capsys):
    path = csv_file(["don_vi,ky,bo,chi_tieu,gia_tri", f"9389401,2023-05,{NTM},2.1,90"])

    assert main(["import", str(path)]) == 1

    assert "Thiếu cột unit, period, set, indicator, value" in capsys.readouterr().err


@pytest.mark.django_db
def test_an_empty_value_is_skipped_and_keeps_the_stored_one(units, csv_file):
    run_import(csv_file(_quoted(GOOD)))

    outcome = run_import(
        csv_file(["unit,period,set,indicator,value", f"9389402,2023-05,{NTM},2.1,"], name="b.csv")
    )

    assert (outcome.empty, outcome.created, outcome.updated) == (1, 0, 0)
    assert IndicatorValue.objects.get(unit=units.sibling_commune).raw == "80"


@pytest.mark.django_db
def test_a_file_that_is_not_a_spreadsheet_is_rejected_with_a_reason(units, tmp_path, capsys):
    fake = tmp_path / "so-lieu.xlsx"
    fake.write_text("unit,period\n", encoding="utf-8")
    other = tmp_path / "so-lieu.ods"
    other.write_text("x", encoding="utf-8")

    assert main(["import", str(fake)]) == 1
    assert "Không đọc được tệp XLSX" in capsys.readouterr().err
    assert main(["import", str(other)]) == 1
    assert 'Không nhận loại tệp ".ods"' in capsys.readouterr().err


@pytest.mark.django_db
def test_rows_outside_the_importers_scope_are_rejected(units, csv_file):
    path = csv_file(
        [
            "unit,period,set,indicator,value",
            f"9389401,2023-05,{NTM},2.1,90",
            f"9389001,2023-05,{NTM},2.1,90",
        ]
    )

    outcome = run_import(path, within=[units.district.path])

    assert [(e.row, e.column) for e in outcome.errors] == [(3, "unit")]
    assert "nằm ngoài phạm vi" in outcome.errors[0].reason
    assert IndicatorValue.objects.count() == 0


@pytest.mark.django_db
def test_a_file_ordered_by_indicator_imports_and_reimports_unchanged(units, csv_file):
    lines = ["unit,period,set,indicator,value"] + [
        f"{code},2023,{NTM},{indicator},{value}"
        for indicator, value in (("2.1", "90"), ("2.2", "80"), ("1.1", "Đạt"))
        for code in ("9389401", "9389402", "9389001")
    ]
    path = csv_file(lines)

    first = run_import(path)
    again = run_import(path)

    assert (first.created, again.unchanged, again.created, again.updated) == (9, 9, 0, 0)
    assert IndicatorValue.history.count() == 9


@pytest.mark.django_db
def test_a_commune_set_value_for_a_district_is_rejected(units, csv_file):
    outcome = run_import(csv_file(["unit,period,set,indicator,value", f"93894,2023,{NTM},2.1,90"]))

    assert [(e.row, e.column) for e in outcome.errors] == [(2, "unit")]
    assert "dành cho cấp Xã/Phường/Thị trấn/Đặc khu" in outcome.errors[0].reason


@pytest.mark.django_db
def test_imported_values_and_their_history_name_the_importer(units, csv_file, django_user_model):
    officer = django_user_model.objects.create_user("huyen.thoxuan")

    run_import(csv_file(_quoted(GOOD)), author=officer, name="bao-cao-thang-5.csv")

    value = IndicatorValue.objects.get(unit=units.commune, indicator_code="2.1")
    record = value.history.get()
    assert (value.author, value.source, value.version) == (officer, "import", 1)
    assert (record.history_user, record.history_type, record.raw, record.value_number) == (
        officer,
        "+",
        "95,5%",
        95.5,
    )
    assert record.history_change_reason == "Nhập từ tệp bao-cao-thang-5.csv"
    assert value_history(value)[0].who == "huyen.thoxuan"


@pytest.mark.django_db
def test_batches_write_every_value_once_with_one_history_row_each(units, csv_file, monkeypatch):
    from ntm.assessments import writes as writer

    monkeypatch.setattr(writer, "BATCH_SIZE", 2)
    run_import(csv_file(_quoted(GOOD)))
    changed = [line.replace(",80,", ",81,").replace("Đạt", "Chưa đạt") for line in _quoted(GOOD)]
    changed.append(f"9389001,2023-05,{NTM},2.1,70,")

    outcome = run_import(csv_file(changed, name="v2.csv"))

    assert (outcome.created, outcome.updated, outcome.unchanged) == (1, 2, 1)
    history = sorted(
        IndicatorValue.history.values_list("unit__code", "indicator_code", "history_type", "raw")
    )
    assert history == [
        ("9389001", "2.1", "+", "70"),
        ("9389401", "1.1", "+", "Đạt"),
        ("9389401", "1.1", "~", "Chưa đạt"),
        ("9389401", "2.1", "+", "95,5%"),
        ("9389402", "2.1", "+", "80"),
        ("9389402", "2.1", "~", "81"),
    ]
