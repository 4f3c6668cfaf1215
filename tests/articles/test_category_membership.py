"""One definition of "the articles of a category" (Article.objects.in_category), and every surface
that lists a category's articles agrees with it: the home block, the category page, the RSS and
Atom feeds (items, ETag, Last-Modified), the search filter and the sitemap's lastmod.

The rule: an article belongs to a category when its primary category or one of its further
categories is that category or one of its ACTIVE descendants. An inactive sub-category is hidden
from readers (no page, not in the menu), so its articles are not listed under its parent either.

The site: a top category T with an active child A and an inactive child C (and an active
grandchild G under C, unreachable through it), and another top category O. Members of T: an
article of T, one of A, one of O with T as a further category, one of O with A as a further
category. Not members: one of C, one of G, one of O alone. The non-members are the NEWEST
articles, so a surface that lets one in shows it first.
"""

import re
import xml.etree.ElementTree as ET
from datetime import timedelta
from email.utils import parsedate_to_datetime

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Category
from portal.models import SiteSettings
from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ARTICLE_LINK = re.compile(r'href="(?:http://testserver)?(/[-a-z0-9]+/[-a-z0-9]+-\d+\.html)"')


@pytest.fixture
def site(db, settings):
    settings.PAGE_CACHE = False  # each request rendered (some tests change articles with update())
    now = timezone.now()
    top = make_category(name="Tin tức", slug="tin-tuc", order=1)
    active = make_category(name="Thời sự", slug="thoi-su", parent=top, order=1)
    inactive = make_category(name="Lưu trữ", slug="luu-tru", parent=top, order=2, is_active=False)
    grandchild = make_category(name="Ảnh cũ", slug="anh-cu", parent=inactive)
    other = make_category(name="Văn hóa", slug="van-hoa", order=2)

    def article(title, category, hours, extra=()):
        when = now - timedelta(hours=hours)
        made = make_article(title=f"Lũ lụt {title}", category=category, publish_at=when)
        made.extra_categories.add(*extra)
        return made

    outside = {
        "in_inactive_child": article("chuyên mục con đã ẩn", inactive, 1),
        "in_grandchild": article("chuyên mục cháu dưới mục ẩn", grandchild, 2),
        "only_other": article("chỉ chuyên mục khác", other, 3),
    }
    members = {  # a day apart (the sitemap's lastmod is a date)
        "extra_top": article("thêm vào chuyên mục lớn", other, 24 * 2, extra=[top]),
        "in_active_child": article("chuyên mục con", active, 24 * 3),
        "extra_active_child": article("thêm vào chuyên mục con", other, 24 * 4, extra=[active]),
        "in_top": article("chuyên mục lớn", top, 24 * 5),
    }
    return {
        "top": top,
        "active": active,
        "inactive": inactive,
        "other": other,
        "members": members,
        "outside": outside,
    }


def ids(articles):
    return {a.pk for a in articles}


def urls(articles):
    return {a.get_absolute_url() for a in articles}


def test_the_subtree_is_the_category_and_its_active_descendants(site):
    assert set(site["top"].subtree_ids()) == {site["top"].pk, site["active"].pk}
    members = Article.objects.published().in_category(site["top"])
    assert ids(members) == ids(site["members"].values())
    newest = Article.objects.published().in_category(site["top"], newest=2).recent()[:2]
    assert [a.pk for a in newest] == [
        site["members"]["extra_top"].pk,
        site["members"]["in_active_child"].pk,
    ]


def test_the_newest_members_are_cut_to_the_number_asked_inside_the_database(site):
    """newest=n holds exactly the n newest members (not n from each sub-category and n of the
    further categories, which a deep page would then probe one by one), and an article filed in
    the subtree twice (primary in the child, further in the parent) counts once."""
    site["members"]["in_active_child"].extra_categories.add(site["top"])
    ordered = [
        site["members"][key].pk
        for key in ("extra_top", "in_active_child", "extra_active_child", "in_top")
    ]
    for n in (1, 2, 3, 4):
        found = Article.objects.published().in_category(site["top"], newest=n)
        assert sorted(a.pk for a in found) == sorted(ordered[:n])
    assert not Article.objects.published().in_category(site["top"], newest=0).exists()


def test_an_article_filed_in_two_further_categories_of_the_subtree_takes_one_place(site):
    """The further categories' part is cut to `newest` articles, not `newest` links: an article
    filed in the category and in its sub-category as further categories must not push an older
    member out."""
    first = site["members"]["extra_top"]
    first.extra_categories.add(site["active"])  # now filed in both
    second = make_article(
        title="Lũ lụt thêm vào chuyên mục lớn, cũ hơn",
        category=site["other"],
        publish_at=first.publish_at - timedelta(hours=12),  # older, still newer than the rest
    )
    second.extra_categories.add(site["top"])
    found = Article.objects.published().in_category(site["top"], newest=2)
    assert {a.pk for a in found} == {first.pk, second.pk}


def test_home_block_lists_the_members(client, site):
    settings = SiteSettings.load()
    settings.items_featured, settings.items_home_latest, settings.items_per_category = 0, 0, 10
    settings.save()  # no lead story nor latest news: the category blocks show every member
    html = client.get("/").content.decode()
    top_url = site["top"].get_absolute_url()
    blocks = html.split('class="block block-category"')[1:]
    block = next(b for b in blocks if f'href="{top_url}"' in b.split("</h2>")[0])
    block = block.split("</section>")[0]
    assert set(ARTICLE_LINK.findall(block)) == urls(site["members"].values())


def test_category_page_lists_the_members(client, site):
    response = client.get(site["top"].get_absolute_url())
    assert {pk for pk, _ in response.context["articles"]} == ids(site["members"].values())
    # the main column (not the sidebar's latest news)
    main = response.content.decode().split("<main")[1].split("</main>")[0]
    assert set(ARTICLE_LINK.findall(main)) == urls(site["members"].values())


@pytest.mark.parametrize("name", ["articles:category_rss", "articles:category_atom"])
def test_feeds_list_the_members_and_their_validators_follow_only_them(client, site, name):
    url = reverse(name, args=[site["top"].slug])
    response = client.get(url)
    entries = feedparser.parse(response.content).entries
    assert {e.title for e in entries} == {a.title for a in site["members"].values()}
    newest_member = max(a.publish_at for a in site["members"].values())
    # edits older than any publication
    Article.objects.update(updated_at=timezone.now() - timedelta(days=10))
    response = client.get(url)
    etag, modified = response["ETag"], response["Last-Modified"]
    assert parsedate_to_datetime(modified) == newest_member.replace(microsecond=0)
    # an edit to an article the feed does not list changes nothing
    hidden = site["outside"]["in_inactive_child"]
    Article.objects.filter(pk=hidden.pk).update(updated_at=timezone.now())
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    # an edit to an article listed only through a further category changes both
    Article.objects.filter(pk=site["members"]["extra_top"].pk).update(updated_at=timezone.now())
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag and changed["Last-Modified"] != modified


def test_search_filter_finds_the_members(client, site):
    response = client.get(reverse("search:search"), {"q": "lu lut", "category": site["top"].slug})
    assert ids(r.article for r in response.context["results"]) == ids(site["members"].values())
    everything = client.get(reverse("search:search"), {"q": "lu lut"})
    assert len(everything.context["results"]) == len(site["members"]) + len(site["outside"])


def test_sitemap_lastmod_of_a_category_is_its_newest_member(client, site):
    root = ET.fromstring(client.get("/sitemap-categories.xml").content)
    lastmod = {
        url.find(f"{SM}loc").text.removeprefix("http://testserver"): url.find(f"{SM}lastmod").text
        for url in root.iter(f"{SM}url")
    }

    def day(article):
        return timezone.localtime(article.publish_at).date().isoformat()

    # T's newest member is in T only as a further category (its newest primary article is 3 days
    # older); the newer articles of the hidden child and of its own child do not count
    assert lastmod[site["top"].get_absolute_url()] == day(site["members"]["extra_top"])
    assert site["inactive"].get_absolute_url() not in lastmod
    assert lastmod[site["active"].get_absolute_url()] == day(site["members"]["in_active_child"])
    assert lastmod[site["other"].get_absolute_url()] == day(site["outside"]["only_other"])


def test_a_category_switched_on_again_lists_its_articles_at_once(client, site):
    """The category tree is cached under the content generation: saving a category renews it."""
    inactive = Category.objects.get(pk=site["inactive"].pk)
    assert client.get(site["top"].get_absolute_url()).context["paginator"].count == 4
    inactive.is_active = True
    inactive.save()
    response = client.get(site["top"].get_absolute_url())
    assert {pk for pk, _ in response.context["articles"]} == ids(site["members"].values()) | {
        site["outside"]["in_inactive_child"].pk,
        site["outside"]["in_grandchild"].pk,
    }


# --- the home page: each story once -----------------------------------------------------------


def demo_home():
    """The demo site (`load_demo`), made a little harder: two articles filed under a further top
    category (so they could show in two category blocks), and views counted for the lead story and
    for stories of every block (so "Xem nhiều nhất" could repeat them)."""
    from django.core.management import call_command

    from articles.models import DailyViews

    call_command("load_demo", verbosity=0)
    published = Article.objects.published().recent()
    news, education = Category.objects.get(slug="tin-tuc"), Category.objects.get(slug="giao-duc")
    published.filter(category__slug="giao-duc").first().extra_categories.add(news)
    published.filter(category__slug="y-te").first().extra_categories.add(education)
    today = timezone.localdate()
    for rank, article in enumerate(published[:40:3]):
        DailyViews.objects.create(article=article, day=today, count=1000 - rank)
        Article.objects.filter(pk=article.pk).update(view_count=1000 - rank)
    from portal import caching

    caching.invalidate()  # (update() sends no signal)


def article_links_by_block(html: str) -> dict[str, set[str]]:
    """{article address: the blocks showing it}, a block being the innermost <section> (or <aside>,
    <nav>, <header>, <footer>) around the link, named by its class and position."""
    from html.parser import HTMLParser

    article_address = re.compile(r"^(?:https?://[^/]+)?(/[-a-z0-9]+/[-a-z0-9]+-\d+\.html)$")
    containers = {"section", "aside", "nav", "header", "footer"}

    class Parser(HTMLParser):
        def __init__(self):
            super().__init__()
            self.stack, self.count, self.found = [], 0, {}

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag in containers:
                self.count += 1
                self.stack.append(f"{tag}.{attrs.get('class', '')}#{self.count}")
            elif tag == "a" and (match := article_address.match(attrs.get("href") or "")):
                self.found.setdefault(match[1], set()).add(self.stack[-1] if self.stack else "page")

        def handle_endtag(self, tag):
            if tag in containers and self.stack:
                self.stack.pop()

    parser = Parser()
    parser.feed(html)
    return parser.found


def test_the_home_page_shows_each_story_in_one_block_only(client):
    demo_home()
    html = client.get("/").content.decode()
    found = article_links_by_block(html)
    repeated = {address: blocks for address, blocks in found.items() if len(blocks) > 1}
    assert not repeated, repeated
    blocks = {block.split("#")[0] for shown in found.values() for block in shown}
    # every block is there, each with stories of its own
    assert {
        "section.top-stories",
        "section.block block-latest",
        "section.block block-category",
        "section.widget widget-most-viewed",
    } <= blocks, blocks
    # no side "Mới nhất": the main column's "Tin mới" is the latest news
    assert "section.widget widget-latest" not in blocks
    assert len(found) >= 5 + 8 + 5 * 3
