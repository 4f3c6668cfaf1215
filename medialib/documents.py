"""The one judge of documents attached to articles: PDF, DOC/DOCX, XLS/XLSX, ODT/ODS and ZIP.

A file's type is read from its content, never from its name or the browser's Content-Type:
PDF by its `%PDF-` header; DOC and XLS by the OLE2 compound-file signature (the name then says
which of the two); DOCX, XLSX, ODT and ODS by the parts their ZIP container must hold; any other
ZIP as a ZIP. Nothing is decompressed (an ODF's `mimetype` entry is stored uncompressed and a few
bytes long), so a ZIP bomb costs nothing. The size is capped by DOCUMENT_UPLOAD_MAX_MB. Documents
are stored under generated names and always served as downloads (medialib.views.download).
"""

import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MIB = 1024 * 1024
PDF_MAGIC = b"%PDF-"
OLE2_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # a local file header, or an empty archive's end record
MAX_ZIP_ENTRIES = 10_000


@dataclass(frozen=True)
class Kind:
    code: str
    extension: str
    label: str  # what readers see next to the link
    content_type: str


KINDS = {
    kind.code: kind
    for kind in [
        Kind("pdf", "pdf", "PDF", "application/pdf"),
        Kind("doc", "doc", "Word", "application/msword"),
        Kind(
            "docx",
            "docx",
            "Word",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        Kind("xls", "xls", "Excel", "application/vnd.ms-excel"),
        Kind(
            "xlsx",
            "xlsx",
            "Excel",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        Kind("odt", "odt", "ODT", "application/vnd.oasis.opendocument.text"),
        Kind("ods", "ods", "ODS", "application/vnd.oasis.opendocument.spreadsheet"),
        Kind("zip", "zip", "ZIP", "application/zip"),
    ]
}
CHOICES = [(kind.code, f"{kind.label} (.{kind.extension})") for kind in KINDS.values()]
ACCEPT = ",".join(f".{kind.extension}" for kind in KINDS.values())
_ODF = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}


def max_bytes() -> int:
    return settings.DOCUMENT_UPLOAD_MAX_MB * MIB


def _not_accepted() -> ValidationError:
    return ValidationError(
        _("This file is not a document that can be attached (PDF, Word, Excel, ODT, ODS or ZIP)."),
        code="not_a_document",
    )


def _zip_kind(upload) -> str:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                raise _not_accepted()
            names = {info.filename for info in infos}
            first = infos[0] if infos else None
            if (
                first is not None
                and first.filename == "mimetype"
                and first.compress_type == zipfile.ZIP_STORED
            ):
                kind = _ODF.get(
                    archive.read(first)[:100].strip()
                )  # stored, not compressed: no bomb
                if kind:
                    return kind
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        EOFError,
        ValueError,
        NotImplementedError,
    ):
        raise _not_accepted() from None
    if "[Content_Types].xml" in names:
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    return "zip"


def detect_kind(upload, name: str = "") -> str:
    """The document's kind (a KINDS key) judged by its content; ValidationError if none."""
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    extension = PurePath(name).suffix.lower().lstrip(".")
    if head.startswith(PDF_MAGIC):
        return "pdf"
    if head.startswith(OLE2_MAGIC):
        # Word 97–2003 and Excel 97–2003 share the compound-file container; the name says which.
        if extension in ("doc", "xls"):
            return extension
        raise ValidationError(
            _("An Office 97–2003 file must be named .doc or .xls; rename it and try again."),
            code="ole_name",
        )
    if head.startswith(ZIP_MAGIC):
        return _zip_kind(upload)
    raise _not_accepted()


def check_document(upload) -> str:
    """Judge an uploaded file: its size, then its content. Returns its kind."""
    if upload.size is not None and upload.size > max_bytes():
        raise ValidationError(
            _(
                "The document is larger than %(mb)d MB; make it smaller (or split it) and try "
                "again."
            ),
            code="too_big",
            params={"mb": settings.DOCUMENT_UPLOAD_MAX_MB},
        )
    if not upload.size:
        raise ValidationError(_("The file is empty."), code="empty")
    return detect_kind(upload, getattr(upload, "name", "") or "")


def stored_name(kind: str) -> str:
    """A generated name: nothing of what the uploader called the file reaches the file system."""
    return f"documents/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{KINDS[kind].extension}"
