"""Funds, outputs, awards and reported-figure files (design.md §10): the header picks the kind,
numbers are read in Vietnamese or plain form, every bad row is named, all or nothing, and a
re-import changes nothing (natural keys documented in ``ntm.investment.models``)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ntm.imports.service import run_import
from ntm.investment.models import EmulationAward, FundsMobilised, PhysicalOutput, ReportedFigures


def write(tmp_path, text: str, name: str = "file.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_a_funds_file_reads_vietnamese_and_plain_numbers(units, tmp_path):
    path = write(
        tmp_path,
        (
            "\ufeffunit;period;source;amount_vnd;planned_vnd;note\n"
            "9389401;2023-05;central;1.250.000.000;2000000000;\n"
            "Thanh Hóa/Thọ Xuân;2023;community;3,25;;góp công\n"
        ),
    )
    outcome = run_import(path)

    assert outcome.ok, outcome.errors
    assert (outcome.kind, outcome.created) == ("funds", 2)
    central = FundsMobilised.objects.get(fund_source="central")
    assert (central.amount_vnd, central.planned_vnd, central.period) == (
        1_250_000_000,
        2_000_000_000,
        "2023-05",
    )
    assert FundsMobilised.objects.get(fund_source="community").amount_vnd == 3
    again = run_import(path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


@pytest.mark.django_db
def test_a_bad_funds_row_names_its_columns_and_nothing_is_written(units, tmp_path):
    path = write(
        tmp_path,
        (
            "unit,period,source,amount_vnd\n"
            "9389401,2023-05,central,100\n"
            "9389401,2023-13,bank,-5\n"
            "9389401,2023-05,central,200\n"
        ),
    )
    outcome = run_import(path)

    assert not outcome.ok
    assert [(e.row, e.column) for e in outcome.errors] == [
        (3, "amount_vnd"),
        (3, "period"),
        (3, "source"),
    ]
    assert (
        "central, local, integrated, credit, enterprise, community, other"
        in outcome.errors[2].reason
    )
    assert not FundsMobilised.objects.exists()
    duplicate = write(
        tmp_path,
        "unit,period,source,amount_vnd\n9389401,2023-05,central,100\n9389401,2023-05,central,200\n",
        "dup.csv",
    )
    assert [(e.row, e.column) for e in run_import(duplicate).errors] == [(3, "source")]


@pytest.mark.django_db
def test_an_outputs_file_takes_the_catalogue_codes(units, tmp_path):
    path = write(
        tmp_path,
        (
            "unit,period,kind,quantity,note\n"
            '9389401,2023,road_km,"71,43",\n'
            "9389401,2023,classrooms,130,\n"
            "9389402,2023,spaceports,1,\n"
        ),
    )
    bad = run_import(path)
    assert [(e.row, e.column) for e in bad.errors] == [(4, "kind")] and "road_km" in bad.errors[
        0
    ].reason
    assert not PhysicalOutput.objects.exists()

    path = write(
        tmp_path,
        'unit,period,kind,quantity\n9389401,2023,road_km,"71,43"\n9389401,2023,classrooms,130\n',
        "ok.csv",
    )
    outcome = run_import(path)
    assert (outcome.kind, outcome.created) == ("outputs", 2)
    assert PhysicalOutput.objects.get(kind="road_km").quantity == Decimal("71.43")


@pytest.mark.django_db
def test_an_awards_file_counts_collectives_and_individuals(units, tmp_path):
    path = write(
        tmp_path,
        (
            "unit,date,issuer,kind,recipient_type,recipient\n"
            "9389401,27/4/2023,UBND huyện Thọ Xuân,giấy khen,collective,Thôn 1\n"
            "9389401,2023-04-27,UBND huyện Thọ Xuân,Giấy khen,individual,Nguyễn Văn A\n"
            "9389401,2023-04-27,UBND tỉnh,bằng khen,cá nhân,Lê Thị B\n"
        ),
    )
    outcome = run_import(path)

    assert outcome.ok, outcome.errors
    assert outcome.kind == "awards"
    assert sorted(EmulationAward.objects.values_list("kind", "recipient_type")) == [
        ("certificate", "collective"),
        ("certificate", "individual"),
        ("merit", "individual"),
    ]
    assert EmulationAward.objects.filter(awarded_on=date(2023, 4, 27)).count() == 3
    assert run_import(path).unchanged == 3
    bad = write(
        tmp_path,
        "unit,date,issuer,kind,recipient_type,recipient\n9389401,27/4/2023,UBND,giấy khen,team,X\n",
        "bad.csv",
    )
    assert [(e.row, e.column) for e in run_import(bad).errors] == [(2, "recipient_type")]


@pytest.mark.django_db
def test_a_reported_figures_file_is_stored_as_reported(units, tmp_path):
    path = write(
        tmp_path,
        (
            "unit,period,communes,communes_ntm,source,average_criteria,ocop_products,date\n"
            '93890,2023-03,11,2,Báo cáo 45/BC-UBND huyện Quan Sơn,"6,36",3,27/4/2023\n'
        ),
    )
    outcome = run_import(path)

    assert outcome.ok, outcome.errors
    assert outcome.kind == "reported"
    row = ReportedFigures.objects.get()
    assert (row.communes, row.communes_ntm, row.average_criteria, row.ocop_products) == (
        11,
        2,
        Decimal("6.36"),
        3,
    )
    assert row.reported_by.startswith("Báo cáo 45") and not row.demo
    too_many = write(
        tmp_path, "unit,period,communes,communes_ntm,source\n93890,2023-03,11,12,BC\n", "bad.csv"
    )
    assert [(e.row, e.column) for e in run_import(too_many).errors] == [(2, "communes_ntm")]
