"""Add every buffered view to the articles' totals and days now (articles/viewbuffer.py).

Beacons already do it every VIEW_FLUSH_SECONDS; run this from a systemd timer as well (e.g. every
minute), so that the last views before a quiet night are not left in the buffer, and in tests and
benchmarks. Waits for a flush running elsewhere to end, then flushes."""

from django.core.management.base import BaseCommand

from articles import viewbuffer


class Command(BaseCommand):
    help = (
        "Add the buffered views (Redis and the pending-views table) to the articles' totals and "
        "days now."
    )

    def handle(self, *args, **options):
        result = viewbuffer.flush(wait=True)
        message = (
            f"{result.views:,} view(s) added to {result.articles:,} article(s)"
            f" ({result.batches} Redis batch(es); {result.dropped:,} view(s) of deleted articles"
            " dropped"
            f"; {result.stale_batches} batch(es) already applied, deleted)."
        )
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS(message))
