"""Property: whatever a client sends to the feedback form, the answer is never a server error."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from feedback import traps
from tests.factories import make_article

# Anything HTTP can carry as UTF-8 (lone surrogates cannot be encoded, so they cannot arrive).
text = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=300)
tricky = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "<script>alert(1)</script>",
        "0912 345 678",
        "+84912345678",
        "a@b.vn",
        "\u202e",
        "\u200f",
        "x" * 5001,
        "ư" * 10,
        "on",
        "\r\n" * 20,
        "' OR 1=1 --",
        "%00",
        "=cmd|' /C calc'!A0",
    ]
)
value = st.one_of(text, tricky)
fields = st.fixed_dictionaries(
    {},
    optional={
        "name": value,
        "email": value,
        "phone": value,
        "address": value,
        "message": value,
        "consent": value,
        "leave_empty": st.one_of(st.just(""), value),
        "token": st.one_of(st.just("VALID"), value),
        "extra": value,
    },
)


@pytest.mark.django_db
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=fields, on_contact_page=st.booleans())
def test_random_form_input_never_gives_a_server_error(client, settings, data, on_contact_page):
    settings.FEEDBACK_RATE_LIMIT = 10_000
    article = make_article()
    if data.get("token") == "VALID":
        data["token"] = traps.make_form_token(
            traps.form_target(None if on_contact_page else article.pk)
        )
    url = (
        reverse("feedback:contact")
        if on_contact_page
        else reverse("feedback:article", args=[article.pk])
    )
    response = client.post(url, data)
    assert response.status_code in (200, 302), response.status_code


@pytest.mark.django_db
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(field=st.sampled_from(["name", "email", "phone", "address", "message"]), new_value=value)
def test_one_random_field_in_a_valid_form_is_saved_or_refused_cleanly(
    client, settings, field, new_value
):
    from feedback.models import Feedback

    from .factories import form_data

    settings.FEEDBACK_RATE_LIMIT = 10_000
    before = Feedback.objects.count()
    response = client.post(reverse("feedback:contact"), form_data(**{field: new_value}))
    assert response.status_code in (200, 302)
    assert Feedback.objects.count() == before + (response.status_code == 302)
    if response.status_code == 302 and field in ("message",):
        saved = Feedback.objects.latest("id").message
        assert saved == saved.strip() and "\x00" not in saved
