"""Images in an article's body that readers would not see: refused on save with their addresses.

Readers' pages allow images from our own origin only (the Content-Security-Policy's img-src), and
the sanitizer keeps only http(s) addresses: an image pasted from another site, or pasted as
data:/blob: without an upload, shows in the editor and is then blocked or dropped for readers.
"""

import os
import re
from html import unescape
from urllib.parse import urlsplit

from django.conf import settings

_IMG_SRC = re.compile(
    r"<img\b[^>]*?\bsrc\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.IGNORECASE
)


def _own_origins() -> set[str]:
    origins = set()
    for url in (settings.PUBLIC_BASE_URL, settings.MEDIA_URL, os.environ.get("MEDIA_ORIGIN", "")):
        parts = urlsplit(url or "")
        if parts.scheme in {"http", "https"} and parts.netloc:
            origins.add(f"{parts.scheme}://{parts.netloc}".lower())
    return origins


def outside_images(html: str) -> list[str]:
    """The src of every <img> in `html` that is not served by this site, in order, once each."""
    own = _own_origins()
    found = []
    for match in _IMG_SRC.finditer(html or ""):
        src = unescape(next(g for g in match.groups() if g is not None)).strip()
        if src.startswith("/") and not src.startswith(("//", "/\\")):
            continue  # an address on this site
        parts = urlsplit(src)
        if parts.scheme in {"http", "https"} and f"{parts.scheme}://{parts.netloc}".lower() in own:
            continue
        if src not in found:
            found.append(src)
    return found
