from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from feedback import moderation, notifications
from feedback.models import Feedback, FeedbackEvent
from tests.factories import make_article, make_staff

from .factories import make_feedback

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - timedelta(days=days)


class TestRetention:
    def test_command_erases_details_after_the_retention_periods_and_keeps_messages(self, settings):
        settings.FEEDBACK_RETENTION_DAYS = 365
        settings.FEEDBACK_REJECTED_RETENTION_DAYS = 30
        old = make_feedback(
            status="approved", phone="+84912345678", address="A", consent_at=days_ago(366)
        )
        recent = make_feedback(status="approved", phone="+84912345678", consent_at=days_ago(364))
        rejected = make_feedback(status="rejected", address="B", consent_at=days_ago(31))
        spam = make_feedback(status="spam", consent_at=days_ago(31))
        fresh_spam = make_feedback(status="spam", consent_at=days_ago(29))
        new_old = make_feedback(status="new", consent_at=days_ago(31))
        call_command("feedback_retention", stdout=open("/dev/null", "w"))
        for item in (old, rejected, spam):
            item.refresh_from_db()
            assert (item.email, item.phone, item.address) == ("", "", "")
            assert item.message and item.name and item.status and item.personal_data_erased_at
            event = item.events.get(action=FeedbackEvent.Action.RETENTION_ERASED)
            assert event.actor is None
        for item in (recent, fresh_spam, new_old):
            item.refresh_from_db()
            assert item.email and item.personal_data_erased_at is None
        # Running again changes nothing and records nothing twice.
        call_command("feedback_retention", stdout=open("/dev/null", "w"))
        assert (
            FeedbackEvent.objects.filter(action=FeedbackEvent.Action.RETENTION_ERASED).count() == 3
        )

    def test_retention_days_come_from_settings(self, settings):
        settings.FEEDBACK_RETENTION_DAYS = 10
        item = make_feedback(consent_at=days_ago(11))
        assert moderation.apply_retention() == 1
        item.refresh_from_db()
        assert item.email == ""


class TestErasure:
    def test_erase_sender_matches_any_case_and_leaves_others(self):
        mine = [
            make_feedback(email="Lan@Example.vn"),
            make_feedback(email="lan@example.vn", phone="+84912345678"),
        ]
        other = make_feedback(email="lan2@example.vn")
        moderator = make_staff("Moderators")
        assert moderation.erase_sender(" LAN@example.vn ", moderator=moderator, note="yêu cầu") == 2
        for item in mine:
            item.refresh_from_db()
            assert item.email == "" and item.phone == ""
            assert item.events.get(action="erased").actor == moderator
        other.refresh_from_db()
        assert other.email == "lan2@example.vn"

    def test_empty_email_erases_nothing(self):
        make_feedback(email="")
        assert moderation.erase_sender("  ", moderator=None) == 0

    def test_no_answer_by_email_after_erasure(self):
        item = make_feedback()
        moderation.erase_sender(item.email, moderator=None)
        item.refresh_from_db()
        with pytest.raises(ValueError):
            moderation.reply_by_email(item, subject="s", body="b", moderator=None)


class TestDecisions:
    def test_same_status_twice_records_once(self):
        item = make_feedback()
        moderator = make_staff("Moderators")
        assert moderation.approve(item, moderator=moderator) is True
        assert moderation.approve(item, moderator=moderator) is False
        assert item.events.filter(action="approved").count() == 1

    def test_answer_publish_withdraw_edit_are_recorded(self):
        item = make_feedback(status="approved")
        moderation.set_answer(item, answer="Trả lời", published=True, moderator=None)
        moderation.set_answer(item, answer="Trả lời đã sửa", published=True, moderator=None)
        moderation.set_answer(item, answer="Trả lời đã sửa", published=False, moderator=None)
        moderation.set_answer(item, answer="", published=True, moderator=None)  # nothing to publish
        item.refresh_from_db()
        assert not item.answer_published
        assert list(item.events.values_list("action", flat=True)) == [
            "answer_published",
            "answer_edited",
            "answer_withdrawn",
            "answer_edited",
        ]

    def test_approved_feedback_of_an_unpublished_article_is_not_shown(self, client):
        article = make_article()
        make_feedback(article=article, status="approved", message="Phản hồi của bài đã gỡ")
        article.status = "unpublished"
        article.save()
        assert client.get(article.get_absolute_url()).status_code == 404


class TestNotifications:
    def test_digest_lists_unnotified_items_once(self, settings):
        settings.FEEDBACK_NOTIFY = "digest"
        make_feedback(name="Người A", message="Phản hồi thứ nhất ở đây")
        make_feedback(status="spam", message="casino casino")
        make_feedback(notified_at=timezone.now(), message="Đã báo rồi")
        call_command("feedback_digest", stdout=open("/dev/null", "w"))
        assert len(mail.outbox) == 1
        body = mail.outbox[0].body
        assert (
            "Người A" in body
            and "Phản hồi thứ nhất" in body
            and "casino" not in body
            and "Đã báo rồi" not in body
        )
        assert "2 phản hồi mới" in mail.outbox[0].subject
        assert "@example.vn" not in body
        call_command("feedback_digest", stdout=open("/dev/null", "w"))
        assert len(mail.outbox) == 1
        assert not Feedback.objects.filter(notified_at__isnull=True).exists()

    def test_digest_mode_sends_nothing_at_submission(
        self, settings, client, django_capture_on_commit_callbacks
    ):
        from django.urls import reverse

        from .factories import form_data

        settings.FEEDBACK_NOTIFY = "digest"
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("feedback:contact"), form_data())
        assert mail.outbox == [] and Feedback.objects.get().notified_at is None

    def test_recipients_fall_back_to_the_moderators_group(self, settings):
        settings.FEEDBACK_MODERATOR_EMAILS = []
        make_staff("Moderators", username="kd1")
        make_staff("Editors", username="bt1")
        assert notifications.moderator_emails() == ["kd1@example.invalid"]
