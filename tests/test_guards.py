"""The guard of the cookie-less POST endpoints (portal/guards.py): one decorator judges where a POST
comes from (the feedback forms, the view beacon, the language button) and how often (the feedback
rate limit); each endpoint answers a refusal its own way."""

import json

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from articles.views_count import beacon_token
from feedback.models import Feedback, TrapHit
from portal import guards
from tests.factories import make_article
from tests.feedback.factories import form_data

OURS = "http://testserver"
FOREIGN = "https://evil.example"


@pytest.fixture(autouse=True)
def _feedback_settings(settings):
    settings.FEEDBACK_MIN_SECONDS = 0
    settings.FEEDBACK_RATE_LIMIT = 5
    settings.FEEDBACK_NOTIFY = "off"
    settings.LANGUAGE_CODE = "vi"


def send_feedback(origin, article=None, **overrides):
    url = reverse("feedback:article", args=[article.pk]) if article else reverse("feedback:contact")
    headers = {"Origin": origin} if origin else {}
    data = form_data(article, **overrides)
    return Client(enforce_csrf_checks=True, headers=headers).post(url, data)


def send_beacon(origin, article):
    headers = {"Origin": origin} if origin else {}
    return Client(enforce_csrf_checks=True, headers=headers).post(
        reverse("articles:view_beacon"),
        json.dumps({"token": beacon_token(article.pk)}),
        content_type="application/json",
    )


def switch_language(origin):
    headers = {"Origin": origin} if origin else {}
    client = Client(enforce_csrf_checks=True, headers=headers)
    return client.post(reverse("set_language"), {"language": "en", "next": "/"}), client


# --- Origin: each endpoint refuses another site, with its own kind of answer --------------------


@pytest.mark.django_db
@pytest.mark.parametrize("origin", [FOREIGN, "null", None])
@pytest.mark.parametrize("on_contact_page", [False, True])
def test_feedback_from_another_site_gets_the_form_back_as_an_html_page(origin, on_contact_page):
    article = None if on_contact_page else make_article()
    response = send_feedback(origin, article, message="Nội dung tôi đã gõ rất lâu mới xong.")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "Phản hồi của bạn chưa được gửi" in html
    assert "Nội dung tôi đã gõ rất lâu mới xong.</textarea>" in html
    assert not Feedback.objects.exists()
    assert TrapHit.objects.get(kind="cross_site").count == 1


@pytest.mark.django_db
@pytest.mark.parametrize("origin", [FOREIGN, "null", None])
def test_the_beacon_from_another_site_gets_a_json_refusal(origin):
    article = make_article()
    response = send_beacon(origin, article)
    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "error": "Lượt xem chỉ được tính từ các trang của cổng thông tin này."
    }
    assert "viewed" not in response.cookies
    assert not TrapHit.objects.exists()  # not a feedback trap


@pytest.mark.django_db
@pytest.mark.parametrize("origin", [FOREIGN, "null", None])
def test_the_language_switch_from_another_site_gets_the_403_page(origin, settings):
    response, client = switch_language(origin)
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert not TrapHit.objects.exists()


@pytest.mark.django_db
def test_each_endpoint_accepts_its_own_pages(settings):
    article = make_article()
    assert send_feedback(OURS, article).status_code == 302
    assert send_feedback(OURS).status_code == 302
    assert send_beacon(OURS, article).json() == {"counted": True, "views": 1}
    response, _client = switch_language(OURS)
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert Feedback.objects.count() == 2 and not TrapHit.objects.exists()


# --- The throttle: one count for both feedback forms, as before --------------------------------


@pytest.mark.django_db
def test_the_feedback_limit_spans_the_article_and_the_contact_forms(settings):
    settings.FEEDBACK_RATE_LIMIT = 2
    article = make_article()
    assert send_feedback(OURS, article, message="Góp ý thứ nhất cho bài viết.").status_code == 302
    assert send_feedback(OURS, message="Góp ý thứ hai gửi tòa soạn.").status_code == 302
    over = send_feedback(OURS, article, message="Góp ý thứ ba cho bài viết.")
    assert over.status_code == 429 and over["Retry-After"]
    assert "Góp ý thứ ba cho bài viết.</textarea>" in over.content.decode()
    assert send_feedback(OURS, message="Góp ý thứ tư gửi tòa soạn.").status_code == 429
    assert Feedback.objects.count() == 2
    assert TrapHit.objects.get(kind="rate_limited").count == 2


@pytest.mark.django_db
def test_the_feedback_limit_does_not_throttle_the_beacon_or_the_language_switch(settings):
    settings.FEEDBACK_RATE_LIMIT = 1
    article = make_article()
    assert send_feedback(OURS).status_code == 302
    assert send_feedback(OURS, message="Một góp ý khác hẳn nữa.").status_code == 429
    assert send_beacon(OURS, article).json()["counted"] is True
    assert switch_language(OURS)[0].status_code == 302


@pytest.mark.django_db
def test_refused_and_invalid_posts_are_not_charged_but_a_bots_honeypot_is(settings):
    settings.FEEDBACK_RATE_LIMIT = 1
    assert send_feedback(FOREIGN).status_code == 403  # refused by the guard: not counted
    assert send_feedback(OURS, message="ngắn").status_code == 200  # invalid: not counted
    assert send_feedback(OURS, token="forged").status_code == 200  # a trap: not counted
    assert send_feedback(OURS).status_code == 302  # accepted: the one allowed
    assert send_feedback(OURS, message="Một góp ý khác hẳn nữa.").status_code == 429
    assert Feedback.objects.count() == 1


@pytest.mark.django_db
def test_a_honeypot_hit_uses_up_the_limit_as_before(settings):
    settings.FEEDBACK_RATE_LIMIT = 1
    assert send_feedback(OURS, leave_empty="http://spam.example").status_code == 302
    assert send_feedback(OURS).status_code == 429
    assert not Feedback.objects.exists()


# --- The decorator itself ------------------------------------------------------------------------


class Recorder:
    """A view and a refusal answer that remember what they were called with."""

    def __init__(self):
        self.refusals = []
        self.calls = 0

    def refuse(self, request, refusal, *args, **kwargs):
        self.refusals.append((refusal, args, kwargs))
        return HttpResponse("refused", status=499)


def throttle(settings, limit=1):
    settings.GUARD_TEST_LIMIT = limit
    settings.GUARD_TEST_WINDOW = 600
    return guards.Throttle(
        limit_setting="GUARD_TEST_LIMIT",
        window_setting="GUARD_TEST_WINDOW",
        key=lambda address, window, index: f"guard-test:{address}:{window}:{index}",
    )


def post(**headers):
    return RequestFactory().post("/x/", {}, **{f"HTTP_{k.upper()}": v for k, v in headers.items()})


def test_get_is_never_judged():
    recorder = Recorder()
    view = guards.guarded(refuse=recorder.refuse)(lambda request: HttpResponse("page"))
    request = RequestFactory().get("/x/", HTTP_ORIGIN=FOREIGN)
    assert view(request).content == b"page" and not recorder.refusals


def test_a_foreign_origin_is_refused_with_the_views_arguments():
    recorder = Recorder()
    view = guards.guarded(refuse=recorder.refuse)(lambda request, pk: HttpResponse("ok"))
    assert view(post(origin=FOREIGN), pk=7).status_code == 499
    refusal, args, kwargs = recorder.refusals[0]
    assert refusal.kind == "cross_site" and kwargs == {"pk": 7}
    assert view(post(origin=OURS), pk=7).content == b"ok"


def test_origin_false_lets_any_origin_through():
    view = guards.guarded(origin=False)(lambda request: HttpResponse("ok"))
    assert view(post(origin=FOREIGN)).content == b"ok"


def test_the_default_refusal_is_permission_denied():
    from django.core.exceptions import PermissionDenied

    view = guards.guarded()(lambda request: HttpResponse("ok"))
    with pytest.raises(PermissionDenied):
        view(post(origin=FOREIGN))


def test_only_what_the_view_charges_is_counted_and_a_failed_block_is_given_back(settings):
    recorder = Recorder()
    limit = throttle(settings)

    def view(request):
        if request.POST.get("fail"):
            with request.throttle.charge():
                raise RuntimeError("the save failed")
        if request.POST.get("save"):
            with request.throttle.charge():
                pass
        return HttpResponse("done")

    guarded_view = guards.guarded(refuse=recorder.refuse, throttle=limit)(view)

    def send(**data):
        request = RequestFactory().post("/x/", data, HTTP_ORIGIN=OURS)
        return guarded_view(request)

    assert send().content == b"done"  # not charged
    with pytest.raises(RuntimeError):
        send(fail="1")  # charged, then given back
    assert send(save="1").content == b"done"  # the one allowed
    assert send().status_code == 499  # the window is used up: refused before the view
    refusal = recorder.refusals[-1][0]
    assert refusal.kind == "rate_limited" and 0 < refusal.retry_after <= 600


def test_a_charge_over_the_limit_is_answered_by_refuse_not_the_view(settings):
    """Two requests pass the status check at once; the second to charge is over the limit."""
    recorder = Recorder()
    limit = throttle(settings)
    saved = []

    def view(request):
        limit.hit("127.0.0.1")  # a concurrent request took the last place meanwhile
        with request.throttle.charge():
            saved.append(1)
        return HttpResponse("done")

    guarded_view = guards.guarded(refuse=recorder.refuse, throttle=limit)(view)
    assert guarded_view(post(origin=OURS)).status_code == 499
    assert not saved and recorder.refusals[0][0].kind == "rate_limited"


def test_count_charges_without_refusing(settings):
    limit = throttle(settings)
    answers = []

    def view(request):
        answers.append(request.throttle.count().limited)
        return HttpResponse("done")

    guarded_view = guards.guarded(throttle=limit)(view)
    assert guarded_view(post(origin=OURS)).content == b"done"
    assert answers == [False]
    assert limit.status("127.0.0.1").limited
