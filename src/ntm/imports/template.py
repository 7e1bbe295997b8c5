"""Writing the XLSX wide template (``ntm template``): pure, no database.

What an office fills in by hand today, laid out so the importer reads it back: one sheet per
set, criteria as merged headings, indicator codes, names and the requirement for these units,
a row per unit, drop-downs "Đạt/Chưa đạt" for yes/no indicators, frozen headings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ntm.criteria.inputs import Period, UnitProfile
from ntm.criteria.model import CriteriaSet, Indicator
from ntm.criteria.registry import Registry
from ntm.criteria.thresholds import Context, resolve
from ntm.imports.xlsx_layout import (
    BOOLEAN_CHOICES,
    FIRST_INDICATOR_COLUMN,
    LABEL_CODE,
    LABEL_CRITERION,
    LABEL_INDICATOR_NAME,
    LABEL_NAME,
    LABEL_PERIOD,
    LABEL_REQUIREMENT,
    LABEL_SCOPE,
    LABEL_SET,
    PERIOD_HINT,
    ROW_CODES,
    ROW_CRITERIA,
    ROW_PERIOD,
    ROW_SCOPE,
    ROW_SET,
    ROWS_AFTER_CODES,
)
from ntm.reports.render.cells import neutralise_formulas
from ntm.textnorm import format_number_vi

OP_TEXT = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "=", "in": "một trong"}
MSG_NO_THRESHOLD = "chưa xác định"
MSG_BOOLEAN_PROMPT = "Chọn Đạt hoặc Chưa đạt"
HEADING_FILL = PatternFill("solid", fgColor="DDEBF7")
# A pre-filled value from an earlier period than the template's: grey, with the period in a
# comment, so the office sees it is carried over and confirms or corrects it.
EARLIER_FILL = PatternFill("solid", fgColor="EDEDED")
EARLIER_FONT = Font(italic=True, color="555555")
MSG_EARLIER = "Số liệu kỳ {period}: nhập lại tệp sẽ ghi giá trị này cho kỳ {target}."
MSG_NOTE = "Ghi chú: {note}"
COMMENT_AUTHOR = "ntm"
MAX_SHEET_TITLE = 31


@dataclass(frozen=True, slots=True)
class PrefillValue:
    """A stored value to pre-fill: what the office entered (``raw`` or the number), its note
    and the period it was entered for."""

    raw: str
    number: float | None = None
    note: str = ""
    period: str = ""


@dataclass(frozen=True, slots=True)
class TemplateUnit:
    """A row of the template: the unit's code and name, the profile choosing thresholds, and
    (pre-filled templates) its current values per set and indicator."""

    code: str
    name: str
    profile: UnitProfile
    values: Mapping[str, Mapping[str, PrefillValue]] = field(default_factory=dict)


def requirement_text(
    indicator: Indicator, profiles: Sequence[UnitProfile], year: int, registry: Registry | None
) -> str:
    """The threshold these units must reach, e.g. "≥ 90%"; one per region or group when they
    differ."""
    if indicator.op == "is_true":
        return BOOLEAN_CHOICES[0]
    by_context: dict[str, str] = {}
    for profile in profiles or [UnitProfile(code="")]:
        ctx = Context.of(profile, year)
        label = ", ".join(
            p for p in (ctx.region_reason, f"nhóm {ctx.group}" if ctx.group else "") if p
        )
        if label not in by_context:
            by_context[label] = _threshold_text(indicator, resolve(indicator, ctx, registry).value)
    texts = list(dict.fromkeys(by_context.values()))
    if len(texts) == 1:
        return texts[0]
    return "; ".join(f"{label}: {text}" for label, text in by_context.items())


def _threshold_text(indicator: Indicator, value: Any) -> str:
    if value is None:
        return MSG_NO_THRESHOLD
    op = OP_TEXT.get(indicator.op, indicator.op)
    if isinstance(value, list | tuple | set | frozenset):
        shown = ", ".join(str(v) for v in value)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        shown = format_number_vi(float(value))
    else:
        shown = str(value)
    unit = indicator.unit if indicator.unit in ("", "%") else f" {indicator.unit}"
    return f"{op} {shown}{unit}"


def write_template(
    path: str | Path,
    sets: Sequence[CriteriaSet],
    units: Sequence[TemplateUnit],
    period: Period | str,
    *,
    scope: str = "",
    registry: Registry | None = None,
) -> Path:
    """Write the template for ``units`` and each of ``sets`` to ``path`` (one sheet per set)."""
    period = Period.parse(period)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for criteria_set in sets:
        _write_sheet(workbook, criteria_set, units, period, scope, registry)
    path = Path(path)
    neutralise_formulas(workbook)  # a unit named "=…" stays a name
    workbook.save(path)
    return path


def _write_sheet(
    workbook, criteria_set: CriteriaSet, units, period: Period, scope: str, registry
) -> None:
    ws = workbook.create_sheet(criteria_set.code[:MAX_SHEET_TITLE])
    bold = Font(bold=True)
    ws.cell(ROW_SET, 1, LABEL_SET).font = bold
    ws.cell(ROW_SET, 2, criteria_set.code)
    ws.cell(ROW_SET, 3, criteria_set.name).font = bold
    ws.cell(ROW_PERIOD, 1, LABEL_PERIOD).font = bold
    period_cell = ws.cell(ROW_PERIOD, 2, str(period))
    period_cell.number_format = "@"
    ws.cell(ROW_PERIOD, 3, PERIOD_HINT)
    ws.cell(ROW_SCOPE, 1, LABEL_SCOPE).font = bold
    ws.cell(ROW_SCOPE, 2, scope)
    ws.cell(ROW_CRITERIA, 1, LABEL_CRITERION).font = bold
    for column, label in ((1, LABEL_CODE), (2, LABEL_NAME)):
        ws.cell(ROW_CODES, column, label).font = bold
    ws.cell(ROW_CODES + 1, 2, LABEL_INDICATOR_NAME).font = bold
    ws.cell(ROW_CODES + 2, 2, LABEL_REQUIREMENT).font = bold
    first_data_row = ROW_CODES + ROWS_AFTER_CODES + 1
    last_data_row = first_data_row + max(len(units), 1) - 1
    profiles = [u.profile for u in units]
    boolean_ranges: list[str] = []
    column = FIRST_INDICATOR_COLUMN
    for criterion in criteria_set.criteria:
        entered = [i for i in criterion.indicators if i.aggregate is None]
        if not entered:
            continue
        heading = ws.cell(ROW_CRITERIA, column, f"{criterion.number}. {criterion.name}")
        heading.font = bold
        heading.alignment = Alignment(wrap_text=True, vertical="top")
        if len(entered) > 1:
            ws.merge_cells(
                start_row=ROW_CRITERIA,
                start_column=column,
                end_row=ROW_CRITERIA,
                end_column=column + len(entered) - 1,
            )
        for indicator in entered:
            letter = get_column_letter(column)
            code_cell = ws.cell(ROW_CODES, column, indicator.code)
            code_cell.number_format = "@"
            code_cell.font = bold
            ws.cell(ROW_CODES + 1, column, indicator.name).alignment = Alignment(
                wrap_text=True, vertical="top"
            )
            ws.cell(
                ROW_CODES + 2, column, requirement_text(indicator, profiles, period.year, registry)
            ).alignment = Alignment(wrap_text=True, vertical="top")
            ws.column_dimensions[letter].width = 16
            if indicator.kind == "boolean":
                boolean_ranges.append(f"{letter}{first_data_row}:{letter}{last_data_row}")
            column += 1
    for row_number in range(ROW_CRITERIA, ROW_CODES + ROWS_AFTER_CODES + 1):
        for c in range(1, column):
            ws.cell(row_number, c).fill = HEADING_FILL
    ws.row_dimensions[ROW_CODES + 1].height = 90
    ws.row_dimensions[ROW_CRITERIA].height = 30
    columns = {ws.cell(ROW_CODES, c).value: c for c in range(FIRST_INDICATOR_COLUMN, column)}
    for offset, unit in enumerate(units):
        code_cell = ws.cell(first_data_row + offset, 1, unit.code)
        code_cell.number_format = "@"
        ws.cell(first_data_row + offset, 2, unit.name)
        _prefill_row(
            ws, first_data_row + offset, columns, unit.values.get(criteria_set.code, {}), period
        )
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 28
    if boolean_ranges:
        validation = DataValidation(
            type="list",
            formula1='"' + ",".join(BOOLEAN_CHOICES) + '"',
            allow_blank=True,
            prompt=MSG_BOOLEAN_PROMPT,
            showDropDown=False,
        )
        for cell_range in boolean_ranges:
            validation.add(cell_range)
        ws.add_data_validation(validation)
    ws.freeze_panes = ws.cell(first_data_row, FIRST_INDICATOR_COLUMN)


def _prefill_row(
    ws, row: int, columns: Mapping[str, int], values: Mapping[str, PrefillValue], period: Period
) -> None:
    """Current values in the unit's row: numbers as numbers (Excel sums them), the rest as
    entered; notes and earlier periods in the cell's comment (the importer reads values only,
    so a note survives the round trip unchanged)."""
    for code, value in values.items():
        column = columns.get(code)
        if column is None:
            continue
        cell = ws.cell(
            row,
            column,
            value.number
            if value.number is not None and not value.raw.strip().endswith("%")
            else value.raw,
        )
        remarks = []
        if value.period and value.period != str(period):
            cell.fill, cell.font = EARLIER_FILL, EARLIER_FONT
            remarks.append(MSG_EARLIER.format(period=value.period, target=period))
        if value.note:
            remarks.append(MSG_NOTE.format(note=value.note))
        if remarks:
            cell.comment = Comment("\n".join(remarks), COMMENT_AUTHOR, width=260, height=110)
