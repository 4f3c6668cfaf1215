from django.conf import settings
from django.core.management.base import BaseCommand

from feedback import moderation


class Command(BaseCommand):
    help = (
        "Erase senders' e-mail, phone and address from feedback older than "
        "FEEDBACK_RETENTION_DAYS (rejected and spam: FEEDBACK_REJECTED_RETENTION_DAYS). "
        "Messages and statistics stay. Run daily."
    )

    def handle(self, *args, **options):
        count = moderation.apply_retention()
        self.stdout.write(
            f"Erased senders' details from {count} feedback item(s) "
            f"(older than {settings.FEEDBACK_RETENTION_DAYS} days; rejected/spam older than "
            f"{settings.FEEDBACK_REJECTED_RETENTION_DAYS} days)."
        )
