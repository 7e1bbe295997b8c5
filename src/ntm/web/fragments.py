"""Rendered page parts kept in Django's cache, keyed by a digest of everything they are drawn
from: the pages' names for ``ntm.reportsdata.cache`` (where the mechanism and its reasons are;
the report figures use it too)."""

from ntm.reportsdata.cache import (
    ALIAS,
    REVISION,
    cached,
    content,
    digest,
    enabled,
    stored_rows,
    units_version,
)

__all__ = [
    "ALIAS",
    "REVISION",
    "cached",
    "content",
    "digest",
    "enabled",
    "stored_rows",
    "units_version",
]
