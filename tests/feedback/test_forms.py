"""The validation matrix: what the form accepts, how it stores it, and what it refuses."""

import pytest
from django.core.exceptions import NON_FIELD_ERRORS
from django.urls import reverse
from django.utils import translation

from feedback import traps
from feedback.forms import FeedbackForm
from feedback.models import Feedback
from tests.factories import make_article

from .factories import form_data


def errors(**overrides):
    with translation.override("vi"):
        form = FeedbackForm(form_data(**overrides))
        form.is_valid()
        return form.errors


@pytest.mark.parametrize(
    "email",
    ["a@b.vn", "nguyen.van.a+phanhoi@so-tt.gov.vn", "X_Y@example.com", "  binh@example.vn  "],
)
def test_good_emails(email):
    assert "email" not in errors(email=email)


@pytest.mark.parametrize(
    "email",
    [
        "",
        "binh",
        "binh@",
        "@example.vn",
        "binh@@example.vn",
        "binh@example",
        "bình@example..vn",
        "a b@example.vn",
        "<script>@x.vn",
        "binh@example.vn\nBcc: x@y.vn",
        "a" * 250 + "@example.vn",
    ],
)
def test_bad_emails(email):
    assert "email" in errors(email=email)


@pytest.mark.parametrize(
    ("phone", "stored"),
    [
        ("0912345678", "+84912345678"),
        ("0912 345 678", "+84912345678"),
        ("0912.345.678", "+84912345678"),
        ("+84912345678", "+84912345678"),
        ("+84 912 345 678", "+84912345678"),
        ("+84.912.345.678", "+84912345678"),
        ("0283 822 1234", None),  # 11 digits: not the 0 + 9 digits form
        ("", ""),
    ],
)
def test_phones_are_normalised(phone, stored):
    form = FeedbackForm(form_data(phone=phone))
    if stored is None:
        assert not form.is_valid() and "phone" in form.errors
    else:
        assert form.is_valid(), form.errors
        assert form.cleaned_data["phone"] == stored


@pytest.mark.parametrize(
    "phone",
    [
        "12345",
        "091234567",
        "09123456789",
        "0012345678",
        "+8412345678",
        "+85912345678",
        "84912345678",
        "09l2345678",
        "0912-345-678x",
        "+84 912 345 678 9",
        "０９１２３４５６７８",
        "0９１２３４５６７８",
    ],
)
def test_bad_phones(phone):
    errs = errors(phone=phone)
    assert "phone" in errs and "số điện thoại Việt Nam" in errs["phone"][0]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Hãy nhập họ và tên"),
        ("name", "   ", "Hãy nhập họ và tên"),
        ("name", "A" * 101, "tối đa 100 ký tự"),
        ("message", "", "Hãy viết nội dung phản hồi"),
        ("message", "123456789", "ít nhất 10 ký tự (bạn đã viết 9)"),
        ("message", "   ngắn quá    ", "ít nhất 10 ký tự"),
        ("message", "x" * 5001, "tối đa 5000 ký tự (bạn đã viết 5001)"),
        ("address", "B" * 301, "300"),
        ("consent", None, "Hãy đánh dấu vào ô này"),
        ("consent", "", "Hãy đánh dấu vào ô này"),
    ],
)
def test_required_and_length_errors_in_vietnamese(field, value, message):
    errs = errors(**{field: value})
    assert field in errs and message in " ".join(errs[field]), errs


@pytest.mark.parametrize("length", [10, 5000])
def test_message_length_limits_are_inclusive(length):
    assert "message" not in errors(message="ư" * length)


def test_windows_newlines_count_once():
    form = FeedbackForm(form_data(message="dòng 1\r\ndòng 2\r\n" * 2))
    assert form.is_valid() and "\r" not in form.cleaned_data["message"]


@pytest.mark.parametrize("field", ["name", "email", "phone", "address", "message"])
@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\u2028"])
def test_control_characters_are_refused_in_every_field(field, char):
    value = form_data()[field]
    errs = errors(**{field: value[:3] + char + value[3:]})
    assert field in errs


@pytest.mark.parametrize("field", ["name", "address", "message"])
@pytest.mark.parametrize(
    "char", ["\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069", "\u202a"]
)
def test_bidi_overrides_are_refused(field, char):
    value = form_data()[field]
    errs = errors(**{field: value + char + "txt.exe"})
    assert field in errs and "đổi chiều văn bản" in errs[field][0]


def test_rtl_marks_and_rtl_text_are_kept_as_typed():
    form = FeedbackForm(
        form_data(name="\u200fمحمد\u200e Nguyễn", message="שלום \u200f עולם — xin chào các bạn")
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "\u200fمحمد\u200e Nguyễn"


def test_tabs_and_newlines_are_kept_in_the_message_only():
    assert "message" not in errors(message="dòng một\n\tdòng hai đây")
    assert "name" in errors(name="Lê\nVăn")


def test_decomposed_vietnamese_is_stored_composed():
    import unicodedata

    form = FeedbackForm(form_data(name=unicodedata.normalize("NFD", "Phạm Thị Ánh")))
    assert form.is_valid() and form.cleaned_data["name"] == unicodedata.normalize(
        "NFC", "Phạm Thị Ánh"
    )


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>&amp;"\''


@pytest.mark.django_db
def test_html_in_every_field_is_stored_as_typed_and_shown_escaped(client, admin_client):
    from feedback import moderation

    article = make_article()
    data = form_data(
        article,
        name="An " + HOSTILE,
        address="Số 1 " + HOSTILE,
        message="Nội dung " + HOSTILE,
        email='"<b>x</b>"@example.vn',
    )
    response = client.post(reverse("feedback:article", args=[article.pk]), data)
    assert response.status_code == 302
    item = Feedback.objects.get()
    assert (
        item.name == "An " + HOSTILE
        and item.address == "Số 1 " + HOSTILE
        and item.message == "Nội dung " + HOSTILE
    )
    assert item.email == '"<b>x</b>"@example.vn'
    moderation.approve(item, moderator=None)
    moderation.set_answer(item, answer="Trả lời " + HOSTILE, published=True, moderator=None)
    for html in (
        client.get(article.get_absolute_url()).content.decode(),
        client.get(reverse("feedback:article", args=[article.pk])).content.decode(),
        admin_client.get(
            reverse("admin:feedback_feedback_change", args=[item.pk])
        ).content.decode(),
        admin_client.get(reverse("admin:feedback_feedback_changelist")).content.decode(),
    ):
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>x</b>" not in html
        assert (
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
            or "&lt;script&gt;alert(" in html
        )


@pytest.mark.django_db
def test_html_in_a_refused_form_is_shown_escaped(client):
    article = make_article()
    response = client.post(
        reverse("feedback:article", args=[article.pk]),
        form_data(name=HOSTILE, message="ngắn", email=HOSTILE),
    )
    html = response.content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;" in html


# --- The traps, judged by the form's clean() (no request, no database) ---------------------------


def judged(data, **kwargs):
    with translation.override("vi"):
        form = FeedbackForm(data, **kwargs)
        return form, form.is_valid()


@pytest.mark.parametrize("bait", ["http://spam.example", "x", "  x  "])
def test_clean_rejects_a_filled_honeypot(bait):
    form, valid = judged(form_data(leave_empty=bait))
    assert not valid and form.trap == "honeypot"
    assert form.has_error("leave_empty", code="honeypot")


def test_the_honeypot_is_judged_even_when_other_fields_are_wrong():
    """A bot is answered as a bot (thanked, nothing saved) whatever else it sent."""
    form, valid = judged(form_data(leave_empty="x", message="ngắn", token="forged"))
    assert not valid and form.trap == "honeypot"


def test_an_empty_honeypot_and_a_good_token_are_valid():
    form, valid = judged(form_data(leave_empty="   "))
    assert valid, form.errors
    assert form.trap is None


@pytest.mark.parametrize("token", ["", "forged", "contact:1abc:deadbeef", "x" * 500])
def test_clean_rejects_a_missing_or_forged_token_and_renews_it(token):
    form, valid = judged(form_data(token=token))
    assert not valid and form.trap == "bad_token"
    assert form.has_error(NON_FIELD_ERRORS, code="bad_token")
    assert "Biểu mẫu đã hết hạn" in form.non_field_errors()[0]
    traps.check_form_token(form.data["token"], "contact")  # a fresh, valid token comes back


def test_clean_rejects_an_expired_token(settings):
    settings.FEEDBACK_FORM_MAX_AGE_SECONDS = -1
    form, valid = judged(form_data())
    assert not valid and form.trap == "bad_token"


def test_clean_rejects_a_token_made_for_another_form():
    form, valid = judged(form_data(), target=traps.form_target(12345))  # a contact-page token
    assert not valid and form.trap == "bad_token"


def test_clean_rejects_a_form_sent_too_fast_and_keeps_its_token(settings):
    settings.FEEDBACK_MIN_SECONDS = 60
    data = form_data()
    form, valid = judged(data)
    assert not valid and form.trap == "too_fast"
    assert "Bạn gửi quá nhanh" in form.non_field_errors()[0]
    assert form.data["token"] == data["token"]  # its age counts from the first showing


def test_clean_judges_the_token_only_once_the_fields_are_right(settings):
    settings.FEEDBACK_MIN_SECONDS = 60
    form, valid = judged(form_data(message="ngắn"))
    assert not valid and form.trap is None and not form.non_field_errors()
    form, valid = judged(form_data(message="ngắn", token="forged"))
    assert form.trap is None and not form.non_field_errors()
    assert form.data["token"] != "forged"  # renewed quietly


def test_a_form_handed_back_judges_its_fields_not_its_traps(settings):
    """Refused by the guard or not saved: the reader's form comes back with a fresh token and no
    trap message, even though that token is brand new."""
    settings.FEEDBACK_MIN_SECONDS = 60
    form = FeedbackForm.handed_back(form_data(token="forged"), target="contact")
    assert form.is_valid(), form.errors
    assert form.data["token"] != "forged"
    bad = FeedbackForm.handed_back(form_data(message="ngắn"), target="contact")
    assert not bad.is_valid() and list(bad.errors) == ["message"]


def test_the_address_autofills_as_one_line():
    """`street-address` is for a textarea (HTML autofill table); one line is `address-line1`."""
    html = str(FeedbackForm()["address"])
    assert 'autocomplete="address-line1"' in html and "street-address" not in html
