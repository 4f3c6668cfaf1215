"""The feedback form's request defences, and how their hits are recorded.

- Origin and rate limit: judged by the guard (portal/guards.py) before the view; `THROTTLE` is the
  feedback rate limit, one count per client address shared by the article and contact forms.
- Honeypot and time trap: judged by the form (`FeedbackForm.clean()`); the signed time-trap token
  is made and checked here.
- `log_trap()`: every hit is counted per day (TrapHit) and logged with a hashed address.

What a saved message's content looks like (links, spam words, repeated text) is spam.py's."""

import hmac
import logging

from django.conf import settings
from django.core import signing

from portal import caching
from portal.clients import client_ip, keyed_hash
from portal.guards import Throttle

logger = logging.getLogger("feedback.spam")

# FEEDBACK_RATE_LIMIT accepted messages per client address per FEEDBACK_RATE_WINDOW_SECONDS.
THROTTLE = Throttle(
    limit_setting="FEEDBACK_RATE_LIMIT",
    window_setting="FEEDBACK_RATE_WINDOW_SECONDS",
    key=caching.feedback_rate_key,
)

_SIGNER_SALT = "feedback.form-token"


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


# --- Recording hits -----------------------------------------------------------------------------


def address_key(ip: str) -> str:
    """A keyed hash of the address: what the logs use instead of the address (the rate limit's
    counter holds the same hash, portal/guards.py)."""
    return keyed_hash(ip)


def log_trap(kind: str, request) -> None:
    """Count a trap hit per day and log it with a hashed address (never the address or the text).
    Kinds: honeypot, too_fast, bad_token (the form), cross_site, rate_limited (the guard)."""
    from .models import TrapHit

    TrapHit.record(kind)
    logger.warning(
        "feedback trap hit: kind=%s client=%s path=%s",
        kind,
        address_key(client_ip(request)),
        request.path,
    )
