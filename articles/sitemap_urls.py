"""The sitemaps (issue 5), at the site's root: included by portal/urls.py without a namespace, so
their names stay `sitemap_index`, `sitemap_news` and `sitemap_section` (robots.txt names the
index by `sitemap_index`)."""

from django.urls import path

from . import sitemaps

urlpatterns = [
    path("sitemap.xml", sitemaps.index, name="sitemap_index"),
    path("sitemap-news.xml", sitemaps.news, name="sitemap_news"),
    path("sitemap-<slug:section>.xml", sitemaps.section, name="sitemap_section"),
]
