"""The report structures: the lowest layer of ``ntm.reports``.

The shapes every report is made of (review rows and groups, summary figures and rank, progress
points, summary sections) and their JSON, with no text. Why a layer of their own: the text
modules (``narrative``, ``programme_text``, ``summary_text_en``, ``progress_text``,
``lineage_text``) read them and the builders (``review``, ``summary``, ``progress``) make them
with that text; with the shapes below both, no module names one above it, not even for a type
annotation (import-linter checks ``TYPE_CHECKING`` imports too). The builders re-export every
name, so ``from ntm.reports.review import Review`` keeps working.
"""

from ntm.reports.structures.progress import (
    AGGREGATE_MARK_EN,
    AGGREGATE_MARK_VI,
    CARRIED_FORWARD_EN,
    CARRIED_FORWARD_VI,
    SERIES_LABELS,
    Progress,
)
from ntm.reports.structures.review import (
    CONTRACT_KEYS,
    CommuneEntry,
    CommuneRow,
    Group,
    Review,
    SetInfo,
    UnitRef,
    UnmetCriterion,
)
from ntm.reports.structures.sections import SummarySection
from ntm.reports.structures.summary import (
    COMMUNE_LEVELS,
    LADDER,
    PLACEHOLDERS,
    VILLAGE_LEVELS,
    Average,
    ProgrammeFigures,
    Rank,
    SiblingShare,
    Summary,
    SummarySets,
    UnitStanding,
    changes_between,
)

__all__ = [
    "AGGREGATE_MARK_EN",
    "AGGREGATE_MARK_VI",
    "CARRIED_FORWARD_EN",
    "CARRIED_FORWARD_VI",
    "COMMUNE_LEVELS",
    "CONTRACT_KEYS",
    "LADDER",
    "PLACEHOLDERS",
    "SERIES_LABELS",
    "VILLAGE_LEVELS",
    "Average",
    "CommuneEntry",
    "CommuneRow",
    "Group",
    "ProgrammeFigures",
    "Progress",
    "Rank",
    "Review",
    "SetInfo",
    "SiblingShare",
    "Summary",
    "SummarySection",
    "SummarySets",
    "UnitRef",
    "UnitStanding",
    "UnmetCriterion",
    "changes_between",
]
