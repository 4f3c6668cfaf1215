"""Content heuristics: whether a message that passed the request defences looks like spam (too
many links, a known spam word, the same text as a recent message). Such a message is saved with
status "spam" and not e-mailed to the moderators (moderation.receive).

The request defences are elsewhere: origin and rate limit in the guard (portal/guards.py), the
honeypot and the time trap in the form (forms.py, traps.py)."""

import hashlib
import re
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from portal.text import fold

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
