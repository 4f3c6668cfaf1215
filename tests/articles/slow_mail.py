"""A mail backend that blocks until the test releases it: sending must never hold up a request.

    BlockingBackend.reset()            # before the test
    settings.EMAIL_BACKEND = "tests.articles.slow_mail.BlockingBackend"
    ...                                # BlockingBackend.sending is set once a send has begun
    BlockingBackend.release.set()      # let it go: the messages land in django.core.mail.outbox

A send that is never released gives up after WAIT_SECONDS (raising, so nothing is delivered) and
cannot hang the test run; `finished` is set when send_messages returns either way.
"""

import threading

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

WAIT_SECONDS = 30


class BlockingBackend(LocmemBackend):
    sending = threading.Event()
    release = threading.Event()
    finished = threading.Event()

    @classmethod
    def reset(cls):
        cls.sending = threading.Event()
        cls.release = threading.Event()
        cls.finished = threading.Event()

    def send_messages(self, messages):
        cls = type(self)
        cls.sending.set()
        try:
            if not cls.release.wait(WAIT_SECONDS):
                raise TimeoutError("the blocked mail server was never released")
            return super().send_messages(messages)
        finally:
            cls.finished.set()
