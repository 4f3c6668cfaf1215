"""Server-side allowlist sanitizing of rich text (nh3, the Ammonia HTML sanitizer).

Whatever the editor sends, what is stored is only what CKEditor produces for normal content:
paragraphs, headings, lists, links, images with captions, tables, quotes and embedded videos from
an allowlist of hosts. Scripts, event handlers, `javascript:`/`data:` URLs, forms, foreign iframes
and Word's `mso-` debris do not survive.
"""

import re
from urllib.parse import urlsplit

import nh3
from django.conf import settings

TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "span",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "figure",
    "figcaption",
    "img",
    "picture",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "caption",
    "colgroup",
    "col",
    "hr",
    "pre",
    "code",
    "div",
    "iframe",
}

ATTRIBUTES = {
    "*": {"style"},
    "a": {"href", "title", "target"},
    "img": {"src", "alt", "width", "height", "title", "srcset", "sizes", "loading"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "col": {"span"},
    "ol": {"start", "reversed"},
    "iframe": {"src", "width", "height", "title", "allowfullscreen", "frameborder"},
    "div": {"data-oembed-url"},
}

CLASSES = {
    "figure": {
        "image",
        "image_resized",
        "image-style-side",
        "image-style-align-left",
        "image-style-align-center",
        "image-style-align-right",
        "image-style-block-align-left",
        "image-style-block-align-right",
        "table",
        "media",
    },
}

STYLE_PROPERTIES = {
    "text-align",
    "width",
    "height",
    "float",
    "margin-left",
    "margin-right",
    "vertical-align",
    "border",
    "border-color",
    "border-style",
    "border-width",
    "background-color",
    "padding",
}

URL_SCHEMES = {"http", "https", "mailto", "tel"}


# Anything that lets a URL parser and a browser disagree about the host: user-info ("a@b"),
# backslashes ("evil\\@www.youtube.com" is evil to a browser), whitespace and control characters.
_AMBIGUOUS_URL = re.compile(r"[@\\\s\x00-\x1f\x7f]")


def _video_src_allowed(value: str) -> bool:
    if _AMBIGUOUS_URL.search(value):
        return False
    parts = urlsplit(value)
    return parts.scheme == "https" and parts.netloc in settings.EMBED_VIDEO_HOSTS


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "iframe" and attribute == "src" and not _video_src_allowed(value):
        return None
    if attribute == "target" and value not in {"_blank", "_self"}:
        return None
    return value


def sanitize_html(html: str) -> str:
    """Return `html` reduced to the allowlist. Idempotent: sanitizing twice changes nothing."""
    if not html:
        return ""
    cleaned = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        allowed_classes=CLASSES,
        filter_style_properties=STYLE_PROPERTIES,
        url_schemes=URL_SCHEMES,
        attribute_filter=_attribute_filter,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    # An iframe whose source was refused is an empty frame: drop it.
    return _size_embeds(_drop_empty_iframes(cleaned))


# CKEditor wraps a video in <div style="position:relative; padding-bottom:56%; height:0"> with the
# iframe at "position:absolute; height:100%". Without position and padding-bottom (not allowed),
# that is a 0 px tall video: drop the inline sizes of embeds, the site's CSS sizes them (16:9).
_EMBED_STYLES = re.compile(r'(<iframe\b[^>]*?)\s+style="[^"]*"|<div style="[^"]*">(?=\s*<iframe\b)')


def _size_embeds(html: str) -> str:
    return _EMBED_STYLES.sub(lambda m: m.group(1) if m.group(1) is not None else "<div>", html)


def _drop_empty_iframes(html: str) -> str:
    return re.sub(r"<iframe(?![^>]*\bsrc=)[^>]*>\s*</iframe>", "", html)
