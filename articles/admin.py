from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.postgres.search import SearchQuery
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Q, Subquery
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag as TaggitTag

from medialib.admin import ArticleDocumentInline, GalleryItemInline  # issue 13: documents, gallery
from medialib.widgets import cover_field_overrides
from newsroom import embeds, presence, revisions
from newsroom.models import Revision
from portal import imagecheck
from portal.imagecheck import CheckedImageField

from . import workflow
from .models import (
    Article,
    Author,
    Category,
    RelatedArticle,
    RelatedLink,
    StatusChange,
    Tag,
    Unit,
    WebsiteLink,
)
from .sanitize import sanitize_html

# We use our own Tag model (Vietnamese slugs); taggit's default one stays empty.
if admin.site.is_registered(TaggitTag):
    admin.site.unregister(TaggitTag)


def visible_tags(user):
    """Tags of published articles and of articles `user` may open: a tag that only someone else's
    draft carries can reveal an embargoed topic."""
    if workflow.can_publish(user):
        return Tag.objects.all()
    published = Article.objects.published().values("pk")
    own = Article.objects.editable_by(user).values("pk")
    return Tag.objects.filter(
        Q(tagged_articles__content_object__in=published)
        | Q(tagged_articles__content_object__in=own)
    ).distinct()


def adopt_hidden_tag_spellings(user, names):
    """Tags are matched without regard to case. When an author types a tag that only others'
    unpublished articles carry, spelt differently ("dự án x" for "Dự Án X"), the tag takes the
    author's spelling: echoing the stored spelling back would tell them that a hidden draft
    carries it. Readers never saw the old spelling (the tag is on no published article)."""
    visible = visible_tags(user)
    for name in names:
        if visible.filter(name__iexact=name).exists():
            continue
        hidden = Tag.objects.filter(name__iexact=name).exclude(name=name).first()
        if hidden is not None:
            hidden.name = name
            hidden.save(update_fields=["name"])


def bylines_for(user):
    """The authors `user` may sign as: everyone for editors; for authors, their own profile and
    contributors without a staff account."""
    if workflow.can_publish(user):
        return Author.objects.all()
    return Author.objects.filter(Q(user=user) | Q(user__isnull=True))


class NameListFilter(admin.SimpleListFilter):
    """A filter typed with suggestions (an input and a datalist), not a column of 90 links: a
    newsroom's authors would make the filter sidebar thousands of pixels tall."""

    template = "admin/articles/article/name_filter.html"
    model = None
    lookup = ""

    def lookups(self, request, model_admin):
        return []

    def has_output(self):
        return True

    def queryset(self, request, queryset):
        value = (self.value() or "").strip()
        return queryset.filter(**{self.lookup: value}) if value else queryset

    def choices(self, changelist):
        params = changelist.get_filters_params()
        params.pop(self.parameter_name, None)
        hidden = []
        for key, value in list(changelist.params.items()):
            if key in (self.parameter_name, "p", "e"):
                continue
            for item in value if isinstance(value, list) else [value]:
                hidden.append((key, item))
        yield {
            "parameter": self.parameter_name,
            "value": self.value() or "",
            "names": list(self.model.objects.order_by("name").values_list("name", flat=True)),
            "hidden": hidden,
            "clear": changelist.get_query_string(remove=[self.parameter_name]),
        }


class AuthorListFilter(NameListFilter):
    title = _("author")
    parameter_name = "tac_gia"
    model = Author
    lookup = "author__name"


class UnitListFilter(NameListFilter):
    title = _("unit")
    parameter_name = "don_vi"
    model = Unit
    lookup = "unit__name"


class ArticleAdminForm(forms.ModelForm):
    current_user = None  # set per request by ArticleAdmin.get_form
    # The version the form was opened on: saving over a newer one is refused (optimistic locking).
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    review_note = forms.CharField(
        label=_("Note for the review"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text=_(
            "Authors: a note for the editor when submitting. Editors: the reason when sending an "
            "article back to draft (required); the author sees it."
        ),
    )

    class Meta:
        model = Article
        # The ModelAdmin's fieldsets choose the fields (get_form passes them to modelform_factory).
        fields = "__all__"  # noqa: DJ007

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "tags" in self.fields:
            self.fields["tags"].help_text = _(
                "Separate tags with commas; existing tags are suggested as you type."
            )
        if self.instance.pk:
            self.fields["seen_version"].initial = self.instance.version
        self.locked_version = None

    def clean_body(self):
        body = self.cleaned_data["body"]
        outside = embeds.outside_images(body)
        if outside:
            names = ", ".join(src if len(src) <= 80 else src[:60] + "…" for src in outside)
            raise forms.ValidationError(
                gettext(
                    "Readers would not see these images, which are not stored on this site: "
                    "%(images)s. Save each image to your computer and insert it with the editor's "
                    "image button."
                )
                % {"images": names},
                code="outside_image",
            )
        return body

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            self._check_version(cleaned.get("seen_version"))
        status = cleaned.get("status", self.instance.status)
        if self.instance.pk and workflow.is_send_back(
            self.instance.status, status, self.current_user
        ):
            if not (cleaned.get("review_note") or "").strip():
                self.add_error(
                    "review_note", _("Give the author a reason for sending the article back.")
                )
        return cleaned

    def _check_version(self, seen):
        """Lock the article's row until the end of the request's transaction (the admin saves in
        one) and refuse the form if the article changed since it was opened."""
        current = (
            Article.objects.select_for_update(of=("self",))
            .filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        self.locked_version = current
        if current is None or seen == current:
            return
        revisions.ensure_recorded(self.instance.pk)
        fields, newer = revisions.changes_since(self.instance, seen or 0)
        # Re-rendered with the current version: saving again replaces it knowingly.
        self.data = self.data.copy()
        self.data[self.add_prefix("seen_version")] = current
        who = (
            ", ".join(
                dict.fromkeys(presence.display_name(r.created_by) for r in newer if r.created_by)
            )
            or "?"
        )
        compare = ""
        if seen and newer:
            compare = (
                reverse("admin:articles_article_revisions", args=[self.instance.pk])
                + f"?a={seen}&b={current}"
            )
        raise forms.ValidationError(
            format_html(
                "{} {} {}{}",
                gettext("%(who)s saved this article while you had it open.") % {"who": who},
                gettext("Changed meanwhile: %(fields)s.") % {"fields": ", ".join(fields) or "—"},
                gettext(
                    "Nothing you typed is lost: it is still in the form below. Compare, copy what "
                    "you need, and save again to replace the current version with yours."
                ),
                format_html(
                    ' <a href="{}" target="_blank">{}</a>', compare, gettext("Compare the versions")
                )
                if compare
                else "",
            ),
            code="stale_version",
        )

    def clean_status(self):
        status = self.cleaned_data["status"]
        unchanged = self.instance.pk is not None and status == self.instance.status
        if not unchanged and status not in workflow.allowed_statuses(self.current_user):
            raise forms.ValidationError(
                _(
                    "You may not publish or unpublish articles. Choose “Pending review” to send it "
                    "to an editor."
                ),
                code="forbidden_status",
            )
        return status

    def _post_clean(self):
        super()._post_clean()
        # The cover (checked and re-encoded by its form field) is stored now, so that an unwritable
        # or full media folder is an error next to the field rather than a 500 on saving.
        imagecheck.store_form_file(self, "cover_image")


class RelatedLinkInline(admin.TabularInline):
    model = RelatedLink
    extra = 1
    fields = ["title", "url", "order"]


class RelatedArticleInline(admin.TabularInline):
    model = RelatedArticle
    fk_name = "article"
    extra = 1
    autocomplete_fields = ["related"]
    fields = ["related", "order"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "related":
            # An author may pick published articles and their own, never someone else's draft:
            # the choices validate the POST, whatever the autocomplete offered.
            kwargs["queryset"] = Article.objects.pickable_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    can_delete = False
    fields = ["changed_at", "from_status", "to_status", "changed_by"]
    readonly_fields = fields
    classes = ["collapse"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return True


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    # Fits a 1366 px screen: the badge says scheduled/published/expired/draft/pending/sent back.
    list_display = [
        "title",
        "status_badge",
        "category_name",
        "author_name",
        "publish_time",
        "is_featured",
    ]
    list_filter = [
        "status",
        "category",
        AuthorListFilter,
        UnitListFilter,
        "is_featured",
        "publish_at",
    ]
    list_select_related = ["category__parent", "author__unit", "unit"]
    search_fields = ["title", "lead"]
    date_hierarchy = "publish_at"
    autocomplete_fields = ["author", "unit", "category", "extra_categories"]
    inlines = [
        RelatedLinkInline,
        RelatedArticleInline,
        StatusChangeInline,
        GalleryItemInline,
        ArticleDocumentInline,
    ]
    formfield_overrides = {
        CheckedImageField: cover_field_overrides()
    }  # the cover: upload or pick from the library
    actions = ["submit_for_review", "back_to_draft", "publish", "unpublish", "move_to_trash"]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["title", "slug", "lead", "body", "seen_version"]}),
        (
            _("Cover image"),
            {"fields": ["cover_image", "cover_alt", "cover_caption", "cover_credit"]},
        ),
        (
            _("Author and classification"),
            {"fields": ["author", "unit", "category", "extra_categories", "tags"]},
        ),
        (
            _("Publication"),
            {"fields": ["status", "review_note", "publish_at", "expire_at", "is_featured"]},
        ),
        (
            _("Record"),
            {
                "fields": ["created_at", "created_by", "updated_at", "updated_by"],
                "classes": ["collapse"],
            },
        ),
    ]

    class Media:
        js = [
            "js/admin_slug.js",
            "js/admin_tags.js",
            "js/admin_newsroom.js",
            "js/admin_vi.js",
            "js/editor_upload_errors.js",  # the editor's upload errors next to it, never an alert()
        ]
        css = {"all": ["css/admin_articles.css", "css/admin_newsroom.css"]}

    def get_queryset(self, request):
        queryset = super().get_queryset(request).filter(deleted_at__isnull=True)  # not the trash
        match = request.resolver_match
        if (
            match
            and match.url_name == "autocomplete"
            and request.GET.get("field_name") == "related"
        ):
            return queryset.pickable_by(request.user)  # choosing related articles
        if match and match.url_name == "articles_article_changelist":
            last = StatusChange.objects.filter(article=OuterRef("pk")).order_by(
                "-changed_at", "-id"
            )
            queryset = queryset.annotate(
                last_from=Subquery(last.values("from_status")[:1]),
                last_note=Subquery(last.values("note")[:1]),
            )
        return queryset.editable_by(request.user)

    def get_search_results(self, request, queryset, search_term):
        """Like the public search, tone marks do not matter ("dak lak" finds "Đắk Lắk"): whole words
        through the folded full-text index (title, lead, tags, body), or the exact text typed."""
        term = search_term.strip()[:200]
        if not term:
            return queryset, False
        from .search_index import CONFIG, fold_query_text

        words = SearchQuery(fold_query_text(term), search_type="plain", config=CONFIG)
        matches = Q(search_document=words) | Q(title__icontains=term) | Q(lead__icontains=term)
        return queryset.filter(matches), False

    @admin.display(description=_("author"), ordering="author__name")
    def author_name(self, obj):
        return obj.author.name

    @admin.display(description=_("primary category"), ordering="category__name")
    def category_name(self, obj):
        return obj.category.name

    @admin.display(description=_("publish at"), ordering="publish_at")
    def publish_time(self, obj):
        return (
            timezone.localtime(obj.publish_at).strftime("%d/%m/%Y %H:%M") if obj.publish_at else "—"
        )

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, obj):
        kind, label = badge(obj)
        note = getattr(obj, "last_note", "") if kind == "sent-back" else ""
        return format_html(
            '<span class="badge badge-{}">{}</span>{}<input type="hidden" name="v-{}" value="{}">',
            kind,
            label,
            format_html('<br><small class="review-note">{}</small>', note) if note else "",
            obj.pk,
            obj.version,
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.current_user = request.user
        return form

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Read-only (a submitted article, for its author): the body as it reads, not its HTML
        # source.
        form_only = {"seen_version", "review_note"}
        return [
            (
                name,
                {
                    **opts,
                    "fields": [
                        "body_html" if f == "body" else f
                        for f in opts["fields"]
                        if f not in form_only
                    ],
                },
            )
            for name, opts in fieldsets
        ]

    @admin.display(description=_("body"))
    def body_html(self, obj):
        return mark_safe(sanitize_html(obj.body))  # noqa: S308 - sanitized against the allowlist

    def get_readonly_fields(self, request, obj=None):
        readonly = ["created_at", "created_by", "updated_at", "updated_by"]
        if not workflow.can_publish(request.user):
            readonly += ["publish_at", "expire_at", "is_featured"]
        return readonly

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        profile = Author.objects.filter(user=request.user).first()
        if profile:
            initial.setdefault("author", profile.pk)
        return initial

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "author" and not workflow.can_publish(request.user):
            # An author writes under their own name, or types up a contributor without an account;
            # never under another staff member's byline (which would also hand them the article).
            kwargs["queryset"] = bylines_for(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not workflow.can_publish(request.user):
            allowed = workflow.allowed_statuses(request.user)
            kwargs["choices"] = [c for c in Article.Status.choices if c[0] in allowed]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or workflow.can_publish(request.user):
            return True
        # Authors: their own articles, only while they are drafts (a submitted text is frozen).
        return obj.status in workflow.AUTHOR_EDITABLE and self._is_own(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        # Deleting moves to the trash: editors only, and a published article is unpublished first.
        if not super().has_delete_permission(request, obj) or not workflow.can_publish(
            request.user
        ):
            return False
        return obj is None or workflow.may_trash(request.user, obj)

    def has_publish_permission(self, request):
        return workflow.can_publish(request.user)

    @staticmethod
    def _is_own(user, obj):
        return obj.created_by_id == user.pk or (obj.author_id and obj.author.user_id == user.pk)

    def save_related(self, request, form, formsets, change):
        if not workflow.can_publish(request.user) and "tags" in form.cleaned_data:
            adopt_hidden_tag_spellings(request.user, form.cleaned_data["tags"])
        super().save_related(request, form, formsets, change)
        revisions.record(form.instance, user=request.user)  # text, metadata and inlines, as saved

    def save_model(self, request, obj, form, change):
        previous = (
            Article.objects.filter(pk=obj.pk).values_list("status", flat=True).first()
            if change
            else ""
        )
        if not change:
            obj.created_by = request.user
        else:
            revisions.ensure_recorded(obj.pk)  # the state this edit replaces, if not yet kept
            obj.version = (form.locked_version or obj.version) + 1
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
        note = (form.cleaned_data.get("review_note") or "").strip()
        workflow.record_status_change(obj, from_status=previous, user=request.user, note=note)

    def construct_change_message(self, request, form, formsets, add=False):
        """The history's "changed …" names fields in Vietnamese (Django stores the English labels),
        and leaves out a body the editor only re-formatted (CKEditor rewrites its markup on
        load)."""
        message = super().construct_change_message(request, form, formsets, add)
        body_same = "body" in form.changed_data and sanitize_html(
            form.initial.get("body") or ""
        ) == sanitize_html(form.cleaned_data.get("body") or "")
        labels = {}
        for name in form.changed_data:
            with translation.override(None):
                english = str(form.fields[name].label or name)
            with translation.override(settings.LANGUAGE_CODE):
                labels[english] = (
                    None if (name == "body" and body_same) else str(form.fields[name].label or name)
                )
        for entry in message:
            if "changed" in entry and "object" not in entry["changed"]:
                fields = [labels.get(f, f) for f in entry["changed"].get("fields", [])]
                entry["changed"]["fields"] = [f for f in fields if f is not None]
        return [
            e
            for e in message
            if not ("changed" in e and "object" not in e["changed"] and not e["changed"]["fields"])
        ]

    def delete_model(self, request, obj):
        workflow.trash(obj, user=request.user)

    def get_deleted_objects(self, objs, request):
        # Nothing is deleted: the article goes to the trash with its history, restorable for 30
        # days.
        return [str(obj) for obj in objs], {}, set(), []

    def response_delete(self, request, obj_display, obj_id):
        self.message_user(
            request,
            gettext("“%(title)s” was moved to the trash; editors can restore it for %(days)d days.")
            % {"title": obj_display, "days": workflow.TRASH_DAYS},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:articles_article_changelist"))

    def view_on_site(self, obj):
        # Only a published article has a public address; drafts have the "Preview" button.
        return obj.get_absolute_url() if obj.is_published() else None

    @admin.action(description=_("Submit selected drafts for review"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        drafts = queryset.filter(status=Article.Status.DRAFT)
        self._set_status(request, drafts, Article.Status.PENDING)

    @admin.action(description=_("Take selected articles back to draft"), permissions=["change"])
    def back_to_draft(self, request, queryset):
        pending = queryset.filter(status=Article.Status.PENDING)
        self._set_status(request, pending, Article.Status.DRAFT)
        if workflow.can_publish(request.user) and pending.exclude(created_by=request.user).exists():
            # Sending someone's article back needs a reason for its author: that is done in its
            # form.
            self.message_user(
                request,
                gettext("Editors send articles back from the article's form, with a reason."),
                messages.INFO,
            )

    @admin.action(description=_("Publish selected articles"), permissions=["publish"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Article.Status.PUBLISHED)

    @admin.action(description=_("Unpublish selected articles"), permissions=["publish"])
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Article.Status.UNPUBLISHED)

    @admin.action(description=_("Move selected articles to the trash"), permissions=["delete"])
    def move_to_trash(self, request, queryset):
        seen, stale = self._seen_versions(request), []
        count = 0
        for article in queryset:
            if seen.get(article.pk, article.version) != article.version:
                stale.append(article)
            elif workflow.trash(article, user=request.user):
                count += 1
        self._report(request, count, stale)
        if count < len(queryset) - len(stale):
            self.message_user(
                request,
                gettext("Published articles must be unpublished before they are deleted."),
                messages.WARNING,
            )

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # replaced by move_to_trash
        return actions

    @staticmethod
    def _seen_versions(request) -> dict[int, int]:
        """The version of each article as the list showed it (hidden inputs next to the status)."""
        seen = {}
        for key, value in request.POST.items():
            if key.startswith("v-") and key[2:].isdigit() and value.isdigit():
                seen[int(key[2:])] = int(value)
        return seen

    def _set_status(self, request, queryset, status):
        stale = []
        count = workflow.set_status(
            queryset,
            status,
            user=request.user,
            seen_versions=self._seen_versions(request),
            stale=stale,
        )
        self._report(request, count, stale)

    def _report(self, request, count, stale=()):
        message = ngettext("%(count)d article changed.", "%(count)d articles changed.", count) % {
            "count": count
        }
        self.message_user(request, message, messages.SUCCESS if count else messages.WARNING)
        if stale:
            self.message_user(
                request,
                format_html(
                    "{} {}",
                    gettext(
                        "Changed by someone else since you opened the list, so left as they are:"
                    ),
                    format_html_join(", ", "“{}”", ((a.title,) for a in stale)),
                ),
                messages.ERROR,
            )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "tag-suggestions/",
                view(self.tag_suggestions),
                name="articles_article_tag_suggestions",
            ),
            path("trash/", view(self.trash_view), name="articles_article_trash"),
            path(
                "trash/<int:pk>/restore/",
                view(self.trash_restore_view),
                name="articles_article_trash_restore",
            ),
            path(
                "<int:pk>/revisions/", view(self.revisions_view), name="articles_article_revisions"
            ),
            path(
                "<int:pk>/revisions/<int:revision_pk>/restore/",
                view(self.revision_restore_view),
                name="articles_article_revision_restore",
            ),
            path("<int:pk>/presence/", view(self.presence_view), name="articles_article_presence"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        article = self.get_object(request, object_id)
        if article is not None and self.has_view_or_change_permission(request, article):
            presence.touch(article.pk, request.user)
            extra_context["others_editing"] = presence.others(article.pk, request.user)
            extra_context["review"] = (
                article.status_changes.exclude(note="").select_related("changed_by").first()
            )
            extra_context["sent_back"] = (
                extra_context["review"] is not None
                and article.status == Article.Status.DRAFT
                and extra_context["review"].to_status == Article.Status.DRAFT
            )
            extra_context["revision_count"] = article.revisions.count()
        return super().change_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # A browser cannot give a chosen file back to a form: after an error, say which to choose
        # again.
        if request.method == "POST" and request.FILES and context.get("errors"):
            context["repick"] = [f.name for f in request.FILES.values()]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _article_or_404(self, request, pk, *, change=False):
        article = get_object_or_404(self.get_queryset(request), pk=pk)
        allowed = (
            self.has_change_permission(request, article)
            if change
            else self.has_view_or_change_permission(request, article)
        )
        if not allowed:
            raise PermissionDenied
        return article

    def presence_view(self, request, pk):
        """Renewed by the open form every 30 s: who else has this article open (JSON)."""
        article = self._article_or_404(request, pk)
        if request.method == "POST":
            presence.touch(article.pk, request.user)
        return JsonResponse(
            {"others": presence.others(article.pk, request.user), "version": article.version}
        )

    def revisions_view(self, request, pk):
        """The article's revisions; with ?a=&b= (version numbers) two of them side by side."""
        article = self._article_or_404(request, pk)
        history = list(article.revisions.select_related("created_by__author_profile"))
        by_version = {r.version: r for r in history}
        rows = older = newer = None
        if request.GET.get("a") and request.GET.get("b"):
            try:
                older, newer = sorted(
                    [by_version[int(request.GET["a"])], by_version[int(request.GET["b"])]],
                    key=lambda r: r.version,
                )
            except (KeyError, ValueError):
                raise Http404 from None
            rows = revisions.compare(older, newer)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Revisions of “%(title)s”") % {"title": article.title},
            "article": article,
            "history": [
                (r, presence.display_name(r.created_by), revisions.display(r.data, "status"))
                for r in history
            ],
            "rows": rows,
            "older": older,
            "newer": newer,
            "can_restore": self.has_change_permission(request, article),
        }
        return TemplateResponse(request, "admin/articles/article/revisions.html", context)

    def revision_restore_view(self, request, pk, revision_pk):
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:articles_article_revisions", args=[pk]))
        article = self._article_or_404(request, pk, change=True)
        revision = get_object_or_404(Revision, pk=revision_pk, article=article)
        article = revisions.restore(article, revision, user=request.user)
        self.message_user(
            request,
            gettext("Version %(old)s restored as the new version %(new)s.")
            % {"old": revision.version, "new": article.version},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def trash_view(self, request):
        if not workflow.can_publish(request.user):
            raise PermissionDenied
        trashed = (
            Article.objects.filter(deleted_at__isnull=False)
            .select_related("deleted_by__author_profile")
            .order_by("-deleted_at")
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Trash"),
            "trashed": [
                (
                    a,
                    presence.display_name(a.deleted_by),
                    a.deleted_at + timedelta(days=workflow.TRASH_DAYS),
                )
                for a in trashed
            ],
            "days": workflow.TRASH_DAYS,
        }
        return TemplateResponse(request, "admin/articles/article/trash.html", context)

    def trash_restore_view(self, request, pk):
        if not workflow.can_publish(request.user):
            raise PermissionDenied
        if request.method == "POST":
            article = get_object_or_404(Article, pk=pk, deleted_at__isnull=False)
            if workflow.restore_from_trash(article, user=request.user):
                self.message_user(
                    request,
                    gettext("“%(title)s” is back from the trash.") % {"title": article.title},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse("admin:articles_article_change", args=[article.pk])
                )
        return HttpResponseRedirect(reverse("admin:articles_article_trash"))

    def tag_suggestions(self, request):
        """Names of existing tags starting with (or containing) ?q=, for the tag field's
        suggestions."""
        if not self.has_view_or_change_permission(request):
            return JsonResponse({"error": str(_("Permission denied."))}, status=403)
        term = request.GET.get("q", "").strip()[:50]
        tags = visible_tags(request.user)
        if term:
            tags = tags.filter(name__icontains=term)
        return JsonResponse(
            {"results": list(tags.order_by("name").values_list("name", flat=True)[:20])}
        )


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active", "parent"]
    list_select_related = ["parent"]
    search_fields = ["name", "slug"]

    class Media:
        js = ["js/admin_slug.js"]

    autocomplete_fields = ["parent"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "website"]
    search_fields = ["name"]

    class Media:
        js = ["js/admin_slug.js"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "staff_account"]
    list_filter = ["unit"]
    list_select_related = ["unit", "user"]

    @admin.display(description=_("staff account"), ordering="user__last_name")
    def staff_account(self, obj):
        if obj.user is None:
            return "—"
        full = " ".join(
            part for part in (obj.user.last_name, obj.user.first_name) if part
        )  # Vietnamese order
        return f"{full} ({obj.user.get_username()})" if full else obj.user.get_username()

    search_fields = ["name", "unit__name"]
    autocomplete_fields = ["unit", "user"]

    class Media:
        js = ["js/admin_slug.js"]

    def get_autocomplete_fields(self, request):
        # The staff-account picker would need permission on user accounts, which editors do not have
        # (it answered 403): they get a list of staff accounts instead (formfield_for_foreignkey).
        if request.user.has_perm("auth.view_user"):
            return self.autocomplete_fields
        return [name for name in self.autocomplete_fields if name != "user"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user" and not request.user.has_perm("auth.view_user"):
            kwargs["queryset"] = (
                get_user_model()
                .objects.filter(is_staff=True, is_active=True)
                .order_by("last_name", "first_name", "username")
            )
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            field.label_from_instance = lambda user: (
                f"{presence.display_name(user)} ({user.get_username()})"
            )
            return field
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        match = request.resolver_match
        if match and match.url_name == "autocomplete" and request.GET.get("field_name") == "author":
            return queryset.filter(
                pk__in=bylines_for(request.user).values("pk")
            )  # an article's byline
        return queryset


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]

    def get_list_display(self, request):
        # A numbered slug ("bi-mat-1") would tell an author that a hidden tag took the plain one.
        return self.list_display if workflow.can_publish(request.user) else ["name"]

    def get_exclude(self, request, obj=None):
        return None if workflow.can_publish(request.user) else ["slug"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if workflow.can_publish(request.user):
            return queryset
        return queryset.filter(pk__in=visible_tags(request.user).values("pk"))

    class Media:
        js = ["js/admin_slug.js"]


@admin.register(WebsiteLink)
class WebsiteLinkAdmin(admin.ModelAdmin):
    list_display = ["title", "link", "order", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["title", "url"]

    @admin.display(description=_("address"))
    def link(self, obj):
        return format_html('<a href="{}" rel="noopener">{}</a>', obj.url, obj.url)


def badge(article) -> tuple[str, str]:
    """The status as the newsroom reads it: (css class, label)."""
    now = timezone.now()
    if article.status == Article.Status.PUBLISHED:
        if article.publish_at and article.publish_at > now:
            return "scheduled", gettext("Scheduled")
        if article.expire_at and article.expire_at <= now:
            return "expired", gettext("Expired")
        return "published", gettext("Published")
    if (
        article.status == Article.Status.DRAFT
        and getattr(article, "last_from", None) == Article.Status.PENDING
    ):
        if getattr(article, "last_note", ""):
            return "sent-back", gettext("Sent back")
    return article.status, str(article.get_status_display())
