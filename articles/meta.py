"""The page metadata (`portal.pagemeta.PageMeta`) of the articles' reader pages: the home page,
an article, its print view, and the lists of a category, tag, author or unit.

Each reader view calls one of these and passes the result as `meta`; the view, not the template,
decides whether the page may be indexed (e.g. `article_meta(article).but(index=False)`).
"""

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from medialib.seo import gallery_share_images
from portal import seo
from portal.pagemeta import PageMeta, feed_link, iso, site_feeds

from .models import Article, Category


def modified_at(article: Article):
    """When readers last saw the article change: its last edit, or its publication if later."""
    if article.publish_at:
        return max(article.updated_at, article.publish_at)
    return article.updated_at


def article_share_image(article: Article) -> dict | None:
    """The cover cropped to 1200×630 (see portal.seo.ShareImage)."""
    return seo.share_image(article.cover_image, article.cover_alt or article.title)


def news_article_json_ld(article: Article, *, canonical: str, images: list[str]) -> dict:
    """schema.org NewsArticle, as Google's article rich results read it."""
    author = article.author
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": Truncator(article.title).chars(110),
        "description": seo.describe(article.lead, 300),
        "image": images or [seo.publisher_logo_url()],
        "datePublished": iso(article.publish_at),
        "dateModified": iso(modified_at(article)),
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                "url": seo.absolute_url(author.get_absolute_url()),
            }
        ],
        "publisher": seo.organization_json_ld(),
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "articleSection": article.category.name,
        "inLanguage": "vi",
    }
    tags = [tag.name for tag in article.reader_tags]
    if tags:
        data["keywords"] = tags
    return data


def website_json_ld() -> dict:
    """schema.org WebSite with the search page as its SearchAction (the home page only)."""
    search = seo.absolute_url(reverse("search:search"))
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": seo.site_name(),
        "url": seo.absolute_url(reverse("articles:home")),
        "inLanguage": "vi",
        "publisher": seo.organization_json_ld(),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }


def category_feeds(category: Category | None) -> list[dict]:
    """The site's feeds, and the category's when there is one."""
    links = site_feeds()
    if category is not None:
        links += [
            feed_link(
                "application/rss+xml",
                f"{category.name} (RSS)",
                reverse("articles:category_rss", args=[category.slug]),
            ),
            feed_link(
                "application/atom+xml",
                f"{category.name} (Atom)",
                reverse("articles:category_atom", args=[category.slug]),
            ),
        ]
    return links


def home_meta() -> PageMeta:
    return PageMeta(canonical=reverse("articles:home"), json_ld=[website_json_ld()])


def article_meta(article: Article) -> PageMeta:
    """An article page: Open Graph article with its times, section and tags; the cover's share
    image (else the gallery's first picture) and the gallery's pictures; NewsArticle JSON-LD."""
    canonical = seo.absolute_url(article.get_absolute_url())
    image = article_share_image(article)
    gallery = gallery_share_images(article)  # only for an article read with article_media()
    image = image or (gallery[0] if gallery else None)
    extra_images = [shared for shared in gallery if shared is not image]
    images = [shared["url"] for shared in (image, *extra_images) if shared]
    return PageMeta(
        title=article.title,
        description=seo.describe(article.lead),
        canonical=canonical,
        og_type="article",
        image=image,
        extra_images=extra_images,
        published=article.publish_at,
        modified=modified_at(article),
        section=article.category.name,
        tags=[tag.name for tag in article.reader_tags],
        json_ld=[news_article_json_ld(article, canonical=canonical, images=images)],
        feeds=category_feeds(article.category),
    )


def print_meta(article: Article) -> PageMeta:
    """The print view: the article's canonical address, and not for search engines."""
    return PageMeta(
        title=article.title,
        description=seo.describe(article.lead),
        canonical=article.get_absolute_url(),
        index=False,
    )


def list_meta(subject, page_obj=None, *, month=None) -> PageMeta:
    """The list of a category, tag, author or unit: page 2 on is its own canonical address, and so
    is a month of the archive (?thang=YYYY-MM)."""
    name = str(getattr(subject, "name", subject))
    number = getattr(page_obj, "number", 1)
    query = [f"thang={month:%Y-%m}"] if month else []
    if number > 1:
        query.append(f"page={number}")
    title = name
    if month:
        title += " – " + _("month %(month)s") % {"month": f"{month.month}/{month.year}"}
    if number > 1:
        title += " – " + _("page %(number)s") % {"number": number}
    description = seo.describe(getattr(subject, "description", "")) or _(
        "The latest articles of %(name)s on %(site)s."
    ) % {"name": name, "site": seo.site_name()}
    return PageMeta(
        title=title,
        og_title=name,
        description=description,
        canonical=subject.get_absolute_url() + ("?" + "&".join(query) if query else ""),
        feeds=category_feeds(subject if isinstance(subject, Category) else None),
    )
