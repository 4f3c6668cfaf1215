"""Settings for the news portal: one module, every value from the environment.

Each variable is listed, with its default, in the README ("Configuration"). A `.env` file in the
project root (written by `make run` for development) is read first; real environment variables
win over it. With DEBUG off the process refuses to start without SECRET_KEY.
"""

import os
from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def _read_dotenv(path: Path) -> None:
    if not path.is_file():
        return
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        os.environ.setdefault(key.strip(), value.strip().strip("'\""))


_read_dotenv(BASE_DIR / ".env")


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        # One line, no traceback: the process refuses to start.
        raise SystemExit(
            "SECRET_KEY is not set. Set it in the environment (or set DEBUG=1 for development)."
        )
    SECRET_KEY = "dev-only-insecure-key-never-used-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "taggit",
    "django_ckeditor_5",
    "imagekit",  # reader site: image renditions (WebP + JPEG in several widths)
    "portal",
    "articles",
    "feedback",
    "newsroom",  # revisions, edit conflicts, trash and the review loop of articles (issue 9)
    "medialib",  # the media library: images, documents, galleries (issue 13; app label "media")
    # the reader's search page and its ranking (reads the columns articles.search_index keeps)
    "search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # anonymous reader pages from the cache, before anything below runs (portal/pagecache.py)
    "portal.pagecache.PageCacheMiddleware",
    "portal.middleware.PrivateIfCookieMiddleware",  # sees the cookies the middlewares below set
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.i18n.ChosenLanguageMiddleware",  # vi unless the reader chose English
    "portal.upload_limits.RequestSizeLimitMiddleware",  # 413 before reading a body over the cap
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # reader site: ETag + 304 answers for every GET, and a strict CSP outside the admin
    "django.middleware.http.ConditionalGetMiddleware",
    "portal.middleware.ContentSecurityPolicyMiddleware",
    # the database does not answer: 503 with Retry-After instead of a 500 (portal/outage.py)
    "portal.outage.DatabaseUnavailableMiddleware",
    # DEBUG only: the site's own 404 page instead of Django's technical one (portal/debug_404.py)
    "portal.debug_404.SiteNotFoundPageMiddleware",
]
# With DEBUG, 1 shows Django's technical 404 page (every URL pattern) instead of the site's own.
DEBUG_TECHNICAL_404 = env_bool("DEBUG_TECHNICAL_404", False)

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site",  # reader site: editable site settings
            ],
        },
    },
]

# Database: DATABASE_URL when set (production, CI), otherwise the embedded PostgreSQL under .data/.
DATA_DIR = Path(env("DATA_DIR", str(BASE_DIR / ".data")))
if env("DATABASE_URL"):
    import dj_database_url

    DATABASES = {
        "default": dj_database_url.parse(
            env("DATABASE_URL"),
            conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        )
    }
    # An unreachable database host must cost a request seconds, not the system's TCP timeout.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 3)
    )
else:
    from portal.embedded_db import database_settings

    DATABASES = {"default": database_settings(DATA_DIR / "postgres")}
# The reader pages' few hot statements are prepared on the server once per connection
# (portal/prepared.py); 0 behind a pooler that shares or resets server sessions (PgBouncer in
# transaction mode).
PREPARED_STATEMENTS = env_bool("PREPARED_STATEMENTS", True)
DATABASES["default"].setdefault("TEST", {})
if env("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"]["NAME"] = env("TEST_DATABASE_NAME")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (shared by every app server), otherwise local memory. Redis
# is optional at run time (portal/cache.py): when it does not answer within REDIS_SOCKET_TIMEOUT
# seconds, each process answers from its own memory and tries Redis again every REDIS_RETRY_SECONDS.
# The "pages" cache holds whole reader pages (portal/pagecache.py): in Redis beside the rest, or in
# each process's memory, at most PAGE_CACHE_MAX_ENTRIES pages (about 40 KB each).
PAGE_CACHE_MAX_ENTRIES = env_int("PAGE_CACHE_MAX_ENTRIES", 300)
if env("REDIS_URL"):
    _redis = {
        "BACKEND": "portal.cache.ResilientRedisCache",
        "LOCATION": env("REDIS_URL"),
        "KEY_PREFIX": env("CACHE_KEY_PREFIX", "portal"),
        "OPTIONS": {
            "SOCKET_TIMEOUT": float(env("REDIS_SOCKET_TIMEOUT", "0.5")),
            "RETRY_SECONDS": float(env("REDIS_RETRY_SECONDS", "5")),
        },
    }
    CACHES = {
        "default": _redis,
        "pages": {
            **_redis,
            "KEY_PREFIX": f"{_redis['KEY_PREFIX']}:pages",
            "OPTIONS": {**_redis["OPTIONS"], "FALLBACK_MAX_ENTRIES": PAGE_CACHE_MAX_ENTRIES},
        },
    }
else:
    # Each process's own memory (one server, or development); room for the rendered cards of a
    # few thousand articles (about 1 KB each), far above Django's default of 300 entries.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": env_int("LOCAL_CACHE_MAX_ENTRIES", 5000)},
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": PAGE_CACHE_MAX_ENTRIES},
        },
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Only staff have accounts here: 12 characters at least (issue 10).
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language and time: Vietnamese first, English available; Vietnam's time zone.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
# locale/: the templates' strings (make messages); portal/overrides/: Django's and django-axes'
# own strings worded for this site, kept by hand (makemessages cannot see them).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "portal" / "overrides"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
FORMAT_MODULE_PATH = ["portal.formats"]  # day-first date input for Vietnamese
USE_I18N = True
USE_TZ = True

# Static and media files.
STATIC_URL = env("STATIC_URL", "/static/")
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_ROOT = BASE_DIR / "static" / "root"  # served at the site's root: /favicon.ico
MEDIA_URL = env("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and env_bool("STATIC_MANIFEST", True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
FILE_UPLOAD_PERMISSIONS = 0o644

# E-mail: console in development, SMTP when EMAIL_HOST is set.
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if env("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Cổng thông tin điện tử <no-reply@localhost>")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ADMINS = [("Admin", address) for address in env_list("ADMINS")]

# Security: strict by default whenever DEBUG is off (README, "Security").
# Turn BEHIND_HTTPS_PROXY on only behind a proxy that terminates TLS and sets X-Forwarded-Proto and
# X-Forwarded-For on every request: without one, any client could claim https, or choose the
# address that the rate limits and view counting see.
BEHIND_HTTPS_PROXY = env_bool("BEHIND_HTTPS_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_HTTPS_PROXY else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Cookies: every one Secure (outside development) and SameSite=Lax. With https, the session, CSRF
# and language cookies carry the __Host- prefix: a browser accepts them only over https, for this
# exact host and path /, so a sibling subdomain cannot plant or overwrite them.
_HOST_PREFIX = "" if DEBUG else "__Host-"
SESSION_COOKIE_NAME = _HOST_PREFIX + "sessionid"
CSRF_COOKIE_NAME = _HOST_PREFIX + "csrftoken"
LANGUAGE_COOKIE_NAME = _HOST_PREFIX + "django_language"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = LANGUAGE_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = LANGUAGE_COOKIE_HTTPONLY = True
# Powerful browser features no page of the portal uses; embedded players may go full screen.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=(), browsing-topics=(), "
    'fullscreen=(self "https://www.youtube.com" "https://www.youtube-nocookie.com" '
    '"https://player.vimeo.com" "https://www.facebook.com")'
)

# Rich text: CKEditor 5 in the admin; uploads go through our own staff-only view.
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "articles:editor_upload"
# Images (covers and editor uploads, portal/imagecheck.py): bytes of one file (EDITOR_UPLOAD_MAX_MB
# is the old name of the variable), pixels of one image (all frames of an animation together).
IMAGE_UPLOAD_MAX_MB = env_int("IMAGE_UPLOAD_MAX_MB", env_int("EDITOR_UPLOAD_MAX_MB", 5))
IMAGE_UPLOAD_MAX_BYTES = IMAGE_UPLOAD_MAX_MB * 1024 * 1024
IMAGE_MAX_PIXELS = env_int("IMAGE_MAX_PIXELS", 40_000_000)
# A request body declaring more than this is refused with 413 before it is read
# (portal/upload_limits.py): one image plus the form's other fields (Django's
# DATA_UPLOAD_MAX_MEMORY_SIZE, 2.5 MB) and the multipart framing. The proxy's client_max_body_size
# should be the same (README, "Deploying").
REQUEST_BODY_MAX_BYTES = (IMAGE_UPLOAD_MAX_MB + 3) * 1024 * 1024
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "jpg", "png", "gif", "webp"]
CKEDITOR_5_CONFIGS = {
    "default": {
        "language": "vi",
        "toolbar": {
            "items": [
                "heading",
                "|",
                "bold",
                "italic",
                "link",
                "bulletedList",
                "numberedList",
                "blockQuote",
                "|",
                "imageUpload",
                "insertTable",
                "mediaEmbed",
                "|",
                "removeFormat",
                "undo",
                "redo",
            ],
            "shouldNotGroupWhenFull": True,
        },
        "image": {
            "toolbar": [
                "imageTextAlternative",
                "toggleImageCaption",
                "|",
                "imageStyle:alignLeft",
                "imageStyle:alignCenter",
                "imageStyle:alignRight",
            ],
        },
        "table": {"contentToolbar": ["tableColumn", "tableRow", "mergeTableCells"]},
        "mediaEmbed": {"previewsInData": True},
        "heading": {
            "options": [
                {"model": "paragraph", "title": "Paragraph", "class": "ck-heading_paragraph"},
                {
                    "model": "heading2",
                    "view": "h2",
                    "title": "Heading 2",
                    "class": "ck-heading_heading2",
                },
                {
                    "model": "heading3",
                    "view": "h3",
                    "title": "Heading 3",
                    "class": "ck-heading_heading3",
                },
                {
                    "model": "heading4",
                    "view": "h4",
                    "title": "Heading 4",
                    "class": "ck-heading_heading4",
                },
            ]
        },
    }
}

TAGGIT_CASE_INSENSITIVE = True
LOGIN_URL = (
    "admin:login"  # staff-only pages (the preview) send signed-out staff to the admin's login
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"pgserver": {"level": "WARNING"}},
}

# --- Reader feedback (issue 4, feedback app) -------------------------------------------------
# Spam defences: accepted submissions per client address per window (kept in CACHES, so shared
# by every app server when REDIS_URL is set); the least time between showing and sending the form
# (a signed timestamp in the form); how long a shown form stays valid.
FEEDBACK_RATE_LIMIT = env_int("FEEDBACK_RATE_LIMIT", 5)
FEEDBACK_RATE_WINDOW_SECONDS = env_int("FEEDBACK_RATE_WINDOW_SECONDS", 10 * 60)
FEEDBACK_MIN_SECONDS = env_int("FEEDBACK_MIN_SECONDS", 3)
FEEDBACK_FORM_MAX_AGE_SECONDS = env_int("FEEDBACK_FORM_MAX_AGE_SECONDS", 24 * 60 * 60)
# The request header holding the reader's address for the rate limit, e.g. HTTP_X_REAL_IP (only
# a header the proxy overwrites; of a list, the right-most entry is used). Empty (the default):
# behind the HTTPS proxy (BEHIND_HTTPS_PROXY) the right-most X-Forwarded-For entry, the address
# the proxy saw; otherwise REMOTE_ADDR. REMOTE_ADDR also when the header is missing or malformed.
FEEDBACK_CLIENT_IP_HEADER = env("FEEDBACK_CLIENT_IP_HEADER", "")
# Spam heuristics: more links than this, or one of these words (added to the built-in list).
FEEDBACK_SPAM_MAX_LINKS = env_int("FEEDBACK_SPAM_MAX_LINKS", 2)
FEEDBACK_SPAM_WORDS = env_list("FEEDBACK_SPAM_WORDS")
# Personal data: days after which senders' e-mail, phone and address are erased (all items /
# rejected and spam items); run `manage.py feedback_retention` daily.
FEEDBACK_RETENTION_DAYS = env_int("FEEDBACK_RETENTION_DAYS", 365)
FEEDBACK_REJECTED_RETENTION_DAYS = env_int("FEEDBACK_REJECTED_RETENTION_DAYS", 30)
# Notifying moderators of new feedback: "immediate" (one e-mail per item), "digest" (run
# `manage.py feedback_digest` on a schedule) or "off". Recipients: this list, or when empty the
# e-mail addresses of the Moderators group's active members.
FEEDBACK_NOTIFY = env("FEEDBACK_NOTIFY", "immediate")
FEEDBACK_MODERATOR_EMAILS = env_list("FEEDBACK_MODERATOR_EMAILS")
# Approved feedback shown under an article before "show all".
FEEDBACK_PER_PAGE = env_int("FEEDBACK_PER_PAGE", 20)
# --- end of reader feedback settings ---------------------------------------------------------
FORMS_URLFIELD_ASSUME_HTTPS = True  # transitional setting: Django 6.0 default

# When the database does not answer, pages answer 503 with this Retry-After (portal/outage.py).
DATABASE_RETRY_AFTER_SECONDS = env_int("DATABASE_RETRY_AFTER_SECONDS", 30)

# --- Reader site (issue 3) -------------------------------------------------------------------
# Hosts whose video players editors may embed in the body: the sanitizer keeps iframes from these
# hosts only (https, the exact host), and the CSP's frame-src allows the same list.
EMBED_VIDEO_HOSTS = [
    "www.youtube.com",
    "www.youtube-nocookie.com",
    "player.vimeo.com",
    "www.facebook.com",
]

# Content-Security-Policy for public pages: scripts, styles, fonts and images from our own origin
# only (no CDN). Inline style *attributes* stay allowed for the editor's image widths; <style> and
# <script> elements must come from files. Videos embedded by editors come from the sanitizer's
# hosts.
_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src-elem": "'self'",
    "style-src-attr": "'unsafe-inline'",
    "img-src": "'self' data:" + (" " + env("MEDIA_ORIGIN") if env("MEDIA_ORIGIN") else ""),
    "font-src": "'self'",
    "connect-src": "'self'",
    "frame-src": " ".join(f"https://{host}" for host in EMBED_VIDEO_HOSTS),
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
CONTENT_SECURITY_POLICY = [f"{directive} {value}" for directive, value in _CSP.items()]
# The admin's policy: CKEditor 5 may add <style> elements and sizes resized images with style
# attributes, and shows pasted or uploaded images as data:/blob: while editing; scripts still come
# only from our own files.
_ADMIN_CSP = {
    **_CSP,
    "style-src-elem": "'self' 'unsafe-inline'",
    "img-src": _CSP["img-src"] + " blob:",
    "font-src": "'self' data:",
}
ADMIN_CONTENT_SECURITY_POLICY = [f"{directive} {value}" for directive, value in _ADMIN_CSP.items()]
ADMIN_PATH_PREFIX = "/admin/"
# Anonymous reader pages may be kept this long by browsers and proxies; widget caches are as short,
# so a scheduled article shows up within a minute of its publication time.
READER_CACHE_SECONDS = env_int("READER_CACHE_SECONDS", 60)
# The page cache (portal/pagecache.py): on unless PAGE_CACHE=0. While one request renders a page
# whose content changed, others wait up to PAGE_CACHE_WAIT_SECONDS for it; a copy is kept this much
# longer than it is fresh, to be served while the page is rendered again or the database is down.
PAGE_CACHE = env_bool("PAGE_CACHE", True)
PAGE_CACHE_WAIT_SECONDS = float(env("PAGE_CACHE_WAIT_SECONDS", "2"))
PAGE_CACHE_STALE_SECONDS = env_int("PAGE_CACHE_STALE_SECONDS", 24 * 60 * 60)
# The view beacon: one view per reader (browser cookie, and client address on the server) per
# article in this window; the page's signed token is accepted for this long; at most
# this many counted views per client address per hour.
VIEW_DEDUP_SECONDS = env_int("VIEW_DEDUP_SECONDS", 30 * 60)
VIEW_TOKEN_MAX_AGE_SECONDS = env_int("VIEW_TOKEN_MAX_AGE_SECONDS", 4 * 60 * 60)
VIEW_MAX_PER_HOUR = env_int("VIEW_MAX_PER_HOUR", 300)
# Counted views are buffered (Redis, or a table without it) and added to the articles' totals and
# days at most this often, by the first beacon after that time, once its answer is sent
# (articles/viewbuffer.py; `manage.py flush_views` does it at once). A crash loses at most this.
VIEW_FLUSH_SECONDS = env_int("VIEW_FLUSH_SECONDS", 10)
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "imagekit.cachefiles.strategies.JustInTime"
# Renditions are made only from sources that pass portal.imagecheck.check_stored.
IMAGEKIT_DEFAULT_CACHEFILE_BACKEND = "articles.images.CheckedSourceBackend"

# --- Search, feeds, sitemaps and metadata (issue 5) -----------------------------------------
INSTALLED_APPS += ["django.contrib.sitemaps"]  # the sitemap and sitemap-index templates
MIDDLEWARE += ["portal.seo.NoindexAdminMiddleware"]  # X-Robots-Tag: noindex on the admin
# The site's public address (e.g. https://congthongtin.example.gov.vn): every absolute link (feeds,
# sitemaps, robots.txt, canonical and share tags, e-mails) is built from it, never from the Host
# header, which the client chooses. Required when DEBUG is off.
PUBLIC_BASE_URL = env("PUBLIC_BASE_URL", "http://127.0.0.1:8000" if DEBUG else "").rstrip("/")
if not PUBLIC_BASE_URL:
    raise SystemExit(
        "PUBLIC_BASE_URL is not set. Set it to the site's public address, e.g. "
        "https://congthongtin.example.gov.vn (or set DEBUG=1 for development)."
    )
if (
    not PUBLIC_BASE_URL.startswith(("http://", "https://"))
    or "/" in PUBLIC_BASE_URL.split("://", 1)[1]
):
    raise SystemExit(
        "PUBLIC_BASE_URL must be a scheme and a host, e.g. https://congthongtin.example.gov.vn "
        f"(it is {PUBLIC_BASE_URL!r})."
    )
# Meta description of pages with none of their own, when the site settings have no tagline.
SITE_DESCRIPTION = env("SITE_DESCRIPTION", "Thông tin chính thống, cập nhật về hoạt động của tỉnh.")

# --- Staff sign-in: login throttling and session expiry (issue 10, portal/login.py) ----------
# django-axes records failed sign-ins in the database (never the cache: sign-in must keep working
# and counting when Redis is down) and refuses sign-in, before any password is hashed, once one
# limit is reached: failures for one account from one address, for one account from any address,
# from one address against any accounts (higher: a newsroom's staff share the office's address).
# A failure counts while the next one follows within LOGIN_LOCKOUT_MINUTES; the lock then lasts
# LOGIN_LOCKOUT_MINUTES (short: anybody can lock an editor's account by failing on purpose).
# `manage.py unlock_login <username|address>` lifts a lock at once.
INSTALLED_APPS += ["axes"]
MIDDLEWARE += [
    "portal.login.StaffSessionMiddleware",  # idle expiry of staff sessions, see below
    "axes.middleware.AxesMiddleware",  # last: turns a refused sign-in into the lockout page
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked sign-in before the hashing
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS = env_int("LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS", 5)
LOGIN_FAILURES_PER_ACCOUNT = env_int("LOGIN_FAILURES_PER_ACCOUNT", 10)
LOGIN_FAILURES_PER_ADDRESS = env_int("LOGIN_FAILURES_PER_ADDRESS", 20)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)
AXES_HANDLER = "portal.login.LoginThrottle"  # axes' database handler, one limit per parameter
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username", "ip_address"]
AXES_FAILURE_LIMIT = LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS  # the scale LoginThrottle counts on
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # refused attempts neither count nor extend
AXES_CLIENT_IP_CALLABLE = "portal.login.client_address"  # portal.clients.client_ip decides
AXES_LOCKOUT_CALLABLE = "portal.login.lockout_response"  # the Vietnamese lockout page, 429
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False  # no start-up banner; failures and locks are still logged (WARNING)
LOGGING["loggers"]["axes"] = {"level": "WARNING"}  # failures and locks, not routine INFO lines
# Staff sessions end SESSION_COOKIE_AGE_SECONDS (8 hours, a shift) after the last admin request,
# not after sign-in (so a shift never ends in the middle of an article), and when the browser
# closes (shared newsroom computers).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE_SECONDS", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", True)
# --- end of staff sign-in settings ------------------------------------------------------------

# --- Media library, documents and galleries (issue 13, medialib) -----------------------------
# Library images: bytes of one upload (phone photos of 8–15 MB are normal), and the longest side
# (px) the stored copy is reduced to (renditions for readers are made from it).
MEDIA_IMAGE_MAX_MB = env_int("MEDIA_IMAGE_MAX_MB", 20)
MEDIA_IMAGE_MAX_SIDE = env_int("MEDIA_IMAGE_MAX_SIDE", 2560)
# Documents attached to articles (PDF, Word, Excel, ODT/ODS, ZIP): bytes of one file.
DOCUMENT_UPLOAD_MAX_MB = env_int("DOCUMENT_UPLOAD_MAX_MB", 20)
# The library's admin pages (one file per request) take bodies up to the larger of the two.
MEDIA_UPLOAD_PATH_PREFIX = ADMIN_PATH_PREFIX + "media/"
MEDIA_REQUEST_BODY_MAX_BYTES = (max(MEDIA_IMAGE_MAX_MB, DOCUMENT_UPLOAD_MAX_MB) + 3) * 1024 * 1024
# --- end of media library settings -----------------------------------------------------------
