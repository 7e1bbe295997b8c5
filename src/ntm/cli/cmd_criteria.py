"""``ntm criteria [SET] [--json]``: what the loaded criteria sets say, with provenance."""

from __future__ import annotations

import argparse
import json

from ntm.cli import InputError
from ntm.criteria.loader import CriteriaFileError
from ntm.criteria.registry import UnknownSet, load_registry
from ntm.criteria.serialize import completeness_note, set_to_data, threshold_to_data


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("set", nargs="?", help="mã bộ tiêu chí, ví dụ xa-ntm-2021-2025")
    parser.add_argument("--json", action="store_true", help="in JSON")


def run(args: argparse.Namespace) -> int:
    try:
        registry = load_registry()
        sets = [registry.get(args.set)] if args.set else registry.sets()
    except (CriteriaFileError, UnknownSet) as exc:
        raise InputError(str(exc)) from exc
    if args.json:
        payload = set_to_data(sets[0]) if args.set else [set_to_data(s, with_criteria=False) for s in sets]
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    if not args.set:
        for s in sets:
            note = f"  [{completeness_note(s)}]" if not s.complete else ""
            conditions = " + điều kiện" if len(s.counted_criteria) < len(s.criteria) else ""
            print(f"{s.code:32} {s.level:9} {len(s.counted_criteria):>2} tiêu chí{conditions} / "
                  f"{s.encoded_indicators:>2} chỉ tiêu  {s.name}{note}")
        return 0
    _print_set(sets[0])
    return 0


def _print_set(s) -> None:
    print(f"{s.name} ({s.code})")
    print(f"Nguồn: {s.source}")
    print(f"Công bố: {s.declared_criteria} tiêu chí, {s.declared_indicators} chỉ tiêu; "
          f"đã mã hóa: {len(s.counted_criteria)} tiêu chí, {s.encoded_indicators} chỉ tiêu")
    if not s.complete:
        print(completeness_note(s))
    for c in s.criteria:
        title = f"Điều kiện - {c.name}" if c.is_condition else f"Tiêu chí số {c.number} - {c.name}"
        print(f"\n{title}" + (f" ({c.department})" if c.department else ""))
        for i in c.indicators:
            mark = "" if i.verified else "  ⚠ chưa xác minh"
            rule = "Đạt" if i.op == "is_true" else f"{i.op} {json.dumps(threshold_to_data(i.threshold), ensure_ascii=False)}"
            print(f"  {i.code:6} {i.name} — {rule} {i.unit}{mark}")
