"""The admin's "view on site" redirect, limited to what the user may see.

Django's own `/admin/r/<content type>/<id>/` only asks for staff status and then redirects to the
object's public address, which for an article carries its slug (its title): any staff account
could read the headline of every draft or embargoed article by walking the ids.
"""

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import ValidationError
from django.http import Http404


@staff_member_required
def view_on_site(request, content_type_id, object_id):
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist:
        raise Http404 from None
    model_admin = admin.site._registry.get(model)
    if model_admin is None:
        raise Http404
    try:
        obj = model_admin.get_queryset(request).filter(pk=object_id).first()
    except (ValueError, ValidationError):
        raise Http404 from None
    if obj is None or not model_admin.has_view_or_change_permission(request, obj):
        raise Http404
    is_published = getattr(obj, "is_published", None)
    if callable(is_published) and not is_published():
        raise Http404  # unpublished articles have no public address yet: use the preview
    return shortcut(request, content_type_id, object_id)
