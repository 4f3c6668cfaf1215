"""The newsroom's workflow: who may move an article to which status, and the record of each move."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Article, StatusChange

# What an author may set, and what they may still edit: once submitted, the text the editor
# reviews is frozen for its author (they can take it back to draft to change it).
AUTHOR_STATUSES = {Article.Status.DRAFT, Article.Status.PENDING}
AUTHOR_EDITABLE = {Article.Status.DRAFT}


def can_publish(user) -> bool:
    return user.has_perm("articles.publish_article")


def allowed_statuses(user) -> set[str]:
    return set(Article.Status.values) if can_publish(user) else set(AUTHOR_STATUSES)


def record_status_change(article: Article, *, from_status: str, user) -> None:
    if from_status != article.status:
        StatusChange.objects.create(
            article=article, from_status=from_status or "", to_status=article.status, changed_by=user
        )


@transaction.atomic
def set_status(articles, status: str, *, user) -> int:
    """Move each article to `status` (bulk actions); publishing with no time publishes now.

    Authors move only their own drafts and pending articles; the rest are left as they are.
    Returns how many articles changed. Raises PermissionError if `user` may not set `status`.
    """
    if status not in allowed_statuses(user):
        raise PermissionError(_("You may not set this status."))
    changed = 0
    now = timezone.now()
    publisher = can_publish(user)
    for article in articles.editable_by(user).select_for_update(of=("self",)):
        if article.status == status or (not publisher and article.status not in AUTHOR_STATUSES):
            continue
        previous = article.status
        article.status = status
        fields = ["status", "updated_by", "updated_at"]
        if status == Article.Status.PUBLISHED and article.publish_at is None:
            article.publish_at = now
            fields.append("publish_at")
        article.updated_by = user
        article.save(update_fields=fields)
        record_status_change(article, from_status=previous, user=user)
        changed += 1
    return changed
