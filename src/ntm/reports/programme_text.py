"""The summary and progress written out (seeds 004 and 000), in Vietnamese and English.

Numbers and dates in Vietnamese form through ``ntm.textnorm`` ("6,36"; "31/3/2023").
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import TYPE_CHECKING, Any

from ntm.criteria.inputs import Period
from ntm.reports.narrative import count_vi, period_en, period_vi, unit_label
from ntm.textnorm import format_date_vi, format_number_vi

if TYPE_CHECKING:
    from ntm.reports.progress import Progress
    from ntm.reports.summary import Average, Summary

NO_DATA_VI = "chưa có dữ liệu"
NO_DATA_EN = "no data"
PLACEHOLDER_LABELS = {
    "ocop_products": ("Sản phẩm OCOP", "OCOP products"),
    "funds_mobilised": ("Nguồn lực huy động", "Funds mobilised"),
    "physical_outputs": ("Khối lượng đầu tư (đường giao thông, kênh mương, phòng học…)", "Physical outputs (roads, canals, classrooms…)"),
}


def period_end(period: str) -> date:
    """The last day of a period: 31/3/2023 for 2023-03, 31/12/2023 for 2023."""
    p = Period.parse(period)
    month = p.month or 12
    return date(p.year, month, calendar.monthrange(p.year, month)[1])


def number_vi(x: float) -> str:
    """Two decimals at most, as the seeds write averages: "6,36", "5,6"."""
    return format_number_vi(round(x, 2))


def _changes_vi(items: list[tuple[int, str]]) -> str:
    """ "có thêm 05 bản đạt chuẩn NTM, 02 bản …; giảm 01 xã …" or "không thay đổi"."""
    gains = [f"{count_vi(n)} {what}" for n, what in items if n > 0]
    losses = [f"{count_vi(-n)} {what}" for n, what in items if n < 0]
    parts = ([f"có thêm {', '.join(gains)}"] if gains else []) + ([f"giảm {', '.join(losses)}"] if losses else [])
    return "; ".join(parts) or "không thay đổi"


def _delta_en(n: float, what: str) -> str | None:
    if not n:
        return None
    return f"{'+' if n > 0 else '-'}{abs(round(n, 2)):g} {what}"


def _averages_vi(summary: Summary, village: str) -> list[str]:
    f = summary.figures
    parts = []
    for avg, what in ((f.average_ntm, "tiêu chí NTM/xã"), (f.average_advanced, "tiêu chí NTM nâng cao/xã")):
        if avg:
            parts.append(f"{number_vi(avg.value)} {what}")
    text = ", ".join(parts)
    if f.average_village:
        text = "; ".join(t for t in (text, f"{number_vi(f.average_village.value)} tiêu chí NTM/{village}") if t)
    return [text] if text else []


def summary_text_vi(summary: Summary) -> str:
    village = summary.village_word
    f, unit = summary.figures, unit_label(summary.unit.kind, summary.unit.name)
    at, vat = f.communes_at, f.villages_at
    lines = [
        f"Kết quả lũy kế đến {format_date_vi(period_end(f.period))}: toàn {unit} có "
        f"{count_vi(at.get('ntm', 0))}/{count_vi(f.communes)} xã đạt chuẩn NTM "
        f"({number_vi(f.ntm_share)}%), trong đó {count_vi(at.get('advanced', 0))} xã đạt chuẩn NTM nâng cao, "
        f"{count_vi(at.get('model', 0))} xã đạt chuẩn NTM kiểu mẫu; "
        f"{count_vi(vat.get('ntm', 0))}/{count_vi(f.villages)} {village} đạt chuẩn NTM, "
        f"{count_vi(vat.get('model', 0))} {village} đạt chuẩn NTM kiểu mẫu."
    ]
    averages = _averages_vi(summary, village)
    if averages:
        lines.append(f"Bình quân toàn {unit} đạt {averages[0]}.")
    changes = summary.changes
    if changes is not None:
        items = [
            (changes["communes"]["ntm"], "xã đạt chuẩn NTM"),
            (changes["communes"]["advanced"], "xã đạt chuẩn NTM nâng cao"),
            (changes["communes"]["model"], "xã đạt chuẩn NTM kiểu mẫu"),
            (changes["villages"]["ntm"], f"{village} đạt chuẩn NTM"),
            (changes["villages"]["model"], f"{village} đạt chuẩn NTM kiểu mẫu"),
        ]
        lines.append(f"So với {period_vi(summary.earlier.period)}: {_changes_vi(items)}.")
    if summary.rank:
        r = summary.rank
        where = f" trong {unit_label(r.parent.kind, r.parent.name)}" if r.parent else ""
        label = f" {r.siblings_label}" if r.siblings_label else ""
        lines.append(f"{summary.unit.name} đứng thứ {r.position}/{r.of}{label}{where} về tỷ lệ xã đạt chuẩn NTM.")
    for key, (label, _) in PLACEHOLDER_LABELS.items():
        lines.append(f"{label}: {_provided_vi(summary.provided.get(key))}.")
    return "\n".join(lines)


def _provided_vi(value: Any) -> str:
    if value is None:
        return NO_DATA_VI
    return number_vi(value) if isinstance(value, int | float) else str(value)


def _provided_en(value: Any) -> str:
    return NO_DATA_EN if value is None else f"{value}"


def _avg_en(avg: Average | None, what: str) -> str | None:
    return f"{round(avg.value, 2):g} {what}" if avg else None


def summary_text_en(summary: Summary) -> str:
    f = summary.figures
    at, vat = f.communes_at, f.villages_at
    lines = [
        f"As of {period_end(f.period).isoformat()}: {at.get('ntm', 0)} of {f.communes} communes of "
        f"{summary.unit.name} at NTM ({round(f.ntm_share, 2):g}%), of which {at.get('advanced', 0)} advanced "
        f"and {at.get('model', 0)} model; {vat.get('ntm', 0)} of {f.villages} villages at NTM, "
        f"{vat.get('model', 0)} model."
    ]
    averages = [
        _avg_en(f.average_ntm, "NTM criteria per commune"),
        _avg_en(f.average_advanced, "advanced criteria per commune"),
        _avg_en(f.average_village, "NTM criteria per village"),
    ]
    averages = [a for a in averages if a]
    if averages:
        lines.append("Average: " + "; ".join(averages) + ".")
    changes = summary.changes
    if changes is not None:
        parts = [
            _delta_en(changes["communes"]["ntm"], "communes at NTM"),
            _delta_en(changes["communes"]["advanced"], "advanced communes"),
            _delta_en(changes["communes"]["model"], "model communes"),
            _delta_en(changes["villages"]["ntm"], "villages at NTM"),
            _delta_en(changes["villages"]["model"], "model villages"),
        ]
        parts = [p for p in parts if p]
        lines.append(f"Since {period_en(summary.earlier.period)}: " + (", ".join(parts) if parts else "no change") + ".")
    if summary.rank:
        r = summary.rank
        where = f" in {r.parent.name}" if r.parent else ""
        lines.append(f"{summary.unit.name} ranks {r.position} of {r.of}{where} by share of NTM communes.")
    for key, (_, label) in PLACEHOLDER_LABELS.items():
        lines.append(f"{label}: {_provided_en(summary.provided.get(key))}.")
    return "\n".join(lines)


def _first_full(progress: Progress):
    return next((p for p in progress.points if p.communes and p.communes_at.get("ntm", 0) == p.communes), None)


def progress_text_vi(progress: Progress) -> str:
    """ "Năm 2011 bình quân đạt 5,6 tiêu chí/xã; đến năm 2018 có 100% số xã đạt chuẩn NTM." """
    if not progress.points:
        return "Chưa có số liệu trong khoảng thời gian này."
    first, last = progress.points[0], progress.points[-1]
    start = period_vi(first.period).capitalize()
    head = (
        f"{start} bình quân đạt {number_vi(first.average_ntm.value)} tiêu chí/xã"
        if first.average_ntm else f"{start} có {number_vi(first.ntm_share)}% số xã đạt chuẩn NTM"
    )
    full = _first_full(progress)
    if full is not None:
        tail = f"đến {period_vi(full.period)} có 100% số xã đạt chuẩn NTM"
    else:
        tail = f"đến {period_vi(last.period)} có {number_vi(last.ntm_share)}% số xã đạt chuẩn NTM"
    return f"{head}; {tail}."


def progress_text_en(progress: Progress) -> str:
    if not progress.points:
        return "No data in this range."
    first, last = progress.points[0], progress.points[-1]
    head = (
        f"In {period_en(first.period)} communes met {round(first.average_ntm.value, 2):g} criteria on average"
        if first.average_ntm else f"In {period_en(first.period)} {round(first.ntm_share, 2):g}% of communes were at NTM"
    )
    full = _first_full(progress)
    if full is not None:
        tail = f"by {period_en(full.period)} every commune had reached NTM"
    else:
        tail = f"by {period_en(last.period)} {round(last.ntm_share, 2):g}% of communes had reached NTM"
    return f"{head}; {tail}."
