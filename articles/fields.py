"""Fields defined once: the rich text (so the editor can be swapped without touching the models)
and the slug (one shape for every address)."""

from django import forms
from django.db import models
from django_ckeditor_5.fields import CKEditor5Field

from portal.text import slugify_vi, validate_slug

from .sanitize import sanitize_html


class RichTextField(CKEditor5Field):
    """CKEditor 5 in forms; sanitized against the allowlist on every save, whoever saves."""

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname) or "")
        setattr(model_instance, self.attname, value)
        return value


class SlugFormField(forms.SlugField):
    """Normalises what is typed ("Slug_Probe", "Đường mới") before checking it."""

    default_validators = [validate_slug]

    def to_python(self, value):
        return slugify_vi(super().to_python(value), self.max_length or 200)


class SlugField(models.SlugField):
    """A slug always stored in the one shape the URL patterns accept (text.SLUG_REGEX).

    Whatever is typed in a form or assigned in the shell or an import is normalised when the
    model is validated and again when it is saved; queryset updates and raw SQL are stopped by
    each table's CHECK constraint (see the models' Meta). So no stored slug can make reversing
    a URL fail, which would take down every page that links to it."""

    default_validators = [validate_slug]

    def to_python(self, value):
        value = super().to_python(value)
        return slugify_vi(value, self.max_length) if value else value

    def pre_save(self, model_instance, add):
        value = self.to_python(getattr(model_instance, self.attname)) or ""
        setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": SlugFormField, **kwargs})
