"""Settings of the load benchmark (bench/load_bench.py): the project's, plus a bench-only URLconf
with the floor view (bench/urls.py). Never used by the site itself."""

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
