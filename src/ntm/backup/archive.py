"""The backup file: a gzip'd tar holding ``manifest.json``, the database copy and ``media/``.

The manifest lists every member with its size and SHA-256, so a truncated or altered backup
is refused before anything in the database is touched.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ntm.backup import BackupError

FORMAT = "ntm-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
# The provinces' activated criteria files (``settings.PROVINCIAL_SETS_DIR``): the registry reads
# them, so a restored database without them would judge the provinces' communes by other rules.
PROVINCIAL_SETS_PREFIX = "criteria-provinces/"
CHUNK = 1 << 20

MSG_NOT_A_BACKUP = "Tệp {path} không phải bản sao lưu của ntm ({reason})"
MSG_DAMAGED = "Bản sao lưu {path} bị hỏng: {reason}"
MSG_NEWER_FORMAT = (
    "Bản sao lưu {path} có định dạng {version}, mới hơn phiên bản ntm này (cần cập nhật ntm)"
)
MSG_NOT_TAR = "không phải tệp .tar.gz"
MSG_TRUNCATED = "tệp bị cắt cụt (chép thiếu?)"
MSG_UNSAFE_NAME = 'tên tệp không an toàn "{name}"'
MSG_MISSING_MEMBER = 'thiếu "{name}"'
MSG_CHECKSUM = 'nội dung "{name}" không khớp mã kiểm tra'
MSG_UNLISTED = 'có tệp lạ "{name}" không có trong danh sách'


@dataclass
class Manifest:
    engine: str
    created: str
    database: str
    members: dict[str, dict[str, Any]] = field(default_factory=dict)
    ntm_version: str = ""
    # True when the backup holds the activated provincial sets folder (empty or not): a backup
    # made before it did says nothing about that folder, and restoring it leaves the folder be.
    provincial_sets: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "engine": self.engine,
            "created": self.created,
            "database": self.database,
            "ntm_version": self.ntm_version,
            "provincial_sets": self.provincial_sets,
            "members": self.members,
        }


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def media_files(root: Path) -> Iterator[tuple[str, Path]]:
    """(archive name, path) of every regular file under the media folder, sorted."""
    if not root.is_dir():
        return
    for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()):
        yield MEDIA_PREFIX + path.relative_to(root).as_posix(), path


def provincial_set_files(root: Path) -> Iterator[tuple[str, Path]]:
    """(archive name, path) of every activated criteria file (``*.yaml``) in ``root``."""
    if not root.is_dir():
        return
    for path in sorted(p for p in root.glob("*.yaml") if p.is_file() and not p.is_symlink()):
        yield PROVINCIAL_SETS_PREFIX + path.name, path


def write_archive(target: Path, manifest: Manifest, files: list[tuple[str, Path]]) -> None:
    """Write the archive next to ``target`` and rename it into place: never half a backup."""
    for name, path in files:
        manifest.members[name] = {"size": path.stat().st_size, "sha256": sha256_of(path)}
    partial = target.with_name(target.name + ".partial")
    try:
        with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
            data = json.dumps(manifest.to_json(), ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mode = 0o600
            tar.addfile(info, io.BytesIO(data))
            for name, path in files:
                tar.add(path, arcname=name, recursive=False)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def _safe(name: str) -> bool:
    pure = PurePosixPath(name)
    return not pure.is_absolute() and ".." not in pure.parts and name == pure.as_posix()


def read_manifest(path: Path) -> Manifest:
    """The checked manifest of ``path``; raises ``BackupError`` for anything else."""
    try:
        with tarfile.open(path, "r:*") as tar:
            member = tar.getmember(MANIFEST)
            handle = tar.extractfile(member)
            raw = json.loads(handle.read().decode("utf-8")) if handle else None
    except KeyError:
        raise BackupError(
            MSG_NOT_A_BACKUP.format(path=path, reason=MSG_MISSING_MEMBER.format(name=MANIFEST))
        ) from None
    except tarfile.ReadError:
        raise BackupError(MSG_NOT_A_BACKUP.format(path=path, reason=MSG_NOT_TAR)) from None
    except EOFError:
        raise BackupError(MSG_NOT_A_BACKUP.format(path=path, reason=MSG_TRUNCATED)) from None
    except (tarfile.TarError, OSError, UnicodeDecodeError, ValueError) as exc:
        raise BackupError(MSG_NOT_A_BACKUP.format(path=path, reason=exc)) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise BackupError(MSG_NOT_A_BACKUP.format(path=path, reason="manifest.json"))
    if not isinstance(raw.get("version"), int) or raw["version"] > FORMAT_VERSION:
        raise BackupError(MSG_NEWER_FORMAT.format(path=path, version=raw.get("version")))
    members = raw.get("members")
    if not isinstance(members, dict) or not isinstance(raw.get("database"), str):
        raise BackupError(MSG_DAMAGED.format(path=path, reason="manifest.json"))
    return Manifest(
        engine=str(raw.get("engine")),
        created=str(raw.get("created")),
        database=raw["database"],
        members=members,
        ntm_version=str(raw.get("ntm_version", "")),
        provincial_sets=raw.get("provincial_sets") is True,
    )


def extract_verified(path: Path, manifest: Manifest, into: Path) -> None:
    """Extract every listed member into ``into``, checking names, sizes and checksums."""
    seen: set[str] = set()
    try:
        with tarfile.open(path, "r:*") as tar:
            for member in tar:
                if member.name == MANIFEST:
                    continue
                if not _safe(member.name) or not member.isfile():
                    raise BackupError(
                        MSG_DAMAGED.format(
                            path=path, reason=MSG_UNSAFE_NAME.format(name=member.name)
                        )
                    )
                expected = manifest.members.get(member.name)
                if expected is None:
                    raise BackupError(
                        MSG_DAMAGED.format(path=path, reason=MSG_UNLISTED.format(name=member.name))
                    )
                out = into / member.name
                out.parent.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256()
                source = tar.extractfile(member)
                with out.open("wb") as handle:
                    while block := source.read(CHUNK):
                        digest.update(block)
                        handle.write(block)
                if digest.hexdigest() != expected.get(
                    "sha256"
                ) or out.stat().st_size != expected.get("size"):
                    raise BackupError(
                        MSG_DAMAGED.format(path=path, reason=MSG_CHECKSUM.format(name=member.name))
                    )
                seen.add(member.name)
    except EOFError:
        raise BackupError(MSG_DAMAGED.format(path=path, reason=MSG_TRUNCATED)) from None
    except (tarfile.TarError, OSError, ValueError) as exc:
        # zlib errors of a truncated archive surface as OSError/EOFError from gzip.
        raise BackupError(MSG_DAMAGED.format(path=path, reason=exc)) from None
    missing = sorted(set(manifest.members) - seen)
    if missing:
        raise BackupError(
            MSG_DAMAGED.format(path=path, reason=MSG_MISSING_MEMBER.format(name=missing[0]))
        )
