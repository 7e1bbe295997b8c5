"""Reads the criteria, indicators, thresholds and aggregates of a criteria file (and of an
override's additions), checking each rule: kinds, comparisons, regions, groups, years and a
province's own dimensions, so a bad threshold is refused with its path in the file.
"""

from __future__ import annotations

from typing import Any

from ntm.criteria.filecontext import FileContext
from ntm.criteria.filecontext import join as _join
from ntm.criteria.filecontext import nfc as _nfc
from ntm.criteria.filecontext import text as _text
from ntm.criteria.model import (
    DIMENSIONS,
    GROUPS,
    KINDS,
    OPS,
    REGIONS,
    TIERS,
    Aggregate,
    Criterion,
    Indicator,
    ThresholdRef,
    ThresholdSpec,
)

AGGREGATE_MEASURES = ("share_at_level", "share_meeting_set")
NUMERIC_OPS = (">=", ">", "<=", "<")


def build_criteria(
    data: list[Any], file: str, path: str, seen_codes: set[str]
) -> tuple[Criterion, ...]:
    """Build criteria for an override file's ``add_criteria`` (shares code uniqueness)."""
    return criteria_from(FileContext(file), data, path, seen_codes)


def criteria_from(
    ctx: FileContext, raw: list[Any], path: str, seen_codes: set[str]
) -> tuple[Criterion, ...]:
    criteria: list[Criterion] = []
    seen_numbers: set[int] = set()
    for i, item in enumerate(raw):
        cpath = _join(path, i)
        number = ctx.require(item, "number", cpath)
        if not isinstance(number, int) or isinstance(number, bool) or number < 0:
            raise ctx.fail(
                _join(cpath, "number"), f"số tiêu chí phải là số nguyên, không phải {number!r}"
            )
        if number in seen_numbers:
            raise ctx.fail(_join(cpath, "number"), f"trùng số tiêu chí {number}")
        seen_numbers.add(number)
        department = _text(item.get("department"))
        raw_indicators = ctx.require(item, "indicators", cpath)
        if not isinstance(raw_indicators, list) or not raw_indicators:
            raise ctx.fail(_join(cpath, "indicators"), "phải là danh sách có ít nhất một chỉ tiêu")
        indicators = tuple(
            build_indicator(ctx, ind, _join(_join(cpath, "indicators"), j), seen_codes, department)
            for j, ind in enumerate(raw_indicators)
        )
        criteria.append(
            Criterion(
                number=number,
                name=_text(ctx.require(item, "name", cpath)),
                indicators=indicators,
                group=_text(item.get("group")),
                department=department,
                key=bool(item.get("key", False)),
            )
        )
    return tuple(criteria)


def build_indicator(
    ctx: FileContext, item: dict[str, Any], path: str, seen_codes: set[str], department: str = ""
) -> Indicator:
    code = _text(ctx.require(item, "code", path))
    if code in seen_codes:
        raise ctx.fail(_join(path, "code"), f'trùng mã chỉ tiêu "{code}"')
    seen_codes.add(code)
    kind = _text(ctx.require(item, "kind", path))
    if kind not in KINDS:
        raise ctx.fail(
            _join(path, "kind"), f'loại "{kind}" không hợp lệ; dùng một trong {", ".join(KINDS)}'
        )
    op = _text(ctx.require(item, "op", path))
    if op not in OPS:
        raise ctx.fail(
            _join(path, "op"), f'phép so sánh "{op}" không hợp lệ; dùng một trong {" ".join(OPS)}'
        )
    if (op == "is_true") != (kind == "boolean"):
        raise ctx.fail(_join(path, "op"), f'chỉ tiêu loại "{kind}" không dùng được phép "{op}"')
    if op in NUMERIC_OPS and kind not in ("percent", "number"):
        raise ctx.fail(
            _join(path, "op"),
            f'phép "{op}" cần chỉ tiêu loại percent hoặc number, không phải "{kind}"',
        )
    threshold = None
    if op != "is_true":
        raw = ctx.require(item, "threshold", path)
        threshold = build_threshold(ctx, raw, _join(path, "threshold"), op)
    if "verified" not in item or not isinstance(item["verified"], bool):
        raise ctx.fail(
            _join(path, "verified"), "phải ghi rõ true hoặc false (nguồn gốc của ngưỡng)"
        )
    aggregate = None
    if item.get("aggregate") is not None:
        aggregate = _build_aggregate(ctx, item["aggregate"], _join(path, "aggregate"))
    return Indicator(
        code=code,
        name=_text(ctx.require(item, "name", path)),
        kind=kind,
        op=op,
        threshold=threshold,
        unit=_text(item.get("unit")),
        source=_text(ctx.require(item, "source", path)),
        verified=item["verified"],
        note=_text(item.get("note")),
        department=_text(item.get("department")) or department,
        applies_if=_text(item["applies_if"]) if item.get("applies_if") else None,
        aggregate=aggregate,
        optional=bool(item.get("optional", False)),
    )


def _build_aggregate(ctx: FileContext, raw: Any, path: str) -> Aggregate:
    measure = _text(ctx.require(raw, "measure", path))
    if measure not in AGGREGATE_MEASURES:
        raise ctx.fail(
            _join(path, "measure"),
            f'"{measure}" không hợp lệ; dùng {", ".join(AGGREGATE_MEASURES)}',
        )
    if measure == "share_at_level":
        level = _text(ctx.require(raw, "level", path))
        if level not in TIERS:
            raise ctx.fail(_join(path, "level"), f'hạng "{level}" không hợp lệ')
        return Aggregate(measure=measure, level=level)
    return Aggregate(measure=measure, set_code=_text(ctx.require(raw, "set", path)))


def build_threshold(ctx: FileContext, raw: Any, path: str, op: str) -> ThresholdSpec | ThresholdRef:
    if isinstance(raw, dict) and "ref" in raw:
        ref = raw["ref"]
        factor = ref.get("factor", 1.0) if isinstance(ref, dict) else None
        if not isinstance(factor, (int, float)) or isinstance(factor, bool):
            raise ctx.fail(_join(_join(path, "ref"), "factor"), "hệ số phải là số")
        return ThresholdRef(
            set_code=_text(ctx.require(ref, "set", _join(path, "ref"))),
            indicator=_text(ctx.require(ref, "indicator", _join(path, "ref"))),
            factor=float(factor),
        )
    if isinstance(raw, dict):
        by = _text(ctx.require(raw, "by", path))
        if by not in DIMENSIONS and by not in ctx.dimensions:
            known = ", ".join([*DIMENSIONS, *ctx.dimensions])
            raise ctx.fail(
                _join(path, "by"),
                f'chiều "{by}" không hợp lệ; dùng {known} (hoặc khai báo nó trong dimensions)',
            )
        cases_raw = raw.get("cases") or {}
        if not isinstance(cases_raw, dict):
            raise ctx.fail(_join(path, "cases"), "phải là một mapping")
        cases = []
        for key, sub in cases_raw.items():
            key_text = _text(key)
            cpath = _join(_join(path, "cases"), key_text)
            _check_case_key(ctx, by, key_text, cpath)
            cases.append((key_text, build_threshold(ctx, sub, cpath, op)))
        if by == "year":
            cases.sort(key=lambda kv: int(kv[0]))
        default = None
        if raw.get("default") is not None:
            default = build_threshold(ctx, raw["default"], _join(path, "default"), op)
        if not cases and default is None:
            raise ctx.fail(path, "cần ít nhất một giá trị (cases hoặc default)")
        return ThresholdSpec(by=by, cases=tuple(cases), default=default)
    return ThresholdSpec(value=_leaf_value(ctx, raw, path, op))


def _leaf_value(ctx: FileContext, raw: Any, path: str, op: str) -> Any:
    if op == "in":
        if not isinstance(raw, list) or not raw:
            raise ctx.fail(path, 'phép "in" cần một danh sách giá trị')
        return tuple(_nfc(v) for v in raw)
    if op in NUMERIC_OPS:
        if not isinstance(raw, (int, float)) or isinstance(raw, bool):
            raise ctx.fail(path, f"ngưỡng phải là số, không phải {raw!r}")
        return float(raw)
    return _nfc(raw)


def _check_case_key(ctx: FileContext, by: str, key: str, path: str) -> None:
    if by == "region" and key not in REGIONS:
        raise ctx.fail(path, f'vùng "{key}" không tồn tại; dùng một trong {", ".join(REGIONS)}')
    if by == "group" and key not in GROUPS:
        raise ctx.fail(path, f'nhóm xã "{key}" không tồn tại; dùng 1, 2 hoặc 3')
    if by == "year" and not (key.isdigit() and len(key) == 4):
        raise ctx.fail(path, f'năm "{key}" không hợp lệ')
    dimension = ctx.dimensions.get(by)
    if dimension is not None and key not in dict(dimension.values):
        allowed = ", ".join(code for code, _ in dimension.values)
        raise ctx.fail(
            path, f'{dimension.label} "{key}" không được khai báo; dùng một trong {allowed}'
        )


def check_dimensions(ctx: FileContext, spec: Any, path: str) -> None:
    """``check_threshold_dimensions`` against the set's own dimension (``ctx.threshold_by``)."""
    check_threshold_dimensions(ctx, spec, ctx.threshold_by, path)


def check_threshold_dimensions(ctx: FileContext, spec: Any, set_by: str | None, path: str) -> None:
    """A set that varies by region must cover every region (or give a default); same for groups."""
    if not isinstance(spec, ThresholdSpec) or spec.is_leaf:
        return
    if spec.by in ("region", "group"):
        if set_by != spec.by:
            raise ctx.fail(
                _join(path, "by"),
                f'bộ tiêu chí này phân ngưỡng theo "{set_by}", không theo "{spec.by}"',
            )
        if spec.default is None:
            expected = REGIONS if spec.by == "region" else GROUPS
            present = {k for k, _ in spec.cases}
            missing = [k for k in expected if k not in present]
            if missing:
                what = "vùng" if spec.by == "region" else "nhóm xã"
                raise ctx.fail(
                    path, f"thiếu ngưỡng cho {what} {', '.join(missing)} (và không có default)"
                )
    dimension = ctx.dimensions.get(spec.by or "")
    if dimension is not None and spec.default is None:
        missing = [code for code, _ in dimension.values if code not in {k for k, _ in spec.cases}]
        if missing:
            raise ctx.fail(
                path,
                f"thiếu ngưỡng cho {dimension.label} {', '.join(missing)} (và không có default)",
            )
    for key, sub in spec.cases:
        check_threshold_dimensions(ctx, sub, set_by, _join(_join(path, "cases"), key))
    if spec.default is not None:
        check_threshold_dimensions(ctx, spec.default, set_by, _join(path, "default"))
