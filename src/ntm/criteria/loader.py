"""Reads criteria-set YAML files into frozen ``CriteriaSet`` objects, rejecting bad files.

Every error names the file, the path inside it and the problem, so whoever corrects a threshold
in a province file can find the line without reading code (docs/criteria-format.md).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from ntm.criteria.model import (
    DIMENSIONS,
    GROUPS,
    KINDS,
    LEVELS,
    OPS,
    REGIONS,
    TIERS,
    Aggregate,
    CriteriaSet,
    Criterion,
    Dimension,
    Indicator,
    ThresholdRef,
    ThresholdSpec,
)

AGGREGATE_MEASURES = ("share_at_level", "share_meeting_set")
NUMERIC_OPS = (">=", ">", "<=", "<")


class CriteriaFileError(ValueError):
    """A criteria file is malformed: the message says where and why."""

    def __init__(self, file: str, path: str, problem: str) -> None:
        self.file, self.path, self.problem = file, path, problem
        super().__init__(f"{file}: {path or '(gốc)'}: {problem}")


class FileContext:
    """Carries the file name so every helper can raise a located error, and the dimensions the
    file (or the set it overrides) declares, so thresholds may branch on them."""

    def __init__(self, file: str, dimensions: tuple[Dimension, ...] = ()) -> None:
        self.file = file
        self.dimensions = {d.key: d for d in dimensions}
        self.threshold_by: str | None = None  # the set's region/group dimension, for overrides

    def fail(self, path: str, problem: str) -> CriteriaFileError:
        return CriteriaFileError(self.file, path, problem)

    def require(self, data: dict[str, Any], key: str, path: str) -> Any:
        if not isinstance(data, dict):
            raise self.fail(path, "phải là một mapping (khóa: giá trị)")
        if key not in data or data[key] is None or data[key] == "":
            raise self.fail(_join(path, key), "thiếu trường bắt buộc")
        return data[key]


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _nfc(value: Any) -> Any:
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def _text(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return _nfc(str(value)) if value is not None else ""


def load_file(path: str | Path) -> dict[str, Any]:
    """Parse one YAML file into a raw mapping (no validation yet)."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise CriteriaFileError(path.name, "", f"YAML không hợp lệ: {exc}") from exc
    if not isinstance(data, dict):
        raise CriteriaFileError(path.name, "", "tệp phải chứa một mapping ở gốc")
    return data


def build_dimensions(
    ctx: FileContext, raw: Any, inherited: tuple[Dimension, ...] = ()
) -> tuple[Dimension, ...]:
    """The file's own dimensions (``dimensions: {zone: {label: Vùng, values: {"1": Vùng 1}}}``),
    after those it inherits; they become usable in its thresholds (``by: zone``)."""
    if raw in (None, {}):
        ctx.dimensions = {d.key: d for d in inherited}
        return inherited
    if not isinstance(raw, dict):
        raise ctx.fail("dimensions", "phải là một mapping (khóa chiều: {label, values})")
    declared = list(inherited)
    for key, spec in raw.items():
        key = _text(key)
        path = _join("dimensions", key)
        if not DIMENSION_KEY_RE.match(key) or key in DIMENSIONS:
            raise ctx.fail(
                path,
                f'tên chiều "{key}" không hợp lệ: chữ thường không dấu (a-z, _), '
                f"khác {', '.join(DIMENSIONS)}",
            )
        if key in {d.key for d in declared}:
            raise ctx.fail(path, f'chiều "{key}" đã được khai báo')
        label = _text(ctx.require(spec, "label", path))
        values = ctx.require(spec, "values", path)
        if not isinstance(values, dict) or not values:
            raise ctx.fail(_join(path, "values"), 'cần ít nhất một giá trị, ví dụ {"1": "Vùng 1"}')
        declared.append(
            Dimension(key, label, tuple((_text(k), _text(v)) for k, v in values.items()))
        )
    ctx.dimensions = {d.key: d for d in declared}
    return tuple(declared)


def build_set(data: dict[str, Any], file: str, threshold_by: str | None = None) -> CriteriaSet:
    """Validate a raw national/province set mapping and build the ``CriteriaSet``."""
    ctx = FileContext(file)
    dimensions = build_dimensions(ctx, data.get("dimensions"))
    code = _text(ctx.require(data, "code", ""))
    level = _text(ctx.require(data, "level", ""))
    if level not in LEVELS:
        raise ctx.fail("level", f'cấp "{level}" không hợp lệ; dùng một trong {", ".join(LEVELS)}')
    tier = _text(ctx.require(data, "tier", ""))
    if tier not in TIERS:
        raise ctx.fail("tier", f'hạng "{tier}" không hợp lệ; dùng một trong {", ".join(TIERS)}')
    by = threshold_by if threshold_by is not None else data.get("threshold_by", "none")
    by = None if by in (None, "none") else _text(by)
    if by is not None and by not in ("region", "group"):
        raise ctx.fail("threshold_by", f'"{by}" không hợp lệ; dùng region, group hoặc none')
    declared = ctx.require(data, "declared", "")
    declared_criteria = _positive_int(ctx, declared, "criteria", "declared")
    declared_indicators = _positive_int(ctx, declared, "indicators", "declared")
    raw_criteria = ctx.require(data, "criteria", "")
    if not isinstance(raw_criteria, list):
        raise ctx.fail("criteria", "phải là một danh sách")
    criteria = _build_criteria(ctx, raw_criteria, "criteria", set())
    key_numbers = tuple(int(n) for n in data.get("revocation_key_criteria") or ())
    known = {c.number for c in criteria}
    for i, number in enumerate(key_numbers):
        if number not in known:
            raise ctx.fail(_join("revocation_key_criteria", i), f"không có tiêu chí số {number}")
    key_numbers = tuple(sorted(set(key_numbers) | {c.number for c in criteria if c.key}))
    built = CriteriaSet(
        code=code,
        name=_text(ctx.require(data, "name", "")),
        level=level,
        tier=tier,
        threshold_by=by,
        declared_criteria=declared_criteria,
        declared_indicators=declared_indicators,
        criteria=criteria,
        valid_from=_text(data.get("valid_from")),
        valid_to=_text(data.get("valid_to")),
        source=_text(data.get("source")),
        source_url=_text(data.get("source_url")),
        requires=tuple(_text(r) for r in data.get("requires") or ()),
        province=_text(data["province"]) if data.get("province") else None,
        base=_text(data["base"]) if data.get("base") else None,
        notes=_text(data.get("notes")),
        path=file,
        revocation_key_criteria=key_numbers,
        dimensions=dimensions,
    )
    counted = len(built.counted_criteria)
    if counted > declared_criteria:
        raise ctx.fail(
            "criteria", f"có {counted} tiêu chí, nhiều hơn số công bố {declared_criteria}"
        )
    if built.encoded_indicators > declared_indicators:
        raise ctx.fail(
            "criteria",
            f"có {built.encoded_indicators} chỉ tiêu, nhiều hơn số công bố {declared_indicators}",
        )
    for i, criterion in enumerate(criteria):
        for j, indicator in enumerate(criterion.indicators):
            _check_dimensions(
                ctx, indicator.threshold, by, f"criteria[{i}].indicators[{j}].threshold"
            )
    return built


DIMENSION_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")


def _positive_int(ctx: FileContext, data: dict[str, Any], key: str, path: str) -> int:
    value = ctx.require(data, key, path)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ctx.fail(_join(path, key), f"phải là số nguyên dương, không phải {value!r}")
    return value


def build_criteria(
    data: list[Any], file: str, path: str, seen_codes: set[str]
) -> tuple[Criterion, ...]:
    """Build criteria for an override file's ``add_criteria`` (shares code uniqueness)."""
    return _build_criteria(FileContext(file), data, path, seen_codes)


def _build_criteria(
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
    """``_check_dimensions`` against the set's own dimension (``ctx.threshold_by``)."""
    _check_dimensions(ctx, spec, ctx.threshold_by, path)


def _check_dimensions(ctx: FileContext, spec: Any, set_by: str | None, path: str) -> None:
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
        _check_dimensions(ctx, sub, set_by, _join(_join(path, "cases"), key))
    if spec.default is not None:
        _check_dimensions(ctx, spec.default, set_by, _join(path, "default"))
