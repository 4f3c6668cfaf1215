from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import admin_shortcut, seo, views

admin.site.site_header = _("News portal administration")
admin.site.site_title = _("News portal")
admin.site.index_title = _("Newsroom")

urlpatterns = [
    # Before the admin's own "view on site" route, which it replaces (see portal/admin_shortcut.py).
    path("admin/r/<int:content_type_id>/<path:object_id>/", admin_shortcut.view_on_site),
    path("admin/", admin.site.urls),
    path("ngon-ngu/", views.switch_language, name="set_language"),  # the header's language button
    path("giao-dien.css", views.theme_css, name="theme_css"),  # header colours (site settings)
    path("healthz", views.health, name="health"),
    path("readyz", views.ready, name="ready"),
    # crawlers (issue 5): robots.txt, the sitemap index, its sections and the Google News sitemap
    path("robots.txt", seo.robots_txt, name="robots_txt"),
    path("", include("articles.sitemap_urls")),  # /sitemap.xml, /sitemap-news.xml, /sitemap-….xml
    path("", include("feedback.urls")),  # /lien-he/, /phan-hoi/…, /chinh-sach-bao-mat/
    path("", include("medialib.urls")),  # /tai-lieu/<id>/<name>: attached documents, as downloads
    path("", include("search.urls")),  # /tim-kiem/
    path("", include("articles.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
