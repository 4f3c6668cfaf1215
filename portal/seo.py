"""What search engines and social networks read: descriptions, canonical addresses, Open Graph,
Twitter cards, JSON-LD, feed links, the 1200×630 share image, and robots.txt.

`head_context()` feeds `{% seo_head %}` (articles/templatetags/seo.py) from a page's context:
`article` (article pages), `subject` (a Category/Tag/Author/Unit on list pages), `page_obj`,
`request`, and the flags `preview` (staff preview) and `noindex` (search results, print view).
"""

import json

from django.conf import settings
from django.http import HttpResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from imagekit import ImageSpec, register
from imagekit.cachefiles import ImageCacheFile
from pilkit.processors import ResizeToFill

SHARE_WIDTH, SHARE_HEIGHT = 1200, 630
PUBLISHER_LOGO = "seo/publisher-logo.png"  # 600×60, Google's size for a publisher logo

# The characters that could end a <script> element early, as JSON escapes (cf. json_script).
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def absolute_url(path: str) -> str:
    """`path` as a full address under PUBLIC_BASE_URL; never from the request's Host header, which
    the client chooses (and a shared cache would keep a poisoned link for everyone)."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.PUBLIC_BASE_URL + path


def _site_settings():
    from portal.models import SiteSettings

    return SiteSettings.load()


def site_name() -> str:
    return _site_settings().site_name or _("News portal")


def site_description() -> str:
    site = _site_settings()
    return site.tagline or settings.SITE_DESCRIPTION


def publisher_logo_url() -> str:
    site = _site_settings()
    if site.logo:
        return absolute_url(site.logo.url)
    return absolute_url(static(PUBLISHER_LOGO))


def describe(text: str, length: int = 160) -> str:
    """One line of plain text, cut after a whole word within `length` characters."""
    line = " ".join(strip_tags(text or "").split())
    if len(line) <= length:
        return line
    cut = line[: length - 1]
    if " " in cut:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(",;:–- ") + "…"


class ShareImage(ImageSpec):
    """The cover cropped to fill 1200×630 (Open Graph's recommended size), as JPEG."""

    processors = [ResizeToFill(SHARE_WIDTH, SHARE_HEIGHT)]
    format = "JPEG"
    options = {"quality": 82, "progressive": True}


# Only registered generators are made "just in time" by django-imagekit.
register.generator("portal:share_image", ShareImage)


def share_image(article) -> dict | None:
    """The cover cropped to 1200×630 for Facebook, Zalo and X (made once, on first use)."""
    if not article.cover_image:
        return None
    try:
        url = ImageCacheFile(ShareImage(source=article.cover_image)).url  # made on first use
    except (OSError, ValueError):  # missing or broken file: no share image rather than a 500
        return None
    return {
        "url": absolute_url(url),
        "width": SHARE_WIDTH,
        "height": SHARE_HEIGHT,
        "type": "image/jpeg",
        "alt": article.cover_alt or article.title,
    }


def _iso(moment) -> str:
    return timezone.localtime(moment).isoformat() if moment else ""


def news_article_json_ld(article, *, canonical: str, image: dict | None) -> dict:
    """schema.org NewsArticle, as Google's article rich results read it."""
    modified = (
        max(article.updated_at, article.publish_at) if article.publish_at else article.updated_at
    )
    author = article.author
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": Truncator(article.title).chars(110),
        "description": describe(article.lead, 300),
        "image": [image["url"] if image else publisher_logo_url()],
        "datePublished": _iso(article.publish_at),
        "dateModified": _iso(modified),
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                "url": absolute_url(author.get_absolute_url()),
            }
        ],
        "publisher": {
            "@type": "Organization",
            "name": site_name(),
            "logo": {"@type": "ImageObject", "url": publisher_logo_url()},
        },
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
    home = absolute_url(reverse("articles:home"))
    search = absolute_url(reverse("search:search"))
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": site_name(),
        "url": home,
        "inLanguage": "vi",
        "publisher": {
            "@type": "Organization",
            "name": site_name(),
            "logo": {"@type": "ImageObject", "url": publisher_logo_url()},
        },
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }


def json_ld_script(data: dict):
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(
        _JSON_SCRIPT_ESCAPES
    )
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


def _feed_links(category) -> list[dict]:
    name = site_name()
    links = [
        {
            "type": "application/rss+xml",
            "title": f"{name} (RSS)",
            "href": absolute_url(reverse("articles:rss")),
        },
        {
            "type": "application/atom+xml",
            "title": f"{name} (Atom)",
            "href": absolute_url(reverse("articles:atom")),
        },
    ]
    if category is not None:
        links += [
            {
                "type": "application/rss+xml",
                "title": f"{category.name} (RSS)",
                "href": absolute_url(
                    reverse("articles:category_rss", args=[category.slug])),
            },
            {
                "type": "application/atom+xml",
                "title": f"{category.name} (Atom)",
                "href": absolute_url(
                    reverse("articles:category_atom", args=[category.slug])),
            },
        ]
    return links


def head_context(context) -> dict:
    from articles.models import Article, Category

    request = context.get("request")
    article = context.get("article")
    subject = context.get("subject")
    page_obj = context.get("page_obj")
    resolved = getattr(request, "resolver_match", None)
    url_name = resolved.url_name if resolved else ""

    robots = ""
    if context.get("preview"):
        robots = "noindex, nofollow"
    elif context.get("noindex") or url_name in {"search", "print"}:
        robots = "noindex, follow"

    og_type = "website"
    category = None
    image = None
    og_extra, json_ld = [], None
    extra_images = []
    title = context.get("page_title") or ""
    if isinstance(article, Article) and article.pk:
        title = article.title
        canonical = absolute_url(article.get_absolute_url())
        description = describe(article.lead)
        category = article.category
        og_type = "article"
        image = share_image(article)
        from medialib.seo import gallery_share_images  # the photo gallery's pictures (issue 13)

        gallery = gallery_share_images(article)
        image = image or (gallery[0] if gallery else None)
        extra_images = [shared for shared in gallery if shared is not image]
        modified = (
            max(article.updated_at, article.publish_at)
            if article.publish_at
            else article.updated_at
        )
        og_extra = [
            ("article:published_time", _iso(article.publish_at)),
            ("article:modified_time", _iso(modified)),
            ("article:section", category.name),
            *(("article:tag", tag.name) for tag in article.reader_tags),
        ]
        data = news_article_json_ld(article, canonical=canonical, image=image)
        data["image"] += [shared["url"] for shared in extra_images]
        json_ld = json_ld_script(data)
    elif subject is not None and hasattr(subject, "get_absolute_url"):
        title = str(getattr(subject, "name", subject))
        path = subject.get_absolute_url()
        number = getattr(page_obj, "number", 1)
        canonical = absolute_url(path + (f"?page={number}" if number > 1 else ""))
        description = describe(getattr(subject, "description", "")) or _(
            "The latest articles of %(name)s on %(site)s."
        ) % {"name": title, "site": site_name()}
        if isinstance(subject, Category):
            category = subject
    else:
        canonical = absolute_url(request.path if request is not None else "/")
        description = describe(site_description())
        if url_name == "home":
            json_ld = json_ld_script(website_json_ld())
    return {
        "description": description,
        "canonical": canonical,
        "robots": robots,
        "og": [
            ("og:site_name", site_name()),
            ("og:locale", "vi_VN"),
            ("og:type", og_type),
            ("og:title", title or site_name()),
            ("og:description", description),
            ("og:url", canonical),
            *og_extra,
        ],
        "image": image,
        "extra_images": extra_images,
        "twitter_card": "summary_large_image" if image else "summary",
        "title": title or site_name(),
        "json_ld": json_ld,
        "feeds": _feed_links(category),
    }


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    """Keeps crawlers out of the admin, previews, search results and print views; names the sitemap."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /xem-truoc/",
        "Disallow: /tim-kiem/",
        "Disallow: /*/*-*/in/$",
        "Allow: /",
        "",
        f"Sitemap: {absolute_url(reverse('sitemap_index'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


class NoindexAdminMiddleware:
    """`X-Robots-Tag: noindex, nofollow` on the admin (its login page is what crawlers reach)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(reverse("admin:index")):
            response.headers.setdefault("X-Robots-Tag", "noindex, nofollow")
        return response
