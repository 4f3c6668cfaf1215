from django import template
from django.db.models import OuterRef, Q, Subquery

from articles import workflow
from articles.models import Article, StatusChange

register = template.Library()


@register.simple_tag(takes_context=True)
def newsroom_waiting(context):
    """For the admin home: editors get how many articles wait for review; authors how many of
    theirs were sent back (with a reason) and how many wait. None for people without articles."""
    user = context["request"].user
    if not user.has_perm("articles.view_article") and not user.has_perm("articles.change_article"):
        return None
    live = Article.objects.filter(deleted_at__isnull=True)
    if workflow.can_publish(user):
        return {"editor": True, "pending": live.filter(status=Article.Status.PENDING).count()}
    own = live.editable_by(user)
    last = StatusChange.objects.filter(article=OuterRef("pk")).order_by("-changed_at", "-id")
    sent_back = (
        own.filter(status=Article.Status.DRAFT)
        .annotate(
            last_from=Subquery(last.values("from_status")[:1]),
            last_note=Subquery(last.values("note")[:1]),
        )
        .filter(last_from=Article.Status.PENDING)
        .exclude(Q(last_note="") | Q(last_note__isnull=True))
        .count()
    )
    return {
        "editor": False,
        "pending": own.filter(status=Article.Status.PENDING).count(),
        "sent_back": sent_back,
    }
