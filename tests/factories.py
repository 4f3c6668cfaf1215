"""Test factories: plain functions with keyword defaults (see STYLE.md, "Factories are functions")."""

import io
import itertools
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
        return User.objects.create_superuser(username, f"{username}@example.invalid", "pw-for-tests-only", **kw)
    user = User.objects.create_user(username, f"{username}@example.invalid", "pw-for-tests-only", is_staff=True, **kw)
    user.groups.add(Group.objects.get(name=role))
    return user


def image_file(name="anh.jpg", size=(64, 48), fmt="JPEG") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, fmt)
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}[fmt]
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)
