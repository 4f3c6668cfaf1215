"""The project's settings, plus a few probe views (tests/deploy/probe_urls.py) that let the nginx
tests check the micro-cache's storage rules on responses the app itself never makes."""

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "tests.deploy.probe_urls"
# The probes test nginx's rules alone: they are not reader pages (portal.caching.reader_page), so
# the app's own page cache (portal/pagecache.py) never looks them up.
