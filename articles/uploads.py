"""Image upload for the rich-text editor: staff with the right permission, images only.

The image is judged and re-encoded by portal.imagecheck with the media library's limits (every
image is a library record): up to MEDIA_IMAGE_MAX_MB, stored reduced to MEDIA_IMAGE_MAX_SIDE.
Answers are CKEditor 5's: {"url": …}, or {"error": {"message": …}} with a 4xx/503 status.
"""

import logging

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal import imagecheck

logger = logging.getLogger(__name__)


def _error(message, status=400):
    # The shape CKEditor 5's upload adapter shows to the editor.
    return JsonResponse({"error": {"message": str(message)}}, status=status)


@require_POST
def editor_upload(request):
    user = request.user
    if not (
        user.is_active
        and user.is_staff
        and (user.has_perm("articles.add_article") or user.has_perm("articles.change_article"))
    ):
        return _error(_("You do not have permission to upload images."), status=403)
    upload = request.FILES.get("upload")
    if upload is None:
        return _error(_("No file was sent."))
    from medialib.forms import clean_library_image  # every image is a library record (issue 13)
    from medialib.models import Image

    try:
        image = clean_library_image(upload)
    except ValidationError as exc:
        return _error(exc.messages[0])
    try:
        saved = default_storage.save(f"uploads/{timezone.now():%Y/%m}/{image.name}", image)
    except OSError:
        logger.exception(
            "Could not store an editor upload (is MEDIA_ROOT writable, is the disk full?)"
        )
        return _error(imagecheck.storage_error().messages[0], status=503)
    # alt text comes with the article
    Image.objects.create(file=saved, width=image.width, height=image.height, uploaded_by=user)
    return JsonResponse({"url": default_storage.url(saved)})
