"""The summary's "ocop" section: products under a unit by stars and level, and those new since P0.

A product counts once (its latest rating at the period decides its stars and level); "new"
means its first rating falls in the window after the end of P0 up to the end of the period.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ntm.criteria.inputs import Period
from ntm.ocop.selectors import ProductStanding, product_counts, product_standings, ratings_under
from ntm.reports.resources_text import window_en, window_vi
from ntm.reports.structures.summary import sibling_place
from ntm.reportsdata.gather import SIBLING_LABELS, valid_at
from ntm.reportsdata.reported import reported_shares
from ntm.textnorm import unit_label
from ntm.units.models import AdminUnit

STARS = ("3", "4", "5")
LEVELS = ("district", "province", "national")
LEVEL_VI = {"district": "cấp huyện", "province": "cấp tỉnh", "national": "cấp trung ương"}
LEVEL_EN = {"district": "district", "province": "provincial", "national": "national"}


@dataclass(frozen=True, slots=True)
class ProductRank:
    """The unit's place among its siblings by OCOP products (competition ranking), counting
    siblings with OCOP records here or, failing that, reported product counts
    (named in ``reported``). ``of`` counts the siblings with a figure; ``siblings_total`` all
    siblings valid at the period: when they differ, the JSON and the text say so (a sibling
    without any figure is not ranked at 0), as the summary's NTM rank does."""

    unit_name: str
    position: int
    of: int
    products: int
    siblings_label: str
    parent: str  # "tỉnh Thanh Hóa"
    parent_name: str = ""  # "Thanh Hóa"
    reported: tuple[str, ...] = ()
    siblings_total: int | None = None  # None: not known, taken as ``of``

    @property
    def total(self) -> int:
        return self.of if self.siblings_total is None else self.siblings_total

    @property
    def all_have_data(self) -> bool:
        return self.total == self.of

    def to_json(self) -> dict[str, Any]:
        return sibling_place(self.position, self.of, self.total) | {
            "by": "ocop_products",
            "products": self.products,
            "reported": list(self.reported),
        }

    def line(self, lang: str) -> str:
        if lang != "vi":
            among = "" if self.all_have_data else f" with figures ({self.total} in all)"
            text = (
                f"{self.unit_name} ranks {self.position} of {self.of}{among} "
                f"in {self.parent_name} by OCOP products"
            )
            return text + (
                f" (reported figures for {len(self.reported)} of them)." if self.reported else "."
            )
        among = "" if self.all_have_data else f" có số liệu (tổng {self.total})"
        text = (
            f"{self.unit_name} đứng thứ {self.position}/{self.of} {self.siblings_label}{among} "
            f"trong {self.parent} về số sản phẩm OCOP"
        )
        if self.reported:
            text += (
                f" (dùng số liệu báo cáo của {len(self.reported)}/{self.of} "
                "đơn vị chưa có số liệu chi tiết)"
            )
        return text + "."


def rank_by_products(
    unit_code: str,
    counts: list[tuple[str, str, int, bool]],
    unit_name: str,
    label: str,
    parent: str,
    parent_name: str = "",
    siblings_total: int | None = None,
) -> ProductRank | None:
    """``counts``: (code, name, products, reported) of every sibling with a figure;
    ``siblings_total``: every sibling, with a figure or not."""
    mine = next((c for c in counts if c[0] == unit_code), None)
    if mine is None or len(counts) < 2:
        return None
    position = 1 + sum(1 for c in counts if c[2] > mine[2])
    return ProductRank(
        unit_name,
        position,
        len(counts),
        mine[2],
        label,
        parent,
        parent_name,
        tuple(name for _, name, _, reported in counts if reported),
        siblings_total,
    )


@dataclass(frozen=True, slots=True)
class OcopSection:
    """Counts of OCOP products under a unit (a ``SummarySection``)."""

    period: Period
    since: Period | None
    products: int
    new_since: int
    by_stars: dict[str, int]
    by_level: dict[str, int]
    new_by_level: dict[str, int]
    expired: int
    earlier_products: int
    rank: ProductRank | None = None
    key: str = "ocop"
    replaces: tuple[str, ...] = field(default=("ocop_products",))

    def to_json(self) -> dict[str, Any]:
        return {
            "products": self.products,
            "new_since": self.new_since,
            "by_stars": dict(self.by_stars),
            "by_level": dict(self.by_level),
            "new_by_level": dict(self.new_by_level),
            "expired": self.expired,
            "since": str(self.since) if self.since else None,
            "rank": self.rank.to_json() if self.rank else None,
        }

    def lines(self, lang: str) -> list[str]:
        rank = [self.rank.line(lang)] if self.rank else []
        return [self._line_vi(), *rank] if lang == "vi" else [self._line_en(), *rank]

    def _line_vi(self) -> str:
        levels = ", ".join(
            f"{n} sản phẩm đạt OCOP {LEVEL_VI[k]}" for k, n in self.by_level.items() if n
        )
        stars = ", ".join(f"{n} sản phẩm {k} sao" for k, n in self.by_stars.items() if n)
        text = f"Sản phẩm OCOP: lũy kế có {levels or 'không có sản phẩm nào'}" + (
            f" ({stars})" if stars else ""
        )
        if self.expired:
            text += f", trong đó {self.expired} sản phẩm đã hết hạn chứng nhận (36 tháng)"
        new = ", ".join(
            f"{n} sản phẩm được công nhận sản phẩm OCOP {LEVEL_VI[k]}"
            for k, n in self.new_by_level.items()
            if n
        )
        window = window_vi(self.period, self.since)
        return (
            f"{text}; {window[0].lower()}{window[1:]}: có thêm {new}."
            if new
            else (f"{text}; {window[0].lower()}{window[1:]}: không có sản phẩm mới được công nhận.")
        )

    def _line_en(self) -> str:
        levels = ", ".join(f"{n} {LEVEL_EN[k]}" for k, n in self.by_level.items() if n) or "none"
        stars = ", ".join(f"{n} {k}-star" for k, n in self.by_stars.items() if n)
        return (
            f"OCOP products: {self.products} in all ({levels}{'; ' + stars if stars else ''}); "
            f"{window_en(self.period, self.since).lower()}: {self.new_since} new."
        )

    def rows(self, lang: str) -> list[list[Any]]:
        label = "Sản phẩm OCOP" if lang == "vi" else "OCOP products"
        unit = "sản phẩm" if lang == "vi" else "products"
        return [
            [
                label,
                unit,
                self.earlier_products,
                self.products,
                self.products - self.earlier_products,
            ]
        ]


def build_ocop_section(
    period: Period,
    since: Period | None,
    standings: list[ProductStanding],
    earlier: list[ProductStanding],
    rank: ProductRank | None = None,
) -> OcopSection:
    by_stars = dict.fromkeys(STARS, 0)
    by_level = dict.fromkeys(LEVELS, 0)
    new_by_level = dict.fromkeys(LEVELS, 0)
    for s in standings:
        by_stars[str(s.stars)] += 1
        by_level[s.level] += 1
        if s.new:
            new_by_level[s.level] += 1
    return OcopSection(
        period=period,
        since=since,
        products=len(standings),
        new_since=sum(1 for s in standings if s.new),
        by_stars=by_stars,
        by_level=by_level,
        new_by_level=new_by_level,
        expired=sum(1 for s in standings if s.expired),
        earlier_products=len(earlier),
        rank=rank,
    )


def ocop_section(unit: AdminUnit, period: Period, since: Period | None) -> OcopSection | None:
    """The provider registered with ``ntm.reportsdata.sections``: None when no product
    is recorded under the unit."""
    if not ratings_under(unit).exists():
        return None
    standings = product_standings(unit, period, since)
    earlier = product_standings(unit, since, None) if since is not None else []
    return build_ocop_section(period, since, standings, earlier, _rank(unit, period))


def _rank(unit: AdminUnit, period: Period) -> ProductRank | None:
    """Among the parent's children of the same level and era valid at the period."""
    if unit.parent is None:
        return None
    siblings = list(
        valid_at(
            AdminUnit.objects.filter(parent_id=unit.parent_id, level=unit.level, era=unit.era),
            period,
        )
    )
    detailed = product_counts(siblings, period)
    reported = reported_shares([u for u in siblings if detailed[u.pk] is None], period)
    counts = []
    for sibling in siblings:
        if detailed[sibling.pk] is not None:
            counts.append((sibling.code, sibling.name, detailed[sibling.pk], False))
        elif sibling.pk in reported and reported[sibling.pk].ocop_products is not None:
            counts.append((sibling.code, sibling.name, reported[sibling.pk].ocop_products, True))
    parent = unit.parent
    return rank_by_products(
        unit.code,
        counts,
        unit.name,
        SIBLING_LABELS.get(unit.level, ""),
        unit_label(parent.unit_type, parent.name),
        parent.name,
        len(siblings),
    )
