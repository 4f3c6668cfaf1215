import pytest


@pytest.fixture(autouse=True)
def _feedback_settings(settings):
    """Tests send the form at once; the time trap has tests of its own that set a minimum."""
    settings.FEEDBACK_MIN_SECONDS = 0
    settings.FEEDBACK_RATE_LIMIT = 5
    settings.FEEDBACK_NOTIFY = "immediate"
    settings.FEEDBACK_MODERATOR_EMAILS = ["bien-tap@example.vn"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.LANGUAGE_CODE = "vi"


@pytest.fixture
def client():
    """A browser on the site's own pages: its form POSTs say so in the Origin header, as every
    browser's do (the feedback endpoints refuse a POST from another origin, see portal/clients.py).
    Tests of the refusal use a Client of their own."""
    from django.test import Client

    return Client(headers={"Origin": "http://testserver"})
