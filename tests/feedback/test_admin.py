"""What each role sees and may do with feedback, through the admin."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse

from feedback.models import Feedback, FeedbackEvent, PrivacyNotice, Reply
from tests.factories import make_article, make_staff

from .factories import make_feedback

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:feedback_feedback_changelist"


def client_for(role):
    client = Client()
    client.force_login(make_staff(role))
    return client


@pytest.fixture
def item():
    return make_feedback(
        article=make_article(title="Đường Lê Lợi"),
        name="Phạm Văn Cường",
        email="cuong.pham@example.vn",
        phone="+84987654321",
        address="45 Trần Phú",
        message="Đề nghị bổ sung đèn đường ở ngõ 12.",
    )


def change_url(item):
    return reverse("admin:feedback_feedback_change", args=[item.pk])


class TestModerators:
    def test_admin_index_shows_only_feedback_and_the_waiting_count(self, item):
        make_feedback(status="approved")
        html = client_for("Moderators").get(reverse("admin:index")).content.decode()
        assert "1 phản hồi mới đang chờ kiểm duyệt" in html
        assert reverse(CHANGELIST) + "?status__exact=new" in html
        assert "/admin/feedback/feedback/" in html
        assert (
            "/admin/articles/" not in html
            and "/admin/auth/" not in html
            and "/admin/portal/" not in html
        )

    def test_moderators_cannot_open_articles(self, item):
        client = client_for("Moderators")
        assert client.get(reverse("admin:articles_article_changelist")).status_code == 403
        assert client.get(reverse("admin:articles_category_changelist")).status_code == 403

    def test_list_shows_status_article_name_time_and_short_message(self, item):
        make_feedback(message="x" * 200)
        html = client_for("Moderators").get(reverse(CHANGELIST)).content.decode()
        for text in (
            "Mới",
            "Đường Lê Lợi",
            "Phạm Văn Cường",
            "Đề nghị bổ sung đèn đường",
            "x" * 79 + "…",
        ):
            assert text in html
        assert "x" * 81 not in html

    def test_filters_and_search(self, item):
        make_feedback(status="spam", name="Kẻ Gửi Rác", message="Nội dung rác gì đó đây")
        client = client_for("Moderators")
        html = client.get(reverse(CHANGELIST), {"status__exact": "spam"}).content.decode()
        assert "Kẻ Gửi Rác" in html and "Phạm Văn Cường" not in html
        html = client.get(
            reverse(CHANGELIST), {"article__id__exact": item.article_id}
        ).content.decode()
        assert "Phạm Văn Cường" in html and "Kẻ Gửi Rác" not in html
        for term in ("cuong.pham@example.vn", "Cường", "đèn đường"):
            html = client.get(reverse(CHANGELIST), {"q": term}).content.decode()
            assert "Phạm Văn Cường" in html and "Kẻ Gửi Rác" not in html, term
        html = client.get(
            reverse(CHANGELIST), {"created_at__year": item.created_at.year}
        ).content.decode()
        assert "Phạm Văn Cường" in html

    def test_moderator_sees_sender_details(self, item):
        html = client_for("Moderators").get(change_url(item)).content.decode()
        assert "cuong.pham@example.vn" in html and "+84987654321" in html and "45 Trần Phú" in html

    def test_approve_from_the_item_records_who_and_when_and_publishes(self, item, client):
        moderator = make_staff("Moderators", username="kiem-duyet")
        admin = Client()
        admin.force_login(moderator)
        response = admin.post(change_url(item), {"answer": "", "_decision": "approved"})
        assert response.status_code == 302
        item.refresh_from_db()
        assert item.status == "approved" and item.decided_by == moderator and item.decided_at
        event = item.events.get(action=FeedbackEvent.Action.APPROVED)
        assert event.actor == moderator
        history = admin.get(change_url(item)).content.decode()
        assert "Đã duyệt" in history and "kiem-duyet" in history
        assert (
            "Đề nghị bổ sung đèn đường"
            in client.get(item.article.get_absolute_url()).content.decode()
        )

    def test_moderators_cannot_change_what_the_sender_wrote(self, item):
        client = client_for("Moderators")
        client.post(
            change_url(item),
            {
                "name": "Đổi tên",
                "email": "khac@example.vn",
                "phone": "0900000000",
                "address": "Khác",
                "message": "Nội dung đã bị sửa đổi",
                "article": "",
                "status": "approved",
                "answer": "",
            },
        )
        item.refresh_from_db()
        assert (item.name, item.email, item.phone, item.address, item.message, item.status) == (
            "Phạm Văn Cường",
            "cuong.pham@example.vn",
            "+84987654321",
            "45 Trần Phú",
            "Đề nghị bổ sung đèn đường ở ngõ 12.",
            "new",
        )
        html = client.get(change_url(item)).content.decode()
        assert (
            'name="message"' not in html and 'name="name"' not in html and 'name="answer"' in html
        )

    def test_bulk_actions_record_each_decision(self, item):
        other = make_feedback()
        client = client_for("Moderators")
        for action, status in [
            ("reject_selected", "rejected"),
            ("mark_spam_selected", "spam"),
            ("reopen_selected", "new"),
            ("approve_selected", "approved"),
        ]:
            client.post(
                reverse(CHANGELIST), {"action": action, "_selected_action": [item.pk, other.pk]}
            )
            assert set(Feedback.objects.values_list("status", flat=True)) == {status}
        assert item.events.exclude(action="received").count() == 4

    def test_publish_the_newsrooms_answer(self, item, client):
        moderator = client_for("Moderators")
        moderator.post(
            change_url(item),
            {
                "answer": "Đã chuyển đề nghị tới phường.",
                "answer_published": "on",
                "_decision": "approved",
            },
        )
        item.refresh_from_db()
        assert item.answer_published and item.answered_at
        assert item.events.filter(action=FeedbackEvent.Action.ANSWER_PUBLISHED).exists()
        assert (
            "Đã chuyển đề nghị tới phường."
            in client.get(item.article.get_absolute_url()).content.decode()
        )

    def test_answer_by_email_is_sent_and_stored(self, item):
        client = client_for("Moderators")
        url = reverse("admin:feedback_feedback_reply", args=[item.pk])
        assert "cuong.pham@example.vn" in client.get(url).content.decode()
        response = client.post(
            url, {"subject": "Trả lời phản hồi", "body": "Cảm ơn anh, phường đã tiếp nhận."}
        )
        assert response.status_code == 302
        assert mail.outbox[-1].to == ["cuong.pham@example.vn"]
        reply = Reply.objects.get(feedback=item)
        assert reply.delivered and reply.body == "Cảm ơn anh, phường đã tiếp nhận."
        assert item.events.filter(action=FeedbackEvent.Action.REPLIED).exists()
        assert "Cảm ơn anh, phường đã tiếp nhận." in client.get(change_url(item)).content.decode()

    def test_answer_by_email_is_kept_when_the_mail_server_fails(self, item, settings):
        settings.EMAIL_BACKEND = "tests.feedback.backends.BrokenEmailBackend"
        client = client_for("Moderators")
        response = client.post(
            reverse("admin:feedback_feedback_reply", args=[item.pk]),
            {"subject": "Trả lời", "body": "Nội dung trả lời"},
            follow=True,
        )
        assert "Máy chủ thư không nhận thư trả lời" in response.content.decode()
        assert not Reply.objects.get(feedback=item).delivered
        assert item.events.filter(action=FeedbackEvent.Action.REPLY_FAILED).exists()

    def test_csv_export_follows_the_filters_and_defuses_formulas(self, item):
        make_feedback(
            status="spam", name='=HYPERLINK("http://evil")', message="@SUM(1+1) thư rác nào"
        )
        response = client_for("Moderators").get(
            reverse("admin:feedback_feedback_export"), {"status__exact": "spam"}
        )
        assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0][:8] == [
            "id",
            "received",
            "status",
            "article",
            "name",
            "email",
            "phone",
            "address",
        ]
        assert len(rows) == 2 and rows[1][4] == '\'=HYPERLINK("http://evil")'
        assert rows[1][8].startswith("'@SUM")

    def test_erase_by_email_across_all_items_is_recorded(self, item):
        second = make_feedback(email="CUONG.PHAM@example.vn", phone="+84911111111", address="Nhà 2")
        untouched = make_feedback(email="khac@example.vn", phone="+84922222222")
        client = client_for("Moderators")
        url = reverse("admin:feedback_feedback_erase")
        assert client.get(url).status_code == 200
        client.post(url, {"email": "cuong.pham@example.vn", "confirm": "on"})
        for erased in (item, second):
            erased.refresh_from_db()
            assert (erased.email, erased.phone, erased.address) == ("", "", "")
            assert erased.personal_data_erased_at and erased.message
            assert erased.events.filter(action=FeedbackEvent.Action.ERASED).exists()
        untouched.refresh_from_db()
        assert untouched.email == "khac@example.vn"
        assert (
            "Xóa thông tin người gửi theo yêu cầu" in client.get(change_url(item)).content.decode()
        )

    def test_erase_action_on_selected_items(self, item):
        also = make_feedback(email=item.email)
        client_for("Moderators").post(
            reverse(CHANGELIST), {"action": "erase_senders", "_selected_action": [item.pk]}
        )
        also.refresh_from_db()
        assert also.email == "" and also.events.filter(action="erased").exists()

    def test_moderators_cannot_add_or_delete_feedback(self, item):
        client = client_for("Moderators")
        assert client.get(reverse("admin:feedback_feedback_add")).status_code == 403
        assert (
            client.post(
                reverse("admin:feedback_feedback_delete", args=[item.pk]), {"post": "yes"}
            ).status_code
            == 403
        )
        assert Feedback.objects.filter(pk=item.pk).exists()


class TestEditorsAndAuthors:
    def test_editors_read_feedback_without_sender_details(self, item):
        client = client_for("Editors")
        html = client.get(change_url(item)).content.decode()
        assert "Đề nghị bổ sung đèn đường" in html and "Phạm Văn Cường" in html
        assert (
            "cuong.pham@example.vn" not in html
            and "+84987654321" not in html
            and "45 Trần Phú" not in html
        )
        listing = client.get(reverse(CHANGELIST), {"q": "cuong.pham@example.vn"}).content.decode()
        assert "Phạm Văn Cường" not in listing  # no searching by e-mail without the permission

    def test_editors_cannot_moderate_export_erase_or_reply(self, item):
        client = client_for("Editors")
        client.post(change_url(item), {"answer": "x", "_decision": "approved"})
        client.post(
            reverse(CHANGELIST), {"action": "approve_selected", "_selected_action": [item.pk]}
        )
        item.refresh_from_db()
        assert item.status == "new" and item.answer == ""
        assert client.get(reverse("admin:feedback_feedback_export")).status_code == 403
        assert client.get(reverse("admin:feedback_feedback_erase")).status_code == 403
        assert (
            client.get(reverse("admin:feedback_feedback_reply", args=[item.pk])).status_code == 403
        )

    def test_editors_write_a_new_privacy_notice_version_and_never_overwrite(self, item):
        client = client_for("Editors")
        assert client.get(reverse("admin:feedback_privacynotice_add")).status_code == 200
        response = client.post(
            reverse("admin:feedback_privacynotice_add"),
            {
                "title": "Thông báo mới",
                "body": "Nội dung mới",
                "effective_at_0": "01/01/2026",
                "effective_at_1": "00:00:00",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        assert list(PrivacyNotice.objects.values_list("version", flat=True)) == [2, 1]
        first = PrivacyNotice.objects.get(version=1)
        client.post(
            reverse("admin:feedback_privacynotice_change", args=[first.pk]),
            {"title": "Đã sửa", "body": "x"},
        )
        first.refresh_from_db()
        assert first.title != "Đã sửa"
        with pytest.raises(ValueError):
            first.save()
        item.refresh_from_db()
        assert item.privacy_notice == first  # the consent still points at the words the sender saw

    def test_authors_see_no_feedback(self, item):
        client = client_for("Authors")
        assert client.get(reverse(CHANGELIST)).status_code == 403
        assert client.get(change_url(item)).status_code == 403
        html = client.get(reverse("admin:index")).content.decode()
        assert "/admin/feedback/" not in html and "chờ kiểm duyệt" not in html

    def test_staff_given_only_view_feedback_do_not_see_details(self, item):
        user = make_staff("Authors")
        from django.contrib.auth.models import Permission

        user.user_permissions.add(Permission.objects.get(codename="view_feedback"))
        client = Client()
        client.force_login(user)
        html = client.get(change_url(item)).content.decode()
        assert "Đề nghị bổ sung" in html and "cuong.pham@example.vn" not in html


def test_export_without_the_details_permission_has_no_contact_columns(item):
    from django.contrib.auth.models import Permission

    editor = make_staff("Editors")
    editor.user_permissions.add(Permission.objects.get(codename="export_feedback"))
    client = Client()
    client.force_login(editor)
    response = client.get(reverse("admin:feedback_feedback_export"))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text)))
    assert "email" not in header and "phone" not in header and "address" not in header
    assert "cuong.pham@example.vn" not in text and "Đề nghị bổ sung đèn đường" in text


def test_moderators_group_has_only_feedback_permissions():
    perms = set(
        Group.objects.get(name="Moderators").permissions.values_list(
            "content_type__app_label", "codename"
        )
    )
    assert {app for app, _ in perms} == {"feedback"}
    assert {"view_sender_details", "export_feedback", "erase_personal_data", "change_feedback"} <= {
        c for _, c in perms
    }
    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    assert (
        "view_feedback" in editors
        and "view_sender_details" not in editors
        and "change_feedback" not in editors
    )


class TestNoOracleOnSenderDetails:
    """Without view_sender_details, no filter, ordering or export may tell whether a sender's
    e-mail, phone, address or language is what a staff member guessed."""

    @pytest.fixture
    def secret(self):
        return make_feedback(
            article=make_article(title="Bài về đèn đường"),
            name="Người Giấu Tên",
            email="review.secret@example.vn",
            phone="+84912345678",
            address="Secret 9 Hàng Bài",
            language="vi",
            message="Thư có thông tin liên hệ bí mật.",
        )

    GUESSES = [
        ("email__startswith", "review.secret", "nobody.else"),
        ("email", "review.secret@example.vn", "other@example.vn"),
        ("email__iexact", "REVIEW.SECRET@example.vn", "other@example.vn"),
        ("phone", "+84912345678", "+84900000000"),
        ("phone__contains", "912345", "000000"),
        ("address__icontains", "Secret", "Nowhere"),
        ("address__isnull", "False", "True"),
        ("language", "vi", "en"),
        ("email__regex", "^review", "^nobody"),
    ]

    @pytest.mark.parametrize(("lookup", "hit", "miss"), GUESSES)
    def test_editors_get_the_same_answer_whether_the_guess_is_right_or_not(
        self, secret, lookup, hit, miss
    ):
        client = client_for("Editors")
        right = client.get(reverse(CHANGELIST), {lookup: hit})
        wrong = client.get(reverse(CHANGELIST), {lookup: miss})
        assert right.status_code == wrong.status_code == 400
        assert right.content == wrong.content
        assert "Người Giấu Tên" not in right.content.decode()

    @pytest.mark.parametrize(("lookup", "hit", "miss"), GUESSES[:6])
    def test_export_cannot_be_filtered_by_sender_details_either(self, secret, lookup, hit, miss):
        from django.contrib.auth.models import Permission

        editor = make_staff("Editors")
        editor.user_permissions.add(Permission.objects.get(codename="export_feedback"))
        client = Client()
        client.force_login(editor)
        url = reverse("admin:feedback_feedback_export")
        right, wrong = client.get(url, {lookup: hit}), client.get(url, {lookup: miss})
        assert right.status_code == wrong.status_code == 400
        assert right.content == wrong.content

    def test_no_sortable_column_sorts_by_a_sender_detail(self, secret):
        from django.contrib import admin as django_admin

        from feedback.admin import PERSONAL_FIELDS

        model_admin = django_admin.site._registry[Feedback]
        for column in model_admin.list_display:
            attr = getattr(model_admin, column, None)
            order = getattr(attr, "admin_order_field", column if attr is None else None)
            if order:
                assert str(order).lstrip("-").split("__")[0] not in PERSONAL_FIELDS, column
        make_feedback(name="Người Khác", email="aaa@example.vn", address="Aaa")
        client = client_for("Editors")

        # ?o= takes column numbers only; names and numbers out of range are ignored.
        def names_in_order(html):
            return html.index("Người Giấu Tên") < html.index("Người Khác")

        plain = names_in_order(client.get(reverse(CHANGELIST)).content.decode())
        for order in ["email", "-email", "phone", "-phone", "address", "99", "-99"]:
            response = client.get(reverse(CHANGELIST), {"o": order})
            assert response.status_code == 200
            assert names_in_order(response.content.decode()) == plain

    def test_editors_may_still_use_the_list_filters_and_search(self, secret):
        client = client_for("Editors")
        html = client.get(reverse(CHANGELIST), {"status__exact": "new"}).content.decode()
        assert "Người Giấu Tên" in html
        html = client.get(reverse(CHANGELIST), {"q": "Giấu"}).content.decode()
        assert "Người Giấu Tên" in html
        html = client.get(reverse(CHANGELIST), {"created_at__year": "2001"}).content.decode()
        assert "Người Giấu Tên" not in html

    @pytest.mark.parametrize("lookup", ["email__startswith", "phone", "address__icontains"])
    def test_moderators_may_filter_by_sender_details(self, secret, lookup):
        values = {
            "email__startswith": "review.secret",
            "phone": "+84912345678",
            "address__icontains": "Secret",
        }
        client = client_for("Moderators")
        response = client.get(reverse(CHANGELIST), {lookup: values[lookup]})
        assert response.status_code == 200 and "Người Giấu Tên" in response.content.decode()
