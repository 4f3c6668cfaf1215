"""Load the demo content once: safe to run again, it only adds what is missing."""

import io
import random
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw, ImageOps

from articles import demo
from articles.models import (
    Article,
    Author,
    Category,
    RelatedArticle,
    RelatedLink,
    Unit,
    WebsiteLink,
)
from portal.text import slugify_vi


def cover_image(seed: int, colour: tuple[int, int, int]) -> bytes:
    """A 1200×675 landscape in the category's colour, different for each article."""
    rng = random.Random(seed)
    dark = tuple(max(0, c - 70) for c in colour)
    light = tuple(min(255, c + 120) for c in colour)
    image = ImageOps.colorize(Image.linear_gradient("L").resize((1200, 675)), dark, light).convert(
        "RGB"
    )
    draw = ImageDraw.Draw(image)
    sun_x, sun_y = rng.randint(150, 1050), rng.randint(80, 260)
    draw.ellipse((sun_x - 70, sun_y - 70, sun_x + 70, sun_y + 70), fill=(255, 236, 179))
    for layer in range(3):
        base = 430 + layer * 80
        points = (
            [(0, 675)]
            + [(x, base - rng.randint(0, 140)) for x in range(0, 1201, 150)]
            + [(1200, 675)]
        )
        shade = tuple(max(0, c - 40 - layer * 30) for c in colour)
        draw.polygon(points, fill=shade)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80, optimize=True, progressive=True)
    return buffer.getvalue()


def body_html(article: demo.DemoArticle) -> str:
    """Two paragraphs, a subheading, a quote and a closing paragraph, all the article's own."""
    return "\n".join(
        [
            f"<p>{article.first}</p>",
            f"<p>{article.second}</p>",
            f"<h2>{article.subheading}</h2>",
            f"<blockquote><p>{article.quote}</p></blockquote>",
            f"<p>{article.last}</p>",
        ]
    )


class Command(BaseCommand):
    help = "Load the demo content (categories, units, authors, 60 articles, website links) once."

    def handle(self, *args, **options):
        articles = [(category, item) for category, items in demo.ARTICLES.items() for item in items]
        slugs = [slugify_vi(item.title) for _, item in articles]
        if Article.objects.filter(slug__in=slugs).count() == len(slugs):
            self.stdout.write("Demo content already loaded.")
        else:
            with transaction.atomic():
                created = self.load(articles)
            self.stdout.write(
                self.style.SUCCESS(f"Demo content loaded ({created} articles added).")
            )
        call_command(
            "load_media_demo", stdout=self.stdout
        )  # inline images, a gallery, documents (medialib)
        self.ensure_superuser()

    def load(self, articles) -> int:
        categories = {}
        for name, parent, order, description in demo.CATEGORIES:
            categories[name], _ = Category.objects.get_or_create(
                slug=slugify_vi(name),
                defaults={
                    "name": name,
                    "parent": categories.get(parent),
                    "order": order,
                    "description": description,
                },
            )
        units = [
            Unit.objects.get_or_create(
                slug=slugify_vi(name), defaults={"name": name, "description": text}
            )[0]
            for name, text in demo.UNITS
        ]
        authors = [
            Author.objects.get_or_create(
                slug=slugify_vi(name), defaults={"name": name, "unit": units[unit]}
            )[0]
            for name, unit in demo.AUTHORS
        ]
        for order, (title, url) in enumerate(demo.WEBSITE_LINKS):
            WebsiteLink.objects.get_or_create(url=url, defaults={"title": title, "order": order})

        now = timezone.now()
        new_articles = []
        for index, (category_name, item) in enumerate(articles):
            title = item.title
            slug = slugify_vi(title)
            if Article.objects.filter(slug=slug).exists():
                continue
            article = Article(
                title=title,
                slug=slug,
                lead=item.lead,
                body=body_html(item),
                author=authors[index % len(authors)],
                category=categories[category_name],
                cover_alt=f"Ảnh minh họa: {title}",
                cover_caption=f"{title} (ảnh minh họa).",
                cover_credit=f"Ảnh: {authors[(index + 3) % len(authors)].name}",
                **self.schedule(index, now),
            )
            article.cover_image.save(
                f"demo-{index:02d}.jpg",
                ContentFile(cover_image(index, demo.CATEGORY_COLOURS[category_name])),
                save=False,
            )
            article.save()
            article.tags.set(item.tags)
            if index % 3 == 0:
                RelatedLink.objects.create(
                    article=article,
                    title="Cổng Dịch vụ công quốc gia",
                    url="https://dichvucong.gov.vn/",
                    order=1,
                )
                RelatedLink.objects.create(
                    article=article,
                    title=f"Xem thêm tin {category_name}",
                    url=categories[category_name].get_absolute_url(),
                    order=2,
                )
            new_articles.append(article)

        published = [
            a for a in new_articles if a.status == Article.Status.PUBLISHED and a.expire_at is None
        ]
        for position, article in enumerate(published[::4]):
            picks = [p for p in published[position + 1 : position + 4] if p.pk != article.pk]
            for order, related in enumerate(picks):
                RelatedArticle.objects.get_or_create(
                    article=article, related=related, defaults={"order": order}
                )
        return len(new_articles)

    @staticmethod
    def schedule(index: int, now):
        """Mostly published over the last six weeks; drafts, pending, scheduled; one expired."""
        published_at = now - timedelta(hours=index * 16 + 1)
        if index % 20 == 3:
            return {"status": Article.Status.DRAFT}
        if index % 20 == 7:
            return {"status": Article.Status.PENDING}
        if index % 20 == 11:
            return {
                "status": Article.Status.PUBLISHED,
                "publish_at": now + timedelta(days=1 + index % 3),
            }
        if index == 58:
            return {
                "status": Article.Status.PUBLISHED,
                "publish_at": published_at,
                "expire_at": now - timedelta(hours=2),
            }
        return {
            "status": Article.Status.PUBLISHED,
            "publish_at": published_at,
            "is_featured": index % 12 == 0 or index in (5, 9),
        }

    def ensure_superuser(self):
        User = get_user_model()
        if User.objects.exists():
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser("admin", "admin@example.invalid", password)
        self.stdout.write(
            self.style.WARNING(
                "Demo administrator created (shown only this once): "
                f"user “admin”, password “{password}”. Sign in at http://127.0.0.1:8000/admin/"
            )
        )
