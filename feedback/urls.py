from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("lien-he/", views.contact, name="contact"),
    path("chinh-sach-bao-mat/", views.privacy, name="privacy"),
    path("phan-hoi/bai-viet/<int:pk>/", views.article_feedback, name="article"),
]
