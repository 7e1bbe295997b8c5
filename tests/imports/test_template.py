"""``ntm template`` writes an XLSX that ``ntm import`` reads back."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from ntm.assessments.models import IndicatorValue
from ntm.cli import main
from ntm.imports.service import run_import

NTM = "xa-ntm-2021-2025"
ADVANCED = "xa-ntm-nang-cao-2021-2025"


def _find_column(ws, code: str, header_row: int = 5) -> int:
    for cell in ws[header_row]:
        if cell.value == code:
            return cell.column
    raise AssertionError(f"no column {code}")


@pytest.mark.django_db
def test_the_template_lists_the_communes_with_requirements_and_drop_downs(units, tmp_path, capsys):
    out = tmp_path / "mau.xlsx"

    assert (
        main(["template", f"{NTM},{ADVANCED}", "93894", "-o", str(out), "--period", "2023-05"]) == 0
    )

    wb = load_workbook(out)
    assert wb.sheetnames == [NTM, ADVANCED]
    ws = wb[NTM]
    assert (ws["B1"].value, ws["B2"].value) == (NTM, "2023-05")
    assert [ws.cell(r, 1).value for r in (8, 9)] == ["9389401", "9389402"]
    assert ws.cell(10, 1).value is None  # Quan Sơn's commune is not under Thọ Xuân
    assert ws.freeze_panes == "C8"
    col_21 = _find_column(ws, "2.1")
    assert ws.cell(7, col_21).value == "≥ 100%"
    col_11 = _find_column(ws, "1.1")
    validations = ws.data_validations.dataValidation
    assert any(ws.cell(8, col_11).coordinate in v.sqref for v in validations)
    assert not any(ws.cell(8, col_21).coordinate in v.sqref for v in validations)


@pytest.mark.django_db
def test_a_filled_template_imports_back_onto_the_right_units(units, tmp_path):
    out = tmp_path / "mau.xlsx"
    main(["template", NTM, "93894", "-o", str(out), "--period", "2023-05"])
    wb = load_workbook(out)
    ws = wb[NTM]
    ws.cell(8, _find_column(ws, "2.1")).value = 95.5
    ws.cell(8, _find_column(ws, "1.1")).value = "Đạt"
    ws.cell(9, _find_column(ws, "2.1")).value = "87,5%"
    percent_cell = ws.cell(9, _find_column(ws, "2.2"))
    percent_cell.value = 0.9  # typed as "90%" in Excel: stored as 0.9 with a percent format
    percent_cell.number_format = "0%"
    wb.save(out)

    assert main(["import", str(out)]) == 0

    assert sorted(
        IndicatorValue.objects.values_list(
            "unit__code", "indicator_code", "period", "raw", "value_number", "value_bool"
        )
    ) == [
        ("9389401", "1.1", "2023-05", "Đạt", None, True),
        ("9389401", "2.1", "2023-05", "95,5", 95.5, None),
        ("9389402", "2.1", "2023-05", "87,5%", 87.5, None),
        ("9389402", "2.2", "2023-05", "90", 90.0, None),
    ]
    assert run_import(out).unchanged == 4


@pytest.mark.django_db
def test_a_bad_cell_in_the_template_is_reported_by_sheet_row_and_column(units, tmp_path):
    out = tmp_path / "mau.xlsx"
    main(["template", NTM, "93894", "-o", str(out), "--period", "2023-05"])
    wb = load_workbook(out)
    ws = wb[NTM]
    column = _find_column(ws, "1.1")
    ws.cell(9, column).value = "có lẽ"
    wb.save(out)

    outcome = run_import(out)

    assert [(e.sheet, e.row, e.column) for e in outcome.errors] == [
        (NTM, 9, ws.cell(9, column).column_letter)
    ]
    assert "Trang xa-ntm-2021-2025, dòng 9" in str(outcome.errors[0])
    assert IndicatorValue.objects.count() == 0


@pytest.mark.django_db
def test_the_requirement_names_each_threshold_when_the_communes_differ(units, tmp_path):
    out = tmp_path / "tinh.xlsx"

    assert main(["template", NTM, "938", "-o", str(out), "--period", "2023"]) == 0

    ws = load_workbook(out)[NTM]
    assert [ws.cell(r, 1).value for r in (8, 9, 10)] == [
        "9389001",
        "9389401",
        "9389402",
    ]  # official code order
    requirement = ws.cell(7, _find_column(ws, "2.2")).value
    assert "vùng Bắc Trung Bộ: ≥ 100%" in requirement
    assert "xã đặc biệt khó khăn" in requirement and "≥ 80%" in requirement


def _store(units, tmp_path, lines: list[str]) -> None:
    path = tmp_path / "stored.csv"
    path.write_text(
        "unit,period,set,indicator,value,note\n" + "\n".join(lines) + "\n", encoding="utf-8"
    )
    assert main(["import", str(path)]) == 0


@pytest.mark.django_db
def test_a_prefilled_template_carries_the_current_values_and_notes_and_imports_back_unchanged(
    units, tmp_path, capsys
):
    _store(
        units,
        tmp_path,
        [
            f'9389401,2023-05,{NTM},2.1,"95,5",đo lại tháng 5',
            f"9389401,2023-05,{NTM},1.1,Đạt,",
            f"9389402,2022,{NTM},2.1,80,",
        ],
    )
    out = tmp_path / "mau.xlsx"

    assert main(["template", NTM, "93894", "-o", str(out), "--prefill"]) == 0

    ws = load_workbook(out)[NTM]
    assert ws["B2"].value == "2023-05"  # the latest period with values
    col_21, col_11 = _find_column(ws, "2.1"), _find_column(ws, "1.1")
    assert (ws.cell(8, col_21).value, ws.cell(8, col_11).value) == (95.5, "Đạt")
    assert "đo lại tháng 5" in ws.cell(8, col_21).comment.text
    assert ws.cell(9, col_21).value == 80 and "Số liệu kỳ 2022" in ws.cell(9, col_21).comment.text
    outcome = run_import(out, dry_run=True)
    assert (outcome.created, outcome.updated, outcome.unchanged) == (
        1,
        0,
        2,
    )  # 2022's value carried to 2023-05
    assert (
        IndicatorValue.objects.get(unit__code="9389401", indicator_code="2.1").note
        == "đo lại tháng 5"
    )


@pytest.mark.django_db
def test_the_preview_counts_the_empty_cells_of_a_template_and_lists_each_change(units, tmp_path):
    _store(units, tmp_path, [f"9389401,2023-05,{NTM},2.1,90,"])
    out = tmp_path / "mau.xlsx"
    main(["template", NTM, "93894", "-o", str(out), "--period", "2023-05"])
    wb = load_workbook(out)
    ws = wb[NTM]
    indicators = sum(1 for c in ws[5][2:] if c.value)
    ws.cell(8, _find_column(ws, "2.1")).value = 100
    ws.cell(9, _find_column(ws, "2.1")).value = 95
    wb.save(out)

    outcome = run_import(out, dry_run=True)

    assert (outcome.created, outcome.updated, outcome.unchanged) == (1, 1, 0)
    assert outcome.empty == 2 * indicators - 2 and outcome.rows == 2 * indicators
    assert outcome.changes[0][:7] == ("9389401", "xã Xuân Hòa", NTM, "2.1", "2023-05", "90", "100")
    assert outcome.changes[1][5:7] == (None, "95")
