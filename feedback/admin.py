import csv

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.db.models.constants import LOOKUP_SEP
from django.http import HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import moderation
from .forms import EraseByEmailForm, ReplyForm
from .models import Feedback, PrivacyNotice, TrapHit

SENDER_DETAILS = ["email", "phone", "address"]
# Every field shown only under "Sender's details": nobody without view_sender_details may read
# them, nor filter, sort or search by them (a filter that matches or not is as good as reading).
PERSONAL_FIELDS = frozenset([*SENDER_DETAILS, "language"])
# Everything the sender wrote or the system recorded: moderators may read it, never change it.
SENDER_WROTE = ["article", "name", "email", "phone", "address", "message", "language"]
RECORDED = [
    "status",
    "spam_reason",
    "created_at",
    "consent_at",
    "privacy_notice",
    "decided_by",
    "decided_at",
    "answered_at",
    "notified_at",
    "personal_data_erased_at",
]


def can_see_details(user) -> bool:
    return user.has_perm("feedback.view_sender_details")


def _csv_cell(value) -> str:
    """Text that a spreadsheet will not run as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class _Echo:
    def write(self, value):
        return value


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    change_form_template = "admin/feedback/feedback/change_form.html"
    change_list_template = "admin/feedback/feedback/change_list.html"
    list_display = ["created_at", "status_label", "article_title", "name", "short_message"]
    list_display_links = ["created_at", "short_message"]
    list_filter = ["status", ("article", admin.RelatedOnlyFieldListFilter), "created_at"]
    list_select_related = ["article"]
    date_hierarchy = "created_at"
    list_per_page = 50
    fields = ["answer", "answer_published"]
    actions = [
        "approve_selected",
        "reject_selected",
        "mark_spam_selected",
        "reopen_selected",
        "erase_senders",
    ]

    class Media:
        css = {"all": ["feedback/admin.css"]}

    # --- who sees what --------------------------------------------------------------------------

    def has_add_permission(self, request):
        return False  # feedback comes from readers only

    def has_export_permission(self, request):
        return request.user.has_perm("feedback.export_feedback")

    def has_erase_permission(self, request):
        return request.user.has_perm("feedback.erase_personal_data")

    def lookup_allowed(self, lookup, value, request):
        """Refuse ?email__startswith=…, ?phone=…, ?address__icontains=… and the like to those who
        may not see senders' details: the change list (and the CSV export, which uses it) answers
        400 whether or not a row matches. Lookups through relations are refused by Django itself
        unless they are list filters."""
        field = lookup.split(LOOKUP_SEP, 1)[0]
        if field in PERSONAL_FIELDS and not can_see_details(request.user):
            return False
        return super().lookup_allowed(lookup, value, request)

    def get_search_fields(self, request):
        # Searching by e-mail would reveal who wrote to us: only for those who may see it.
        return (
            ["name", "email", "message"] if can_see_details(request.user) else ["name", "message"]
        )

    def get_readonly_fields(self, request, obj=None):
        fields = SENDER_WROTE + RECORDED + ["history", "email_answers"]
        return [
            field
            for field in fields
            if can_see_details(request.user) or field not in SENDER_DETAILS
        ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (
                None,
                {"fields": ["status", "spam_reason", "article", "created_at", "name", "message"]},
            ),
        ]
        if can_see_details(request.user):
            fieldsets.append(
                (_("Sender's details"), {"fields": ["email", "phone", "address", "language"]})
            )
        fieldsets += [
            (_("Moderation history"), {"fields": ["history", "email_answers"]}),
            (
                _("The newsroom's answer, shown under the feedback"),
                {"fields": ["answer", "answer_published", "answered_at"]},
            ),
            (
                _("Record"),
                {
                    "fields": [
                        "consent_at",
                        "privacy_notice",
                        "decided_by",
                        "decided_at",
                        "notified_at",
                        "personal_data_erased_at",
                    ],
                    "classes": ["collapse"],
                },
            ),
        ]
        return fieldsets

    # --- list columns ---------------------------------------------------------------------------

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, obj):
        return format_html(
            '<span class="feedback-status feedback-status-{}">{}</span>',
            obj.status,
            obj.get_status_display(),
        )

    @admin.display(description=_("article"), ordering="article__title")
    def article_title(self, obj):
        if obj.article_id is None:
            return _("(contact page)")
        title = obj.article.title
        return title if len(title) <= 60 else title[:59] + "…"

    @admin.display(description=_("message"))
    def short_message(self, obj):
        return obj.short_message

    @admin.display(description=_("Decisions"))
    def history(self, obj):
        events = obj.events.select_related("actor").order_by("at", "id")
        return format_html_join(
            "",
            "<div>{} · <strong>{}</strong> · {}{}</div>",
            (
                (
                    date_format(timezone.localtime(event.at), "d/m/Y H:i"),
                    event.get_action_display(),
                    event.actor.get_username() if event.actor else _("system"),
                    f" · {event.note}" if event.note else "",
                )
                for event in events
            ),
        )

    @admin.display(description=_("Answers sent by e-mail"))
    def email_answers(self, obj):
        replies = obj.replies.select_related("sent_by").order_by("sent_at", "id")
        return (
            format_html_join(
                "",
                '<div class="feedback-reply"><p>{} · {} · {}</p><p><strong>{}</strong></p>'
                '<p style="white-space: pre-wrap">{}</p></div>',
                (
                    (
                        date_format(timezone.localtime(reply.sent_at), "d/m/Y H:i"),
                        reply.sent_by.get_username() if reply.sent_by else "",
                        _("sent") if reply.delivered else _("not accepted by the mail server"),
                        reply.subject,
                        reply.body,
                    )
                    for reply in replies
                ),
            )
            or "—"
        )

    # --- saving: only the answer and the decision, each recorded --------------------------------

    def save_model(self, request, obj, form, change):
        if "answer" in form.changed_data or "answer_published" in form.changed_data:
            moderation.set_answer(
                obj,
                answer=form.cleaned_data["answer"],
                published=form.cleaned_data["answer_published"],
                moderator=request.user,
            )
        decision = request.POST.get("_decision")
        if decision in Feedback.Status.values:
            if moderation.set_status(obj, decision, moderator=request.user):
                self.message_user(
                    request,
                    _("Status changed to “%(status)s”.") % {"status": obj.get_status_display()},
                    messages.SUCCESS,
                )

    # --- bulk actions ---------------------------------------------------------------------------

    def _decide(self, request, queryset, decide):
        """Apply `decide` (moderation.approve, reject, mark_spam or reopen) to each item."""
        changed = sum(decide(item, moderator=request.user) for item in queryset)
        self.message_user(
            request,
            ngettext("%(count)d item changed.", "%(count)d items changed.", changed)
            % {"count": changed},
            messages.SUCCESS if changed else messages.WARNING,
        )

    @admin.action(
        description=_("Approve selected feedback (publish under the article)"),
        permissions=["change"],
    )
    def approve_selected(self, request, queryset):
        self._decide(request, queryset, moderation.approve)

    @admin.action(description=_("Reject selected feedback"), permissions=["change"])
    def reject_selected(self, request, queryset):
        self._decide(request, queryset, moderation.reject)

    @admin.action(description=_("Mark selected feedback as spam"), permissions=["change"])
    def mark_spam_selected(self, request, queryset):
        self._decide(request, queryset, moderation.mark_spam)

    @admin.action(description=_("Set selected feedback back to new"), permissions=["change"])
    def reopen_selected(self, request, queryset):
        self._decide(request, queryset, moderation.reopen)

    @admin.action(
        description=_("Erase these senders' e-mail, phone and address (from all their feedback)"),
        permissions=["erase"],
    )
    def erase_senders(self, request, queryset):
        emails = {e.lower() for e in queryset.exclude(email="").values_list("email", flat=True)}
        note = str(_("admin action"))
        count = sum(
            moderation.erase_sender(email, moderator=request.user, note=note) for email in emails
        )
        # Items whose e-mail was already erased may still hold a phone number or an address.
        count += moderation.erase_items(
            queryset.exclude(phone="", address=""), moderator=request.user, note=note
        )
        self.message_user(
            request,
            ngettext(
                "Erased the sender's details from %(count)d item.",
                "Erased the senders' details from %(count)d items.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    # --- extra pages: answer by e-mail, erase by e-mail address, CSV export --------------------

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "<int:pk>/reply/",
                self.admin_site.admin_view(self.reply_view),
                name=f"{prefix}_reply",
            ),
            path("erase/", self.admin_site.admin_view(self.erase_view), name=f"{prefix}_erase"),
            path("export/", self.admin_site.admin_view(self.export_view), name=f"{prefix}_export"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_export": self.has_export_permission(request),
            "can_erase": self.has_erase_permission(request),
            "export_query": request.GET.urlencode(),
        }
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_reply": self.has_change_permission(request) and can_see_details(request.user),
            "decisions": [(value, label) for value, label in Feedback.Status.choices],
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def reply_view(self, request, pk):
        feedback = get_object_or_404(Feedback.objects.select_related("article"), pk=pk)
        if not (self.has_change_permission(request, feedback) and can_see_details(request.user)):
            raise PermissionDenied
        change_url = reverse("admin:feedback_feedback_change", args=[feedback.pk])
        if not feedback.email:
            self.message_user(
                request,
                _("The sender's e-mail address has been erased; no answer can be sent."),
                messages.ERROR,
            )
            return HttpResponseRedirect(change_url)
        initial = {"subject": _("Re: your feedback to the newsroom")}
        form = ReplyForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            reply = moderation.reply_by_email(
                feedback,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                moderator=request.user,
            )
            if reply.delivered:
                self.message_user(
                    request,
                    _("The answer was sent and is kept with the feedback."),
                    messages.SUCCESS,
                )
            else:
                self.message_user(
                    request,
                    _(
                        "The mail server did not accept the answer. It is kept with the feedback; "
                        "try again later."
                    ),
                    messages.ERROR,
                )
            return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Answer by e-mail"),
            "feedback": feedback,
            "form": form,
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/feedback/feedback/reply.html", context)

    def erase_view(self, request):
        if not self.has_erase_permission(request):
            raise PermissionDenied
        form = EraseByEmailForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            count = moderation.erase_sender(
                form.cleaned_data["email"],
                moderator=request.user,
                note=_("erasure requested by the sender"),
            )
            self.message_user(
                request,
                ngettext(
                    "Erased the details of this sender from %(count)d item.",
                    "Erased the details of this sender from %(count)d items.",
                    count,
                )
                % {"count": count},
                messages.SUCCESS if count else messages.WARNING,
            )
            return HttpResponseRedirect(reverse("admin:feedback_feedback_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Erase a sender's personal data"),
            "form": form,
        }
        return render(request, "admin/feedback/feedback/erase.html", context)

    def export_view(self, request):
        """The list as filtered and searched on the change list page, as CSV (UTF-8 with BOM, so
        that spreadsheet programs read Vietnamese correctly)."""
        if not (self.has_export_permission(request) and self.has_view_permission(request)):
            raise PermissionDenied
        changelist = self.get_changelist_instance(request)
        queryset = (
            changelist.get_queryset(request)
            .select_related("article", "privacy_notice")
            .order_by("created_at", "id")
        )
        details = can_see_details(request.user)
        header = ["id", "received", "status", "article", "name"]
        header += ["email", "phone", "address"] if details else []
        header += [
            "message",
            "answer",
            "answer_published",
            "consent_at",
            "privacy_notice_version",
            "details_erased_at",
        ]

        def rows():
            yield "\ufeff"
            writer = csv.writer(_Echo())
            yield writer.writerow(header)
            for item in queryset.iterator(chunk_size=500):
                row = [
                    item.pk,
                    timezone.localtime(item.created_at).isoformat(),
                    item.status,
                    item.article.title if item.article_id else "",
                    item.name,
                ]
                row += [item.email, item.phone, item.address] if details else []
                row += [
                    item.message,
                    item.answer,
                    item.answer_published,
                    timezone.localtime(item.consent_at).isoformat(),
                    item.privacy_notice.version,
                    timezone.localtime(item.personal_data_erased_at).isoformat()
                    if item.personal_data_erased_at
                    else "",
                ]
                yield writer.writerow([_csv_cell(value) for value in row])

        response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="phan-hoi-{timezone.localdate():%Y%m%d}.csv"'
        )
        return response


@admin.register(PrivacyNotice)
class PrivacyNoticeAdmin(admin.ModelAdmin):
    """Editors write a new version; existing versions are read-only: consents point at them."""

    list_display = ["version", "title", "effective_at", "created_by", "created_at", "consents"]
    fields = ["title", "body", "effective_at"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("created_by")
            .annotate(consent_count=Count("consents"))
        )

    @admin.display(description=_("consents recorded"), ordering="consent_count")
    def consents(self, obj):
        return obj.consent_count

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return (
            ["version", "title", "body", "effective_at", "created_by", "created_at"] if obj else []
        )

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        latest = PrivacyNotice.objects.order_by("-version").first()
        if latest:
            initial.setdefault("title", latest.title)
            initial.setdefault("body", latest.body)
        return initial

    def save_model(self, request, obj, form, change):
        obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(TrapHit)
class TrapHitAdmin(admin.ModelAdmin):
    list_display = ["day", "kind", "count"]
    list_filter = ["kind"]
    date_hierarchy = "day"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
