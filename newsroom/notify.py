"""E-mail to the people concerned when an article is submitted, sent back or published.

Handed over after the transaction commits (never for a change that was rolled back) to one
background thread per process, which sends and logs failures rather than raising: a mail server that
is down or slow must not undo or block the newsroom's work, nor delay the admin's answer.
`wait_until_sent()` waits for what has been handed over (tests, orderly shutdown).
"""

import atexit
import logging
import os
import queue
import threading
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def _editors():
    User = get_user_model()
    return list(
        User.objects.filter(is_active=True, groups__name="Editors")
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def _writers(article, *, exclude_user) -> list[str]:
    people = {article.created_by}
    if article.author_id and article.author.user_id:
        people.add(article.author.user)
    return sorted(
        {u.email for u in people if u is not None and u.is_active and u.email and u != exclude_user}
    )


def status_changed(article, *, from_status: str, to_status: str, user, note: str = "") -> None:
    from articles.models import Article

    link = settings.PUBLIC_BASE_URL + reverse("admin:articles_article_change", args=[article.pk])
    if to_status == Article.Status.PENDING:
        recipients = [e for e in _editors() if e != getattr(user, "email", None)]
        subject = _("Waiting for review: %(title)s") % {"title": article.title}
    elif from_status == Article.Status.PENDING and to_status == Article.Status.DRAFT:
        recipients = _writers(article, exclude_user=user)
        subject = _("Sent back: %(title)s") % {"title": article.title}
    elif to_status == Article.Status.PUBLISHED:
        recipients = _writers(article, exclude_user=user)
        subject = _("Published: %(title)s") % {"title": article.title}
    else:
        return
    if not recipients:
        return
    body = "\n\n".join(part for part in [subject, note, link] if part)

    def hand_over():
        try:
            # The backend is chosen now (the settings of the change that committed); opening the
            # connection and talking to the server happen in the background thread.
            message = EmailMessage(subject, body, None, recipients, connection=get_connection())
            _sender.put(message)
        except Exception:  # a misconfigured backend is logged, never the newsroom's problem
            logger.exception("Could not hand over the notification %r", subject)

    transaction.on_commit(hand_over)


def wait_until_sent(timeout: float | None = 5) -> bool:
    """Wait until every notification handed over so far was sent (or failed and was logged).

    True when nothing is left, False if `timeout` seconds passed first.
    """
    return _sender.wait(timeout)


class _BackgroundSender:
    """One daemon thread and a queue per process, started on the first message."""

    def __init__(self):
        self._reset()

    def _reset(self):
        self._queue = queue.Queue()
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._pending = 0
        self._thread = None

    def put(self, message) -> None:
        with self._lock:
            self._pending += 1
            if self._thread is None or not self._thread.is_alive():
                thread = threading.Thread(target=self._run, name="newsroom-notify", daemon=True)
                try:
                    thread.start()
                except BaseException:
                    self._pending -= 1
                    self._idle.notify_all()
                    raise
                self._thread = thread
        self._queue.put(message)

    def wait(self, timeout: float | None) -> bool:
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._idle:
            while self._pending:
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._idle.wait(remaining)
        return True

    def _run(self) -> None:
        while True:
            message = self._queue.get()
            try:
                message.send()
            except Exception:  # the mail server's failure is logged, never the newsroom's problem
                logger.exception("Could not send the notification %r", message.subject)
            finally:
                with self._idle:
                    self._pending -= 1
                    if not self._pending:
                        self._idle.notify_all()


_sender = _BackgroundSender()
# A forked worker (e.g. gunicorn --preload) starts with no thread: begin again with fresh locks.
os.register_at_fork(after_in_child=_sender._reset)
# At a normal exit, give what is still queued a moment to go out (daemon threads die with it).
atexit.register(wait_until_sent, 10)
