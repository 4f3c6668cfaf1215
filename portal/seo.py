"""The generic parts of what search engines and social networks read: absolute addresses, the
site's name, tagline and publisher logo, one-line descriptions, the 1200×630 share image, JSON-LD
scripts, robots.txt and the admin's X-Robots-Tag.

A page's own metadata is a `portal.pagemeta.PageMeta` its view declares; the builders for
articles and lists are in articles/meta.py. This module imports no other app of the project.
"""

import json

from django.conf import settings
from django.http import HttpResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
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


def share_image(source, alt: str) -> dict | None:
    """`source` (an image field's file) cropped to 1200×630 for Facebook, Zalo and X (made once,
    on first use), as `PageMeta.image`; None without a usable file."""
    if not source:
        return None
    try:
        url = ImageCacheFile(ShareImage(source=source)).url  # made on first use
    except (OSError, ValueError):  # missing or broken file: no share image rather than a 500
        return None
    return {
        "url": absolute_url(url),
        "width": SHARE_WIDTH,
        "height": SHARE_HEIGHT,
        "type": "image/jpeg",
        "alt": alt,
    }


def organization_json_ld() -> dict:
    """schema.org Organization: the site as publisher, with its logo."""
    return {
        "@type": "Organization",
        "name": site_name(),
        "logo": {"@type": "ImageObject", "url": publisher_logo_url()},
    }


def json_ld_script(data: dict):
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    """Keeps crawlers out of the admin, previews, search results and print views; names the
    sitemap."""
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
