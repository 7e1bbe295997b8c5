"""Reads criteria-set YAML files into frozen ``CriteriaSet`` objects, rejecting bad files.

Every error names the file, the path inside it and the problem, so whoever corrects a threshold
in a province file can find the line without reading code (docs/criteria-format.md). This module
reads a file and its set-level fields; ``rules`` reads the criteria, indicators and thresholds.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ntm.criteria.filecontext import CriteriaFileError, FileContext
from ntm.criteria.filecontext import join as _join
from ntm.criteria.filecontext import text as _text
from ntm.criteria.model import DIMENSIONS, LEVELS, TIERS, CriteriaSet, Dimension
from ntm.criteria.rules import (
    build_criteria,
    build_indicator,
    build_threshold,
    check_dimensions,
    check_threshold_dimensions,
    criteria_from,
)

__all__ = [
    "CriteriaFileError",
    "FileContext",
    "build_criteria",
    "build_dimensions",
    "build_indicator",
    "build_set",
    "build_threshold",
    "check_dimensions",
    "load_file",
    "periods_from",
    "set_verified",
]


# libyaml's safe loader when PyYAML has it: the same mappings (a test compares both on every
# shipped file) in an eighth of the time; loading the registry was a second of every command.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_file(path: str | Path) -> dict[str, Any]:
    """Parse one YAML file into a raw mapping (no validation yet)."""
    path = Path(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)  # a safe loader
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
    criteria = criteria_from(ctx, raw_criteria, "criteria", set())
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
        periods_from=periods_from(ctx, data),
        verified=set_verified(ctx, data),
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
            check_threshold_dimensions(
                ctx, indicator.threshold, by, f"criteria[{i}].indicators[{j}].threshold"
            )
    return built


DIMENSION_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")


def periods_from(ctx: FileContext, data: dict[str, Any]) -> int | None:
    """The file's ``periods_from``: the first year the set takes values for, when earlier than
    the year it came into force (``ntm.criteria.validity``); None when not given."""
    value = data.get("periods_from")
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 1900 <= value <= 2100:
        raise ctx.fail("periods_from", f"phải là một năm (ví dụ 2009), không phải {value!r}")
    end = _text(data.get("valid_to"))[:4]
    if end.isdigit() and value > int(end):
        raise ctx.fail("periods_from", f"năm {value} sau khi bộ tiêu chí hết hiệu lực ({end})")
    return value


def set_verified(ctx: FileContext, data: dict[str, Any]) -> bool | None:
    """The file's set-level ``verified`` (true or false), None when the file does not say."""
    value = data.get("verified")
    if value is not None and not isinstance(value, bool):
        raise ctx.fail("verified", "phải là true hoặc false (nguồn của bộ tiêu chí đã xác minh?)")
    return value


def _positive_int(ctx: FileContext, data: dict[str, Any], key: str, path: str) -> int:
    value = ctx.require(data, key, path)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ctx.fail(_join(path, key), f"phải là số nguyên dương, không phải {value!r}")
    return value
