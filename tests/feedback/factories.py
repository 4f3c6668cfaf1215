"""Factories for feedback tests (plain functions, as in tests/factories.py)."""

import importlib
import itertools

from django.utils import timezone

from feedback import spam, traps
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


def form_data(for_article=None, **overrides) -> dict:
    """A valid submission of the feedback form, with a fresh time-trap token for that article's
    form (or the contact page's)."""
    data = {
        "name": "Trần Thị Bình",
        "email": "binh.tran@example.vn",
        "phone": "0912 345 678",
        "address": "12 Lê Lợi, phường Bến Thành",
        "message": "Tôi muốn hỏi thêm về lịch tiêm chủng ở phường.",
        "consent": "on",
        "leave_empty": "",
        "token": traps.make_form_token(traps.form_target(for_article.pk if for_article else None)),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def ensure_migration_data() -> None:
    """Put back what migrations created (roles, privacy notice v1): a transactional test that ran
    earlier flushed the tables, and serialized_rollback clashes with the content types."""
    from django.contrib.auth.models import Group, Permission

    articles_roles = importlib.import_module("articles.migrations.0002_roles")
    feedback_data = importlib.import_module("feedback.migrations.0002_roles_and_privacy_notice")
    wanted = [
        *[
            (group, code.split("."))
            for group, codes in articles_roles.ROLES.items()
            for code in codes
        ],
        *[
            (group, ("feedback", code))
            for group, codes in feedback_data.ROLES.items()
            for code in codes
        ],
    ]
    for group_name, (app_label, codename) in wanted:
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    for name in articles_roles.ROLES:
        Group.objects.get_or_create(name=name)
    if not PrivacyNotice.objects.exists():
        PrivacyNotice.objects.create(
            title=feedback_data.NOTICE_TITLE, body=feedback_data.NOTICE_BODY
        )
