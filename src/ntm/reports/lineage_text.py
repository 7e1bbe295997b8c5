"""Words for figures of a unit that did not exist yet: the sum of the units it was made from.

Why a module: a commune or province created on 1 July 2025 (or by an earlier merger) has no
figures of its own before that date. A progress report over 2021-2026 may show, for those
periods, its predecessors' figures added up, and every output (text, tables, documents) must say
that they are an aggregate of predecessors, never the unit's own.
"""

from __future__ import annotations

from collections.abc import Sequence

from ntm.reports.narrative import join_en, join_vi, period_en, period_vi
from ntm.reports.structures.progress import AGGREGATE_MARK_EN as AGGREGATE_MARK_EN
from ntm.reports.structures.progress import AGGREGATE_MARK_VI as AGGREGATE_MARK_VI
from ntm.reports.structures.summary import ProgrammeFigures
from ntm.textnorm import unit_label


def _names(points: Sequence[ProgrammeFigures], english: bool) -> str:
    seen: dict[str, str] = {}
    partial = {code for p in points for code in p.aggregate_partial}
    for point in points:
        for ref in point.aggregate_of:
            label = unit_label(ref.kind, ref.name)
            if ref.code in partial:
                label = f"part of {label}" if english else f"một phần {label}"
            seen.setdefault(ref.code, label)
    names = list(seen.values())
    return join_en(names) if english else join_vi(names)


def _periods(points: Sequence[ProgrammeFigures], english: bool) -> str:
    names = [period_en(p.period) if english else period_vi(p.period) for p in points]
    return join_en(names) if english else join_vi(names)


def aggregate_note_vi(unit_name: str, points: Sequence[ProgrammeFigures]) -> list[str]:
    """ "Số liệu năm 2021 và năm 2022 là tổng hợp của các đơn vị trước sắp xếp (xã A, xã B),
    không phải số liệu của xã X (chưa thành lập)." — empty when no point is an aggregate."""
    aggregated = [p for p in points if p.aggregate_of]
    if not aggregated:
        return []
    return [
        f"Số liệu {_periods(aggregated, False)} là tổng hợp của các đơn vị trước sắp xếp "
        f"({_names(aggregated, False)}), không phải số liệu của chính {unit_name} "
        "(khi đó chưa thành lập); đơn vị chỉ chuyển một phần vẫn được tính cả."
    ]


def aggregate_note_en(unit_name: str, points: Sequence[ProgrammeFigures]) -> list[str]:
    aggregated = [p for p in points if p.aggregate_of]
    if not aggregated:
        return []
    return [
        f"The figures for {_periods(aggregated, True)} are the aggregate of the units "
        f"{unit_name} was made from ({_names(aggregated, True)}), not its own (it did not exist "
        "yet); a unit only part of which went into it is counted whole."
    ]
