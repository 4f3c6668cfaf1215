from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from articles.models import Article
from portal import outage
from portal.clients import sent_from_our_pages

from . import moderation, spam
from .forms import FeedbackForm
from .models import Feedback, PrivacyNotice

THANKS_TAG = "feedback"


def _thank(request):
    messages.success(
        request,
        _(
            "Thank you! Your feedback has been received; "
            "it will appear after the newsroom has reviewed it."
        ),
        extra_tags=THANKS_TAG,
    )


def _handle(request, *, article, template, context, success_url):
    """The one feedback flow (article page and contact page): origin check (instead of Django's
    CSRF token, see portal/clients.py), traps, rate limit, validation, save, then post-redirect-get."""
    target = spam.form_target(article.pk if article else None)
    if request.method != "POST":
        return render(request, template, {**context, "form": FeedbackForm(target=target)})

    form = FeedbackForm(request.POST, target=target)
    if not sent_from_our_pages(request):
        # Another site's page (cross-site request forgery), or a browser that said neither Origin
        # nor Referer: nothing is saved, and the reader's text comes back to be sent from here.
        spam.log_trap("cross_site", request)
        form.renew_token()
        form.add_error(
            None,
            _(
                "Your feedback has not been sent: it did not come from a page of this site, or "
                "your browser did not say which page it came from. What you wrote is kept below; "
                "please check it and send it again from this page."
            ),
        )
        return render(request, template, {**context, "form": form}, status=403)

    ip = spam.client_ip(request)
    status = spam.rate_limit_status(ip)
    if status.limited:
        spam.log_trap("rate_limited", request)
        return _too_many(request, status, form)

    if request.POST.get("leave_empty", "").strip():
        # A bot filled in the hidden field: tell it "thanks" and keep nothing but the count.
        spam.log_trap("honeypot", request)
        spam.rate_limit_hit(ip)
        _thank(request)
        return redirect(success_url)

    try:
        spam.check_form_token(request.POST.get("token", ""), target)
        token_error = None
    except spam.TokenError as error:
        token_error = error.kind

    if not form.is_valid():
        # The reader corrects the fields first; the traps only judge a form that would be saved.
        if token_error == "bad_token":
            form.renew_token()
        return render(request, template, {**context, "form": form})

    if token_error:
        spam.log_trap(token_error, request)
        if token_error == "too_fast":
            # Same token: by the time the reader has checked the message, it is old enough.
            message = _("That was very quick. Please check your message, then send it again.")
        else:
            form.renew_token()
            message = _("This form has expired. Please send it again.")
        form.add_error(None, message)
        return render(request, template, {**context, "form": form})

    limit = spam.rate_limit_hit(ip)
    if limit.limited:
        return _too_many(request, limit, form)
    data = form.cleaned_data
    try:
        moderation.receive(
            article=article,
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            address=data["address"],
            message=data["message"],
            language=get_language() or "",
        )
    except Exception:
        spam.rate_limit_refund(limit)  # only accepted messages count towards the limit
        raise
    _thank(request)
    return redirect(success_url)


def _keeps_the_readers_text(view):
    """A message that cannot be saved because the database does not answer comes back to the
    reader: 503 with `Retry-After` and the form filled in, to send again in a moment. Whatever
    failed (the article's lookup, the save, the page around the form), nothing here needs the
    database. Other requests are left to portal.outage's middleware (the plain 503 page)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except outage.DATABASE_DOWN as error:
            if request.method != "POST":
                raise
            outage.log_failure(request, error)
            form = FeedbackForm(request.POST, target=spam.form_target(kwargs.get("pk")))
            form.renew_token()
            form.add_error(
                None,
                _(
                    "Your feedback has not been sent yet: it could not be saved just now. What "
                    "you wrote is kept below; please send it again in a moment."
                ),
            )
            return outage.unavailable_response(form=form, action=request.path)

    return wrapper


def _too_many(request, limit, form):
    # The reader's text comes back under the explanation, to be sent again after the wait.
    form.renew_token()
    response = render(
        request,
        "feedback/rate_limited.html",
        {
            "retry_at": limit.retry_at,
            "retry_minutes": max(1, -(-limit.retry_after // 60)),
            "form": form,
            "action": request.path,
        },
        status=429,
    )
    response["Retry-After"] = str(limit.retry_after)
    return response


@never_cache
@csrf_exempt  # no CSRF cookie or token: the form is in cacheable article pages; see portal/clients.py
@_keeps_the_readers_text
def article_feedback(request, pk):
    """GET: all approved feedback of an article, paginated, with the form. POST: send feedback
    (from this page or from the form under the article), then come back here to be thanked: the
    article page itself shows nothing that differs from one reader to another."""
    article = get_object_or_404(Article.objects.published().select_related("category"), pk=pk)
    page_number = request.GET.get("page", "1")
    if not page_number.isdigit():
        raise Http404("Page is not a number")
    paginator = Paginator(Feedback.objects.for_article_page(article), settings.FEEDBACK_PER_PAGE)
    context = {"article": article, "page_obj": paginator.get_page(page_number)}
    return _handle(
        request,
        article=article,
        template="feedback/article_feedback.html",
        context=context,
        success_url=reverse("feedback:article", args=[article.pk]) + "#phan-hoi",
    )


@never_cache
@csrf_exempt  # protected like the article form (portal/clients.py), so the form may go in any page
@_keeps_the_readers_text
def contact(request):
    """The "Liên hệ – Góp ý" page: a message to the newsroom, not tied to an article."""
    return _handle(
        request,
        article=None,
        template="feedback/contact.html",
        context={},
        success_url=request.path,
    )


def privacy(request):
    notice = PrivacyNotice.objects.current()
    return render(
        request,
        "feedback/privacy.html",
        {
            "notice": notice,
            "retention_days": settings.FEEDBACK_RETENTION_DAYS,
            "rejected_retention_days": settings.FEEDBACK_REJECTED_RETENTION_DAYS,
        },
    )
