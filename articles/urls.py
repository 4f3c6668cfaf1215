from django.urls import path, re_path

from . import feeds, uploads, views, views_count

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("chuyen-muc/<slug:slug>/", views.category_view, name="category"),
    path("tag/<slug:slug>/", views.tag_view, name="tag"),
    path("tac-gia/<slug:slug>/", views.author_view, name="author"),
    path("don-vi/<slug:slug>/", views.unit_view, name="unit"),
    path("xem-truoc/<int:pk>/", views.preview, name="preview"),
    path("editor/upload/", uploads.editor_upload, name="editor_upload"),
    # feeds (issue 5)
    path("rss/", feeds.latest_rss, name="rss"),
    path("atom/", feeds.latest_atom, name="atom"),
    path("rss/<slug:slug>/", feeds.category_rss, name="category_rss"),
    path("atom/<slug:slug>/", feeds.category_atom, name="category_atom"),
    # reader site: view beacon, print view
    path("luot-xem/", views_count.view_beacon, name="view_beacon"),
    re_path(
        r"^(?P<category>[-a-z0-9]+)/(?P<slug>[-a-z0-9]+)-(?P<pk>[0-9]+)/in/$",
        views.article_print,
        name="print",
    ),
    re_path(
        r"^(?P<category>[-a-z0-9]+)/(?P<slug>[-a-z0-9]+)-(?P<pk>[0-9]+)\.html$",
        views.article_detail,
        name="detail",
    ),
]
