"""Evidence files (minh chứng): what may be uploaded, and attaching it to a value (the
assessments app's write service for evidence; the pages only hand it the upload).

Why strict: evidence is uploaded by many people and downloaded by others, so a file must be
what its name says. The extension must be on the list AND the first bytes (and, for zip-based
office files, the members inside) must match it; the size is capped; the stored name is ours,
not the uploader's. Files are only ever served as downloads (the web's and the API's evidence
views).
"""

from __future__ import annotations

import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ntm.assessments.models import Evidence, IndicatorValue

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
MSG_EVIDENCE_TOO_BIG = gettext_noop("Tệp “{name}” lớn hơn 10 MB.")
MSG_EVIDENCE_TYPE = gettext_noop(
    "Tệp “{name}” không được chấp nhận: chỉ nhận PDF, ảnh (PNG, JPEG, GIF, WebP) và văn bản Office "
    "(DOC, DOCX, XLS, XLSX, PPT, PPTX, ODT, ODS, ODP)."
)
MSG_EVIDENCE_MISMATCH = gettext_noop("Nội dung tệp “{name}” không đúng với đuôi .{ext} của nó.")
MSG_EVIDENCE_NO_VALUE = gettext_noop("Chỉ tiêu {code}: hãy nhập giá trị trước khi tải minh chứng.")

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"
# extension -> (content type, accepted leading bytes, member that a zip-based file must hold)
KINDS: dict[str, tuple[str, tuple[bytes, ...], str | None]] = {
    "pdf": ("application/pdf", (b"%PDF-",), None),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",), None),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",), None),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",), None),
    "gif": ("image/gif", (b"GIF87a", b"GIF89a"), None),
    "webp": ("image/webp", (b"RIFF",), None),
    "doc": ("application/msword", (OLE,), None),
    "xls": ("application/vnd.ms-excel", (OLE,), None),
    "ppt": ("application/vnd.ms-powerpoint", (OLE,), None),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (ZIP,),
        "word/",
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (ZIP,), "xl/"),
    "pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        (ZIP,),
        "ppt/",
    ),
    "odt": ("application/vnd.oasis.opendocument.text", (ZIP,), "mimetype"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", (ZIP,), "mimetype"),
    "odp": ("application/vnd.oasis.opendocument.presentation", (ZIP,), "mimetype"),
}
ACCEPT_ATTRIBUTE = ",".join(f".{ext}" for ext in KINDS)


class EvidenceRejected(ValueError):
    """An upload that is too big or not what it claims to be; ``message`` is for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class CheckedUpload:
    upload: UploadedFile
    extension: str
    content_type: str


def _zip_holds(upload: UploadedFile, member: str) -> bool:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False
    finally:
        upload.seek(0)
    return any(name == member or name.startswith(member) for name in names)


def check_upload(upload: UploadedFile) -> CheckedUpload:
    """The upload with its checked type, or ``EvidenceRejected``."""
    name = upload.name or ""
    if upload.size is None or upload.size > MAX_EVIDENCE_BYTES:
        raise EvidenceRejected(_(MSG_EVIDENCE_TOO_BIG).format(name=name))
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension not in KINDS:
        raise EvidenceRejected(_(MSG_EVIDENCE_TYPE).format(name=name))
    content_type, magics, member = KINDS[extension]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    matches = any(head.startswith(m) for m in magics)
    if extension == "webp":
        matches = matches and head[8:12] == b"WEBP"
    if matches and member is not None:
        matches = _zip_holds(upload, member)
    if not matches:
        raise EvidenceRejected(_(MSG_EVIDENCE_MISMATCH).format(name=name, ext=extension))
    return CheckedUpload(upload, extension, content_type)


def stored_name(original: str, extension: str) -> str:
    """A name of our own making: a random prefix, the sanitised stem, the checked extension."""
    stem = get_valid_filename(PurePath(original).stem)[:60] or "minh-chung"
    return f"{uuid.uuid4().hex[:12]}-{stem}.{extension}"


@transaction.atomic
def do_attach_evidence(*, value: IndicatorValue, checked: CheckedUpload, user: Any) -> Evidence:
    """Store the file and its row together (the row is rolled back if storing fails)."""
    evidence = Evidence(
        value=value,
        original_name=(checked.upload.name or "")[:255],
        content_type=checked.content_type,
        size=checked.upload.size or 0,
        uploaded_by=user if getattr(user, "pk", None) else None,
    )
    evidence.file.save(
        stored_name(checked.upload.name or "", checked.extension), checked.upload, save=False
    )
    evidence.save()
    return evidence


def delete_files_after_commit(evidence: Iterable[Evidence]) -> None:
    """Remove these evidence files from storage once the transaction deleting their rows has
    committed: a rolled-back deletion keeps its files, and a committed one leaves none behind.
    A file another row still names is kept."""
    files = [(e.file.storage, e.file.name) for e in evidence if e.file]
    if files:
        transaction.on_commit(lambda: _delete_unreferenced(files))


def _delete_unreferenced(files: list[tuple[Any, str]]) -> None:
    for storage, name in files:
        if not Evidence.objects.filter(file=name).exists():
            storage.delete(name)
