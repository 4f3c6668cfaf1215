"""The media library: images (covers, inline pictures, galleries) and documents, and the articles
that use them. Every relation to an article lives here, so the articles app needs no migration."""

from pathlib import PurePath

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.db import models
from django.db.models import OuterRef, Q, Value
from django.db.models.functions import Coalesce, JSONObject, NullIf
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.imagecheck import CheckedImageField
from portal.text import fold, slugify_vi

from . import documents


class ImageInUse(Exception):
    """An image that articles still use cannot be deleted; `articles` says which."""

    def __init__(self, image, articles):
        super().__init__(f"{image} is used by {len(articles)} article(s)")
        self.image, self.articles = image, articles


def _folded(*parts: str) -> str:
    return fold(" ".join(p for p in parts if p)).lower()


class LibraryQuerySet(models.QuerySet):
    def search(self, text: str):
        """Items whose search text (LibraryItem.search_text) contains every word, tone marks
        ignored."""
        queryset = self
        for word in _folded(text).split()[:10]:
            queryset = queryset.filter(search_text__contains=word)
        return queryset


class LibraryItem(models.Model):
    """What images and documents of the library share: who uploaded them, when, and the folded
    text that staff search matches (filled by each model's save)."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    search_text = models.TextField(editable=False, default="")

    objects = LibraryQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-uploaded_at", "-id"]


class Image(LibraryItem):
    file = CheckedImageField(
        _("file"),
        upload_to="library/%Y/%m/",
        width_field="width",
        height_field="height",
        help_text=_(
            "JPEG, PNG, GIF or WebP; stored re-encoded, without metadata, and at most the "
            "library's size."
        ),
    )
    width = models.PositiveIntegerField(_("width"), null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True, editable=False)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0, editable=False)
    alt = models.CharField(
        _("alt text"),
        max_length=255,
        help_text=_("Describes the image for readers who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    credit = models.CharField(
        _("credit"), max_length=200, blank=True, help_text=_("e.g. Photo: Nguyễn Văn A")
    )
    # search_text (LibraryItem): caption, credit, alt text and file name without tone marks.

    class Meta(LibraryItem.Meta):
        verbose_name = _("library image")
        verbose_name_plural = _("library images")

    def __str__(self):
        return self.caption or self.alt or PurePath(self.file.name or "").name

    def save(self, *args, **kwargs):
        self.search_text = _folded(
            self.caption, self.credit, self.alt, PurePath(self.file.name or "").name
        )
        super().save(*args, **kwargs)  # the file is stored first: its size is known after
        try:
            size = self.file.size if self.file else 0
        except OSError:
            size = 0
        if size != self.size:
            self.size = size
            type(self).objects.filter(pk=self.pk).update(size=size)

    def delete(self, *args, **kwargs):
        articles = list(self.used_by())
        if articles:
            raise ImageInUse(self, articles)
        return super().delete(*args, **kwargs)

    def used_by(self):
        """The articles that use this image: as cover, in the body, or in the gallery."""
        from articles.models import Article

        if not self.file.name:
            return Article.objects.none()
        return (
            Article.objects.filter(
                Q(cover_image=self.file.name)
                | Q(body__contains=self.file.name)
                | Q(gallery_items__image=self)
            )
            .distinct()
            .only("id", "title", "status")
            .order_by("-id")
        )


def _document_path(instance, filename: str) -> str:
    return documents.stored_name(instance.kind)


class Document(LibraryItem):
    title = models.CharField(
        _("title"),
        max_length=300,
        help_text=_("What readers see, e.g. the decision's number and subject."),
    )
    # Stored under a generated name (documents/YYYY/MM/<random>.<type>), never the uploader's.
    file = models.FileField(_("file"), max_length=200, upload_to=_document_path)
    kind = models.CharField(_("type"), max_length=8, choices=documents.CHOICES, editable=False)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0, editable=False)
    original_name = models.CharField(
        _("original file name"), max_length=255, blank=True, editable=False
    )
    # search_text (LibraryItem): the title without tone marks.

    class Meta(LibraryItem.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            # Whatever the way a file arrives (admin, shell, import), it is judged by its content.
            upload = self.file.file
            self.kind = documents.check_document(upload)
            self.size = upload.size
            self.original_name = PurePath(self.file.name or "").name[-255:]
        self.search_text = _folded(self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("media:document", kwargs={"pk": self.pk, "name": self.download_name})

    @property
    def download_name(self) -> str:
        kind = documents.KINDS.get(self.kind)
        return f"{slugify_vi(self.title, 80) or 'tai-lieu'}.{kind.extension if kind else 'bin'}"

    @property
    def kind_label(self) -> str:
        kind = documents.KINDS.get(self.kind)
        return kind.label if kind else self.kind

    @property
    def content_type(self) -> str:
        kind = documents.KINDS.get(self.kind)
        return kind.content_type if kind else "application/octet-stream"


class ArticleDocument(models.Model):
    """A document attached to an article, in the editor's order."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="attachments"
    )
    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.PROTECT, related_name="attachments"
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "document"], name="article_document_once")
        ]
        verbose_name = _("attached document")
        verbose_name_plural = _("attached documents")

    def __str__(self):
        return str(self.document)


class GalleryItem(models.Model):
    """One picture of an article's photo gallery, in the editor's order."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="gallery_items"
    )
    image = models.ForeignKey(
        Image, verbose_name=_("image"), on_delete=models.PROTECT, related_name="gallery_items"
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    caption = models.CharField(
        _("caption"),
        max_length=500,
        blank=True,
        help_text=_("Leave empty to use the library's caption."),
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("gallery image")
        verbose_name_plural = _("photo gallery")

    def __str__(self):
        return self.shown_caption or str(self.image)

    @property
    def shown_caption(self) -> str:
        return self.caption or self.image.caption


def article_media() -> dict:
    """Annotations for the article page: its documents and its gallery as JSON arrays, read by the
    article's own query (two index lookups by article), so the page costs no query more whatever
    their number. Read them with documents_of() and gallery_of()."""
    attached = (
        ArticleDocument.objects.filter(article=OuterRef("pk"))
        .order_by("position", "id")
        .values(
            row=JSONObject(
                id="document_id",
                title="document__title",
                kind="document__kind",
                size="document__size",
            )
        )
    )
    gallery = (
        GalleryItem.objects.filter(article=OuterRef("pk"))
        .order_by("position", "id")
        .values(
            row=JSONObject(
                id="image_id",
                file="image__file",
                width="image__width",
                height="image__height",
                alt="image__alt",
                caption=Coalesce(NullIf("caption", Value("")), "image__caption"),
                credit="image__credit",
            )
        )
    )
    return {"media_documents": ArraySubquery(attached), "media_gallery": ArraySubquery(gallery)}


def documents_of(article) -> list[Document]:
    """The article's attached documents in order (from article_media() when annotated)."""
    rows = getattr(article, "media_documents", None)
    if rows is None:
        return [
            item.document
            for item in ArticleDocument.objects.filter(article=article).select_related("document")
        ]
    return [
        Document(pk=r["id"], title=r["title"], kind=r["kind"], size=r["size"] or 0) for r in rows
    ]


def gallery_of(article) -> list[Image]:
    """The article's gallery images in order, each with the caption to show (the item's or the
    library's) as `caption` (from article_media() when annotated)."""
    cached = getattr(article, "_gallery_cache", None)
    if cached is not None:
        return cached
    rows = getattr(article, "media_gallery", None)
    if rows is None:
        items = GalleryItem.objects.filter(article=article).select_related("image")
        rows = [
            {
                "id": i.image_id,
                "file": i.image.file.name,
                "width": i.image.width,
                "height": i.image.height,
                "alt": i.image.alt,
                "caption": i.shown_caption,
                "credit": i.image.credit,
            }
            for i in items
        ]
    images = [
        Image(
            pk=r["id"],
            file=r["file"],
            width=r["width"],
            height=r["height"],
            alt=r["alt"] or "",
            caption=r["caption"] or "",
            credit=r["credit"] or "",
        )
        for r in rows
    ]
    article._gallery_cache = images
    return images


def attachment_titles(article):
    """The titles of the documents attached to `article`, a query (it goes into its search
    document, in the same query as its tags: articles.search_index.update_search_document)."""
    if article.pk is None:
        return Document.objects.none().values_list("title", flat=True)
    return (
        Document.objects.filter(attachments__article_id=article.pk)
        .order_by()
        .values_list("title", flat=True)
    )
