"""The project's settings, plus a few probe views (tests/deploy/probe_urls.py) that let the nginx
tests check the micro-cache's storage rules on responses the app itself never makes."""

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "tests.deploy.probe_urls"

# The probes test nginx's rules alone: the app's own page cache (portal/pagecache.py) leaves them.
PAGE_CACHE_SKIP_PREFIXES = (*PAGE_CACHE_SKIP_PREFIXES, "/_probe/")  # noqa: F405
