"""Documents attached to articles: judged by content, stored under generated names, listed under the
article, downloaded (never shown inline), and searchable by title."""

import re

import pytest
from django.contrib.postgres.search import SearchQuery
from django.core.exceptions import ValidationError
from django.urls import reverse

from articles.models import Article
from medialib import documents
from medialib.models import Document
from tests.factories import make_article, make_staff

from .factories import (
    OLE2,
    PDF,
    attach,
    docx_bytes,
    make_document,
    odf_bytes,
    upload,
    xlsx_bytes,
    zip_bytes,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name, content, kind",
    [
        ("a.pdf", PDF, "pdf"),
        ("a.docx", docx_bytes(), "docx"),
        ("a.xlsx", xlsx_bytes(), "xlsx"),
        ("a.odt", odf_bytes("text"), "odt"),
        ("a.ods", odf_bytes("spreadsheet"), "ods"),
        ("a.zip", zip_bytes({"a.txt": b"x"}), "zip"),
        ("a.doc", OLE2, "doc"),
        ("a.xls", OLE2, "xls"),
        ("ten-sai.pdf", docx_bytes(), "docx"),  # the content decides, not the name
    ],
)
def test_documents_are_recognised_by_their_content(name, content, kind):
    assert documents.check_document(upload(name, content)) == kind


@pytest.mark.parametrize(
    "name, content, code",
    [
        ("trang.pdf", b"<html><script>alert(1)</script></html>", "not_a_document"),
        ("virus.docx", b"MZ\x90\x00" + b"\0" * 100, "not_a_document"),
        ("anh.pdf", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "not_a_document"),
        ("hong.zip", b"PK\x03\x04" + b"\0" * 20, "not_a_document"),
        ("cu.bin", OLE2, "ole_name"),
        ("rong.pdf", b"", "empty"),
    ],
)
def test_other_files_are_refused(name, content, code):
    with pytest.raises(ValidationError) as refused:
        documents.check_document(upload(name, content))
    assert refused.value.code == code


def test_the_size_is_capped_by_a_setting(settings):
    settings.DOCUMENT_UPLOAD_MAX_MB = 1
    big = PDF + b"0" * (1024 * 1024)
    with pytest.raises(ValidationError) as refused:
        documents.check_document(upload("lon.pdf", big))
    assert refused.value.code == "too_big"
    assert "1 MB" in refused.value.messages[0]


def test_a_document_is_stored_under_a_generated_name():
    document = make_document(name="Quyết định <script>.pdf")
    assert re.fullmatch(r"documents/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", document.file.name)
    assert (document.kind, document.size, document.original_name) == (
        "pdf",
        len(PDF),
        "Quyết định <script>.pdf",
    )


def test_a_document_saved_in_the_shell_is_judged_too():
    with pytest.raises(ValidationError):
        make_document(name="a.pdf", content=b"<html></html>")
    assert not Document.objects.exists()


def test_the_admin_refuses_a_fake_document_in_vietnamese(client):
    client.force_login(make_staff("Editors"))
    response = client.post(
        reverse("admin:media_document_add"),
        {"title": "Kế hoạch", "file": upload("ke-hoach.pdf", b"<html>")},
    )
    assert response.status_code == 200
    assert "Tệp này không phải là tài liệu có thể đính kèm" in response.content.decode()
    assert not Document.objects.exists()


def test_an_author_uploads_a_document_in_the_admin(client):
    author = make_staff("Authors")
    client.force_login(author)
    response = client.post(
        reverse("admin:media_document_add"),
        {"title": "Kế hoạch số 12", "file": upload("ke-hoach.docx", docx_bytes())},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    document = Document.objects.get()
    assert (document.kind, document.uploaded_by) == ("docx", author)
    assert document.file.name.endswith(".docx") and "ke-hoach" not in document.file.name


def test_attached_documents_are_listed_under_the_article_in_order(client):
    article = make_article()
    second = make_document(title="Phụ lục kèm theo", content=xlsx_bytes(), name="pl.xlsx")
    first = make_document(title="Quyết định số 15/QĐ-UBND")
    attach(article, second, position=2)
    attach(article, first, position=1)
    html = client.get(article.get_absolute_url()).content.decode()
    section = html[html.index('class="attachments"') :]
    assert section.index("Quyết định số 15/QĐ-UBND") < section.index("Phụ lục kèm theo")
    assert "Tài liệu đính kèm" in html
    assert "(PDF, " in section and "(Excel, " in section
    assert f'href="{first.get_absolute_url()}" download' in section


def test_a_reader_downloads_an_attached_document_with_safe_headers(client):
    article = make_article()
    document = make_document(title="Quyết định số 15/QĐ-UBND")
    attach(article, document)
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="quyet-dinh-so-15qd-ubnd.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_a_document_of_no_published_article_is_not_served_to_readers(client):
    draft = make_article(status=Article.Status.DRAFT)
    document = make_document()
    attach(draft, document)
    assert client.get(document.get_absolute_url()).status_code == 404
    client.force_login(make_staff("Editors"))
    assert (
        client.get(document.get_absolute_url()).status_code == 200
    )  # staff check it before publishing


def test_a_wrong_download_name_redirects_and_a_missing_file_is_404(client):
    article = make_article()
    document = make_document(title="Báo cáo")
    attach(article, document)
    response = client.get(reverse("media:document", kwargs={"pk": document.pk, "name": "khac.pdf"}))
    assert response.status_code == 301 and response["Location"] == document.get_absolute_url()
    document.file.delete(save=False)
    assert (
        client.get(
            reverse("media:document", kwargs={"pk": document.pk, "name": "bao-cao.pdf"})
        ).status_code
        == 404
    )


def _indexed(article, words: str) -> bool:
    return Article.objects.filter(
        pk=article.pk, search_document=SearchQuery(words, config="simple")
    ).exists()


def test_the_search_document_includes_the_attachments_titles(client):
    article = make_article(title="Hội nghị tổng kết")
    document = make_document(title="Nghị quyết về đường giao thông nông thôn")
    attach(article, document)
    assert _indexed(article, "nghi quyet giao thong")
    found = client.get(reverse("search:search"), {"q": "nghi quyet giao thong"}).content.decode()
    assert article.get_absolute_url() in found.split('class="search-results"')[1].split("</ol>")[0]
    document.title = "Kế hoạch xây trường học"
    document.save()
    assert not _indexed(article, "giao thong") and _indexed(article, "truong hoc")
    article.attachments.all().delete()
    assert not _indexed(article, "truong hoc")


def test_staff_find_documents_without_tone_marks(client):
    client.force_login(make_staff("Editors"))
    make_document(title="Quyết định về quy hoạch đô thị")
    make_document(title="Báo cáo tài chính")
    page = client.get(
        reverse("admin:media_document_changelist"), {"q": "quy hoach"}
    ).content.decode()
    assert "Quyết định về quy hoạch đô thị" in page and "Báo cáo tài chính" not in page
    found = client.get(
        "/admin/autocomplete/",
        {
            "term": "bao cao",
            "app_label": "media",
            "model_name": "articledocument",
            "field_name": "document",
        },
    ).json()
    assert [r["text"] for r in found["results"]] == ["Báo cáo tài chính"]
