from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import caching
        from .models import SiteSettings

        # The site settings shape every reader page (name, colours, footer, block sizes).
        caching.invalidate_on(SiteSettings)
