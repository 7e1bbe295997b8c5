"""The recognition file of ``ntm import`` (design.md §10): header, all or nothing, revoke,
idempotence."""

from __future__ import annotations

import json
from datetime import date

import pytest

from ntm.cli import main
from ntm.imports.service import run_import
from ntm.recognition.imports import MSG_NOTHING_TO_REVOKE
from ntm.recognition.models import Recognition

pytestmark = pytest.mark.django_db
HEADER = "unit,level,decision,date,issuer,set,action,note"


def write(tmp_path, lines, name="recognitions.csv"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_recognition_file_is_recognised_by_its_header_and_written(units, tmp_path):
    path = write(
        tmp_path,
        [
            HEADER,
            "9389401,ntm,123/QĐ-UBND,15/3/2018,UBND tỉnh Thanh Hóa,,,",
            "9389401,advanced,45/QĐ-UBND,2022-06-01,UBND tỉnh Thanh Hóa,"
            "xa-ntm-nang-cao-2021-2025,recognise,",
            "Thanh Hóa/Thọ Xuân/Xuân Hòa/Thôn 1,village-model,7/QĐ-UBND,2022-01-10,"
            "UBND huyện Thọ Xuân,,,",
            "93894,ntm,999/QĐ-TTg,2019-12-20,Thủ tướng Chính phủ,,,",
        ],
    )
    outcome = run_import(path)
    assert outcome.ok, outcome.errors
    assert outcome.kind == "recognition" and outcome.created == 4
    rec = Recognition.objects.get(unit=units.commune, level="advanced")
    assert (rec.decision, rec.date, rec.set_code, rec.source) == (
        "45/QĐ-UBND",
        date(2022, 6, 1),
        "xa-ntm-nang-cao-2021-2025",
        "import",
    )
    assert rec.history.count() == 1


def test_importing_the_same_file_again_changes_nothing(units, tmp_path):
    path = write(
        tmp_path,
        [
            HEADER,
            "9389401,ntm,123/QĐ-UBND,15/3/2018,UBND tỉnh,,,",
            "9389401,ntm,9/QĐ-UBND,2023-06-01,UBND tỉnh,,revoke,không duy trì",
        ],
    )
    assert run_import(path).created == 1
    again = run_import(path)
    assert again.ok and (again.created, again.updated, again.unchanged) == (0, 0, 2)
    rec = Recognition.objects.get()
    assert (rec.revoked_decision, rec.revoked_date) == ("9/QĐ-UBND", date(2023, 6, 1))
    assert rec.history.count() == 2  # created, then revoked: nothing since


def test_every_bad_row_is_named_and_nothing_is_written(units, tmp_path):
    path = write(
        tmp_path,
        [
            HEADER,
            "9389401,ntm,1/QĐ,2018-01-01,UBND tỉnh,,,",
            "9389401,ntm,1/QĐ,2018-01-01,UBND tỉnh,,,",  # the same decision twice
            "9389402,advanced,2/QĐ,31/2/2020,,,,",  # bad date, no issuer
            "9389402,gold,3/QĐ,2020-01-01,UBND tỉnh,,,",  # unknown level
            "9389401-1,ntm,4/QĐ,2020-01-01,UBND huyện,,,",  # a village is recognised village-ntm
            "9389402,ntm,5/QĐ,2020-01-01,UBND tỉnh,xa-khong-co,,",  # unknown set
            "9389402,model,6/QĐ,2020-01-01,UBND tỉnh,,revoke,",  # nothing in force to revoke
        ],
    )
    outcome = run_import(path)
    assert not outcome.ok
    assert [(e.row, e.column) for e in outcome.errors] == [
        (4, "date"),
        (4, "issuer"),
        (5, "level"),
        (6, "level"),
        (7, "set"),
    ]
    assert Recognition.objects.count() == 0
    # Row problems first; the cross-row checks (duplicates, revocations) once every row reads well.
    fixed = write(
        tmp_path,
        [line for i, line in enumerate(path.read_text().splitlines()) if i not in (3, 4, 5, 6)],
    )
    outcome = run_import(fixed)
    assert [(e.row, e.column) for e in outcome.errors] == [(3, "decision"), (4, "action")]
    assert outcome.errors[1].reason == MSG_NOTHING_TO_REVOKE.format(
        level="model", date="01/01/2020"
    )
    assert Recognition.objects.count() == 0


def test_a_revoke_before_the_recognition_is_a_bad_row(units, tmp_path):
    path = write(
        tmp_path,
        [
            HEADER,
            "9389401,ntm,1/QĐ,2018-01-01,UBND tỉnh,,,",
            "9389401,ntm,2/QĐ,2017-01-01,UBND tỉnh,,revoke,",
        ],
    )
    outcome = run_import(path)
    assert [(e.row, e.column) for e in outcome.errors] == [(3, "action")]


def test_ntm_import_exits_1_on_a_bad_recognition_file(units, tmp_path, capsys):
    path = write(tmp_path, [HEADER, "9389401,ntm,1/QĐ,hôm qua,UBND tỉnh,,,"])
    assert main(["import", str(path)]) == 1
    assert "date" in capsys.readouterr().err
    assert Recognition.objects.count() == 0


def list_json(capsys, *args):
    assert main(["recognition", "list", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_recognition_list_gives_the_units_recognised_on_a_date(units, tmp_path, capsys):
    run_import(
        write(
            tmp_path,
            [
                HEADER,
                "93894,ntm,999/QĐ-TTg,2019-12-20,Thủ tướng Chính phủ,,,",
                "9389401,ntm,1/QĐ,2018-01-01,UBND tỉnh,,,",
                "9389402,ntm,2/QĐ,2018-01-01,UBND tỉnh,,,",
                "9389402,ntm,3/QĐ,2023-06-01,UBND tỉnh,,revoke,",
                "9389001,ntm,4/QĐ,2018-01-01,UBND tỉnh,,,",
            ],
        )
    )
    rows = list_json(capsys, "93894", "--as-of", "31/12/2022")
    assert rows == [
        {
            "unit": "93894",
            "name": "Thọ Xuân",
            "level": "ntm",
            "decision": "999/QĐ-TTg",
            "date": "2019-12-20",
            "issuer": "Thủ tướng Chính phủ",
        },
        {
            "unit": "9389401",
            "name": "Xuân Hòa",
            "level": "ntm",
            "decision": "1/QĐ",
            "date": "2018-01-01",
            "issuer": "UBND tỉnh",
        },
        {
            "unit": "9389402",
            "name": "Xuân Minh",
            "level": "ntm",
            "decision": "2/QĐ",
            "date": "2018-01-01",
            "issuer": "UBND tỉnh",
        },
    ]
    assert [r["unit"] for r in list_json(capsys, "93894", "--as-of", "2023-06-01")] == [
        "93894",
        "9389401",
    ]
    assert [r["unit"] for r in list_json(capsys, "93894", "--as-of", "2019-01-01")] == [
        "9389401",
        "9389402",
    ]
    assert [r["unit"] for r in list_json(capsys, "93894")] == ["93894", "9389401"]  # today


def test_recognition_list_refuses_an_unknown_unit_and_a_bad_date(units, capsys):
    assert main(["recognition", "list", "Không Có"]) == 1
    assert main(["recognition", "list", "93894", "--as-of", "tomorrow"]) == 2
