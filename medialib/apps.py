from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    # The package is `medialib`: `media/` is the default MEDIA_ROOT (uploaded files, git-ignored).
    name = "medialib"
    label = "media"
    verbose_name = _("Media library")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal import caching

        from . import signals  # noqa: F401  (search documents follow the attachments)
        from .models import ArticleDocument, Document, GalleryItem, Image

        # Attachments, galleries and the texts of their images and documents show on article pages.
        caching.invalidate_on(ArticleDocument, GalleryItem, Document, Image)
