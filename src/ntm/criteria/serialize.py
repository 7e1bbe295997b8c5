"""Criteria sets as plain JSON-ready dicts (``ntm criteria --json``, the API): design.md §7."""

from __future__ import annotations

from typing import Any

from ntm.criteria.model import CriteriaSet, Indicator, ThresholdRef, ThresholdSpec


def threshold_to_data(spec: ThresholdSpec | ThresholdRef | None) -> Any:
    """The threshold tree in the same shape as the YAML file, so users read one notation."""
    if spec is None:
        return None
    if isinstance(spec, ThresholdRef):
        return {"ref": {"set": spec.set_code, "indicator": spec.indicator, "factor": spec.factor}}
    if spec.is_leaf:
        return list(spec.value) if isinstance(spec.value, tuple) else spec.value
    data: dict[str, Any] = {
        "by": spec.by,
        "cases": {k: threshold_to_data(v) for k, v in spec.cases},
    }
    if spec.default is not None:
        data["default"] = threshold_to_data(spec.default)
    return data


_CASE_WORDS = {"group": "nhóm ", "year": "năm ", "region": ""}


def threshold_text(spec: ThresholdSpec | ThresholdRef | None) -> str:
    """The threshold for people: "nhóm 1: 100; nhóm 2: 90; nhóm 3: 70", so a commune's group
    (or region, or a province's zone) is visible wherever the value depends on it."""
    if spec is None:
        return ""
    if isinstance(spec, ThresholdRef):
        return f"{spec.factor:g} × {spec.set_code} {spec.indicator}"
    if spec.is_leaf:
        value = spec.value
        return (
            ", ".join(map(str, value))
            if isinstance(value, tuple)
            else f"{value:g}"
            if isinstance(value, float)
            else str(value)
        )
    word = _CASE_WORDS.get(spec.by or "", f"{spec.by} ")
    parts = [f"{word}{key}: {_nested(sub)}" for key, sub in spec.cases]
    if spec.default is not None:
        parts.append(f"chung: {_nested(spec.default)}")
    return "; ".join(parts)


def _nested(spec: ThresholdSpec | ThresholdRef) -> str:
    text = threshold_text(spec)
    return f"({text})" if ";" in text else text


def indicator_to_data(ind: Indicator) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": ind.code,
        "name": ind.name,
        "kind": ind.kind,
        "unit": ind.unit,
        "op": ind.op,
        "thresholds": threshold_to_data(ind.threshold),
        "source": ind.source,
        "verified": ind.verified,
        "note": ind.note,
        "department": ind.department,
    }
    data["optional"] = ind.optional
    if ind.applies_if:
        data["applies_if"] = ind.applies_if
    if ind.aggregate is not None:
        agg = ind.aggregate
        data["aggregate"] = {"measure": agg.measure, "level": agg.level, "set": agg.set_code}
    if ind.overridden_by:
        data["overridden_by"] = ind.overridden_by
    return data


def set_to_data(s: CriteriaSet, *, with_criteria: bool = True) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": s.code,
        "name": s.name,
        "level": s.level,
        "tier": s.tier,
        "threshold_by": s.threshold_by,
        "valid_from": s.valid_from,
        "valid_to": s.valid_to,
        "source": s.source,
        "requires": list(s.requires),
        "province": s.province,
        "base": s.base,
        "declared": {"criteria": s.declared_criteria, "indicators": s.declared_indicators},
        "encoded": {
            "criteria": len(s.counted_criteria),
            "indicators": s.encoded_indicators,
            "conditions": len(s.criteria) - len(s.counted_criteria),
        },
        "complete": s.complete,
        "unverified_indicators": sum(1 for i in s.indicators if not i.verified),
        "revocation_key_criteria": list(s.revocation_key_criteria),
        "notes": s.notes,
        "dimensions": [
            {
                "key": d.key,
                "label": d.label,
                "values": [{"code": c, "label": lbl} for c, lbl in d.values],
            }
            for d in s.dimensions
        ],
    }
    if with_criteria:
        data["criteria"] = [
            {
                "number": c.number,
                "name": c.name,
                "group": c.group,
                "department": c.department,
                "key": c.number in s.revocation_key_criteria,
                "indicators": [indicator_to_data(i) for i in c.indicators],
            }
            for c in s.criteria
        ]
    return data


def completeness_note(s: CriteriaSet) -> str:
    """Empty for a complete set, else e.g. "đã mã hóa 20/47 chỉ tiêu" for every report to show."""
    if s.complete:
        return ""
    return (
        "Bộ tiêu chí chưa đầy đủ: đã mã hóa "
        f"{len(s.counted_criteria)}/{s.declared_criteria} tiêu chí, "
        f"{s.encoded_indicators}/{s.declared_indicators} chỉ tiêu"
    )
