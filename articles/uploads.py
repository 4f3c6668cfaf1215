"""Image upload for the rich-text editor: staff with the right permission, images only."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from PIL import Image, UnidentifiedImageError

from .text import slugify_vi

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
MAX_PIXELS = 40_000_000  # refuse decompression bombs long before Pillow's own limit


def _error(message, status=400):
    # The shape CKEditor 5's upload adapter shows to the editor.
    return JsonResponse({"error": {"message": message}}, status=status)


def verify_image(upload) -> str:
    """Open the upload with Pillow and return its file extension; raise ValueError if not an image."""
    try:
        with Image.open(upload) as image:
            image_format = image.format
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValueError(_("The image is too large (%(w)d×%(h)d pixels).") % {"w": width, "h": height})
            image.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()  # verify() does not decode the pixels; load() catches truncated files
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise ValueError(_("This file is not an image that can be opened (JPEG, PNG, GIF or WebP).")) from None
    finally:
        upload.seek(0)
    if image_format not in ALLOWED_FORMATS:
        raise ValueError(_("Only JPEG, PNG, GIF and WebP images can be uploaded."))
    return ALLOWED_FORMATS[image_format]


@require_POST
def editor_upload(request):
    user = request.user
    if not (user.is_active and user.is_staff and (user.has_perm("articles.add_article") or user.has_perm("articles.change_article"))):
        return _error(_("You do not have permission to upload images."), status=403)
    upload = request.FILES.get("upload")
    if upload is None:
        return _error(_("No file was sent."))
    limit = settings.EDITOR_UPLOAD_MAX_BYTES
    if upload.size > limit:
        return _error(_("The image is larger than %(mb)d MB; make it smaller and try again.") % {"mb": limit // (1024 * 1024)})
    try:
        extension = verify_image(upload)
    except ValueError as exc:
        return _error(str(exc))
    stem = PurePath(upload.name).stem[:40] or "image"
    name = f"uploads/{timezone.now():%Y/%m}/{slugify_vi(stem) or 'image'}-{uuid.uuid4().hex[:8]}.{extension}"
    saved = default_storage.save(name, upload)
    return JsonResponse({"url": default_storage.url(saved)})
