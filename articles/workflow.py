"""The newsroom's workflow: who may move an article to which status, and the record of each move."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Article, StatusChange

# What an author may set, and what they may still edit: once submitted, the text the editor
# reviews is frozen for its author (they can take it back to draft to change it).
AUTHOR_STATUSES = {Article.Status.DRAFT, Article.Status.PENDING}
AUTHOR_EDITABLE = {Article.Status.DRAFT}
# How long a deleted article can be restored; `manage.py purge_trash` removes older ones.
TRASH_DAYS = 30


def can_publish(user) -> bool:
    return user.has_perm("articles.publish_article")


def allowed_statuses(user) -> set[str]:
    return set(Article.Status.values) if can_publish(user) else set(AUTHOR_STATUSES)


def is_send_back(from_status: str, to_status: str, user) -> bool:
    """An editor returning a submitted article to its author (a reason is required)."""
    return (
        can_publish(user)
        and from_status == Article.Status.PENDING
        and to_status == Article.Status.DRAFT
    )


def record_status_change(article: Article, *, from_status: str, user, note: str = "") -> None:
    if from_status != article.status:
        from newsroom import notify

        StatusChange.objects.create(
            article=article,
            from_status=from_status or "",
            to_status=article.status,
            changed_by=user,
            note=note,
        )
        notify.status_changed(
            article, from_status=from_status, to_status=article.status, user=user, note=note
        )


@transaction.atomic
def set_status(articles, status: str, *, user, seen_versions=None, stale=None) -> int:
    """Move each article to `status` (bulk actions); publishing with no time publishes now.

    Authors move only their own drafts and pending articles; the rest are left as they are.
    `seen_versions` ({pk: version}, from the list the person looked at): an article changed since
    is left as it is and appended to `stale`. Editors send an article back with a reason, in its
    form, never in bulk. Returns how many articles changed. Raises PermissionError if `user` may
    not set `status`.
    """
    from newsroom import revisions

    if status not in allowed_statuses(user):
        raise PermissionError(_("You may not set this status."))
    changed = 0
    now = timezone.now()
    publisher = can_publish(user)
    seen_versions = seen_versions or {}
    queryset = (
        articles.editable_by(user).filter(deleted_at__isnull=True).select_for_update(of=("self",))
    )
    for article in queryset.order_by("pk"):
        if article.status == status or (not publisher and article.status not in AUTHOR_STATUSES):
            continue
        if seen_versions.get(article.pk, article.version) != article.version:
            if stale is not None:
                stale.append(article)
            continue
        if is_send_back(article.status, status, user) and not _is_own(user, article):
            continue
        revisions.ensure_recorded(article.pk)
        previous = article.status
        article.status = status
        fields = ["status", "updated_by", "updated_at", "version"]
        if status == Article.Status.PUBLISHED and article.publish_at is None:
            article.publish_at = now
            fields.append("publish_at")
        article.updated_by = user
        article.version += 1
        article.save(update_fields=fields)
        record_status_change(article, from_status=previous, user=user)
        revisions.record(article, user=user)
        changed += 1
    return changed


def _is_own(user, article: Article) -> bool:
    return article.created_by_id == user.pk or (
        article.author_id and article.author.user_id == user.pk
    )


def may_trash(user, article: Article) -> bool:
    """Only editors delete, and a published article must be unpublished first."""
    return (
        can_publish(user)
        and article.status != Article.Status.PUBLISHED
        and article.deleted_at is None
    )


@transaction.atomic
def trash(article: Article, *, user) -> bool:
    """Move an article to the trash. Returns False (and changes nothing) if it may not be
    trashed."""
    article = Article.objects.select_for_update(of=("self",)).get(pk=article.pk)
    if not may_trash(user, article):
        return False
    article.deleted_at = timezone.now()
    article.deleted_by = user
    article.version += 1
    article.save(update_fields=["deleted_at", "deleted_by", "version", "updated_at"])
    return True


@transaction.atomic
def restore_from_trash(article: Article, *, user) -> bool:
    article = Article.objects.select_for_update(of=("self",)).get(pk=article.pk)
    if not can_publish(user) or article.deleted_at is None:
        return False
    article.deleted_at = None
    article.deleted_by = None
    article.version += 1
    article.updated_by = user
    article.save(update_fields=["deleted_at", "deleted_by", "version", "updated_at", "updated_by"])
    return True


def purge_trash(*, now=None) -> int:
    """Delete for good the articles in the trash for more than TRASH_DAYS days, with their
    history."""
    cutoff = (now or timezone.now()) - timedelta(days=TRASH_DAYS)
    purged = 0
    for article in Article.objects.filter(deleted_at__lt=cutoff).only("pk"):
        with transaction.atomic():
            article.delete()
        purged += 1
    return purged
