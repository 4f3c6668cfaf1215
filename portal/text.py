"""Vietnamese-aware text folding, shared by slugs (and search)."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

# Letters that Unicode does not decompose into a base letter plus a combining mark.
_EXTRA = str.maketrans({"đ": "d", "Đ": "D"})

# What every stored slug looks like: lowercase ASCII words joined by single hyphens. The URL
# patterns accept exactly this; each slug column has a CHECK constraint with the same pattern.
SLUG_REGEX = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_SLUG_RE = re.compile(SLUG_REGEX)


def fold(text: str) -> str:
    """Strip tone marks and diacritics ("Đảng viên" -> "Dang vien"), after NFC/NFD normalisation."""
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify_vi(text: str, max_length: int = 200) -> str:
    """ASCII slug with tone marks folded and đ -> d: "Nâng cao ý thức" -> "nang-cao-y-thuc".

    Underscores and capitals become hyphens and lower case ("Slug_Probe" -> "slug-probe"), so the
    result always matches SLUG_REGEX, or is empty when nothing of `text` is a letter or digit."""
    return slugify(fold(text or "").replace("_", " "))[:max_length].strip("-")


def validate_slug(value: str) -> None:
    if not _SLUG_RE.match(value or ""):
        raise ValidationError(
            _(
                "Use only lowercase letters without tone marks, digits and hyphens, e.g. "
                "tin-tuc-2025."
            ),
            code="invalid_slug",
        )
