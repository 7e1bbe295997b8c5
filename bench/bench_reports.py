"""Reports benchmark (issue 4, "Speed"; issue 13, "Reports at scale"): review and summary as
JSON for a synthetic province (600 communes) and the whole country (10,000), and a province's
review as XLSX and as PDF.

Results are built in memory (real ``UnitResult`` objects, as the engine returns them), so the
figures time the report layer alone. The floor is one plain loop that reads every indicator
status of the same results once. The PDF is timed once, after a small PDF has loaded
WeasyPrint and the fonts (a process that prints many reports pays that once).
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable

from ntm.reports.render.pdf import review_pdf
from ntm.reports.render.xlsx import review_xlsx
from ntm.reports.review import CommuneEntry, UnitRef, build_review
from ntm.reports.summary import SummarySets, UnitStanding, build_summary, programme_figures
from ntm.reports.synthetic import make_set, random_result

PERIOD = "2023-05"
NTM_SIZES = {n: 3 for n in range(1, 20)}  # 57, as Decision 318 declares
ADVANCED_SIZES = {n: 4 for n in range(1, 19)} | {19: 3}  # 75
TARGETS = {"province": 0.5, "country": 5.0, "country_review": 2.0, "xlsx": 2.0, "pdf": 5.0}


def synthetic_units(n_communes: int, seed: int = 11):
    """The NTM set, review entries and (code, name, level, results) of ``n_communes`` communes."""
    ntm_set = make_set("xa-ntm-2021-2025", NTM_SIZES)
    advanced_set = make_set("xa-ntm-nang-cao-2021-2025", ADVANCED_SIZES)
    rng, pool = random.Random(seed), {}
    entries, standings = [], []
    for n in range(n_communes):
        code = f"{n:05d}"
        ntm = random_result(ntm_set, code, PERIOD, rng, fail_rate=0.05, pool=pool)
        advanced = random_result(advanced_set, code, PERIOD, rng, fail_rate=0.2, pool=pool)
        level = ("advanced" if advanced.met else "ntm") if ntm.met else None
        name = f"Xã {n}"
        entries.append(CommuneEntry(code, name, ntm, level))
        standings.append((code, name, level, {ntm_set.code: ntm, advanced_set.code: advanced}))
    return ntm_set, entries, standings


def _time(func: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def _floor(entries) -> float:
    def loop():
        met = 0
        for e in entries:
            for c in e.result.criteria:
                for i in c.indicators:
                    met += i.status == "met"
        return met

    return _time(loop)


def _row(step: str, seconds: float, n: int, floor: float | None, target: float) -> dict:
    return {
        "step": step,
        "seconds": seconds,
        "per_second": n / seconds if seconds else None,
        "ratio": seconds / floor if floor else None,
        "target": f"< {target:g} s",
        "detail": "OK" if seconds < target else "CHẬM (slow)",
    }


def bench_reports(province: int = 600, country: int = 10_000) -> list[dict]:
    rows = []
    sets = SummarySets("xa-ntm-2021-2025", "xa-ntm-nang-cao-2021-2025")
    for label, n, target in (
        ("province", province, TARGETS["province"]),
        ("country", country, TARGETS["country"]),
    ):
        ntm_set, entries, standings = synthetic_units(n)
        unit = UnitRef("00", f"synthetic {label}", "")
        floor = _floor(entries)

        def review_json(ntm_set=ntm_set, entries=entries, unit=unit):
            return json.dumps(
                build_review(unit, ntm_set, PERIOD, entries).to_json(), ensure_ascii=False
            )

        def summary_json(standings=standings, unit=unit):
            communes = [UnitStanding.of(*s) for s in standings]
            figures = programme_figures(PERIOD, communes, [], sets)
            return json.dumps(build_summary(unit, figures).to_json(), ensure_ascii=False)

        review_target = TARGETS["country_review"] if label == "country" else target
        rows.append(
            _row(
                f"review JSON, {label} ({n} communes)", _time(review_json), n, floor, review_target
            )
        )
        rows.append(
            _row(f"summary JSON, {label} ({n} communes)", _time(summary_json), n, floor, target)
        )
        if label == "province":
            review = build_review(unit, ntm_set, PERIOD, entries)
            rows.append(
                _row(
                    f"review XLSX, province ({n} communes)",
                    _time(lambda r=review: review_xlsx(r), 1),
                    n,
                    floor,
                    TARGETS["xlsx"],
                )
            )
            review_pdf(build_review(unit, ntm_set, PERIOD, entries[:5]))  # load WeasyPrint
            rows.append(
                _row(
                    f"review PDF, province ({n} communes)",
                    _time(lambda r=review: review_pdf(r), 1),
                    n,
                    floor,
                    TARGETS["pdf"],
                )
            )
    return rows


if __name__ == "__main__":
    for row in bench_reports():
        print(row)
