"""Spam defences for the feedback form: the time-trap token, the per-address rate limit, and the
heuristics that mark a saved message as spam. The honeypot is a form field (see forms.py)."""

import hashlib
import hmac
import logging
import math
import re
import time
import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils import timezone

from articles.text import fold
from portal import caching
from portal.clients import client_ip, keyed_hash

logger = logging.getLogger("feedback.spam")

_SIGNER_SALT = "feedback.form-token"

# Words seen in Vietnamese and English comment spam, matched as whole words. Entries with tone
# marks match the text as written (so "cả cuộc đời" is not "cá cược"); plain-ASCII entries also
# match text typed without tone marks. FEEDBACK_SPAM_WORDS adds more.
SPAM_WORDS = [
    "casino",
    "viagra",
    "cialis",
    "porn",
    "forex signal",
    "seo backlink",
    "backlinks",
    "crypto airdrop",
    "cá cược",
    "cá độ",
    "nổ hũ",
    "tài xỉu",
    "xóc đĩa",
    "lô đề",
    "đánh đề",
    "game bài đổi thưởng",
    "vay tiền nhanh",
    "vay nóng",
    "kiếm tiền online",
    "tăng like",
    "ca cuoc bong da",
    "no hu",
    "tai xiu",
    "xoc dia",
    "game bai doi thuong",
    "vay tien nhanh",
]

_LINK_RE = re.compile(
    r"(https?://|www\.|\b[a-z0-9-]+\.(?:com|net|org|info|xyz|top|ru|cn|vn|io|biz|club)\b)", re.I
)


# --- Time trap ----------------------------------------------------------------------------------


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=_SIGNER_SALT)


def form_target(article_id: int | None) -> str:
    """What a token is for: one article's form, or the contact page's."""
    return f"article-{article_id}" if article_id else "contact"


def make_form_token(target: str, *, cacheable: bool = False) -> str:
    """A signed timestamp of when the form was made, bound to its target (`form_target()`): the
    client can neither make it older nor use it on another article.

    `cacheable`: for pages shared by every reader (the article page), the time is rounded down to
    READER_CACHE_SECONDS (portal.caching), so that the page is the same for everyone meanwhile."""
    signer = caching.RoundedTimestampSigner(salt=_SIGNER_SALT) if cacheable else _signer()
    return signer.sign(target)


class TokenError(Exception):
    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


def check_form_token(token: str, target: str) -> None:
    """Raise TokenError("bad_token") for a missing, forged or expired token or one made for
    another target, and TokenError("too_fast") for a form sent sooner than FEEDBACK_MIN_SECONDS
    after the time in its token.

    A rounded token (article pages) looks up to a minute older than the form really is: it never
    makes a reader wait (no false "too fast"), but it measures the age of the page rather than
    of the reader's visit, as any cached page would: a robot posting within FEEDBACK_MIN_SECONDS
    of fetching it is caught only when the minute was young. The never-cached pages (the
    article's feedback page, the contact page, a form shown again) carry exact tokens."""
    signer = _signer()
    if not token or len(token) > 200:
        raise TokenError("bad_token")
    try:
        value = signer.unsign(token, max_age=settings.FEEDBACK_FORM_MAX_AGE_SECONDS)
    except signing.BadSignature:  # includes SignatureExpired
        raise TokenError("bad_token") from None
    if not hmac.compare_digest(value, target):
        raise TokenError("bad_token")
    minimum = settings.FEEDBACK_MIN_SECONDS
    if minimum <= 0:
        return
    try:
        signer.unsign(token, max_age=minimum)
    except signing.SignatureExpired:
        return  # older than the minimum: a reader who took their time
    raise TokenError("too_fast")


# --- Rate limit ---------------------------------------------------------------------------------


def address_key(ip: str) -> str:
    """A keyed hash of the address: what the rate limit and the logs use instead of the address."""
    return keyed_hash(ip)


@dataclass
class RateLimit:
    limited: bool
    retry_after: int  # seconds until the window ends
    key: str = ""  # the window's counter, for refund()

    @property
    def retry_at(self):
        return timezone.now() + timedelta(seconds=self.retry_after)


def _window(ip: str) -> tuple[str, int]:
    window = max(1, settings.FEEDBACK_RATE_WINDOW_SECONDS)
    now = time.time()
    index = int(now // window)
    retry_after = max(1, math.ceil((index + 1) * window - now))
    return caching.feedback_rate_key(address_key(ip), window, index), retry_after


def rate_limit_status(ip: str) -> RateLimit:
    """Whether this address already used up the window, without counting a new submission."""
    key, retry_after = _window(ip)
    return RateLimit(cache.get(key, 0) >= settings.FEEDBACK_RATE_LIMIT, retry_after)


def rate_limit_hit(ip: str) -> RateLimit:
    """Count one submission for this address; limited when it goes over the limit.

    A fixed window counted with the cache's atomic add/incr: with Redis (REDIS_URL) every app
    server shares the count; with the default local-memory cache (or while Redis is down, see
    portal/cache.py) each process counts alone.

    Only accepted messages use up the limit, yet the count is taken *before* the message is saved:
    concurrent submissions each get their own number from incr, so no more than the limit can be
    saved however many arrive at once. A submission that then cannot be saved (the database is
    down) is given back with rate_limit_refund()."""
    key, retry_after = _window(ip)
    cache.add(key, 0, timeout=retry_after + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.add(key, 1, timeout=retry_after + 5)
        count = 1
    return RateLimit(count > settings.FEEDBACK_RATE_LIMIT, retry_after, key)


def rate_limit_refund(limit: RateLimit) -> None:
    """Give back a submission counted by rate_limit_hit() that was not saved after all, in the
    window it was counted in (atomic decr: concurrent submissions keep their own numbers)."""
    if not limit.key:
        return
    try:
        cache.decr(limit.key)
    except ValueError:  # the window has ended meanwhile: nothing left to give back
        pass


def log_trap(kind: str, request) -> None:
    """Count a trap hit per day and log it with a hashed address (never the address or the text)."""
    from .models import TrapHit

    TrapHit.record(kind)
    logger.warning(
        "feedback trap hit: kind=%s client=%s path=%s",
        kind,
        address_key(client_ip(request)),
        request.path,
    )


# --- Heuristics on saved messages ---------------------------------------------------------------


def message_digest(message: str) -> str:
    """Fingerprint of a message ignoring case, spacing and tone marks: spots repeated text."""
    text = " ".join(fold(unicodedata.normalize("NFC", message)).lower().split())
    return hashlib.sha256(text.encode()).hexdigest()


def spam_reason(*, name: str, message: str, address: str, digest: str) -> str:
    """Why this submission looks like spam, or "" when it does not."""
    from .models import Feedback

    text = " ".join([name, address, message])
    links = len(_LINK_RE.findall(text))
    if links > settings.FEEDBACK_SPAM_MAX_LINKS:
        return f"{links} links"
    written = _words(unicodedata.normalize("NFC", text).lower())
    folded = _words(fold(text).lower())
    for word in [*SPAM_WORDS, *settings.FEEDBACK_SPAM_WORDS]:
        needle = _words(unicodedata.normalize("NFC", word).lower())
        if needle.strip() and (needle in written or (needle.isascii() and needle in folded)):
            return f"spam word: {needle.strip()}"
    since = timezone.now() - timedelta(days=1)
    if Feedback.objects.filter(message_digest=digest, created_at__gte=since).exists():
        return "same text as an earlier message"
    return ""


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"\w+", text)) + " "
