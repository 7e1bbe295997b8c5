"""Figures and rendered page parts kept in Django's cache, keyed by everything they are drawn
from (``ntm.web.fragments`` for the pages; ``figures.figures_for`` here).

Why: with the whole country loaded, most of a page's time is spent turning the same figures
into the same HTML or JSON again (a commune page's three sets are 130 kB of rows; a province's
review is 440 kB). A part is cached under a digest of its inputs as stored: the rows it is
computed from (units, stored results, values, decisions: every column, digested in the database
by ``content``), the rules' fingerprint (``set_digest``), the language and the part's own
revision. A write changes an input, so the next request finds no entry under the new key: a hit
is correct by construction, and nothing has to be invalidated (old entries age out of the
bounded cache).

The cache is the ``pages`` alias of ``settings.CACHES`` (local memory, bounded; see README,
"Page cache"); ``NTM_PAGE_CACHE=0`` turns it off.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.db.models import QuerySet
from django.utils.translation import get_language

from ntm.assessments import levels_version
from ntm.assessments.models import StoredResult
from ntm.assessments.stored import stored_ladders, stored_results
from ntm.criteria.compact import set_digest
from ntm.criteria.inputs import Period
from ntm.criteria.registry import Registry
from ntm.units.models import AdminUnit
from ntm.units.selectors import subtree

T = TypeVar("T")

ALIAS = "pages"
# Bump when a cached part's template or shape changes: old entries then never match.
REVISION = "3"


def digest(parts: Iterable[Any]) -> str:
    """A short stable digest of ``parts`` (their ``repr``, in order)."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(repr(part).encode())
        h.update(b"\x1f")
    return h.hexdigest()


def content(queryset: QuerySet, columns: Sequence[str]) -> str:
    """A digest of the stored content of ``columns`` (field names of the queryset's model) over
    ``queryset``'s rows, made in the database: each row's columns quoted as SQL literals (NULL
    apart from ''), rows joined. Rows in another order give another digest (a miss, never a
    wrong hit).

    Why in SQL: a cache key needs what is stored, and building Python objects for a province's
    thousand rows costs more than what the cache saves."""
    sql, params = queryset.values_list(*columns).query.sql_with_params()
    names = [f"c{i}" for i in range(len(columns))]
    with_t = f"WITH t({', '.join(names)}) AS ({sql})"
    if connection.vendor == "postgresql":
        row = " || ',' || ".join(f"quote_nullable(t.{n}::text)" for n in names)
        outer = f"{with_t} SELECT md5(string_agg({row}, ';')) FROM t"
    else:
        row = " || ',' || ".join(f"quote(t.{n})" for n in names)
        outer = f"{with_t} SELECT group_concat({row}, ';') FROM t"
    with connection.cursor() as cursor:
        cursor.execute(outer, params)
        found = cursor.fetchone()[0]
    return digest([found])


def enabled() -> bool:
    return bool(getattr(settings, "NTM_PAGE_CACHE", True)) and ALIAS in settings.CACHES


def cached(
    kind: str,
    parts: Iterable[Any] | Callable[[], Iterable[Any]],
    build: Callable[[], T],
    keep: Callable[[T], bool] | None = None,
) -> T:
    """The part ``kind`` for ``parts`` from the cache, or ``build()`` stored under them.

    ``parts`` must name every input the part is drawn from; the active language and
    ``REVISION`` are added here. Given as a function, the parts are read again after a build
    and the part is kept only if they did not change: a build that computed stored results
    missing when the key was read (``stored_results`` computes them from the values, which the
    key does not name) drew on more than the key says, and is not kept; the next request, with
    every row stored, keys and keeps it. ``keep``: whether a built part may be kept (a part
    that drew on more than its key names says so)."""
    if not enabled():
        return build()
    read = parts if callable(parts) else None
    key = _key(kind, read() if read else parts)
    cache = caches[ALIAS]
    found = cache.get(key)
    if found is not None:
        return found
    value = build()
    if keep is not None and not keep(value):
        return value
    if read is None or _key(kind, read()) == key:
        cache.set(key, value)
    return value


def _key(kind: str, parts: Iterable[Any]) -> str:
    return f"ntm:{kind}:{digest([REVISION, get_language() or '', *parts])}"


UNIT_COLUMNS = tuple(f.name for f in AdminUnit._meta.concrete_fields)
STORED_COLUMNS = tuple(f.name for f in StoredResult._meta.concrete_fields)
# The units whose values a programme's figures read (``figures.dated_values``, the standings).
FIGURE_LEVELS = ("commune", "village")


def figures_inputs(
    unit: AdminUnit, period: Period, set_codes: Iterable[str], registry: Registry
) -> list[Any]:
    """What ``figures.figures_for`` (of the unit itself, not its predecessors) is computed from,
    as stored: the communes and villages under the unit, their stored results at the period for
    the summary's sets, those sets' rules.

    The units by the levels version (``levels_version``: any change to the units table moves
    it, by a trigger), where a digest of a province's units cost 8-10 ms; the stored rows by
    their ids and times, where a digest of every column cost 15-20 ms: a stored row is never
    updated in place (``refresh_rows`` deletes and inserts), so its id stands for its content,
    and its time tells it from a row of a rolled-back transaction that had the same id (SQLite
    gives a rolled-back id again: a what-if's trial rows would otherwise key the real ones).

    Which values are dated in the period is not read (15-25 ms): figures are kept only when
    every commune and village under the unit has stored rows at the period
    (``cover_figures_rows``), and then a value written or removed for any of them at or before
    the period replaces or removes its rows there (``ntm.assessments.propagate``), which
    changes this key."""
    codes = sorted(set_codes)
    under = subtree(unit).filter(level__in=FIGURE_LEVELS)
    # In the order the plan reads them (no sort): another order is another key, a miss.
    stored = StoredResult.objects.filter(
        period=str(period), set_code__in=codes, unit__in=under.values("pk")
    ).order_by()
    return [
        unit.pk,
        str(period),
        [(code, set_digest(registry.get(code))) for code in codes],
        levels_version.current(),
        content(stored, ("pk", "computed_at")),
    ]


def cover_figures_rows(
    unit: AdminUnit,
    period: Period,
    registry: Registry,
    villages_by_set: Callable[[list[AdminUnit]], dict[str, list[AdminUnit]]],
) -> bool:
    """True when every commune and village under ``unit`` has a stored row at ``period`` (a
    village without a set, in a province that issued none, has none to have); else computes
    rows for those without (their ladder, or their village set: ``villages_by_set`` groups
    them), so that the next request may keep the figures, and returns False (figures drawn now
    are not kept)."""
    under = subtree(unit).filter(level__in=FIGURE_LEVELS)
    held = set(
        StoredResult.objects.filter(period=str(period), unit__in=under.values("pk"))
        .values_list("unit_id", flat=True)
        .distinct()
    )
    missing = [u for u in under.order_by() if u.pk not in held]
    communes = [u for u in missing if u.level == "commune"]
    villages = villages_by_set([u for u in missing if u.level == "village"])
    if not communes and not villages:
        return True
    if communes:
        stored_ladders(communes, period, registry)
    for code, group in villages.items():
        stored_results(group, code, period, registry)
    return False
