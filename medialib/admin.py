from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from . import views
from .forms import DocumentForm, ImageForm
from .models import ArticleDocument, Document, GalleryItem, Image


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = [
        "thumbnail",
        "alt",
        "caption",
        "credit",
        "dimensions",
        "file_size",
        "uploaded_by",
        "uploaded_at",
    ]
    list_display_links = ["thumbnail", "alt"]
    search_fields = ["search_text"]  # folded: see get_search_results
    readonly_fields = [
        "preview",
        "dimensions",
        "file_size",
        "uploaded_by",
        "uploaded_at",
        "used_in",
    ]
    fields = [
        "file",
        "preview",
        "alt",
        "caption",
        "credit",
        "dimensions",
        "file_size",
        "uploaded_by",
        "uploaded_at",
        "used_in",
    ]
    list_per_page = 40
    change_list_template = "media/image_change_list.html"  # adds "Upload several images"

    @admin.display(description=_("image"))
    def thumbnail(self, image):
        if not image.file:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="96" loading="lazy" class="library-thumb">', image.file.url
        )

    @admin.display(description=_("preview"))
    def preview(self, image):
        if not image.pk or not image.file:
            return "—"
        return format_html(
            '<img src="{}" alt="{}" style="max-width:480px;height:auto">', image.file.url, image.alt
        )

    @admin.display(description=_("dimensions"))
    def dimensions(self, image):
        return f"{image.width}×{image.height}" if image.width and image.height else "—"

    @admin.display(description=_("size"), ordering="size")
    def file_size(self, image):
        return filesizeformat(image.size) if image.size else "—"

    @admin.display(description=_("used in"))
    def used_in(self, image):
        if not image.pk:
            return "—"
        articles = list(image.used_by()[:50])
        if not articles:
            return _("No article uses this image.")
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a></li>',
                (
                    (reverse("admin:articles_article_change", args=[a.pk]), a.title)
                    for a in articles
                ),
            ),
        )

    def get_search_results(self, request, queryset, search_term):
        """Caption, credit, alt text, file name; "nguyen van a" finds "Nguyễn Văn A"."""
        return queryset.search(search_term), False

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    def get_deleted_objects(self, objs, request):
        """An image that articles use is not deleted: the page lists those articles instead."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        for image in objs:
            for article in image.used_by():
                protected.append(
                    format_html(
                        '{}: <a href="{}">{}</a>',
                        _("Used by the article"),
                        reverse("admin:articles_article_change", args=[article.pk]),
                        article.title,
                    )
                )
        return deleted, counts, perms_needed, protected

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("upload/", wrap(self.upload_view), name="media_image_upload"),
            path("upload/file/", wrap(views.upload_image), name="media_image_upload_file"),
            path("pick/", wrap(views.pick), name="media_image_pick"),
            *super().get_urls(),
        ]

    def upload_view(self, request):
        """Several images at once, each sent on its own with its progress and its errors."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Upload images to the library"),
            "max_bytes": settings.MEDIA_IMAGE_MAX_MB * 1024 * 1024,
            "max_mb": settings.MEDIA_IMAGE_MAX_MB,
        }
        return TemplateResponse(request, "media/upload.html", context)


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    form = DocumentForm
    list_display = ["title", "kind", "file_size", "attached", "uploaded_by", "uploaded_at"]
    list_filter = ["kind"]
    search_fields = ["search_text"]  # folded: see get_search_results
    readonly_fields = ["kind", "file_size", "original_name", "uploaded_by", "uploaded_at"]

    def get_queryset(self, request):
        # an aggregate drops the model's ordering: say it again (paginated lists, autocomplete)
        return (
            super()
            .get_queryset(request)
            .annotate(attached_count=Count("attachments"))
            .order_by("-uploaded_at", "-id")
        )

    def get_search_results(self, request, queryset, search_term):
        """Titles, tone marks ignored ("quy hoach" finds "quy hoạch"), also when attaching."""
        return queryset.search(search_term), False

    @admin.display(description=_("size"), ordering="size")
    def file_size(self, document):
        return filesizeformat(document.size)

    @admin.display(description=_("articles"), ordering="attached_count")
    def attached(self, document):
        return document.attached_count

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)


class ArticleDocumentInline(admin.TabularInline):
    """Documents attached to the article (ArticleAdmin.inlines), in order."""

    model = ArticleDocument
    extra = 0
    fields = ["document", "position"]
    autocomplete_fields = ["document"]


class GalleryItemInline(admin.TabularInline):
    """The article's photo gallery (ArticleAdmin.inlines): library images, in order."""

    model = GalleryItem
    extra = 0
    fields = ["image", "thumbnail", "caption", "position"]
    readonly_fields = ["thumbnail"]
    autocomplete_fields = ["image"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("image")

    @admin.display(description=_("preview"))
    def thumbnail(self, item):
        if not item.pk or not item.image.file:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="96" loading="lazy" class="library-thumb">',
            item.image.file.url,
        )
