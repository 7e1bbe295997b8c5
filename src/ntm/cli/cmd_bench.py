"""``ntm bench``: the project's benchmark, printed as times, rates and ratios to a floor.

Speed is measured here, never in timed tests. The benchmark modules live in the repository's
``bench/`` folder; each exposes ``bench_<part>(...) -> list[dict]`` rows.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

from ntm.cli import UsageError

PARTS = {
    "engine": ("bench.bench_engine", "bench_engine"),
    "import": ("bench.bench_import", "bench_import"),
    "reports": ("bench.bench_reports", "bench_reports"),
    "pages": ("bench.bench_pages", "bench_pages"),
}
REPO_ROOT = Path(__file__).resolve().parents[3]


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--only", choices=sorted(PARTS), action="append", help="chỉ chạy phần này")
    parser.add_argument("--communes", type=int, default=10_000, help="số xã của quốc gia giả lập")
    parser.add_argument("--json", action="store_true", help="in JSON")


def run(args: argparse.Namespace) -> int:
    if not (REPO_ROOT / "bench").is_dir():
        raise UsageError("không tìm thấy thư mục bench/ (ntm bench chạy từ bản sao mã nguồn)")
    sys.path.insert(0, str(REPO_ROOT))
    rows: list[dict] = []
    for part in args.only or list(PARTS):
        module_name, func_name = PARTS[part]
        try:
            func = getattr(importlib.import_module(module_name), func_name)
        except (ModuleNotFoundError, AttributeError):
            rows.append({"part": part, "step": "chưa có (not built yet)"})
            continue
        kwargs = {"n_communes": args.communes} if part != "reports" else {}
        for row in func(**kwargs):
            rows.append({"part": part, **row})
            if not args.json:
                print(_format(rows[-1]), flush=True)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
    return 0


def _format(row: dict) -> str:
    parts = [f"[{row['part']}] {row['step']}"]
    if row.get("seconds") is not None:
        parts.append(f"{row['seconds']:.3f} s")
    if row.get("per_second"):
        parts.append(f"{row['per_second']:,.0f}/s")
    if row.get("ratio") is not None:
        parts.append(f"ratio {row['ratio']:.2f}")
    if row.get("target"):
        parts.append(f"target {row['target']}")
    if row.get("detail"):
        parts.append(f"({row['detail']})")
    return " | ".join(parts)
