"""Which sets and indicators exist: the criteria registry seen from the stored-values side.

Stored rows name a set and an indicator by code; every write checks those codes here first so
no value is stored for an indicator the law does not have.
"""

from __future__ import annotations

from functools import lru_cache

from ntm.assessments.parsing import ValueParseError
from ntm.criteria.model import CriteriaSet, Indicator
from ntm.criteria.registry import Registry, load_registry

MSG_UNKNOWN_SET = 'Không có bộ tiêu chí "{code}"'
MSG_UNKNOWN_INDICATOR = 'Bộ tiêu chí "{set_code}" không có chỉ tiêu "{code}"'
MSG_WRONG_LEVEL = (
    'Bộ tiêu chí "{set_code}" dành cho cấp {set_level}, không dùng cho {unit} (cấp {unit_level})'
)
MSG_WRONG_LEVEL_EN = (
    'Criteria set "{set_code}" is for level {set_level}, not for {unit} (level {unit_level})'
)
MSG_COMPUTED_INDICATOR = 'Chỉ tiêu "{code}" được tính từ kết quả các xã, không nhập trực tiếp'


class WrongLevel(ValueParseError):
    """A set applied to a unit of another level (a commune set on a district, say).

    A ``ValueParseError``: every caller that shows a bad value's message shows this one too.
    """


def check_set_level(criteria_set: CriteriaSet, unit) -> None:
    """Refuse a set whose level is not the unit's: its verdicts would mean nothing."""
    if criteria_set.level != unit.level:
        fields = {
            "set_code": criteria_set.code,
            "set_level": criteria_set.level,
            "unit": str(unit),
            "unit_level": unit.level,
        }
        raise WrongLevel(MSG_WRONG_LEVEL.format(**fields), MSG_WRONG_LEVEL_EN.format(**fields))


class UnknownIndicator(LookupError):
    """A set or indicator code the registry does not know; ``message`` is for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@lru_cache(maxsize=8)
def _indexes(registry: Registry) -> dict[str, dict[str, Indicator]]:
    return {s.code: {i.code: i for i in s.indicators} for s in registry.sets()}


def indicators_by_code(set_code: str, registry: Registry | None = None) -> dict[str, Indicator]:
    """The set's indicators keyed by code (``"17.1"``); raises ``UnknownIndicator``."""
    index = _indexes(registry or load_registry())
    try:
        return index[set_code]
    except KeyError:
        raise UnknownIndicator(MSG_UNKNOWN_SET.format(code=set_code)) from None


def get_set(set_code: str, registry: Registry | None = None) -> CriteriaSet:
    registry = registry or load_registry()
    if set_code not in registry:
        raise UnknownIndicator(MSG_UNKNOWN_SET.format(code=set_code))
    return registry.get(set_code)


def enterable_indicator(set_code: str, code: str, registry: Registry | None = None) -> Indicator:
    """The indicator a person may enter a value for (not one computed from other units)."""
    indicator = indicators_by_code(set_code, registry).get(code)
    if indicator is None:
        raise UnknownIndicator(MSG_UNKNOWN_INDICATOR.format(set_code=set_code, code=code))
    if indicator.aggregate is not None:
        raise UnknownIndicator(MSG_COMPUTED_INDICATOR.format(code=code))
    return indicator
