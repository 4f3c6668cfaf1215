"""A page's metadata, declared by its view: `PageMeta`, rendered by base.html's `<head>`.

A view puts one `PageMeta` in its context as `meta`:

    render(request, "x.html", {..., "meta": PageMeta(title=..., description=..., canonical=...)})

and `{% page_title %}` / `{% page_head %}` (portal/templatetags/page_meta.py, in base.html) draw
the `<title>`, description, canonical address, robots, Open Graph, Twitter card, feed links and
JSON-LD from it. A page that passes no `meta` gets the site's defaults (`PageMeta()`): the site
name as title, its tagline as description, the request's path as canonical, indexable.

Robots have one rule: `index=False` (and `follow=False`) gives the `<meta name="robots">` tag, and
`meta.apply(response)` gives the same value as an `X-Robots-Tag` header (search results, print
view, preview): the view decides "noindex" once, in its `PageMeta`.

Nothing here reads the database until the head is rendered (`head()`): the 500 and 503 pages,
drawn without the database, read only `title` and `robots`.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from . import seo

# The site-wide feeds every page links to (by URL name: portal imports no other app).
SITE_FEEDS = (
    ("application/rss+xml", "RSS", "articles:rss"),
    ("application/atom+xml", "Atom", "articles:atom"),
)


def feed_link(type_: str, title: str, href: str) -> dict:
    """One `<link rel="alternate">`: `href` a path or a full address."""
    return {"type": type_, "title": title, "href": seo.absolute_url(href)}


def site_feeds() -> list[dict]:
    name = seo.site_name()
    links = []
    for type_, label, url_name in SITE_FEEDS:
        try:
            links.append(feed_link(type_, f"{name} ({label})", reverse(url_name)))
        except NoReverseMatch:  # a project without the feeds
            continue
    return links


def iso(moment: datetime | None) -> str:
    """A time as ISO 8601 to the second in the site's time zone ("2026-11-29T08:30:00+07:00"), as
    Open Graph, schema.org and HTML's <time datetime> read it (HTML refuses microseconds)."""
    if not moment:
        return ""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return local.isoformat(timespec="seconds")


@dataclass(frozen=True)
class PageMeta:
    """What search engines and social networks read about one page. Every field has a default."""

    title: str = ""  # the page's own name; <title> is "title – site name" ("" = site name alone)
    description: str = ""  # one line of plain text ("" = the site's tagline)
    canonical: str = ""  # a path or a full address ("" = the request's path)
    index: bool = True  # False: "noindex" (meta tag; X-Robots-Tag too through apply())
    follow: bool = True  # False: "nofollow"
    og_type: str = "website"  # "article" for articles
    og_title: str = ""  # the shared title when it differs from `title` ("" = title, else site name)
    image: Mapping | None = None  # {"url", "width", "height", "type", "alt"}: the share image
    extra_images: Sequence[Mapping] = ()  # more og:image entries (a gallery's pictures)
    published: datetime | None = None  # article:published_time
    modified: datetime | None = None  # article:modified_time
    section: str = ""  # article:section
    tags: Sequence[str] = ()  # article:tag
    json_ld: Sequence[Mapping] = ()  # schema.org objects, one <script type="application/ld+json">
    feeds: Sequence[Mapping] | None = None  # <link rel="alternate">; None = the site's feeds
    site_in_title: bool = True  # False: <title> is `title` alone

    @property
    def robots(self) -> str:
        """The robots directive ("" when the page may be indexed and its links followed)."""
        if self.index and self.follow:
            return ""
        return ", ".join(
            ("index" if self.index else "noindex", "follow" if self.follow else "nofollow")
        )

    def apply(self, response):
        """`X-Robots-Tag` on `response` from the same rule as the meta tag (for pages crawlers
        might reach without reading the HTML); returns the response."""
        if self.robots:
            response["X-Robots-Tag"] = self.robots
        return response

    def but(self, **changes) -> "PageMeta":
        """A copy with some fields changed (e.g. `meta.but(index=False, follow=False)`)."""
        return replace(self, **changes)

    def full_title(self) -> str:
        """The `<title>` text."""
        site = seo.site_name()
        if not self.title:
            return site
        return f"{self.title} – {site}" if self.site_in_title else self.title

    def canonical_url(self, request=None) -> str:
        path = self.canonical or (request.path if request is not None else "/")
        return seo.absolute_url(path)

    def head(self, request=None) -> dict:
        """Everything the `<head>` shows, site defaults filled in (reads the cached settings)."""
        description = self.description or seo.describe(seo.site_description())
        canonical = self.canonical_url(request)
        shared_title = self.og_title or self.title or seo.site_name()
        og = [
            ("og:site_name", seo.site_name()),
            ("og:locale", "vi_VN"),
            ("og:type", self.og_type),
            ("og:title", shared_title),
            ("og:description", description),
            ("og:url", canonical),
        ]
        if self.og_type == "article":
            og += [
                ("article:published_time", iso(self.published)),
                ("article:modified_time", iso(self.modified)),
            ]
            if self.section:
                og.append(("article:section", self.section))
            og += [("article:tag", tag) for tag in self.tags]
        return {
            "title": shared_title,
            "description": description,
            "canonical": canonical,
            "robots": self.robots,
            "og": og,
            "image": self.image,
            "extra_images": list(self.extra_images),
            "twitter_card": "summary_large_image" if self.image else "summary",
            "json_ld": [seo.json_ld_script(data) for data in self.json_ld],
            "feeds": site_feeds() if self.feeds is None else list(self.feeds),
        }
