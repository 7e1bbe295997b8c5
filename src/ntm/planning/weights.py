"""Effort weights per indicator and the "not durable" margin, configured by a province (a file).

Why a data file: which indicator is hard to close (roads need investment, a yes/no on a plan
does not) is a province's judgement, like its tightened thresholds; changing it must be a data
change. See ``effort/README.md`` for the format.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings

from ntm.reports.gaps import DEFAULT_DURABLE_MARGIN
from ntm.units.models import AdminUnit
from ntm.units.selectors import province_of

MSG_BAD_FILE = "Tệp trọng số {path}: {reason}"


@dataclass(frozen=True, slots=True)
class EffortConfig:
    weights: dict[str, float] = field(default_factory=dict)
    durable_margin: float = DEFAULT_DURABLE_MARGIN
    source: str = ""
    verified: bool = False
    path: str = ""


class EffortFileError(ValueError):
    """A weights file that cannot be read; the message names the file."""


def effort_dir() -> Path:
    return Path(os.environ.get("NTM_EFFORT_DIR") or Path(settings.VAR_DIR) / "effort")


def load_effort_file(path: Path) -> EffortConfig:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        weights = {str(k): float(v) for k, v in (data.get("weights") or {}).items()}
        margin = float(data.get("durable_margin", DEFAULT_DURABLE_MARGIN))
    except (OSError, yaml.YAMLError, TypeError, ValueError, AttributeError) as exc:
        raise EffortFileError(MSG_BAD_FILE.format(path=path, reason=exc)) from exc
    if any(w < 0 for w in weights.values()) or not 0 <= margin < 1:
        raise EffortFileError(
            MSG_BAD_FILE.format(path=path, reason="trọng số âm hoặc biên ngoài [0, 1)")
        )
    return EffortConfig(
        weights, margin, str(data.get("source", "")), bool(data.get("verified", False)), str(path)
    )


def effort_for(unit: AdminUnit) -> EffortConfig:
    """The configuration of the unit's province, or the defaults (every weight 1, margin 5%)."""
    path = effort_dir() / f"{province_of(unit).code}.yaml"
    return load_effort_file(path) if path.is_file() else EffortConfig()
