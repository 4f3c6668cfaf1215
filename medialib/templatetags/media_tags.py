"""The article page's documents and gallery (templates/articles/includes/_documents.html,
_gallery.html)."""

from django import template

from articles import images
from medialib.models import documents_of, gallery_of

register = template.Library()


@register.simple_tag
def article_documents(article):
    return documents_of(article)


@register.simple_tag
def article_gallery(article):
    """[{"image", "pic"}] of the gallery's images that can be shown (a missing file is left out)."""
    shown = []
    for image in gallery_of(article):
        pic = images.picture_data(image.file, image.width, image.height, "gallery")
        if pic is not None:
            shown.append({"image": image, "pic": pic})
    return shown


@register.simple_tag
def reader_body(body):
    """The article's (sanitized) body with its images as renditions (medialib.inline)."""
    from medialib.inline import reader_body as render

    return render(body or "")
