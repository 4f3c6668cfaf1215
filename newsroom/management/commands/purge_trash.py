from django.core.management.base import BaseCommand

from articles import workflow


class Command(BaseCommand):
    help = "Delete for good the articles that have been in the trash for more than 30 days."

    def handle(self, *args, **options):
        purged = workflow.purge_trash()
        self.stdout.write(f"{purged} article(s) purged from the trash.")
