"""Search: Vietnamese folding, phrases, ranking, filters, snippets and the index kept up to date."""

import unicodedata
from datetime import timedelta

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from search.query import SearchResults, highlight, parse_query, search_articles, snippet
from tests.factories import make_article, make_author, make_category

NOW = timezone.now()


def ids(queryset):
    return [article.pk for article in queryset]


def find(query: str, queryset=None):
    return ids(search_articles(queryset or Article.objects.published(), parse_query(query)))


class CorpusMixin:
    """A small Vietnamese corpus written for these tests (no real news text)."""

    @classmethod
    def setUpTestData(cls):
        cls.society = make_category(name="Xã hội", slug="xa-hoi")
        cls.politics = make_category(name="Chính trị", slug="chinh-tri")
        cls.local = make_category(name="Địa phương", slug="dia-phuong", parent=cls.politics)
        author = make_author(name="Trần Thị Bình")
        common = {"author": author}
        # "mạng xã hội" in the title, the lead, the body, or only as separate words.
        cls.in_title = make_article(
            title="Mạng xã hội và trách nhiệm của người dùng",
            lead="Người dùng cần tỉnh táo trước thông tin chưa kiểm chứng.",
            body="<p>Hội thảo bàn về cách chia sẻ thông tin có trách nhiệm.</p>",
            category=cls.society,
            publish_at=NOW - timedelta(days=3),
            **common,
        )
        cls.in_lead = make_article(
            title="Hội nghị tập huấn kỹ năng số cho cán bộ",
            lead="Cán bộ được hướng dẫn sử dụng mạng xã hội để tuyên truyền chính sách.",
            body="<p>Lớp tập huấn kéo dài hai ngày.</p>",
            category=cls.society,
            publish_at=NOW - timedelta(days=2),
            **common,
        )
        cls.in_body = make_article(
            title="Thanh niên tình nguyện ra quân mùa hè",
            lead="Hàng trăm đoàn viên tham gia các hoạt động vì cộng đồng.",
            body="<p>Các đội hình tình nguyện giới thiệu hoạt động trên "
            "<strong>mạng xã hội</strong> "
            "và tại các điểm sinh hoạt cộng đồng.</p>",
            category=cls.society,
            publish_at=NOW - timedelta(days=1),
            **common,
        )
        cls.scattered = make_article(
            title="Mở rộng mạng lưới trường học vùng cao",
            lead="Nhiều điểm trường mới được xây dựng nhờ nguồn lực xã hội.",
            body="<p>Công tác xã hội hóa giáo dục tiếp tục được đẩy mạnh.</p>",
            category=cls.society,
            publish_at=NOW - timedelta(hours=5),
            **common,
        )
        cls.party = make_article(
            title="Kết nạp đảng viên mới tại xã Tân Phú",
            lead="Chi bộ thôn Đông kết nạp ba đảng viên trẻ.",
            body="<p>Lễ kết nạp diễn ra trang trọng tại nhà văn hóa thôn.</p>",
            category=cls.local,
            publish_at=NOW - timedelta(days=10),
            **common,
        )
        cls.road = make_article(
            title="Đường giao thông nông thôn về đích sớm",
            lead="Tuyến đường liên xã dài bốn cây số đã hoàn thành.",
            body="<p>Người dân hiến đất mở đường.</p>",
            category=cls.politics,
            publish_at=NOW - timedelta(days=40),
            **common,
        )
        cls.tagged = make_article(
            title="Một cửa điện tử cấp huyện",
            lead="Thủ tục hành chính được giải quyết nhanh hơn.",
            body="<p>Người dân nộp hồ sơ trực tuyến.</p>",
            category=cls.politics,
            publish_at=NOW - timedelta(days=4),
            tags=["Chuyển đổi số"],
            **common,
        )
        # Stored decomposed (NFD), as some Mac and Word pastes are.
        cls.decomposed = make_article(
            title=unicodedata.normalize("NFD", "Phát triển du lịch cộng đồng ở bản Lác"),
            lead=unicodedata.normalize("NFD", "Homestay của đồng bào Thái đón khách quanh năm."),
            body="<p>Khách du lịch trải nghiệm văn hóa bản địa.</p>",
            category=cls.society,
            publish_at=NOW - timedelta(days=6),
            **common,
        )
        # Never in results: a draft, a scheduled and an expired article, all about "mạng xã hội".
        cls.draft = make_article(
            title="Mạng xã hội: bản nháp",
            status=Article.Status.DRAFT,
            category=cls.society,
            **common,
        )
        cls.scheduled = make_article(
            title="Mạng xã hội: bài hẹn giờ",
            category=cls.society,
            publish_at=NOW + timedelta(days=1),
            **common,
        )
        cls.expired = make_article(
            title="Mạng xã hội: bài hết hạn",
            category=cls.society,
            publish_at=NOW - timedelta(days=9),
            expire_at=NOW - timedelta(days=1),
            **common,
        )


class FoldingAndPhraseTests(CorpusMixin, TestCase):
    def test_with_and_without_tone_marks_and_in_capitals_find_the_same_articles(self):
        expected = find("mạng xã hội")
        self.assertEqual(find("mang xa hoi"), expected)
        self.assertEqual(find("MẠNG XÃ HỘI"), expected)
        self.assertEqual(find(unicodedata.normalize("NFD", "Mạng Xã Hội")), expected)
        self.assertEqual(
            set(expected), {self.in_title.pk, self.in_lead.pk, self.in_body.pk, self.scattered.pk}
        )

    def test_d_with_stroke_folds_to_d(self):
        self.assertEqual(find("dang vien"), [self.party.pk])
        self.assertEqual(find("ĐẢNG VIÊN"), [self.party.pk])
        self.assertEqual(find("duong giao thong"), [self.road.pk])

    def test_decomposed_stored_text_is_found_by_composed_and_plain_queries(self):
        self.assertEqual(find("phát triển du lịch"), [self.decomposed.pk])
        self.assertEqual(find("phat trien du lich"), [self.decomposed.pk])
        self.assertEqual(find("đồng bào thái"), [self.decomposed.pk])

    def test_quoted_phrase_needs_the_words_together_and_in_order(self):
        phrase = find('"mạng xã hội"')
        self.assertEqual(set(phrase), {self.in_title.pk, self.in_lead.pk, self.in_body.pk})
        self.assertNotIn(self.scattered.pk, phrase)
        self.assertEqual(find('"hoi xa mang"'), [])

    def test_phrase_and_words_combine(self):
        self.assertEqual(find('"mang xa hoi" can bo'), [self.in_lead.pk])

    def test_minus_excludes_a_word(self):
        self.assertEqual(
            set(find("mang xa hoi -truong")), {self.in_title.pk, self.in_lead.pk, self.in_body.pk}
        )

    def test_tag_names_are_searchable(self):
        self.assertEqual(find("chuyen doi so"), [self.tagged.pk])
        self.assertEqual(find("Chuyển đổi số"), [self.tagged.pk])

    def test_all_words_must_match(self):
        self.assertEqual(find("dang vien duong"), [])

    def test_only_published_articles_are_found(self):
        found = find("mạng xã hội")
        for hidden in (self.draft, self.scheduled, self.expired):
            self.assertNotIn(hidden.pk, found)


class RankingTests(CorpusMixin, TestCase):
    def test_title_ranks_above_lead_above_body(self):
        # "mạng xã hội" together in the title, together in the lead, apart in title and lead,
        # together only in the body.
        self.assertEqual(
            find("mang xa hoi"),
            [self.in_title.pk, self.in_lead.pk, self.scattered.pk, self.in_body.pk],
        )

    def test_single_word_in_title_lead_body(self):
        title = make_article(
            title="Lễ hội cồng chiêng", lead="Tin văn hóa.", body="<p>Nội dung.</p>"
        )
        lead = make_article(
            title="Tin văn hóa", lead="Nghệ nhân biểu diễn cồng chiêng.", body="<p>Nội dung.</p>"
        )
        body = make_article(
            title="Tin văn hóa", lead="Nghệ nhân biểu diễn.", body="<p>Cồng chiêng vang.</p>"
        )
        body.publish_at = NOW  # newest, still last
        body.save()
        self.assertEqual(find("cong chieng"), [title.pk, lead.pk, body.pk])

    def test_body_only_matches_are_newest_first(self):
        older = make_article(
            title="Tin A", body="<p>Nghề dệt thổ cẩm.</p>", publish_at=NOW - timedelta(days=2)
        )
        newer = make_article(
            title="Tin B", body="<p>Nghề dệt thổ cẩm.</p>", publish_at=NOW - timedelta(days=1)
        )
        self.assertEqual(find("tho cam"), [newer.pk, older.pk])

    def test_newer_article_first_at_equal_rank(self):
        older = make_article(
            title="Hội chợ gốm sứ", lead="Hội chợ thường niên.", publish_at=NOW - timedelta(days=8)
        )
        newer = make_article(
            title="Hội chợ gốm sứ", lead="Hội chợ thường niên.", publish_at=NOW - timedelta(days=7)
        )
        self.assertEqual(find("gom su"), [newer.pk, older.pk])


class ImmediateIndexTests(TestCase):
    def test_published_edit_is_searchable_at_once(self):
        article = make_article(title="Tin cũ", lead="Không có gì.")
        self.assertEqual(find("cầu treo"), [])
        article.title = "Khánh thành cầu treo dân sinh"
        article.save()
        self.assertEqual(find("cau treo"), [article.pk])

    def test_unpublished_article_disappears_at_once(self):
        article = make_article(title="Khánh thành cầu treo dân sinh")
        self.assertEqual(find("cau treo"), [article.pk])
        article.status = Article.Status.UNPUBLISHED
        article.save(update_fields=["status", "updated_at"])
        self.assertEqual(find("cau treo"), [])

    def test_tags_added_removed_and_renamed_update_the_index(self):
        article = make_article(title="Tin nông nghiệp")
        article.tags.add("Cà phê")
        self.assertEqual(find("ca phe"), [article.pk])
        tag = article.tags.get()
        tag.name = "Hồ tiêu"
        tag.save()
        self.assertEqual(find("ca phe"), [])
        self.assertEqual(find("ho tieu"), [article.pk])
        article.tags.clear()
        self.assertEqual(find("ho tieu"), [])

    def test_saving_an_article_costs_one_tag_query_and_one_update_for_the_index(self):
        article = make_article(title="Tin nông nghiệp")
        article.title = "Tin lâm nghiệp"
        # UPDATE of the row + SELECT of its tag names + UPDATE of the search document
        with self.assertNumQueries(3):
            article.save()
        # A status-only save does not touch the document.
        with self.assertNumQueries(1):
            article.save(update_fields=["status"])


class QueryParsingTests(TestCase):
    def test_long_query_is_cut(self):
        parsed = parse_query("a" * 10_000)
        self.assertLessEqual(len(parsed.text), 200)

    def test_punctuation_only_is_empty(self):
        for raw in ["", "   ", "!!!", "&|!():*<->", '""', "-", "--", "_", "\u0301"]:
            with self.subTest(raw=raw):
                self.assertFalse(parse_query(raw))

    def test_quotes_minus_and_words(self):
        parsed = parse_query('Đảng viên "mạng xã hội" -tin')
        self.assertEqual(parsed.text, "dang vien")
        self.assertEqual(parsed.phrases, ["mang xa hoi"])
        self.assertEqual(parsed.excluded, ["tin"])


class SnippetTests(TestCase):
    def test_highlight_marks_the_original_vietnamese_words(self):
        marked = highlight("Mạng xã hội và đảng viên", parse_query("mang xa hoi dang"))
        self.assertEqual(marked, "<mark>Mạng xã hội</mark> và <mark>đảng</mark> viên")

    def test_phrase_is_marked_as_one(self):
        marked = highlight("Trên mạng xã hội, mạng lưới", parse_query('"mạng xã hội"'))
        self.assertEqual(marked, "Trên <mark>mạng xã hội</mark>, mạng lưới")

    def test_only_whole_words_are_marked(self):
        self.assertEqual(
            highlight("Hội nghị xã hội hóa", parse_query("hoi")),
            "<mark>Hội</mark> nghị xã <mark>hội</mark> hóa",
        )
        self.assertEqual(highlight("Hoinghi", parse_query("hoi")), "Hoinghi")

    def test_decomposed_text_is_shown_composed_and_marked(self):
        marked = highlight(unicodedata.normalize("NFD", "Đồng bào Thái"), parse_query("dong bao"))
        self.assertEqual(marked, "<mark>Đồng bào</mark> Thái")

    def test_everything_else_is_escaped(self):
        marked = snippet(["<b>mạng</b> & <script>xã hội</script>"], parse_query("xa hoi"))
        self.assertEqual(
            marked, "&lt;b&gt;mạng&lt;/b&gt; &amp; &lt;script&gt;<mark>xã hội</mark>&lt;/script&gt;"
        )
        self.assertNotIn(
            "<script>", snippet(["<script>alert(1)</script>"], parse_query("khong co"))
        )

    def test_snippet_is_cut_around_the_first_match(self):
        text = " ".join(["chữ"] * 200) + " cầu treo " + " ".join(["khác"] * 200)
        result = snippet([text], parse_query("cau treo"), length=120)
        self.assertIn("<mark>cầu treo</mark>", result)
        self.assertTrue(result.startswith("… ") and result.endswith(" …"))
        self.assertLess(len(result), 200)

    def test_snippet_falls_back_to_the_first_text(self):
        self.assertEqual(
            snippet(["Tóm tắt.", "Nội dung"], parse_query("chuyen doi so")), "Tóm tắt."
        )


class SearchPageTests(CorpusMixin, TestCase):
    url = reverse("search:search")

    def get(self, **params):
        response = self.client.get(self.url, params)
        self.assertEqual(response.status_code, 200)
        return response

    def test_results_with_highlighted_titles_and_snippets(self):
        response = self.get(q="dang vien")
        self.assertEqual([r.article.pk for r in response.context["results"]], [self.party.pk])
        html = response.content.decode()
        self.assertIn("Kết nạp <mark>đảng viên</mark> mới tại xã Tân Phú", html)
        self.assertIn("ba <mark>đảng viên</mark> trẻ", html)

    def test_search_page_is_noindex(self):
        response = self.get(q="dang vien")
        self.assertIn("noindex", response["X-Robots-Tag"])

    def test_category_filter_includes_sub_categories(self):
        response = self.get(q="ket nap", category="chinh-tri")
        self.assertEqual([r.article.pk for r in response.context["results"]], [self.party.pk])
        response = self.get(q="ket nap", category="xa-hoi")
        self.assertEqual(response.context["results"], [])

    def test_date_range_filter(self):
        # The days are Vietnam days: which matches share in_body's day depends on the hour the
        # test runs (5 hours after midnight, "scattered" does), so the expectation is read off them.
        matches = [self.in_title, self.in_lead, self.in_body, self.scattered]
        local_day = {
            article.pk: timezone.localtime(article.publish_at).date() for article in matches
        }
        day = local_day[self.in_body.pk]
        response = self.get(q="mang xa hoi", date_from=day.isoformat(), date_to=day.isoformat())
        found = {r.article.pk for r in response.context["results"]}
        self.assertIn(self.in_body.pk, found)
        self.assertEqual(found, {pk for pk, each in local_day.items() if each == day})
        response = self.get(q="mang xa hoi", date_to=(day - timedelta(days=1)).isoformat())
        found = {r.article.pk for r in response.context["results"]}
        self.assertTrue({self.in_title.pk, self.in_lead.pk} <= found)
        self.assertEqual(found, {pk for pk, each in local_day.items() if each < day})

    def test_no_hits_with_filters_suggests_removing_them(self):
        response = self.get(q="ket nap", category="xa-hoi")
        html = response.content.decode()
        self.assertIn("Không tìm thấy", html)
        self.assertIn("bỏ bộ lọc", html)
        self.assertIn('href="?q=ket+nap"', html)

    def test_no_hits_without_filters_says_so(self):
        html = self.get(q="khong co bai nao").content.decode()
        self.assertIn("Không tìm thấy", html)
        self.assertNotIn("bỏ bộ lọc", html)

    def test_reversed_date_range_is_a_form_error_not_a_500(self):
        response = self.get(q="mang", date_from="2026-05-02", date_to="2026-05-01")
        self.assertIn("date_to", response.context["form"].errors)

    def test_bad_filters_are_form_errors(self):
        response = self.get(q="mang", category="khong-ton-tai", date_from="hôm qua")
        self.assertEqual(set(response.context["form"].errors), {"category", "date_from"})
        self.assertEqual(response.context["results"], [])
        self.assertContains(response, "Hãy sửa bộ lọc ở trên rồi tìm lại.")
        self.assertContains(response, "Nhập một ngày hợp lệ.")

    def test_a_long_query_is_echoed_cut(self):
        response = self.get(q="mạng " * 2000)
        self.assertEqual(len(response.context["query"]), 200)

    def test_twenty_results_a_page(self):
        category = make_category()
        for n in range(45):
            make_article(title=f"Bản tin nông thôn mới số {n}", category=category)
        first = self.get(q="nong thon moi")
        self.assertEqual(len(first.context["results"]), 20)
        self.assertEqual(first.context["page_obj"].paginator.count, 45)
        third = self.get(q="nong thon moi", page="3")
        self.assertEqual(len(third.context["results"]), 5)
        self.assertIn("q=nong+thon+moi&amp;page=2", third.content.decode())
        # Not a number or out of range: the nearest page, never an error.
        self.assertEqual(self.get(q="nong thon moi", page="abc").context["page_obj"].number, 1)
        self.assertEqual(self.get(q="nong thon moi", page="99").context["page_obj"].number, 3)

    def test_results_page_queries_do_not_grow_with_results(self):
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE articles_article")  # as autovacuum keeps a live site's table
        parsed = parse_query("mang xa hoi")
        results = search_articles(Article.objects.published().for_cards(), parsed)
        # Not counted first, so: two planner estimates (EXPLAIN), the histogram of publish_at (where
        # the window of recent articles starts), SET LOCAL, the newest matches (ids), SET LOCAL
        # back, the ranked page.
        with self.assertNumQueries(7):
            articles = list(results[:20])
            [(a.category.name, a.author.name) for a in articles]


BAD_QUERIES = [
    "",
    " ",
    "!!!",
    "?",
    "'",
    '"',
    '"""',
    "\\",
    "%",
    "_",
    "*",
    "'; DROP TABLE articles_article; --",
    "1' OR '1'='1",
    "mang & xa | !hoi",
    "mang:* & (xa <-> hoi)",
    "!(",
    "<->",
    "a <2> b",
    "')) OR 1=1 --",
    "$$ || pg_sleep(10) $$",
    "<script>alert('x')</script>",
    "\x00",
    "mạng\x00xã",
    "😀 🇻🇳",
    "\u0301\u0303",
    "-",
    "-mang",
    '-"mạng xã hội"',
    '"mạng xã hội',
    "a" * 10_000,
    "đ" * 10_000,
    "mạng xã hội " * 900,
    '" ' * 5000,
]


@pytest.mark.django_db
@pytest.mark.parametrize("query", BAD_QUERIES, ids=lambda q: repr(q[:20]) + f"[{len(q)}]")
def test_bad_queries_answer_a_normal_page(client, query):
    make_article(title="Mạng xã hội an toàn")
    response = client.get(reverse("search:search"), {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert len(html) < 200_000  # a 10,000-character query is not echoed back whole


@pytest.mark.django_db
def test_search_box_points_to_the_search_page(client):
    from django.template.loader import render_to_string

    html = render_to_string("includes/search_form.html")
    assert f'action="{reverse("search:search")}"' in html
    assert 'role="search"' in html and 'name="q"' in html


@pytest.mark.django_db
def test_count_is_capped_for_common_words(client, monkeypatch):
    from search import views as search_views

    monkeypatch.setattr(search_views, "MAX_COUNTED", 5)
    monkeypatch.setattr(search_views, "PER_PAGE", 2)
    category = make_category()
    for n in range(8):
        make_article(title=f"Phiên chợ vùng cao {n}", category=category)
    response = client.get(reverse("search:search"), {"q": "cho vung cao"})
    assert "Có hơn 5 bài viết phù hợp" in response.content.decode()
    assert response.context["page_obj"].paginator.num_pages == 3
    last = client.get(reverse("search:search"), {"q": "cho vung cao", "page": "9"})
    assert last.context["page_obj"].number == 3


@pytest.mark.django_db
def test_results_page_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    category = make_category()
    for n in range(25):
        make_article(title=f"Phiên chợ vùng cao {n}", category=category, tags=["Chợ phiên"])
    client.get(reverse("search:search"), {"q": "cho"})  # warm the per-site caches (settings, menu)
    # savepoint, SET LOCAL, then SET LOCAL / capped count / SET LOCAL back, SET LOCAL / newest
    # matches (ids) / SET LOCAL back, the ranked page, SET LOCAL back, release (+ the session's, if
    # any): the same however many articles match
    with django_assert_max_num_queries(12):
        response = client.get(reverse("search:search"), {"q": "cho vung cao"})
    assert len(response.context["results"]) == 20


@pytest.mark.django_db
def test_an_edit_in_the_admin_is_searchable_at_once_with_its_tags(client):
    from tests.articles.admin_forms import article_post_data
    from tests.factories import make_staff

    client.force_login(make_staff("Editors", username="bientap-tim-kiem"))
    article = make_article(title="Tin cũ", lead="Không có gì.", tags=["Cũ"])
    data = article_post_data(
        article, title="Khánh thành cầu treo Bản Mòng", tags="Giao thông nông thôn, Cầu dân sinh"
    )
    response = client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert find("cau treo ban mong") == [article.pk]
    assert find("cau dan sinh") == [article.pk]  # tags set by the admin after the article is saved
    assert find("cu") == []  # the old tag is gone

    data = article_post_data(Article.objects.get(pk=article.pk), status=Article.Status.UNPUBLISHED)
    client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert find("cau treo") == []


@pytest.mark.django_db
def test_rebuild_command_indexes_articles_written_around_save():
    from io import StringIO

    from django.core.management import call_command

    article = make_article(title="Lễ hội đua ghe ngo", tags=["Lễ hội"])
    Article.objects.filter(pk=article.pk).update(
        title="Giải bóng chuyền hơi", search_document=None, search_head=None
    )
    assert find("bong chuyen") == []
    out = StringIO()
    call_command("rebuild_search_index", "--missing", stdout=out)
    assert "1 articles" in out.getvalue()
    assert find("bong chuyen hoi") == [article.pk]
    assert find("le hoi") == [article.pk]  # its tag


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"q": "a", "date_to": "9999-12-31"},
        {"q": "a", "date_from": "0001-01-01", "date_to": "9999-12-31"},
        {"q": "a", "date_from": "9999-12-31"},
        {"q": "a", "date_to": "10000-01-01"},
    ],
)
def test_extreme_dates_answer_a_normal_page(client, params):
    assert client.get("/tim-kiem/", params).status_code == 200


class ToneMarkRankingTests(TestCase):
    """A query typed with tone marks ranks the words as typed before words that only fold alike."""

    @classmethod
    def setUpTestData(cls):
        cls.so_exact = make_article(
            title="Số hóa hồ sơ tại xã vùng cao", publish_at=NOW - timedelta(days=3)
        )
        cls.so_office = make_article(
            title="Sở Tài chính họp báo quý ba", publish_at=NOW - timedelta(days=2)
        )
        cls.so_plain = make_article(
            title="So sánh giá lúa các vụ", publish_at=NOW - timedelta(days=1)
        )
        cls.digital = make_article(
            title="Chuyển đổi số trong trường học", publish_at=NOW - timedelta(days=5)
        )
        # Folds to the same "chuyen doi so", side by side, and is newer.
        cls.fates = make_article(
            title="Chuyện đôi số phận sau chiến tranh", publish_at=NOW - timedelta(days=4)
        )

    def test_marked_word_ranks_the_exact_word_first(self):
        found = find("số")
        exact = {self.so_exact.pk, self.digital.pk, self.fates.pk}  # "số" as typed
        self.assertEqual(set(found[:3]), exact)
        self.assertEqual(set(found[3:]), {self.so_office.pk, self.so_plain.pk})  # "sở", "so"
        self.assertEqual(find("SỐ")[0], self.so_exact.pk)
        self.assertEqual(find(unicodedata.normalize("NFD", "số"))[0], self.so_exact.pk)
        self.assertEqual(find("sở")[0], self.so_office.pk)

    def test_marked_phrase_does_not_put_doi_first(self):
        self.assertEqual(find("chuyển đổi số"), [self.digital.pk, self.fates.pk])
        self.assertEqual(find('"chuyển đổi số"'), [self.digital.pk, self.fates.pk])
        self.assertEqual(find("chuyện đôi số")[0], self.fates.pk)

    def test_query_without_marks_matches_everything_newest_first_at_equal_rank(self):
        everything = {self.so_exact.pk, self.so_office.pk, self.so_plain.pk, self.digital.pk}
        self.assertEqual(set(find("so")), everything | {self.fates.pk})
        self.assertEqual(set(find("chuyen doi so")), {self.digital.pk, self.fates.pk})

    def test_only_marked_words_are_required_as_typed(self):
        # "hồ sơ" written with marks, "xa" without: the exact tier needs "hồ" and "sơ" only.
        self.assertEqual(find("hồ sơ xa"), [self.so_exact.pk])
        self.assertEqual(parse_query('ho "chuyển đổi" -số Xã').marked, ["chuyển", "đổi", "xã"])
        self.assertEqual(parse_query("mang xa hoi").marked, [])

    def test_exact_vector_follows_tags_and_is_rebuilt(self):
        from io import StringIO

        from django.core.management import call_command

        article = make_article(title="Tin tổng hợp", publish_at=NOW - timedelta(days=9))
        older = make_article(title="Tin tổng hợp", publish_at=NOW - timedelta(days=10))
        older.tags.add("Số hóa")
        article.tags.add("Sổ hộ khẩu")  # folds to "so ho khau": matches "số" folded only
        self.assertEqual(find("số hóa tin")[0], older.pk)
        Article.objects.filter(pk=older.pk).update(search_exact=None)
        self.assertEqual(find("số tin")[0], article.pk)  # without it: the newer first
        call_command("rebuild_search_index", "--missing", stdout=StringIO())
        self.assertEqual(find("số tin")[0], older.pk)


class BoundedRankingTests(TestCase):
    """Only the newest MAX_RANKED matches are ranked; older matches follow, newest first."""

    def setUp(self):
        from unittest import mock

        from search import query as search

        patcher = mock.patch.object(search, "MAX_RANKED", 3)
        patcher.start()
        self.addCleanup(patcher.stop)

    def make(self, days, **fields):
        return make_article(publish_at=NOW - timedelta(days=days), **fields)

    def test_newest_matches_ranked_then_older_by_date(self):
        body_new = self.make(1, title="Tin một", body="<p>Làng gốm Bát Tràng.</p>")
        title_new = self.make(2, title="Làng gốm vào mùa")
        lead_new = self.make(3, title="Tin ba", lead="Nghệ nhân làm gốm.")
        title_old = self.make(4, title="Gốm cổ trưng bày")
        body_old = self.make(5, title="Tin năm", body="<p>Đồ gốm.</p>")
        title_oldest = self.make(6, title="Gốm Chu Đậu")
        self.make(0, title="Tin không liên quan")  # newest of all, no match
        ranked = [title_new.pk, lead_new.pk, body_new.pk]
        expected = [*ranked, title_old.pk, body_old.pk, title_oldest.pk]
        self.assertEqual(find("gom"), expected)
        # Paged (2 a page, 3 ranked): no article lost or repeated across the boundary.
        results = search_articles(Article.objects.published(), parse_query("gom"))
        paged = [a.pk for start in range(0, 8, 2) for a in results[start : start + 2]]
        self.assertEqual(paged, expected)
        self.assertEqual([a.pk for a in results[2:5]], expected[2:5])

    def test_the_page_says_which_matches_are_ranked(self):
        for n in range(4):
            self.make(n + 1, title=f"Làng gốm số {n}")
        response = self.client.get(reverse("search:search"), {"q": "gom"})
        self.assertContains(response, "3 bài mới nhất được xếp trước, phù hợp nhất lên đầu")
        response = self.client.get(reverse("search:search"), {"q": "gom so 1"})
        self.assertNotContains(response, "bài mới nhất được xếp trước")

    def test_the_window_grows_past_newer_articles_that_do_not_match(self):
        old = [self.make(30 + n, title=f"Hội thi cồng chiêng lần {n}") for n in range(4)]
        for n in range(12):
            self.make(n, title=f"Tin thời sự số {n}")
        self.assertEqual(find("cong chieng"), [a.pk for a in old])

    def test_pinned_orders_hold_when_exactly_the_matches_are_ranked(self):
        from unittest import mock

        from search import query as search

        corpus = type("Corpus", (CorpusMixin,), {})
        CorpusMixin.setUpTestData.__func__(corpus)
        with mock.patch.object(search, "MAX_RANKED", 4):  # the 4 matches, found through windows
            self.assertEqual(
                find("mang xa hoi"),
                [corpus.in_title.pk, corpus.in_lead.pk, corpus.scattered.pk, corpus.in_body.pk],
            )
            self.assertEqual(find("dang vien"), [corpus.party.pk])


def test_window_start_is_read_off_the_histogram():
    """Equal-depth buckets of 10 rows, an hour each: 25 rows before `now` start 2.5 buckets back;
    past the oldest bound the window is everything; rows newer than the last bound (added since
    ANALYZE) only make the window hold more."""
    from search.query import _start_from_histogram

    hour = timedelta(hours=1)
    bounds = [NOW - (10 - n) * hour for n in range(11)]
    assert _start_from_histogram(bounds, 10, 25, NOW) == NOW - 2.5 * hour
    assert _start_from_histogram(bounds, 10, 25, NOW - 4 * hour) == NOW - 6.5 * hour
    assert _start_from_histogram(bounds, 10, 100, NOW) is None
    assert _start_from_histogram(bounds, 10, 25, NOW + 5 * hour) == NOW - 2.5 * hour
    assert _start_from_histogram(bounds, 10, 5, NOW - 11 * hour) is None


@pytest.mark.django_db
def test_windows_come_from_the_statistics_once_the_table_is_analyzed():
    """With statistics, no statement walks the date index to find where a window starts, and the
    newest matches are the same as found by walking it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(60):
        make_article(
            title=f"Hội thi cồng chiêng {n}" if n % 3 == 0 else f"Tin thời sự {n}",
            publish_at=NOW - timedelta(hours=n + 1),
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")
    parsed = parse_query("cong chieng")

    def newest(statistics: bool):
        results = SearchResults(Article.objects.published(), parsed, ranked=5)
        if not statistics:
            results.__dict__["_histogram"] = None
        with CaptureQueriesContext(connection) as queries:
            found = results.newest(12)
        return found, [q["sql"] for q in queries.captured_queries]

    found, statements = newest(statistics=True)
    walked, walking = newest(statistics=False)
    assert [pk for pk, _ in found] == [pk for pk, _ in walked]
    assert len(found) == 12
    assert any("OFFSET" in sql for sql in walking)
    assert not any("OFFSET" in sql for sql in statements), statements
    assert any("pg_stats" in sql for sql in statements)


@pytest.mark.django_db
def test_search_page_reads_a_bounded_number_of_rows_and_never_scans_the_table(client):
    """On 3,000 articles that all match, every statement of the search page goes through an index
    (no Seq Scan of articles_article) and reads at most about MAX_COUNTED rows of it."""
    import json

    from django.db import connection

    from search import query as search
    from search.views import MAX_COUNTED

    first = make_article(title="Kinh tế địa phương 0", publish_at=NOW - timedelta(hours=1))
    Article.objects.bulk_create(
        Article(
            title=f"Kinh tế địa phương {n}",
            slug=f"kinh-te-{n}",
            lead="Tăng trưởng kinh tế quý ba.",
            body="<p>Nội dung.</p>",
            author_id=first.author_id,
            unit_id=first.unit_id,
            category_id=first.category_id,
            status=Article.Status.PUBLISHED,
            publish_at=NOW - timedelta(hours=n + 1),
        )
        for n in range(1, 3000)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_article SET search_head = "
            "setweight(to_tsvector('simple', 'kinh te dia phuong'), 'A') || "
            "setweight(to_tsvector('simple', 'tang truong kinh te quy ba'), 'B'), "
            "search_exact = setweight(to_tsvector('simple', 'kinh tế địa phương'), 'A') "
            "WHERE id <> %s",
            [first.pk],
        )
        cursor.execute(
            "UPDATE articles_article SET search_document = search_head || "
            "setweight(to_tsvector('simple', 'noi dung'), 'C') WHERE id <> %s",
            [first.pk],
        )
        cursor.execute("ANALYZE articles_article")

    plans = []

    def explain(execute, sql, params, many, context):
        # The search's statements (not the other widgets of the page): matching, or the start of
        # the window of recent articles, or the ranked page (matching ids).
        searching = "@@" in sql or 'SELECT "articles_article"."publish_at" AS "publish_at"' in sql
        if sql.lstrip().upper().startswith("SELECT") and searching:
            cursor = context["cursor"]
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
            plan = cursor.fetchone()[0]
            plans.append((sql, json.loads(plan) if isinstance(plan, str) else plan))
        return execute(sql, params, many, context)

    def article_nodes(node):
        if node.get("Relation Name") == "articles_article":
            yield node
        for child in node.get("Plans", []):
            yield from article_nodes(child)

    for query in ("kinh te", "kinh tế", '"kinh te dia phuong"'):
        plans.clear()
        with connection.execute_wrapper(explain):
            response = client.get(reverse("search:search"), {"q": query})
        assert response.status_code == 200
        assert len(response.context["results"]) == 20
        assert response.context["page_obj"].paginator.capped
        assert plans
        for sql, plan in plans:
            for node in article_nodes(plan[0]["Plan"]):
                assert node["Node Type"] != "Seq Scan", sql
                removed = node.get("Rows Removed by Filter", 0)
                read = node["Actual Rows"] * node["Actual Loops"] + removed
                assert read <= MAX_COUNTED + 1 + 2 * getattr(search, "MAX_RANKED", 200), (read, sql)


@pytest.mark.django_db
def test_category_filter_lists_each_parent_followed_by_its_children(client):
    """The choices in tree order, sub-categories indented under their parent (in the editors'
    order), inactive categories and everything under them left out."""
    later = make_category(name="Văn hóa", slug="van-hoa", order=2)
    first = make_category(name="Tin tức", slug="tin-tuc", order=1)
    make_category(name="Kinh tế", slug="kinh-te", parent=first, order=2)
    make_category(name="Thời sự", slug="thoi-su", parent=first, order=1)
    make_category(name="Du lịch", slug="du-lich", parent=later)
    hidden = make_category(name="Lưu trữ", slug="luu-tru", parent=first, order=3, is_active=False)
    make_category(name="Ảnh cũ", slug="anh-cu", parent=hidden, order=1)
    import re

    html = client.get(reverse("search:search")).content.decode()
    select = html.split('name="category"')[1].split("</select>")[0]
    options = [
        (value, label.strip())
        for value, label in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)
    ]
    assert options[1:] == [
        ("tin-tuc", "Tin tức"),
        ("thoi-su", "— Thời sự"),
        ("kinh-te", "— Kinh tế"),
        ("van-hoa", "Văn hóa"),
        ("du-lich", "— Du lịch"),
    ]
