"""The monthly cycle (issue 10, item 6): each commune's report status, timeliness and
completeness per district, and the district's consolidated monthly report. Pure.

Status of a commune's report for a month, as of a day: ``submitted`` (on or before the due
day), ``late`` (after it), ``due`` (not yet, and the due day has not passed), ``missing`` (not
filed and the due day has passed).
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

SUBMITTED, LATE, DUE, MISSING = "submitted", "late", "due", "missing"
STATUS_VI = {
    SUBMITTED: "đã nộp đúng hạn",
    LATE: "nộp muộn",
    DUE: "chưa đến hạn",
    MISSING: "chưa nộp (quá hạn)",
}
STATUS_EN = {SUBMITTED: "on time", LATE: "late", DUE: "not yet due", MISSING: "missing"}


def due_date(year: int, month: int, day: int) -> date:
    """The due day of a month (the 25th; the last day for a shorter month and a later day)."""
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def filing_status(due: date, submitted_on: date | None, today: date) -> str:
    if submitted_on is not None:
        return SUBMITTED if submitted_on <= due else LATE
    return DUE if today <= due else MISSING


@dataclass(frozen=True, slots=True)
class CommuneFiling:
    code: str
    name: str
    district: str  # code of the district (or the unit the report is about)
    status: str
    submitted_on: date | None = None
    values_changed: int = 0
    tasks_advanced: tuple[str, ...] = ()
    tasks_note: str = ""
    difficulties: str = ""
    proposals: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "district": self.district,
            "status": self.status,
            "submitted_on": self.submitted_on.isoformat() if self.submitted_on else None,
            "values_changed": self.values_changed,
            "tasks_advanced": list(self.tasks_advanced),
            "tasks_note": self.tasks_note,
            "difficulties": self.difficulties,
            "proposals": self.proposals,
        }


@dataclass(frozen=True, slots=True)
class DistrictCycle:
    """Timeliness (on time / communes) and completeness (filed at all / communes) of one
    district."""

    code: str
    name: str
    communes: int
    counts: dict[str, int]

    @property
    def timeliness(self) -> float:
        return 100.0 * self.counts.get(SUBMITTED, 0) / self.communes if self.communes else 0.0

    @property
    def completeness(self) -> float:
        filed = self.counts.get(SUBMITTED, 0) + self.counts.get(LATE, 0)
        return 100.0 * filed / self.communes if self.communes else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "communes": self.communes,
            **{k: self.counts.get(k, 0) for k in (SUBMITTED, LATE, DUE, MISSING)},
            "timeliness": round(self.timeliness, 2),
            "completeness": round(self.completeness, 2),
        }


def district_cycles(filings: Sequence[CommuneFiling], names: dict[str, str]) -> list[DistrictCycle]:
    by_district: dict[str, list[CommuneFiling]] = {}
    for f in filings:
        by_district.setdefault(f.district, []).append(f)
    out = []
    for code, items in sorted(by_district.items()):
        counts: dict[str, int] = {}
        for f in items:
            counts[f.status] = counts.get(f.status, 0) + 1
        out.append(DistrictCycle(code, names.get(code, code), len(items), counts))
    return out


@dataclass(frozen=True, slots=True)
class MonthlyReport:
    """The consolidated monthly report of a district (or province)."""

    unit_code: str
    unit_name: str
    unit_kind: str
    year: int
    month: int
    due: date
    as_of: date
    filings: tuple[CommuneFiling, ...]
    districts: tuple[DistrictCycle, ...]
    tasks_open: int = 0
    tasks_overdue: int = 0
    tasks_done_in_month: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def period(self) -> str:
        return f"{self.year}-{self.month:02d}"

    def to_json(self) -> dict[str, Any]:
        return {
            "unit": self.unit_code,
            "name": self.unit_name,
            "period": self.period,
            "due": self.due.isoformat(),
            "as_of": self.as_of.isoformat(),
            "communes": [f.to_json() for f in self.filings],
            "districts": [d.to_json() for d in self.districts],
            "tasks": {
                "open": self.tasks_open,
                "overdue": self.tasks_overdue,
                "done_in_month": self.tasks_done_in_month,
            },
            **self.extra,
        }

    def text(self, lang: str = "vi") -> str:
        """The report in the seeds' prose: who filed, what moved, what is hard, what is asked."""
        f = self.filings
        counts = {s: sum(1 for x in f if x.status == s) for s in (SUBMITTED, LATE, DUE, MISSING)}
        if lang == "en":
            return self._text_en(counts)
        lines = [
            f"BÁO CÁO TIẾN ĐỘ XÂY DỰNG NÔNG THÔN MỚI THÁNG {self.month}/{self.year}",
            f"{self.unit_kind} {self.unit_name}".strip(),
            f"Kỳ báo cáo: hạn ngày {self.due:%d/%m/%Y}; số liệu tính đến ngày "
            f"{self.as_of:%d/%m/%Y}.",
            "",
            f"1. Tình hình báo cáo: {counts[SUBMITTED] + counts[LATE]}/{len(f)} xã đã gửi báo cáo "
            f"({counts[SUBMITTED]} đúng hạn, {counts[LATE]} muộn); {counts[MISSING]} xã chưa gửi "
            "đã quá hạn"
            + (
                f": {', '.join(x.name for x in f if x.status == MISSING)}"
                if counts[MISSING]
                else ""
            )
            + (f"; {counts[DUE]} xã chưa đến hạn" if counts[DUE] else "")
            + ".",
        ]
        for d in self.districts if len(self.districts) > 1 else ():
            lines.append(
                f"   - {d.name}: đúng hạn {_pct(d.timeliness)}, đầy đủ {_pct(d.completeness)}."
            )
        changed = [x for x in f if x.values_changed]
        lines.append(
            f"2. Số liệu tiêu chí cập nhật trong tháng: {sum(x.values_changed for x in f)} chỉ "
            f"tiêu ở {len(changed)} xã"
            + (": " + "; ".join(f"{x.name} {x.values_changed}" for x in changed) if changed else "")
            + "."
        )
        lines.append(
            f"3. Nhiệm vụ: {self.tasks_open} nhiệm vụ đang thực hiện, "
            f"{self.tasks_overdue} nhiệm vụ quá hạn, "
            f"{self.tasks_done_in_month} nhiệm vụ hoàn thành trong tháng."
        )
        for x in f:
            for item in x.tasks_advanced:
                lines.append(f"   - {x.name}: {item}")
        hard = [x for x in f if x.difficulties]
        lines.append("4. Khó khăn, vướng mắc:" + ("" if hard else " không có xã nào báo cáo."))
        lines += [f"   - {x.name}: {x.difficulties}" for x in hard]
        asks = [x for x in f if x.proposals]
        lines.append("5. Đề xuất, kiến nghị:" + ("" if asks else " không có."))
        lines += [f"   - {x.name}: {x.proposals}" for x in asks]
        return "\n".join(lines) + "\n"

    def _text_en(self, counts: dict[str, int]) -> str:
        f = self.filings
        lines = [
            f"NEW RURAL DEVELOPMENT PROGRESS REPORT, {self.month}/{self.year}",
            f"{self.unit_name}",
            f"Due {self.due:%d/%m/%Y}; figures as of {self.as_of:%d/%m/%Y}.",
            "",
            f"1. Reports: {counts[SUBMITTED] + counts[LATE]}/{len(f)} communes filed "
            f"({counts[SUBMITTED]} on time, {counts[LATE]} late); "
            f"{counts[MISSING]} missing; {counts[DUE]} not yet due.",
            f"2. Indicator values updated this month: {sum(x.values_changed for x in f)}.",
            f"3. Tasks: {self.tasks_open} open, {self.tasks_overdue} overdue, "
            f"{self.tasks_done_in_month} done this month.",
            "4. Difficulties: "
            + (
                "; ".join(f"{x.name}: {x.difficulties}" for x in f if x.difficulties)
                or "none reported."
            ),
            "5. Proposals: "
            + ("; ".join(f"{x.name}: {x.proposals}" for x in f if x.proposals) or "none."),
        ]
        return "\n".join(lines) + "\n"


def _pct(x: float) -> str:
    return f"{x:.1f}".replace(".", ",").replace(",0", "") + "%"
