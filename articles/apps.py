from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Content")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Signal handlers, connected however the models are changed (admin, shell, commands).
        from portal import caching

        from . import related, widgets  # noqa: F401
        from .models import (
            Article,
            Author,
            Category,
            RelatedArticle,
            RelatedLink,
            Tag,
            TaggedArticle,
            Unit,
            WebsiteLink,
        )

        # Every change readers can see starts a new content generation (fresh pages and blocks).
        caching.invalidate_on(Article, upcoming=Article.upcoming_changes)
        caching.invalidate_on(
            Category, Tag, TaggedArticle, Author, Unit, WebsiteLink, RelatedArticle, RelatedLink
        )
        caching.on_schedule(Article.objects.next_scheduled_change)
        # The blocks nearly every reader page shows, read in one round trip with the first one.
        caching.read_together(widgets.common_blocks)
