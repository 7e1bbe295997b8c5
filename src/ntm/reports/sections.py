"""Sections a summary gains from the apps that hold other records (design.md §10).

Pure: a section is built by the database side (``ntm.reportsdata.sections``) from an app's
records and handed to ``build_summary``; the summary puts its JSON under ``key``, its sentences
into the narrative, and its rows into the tables, after the figures computed from the engine's
results. Why a protocol and not fields on ``Summary``: recognitions, OCOP, funds, outputs and
awards each live in their own app, and each adds its section without touching the others.

The protocol itself lives in ``ntm.reports.structures.sections`` (the lowest layer: a
``Summary`` holds its sections); this module keeps the name design.md gives it.
"""

from ntm.reports.structures.sections import SummarySection

__all__ = ["SummarySection"]
