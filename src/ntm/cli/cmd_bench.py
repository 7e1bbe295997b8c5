"""``ntm bench``: the project's benchmark, every part in one run, as a table of ratios to floors.

Speed is measured here, never in timed tests. The benchmark modules live in the repository's
``bench/`` folder; each exposes ``bench_<part>(...) -> list[dict]`` rows. Each row printed (and
each object of ``--json``) has at least:

- ``part``, ``step``: which benchmark and which figure;
- ``seconds``: wall time of the step (for a latency row, its p99), or null;
- ``ratio``: the measured figure divided by its floor. The floor is the part's reference step
  when it has one (a plain loop, a plain ``csv`` parse, a plain SELECT of the same rows: ratio
  = seconds / floor seconds, lower is better), else the issue's bound itself (load: writes/s ÷
  200, higher is better; p99 ÷ 0.5 s, lower is better); null for a step with no floor;
- ``target``: the issue's bound, as text (``< 1 s``, ``ratio < 5``, ``>= 50,000 values/s``,
  ``p99 < 0.5 s``, ``= 0``; clauses joined by ``,`` must all hold);
- ``ok``: whether the bound holds (true/false), null when the step has none. A part may say it
  itself; otherwise it is read from ``target`` (``bound_holds``).

Other keys a part gives (``per_second``, ``p50``, ``count``, ``detail``...) are kept. The exit
code is 0 whatever the figures: a benchmark reports, it does not gate (CI times nothing).
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
from pathlib import Path

from ntm.cli import UsageError

PARTS = {
    "engine": ("bench.bench_engine", "bench_engine"),
    "import": ("bench.bench_import", "bench_import"),
    "reports": ("bench.bench_reports", "bench_reports"),
    "pages": ("bench.bench_pages", "bench_pages"),
    "load": ("bench.bench_load", "bench_load"),
}
REPO_ROOT = Path(__file__).resolve().parents[3]
ROW_KEYS = ("part", "step", "seconds", "ratio", "target", "ok")
LOAD_USERS = 50
LOAD_SECONDS = 60.0
LOAD_COMMUNES = 2_000
LOAD_THINK = 1.5  # bench.load_client.THINK_SECONDS (the CLI does not import bench/ to parse)
MSG_BAD_LOAD = "--users và --seconds phải lớn hơn 0 (must be positive)"
MSG_BAD_THINK = "--think không được âm (must not be negative)"

# One clause of a target: "< 1 s", "ratio <= 1.2", ">= 150,000 values/s", ">= 200 writes/s".
_CLAUSE = re.compile(
    r"^(?P<what>ratio\s+)?(?P<op><=|>=|<|>)\s*(?P<number>[\d,]*\.?\d+)\s*(?P<unit>s|\S*/s)?$"
)
_OPS = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--only", choices=sorted(PARTS), action="append", help="chỉ chạy phần này")
    parser.add_argument("--communes", type=int, default=10_000, help="số xã của quốc gia giả lập")
    parser.add_argument(
        "--users",
        type=int,
        default=LOAD_USERS,
        help=f"load: số người dùng đồng thời ({LOAD_USERS})",
    )
    parser.add_argument(
        "--seconds",
        type=float,
        default=LOAD_SECONDS,
        help=f"load: thời gian chạy, giây ({LOAD_SECONDS:g})",
    )
    parser.add_argument(
        "--think",
        type=float,
        default=LOAD_THINK,
        help=f"load: mỗi người dùng nghỉ bao nhiêu giây sau mỗi câu trả lời ({LOAD_THINK:g}; "
        "0: thử sức chịu tải)",
    )
    parser.add_argument("--json", action="store_true", help="in JSON")


def _kwargs(part: str, args: argparse.Namespace) -> dict:
    if part == "reports":
        return {}
    if part == "load":
        # Values for the users' districts and the next communes: a national load (--communes
        # 10,000) would add minutes of setup and no page read here reads it.
        return {
            "n_communes": min(args.communes, LOAD_COMMUNES),
            "users": args.users,
            "seconds": args.seconds,
            "think": args.think,
        }
    return {"n_communes": args.communes}


def run(args: argparse.Namespace) -> int:
    if not (REPO_ROOT / "bench").is_dir():
        raise UsageError("không tìm thấy thư mục bench/ (ntm bench chạy từ bản sao mã nguồn)")
    if args.users < 1 or args.seconds <= 0:
        raise UsageError(MSG_BAD_LOAD)
    if args.think < 0:
        raise UsageError(MSG_BAD_THINK)
    sys.path.insert(0, str(REPO_ROOT))
    rows: list[dict] = []
    for part in args.only or list(PARTS):
        module_name, func_name = PARTS[part]
        try:
            func = getattr(importlib.import_module(module_name), func_name)
        except (ModuleNotFoundError, AttributeError):
            rows.append(complete_row({"part": part, "step": "chưa có (not built yet)"}))
            continue
        for row in func(**_kwargs(part, args)):
            rows.append(complete_row({"part": part, **row}))
            # Progress on stderr as each figure comes (a full run takes minutes); the table or
            # the JSON alone on stdout.
            print(_format(rows[-1]), file=sys.stderr, flush=True)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
    else:
        print(table(rows))
    return 0


def complete_row(row: dict) -> dict:
    """The row with every key of ``ROW_KEYS`` (null where it has none) and ``ok`` read from its
    target when the part did not say."""
    out = {key: row.get(key) for key in ROW_KEYS} | row
    if out["ok"] is None:
        out["ok"] = bound_holds(out)
    return out


def bound_holds(row: dict) -> bool | None:
    """Whether ``row['target']`` holds for the row's figures; None if there is no target or a
    clause names a figure the row does not have (or is not written in the target grammar)."""
    target = row.get("target")
    if not target or not isinstance(target, str):
        return None
    verdicts = []
    for clause in _split_target(target):
        verdict = _clause_holds(clause, row)
        if verdict is None:
            return None
        verdicts.append(verdict)
    return all(verdicts) if verdicts else None


def _clause_holds(clause: str, row: dict) -> bool | None:
    match = _CLAUSE.match(clause)
    if match is None:
        return None
    bound = float(match["number"].replace(",", ""))
    if match["what"]:
        figure = row.get("ratio")
    elif match["unit"] == "s":
        figure = row.get("seconds")
    elif match["unit"]:
        figure = row.get("per_second")
    else:
        return None
    if figure is None:
        return None
    return bool(_OPS[match["op"]](float(figure), bound))


def _split_target(target: str) -> list[str]:
    """Clauses of a target: "< 1 s, ratio < 5" has two, ">= 50,000 values/s" one (a comma
    between digits is a thousands separator)."""
    return [c.strip() for c in re.split(r",(?!\d)", target) if c.strip()]


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


OK_MARKS = {True: "OK", False: "KHÔNG ĐẠT (missed)", None: "-"}


def table(rows: list[dict]) -> str:
    """Every row as one line of a table: part, step, seconds, rate, ratio, target, verdict."""
    header = ("part", "step", "seconds", "per s", "ratio", "target", "ok")
    lines = [
        (
            str(r["part"]),
            str(r["step"]),
            "" if r.get("seconds") is None else f"{r['seconds']:.3f}",
            "" if not r.get("per_second") else f"{r['per_second']:,.1f}",
            "" if r.get("ratio") is None else f"{r['ratio']:.2f}",
            str(r.get("target") or ""),
            OK_MARKS.get(r.get("ok"), str(r.get("ok"))),
        )
        for r in rows
    ]
    widths = [max([len(h), *(len(line[i]) for line in lines)]) for i, h in enumerate(header)]
    right = {2, 3, 4}

    def fmt(cells) -> str:
        return "  ".join(
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    out = [fmt(header), fmt("-" * w for w in widths), *(fmt(line) for line in lines)]
    missed = sum(1 for r in rows if r.get("ok") is False)
    held = sum(1 for r in rows if r.get("ok") is True)
    out.append(
        f"\n{held} bound(s) held, {missed} missed. ratio = measured / floor (the part's "
        "reference step, or the bound itself); compare ratios, not seconds."
    )
    return "\n".join(out)
