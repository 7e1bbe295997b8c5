"""The summary's "funds", "outputs" and "awards" sections, summed over the units under a unit.

Funds and outputs give a cumulative figure at the period and the part of it in the window
after P0 ("since"); the text tells the window's figures as seed 004 does ("đã huy động được
trên 47 tỷ đồng…; 71,43 km đường giao thông nông thôn; …"). Awards count the window only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ntm.criteria.inputs import Period
from ntm.investment.catalogue import OutputKind, output_kinds
from ntm.investment.models import (
    AWARD_KIND_LABELS,
    SOURCE_CHOICES,
    EmulationAward,
    FundsMobilised,
    PhysicalOutput,
    ReportedFigures,
)
from ntm.investment.reported import source_label
from ntm.investment.selectors import (
    AwardCount,
    awards_in_window,
    funds_by_source,
    latest_reported,
    outputs_by_kind,
    planned_total,
    under,
    village_word,
)
from ntm.reports.programme_text import period_end
from ntm.reports.resources_text import quantity_vi, vnd_en, vnd_vi, window_en, window_vi
from ntm.textnorm import format_date_vi
from ntm.units.models import AdminUnit
from ntm.units.selectors import subtree_q

SOURCES = tuple(code for code, _ in SOURCE_CHOICES)
SOURCE_VI = dict(SOURCE_CHOICES)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


@dataclass(frozen=True, slots=True)
class FundsSection:
    period: Period
    since: Period | None
    by_source: dict[str, int]
    since_by_source: dict[str, int]
    earlier_total: int
    planned_vnd: int | None
    key: str = "funds"
    replaces: tuple[str, ...] = field(default=("funds_mobilised",))

    @property
    def total(self) -> int:
        return sum(self.by_source.values())

    @property
    def since_total(self) -> int:
        return sum(self.since_by_source.values())

    def to_json(self) -> dict[str, Any]:
        return {
            "total_vnd": self.total,
            "since_vnd": self.since_total,
            "by_source": dict(self.by_source),
            "since_by_source": dict(self.since_by_source),
            "planned_vnd": self.planned_vnd,
            "since": str(self.since) if self.since else None,
        }

    def lines(self, lang: str) -> list[str]:
        if lang != "vi":
            return [
                f"Funds mobilised: {_lower_first(window_en(self.period, self.since))}, "
                f"{vnd_en(self.since_total)}; {vnd_en(self.total)} in all."
            ]
        parts = "; ".join(
            f"{SOURCE_VI[s].lower()} {vnd_vi(n, headline=False)}"
            for s, n in self.since_by_source.items()
            if n
        )
        text = (
            f"Nguồn lực huy động: {_lower_first(window_vi(self.period, self.since))}, "
            "đã huy động được "
            f"{vnd_vi(self.since_total)}" + (f" ({parts})" if parts else "")
        )
        if self.since is not None:
            text += (
                f"; lũy kế đến {format_date_vi(period_end(str(self.period)))} "
                f"đã huy động được {vnd_vi(self.total)}"
            )
        if self.planned_vnd:
            text += f" (kế hoạch {vnd_vi(self.planned_vnd, headline=False)})"
        return [text + "."]

    def rows(self, lang: str) -> list[list[Any]]:
        label = "Nguồn lực huy động" if lang == "vi" else "Funds mobilised"
        return [
            [
                label,
                "đồng" if lang == "vi" else "VND",
                self.earlier_total,
                self.total,
                self.since_total,
            ]
        ]


@dataclass(frozen=True, slots=True)
class OutputLine:
    kind: OutputKind
    quantity: Decimal
    since: Decimal
    earlier: Decimal


@dataclass(frozen=True, slots=True)
class OutputsSection:
    period: Period
    since: Period | None
    outputs: tuple[OutputLine, ...]
    village: str = "thôn"
    key: str = "outputs"
    replaces: tuple[str, ...] = field(default=("physical_outputs",))

    def to_json(self) -> list[dict[str, Any]]:
        return [
            {
                "kind": o.kind.code,
                "name": o.kind.name,
                "unit": o.kind.unit,
                "quantity": float(o.quantity),
                "since": float(o.since),
            }
            for o in self.outputs
        ]

    def lines(self, lang: str) -> list[str]:
        shown = [o for o in self.outputs if o.since]
        if lang != "vi":
            items = ", ".join(
                f"{float(o.since):g}{' km' if o.kind.unit == 'km' else ''} {o.kind.name_en.lower()}"
                for o in shown
            )
            return [
                f"Physical outputs: {_lower_first(window_en(self.period, self.since))}, "
                f"{items or 'none'}."
            ]
        items = self._items_vi([(o.kind, o.since) for o in shown])
        window = _lower_first(window_vi(self.period, self.since))
        text = (
            f"Khối lượng đầu tư: {window}, xây mới, cải tạo nâng cấp {items}."
            if items
            else f"Khối lượng đầu tư: {window}, không có khối lượng mới."
        )
        if any(o.quantity != o.since for o in self.outputs):
            end = format_date_vi(period_end(str(self.period)))
            text += (
                f" Lũy kế đến {end}: "
                f"{self._items_vi([(o.kind, o.quantity) for o in self.outputs])}."
            )
        return [text]

    def _items_vi(self, items: list[tuple[OutputKind, Decimal]]) -> str:
        """ "71,43 km đường giao thông nông thôn; 6,8 km đường điện, 1 trạm biến áp": kinds of one
        clause group joined by a comma, groups by a semicolon (seed 004)."""
        clauses: list[list[str]] = []
        previous = None
        for kind, quantity in items:
            phrase = kind.phrase.format(q=quantity_vi(quantity), village=self.village)
            if kind.group and kind.group == previous:
                clauses[-1].append(phrase)
            else:
                clauses.append([phrase])
            previous = kind.group
        return "; ".join(", ".join(c) for c in clauses)

    def rows(self, lang: str) -> list[list[Any]]:
        return [
            [
                o.kind.name if lang == "vi" else o.kind.name_en,
                o.kind.unit,
                float(o.earlier),
                float(o.quantity),
                float(o.since),
            ]
            for o in self.outputs
        ]


@dataclass(frozen=True, slots=True)
class AwardsSection:
    period: Period
    since: Period | None
    counts: tuple[AwardCount, ...]
    key: str = "awards"
    replaces: tuple[str, ...] = ()

    def _total(self, recipient_type: str) -> int:
        return sum(c.count for c in self.counts if c.recipient_type == recipient_type)

    def _by_kind(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for c in self.counts:
            entry = out.setdefault(c.kind, {"collectives": 0, "individuals": 0})
            entry["collectives" if c.recipient_type == "collective" else "individuals"] += c.count
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "collectives": self._total("collective"),
            "individuals": self._total("individual"),
            "by_kind": self._by_kind(),
            "since": str(self.since) if self.since else None,
        }

    def lines(self, lang: str) -> list[str]:
        by_kind = self._by_kind()
        if lang != "vi":
            return [
                f"Emulation awards ({_lower_first(window_en(self.period, self.since))}): "
                f"{self._total('collective')} collectives, {self._total('individual')} individuals."
            ]
        if not by_kind:
            return [
                "Khen thưởng phong trào thi đua "
                f"({_lower_first(window_vi(self.period, self.since))}): không có."
            ]
        parts = []
        for kind, n in by_kind.items():
            who = [
                f"{n['collectives']} tập thể" if n["collectives"] else "",
                f"{n['individuals']} cá nhân" if n["individuals"] else "",
            ]
            parts.append(
                f"{AWARD_KIND_LABELS.get(kind, kind)} cho {', '.join(w for w in who if w)}"
            )
        return [
            "Khen thưởng phong trào thi đua "
            f"({_lower_first(window_vi(self.period, self.since))}): {'; '.join(parts)}."
        ]

    def rows(self, lang: str) -> list[list[Any]]:
        vi = lang == "vi"
        return [
            [
                "Khen thưởng: tập thể" if vi else "Awards: collectives",
                "tập thể" if vi else "collectives",
                None,
                None,
                self._total("collective"),
            ],
            [
                "Khen thưởng: cá nhân" if vi else "Awards: individuals",
                "cá nhân" if vi else "individuals",
                None,
                None,
                self._total("individual"),
            ],
        ]


def funds_section(unit: AdminUnit, period: Period, since: Period | None) -> FundsSection | None:
    if not under(FundsMobilised, unit).exists():
        return None
    low = since.index if since is not None else None
    totals = funds_by_source(unit, None, period.index)
    return FundsSection(
        period,
        since,
        by_source={s: totals.get(s, 0) for s in SOURCES},
        since_by_source={
            s: n
            for s, n in sorted(
                funds_by_source(unit, low, period.index).items(),
                key=lambda item: SOURCES.index(item[0]),
            )
        },
        earlier_total=sum(funds_by_source(unit, None, low).values()) if low is not None else 0,
        planned_vnd=planned_total(unit, period.index),
    )


def outputs_section(unit: AdminUnit, period: Period, since: Period | None) -> OutputsSection | None:
    if not under(PhysicalOutput, unit).exists():
        return None
    low = since.index if since is not None else None
    totals = outputs_by_kind(unit, None, period.index)
    window = outputs_by_kind(unit, low, period.index)
    earlier = outputs_by_kind(unit, None, low) if low is not None else {}
    lines = tuple(
        OutputLine(
            k, totals[k.code], window.get(k.code, Decimal(0)), earlier.get(k.code, Decimal(0))
        )
        for k in output_kinds()
        if k.code in totals
    )
    return OutputsSection(period, since, lines, village_word(unit))


def awards_section(unit: AdminUnit, period: Period, since: Period | None) -> AwardsSection | None:
    if not under(EmulationAward, unit).exists():
        return None
    return AwardsSection(period, since, tuple(awards_in_window(unit, period, since)))


@dataclass(frozen=True, slots=True)
class ReportedSection:
    """Figures the units under the unit reported themselves, shown beside (never added to) the
    figures computed from values, each with its source."""

    units: tuple[dict[str, Any], ...]
    key: str = "reported"
    replaces: tuple[str, ...] = ()

    def _total(self, name: str) -> int | None:
        values = [u[name] for u in self.units if u[name] is not None]
        return sum(values) if values else None

    def to_json(self) -> dict[str, Any]:
        totals = {
            name: self._total(name)
            for name in ("communes", "communes_ntm", "ocop_products", "funds_vnd")
        }
        return {"units": list(self.units), "totals": totals, "reported": True}

    def lines(self, lang: str) -> list[str]:
        communes, ntm, ocop = (
            self._total("communes"),
            self._total("communes_ntm"),
            self._total("ocop_products"),
        )
        sources = "; ".join(sorted({u["source"] for u in self.units}))
        if lang != "vi":
            return [
                f"Reported figures (not computed from detailed data) of {len(self.units)} units: "
                f"{communes} communes, {ntm} at NTM; source: {sources}."
            ]
        extra = f"; {ocop} sản phẩm OCOP" if ocop is not None else ""
        return [
            "Số liệu báo cáo (không tính từ số liệu chi tiết) "
            f"của {len(self.units)} đơn vị: {communes} xã, "
            f"trong đó {ntm} xã đạt chuẩn NTM{extra}; nguồn: {sources}."
        ]

    def rows(self, lang: str) -> list[list[Any]]:
        label = (
            "Số xã đạt chuẩn NTM (số liệu báo cáo)"
            if lang == "vi"
            else "Communes at NTM (reported)"
        )
        return [
            [label, "xã" if lang == "vi" else "communes", None, self._total("communes_ntm"), None]
        ]


def reported_section(
    unit: AdminUnit, period: Period, since: Period | None
) -> ReportedSection | None:
    """The latest reported figures at or before the period of each unit below ``unit``."""
    below = (
        AdminUnit.objects.filter(subtree_q(unit))  # a range of the path index (LIKE scans)
        .exclude(pk=unit.pk)
        .filter(pk__in=ReportedFigures.objects.values("unit_id"))
    )
    latest = latest_reported(list(below), period)
    if not latest:
        return None
    units = tuple(
        {
            "code": row.unit.code,
            "name": row.unit.name,
            "period": row.period,
            "communes": row.communes,
            "communes_ntm": row.communes_ntm,
            "ocop_products": row.ocop_products,
            "funds_vnd": row.funds_vnd,
            "source": source_label(row),
            "demo": row.demo,
        }
        for row in sorted(latest.values(), key=lambda r: r.unit.path)
    )
    return ReportedSection(units)
