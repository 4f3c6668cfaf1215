"""The cover field of the article form, with "Choose from the library"
(ArticleAdmin.formfield_overrides).

Picking a library image stores that image's own file path in Article.cover_image: nothing is
copied, and the library knows the article uses it (Image.used_by). An uploaded file still goes
through portal.imagecheck as before.
"""

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from portal.imagecheck import ImageFormField

from .models import Image


class LibraryPick(str):
    """The file name of the library image picked (FileField.save_form_data stores a name as is)."""

    @property
    def name(self) -> str:  # what the image field's extension validator reads
        return str(self)


class LibraryCoverWidget(forms.ClearableFileInput):
    class Media:
        js = ["media/library_picker.js"]
        css = {"all": ["media/library_admin.css"]}

    def library_name(self, name):
        return f"{name}__library"

    def value_from_datadict(self, data, files, name):
        upload = super().value_from_datadict(data, files, name)
        picked = (data.get(self.library_name(name)) or "").strip()
        if upload in (None, False) and picked.isdigit():
            image = Image.objects.filter(pk=int(picked)).only("file").first()
            if image is not None and image.file.name:
                self.picked = image.pk  # shown again if the form has errors (widgets are per form)
                return LibraryPick(image.file.name)
        return upload

    def render(self, name, value, attrs=None, renderer=None):
        picked = getattr(self, "picked", "")
        html = super().render(name, value, attrs, renderer)
        return format_html(
            '{}<input type="hidden" name="{}" value="{}" data-library-cover>'
            '<p class="library-cover" data-library-pick-url="{}" data-target="{}"'
            ' data-label="{}" data-insert-label="{}" data-search-label="{}" data-chosen="{}"'
            ' data-empty="{}"></p>',
            html,
            self.library_name(name),
            picked,
            reverse("admin:media_image_pick"),
            name,
            _("Choose from the library"),
            _("Insert an image from the library"),
            _("Search the library (caption, credit; tone marks optional)"),
            _("Chosen from the library:"),
            _("No image found."),
        )


class LibraryCoverFormField(ImageFormField):
    widget = LibraryCoverWidget

    def to_python(self, data):
        if isinstance(data, LibraryPick):
            return data
        return super().to_python(data)


def cover_field_overrides() -> dict:
    """For ArticleAdmin.formfield_overrides: {CheckedImageField: …}."""
    return {"form_class": LibraryCoverFormField, "widget": LibraryCoverWidget}
