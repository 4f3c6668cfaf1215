"""The media library, documents and galleries in a real browser (Chromium via Playwright)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from articles.models import Article
from medialib.models import Document, Image
from tests.factories import image_file, make_article, make_staff
from tests.media.factories import PDF, add_to_gallery, ensure_media_roles, make_image

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _roles(transactional_db):
    ensure_media_roles()  # earlier transactional tests flushed the groups


CSP_WATCH = (
    "window.refused = []; document.addEventListener('securitypolicyviolation',"
    " (e) => window.refused.push(e.effectiveDirective + ' ' + e.blockedURI));"
)


def sign_in(page, live_server, username):
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("pw-for-tests-only")
    page.locator("input[type=submit]").click()


def payload(upload: SimpleUploadedFile) -> dict:
    return {"name": upload.name, "mimeType": upload.content_type, "buffer": upload.read()}


def test_several_images_uploaded_at_once_with_progress_and_a_refusal_in_vietnamese(
    live_server, page, settings, artifacts
):
    settings.MEDIA_IMAGE_MAX_MB = 1
    make_staff("Editors", username="bientap")
    page.add_init_script(CSP_WATCH)
    sign_in(page, live_server, "bientap")
    page.goto(live_server.url + "/admin/media/image/")
    page.get_by_role("link", name="Tải lên nhiều ảnh").click()
    files = [
        payload(image_file("le-hoi.jpg", size=(900, 600))),
        payload(image_file("cau-moi.png", size=(600, 400), fmt="PNG")),
        {"name": "bao-cao.jpg", "mimeType": "image/jpeg", "buffer": b"<html>not a picture</html>"},
        {
            "name": "qua-lon.jpg",
            "mimeType": "image/jpeg",
            "buffer": b"\xff\xd8" + b"0" * (1024 * 1024 + 10),
        },
    ]
    page.locator("#library-credit").fill("Ảnh: Trần Minh")
    page.locator("#library-files").set_input_files(files)
    rows = page.locator(".library-queue > li")
    expect(rows).to_have_count(4)
    # Checked in the browser before sending: too big for the library's limit (a setting).
    expect(rows.nth(3).locator(".file-errors")).to_have_text(
        "Ảnh lớn hơn 1 MB; hãy giảm dung lượng rồi thử lại."
    )
    for index, alt in enumerate(["Lễ hội đường phố", "Cây cầu mới", "Không phải ảnh"]):
        rows.nth(index).get_by_label("Mô tả ảnh (bắt buộc)").fill(alt)
    page.evaluate(
        "window.progressSeen = []; document.querySelectorAll('.library-queue progress').forEach("
        "p => new MutationObserver(() => window.progressSeen.push(p.value))"
        ".observe(p, {attributes: true}));"
    )
    page.get_by_role("button", name="Tải lên tất cả").click()
    expect(rows.nth(0).locator(".file-status")).to_contain_text("Đã tải lên.")
    expect(rows.nth(1).locator(".file-status")).to_contain_text("Đã tải lên.")
    expect(rows.nth(2).locator(".file-errors")).to_have_text(
        "Tệp này không phải là ảnh mở được (JPEG, PNG, GIF hoặc WebP)."
    )
    assert rows.nth(0).locator("progress").evaluate("p => p.value") == 100
    assert rows.nth(2).evaluate("li => li.classList.contains('is-error')")
    assert 100 in page.evaluate("window.progressSeen")  # the bars moved as the bytes went out
    page.screenshot(path=str(artifacts / "media-multi-upload.png"), full_page=True)
    assert sorted(Image.objects.values_list("alt", "credit")) == [
        ("Cây cầu mới", "Ảnh: Trần Minh"),
        ("Lễ hội đường phố", "Ảnh: Trần Minh"),
    ]
    assert page.evaluate("window.refused") == []


def test_a_library_image_is_picked_as_cover_and_inline(live_server, page):
    make_staff("Editors", username="bientap")
    image = make_image(
        alt="Cầu Hòa Bình mới",
        caption="Cầu Hòa Bình sau khi hoàn thành",
        credit="Ảnh: Lê Văn B",
        size=(1600, 1000),
    )
    make_image(alt="Ảnh khác", caption="Hội nghị")
    article = make_article(title="Khánh thành cầu", body="<p>Đoạn mở đầu.</p>")
    page.add_init_script(CSP_WATCH)
    sign_in(page, live_server, "bientap")
    page.goto(live_server.url + f"/admin/articles/article/{article.pk}/change/")

    cover = page.locator(".field-cover_image")
    cover.get_by_role("button", name="Chọn từ thư viện").click()
    cover.get_by_label("Tìm trong thư viện").fill("cau hoa binh")  # no tone marks
    expect(cover.locator(".library-picker button.pick")).to_have_count(1)
    cover.locator(".library-picker button.pick").click()
    expect(cover.locator(".library-chosen")).to_contain_text("Cầu Hòa Bình sau khi hoàn thành")
    expect(page.locator("#id_cover_alt")).to_have_value("Cầu Hòa Bình mới")
    expect(page.locator("#id_cover_credit")).to_have_value("Ảnh: Lê Văn B")

    page.get_by_role("button", name="Chèn ảnh từ thư viện").click()
    picker = page.locator(".library-insert + .library-picker")
    picker.get_by_label("Tìm trong thư viện").fill("Hòa Bình")
    expect(picker.locator("button.pick")).to_have_count(1)
    picker.locator("button.pick").click()
    expect(page.locator(".ck-editor__editable figure.image img")).to_have_attribute(
        "alt", "Cầu Hòa Bình mới"
    )
    expect(page.locator(".ck-editor__editable figure.image figcaption")).to_have_text(
        "Cầu Hòa Bình sau khi hoàn thành — Ảnh: Lê Văn B"
    )
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text("thành công")
    article.refresh_from_db()
    assert article.cover_image.name == image.file.name
    assert f'src="{image.file.url}"' in article.body and 'alt="Cầu Hòa Bình mới"' in article.body
    assert list(image.used_by()) == [article]
    assert page.evaluate("window.refused") == []

    page.goto(live_server.url + article.get_absolute_url())
    expect(page.locator(".article-cover img")).to_have_attribute("alt", "Cầu Hòa Bình mới")
    inline = page.locator(".article-body figure.image picture img")
    expect(inline).to_have_attribute("alt", "Cầu Hòa Bình mới")
    expect(page.locator(".article-body figure.image figcaption")).to_contain_text("Ảnh: Lê Văn B")


def test_an_inline_image_on_a_360px_phone_is_at_most_twice_its_displayed_width(
    live_server, mobile_page
):
    image = make_image(alt="Quảng trường", size=(2400, 1600))
    article = make_article(
        body="<p>Mở đầu.</p>"
        + f'<figure class="image"><img src="{image.file.url}" alt="Quảng trường"></figure>'
    )
    mobile_page.goto(live_server.url + article.get_absolute_url())
    img = mobile_page.locator(".article-body picture img")
    img.scroll_into_view_if_needed()
    mobile_page.wait_for_function(
        "() => { const i = document.querySelector('.article-body picture img'); "
        "return i.complete && i.naturalWidth > 0; }"
    )
    shown = img.evaluate(
        "i => ({src: i.currentSrc, natural: i.naturalWidth, shown: i.clientWidth, "
        "dpr: devicePixelRatio})"
    )
    assert shown["dpr"] == 2 and 300 <= shown["shown"] <= 360
    assert shown["natural"] <= 2 * shown["shown"], shown
    assert shown["src"].endswith(".webp") and "/CACHE/" in shown["src"], shown
    assert (
        img.get_attribute("loading") == "lazy"
        and img.get_attribute("width")
        and img.get_attribute("height")
    )


def test_a_pdf_is_attached_and_downloaded_by_a_reader(live_server, page, browser):
    make_staff("Editors", username="bientap")
    article = make_article(title="Công bố quyết định")
    sign_in(page, live_server, "bientap")
    page.goto(live_server.url + "/admin/media/document/add/")
    page.locator("#id_title").fill("Quyết định số 15/QĐ-UBND về quy hoạch")
    page.locator("#id_file").set_input_files(
        {"name": "QD 15.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("thành công")
    document = Document.objects.get()
    assert document.kind == "pdf" and re.fullmatch(
        r"documents/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", document.file.name
    )

    page.goto(live_server.url + f"/admin/articles/article/{article.pk}/change/")
    group = page.locator("#attachments-group")
    group.get_by_role("button", name=re.compile("Thêm một Tài liệu đính kèm")).click()
    group.locator(".select2-selection").first.click()
    page.locator(".select2-dropdown .select2-search__field").fill("quy hoach")
    page.locator(".select2-results__option", has_text="Quyết định số 15").first.click()
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text("thành công")
    assert list(article.attachments.values_list("document__title", flat=True)) == [document.title]

    reader = browser.new_context(locale="vi-VN").new_page()
    reader.goto(live_server.url + article.get_absolute_url())
    item = reader.locator(".attachment-list li")
    expect(item).to_contain_text("Quyết định số 15/QĐ-UBND về quy hoạch")
    expect(item).to_contain_text("(PDF, ")
    with reader.expect_download() as download_info:
        item.get_by_role("link").click()
    download = download_info.value
    assert download.suggested_filename == "quyet-dinh-so-15qd-ubnd-ve-quy-hoach.pdf"
    with open(download.path(), "rb") as saved:
        assert saved.read() == PDF
    response = reader.request.get(live_server.url + document.get_absolute_url())
    assert response.headers["content-disposition"].startswith("attachment;")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-type"] == "application/pdf"


def test_a_gallery_is_opened_navigated_with_the_keyboard_and_closed(live_server, page, artifacts):
    article = make_article(title="Ngày hội văn hóa các dân tộc")
    for i, caption in enumerate(["Múa xòe", "Thi kéo co", "Chợ phiên"]):
        add_to_gallery(
            article,
            make_image(alt=caption, caption=caption, credit="Ảnh: Đỗ Hải", size=(900, 600)),
            position=i,
        )
    page.add_init_script(CSP_WATCH)
    page.goto(live_server.url + article.get_absolute_url())
    gallery = page.locator("section.gallery")
    expect(gallery).to_have_class(re.compile("is-enhanced"))
    gallery.screenshot(path=str(artifacts / "media-gallery-grid.png"))
    opener = gallery.locator(".gallery-open").nth(0)
    opener.focus()
    page.keyboard.press("Enter")
    viewer = page.locator("dialog.gallery-viewer")
    expect(viewer).to_be_visible()
    expect(viewer.locator(".viewer-caption")).to_have_text("Múa xòe Ảnh: Đỗ Hải")
    expect(viewer.locator(".viewer-counter")).to_have_text("Ảnh 1/3")
    page.keyboard.press("ArrowRight")
    expect(viewer.locator(".viewer-counter")).to_have_text("Ảnh 2/3")
    expect(viewer.locator(".viewer-caption")).to_contain_text("Thi kéo co")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    expect(viewer.locator(".viewer-counter")).to_have_text("Ảnh 3/3")
    expect(viewer.locator("picture img")).to_have_attribute("alt", "Chợ phiên")
    page.screenshot(path=str(artifacts / "media-gallery-viewer.png"))
    page.keyboard.press("Escape")
    expect(viewer).to_be_hidden()
    assert page.evaluate("document.activeElement.classList.contains('gallery-open')")
    assert page.evaluate("window.refused") == []


def test_the_gallery_is_swiped_on_a_phone(live_server, mobile_page):
    article = make_article()
    for i in range(2):
        add_to_gallery(article, make_image(alt=f"Ảnh {i}", caption=f"Ảnh số {i}"), position=i)
    mobile_page.goto(live_server.url + article.get_absolute_url())
    mobile_page.locator(".gallery-open").first.click()
    stage = mobile_page.locator(".viewer-stage")
    box = stage.bounding_box()
    y = box["y"] + box["height"] / 2
    stage.dispatch_event("pointerdown", {"clientX": box["x"] + 300, "clientY": y})
    stage.dispatch_event("pointerup", {"clientX": box["x"] + 100, "clientY": y})
    expect(mobile_page.locator(".viewer-counter")).to_have_text("Ảnh 2/2")


def test_without_javascript_the_gallery_is_a_list_of_figures(live_server, browser):
    article = make_article()
    for i in range(2):
        add_to_gallery(article, make_image(alt=f"Ảnh {i}", caption=f"Chú thích {i}"), position=i)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + article.get_absolute_url())
    figures = page.locator("section.gallery ol > li > figure")
    expect(figures).to_have_count(2)
    expect(figures.nth(1).locator("figcaption")).to_be_visible()
    expect(figures.nth(1).locator("figcaption")).to_have_text("Chú thích 1")
    context.close()


def test_a_library_image_in_use_is_refused_for_deletion(live_server, page):
    make_staff("Editors", username="bientap")
    image = make_image(alt="Ảnh dùng chung", caption="Ảnh dùng chung")
    article = make_article(title="Bài viết đang dùng ảnh")
    add_to_gallery(article, image)
    sign_in(page, live_server, "bientap")
    page.goto(live_server.url + f"/admin/media/image/{image.pk}/change/")
    page.locator("a.deletelink").click()
    expect(page.locator("#content")).to_contain_text("Bài viết đang dùng ảnh")
    expect(page.locator("#content form input[type=submit]")).to_have_count(0)
    assert Image.objects.filter(pk=image.pk).exists()
    assert Article.objects.filter(pk=article.pk).exists()


def test_article_with_gallery_documents_and_inline_images_has_no_serious_accessibility_violations(
    live_server, any_page, artifacts
):
    from axe_playwright_python.sync_playwright import Axe

    image = make_image(
        alt="Quảng trường tỉnh", caption="Quảng trường", credit="Ảnh: A", size=(1200, 800)
    )
    article = make_article(
        body='<p>Mở đầu.</p><figure class="image">'
        f'<img src="{image.file.url}" alt="Quảng trường tỉnh">'
        "<figcaption>Quảng trường — Ảnh: A</figcaption></figure>"
    )
    for i in range(3):
        add_to_gallery(
            article,
            make_image(alt=f"Ảnh {i}", caption=f"Chú thích {i}", credit="Ảnh: B"),
            position=i,
        )
    from tests.media.factories import attach, make_document

    attach(article, make_document(title="Quyết định số 1"))
    any_page.goto(live_server.url + article.get_absolute_url())
    any_page.wait_for_load_state("networkidle")
    for state in ("page", "viewer"):
        if state == "viewer":
            any_page.locator(".gallery-open").first.click()
            expect(any_page.locator("dialog.gallery-viewer")).to_be_visible()
        results = Axe().run(any_page)
        bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        if bad:
            results.save_to_file(
                artifacts / f"axe-media-{state}-{any_page.width_name}.json", violations_only=True
            )
        assert bad == [], results.generate_report()
