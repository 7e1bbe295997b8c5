"""Reading published review figures from a YAML/JSON file, for ``ntm consistency``.

Why a file: an office checks figures it typed into a report (or a newspaper printed) before
reproducing or trusting them; the file says what the report says, nothing more.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import yaml

from ntm.criteria.model import CriteriaSet
from ntm.reports.consistency import PublishedGroup, PublishedReview

MSG_BAD_FILE = "Tệp số liệu công bố không hợp lệ: {problem}"
MSG_NEED_TOTAL = "cần `set` hoặc `criteria_total`"
MSG_BAD_GROUP = "nhóm thứ {n}: cần `communes` và `criteria_met` là số nguyên"
MSG_BAD_UNMET = "`unmet_by_criterion` phải là {{số tiêu chí: số xã}}"


class PublishedFileError(ValueError):
    """The figures file cannot be read; the message is Vietnamese and says what is wrong."""


def parse_published(text: str, criteria_set: CriteriaSet | None = None) -> PublishedReview:
    """``PublishedReview`` from YAML/JSON text; ``criteria_set`` supplies the totals if given."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise PublishedFileError(MSG_BAD_FILE.format(problem=exc)) from exc
    if not isinstance(data, Mapping):
        raise PublishedFileError(MSG_BAD_FILE.format(problem="gốc phải là một mapping"))
    criteria_total = data.get("criteria_total") or (
        len(criteria_set.counted_criteria) if criteria_set else None
    )
    if not isinstance(criteria_total, int):
        raise PublishedFileError(MSG_BAD_FILE.format(problem=MSG_NEED_TOTAL))
    indicators_total = data.get("indicators_total") or (
        criteria_set.encoded_indicators if criteria_set else None
    )
    per_criterion = (
        {c.number: len(c.indicators) for c in criteria_set.counted_criteria}
        if criteria_set
        else None
    )
    return PublishedReview(
        criteria_total=criteria_total,
        groups=tuple(_group(g, n) for n, g in enumerate(data.get("groups") or [], start=1)),
        unmet_by_criterion=_unmet(data.get("unmet_by_criterion") or {}),
        indicators_total=indicators_total,
        communes_total=data.get("communes_total"),
        unmet_list_complete=bool(data.get("unmet_list_complete", True)),
        indicators_per_criterion=per_criterion,
    )


def _group(raw: Any, n: int) -> PublishedGroup:
    if not isinstance(raw, Mapping) or not all(
        isinstance(raw.get(k), int) for k in ("communes", "criteria_met")
    ):
        raise PublishedFileError(MSG_BAD_FILE.format(problem=MSG_BAD_GROUP.format(n=n)))
    indicators = raw.get("indicators")
    low = high = None
    if isinstance(indicators, list) and len(indicators) == 2:
        low, high = indicators
    elif isinstance(indicators, int):
        low = high = indicators
    return PublishedGroup(
        raw["communes"], raw["criteria_met"], low, high, tuple(raw.get("names") or ())
    )


def _unmet(raw: Any) -> dict[int, int]:
    if not isinstance(raw, Mapping):
        raise PublishedFileError(MSG_BAD_FILE.format(problem=MSG_BAD_UNMET))
    try:
        return {int(k): int(v) for k, v in raw.items()}
    except (TypeError, ValueError):
        raise PublishedFileError(MSG_BAD_FILE.format(problem=MSG_BAD_UNMET)) from None
