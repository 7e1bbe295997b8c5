"""Reads of stored values, shaped for the pure engine and for the UI.

The engine wants ``Mapping[indicator_code, list[Observation]]`` per unit. Building that for a
whole country must not go through ORM objects: one ``values_list`` query returns plain tuples
and the grouping is a dictionary pass.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby
from operator import itemgetter
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from ntm.assessments.models import IndicatorValue
from ntm.criteria.inputs import NOT_APPLICABLE, InPeriodOrder, Observation, Period
from ntm.criteria.model import CriteriaSet
from ntm.units.models import AdminUnit
from ntm.units.selectors import subtree_q

# Up to this many units the query names them (an IN list); above, it reads the range of unit
# ids between the lowest and the highest (``_id_range``) and the rows of other units are skipped
# here. Why: a long IN list cost PostgreSQL a parallel scan and an on-disk sort for a country
# (2.8x the plain SELECT of the same rows), where the range is one plain scan.
IN_LIST_LIMIT = 200
# ... when the range holds at most this many ids per unit asked for; units scattered wider are
# named in an IN list up to ``IN_LIST_MAX`` of them (SQLite's bound-parameter limit stays far
# away), and above that the whole set is read and filtered here.
RANGE_SPREAD = 4
IN_LIST_MAX = 2000

FETCH_SIZE = 20_000
# Rows per chunk of ``value_row_runs``: a few units' worth, small enough to stay in the cache.
RUN_CHUNK = 2_000
SHARED_LIMIT = 200_000


def observations_for_units(
    unit_ids: Iterable[int], set_code: str, period: str | Period
) -> dict[int, InPeriodOrder]:
    """Every stored value of ``set_code`` for these units up to ``period``, oldest first
    (``InPeriodOrder``: the engine reads each indicator's latest value from the end).

    One query, run on a plain cursor: the ORM's per-row converters cost more than the rest of
    the grouping for a whole country. Units without values are absent from the result. Empty
    stored values (a raw text cleared by its author) are skipped: they are missing, not a value.
    """
    ids = set(unit_ids)
    if not ids:
        return {}  # an empty IN list is no query at all (Django raises EmptyResultSet)
    sql, params, filtered_in_sql = _query_for(ids, set_code, Period.parse(period))
    periods: dict[str, Period] = {}
    # Values repeat (Đạt, 100%, ...): one shared, immutable observation per period and value
    # key, found without decoding the row; rows of one period come in runs, so the period's
    # table is looked up only when the period changes.
    by_period: dict[str, dict[Any, Observation]] = {}
    shared_count = 0
    grouped: dict[int, InPeriodOrder] = {}
    # Lists whose periods did not come in order (``_in_order``), sorted at the end.
    unsorted: list[list[Observation]] = []
    last_unit = last_code = last_period = None
    units: InPeriodOrder | None = None
    series: list[Observation] = []
    known: dict[Any, Observation] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(FETCH_SIZE):
            for unit_id, code, period_text, value in chunk:
                if value is None:
                    continue  # an empty stored value: missing, not a value
                if period_text != last_period:
                    last_period = period_text
                    known = by_period.setdefault(period_text, {})
                obs = known.get(value)
                if obs is None:
                    obs = _observation(period_text, value, periods)
                    if shared_count < SHARED_LIMIT:
                        known[value] = obs
                        shared_count += 1
                # Rows come in the table's order, which keeps a unit's rows together (as they
                # were written) except after later writes: a unit or an indicator met again is
                # looked up, never assumed new.
                if unit_id != last_unit:
                    last_unit, last_code = unit_id, None
                    units = grouped.get(unit_id)
                    if units is None:
                        if not filtered_in_sql and unit_id not in ids:
                            continue
                        units = grouped[unit_id] = InPeriodOrder()
                elif units is None:
                    continue
                if code != last_code:
                    last_code = code
                    found = units.get(code)
                    if found is None:
                        series = units[code] = [obs]
                        continue
                    series = found
                if obs.period.index <= series[-1].period.index:
                    unsorted.append(series)
                series.append(obs)
    for series in unsorted:
        series.sort(key=_in_order)
    return grouped


def _query_for(ids: set[int], set_code: str, as_of: Period) -> tuple[str, list, bool]:
    """The values query of these units (``_values_query``), and whether it names them; if not,
    rows of other units (in the id range, or of the whole set) come too, to be skipped."""
    id_range = _id_range(ids)
    filtered_in_sql = len(ids) <= IN_LIST_LIMIT or (id_range is None and len(ids) <= IN_LIST_MAX)
    sql, params = _values_query(set_code, as_of, sorted(ids) if filtered_in_sql else None, id_range)
    return sql, params, filtered_in_sql


def value_row_runs(
    unit_ids: Iterable[int], set_code: str, period: str | Period
) -> Iterator[tuple[int, list[tuple[int, str, str, Any]]]]:
    """The rows of ``_values_query`` (unit, indicator, period text, value key) of these units,
    as runs of one unit's rows in the table's order: not decoded, not grouped by indicator.

    Why: counting a country (``ntm.assessments.evaluation.summarize_units``) needs only each
    indicator's latest value key (``latest_value_keys``), whose verdict is decided once per
    distinct key (``ntm.criteria.latest``). The rows are split by unit in C (``groupby``), in
    small chunks that the caller evaluates while they are fresh in the processor's cache (the
    same work on a country's rows read first cost twice as much). A unit's rows mostly come in
    one run; a unit may come again in a later run (rows written later, or a run cut by the end
    of a chunk): the caller adds them up. Units without values never come.
    """
    ids = set(unit_ids)
    if not ids:
        return
    sql, params, filtered_in_sql = _query_for(ids, set_code, Period.parse(period))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(RUN_CHUNK):
            for unit_id, rows in groupby(chunk, _UNIT):
                if filtered_in_sql or unit_id in ids:
                    yield unit_id, list(rows)


def latest_value_keys(rows: list[tuple[int, str, str, Any]]) -> dict[str, Any]:
    """Each indicator's latest value key among one unit's rows (``value_row_runs``): the
    value ``observations_for_units`` puts last in its list, which the engine reads.

    One row per indicator (a country entered for one period) is a dictionary made in C. With
    several periods of an indicator the rows are put in period order first (a year before its
    December, ``_in_order``; the table's order among equal ones, as the stable sorts of
    ``observations_for_units`` keep it), and empty stored values are skipped, as there.
    """
    keys = dict(zip(map(_CODE, rows), map(_KEY, rows), strict=True))
    if len(keys) == len(rows):
        return keys  # an empty stored value alone: its key None, read as missing
    live = [row for row in rows if row[3] is not None]
    live.sort(key=_row_order)
    return dict(zip(map(_CODE, live), map(_KEY, live), strict=True))


_UNIT, _CODE, _KEY = itemgetter(0), itemgetter(1), itemgetter(3)
_ORDERS: dict[str, tuple[int, bool]] = {}


def _row_order(row: tuple[int, str, str, Any]) -> tuple[int, bool]:
    order = _ORDERS.get(row[2])
    if order is None:
        period = Period.parse(row[2])
        order = (period.index, period.month is not None)
        if len(_ORDERS) < SHARED_LIMIT:
            _ORDERS[row[2]] = order
    return order


def decode_value_key(value: Any) -> Any:
    """The value a value key of ``_values_query`` stands for (never None: an empty value)."""
    if isinstance(value, str):
        tag, rest = value[0], value[1:]
        return (
            NOT_APPLICABLE
            if tag == "n"
            else True
            if tag == "t"
            else False
            if tag == "f"
            else float(rest)
            if tag == "#"
            else rest
        )
    return float(value)  # SQLite may hand back a whole REAL as an int


def observations_for_set(
    unit_ids: Iterable[int], criteria_set: CriteriaSet, period: str | Period
) -> dict[int, InPeriodOrder]:
    """The values a set is evaluated on. A province's override (``base:``) reads the values
    entered for the national set it is based on and those entered under its own code (its
    added indicators, or a value given for the province's set), merged by period: the offices
    keep entering the national set's values after their province's set is activated."""
    if not criteria_set.base:
        return observations_for_units(unit_ids, criteria_set.code, period)
    ids = list(unit_ids)
    merged = observations_for_units(ids, criteria_set.base, period)
    for unit_id, own in observations_for_units(ids, criteria_set.code, period).items():
        values = merged.setdefault(unit_id, InPeriodOrder())
        for code, series in own.items():
            inherited = values.get(code)
            # Stable sort: at the same period the value given for the province's set wins.
            values[code] = sorted([*inherited, *series], key=_period_index) if inherited else series
    return merged


def _id_range(ids: set[int]) -> tuple[int, int] | None:
    """The lowest and highest of many unit ids when they lie close together (a province, the
    country), else None (``IN_LIST_LIMIT``)."""
    if len(ids) <= IN_LIST_LIMIT:
        return None
    low, high = min(ids), max(ids)
    return (low, high) if high - low + 1 <= RANGE_SPREAD * len(ids) else None


def _values_query(
    set_code: str,
    as_of: Period,
    unit_ids: list[int] | None,
    id_range: tuple[int, int] | None = None,
) -> tuple[str, list]:
    """The SELECT of every value of ``set_code`` up to ``as_of`` (of ``unit_ids`` if given, of
    the units whose id lies in ``id_range`` if given): unit, indicator, period and one value
    key per row.

    Why one key instead of the four value columns: the database folds them (a row holds one of
    "does not apply", a boolean, a number or a text) and returns a quarter of the objects, so
    reading a country costs little more than a plain SELECT of the same rows. The key is "n"
    (does not apply), "t"/"f" (a boolean), the number (as text after "#" on databases whose
    CASE must return one type), "s" + the text, or NULL for an empty value.

    Not ordered: an ORDER BY made PostgreSQL walk the unique index (set_code, unit,
    indicator_code, period) and visit the table row by row, 2-2.5x the server time of the plain
    scan a national read otherwise is. The rows come as the table keeps them, a unit's rows
    mostly together; ``observations_for_units`` groups them in any order.
    """
    meta = IndicatorValue._meta
    quote = connection.ops.quote_name

    def col(name: str) -> str:
        return quote(meta.get_field(name).column)

    number = col("value_number")
    if connection.vendor != "sqlite":
        number = f"'#' || CAST({number} AS TEXT)"
    value = (
        f"CASE WHEN {col('not_applicable')} THEN 'n' "
        f"WHEN {col('value_bool')} IS NOT NULL "
        f"THEN (CASE WHEN {col('value_bool')} THEN 't' ELSE 'f' END) "
        f"WHEN {col('value_number')} IS NOT NULL THEN {number} "
        f"WHEN {col('value_text')} <> '' THEN 's' || {col('value_text')} END"
    )
    where = f"{col('set_code')} = %s AND {col('period_index')} <= %s"
    params: list = [set_code, as_of.index]
    if unit_ids is not None:
        where += f" AND {col('unit')} IN ({', '.join(['%s'] * len(unit_ids))})"
        params.extend(unit_ids)
    elif id_range is not None:
        where += f" AND {col('unit')} BETWEEN %s AND %s"
        params.extend(id_range)
    sql = (
        f"SELECT {col('unit')}, {col('indicator_code')}, {col('period')}, {value} "
        f"FROM {quote(meta.db_table)} WHERE {where}"
    )
    return sql, params


def _observation(period_text: str, value: Any, periods: dict[str, Period]) -> Observation:
    """The observation a (period, value key) pair stands for (``_values_query``)."""
    period = periods.get(period_text)
    if period is None:
        period = periods[period_text] = Period.parse(period_text)
    return Observation(period, decode_value_key(value))


def _period_index(observation: Observation) -> int:
    return observation.period.index


def _in_order(observation: Observation) -> tuple[int, bool]:
    """Oldest first; a year before its December (the same index), as their texts sort, so the
    month entered for December is the one read as the latest, whatever order rows came in."""
    return observation.period.index, observation.period.month is not None


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


def values_under(unit: AdminUnit, set_codes: Iterable[str]) -> QuerySet[IndicatorValue]:
    """The stored values of ``set_codes`` for ``unit`` and its subtree.

    Why a subquery of unit ids: the values' unique index starts (set_code, unit), so the values
    are index seeks for the units the path index finds (``subtree_q`` is a range of it), where
    a join on the path scanned every value of the set (seconds with the whole country loaded),
    and a list of a province's ids as parameters cost more to build than the query."""
    units = AdminUnit.objects.filter(subtree_q(unit)).values("pk")
    return IndicatorValue.objects.filter(set_code__in=list(set_codes), unit_id__in=units)
