from django.urls import path, re_path

from . import uploads, views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("chuyen-muc/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    path("tag/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("tac-gia/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("don-vi/<slug:slug>/", views.UnitView.as_view(), name="unit"),
    path("xem-truoc/<int:pk>/", views.preview, name="preview"),
    path("editor/upload/", uploads.editor_upload, name="editor_upload"),
    re_path(
        r"^(?P<category>[-a-z0-9]+)/(?P<slug>[-a-z0-9]+)-(?P<pk>[0-9]+)\.html$",
        views.article_detail,
        name="detail",
    ),
]
