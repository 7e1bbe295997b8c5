"""Sections a summary gains from the apps that hold other records (design.md §10).

The protocol lives in the structures layer (``Summary`` holds sections); it stays importable
from ``ntm.reports.sections`` as design.md names it.

Pure: a section is built by the database side (``ntm.reportsdata.sections``) from an app's
records and handed to ``build_summary``; the summary puts its JSON under ``key``, its sentences
into the narrative, and its rows into the tables, after the figures computed from the engine's
results. Why a protocol and not fields on ``Summary``: recognitions, OCOP, funds, outputs and
awards each live in their own app, and each adds its section without touching the others.
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable


@runtime_checkable
class SummarySection(Protocol):
    """One block of a summary.

    ``key``: the summary JSON key ("recognised", "ocop", "funds"…). ``replaces``: the
    placeholders (``summary.PLACEHOLDERS``) this section fills, so "chưa có dữ liệu" is no longer
    printed for them. ``lines(lang)``: sentences for the narrative ("vi" or "en"). ``rows(lang)``:
    table rows ``[label, unit of measure, earlier, now, change]`` (None for an empty cell).
    """

    key: str
    replaces: tuple[str, ...]

    def to_json(self) -> Any: ...

    def lines(self, lang: str) -> list[str]: ...

    def rows(self, lang: str) -> list[list[Any]]: ...
