"""The loaded criteria sets: the shipped national files, the shipped province data, and any
province folders of this installation.

``sets/`` holds the national law. ``provinces/<code>-<name>/`` holds province data shipped with
the package (village sets, a province's own sets): each file there must name that province and
say whether its source was confirmed (``verified``), so a province's example is never read as
law. Folders in ``NTM_CRITERIA_DIRS`` (colon-separated) are read last, so a province adds or
corrects files (overrides with ``base:``) without touching the package.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from ntm.criteria.loader import CriteriaFileError, build_set, load_file
from ntm.criteria.model import CriteriaSet, ThresholdRef, ThresholdSpec
from ntm.criteria.overrides import apply_override, is_override

BUILTIN_DIR = Path(__file__).parent / "sets"
PROVINCES_DIR = Path(__file__).parent / "provinces"
MSG_PROVINCE_MISMATCH = 'tệp trong thư mục tỉnh "{folder}" phải ghi province: "{code}"'
MSG_PROVINCE_UNVERIFIED = (
    "dữ liệu của tỉnh phải ghi rõ verified: true hoặc false (nguồn đã xác minh hay chưa)"
)
MSG_PROVINCE_SOURCE = "dữ liệu của tỉnh phải ghi nguồn (source): quyết định của tỉnh, hoặc VÍ DỤ"


class UnknownSet(KeyError):
    """No criteria set has this code."""

    def __init__(self, code: str, known: Iterable[str]) -> None:
        self.code = code
        super().__init__(
            f'không có bộ tiêu chí "{code}"; các bộ hiện có: {", ".join(sorted(known))}'
        )

    def __str__(self) -> str:
        return str(self.args[0])


class Registry:
    """Criteria sets by code, checked together (requires, refs, aggregates all resolve)."""

    def __init__(self, sets: Iterable[CriteriaSet]) -> None:
        self._sets: dict[str, CriteriaSet] = {}
        for s in sets:
            if s.code in self._sets:
                raise CriteriaFileError(
                    s.path, "code", f'mã bộ "{s.code}" đã có trong {self._sets[s.code].path}'
                )
            self._sets[s.code] = s
        for s in self._sets.values():
            self._check_links(s)

    def get(self, code: str) -> CriteriaSet:
        try:
            return self._sets[code]
        except KeyError:
            raise UnknownSet(code, self._sets) from None

    def __contains__(self, code: str) -> bool:
        return code in self._sets

    def codes(self) -> list[str]:
        return sorted(self._sets)

    def sets(self) -> list[CriteriaSet]:
        return [self._sets[c] for c in self.codes()]

    def _check_links(self, s: CriteriaSet) -> None:
        for i, req in enumerate(s.requires):
            if req not in self._sets:
                raise CriteriaFileError(s.path, f"requires[{i}]", f'không có bộ tiêu chí "{req}"')
        for crit in s.criteria:
            for ind in crit.indicators:
                where = f"tiêu chí {crit.number}, chỉ tiêu {ind.code}"
                for ref in _refs(ind.threshold):
                    target = self._sets.get(ref.set_code)
                    if target is None or ref.indicator not in {i.code for i in target.indicators}:
                        raise CriteriaFileError(
                            s.path,
                            where,
                            f'ngưỡng tham chiếu "{ref.set_code}" / "{ref.indicator}" không tồn tại',
                        )
                agg = ind.aggregate
                if agg is not None and agg.set_code and agg.set_code not in self._sets:
                    raise CriteriaFileError(
                        s.path, where, f'aggregate: không có bộ tiêu chí "{agg.set_code}"'
                    )


def _refs(spec: object) -> list[ThresholdRef]:
    if isinstance(spec, ThresholdRef):
        return [spec]
    if isinstance(spec, ThresholdSpec):
        found = [r for _, sub in spec.cases for r in _refs(sub)]
        return found + (_refs(spec.default) if spec.default is not None else [])
    return []


# Folders the running application adds (the provinces' activated sets), asked on every load so
# a test or a setting can move them: callables returning a folder or None.
_dir_providers: list[Callable[[], Path | None]] = []


def add_dir_provider(provider: Callable[[], Path | None]) -> None:
    """Read the folder ``provider()`` names after the others on every ``load_registry``."""
    if provider not in _dir_providers:
        _dir_providers.append(provider)


def criteria_dirs() -> list[Path]:
    extra = [Path(p) for p in os.environ.get("NTM_CRITERIA_DIRS", "").split(os.pathsep) if p]
    provided = [folder for folder in (p() for p in _dir_providers) if folder is not None]
    return [BUILTIN_DIR, *province_dirs(), *extra, *provided]


def province_dirs(root: Path = PROVINCES_DIR) -> list[Path]:
    """The shipped province folders (``38-thanh-hoa``), in code order."""
    return sorted(p for p in root.glob("*") if p.is_dir() and _folder_province(p) is not None)


def _folder_province(folder: Path) -> str | None:
    """The province code a folder of province data is named by (``38`` of ``38-thanh-hoa``)."""
    code = folder.name.split("-", 1)[0]
    return code if code.isdigit() and folder.parent.name == PROVINCES_DIR.name else None


def _check_province_file(folder: Path, name: str, data: dict[str, Any]) -> None:
    """Province data names its province (the folder's), its source and whether it is verified."""
    code = _folder_province(folder)
    if code is None:
        return
    if str(data.get("province") or "") != code:
        raise CriteriaFileError(
            name, "province", MSG_PROVINCE_MISMATCH.format(folder=folder.name, code=code)
        )
    if not isinstance(data.get("verified"), bool):
        raise CriteriaFileError(name, "verified", MSG_PROVINCE_UNVERIFIED)
    if not data.get("source"):
        raise CriteriaFileError(name, "source", MSG_PROVINCE_SOURCE)


def read_dirs(dirs: Iterable[Path]) -> list[tuple[str, dict[str, Any]]]:
    """(file name, raw mapping) of every ``*.yaml`` in ``dirs``, folder by folder."""
    raw = []
    for folder in dirs:
        for path in sorted(Path(folder).glob("*.yaml")):
            data = load_file(path)
            _check_province_file(Path(folder), path.name, data)
            raw.append((path.name, data))
    return raw


def load_dirs(dirs: Iterable[Path]) -> Registry:
    """Load every ``*.yaml`` in ``dirs``: national sets first, then override files on top."""
    return load_raw(read_dirs(dirs))


def load_raw(raw: list[tuple[str, dict[str, Any]]]) -> Registry:
    """Build and check the registry of raw files: plain sets first, then overrides on them."""
    plain: dict[str, CriteriaSet] = {}
    for name, data in raw:
        if not is_override(data):
            s = build_set(data, name)
            if s.code in plain:
                raise CriteriaFileError(
                    name, "code", f'mã bộ "{s.code}" đã có trong {plain[s.code].path}'
                )
            plain[s.code] = s
    derived = []
    for name, data in raw:
        if is_override(data):
            base_code = str(data["base"])
            if base_code not in plain:
                raise CriteriaFileError(name, "base", f'không có bộ tiêu chí gốc "{base_code}"')
            derived.append(apply_override(plain[base_code], data, name))
    return Registry([*plain.values(), *derived])


@lru_cache(maxsize=1)
def _cached(dirs_key: tuple[str, ...], stamps: tuple[int, ...] = ()) -> Registry:
    return load_dirs(Path(d) for d in dirs_key)


def _stamp(folder: Path) -> int:
    """When a folder's files last changed (a file written, replaced or removed changes it)."""
    try:
        return folder.stat().st_mtime_ns
    except OSError:
        return 0


def load_registry() -> Registry:
    """The registry for this process, cached per set of folders and reloaded when a folder
    other than the built-in one changes (a province's set activated by another process)."""
    dirs = criteria_dirs()
    return _cached(tuple(str(d) for d in dirs), tuple(_stamp(d) for d in dirs[1:]))
