"""The rich-text field, defined once so the editor can be swapped without touching the models."""

from django_ckeditor_5.fields import CKEditor5Field

from .sanitize import sanitize_html


class RichTextField(CKEditor5Field):
    """CKEditor 5 in forms; sanitized against the allowlist on every save, whoever saves."""

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname) or "")
        setattr(model_instance, self.attname, value)
        return value
