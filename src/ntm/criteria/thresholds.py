"""Choosing the threshold that applies to one unit in one period, and saying why.

The "why" matters as much as the value: an officer who sees "chưa đạt" must be able to check
that the right region (or commune group, or year, or provincial rule) was applied.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ntm.criteria.inputs import UnitProfile
from ntm.criteria.model import (
    REGION_NAMES,
    REGIONS,
    CriteriaSet,
    Indicator,
    ThresholdRef,
    ThresholdSpec,
)

if TYPE_CHECKING:
    from ntm.criteria.registry import Registry

NORTHERN_MOUNTAIN = REGIONS[0]
SAME_FOR_ALL = "mức chung, không phân theo vùng, nhóm xã hay năm"
NO_REGION = "chưa xác định vùng của đơn vị, không có chỉ tiêu chung"
NO_DIMENSION = "chưa xác định {by} của đơn vị (ntm profiles), không có chỉ tiêu chung"
NO_GROUP = "chưa xác định nhóm xã của đơn vị, không có chỉ tiêu chung"


@dataclass(frozen=True, slots=True)
class Resolved:
    """A threshold value (``None`` when it cannot be determined) and the reasons for it."""

    value: Any
    basis: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Context:
    """What threshold choice depends on; profiles sharing a context share resolved thresholds."""

    region: str | None
    region_reason: str
    group: str | None
    year: int
    dimensions: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, profile: UnitProfile, year: int) -> Context:
        return dataclasses.replace(cls._of(profile, year), dimensions=profile.dimensions)

    @classmethod
    def _of(cls, profile: UnitProfile, year: int) -> Context:
        if profile.extremely_difficult:
            reason = "xã đặc biệt khó khăn: áp dụng ngưỡng vùng Trung du và miền núi phía Bắc"
            return cls(NORTHERN_MOUNTAIN, reason, profile.group, year)
        if profile.safety_zone and (profile.poor_district or profile.poverty_exit_district):
            # QĐ 318/QĐ-TTg Điều 1: "xã an toàn khu thuộc huyện nghèo và huyện vừa thoát nghèo
            # giai đoạn 2018 - 2020": a safety-zone commune elsewhere keeps its region's values.
            reason = (
                "xã an toàn khu thuộc huyện nghèo: "
                "áp dụng ngưỡng vùng Trung du và miền núi phía Bắc"
            )
            return cls(NORTHERN_MOUNTAIN, reason, profile.group, year)
        if profile.poverty_exit_district:
            reason = (
                "xã thuộc huyện thoát nghèo 2018-2020: "
                "áp dụng ngưỡng vùng Trung du và miền núi phía Bắc"
            )
            return cls(NORTHERN_MOUNTAIN, reason, profile.group, year)
        if profile.region:
            return cls(
                profile.region,
                f"vùng {REGION_NAMES.get(profile.region, profile.region)}",
                profile.group,
                year,
            )
        return cls(None, "", profile.group, year)


def context_key(profile: UnitProfile, year: int) -> tuple[Any, ...]:
    """Every profile field ``Context.of`` reads, and the year: profiles with equal keys get
    equal contexts. Why: the engine finds a unit's compiled thresholds by this key, which costs
    a fraction of building the context for each of a country's units. Keep it in step with
    ``Context._of``.
    """
    return (
        profile.region,
        profile.group,
        profile.extremely_difficult,
        profile.safety_zone,
        profile.poor_district,
        profile.poverty_exit_district,
        profile.dimensions,
        year,
    )


def resolve(indicator: Indicator, ctx: Context, registry: Registry | None = None) -> Resolved:
    """The threshold of ``indicator`` for ``ctx``; value ``None`` if the data cannot decide."""
    basis: list[str] = []
    if indicator.overridden_by:
        basis.append(f"quy định riêng của tỉnh ({indicator.overridden_by})")
    value = _walk(indicator.threshold, ctx, basis, registry)
    if not basis and value is not None:
        basis.append(SAME_FOR_ALL)
    return Resolved(value, tuple(basis))


def _walk(
    spec: ThresholdSpec | ThresholdRef | None,
    ctx: Context,
    basis: list[str],
    registry: Registry | None,
) -> Any:
    if spec is None:
        return None
    if isinstance(spec, ThresholdRef):
        return _follow_ref(spec, ctx, basis, registry)
    if spec.is_leaf:
        return spec.value
    key, reason, missing = _case_key(spec, ctx)
    if spec.by == "year":
        chosen = _year_case(spec, ctx.year)
        if chosen is not None:
            year, sub = chosen
            basis.append(
                f"năm {year}"
                if int(year) == ctx.year
                else f"năm {year} (gần nhất trước {ctx.year})"
            )
            return _walk(sub, ctx, basis, registry)
    else:
        for case_key, sub in spec.cases:
            if case_key == key:
                basis.append(reason)
                return _walk(sub, ctx, basis, registry)
    if spec.default is not None:
        basis.append("chỉ tiêu chung")
        return _walk(spec.default, ctx, basis, registry)
    basis.append(missing)
    return None


def _case_key(spec: ThresholdSpec, ctx: Context) -> tuple[str | None, str, str]:
    if spec.by == "region":
        return ctx.region, ctx.region_reason, NO_REGION
    if spec.by == "group":
        return ctx.group, f"xã nhóm {ctx.group}", NO_GROUP
    if spec.by is not None and spec.by != "year":
        value = dict(ctx.dimensions).get(spec.by)
        return value, f"{spec.by} {value}", NO_DIMENSION.format(by=spec.by)
    return None, "", ""


def _year_case(spec: ThresholdSpec, year: int) -> tuple[str, Any] | None:
    """Latest year at or before ``year``; before the first year, the first year's case."""
    if not spec.cases:
        return None
    chosen = spec.cases[0]
    for case in spec.cases:
        if int(case[0]) <= year:
            chosen = case
    return chosen


def _follow_ref(
    ref: ThresholdRef, ctx: Context, basis: list[str], registry: Registry | None
) -> Any:
    if registry is None:
        basis.append(f"tham chiếu bộ {ref.set_code} nhưng không có danh mục bộ tiêu chí")
        return None
    target_set: CriteriaSet = registry.get(ref.set_code)
    target = resolve(target_set.indicator(ref.indicator), ctx, registry)
    if target.value is None:
        basis.extend(target.basis)
        return None
    factor = f" × {str(ref.factor).replace('.', ',')}" if ref.factor != 1 else ""
    basis.append(f"ngưỡng chỉ tiêu {ref.indicator} của bộ {ref.set_code}{factor}")
    basis.extend(target.basis)
    return target.value * ref.factor
