"""Reads of stored values, shaped for the pure engine and for the UI.

The engine wants ``Mapping[indicator_code, list[Observation]]`` per unit. Building that for a
whole country must not go through ORM objects: one ``values_list`` query returns plain tuples
and the grouping is a dictionary pass.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from ntm.assessments.models import IndicatorValue
from ntm.criteria.inputs import NOT_APPLICABLE, Observation, Period
from ntm.units.models import AdminUnit
from ntm.units.selectors import subtree_q

# Above this many units one query over the whole set is cheaper than a long IN list (and
# stays under SQLite's bound-parameter limit).
IN_LIST_LIMIT = 2000

_COLUMNS = (
    "unit_id",
    "indicator_code",
    "period",
    "value_number",
    "value_bool",
    "value_text",
    "not_applicable",
)
FETCH_SIZE = 20_000
SHARED_LIMIT = 200_000


def observations_for_units(
    unit_ids: Iterable[int], set_code: str, period: str | Period
) -> dict[int, dict[str, list[Observation]]]:
    """Every stored value of ``set_code`` for these units up to ``period``, oldest first.

    One query, run on a plain cursor: the ORM's per-row converters cost more than the rest of
    the grouping for a whole country. Units without values are absent from the result. Empty
    stored values (a raw text cleared by its author) are skipped: they are missing, not a value.
    """
    ids = set(unit_ids)
    as_of = Period.parse(period)
    rows = IndicatorValue.objects.filter(set_code=set_code, period_index__lte=as_of.index)
    if len(ids) <= IN_LIST_LIMIT:
        rows = rows.filter(unit_id__in=ids)
    # Ordered as the unique index (set_code, unit, ...) stores them: no sort. Within a unit the
    # engine picks each indicator's latest observation whatever their order.
    sql, params = (
        rows.order_by("set_code", "unit_id").values_list(*_COLUMNS).query.sql_with_params()
    )
    filtered_in_sql = len(ids) <= IN_LIST_LIMIT
    periods: dict[str, Period] = {}
    shared: dict[tuple, Observation] = {}
    grouped: dict[int, dict[str, list[Observation]]] = {}
    unsorted: list[list[Observation]] = []  # text order puts "2023" (December) before "2023-05"
    last_unit, units = None, {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(FETCH_SIZE):
            for unit_id, code, period_text, number, flag, text, na in chunk:
                if unit_id != last_unit:
                    last_unit = unit_id
                    if not filtered_in_sql and unit_id not in ids:
                        units = None
                        continue
                    units = grouped[unit_id] = {}
                elif units is None:
                    continue
                # Values repeat (Đạt, 100%, ...): one shared, immutable observation per
                # (period, column, value), found without decoding the row. The tag keeps the
                # columns apart (True == 1.0 in a dict key).
                if na:
                    key = (period_text, 0, None)
                elif flag is not None:
                    key = (period_text, 1, flag)
                elif number is not None:
                    key = (period_text, 2, number)
                elif text:
                    key = (period_text, 3, text)
                else:
                    continue
                obs = shared.get(key)
                if obs is None:
                    obs = _observation(key, periods)
                    if len(shared) < SHARED_LIMIT:
                        shared[key] = obs
                series = units.get(code)
                if series is None:
                    units[code] = [obs]
                else:
                    if obs.period.index < series[-1].period.index:
                        unsorted.append(series)
                    series.append(obs)
    for series in unsorted:
        series.sort(key=_period_index)
    return grouped


def _observation(key: tuple, periods: dict[str, Period]) -> Observation:
    """The observation a (period, column tag, stored value) key stands for."""
    period_text, tag, stored = key
    period = periods.get(period_text)
    if period is None:
        period = periods[period_text] = Period.parse(period_text)
    value = NOT_APPLICABLE if tag == 0 else bool(stored) if tag == 1 else stored
    return Observation(period, value)


def _period_index(observation: Observation) -> int:
    return observation.period.index


def observations_for_unit(
    unit_id: int, set_code: str, period: str | Period
) -> Mapping[str, list[Observation]]:
    return observations_for_units([unit_id], set_code, period).get(unit_id, {})


def stored_values(unit_id: int, set_code: str, period: str | Period) -> dict[str, IndicatorValue]:
    """The latest stored value per indicator at or before ``period`` (for forms and pages)."""
    as_of = Period.parse(period)
    latest: dict[str, IndicatorValue] = {}
    rows = IndicatorValue.objects.filter(
        unit_id=unit_id, set_code=set_code, period_index__lte=as_of.index
    )
    for value in rows.select_related("author").order_by("period_index"):
        latest[value.indicator_code] = value
    return latest


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One change of a value: who, when, from what to what."""

    when: datetime
    who: str
    change: str  # "+" created, "~" changed, "-" deleted
    old_raw: str | None
    new_raw: str
    old_note: str | None
    new_note: str
    version: int
    source: str
    reason: str


def value_history(value: IndicatorValue) -> list[HistoryEntry]:
    """The changes of one value, newest first, each with the value before it."""
    records = list(
        value.history.select_related("history_user").order_by("history_date", "history_id")
    )
    entries: list[HistoryEntry] = []
    previous: Any = None
    for record in records:
        user = record.history_user
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=(user.get_full_name() or user.get_username()) if user else "",
                change=record.history_type,
                old_raw=previous.raw if previous is not None else None,
                new_raw=record.raw,
                old_note=previous.note if previous is not None else None,
                new_note=record.note,
                version=record.version,
                source=record.source,
                reason=record.history_change_reason or "",
            )
        )
        previous = record
    entries.reverse()
    return entries


# A subtree of at most this many units is read by unit id: the values' unique index starts
# (set_code, unit), so its values are index seeks instead of a scan of every value of the set
# joined to the units (seconds with the whole country loaded).
SMALL_SUBTREE = 2000


def values_under(unit: AdminUnit, set_codes: Iterable[str]) -> QuerySet[IndicatorValue]:
    """The stored values of ``set_codes`` for ``unit`` and its subtree, queried the cheap way:
    by unit id for a small subtree, by path for a large one."""
    values = IndicatorValue.objects.filter(set_code__in=list(set_codes))
    ids = list(
        AdminUnit.objects.filter(subtree_q(unit)).values_list("pk", flat=True)[: SMALL_SUBTREE + 1]
    )
    if len(ids) <= SMALL_SUBTREE:
        return values.filter(unit_id__in=ids)
    return values.filter(subtree_q(unit, "unit__"))
