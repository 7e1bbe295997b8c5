"""The data-entry form: rows laid out like the official criteria table, and saving them.

Why apart from the view: the rows combine the set, the unit's resolved thresholds, the values
stored for exactly this period and the user's rights; saving must check every row first, then
write every changed value in one transaction with the optimistic lock, so either all of the
user's changes land or none does and the user's input comes back intact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

from ntm.assessments.evaluation import evaluate_unit
from ntm.assessments.evidence import (
    MSG_EVIDENCE_NO_VALUE,
    CheckedUpload,
    EvidenceRejected,
    check_upload,
    do_attach_evidence,
)
from ntm.assessments.models import IndicatorValue
from ntm.assessments.parsing import ValueParseError, check_note, parse_value
from ntm.assessments.services import (
    EntriesConflict,
    EntriesRejected,
    Entry,
    do_set_entries,
)
from ntm.criteria.inputs import Period
from ntm.criteria.model import CriteriaSet, Criterion, Indicator
from ntm.criteria.results import CriterionResult, IndicatorResult, UnitResult
from ntm.criteria.validity import PeriodOutsideSet, check_period_in_set
from ntm.units.models import AdminUnit

MSG_SAVED = gettext_noop("Đã lưu {n} thay đổi.")
MSG_NOTHING_CHANGED = gettext_noop("Không có thay đổi nào để lưu.")
MSG_FIX_ERRORS = gettext_noop("Chưa lưu: có {n} ô cần sửa (xem các dòng được đánh dấu đỏ).")
MSG_CONFLICT = gettext_noop(
    "Chưa lưu: {n} giá trị vừa được người khác thay đổi trong lúc bạn nhập. Số liệu bạn nhập vẫn "
    "còn nguyên trong biểu mẫu; hãy xem giá trị mới ở từng dòng được đánh dấu rồi bấm Lưu lại nếu "
    "vẫn muốn ghi đè."
)


def parse_error_text(error: ValueParseError) -> str:
    """The parser's message in the page's language (it carries both)."""
    return error.message_en if (get_language() or "vi").startswith("en") else error.message


def field_key(code: str) -> str:
    """A form-field suffix for an indicator code ("17.1" -> "17_1"), safe in ids and selectors."""
    return code.replace(".", "_")


@dataclass
class EntryRow:
    indicator: Indicator
    result: IndicatorResult
    stored: IndicatorValue | None
    editable: bool
    raw: str = ""
    note: str = ""
    version: int = 0
    original_raw: str = ""
    original_note: str = ""
    error: str = ""
    conflict: IndicatorValue | None = None

    @property
    def key(self) -> str:
        return field_key(self.indicator.code)

    @property
    def computed(self) -> bool:
        return self.indicator.aggregate is not None

    @property
    def changed(self) -> bool:
        """Did the user change this row, compared with what their form started from?

        Compared with the posted originals, not with the database: a row the user left alone
        must not conflict because someone else saved it meanwhile.
        """
        return self.raw != self.original_raw or self.note != self.original_note


@dataclass
class EntrySection:
    criterion: Criterion
    result: CriterionResult | None = None
    rows: list[EntryRow] = field(default_factory=list)


@dataclass
class EntryForm:
    unit: AdminUnit
    criteria_set: CriteriaSet
    period: Period
    result: UnitResult
    sections: list[EntrySection]

    @property
    def rows(self) -> list[EntryRow]:
        return [row for section in self.sections for row in section.rows]

    @property
    def editable(self) -> bool:
        return any(row.editable for row in self.rows)


def build_form(
    unit: AdminUnit, criteria_set: CriteriaSet, period: Period, editable_criteria: set[int] | None
) -> EntryForm:
    """The form as stored now: ``editable_criteria`` None means every criterion may be edited."""
    result = evaluate_unit(unit, criteria_set.code, period)
    stored = {
        v.indicator_code: v
        for v in IndicatorValue.objects.filter(
            unit=unit, set_code=criteria_set.code, period=str(period)
        )
        .select_related("author")
        .prefetch_related("evidence")
    }
    results = {r.code: r for r in result.indicators}
    criterion_results = {c.number: c for c in result.criteria}
    sections = []
    for criterion in criteria_set.criteria:
        may_edit = editable_criteria is None or criterion.number in editable_criteria
        section = EntrySection(criterion, criterion_results.get(criterion.number))
        for indicator in criterion.indicators:
            value = stored.get(indicator.code)
            section.rows.append(
                EntryRow(
                    indicator=indicator,
                    result=results[indicator.code],
                    stored=value,
                    editable=may_edit and indicator.aggregate is None,
                    raw=value.raw if value else "",
                    note=value.note if value else "",
                    version=value.version if value else 0,
                    original_raw=value.raw if value else "",
                    original_note=value.note if value else "",
                )
            )
        sections.append(section)
    return EntryForm(unit, criteria_set, period, result, sections)


def _version(text: str | None) -> int:
    try:
        return max(int(text or 0), 0)
    except ValueError:
        return 0


def bind(form: EntryForm, data: QueryDict, files: MultiValueDict) -> dict[str, list[CheckedUpload]]:
    """Put the posted input on the rows and check it; returns the checked uploads by key."""
    uploads: dict[str, list[CheckedUpload]] = {}
    period_error = _period_error(form)
    for row in form.rows:
        if not row.editable:
            continue
        row.raw = data.get(f"v-{row.key}", "").strip()
        row.note = data.get(f"n-{row.key}", "").strip()
        row.version = _version(data.get(f"ver-{row.key}"))
        row.original_raw = data.get(f"o-{row.key}", "").strip()
        row.original_note = data.get(f"on-{row.key}", "").strip()
        try:
            parse_value(row.indicator, row.raw)
            check_note(row.note)
            if period_error is not None and row.changed:
                raise period_error
        except ValueParseError as error:
            row.error = parse_error_text(error)
            continue
        for upload in files.getlist(f"f-{row.key}"):
            try:
                uploads.setdefault(row.key, []).append(check_upload(upload))
            except EvidenceRejected as error:
                row.error = error.message
        if uploads.get(row.key) and not row.raw and row.stored is None:
            row.error = _(MSG_EVIDENCE_NO_VALUE).format(code=row.indicator.code)
    return uploads


class EntryConflict(Exception):
    """Some rows moved on since the form was read; nothing was saved."""


def _period_error(form: EntryForm) -> ValueParseError | None:
    """The writers' refusal of a period the set takes no values for (``criteria.validity``),
    found before saving so that the row says it (the page itself only warns)."""
    try:
        check_period_in_set(form.criteria_set, form.period)
    except PeriodOutsideSet as exc:
        return ValueParseError(exc.message, exc.message_en)
    return None


def save(form: EntryForm, uploads: dict[str, list[CheckedUpload]], user: Any) -> int:
    """Write every changed row and its evidence in one transaction; the number of changes.

    Raises ``EntryConflict`` (rows marked with the current value) and writes nothing when any
    row was changed by someone else since the user's version.
    """
    changed = [r for r in form.rows if r.editable and r.changed]
    conflicts: list[EntryRow] = []
    with_files = [r for r in form.rows if r.editable and uploads.get(r.key)]
    try:
        with transaction.atomic():
            # The changed values in one write: the stored results refreshed once per form.
            try:
                written = do_set_entries(
                    unit=form.unit,
                    set_code=form.criteria_set.code,
                    period=form.period,
                    entries=[Entry(r.indicator.code, r.raw, r.note, r.version) for r in changed],
                    source="form",
                    author=user,
                )
            except EntriesConflict as exc:
                for row in changed:
                    conflict = exc.conflicts.get(row.indicator.code)
                    if conflict is not None:
                        row.conflict = conflict.current or _current(form, row)
                        conflicts.append(row)
                raise EntryConflict() from None
            except EntriesRejected as exc:  # bind() checked every value: a listener's refusal
                raise exc.errors[0][1] from None
            changes = len(changed)
            for row in with_files:
                value = written.get(row.indicator.code, row.stored)
                for checked in uploads.get(row.key, []):
                    do_attach_evidence(value=value, checked=checked, user=user)
                    changes += 1
    except EntryConflict:
        # The next submit starts from the value now stored: saving again is a deliberate overwrite.
        for row in conflicts:
            if row.conflict is not None:
                row.version, row.original_raw, row.original_note = (
                    row.conflict.version,
                    row.conflict.raw,
                    row.conflict.note,
                )
        raise
    return changes


def _current(form: EntryForm, row: EntryRow) -> IndicatorValue | None:
    return IndicatorValue.objects.filter(
        unit=form.unit,
        set_code=form.criteria_set.code,
        indicator_code=row.indicator.code,
        period=str(form.period),
    ).first()
