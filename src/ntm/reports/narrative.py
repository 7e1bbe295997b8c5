"""The review written out as a district office writes it (seed 002), in Vietnamese and English.

Counts of communes below ten are written with a leading zero ("04 xã"), everywhere, as the
seed does in most places; criterion numbers are not ("Tiêu chí số 2").
"""

from __future__ import annotations

from collections.abc import Sequence

from ntm.criteria.inputs import Period
from ntm.reports.structures.review import Group, Review, SetInfo, UnmetCriterion
from ntm.textnorm import unit_label

MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
NO_COMMUNES_VI = "Không có xã nào có số liệu theo bộ tiêu chí này tại kỳ báo cáo."
NO_COMMUNES_EN = "No commune has values for this criteria set as of this period."
CONDITIONS_UNMET_VI = (
    "Chưa đạt điều kiện ({conditions}), nên chưa đủ điều kiện công nhận dù đạt các tiêu chí: "
    "{names}."
)
CONDITIONS_UNMET_EN = (
    "Conditions not met ({conditions}), so not eligible whatever the criteria: {names}."
)


def conditions_unmet(review: Review) -> list[str]:
    """Names of the units whose conditions block (district sets) is not met."""
    return [c.name for c in review.communes if c.conditions_met is False]


def count_vi(n: int) -> str:
    """ "04", "12": how Vietnamese reports write a count of units."""
    return f"{n:02d}"


def join_vi(names: Sequence[str]) -> str:
    """ "A, B và C" """
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " và " + names[-1]


def join_en(names: Sequence[str]) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def period_vi(period: str) -> str:
    """ "tháng 5/2023" for a month, "năm 2023" for a year."""
    p = Period.parse(period)
    return f"năm {p.year}" if p.month is None else f"tháng {p.month}/{p.year}"


def period_en(period: str) -> str:
    p = Period.parse(period)
    return f"{p.year}" if p.month is None else f"{MONTHS_EN[p.month - 1]} {p.year}"


def range_text(low: int, high: int) -> str:
    return f"{low}" if low == high else f"{low}-{high}"


def incomplete_note_vi(info: SetInfo) -> str:
    return (
        f"Bộ tiêu chí chưa được mã hóa đầy đủ: mới có {info.encoded_indicators} trên "
        f"{info.declared_indicators} chỉ tiêu ({info.encoded_criteria} trên "
        f"{info.declared_criteria} tiêu chí), nên chưa thể kết luận xã đạt chuẩn."
    )


def incomplete_note_en(info: SetInfo) -> str:
    return (
        f"The criteria set is incomplete: {info.encoded_indicators} of {info.declared_indicators} "
        f"indicators ({info.encoded_criteria} of {info.declared_criteria} criteria) are encoded, "
        "so no commune can be declared to meet the standard."
    )


def group_clause_vi(group: Group) -> str:
    """ "có 04 xã gồm: A, B, C và D đạt 18/19 tiêu chí, 56/57 chỉ tiêu" or "xã A đạt …"."""
    tail = (
        f"đạt {group.criteria_met}/{group.criteria_total} tiêu chí, "
        f"{range_text(group.indicators_min, group.indicators_max)}/{group.indicators_total} "
        "chỉ tiêu"
    )
    names = [c.name for c in group.communes]
    if len(names) == 1:
        return f"xã {names[0]} {tail}"
    return f"có {count_vi(len(names))} xã gồm: {join_vi(names)} {tail}"


def group_clause_en(group: Group) -> str:
    tail = (
        f"{group.criteria_met}/{group.criteria_total} criteria and "
        f"{range_text(group.indicators_min, group.indicators_max)}/{group.indicators_total} "
        "indicators"
    )
    names = [c.name for c in group.communes]
    if len(names) == 1:
        return f"{names[0]} commune meets {tail}"
    return f"{len(names)} communes ({join_en(names)}) meet {tail}"


def _single_indicator(item: UnmetCriterion) -> str | None:
    """The indicator code when every commune failing this criterion fails on it alone."""
    if len(item.unmet_indicators) == 1 and item.unmet_indicators[0][2] == len(item.unmet):
        return item.unmet_indicators[0][0]
    return None


def unmet_clause_vi(item: UnmetCriterion) -> str:
    text = f"Tiêu chí số {item.number} - {item.name} có {count_vi(len(item.unmet))} xã chưa đạt"
    code = _single_indicator(item)
    return text + (f" về chỉ tiêu {code}" if code else "")


def unmet_clause_en(item: UnmetCriterion) -> str:
    n = len(item.unmet)
    text = f"criterion {item.number} - {item.name}: {n} commune{'s' if n != 1 else ''}"
    code = _single_indicator(item)
    return text + (f" (indicator {code})" if code else "")


def _own_unmet_clause_vi(item: UnmetCriterion) -> str:
    """ "Tiêu chí số 2 - Giao thông (chỉ tiêu 2.1)": one commune, so no count of communes."""
    codes = [code for code, _name, _n in item.unmet_indicators]
    return f"Tiêu chí số {item.number} - {item.name}" + (
        f" (chỉ tiêu {join_vi(codes)})" if codes else ""
    )


def _is_own_commune(review: Review) -> bool:
    """A commune's review of itself: "đối với 01 xã của xã Xuân Hòa" would be nonsense."""
    return len(review.communes) == 1 and review.communes[0].code == review.unit.code


def review_text_vi(review: Review) -> str:
    """Paragraphs separated by newlines: results by group, unmet criteria, then caveats."""
    if not review.communes:
        return NO_COMMUNES_VI
    if _is_own_commune(review):
        head = (
            f"Kết quả rà soát {unit_label(review.unit.kind, review.unit.name)} theo "
            f"{review.set.name}, tính đến {period_vi(review.period)}."
        )
    else:
        head = (
            f"Kết quả rà soát theo {review.set.name} đối với {count_vi(len(review.communes))} xã "
            f"của {unit_label(review.unit.kind, review.unit.name)}, tính đến "
            f"{period_vi(review.period)}."
        )
    own = _is_own_commune(review)
    paragraphs = [head, "Qua rà soát " + "; ".join(group_clause_vi(g) for g in review.groups) + "."]
    if review.unmet_by_criterion:
        clause = _own_unmet_clause_vi if own else unmet_clause_vi
        paragraphs.append(
            "Các tiêu chí chưa đạt: "
            + "; ".join(clause(u) for u in review.unmet_by_criterion)
            + "."
        )
    if review.missing_by_criterion:
        paragraphs.append(
            "Các tiêu chí chưa đủ số liệu để đánh giá: "
            + "; ".join(
                f"Tiêu chí số {m.number} - {m.name}"
                + ("" if own else f" có {count_vi(len(m.missing))} xã")
                for m in review.missing_by_criterion
            )
            + "."
        )
    if failing := conditions_unmet(review):
        paragraphs.append(
            CONDITIONS_UNMET_VI.format(
                conditions=review.set.conditions_name, names=join_vi(failing)
            )
        )
    doubtful = [c for c in review.communes if c.unverified_criteria]
    if doubtful:
        numbers = sorted({n for c in doubtful for n in c.unverified_criteria})
        whose = "" if own else f" của {count_vi(len(doubtful))} xã"
        paragraphs.append(
            f"Lưu ý: kết quả{whose} ở tiêu chí số "
            f"{join_vi([str(n) for n in numbers])} dựa trên ngưỡng chưa được đối chiếu với văn "
            "bản gốc."
        )
    if not review.set.complete:
        paragraphs.append(incomplete_note_vi(review.set))
    return "\n".join(paragraphs)


def review_text_en(review: Review) -> str:
    if not review.communes:
        return NO_COMMUNES_EN
    n = len(review.communes)
    head = (
        f"Review of {n} commune{'s' if n != 1 else ''} of {review.unit.name} against "
        f"{review.set.code}, as of {period_en(review.period)}."
    )
    if _is_own_commune(review):
        head = (
            f"Review of {review.unit.name} against {review.set.code}, as of "
            f"{period_en(review.period)}."
        )
    paragraphs = [head, "; ".join(group_clause_en(g) for g in review.groups) + "."]
    if review.unmet_by_criterion:
        paragraphs.append(
            "Criteria not met: "
            + "; ".join(unmet_clause_en(u) for u in review.unmet_by_criterion)
            + "."
        )
    if review.missing_by_criterion:
        paragraphs.append(
            "Criteria lacking data: "
            + "; ".join(
                f"criterion {m.number} - {m.name}: {len(m.missing)}"
                for m in review.missing_by_criterion
            )
            + "."
        )
    if failing := conditions_unmet(review):
        paragraphs.append(
            CONDITIONS_UNMET_EN.format(
                conditions=review.set.conditions_name, names=join_en(failing)
            )
        )
    doubtful = [c for c in review.communes if c.unverified_criteria]
    if doubtful:
        numbers = sorted({n for c in doubtful for n in c.unverified_criteria})
        paragraphs.append(
            f"Note: for {len(doubtful)} commune(s), verdicts on criteria "
            f"{join_en([str(n) for n in numbers])} rest on thresholds not yet checked against the "
            "official text."
        )
    if not review.set.complete:
        paragraphs.append(incomplete_note_en(review.set))
    return "\n".join(paragraphs)
