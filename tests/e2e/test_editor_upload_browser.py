"""The editor's own image button (CKEditor 5's upload): a refusal is written in Vietnamese next to
the editor, never in a window.alert() (issue 13)."""

import pytest
from playwright.sync_api import expect

from tests.factories import image_file, make_article, make_staff
from tests.media.factories import ensure_media_roles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REFUSED = "Ảnh lớn hơn 1 MB; hãy giảm dung lượng rồi thử lại."


@pytest.fixture(autouse=True)
def _roles(transactional_db):
    ensure_media_roles()  # earlier transactional tests flushed the groups


def sign_in(page, live_server, username):
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("pw-for-tests-only")
    page.locator("input[type=submit]").click()


def test_a_refused_upload_is_shown_next_to_the_editor_not_in_an_alert(
    live_server, page, settings, artifacts
):
    settings.MEDIA_IMAGE_MAX_MB = 1
    make_staff("Editors", username="bientap")
    article = make_article(title="Lễ hội", body="<p>Đoạn mở đầu.</p>")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sign_in(page, live_server, "bientap")
    page.goto(live_server.url + f"/admin/articles/article/{article.pk}/change/")
    editor = page.locator(".field-body .ck-editor")
    expect(editor.locator(".ck-editor__editable")).to_be_visible()
    file_input = editor.locator(".ck-toolbar .ck-file-dialog-button input[type=file]")
    expect(file_input).to_have_count(1)

    too_big = {
        "name": "qua-lon.jpg",
        "mimeType": "image/jpeg",
        "buffer": b"\xff\xd8" + b"0" * (1024 * 1024 + 10),
    }
    with page.expect_response(lambda r: "/editor/upload/" in r.url) as answer:
        file_input.set_input_files(too_big)
    assert answer.value.status == 400
    error = page.locator(".ck-editor + .editor-upload-error[role=alert]")
    expect(error).to_be_visible()
    expect(error.locator(".editor-upload-error-message")).to_have_text(REFUSED)
    page.screenshot(path=str(artifacts / "editor-upload-refused.png"))
    assert dialogs == []

    # The next upload that succeeds takes the message away.
    good = image_file("cau-moi.jpg", size=(300, 200))
    with page.expect_response(lambda r: "/editor/upload/" in r.url) as answer:
        file_input.set_input_files(
            {"name": good.name, "mimeType": "image/jpeg", "buffer": good.read()}
        )
    assert answer.value.status == 200
    expect(editor.locator(".ck-editor__editable img[src*='/media/uploads/']")).to_have_count(1)
    expect(page.locator(".editor-upload-error")).to_have_count(0)

    # Dismissed by the author.
    with page.expect_response(lambda r: "/editor/upload/" in r.url):
        file_input.set_input_files(too_big)
    expect(error).to_be_visible()
    error.get_by_role("button", name="Đóng").click()
    expect(page.locator(".editor-upload-error")).to_have_count(0)
    assert dialogs == []
