"""Feedback permissions for the roles, and the first version of the privacy notice.

Moderators: read and moderate feedback, see senders' details, export CSV, erase personal data.
Editors: read feedback (without senders' details) and write new privacy notice versions.
Authors: nothing of the feedback.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.utils import timezone

ROLES = {
    "Moderators": [
        "view_feedback",
        "change_feedback",
        "view_sender_details",
        "export_feedback",
        "erase_personal_data",
        "view_feedbackevent",
        "view_reply",
        "view_traphit",
        "view_privacynotice",
    ],
    "Editors": ["view_feedback", "view_privacynotice", "add_privacynotice", "view_traphit"],
}

NOTICE_TITLE = "Thông báo về xử lý dữ liệu cá nhân của người gửi phản hồi"
NOTICE_BODY = (
    "Khi bạn gửi phản hồi hoặc góp ý cho tòa soạn, chúng tôi nhận và lưu các thông tin bạn nhập: "
    "họ và tên, địa chỉ thư điện tử, số điện thoại và địa chỉ (nếu bạn cung cấp), nội dung phản "
    "hồi, thời điểm gửi và phiên bản thông báo này mà bạn đã đồng ý.\n\n"
    "Mục đích duy nhất là tiếp nhận, xem xét và khi cần thì trả lời phản hồi của bạn. Nếu được tòa "
    "soạn duyệt, họ tên và nội dung phản hồi của bạn sẽ được đăng dưới bài viết; địa chỉ thư điện "
    "tử, số điện thoại và địa chỉ của bạn không bao giờ được công khai.\n\n"
    "Chỉ những biên tập viên được giao kiểm duyệt phản hồi mới xem được thông tin liên hệ của bạn. "
    "Chúng tôi không chuyển thông tin này cho bên thứ ba.\n\n"
    "Thông tin liên hệ của bạn được tự động xóa sau 365 ngày kể từ khi gửi, hoặc sau 30 ngày nếu "
    "phản hồi không được đăng. Nội dung phản hồi được giữ lại để thống kê, không kèm thông tin "
    "liên hệ.\n\n"
    "Bạn có quyền yêu cầu xem, sửa hoặc xóa dữ liệu của mình bất cứ lúc nào: hãy gửi yêu cầu qua "
    "trang Liên hệ – Góp ý từ chính địa chỉ thư điện tử đã dùng, chúng tôi sẽ xóa thông tin liên "
    "hệ của bạn khỏi mọi phản hồi đã gửi.\n\n"
    "Việc xử lý dữ liệu tuân theo Luật Bảo vệ dữ liệu cá nhân (Luật số 91/2025/QH15)."
)


def forwards(apps, schema_editor):
    app_config = apps.get_app_config("feedback")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="feedback", codename__in=codenames)
        )
    PrivacyNotice = apps.get_model("feedback", "PrivacyNotice")
    if not PrivacyNotice.objects.exists():
        PrivacyNotice.objects.create(
            version=1, title=NOTICE_TITLE, body=NOTICE_BODY, effective_at=timezone.now()
        )


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="feedback")
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0001_initial"),
        ("articles", "0002_roles"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
