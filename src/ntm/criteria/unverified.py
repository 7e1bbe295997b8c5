"""Every unverified threshold of the sets in use, one row per threshold case.

Why: most thresholds could not be checked against the official texts. A province office holds
the official copies; it needs the list of what to check, in a sheet it can fill in and return
as an override file with sources (docs/criteria-format.md). One row per case (a region, a
commune group, a year, a provincial dimension) because each case is checked on its own line of
the official table.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ntm.criteria.model import CriteriaSet, ThresholdRef, ThresholdSpec

UNVERIFIED_COLUMNS = (
    "set",
    "criterion",
    "indicator",
    "name",
    "op",
    "case",
    "threshold",
    "unit",
    "source",
    "note",
)


def _leaves(
    spec: ThresholdSpec | ThresholdRef | None, path: tuple[str, ...] = ()
) -> Iterator[tuple[str, str]]:
    """(case, value) for every leaf: case "group=1", "region=TDMNPB; year=2023", "" for one
    value."""
    if spec is None:
        yield "; ".join(path), ""
        return
    if isinstance(spec, ThresholdRef):
        yield "; ".join(path), f"{spec.factor:g} × {spec.set_code} {spec.indicator}"
        return
    if spec.is_leaf:
        value = spec.value
        yield (
            "; ".join(path),
            ", ".join(map(str, value)) if isinstance(value, tuple) else _number(value),
        )
        return
    for key, sub in spec.cases:
        yield from _leaves(sub, (*path, f"{spec.by}={key}"))
    if spec.default is not None:
        yield from _leaves(spec.default, (*path, f"{spec.by}=*"))


def _number(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def unverified_rows(sets: Iterable[CriteriaSet]) -> list[dict[str, str]]:
    """One dict per unverified threshold case, in set, criterion and indicator order."""
    rows = []
    for s in sets:
        for c in s.criteria:
            for i in c.indicators:
                if i.verified:
                    continue
                for case, value in _leaves(i.threshold):
                    rows.append(
                        {
                            "set": s.code,
                            "criterion": str(c.number),
                            "indicator": i.code,
                            "name": i.name,
                            "op": i.op,
                            "case": case,
                            "threshold": "Đạt" if i.op == "is_true" else value,
                            "unit": i.unit,
                            "source": i.source,
                            "note": i.note,
                        }
                    )
    return rows
