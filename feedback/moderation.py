"""The feedback workflow: receiving a message, moderators' decisions, answers, and erasure of the
sender's personal data. Every change that a person makes is recorded in FeedbackEvent."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from . import notifications, spam
from .models import Feedback, FeedbackEvent, PrivacyNotice, Reply

logger = logging.getLogger("feedback")

_DECISIONS = {
    Feedback.Status.APPROVED: FeedbackEvent.Action.APPROVED,
    Feedback.Status.REJECTED: FeedbackEvent.Action.REJECTED,
    Feedback.Status.SPAM: FeedbackEvent.Action.SPAM,
    Feedback.Status.NEW: FeedbackEvent.Action.REOPENED,
}


def receive(
    *,
    article,
    name: str,
    email: str,
    phone: str,
    address: str,
    message: str,
    language: str = "",
) -> Feedback:
    """Save a reader's message with its consent record, in one transaction, before anything else.

    Moderators are notified only after the transaction commits, and a failing notification is
    logged, never raised: the reader's message is already safe by then."""
    with transaction.atomic():
        notice = (
            PrivacyNotice.objects.current() or PrivacyNotice.objects.order_by("version").first()
        )
        if notice is None:  # the migration creates version 1; this only guards a wiped table
            notice, _ = PrivacyNotice.objects.get_or_create(
                version=1, defaults={"title": "Privacy notice", "body": ""}
            )
        digest = spam.message_digest(message)
        reason = spam.spam_reason(name=name, message=message, address=address, digest=digest)
        now = timezone.now()
        feedback = Feedback.objects.create(
            article=article,
            name=name,
            email=email,
            phone=phone,
            address=address,
            message=message,
            language=language[:8],
            consent_at=now,
            privacy_notice=notice,
            status=Feedback.Status.SPAM if reason else Feedback.Status.NEW,
            spam_reason=reason[:200],
            message_digest=digest,
            created_at=now,
        )
        FeedbackEvent.objects.create(
            feedback=feedback, action=FeedbackEvent.Action.RECEIVED, at=now, note=reason[:300]
        )
        if settings.FEEDBACK_NOTIFY == "immediate" and not reason:
            transaction.on_commit(lambda: notifications.notify_new_safely(feedback.pk), robust=True)
    return feedback


@transaction.atomic
def set_status(feedback: Feedback, status: str, *, moderator, note: str = "") -> bool:
    """Move one item to `status`, recording who and when. Returns False when nothing changed."""
    locked = Feedback.objects.select_for_update().get(pk=feedback.pk)
    if locked.status == status:
        return False
    now = timezone.now()
    # Saved (not update()d), so the reader pages that show approved items follow (FeedbackConfig).
    locked.status, locked.decided_at, locked.decided_by = status, now, moderator
    locked.save(update_fields=["status", "decided_at", "decided_by"])
    FeedbackEvent.objects.create(
        feedback=feedback, action=_DECISIONS[status], actor=moderator, at=now, note=note[:300]
    )
    feedback.status, feedback.decided_at, feedback.decided_by = status, now, moderator
    return True


def approve(feedback: Feedback, *, moderator) -> bool:
    return set_status(feedback, Feedback.Status.APPROVED, moderator=moderator)


def reject(feedback: Feedback, *, moderator) -> bool:
    return set_status(feedback, Feedback.Status.REJECTED, moderator=moderator)


def mark_spam(feedback: Feedback, *, moderator) -> bool:
    return set_status(feedback, Feedback.Status.SPAM, moderator=moderator)


def reopen(feedback: Feedback, *, moderator) -> bool:
    return set_status(feedback, Feedback.Status.NEW, moderator=moderator)


@transaction.atomic
def set_answer(feedback: Feedback, *, answer: str, published: bool, moderator) -> None:
    """Store the newsroom's public answer; it shows under the feedback when published."""
    previous = Feedback.objects.select_for_update().get(pk=feedback.pk)
    answer = answer.strip()
    published = published and bool(answer)
    if previous.answer == answer and previous.answer_published == published:
        return
    now = timezone.now()
    if published and not previous.answer_published:
        action = FeedbackEvent.Action.ANSWER_PUBLISHED
    elif previous.answer_published and not published:
        action = FeedbackEvent.Action.ANSWER_WITHDRAWN
    else:
        action = FeedbackEvent.Action.ANSWER_EDITED
    answered_at = now if published else previous.answered_at
    previous.answer, previous.answer_published = answer, published
    previous.answered_at = answered_at
    previous.save(update_fields=["answer", "answer_published", "answered_at"])  # pages follow
    FeedbackEvent.objects.create(feedback=feedback, action=action, actor=moderator, at=now)
    feedback.answer, feedback.answer_published, feedback.answered_at = (
        answer,
        published,
        answered_at,
    )


def reply_by_email(feedback: Feedback, *, subject: str, body: str, moderator) -> Reply:
    """E-mail an answer to the sender and keep it with the item, whether or not the mail server
    accepted it (the moderator is told which)."""
    if not feedback.email:
        raise ValueError("The sender's e-mail address has been erased.")
    with transaction.atomic():
        reply = Reply.objects.create(
            feedback=feedback, subject=subject, body=body, sent_by=moderator
        )
    try:
        EmailMessage(subject=subject, body=body, to=[feedback.email]).send()
    except Exception:
        logger.exception("feedback: e-mail answer to item %s failed", feedback.pk)
        FeedbackEvent.objects.create(
            feedback=feedback, action=FeedbackEvent.Action.REPLY_FAILED, actor=moderator
        )
        return reply
    Reply.objects.filter(pk=reply.pk).update(delivered=True)
    reply.delivered = True
    FeedbackEvent.objects.create(
        feedback=feedback, action=FeedbackEvent.Action.REPLIED, actor=moderator
    )
    return reply


def _erase(queryset, *, action: str, moderator, note: str) -> int:
    now = timezone.now()
    ids = list(queryset.select_for_update().values_list("pk", flat=True))
    Feedback.objects.filter(pk__in=ids).update(
        email="", phone="", address="", personal_data_erased_at=now
    )
    FeedbackEvent.objects.bulk_create(
        [
            FeedbackEvent(feedback_id=pk, action=action, actor=moderator, at=now, note=note[:300])
            for pk in ids
        ]
    )
    return len(ids)


@transaction.atomic
def erase_items(queryset, *, moderator, note: str = "") -> int:
    """Erase the e-mail, phone and address of these items (an admin action). Returns how many."""
    return _erase(queryset, action=FeedbackEvent.Action.ERASED, moderator=moderator, note=note)


@transaction.atomic
def erase_sender(email: str, *, moderator, note: str = "") -> int:
    """Erase the e-mail, phone and address of every item sent from `email` (a request for
    erasure). The messages stay. Returns how many items were erased."""
    email = email.strip()
    if not email:
        return 0
    return _erase(
        Feedback.objects.by_sender(email),
        action=FeedbackEvent.Action.ERASED,
        moderator=moderator,
        note=note,
    )


@transaction.atomic
def apply_retention(*, now=None) -> int:
    """Erase senders' e-mail, phone and address once their retention period is over: every item
    after FEEDBACK_RETENTION_DAYS, rejected and spam items after FEEDBACK_REJECTED_RETENTION_DAYS.
    Messages, statuses and dates stay for the statistics. Returns how many items were erased."""
    now = now or timezone.now()
    has_details = Feedback.objects.exclude(email="", phone="", address="")
    old = has_details.filter(created_at__lt=now - timedelta(days=settings.FEEDBACK_RETENTION_DAYS))
    short = has_details.filter(
        status__in=[Feedback.Status.REJECTED, Feedback.Status.SPAM],
        created_at__lt=now - timedelta(days=settings.FEEDBACK_REJECTED_RETENTION_DAYS),
    )
    return _erase(
        old | short, action=FeedbackEvent.Action.RETENTION_ERASED, moderator=None, note=""
    )
