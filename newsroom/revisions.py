"""Revisions of articles: a JSON snapshot of text and metadata at every save, compared and restored.

Our own small model rather than django-reversion: a revision here must include taggit tags, the
inlines (related links, editor's picks) and labels for deleted rows; restoring must go through the
newsroom's workflow (it never changes the status, bumps the version, and records a new revision),
and the version number doubles as the optimistic lock (newsroom/conflicts.py).
"""

import difflib
import re
from datetime import datetime
from html import unescape

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Article, Author, Category, RelatedArticle, RelatedLink, Unit

from .models import Revision

# The fields a revision keeps, in the order the comparison shows them.
FIELDS = {
    "title": gettext_lazy("title"),
    "slug": gettext_lazy("slug"),
    "lead": gettext_lazy("lead"),
    "body": gettext_lazy("body"),
    "cover_image": gettext_lazy("cover image"),
    "cover_alt": gettext_lazy("cover alt text"),
    "cover_caption": gettext_lazy("cover caption"),
    "cover_credit": gettext_lazy("cover credit"),
    "author": gettext_lazy("author"),
    "unit": gettext_lazy("unit"),
    "category": gettext_lazy("primary category"),
    "extra_categories": gettext_lazy("further categories"),
    "tags": gettext_lazy("tags"),
    "related_links": gettext_lazy("related links"),
    "picks": gettext_lazy("related articles (editor's picks)"),
    "status": gettext_lazy("status"),
    "publish_at": gettext_lazy("publish at"),
    "expire_at": gettext_lazy("expire at"),
    "is_featured": gettext_lazy("featured"),
}
# What a restore brings back: everything but the status and the times, which move only through
# the workflow (an author's restore stays a draft; a published article stays as it is).
RESTORED = [
    "title",
    "slug",
    "lead",
    "body",
    "cover_image",
    "cover_alt",
    "cover_caption",
    "cover_credit",
    "author",
    "unit",
    "category",
    "extra_categories",
    "tags",
    "related_links",
    "picks",
    "is_featured",
]


def snapshot(article: Article) -> dict:
    """The article's text and metadata as JSON, with readable labels for related rows."""
    picks = list(article.picks.select_related("related").order_by("order", "id"))
    extra = list(article.extra_categories.order_by("pk"))
    return {
        "title": article.title,
        "slug": article.slug,
        "lead": article.lead,
        "body": article.body,
        "cover_image": article.cover_image.name or "",
        "cover_alt": article.cover_alt,
        "cover_caption": article.cover_caption,
        "cover_credit": article.cover_credit,
        "author": article.author_id,
        "unit": article.unit_id,
        "category": article.category_id,
        "extra_categories": [c.pk for c in extra],
        "tags": sorted(article.tags.names()),
        "related_links": [
            {"title": link.title, "url": link.url, "order": link.order}
            for link in article.related_links.all()
        ],
        "picks": [{"related": p.related_id, "order": p.order} for p in picks],
        "status": article.status,
        "publish_at": article.publish_at.isoformat() if article.publish_at else None,
        "expire_at": article.expire_at.isoformat() if article.expire_at else None,
        "is_featured": article.is_featured,
        "labels": {
            "author": str(article.author.name) if article.author_id else "",
            "unit": article.unit.name if article.unit_id else "",
            "category": str(article.category) if article.category_id else "",
            "extra_categories": [str(c) for c in extra],
            "picks": [p.related.title for p in picks],
        },
    }


def record(article: Article, *, user, comment: str = "") -> Revision:
    """Keep the article's current state as the revision of its current version."""
    return Revision.objects.create(
        article=article,
        version=article.version,
        data=snapshot(article),
        created_by=user,
        comment=comment[:300],
    )


def display(data: dict, field: str) -> str:
    """A field of a snapshot as plain text for people (the body without its markup)."""
    value = data.get(field)
    labels = data.get("labels", {})
    if field in {"author", "unit", "category", "extra_categories", "picks"}:
        value = labels.get(field, "")
        return ", ".join(value) if isinstance(value, list) else value
    if field == "body":
        text = re.sub(r"</(p|h\d|li|blockquote|figcaption|tr)>", "\n", value or "")
        return unescape(strip_tags(text)).strip()
    if field == "tags":
        return ", ".join(value or [])
    if field == "related_links":
        return "\n".join(f"{link['title']} ({link['url']})" for link in value or [])
    if field == "status":
        return str(Article.Status(value).label) if value in Article.Status.values else ""
    if field in {"publish_at", "expire_at"}:
        if not value:
            return ""
        return timezone.localtime(datetime.fromisoformat(value)).strftime("%d/%m/%Y %H:%M")
    if field == "is_featured":
        return _("Yes") if value else _("No")
    return "" if value is None else str(value)


def changed_fields(old: dict, new: dict) -> list[str]:
    return [field for field in FIELDS if old.get(field) != new.get(field)]


def _mark(old: str, new: str) -> tuple[str, str]:
    """Word-level diff of two texts, escaped, with removed words in <del> and added ones in
    <ins>."""
    a, b = re.findall(r"\S+|\s+", old), re.findall(r"\S+|\s+", new)
    left, right = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        removed, added = escape("".join(a[i1:i2])), escape("".join(b[j1:j2]))
        if op == "equal":
            left.append(removed)
            right.append(added)
            continue
        if removed:
            left.append(f"<del>{removed}</del>")
        if added:
            right.append(f"<ins>{added}</ins>")
    return mark_safe("".join(left)), mark_safe("".join(right))  # noqa: S308 - built from escaped parts


def compare(old: Revision, new: Revision) -> list[dict]:
    """Rows of a side-by-side comparison: every field, with the changed ones marked."""
    rows = []
    for field, label in FIELDS.items():
        before, after = display(old.data, field), display(new.data, field)
        left, right = _mark(before, after) if before != after else (escape(before), escape(after))
        rows.append(
            {"field": field, "label": label, "changed": before != after, "old": left, "new": right}
        )
    return rows


def changes_since(article: Article, version: int) -> tuple[list[str], list[Revision]]:
    """Labels of the fields changed since `version`, and the revisions that changed them."""
    revisions = list(
        article.revisions.filter(version__gt=version)
        .select_related("created_by__author_profile")
        .order_by("version")
    )
    base = article.revisions.filter(version__lte=version).order_by("-version").first()
    if base is None or not revisions:
        return [], revisions
    fields = changed_fields(base.data, revisions[-1].data)
    return [str(FIELDS[f]) for f in fields], revisions


@transaction.atomic
def restore(article: Article, revision: Revision, *, user) -> Article:
    """Bring back the text and metadata of `revision` as a new version (status and times
    unchanged)."""
    from articles import workflow

    article = Article.objects.select_for_update(of=("self",)).get(pk=article.pk)
    ensure_recorded(article.pk)
    data = revision.data
    for field in [
        "title",
        "slug",
        "lead",
        "body",
        "cover_alt",
        "cover_caption",
        "cover_credit",
        "is_featured",
    ]:
        setattr(article, field, data.get(field, getattr(article, field)))
    cover = data.get("cover_image") or ""
    if not cover or default_storage.exists(cover):
        article.cover_image.name = cover
        if not cover:
            article.cover_width = article.cover_height = None
    if Author.objects.filter(pk=data.get("author")).exists():
        if workflow.can_publish(user) or _may_sign(user, data["author"]):
            article.author_id = data["author"]
    article.unit_id = (
        data.get("unit") if Unit.objects.filter(pk=data.get("unit")).exists() else article.unit_id
    )
    if Category.objects.filter(pk=data.get("category")).exists():
        article.category_id = data["category"]
    article.version += 1
    article.updated_by = user
    article.save()
    article.extra_categories.set(Category.objects.filter(pk__in=data.get("extra_categories", [])))
    article.tags.set(data.get("tags", []))
    article.related_links.all().delete()
    RelatedLink.objects.bulk_create(
        RelatedLink(article=article, title=link["title"], url=link["url"], order=link["order"])
        for link in data.get("related_links", [])
    )
    article.picks.all().delete()
    pickable = set(
        Article.objects.pickable_by(user)
        .filter(pk__in=[p["related"] for p in data.get("picks", [])], deleted_at__isnull=True)
        .exclude(pk=article.pk)
        .values_list("pk", flat=True)
    )
    RelatedArticle.objects.bulk_create(
        RelatedArticle(article=article, related_id=p["related"], order=p["order"])
        for p in data.get("picks", [])
        if p["related"] in pickable
    )
    record(
        article,
        user=user,
        comment=_("Restored version %(version)s") % {"version": revision.version},
    )
    return article


def _may_sign(user, author_pk) -> bool:
    from articles.admin import bylines_for

    return bylines_for(user).filter(pk=author_pk).exists()


def ensure_recorded(article_pk: int) -> None:
    """Keep the article's stored state as the revision of its current version if there is none
    (articles saved before revisions existed, or by a script): the base of the next comparison."""
    article = (
        Article.objects.select_related("author", "unit", "category__parent", "updated_by")
        .filter(pk=article_pk)
        .first()
    )
    if article is not None and not article.revisions.filter(version=article.version).exists():
        record(article, user=article.updated_by)
