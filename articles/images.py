"""Image renditions for covers and list cards: several widths, WebP with a JPEG fallback.

django-imagekit writes each rendition once, on first use, to the media storage
(CACHE/images/…); later requests only check that it exists (the check is cached). Before writing
one it asks imagecheck whether the source may be decoded at all (CheckedSourceBackend, the
IMAGEKIT_DEFAULT_CACHEFILE_BACKEND: every imagekit spec of the project, the share image included).
"""

import threading
from collections import OrderedDict
from functools import cache as memoize

from django.conf import settings
from imagekit import ImageSpec, register
from imagekit.cachefiles import ImageCacheFile
from imagekit.cachefiles.backends import CacheFileState, Simple
from pilkit.processors import ResizeToFit

from portal import imagecheck

# Widths (px) of each use; browsers pick one from srcset according to `sizes`, which says how wide
# static/css/site.css draws the picture (content column: the 1180 px page less 2 × 16 px padding,
# the 320 px sidebar and a 32 px gap from 1000 px up, so 796 px at most; the whole width less 32 px
# below). tests/e2e/test_reader_polish_browser.py checks the pixels at 360 px (DPR 1 and 2) and
# 1280 px.
WIDTHS = {
    "cover": (480, 800, 1200),
    "lead": (480, 800, 1200),
    "card": (240, 480),
    "wide": (240, 480, 800),  # a home category block's first card: a column of its own from 760 px
    "gallery": (480, 800, 1200),  # the grid shows small ones, the viewer large ones (medialib)
    "inline": (320, 480, 640, 960, 1280),  # images in the body: a 360 px phone at 2x takes 640
}
SIZES = {
    "cover": "(min-width: 1180px) 796px, (min-width: 1000px) calc(100vw - 384px), "
    "calc(100vw - 32px)",
    # the lead story is 3/5 of the content column from 760 px
    "lead": "(min-width: 1180px) 470px, (min-width: 1000px) calc((100vw - 400px) * .6), "
    "(min-width: 760px) calc((100vw - 48px) * .6), calc(100vw - 32px)",
    # a card's picture: 34-38 % of the column beside its text, at most 240 px (also in the grid of
    # related articles, three columns of at most 240 px from 900 px; a list below)
    "card": "(min-width: 700px) 240px, 40vw",
    "wide": "(min-width: 1180px) 470px, (min-width: 1000px) calc((100vw - 400px) * .6), "
    "(min-width: 760px) calc((100vw - 48px) * .6), (min-width: 700px) 240px, 40vw",
    "gallery": "(min-width: 1000px) 250px, (min-width: 600px) 33vw, 50vw",
    "inline": "(min-width: 1000px) 704px, calc(100vw - 32px)",  # the body is at most 44rem wide
}
FORMATS = {
    "webp": ("WEBP", {"quality": 78, "method": 4}),
    "jpeg": ("JPEG", {"quality": 80, "progressive": True}),
}


class CheckedSourceBackend(Simple):
    """imagekit's synchronous backend, but a source that fails imagecheck.check_stored (a format we
    do not serve, too many pixels, an unreadable file) is never opened by the generator: UnsafeImage
    (a ValueError) is raised instead, and the caller shows no picture."""

    def generate_now(self, file, force=False):
        if not force and self.get_state(file) in (CacheFileState.GENERATING, CacheFileState.EXISTS):
            return
        source = getattr(file.generator, "source", None)
        if source is not None:
            imagecheck.check_stored(source)
        self.set_state(file, CacheFileState.GENERATING)
        try:
            file._generate()
        except Exception:
            # imagekit would leave "generating" in the cache for good, and never try again.
            self.set_state(file, CacheFileState.DOES_NOT_EXIST)
            raise
        self.set_state(file, CacheFileState.EXISTS)
        file.close()


@memoize
def _spec(width: int, fmt: str) -> type[ImageSpec]:
    pil_format, options = FORMATS[fmt]
    spec = type(
        f"Rendition{width}{fmt}",
        (ImageSpec,),
        {
            "processors": [ResizeToFit(width=width, upscale=False)],
            "format": pil_format,
            "options": options,
        },
    )
    # imagekit only applies its "just in time" strategy (write the file on first use) to registered
    # specs.
    register.generator(f"articles:rendition-{width}-{fmt}", spec)
    return spec


# Rendition addresses known to exist, per process: a rendition never changes once written (its name
# comes from the source's name, and a changed picture is stored under a new name), so after the
# first check a page needs no cache round trip, nor imagekit's hashing, for it. Bounded (LRU).
_KNOWN_URLS: OrderedDict[tuple[str, int, str], str] = OrderedDict()
_KNOWN_URLS_MAX = 20_000
_known_lock = threading.Lock()


def rendition_url(source, width: int, fmt: str) -> str:
    key = (source.name, width, fmt)
    with _known_lock:
        url = _KNOWN_URLS.get(key)
        if url is not None:
            _KNOWN_URLS.move_to_end(key)
            return url
    url = ImageCacheFile(_spec(width, fmt)(source=source)).url  # written on first use (JustInTime)
    with _known_lock:
        _KNOWN_URLS[key] = url
        if len(_KNOWN_URLS) > _KNOWN_URLS_MAX:
            _KNOWN_URLS.popitem(last=False)
    return url


def picture_data(image, width: int | None, height: int | None, use: str) -> dict | None:
    """What templates/includes/picture.html needs: WebP and JPEG srcsets, sizes, width and
    height."""
    if not image or not width or not height or width * height > settings.IMAGE_MAX_PIXELS:
        return None
    widths = [w for w in WIDTHS[use] if w < width] + [min(width, WIDTHS[use][-1])]
    widths = sorted(set(widths))
    try:
        webp = ", ".join(f"{rendition_url(image, w, 'webp')} {w}w" for w in widths)
        jpeg_urls = [(rendition_url(image, w, "jpeg"), w) for w in widths]
    except (OSError, ValueError):  # a missing or broken file: show no image rather than a 500
        return None
    jpeg = ", ".join(f"{url} {w}w" for url, w in jpeg_urls)
    display = widths[-1]
    return {
        "webp_srcset": webp,
        "jpeg_srcset": jpeg,
        "src": jpeg_urls[-1][0],
        "sizes": SIZES[use],
        "width": display,
        "height": round(display * height / width),
    }
