"""The summary written out in Vietnamese (seed 004), its notes, and the words the summary and
progress texts share (``summary_text_en``, ``progress_text``).

Numbers and dates in Vietnamese form through ``ntm.textnorm`` ("6,36"; "31/3/2023").
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from ntm.criteria.inputs import Period
from ntm.criteria.model import LEVEL_WORDS_EN, level_reached_vi
from ntm.criteria.verdicts import STALE_AFTER_MONTHS
from ntm.reports.narrative import count_vi, join_vi, period_en, period_vi
from ntm.reports.structures.progress import CARRIED_FORWARD_EN as CARRIED_FORWARD_EN
from ntm.reports.structures.progress import CARRIED_FORWARD_VI as CARRIED_FORWARD_VI
from ntm.reports.structures.summary import ProgrammeFigures, Summary
from ntm.textnorm import format_date_vi, format_number_vi, unit_label

NO_DATA_VI = "chưa có dữ liệu"
NO_DATA_EN = "no data"
LEVELS_FROM_DATA_NOTE = (
    "Mức đạt tính từ số liệu theo bộ tiêu chí, không phải quyết định công nhận.",
    "Levels are computed from the data against the criteria set in force, not from recognition "
    "decisions.",
)
# When recognitions are recorded, the summary answers both questions, each labelled.
TWO_ANSWERS_NOTE = (
    "Hai câu hỏi khác nhau: số xã, {village} đạt chuẩn ở dòng đầu tính từ số liệu theo bộ tiêu chí "
    'đang áp dụng ({sets}); số "theo quyết định công nhận" là các quyết định công nhận chưa bị '
    "thu hồi.",
    "Two different questions: the levels in the first line are computed from the data against the "
    'criteria set in force ({sets}); the figures "by recognition decision" count the recognitions '
    "in force (not revoked).",
)
CARRIED_FORWARD_NOTE = (
    "Không có số liệu nào ghi trong {period_vi}: số liệu {period_vi} là số liệu kỳ trước chuyển "
    "sang.",
    "No value is dated within {period_en}: its figures are carried forward from an earlier period.",
)
# Added by ``ntm.reportsdata`` when units have no start date: the unit list is a snapshot.
UNITS_SNAPSHOT_NOTE = (
    "Danh sách đơn vị hành chính là ảnh chụp giữa năm 2025 (trước sắp xếp 1/7/2025): đơn vị đã sáp "
    "nhập hoặc giải thể trước đó chỉ có trong dữ liệu khi đã được đăng ký bằng tệp lịch sử đơn vị "
    "(như huyện Đông Sơn, nhập vào thành phố Thanh Hóa năm 2024), nên số đơn vị cùng cấp dùng để "
    "xếp hạng các kỳ trước có thể ít hơn số đơn vị lúc đó.",
    "The administrative unit list is a mid-2025 snapshot (before the 1 July 2025 reorganisation): "
    "units merged or dissolved earlier are in it only once registered from a unit-history file "
    "(such as Đông Sơn district, merged into Thanh Hóa city in 2024), so ranks for earlier periods "
    "may be among fewer sibling units than existed then.",
)
SET_WORDS = {
    "ntm": ("bộ tiêu chí NTM", "NTM set"),
    "advanced": ("bộ tiêu chí NTM nâng cao", "advanced set"),
}
PLACEHOLDER_LABELS = {
    "ocop_products": ("Sản phẩm OCOP", "OCOP products"),
    "funds_mobilised": ("Nguồn lực huy động", "Funds mobilised"),
    "physical_outputs": (
        "Khối lượng đầu tư (đường giao thông, kênh mương, phòng học…)",
        "Physical outputs (roads, canals, classrooms…)",
    ),
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
    parts = ([f"có thêm {', '.join(gains)}"] if gains else []) + (
        [f"giảm {', '.join(losses)}"] if losses else []
    )
    return "; ".join(parts) or "không thay đổi"


def _averages_vi(summary: Summary, village: str) -> list[str]:
    f = summary.figures
    parts = []
    for avg, what in (
        (f.average_ntm, "tiêu chí NTM/xã"),
        (f.average_advanced, "tiêu chí NTM nâng cao/xã"),
    ):
        if avg:
            parts.append(f"{number_vi(avg.value)} {what}")
    text = ", ".join(parts)
    if f.average_village:
        text = "; ".join(
            t for t in (text, f"{number_vi(f.average_village.value)} tiêu chí NTM/{village}") if t
        )
    return [text] if text else []


def summary_notes(summary: Summary) -> list[tuple[str, str]]:
    """(Vietnamese, English) notes every summary carries, then the caller's."""
    notes = [_levels_note(summary)]
    for figures in (summary.figures, summary.earlier):
        if figures is not None and figures.carried_forward:
            vi, en = CARRIED_FORWARD_NOTE
            notes.append(
                (
                    vi.format(period_vi=period_vi(figures.period)),
                    en.format(period_en=period_en(figures.period)),
                )
            )
    return [*notes, *summary.extra_notes]


def _levels_note(summary: Summary) -> tuple[str, str]:
    """Levels come from data; once a section answers "recognised as", say which figure is which."""
    answered = any("levels_from_data_note" in section.replaces for section in summary.sections)
    if not answered:
        return LEVELS_FROM_DATA_NOTE
    s = summary.figures.sets
    sets = ", ".join(code for code in (s.ntm, s.advanced, s.village) if code) or "-"
    vi, en = TWO_ANSWERS_NOTE
    return vi.format(village=summary.village_word, sets=sets), en.format(sets=sets)


def _no_data_vi(summary: Summary) -> str | None:
    f, village = summary.figures, summary.village_word
    parts = [
        f"{count_vi(n)}/{count_vi(total)} {word}"
        for n, total, word in (
            (f.communes_no_data, f.communes, "xã"),
            (f.villages_no_data, f.villages, village),
        )
        if n
    ]
    return f"Chưa có số liệu: {', '.join(parts)} (không tính vào số bình quân)." if parts else None


def _counted_vi(summary: Summary) -> str | None:
    """ "Số bình quân tính trên các đơn vị có số liệu cập nhật trong 12 tháng: 12/27 xã (bộ tiêu
    chí NTM), …": the units the review of each set lists (``Outcome.is_current``)."""
    f = summary.figures
    parts = [
        f"{count_vi(a.units)}/{count_vi(a.of)} xã ({SET_WORDS[key][0]})"
        for key, a in (("ntm", f.average_ntm), ("advanced", f.average_advanced))
        if a and a.of is not None
    ]
    if f.average_village and f.average_village.of is not None:
        parts.append(
            f"{count_vi(f.average_village.units)}/{count_vi(f.average_village.of)} "
            f"{summary.village_word}"
        )
    return (
        f"Số bình quân tính trên các đơn vị có số liệu cập nhật trong {STALE_AFTER_MONTHS} tháng: "
        f"{', '.join(parts)}."
        if parts
        else None
    )


def _since_vi(summary: Summary) -> str:
    assert summary.earlier is not None  # called only with a comparison period
    p = Period.parse(summary.earlier.period)
    if summary.since_default:
        return (
            f"So với cuối năm {p.year} (kỳ so sánh mặc định)"
            if p.month is None
            else (f"So với {period_vi(summary.earlier.period)} (kỳ so sánh mặc định)")
        )
    return f"So với {period_vi(summary.earlier.period)}"


def _rank_vi(summary: Summary) -> str:
    r, unit = summary.rank, summary.unit
    assert r is not None  # called only with a rank
    label = f" {r.siblings_label}" if r.siblings_label else ""
    where = f" trong {unit_label(r.parent.kind, r.parent.name)}" if r.parent else ""
    if r.all_have_data:
        return f"{unit.name} đứng thứ {r.position}/{r.of}{label}{where} về tỷ lệ xã đạt chuẩn NTM."
    scope = r.parent.kind if r.parent else "cả nước"
    return (
        f"{unit.name} đứng thứ {r.position}/{r.of}{label} có số liệu{where} "
        f"({scope} có {r.siblings_total}{label}) về tỷ lệ xã đạt chuẩn NTM."
    )


# Kinds of a commune-level unit: a summary of one of them speaks of that commune, not of
# "toàn xã … 01/01 xã".
COMMUNE_KINDS = frozenset({"xã", "phường", "thị trấn", "đặc khu"})
COMMUNE_LEVEL_VI = {level: level_reached_vi(level) for level in ("model", "advanced", "ntm")}
COMMUNE_LEVEL_EN = {level: f"at {LEVEL_WORDS_EN[level]}" for level in ("model", "advanced", "ntm")}


def is_commune_summary(summary: Summary) -> bool:
    return (
        summary.unit.kind or ""
    ).strip().lower() in COMMUNE_KINDS and summary.figures.communes <= 1


def commune_level(summary: Summary, words: dict[str, str]) -> str | None:
    at = summary.figures.communes_at
    return next((words[level] for level in ("model", "advanced", "ntm") if at.get(level)), None)


def _commune_lines_vi(summary: Summary, unit: str) -> list[str]:
    """One commune: its level by data, its criteria met, its villages."""
    f, village = summary.figures, summary.village_word
    level = commune_level(summary, COMMUNE_LEVEL_VI)
    if f.communes_no_data:
        standing = "chưa có số liệu để đánh giá"
    else:
        standing = level or "chưa đạt chuẩn NTM"
    met = [
        f"{number_vi(a.value)} tiêu chí {SET_WORDS[key][0][len('bộ tiêu chí ') :]}"
        for key, a in (("ntm", f.average_ntm), ("advanced", f.average_advanced))
        if a
    ]
    first = f"Kết quả đến {format_date_vi(period_end(f.period))}: {unit} {standing}"
    first += f" (đạt {', '.join(met)})" if met else ""
    lines = [
        first
        + "; "
        + (
            f"{count_vi(f.villages_at.get('ntm', 0))}/{count_vi(f.villages)} {village} "
            f"đạt chuẩn NTM, {count_vi(f.villages_at.get('model', 0))} {village} "
            "đạt chuẩn NTM kiểu mẫu."
        )
    ]
    if f.average_village:
        lines.append(
            f"Bình quân các {village} đạt {number_vi(f.average_village.value)} tiêu chí "
            f"NTM/{village}."
        )
    return lines


def _with_data_vi(f: ProgrammeFigures) -> str:
    """ "; 38/452 xã có số liệu" when some communes have none, so a share over all communes is
    not read as a share over those assessed."""
    if not f.communes_no_data:
        return ""
    return f"; {count_vi(f.communes - f.communes_no_data)}/{count_vi(f.communes)} xã có số liệu"


def _rank_reported_vi(summary: Summary) -> list[str]:
    """Which siblings were ranked on their own reported figures: never mixed in silently."""
    r = summary.rank
    if r is None or not r.reported:
        return []
    names = join_vi([name for _, name, _ in r.reported])
    sources = sorted({source for _, _, source in r.reported})
    return [
        "Xếp hạng dùng số liệu báo cáo (không tính từ số liệu chi tiết) của "
        f"{len(r.reported)}/{r.of}"
        f"{' ' + r.siblings_label if r.siblings_label else ''}: {names}; nguồn: "
        f"{'; '.join(sources)}."
    ]


def summary_text_vi(summary: Summary) -> str:
    village = summary.village_word
    f, unit = summary.figures, unit_label(summary.unit.kind, summary.unit.name)
    at, vat = f.communes_at, f.villages_at
    if is_commune_summary(summary):
        lines = _commune_lines_vi(summary, unit)
    else:
        lines = [
            f"Kết quả lũy kế đến {format_date_vi(period_end(f.period))}: toàn {unit} có "
            f"{count_vi(at.get('ntm', 0))}/{count_vi(f.communes)} xã đạt chuẩn NTM "
            f"({number_vi(f.ntm_share)}%{_with_data_vi(f)}), trong đó "
            f"{count_vi(at.get('advanced', 0))} xã đạt chuẩn NTM nâng cao, "
            f"{count_vi(at.get('model', 0))} xã đạt chuẩn NTM kiểu mẫu; "
            f"{count_vi(vat.get('ntm', 0))}/{count_vi(f.villages)} {village} đạt chuẩn NTM, "
            f"{count_vi(vat.get('model', 0))} {village} đạt chuẩn NTM kiểu mẫu."
        ]
        averages = _averages_vi(summary, village)
        if averages:
            lines.append(f"Bình quân toàn {unit} đạt {averages[0]}.")
    if not is_commune_summary(summary):
        lines += [line for line in (_counted_vi(summary), _no_data_vi(summary)) if line]
    changes = summary.changes
    if changes is not None:
        items = [
            (changes["communes"]["ntm"], "xã đạt chuẩn NTM"),
            (changes["communes"]["advanced"], "xã đạt chuẩn NTM nâng cao"),
            (changes["communes"]["model"], "xã đạt chuẩn NTM kiểu mẫu"),
            (changes["villages"]["ntm"], f"{village} đạt chuẩn NTM"),
            (changes["villages"]["model"], f"{village} đạt chuẩn NTM kiểu mẫu"),
        ]
        lines.append(f"{_since_vi(summary)}: {_changes_vi(items)}.")
    if summary.rank:
        lines.append(_rank_vi(summary))
        lines += _rank_reported_vi(summary)
    for section in summary.sections:
        lines += section.lines("vi")
    for key in summary.placeholders:
        lines.append(f"{PLACEHOLDER_LABELS[key][0]}: {_provided_vi(summary.provided.get(key))}.")
    lines += [f"Ghi chú: {note}" for note in summary.notes]
    return "\n".join(lines)


def _provided_vi(value: Any) -> str:
    if value is None:
        return NO_DATA_VI
    return number_vi(value) if isinstance(value, int | float) else str(value)
