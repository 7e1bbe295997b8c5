"""Helpers for import tests: write a CSV file the way a user's tool would."""

from __future__ import annotations

from pathlib import Path

import pytest

HEADER = "unit,period,set,indicator,value,note"


def write_csv(path: Path, lines: list[str], *, delimiter: str = ",", bom: bool = False) -> Path:
    text = (
        "\n".join(line.replace(",", delimiter) if delimiter != "," else line for line in lines)
        + "\n"
    )
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


@pytest.fixture
def csv_file(tmp_path):
    def make(lines: list[str], name: str = "values.csv", **kwargs) -> Path:
        return write_csv(tmp_path / name, lines, **kwargs)

    return make
