"""What every step of reading a criteria file shares: the located error and the file context.

Why a module of its own: the set-level reader (``loader``), the indicator and threshold reader
(``rules``) and the override step (``overrides``) all raise errors that name the file, the path
inside it and the problem (docs/criteria-format.md), and build paths the same way.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from ntm.criteria.model import Dimension


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
            raise self.fail(join(path, key), "thiếu trường bắt buộc")
        return data[key]


def join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def nfc(value: Any) -> Any:
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def text(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return nfc(str(value)) if value is not None else ""
