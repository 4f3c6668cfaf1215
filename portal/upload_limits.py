"""Refuse a request body larger than any form of the site accepts, before reading it.

Django reads a whole multipart body (spooling files to disk) before a view can look at the
upload's size. A request that declares more than REQUEST_BODY_MAX_BYTES (one image at
IMAGE_UPLOAD_MAX_BYTES plus the form's other fields) is answered 413 at once, in the visitor's
language; the editor's upload gets the JSON that CKEditor 5 shows. The media library's pages
(MEDIA_UPLOAD_PATH_PREFIX) and the editor's own image upload, which follows the library's rules,
take one phone photo per request: up to MEDIA_IMAGE_MAX_MB (and documents) plus 3 MB. The proxy in
front caps the body at the same sizes (client_max_body_size), which also covers bodies sent
without a Content-Length.
"""

import logging

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)
MIB = 1024 * 1024


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django then reads no body at all
        limit = settings.REQUEST_BODY_MAX_BYTES
        if request.path.startswith(settings.MEDIA_UPLOAD_PATH_PREFIX):
            # the media library's pages take one phone photo or one document per request (medialib)
            limit = max(limit, settings.MEDIA_REQUEST_BODY_MAX_BYTES)
        elif _is_editor_upload(request):
            # the editor's image button takes one phone photo, like the library
            # (articles/uploads.py)
            limit = max(limit, (settings.MEDIA_IMAGE_MAX_MB + 3) * MIB)
        if length > limit:
            logger.info(
                "Refused a %d-byte request body for %s (limit %d)", length, request.path, limit
            )
            return too_large(request)
        return self.get_response(request)


def _is_editor_upload(request) -> bool:
    return request.path == reverse("articles:editor_upload")


def too_large(request):
    editor = _is_editor_upload(request)
    message = _(
        "The request is too large: an image may be at most %(mb)d MB. Make it smaller and try "
        "again."
    ) % {"mb": settings.MEDIA_IMAGE_MAX_MB if editor else settings.IMAGE_UPLOAD_MAX_BYTES // MIB}
    if request.path.startswith(settings.MEDIA_UPLOAD_PATH_PREFIX):  # the media library (medialib)
        message = _(
            "The request is too large: an image may be at most %(image)d MB, a document "
            "%(document)d MB."
        ) % {
            "image": settings.MEDIA_IMAGE_MAX_MB,
            "document": settings.DOCUMENT_UPLOAD_MAX_MB,
        }
    if editor or "json" in request.headers.get("Accept", ""):
        return JsonResponse({"error": {"message": message}}, status=413)
    return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
