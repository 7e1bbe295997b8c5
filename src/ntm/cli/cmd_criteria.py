"""``ntm criteria [SET] [--json] [--unverified [-o FILE]]``: what the loaded criteria sets say,
with provenance. ``--unverified`` writes a CSV of every unverified threshold (of SET, or of
every loaded set) for an office to check against its official copies."""

from __future__ import annotations

import argparse
import csv
import json
import sys

from ntm.cli import InputError
from ntm.criteria.loader import CriteriaFileError
from ntm.criteria.registry import UnknownSet, load_registry
from ntm.criteria.serialize import completeness_note, set_to_data, threshold_text
from ntm.criteria.unverified import UNVERIFIED_COLUMNS, unverified_rows

MSG_WRITTEN = "Đã ghi {count} ngưỡng chưa xác minh vào {path}"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("set", nargs="?", help="mã bộ tiêu chí, ví dụ xa-ntm-2021-2025")
    parser.add_argument("--json", action="store_true", help="in JSON")
    parser.add_argument(
        "--unverified",
        action="store_true",
        help="xuất CSV mọi ngưỡng chưa xác minh (của SET hoặc mọi bộ đang dùng)",
    )
    parser.add_argument(
        "-o", "--output", help="tệp CSV (với --unverified; mặc định: in ra màn hình)"
    )


def run(args: argparse.Namespace) -> int:
    try:
        registry = load_registry()
        sets = [registry.get(args.set)] if args.set else registry.sets()
    except (CriteriaFileError, UnknownSet) as exc:
        raise InputError(str(exc)) from exc
    if args.unverified:
        return _export_unverified(sets, args.output)
    if args.json:
        payload = (
            set_to_data(sets[0])
            if args.set
            else [set_to_data(s, with_criteria=False) for s in sets]
        )
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    if not args.set:
        for s in sets:
            note = f"  [{completeness_note(s)}]" if not s.complete else ""
            conditions = " + điều kiện" if len(s.counted_criteria) < len(s.criteria) else ""
            print(
                f"{s.code:32} {s.level:9} {len(s.counted_criteria):>2} tiêu chí{conditions} / "
                f"{s.encoded_indicators:>2} chỉ tiêu  {s.name}{note}"
            )
        return 0
    _print_set(sets[0])
    return 0


def _print_set(s) -> None:
    print(f"{s.name} ({s.code})")
    print(f"Nguồn: {s.source}")
    if s.province:
        said = {True: "đã xác minh", False: "CHƯA xác minh"}.get(s.verified, "không ghi")
        print(f"Dữ liệu của tỉnh {s.province} (nguồn {said})")
    print(
        f"Công bố: {s.declared_criteria} tiêu chí, {s.declared_indicators} chỉ tiêu; "
        f"đã mã hóa: {len(s.counted_criteria)} tiêu chí, {s.encoded_indicators} chỉ tiêu"
    )
    if not s.complete:
        print(completeness_note(s))
    for c in s.criteria:
        title = f"Điều kiện - {c.name}" if c.is_condition else f"Tiêu chí số {c.number} - {c.name}"
        print(f"\n{title}" + (f" ({c.department})" if c.department else ""))
        for i in c.indicators:
            mark = "" if i.verified else "  ⚠ chưa xác minh"
            rule = "Đạt" if i.op == "is_true" else f"{i.op} {threshold_text(i.threshold)}"
            print(f"  {i.code:6} {i.name} — {rule} {i.unit}{mark}")


def _write_rows(fh, rows: list[dict[str, str]]) -> None:
    writer = csv.DictWriter(fh, fieldnames=UNVERIFIED_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)


def _export_unverified(sets, output: str | None) -> int:
    rows = unverified_rows(sets)
    if not output:
        _write_rows(sys.stdout, rows)
        return 0
    with open(output, "w", encoding="utf-8-sig", newline="") as fh:
        _write_rows(fh, rows)
    print(MSG_WRITTEN.format(count=len(rows), path=output), file=sys.stderr)
    return 0
