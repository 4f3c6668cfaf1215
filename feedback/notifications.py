"""E-mails to moderators about new feedback: one per item, or a digest. They carry the article,
the sender's name and the start of the message, and a link to the admin; never the sender's
e-mail, phone or address (those stay in the admin, for moderators with the permission)."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import Feedback

logger = logging.getLogger("feedback")


def moderator_emails() -> list[str]:
    if settings.FEEDBACK_MODERATOR_EMAILS:
        return list(settings.FEEDBACK_MODERATOR_EMAILS)
    users = (
        get_user_model().objects.filter(is_active=True, groups__name="Moderators").exclude(email="")
    )
    return sorted(set(users.values_list("email", flat=True)))


def _admin_url(path: str) -> str:
    # E-mails are sent outside a request (the digest): the public address comes from settings.
    return settings.PUBLIC_BASE_URL + path


def notify_new(feedback_id: int) -> bool:
    """Tell the moderators about one new item. Returns False when there is nobody to tell."""
    recipients = moderator_emails()
    feedback = Feedback.objects.select_related("article").get(pk=feedback_id)
    if not recipients:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "feedback": feedback,
            "admin_url": _admin_url(reverse("admin:feedback_feedback_change", args=[feedback.pk])),
        }
        subject = render_to_string("feedback/email/new_subject.txt", context).strip()
        body = render_to_string("feedback/email/new_body.txt", context)
    send_mail(subject, body, None, recipients)
    Feedback.objects.filter(pk=feedback.pk).update(notified_at=timezone.now())
    return True


def notify_new_safely(feedback_id: int) -> None:
    """notify_new for after the reader's message is saved: a failing or slow mail server is
    logged and never reaches the reader (the item stays un-notified and goes into the digest)."""
    try:
        notify_new(feedback_id)
    except Exception:
        logger.exception("feedback: could not notify moderators of item %s", feedback_id)


def send_digest() -> int:
    """One e-mail listing every item not yet notified; returns how many items it listed."""
    recipients = moderator_emails()
    with transaction.atomic():
        pending = list(
            Feedback.objects.filter(notified_at__isnull=True)
            .select_related("article")
            .select_for_update(of=("self",), skip_locked=True)
            .order_by("created_at", "id")
        )
        if not pending or not recipients:
            return 0
        with translation.override(settings.LANGUAGE_CODE):
            context = {
                "items": [f for f in pending if f.status != Feedback.Status.SPAM],
                "spam_count": sum(f.status == Feedback.Status.SPAM for f in pending),
                "total": len(pending),
                "admin_url": _admin_url(
                    reverse("admin:feedback_feedback_changelist") + "?status__exact=new"
                ),
            }
            subject = render_to_string("feedback/email/digest_subject.txt", context).strip()
            body = render_to_string("feedback/email/digest_body.txt", context)
        send_mail(subject, body, None, recipients)
        Feedback.objects.filter(pk__in=[f.pk for f in pending]).update(notified_at=timezone.now())
    return len(pending)
