from django.urls import re_path

from . import views

app_name = "media"

urlpatterns = [
    re_path(
        r"^tai-lieu/(?P<pk>[0-9]+)/(?P<name>[-a-z0-9]+\.[a-z0-9]+)$",
        views.download,
        name="document",
    ),
]
