"""Vietnamese by default, whatever the browser says; English when the reader chooses it."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_vietnamese_even_for_an_english_browser(client):
    response = client.get(reverse("admin:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "vi"
    assert "Đăng nhập" in response.content.decode()


def test_english_when_chosen(client):
    client.post(
        reverse("set_language"), {"language": "en", "next": "/"}, HTTP_ORIGIN="http://testserver"
    )
    response = client.get(reverse("admin:login"))
    assert response["Content-Language"] == "en"
    assert "Log in" in response.content.decode()


def test_an_unknown_language_cookie_falls_back_to_vietnamese(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert client.get(reverse("admin:login"))["Content-Language"] == "vi"
