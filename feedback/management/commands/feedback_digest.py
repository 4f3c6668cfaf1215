from django.core.management.base import BaseCommand

from feedback import notifications


class Command(BaseCommand):
    help = "E-mail the moderators one digest of the feedback they have not been told about yet."

    def handle(self, *args, **options):
        count = notifications.send_digest()
        self.stdout.write(
            f"Digest sent for {count} feedback item(s)." if count else "Nothing new to send."
        )
