"""Factories for feedback tests (plain functions, as in tests/factories.py)."""

import itertools

from django.utils import timezone

from feedback import spam
from feedback.models import Feedback, PrivacyNotice

_seq = itertools.count(1)


def make_feedback(**kw) -> Feedback:
    n = next(_seq)
    kw.setdefault("name", f"Nguyễn Văn {n}")
    kw.setdefault("email", f"doc-gia{n}@example.vn")
    kw.setdefault("message", f"Bài viết rất hữu ích, cảm ơn tòa soạn (số {n}).")
    kw.setdefault("consent_at", timezone.now())
    kw.setdefault("created_at", kw["consent_at"])
    kw.setdefault("privacy_notice", PrivacyNotice.objects.current())
    kw.setdefault("message_digest", spam.message_digest(kw["message"]))
    return Feedback.objects.create(**kw)


def form_data(**overrides) -> dict:
    """A valid submission of the feedback form, with a fresh time-trap token."""
    data = {
        "name": "Trần Thị Bình",
        "email": "binh.tran@example.vn",
        "phone": "0912 345 678",
        "address": "12 Lê Lợi, phường Bến Thành",
        "message": "Tôi muốn hỏi thêm về lịch tiêm chủng ở phường.",
        "consent": "on",
        "website": "",
        "token": spam.make_form_token(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
