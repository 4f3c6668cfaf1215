"""Who is asking: the client's address, a keyed hash of it, and whether a POST came from our pages.

The endpoints use them through the guard (portal/guards.py: origin check and rate limit, one
decorator on the feedback forms, the view beacon and the language button); the view beacon and
the sign-in throttle also key their counts on `client_ip`.

Was this POST sent by one of our own pages? One check for every cookie-less form and beacon.

Article pages are kept by browsers and shared caches (`Cache-Control: public`): they carry no
per-reader CSRF token and set no cookie. The endpoints they post to (the feedback form, the view
beacon, the language button) are therefore exempt from Django's token check and verify instead
where the request comes from, with the standard headers, as Django's CsrfViewMiddleware does
before its token check (OWASP Cross-Site Request Forgery Prevention Cheat Sheet, "Verifying Origin
With Standard Headers"):

- `Origin` present: it must be this site's own origin (scheme://host of the request), the
  PUBLIC_BASE_URL, or one of settings.CSRF_TRUSTED_ORIGINS (a `*.` entry allows subdomains, as in
  Django); "null" (sandboxed or privacy-stripped) is refused;
- `Origin` absent: `Sec-Fetch-Site: same-origin` (set by the browser, not by scripts) is enough;
  any other Sec-Fetch-Site value is refused; without it the `Referer` must have an allowed origin
  (an https request needs an https Referer);
- none of these headers: refused. Every browser sends `Origin` with a form or fetch POST, and our
  Referrer-Policy (strict-origin-when-cross-origin) keeps the Referer on same-origin requests.
"""

import hashlib
import hmac
import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.utils.http import is_same_domain


def _allowed(request, origin: str) -> bool:
    try:
        own = f"{'https' if request.is_secure() else 'http'}://{request.get_host()}"
    except DisallowedHost:
        own = None
    if origin in (own, settings.PUBLIC_BASE_URL or None):
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
            domain = wanted.netloc.lstrip("*")
            if wanted.scheme == parts.scheme and is_same_domain(parts.netloc, domain):
                return True
    return False


def sent_from_our_pages(request) -> bool:
    """Whether this POST was sent by a page of this site (or of a trusted origin)."""
    origin = request.META.get("HTTP_ORIGIN")
    if origin is not None:
        return _allowed(request, origin)
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if fetch_site is not None:
        return fetch_site == "same-origin"
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


def client_ip(request) -> str:
    """The client's address (feedback rate limit, view counting).

    FEEDBACK_CLIENT_IP_HEADER names the request header to use (e.g. HTTP_X_REAL_IP). When it is
    empty (the default): behind the HTTPS proxy (BEHIND_HTTPS_PROXY, i.e. SECURE_PROXY_SSL_HEADER
    set) REMOTE_ADDR is the proxy's own address, shared by every reader, so the address is the
    right-most entry of X-Forwarded-For: the one our proxy appended, the address it saw. The
    entries to its left come from the client and are never used. Without a proxy, REMOTE_ADDR.
    Whatever the header, a missing or malformed value falls back to REMOTE_ADDR."""
    remote = request.META.get("REMOTE_ADDR", "")
    header = settings.FEEDBACK_CLIENT_IP_HEADER
    if not header:
        header = "HTTP_X_FORWARDED_FOR" if settings.SECURE_PROXY_SSL_HEADER else "REMOTE_ADDR"
    # X-Forwarded-For style lists: the proxy appends the address it saw last.
    value = request.META.get(header, "").split(",")[-1].strip()
    return _address(value) or _address(remote) or remote[:64]


def _address(value: str) -> str | None:
    """An IP address in its usual form, also from "1.2.3.4:5678" or "[2001:db8::1]:443".

    An IPv6 address is reduced to its /64 network: one subscriber usually holds a whole /64, and
    per-address limits (feedback, view counting) must not be dodged by rotating through it."""
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        try:
            address = ipaddress.ip_address(urlsplit("//" + value).hostname or "")
        except ValueError:
            return None
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def keyed_hash(*parts: str, length: int = 16) -> str:
    """A short HMAC (keyed by SECRET_KEY) of the parts: lets caches and logs tell clients apart
    without holding their addresses."""
    message = "\n".join(parts).encode("utf-8", "replace")
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:length]
