"""Hostile files never end in a traceback (design.md §10): exit 1, a message naming the file and
where (sheet, row, column), and the database exactly as it was."""

from __future__ import annotations

import pytest

from ntm.cli import main
from tests.imports.hostile.corpus import CASES, GOOD, HEADER, SET, Case

pytestmark = pytest.mark.django_db


@pytest.fixture
def template(units, tmp_path):
    path = tmp_path / "mau.xlsx"
    assert main(["template", SET, "93894", "-o", str(path), "--period", "2023"]) == 0
    return path


def database_state():
    from ntm.assessments.models import IndicatorValue

    return (
        sorted(
            IndicatorValue.objects.values_list(
                "unit_id", "indicator_code", "period", "raw", "note", "version"
            )
        ),
        IndicatorValue.history.count(),
    )


@pytest.fixture
def existing_value(units):
    from ntm.assessments.services import do_set_value

    return do_set_value(
        unit=units.commune,
        set_code=SET,
        indicator_code="2.1",
        period="2023",
        raw="10",
        source="form",
        author=None,
    )


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_a_hostile_file_is_refused_with_its_place_named_and_nothing_written(
    case: Case, template, existing_value, tmp_path, capsys
):
    folder = tmp_path / "corpus"
    folder.mkdir()
    path = case.build(folder, template)
    before = database_state()

    code = main(["import", str(path)])

    out, err = capsys.readouterr()
    assert code == case.exit_code, err
    assert "Traceback" not in out + err
    report = (out + err).lower()
    if code:
        assert path.name in err
    for expected in case.expect:
        assert expected.lower() in report, report[:2000]
    assert database_state() == before


def test_the_error_report_of_a_file_of_bad_rows_is_capped_with_totals(units, tmp_path, capsys):
    import json

    path = tmp_path / "many.csv"
    rows = [f"9389401,2023,{SET},2.1,x{i}," for i in range(5000)]
    path.write_text("\n".join([HEADER, *rows]) + "\n")

    assert main(["import", str(path), "--json"]) == 1

    report = json.loads(capsys.readouterr().out)
    assert report["error_count"] == 5000
    assert len(report["errors"]) <= 100
    assert (
        sum(o["count"] for o in report["errors_omitted"]) + len(report["errors"])
        == report["error_count"]
    )


def test_excel_blank_rows_are_skipped_and_reported_as_a_warning(units, tmp_path, capsys):
    from ntm.assessments.models import IndicatorValue

    path = tmp_path / "blank.csv"
    path.write_text(
        "\n".join([HEADER, GOOD, ",,,,,", ",,,,,", f"9389401,2023,{SET},2.2,80,"]) + "\n"
    )

    assert main(["import", str(path)]) == 0

    out = capsys.readouterr().out
    assert "Bỏ qua 2 dòng trống (dòng 3, 4)" in out
    assert IndicatorValue.objects.count() == 2


def test_a_csv_saved_with_cr_line_ends_imports(units, tmp_path):
    from ntm.assessments.models import IndicatorValue

    path = tmp_path / "mac.csv"
    path.write_bytes("\r".join([HEADER, GOOD, f"9389401,2023,{SET},2.2,80,"]).encode() + b"\r")

    assert main(["import", str(path)]) == 0
    assert IndicatorValue.objects.count() == 2


def test_a_value_of_a_commune_after_it_ceased_to_exist_is_refused(units, tmp_path, capsys):
    from datetime import date

    units.commune.valid_to = date(2025, 6, 30)
    units.commune.save(update_fields=["valid_to"])
    path = tmp_path / "late.csv"
    path.write_text("\n".join([HEADER, f"9389401,2025-08,{SET},2.1,95,"]) + "\n")

    assert main(["import", str(path)]) == 1
    assert "Dòng 2, cột unit" in capsys.readouterr().err


def test_the_same_value_in_two_columns_of_one_row_is_refused(template, tmp_path, capsys):
    from openpyxl import load_workbook

    wb = load_workbook(template)
    ws = wb.worksheets[0]
    ws["E5"] = ws["D5"].value
    ws["D8"], ws["E8"] = "Đạt", "Chưa đạt"
    wb.save(template)

    assert main(["import", str(template)]) == 1
    assert "hai cột" in capsys.readouterr().err


def test_an_oversized_upload_is_refused_before_it_is_read(units, tmp_path, settings, capsys):
    settings.NTM_IMPORT_MAX_BYTES = 1000
    path = tmp_path / "big.csv"
    path.write_text("\n".join([HEADER] + [GOOD] * 100) + "\n")

    assert main(["import", str(path)]) == 1
    assert "quá giới hạn" in capsys.readouterr().err


def test_an_import_past_its_time_limit_stops_with_a_clear_message_and_writes_nothing(
    units, tmp_path, settings, capsys
):
    from ntm.assessments.models import IndicatorValue

    settings.NTM_IMPORT_MAX_SECONDS = 1e-9  # already past after the first thousand rows
    path = tmp_path / "slow.csv"
    path.write_text(
        "\n".join(
            [HEADER] + [f"9389401,{2010 + i % 15},{SET},2.{1 + i % 4},95," for i in range(1500)]
        )
    )

    assert main(["import", str(path)]) == 1
    assert "quá thời gian" in capsys.readouterr().err
    assert not IndicatorValue.objects.exists()
