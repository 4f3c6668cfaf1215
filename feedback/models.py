from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PrivacyNoticeQuerySet(models.QuerySet):
    def current(self):
        """The version readers see now: the newest one already in force."""
        return self.filter(effective_at__lte=timezone.now()).order_by("-version").first()


class PrivacyNotice(models.Model):
    """One version of the privacy notice. Versions are never changed: a new text is a new row,
    so every consent record points at the exact words the sender saw."""

    version = models.PositiveIntegerField(_("version"), unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"),
        help_text=_("Plain text; blank lines separate paragraphs. Saving creates a new version."),
    )
    effective_at = models.DateTimeField(
        _("in force from"),
        default=timezone.now,
        help_text=_("Readers see the newest version already in force."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = PrivacyNoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        verbose_name = _("privacy notice")
        verbose_name_plural = _("privacy notice versions")

    def __str__(self):
        return _("%(title)s (version %(version)s)") % {"title": self.title, "version": self.version}

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError(
                "A privacy notice version is never changed; save a new version instead."
            )
        if self.version is None:
            last = (
                PrivacyNotice.objects.order_by("-version").values_list("version", flat=True).first()
            )
            self.version = (last or 0) + 1
        super().save(*args, **kwargs)


class FeedbackQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Feedback.Status.APPROVED)

    def for_article_page(self, article):
        """Approved feedback under one article, oldest first, only the columns readers see."""
        return (
            self.approved()
            .filter(article=article)
            .order_by("created_at", "id")
            .only(
                "id", "name", "message", "created_at", "answer", "answer_published", "answered_at"
            )
        )

    def waiting(self):
        return self.filter(status=Feedback.Status.NEW)

    def by_sender(self, email: str):
        return self.filter(email__iexact=email.strip())


class Feedback(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Spam")

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback",
        help_text=_("Empty for a general message sent from the contact page."),
    )
    # What the sender wrote. Moderators never change it (read-only in the admin).
    name = models.CharField(_("full name"), max_length=100)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    phone = models.CharField(
        _("phone"), max_length=16, blank=True, help_text=_("Stored as +84xxxxxxxxx.")
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    message = models.TextField(_("message"))
    language = models.CharField(_("language"), max_length=8, blank=True)
    # Consent record: when, and to which version of the privacy notice.
    consent_at = models.DateTimeField(_("consent given at"))
    privacy_notice = models.ForeignKey(
        PrivacyNotice,
        verbose_name=_("privacy notice seen"),
        on_delete=models.PROTECT,
        related_name="consents",
    )
    # Moderation.
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    spam_reason = models.CharField(_("why it looks like spam"), max_length=200, blank=True)
    message_digest = models.CharField(max_length=64, editable=False, db_index=True)
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The newsroom's public answer, shown under the feedback when published.
    answer = models.TextField(
        _("newsroom's answer"), blank=True, help_text=_("Shown to readers under the feedback.")
    )
    answer_published = models.BooleanField(_("publish the answer"), default=False)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True, editable=False)
    notified_at = models.DateTimeField(
        _("moderators notified at"), null=True, blank=True, editable=False
    )
    personal_data_erased_at = models.DateTimeField(
        _("sender's details erased at"), null=True, blank=True, editable=False
    )

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        indexes = [
            models.Index(
                fields=["article", "status", "created_at"], name="feedback_article_status_idx"
            )
        ]
        permissions = [
            ("view_sender_details", _("Can see senders' e-mail, phone and address")),
            ("export_feedback", _("Can export feedback as CSV")),
            ("erase_personal_data", _("Can erase senders' personal data")),
        ]

    def __str__(self):
        return _("Feedback #%(id)s from %(name)s") % {"id": self.pk, "name": self.name}

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # The status as stored: was the item shown? (FeedbackConfig.ready)
        instance._stored_status = instance.__dict__.get("status")
        return instance

    @property
    def short_message(self) -> str:
        return self.message if len(self.message) <= 80 else self.message[:79].rstrip() + "…"

    @property
    def public_answer(self) -> str:
        return self.answer if self.answer_published else ""


class FeedbackEvent(models.Model):
    """The moderation history of one item: who did what, and when."""

    class Action(models.TextChoices):
        RECEIVED = "received", _("Received")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Marked as spam")
        REOPENED = "new", _("Set back to new")
        REPLIED = "replied", _("Answered by e-mail")
        REPLY_FAILED = "reply_failed", _("E-mail answer failed")
        ANSWER_PUBLISHED = "answer_published", _("Answer published")
        ANSWER_WITHDRAWN = "answer_withdrawn", _("Answer withdrawn")
        ANSWER_EDITED = "answer_edited", _("Answer edited")
        ERASED = "erased", _("Sender's details erased on request")
        RETENTION_ERASED = "retention_erased", _("Sender's details erased (retention period over)")

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("history entry")
        verbose_name_plural = _("history")

    def __str__(self):
        return f"{self.get_action_display()} — {self.at:%Y-%m-%d %H:%M}"


class Reply(models.Model):
    """An answer sent to the sender by e-mail from the admin, kept with the item."""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="replies")
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    delivered = models.BooleanField(_("accepted by the mail server"), default=False)

    class Meta:
        ordering = ["sent_at", "id"]
        verbose_name = _("e-mail answer")
        verbose_name_plural = _("e-mail answers")

    def __str__(self):
        return self.subject


class TrapHit(models.Model):
    """How many submissions the honeypot and the time trap stopped, per day. Nothing else is kept:
    no address, no content."""

    class Kind(models.TextChoices):
        HONEYPOT = "honeypot", _("Honeypot field filled in")
        TOO_FAST = "too_fast", _("Sent too fast after the form was shown")
        BAD_TOKEN = "bad_token", _("Missing, forged or expired form token")
        RATE_LIMITED = "rate_limited", _("Over the rate limit")
        CROSS_SITE = "cross_site", _("Not sent from a page of this site")

    day = models.DateField(_("day"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        ordering = ["-day", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["day", "kind"], name="trap_hit_once_per_day")
        ]
        verbose_name = _("spam trap hit")
        verbose_name_plural = _("spam trap hits")

    def __str__(self):
        return f"{self.day} {self.get_kind_display()}: {self.count}"

    @classmethod
    def record(cls, kind: str) -> None:
        day = timezone.localdate()
        hit, created = cls.objects.get_or_create(day=day, kind=kind, defaults={"count": 1})
        if not created:
            cls.objects.filter(pk=hit.pk).update(count=F("count") + 1)
