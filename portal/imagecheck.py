"""The one judge of images that people give us: covers and the editor's uploads.

An image is accepted only if Pillow opens it as JPEG, PNG, GIF or WebP (no other decoder is ever
tried), it is at most IMAGE_UPLOAD_MAX_BYTES long and IMAGE_MAX_PIXELS large (all frames of an
animation together), and every frame decodes completely. What is stored is not the file that was
sent but a new encoding of its pixels, in the same format: the EXIF orientation is applied to the
pixels, a colour profile is converted to sRGB, and everything else (EXIF with GPS positions,
comments, text chunks, bytes after the end of the image) is left behind. Animated GIF, WebP and
PNG keep their frames and timing.

Renditions (articles/images.py) make their sizes only from a stored file that passes
`check_stored`, the same format and pixel rules read from the header alone, so that a file saved
around these checks (a queryset update, an import) is never decoded.
"""

import io
import logging
import uuid
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import ImageFieldFile
from django.utils.translation import gettext_lazy as _
from PIL import EpsImagePlugin, Image, ImageCms, ImageOps, ImageSequence

from .text import slugify_vi

logger = logging.getLogger(__name__)

# What Pillow may open (its `formats=` argument): the formats we serve, nothing else.
OPEN_FORMATS = ("JPEG", "PNG", "GIF", "WEBP")
# Pillow's format of an opened file -> the format we store and its extension. The JPEG opener
# returns "MPO" for a camera's multi-picture JPEG; we keep its first picture, as a plain JPEG.
STORED_AS = {
    "JPEG": ("JPEG", "jpg"),
    "MPO": ("JPEG", "jpg"),
    "PNG": ("PNG", "png"),
    "GIF": ("GIF", "gif"),
    "WEBP": ("WEBP", "webp"),
}
CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}
MAX_FRAMES = 1000  # an animation of more frames is refused, however small each frame is
ENCODE_OPTIONS = {
    "JPEG": {"quality": 88, "optimize": True, "progressive": True},
    "PNG": {},
    "GIF": {},
    "WEBP": {"quality": 88, "method": 4},
}
MIB = 1024 * 1024

# Pillow hands EPS files to Ghostscript, which runs them as programs. EPS is not among
# OPEN_FORMATS, and this makes sure no other Pillow call in the process (a library opening a
# file without `formats=`) can start Ghostscript either.
EpsImagePlugin.gs_binary = False

_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


class UnsafeImage(ValueError):
    """A stored file that renditions must not decode (see check_stored)."""


class CheckedImage(ContentFile):
    """Bytes re-encoded by clean_image: safe to store as they are."""

    def __init__(self, content: bytes, name: str, *, image_format: str, width: int, height: int):
        super().__init__(content, name=name)
        self.image_format = image_format
        self.content_type = CONTENT_TYPES[image_format]
        self.width, self.height = width, height


def max_bytes() -> int:
    return settings.IMAGE_UPLOAD_MAX_BYTES


def max_pixels() -> int:
    return settings.IMAGE_MAX_PIXELS


def _refuse(message, code: str, **params) -> ValidationError:
    return ValidationError(message, code=code, params=params or None)


def _not_an_image() -> ValidationError:
    return _refuse(
        _("This file is not an image that can be opened (JPEG, PNG, GIF or WebP)."), "not_an_image"
    )


def _check_size(width: int, height: int, frames: int = 1) -> None:
    limit = max_pixels()
    if width * height > limit:
        raise _refuse(
            _(
                "The image is too large (%(w)d×%(h)d pixels); the limit is %(limit)s million "
                "pixels. Make it smaller and try again."
            ),
            "too_many_pixels",
            w=width,
            h=height,
            limit=f"{limit / 1_000_000:g}",
        )
    if frames > MAX_FRAMES:
        raise _refuse(
            _("The animation has too many frames (%(frames)d); the limit is %(limit)d."),
            "too_many_frames",
            frames=frames,
            limit=MAX_FRAMES,
        )
    if width * height * frames > limit:
        raise _refuse(
            _(
                "The animation is too large (%(frames)d frames of %(w)d×%(h)d pixels); the limit "
                "is %(limit)s million pixels in all."
            ),
            "too_many_pixels",
            frames=frames,
            w=width,
            h=height,
            limit=f"{limit / 1_000_000:g}",
        )


def _to_srgb(image: Image.Image) -> Image.Image:
    """Convert pixels with an embedded colour profile to sRGB, so the profile can be dropped."""
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(
            image, source, _SRGB, outputMode="RGBA" if image.mode == "RGBA" else "RGB"
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image  # an unreadable profile: keep the pixels as they are


def _clean_frame(frame: Image.Image, stored_format: str) -> Image.Image:
    """A copy of one decoded frame, upright, in sRGB, in a mode the format stores, with no
    metadata."""
    image = ImageOps.exif_transpose(frame)  # a decoded copy; raises on a truncated file
    transparency = image.info.get("transparency")
    image = _to_srgb(image)
    if stored_format == "JPEG" and image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    elif stored_format == "WEBP" and image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.mode or transparency is not None else "RGB")
    image.info = {}  # EXIF (GPS, camera), comments, text chunks, XMP, the colour profile
    if (
        transparency is not None
        and image.mode in ("P", "L", "RGB")
        and stored_format in ("PNG", "GIF")
    ):
        image.info["transparency"] = transparency
    return image


def _encode(
    frames: list[Image.Image], durations: list[int], loop: int | None, stored_format: str
) -> bytes:
    out = io.BytesIO()
    first = frames[0]
    options = dict(ENCODE_OPTIONS[stored_format])
    if "transparency" in first.info:
        options["transparency"] = first.info["transparency"]
    if len(frames) > 1:
        options.update(save_all=True, append_images=frames[1:], duration=durations)
        if loop is not None:
            options["loop"] = loop
        if stored_format == "GIF":
            options["disposal"] = 2  # each frame is a whole picture: clear before drawing the next
        elif stored_format == "PNG":
            options.update(disposal=0, blend=0)  # APNG: each frame replaces the last
    first.save(out, stored_format, **options)
    return out.getvalue()


def clean_image(
    upload, *, name: str | None = None, limit_bytes: int | None = None, max_side: int | None = None
) -> CheckedImage:
    """Judge an uploaded file; return its re-encoded copy with a new name, or raise ValidationError.

    `upload` is any Django File (an UploadedFile, a ContentFile, a File on disk). `limit_bytes`
    replaces IMAGE_UPLOAD_MAX_BYTES (the media library takes phone photos); with `max_side`, a
    still image larger than that (px) is stored reduced to it.
    """
    if isinstance(upload, CheckedImage):
        return upload
    label = name or getattr(upload, "name", None) or ""
    size = upload.size
    limit_bytes = limit_bytes or max_bytes()
    if size is not None and size > limit_bytes:
        raise _refuse(
            _("The image is larger than %(mb)d MB; make it smaller and try again."),
            "too_big",
            mb=max(1, limit_bytes // MIB),
        )
    try:
        upload.seek(0)
        image = Image.open(upload, formats=OPEN_FORMATS)
    except Image.DecompressionBombError:
        raise _refuse(
            _(
                "The image is too large; the limit is %(limit)s million pixels. Make it smaller "
                "and try again."
            ),
            "too_many_pixels",
            limit=f"{max_pixels() / 1_000_000:g}",
        ) from None
    except Exception:  # any failure on an untrusted file's header is a refusal, never a 500
        logger.info("Image refused, not a JPEG, PNG, GIF or WebP file: %s", label, exc_info=True)
        raise _not_an_image() from None
    with image:
        stored_format, extension = STORED_AS[image.format]
        width, height = image.size
        _check_size(width, height)  # before reading any further: decoding is what costs
        frames_count = 1 if stored_format == "JPEG" else getattr(image, "n_frames", 1)
        _check_size(width, height, frames_count)
        try:
            frames, durations = [], []
            for frame in ImageSequence.Iterator(image) if frames_count > 1 else [image]:
                durations.append(frame.info.get("duration", 100))
                frames.append(_clean_frame(frame, stored_format))
            if max_side and len(frames) == 1 and max(frames[0].size) > max_side:
                frames[0].thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
            content = _encode(frames, durations, image.info.get("loop"), stored_format)
        except Exception:  # truncated or corrupt pixel data, or pixels the format cannot store
            logger.info("Image refused, it does not decode: %s", label, exc_info=True)
            raise _refuse(
                _(
                    "The image is damaged or incomplete (perhaps the upload was cut off); save it "
                    "again and retry."
                ),
                "damaged",
            ) from None
    stem = slugify_vi(PurePath(label).stem)[:40].strip("-") or "anh"
    return CheckedImage(
        content,
        f"{stem}-{uuid.uuid4().hex[:8]}.{extension}",
        image_format=stored_format,
        width=frames[0].width,
        height=frames[0].height,
    )


def check_stored(file) -> tuple[int, int]:
    """Format and pixel count of a stored file from its header alone (nothing is decoded).

    Returns (width, height); raises UnsafeImage for anything clean_image would refuse on these
    grounds, and for a file that cannot be read.
    """
    was_closed = file.closed
    try:
        file.open("rb")
        with Image.open(file, formats=OPEN_FORMATS) as image:
            width, height = image.size
        _check_size(width, height)
    except Exception as exc:
        raise UnsafeImage(f"{getattr(file, 'name', file)}: {exc}") from exc
    finally:
        if was_closed:
            file.close()
        elif not file.closed:
            file.seek(0)
    return width, height


class ImageFormField(forms.ImageField):
    """A form's image field that returns clean_image's re-encoded copy (errors shown next to it)."""

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)  # name, emptiness; Pillow is not asked here
        if upload is None:
            return None
        return clean_image(upload)

    def widget_attrs(self, widget):
        attrs = forms.FileField.widget_attrs(self, widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = ",".join(CONTENT_TYPES.values())
        return attrs


class CheckedImageFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        # Whatever the way a file arrives (admin, shell, import), only clean_image's copy is stored.
        checked = clean_image(content, name=name)
        super().save(checked.name, checked, save)


class CheckedImageField(models.ImageField):
    """An ImageField that stores only images that pass clean_image, and never fails to load."""

    attr_class = CheckedImageFieldFile

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageFormField, **kwargs})

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        # Django reads the dimensions with every Pillow format and lets errors through (a missing
        # file would break every page listing the article); here: our formats, or no dimensions.
        dimension_fields = [name for name in (self.width_field, self.height_field) if name]
        if not dimension_fields or self.attname not in instance.__dict__:
            return
        file = getattr(instance, self.attname)
        if not file and not force:
            return
        if all(getattr(instance, name) for name in dimension_fields) and not force:
            return
        width = height = None
        if file:
            checked = file.file if not file._committed else None
            if isinstance(checked, CheckedImage):
                width, height = checked.width, checked.height
            else:
                try:
                    width, height = check_stored(file)
                except UnsafeImage as exc:
                    logger.warning(
                        "No dimensions for %s.%s: %s", instance._meta.label, self.name, exc
                    )
        if self.width_field:
            setattr(instance, self.width_field, width)
        if self.height_field:
            setattr(instance, self.height_field, height)


def store_form_file(form, field_name: str) -> None:
    """Store a form's new file now, while the form can still show an error next to the field.

    Call at the end of a ModelForm's _post_clean: an unwritable or full media folder becomes a
    form error instead of a 500 when the model is saved.
    """
    if form.errors:
        return
    file = getattr(form.instance, field_name)
    if not file or file._committed:
        return
    try:
        file.save(file.name, file.file, save=False)
    except OSError:
        label = f"{form.instance._meta.label}.{field_name}"
        logger.exception("Could not store %s (is MEDIA_ROOT writable, is the disk full?)", label)
        form.add_error(field_name, storage_error())


def storage_error() -> ValidationError:
    return _refuse(
        _(
            "The server could not store the image; try again later, and tell the site's "
            "administrator if it happens again."
        ),
        "storage",
    )
