"""Record files (design.md §10): the header picks the kind; every bad row is named; all or nothing.

The kind registered here keeps what it writes in a list, so the tests see exactly which
records a successful import handed to the writer, and that a rejected file handed none.
"""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook

from ntm.imports import records
from ntm.imports.records import RecordKind, WriteCounts, register_kind
from ntm.imports.service import run_import

WRITTEN: list[tuple] = []


def _check(row, ctx):
    unit = ctx.unit(row)
    when = row.date("when")
    amount = row.number("amount", minimum=0)
    colour = row.choice("colour", {"đỏ": "red", "xanh": "green"}, required=False)
    return (unit, when, amount, colour)


def _write(rows, ctx):
    WRITTEN.extend(rows)
    return WriteCounts(created=len(rows))


@pytest.fixture
def probe_kind():
    saved = dict(records._KINDS)
    WRITTEN.clear()
    register_kind(
        RecordKind("probe", "thử", ("unit", "when", "amount"), ("colour", "note"), _check, _write)
    )
    yield
    records._KINDS.clear()
    records._KINDS.update(saved)


@pytest.mark.django_db
def test_a_record_file_is_recognised_by_its_header_and_written(units, probe_kind, tmp_path):
    path = tmp_path / "probe.csv"
    path.write_text(
        "\ufeffunit;when;amount;colour\n9389401;25/5/2023;1.250.000.000;Đỏ\n;;;\n9389402;2023-06-01;3,25;\n",
        encoding="utf-8",
    )
    outcome = run_import(path)
    assert outcome.ok, outcome.errors
    assert outcome.kind == "probe" and outcome.created == 2
    assert [w[1:] for w in WRITTEN] == [
        (date(2023, 5, 25), 1250000000.0, "red"),
        (date(2023, 6, 1), 3.25, None),
    ]


@pytest.mark.django_db
def test_every_bad_field_is_named_and_nothing_is_written(units, probe_kind, tmp_path):
    path = tmp_path / "probe.csv"
    path.write_text(
        "unit,when,amount,colour\n9389401,31/2/2023,-5,tím\n"
        "Không Có,2023-01-01,1,\n9389402,2023-01-01,1,\n",
        encoding="utf-8",
    )
    outcome = run_import(path)
    assert not outcome.ok
    assert [(e.row, e.column) for e in outcome.errors] == [
        (2, "amount"),
        (2, "colour"),
        (2, "when"),
        (3, "unit"),
    ]
    assert WRITTEN == []


@pytest.mark.django_db
def test_a_dry_run_writes_nothing_but_counts(units, probe_kind, tmp_path):
    path = tmp_path / "probe.csv"
    path.write_text("unit,when,amount\n9389401,2023-01-01,1\n", encoding="utf-8")
    outcome = run_import(path, dry_run=True)
    assert outcome.ok and outcome.dry_run and outcome.created == 1


@pytest.mark.django_db
def test_an_unknown_header_lists_the_kinds_it_knows(units, probe_kind, tmp_path):
    path = tmp_path / "what.csv"
    path.write_text("foo,bar\n1,2\n", encoding="utf-8")
    outcome = run_import(path)
    assert not outcome.ok
    assert (
        "unit,when,amount" in outcome.errors[0].reason
        and "unit,period,set,indicator,value" in outcome.errors[0].reason
    )


@pytest.mark.django_db
def test_an_unknown_column_for_the_kind_is_refused(units, probe_kind, tmp_path):
    path = tmp_path / "probe.csv"
    path.write_text("unit,when,amount,extra\n9389401,2023-01-01,1,x\n", encoding="utf-8")
    outcome = run_import(path)
    assert not outcome.ok and "extra" in outcome.errors[0].reason


@pytest.mark.django_db
def test_an_xlsx_record_file_reads_its_first_sheet(units, probe_kind, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Unit", "When", "Amount"])
    ws.append(["9389401", date(2023, 5, 25), 12.5])
    ws.append([None, None, None])
    path = tmp_path / "probe.xlsx"
    wb.save(path)
    outcome = run_import(path)
    assert outcome.ok, outcome.errors
    assert [w[1:3] for w in WRITTEN] == [(date(2023, 5, 25), 12.5)]
