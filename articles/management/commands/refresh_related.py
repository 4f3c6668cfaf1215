"""Rank "Có thể bạn quan tâm" again for every article (or those never ranked), in batches."""

import time

from django.core.management.base import BaseCommand

from articles import related
from articles.models import Article


class Command(BaseCommand):
    help = (
        "Rank the related articles (“Có thể bạn quan tâm”) of every article again, e.g. after an "
        "import that bypassed save(), or with --missing only of those never ranked."
    )

    def add_arguments(self, parser):
        parser.add_argument("--missing", action="store_true", help="only articles never ranked")
        parser.add_argument("--batch", type=int, default=1000, help="articles ranked per statement")

    def handle(self, *args, missing=False, batch=1000, **options):
        articles = Article.objects.order_by("-pk")
        if missing:
            articles = articles.filter(related_ids__isnull=True)
        ids = list(articles.values_list("pk", flat=True))
        started = time.monotonic()
        for start in range(0, len(ids), batch):
            related.refresh(ids[start : start + batch])  # each batch commits on its own
            if start and start % (batch * 10) == 0:
                self.stdout.write(f"{start:,} articles…")
        self.stdout.write(
            self.style.SUCCESS(
                f"Related articles ranked for {len(ids):,} articles in "
                f"{time.monotonic() - started:.1f} s."
            )
        )
