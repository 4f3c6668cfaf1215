"""Documents for readers (always a download), and the library's JSON endpoints for staff."""

from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from articles.models import Article

from .forms import ImageForm
from .models import Document, Image

PICK_LIMIT = 48


def _is_staff(user) -> bool:
    return user.is_active and user.is_staff


@require_GET
def download(request, pk, name):
    """A document attached to a published article (staff: any), as a download, never shown inline:
    a PDF or an Office file from us can run no script in our origin, whatever it holds."""
    document = get_object_or_404(Document, pk=pk)
    staff = _is_staff(request.user) and request.user.has_perm("media.view_document")
    if (
        not staff
        and not Article.objects.published().filter(attachments__document=document).exists()
    ):
        raise Http404("Not attached to a published article")
    if name != document.download_name:
        return redirect(document, permanent=True)
    try:
        handle = document.file.open("rb")
    except (OSError, ValueError):
        raise Http404("The file is missing") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.download_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    if staff:
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(response, public=True, max_age=3600)
    return response


def _image_json(image: Image) -> dict:
    return {
        "id": image.pk,
        "url": image.file.url,
        "name": image.file.name,
        "alt": image.alt,
        "caption": image.caption,
        "credit": image.credit,
        "width": image.width,
        "height": image.height,
        "change_url": reverse("admin:media_image_change", args=[image.pk]),
    }


@require_POST
def upload_image(request):
    """(Admin, behind admin_view.) One file of the multi-upload page: a new library record, or the
    errors of each field."""
    if not request.user.has_perm("media.add_image"):
        return JsonResponse(
            {"errors": {"__all__": [gettext("You do not have permission to upload images.")]}},
            status=403,
        )
    form = ImageForm(request.POST, request.FILES)
    if not form.is_valid():
        return JsonResponse(
            {"errors": {k: [str(m) for m in v] for k, v in form.errors.items()}}, status=400
        )
    image = form.save(commit=False)
    image.uploaded_by = request.user
    image.save()
    return JsonResponse({"image": _image_json(image)}, status=201)


@require_GET
def pick(request):
    """Library images matching ?q= (caption, credit, alt text; tone marks ignored), newest first."""
    if not request.user.has_perm("media.view_image"):
        return JsonResponse({"images": []}, status=403)
    images = Image.objects.search(request.GET.get("q", ""))[:PICK_LIMIT]
    return JsonResponse({"images": [_image_json(image) for image in images]})
