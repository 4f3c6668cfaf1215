"""An article's search document includes its attachments' titles: keep it right when they change."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import ArticleDocument, Document


def _reindex(article_ids) -> None:
    from articles.models import Article
    from articles.search_index import update_search_document

    for article in Article.objects.filter(pk__in=list(article_ids)).only("title", "lead", "body"):
        update_search_document(article)


@receiver(post_save, sender=ArticleDocument)
@receiver(post_delete, sender=ArticleDocument)
def _attachment_changed(sender, instance, **kwargs):
    _reindex([instance.article_id])


@receiver(post_save, sender=Document)
def _document_renamed(sender, instance, created, **kwargs):
    if not created:
        _reindex(instance.attachments.values_list("article_id", flat=True))


def _record_cover(sender, instance, update_fields=None, **kwargs):
    """Every image is a library record: a cover uploaded in the article form (or an import) gets
    one, pointing at the same file (no copy), with the cover's alt text, caption and credit."""
    name = instance.cover_image.name if instance.cover_image else ""
    if not name or (update_fields is not None and "cover_image" not in update_fields):
        return
    from .models import Image

    if Image.objects.filter(file=name).exists():
        return
    image = Image(
        file=name,
        alt=instance.cover_alt,
        caption=instance.cover_caption,
        credit=instance.cover_credit,
        width=instance.cover_width,
        height=instance.cover_height,
        uploaded_by_id=instance.updated_by_id or instance.created_by_id,
    )
    image.save()


def connect_article_signals():
    from articles.models import Article

    post_save.connect(_record_cover, sender=Article, dispatch_uid="medialib_record_cover")


connect_article_signals()
