from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Content")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Signal handlers, connected however the models are changed (admin, shell, commands).
        from . import related, widgets  # noqa: F401
