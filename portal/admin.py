from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import SiteSettings


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    fieldsets = [
        (
            _("Header"),
            {"fields": ["site_name", "tagline", "logo", "header_background", "header_accent"]},
        ),
        (
            _("Footer"),
            {
                "fields": [
                    "publisher",
                    "editor_in_chief",
                    "address",
                    "phone",
                    "email",
                    "licence",
                    "copyright",
                ]
            },
        ),
        (
            _("Number of items per block"),
            {
                "fields": [
                    "items_featured",
                    "items_home_latest",
                    "items_per_category",
                    "items_latest",
                    "items_most_viewed",
                ]
            },
        ),
    ]

    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # One record: the list is pointless, open the form (creating the record on first visit).
        obj = SiteSettings.objects.filter(pk=1).first()
        if obj is None:
            obj = SiteSettings()
            obj.save()
        return redirect(reverse("admin:portal_sitesettings_change", args=[obj.pk]))
