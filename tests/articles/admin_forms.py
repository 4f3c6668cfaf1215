"""Build the POST data of the article admin form, as the browser would send it."""

from django.contrib import admin
from django.forms.models import _get_foreign_key
from django.utils import timezone

from articles.models import Article


def article_post_data(article: Article | None = None, **fields) -> dict:
    data = {}
    if article is not None:
        data.update(
            title=article.title,
            slug=article.slug,
            lead=article.lead,
            body=article.body,
            author=article.author_id,
            unit=article.unit_id or "",
            category=article.category_id,
            tags=", ".join(t.name for t in article.tags.all()),
            status=article.status,
            publish_at_0=timezone.localtime(article.publish_at).strftime("%d/%m/%Y")
            if article.publish_at
            else "",
            publish_at_1=timezone.localtime(article.publish_at).strftime("%H:%M:%S")
            if article.publish_at
            else "",
            expire_at_0="",
            expire_at_1="",
            cover_alt=article.cover_alt,
            seen_version=article.version,  # the version the form was opened on (optimistic locking)
        )
    changes = list(article.status_changes.all()) if article is not None else []
    inlines = (("related_links", []), ("picks", []), ("status_changes", changes))
    inlines += (
        ("gallery_items", []),
        ("attachments", []),
    )  # the photo gallery and documents (medialib)
    for prefix, initial in inlines:
        data[f"{prefix}-TOTAL_FORMS"] = len(initial)
        data[f"{prefix}-INITIAL_FORMS"] = len(initial)
        data[f"{prefix}-MIN_NUM_FORMS"] = 0
        data[f"{prefix}-MAX_NUM_FORMS"] = 1000
        for index, row in enumerate(initial):
            data[f"{prefix}-{index}-id"] = row.pk
            data[f"{prefix}-{index}-article"] = article.pk
    # Inlines added by other apps (gallery, documents…): empty management forms, as a browser sends.
    for inline in admin.site._registry[Article].inlines:
        fk = _get_foreign_key(Article, inline.model, fk_name=inline.fk_name)
        prefix = fk.remote_field.get_accessor_name(model=inline.model).replace("+", "")
        if f"{prefix}-TOTAL_FORMS" not in data:
            for name, value in (("TOTAL", 0), ("INITIAL", 0), ("MIN_NUM", 0), ("MAX_NUM", 1000)):
                data[f"{prefix}-{name}_FORMS"] = value
    data.update(fields)  # last, so a test can also set the inlines' management forms
    return {key: value for key, value in data.items() if value is not None}
