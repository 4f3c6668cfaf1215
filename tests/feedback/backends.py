"""A real e-mail backend that always fails, as a broken or unreachable mail server would."""

from django.core.mail.backends.base import BaseEmailBackend


class BrokenEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("the mail server is down")


class SlowEmailBackend(BaseEmailBackend):
    """A mail server that does not answer in time (EMAIL_TIMEOUT runs out)."""

    def send_messages(self, email_messages):
        import time

        time.sleep(0.2)
        raise TimeoutError("timed out")
