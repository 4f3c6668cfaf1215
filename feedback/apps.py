from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Reader feedback")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal import caching

        from .models import Feedback

        # Approved feedback shows under its article: saving or deleting an item that is, or was,
        # approved changes that page (moderation.set_status/set_answer, which use update(), say so
        # themselves).
        def shown(instance, **kwargs):
            approved = Feedback.Status.APPROVED
            return approved in (instance.status, getattr(instance, "_stored_status", None))

        caching.invalidate_on(Feedback, when=shown)
