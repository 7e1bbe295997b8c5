"""A criteria file a province uploads, checked against the sets in use before anything changes.

Why here (pure): the web upload, its preview and the activation all ask the same two questions,
"is this file valid with the sets we have?" and "what would the registry be with it?", and the
answer must be the loader's own (one format, one validator). Errors name the file, the line and
the path inside the file, in Vietnamese, so an office can fix its copy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ntm.criteria.loader import CriteriaFileError
from ntm.criteria.model import CriteriaSet
from ntm.criteria.registry import BUILTIN_DIR, Registry, load_raw, read_dirs

MSG_NOT_MAPPING = "tệp phải chứa một mapping (khóa: giá trị) ở gốc"
MSG_YAML = "YAML không hợp lệ: {problem}"
MSG_NATIONAL_CODE = 'mã bộ "{code}" là mã của một bộ quốc gia; hãy đặt mã riêng cho bộ của tỉnh'
MSG_NOT_UTF8 = "tệp không phải văn bản UTF-8"

_SEGMENT = re.compile(r"^(?P<key>[^\[\]]*)(?P<indexes>(\[\d+\])*)$")


@dataclass(frozen=True, slots=True)
class FileProblem:
    """One problem of an uploaded file: where (file, line, path) and what, in Vietnamese."""

    file: str
    line: int | None
    path: str
    problem: str

    def message(self) -> str:
        where = [self.file] + ([f"dòng {self.line}"] if self.line else [])
        return f"{', '.join(where)}: {self.path or '(gốc)'}: {self.problem}"


class CandidateError(ValueError):
    """The file cannot be used: ``problem`` says where and why."""

    def __init__(self, problem: FileProblem) -> None:
        self.problem = problem
        super().__init__(problem.message())


@dataclass(frozen=True, slots=True)
class Candidate:
    """A valid file: its set, and the registry the country would have with it."""

    criteria_set: CriteriaSet
    registry: Registry
    data: dict[str, Any]


def parse_text(name: str, content: bytes | str) -> dict[str, Any]:
    """The raw mapping of an uploaded YAML file; a syntax error names its line."""
    try:
        text = content.decode("utf-8-sig") if isinstance(content, bytes) else content
    except UnicodeDecodeError:
        raise CandidateError(FileProblem(name, None, "", MSG_NOT_UTF8)) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise CandidateError(
            FileProblem(name, line, "", MSG_YAML.format(problem=problem))
        ) from None
    if not isinstance(data, dict):
        raise CandidateError(FileProblem(name, 1, "", MSG_NOT_MAPPING))
    return data


def line_of(text: str, path: str) -> int | None:
    """The line (1-based) of the deepest node of ``path`` ("overrides.2.1.threshold",
    "add_criteria[0].indicators[1].code") found in the YAML ``text``; None if none is."""
    try:
        node: Any = yaml.compose(text)
    except yaml.YAMLError:
        return None
    if node is None:
        return None
    line = None
    parts = [p for p in path.split(".") if p] if path else []
    i = 0
    while i < len(parts):
        match = None
        if isinstance(node, yaml.MappingNode):
            # Keys may contain dots ("2.1"): take the longest run of parts that names a key.
            for j in range(len(parts), i, -1):
                joined = ".".join(parts[i:j])
                found = _SEGMENT.match(joined)
                key = found.group("key") if found else joined
                for k, v in node.value:
                    if str(k.value) == key:
                        match = (j, k, v, found.group("indexes") if found else "")
                        break
                if match:
                    break
        if match is None:
            break
        i, key_node, node, indexes = match
        line = key_node.start_mark.line + 1
        for index in re.findall(r"\[(\d+)\]", indexes):
            if isinstance(node, yaml.SequenceNode) and int(index) < len(node.value):
                node = node.value[int(index)]
                line = node.start_mark.line + 1
    return line


def check_candidate(name: str, content: bytes | str, dirs: Iterable[Path]) -> Candidate:
    """Validate an uploaded set or override file together with the sets in ``dirs`` (the ones
    in use); a set of the same code from a province folder is replaced, a national one never."""
    text = content.decode("utf-8-sig", "replace") if isinstance(content, bytes) else content
    data = parse_text(name, content)
    code = str(data.get("code") or "")
    folders = list(dirs)
    national = {str(d.get("code")) for _, d in read_dirs([BUILTIN_DIR])}
    if code in national:
        raise CandidateError(
            FileProblem(name, line_of(text, "code"), "code", MSG_NATIONAL_CODE.format(code=code))
        )
    kept = [(file, d) for file, d in read_dirs(folders) if str(d.get("code")) != code]
    raw = [*kept, (name, data)]
    try:
        registry = load_raw(raw)
    except CriteriaFileError as exc:
        line = line_of(text, exc.path) if exc.file == name else None
        raise CandidateError(FileProblem(exc.file, line, exc.path, exc.problem)) from None
    return Candidate(registry.get(code), registry, data)
