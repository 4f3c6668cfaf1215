"""Documents and library images for the media tests."""

import io
import itertools
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from medialib.models import ArticleDocument, Document, GalleryItem, Image
from tests.factories import image_file

_seq = itertools.count(1)

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
OLE2 = bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 504


def zip_bytes(entries: dict[str, bytes], *, stored_first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first:
            archive.writestr(
                zipfile.ZipInfo(stored_first),
                entries.pop(stored_first),
                compress_type=zipfile.ZIP_STORED,
            )
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    return zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


def xlsx_bytes() -> bytes:
    return zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})


def odf_bytes(kind="text") -> bytes:
    return zip_bytes(
        {
            "mimetype": f"application/vnd.oasis.opendocument.{kind}".encode(),
            "content.xml": b"<office/>",
        },
        stored_first="mimetype",
    )


def upload(
    name="quyet-dinh.pdf", content=PDF, content_type="application/pdf"
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def make_document(*, title=None, content=PDF, name="quyet-dinh.pdf", **kw) -> Document:
    document = Document(
        title=title or f"Quyết định số {next(_seq)}/QĐ-UBND", file=upload(name, content), **kw
    )
    document.save()
    return document


def attach(article, document, position=0) -> ArticleDocument:
    return ArticleDocument.objects.create(article=article, document=document, position=position)


def make_image(*, alt="Ảnh thử", caption="", credit="", size=(64, 48), **kw) -> Image:
    image = Image(alt=alt, caption=caption, credit=credit, **kw)
    image.file.save("anh.jpg", image_file(size=size), save=False)
    image.save()
    return image


def add_to_gallery(article, image, position=0, caption="") -> GalleryItem:
    return GalleryItem.objects.create(
        article=article, image=image, position=position, caption=caption
    )


def ensure_media_roles() -> None:
    """Put back the roles and their media permissions (migrations media.0002): a transactional
    (browser) test that ran earlier flushed the groups."""
    import importlib

    from django.contrib.auth.models import Group, Permission

    from tests.feedback.factories import ensure_migration_data

    ensure_migration_data()
    roles = importlib.import_module("medialib.migrations.0002_roles").ROLES
    for name, codes in roles.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="media", codename__in=[c.split(".")[1] for c in codes]
            )
        )
