"""Recompute every article's search columns, e.g. after a bulk import that bypassed save()."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q

from articles.models import Article
from articles.search_index import update_search_document


class Command(BaseCommand):
    help = (
        "Recompute the search columns of every article (folded document, its title/lead part, "
        "and the unfolded title/lead used for exact-word ranking), or only of those missing one."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing",
            action="store_true",
            help="only articles with a search column not filled yet",
        )

    def handle(self, *args, missing=False, **options):
        articles = Article.objects.only("title", "lead", "body").order_by("pk")
        if missing:
            articles = articles.filter(
                Q(search_document__isnull=True)
                | Q(search_head__isnull=True)
                | Q(search_exact__isnull=True)
            )
        done = 0
        for article in articles.iterator(chunk_size=500):
            with transaction.atomic():
                update_search_document(article)
            done += 1
            if done % 1000 == 0:
                self.stdout.write(f"{done} articles…")
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt for {done} articles."))
