from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Article, Tag
from portal.text import fold, slugify_vi
from tests.factories import image_file, make_article, make_author, make_category

pytestmark = pytest.mark.django_db


class TestPublished:
    def test_published_includes_an_article_due_now(self):
        article = make_article(publish_at=timezone.now() - timedelta(seconds=1))
        assert list(Article.objects.published()) == [article]
        assert article.is_published()

    def test_published_excludes_an_article_scheduled_a_second_ahead(self):
        article = make_article(publish_at=timezone.now() + timedelta(seconds=1))
        assert not Article.objects.published().exists()
        assert not article.is_published()
        assert article.is_scheduled()

    def test_published_excludes_an_article_that_just_expired(self):
        now = timezone.now()
        article = make_article(
            publish_at=now - timedelta(days=1), expire_at=now - timedelta(milliseconds=1)
        )
        assert not Article.objects.published().exists()
        assert not article.is_published()

    def test_published_includes_an_article_expiring_a_second_from_now(self):
        now = timezone.now()
        make_article(publish_at=now - timedelta(days=1), expire_at=now + timedelta(seconds=1))
        assert Article.objects.published().count() == 1

    @pytest.mark.parametrize(
        "status", [Article.Status.DRAFT, Article.Status.PENDING, Article.Status.UNPUBLISHED]
    )
    def test_published_excludes_other_statuses_even_when_due(self, status):
        make_article(status=status, publish_at=timezone.now() - timedelta(days=1))
        assert not Article.objects.published().exists()

    def test_published_excludes_published_status_without_a_time(self):
        make_article(publish_at=None)
        assert not Article.objects.published().exists()


class TestVietnameseSlugs:
    @pytest.mark.parametrize(
        "text, slug",
        [
            ("Nâng cao ý thức, trách nhiệm", "nang-cao-y-thuc-trach-nhiem"),
            ("Đảng viên gương mẫu", "dang-vien-guong-mau"),
            ("ĐẠI HỘI ĐẢNG BỘ", "dai-hoi-dang-bo"),
            ("Chuyển đổi số: 100% xã, phường", "chuyen-doi-so-100-xa-phuong"),
            ("Ứng dụng bản đồ số", "ung-dung-ban-do-so"),
            ("  Mùa lúa chín — ruộng bậc thang  ", "mua-lua-chin-ruong-bac-thang"),
        ],
    )
    def test_slugify_vi_folds_tone_marks_and_d(self, text, slug):
        assert slugify_vi(text) == slug

    def test_fold_treats_nfc_and_nfd_alike(self):
        import unicodedata

        text = "Mạng xã hội đảng viên"
        assert (
            fold(unicodedata.normalize("NFC", text))
            == fold(unicodedata.normalize("NFD", text))
            == "Mang xa hoi dang vien"
        )

    def test_article_slug_is_prefilled_from_the_title(self):
        article = make_article(title="Nâng cao ý thức, trách nhiệm của đảng viên", slug="")
        assert article.slug == "nang-cao-y-thuc-trach-nhiem-cua-dang-vien"

    def test_category_author_and_tag_slugs_fold_vietnamese(self):
        assert make_category(name="Xây dựng Đảng", slug="").slug == "xay-dung-dang"
        assert make_author(name="Đỗ Hải Đăng", slug="").slug == "do-hai-dang"
        article = make_article(tags=["Chuyển đổi số", "đảng viên"])
        assert sorted(Tag.objects.values_list("slug", flat=True)) == ["chuyen-doi-so", "dang-vien"]
        assert article.tags.count() == 2


class TestArticleRules:
    def test_unit_defaults_to_the_authors_unit(self):
        author = make_author()
        article = make_article(author=author)
        assert article.unit == author.unit

    def test_publishing_without_a_time_is_refused(self):
        article = make_article(status=Article.Status.DRAFT)
        article.status = Article.Status.PUBLISHED
        with pytest.raises(ValidationError) as error:
            article.full_clean()
        assert "publish_at" in error.value.message_dict

    def test_expiry_before_publication_is_refused(self):
        now = timezone.now()
        article = make_article(publish_at=now, expire_at=now - timedelta(hours=1))
        with pytest.raises(ValidationError) as error:
            article.full_clean()
        assert "expire_at" in error.value.message_dict

    def test_cover_without_alt_text_is_refused(self):
        article = make_article()
        article.cover_image = image_file()
        article.cover_alt = "  "
        with pytest.raises(ValidationError) as error:
            article.full_clean()
        assert "cover_alt" in error.value.message_dict

    def test_a_category_cannot_be_its_own_ancestor(self):
        parent = make_category()
        child = make_category(parent=parent)
        parent.parent = child
        with pytest.raises(ValidationError):
            parent.full_clean()
