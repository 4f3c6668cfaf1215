from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from portal import imagecheck

from . import documents
from .models import Document, Image

MIB = 1024 * 1024


def clean_library_image(upload) -> imagecheck.CheckedImage:
    """An upload judged by the library's rules: phone photos up to MEDIA_IMAGE_MAX_MB, stored at
    most MEDIA_IMAGE_MAX_SIDE px wide or high; otherwise the same checks as every image. Used by
    the library's pages and by the editor's own image upload (articles/uploads.py)."""
    return imagecheck.clean_image(
        upload,
        limit_bytes=settings.MEDIA_IMAGE_MAX_MB * MIB,
        max_side=settings.MEDIA_IMAGE_MAX_SIDE,
    )


class LibraryImageFormField(imagecheck.ImageFormField):
    """The library's image field (clean_library_image)."""

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        return clean_library_image(upload)


class ImageForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ["file", "alt", "caption", "credit"]
        field_classes = {"file": LibraryImageFormField}

    def _post_clean(self):
        super()._post_clean()
        imagecheck.store_form_file(
            self, "file"
        )  # a full disk is an error next to the file, not a 500


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["title", "file"]
        widgets = {"file": forms.ClearableFileInput(attrs={"accept": documents.ACCEPT})}
        help_texts = {
            "file": _(
                "PDF, Word (.doc, .docx), Excel (.xls, .xlsx), ODT, ODS or ZIP; its type is "
                "checked by its content."
            ),
        }

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            self._kind = documents.check_document(upload)
        return upload

    def _post_clean(self):
        super()._post_clean()
        kind = getattr(self, "_kind", None)
        if kind and not self.errors:
            upload = self.cleaned_data["file"]
            self.instance.kind = kind
            self.instance.size = upload.size
            self.instance.original_name = (upload.name or "")[-255:]
            imagecheck.store_form_file(self, "file")
