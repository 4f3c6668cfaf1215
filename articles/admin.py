from django import forms
from django.contrib import admin, messages
from django.db.models import Q
from django.http import JsonResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from taggit.models import Tag as TaggitTag

from . import imagecheck, workflow
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
        Q(tagged_articles__content_object__in=published) | Q(tagged_articles__content_object__in=own)
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


class ArticleAdminForm(forms.ModelForm):
    current_user = None  # set per request by ArticleAdmin.get_form

    class Meta:
        model = Article
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "tags" in self.fields:
            self.fields["tags"].help_text = _("Separate tags with commas; existing tags are suggested as you type.")

    def clean_status(self):
        status = self.cleaned_data["status"]
        unchanged = self.instance.pk is not None and status == self.instance.status
        if not unchanged and status not in workflow.allowed_statuses(self.current_user):
            raise forms.ValidationError(
                _("You may not publish or unpublish articles. Choose “Pending review” to send it to an editor."),
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
    list_display = ["title", "status", "category", "author_name", "unit", "publish_at", "is_featured", "is_published"]
    list_filter = ["status", "category", "author", "unit", "is_featured", "publish_at"]
    list_select_related = ["category__parent", "author__unit", "unit"]
    search_fields = ["title", "lead"]
    date_hierarchy = "publish_at"
    autocomplete_fields = ["author", "unit", "category", "extra_categories"]
    inlines = [RelatedLinkInline, RelatedArticleInline, StatusChangeInline]
    actions = ["submit_for_review", "back_to_draft", "publish", "unpublish"]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["title", "slug", "lead", "body"]}),
        (_("Cover image"), {"fields": ["cover_image", "cover_alt", "cover_caption", "cover_credit"]}),
        (_("Author and classification"), {"fields": ["author", "unit", "category", "extra_categories", "tags"]}),
        (_("Publication"), {"fields": ["status", "publish_at", "expire_at", "is_featured"]}),
        (
            _("Record"),
            {"fields": ["created_at", "created_by", "updated_at", "updated_by"], "classes": ["collapse"]},
        ),
    ]

    class Media:
        js = ["js/admin_slug.js", "js/admin_tags.js"]
        css = {"all": ["css/admin_articles.css"]}

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        match = request.resolver_match
        if match and match.url_name == "autocomplete" and request.GET.get("field_name") == "related":
            return queryset.pickable_by(request.user)  # choosing related articles
        return queryset.editable_by(request.user)

    @admin.display(description=_("author"), ordering="author__name")
    def author_name(self, obj):
        return obj.author.name

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.current_user = request.user
        return form

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
        if not super().has_delete_permission(request, obj):
            return False
        if obj is None or workflow.can_publish(request.user):
            return True
        return obj.status == Article.Status.DRAFT and self._is_own(request.user, obj)

    def has_publish_permission(self, request):
        return workflow.can_publish(request.user)

    @staticmethod
    def _is_own(user, obj):
        return obj.created_by_id == user.pk or (obj.author_id and obj.author.user_id == user.pk)

    def save_related(self, request, form, formsets, change):
        if not workflow.can_publish(request.user) and "tags" in form.cleaned_data:
            adopt_hidden_tag_spellings(request.user, form.cleaned_data["tags"])
        super().save_related(request, form, formsets, change)

    def save_model(self, request, obj, form, change):
        previous = Article.objects.filter(pk=obj.pk).values_list("status", flat=True).first() if change else ""
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
        workflow.record_status_change(obj, from_status=previous, user=request.user)

    def view_on_site(self, obj):
        # Only a published article has a public address; drafts have the "Preview" button.
        return obj.get_absolute_url() if obj.is_published() else None

    @admin.action(description=_("Submit selected drafts for review"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        drafts = queryset.filter(status=Article.Status.DRAFT)
        self._report(request, workflow.set_status(drafts, Article.Status.PENDING, user=request.user))

    @admin.action(description=_("Take selected articles back to draft"), permissions=["change"])
    def back_to_draft(self, request, queryset):
        pending = queryset.filter(status=Article.Status.PENDING)
        self._report(request, workflow.set_status(pending, Article.Status.DRAFT, user=request.user))

    @admin.action(description=_("Publish selected articles"), permissions=["publish"])
    def publish(self, request, queryset):
        self._report(request, workflow.set_status(queryset, Article.Status.PUBLISHED, user=request.user))

    @admin.action(description=_("Unpublish selected articles"), permissions=["publish"])
    def unpublish(self, request, queryset):
        self._report(request, workflow.set_status(queryset, Article.Status.UNPUBLISHED, user=request.user))

    def _report(self, request, count):
        message = ngettext("%(count)d article changed.", "%(count)d articles changed.", count) % {"count": count}
        self.message_user(request, message, messages.SUCCESS if count else messages.WARNING)

    def get_urls(self):
        return [
            path(
                "tag-suggestions/",
                self.admin_site.admin_view(self.tag_suggestions),
                name="articles_article_tag_suggestions",
            ),
            *super().get_urls(),
        ]

    def tag_suggestions(self, request):
        """Names of existing tags starting with (or containing) ?q=, for the tag field's suggestions."""
        if not self.has_view_or_change_permission(request):
            return JsonResponse({"error": str(_("Permission denied."))}, status=403)
        term = request.GET.get("q", "").strip()[:50]
        tags = visible_tags(request.user)
        if term:
            tags = tags.filter(name__icontains=term)
        return JsonResponse({"results": list(tags.order_by("name").values_list("name", flat=True)[:20])})


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
    list_display = ["name", "unit", "user"]
    list_filter = ["unit"]
    list_select_related = ["unit", "user"]
    search_fields = ["name", "unit__name"]
    autocomplete_fields = ["unit", "user"]

    class Media:
        js = ["js/admin_slug.js"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        match = request.resolver_match
        if match and match.url_name == "autocomplete" and request.GET.get("field_name") == "author":
            return queryset.filter(pk__in=bylines_for(request.user).values("pk"))  # an article's byline
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
