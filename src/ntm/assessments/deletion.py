"""Removing a stored value (``do_delete_value``): the value goes, its history stays.

A separate module from ``services`` so the API can remove what it can create. The history row
of the removal ("-") names who removed it and why, written in the same transaction.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from ntm.assessments.evidence import delete_files_after_commit
from ntm.assessments.hooks import has_listeners, values_written
from ntm.assessments.models import IndicatorValue
from ntm.assessments.parsing import CHANGE_REASON_MAX
from ntm.assessments.services import ValueConflict
from ntm.criteria.inputs import Period


@transaction.atomic
def do_delete_value(
    *, value: IndicatorValue, author: Any, expected_version: int, reason: str = ""
) -> None:
    """Delete ``value`` if it is still at ``expected_version`` (else ``ValueConflict``, nothing
    changes).

    Its evidence rows go with it, and their files once the deletion has committed (the history
    row of the value keeps what it was; a backup taken before keeps the files).
    """
    current = IndicatorValue.objects.select_for_update().filter(pk=value.pk).first()
    if current is None or current.version != expected_version:
        raise ValueConflict(current)
    current._history_user = author if getattr(author, "pk", None) else None
    current._change_reason = (reason or "delete")[:CHANGE_REASON_MAX]
    evidence = list(current.evidence.all())
    current.delete()
    # Removing a value changes it: the listeners hear of it like of a write (a locked unit under
    # appraisal refuses it with a ``ValueParseError``, and the removal is rolled back).
    if has_listeners():
        values_written([(current.unit_id, current.set_code, Period.read(current.period))], author)
    delete_files_after_commit(evidence)
