"""Who has an article open in the admin: a short-lived note in the cache, renewed by the page.

A presence note, not a lock: it tells people that someone else is editing, and the version check
(newsroom/conflicts.py) makes sure nobody's save silently replaces another's.
"""

import time

from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist

from portal import caching

TTL = (
    90  # seconds: the page renews every 30 s, so a closed tab disappears within a minute and a half
)


def _key(article_pk: int) -> str:
    return caching.presence_key(article_pk)


def touch(article_pk: int, user) -> None:
    present = cache.get(_key(article_pk)) or {}
    now = time.time()
    present = {uid: entry for uid, entry in present.items() if now - entry[1] < TTL}
    present[user.pk] = (display_name(user), now)
    cache.set(_key(article_pk), present, TTL)


def others(article_pk: int, user) -> list[str]:
    now = time.time()
    present = cache.get(_key(article_pk)) or {}
    return sorted(
        name for uid, (name, seen) in present.items() if uid != user.pk and now - seen < TTL
    )


def display_name(user) -> str:
    """A staff member's name in Vietnamese order: family name first ("Lê Thị Lan")."""
    if user is None:
        return ""
    try:
        return user.author_profile.name  # as it is signed on articles
    except ObjectDoesNotExist:
        pass
    full = " ".join(part for part in (user.last_name, user.first_name) if part).strip()
    return full or user.get_username()
