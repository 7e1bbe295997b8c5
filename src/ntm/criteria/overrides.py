"""Province override files: a national set with thresholds replaced and criteria added.

Why a separate step: provinces issue their own sets on top of the national ones (stricter
thresholds, extra criteria). Keeping the national file untouched and applying a small override
file keeps provenance clear: every changed rule names the provincial decision behind it.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from ntm.criteria.loader import (
    CriteriaFileError,
    FileContext,
    build_criteria,
    build_dimensions,
    build_indicator,
    build_threshold,
    check_dimensions,
    periods_from,
    set_verified,
)
from ntm.criteria.model import CriteriaSet, Criterion

MSG_BAD_DATE = 'phải là một ngày dạng YYYY-MM-DD, không phải "{value}"'
MSG_BAD_ERA = 'phải là "2008" (trước 1/7/2025) hoặc "2025" (từ 1/7/2025), không phải "{value}"'
ERAS = ("2008", "2025")
OVERRIDABLE = ("threshold", "op", "source", "verified", "note", "name")


def is_override(data: dict[str, Any]) -> bool:
    return bool(data.get("base"))


def apply_override(base: CriteriaSet, data: dict[str, Any], file: str) -> CriteriaSet:
    """Return a new set: ``base`` with the file's overrides and additions applied."""
    ctx = FileContext(file)
    dimensions = build_dimensions(ctx, data.get("dimensions"), base.dimensions)
    ctx.threshold_by = base.threshold_by
    code = str(ctx.require(data, "code", ""))
    criteria = list(base.criteria)
    codes = {i.code for i in base.indicators}
    for ind_code, changes in (data.get("overrides") or {}).items():
        ind_code = str(ind_code)
        path = f"overrides.{ind_code}"
        if ind_code not in codes:
            raise ctx.fail(path, f'bộ "{base.code}" không có chỉ tiêu "{ind_code}"')
        if not isinstance(changes, dict):
            raise ctx.fail(path, "phải là một mapping")
        unknown = set(changes) - set(OVERRIDABLE)
        if unknown:
            raise ctx.fail(path, f"không thay được trường: {', '.join(sorted(unknown))}")
        criteria = [_override_in(ctx, c, ind_code, changes, path) for c in criteria]
    for number, additions in (data.get("add_indicators") or {}).items():
        path = f"add_indicators.{number}"
        idx = next((k for k, c in enumerate(criteria) if c.number == int(number)), None)
        if idx is None:
            raise ctx.fail(path, f"không có tiêu chí số {number}")
        crit = criteria[idx]
        new = tuple(
            build_indicator(ctx, item, f"{path}[{j}]", codes, crit.department)
            for j, item in enumerate(additions)
        )
        criteria[idx] = dataclasses.replace(crit, indicators=crit.indicators + new)
    added_criteria = build_criteria(data.get("add_criteria") or [], file, "add_criteria", codes)
    numbers = {c.number for c in criteria}
    for k, crit in enumerate(added_criteria):
        if crit.number in numbers:
            raise ctx.fail(f"add_criteria[{k}].number", f"trùng số tiêu chí {crit.number}")
    criteria.extend(added_criteria)
    added_count = sum(len(c.indicators) for c in criteria) - base.encoded_indicators
    return dataclasses.replace(
        base,
        code=code,
        name=str(data.get("name") or base.name),
        criteria=tuple(criteria),
        declared_criteria=base.declared_criteria + len(added_criteria),
        declared_indicators=base.declared_indicators + added_count,
        source=str(data.get("source") or base.source),
        province=str(data["province"]) if data.get("province") else base.province,
        base=base.code,
        notes=str(data.get("notes") or base.notes),
        path=file,
        dimensions=dimensions,
        periods_from=periods_from(ctx, data) or base.periods_from,
        valid_from=_own_date(ctx, data, "valid_from") or base.valid_from,
        valid_to=_own_date(ctx, data, "valid_to") or base.valid_to,
        province_era=_era(ctx, data),
        verified=_first_said(set_verified(ctx, data), base.verified),
    )


def _own_date(ctx: FileContext, data: dict[str, Any], key: str) -> str:
    """The override's own ``valid_from``/``valid_to`` (YYYY-MM-DD), "" when it does not say:
    a province's set applies from its own decision's date (``ntm.criteria.provincial``)."""
    value = data.get(key)
    if value in (None, ""):
        return ""
    text = str(value)
    try:
        date.fromisoformat(text)
    except ValueError:
        raise ctx.fail(key, MSG_BAD_DATE.format(value=text)) from None
    return text


def _era(ctx: FileContext, data: dict[str, Any]) -> str:
    """The override's ``era`` (of its province), "" when it does not say."""
    value = data.get("era")
    if value in (None, ""):
        return ""
    if str(value) not in ERAS:
        raise ctx.fail("era", MSG_BAD_ERA.format(value=value))
    return str(value)


def _first_said(own: bool | None, inherited: bool | None) -> bool | None:
    return inherited if own is None else own


def _override_in(
    ctx: FileContext, crit: Criterion, code: str, changes: dict[str, Any], path: str
) -> Criterion:
    if not any(i.code == code for i in crit.indicators):
        return crit
    new_indicators = []
    for ind in crit.indicators:
        if ind.code == code:
            fields = {k: v for k, v in changes.items() if k != "threshold"}
            op = fields.get("op", ind.op)
            if "threshold" in changes:
                fields["threshold"] = build_threshold(
                    ctx, changes["threshold"], f"{path}.threshold", op
                )
                check_dimensions(ctx, fields["threshold"], f"{path}.threshold")
            if "verified" in fields and not isinstance(fields["verified"], bool):
                raise CriteriaFileError(ctx.file, f"{path}.verified", "phải là true hoặc false")
            fields.setdefault("source", ind.source)
            ind = dataclasses.replace(ind, overridden_by=str(fields["source"]), **fields)
        new_indicators.append(ind)
    return dataclasses.replace(crit, indicators=tuple(new_indicators))
