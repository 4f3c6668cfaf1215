"""Cross-site request forgery protection for the feedback form, without a cookie or a token.

The form sits under every article, and article pages are kept by browsers and shared caches
(`Cache-Control: public`): they must not carry a per-reader CSRF token nor set a CSRF cookie.
So the feedback endpoints are exempt from Django's token check and verify instead where the
request comes from, with the standard headers, as Django's CsrfViewMiddleware does before its
token check (OWASP Cross-Site Request Forgery Prevention Cheat Sheet, "Verifying Origin With
Standard Headers"):

- `Origin` present: it must be this site's own origin (scheme://host of the request) or one of
  settings.CSRF_TRUSTED_ORIGINS (a `*.` entry allows subdomains, as in Django);
- `Origin` absent: the `Referer` must be present and have such an origin (an https request needs
  an https Referer);
- neither header: refused. Every browser sends `Origin` with a form POST; our
  Referrer-Policy (strict-origin-when-cross-origin) keeps the Referer on same-origin requests.

The signed form token (spam.py, bound to the article) and the SameSite default of the browsers'
cookies (we set no cookie the form relies on) complete the protection.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.utils.http import is_same_domain


def _allowed(request, origin: str) -> bool:
    try:
        host = request.get_host()
    except DisallowedHost:
        host = None
    if host is not None:
        own = f"{'https' if request.is_secure() else 'http'}://{host}"
        if origin == own:
            return True
    trusted = settings.CSRF_TRUSTED_ORIGINS
    if origin in (entry for entry in trusted if "*" not in entry):
        return True
    try:
        parts = urlsplit(origin)
    except ValueError:
        return False
    for entry in trusted:
        if "*" in entry:
            wanted = urlsplit(entry)
            if wanted.scheme == parts.scheme and is_same_domain(
                parts.netloc, wanted.netloc.lstrip("*")
            ):
                return True
    return False


def same_origin(request) -> bool:
    """Whether this POST was sent by a page of this site (or of a trusted origin)."""
    origin = request.META.get("HTTP_ORIGIN")
    if origin is not None:
        return _allowed(request, origin)  # "null" (sandboxed or privacy-stripped) is refused
    referer = request.META.get("HTTP_REFERER")
    if not referer:
        return False
    try:
        parts = urlsplit(referer)
    except ValueError:
        return False
    if not parts.scheme or not parts.netloc:
        return False
    if request.is_secure() and parts.scheme != "https":
        return False
    return _allowed(request, f"{parts.scheme}://{parts.netloc}")
