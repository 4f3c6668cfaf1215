"""nginx in front of two gunicorns, with the real deploy/nginx.conf (localstack renders it).

The micro-cache keeps anonymous reader pages 3 seconds and nothing of anybody's own: staff (the
session cookie) and the admin are never served from it, a response that sets a cookie or that the
app marks private/no-cache/no-store is never stored, English and Vietnamese pages are kept apart
while other cookies (analytics, the view counter's) share one copy. Static and media files come
from disk with nosniff; a body over the app's cap is refused by nginx itself.

The gunicorns run tests/deploy/probe_settings.py: the project's settings plus a few probe views
answering a different body at each render, with the cache headers a test needs.
"""

import gzip
import os
import time
import uuid

import pytest

from articles.models import Article
from deploy import localstack
from tests.factories import make_article, make_category, make_staff

from .conftest import publish_in_admin, request, require, require_redis, sign_in, static_and_media

pytestmark = [pytest.mark.servers]

WINDOW = 3  # proxy_cache_valid in deploy/nginx.conf


@pytest.fixture(scope="module")
def stack(request, tmp_path_factory):
    require("nginx", "Debian: apt-get install nginx")  # before the test database is made
    require("openssl", "Debian: apt-get install openssl")
    require_redis()
    directory = tmp_path_factory.mktemp("nginx-stack")
    static_root, media_root = static_and_media(directory)
    with localstack.local_stack(
        database_url=request.getfixturevalue("test_database_url"),
        servers=2,
        nginx=True,
        redis_url=os.environ.get("REDIS_URL"),
        directory=directory,
        static_root=static_root,
        media_root=media_root,
        extra_env={"DJANGO_SETTINGS_MODULE": "tests.deploy.probe_settings"},
    ) as running:
        yield running


@pytest.fixture
def site(stack, transactional_db):
    """The site's https address; the app's shared cache emptied (nginx's copies expire in 3 s)."""
    stack.redis.flush()
    return stack.nginx.https_url


def get(site, path, **kwargs):
    return request(site, "GET", path, **kwargs)


def cache_status(answer) -> str | None:
    return answer.header("X-Micro-Cache")


def warm(site, path, **kwargs):
    """GET until the copy is fresh in the micro-cache (a previous test's copy may be expiring)."""
    for _ in range(20):
        answer = get(site, path, **kwargs)
        if cache_status(answer) == "HIT":
            return answer
        time.sleep(0.1)
    raise AssertionError(f"{path} never came from the micro-cache (last: {cache_status(answer)})")


def test_anonymous_pages_are_micro_cached_per_language_whatever_other_cookies(site):
    article = make_article(title="Bài viết cho bộ nhớ đệm")
    path = f"{article.get_absolute_url()}?probe={uuid.uuid4().hex[:6]}"  # a key no other test used
    first, second = get(site, path), get(site, path)
    assert first.status == second.status == 200
    assert cache_status(first) == "MISS"
    assert cache_status(second) == "HIT"
    assert 'lang="vi"' in second.text
    # Cookies that do not change the page (analytics, the view counter's) share the copy: Vary:
    # Cookie is not honoured, the key holds the language only.
    other_cookies = get(site, path, cookies={"_ga": "GA1.1.123.456", "viewed": "1.1700000000"})
    assert cache_status(other_cookies) == "HIT"
    # English readers get their own copy, and Vietnamese readers keep theirs.
    english = get(site, path, cookies={"__Host-django_language": "en", "_ga": "GA1.1.1"})
    assert cache_status(english) == "MISS" and 'lang="en"' in english.text
    english_again = get(site, path, cookies={"__Host-django_language": "en"})
    assert cache_status(english_again) == "HIT" and 'lang="en"' in english_again.text
    vietnamese = get(site, path)
    assert cache_status(vietnamese) == "HIT" and 'lang="vi"' in vietnamese.text
    # Crafted cookie headers (odd spacing, duplicates) never put an English page under the
    # Vietnamese key: the app is sent exactly the language the key holds.
    for n, crafted in enumerate(
        (
            "__Host-django_language =en",
            "__Host-django_language=en; __Host-django_language=vi",
            "__Host-django_language=vi; __Host-django_language=en",
            'x=1;__Host-django_language="en"',
        )
    ):
        other = f"{path}&crafted={n}"
        get(site, other, headers={"Cookie": crafted})
        assert 'lang="vi"' in get(site, other).text, crafted
    # HEAD is answered from the same copy.
    head = request(site, "HEAD", path)
    assert head.status == 200 and cache_status(head) == "HIT"


def test_reader_pages_are_compressed_once_on_their_way_into_the_micro_cache(site):
    """Clients that accept gzip get the copy compressed when it was stored (not at every hit);
    those that do not (or refuse it with q=0) get a plain copy of their own."""
    article = make_article(title="Bài viết được nén một lần")
    path = f"{article.get_absolute_url()}?probe={uuid.uuid4().hex[:6]}"
    asks_gzip = {"Accept-Encoding": "gzip, deflate, br"}
    first = get(site, path, headers=asks_gzip)
    assert cache_status(first) == "MISS" and first.header("Content-Encoding") == "gzip"
    page = gzip.decompress(first.body).decode()
    assert "Bài viết được nén một lần" in page and len(first.body) < len(page.encode()) / 2
    again = get(site, path, headers=asks_gzip)
    assert cache_status(again) == "HIT" and again.header("Content-Encoding") == "gzip"
    assert gzip.decompress(again.body).decode() == page
    for plain_headers in ({}, {"Accept-Encoding": "br, gzip;q=0"}, {"Accept-Encoding": "identity"}):
        plain = get(site, path, headers=plain_headers)
        assert plain.header("Content-Encoding") is None, plain_headers
        assert "Bài viết được nén một lần" in plain.text
    assert cache_status(get(site, path)) == "HIT"  # the plain copy is kept too


def test_the_app_sees_the_clients_address_and_https_through_both_hops(site):
    """The reader pages pass through nginx's compressing server: the app still reads the client's
    own address (not the inner hop's) and https, and a forged X-Forwarded-For changes nothing."""
    answer = get(site, "/_probe/client/", headers={"X-Forwarded-For": "203.0.113.9"})
    assert answer.status == 200 and cache_status(answer) != "HIT"
    assert answer.text.split() == ["127.0.0.1", "True"]


def test_staff_and_the_admin_are_never_served_from_the_micro_cache(site):
    make_staff("Editors", username="bientap")
    make_article(title="Trang chủ cho biên tập viên")
    warm(site, "/")  # anonymous readers share the copy
    cookies = sign_in(site, "bientap")
    for _ in range(2):
        staff_home = get(site, "/", cookies=cookies)
        assert staff_home.status == 200
        assert cache_status(staff_home) == "BYPASS"
        assert "private" in staff_home.header("Cache-Control")
    for _ in range(2):
        admin = get(site, "/admin/", cookies=cookies)
        assert admin.status == 200
        assert cache_status(admin) != "HIT"
        anonymous_admin = get(site, "/admin/login/")
        assert cache_status(anonymous_admin) != "HIT"
    # A reader with a message to see (the messages cookie) gets a rendered page too.
    assert cache_status(get(site, "/", cookies={"messages": "x"})) == "BYPASS"
    for _ in range(2):
        assert cache_status(get(site, "/healthz")) != "HIT"


def test_a_published_article_shows_within_the_micro_cache_window(site):
    category = make_category(name="Kinh tế", slug="kinh-te")
    make_article(category=category, title="Tin kinh tế hôm qua")
    title = f"Tin nóng {uuid.uuid4().hex[:8]}"
    draft = make_article(category=category, title=title, status=Article.Status.DRAFT)
    make_staff("Editors", username="bientap3")
    before = warm(site, "/")
    assert title not in before.text
    cookies = sign_in(site, "bientap3")

    publish_in_admin(site, cookies, draft)
    published = time.monotonic()
    seen_after = None
    while time.monotonic() - published < WINDOW + 1.5:
        if title in get(site, "/").text:
            seen_after = time.monotonic() - published
            break
        time.sleep(0.2)
    assert seen_after is not None, "the new article did not show within the micro-cache window"
    assert seen_after <= WINDOW + 1


def test_responses_setting_a_cookie_or_marked_private_are_never_stored(site):
    public = [get(site, "/_probe/public/") for _ in range(2)]
    assert cache_status(public[1]) == "HIT" and public[0].body == public[1].body  # the control
    for path in (
        "/_probe/set-cookie/",
        "/_probe/private/",
        "/_probe/no-cache/",
        "/_probe/no-store/",
    ):
        answers = [get(site, path) for _ in range(3)]
        assert [a.status for a in answers] == [200] * 3
        assert all(cache_status(a) != "HIT" for a in answers), (
            path,
            [cache_status(a) for a in answers],
        )
        assert len({a.body for a in answers}) == 3, path  # rendered each time
    assert get(site, "/_probe/set-cookie/").header("Set-Cookie")
    # The app's own never-cached pages: the contact form (never_cache) and POSTs.
    for _ in range(2):
        assert cache_status(get(site, "/lien-he/")) != "HIT"
    for _ in range(2):  # POSTs never look at the cache (proxy_cache_methods GET HEAD)
        posted = request(
            site, "POST", "/luot-xem/", body=b"{}", headers={"Content-Type": "application/json"}
        )
        assert posted.status == 403 and cache_status(posted) in (None, "BYPASS")


def test_static_and_media_files_come_from_disk_with_nosniff(site):
    static = get(site, "/static/deploy-probe.txt")  # only in STATIC_ROOT: nginx served it
    assert static.status == 200 and static.text == "served by nginx\n"
    assert static.header("X-Content-Type-Options") == "nosniff"
    assert static.header("X-Micro-Cache") is None
    assert static.header("Cache-Control") == "public, max-age=3600"
    hashed = get(site, "/static/css/probe.0123456789ab.css")
    assert hashed.status == 200 and hashed.header("X-Content-Type-Options") == "nosniff"
    assert hashed.header("Cache-Control") == "public, max-age=31536000, immutable"

    media = get(site, "/media/covers/probe.html")
    assert media.status == 200
    assert media.header("X-Content-Type-Options") == "nosniff"
    policy = media.header("Content-Security-Policy")
    assert "sandbox" in policy and "default-src 'none'" in policy
    document = get(site, "/media/documents/probe.pdf")
    assert document.status == 200 and document.header("Content-Disposition") == "attachment"
    assert document.header("X-Content-Type-Options") == "nosniff"
    assert get(site, "/media/").status in (403, 404)  # no directory listing


def test_a_body_over_the_cap_is_refused_by_nginx(site, stack):
    general, media = localstack.body_caps_mb(stack.apps[0].env)
    # Declared too large: refused at once, before a byte of body is read.
    declared = request(
        site, "POST", "/lien-he/", headers={"Content-Length": str((general + 1) * 1024 * 1024)}
    )
    assert declared.status == 413
    assert b"nginx" in declared.body  # nginx's own page, not the app's
    # Sent without a Content-Length (chunked): nginx counts what arrives.
    chunk = b"x" * (1024 * 1024)

    def chunks():
        for _ in range(general + 1):
            yield chunk

    chunked = request(site, "POST", "/lien-he/", body=chunks())  # http.client sends it chunked
    assert chunked.status == 413 and b"nginx" in chunked.body
    # The media library's pages take one phone photo: a body over the general cap passes to the app.
    assert media > general
    library = request(
        site,
        "POST",
        "/admin/media/image/add/",
        body=b"x" * ((general + 1) * 1024 * 1024),
        headers={"Content-Type": "application/octet-stream"},
    )
    assert library.status != 413


def test_http_redirects_to_https_and_one_app_server_down_is_not_noticed(site, stack):
    plain = request(stack.nginx.http_url, "GET", "/chuyen-muc/x/?a=1")
    assert plain.status == 301 and plain.header("Location").startswith("https://")
    assert plain.header("Location").endswith("/chuyen-muc/x/?a=1")

    down = stack.apps[1]
    down.__exit__(None, None, None)
    try:
        answers = [get(site, f"/healthz?n={n}") for n in range(6)]
        assert [a.status for a in answers] == [200] * 6
    finally:
        down.__enter__()
        down.wait_until_up()
