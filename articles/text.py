"""Vietnamese-aware text folding, shared by slugs (and search)."""

import unicodedata

from django.utils.text import slugify

# Letters that Unicode does not decompose into a base letter plus a combining mark.
_EXTRA = str.maketrans({"đ": "d", "Đ": "D"})


def fold(text: str) -> str:
    """Strip tone marks and diacritics ("Đảng viên" -> "Dang vien"), after NFC/NFD normalisation."""
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify_vi(text: str, max_length: int = 200) -> str:
    """ASCII slug with tone marks folded and đ -> d: "Nâng cao ý thức" -> "nang-cao-y-thuc"."""
    return slugify(fold(text))[:max_length].strip("-")
