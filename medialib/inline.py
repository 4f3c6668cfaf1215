"""Images in an article's body, for readers: each of our stored images becomes a <picture> of
renditions (WebP and JPEG in several widths, `sizes` for the column, width and height so nothing
shifts, lazy loading), as covers are. Captions and credits are the editor's <figure>/<figcaption>.

The body is sanitized when saved (articles.sanitize): attributes are double-quoted and escaped,
so a regular expression reads the <img> tags reliably. Renditions are made only from files that
pass portal.imagecheck.check_stored (articles.images.CheckedSourceBackend).
"""

import html
import re
import threading
from urllib.parse import unquote

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles import images
from portal.imagecheck import UnsafeImage, check_stored

from .models import Image

_IMG = re.compile(r"<img\b([^>]*?)\s*/?>", re.IGNORECASE)
_ATTR = re.compile(r'([a-zA-Z_:-]+)="([^"]*)"')
_OUR_FOLDERS = ("library/", "uploads/", "covers/")

# Dimensions of stored files by name, per process: a stored file never changes under its name.
_DIMENSIONS: dict[str, tuple[int, int]] = {}
_DIMENSIONS_MAX = 20_000
_lock = threading.Lock()


def _dimensions(name: str) -> tuple[int, int] | None:
    with _lock:
        known = _DIMENSIONS.get(name)
    if known:
        return known
    file = Image._meta.get_field("file").attr_class(None, Image._meta.get_field("file"), name)
    try:
        found = check_stored(file)
    except UnsafeImage:
        return None  # missing, unreadable or too large: the <img> stays as the editor left it
    with _lock:
        if len(_DIMENSIONS) >= _DIMENSIONS_MAX:
            _DIMENSIONS.clear()
        _DIMENSIONS[name] = found
    return found


def stored_name(src: str) -> str | None:
    """The storage name of an image address of ours (/media/library/…), else None."""
    media_url = settings.MEDIA_URL
    if not src.startswith(media_url):
        return None
    name = unquote(src[len(media_url) :]).split("?", 1)[0]
    if not name.startswith(_OUR_FOLDERS) or ".." in name.split("/"):
        return None
    return name


def _picture(attrs: dict[str, str]) -> str | None:
    name = stored_name(html.unescape(attrs.get("src", "")))
    if name is None:
        return None
    size = _dimensions(name)
    if size is None:
        return None
    field = Image._meta.get_field("file")
    pic = images.picture_data(field.attr_class(None, field, name), size[0], size[1], "inline")
    if pic is None:
        return None
    alt = attrs.get("alt", "")  # already escaped by the sanitizer
    return (
        '<picture class="pic pic-inline">'
        f'<source type="image/webp" srcset="{escape(pic["webp_srcset"])}" '
        f'sizes="{escape(pic["sizes"])}">'
        f'<img src="{escape(pic["src"])}" srcset="{escape(pic["jpeg_srcset"])}" '
        f'sizes="{escape(pic["sizes"])}"'
        f' alt="{alt}" width="{pic["width"]}" height="{pic["height"]}" loading="lazy"'
        ' decoding="async">'
        "</picture>"
    )


def reader_body(body: str) -> SafeString:
    """The sanitized body, with our images served as renditions; others lazy-loaded as they are."""
    if "<img" not in body:
        return mark_safe(body)

    def replace(match):
        attrs = dict(_ATTR.findall(match.group(1)))
        picture = _picture(attrs)
        if picture is not None:
            return picture
        tag = match.group(0)
        return (
            tag
            if "loading=" in tag
            else tag[: match.start(1) - match.start(0)]
            + ' loading="lazy"'
            + tag[match.start(1) - match.start(0) :]
        )

    return mark_safe(_IMG.sub(replace, body))


def images_without_alt(body: str) -> int:
    """How many images of a body have no alt text (an editor upload before it was described)."""
    count = 0
    for match in _IMG.finditer(body or ""):
        attrs = dict(_ATTR.findall(match.group(1)))
        if not html.unescape(attrs.get("alt", "")).strip():
            count += 1
    return count
