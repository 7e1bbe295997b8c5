"""The progress report written out (seed 000): "Năm 2011 bình quân đạt 5,6 tiêu chí/xã; đến năm
2018 có 100% số xã đạt chuẩn NTM", in Vietnamese and English.
"""

from __future__ import annotations

from ntm.criteria.inputs import Period
from ntm.reports.narrative import join_en, join_vi, period_en, period_vi
from ntm.reports.programme_text import number_vi
from ntm.reports.structures.progress import CARRIED_FORWARD_VI, Progress
from ntm.reports.structures.summary import ProgrammeFigures


def _first_full(progress: Progress) -> ProgrammeFigures | None:
    return next(
        (p for p in progress.points if p.communes and p.communes_at.get("ntm", 0) == p.communes),
        None,
    )


def progress_text_vi(progress: Progress) -> str:
    """ "Năm 2011 bình quân đạt 5,6 tiêu chí/xã; đến năm 2018 có 100% số xã đạt chuẩn NTM." """
    if not progress.points:
        return "Chưa có số liệu trong khoảng thời gian này."
    first, last = progress.points[0], progress.points[-1]
    start = period_vi(first.period).capitalize()
    head = (
        f"{start} bình quân đạt {number_vi(first.average_ntm.value)} tiêu chí/xã"
        if first.average_ntm
        else f"{start} có {number_vi(first.ntm_share)}% số xã đạt chuẩn NTM"
    )
    full = _first_full(progress)
    if full is not None:
        tail = f"đến {period_vi(full.period)} có 100% số xã đạt chuẩn NTM"
    else:
        tail = f"đến {period_vi(last.period)} có {number_vi(last.ntm_share)}% số xã đạt chuẩn NTM"
    return " ".join([f"{head}; {tail}.", *_carried_vi(progress)])


def _carried_vi(progress: Progress) -> list[str]:
    """ "Các năm 2012, 2013 và 2014 không có số liệu mới (số liệu kỳ trước)." """
    periods = [Period.parse(p.period) for p in progress.points if p.carried_forward]
    if not periods:
        return []
    yearly = periods[0].month is None
    names = [str(p.year) if yearly else f"{p.month}/{p.year}" for p in periods]
    word = "năm" if yearly else "tháng"
    subject = (
        f"Các {word} {join_vi(names)}" if len(names) > 1 else f"{word.capitalize()} {names[0]}"
    )
    return [f"{subject} không có số liệu mới ({CARRIED_FORWARD_VI})."]


def _carried_en(progress: Progress) -> list[str]:
    periods = [period_en(p.period) for p in progress.points if p.carried_forward]
    if not periods:
        return []
    return [f"No new values in {join_en(periods)}: those figures are carried forward."]


def progress_text_en(progress: Progress) -> str:
    if not progress.points:
        return "No data in this range."
    first, last = progress.points[0], progress.points[-1]
    head = (
        f"In {period_en(first.period)} communes met {round(first.average_ntm.value, 2):g} "
        "criteria on average"
        if first.average_ntm
        else f"In {period_en(first.period)} {round(first.ntm_share, 2):g}% of communes were at NTM"
    )
    full = _first_full(progress)
    if full is not None:
        tail = f"by {period_en(full.period)} every commune had reached NTM"
    else:
        tail = (
            f"by {period_en(last.period)} {round(last.ntm_share, 2):g}% of communes had reached NTM"
        )
    return " ".join([f"{head}; {tail}.", *_carried_en(progress)])
