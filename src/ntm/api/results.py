"""Evaluation results as the API's ``/evaluation/`` JSON: the same data ``ntm evaluate --json``
prints (``ntm.assessments.explain.result_to_data``), plus the level and the declared counts
under the API's flat names."""

from __future__ import annotations

from typing import Any

from ntm.assessments.explain import result_to_data
from ntm.criteria.results import Outcome


def unit_result_to_data(
    r: Outcome, *, level: str | None = None, set_name: str = ""
) -> dict[str, Any]:
    data = result_to_data(r, set_name)
    data.update(
        level=level,
        declared_criteria=r.declared_criteria,
        declared_indicators=r.declared_indicators,
    )
    return data
