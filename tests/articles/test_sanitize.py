"""Rich text is sanitized on save: no payload survives into the database or the page."""

import html
import re

import pytest

from articles.models import Article
from articles.sanitize import sanitize_html
from tests.factories import make_article

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<img src="javascript:alert(1)">',
    '<a href="javascript:alert(1)">bấm vào đây</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    "<svg onload=alert(1)><circle r=10></circle></svg>",
    "<body onload=alert(1)>",
    '<iframe src="https://evil.example/"></iframe>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<form action="https://evil.example/"><input name=p><button>Gửi</button></form>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div style="behavior:url(x.htc)">x</div>',
    '<object data="https://evil.example/x.swf"></object>',
    '<embed src="https://evil.example/x.swf">',
    (
        "<math><mtext><table><mglyph><style><!--</style>"
        '<img title="--&gt;&lt;img src=1 onerror=alert(1)&gt;">'
    ),
    "<details open ontoggle=alert(1)>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<link rel=stylesheet href="https://evil.example/x.css">',
    "<style>body{display:none}</style>",
    '<base href="https://evil.example/">',
    '<p onmouseover="alert(1)">rê chuột</p>',
    '<a href="https://ok.example/" onclick="alert(1)">x</a>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<!--<img src=x onerror=alert(1)>-->",
    "<textarea><script>alert(1)</script></textarea>",
    '<video><source onerror="alert(1)"></video>',
]

DANGER = re.compile(
    r"<script|onerror|onload|onclick|onmouseover|ontoggle|javascript:|data:text|data:image/svg|<iframe(?![^>]*youtube)"
    r"|<form|<input|<object|<embed|<svg|<math|<meta|<link|<style|<base|behavior:|srcdoc|<textarea|<video",
    re.IGNORECASE,
)


def dangerous(markup: str) -> bool:
    """DANGER in the markup, or in an attribute value once its character references are decoded
    (a browser reads href="&#106;avascript:…" as javascript:)."""
    values = re.findall(r"""=\s*(?:"([^"]*)"|'([^']*)')""", markup)
    decoded = (html.unescape(double or single) for double, single in values)
    return bool(DANGER.search(markup)) or any(DANGER.search(value) for value in decoded)


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_every_payload_is_dangerous_before_sanitizing(payload):
    """Otherwise the tests below would pass for it without any sanitizing."""
    assert dangerous(payload)


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_sanitize_neutralises_payload(payload):
    assert not dangerous(sanitize_html(f"<p>Trước</p>{payload}<p>Sau</p>"))


@pytest.mark.django_db
@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_payload_is_gone_from_database_and_page(client, payload):
    article = make_article(body=f"<p>Đoạn mở đầu.</p>{payload}<p>Đoạn kết.</p>")
    stored = Article.objects.get(pk=article.pk).body
    assert not dangerous(stored)
    assert "Đoạn mở đầu." in stored  # what came before the payload is kept
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    start = page.index("Đoạn mở đầu.")
    end = page.find("Đoạn kết.", start)
    assert not dangerous(page[start : end if end > 0 else start + len(stored) + 200])


def test_word_paste_debris_is_removed():
    word = (
        '<p class="MsoNormal" style="mso-line-height-alt:12pt;text-align:justify">'
        "<o:p>Văn bản</o:p>"
        "<!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]--></p>"
    )
    cleaned = sanitize_html(word)
    assert "mso" not in cleaned.lower() and "<o:p" not in cleaned and "<xml" not in cleaned
    assert cleaned == '<p style="text-align:justify">Văn bản</p>'


@pytest.mark.parametrize(
    "html",
    [
        (
            "<h2>Tiêu đề phụ</h2><p>Đoạn <strong>đậm</strong>, <em>nghiêng</em> và "
            '<a href="https://chinhphu.vn/" rel="noopener noreferrer">liên kết</a>.</p>'
        ),
        "<ul><li>Một</li><li>Hai</li></ul><ol><li>Ba</li></ol>",
        "<blockquote><p>Trích dẫn</p></blockquote>",
        (
            '<figure class="image"><img src="/media/uploads/a.jpg" alt="Ảnh">'
            "<figcaption>Chú thích ảnh</figcaption></figure>"
        ),
        (
            '<figure class="table"><table><thead><tr><th>Cột</th></tr></thead>'
            "<tbody><tr><td>Ô</td></tr></tbody></table></figure>"
        ),
        (
            '<figure class="media">'
            '<iframe src="https://www.youtube.com/embed/abc123" allowfullscreen=""></iframe>'
            "</figure>"
        ),
        '<p style="text-align:center">Căn giữa</p>',
    ],
)
def test_normal_editor_content_is_kept(html):
    assert sanitize_html(html) == html


def test_sanitizing_is_idempotent():
    once = sanitize_html("".join(XSS_PAYLOADS))
    assert sanitize_html(once) == once


@pytest.mark.parametrize(
    "src",
    [
        # Python sees youtube, a browser sees evil
        "https://evil.example\\@www.youtube.com/embed/x",
        "https://www.youtube.com:443@evil.example/",
        "https://www.youtube.com.evil.example/embed/x",
        "http://www.youtube.com/embed/x",
        "https://youtube.com/embed/x",  # not in the CSP's frame-src either
        "https://www.youtube.com/embed/x\tjavascript:alert(1)",
        "//www.youtube.com/embed/x",
    ],
)
def test_iframes_only_from_the_exact_video_hosts(src):
    assert "<iframe" not in sanitize_html(f'<iframe src="{src}"></iframe>')


def test_iframe_permissions_are_not_kept(settings):
    cleaned = sanitize_html(
        '<iframe src="https://player.vimeo.com/video/1" allow="camera; microphone"></iframe>'
    )
    assert cleaned == '<iframe src="https://player.vimeo.com/video/1"></iframe>'


def test_the_csp_allows_frames_from_the_same_hosts_as_the_sanitizer(settings):
    frame_src = next(d for d in settings.CONTENT_SECURITY_POLICY if d.startswith("frame-src "))
    assert frame_src.split()[1:] == [f"https://{host}" for host in settings.EMBED_VIDEO_HOSTS]
