"""Which sets and indicators exist: the criteria registry seen from the stored-values side.

Stored rows name a set and an indicator by code; every write checks those codes here first so
no value is stored for an indicator the law does not have.
"""

from __future__ import annotations

from functools import lru_cache

from ntm.criteria.model import CriteriaSet, Indicator
from ntm.criteria.registry import Registry, load_registry

MSG_UNKNOWN_SET = 'Không có bộ tiêu chí "{code}"'
MSG_UNKNOWN_INDICATOR = 'Bộ tiêu chí "{set_code}" không có chỉ tiêu "{code}"'
MSG_COMPUTED_INDICATOR = 'Chỉ tiêu "{code}" được tính từ kết quả các xã, không nhập trực tiếp'


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
