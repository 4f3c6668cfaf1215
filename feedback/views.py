from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from articles.models import Article
from portal import outage
from portal.guards import Refusal, guarded
from portal.pagemeta import PageMeta

from . import moderation, traps
from .forms import FeedbackForm
from .models import Feedback, PrivacyNotice

THANKS_TAG = "feedback"
CROSS_SITE = gettext_lazy(
    "Your feedback has not been sent: it did not come from a page of this site, or your browser "
    "did not say which page it came from. What you wrote is kept below; please check it and send "
    "it again from this page."
)


@dataclass
class _Page:
    """A page with the feedback form: what it shows around the form, what the form's time trap is
    bound to, and where (and how) a sent message is acknowledged."""

    template: str
    context: dict
    article: Article | None
    thanks_url: str
    thanks: str

    @property
    def target(self) -> str:
        return traps.form_target(self.article.pk if self.article else None)


def _article_page(request, pk) -> _Page:
    article = get_object_or_404(Article.objects.published().select_related("category"), pk=pk)
    page_number = request.GET.get("page", "1")
    if not page_number.isdigit():
        raise Http404("Page is not a number")
    paginator = Paginator(Feedback.objects.for_article_page(article), settings.FEEDBACK_PER_PAGE)
    return _Page(
        template="feedback/article_feedback.html",
        context={
            "article": article,
            "page_obj": paginator.get_page(page_number),
            # the article page is the one to index; this one only repeats its feedback
            "meta": PageMeta(
                title=_("Feedback on “%(title)s”") % {"title": article.title},
                canonical=reverse("feedback:article", args=[article.pk]),
                index=False,
            ),
        },
        article=article,
        thanks_url=reverse("feedback:article", args=[article.pk]) + "#phan-hoi",
        thanks=gettext_lazy(
            "Thank you! Your feedback has been received; "
            "it will appear after the newsroom has reviewed it."
        ),
    )


def _contact_page(request) -> _Page:
    return _Page(
        template="feedback/contact.html",
        context={
            "meta": PageMeta(title=_("Contact – Feedback"), canonical=reverse("feedback:contact"))
        },
        article=None,
        thanks_url=request.path,
        # Contact messages are never published: no "shown after review" here.
        thanks=gettext_lazy(
            "Thank you! The newsroom has received your message and will answer you by e-mail "
            "or phone if an answer is needed."
        ),
    )


def _render(request, page: _Page, form, *, status: int = 200):
    """Every feedback page with its form (the page itself, or a refusal) is rendered here."""
    return render(request, page.template, {**page.context, "form": form}, status=status)


def _handle(request, page: _Page):
    """The one feedback flow (article page and contact page). A POST reaching here came from our
    pages and is within the rate limit (the guard, portal/guards.py); the form judges the fields,
    the honeypot and the time trap; an accepted message is charged to the rate limit and saved,
    then post-redirect-get."""
    if request.method != "POST":
        return _render(request, page, FeedbackForm(target=page.target))
    form = FeedbackForm(request.POST, target=page.target)
    if not form.is_valid():
        if form.trap:
            traps.log_trap(form.trap, request)
        if form.trap == "honeypot":
            # A bot filled in the hidden field: tell it "thanks" and keep nothing but the count.
            request.throttle.count()
            return _thanked(request, page)
        return _render(request, page, form)
    data = form.cleaned_data
    with request.throttle.charge():  # over the limit: the guard answers (_refused)
        moderation.receive(
            article=page.article,
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            address=data["address"],
            message=data["message"],
            language=get_language() or "",
        )
    return _thanked(request, page)


def _thanked(request, page: _Page):
    messages.success(request, page.thanks, extra_tags=THANKS_TAG)
    return redirect(page.thanks_url)


def _refused(request, refusal: Refusal, pk=None):
    """The guard's refusal of a feedback POST: nothing is saved, and the reader's text comes back
    to be sent again: from this site's page (403, a cross-site request or a browser that said
    neither Origin nor Referer), or after the wait (429, the rate limit)."""
    form = FeedbackForm.handed_back(request.POST, target=traps.form_target(pk))
    if refusal.kind == "rate_limited":
        traps.log_trap(refusal.kind, request)
        return _too_many(request, refusal, form)
    page = _article_page(request, pk) if pk is not None else _contact_page(request)
    traps.log_trap(refusal.kind, request)
    form.add_error(None, CROSS_SITE)
    return _render(request, page, form, status=403)


def _too_many(request, refusal: Refusal, form):
    response = render(
        request,
        "feedback/rate_limited.html",
        {
            "meta": PageMeta(title=_("Please wait a moment"), index=False),
            "retry_at": refusal.retry_at,
            "retry_minutes": max(1, -(-refusal.retry_after // 60)),
            "form": form,
            "action": request.path,
        },
        status=429,
    )
    response["Retry-After"] = str(refusal.retry_after)
    return response


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
            form = FeedbackForm.handed_back(
                request.POST, target=traps.form_target(kwargs.get("pk"))
            )
            form.add_error(
                None,
                _(
                    "Your feedback has not been sent yet: it could not be saved just now. What "
                    "you wrote is kept below; please send it again in a moment."
                ),
            )
            return outage.unavailable_response(form=form, action=request.path)

    return wrapper


# No CSRF cookie or token: the form is in cacheable article pages, and the guard checks where a
# POST comes from instead (portal/clients.py), then the rate limit shared by both forms.
_feedback_post = guarded(throttle=traps.THROTTLE, refuse=_refused)


@never_cache
@csrf_exempt
@_keeps_the_readers_text
@_feedback_post
def article_feedback(request, pk):
    """GET: all approved feedback of an article, paginated, with the form. POST: send feedback
    (from this page or from the form under the article), then come back here to be thanked: the
    article page itself shows nothing that differs from one reader to another."""
    return _handle(request, _article_page(request, pk))


@never_cache
@csrf_exempt  # guarded like the article form, so the form may go in any page
@_keeps_the_readers_text
@_feedback_post
def contact(request):
    """The "Liên hệ – Góp ý" page: a message to the newsroom, not tied to an article."""
    return _handle(request, _contact_page(request))


def privacy(request):
    notice = PrivacyNotice.objects.current()
    return render(
        request,
        "feedback/privacy.html",
        {
            "meta": PageMeta(
                title=notice.title if notice else _("Privacy notice"),
                canonical=reverse("feedback:privacy"),
            ),
            "notice": notice,
            "retention_days": settings.FEEDBACK_RETENTION_DAYS,
            "rejected_retention_days": settings.FEEDBACK_REJECTED_RETENTION_DAYS,
        },
    )
