"""The satisfaction-survey file of ``ntm import``: one household's answer on one content area
per row, header ``unit,survey,household,area,satisfied`` with optional ``reason``, ``date`` and
``households`` (the commune's number of households, for the coverage).

``unit`` is the commune or a village (thôn, bản) under it; ``survey`` names the round ("2023");
``area`` the content area (the criterion's number, or "chung" for the overall question);
``satisfied`` is "hài lòng" / "chưa hài lòng" (or yes/no, 1/0). All or nothing; the same
household, area and round twice is a bad row; importing the same file again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from ntm.imports.records import RecordContext, RecordKind, RecordRow, WriteCounts
from ntm.imports.rows import RowError
from ntm.recognition.models import SatisfactionSurvey, SurveyResponse
from ntm.textnorm import normalize_text
from ntm.units.models import AdminUnit

ANSWERS = {
    "hài lòng": True,
    "chưa hài lòng": False,
    "không hài lòng": False,
    "satisfied": True,
    "not-satisfied": False,
    "có": True,
    "không": False,
    "yes": True,
    "no": False,
    "1": True,
    "0": False,
}
MSG_NOT_COMMUNE = "Đơn vị lấy ý kiến phải là xã hoặc thôn, bản của xã, không phải {unit}"
MSG_DUPLICATE = "Hộ {household}, nội dung {area}, đợt {survey} đã có ở dòng {first}"
MSG_REASON_NEEDED = "Hộ chưa hài lòng: cần ghi lý do (cột reason)"


@dataclass(frozen=True, slots=True)
class Answer:
    commune_id: int
    village_id: int | None
    survey: str
    household: str
    area: str
    satisfied: bool
    reason: str
    date: date | None
    households: int | None


def check_row(row: RecordRow, ctx: RecordContext) -> Answer | None:
    when = row.date("date", required=False)
    unit_id = ctx.unit(row, "unit", on=when)
    survey = row.required("survey")
    household = row.required("household")
    area = row.required("area")
    satisfied = row.choice("satisfied", ANSWERS)
    households = row.number("households", required=False, integer=True, minimum=1)
    reason = row.optional("reason")
    commune_id = village_id = None
    if unit_id is not None:
        unit = _unit(ctx, unit_id)
        if unit.level == "village" and unit.parent_id is not None:
            commune_id, village_id = unit.parent_id, unit.pk
        elif unit.level == "commune":
            commune_id = unit.pk
        else:
            row.fail("unit", MSG_NOT_COMMUNE.format(unit=unit))
    if satisfied is False and not reason:
        row.fail("reason", MSG_REASON_NEEDED)
    if row.problems or None in (commune_id, survey, household, area, satisfied):
        return None
    return Answer(
        commune_id,  # type: ignore[arg-type]
        village_id,
        survey,  # type: ignore[arg-type]
        household,  # type: ignore[arg-type]
        normalize_text(area),
        bool(satisfied),
        reason,
        when,
        int(households) if households else None,
    )


def _unit(ctx: RecordContext, unit_id: int) -> AdminUnit:
    """The unit, read once per import (a file has thousands of rows for a few villages)."""
    seen: dict[int, AdminUnit] = ctx.__dict__.setdefault("_survey_units", {})
    if unit_id not in seen:
        seen[unit_id] = AdminUnit.objects.get(pk=unit_id)
    return seen[unit_id]


def check_file(checked: list[tuple[RecordRow, Answer]], ctx: RecordContext) -> list[RowError]:
    first: dict[tuple, int] = {}
    problems = []
    for row, a in checked:
        key = (a.commune_id, a.survey, normalize_text(a.household), a.area)
        if key in first:
            message = MSG_DUPLICATE.format(
                household=a.household, area=a.area, survey=a.survey, first=first[key]
            )
            problems.append(RowError(row.row, "household", message, row.sheet))
        else:
            first[key] = row.row
    return problems


@transaction.atomic
def do_record_answers(answers: list[Answer], *, author: object = None) -> WriteCounts:
    """Store the answers (one row per household and area); created / updated / unchanged."""
    counts = WriteCounts()
    rounds: dict[tuple[int, str], SatisfactionSurvey] = {}
    for a in answers:
        survey = rounds.get((a.commune_id, a.survey))
        if survey is None:
            survey, _ = SatisfactionSurvey.objects.get_or_create(
                unit_id=a.commune_id, code=a.survey
            )
            rounds[(a.commune_id, a.survey)] = survey
        changed = False
        if a.date and survey.date != a.date:
            survey.date, changed = a.date, True
        if a.households and survey.households != a.households:
            survey.households, changed = a.households, True
        if changed:
            _by(survey, author)
            survey.save()
        stored = SurveyResponse.objects.filter(
            survey=survey, household=a.household, area=a.area
        ).first()
        wanted = {"village_id": a.village_id, "satisfied": a.satisfied, "reason": a.reason}
        if stored is not None and all(getattr(stored, k) == v for k, v in wanted.items()):
            counts.unchanged += 1
            continue
        if stored is None:
            stored = SurveyResponse(survey=survey, household=a.household, area=a.area)
            counts.created += 1
        else:
            counts.updated += 1
        for key, value in wanted.items():
            setattr(stored, key, value)
        _by(stored, author)
        stored.save()
    return counts


def _by(record: object, author: object) -> None:
    if getattr(author, "pk", None) is not None:
        record._history_user = author  # type: ignore[attr-defined]


def write(records: list[Answer], ctx: RecordContext) -> WriteCounts:
    return do_record_answers(records, author=ctx.author)


SURVEY_KIND = RecordKind(
    name="satisfaction",
    label="phiếu lấy ý kiến sự hài lòng",
    required=("unit", "survey", "household", "area", "satisfied"),
    optional=("reason", "date", "households"),
    check_row=check_row,
    write=write,
    check_file=check_file,
)
