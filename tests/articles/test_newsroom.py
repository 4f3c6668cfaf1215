"""Issue 9: revisions, edit conflicts, the review loop and the trash, through the admin."""

import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article, Author, StatusChange
from newsroom import notify, presence
from newsroom.models import Revision
from tests.articles.admin_forms import article_post_data as full_post_data
from tests.articles.slow_mail import BlockingBackend
from tests.factories import make_article, make_staff

pytestmark = pytest.mark.django_db

LIST_URL = reverse("admin:articles_article_changelist")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


@pytest.fixture
def author_user():
    user = make_staff("Authors", username="tacgia", first_name="Lan", last_name="Lê Thị")
    user.email = "tacgia@example.invalid"
    user.save()
    Author.objects.create(name="Lê Thị Lan", slug="le-thi-lan", user=user)
    return user


@pytest.fixture
def editor_user():
    return make_staff("Editors", username="bientap", first_name="Minh", last_name="Trần Văn")


def own_draft(author_user, **kw):
    kw.setdefault("status", Article.Status.DRAFT)
    return make_article(created_by=author_user, author=author_user.author_profile, **kw)


class TestConflicts:
    def test_the_second_save_of_a_stale_form_is_refused_and_keeps_what_was_typed(
        self, client, editor_user
    ):
        article = make_article(status=Article.Status.PENDING, title="Bản đầu")
        client.force_login(editor_user)
        opened_by_first = full_post_data(article, lead="Sapo của người thứ nhất.")
        opened_by_second = full_post_data(article, title="Tiêu đề của người thứ hai")
        assert client.post(change_url(article), opened_by_first).status_code == 302

        response = client.post(change_url(article), opened_by_second)

        assert response.status_code == 200
        form = response.context["adminform"].form
        errors = " ".join(form.non_field_errors())
        assert "Sapo" in errors or "sapo" in errors.lower()  # what changed meanwhile, named
        assert "Trần Văn Minh" in errors  # and who changed it, name in Vietnamese order
        assert form["title"].value() == "Tiêu đề của người thứ hai"  # nothing typed is lost
        article.refresh_from_db()
        assert (article.title, article.lead) == ("Bản đầu", "Sapo của người thứ nhất.")
        assert article.version == 2

    def test_saving_again_after_the_refusal_replaces_the_current_version_knowingly(
        self, client, editor_user
    ):
        article = make_article(status=Article.Status.DRAFT)
        client.force_login(editor_user)
        stale = full_post_data(article, title="Bản của tôi")
        client.post(change_url(article), full_post_data(article, lead="Đã đổi."))
        response = client.post(change_url(article), stale)
        resubmitted = {
            **stale,
            "seen_version": response.context["adminform"].form["seen_version"].value(),
        }
        assert client.post(change_url(article), resubmitted).status_code == 302
        article.refresh_from_db()
        assert article.title == "Bản của tôi" and article.version == 3

    def test_a_form_without_the_version_it_was_opened_on_is_refused(self, client, editor_user):
        article = make_article(status=Article.Status.DRAFT, title="Giữ nguyên")
        client.force_login(editor_user)
        data = full_post_data(article, title="Không biết phiên bản")
        del data["seen_version"]
        assert client.post(change_url(article), data).status_code == 200
        article.refresh_from_db()
        assert article.title == "Giữ nguyên"

    def test_the_version_is_checked_under_a_row_lock_in_the_writing_transaction(
        self, client, editor_user
    ):
        article = make_article(status=Article.Status.DRAFT)
        client.force_login(editor_user)
        outside = len(connection.atomic_blocks)  # the test's own transaction(s)
        seen = []

        def remember(execute, sql, params, many, context):
            blocks = connection.atomic_blocks
            seen.append((sql, blocks[outside] if len(blocks) > outside else None))
            return execute(sql, params, many, context)

        with connection.execute_wrapper(remember):
            response = client.post(change_url(article), full_post_data(article, title="Khóa hàng"))
        assert response.status_code == 302
        lock = next(
            i for i, (sql, _) in enumerate(seen) if "FOR UPDATE" in sql and '"version"' in sql
        )
        write = next(
            i for i, (sql, _) in enumerate(seen) if sql.startswith('UPDATE "articles_article"')
        )
        assert lock < write
        # the request's transaction holds both: the lock lasts until the write is committed
        assert seen[lock][1] is not None and seen[lock][1] is seen[write][1]

    def test_a_stale_editor_tab_cannot_publish_an_older_text(
        self, client, editor_user, author_user
    ):
        article = own_draft(author_user, status=Article.Status.PENDING, body="<p>Bản có lỗi.</p>")
        client.force_login(editor_user)
        editor_tab = full_post_data(
            article,
            status=Article.Status.PUBLISHED,
            publish_at_0=timezone.localtime().strftime("%d/%m/%Y"),
            publish_at_1=timezone.localtime().strftime("%H:%M:%S"),
        )
        # meanwhile the author takes it back, corrects it and resubmits
        workflow.set_status(
            Article.objects.filter(pk=article.pk), Article.Status.DRAFT, user=author_user
        )
        article.refresh_from_db()
        client.force_login(author_user)
        assert (
            client.post(
                change_url(article), full_post_data(article, body="<p>Bản đã sửa.</p>")
            ).status_code
            == 302
        )
        workflow.set_status(
            Article.objects.filter(pk=article.pk), Article.Status.PENDING, user=author_user
        )

        client.force_login(editor_user)
        response = client.post(change_url(article), editor_tab)

        assert response.status_code == 200
        article.refresh_from_db()
        assert article.status == Article.Status.PENDING and "Bản đã sửa." in article.body

    def test_a_bulk_action_against_a_stale_list_leaves_changed_articles_alone(
        self, client, editor_user, author_user
    ):
        changed = own_draft(author_user, status=Article.Status.PENDING, title="Đã bị sửa")
        untouched = make_article(status=Article.Status.PENDING, title="Không ai sửa")
        client.force_login(editor_user)
        page = client.get(LIST_URL).content.decode()
        assert f'name="v-{changed.pk}" value="1"' in page
        # the author takes it back and resubmits while the editor looks at the list
        workflow.set_status(
            Article.objects.filter(pk=changed.pk), Article.Status.DRAFT, user=author_user
        )
        workflow.set_status(
            Article.objects.filter(pk=changed.pk), Article.Status.PENDING, user=author_user
        )

        response = client.post(
            LIST_URL,
            {
                "action": "publish",
                "_selected_action": [changed.pk, untouched.pk],
                f"v-{changed.pk}": "1",
                f"v-{untouched.pk}": "1",
            },
            follow=True,
        )

        changed.refresh_from_db()
        untouched.refresh_from_db()
        assert changed.status == Article.Status.PENDING
        assert untouched.status == Article.Status.PUBLISHED
        assert "Đã bị sửa" in " ".join(str(m) for m in response.context["messages"])

    def test_the_form_says_who_else_has_the_article_open(self, client, editor_user, author_user):
        article = own_draft(author_user)
        presence.touch(article.pk, author_user)
        client.force_login(editor_user)
        page = client.get(change_url(article)).content.decode()
        assert "Lê Thị Lan" in page
        response = client.post(reverse("admin:articles_article_presence", args=[article.pk]))
        assert response.json()["others"] == ["Lê Thị Lan"]
        client.force_login(author_user)
        assert client.get(reverse("admin:articles_article_presence", args=[article.pk])).json()[
            "others"
        ] == ["Trần Văn Minh"]


class TestRevisions:
    def test_every_save_keeps_a_revision_of_text_and_metadata(self, client, editor_user):
        article = make_article(status=Article.Status.DRAFT, tags=["lũ lụt"])
        client.force_login(editor_user)
        client.post(
            change_url(article),
            full_post_data(article, title="Tiêu đề hai", tags="lũ lụt, cứu trợ"),
        )
        baseline, revision = Revision.objects.filter(article=article).order_by("version")
        assert (
            baseline.version == 1 and baseline.data["title"] == article.title
        )  # the state it replaced
        assert revision.version == 2 and revision.created_by == editor_user
        assert revision.data["title"] == "Tiêu đề hai"
        assert revision.data["tags"] == ["cứu trợ", "lũ lụt"]
        assert (
            revision.data["status"] == "draft" and revision.data["category"] == article.category_id
        )

    def test_status_changes_keep_a_revision_too(self, editor_user):
        article = make_article(status=Article.Status.PENDING)
        workflow.set_status(
            Article.objects.filter(pk=article.pk), Article.Status.PUBLISHED, user=editor_user
        )
        assert Revision.objects.get(article=article, version=1).data["status"] == "pending"
        assert Revision.objects.get(article=article, version=2).data["status"] == "published"

    def test_two_revisions_compared_side_by_side_with_the_changes_marked(self, client, editor_user):
        article = make_article(
            status=Article.Status.DRAFT, body="<p>Mưa lớn ở huyện Krông Pắc.</p>"
        )
        client.force_login(editor_user)
        client.post(change_url(article), full_post_data(article))
        article.refresh_from_db()
        client.post(
            change_url(article),
            full_post_data(article, body="<p>Mưa rất lớn ở huyện Krông Pắc.</p>"),
        )
        page = client.get(
            reverse("admin:articles_article_revisions", args=[article.pk]), {"a": 2, "b": 3}
        )
        html = page.content.decode()
        assert "<ins> rất</ins>" in html and "<del>" not in html
        rows = {row["field"]: row["changed"] for row in page.context["rows"]}
        assert rows["body"] and not rows["title"]

    def test_restoring_creates_a_new_revision_and_keeps_the_status(self, client, editor_user):
        article = make_article(status=Article.Status.DRAFT, title="Bản gốc")
        client.force_login(editor_user)
        client.post(change_url(article), full_post_data(article))
        article.refresh_from_db()
        client.post(change_url(article), full_post_data(article, title="Bản sửa hỏng"))
        article.refresh_from_db()
        workflow.set_status(
            Article.objects.filter(pk=article.pk), Article.Status.PUBLISHED, user=editor_user
        )
        original = Revision.objects.get(article=article, version=2)

        response = client.post(
            reverse("admin:articles_article_revision_restore", args=[article.pk, original.pk])
        )

        assert response.status_code == 302
        article.refresh_from_db()
        assert article.title == "Bản gốc" and article.status == Article.Status.PUBLISHED
        newest = article.revisions.first()
        assert newest.version == article.version == 5 and "2" in newest.comment

    def test_an_author_restores_only_their_own_draft_and_it_stays_a_draft(
        self, client, author_user
    ):
        article = own_draft(author_user, title="Nháp một")
        workflow.set_status(
            Article.objects.filter(pk=article.pk), Article.Status.PENDING, user=author_user
        )
        revision = article.revisions.get(version=1)
        client.force_login(author_user)
        url = reverse("admin:articles_article_revision_restore", args=[article.pk, revision.pk])
        assert client.post(url).status_code == 403  # submitted: frozen for its author
        workflow.set_status(
            Article.objects.filter(pk=article.pk), Article.Status.DRAFT, user=author_user
        )
        assert client.post(url).status_code == 302
        article.refresh_from_db()
        assert article.status == Article.Status.DRAFT

    def test_someone_elses_revisions_are_not_shown_to_an_author(self, client, author_user):
        other = make_article(status=Article.Status.DRAFT)
        client.force_login(author_user)
        assert (
            client.get(reverse("admin:articles_article_revisions", args=[other.pk])).status_code
            == 404
        )


class TestReviewLoop:
    @pytest.fixture(autouse=True)
    def _no_mail_left_behind(self):
        """Mail goes out from a background thread: none may land in the next test's outbox."""
        yield
        BlockingBackend.release.set()
        assert notify.wait_until_sent(timeout=10)

    def test_an_author_submits_with_a_note_and_editors_are_told_after_commit(
        self, client, author_user, editor_user, django_capture_on_commit_callbacks
    ):
        editor_user.email = "bientap@example.invalid"
        editor_user.save()
        article = own_draft(author_user)
        client.force_login(author_user)
        data = full_post_data(
            article, status=Article.Status.PENDING, review_note="Nhờ anh xem giúp số liệu."
        )
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            assert client.post(change_url(article), data).status_code == 302
        assert callbacks  # sent after the commit, not during the request's transaction
        change = StatusChange.objects.filter(article=article).first()
        assert change.note == "Nhờ anh xem giúp số liệu."
        assert notify.wait_until_sent(timeout=5)
        assert [m.to for m in mail.outbox] == [["bientap@example.invalid"]]
        assert article.title in mail.outbox[0].subject and "Nhờ anh xem" in mail.outbox[0].body

    def test_editors_see_how_many_articles_wait_and_can_filter_them(self, client, editor_user):
        make_article(status=Article.Status.PENDING)
        make_article(status=Article.Status.PENDING)
        make_article(status=Article.Status.DRAFT)
        client.force_login(editor_user)
        home = client.get(reverse("admin:index")).content.decode()
        assert "2 bài chờ duyệt" in home
        assert "?status__exact=pending" in home
        listed = client.get(LIST_URL, {"status__exact": "pending"})
        assert listed.context["cl"].result_count == 2

    def test_sending_back_requires_a_reason(self, client, author_user, editor_user):
        article = own_draft(author_user, status=Article.Status.PENDING)
        client.force_login(editor_user)
        response = client.post(
            change_url(article), full_post_data(article, status=Article.Status.DRAFT)
        )
        assert response.status_code == 200
        assert "review_note" in response.context["adminform"].form.errors
        article.refresh_from_db()
        assert article.status == Article.Status.PENDING

    def test_the_reason_is_shown_to_the_author_and_mailed_to_them(
        self, client, author_user, editor_user, django_capture_on_commit_callbacks
    ):
        article = own_draft(author_user, status=Article.Status.PENDING, title="Bài về lũ")
        client.force_login(editor_user)
        data = full_post_data(
            article, status=Article.Status.DRAFT, review_note="Thiếu nguồn của số liệu."
        )
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(change_url(article), data).status_code == 302
        assert notify.wait_until_sent(timeout=5)
        assert [m.to for m in mail.outbox] == [["tacgia@example.invalid"]]

        client.force_login(author_user)
        assert "Thiếu nguồn của số liệu." in client.get(change_url(article)).content.decode()
        listing = client.get(LIST_URL).content.decode()
        assert "Thiếu nguồn của số liệu." in listing and "badge-sent-back" in listing
        assert "1 bài viết bị trả lại" in client.get(reverse("admin:index")).content.decode()

    def test_bulk_take_back_does_not_send_back_others_articles_without_a_reason(
        self, client, editor_user
    ):
        article = make_article(status=Article.Status.PENDING, created_by=make_staff("Authors"))
        client.force_login(editor_user)
        client.post(LIST_URL, {"action": "back_to_draft", "_selected_action": [article.pk]})
        article.refresh_from_db()
        assert article.status == Article.Status.PENDING

    def test_a_failing_mail_server_does_not_undo_the_submission(
        self, client, author_user, editor_user, settings, django_capture_on_commit_callbacks, caplog
    ):
        settings.EMAIL_BACKEND = "tests.articles.test_newsroom.BrokenBackend"
        editor_user.email = "bientap@example.invalid"
        editor_user.save()
        article = own_draft(author_user)
        client.force_login(author_user)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                change_url(article), full_post_data(article, status=Article.Status.PENDING)
            )
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.status == Article.Status.PENDING
        assert notify.wait_until_sent(timeout=5)  # the failure is logged by the sender, not raised
        assert mail.outbox == []
        assert any(
            r.name == "newsroom.notify"
            and r.levelno == logging.ERROR
            and isinstance(r.exc_info[1], ConnectionRefusedError)
            for r in caplog.records
        )

    def test_a_slow_mail_server_does_not_hold_up_the_answer(
        self, client, author_user, editor_user, settings, django_capture_on_commit_callbacks
    ):
        BlockingBackend.reset()
        settings.EMAIL_BACKEND = "tests.articles.slow_mail.BlockingBackend"
        editor_user.email = "bientap@example.invalid"
        editor_user.save()
        article = own_draft(author_user)
        client.force_login(author_user)
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            response = client.post(
                change_url(article), full_post_data(article, status=Article.Status.PENDING)
            )
        # The answer (and the commit's callbacks) came back while the mail server still holds the
        # message: had it been sent in the request, send_messages would have returned (given up).
        assert response.status_code == 302 and callbacks
        assert not BlockingBackend.finished.is_set() and not BlockingBackend.release.is_set()
        assert BlockingBackend.sending.wait(timeout=10)  # handed over, now stuck at the server
        assert mail.outbox == []
        assert not notify.wait_until_sent(timeout=0.1)

        BlockingBackend.release.set()
        assert notify.wait_until_sent(timeout=10)
        assert [m.to for m in mail.outbox] == [["bientap@example.invalid"]]
        assert article.title in mail.outbox[0].subject

    def test_nothing_is_sent_for_a_change_that_was_rolled_back(
        self, author_user, editor_user, django_capture_on_commit_callbacks
    ):
        editor_user.email = "bientap@example.invalid"
        editor_user.save()
        article = own_draft(author_user)
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            with pytest.raises(RuntimeError), transaction.atomic():
                notify.status_changed(
                    article,
                    from_status=Article.Status.DRAFT,
                    to_status=Article.Status.PENDING,
                    user=author_user,
                )
                raise RuntimeError("the save failed")
        assert callbacks == []
        assert notify.wait_until_sent(timeout=5)
        assert mail.outbox == []


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


class TestTrash:
    def test_only_editors_delete_and_published_articles_are_unpublished_first(
        self, client, author_user, editor_user
    ):
        draft = own_draft(author_user)
        published = make_article()
        client.force_login(author_user)
        assert (
            client.post(
                reverse("admin:articles_article_delete", args=[draft.pk]), {"post": "yes"}
            ).status_code
            == 403
        )
        client.force_login(editor_user)
        assert (
            client.post(
                reverse("admin:articles_article_delete", args=[published.pk]), {"post": "yes"}
            ).status_code
            == 403
        )
        assert (
            Article.objects.filter(pk__in=[draft.pk, published.pk], deleted_at__isnull=True).count()
            == 2
        )

    def test_deleting_moves_to_the_trash_with_history_and_readers_get_404(
        self, client, editor_user
    ):
        article = make_article()
        url = article.get_absolute_url()
        workflow.set_status(
            Article.objects.filter(pk=article.pk), Article.Status.UNPUBLISHED, user=editor_user
        )
        client.force_login(editor_user)
        response = client.post(
            reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}
        )
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.deleted_at is not None and article.deleted_by == editor_user
        assert article.status_changes.exists() and article.revisions.exists()
        assert article not in client.get(LIST_URL).context["cl"].result_list
        assert article.title in client.get(reverse("admin:articles_article_trash")).content.decode()
        client.logout()
        assert client.get(url).status_code in (404, 410)

    def test_an_editor_restores_from_the_trash(self, client, editor_user):
        article = make_article(status=Article.Status.DRAFT)
        workflow.trash(article, user=editor_user)
        client.force_login(editor_user)
        response = client.post(reverse("admin:articles_article_trash_restore", args=[article.pk]))
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.deleted_at is None and article.status == Article.Status.DRAFT

    def test_authors_cannot_see_or_use_the_trash(self, client, author_user, editor_user):
        article = make_article(status=Article.Status.DRAFT)
        workflow.trash(article, user=editor_user)
        client.force_login(author_user)
        assert client.get(reverse("admin:articles_article_trash")).status_code == 403
        assert (
            client.post(
                reverse("admin:articles_article_trash_restore", args=[article.pk])
            ).status_code
            == 403
        )
        article.refresh_from_db()
        assert article.deleted_at is not None

    def test_bulk_trash_skips_published_articles(self, client, editor_user):
        draft = make_article(status=Article.Status.DRAFT)
        published = make_article()
        client.force_login(editor_user)
        client.post(
            LIST_URL, {"action": "move_to_trash", "_selected_action": [draft.pk, published.pk]}
        )
        assert set(
            Article.objects.filter(deleted_at__isnull=False).values_list("pk", flat=True)
        ) == {draft.pk}

    def test_purge_removes_articles_trashed_more_than_30_days_ago(self, editor_user):
        old = make_article(status=Article.Status.DRAFT)
        recent = make_article(status=Article.Status.DRAFT)
        for article in (old, recent):
            workflow.set_status(
                Article.objects.filter(pk=article.pk), Article.Status.PENDING, user=editor_user
            )
            workflow.trash(article, user=editor_user)
        Article.objects.filter(pk=old.pk).update(deleted_at=timezone.now() - timedelta(days=31))
        call_command("purge_trash", stdout=open("/dev/null", "w"))
        assert not Article.objects.filter(pk=old.pk).exists()
        assert not Revision.objects.filter(article_id=old.pk).exists()
        assert Article.objects.filter(pk=recent.pk).exists() and recent.revisions.exists()


class TestList:
    def test_badges_tell_scheduled_expired_and_published_apart(self, client, editor_user):
        now = timezone.now()
        make_article(title="Đã lên lịch", publish_at=now + timedelta(days=1))
        make_article(
            title="Đã hết hạn",
            publish_at=now - timedelta(days=2),
            expire_at=now - timedelta(days=1),
        )
        make_article(title="Đang đăng", publish_at=now - timedelta(hours=1))
        client.force_login(editor_user)
        html = client.get(LIST_URL).content.decode()
        for kind in ("badge-scheduled", "badge-expired", "badge-published"):
            assert kind in html

    def test_the_list_query_count_does_not_grow_with_the_articles(
        self, client, editor_user, django_assert_max_num_queries
    ):
        for _ in range(30):
            make_article(status=Article.Status.DRAFT)
        client.force_login(editor_user)
        with django_assert_max_num_queries(15, info="the article list"):
            assert client.get(LIST_URL).status_code == 200


def test_admin_search_ignores_tone_marks(client, editor_user):
    found = make_article(status=Article.Status.DRAFT, title="Cà phê Đắk Lắk được mùa")
    make_article(status=Article.Status.DRAFT, title="Lúa ở An Giang")
    client.force_login(editor_user)
    for term in ("dak lak", "Đắk Lắk", "ca phe", "Đắk"):
        assert list(client.get(LIST_URL, {"q": term}).context["cl"].result_list) == [found], term


def test_editors_link_a_staff_account_to_an_author_profile(client, editor_user):
    from django.contrib.auth import get_user_model

    newcomer = make_staff(
        "Authors", username="phongvienmoi", first_name="Hoa", last_name="Phạm Thị"
    )
    client.force_login(editor_user)
    page = client.get(reverse("admin:articles_author_add"))
    assert page.status_code == 200
    assert "Phạm Thị Hoa (phongvienmoi)" in page.content.decode()  # Vietnamese name order
    response = client.post(
        reverse("admin:articles_author_add"),
        {"name": "Phạm Thị Hoa", "slug": "pham-thi-hoa", "user": newcomer.pk},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Author.objects.get(name="Phạm Thị Hoa").user == newcomer
    assert (
        "Phạm Thị Hoa (phongvienmoi)"
        in client.get(reverse("admin:articles_author_changelist")).content.decode()
    )
    assert not get_user_model().objects.get(pk=editor_user.pk).has_perm("auth.view_user")


def test_after_a_form_error_the_page_names_the_files_to_choose_again(client, editor_user):
    from tests.factories import image_file

    article = make_article(status=Article.Status.DRAFT)
    client.force_login(editor_user)
    data = full_post_data(
        article, title="", cover_alt="Ảnh lũ", cover_image=image_file("anh-lu-lut.jpg")
    )
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="newsroom-repick"' in page and "anh-lu-lut.jpg" in page


def test_the_author_filter_is_typed_not_a_column_of_links(client, editor_user):
    from tests.factories import make_author

    authors = [make_author(name=f"Phóng viên số {n}") for n in range(90)]
    picked = make_article(status=Article.Status.DRAFT, author=authors[7])
    make_article(status=Article.Status.DRAFT, author=authors[8])
    client.force_login(editor_user)
    page = client.get(LIST_URL).content.decode()
    assert (
        page.count("?tac_gia=") == 0 and page.count('<option value="Phóng viên số') == 90
    )  # a datalist
    response = client.get(LIST_URL, {"tac_gia": "Phóng viên số 7"})
    assert list(response.context["cl"].result_list) == [picked]


def test_a_submitted_article_reads_as_text_for_its_author_and_says_how_to_take_it_back(
    client, author_user
):
    article = own_draft(
        author_user, status=Article.Status.PENDING, body="<p>Đoạn <strong>một</strong>.</p>"
    )
    client.force_login(author_user)
    page = client.get(change_url(article)).content.decode()
    assert "<p>Đoạn <strong>một</strong>.</p>" in page  # rendered, not "&lt;p&gt;"
    assert "&lt;strong&gt;" not in page
    assert "Đưa các bài đã chọn về bản nháp" in page


def test_the_history_names_changed_fields_in_vietnamese_and_people_in_vietnamese_order(
    client, editor_user
):
    article = make_article(status=Article.Status.DRAFT, body="<p>Nội dung bài viết.</p>")
    client.force_login(editor_user)
    # CKEditor sends the same body re-formatted: not a change of the body
    data = full_post_data(article, title="Tiêu đề mới", body="<p>Nội dung bài viết.</p>\n")
    assert client.post(change_url(article), data).status_code == 302
    page = client.get(reverse("admin:articles_article_history", args=[article.pk])).content.decode()
    assert "Tiêu đề" in page and "Title" not in page
    assert "Body" not in page and "Nội dung" not in page.split('id="change-history"')[1]
    assert "Trần Văn Minh (bientap)" in page
    assert "1 mục" in page
