"""Test factories: plain functions with keyword defaults (see STYLE.md, "Factories are
functions")."""

import functools
import io
import itertools
import struct
import zlib
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, Author, Category, Unit, WebsiteLink

_seq = itertools.count(1)


def make_unit(**kw) -> Unit:
    n = next(_seq)
    kw.setdefault("name", f"Sở Thông tin {n}")
    kw.setdefault("slug", f"so-thong-tin-{n}")
    return Unit.objects.create(**kw)


def make_author(**kw) -> Author:
    n = next(_seq)
    kw.setdefault("name", f"Phóng viên {n}")
    kw.setdefault("slug", f"phong-vien-{n}")
    if "unit" not in kw:
        kw["unit"] = make_unit()
    return Author.objects.create(**kw)


def make_category(**kw) -> Category:
    n = next(_seq)
    kw.setdefault("name", f"Chuyên mục {n}")
    kw.setdefault("slug", f"chuyen-muc-{n}")
    return Category.objects.create(**kw)


def make_article(*, title=None, status=Article.Status.PUBLISHED, **kw) -> Article:
    n = next(_seq)
    kw.setdefault("slug", f"bai-viet-{n}")
    kw.setdefault("lead", "Tóm tắt bài viết thử nghiệm.")
    kw.setdefault("body", "<p>Nội dung bài viết.</p>")
    if "author" not in kw:
        kw["author"] = make_author()
    if "category" not in kw:
        kw["category"] = make_category()
    if status == Article.Status.PUBLISHED:
        kw.setdefault("publish_at", timezone.now() - timedelta(hours=n % 48 + 1))
    tags = kw.pop("tags", None)
    article = Article.objects.create(title=title or f"Bài viết thử {n}", status=status, **kw)
    if tags:
        article.tags.set(tags)
    return article


def make_website_link(**kw) -> WebsiteLink:
    n = next(_seq)
    kw.setdefault("title", f"Liên kết {n}")
    kw.setdefault("url", f"https://example{n}.gov.vn/")
    return WebsiteLink.objects.create(**kw)


def make_staff(role: str | None = None, *, username=None, **kw):
    """A staff user in the named group ("Authors", "Editors", "Moderators"), or a superuser."""
    User = get_user_model()
    username = username or f"user{next(_seq)}"
    if role is None:
        return User.objects.create_superuser(
            username, f"{username}@example.invalid", "pw-for-tests-only", **kw
        )
    user = User.objects.create_user(
        username, f"{username}@example.invalid", "pw-for-tests-only", is_staff=True, **kw
    )
    user.groups.add(Group.objects.get(name=role))
    return user


def image_file(
    name="anh.jpg", size=(64, 48), fmt="JPEG", *, image=None, **save_options
) -> SimpleUploadedFile:
    """An upload of a plain red picture (or of `image`); `save_options` go to Pillow (exif=…,
    comment=…)."""
    buffer = io.BytesIO()
    (image or Image.new("RGB", size, (200, 30, 30))).save(buffer, fmt, **save_options)
    content_type = {
        "JPEG": "image/jpeg",
        "PNG": "image/png",
        "GIF": "image/gif",
        "WEBP": "image/webp",
    }[fmt]
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


def eps_file(marker, name="bia.jpg") -> SimpleUploadedFile:
    """An EPS (PostScript) file, named like a JPEG, whose program creates the file `marker` if
    run."""
    program = (
        "%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 120 90\n"
        f"({marker}) (w) file dup (owned) writestring closefile\nshowpage\n%%EOF\n"
    )
    return SimpleUploadedFile(name, program.encode(), content_type="image/jpeg")


@functools.cache
def _blank_png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    pixels = zlib.compressobj(9)
    row = b"\0" * (width + 1)  # filter byte + one grey byte per pixel
    idat = b"".join(pixels.compress(row) for _ in range(height)) + pixels.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def huge_png_file(name="lon.png", width=12_000, height=12_000) -> SimpleUploadedFile:
    """A valid grey PNG of width×height pixels that is small on disk (12000×12000: 140 KB, 144 MB
    decoded)."""
    return SimpleUploadedFile(name, _blank_png(width, height), content_type="image/png")
