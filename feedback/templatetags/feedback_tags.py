import functools

from django import template
from django.conf import settings
from django.db.models import Count, Window

from portal.prepared import Prepared

from .. import traps
from ..forms import FeedbackForm
from ..models import Feedback

register = template.Library()


@functools.cache
def _first_page(per_page: int) -> Prepared:
    """The first `per_page` approved items of an article and their total, one statement compiled
    once per process (portal/prepared.py): the total from a window function in the same query."""
    return Prepared(
        lambda article_id: Feedback.objects.for_article_page(article_id).annotate(
            total=Window(Count("id"))
        )[:per_page]
    )


@register.inclusion_tag("feedback/includes/_article_block.html", takes_context=True)
def feedback_for_article(context, article):
    """The "Phản hồi" block: approved feedback (oldest first, the first page only) and the form.

    One query whatever the number of items: the total comes from a window function in the same
    query as the first page, so the article page's query count does not grow with the feedback."""
    items = _first_page(settings.FEEDBACK_PER_PAGE).all(article_id=article.pk)
    total = items[0].total if items else 0
    return {
        "article": article,
        "items": items,
        "total": total,
        "more": total > len(items),
        # Same for every reader (the page is cacheable): no CSRF token, no messages, and a time
        # trap that changes once a minute. The thank-you is on the feedback page (never cached).
        "form": FeedbackForm(target=traps.form_target(article.pk), cacheable=True),
    }


@register.simple_tag(takes_context=True)
def feedback_waiting_count(context):
    """How many new items wait for a moderator, for the admin index (None without permission)."""
    request = context.get("request")
    if request is None or not request.user.has_perm("feedback.view_feedback"):
        return None
    return Feedback.objects.waiting().count()
