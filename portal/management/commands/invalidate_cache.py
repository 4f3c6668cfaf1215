from django.core.management.base import BaseCommand

from portal import caching


class Command(BaseCommand):
    help = (
        "Make every cached reader page and block fresh (a new content generation). Saving through "
        "the admin, the ORM or a command does this by itself; run it after a QuerySet.update() or "
        "SQL written by hand."
    )

    def handle(self, *args, **options):
        caching.invalidate(recompute=True)
        self.stdout.write("Reader pages and blocks will be rendered afresh.")
