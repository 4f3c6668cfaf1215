"""The gallery's pictures for share tags and JSON-LD (portal.seo.head_context)."""

from articles import images
from portal.seo import absolute_url

from .models import gallery_of


def gallery_share_images(article) -> list[dict]:
    """The gallery's images as Open Graph images: the largest JPEG rendition the page already uses.
    Only for an article read with article_media() (the article page): no other page pays a query."""
    if getattr(article, "media_gallery", None) is None:
        return []
    shared = []
    for image in gallery_of(article):
        pic = images.picture_data(image.file, image.width, image.height, "gallery")
        if pic is None:
            continue
        shared.append(
            {
                "url": absolute_url(pic["src"]),
                "width": pic["width"],
                "height": pic["height"],
                "type": "image/jpeg",
                "alt": image.alt or article.title,
            }
        )
    return shared
