"""Search-engine and social metadata: absolute URLs, page descriptions, share images, robots.txt."""

from django.conf import settings
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator


def absolute_url(path: str, request=None) -> str:
    """`path` as a full address: PUBLIC_BASE_URL when set, else the request's host."""
    base = getattr(settings, "PUBLIC_BASE_URL", "")
    if base:
        return base.rstrip("/") + path
    if request is not None:
        return request.build_absolute_uri(path)
    return "http://localhost" + path


def describe(text: str, length: int = 160) -> str:
    return Truncator(" ".join(strip_tags(text or "").split())).chars(length)


def head_context(context) -> dict:
    request = context.get("request")
    article = context.get("article")
    path = request.path if request is not None else "/"
    if article is not None and getattr(article, "pk", None):
        path = article.get_absolute_url()
        description = describe(article.lead)
    else:
        description = describe(getattr(settings, "SITE_DESCRIPTION", ""))
    return {
        "description": description,
        "canonical": absolute_url(path, request),
        "noindex": bool(context.get("preview") or context.get("noindex")),
        "rss_url": absolute_url(reverse("articles:home"), request),
    }
