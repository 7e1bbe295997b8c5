"""The catalogue of physical-output kinds, read from ``data/output_kinds.yaml``.

Why data and not code: a province reports kinds the national list lacks (markets, health
stations…); adding one is an entry in the file, never a migration.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

CATALOGUE_FILE = Path(__file__).with_name("data") / "output_kinds.yaml"


@dataclass(frozen=True, slots=True)
class OutputKind:
    code: str
    name: str
    name_en: str
    unit: str
    phrase: str
    group: str = ""


@cache
def output_kinds() -> tuple[OutputKind, ...]:
    data = yaml.safe_load(CATALOGUE_FILE.read_text(encoding="utf-8"))
    return tuple(OutputKind(**{k: str(v) for k, v in entry.items()}) for entry in data["kinds"])


def output_kind(code: str) -> OutputKind | None:
    return next((k for k in output_kinds() if k.code == code), None)
