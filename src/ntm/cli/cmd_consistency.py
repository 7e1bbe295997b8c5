"""``ntm consistency FILE [--set SET] [--json]``: can any data set produce these published
figures?"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ntm.cli import InputError
from ntm.criteria.registry import UnknownSet, load_registry
from ntm.reports.consistency import CONSISTENT_VI, check_published
from ntm.reports.published_file import PublishedFileError, parse_published

MSG_CONTRADICTIONS = "Các số liệu công bố mâu thuẫn nhau ({count} điểm):"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", help="YAML/JSON: groups, unmet_by_criterion, criteria_total… (xem docs/examples)"
    )
    parser.add_argument(
        "--set", dest="set_code", help="bộ tiêu chí của báo cáo (cho tổng số tiêu chí, chỉ tiêu)"
    )
    parser.add_argument("--json", action="store_true", help="in JSON")


def run(args: argparse.Namespace) -> int:
    try:
        criteria_set = load_registry().get(args.set_code) if args.set_code else None
        published = parse_published(Path(args.file).read_text(encoding="utf-8"), criteria_set)
    except (UnknownSet, PublishedFileError) as exc:
        raise InputError(f"{args.file}: {exc}") from exc
    report = check_published(published)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        return 0
    if not report.findings:
        print(CONSISTENT_VI)
    else:
        print(
            MSG_CONTRADICTIONS.format(count=len(report.findings))
            if not report.consistent
            else CONSISTENT_VI
        )
        for finding in report.findings:
            print(f"  [{finding.severity}] {finding.message_vi}")
    return 0
