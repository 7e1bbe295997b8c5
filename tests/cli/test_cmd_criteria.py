from __future__ import annotations

import json

import pytest

from ntm.cli import main


def run_json(capsys, *argv: str):
    assert main(["criteria", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def counts(data: dict) -> tuple[int, int]:
    return len(data["criteria"]), sum(len(c["indicators"]) for c in data["criteria"])


def test_the_commune_set_lists_19_criteria_and_57_indicators(capsys):
    data = run_json(capsys, "xa-ntm-2021-2025")
    assert counts(data) == (19, 57)
    assert data["declared"] == {"criteria": 19, "indicators": 57}
    assert data["level"] == "commune"
    first = data["criteria"][0]["indicators"][0]
    for key in ("code", "name", "kind", "op", "thresholds", "source", "verified"):
        assert key in first
    assert all(
        i["op"] in (">=", ">", "<=", "<", "==", "in", "is_true")
        for c in data["criteria"]
        for i in c["indicators"]
    )
    assert all(i["source"] for c in data["criteria"] for i in c["indicators"])


def test_the_advanced_set_lists_19_criteria_and_75_indicators(capsys):
    data = run_json(capsys, "xa-ntm-nang-cao-2021-2025")
    assert counts(data) == (19, 75)
    assert data["declared"] == {"criteria": 19, "indicators": 75}


def test_the_2026_set_declares_47_and_says_it_is_incomplete(capsys):
    data = run_json(capsys, "xa-ntm-2026-2030")
    assert len(data["criteria"]) == 10
    assert data["declared"] == {"criteria": 10, "indicators": 47}
    encoded = counts(data)[1]
    assert data["encoded"]["indicators"] == encoded
    assert data["complete"] is (encoded == 47)
    assert main(["criteria", "xa-ntm-2026-2030"]) == 0
    text = capsys.readouterr().out
    if encoded < 47:
        assert f"{encoded}/47 chỉ tiêu" in text


def test_the_list_names_every_shipped_set(capsys):
    codes = {s["code"] for s in run_json(capsys)}
    assert {
        "xa-ntm-2021-2025",
        "xa-ntm-nang-cao-2021-2025",
        "xa-ntm-kieu-mau-2021-2025",
        "huyen-ntm-2021-2025",
        "huyen-ntm-nang-cao-2021-2025",
        "xa-ntm-2026-2030",
        "thon-ntm-mau",
    } <= codes


def test_an_unknown_set_is_bad_input(capsys):
    assert main(["criteria", "khong-co"]) == 1
    assert "không có bộ tiêu chí" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["khong-ton-tai-lenh"]])
def test_an_unknown_command_is_a_usage_error(argv):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2


@pytest.mark.django_db
def test_an_unwritable_output_file_is_bad_input_not_a_traceback(capsys, tmp_path, units):
    target = tmp_path / "khong-co-thu-muc" / "mau.xlsx"
    assert (
        main(["template", "xa-ntm-2021-2025", "93894", "-o", str(target), "--period", "2023"]) == 1
    )
    err = capsys.readouterr().err
    assert "không đọc/ghi được tệp" in err and "Traceback" not in err


def test_the_2026_set_encodes_all_47_indicators_numbered_criterion_by_criterion(capsys):
    data = run_json(capsys, "xa-ntm-2026-2030")
    codes = [i["code"] for c in data["criteria"] for i in c["indicators"]]
    assert len(codes) == 47 and len(set(codes)) == 47
    assert data["complete"] is True
    for c in data["criteria"]:
        assert [i["code"] for i in c["indicators"]] == [
            f"{c['number']}.{m}" for m in range(1, len(c["indicators"]) + 1)
        ]
    assert all(
        i["source"].startswith("QĐ 51/2025/QĐ-TTg")
        for c in data["criteria"]
        for i in c["indicators"]
    )
    assert main(["criteria", "xa-ntm-2026-2030"]) == 0
    assert "/47 chỉ tiêu" not in capsys.readouterr().out


def test_an_unverified_2026_threshold_says_so_and_why(capsys):
    data = run_json(capsys, "xa-ntm-2026-2030")
    income = next(i for c in data["criteria"] for i in c["indicators"] if i["code"] == "3.1")
    assert income["verified"] is False and income["note"]
    assert set(income["thresholds"]["cases"]) == {"1", "2", "3"}


def test_the_unverified_export_lists_each_group_threshold_on_its_own_row(capsys, tmp_path):
    import csv

    target = tmp_path / "unverified.csv"
    assert main(["criteria", "xa-ntm-2026-2030", "--unverified", "-o", str(target)]) == 0
    with open(target, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    income = [r for r in rows if r["indicator"] == "3.1"]
    assert [r["case"] for r in income] == ["group=1", "group=2", "group=3"]
    assert all(r["set"] == "xa-ntm-2026-2030" and r["source"] for r in rows)
    assert {r["indicator"] for r in rows} >= {"1.1", "10.4"}


def test_the_unverified_export_leaves_verified_thresholds_out(capsys):
    assert main(["criteria", "xa-ntm-2021-2025", "--unverified"]) == 0
    import csv

    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    data = run_json(capsys, "xa-ntm-2021-2025")
    verified = {i["code"] for c in data["criteria"] for i in c["indicators"] if i["verified"]}
    assert rows and verified and not {r["indicator"] for r in rows} & verified


def test_a_command_parses_its_own_options_with_only_its_parser_configured(capsys):
    from ntm.cli import build_parser

    args = build_parser(["criteria", "--json"]).parse_args(["criteria", "--json"])
    every = build_parser().parse_args(["criteria", "--json"])

    assert vars(args) == vars(every)
    with pytest.raises(SystemExit):
        build_parser(["nosuch"]).parse_args(["nosuch"])
    assert "invalid choice" in capsys.readouterr().err
