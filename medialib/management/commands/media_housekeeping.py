"""List (and with --delete remove) media files that nothing uses, and records whose file is gone."""

import re
from datetime import timedelta

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.utils import timezone

from articles.models import Article
from medialib.models import Document, Image
from portal.models import SiteSettings

# Folders of uploaded files; renditions (CACHE/) are remade on demand and are not listed.
FOLDERS = ("library", "documents", "uploads", "covers", "site")
_MEDIA_REFERENCE = re.compile(r"(?:library|uploads|covers)/[^\"'\s<>?#]+")


def stored_files(storage, folder: str):
    try:
        directories, files = storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in files:
        yield f"{folder}/{name}"
    for directory in directories:
        yield from stored_files(storage, f"{folder}/{directory}")


def used_names() -> set[str]:
    """Every file name a record points to: library images, documents, covers, the site logo, and
    the images that article bodies show (read once, article by article)."""
    used = set(Image.objects.values_list("file", flat=True))
    used |= set(Document.objects.values_list("file", flat=True))
    used |= set(SiteSettings.objects.exclude(logo="").values_list("logo", flat=True))
    for body, cover in Article.objects.values_list("body", "cover_image").iterator(chunk_size=500):
        if cover:
            used.add(cover)
        used.update(_MEDIA_REFERENCE.findall(body or ""))
    return used


class Command(BaseCommand):
    help = (
        "List media files that no record uses (library images, documents, covers, images in "
        "article bodies) and library records whose file is missing; with --delete, remove them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="remove what is listed")
        parser.add_argument(
            "--min-age-hours",
            type=int,
            default=24,
            help="leave files younger than this alone (a form may be about to save them); "
            "default 24",
        )

    def handle(self, *args, delete=False, min_age_hours=24, **options):
        storage = default_storage
        used = used_names()
        cutoff = timezone.now() - timedelta(hours=min_age_hours)
        orphans = []
        for folder in FOLDERS:
            for name in stored_files(storage, folder):
                if name in used:
                    continue
                try:
                    if min_age_hours and storage.get_modified_time(name) > cutoff:
                        continue
                except (OSError, NotImplementedError):
                    pass
                orphans.append(name)
        for name in orphans:
            self.stdout.write(f"unused file: {name}")
            if delete:
                storage.delete(name)

        missing = 0
        for model in (Image, Document):
            for record in model.objects.all().iterator():
                if record.file.name and storage.exists(record.file.name):
                    continue
                missing += 1
                label = (
                    f"{model._meta.model_name} {record.pk} ({record}): "
                    f"file {record.file.name or '—'} is missing"
                )
                users = (
                    list(record.used_by())
                    if isinstance(record, Image)
                    else [a.article for a in record.attachments.select_related("article")]
                )
                if users:
                    titles = "; ".join(f"{a.pk} {a.title}" for a in users)
                    self.stdout.write(f"missing file, kept (used by: {titles}): {label}")
                    continue
                self.stdout.write(f"missing file: {label}")
                if delete:
                    record.delete()
        verb = "Removed" if delete else "Found"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {len(orphans)} unused files and {missing} records without a file."
            )
        )
