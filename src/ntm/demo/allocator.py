"""Choose which criteria and indicators a demo commune fails, so published counts come out exactly.

Why: the seeds publish results ("4 communes at 18/19 criteria and 56/57 indicators; criterion 2
unmet in 5 communes ...") but not the values behind them. Which indicator fails decides every
count, so the demo derives its values from a choice of failing indicators made here, and the
values themselves from the thresholds (``ntm.demo.values``). Pure Python, deterministic.

Two steps:
1. ``allocate_unmet_criteria``: a 0/1 commune × criterion matrix with exact row sums (criteria
   unmet per commune) and exact column sums (communes failing each criterion), with forced
   cells. Ryser's construction: take communes in decreasing demand, give each the criteria
   with the most remaining capacity; it succeeds whenever any matrix exists (Gale-Ryser).
2. ``allocate_failing_indicators``: within a commune's unmet criteria, at least one failing
   indicator each, spread so the commune's total of failing indicators is exact.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

MSG_TOTALS_DIFFER = (
    "row and column totals differ: communes fail {rows} criteria in all, the per-criterion "
    "counts add up to {cols}"
)
MSG_NO_MATRIX = "no assignment of unmet criteria fits: {key} still needs {left} criteria"
MSG_TOO_FEW_INDICATORS = (
    "{key}: {failing} failing indicators cannot be spread over unmet criteria {criteria} "
    "(between {low} and {high} possible)"
)


class AllocationError(ValueError):
    """The targets cannot all hold at once; the message says which."""


@dataclass(frozen=True, slots=True)
class Allocation:
    """One commune's failures: criterion number -> codes of its failing indicators."""

    key: str
    failing: Mapping[int, tuple[str, ...]]

    @property
    def unmet_criteria(self) -> tuple[int, ...]:
        return tuple(sorted(self.failing))

    @property
    def failing_indicators(self) -> tuple[str, ...]:
        return tuple(code for n in sorted(self.failing) for code in self.failing[n])


def allocate_unmet_criteria(
    demands: Sequence[tuple[str, int]],
    capacities: Mapping[int, int],
    forced: Mapping[str, Sequence[int]] | None = None,
) -> dict[str, tuple[int, ...]]:
    """Give each commune (key, number of unmet criteria) its unmet criteria.

    ``capacities``: criterion number -> how many communes fail it (every criterion that may
    fail is listed, with 0 if none). ``forced``: criteria a commune must fail. Raises
    ``AllocationError`` when no matrix has these row and column sums.
    """
    forced = forced or {}
    rows = sum(d for _, d in demands)
    cols = sum(capacities.values())
    if rows != cols:
        raise AllocationError(MSG_TOTALS_DIFFER.format(rows=rows, cols=cols))
    left = dict(capacities)
    chosen: dict[str, list[int]] = {key: [] for key, _ in demands}
    need: dict[str, int] = dict(demands)
    for key, numbers in forced.items():
        for n in numbers:
            if left.get(n, 0) <= 0 or need[key] <= 0:
                raise AllocationError(MSG_NO_MATRIX.format(key=key, left=need[key]))
            chosen[key].append(n)
            left[n] -= 1
            need[key] -= 1
    order = sorted(demands, key=lambda kd: (-need[kd[0]], kd[0]))
    for turn, (key, _) in enumerate(order):
        free = [n for n in sorted(left) if left[n] > 0 and n not in chosen[key]]
        # Largest remaining capacity first; rotate ties by turn so equal criteria share out.
        free.sort(key=lambda n: (-left[n], (n + turn) % (len(left) or 1)))
        if len(free) < need[key]:
            raise AllocationError(MSG_NO_MATRIX.format(key=key, left=need[key]))
        for n in free[: need[key]]:
            chosen[key].append(n)
            left[n] -= 1
        need[key] = 0
    return {key: tuple(sorted(numbers)) for key, numbers in chosen.items()}


def allocate_failing_indicators(
    key: str,
    unmet: Sequence[int],
    failing_total: int,
    indicators: Mapping[int, Sequence[str]],
    fixed: Mapping[int, Sequence[str]] | None = None,
    offset: int = 0,
) -> Allocation:
    """Spread ``failing_total`` failing indicators over the ``unmet`` criteria.

    ``indicators``: criterion number -> codes of the indicators that can be made to fail, in
    order. ``fixed``: criteria that fail exactly these indicators (seed 002: criterion 17
    fails only on centralised clean water). ``offset`` rotates which indicators are picked so
    that communes do not all fail the same ones.
    """
    fixed = fixed or {}
    counts: dict[int, int] = {}
    room: dict[int, int] = {}
    for n in unmet:
        if n in fixed:
            counts[n] = room[n] = len(fixed[n])
        else:
            counts[n], room[n] = 1, len(indicators[n])
    low, high = sum(counts.values()), sum(room.values())
    if not low <= failing_total <= high or any(r == 0 for r in room.values()):
        raise AllocationError(
            MSG_TOO_FEW_INDICATORS.format(
                key=key, failing=failing_total, criteria=list(unmet), low=low, high=high
            )
        )
    extra = failing_total - low
    order = [n for n in unmet if n not in fixed]
    turn = offset
    while extra > 0:
        n = order[turn % len(order)]
        turn += 1
        if counts[n] < room[n]:
            counts[n] += 1
            extra -= 1
    failing: dict[int, tuple[str, ...]] = {}
    for n in unmet:
        if n in fixed:
            failing[n] = tuple(fixed[n])
            continue
        codes = list(indicators[n])
        start = offset % len(codes)
        rotated = codes[start:] + codes[:start]
        failing[n] = tuple(sorted(rotated[: counts[n]], key=codes.index))
    return Allocation(key, failing)


def spread(total: int, parts: int, low: int, high: int) -> list[int]:
    """``parts`` integers between ``low`` and ``high`` adding up to ``total``, as even as possible.

    Why: averages such as "6,36 criteria per commune" fix a total, not each commune.
    """
    if parts <= 0 or not low * parts <= total <= high * parts:
        raise AllocationError(f"cannot split {total} into {parts} parts within [{low}, {high}]")
    base, rest = divmod(total, parts)
    return [base + 1 if i < rest else base for i in range(parts)]
